/* Unit tests of the scanner (lib/scan/scan*.c, walk, archive, outputs,
 * baseline) against the stand-in engine of fake_engine.c: one rule,
 * "password=VALUE", window 128 bytes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan/baseline.h"
#include "scan/output.h"
#include "scan/scan.h"

#define CANARY "CanaryScan#4711"

/* ------------------------------------------------------------ helpers */

struct got {
	char path[512];
	long line;
	uint64_t offset;
	char fp[FINGERPRINT_LEN];
	char redacted[REDACTED_LEN];
};

struct capture {
	struct got hits[64];
	size_t n;
};

static struct capture cap;

static int cap_hits(struct output *o, const struct scan_hit *h, size_t n)
{
	for (size_t i = 0; i < n && cap.n < 64; i++) {
		struct got *g = &cap.hits[cap.n++];
		snprintf(g->path, sizeof g->path, "%s", h[i].path);
		g->line = h[i].line;
		g->offset = h[i].offset;
		memcpy(g->fp, h[i].fingerprint, sizeof g->fp);
		memcpy(g->redacted, h[i].redacted, sizeof g->redacted);
	}
	return 0;
}

static int cap_end(struct output *o, const struct scan_coverage *c)
{
	return 0;
}

static const struct output_ops cap_ops = {cap_hits, cap_end, NULL};

static char tmpdir[256];

