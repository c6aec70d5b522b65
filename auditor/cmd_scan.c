/* credaudit scan: stored credentials in files, archives and raw devices.
 * Option parsing, output selection, progress and exit status; the work is
 * in lib/scan (scan.h). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "frame/options.h"
#include "auditor/commands.h"
#include "i18n.h"
#include "scan/scan_job.h"

#define MAX_RULE_DIRS 32

enum {
	OPT_RULES = 256,
	OPT_BASELINE,
	OPT_WRITE_BASELINE,
	OPT_ONE_FS,
	OPT_CROSS_FS,
	OPT_MAX_FILE_SIZE,
	OPT_ARCHIVE_DEPTH,
	OPT_NO_ARCHIVES,
	OPT_INCLUDE_SPECIAL,
	OPT_BINARIES,
	OPT_DEVICE,
	OPT_STRICT,
	OPT_CHUNK_SIZE,
	OPT_NO_COLOR,
	OPT_ALL,
	OPT_FINGERPRINT_KEY,
};

static const struct option long_opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"rules", required_argument, NULL, OPT_RULES},
        {"baseline", required_argument, NULL, OPT_BASELINE},
        {"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
        {"jobs", required_argument, NULL, 'j'},
        {"one-file-system", no_argument, NULL, OPT_ONE_FS},
        {"cross-filesystems", no_argument, NULL, OPT_CROSS_FS},
        {"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
        {"archive-depth", required_argument, NULL, OPT_ARCHIVE_DEPTH},
        {"no-archives", no_argument, NULL, OPT_NO_ARCHIVES},
        {"include-special", no_argument, NULL, OPT_INCLUDE_SPECIAL},
        {"binaries", no_argument, NULL, OPT_BINARIES},
        {"output", required_argument, NULL, 'o'},
        {"device", required_argument, NULL, OPT_DEVICE},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"all", no_argument, NULL, OPT_ALL},
        {"fingerprint-key", required_argument, NULL, OPT_FINGERPRINT_KEY},
        {"no-color", no_argument, NULL, OPT_NO_COLOR},
        {"chunk-size", required_argument, NULL, OPT_CHUNK_SIZE}, /* for tests: not documented */
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
};

static void usage(FILE *out)
{
	fputs(_("Usage: credaudit scan [OPTION]... PATH...\n"
	        "       credaudit scan [OPTION]... --device DEVICE|IMAGE\n"
	        "Find stored credentials (clause 3(1)⑤) in files, directories, archives,\n"
	        "and raw block devices or disk images. Secrets are never shown: findings\n"
	        "carry a redacted form and a fingerprint.\n\n"
	        "  -f, --format FORMAT      text (default), json (JSON lines) or sarif\n"
	        "  -o, --output FILE        write findings to FILE (replaced atomically)\n"
	        "      --rules DIR          read rules from DIR (repeatable; replaces the\n"
	        "                           default rule directories)\n"
	        "      --baseline FILE      do not report findings listed in FILE\n"
	        "      --write-baseline FILE  write every finding to FILE as a baseline\n"
	        "      --fingerprint-key FILE  key the fingerprints with FILE (created if\n"
	        "                           missing; default: this installation's key)\n"
	        "  -j, --jobs N             threads to scan with (default: number of CPUs)\n"
	        "      --one-file-system    stay on the file systems of the PATHs (default)\n"
	        "      --cross-filesystems  descend into other mounted file systems\n"
	        "      --include-special    also enter /proc, /sys, /dev and pseudo file systems\n"
	        "      --max-file-size SIZE read at most SIZE bytes of each file (default: all)\n"
	        "      --archive-depth N    open archives nested up to N deep (default 3)\n"
	        "      --no-archives        scan archives and compressed files as raw bytes\n"
	        "      --binaries           also scan compiled programs, bytecode and message\n"
	        "                           catalogues (skipped by default)\n"
	        "      --device PATH        read a block device or disk image raw\n"
	        "      --strict             exit 2 when anything could not be read\n"
	        "      --no-color           no colours in text output (also: NO_COLOR)\n"
	        "  -h, --help               show this help\n"
	        "      --version            show the version\n\n"
	        "SIZE takes a suffix K, M, G or T (powers of 1024).\n"
	        "Exit status: 0 no findings, 1 findings, 2 usage, rule, output or I/O error.\n"),
	      out);
	fputs(_("      --all                text output: also show findings below medium\n"
	        "                           severity (JSON and SARIF carry every finding;\n"
	        "                           the exit status follows what is shown)\n"),
	      out);
}

