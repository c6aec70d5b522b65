/* credpolicy breach build|lookup|info: the compromised-password index
 * (doc/breach-index.md, man/credpolicy-breach.1). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "breach/breach_build.h"
#include "breach/breach_index.h"
#include "cli/commands.h"
#include "i18n.h"
#include "secure.h"

#define PROG "credpolicy breach"

static void usage(FILE *out)
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
}

/* ------------------------------------------------------------ build */

static int progress_on;

static void progress(void *arg, uint64_t records)
{
	(void)arg;
	if (progress_on) {
		fputc('\r', stderr); /* not in the message: translators need not keep it */
		fprintf(stderr, _("credpolicy breach: %llu records read"),
		        (unsigned long long)records);
	}
}

static int parse_format(const char *s, enum breach_format *f)
{
	static const enum breach_format all[] = {BREACH_FORMAT_AUTO, BREACH_FORMAT_SHA1,
	                                         BREACH_FORMAT_NTLM, BREACH_FORMAT_PLAIN};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, breach_format_name(all[i])) == 0) {
			*f = all[i];
			return 0;
		}
	return -1;
}

/* Without --hash, the first hashed input decides: peek at each regular file. */
static enum breach_hash guess_hash(char **files, int nfiles, enum breach_format format)
{
	static char buf[65536];