static int make_tmp(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/test_scan.XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int rm_tmp(void **state)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *rel, const void *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static char *tpath(const char *rel)
{
	static char path[512];

	snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
	return path;
}

/* Scan paths with the fake engine; findings into cap, coverage into cov. */
static int run(struct scan_options *o, const char *const *paths, size_t n,
               struct scan_coverage *cov)
{
	struct rule_set *rs;
	struct scan_engine *e;
	struct output out = {.ops = &cap_ops};
	struct scan_sinks sinks = {.out = &out};
	char err[256];
	int rc;

	memset(&cap, 0, sizeof cap);
	assert_int_equal(rule_set_load(&rs, NULL, err, sizeof err), 0);
	assert_int_equal(scan_engine_build(&e, rs, err, sizeof err), 0);
	rc = scan_paths(e, o, paths, n, &sinks, cov, err, sizeof err);
	scan_engine_free(e);
	rule_set_free(rs);
	return rc;
}

/* ------------------------------------------------------------ tests */

/* A secret at every position around a chunk boundary is found exactly
 * once, with the right offset and line. */
static void test_chunk_boundaries(void **state)
{
	static const char secret[] = "password=" CANARY "\n";
	char buf[4096];
	struct scan_options o;
	struct scan_coverage cov;
	const char *paths[] = {tpath("chunk.txt")};

	scan_options_default(&o);
	o.jobs = 1;
	o.chunk_size = 1024;
	for (size_t at = 600; at < 1500; at += 7) {
		long line = 1;
		memset(buf, 'x', sizeof buf);
		for (size_t i = 63; i < sizeof buf; i += 64)
			buf[i] = '\n';
		memcpy(buf + at, secret, sizeof secret - 1);
		buf[at - 1] = '\n'; /* not glued to the filler before it */
		for (size_t i = 0; i < at; i++)
			line += buf[i] == '\n';
		write_file("chunk.txt", buf, sizeof buf);
		paths[0] = tpath("chunk.txt");
		assert_int_equal(run(&o, paths, 1, &cov), 0);
		assert_int_equal(cap.n, 1);
		assert_int_equal(cap.hits[0].offset, at + 9);
		assert_int_equal(cap.hits[0].line, line);
		assert_int_equal(cov.bytes, sizeof buf);
		scan_coverage_free(&cov);
	}
}

/* UTF-16 text with a byte order mark, either byte order: read as UTF-8,
 * the secret found once at every position around the text's chunk
 * boundaries (the fake engine's window is 128 bytes, chunks 1,024: one
 * reports up to 8,320 and 12,416) and the transcoder's refills from the
 * file (the parent's first read of 1,280 bytes, then 4,096 at a time: at
 * 8,831 characters), on its line; a character outside the BMP (a surrogate
 * pair) and a lone surrogate before it take their UTF-8 lengths, 4 and 3. */
static void test_utf16(void **state)
{
	static const char secret[] = "password=" CANARY "\n";
	static char text[20000];
	static unsigned char wide[2 + 2 * sizeof text + 8];
	struct scan_options o;
	struct scan_coverage cov;
	const char *paths[] = {tpath("w.reg")};

	(void)state;
	scan_options_default(&o);
	o.jobs = 1;
	o.chunk_size = 1024;
	for (int big = 0; big < 2; big++)
		for (size_t at = 8150; at < 12600; at += at >= 8900 && at < 12300 ? 3500 : 7) {
			size_t n = 0;
			long line = 1;
			memset(text, 'x', sizeof text);
			for (size_t i = 63; i < sizeof text; i += 64)
				text[i] = '\n';
			memcpy(text + at, secret, sizeof secret - 1);
			text[at - 1] = '\n';
			for (size_t i = 0; i < at; i++)
				line += text[i] == '\n';
			wide[n++] = big ? 0xFE : 0xFF;
			wide[n++] = big ? 0xFF : 0xFE;
			for (size_t i = 0; i < sizeof text; i++) {
				unsigned u = (unsigned char)text[i];
				if (i == 10) /* U+1F600 as a pair, then a lone high surrogate */
					u = 0;
				if (u == 0) {
					static const unsigned units[] = {0xD83D, 0xDE00, 0xD800};
					for (size_t k = 0; k < 3; k++) {
						wide[n++] = (unsigned char)(big ? units[k] >> 8
						                                : units[k]);
						wide[n++] = (unsigned char)(big ? units[k]
						                                : units[k] >> 8);
					}
					continue;
				}
				wide[n++] = (unsigned char)(big ? 0 : u);
				wide[n++] = (unsigned char)(big ? u : 0);
			}
			write_file("w.reg", wide, n);
			assert_int_equal(run(&o, paths, 1, &cov), 0);
			assert_int_equal(cap.n, 1);
			/* 'x' at 10 became 4 + 3 bytes of UTF-8 */
			assert_int_equal(cap.hits[0].offset, at + 9 + 6);
			assert_int_equal(cap.hits[0].line, line);
			scan_coverage_free(&cov);
		}
}

/* A 1 GiB sparse file with one secret at 512 MiB: the holes are skipped,
 * the offset and line are right. */
static void test_sparse(void **state)
{
	static const char secret[] = "\npassword=" CANARY "\n";
	struct scan_options o;
	struct scan_coverage cov;
	const char *paths[] = {tpath("sparse.img")};
	int fd = open(paths[0], O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, secret, sizeof secret - 1, 512 << 20), sizeof secret - 1);
	assert_int_equal(ftruncate(fd, 1 << 30), 0);
	close(fd);
	scan_options_default(&o);
	o.jobs = 2;
	assert_int_equal(run(&o, paths, 1, &cov), 0);
	assert_int_equal(cap.n, 1);
	assert_int_equal(cap.hits[0].offset, (512 << 20) + 1 + 9);
	assert_int_equal(cap.hits[0].line, 2);
	assert_true(strstr(cap.hits[0].redacted, CANARY) == NULL);
	scan_coverage_free(&cov);
}

