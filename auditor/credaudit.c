/* credaudit: the auditor's CLI. Only dispatch lives here. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "auditor/commands.h"
#include "i18n.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *summary;
} commands[] = {
	{"scan", cmd_scan, N_("find stored credentials in files, archives and devices (3(1)⑤)")},
	{"rules", cmd_rules, N_("list the rules, or test them against their own examples")},
	{"accounts", cmd_accounts, N_("inventory special accounts and their credentials (4(4))")},
	{"report", cmd_report, N_("write the disposal report (4(1), 4(3), 4(4))")},
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: credaudit COMMAND [OPTION]...\n\nCommands:\n"));
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, _(commands[i].summary));
	fprintf(out, _("\nRun 'credaudit COMMAND --help' for a command's options.\n"
		       "Exit status: 0 clean, 1 findings, 2 error.\n"));
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	i18n_init();
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("credaudit %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, _("credaudit: unknown command '%s'\n"), argv[1]);
	usage(stderr);
	return 2;
}
