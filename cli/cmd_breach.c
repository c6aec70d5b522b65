/* credpolicy breach build|lookup|info: the compromised-password index
 * (doc/breach-index.md, man/credpolicy-breach.1). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "breach/breach_files.h"
#include "cli/commands.h"
#include "frame/options.h"
#include "i18n.h"

#define PROG "credpolicy breach"

/* Print the usage to out and return status. */
static int usage(FILE *out, int status)
{
	fprintf(out,
	        _("Usage: credpolicy breach build -o INDEX [OPTION]... [FILE|-]...\n"
	          "       credpolicy breach lookup [--hashed] [--load] INDEX < passwords\n"
	          "       credpolicy breach info [--json] [--no-verify] [--probes N] INDEX\n"
	          "\n"
	          "build   build an index from Have I Been Pwned downloads (HASH[:count]\n"
	          "        lines, SHA-1 or NTLM, sorted or not) or plain password lists\n"
	          "        (one per line); no FILE or '-' reads standard input\n"
	          "  -o, --output INDEX       the index to write (atomically)\n"
	          "      --format FMT         auto (default), sha1, ntlm or plain, for every "
	          "input\n"
	          "      --hash TYPE          sha1 (default for plain lists) or ntlm\n"
	          "      --fp-rate RATE       designed false-positive rate (default 1e-9)\n"
	          "      --memory MIB         key buffer memory in MiB (default 256)\n"
	          "      --tmpdir DIR         where sorted runs of large inputs go (default "
	          "$TMPDIR or /tmp)\n"
	          "  -q, --quiet              no summary or progress\n"
	          "lookup  read passwords from standard input, print FOUND or ABSENT per line\n"
	          "      --hashed             read hex digests of the index's type (HASH[:count])\n"
	          "info    describe an index and verify its checksums\n"
	          "\n"
	          "Exit status: build and info 0 on success; lookup 0 if no password was\n"
	          "found, 1 if any was; 2 on usage, input or index errors.\n"));
	return status;
}

static int progress_on;

static void progress(void *arg, uint64_t records)
{
	if (progress_on) {
		fputc('\r', stderr); /* not in the message: translators need not keep it */
		fprintf(stderr, _("credpolicy breach: %llu records read"),
		        (unsigned long long)records);
	}
}

static void warn(void *arg, const char *msg)
{
	fprintf(stderr, PROG ": %s\n", msg);
}

/* One build option into *job: 0, or 2 after telling why not. */
static int build_option(int c, const char *arg, struct breach_build_job *job)
{
	uint64_t mib;
	char *end;

	switch (c) {
	case 'f':
		if (breach_format_parse(arg, &job->format) == 0)
			return 0;
		fprintf(stderr,
		        _("credpolicy breach: --format: '%s' is not auto, sha1, ntlm or plain\n"),
		        arg);
		return 2;
	case 'H':
		if (breach_hash_parse(arg, &job->opt.hash) == 0)
			return 0;
		fprintf(stderr, _("credpolicy breach: --hash: '%s' is not sha1 or ntlm\n"), arg);
		return 2;
	case 'r':
		errno = 0;
		job->opt.fp_rate = strtod(arg, &end);
		if (errno == 0 && *end == '\0' && job->opt.fp_rate > 0 && job->opt.fp_rate < 0.5)
			return 0;
		fprintf(stderr, _("credpolicy breach: --fp-rate: '%s' is not a rate in (0, 0.5)\n"),
		        arg);
		return 2;
	case 'm':
		if (opt_number(arg, SIZE_MAX >> 21, &mib) == 0 && mib >= 1) {
			job->opt.memory = (size_t)mib << 20;
			return 0;
		}
		fprintf(stderr, _("credpolicy breach: --memory: '%s' is not a size in MiB\n"), arg);
		return 2;
	case 't':
		job->opt.tmpdir = arg;
		return 0;
	case 'o':
		job->output = arg;
		return 0;
	}
	return usage(stderr, 2);
}