	if (format == BREACH_FORMAT_SHA1)
		return BREACH_HASH_SHA1;
	if (format == BREACH_FORMAT_NTLM)
		return BREACH_HASH_NTLM;
	if (format == BREACH_FORMAT_PLAIN)
		return 0;
	for (int i = 0; i < nfiles; i++) {
		struct stat st;
		ssize_t n;
		int fd;
		if (strcmp(files[i], "-") == 0)
			continue;
		/* Only regular files: opening or peeking at a pipe would lose
		 * its data. */
		if (stat(files[i], &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		fd = open(files[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof buf);
		close(fd);
		if (n <= 0)
			continue;
		switch (breach_detect_format(buf, (size_t)n)) {
		case BREACH_FORMAT_SHA1:
			return BREACH_HASH_SHA1;
		case BREACH_FORMAT_NTLM:
			return BREACH_HASH_NTLM;
		default:
			break;
		}
	}
	return 0;
}

static int build(int argc, char **argv)
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
	struct breach_build_options bo = {0};
	struct breach_builder *b = NULL;
	struct breach_input_stats st, total = {0};
	struct atomic_file af = {0};
	enum breach_format format = BREACH_FORMAT_AUTO;
	const char *output = NULL;
	char err[512], *end;
	static char *stdin_only[] = {"-"};
	char **files;
	int c, nfiles, quiet = 0, ret = 2, af_open = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'f':
			if (parse_format(optarg, &format) < 0) {
				fprintf(stderr,
				        _("credpolicy breach: --format: '%s' is not auto, sha1, "
				          "ntlm or plain\n"),
				        optarg);
				return 2;
			}
			break;
		case 'H':
			if (strcmp(optarg, "sha1") == 0)
				bo.hash = BREACH_HASH_SHA1;
			else if (strcmp(optarg, "ntlm") == 0)
				bo.hash = BREACH_HASH_NTLM;
			else {
				fprintf(stderr,
				        _("credpolicy breach: --hash: '%s' is not sha1 or ntlm\n"),
				        optarg);
				return 2;
			}
			break;
		case 'r':
			errno = 0;
			bo.fp_rate = strtod(optarg, &end);
			if (errno != 0 || *end != '\0' || !(bo.fp_rate > 0 && bo.fp_rate < 0.5)) {
				fprintf(stderr,
				        _("credpolicy breach: --fp-rate: '%s' is not a rate in (0, "
				          "0.5)\n"),
				        optarg);
				return 2;
			}
			break;
		case 'm': {
			unsigned long mib;
			errno = 0;
			mib = strtoul(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || mib < 1 || mib > (SIZE_MAX >> 21)) {
				fprintf(stderr,
				        _("credpolicy breach: --memory: '%s' is not a size in "
				          "MiB\n"),
				        optarg);
				return 2;
			}
			bo.memory = (size_t)mib << 20;
			break;
		}
		case 't':
			bo.tmpdir = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (output == NULL) {
		fprintf(stderr, _("credpolicy breach build: -o INDEX is required\n"));
		usage(stderr);
		return 2;
	}
	files = argv + optind;
	nfiles = argc - optind;
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	if (format == BREACH_FORMAT_SHA1 || format == BREACH_FORMAT_NTLM) {
		enum breach_hash h =
		        format == BREACH_FORMAT_SHA1 ? BREACH_HASH_SHA1 : BREACH_HASH_NTLM;
		if (bo.hash != 0 && bo.hash != h) {
			fprintf(stderr, _("credpolicy breach: --format %s contradicts --hash %s\n"),
			        breach_format_name(format), breach_hash_name(bo.hash));
			return 2;
		}
	}
	if (bo.hash == 0)
		bo.hash = guess_hash(files, nfiles, format);
	progress_on = !quiet && isatty(STDERR_FILENO);
	bo.progress = progress;
	if (breach_builder_new(&bo, &b) < 0) {
		fprintf(stderr, _("credpolicy breach: out of memory\n"));
		return 2;
	}
	for (int i = 0; i < nfiles; i++) {
		int fd = STDIN_FILENO, r;
		const char *name = strcmp(files[i], "-") == 0 ? _("(standard input)") : files[i];
		if (fd == STDIN_FILENO && strcmp(files[i], "-") != 0) {
			fd = open(files[i], O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				fprintf(stderr, _("credpolicy breach: %s: %s\n"), files[i],
				        strerror(errno));
				goto out;
			}
		}
		r = breach_builder_add_fd(b, fd, name, format, &st, err, sizeof err);
		if (fd != STDIN_FILENO)
			close(fd);
		if (r < 0) {
			if (progress_on)
				fputc('\n', stderr);
			fprintf(stderr, PROG ": %s\n", err);
			goto out;
		}
		if (st.invalid_utf8 > 0)
			fprintf(stderr,
			        _("credpolicy breach: warning: %s: %llu lines are not valid UTF-8 "
			          "and were "
			          "skipped (first at line %llu); NTLM hashes UTF-16 text\n"),
			        name, (unsigned long long)st.invalid_utf8,
			        (unsigned long long)st.first_invalid_line);
		if (st.too_long > 0)
			fprintf(stderr,
			        _("credpolicy breach: warning: %s: %llu lines longer than %d bytes "
			          "were skipped\n"),
			        name, (unsigned long long)st.too_long, BREACH_MAX_PLAIN_LINE);
		total.records += st.records;
		total.lines += st.lines;
	}
	if (atomic_file_open(&af, output) < 0) {
		fprintf(stderr, _("credpolicy breach: %s: cannot create: %s\n"), output,
		        strerror(errno));
		goto out;
	}
	af_open = 1;
	if (breach_builder_write(b, fileno(af.fp), err, sizeof err) < 0) {
		if (progress_on)
			fputc('\n', stderr);
		fprintf(stderr, PROG ": %s: %s\n", output, err);
		goto out;
	}
	{
		int r = atomic_file_commit(&af, ATOMIC_FILE_SHARED);
		af_open = 0;
		if (r < 0) {
			fprintf(stderr, _("credpolicy breach: %s: %s\n"), output, strerror(-r));
			goto out;
		}
	}
	if (progress_on)
		fputc('\n', stderr);
	if (!quiet) {
		struct breach_index *ix;
		struct breach_index_info info;
		if (breach_index_open_flags(output, BREACH_OPEN_ANY_OWNER, &ix, err, sizeof err) <
		    0) {
			fprintf(stderr, PROG ": %s\n", err);
			goto out;
		}
		breach_index_info(ix, &info);
		fprintf(stderr,
		        _("credpolicy breach: wrote %s: %llu entries from %llu records, %s, %.2f "
		          "bits per "
		          "entry, false-positive rate %.3g\n"),
		        output, (unsigned long long)info.entries, (unsigned long long)total.records,
		        breach_hash_name(info.hash), info.bits_per_entry,
		        info.expected_false_positive_rate);
		breach_index_close(ix);
	}
	ret = 0;
out:
	if (af_open)
		atomic_file_abort(&af);
	breach_builder_free(b);
	return ret;
}

/* ------------------------------------------------------------ lookup */

#define MAX_LINE 8192

/* Read one line from fd into line (without the newline, without a final
 * CR). Returns its length, -1 at end of input, -2 if longer than MAX_LINE
 * (the rest is consumed), -3 on a read error. The caller wipes both the
 * reader (it held passwords) and line. */
struct reader {
	char buf[65536];
	size_t pos, len;
	int eof;
};

static ssize_t read_line(struct reader *r, char *line)
{
	size_t n = 0;
	int too_long = 0, got = 0;

	for (;;) {
		char *nl;
		size_t seg, take;
		if (r->pos == r->len) {
			ssize_t k;
			if (r->eof)
				break;
			k = read(STDIN_FILENO, r->buf, sizeof r->buf);
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0)
				return -3;
			if (k == 0) {
				r->eof = 1;
				break;
			}
			r->pos = 0;
			r->len = (size_t)k;
		}
		got = 1;
		nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		seg = (nl != NULL ? (size_t)(nl - r->buf) : r->len) - r->pos;
		take = seg <= MAX_LINE - n ? seg : MAX_LINE - n;
		if (take < seg)
			too_long = 1;
		memcpy(line + n, r->buf + r->pos, take);
		n += take;
		r->pos += seg;
		if (nl != NULL) {
			r->pos++; /* the newline */
			break;
		}
	}
	if (!got && n == 0)
		return -1;
	if (too_long)
		return -2;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	return (ssize_t)n;
}

/* A hex digest line (HIBP style, :count allowed): 1 and out filled, or 0.
 * Table-driven: random hex digits defeat branch prediction. */
static int parse_hex_digest(const char *s, size_t len, size_t dlen, uint8_t *out)
{
	static signed char val[256];
	unsigned bad = 0;

	if (val['1'] == 0) {
		memset(val, -1, sizeof val);
		for (int i = 0; i < 10; i++)
			val['0' + i] = (signed char)i;
		for (int i = 0; i < 6; i++)
			val['a' + i] = val['A' + i] = (signed char)(10 + i);
	}
	if (len < 2 * dlen || (len > 2 * dlen && s[2 * dlen] != ':'))
		return 0;
	for (size_t i = 0; i < dlen; i++) {
		signed char hi = val[(unsigned char)s[2 * i]],
		            lo = val[(unsigned char)s[2 * i + 1]];
		bad |= (unsigned)(hi | lo) & 0x80u;
		out[i] = (uint8_t)(((unsigned)hi << 4) | ((unsigned)lo & 15u));
	}
	return bad == 0;
}

static int lookup(int argc, char **argv)
{
	static const struct option opts[] = {{"hashed", no_argument, NULL, 'x'},
	                                     {"load", no_argument, NULL, 'l'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct breach_index_info in;
	uint8_t digest[20];
	int hashed = 0;
	unsigned oflags = BREACH_OPEN_ANY_OWNER;
	struct breach_index *ix;
	struct reader *rd;
	char err[512], *line;
	unsigned long long lineno = 0;
	int c, found = 0, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'x') {
			hashed = 1;
			continue;
		}
		if (c == 'l') {
			oflags |= BREACH_OPEN_LOAD;
			continue;
		}
		if (c == 'h') {
			usage(stdout);
			return 0;
		}
		usage(stderr);
		return 2;
	}
	if (argc - optind != 1) {
		fprintf(stderr, _("credpolicy breach lookup: name one INDEX\n"));
		return 2;
	}
	if (breach_index_open_flags(argv[optind], oflags, &ix, err, sizeof err) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 2;
	}
	breach_index_info(ix, &in);
	rd = calloc(1, sizeof *rd);
	line = malloc(MAX_LINE + 1);
	if (rd == NULL || line == NULL) {
		fprintf(stderr, _("credpolicy breach: out of memory\n"));
		ret = 2;
		goto out;
	}
	for (;;) {
		ssize_t n = read_line(rd, line);
		int r;
		if (n == -1)
			break;
		lineno++;
		if (n == -3) {
			fprintf(stderr, _("credpolicy breach: standard input: read error: %s\n"),
			        strerror(errno));
			ret = 2;
			break;
		}
		if (n == -2) {
			fprintf(stderr,
			        _("credpolicy breach: standard input:%llu: longer than %d bytes; "
			          "not looked up\n"),
			        lineno, MAX_LINE);
			puts("ABSENT");
			ret = 2;
			continue;
		}
		if (hashed) {
			size_t dlen = in.hash == BREACH_HASH_SHA1 ? 20 : 16;
			if (!parse_hex_digest(line, (size_t)n, dlen, digest)) {
				fprintf(stderr,
				        _("credpolicy breach: standard input:%llu: not a "
				          "%zu-hex-digit %s digest\n"),
				        lineno, 2 * dlen, breach_hash_name(in.hash));
				ret = 2;
				break;
			}
			r = breach_index_lookup_digest(ix, digest, dlen);
		} else {
			r = breach_index_lookup(ix, line, (size_t)n);
			secure_wipe(line, (size_t)n);
		}
		if (r == -EILSEQ) {
			fprintf(stderr,
			        _("credpolicy breach: standard input:%llu: not valid UTF-8, so it "
			          "has no NTLM "
			          "hash\n"),
			        lineno);
			r = 0;
		} else if (r < 0) {
			fprintf(stderr,
			        _("credpolicy breach: standard input:%llu: the index is damaged "
			          "(%s); "
			          "rebuild it\n"),
			        lineno, strerror(-r));
			ret = 2;
			break;
		}
		if (r == 1)
			found = 1;
		puts(r == 1 ? "FOUND" : "ABSENT");
	}
	if (fflush(stdout) != 0)
		ret = 2;
out:
	if (rd != NULL)
		secure_wipe(rd, sizeof *rd);
	free(rd);
	secure_free(line, MAX_LINE + 1);
	breach_index_close(ix);
	if (ret != 0)
		return ret;
	return found ? 1 : 0;
}

/* ------------------------------------------------------------ info */

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int info(int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
	                                     {"no-verify", no_argument, NULL, 'n'},
	                                     {"probes", required_argument, NULL, 'p'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct breach_index *ix;
	struct breach_index_info in;
	char err[512], *end;
	const char *path, *checks = "not verified";
	unsigned long long probes = 100000, hits = 0;
	uint64_t seed;
	int c, json = 0, verify = 1, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'n':
			verify = 0;
			break;
		case 'p':
			errno = 0;
			probes = strtoull(optarg, &end, 10);
			if (errno != 0 || *end != '\0') {
				fprintf(stderr,
				        _("credpolicy breach: --probes: '%s' is not a count\n"),
				        optarg);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, _("credpolicy breach info: name one INDEX\n"));
		return 2;
	}
	path = argv[optind];
	if (breach_index_open_flags(path, BREACH_OPEN_ANY_OWNER, &ix, err, sizeof err) < 0) {
		fprintf(stderr, PROG ": %s\n", err);
		return 2;
	}
	breach_index_info(ix, &in);
	if (verify) {
		if (breach_index_verify(ix, err, sizeof err) < 0) {
			fprintf(stderr, PROG ": %s: %s\n", path, err);
			checks = "damaged";
			ret = 2;
		} else {
			checks = "ok";
		}
	}
	/* Random keys are non-members but for the false positives we count. */
	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	for (unsigned long long i = 0; ret == 0 && i < probes; i++) {
		int r = breach_index_lookup_key(ix, splitmix64(&seed));
		if (r < 0) {
			fprintf(stderr,
			        _("credpolicy breach: %s: a block read by the probes is damaged; "
			          "rebuild it\n"),
			        path);
			ret = 2;
		}
		hits += r == 1;
	}
	if (json) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "index", json_object_new_string(path));
		json_object_object_add(o, "hash",
		                       json_object_new_string(breach_hash_name(in.hash)));
		json_object_object_add(o, "entries", json_object_new_int64((int64_t)in.entries));
		json_object_object_add(o, "records", json_object_new_int64((int64_t)in.records));
		json_object_object_add(o, "file_size",
		                       json_object_new_int64((int64_t)in.file_size));
		json_object_object_add(o, "bits_per_entry",
		                       json_object_new_double(in.bits_per_entry));
		json_object_object_add(o, "fingerprint_bits",
		                       json_object_new_int((int)in.fingerprint_bits));
		json_object_object_add(o, "remainder_bits",
		                       json_object_new_int((int)in.remainder_bits));
		json_object_object_add(o, "false_positive_rate_designed",
		                       json_object_new_double(in.false_positive_rate));
		json_object_object_add(o, "false_positive_rate_expected",
		                       json_object_new_double(in.expected_false_positive_rate));
		json_object_object_add(o, "probes", json_object_new_int64((int64_t)probes));
		json_object_object_add(o, "probe_hits", json_object_new_int64((int64_t)hits));
		json_object_object_add(o, "built", json_object_new_string(in.built));
		json_object_object_add(o, "source_digest",
		                       json_object_new_string(in.source_digest));
		json_object_object_add(o, "checksums", json_object_new_string(checks));
		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
		json_object_put(o);
	} else {
		printf(_("index:                %s\n"), path);
		printf(_("hash:                 %s\n"), breach_hash_name(in.hash));
		printf(_("entries:              %llu (from %llu records)\n"),
		       (unsigned long long)in.entries, (unsigned long long)in.records);
		printf(_("size:                 %llu bytes, %.2f bits per entry\n"),
		       (unsigned long long)in.file_size, in.bits_per_entry);
		printf(_("fingerprint:          %u bits (%u stored per entry)\n"),
		       in.fingerprint_bits, in.remainder_bits);
		printf(_("false-positive rate:  designed %.3g, expected %.3g\n"),
		       in.false_positive_rate, in.expected_false_positive_rate);
		printf(_("measured:             %llu false positives in %llu random probes\n"),
		       hits, probes);
		printf(_("built:                %s\n"), in.built);
		printf(_("source digest:        %s\n"), in.source_digest);
		printf(_("checksums:            %s\n"), checks);
	}
	breach_index_close(ix);
	return ret;
}

int cmd_breach(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "build") == 0)
		return build(argc - 1, argv + 1);
	if (strcmp(argv[1], "lookup") == 0)
		return lookup(argc - 1, argv + 1);
	if (strcmp(argv[1], "info") == 0)
		return info(argc - 1, argv + 1);
	fprintf(stderr, _("credpolicy breach: unknown subcommand '%s'\n"), argv[1]);
	usage(stderr);
	return 2;
}
