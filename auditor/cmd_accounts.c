/* credaudit accounts: the special-accounts inventory (clause 4(4)). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/accounts.h"
#include "auditor/commands.h"
#include "i18n.h"

static void usage(FILE *out)
{
	fprintf(out, _("Usage: credaudit accounts [--root DIR] [--format text|json] [--scan | --no-scan]\n"
		       "                          [--rules DIR] [--hooks-dir DIR]\n"
		       "Inventory every account of a live system or a mounted root file system:\n"
		       "human, system or special, why, its credentials and the disposal action.\n\n"
		       "  --root DIR        read DIR as the root file system (default /)\n"
		       "  --format FORMAT   text (default) or json (one object per line)\n"
		       "  --scan            scan homes and /etc for stored credentials and try\n"
		       "                    clear ones against the shadow hashes (default)\n"
		       "  --no-scan         read account files only\n"
		       "  --rules DIR       scanner rules directory (repeatable)\n"
		       "  --hooks-dir DIR   leak hooks to run for confirmed leaks\n"
		       "  --help            show this help\n\n"
		       "Exit status: 0 no special accounts, 1 special accounts found, 2 error.\n"));
}

int cmd_accounts(int argc, char **argv)
{
	static const struct option opts[] = {
		{"root", required_argument, NULL, 'r'}, {"format", required_argument, NULL, 'f'},
		{"scan", no_argument, NULL, 's'},       {"no-scan", no_argument, NULL, 'n'},
		{"rules", required_argument, NULL, 'R'}, {"hooks-dir", required_argument, NULL, 'H'},
		{"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
	const char *root = NULL, *format = "text";
	struct accounts_db *db = NULL;
	char err[512];
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			root = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 's':
		case 'n':
		case 'R':
		case 'H':
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)) {
		usage(stderr);
		return 2;
	}
	rc = accounts_load(&db, root, err, sizeof err);
	if (rc != 0) {
		fprintf(stderr, _("credaudit accounts: %s\n"), err);
		return 2;
	}
	for (size_t i = 0; i < db->diags.n; i++)
		fprintf(stderr, "credaudit accounts: %s\n", db->diags.msg[i]);
	accounts_classify(db);
	rc = strcmp(format, "json") == 0 ? accounts_write_json(db, stdout) : accounts_write_text(db, stdout);
	if (rc == 0 && fflush(stdout) != 0)
		rc = -1;
	c = rc != 0 ? 2 : accounts_special_count(db) > 0 ? 1 : 0;
	accounts_free(db);
	return c;
}