/* Links are not followed below the root, FIFOs are not opened, loops end. */
static void test_hostile_tree(void **state)
{
	static const char secret[] = "password=" CANARY "\n";
	struct scan_options o;
	struct scan_coverage cov;
	const char *paths[] = {tpath("root")};

	assert_int_equal(mkdir(tpath("root"), 0700), 0);
	assert_int_equal(mkdir(tpath("root/sub"), 0700), 0);
	write_file("outside.txt", secret, sizeof secret - 1);
	write_file("root/sub/inside.txt", secret, sizeof secret - 1);
	assert_int_equal(symlink("../../outside.txt", tpath("root/sub/link.txt")), 0);
	assert_int_equal(symlink("..", tpath("root/sub/up")), 0);
	assert_int_equal(mkfifo(tpath("root/fifo"), 0600), 0);
	paths[0] = tpath("root"); /* tpath() reuses its buffer */
	scan_options_default(&o);
	assert_int_equal(run(&o, paths, 1, &cov), 0);
	assert_int_equal(cap.n, 1);
	assert_non_null(strstr(cap.hits[0].path, "root/sub/inside.txt"));
	assert_int_equal(cov.counts[COV_SYMLINK], 2);
	assert_int_equal(cov.counts[COV_FIFO], 1);
	assert_int_equal(cov.files, 1);
	assert_int_equal(cov.dirs, 2);
	scan_coverage_free(&cov);
}

/* Findings come out in walk order whatever the number of threads. */
static void test_order(void **state)
{
	struct scan_options o;
	struct scan_coverage cov;
	struct got first[64];
	size_t nfirst;
	const char *paths[] = {tpath("many")};
	char name[64], body[128];

	assert_int_equal(mkdir(tpath("many"), 0700), 0);
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "many/f%02d", i);
		snprintf(body, sizeof body, "x\npassword=value%02d\n", i);
		write_file(name, body, strlen(body));
	}
	scan_options_default(&o);
	o.jobs = 1;
	assert_int_equal(run(&o, paths, 1, &cov), 0);
	scan_coverage_free(&cov);
	nfirst = cap.n;
	memcpy(first, cap.hits, sizeof first);
	assert_int_equal(nfirst, 40);
	o.jobs = 4;
	assert_int_equal(run(&o, paths, 1, &cov), 0);
	scan_coverage_free(&cov);
	assert_int_equal(cap.n, nfirst);
	for (size_t i = 0; i < nfirst; i++)
		assert_string_equal(cap.hits[i].path, first[i].path);
}

/* credaudit:allow on the line suppresses; on another line it does not. */
static void test_inline_allow(void **state)
{
	static const char body[] = "password=" CANARY " # credaudit:allow\n"
	                           "# credaudit:allow\npassword=other" CANARY "\n";
	struct scan_options o;
	struct scan_coverage cov;
	const char *paths[] = {tpath("allow.txt")};

	write_file("allow.txt", body, sizeof body - 1);
	scan_options_default(&o);
	assert_int_equal(run(&o, paths, 1, &cov), 0);
	assert_int_equal(cap.n, 1);
	assert_int_equal(cap.hits[0].line, 3);
	assert_int_equal(cov.suppressed_inline, 1);
	scan_coverage_free(&cov);
}

static void add_member(struct archive *a, const char *name, const void *data, size_t len)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
	assert_int_equal(archive_write_data(a, data, len), (la_ssize_t)len);
	archive_entry_free(e);
}

