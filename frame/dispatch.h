/* The entry point both CLIs share: locale and translations, --help,
 * --version, and dispatch to a subcommand. Each subcommand gets argv
 * starting at its own name and returns the exit status. */
#ifndef CREDPOLICY_FRAME_DISPATCH_H
#define CREDPOLICY_FRAME_DISPATCH_H

#include <stddef.h>

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary; /* N_() text */
};

struct cli_program {
	const char *name;       /* "credpolicy" */
	const char *usage_head; /* N_() text printed before the command list */
	const char *usage_foot; /* N_() text printed after it */
	const struct cli_command *commands;
	size_t ncommands;
};

int cli_main(const struct cli_program *p, int argc, char **argv);

#endif
