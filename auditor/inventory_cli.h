/* The options credaudit accounts and credaudit report share: the root,
 * the rules, the hooks and the hashing budget for confirming leaks. */
#ifndef CREDPOLICY_AUDITOR_INVENTORY_CLI_H
#define CREDPOLICY_AUDITOR_INVENTORY_CLI_H

#include <getopt.h>
#include <stdio.h>
#include <stdbool.h>

#include "accounts/inventory.h"

#define INVENTORY_CLI_MAX_RULES 16

/* getopt_long entries of the shared options. */
#define INVENTORY_CLI_OPTIONS                                                                      \
	{"root", required_argument, NULL, 'r'}, {"scan", no_argument, NULL, 's'},                  \
	        {"no-scan", no_argument, NULL, 'n'}, {"rules", required_argument, NULL, 'R'},      \
	        {"hooks-dir", required_argument, NULL, 'H'},                                       \
	        {"fingerprint-key", required_argument, NULL, 'k'},                                 \
	        {"ledger", required_argument, NULL, 'L'},                                          \
	        {"max-crypt", required_argument, NULL, 'm'},                                       \
	{                                                                                          \
		"crypt-seconds", required_argument, NULL, 't'                                      \
	}

struct inventory_cli {
	const char *prog; /* "credaudit accounts": prefix of the hook log lines */
	const char *root, *hooks_dir, *fingerprint_key, *ledger;
	const char *rule_dirs[INVENTORY_CLI_MAX_RULES + 1];
	int nrules;
	bool scan;
	unsigned max_crypt;
	double crypt_seconds;
};

void inventory_cli_init(struct inventory_cli *o, const char *prog);
/* Take one option: 0 taken, 2 a bad value, 1 not a shared option. */
int inventory_cli_opt(struct inventory_cli *o, int c, const char *arg);
/* What to ask inventory_open() for: the given options, the installed
 * credpolicy.conf, hook runs logged to syslog and stderr. */
struct inventory_opts inventory_cli_request(const struct inventory_cli *o);

/* The help lines of the options above that --help must add. */
void inventory_cli_usage(FILE *out);

#endif