/* tar.gz holding a zip holding a file: found with a nested path. */
static void test_nested_archive(void **state)
{
	static const char secret[] = "x\npassword=" CANARY "\n";
	char zipbuf[4096];
	size_t ziplen = 0;
	struct archive *a = archive_write_new();
	struct scan_options o;
	struct scan_coverage cov;
	const char *paths[] = {tpath("outer.tar.gz")};

	assert_int_equal(archive_write_set_format_zip(a), ARCHIVE_OK);
	assert_int_equal(archive_write_open_memory(a, zipbuf, sizeof zipbuf, &ziplen), ARCHIVE_OK);
	add_member(a, "deep/conf.ini", secret, sizeof secret - 1);
	archive_write_free(a);

	a = archive_write_new();
	assert_int_equal(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
	assert_int_equal(archive_write_add_filter_gzip(a), ARCHIVE_OK);
	assert_int_equal(archive_write_open_filename(a, paths[0]), ARCHIVE_OK);
	add_member(a, "inner/app.zip", zipbuf, ziplen);
	add_member(a, "inner/plain.txt", secret, sizeof secret - 1);
	archive_write_free(a);

	scan_options_default(&o);
	assert_int_equal(run(&o, paths, 1, &cov), 0);
	assert_int_equal(cap.n, 2);
	assert_non_null(strstr(cap.hits[0].path, "outer.tar.gz!inner/app.zip!deep/conf.ini"));
	assert_int_equal(cap.hits[0].line, 2);
	assert_non_null(strstr(cap.hits[1].path, "outer.tar.gz!inner/plain.txt"));
	assert_int_equal(cov.archives, 2);
	scan_coverage_free(&cov);

	/* One level only: the zip is scanned raw (and not understood). */
	o.limits.archive_depth = 1;
	assert_int_equal(run(&o, paths, 1, &cov), 0);
	assert_int_equal(cap.n, 1);
	assert_int_equal(cov.counts[COV_ARCHIVE_DEPTH], 1);
	scan_coverage_free(&cov);
}

/* A gzip of 256 MiB of zeros stops at the ratio limit, reported. */
static void test_archive_bomb(void **state)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	static char zeros[1 << 16];
	struct scan_options o;
	struct scan_coverage cov;
	const char *paths[] = {tpath("bomb.tar.gz")};

	assert_int_equal(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
	assert_int_equal(archive_write_add_filter_gzip(a), ARCHIVE_OK);
	assert_int_equal(archive_write_open_filename(a, paths[0]), ARCHIVE_OK);
	archive_entry_set_pathname(e, "zeros");
	archive_entry_set_size(e, 256 << 20);
	archive_entry_set_filetype(e, AE_IFREG);
	assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
	for (int i = 0; i < (256 << 20) / (int)sizeof zeros; i++)
		assert_int_equal(archive_write_data(a, zeros, sizeof zeros), sizeof zeros);
	archive_entry_free(e);
	archive_write_free(a);

	scan_options_default(&o);
	o.limits.archive_min_bytes = 1 << 20;
	assert_int_equal(run(&o, paths, 1, &cov), 0);
	assert_int_equal(cov.counts[COV_ARCHIVE_LIMIT], 1);
	assert_true(cov.bytes < (64u << 20));
	assert_int_equal(cov.nproblems, 1);
	assert_int_equal(cov.problems[0].reason, COV_ARCHIVE_LIMIT);
	scan_coverage_free(&cov);
}

static void test_baseline(void **state)
{
	static const char good[] =
	        "{\"rule\":\"r1\",\"path\":\"a/b\",\"line\":3,\"secret\":{\"redacted\":\"x\","
	        "\"fingerprint\":\"hmac:0123456789abcdef0123456789abcdef\"}}\n"
	        "\n"
	        "{\"rule\":\"r2\",\"secret\":{\"fingerprint\":\"hmac:"
	        "fedcba9876543210fedcba9876543210\"}}\r\n"
	        "{\"coverage\":{\"files\":1}}\n";
	struct baseline *b = NULL;
	char err[256];

	assert_int_equal(baseline_parse(&b, good, sizeof good - 1, "t", err, sizeof err), 0);
	assert_int_equal(baseline_size(b), 2);
	assert_true(baseline_contains(b, "r1", "hmac:0123456789abcdef0123456789abcdef", "a/b"));
	assert_false(baseline_contains(b, "r1", "hmac:0123456789abcdef0123456789abcdef", "a/c"));
	assert_false(baseline_contains(b, "r2", "hmac:0123456789abcdef0123456789abcdef", "a/b"));
	assert_true(
	        baseline_contains(b, "r2", "hmac:fedcba9876543210fedcba9876543210", "anywhere"));
	baseline_free(b);

	assert_int_equal(baseline_parse(&b, "{\"rule\":\"r\"}\n", 13, "t", err, sizeof err),
	                 -EINVAL);
	assert_non_null(strstr(err, "t:1"));
	assert_int_equal(baseline_parse(&b, "\n[1]\n", 5, "t", err, sizeof err), -EINVAL);
	assert_non_null(strstr(err, "t:2"));
	assert_int_equal(baseline_parse(&b, "{} x\n", 5, "t", err, sizeof err), -EINVAL);

	/* an unkeyed baseline of an older version: refused, saying what to do */
	static const char old[] =
	        "{\"rule\":\"r1\",\"secret\":{\"fingerprint\":\"sha256:0123456789abcdef\"}}\n";
	assert_int_equal(baseline_parse(&b, old, sizeof old - 1, "old", err, sizeof err), -EINVAL);
	assert_non_null(strstr(err, "old:1"));
	assert_non_null(strstr(err, "--write-baseline"));
	assert_non_null(strstr(err, "unkeyed"));
}

/* The JSON line has exactly the fields of the design; SARIF parses. */
static void test_outputs(void **state)
{
	struct scan_hit h = {
	        .path = "etc/app.conf",
	        .rule = "fake-password",
	        .category = "server-config",
	        .clause = "3(1)⑤",
	        .description = "Password assignment",
	        .severity = SEV_HIGH,
	        .line = 12,
	        .offset = 345,
	        .redacted = "Ca***(15)",
	        .fingerprint = "hmac:0123456789abcdef0123456789abcdef",
	};
	static const char *const keys[] = {"rule",        "category",    "clause",  "severity",
	                                   "path",        "line",        "offset",  "account",
	                                   "confirmed",   "recoverable", "context", "weak",
	                                   "description", "note",        "secret"};
	struct scan_coverage cov = {.files = 1, .bytes = 10, .findings = 1};
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct output *o = output_new(OUTPUT_JSON, fp, NULL, false);
	struct json_object *obj, *v;
	char *nl;

	assert_int_equal(output_hits(o, &h, 1), 0);
	assert_int_equal(output_end(o, &cov), 0);
	output_free(o);
	fclose(fp);
	nl = strchr(buf, '\n');
	assert_non_null(nl);
	*nl = '\0';
	obj = json_tokener_parse(buf);
	assert_non_null(obj);
	assert_int_equal(json_object_object_length(obj), sizeof keys / sizeof keys[0]);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		assert_true(json_object_object_get_ex(obj, keys[i], NULL));
	assert_true(json_object_object_get_ex(obj, "account", &v) && v == NULL);
	json_object_put(obj);
	obj = json_tokener_parse(nl + 1);
	assert_non_null(obj);
	assert_true(json_object_object_get_ex(obj, "coverage", NULL));
	json_object_put(obj);
	free(buf);

	buf = NULL;
	fp = open_memstream(&buf, &len);
	o = output_new(OUTPUT_SARIF, fp, NULL, false);
	h.line = -1;
	assert_int_equal(output_hits(o, &h, 1), 0);
	assert_int_equal(output_hits(o, &h, 1), 0);
	assert_int_equal(output_end(o, &cov), 0);
	output_free(o);
	fclose(fp);
	obj = json_tokener_parse(buf);
	assert_non_null(obj);
	assert_true(json_object_object_get_ex(obj, "runs", &v));
	v = json_object_array_get_idx(v, 0);
	assert_true(json_object_object_get_ex(v, "results", &v));
	assert_int_equal(json_object_array_length(v), 2);
	json_object_put(obj);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_chunk_boundaries, make_tmp, rm_tmp),
	        cmocka_unit_test_setup_teardown(test_utf16, make_tmp, rm_tmp),
	        cmocka_unit_test_setup_teardown(test_sparse, make_tmp, rm_tmp),
	        cmocka_unit_test_setup_teardown(test_hostile_tree, make_tmp, rm_tmp),
	        cmocka_unit_test_setup_teardown(test_order, make_tmp, rm_tmp),
	        cmocka_unit_test_setup_teardown(test_inline_allow, make_tmp, rm_tmp),
	        cmocka_unit_test_setup_teardown(test_nested_archive, make_tmp, rm_tmp),
	        cmocka_unit_test_setup_teardown(test_archive_bomb, make_tmp, rm_tmp),
	        cmocka_unit_test(test_baseline),
	        cmocka_unit_test(test_outputs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
