/* credpolicy leak: report (cmd_leak.c) and the ledger's review, list, show
 * and dismiss (cmd_leak_ledger.c). */
#ifndef CREDPOLICY_CLI_CMD_LEAK_H
#define CREDPOLICY_CLI_CMD_LEAK_H

#include <stdio.h>

#include "policy/settings.h"

/* What credpolicy.conf says about leaks. */
struct leak_cli_conf {
	char *hooks_dir;
	char *ledger;
	int timeout;
};

/* Load the settings file (NULL: the default, which may be missing).
 * Returns 0, or 2 after printing the error. */
int leak_cli_conf_load(const char *config, struct leak_cli_conf *c);
void leak_cli_conf_free(struct leak_cli_conf *c);

void leak_ledger_usage(FILE *out);
int leak_list_cmd(int argc, char **argv);
int leak_show_cmd(int argc, char **argv);
int leak_dismiss_cmd(int argc, char **argv);

#endif