/* The options of build: -1 to go on, or the exit status. */
static int build_args(int argc, char **argv, struct breach_build_job *job, int *quiet)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
	                                     {"format", required_argument, NULL, 'f'},
	                                     {"hash", required_argument, NULL, 'H'},
	                                     {"fp-rate", required_argument, NULL, 'r'},
	                                     {"memory", required_argument, NULL, 'm'},
	                                     {"tmpdir", required_argument, NULL, 't'},
	                                     {"quiet", no_argument, NULL, 'q'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
		if (c == 'q')
			*quiet = 1;
		else if (c == 'h')
			return usage(stdout, 0);
		else if (build_option(c, optarg, job) != 0)
			return 2;
	}
	if (job->output == NULL) {
		fprintf(stderr, _("credpolicy breach build: -o INDEX is required\n"));
		return usage(stderr, 2);
	}
	job->files = argv + optind;
	job->nfiles = (size_t)(argc - optind);
	return -1;
}

static int build(int argc, char **argv)
{
	struct breach_build_job job = {0};
	struct breach_build_result res;
	char err[512];
	int quiet = 0, ret = build_args(argc, argv, &job, &quiet);

	if (ret >= 0)
		return ret;
	progress_on = !quiet && isatty(STDERR_FILENO);
	job.opt.progress = progress;
	job.warn = warn;
	ret = breach_build_files(&job, &res, err, sizeof err);
	if (progress_on)
		fputc('\n', stderr);
	if (ret < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 2;
	}
	if (!quiet)
		fprintf(stderr,
		        _("credpolicy breach: wrote %s: %llu entries from %llu records, %s, %.2f "
		          "bits per "
		          "entry, false-positive rate %.3g\n"),
		        job.output, (unsigned long long)res.info.entries,
		        (unsigned long long)res.records, breach_hash_name(res.info.hash),
		        res.info.bits_per_entry, res.info.expected_false_positive_rate);
	return 0;
}

static int lookup(int argc, char **argv)
{
	static const struct option opts[] = {{"hashed", no_argument, NULL, 'x'},
	                                     {"load", no_argument, NULL, 'l'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	unsigned oflags = BREACH_OPEN_ANY_OWNER;
	bool hashed = false;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'x')
			hashed = true;
		else if (c == 'l')
			oflags |= BREACH_OPEN_LOAD;
		else
			return c == 'h' ? usage(stdout, 0) : usage(stderr, 2);
	}
	if (argc - optind != 1) {
		fprintf(stderr, _("credpolicy breach lookup: name one INDEX\n"));
		return 2;
	}
	return breach_lookup_stream(argv[optind], oflags, hashed, STDIN_FILENO, stdout, warn, NULL);
}

static int info(int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
	                                     {"no-verify", no_argument, NULL, 'n'},
	                                     {"probes", required_argument, NULL, 'p'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct breach_describe_opts o = {.verify = true, .probes = 100000};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'j')
			o.json = true;
		else if (c == 'n')
			o.verify = false;
		else if (c != 'p')
			return c == 'h' ? usage(stdout, 0) : usage(stderr, 2);
		else if (opt_number(optarg, UINT64_MAX, &o.probes) < 0) {
			fprintf(stderr, _("credpolicy breach: --probes: '%s' is not a count\n"),
			        optarg);
			return 2;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, _("credpolicy breach info: name one INDEX\n"));
		return 2;
	}
	return breach_describe(argv[optind], &o, stdout, warn, NULL);
}

int cmd_breach(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv);
	} subs[] = {{"build", build}, {"lookup", lookup}, {"info", info}};

	if (argc < 2)
		return usage(stderr, 2);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return usage(stdout, 0);
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].run(argc - 1, argv + 1);
	fprintf(stderr, _("credpolicy breach: unknown subcommand '%s'\n"), argv[1]);
	return usage(stderr, 2);
}
