/* credpolicy: the admin's CLI. Only dispatch lives here. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "i18n.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *summary;
} commands[] = {
	{"check", cmd_check, N_("check passwords read from standard input against the policy")},
	{"breach", cmd_breach, N_("build, query or describe a compromised-password index")},
	{"leak", cmd_leak, N_("report a suspected password leak for a user")},
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: credpolicy COMMAND [OPTION]...\n\nCommands:\n"));
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
	fprintf(out, _("\nRun 'credpolicy COMMAND --help' for a command's options.\n"
		       "Exit status: 0 accepted, 1 rejected or found, 2 error.\n"));
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
		printf("credpolicy %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, _("credpolicy: unknown command '%s'\n"), argv[1]);
	usage(stderr);
	return 2;
}