/* ------------------------------------------------------------ progress */

struct progress {
	struct timespec start, last;
	bool shown;
};

static double secs_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void fmt_bytes(char *buf, size_t len, double b)
{
	static const char *const unit[] = {"B", "KiB", "MiB", "GiB", "TiB"};
	int u = 0;

	while (b >= 1024 && u < 4) {
		b /= 1024;
		u++;
	}
	snprintf(buf, len, "%.1f %s", b, unit[u]);
}

/* At most four updates a second, on stderr, only when it is a terminal
 * (the caller does not install this otherwise). */
static void show_progress(void *vctx, uint64_t done, uint64_t total)
{
	struct progress *p = vctx;
	struct timespec now;
	double el, rate;
	char d[32], t[32], r[32], eta[32] = "--:--";

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (p->shown && secs_between(&p->last, &now) < 0.25 && done < total)
		return;
	p->last = now;
	p->shown = true;
	el = secs_between(&p->start, &now);
	rate = el > 0 ? (double)done / el : 0;
	fmt_bytes(d, sizeof d, (double)done);
	fmt_bytes(t, sizeof t, (double)total);
	fmt_bytes(r, sizeof r, rate);
	if (rate > 0 && total > done) {
		unsigned long s = (unsigned long)((double)(total - done) / rate);
		snprintf(eta, sizeof eta, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
	}
	fprintf(stderr, "\r\033[K%s / %s  %s/s  ETA %s", d, t, r, eta);
	fflush(stderr);
}

/* ------------------------------------------------------------ main */

struct scan_cli {
	enum output_format format;
	const char *rule_dirs[MAX_RULE_DIRS + 1];
	size_t nrule_dirs;
	const char *baseline_path, *write_baseline, *out_path, *device, *fingerprint_key;
	bool strict, no_color;
	bool all; /* text output shows every severity */
	struct scan_options opt;
};

/* Options of what is read and how: 0, or 2 with a message printed. */
static int limit_opt(struct scan_cli *c, int ch, const char *arg)
{
	uint64_t sz;
	unsigned u;

	switch (ch) {
	case 'j':
		if (opt_unsigned(arg, 0, 256, &u) < 0) {
			fprintf(stderr, _("credaudit scan: --jobs takes 0 to 256, not '%s'\n"),
			        arg);
			return 2;
		}
		c->opt.jobs = u;
		return 0;
	case OPT_ONE_FS:
	case OPT_CROSS_FS:
		c->opt.cross_fs = ch == OPT_CROSS_FS;
		return 0;
	case OPT_MAX_FILE_SIZE:
	case OPT_CHUNK_SIZE:
		if (opt_size(arg, &sz) < 0 ||
		    (ch == OPT_CHUNK_SIZE && (sz == 0 || sz > (UINT64_C(1) << 30)))) {
			fprintf(stderr, _("credaudit scan: bad size '%s' (e.g. 512M, 2G)\n"), arg);
			return 2;
		}
		if (ch == OPT_CHUNK_SIZE)
			c->opt.chunk_size = (size_t)sz;
		else
			c->opt.limits.max_file_size = sz;
		return 0;
	case OPT_ARCHIVE_DEPTH:
		if (opt_unsigned(arg, 0, 16, &u) < 0) {
			fprintf(stderr,
			        _("credaudit scan: --archive-depth takes 0 to 16, not '%s'\n"),
			        arg);
			return 2;
		}
		c->opt.limits.archive_depth = u;
		return 0;
	case OPT_NO_ARCHIVES:
		c->opt.limits.archive_depth = 0;
		return 0;
	case OPT_INCLUDE_SPECIAL:
		c->opt.include_special = true;
		return 0;
	case OPT_BINARIES:
		c->opt.binaries = true;
		return 0;
	}
	usage(stderr);
	return 2;
}

/* Options of where rules, baselines and findings are: as limit_opt(). */
static int io_opt(struct scan_cli *c, int ch, const char *arg)
{
	int f;

	switch (ch) {
	case 'f':
		if ((f = output_format_parse(arg)) < 0) {
			fprintf(stderr,
			        _("credaudit scan: unknown format '%s' (text, json, sarif)\n"),
			        arg);
			return 2;
		}
		c->format = (enum output_format)f;
		return 0;
	case OPT_RULES:
		if (c->nrule_dirs == MAX_RULE_DIRS) {
			fprintf(stderr, _("credaudit scan: at most %d --rules\n"), MAX_RULE_DIRS);
			return 2;
		}
		c->rule_dirs[c->nrule_dirs++] = arg;
		return 0;
	case OPT_BASELINE:
		c->baseline_path = arg;
		return 0;
	case OPT_WRITE_BASELINE:
		c->write_baseline = arg;
		return 0;
	case 'o':
		c->out_path = arg;
		return 0;
	case OPT_DEVICE:
		c->device = arg;
		return 0;
	case OPT_STRICT:
		c->strict = true;
		return 0;
	case OPT_ALL:
		c->all = true;
		return 0;
	case OPT_FINGERPRINT_KEY:
		c->fingerprint_key = arg;
		return 0;
	case OPT_NO_COLOR:
		c->no_color = true;
		return 0;
	}
	return limit_opt(c, ch, arg);
}

static int parse_args(struct scan_cli *c, int argc, char **argv)
{
	int ch;

	scan_options_default(&c->opt);
	c->format = OUTPUT_TEXT;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:j:o:h", long_opts, NULL)) != -1) {
		if (ch == 'h' || ch == 'V') {
			if (ch == 'h')
				usage(stdout);
			else
				printf("credaudit %s\n", PACKAGE_VERSION);
			return 0;
		}
		if (io_opt(c, ch, optarg) != 0)
			return 2;
	}
	if ((c->device != NULL) == (optind < argc)) {
		fprintf(stderr,
		        c->device != NULL
		                ? _("credaudit scan: give either --device or PATHs, not both\n")
		                : _("credaudit scan: nothing to scan: give a PATH or --device\n"));
		usage(stderr);
		return 2;
	}
	return -1;
}

