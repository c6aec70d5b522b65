/* credaudit accounts: the special-accounts inventory (clause 4(4)) and
 * confirmed leaks (clause 3(1)④). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "auditor/commands.h"
#include "auditor/inventory_cli.h"
#include "i18n.h"
#include "paths.h"
#include "policy/settings.h"
#include "rules/rule_set.h"

static void usage(FILE *out)
{
	fprintf(out,
	        _("Usage: credaudit accounts [--root DIR] [--format text|json] [--scan | "
	          "--no-scan]\n"
	          "                          [--rules DIR]... [--hooks-dir DIR]\n"
	          "                          [--max-crypt N] [--crypt-seconds S]\n"
	          "Inventory every account of a live system or a mounted root file system:\n"
	          "human, system or special, why, its credentials and the disposal action.\n\n"
	          "  --root DIR          read DIR as the root file system (default /)\n"
	          "  --format FORMAT     text (default) or json (one object per line)\n"
	          "  --scan              scan homes, /etc, /root, /srv, /opt and backups for\n"
	          "                      stored credentials and try clear passwords against\n"
	          "                      the shadow hashes (default)\n"
	          "  --no-scan           read the account files only\n"
	          "  --rules DIR         scanner rules directory (repeatable; default %s)\n"
	          "  --hooks-dir DIR     leak hooks run for each confirmed leak (default %s)\n"
	          "  --max-crypt N       at most N password hash computations (default %u)\n"
	          "  --crypt-seconds S   at most S seconds hashing (default %.0f)\n"
	          "  --help              show this help\n\n"
	          "Exit status: 0 nothing found, 1 special accounts, accounts with reasons or\n"
	          "ignored lines in the account files, 2 error or incomplete audit (a source\n"
	          "could not be read).\n"),
	        PATH_RULES_DIR " and " PATH_LOCAL_RULES_DIR, PATH_HOOKS_DIR,
	        CONFIRM_MAX_CALLS_DEFAULT, CONFIRM_MAX_SECONDS_DEFAULT);
	inventory_cli_usage(out);
}

struct accounts_opts {
	struct inventory_cli inv;
	const char *format;
};

static int parse_opts(int argc, char **argv, struct accounts_opts *o)
{
	static const struct option opts[] = {INVENTORY_CLI_OPTIONS,
	                                     {"format", required_argument, NULL, 'f'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	int c;

	inventory_cli_init(&o->inv, "credaudit accounts");
	o->format = "text";
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return 0;
		}
		if (c == 'f')
			o->format = optarg;
		else if (inventory_cli_opt(&o->inv, c, optarg) != 0)
			return 2;
	}
	if (optind != argc || (strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0))
		return 2;
	if (o->inv.root == NULL)
		o->inv.root = "/";
	return -1;
}

/* What the scan found that the inventory does not show. */
static void scan_notes(const struct cred_scan *cs)
{
	if (cs->budget.skipped > 0)
		fprintf(stderr,
		        _("credaudit accounts: hashing budget spent (%u computations): %u "
		          "candidate checks not done; raise --max-crypt or "
		          "--crypt-seconds\n"),
		        cs->budget.calls, cs->budget.skipped);
	if (cs->confirmed > 0)
		fprintf(stderr,
		        _("credaudit accounts: %zu stored password(s) open their account "
		          "(confirmed leak)\n"),
		        cs->confirmed);
}

static void open_failed(enum inventory_stage st, const char *err)
{
	if (st == INVENTORY_RULES)
		fprintf(stderr, _("credaudit accounts: %s (give --rules DIR, or --no-scan)\n"),
		        err);
	else if (st == INVENTORY_SCAN)
		fprintf(stderr, _("credaudit accounts: scanning: out of memory\n"));
	else if (st == INVENTORY_ACCOUNTS)
		fprintf(stderr, _("credaudit accounts: cannot read the account files: %s\n"), err);
	else
		fprintf(stderr, _("credaudit accounts: %s\n"), err);
}

int cmd_accounts(int argc, char **argv)
{
	struct accounts_opts o;
	struct inventory_opts req;
	struct inventory inv;
	enum inventory_stage st;
	char err[512];
	int rc;

	rc = parse_opts(argc, argv, &o);
	if (rc >= 0) {
		if (rc == 2)
			usage(stderr);
		return rc;
	}
	if (o.inv.scan && load_fingerprint_key("accounts", o.inv.fingerprint_key, false) != 0)
		return 2;
	req = inventory_cli_request(&o.inv);
	st = inventory_open(&inv, &req, err, sizeof err);
	if (st != INVENTORY_OK) {
		open_failed(st, err);
		return 2;
	}
	if (inv.scanned)
		scan_notes(&inv.scan);
	for (size_t i = 0; i < inv.db->diags.n; i++)
		fprintf(stderr, "credaudit accounts: %s\n", inv.db->diags.msg[i]);
	if (inv.db->diags.dropped)
		fprintf(stderr, _("credaudit accounts: %zu more messages not shown\n"),
		        inv.db->diags.dropped);
	rc = strcmp(o.format, "json") == 0 ? accounts_write_json(inv.db, stdout)
	                                   : accounts_write_text(inv.db, stdout);
	if (rc == 0 && fflush(stdout) != 0)
		rc = -1;
	if (rc != 0)
		fprintf(stderr, _("credaudit accounts: writing the output failed\n"));
	rc = rc != 0 || inv.db->incomplete ? 2
	     : accounts_flagged_count(inv.db) > 0 || inv.db->nsrc > 0 || inv.db->src_dropped > 0
	             ? 1
	             : 0;
	inventory_close(&inv);
	return rc;
}
