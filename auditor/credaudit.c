/* credaudit: the auditor's CLI. Only dispatch lives here. */
#include "config.h"

#include "auditor/commands.h"
#include "frame/dispatch.h"
#include "i18n.h"

static const struct cli_command commands[] = {
        {"scan", cmd_scan, N_("find stored credentials in files, archives and devices (3(1)⑤)")},
        {"rules", cmd_rules, N_("list the rules, or test them against their own examples")},
        {"accounts", cmd_accounts, N_("inventory special accounts and their credentials (4(4))")},
        {"report", cmd_report, N_("write the disposal report (4(1), 4(3), 4(4))")},
        {"fleet-report", cmd_fleet, N_("merge the audit results of many hosts into one report")},
};

static const struct cli_program program = {
        .name = "credaudit",
        .usage_head = N_("Usage: credaudit COMMAND [OPTION]...\n\nCommands:\n"),
        .usage_foot = N_("\nRun 'credaudit COMMAND --help' for a command's options.\n"
                         "Exit status: 0 clean, 1 findings, 2 error.\n"),
        .commands = commands,
        .ncommands = sizeof commands / sizeof commands[0],
};

int main(int argc, char **argv)
{
	return cli_main(&program, argc, argv);
}
