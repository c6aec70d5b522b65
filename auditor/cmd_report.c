/* credaudit report: the disposal report (clauses 4(1), 4(3), 4(4)). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "report/report.h"
#include "frame/options.h"
#include "auditor/commands.h"
#include "auditor/inventory_cli.h"
#include "auditor/report_cli.h"
#include "i18n.h"
#include "policy/settings.h"
#include "rules/rule_set.h"

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
	        PATH_RULES_DIR " and " PATH_LOCAL_RULES_DIR, PATH_HOOKS_DIR);
	inventory_cli_usage(out);
}

struct report_opts {
	struct inventory_cli inv;
	const char *out[2];
	const char *dev[REPORT_DEVICES_MAX];
	int ndev, nout;
	bool full_scan;
	unsigned samples, block_size;
	enum report_lang lang;
};

/* One option of the report's own: 0, or 2 (usage). */
static int report_opt(struct report_opts *o, int c, char *arg)
{
	switch (c) {
	case 'd':
		if (o->ndev == REPORT_DEVICES_MAX)
			return 2;
		o->dev[o->ndev++] = arg;
		return 0;
	case 'o':
		if (o->nout == 2)
			return 2;
		o->out[o->nout++] = arg;
		return 0;
	case 'l':
		return report_parse_lang(arg, &o->lang);
	case 'S':
		return opt_unsigned(arg, 1, 1000000, &o->samples) != 0 ? 2 : 0;
	case 'b':
		return opt_unsigned(arg, 1, 1u << 24, &o->block_size) != 0 ? 2 : 0;
	case 'F':
		o->full_scan = true;
		return 0;
	}
	return inventory_cli_opt(&o->inv, c, arg) != 0 ? 2 : 0;
}

static int parse_opts(int argc, char **argv, struct report_opts *o)
{
	static const struct option opts[] = {INVENTORY_CLI_OPTIONS,
	                                     {"device", required_argument, NULL, 'd'},
	                                     {"output", required_argument, NULL, 'o'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {"samples", required_argument, NULL, 'S'},
	                                     {"block-size", required_argument, NULL, 'b'},
	                                     {"full-scan", no_argument, NULL, 'F'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	int c;

	memset(o, 0, sizeof *o);
	inventory_cli_init(&o->inv, "credaudit report");
	o->samples = REPORT_SAMPLES_DEFAULT;
	o->block_size = REPORT_BLOCK_DEFAULT;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return 0;
		}
		if (report_opt(o, c, optarg) != 0)
			return 2;
	}
	if (optind != argc || o->nout == 0)
		return 2;
	if (o->inv.root == NULL && o->ndev == 0)
		o->inv.root = "/";
	return -1;
}

static void warn(void *ctx, const char *msg)
{
	fprintf(stderr, "credaudit report: %s\n", msg);
}

static void report_failed(const struct report_outcome *r, const char *err)
{
	if (r->stage == REPORT_NO_MEMORY)
		fprintf(stderr, _("credaudit report: out of memory\n"));
	else if (r->inv == INVENTORY_RULES)
		fprintf(stderr, _("credaudit report: %s (give --rules DIR, or --no-scan)\n"), err);
	else if (r->inv == INVENTORY_SCAN)
		fprintf(stderr, _("credaudit report: scanning: out of memory\n"));
	else if (r->inv == INVENTORY_ACCOUNTS)
		fprintf(stderr, _("credaudit report: cannot read the account files: %s\n"), err);
	else
		fprintf(stderr, "credaudit report: %s\n", err);
}

int cmd_report(int argc, char **argv)
{
	struct report_opts o;
	struct report_outcome r;
	char err[1024], *json_path = NULL, *html_path = NULL;
	int rc;

	rc = parse_opts(argc, argv, &o);
	if (rc >= 0) {
		if (rc == 2)
			usage(stderr);
		return rc;
	}
	if (report_output_paths(o.out, o.nout, &json_path, &html_path) != 0) {
		fprintf(stderr, _("credaudit report: -o takes FILE.json and/or FILE.html\n"));
		return 2;
	}
	if (o.inv.scan && load_fingerprint_key("report", o.inv.fingerprint_key, false) != 0) {
		free(json_path);
		free(html_path);
		return 2;
	}
	report_build(&(struct report_request){.inv = inventory_cli_request(&o.inv),
	                                      .devices = o.dev,
	                                      .ndev = (size_t)o.ndev,
	                                      .samples = o.samples,
	                                      .block_size = o.block_size,
	                                      .full_scan = o.full_scan,
	                                      .json_path = json_path,
	                                      .html_path = html_path,
	                                      .lang = o.lang,
	                                      .warn = warn},
	             &r, err, sizeof err);
	if (r.stage == REPORT_DONE)
		printf(_("Report written: %s%s%s\nSHA-256 of the JSON: %s\n"), json_path,
		       html_path ? ", " : "", html_path ? html_path : "", r.sha);
	else
		report_failed(&r, err);
	free(json_path);
	free(html_path);
	return r.stage == REPORT_DONE ? r.verdict : 2;
}
