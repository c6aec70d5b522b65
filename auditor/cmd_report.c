/* credaudit report: the disposal report (clauses 4(1), 4(3), 4(4)). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "auditor/commands.h"
#include "i18n.h"
#include "logline.h"
#include "timefmt.h"

#define MAX_DEVICES   32
#define MAX_RULE_DIRS 16

static void usage(FILE *out)
{
	fprintf(out,
	        _("Usage: credaudit report [--root DIR] [--device PATH]... -o FILE.json|FILE.html\n"
	          "                        [--lang ja|en|both] [--rules DIR]... [--no-scan]\n"
	          "                        [--samples N] [--block-size BYTES] [--full-scan]\n"
	          "                        [--hooks-dir DIR] [--max-crypt N] [--crypt-seconds S]\n"
	          "Write the disposal report of a host, a root file system or devices being\n"
	          "retired: accounts, residual credentials (backups included), LUKS key slots\n"
	          "and a sampled wipe check per device, and a verdict per clause 4(1), 4(3), "
	          "4(4).\n\n"
	          "  --root DIR          root file system to assess (default / when no --device)\n"
	          "  --device PATH       block device or image to check (repeatable)\n"
	          "  -o FILE             FILE.json, or FILE.html (FILE.json is written beside "
	          "it);\n"
	          "                      give -o twice for explicit names of both\n"
	          "  --lang LANG         languages of the HTML page: both (default), ja or en\n"
	          "  --rules DIR         scanner rules directory (repeatable; default %s)\n"
	          "  --no-scan           do not scan for residual credentials\n"
	          "  --samples N         blocks sampled per device (default 256)\n"
	          "  --block-size BYTES  sample block size (default 4096)\n"
	          "  --full-scan         scan each whole device for credential signatures\n"
	          "  --hooks-dir DIR     leak hooks run for each confirmed leak (default %s)\n"
	          "  --max-crypt N, --crypt-seconds S   hashing budget for confirming leaks\n"
	          "  --help              show this help\n\n"
	          "Exit status: 0 every verdict passes (or is not assessed), 1 a verdict fails,\n"
	          "2 error.\n"),
	        PKGDATADIR "/rules", LEAK_HOOKS_DIR_DEFAULT);
}

struct report_opts {
	const char *root, *out[2], *hooks_dir;
	const char *dev[MAX_DEVICES], *rule_dirs[MAX_RULE_DIRS + 1];
	int ndev, nout, nrules, scan, full_scan;
	unsigned samples, block_size, max_crypt;
	double crypt_seconds;
	enum report_lang lang;
};

static int num(const char *s, unsigned long max, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v == 0 || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int parse_opts(int argc, char **argv, struct report_opts *o)
{
	static const struct option opts[] = {{"root", required_argument, NULL, 'r'},
	                                     {"device", required_argument, NULL, 'd'},
	                                     {"output", required_argument, NULL, 'o'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {"rules", required_argument, NULL, 'R'},
	                                     {"no-scan", no_argument, NULL, 'n'},
	                                     {"samples", required_argument, NULL, 'S'},
	                                     {"block-size", required_argument, NULL, 'b'},
	                                     {"full-scan", no_argument, NULL, 'F'},
	                                     {"hooks-dir", required_argument, NULL, 'H'},
	                                     {"max-crypt", required_argument, NULL, 'm'},
	                                     {"crypt-seconds", required_argument, NULL, 't'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	int c;

	memset(o, 0, sizeof *o);
	o->scan = 1;
	o->samples = 256;
	o->block_size = 4096;
	o->hooks_dir = LEAK_HOOKS_DIR_DEFAULT;
	o->max_crypt = CONFIRM_MAX_CALLS_DEFAULT;
	o->crypt_seconds = CONFIRM_MAX_SECONDS_DEFAULT;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			o->root = optarg;
			break;
		case 'd':
			if (o->ndev == MAX_DEVICES)
				return 2;
			o->dev[o->ndev++] = optarg;
			break;
		case 'o':
			if (o->nout == 2)
				return 2;
			o->out[o->nout++] = optarg;
			break;
		case 'l':
			if (strcmp(optarg, "both") == 0)
				o->lang = LANG_BOTH;
			else if (strcmp(optarg, "ja") == 0)
				o->lang = LANG_JA;
			else if (strcmp(optarg, "en") == 0)
				o->lang = LANG_EN;
			else
				return 2;
			break;
		case 'R':
			if (o->nrules == MAX_RULE_DIRS)
				return 2;
			o->rule_dirs[o->nrules++] = optarg;
			break;
		case 'n':
			o->scan = 0;
			break;
		case 'S':
			if (num(optarg, 1000000, &o->samples) != 0)
				return 2;
			break;
		case 'b':
			if (num(optarg, 1u << 24, &o->block_size) != 0)
				return 2;
			break;
		case 'F':
			o->full_scan = 1;
			break;
		case 'H':
			o->hooks_dir = optarg;
			break;
		case 'm':
			if (num(optarg, 100000000, &o->max_crypt) != 0)
				return 2;
			break;
		case 't':
			o->crypt_seconds = strtod(optarg, NULL);
			if (o->crypt_seconds <= 0)
				return 2;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			return 2;
		}
	}
	if (optind != argc || o->nout == 0)
		return 2;
	if (o->root == NULL && o->ndev == 0)
		o->root = "/";
	if (o->nrules == 0)
		o->rule_dirs[o->nrules++] = PKGDATADIR "/rules";
	return -1;
}

static int ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

/* -o names: one .json, one .html, or a .html alone (its .json beside it). */
static int output_paths(const struct report_opts *o, char **json, char **html)
{
	*json = *html = NULL;
	for (int i = 0; i < o->nout; i++) {
		char **dst = ends_with(o->out[i], ".json")   ? json
		             : ends_with(o->out[i], ".html") ? html
		                                             : NULL;
		if (dst == NULL || *dst != NULL)
			return -1;
		*dst = strdup(o->out[i]);
	}
	if (*json == NULL && *html != NULL) {
		size_t n = strlen(*html) - 5;
		*json = malloc(n + 6);
		if (*json != NULL)
			snprintf(*json, n + 6, "%.*s.json", (int)n, *html);
	}
	return *json != NULL ? 0 : -1;
}

