/* credaudit fleet-report: the audit results of many hosts in one report. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditor/commands.h"
#include "auditor/report_cli.h"
#include "frame/options.h"
#include "i18n.h"
#include "report/fleet.h"

static void usage(FILE *out)
{
	fprintf(out,
	        _("Usage: credaudit fleet-report -o FILE.json|FILE.html [--lang ja|en|both]\n"
	          "                              [--max-file-size SIZE] [--strict] HOSTDIR...\n"
	          "Merge the results an audit fetched from each host (one directory per host:\n"
	          "host-status.json, report.json, scan.json, accounts.json) into one JSON "
	          "report\n"
	          "and one HTML page in Japanese and English: per host its status, findings by\n"
	          "severity and clause, special accounts, confirmed leaks and disposal verdicts,\n"
	          "and the fleet's totals. A host that was unreachable, failed, or whose results\n"
	          "are missing or damaged is listed as such, never left out.\n\n"
	          "  -o FILE               FILE.json, or FILE.html (FILE.json is written beside "
	          "it);\n"
	          "                        give -o twice for explicit names of both\n"
	          "  --lang LANG           languages of the HTML page: both (default), ja or en\n"
	          "  --max-file-size SIZE  largest result file read per host (default %zuM)\n"
	          "  --strict              exit 2 when a host was not audited\n"
	          "  --help                show this help\n\n"
	          "Exit status: 0 every host audited, nothing found, no verdict fails; 1 a "
	          "finding,\n"
	          "a failing verdict, or a host not audited; 2 error (nothing written), or with\n"
	          "--strict a host not audited (the report is written).\n"),
	        FLEET_FILE_MAX_DEFAULT >> 20);
}

struct fleet_opts {
	const char *out[2];
	int nout;
	enum report_lang lang;
	size_t max_file;
	bool strict;
};

/* 0 parsed, 1 --help shown, 2 usage error. */
static int parse_opts(int argc, char **argv, struct fleet_opts *o)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
	                                     {"lang", required_argument, NULL, 'l'},
	                                     {"max-file-size", required_argument, NULL, 'M'},
	                                     {"strict", no_argument, NULL, 's'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	uint64_t size;
	int c;

	memset(o, 0, sizeof *o);
	o->max_file = FLEET_FILE_MAX_DEFAULT;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 1;
		case 'o':
			if (o->nout == 2)
				return 2;
			o->out[o->nout++] = optarg;
			break;
		case 'l':
			if (report_parse_lang(optarg, &o->lang) != 0)
				return 2;
			break;
		case 'M':
			if (opt_size(optarg, &size) != 0 || size == 0 ||
			    size > FLEET_FILE_MAX_LIMIT)
				return 2;
			o->max_file = (size_t)size;
			break;
		case 's':
			o->strict = true;
			break;
		default:
			return 2;
		}
	}
	return optind < argc && o->nout > 0 ? 0 : 2;
}

static void warn(void *ctx, const char *msg)
{
	fprintf(stderr, "credaudit fleet-report: %s\n", msg);
}

int cmd_fleet(int argc, char **argv)
{
	struct fleet_opts o;
	struct fleet_outcome r;
	char err[1024], *json_path, *html_path;
	int rc = parse_opts(argc, argv, &o);

	if (rc != 0) {
		if (rc == 2)
			usage(stderr);
		return rc == 1 ? 0 : 2;
	}
	if (report_output_paths(o.out, o.nout, &json_path, &html_path) != 0) {
		fprintf(stderr, _("credaudit fleet-report: -o takes FILE.json and/or FILE.html\n"));
		return 2;
	}
	fleet_build(&(struct fleet_request){.dirs = (const char *const *)argv + optind,
	                                    .ndirs = (size_t)(argc - optind),
	                                    .max_file = o.max_file,
	                                    .json_path = json_path,
	                                    .html_path = html_path,
	                                    .lang = o.lang,
	                                    .warn = warn},
	            &r, err, sizeof err);
	if (r.stage == FLEET_DONE) {
		printf(_("Report written: %s%s%s\nSHA-256 of the JSON: %s\n"), json_path,
		       html_path ? ", " : "", html_path ? html_path : "", r.sha);
		printf(_("Hosts: %zu, audited %zu, failed %zu, unreachable %zu\n"), r.hosts,
		       r.audited, r.failed, r.unreachable);
	} else if (r.stage == FLEET_NO_MEMORY)
		fprintf(stderr, _("credaudit fleet-report: out of memory\n"));
	else
		fprintf(stderr, "credaudit fleet-report: %s\n", err);
	free(json_path);
	free(html_path);
	if (r.stage != FLEET_DONE)
		return 2;
	if (o.strict && r.audited < r.hosts)
		return 2;
	return r.attention ? 1 : 0;
}