/* One directory level is one open descriptor: allow as many as we may. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static bool want_color(const struct scan_cli *c)
{
	const char *nc = getenv("NO_COLOR");

	return c->format == OUTPUT_TEXT && c->out_path == NULL && !c->no_color &&
	       (nc == NULL || nc[0] == '\0') && isatty(STDOUT_FILENO);
}

static void job_failed(void *ctx, enum scan_job_stage st, const char *what, const char *why)
{
	switch (st) {
	case SCAN_JOB_RULES:
		fprintf(stderr, _("credaudit scan: cannot load the rules: %s\n"), what);
		break;
	case SCAN_JOB_COMPILE:
		fprintf(stderr, _("credaudit scan: cannot compile the rules: %s\n"), what);
		break;
	case SCAN_JOB_BASELINE:
		fprintf(stderr, _("credaudit scan: cannot read the baseline: %s\n"), what);
		break;
	case SCAN_JOB_CREATE:
		fprintf(stderr, _("credaudit scan: cannot create %s: %s\n"), what, why);
		break;
	case SCAN_JOB_NO_MEMORY:
		fprintf(stderr, _("credaudit scan: out of memory\n"));
		break;
	case SCAN_JOB_SCAN:
		fprintf(stderr, "credaudit scan: %s\n", what);
		break;
	case SCAN_JOB_WRITE:
		fprintf(stderr, _("credaudit scan: cannot write the output: %s\n"), what);
		break;
	}
}

int cmd_scan(int argc, char **argv)
{
	struct scan_cli c;
	struct progress prog;
	struct scan_job job;
	int rc;

	memset(&c, 0, sizeof c);
	rc = parse_args(&c, argc, argv);
	if (rc >= 0)
		return rc;
	if (load_fingerprint_key("scan", c.fingerprint_key,
	                         c.baseline_path != NULL || c.write_baseline != NULL) != 0)
		return 2;
	raise_fd_limit();
	job = (struct scan_job){.rule_dirs = c.nrule_dirs > 0 ? c.rule_dirs : NULL,
	                        .baseline_path = c.baseline_path,
	                        .write_baseline = c.write_baseline,
	                        .out_path = c.out_path,
	                        .format = c.format,
	                        .color = want_color(&c),
	                        /* documentation examples and other low findings: --all,
	                         * JSON, SARIF */
	                        .min_severity = c.all ? SEV_INFO : SCAN_TEXT_MIN_SEVERITY,
	                        .strict = c.strict,
	                        .device = c.device,
	                        .paths = (const char *const *)argv + optind,
	                        .npaths = (size_t)(argc - optind),
	                        .opt = c.opt,
	                        .out = stdout,
	                        .summary = stderr,
	                        .fail = job_failed};
	if (c.device != NULL && isatty(STDERR_FILENO)) {
		memset(&prog, 0, sizeof prog);
		clock_gettime(CLOCK_MONOTONIC, &prog.start);
		job.progress = show_progress;
		job.progress_ctx = &prog;
	}
	return scan_job_run(&job);
}
