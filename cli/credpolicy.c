/* credpolicy: the admin's CLI. Only dispatch lives here. */
#include "config.h"

#include "cli/commands.h"
#include "frame/dispatch.h"
#include "i18n.h"

static const struct cli_command commands[] = {
        {"check", cmd_check, N_("check passwords read from standard input against the policy")},
        {"breach", cmd_breach, N_("build, query or describe a compromised-password index")},
        {"leak", cmd_leak, N_("report a suspected password leak for a user")},
};

static const struct cli_program program = {
        .name = "credpolicy",
        .usage_head = N_("Usage: credpolicy COMMAND [OPTION]...\n\nCommands:\n"),
        .usage_foot = N_("\nRun 'credpolicy COMMAND --help' for a command's options.\n"
                         "Exit status: 0 accepted, 1 rejected or found, 2 error.\n"),
        .commands = commands,
        .ncommands = sizeof commands / sizeof commands[0],
};

int main(int argc, char **argv)
{
	return cli_main(&program, argc, argv);
}
