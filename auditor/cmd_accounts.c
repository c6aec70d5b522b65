/* credaudit accounts: the special-accounts inventory (clause 4(4)) and
 * confirmed leaks (clause 3(1)④). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "accounts/accounts.h"
#include "accounts/cred_scan.h"
#include "auditor/commands.h"
#include "i18n.h"
#include "logline.h"

#define MAX_RULE_DIRS 16

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
	        PKGDATADIR "/rules", LEAK_HOOKS_DIR_DEFAULT, CONFIRM_MAX_CALLS_DEFAULT,
	        CONFIRM_MAX_SECONDS_DEFAULT);
}

/* Hook runs and refusals: to syslog (clause 1(6)④) and to stderr. */
static void hook_log(void *ctx, int priority, const char *line)
{
	logline_syslog(priority, "credaudit", line);
	fprintf(stderr, "credaudit accounts: %s\n", line);
}

struct accounts_opts {
	const char *root, *format, *hooks_dir;
	const char *rule_dirs[MAX_RULE_DIRS + 1];
	int nrules, scan;
	unsigned max_crypt;
	double crypt_seconds;
};

static int parse_opts(int argc, char **argv, struct accounts_opts *o)
{
	static const struct option opts[] = {{"root", required_argument, NULL, 'r'},
	                                     {"format", required_argument, NULL, 'f'},
	                                     {"scan", no_argument, NULL, 's'},
	                                     {"no-scan", no_argument, NULL, 'n'},
	                                     {"rules", required_argument, NULL, 'R'},
	                                     {"hooks-dir", required_argument, NULL, 'H'},
	                                     {"max-crypt", required_argument, NULL, 'm'},
	                                     {"crypt-seconds", required_argument, NULL, 't'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	char *end;
	int c;

	memset(o, 0, sizeof *o);
	o->format = "text";
	o->hooks_dir = LEAK_HOOKS_DIR_DEFAULT;
	o->scan = 1;
	o->max_crypt = CONFIRM_MAX_CALLS_DEFAULT;
	o->crypt_seconds = CONFIRM_MAX_SECONDS_DEFAULT;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			o->root = optarg;
			break;
		case 'f':
			o->format = optarg;
			break;
		case 's':
		case 'n':
			o->scan = c == 's';
			break;
		case 'R':
			if (o->nrules == MAX_RULE_DIRS)
				return 2;
			o->rule_dirs[o->nrules++] = optarg;
			break;
		case 'H':
			o->hooks_dir = optarg;
			break;
		case 'm':
			o->max_crypt = (unsigned)strtoul(optarg, &end, 10);
			if (*end != '\0' || *optarg == '\0')
				return 2;
			break;
		case 't':
			o->crypt_seconds = strtod(optarg, &end);
			if (*end != '\0' || o->crypt_seconds <= 0)
				return 2;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			return 2;
		}
	}
	if (optind != argc || (strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0))
		return 2;
	if (o->nrules == 0)
		o->rule_dirs[o->nrules++] = PKGDATADIR "/rules";
	return -1;
}

int cmd_accounts(int argc, char **argv)
{
	struct accounts_opts o;
	struct accounts_db *db = NULL;
	struct cred_scan cs;
	char err[512];
	int rc, status = 2;

	rc = parse_opts(argc, argv, &o);
	if (rc >= 0) {
		if (rc == 2)
			usage(stderr);
		return rc;
	}
	rc = accounts_load(&db, o.root, err, sizeof err);
	if (rc != 0) {
		fprintf(stderr, _("credaudit accounts: %s\n"), err);
		return 2;
	}
	if (o.scan) {
		rc = cred_scan_init(&cs, db, o.rule_dirs, err, sizeof err);
		if (rc != 0) {
			fprintf(stderr,
			        _("credaudit accounts: %s (give --rules DIR, or --no-scan)\n"),
			        err);
			goto out;
		}
		crypt_budget_init(&cs.budget, o.max_crypt, o.crypt_seconds);
		cs.hooks_dir = o.hooks_dir;
		cs.log = hook_log;
		rc = cred_scan_defaults(&cs);
		if (cs.budget.skipped > 0)
			fprintf(stderr,
			        _("credaudit accounts: hashing budget spent (%u computations): %u "
			          "candidate checks not done; raise --max-crypt or "
			          "--crypt-seconds\n"),
			        cs.budget.calls, cs.budget.skipped);
		if (cs.confirmed > 0)
			fprintf(stderr,
			        _("credaudit accounts: %zu stored password(s) open their account "
			          "(confirmed leak)\n"),
			        cs.confirmed);
		cred_scan_free(&cs);
		if (rc != 0) {
			fprintf(stderr, _("credaudit accounts: scanning: out of memory\n"));
			goto out;
		}
	}
	for (size_t i = 0; i < db->diags.n; i++)
		fprintf(stderr, "credaudit accounts: %s\n", db->diags.msg[i]);
	if (db->diags.dropped)
		fprintf(stderr, _("credaudit accounts: %zu more messages not shown\n"),
		        db->diags.dropped);
	accounts_classify(db);
	rc = strcmp(o.format, "json") == 0 ? accounts_write_json(db, stdout)
	                                   : accounts_write_text(db, stdout);
	if (rc == 0 && fflush(stdout) != 0)
		rc = -1;
	if (rc != 0)
		fprintf(stderr, _("credaudit accounts: writing the output failed\n"));
	status = rc != 0 || db->incomplete                                               ? 2
	         : accounts_flagged_count(db) > 0 || db->nsrc > 0 || db->src_dropped > 0 ? 1
	                                                                                 : 0;
out:
	accounts_free(db);
	return status;
}