static void hook_log(void *ctx, int priority, const char *line)
{
	logline_syslog(priority, "credaudit", line);
	fprintf(stderr, "credaudit report: %s\n", line);
}

static void on_sample(void *ctx, const unsigned char *buf, size_t len, uint64_t offset)
{
	struct cred_scan *cs = ctx;
	cred_scan_buffer(cs, cs->cur_device, buf, len, offset);
}

int cmd_report(int argc, char **argv)
{
	struct report_opts o;
	struct report_device dev[MAX_DEVICES];
	struct report_input in = {0};
	struct accounts_db *db = NULL;
	struct cred_scan cs;
	char err[1024], when[RFC3339_LEN], sha[65];
	char *json_path = NULL, *html_path = NULL, *json = NULL;
	int rc, status = 2, have_scan = 0;

	rc = parse_opts(argc, argv, &o);
	if (rc >= 0) {
		if (rc == 2)
			usage(stderr);
		return rc;
	}
	if (output_paths(&o, &json_path, &html_path) != 0) {
		fprintf(stderr, _("credaudit report: -o takes FILE.json and/or FILE.html\n"));
		goto out;
	}
	if (o.root != NULL && accounts_load(&db, o.root, err, sizeof err) != 0) {
		fprintf(stderr, "credaudit report: %s\n", err);
		goto out;
	}
	if (o.scan) {
		if (cred_scan_init(&cs, db, o.rule_dirs, err, sizeof err) != 0) {
			fprintf(stderr,
			        _("credaudit report: %s (give --rules DIR, or --no-scan)\n"), err);
			goto out;
		}
		have_scan = 1;
		crypt_budget_init(&cs.budget, o.max_crypt, o.crypt_seconds);
		cs.hooks_dir = o.hooks_dir;
		cs.log = hook_log;
		if (db != NULL && cred_scan_defaults(&cs) != 0) {
			fprintf(stderr, _("credaudit report: scanning: out of memory\n"));
			goto out;
		}
	}
	if (db != NULL)
		accounts_classify(db);
	memset(dev, 0, sizeof dev);
	for (int i = 0; i < o.ndev; i++) {
		struct report_device *d = &dev[i];

		d->path = o.dev[i];
		d->first_finding = have_scan ? cs.n : 0;
		if (luks_check(d->path, &d->luks, err, sizeof err) != 0)
			snprintf(d->error, sizeof d->error, "%s", err);
		if (have_scan)
			cs.cur_device = d->path;
		if (!d->error[0] &&
		    wipe_sample(d->path, o.samples, o.block_size, have_scan ? on_sample : NULL, &cs,
		                &d->wipe, err, sizeof err) != 0)
			snprintf(d->error, sizeof d->error, "%s", err);
		if (!d->error[0] && have_scan && o.full_scan) {
			cred_scan_truncate(
			        &cs, d->first_finding); /* the full scan sees the samples again */
			d->full_scan = cred_scan_device(&cs, d->path) == 0;
		}
		d->nfindings = have_scan ? cs.n - d->first_finding : 0;
		if (d->error[0])
			fprintf(stderr, "credaudit report: %s\n", d->error);
	}
	if (db != NULL)
		for (size_t i = 0; i < db->diags.n; i++)
			fprintf(stderr, "credaudit report: %s\n", db->diags.msg[i]);
	rfc3339_now(when, sizeof when);
	in.root = o.root;
	in.db = db;
	in.scan = have_scan ? &cs : NULL;
	in.dev = dev;
	in.ndev = (size_t)o.ndev;
	in.version = PACKAGE_VERSION;
	in.generated = when;
	json = report_json(&in);
	if (json == NULL) {
		fprintf(stderr, _("credaudit report: out of memory\n"));
		goto out;
	}
	if (report_write_files(json, json_path, html_path, o.lang, sha, err, sizeof err) != 0) {
		fprintf(stderr, "credaudit report: %s\n", err);
		goto out;
	}
	printf(_("Report written: %s%s%s\nSHA-256 of the JSON: %s\n"), json_path,
	       html_path ? ", " : "", html_path ? html_path : "", sha);
	status = report_status(json);
out:
	free(json);
	free(json_path);
	free(html_path);
	if (have_scan)
		cred_scan_free(&cs);
	accounts_free(db);
	return status;
}
