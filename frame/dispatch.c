#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "frame/dispatch.h"
#include "i18n.h"

static void usage(const struct cli_program *p, FILE *out)
{
	int width = 9; /* the summaries line up after the longest name */

	for (size_t i = 0; i < p->ncommands; i++)
		if ((int)strlen(p->commands[i].name) > width)
			width = (int)strlen(p->commands[i].name);
	fputs(_(p->usage_head), out);
	for (size_t i = 0; i < p->ncommands; i++)
		fprintf(out, "  %-*s %s\n", width, p->commands[i].name, _(p->commands[i].summary));
	fputs(_(p->usage_foot), out);
}

int cli_main(const struct cli_program *p, int argc, char **argv)
{
	setlocale(LC_ALL, "");
	i18n_init();
	if (argc < 2) {
		usage(p, stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(p, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", p->name, PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < p->ncommands; i++)
		if (strcmp(argv[1], p->commands[i].name) == 0)
			return p->commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, _("%s: unknown command '%s'\n"), p->name, argv[1]);
	usage(p, stderr);
	return 2;
}
