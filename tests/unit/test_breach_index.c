/* Unit tests of the breach index: hashing, round trips through the builder
 * and the reader (HIBP SHA-1 and NTLM lines, sorted and not, plain lists),
 * the false-positive rate, and clean errors for every corrupted header
 * field, a damaged body and every truncation. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "breach/breach_build.h"
#include "breach/breach_format.h"
#include "breach/breach_index.h"

static char tmpdir[64];

static int setup(void **state)
{
	strcpy(tmpdir, "/tmp/credpolicy-breach-test.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	setenv("CREDPOLICY_TESTING", "1", 1);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void hex(const uint8_t *d, size_t n, int upper, char *out)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

static void digest_hex(enum breach_hash h, const char *pw, char *out)
{
	uint8_t d[20];
	size_t n;
	assert_int_equal(breach_hash_password(h, pw, strlen(pw), d, &n), 0);
	hex(d, n, 0, out);
}

/* ------------------------------------------------------------ hashing */

static void test_hash_vectors(void **state)
{
	static const struct {
		const char *pw, *sha1, *ntlm;
	} v[] = {
	        {"password", "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
	         "8846f7eaee8fb117ad06bdd830b7586c"},
	        {"", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
	         "31d6cfe0d16ae931b73c59d7e0c089c0"},
	        {"Summer2024!", "7e8b0a3433f1210a9699d85420e363a1b162ecac",
	         "72f0eefcc213ea8f350773b831cf2c9c"},
	        {"\xd0\xbf\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c", /* Cyrillic, 2-byte UTF-8 */
	         "5670b4358ae287fe8e74c2ff6f6293f905409077", "507e3ee80df7db7c1fdd8d50ae8db606"},
	        {"\xe5\xaf\x86\xe7\xa0\x81"
	         "123", /* CJK, 3-byte UTF-8 */
	         "2888b30ad91c749c005ded5d30cfe63cf4a766ab", "56b91e8ab5ee40a62862eee212e64746"},
	        {"\xf0\x9f\x98\x80"
	         "emoji", /* outside the BMP: a UTF-16 surrogate pair */
	         "03eed8027cdd30f8cc81ec4705d1df477f236ff3", "cccb0bfa4f0b7eb8bae77d40a7debf80"},
	};
	char buf[41];

	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		digest_hex(BREACH_HASH_SHA1, v[i].pw, buf);
		assert_string_equal(buf, v[i].sha1);
		digest_hex(BREACH_HASH_NTLM, v[i].pw, buf);
		assert_string_equal(buf, v[i].ntlm);
	}
}

static void test_ntlm_rejects_invalid_utf8(void **state)
{
	static const char *bad[] = {"\xff",         "ab\xc0\xaf",       "\xed\xa0\x80",
	                            "\xe2\x82",     "\xf4\x90\x80\x80", "\x80",
	                            "x\xe0\x80\xaf"};
	uint8_t d[20];
	size_t n = 99;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(
		        breach_hash_password(BREACH_HASH_NTLM, bad[i], strlen(bad[i]), d, &n),
		        -EILSEQ);
		/* SHA-1 hashes bytes: any input is fine. */
		assert_int_equal(
		        breach_hash_password(BREACH_HASH_SHA1, bad[i], strlen(bad[i]), d, &n), 0);
	}
	/* A long password crosses the NTLM conversion buffer. */
	char lng[1000];
	memset(lng, 'a', sizeof lng - 1);
	lng[sizeof lng - 1] = '\0';
	assert_int_equal(breach_hash_password(BREACH_HASH_NTLM, lng, strlen(lng), d, &n), 0);
	assert_int_equal(n, 16);
}

static void test_xxh64_vectors(void **state)
{
	const char *s = "Nobody inspects the spammish repetition";
	struct bx_xxh64 st;

	assert_true(bx_xxh64("", 0) == 0xEF46DB3751D8E999ULL);
	assert_true(bx_xxh64("abc", 3) == 0x44BC2CF5AD770999ULL);
	assert_true(bx_xxh64(s, strlen(s)) == 0xFBCEA83C8A378BF1ULL);
	/* Streaming in odd pieces gives the same value. */
	bx_xxh64_init(&st);
	for (size_t i = 0; i < strlen(s); i += 5)
		bx_xxh64_update(&st, s + i, strlen(s) - i < 5 ? strlen(s) - i : 5);
	assert_true(bx_xxh64_final(&st) == 0xFBCEA83C8A378BF1ULL);
}

/* ------------------------------------------------------------ building */

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static char *path_in(const char *name)
{
	static char p[4][128];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
	return p[k];
}

/* Build path_in(out) from the named input files. Returns 0 or -errno, and
 * the builder's message in err. */
static int build(const char *out, const struct breach_build_options *o, const char **inputs,
                 enum breach_format fmt, char *err, size_t errlen)
{
	struct breach_builder *b;
	struct breach_input_stats st;
	int ret = 0, fd;

	assert_int_equal(breach_builder_new(o, &b), 0);
	for (size_t i = 0; inputs[i] != NULL && ret == 0; i++) {
		int in = open(path_in(inputs[i]), O_RDONLY);
		assert_true(in >= 0);
		ret = breach_builder_add_fd(b, in, inputs[i], fmt, &st, err, errlen);
		close(in);
	}
	if (ret == 0) {
		fd = open(path_in(out), O_RDWR | O_CREAT | O_TRUNC, 0644);
		assert_true(fd >= 0);
		ret = breach_builder_write(b, fd, err, errlen);
		close(fd);
	}
	breach_builder_free(b);
	return ret;
}

static struct breach_index *open_ok(const char *name)
{
	struct breach_index *ix = NULL;
	char err[512] = "";
	int ret = breach_index_open(path_in(name), &ix, err, sizeof err);
	if (ret != 0)
		fail_msg("open %s: %s", name, err);
	return ix;
}

#define NPW 20000

static void pw(char *buf, size_t len, const char *prefix, int i)
{
	snprintf(buf, len, "%s-%d-\xc3\xa9t\xc3\xa9", prefix, i); /* "été": UTF-8 */
}

/* HIBP-style lines for NPW known plaintexts, mixed case, some with counts
 * and CRLF; shuffled unless sorted (hex order, as HIBP ships them). */
static void write_hibp(const char *name, enum breach_hash h, int sorted)
{
	size_t width = h == BREACH_HASH_SHA1 ? 40 : 32;
	char(*lines)[64] = calloc(NPW, sizeof *lines), p[64];
	uint64_t seed = 42;
	FILE *f;

	assert_non_null(lines);
	for (int i = 0; i < NPW; i++) {
		uint8_t d[20];
		size_t n;
		pw(p, sizeof p, "member", i);
		assert_int_equal(breach_hash_password(h, p, strlen(p), d, &n), 0);
		assert_int_equal(n * 2, width);
		hex(d, n, 1, lines[i]);
	}
	if (sorted) {
		qsort(lines, NPW, sizeof *lines, (int (*)(const void *, const void *))strcmp);
	} else {
		for (int i = NPW - 1; i > 0; i--) {
			int j = (int)(splitmix64(&seed) % (uint64_t)(i + 1));
			char t[64];
			memcpy(t, lines[i], 64);
			memcpy(lines[i], lines[j], 64);
			memcpy(lines[j], t, 64);
		}
	}
	f = fopen(path_in(name), "w");
	assert_non_null(f);
	for (int i = 0; i < NPW; i++) {
		if (i % 3 == 1)
			for (char *c = lines[i]; *c; c++)
				if (*c >= 'A' && *c <= 'F')
					*c = (char)(*c - 'A' + 'a');
		fprintf(f, "%s", lines[i]);
		if (i % 2 == 0)
			fprintf(f, ":%d", i + 1);
		fprintf(f, i % 5 == 0 ? "\r\n" : "\n");
	}
	fclose(f);
	free(lines);
}

static void check_members(struct breach_index *ix, const char *prefix, int n, int want)
{
	char p[64];
	for (int i = 0; i < n; i++) {
		pw(p, sizeof p, prefix, i);
		assert_int_equal(breach_index_lookup(ix, p, strlen(p)), want);
	}
}

static int count_hits(struct breach_index *ix, const char *prefix, int n)
{
	char p[64];
	int hits = 0;
	for (int i = 0; i < n; i++) {
		pw(p, sizeof p, prefix, i);
		int r = breach_index_lookup(ix, p, strlen(p));
		assert_true(r == 0 || r == 1);
		hits += r;
	}
	return hits;
}

static void roundtrip(enum breach_hash h, int sorted, size_t memory)
{
	struct breach_build_options o = {.memory = memory};
	struct breach_index_info in;
	const char *inputs[] = {"hibp.txt", NULL};
	struct breach_index *ix;
	char err[512] = "";

	write_hibp("hibp.txt", h, sorted);
	if (build("hibp.idx", &o, inputs, BREACH_FORMAT_AUTO, err, sizeof err) != 0)
		fail_msg("build: %s", err);
	ix = open_ok("hibp.idx");
	breach_index_info(ix, &in);
	assert_int_equal(in.hash, h);
	assert_int_equal(in.entries, NPW);
	assert_int_equal(in.records, NPW);
	assert_true(in.expected_false_positive_rate <= 1e-9);
	assert_int_equal(breach_index_verify(ix, err, sizeof err), 0);
	check_members(ix, "member", NPW, 1);
	/* At 1e-9 designed, 20000 non-members give no false positive. */
	assert_int_equal(count_hits(ix, "stranger", NPW), 0);
	breach_index_close(ix);
	/* Loaded into memory instead of mapped: the same answers. */
	assert_int_equal(breach_index_open_flags(path_in("hibp.idx"), BREACH_OPEN_LOAD, &ix, err,
	                                         sizeof err),
	                 0);
	check_members(ix, "member", NPW, 1);
	assert_int_equal(count_hits(ix, "stranger", NPW), 0);
	breach_index_close(ix);
}

static void test_roundtrip_sha1_sorted(void **state)
{
	roundtrip(BREACH_HASH_SHA1, 1, 0);
}

static void test_roundtrip_sha1_unsorted_runs(void **state)
{
	/* 64 KiB of key memory: 4096 keys per run, so five runs to merge. */
	roundtrip(BREACH_HASH_SHA1, 0, 64 << 10);
}

static void test_roundtrip_sha1_sorted_runs(void **state)
{
	roundtrip(BREACH_HASH_SHA1, 1, 64 << 10);
}

static void test_roundtrip_ntlm_sorted(void **state)
{
	roundtrip(BREACH_HASH_NTLM, 1, 0);
}

static void test_roundtrip_ntlm_unsorted_runs(void **state)
{
	roundtrip(BREACH_HASH_NTLM, 0, 64 << 10);
}

/* The same entries in any order and any memory give the same body. */
static void test_build_is_deterministic(void **state)
{
	struct breach_build_options o = {.build_time = 1700000000};
	const char *inputs[] = {"hibp.txt", NULL};
	char err[512], cmd[512];

	write_hibp("hibp.txt", BREACH_HASH_SHA1, 1);
	assert_int_equal(build("a.idx", &o, inputs, BREACH_FORMAT_AUTO, err, sizeof err), 0);
	write_hibp("hibp.txt", BREACH_HASH_SHA1, 0);
	o.memory = 64 << 10;
	assert_int_equal(build("b.idx", &o, inputs, BREACH_FORMAT_AUTO, err, sizeof err), 0);
	/* Headers differ only in the source digest; the bodies are identical. */
	snprintf(cmd, sizeof cmd, "cmp -s -i %u '%s' '%s'", BX_HEADER_SIZE, path_in("a.idx"),
	         path_in("b.idx"));
	assert_int_equal(system(cmd), 0);
}

static void test_plain_list(void **state)
{
	static const char list[] = "#!comment: a John the Ripper style list\n"
	                           "123456\r\n"
	                           "\n"
	                           "password\n"
	                           "\xd0\xbf\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c\n"
	                           "bad\xff utf8\n"
	                           "123456\n" /* a duplicate */
	                           "no-final-newline";
	static const char *members[] = {"123456", "password",
	                                "\xd0\xbf\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c",
	                                "no-final-newline"};
	const char *inputs[] = {"list.txt", NULL};
	struct breach_builder *b;
	struct breach_input_stats st;
	char err[512];

	write_file(path_in("list.txt"), list, sizeof list - 1);
	for (int h = BREACH_HASH_SHA1; h <= BREACH_HASH_NTLM; h++) {
		struct breach_build_options o = {.hash = (enum breach_hash)h};
		struct breach_index_info in;
		struct breach_index *ix;
		int fd;

		assert_int_equal(breach_builder_new(&o, &b), 0);
		fd = open(path_in("list.txt"), O_RDONLY);
		assert_int_equal(breach_builder_add_fd(b, fd, "list.txt", BREACH_FORMAT_AUTO, &st,
		                                       err, sizeof err),
		                 0);
		close(fd);
		assert_int_equal(st.format, BREACH_FORMAT_PLAIN);
		assert_int_equal(st.comments, 1);
		assert_int_equal(st.lines, 8);
		if (h == BREACH_HASH_NTLM) {
			assert_int_equal(st.invalid_utf8, 1);
			assert_int_equal(st.first_invalid_line, 6);
			assert_int_equal(st.records, 5);
		} else {
			assert_int_equal(st.invalid_utf8, 0);
			assert_int_equal(st.records, 6);
		}
		breach_builder_free(b);

		assert_int_equal(
		        build("plain.idx", &o, inputs, BREACH_FORMAT_AUTO, err, sizeof err), 0);
		ix = open_ok("plain.idx");
		breach_index_info(ix, &in);
		assert_int_equal(in.hash, h);
		assert_int_equal(in.entries, h == BREACH_HASH_NTLM ? 4 : 5);
		for (size_t i = 0; i < sizeof members / sizeof members[0]; i++)
			assert_int_equal(breach_index_lookup(ix, members[i], strlen(members[i])),
			                 1);
		assert_int_equal(
		        breach_index_lookup(ix, "#!comment: a John the Ripper style list", 39), 0);
		assert_int_equal(breach_index_lookup(ix, "1234567", 7), 0);
		assert_int_equal(breach_index_lookup(ix, "bad\xff utf8", 9),
		                 h == BREACH_HASH_NTLM ? -EILSEQ : 1);
		breach_index_close(ix);
	}
}

static void test_format_detection(void **state)
{
	static const char sha1[] = "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:3\r\n"
	                           "7e8b0a3433f1210a9699d85420e363a1b162ecac\n";
	static const char ntlm[] = "8846F7EAEE8FB117AD06BDD830B7586C:10\n";
	static const char plain[] = "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8\npassword\n123456\n";

	assert_int_equal(breach_detect_format(sha1, sizeof sha1 - 1), BREACH_FORMAT_SHA1);
	assert_int_equal(breach_detect_format(ntlm, sizeof ntlm - 1), BREACH_FORMAT_NTLM);
	assert_int_equal(breach_detect_format(plain, sizeof plain - 1), BREACH_FORMAT_PLAIN);
	assert_int_equal(breach_detect_format("", 0), BREACH_FORMAT_PLAIN);
	assert_int_equal(breach_detect_format("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:x\n", 43),
	                 BREACH_FORMAT_PLAIN);
}

static void test_bad_lines_name_file_and_line(void **state)
{
	static const char sha1[] = "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:3\n"
	                           "7e8b0a3433f1210a9699d85420e363a1b162ecac\n";
	static const char ntlm[] = "8846F7EAEE8FB117AD06BDD830B7586C:10\n";
	static const char broken[] = "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:3\n"
	                             "7e8b0a3433f1210a9699d85420e363a1b162ecac\n"
	                             "\n"
	                             "7e8b0a3433f1210a9699d85420e363a1b162ec:1\n";
	static const char mixed[] = "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:3\n"
	                            "8846F7EAEE8FB117AD06BDD830B7586C:10\n";
	struct breach_build_options o = {0};
	char err[512] = "";
	const char *both[] = {"s.txt", "n.txt", NULL}, *one[] = {"broken.txt", NULL},
	           *mix[] = {"mixed.txt", NULL};

	write_file(path_in("s.txt"), sha1, sizeof sha1 - 1);
	write_file(path_in("n.txt"), ntlm, sizeof ntlm - 1);
	write_file(path_in("broken.txt"), broken, sizeof broken - 1);
	write_file(path_in("mixed.txt"), mixed, sizeof mixed - 1);
	assert_int_equal(build("x.idx", &o, both, BREACH_FORMAT_AUTO, err, sizeof err), -EINVAL);
	assert_non_null(strstr(err, "n.txt:1:"));
	assert_int_equal(build("x.idx", &o, one, BREACH_FORMAT_AUTO, err, sizeof err), -EINVAL);
	assert_non_null(strstr(err, "broken.txt:4:"));
	assert_int_equal(build("x.idx", &o, mix, BREACH_FORMAT_AUTO, err, sizeof err), -EINVAL);
	assert_non_null(strstr(err, "mixed.txt:2:"));
	assert_non_null(strstr(err, "NTLM"));
	/* --format sha1 on a plain list: the first line is named. */
	write_file(path_in("p.txt"), "password\n", 9);
	const char *p[] = {"p.txt", NULL};
	assert_int_equal(build("x.idx", &o, p, BREACH_FORMAT_SHA1, err, sizeof err), -EINVAL);
	assert_non_null(strstr(err, "p.txt:1:"));
}

static void test_empty_index(void **state)
{
	struct breach_build_options o = {0};
	const char *inputs[] = {"empty.txt", NULL};
	struct breach_index *ix;
	char err[512];

	write_file(path_in("empty.txt"), "", 0);
	assert_int_equal(build("empty.idx", &o, inputs, BREACH_FORMAT_AUTO, err, sizeof err), 0);
	ix = open_ok("empty.idx");
	assert_int_equal(breach_index_lookup(ix, "password", 8), 0);
	assert_int_equal(breach_index_verify(ix, err, sizeof err), 0);
	breach_index_close(ix);
}

/* ------------------------------------------------------------ false positives */

static struct breach_index *build_random(const char *name, uint64_t n, double fp, uint64_t seed)
{
	struct breach_build_options o = {.hash = BREACH_HASH_SHA1, .fp_rate = fp};
	struct breach_builder *b;
	char err[512];
	int fd;

	assert_int_equal(breach_builder_new(&o, &b), 0);
	for (uint64_t i = 0; i < n; i++)
		assert_int_equal(breach_builder_add_key(b, splitmix64(&seed)), 0);
	fd = open(path_in(name), O_RDWR | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(breach_builder_write(b, fd, err, sizeof err), 0);
	close(fd);
	breach_builder_free(b);
	return open_ok(name);
}

static void test_false_positive_rate(void **state)
{
	/* Keys are uniform, so a fixed seed makes this exact and unflaky:
	 * 10^6 random non-members against 10^4 entries at a designed 1e-3. */
	struct breach_index *ix = build_random("fp.idx", 10000, 1e-3, 1);
	struct breach_index_info in;
	uint64_t seed = 1, probe = 0xC0FFEE, hits = 0;

	breach_index_info(ix, &in);
	assert_true(in.expected_false_positive_rate <= 1e-3);
	assert_true(in.expected_false_positive_rate > 0.5e-3);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(breach_index_lookup_key(ix, splitmix64(&seed)), 1);
	for (int i = 0; i < 1000000; i++)
		hits += (uint64_t)breach_index_lookup_key(ix, splitmix64(&probe));
	/* Expected about 1000; a broken fingerprint would give 10^6 or 0. */
	print_message("measured false-positive rate %.3g (expected %.3g)\n", hits / 1e6,
	              in.expected_false_positive_rate);
	assert_true(hits >= 500 && hits <= 2000);
	breach_index_close(ix);

	/* At the default 1e-9: no false positive in 10^6 probes. */
	ix = build_random("fp9.idx", 50000, 1e-9, 7);
	breach_index_info(ix, &in);
	assert_true(in.bits_per_entry < 33.5);
	hits = 0;
	for (int i = 0; i < 1000000; i++)
		hits += (uint64_t)breach_index_lookup_key(ix, splitmix64(&probe));
	assert_true(hits <= 1);
	breach_index_close(ix);
}

/* ------------------------------------------------------------ corruption */

static uint8_t *slurp(const char *name, size_t *len)
{
	FILE *f = fopen(path_in(name), "rb");
	uint8_t *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void small_index(void)
{
	struct breach_index *ix = build_random("small.idx", 3000, 1e-9, 99);
	breach_index_close(ix);
}

static const struct field {
	unsigned off, size;
	const char *name;
	int semantic; /* checked by value, not only by the header checksum */
} fields[] = {
        {BX_OFF_MAGIC, 8, "magic", 1},
        {BX_OFF_VERSION, 4, "version", 1},
        {BX_OFF_HEADER_SIZE, 4, "header size", 1},
        {BX_OFF_HASH, 1, "hash type", 1},
        {BX_OFF_REMAINDER_BITS, 1, "remainder bits", 1},
        {BX_OFF_DIR_ENTRY_BYTES, 1, "directory entry size", 1},
        {BX_OFF_BLOCK_SHIFT, 1, "block shift", 1},
        {BX_OFF_FLAGS, 4, "flags", 1},
        {BX_OFF_ENTRIES, 8, "entry count", 1},
        {BX_OFF_BUCKETS, 8, "bucket count", 1},
        {BX_OFF_RECORDS, 8, "record count", 0},
        {BX_OFF_DIR_OFFSET, 8, "directory offset", 1},
        {BX_OFF_DIR_SIZE, 8, "directory size", 1},
        {BX_OFF_BODY_OFFSET, 8, "body offset", 1},
        {BX_OFF_BODY_SIZE, 8, "body size", 1},
        {BX_OFF_BUILD_TIME, 8, "build time", 0},
        {BX_OFF_TARGET_FP, 8, "designed false-positive rate", 0},
        {BX_OFF_DIR_CHECKSUM, 8, "directory checksum", 0},
        {BX_OFF_BODY_CHECKSUM, 8, "body checksum", 0},
        {BX_OFF_SOURCE_DIGEST, 32, "source digest", 0},
        {BX_OFF_RESERVED, 8, "reserved", 1},
        {BX_OFF_HEADER_CHECKSUM, 8, "header checksum", 1},
};

static void fix_header_checksum(uint8_t *p)
{
	bx_put64(p + BX_OFF_HEADER_CHECKSUM, bx_xxh64(p, BX_OFF_HEADER_CHECKSUM));
}

static void test_every_header_field_corrupted(void **state)
{
	size_t len;
	uint8_t *orig, *p;
	char err[512], where[32];
	struct breach_index *ix;

	small_index();
	orig = slurp("small.idx", &len);
	p = malloc(len);
	assert_non_null(p);
	for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
		for (unsigned byte = 0; byte < fields[f].size; byte++) {
			for (unsigned bit = 0; bit < 8; bit += 3) {
				memcpy(p, orig, len);
				p[fields[f].off + byte] ^= (uint8_t)(1u << bit);
				/* As found: the field's own check or the header checksum. */
				err[0] = '\0';
				assert_int_not_equal(
				        breach_index_open_memory(p, len, &ix, err, sizeof err), 0);
				assert_non_null(strstr(err, "at byte"));
				if (fields[f].off != BX_OFF_HEADER_CHECKSUM && fields[f].semantic) {
					/* With the checksum forged, the field itself is named. */
					fix_header_checksum(p);
					err[0] = '\0';
					int r = breach_index_open_memory(p, len, &ix, err,
					                                 sizeof err);
					if (r == 0)
						fail_msg("%s byte %u bit %u accepted",
						         fields[f].name, byte, bit);
					/* It names this field, or one whose expected
					 * value follows from it (body size from the
					 * remainder bits, say). */
					snprintf(where, sizeof where, "byte %u", fields[f].off);
					if (strstr(err, where) == NULL)
						print_message("%s: %s\n", fields[f].name, err);
					assert_non_null(strstr(err, "at byte"));
				}
			}
		}
	}
	/* Fields only the checksums guard: forge the header checksum, and
	 * verify() or lookups still hold. */
	memcpy(p, orig, len);
	p[BX_OFF_BODY_CHECKSUM] ^= 1;
	fix_header_checksum(p);
	assert_int_equal(breach_index_open_memory(p, len, &ix, err, sizeof err), 0);
	assert_int_equal(breach_index_verify(ix, err, sizeof err), -EBADMSG);
	assert_non_null(strstr(err, "body"));
	breach_index_close(ix);
	free(p);
	free(orig);
}

static void test_every_truncation(void **state)
{
	size_t len;
	uint8_t *orig, *p;
	char err[512];
	struct breach_index *ix;

	small_index();
	orig = slurp("small.idx", &len);
	for (size_t n = 0; n < len; n += (n < 256 ? 1 : 61)) {
		p = malloc(n ? n : 1);
		memcpy(p, orig, n);
		err[0] = '\0';
		assert_int_equal(breach_index_open_memory(p, n, &ix, err, sizeof err), -EBADMSG);
		if (strstr(err, "truncated") == NULL && strstr(err, "shorter") == NULL)
			fail_msg("length %zu: %s", n, err);
		free(p);
	}
	/* Trailing data is refused as well. */
	p = malloc(len + 1);
	memcpy(p, orig, len);
	p[len] = 0;
	assert_int_equal(breach_index_open_memory(p, len + 1, &ix, err, sizeof err), -EBADMSG);
	assert_non_null(strstr(err, "trailing"));
	free(p);
	free(orig);

	/* A truncated file on disk: the path is named. */
	assert_int_equal(truncate(path_in("small.idx"), (off_t)(len - 8)), 0);
	assert_int_equal(breach_index_open(path_in("small.idx"), &ix, err, sizeof err), -EBADMSG);
	assert_non_null(strstr(err, "small.idx"));
	assert_non_null(strstr(err, "truncated"));
}

static void test_body_and_directory_corrupted(void **state)
{
	size_t len;
	uint8_t *orig, *p;
	char err[512];
	struct breach_index *ix;
	uint64_t seed = 5, body_off, dir_off = BX_HEADER_SIZE;

	small_index();
	orig = slurp("small.idx", &len);
	body_off = bx_get64(orig + BX_OFF_BODY_OFFSET);
	p = malloc(len);
	for (int round = 0; round < 200; round++) {
		memcpy(p, orig, len);
		/* Damage a few bytes anywhere past the header. */
		for (int k = 0; k < 1 + round % 4; k++) {
			uint64_t at = dir_off + splitmix64(&seed) % (len - dir_off);
			p[at] ^= (uint8_t)(1 + splitmix64(&seed) % 255);
		}
		if (breach_index_open_memory(p, len, &ix, err, sizeof err) != 0) {
			/* Only the directory's two end entries are checked at open. */
			assert_non_null(strstr(err, "directory entry"));
			continue;
		}
		assert_int_equal(breach_index_verify(ix, err, sizeof err), -EBADMSG);
		assert_true(strstr(err, "body") != NULL || strstr(err, "directory") != NULL);
		/* Lookups never crash and never read outside the file (ASan). */
		uint64_t s2 = 99;
		for (int i = 0; i < 3000; i++) {
			int r = breach_index_lookup_key(ix, splitmix64(&s2));
			assert_true(r == 0 || r == 1 || r == -EBADMSG);
		}
		breach_index_close(ix);
	}
	(void)body_off;
	free(p);
	free(orig);
}

/* The issue this guards: random damage made members "absent". With a
 * checksum per block, every member is found or its block reported damaged
 * (-EBADMSG: the caller says check_unavailable), never absent, and
 * verify() names the damaged block. */
static void test_damage_never_answers_absent(void **state)
{
	const uint64_t n = 3000, seed0 = 99; /* small_index()'s keys */
	size_t len;
	uint8_t *orig, *p;
	char err[512];
	struct breach_index *ix;
	uint64_t seed = 11, body_off, body_end, lost = 0, unavailable = 0;

	small_index();
	orig = slurp("small.idx", &len);
	body_off = bx_get64(orig + BX_OFF_BODY_OFFSET);
	/* The body's bits, not its zero padding. */
	body_end =
	        body_off + (bx_get64(orig + BX_OFF_BUCKETS) +
	                    bx_get64(orig + BX_OFF_ENTRIES) * (orig[BX_OFF_REMAINDER_BITS] + 1u) +
	                    7) / 8;
	p = malloc(len);
	for (int round = 0; round < 100; round++) {
		uint64_t s2 = seed0;

		memcpy(p, orig, len);
		/* 64 random bytes written into the body, as in the report. */
		uint64_t at = body_off + splitmix64(&seed) % (body_end - body_off - 64);
		for (int k = 0; k < 64; k++)
			p[at + (uint64_t)k] = (uint8_t)splitmix64(&seed);
		assert_int_equal(breach_index_open_memory(p, len, &ix, err, sizeof err), 0);
		for (uint64_t i = 0; i < n; i++) {
			int r = breach_index_lookup_key(ix, splitmix64(&s2));
			lost += r == 0;
			unavailable += r == -EBADMSG;
		}
		err[0] = '\0';
		assert_int_equal(breach_index_verify(ix, err, sizeof err), -EBADMSG);
		assert_non_null(strstr(err, "block "));
		assert_non_null(strstr(err, "checksum"));
		breach_index_close(ix);
	}
	assert_int_equal(lost, 0);
	assert_true(unavailable > 0);

	/* One flipped bit in a directory entry's offset or check. */
	for (uint64_t at = BX_HEADER_SIZE + 1; at < body_off - 16; at += 37) {
		uint64_t s2 = seed0;

		memcpy(p, orig, len);
		p[at] ^= 0x10;
		if (breach_index_open_memory(p, len, &ix, err, sizeof err) != 0)
			continue; /* an end entry, refused at open */
		for (uint64_t i = 0; i < n; i++)
			assert_int_not_equal(breach_index_lookup_key(ix, splitmix64(&s2)), 0);
		assert_int_equal(breach_index_verify(ix, err, sizeof err), -EBADMSG);
		breach_index_close(ix);
	}
	free(p);
	free(orig);
}

/* An index of format version 1 (no block checks) is refused at open, with
 * a message that says to rebuild it. */
static void test_old_version_refused(void **state)
{
	size_t len;
	uint8_t *p;
	char err[512];
	struct breach_index *ix;

	small_index();
	p = slurp("small.idx", &len);
	bx_put32(p + BX_OFF_VERSION, 1);
	fix_header_checksum(p);
	assert_int_equal(breach_index_open_memory(p, len, &ix, err, sizeof err), -EPROTONOSUPPORT);
	assert_non_null(strstr(err, "version"));
	assert_non_null(strstr(err, "rebuild"));
	free(p);
}

static void test_open_errors_name_the_path(void **state)
{
	struct breach_index *ix = (void *)1;
	char err[512];

	assert_int_equal(breach_index_open(path_in("missing.idx"), &ix, err, sizeof err), -ENOENT);
	assert_non_null(strstr(err, "missing.idx"));
	assert_ptr_equal(ix, (void *)1); /* untouched on failure */
	assert_true(breach_index_open(tmpdir, &ix, err, sizeof err) < 0);
	assert_non_null(strstr(err, "regular file"));
	write_file(path_in("text.idx"), "password\n123456\n", 16);
	assert_int_equal(breach_index_open(path_in("text.idx"), &ix, err, sizeof err), -EBADMSG);
	assert_non_null(strstr(err, "not a credpolicy breach index"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_hash_vectors),
	        cmocka_unit_test(test_ntlm_rejects_invalid_utf8),
	        cmocka_unit_test(test_xxh64_vectors),
	        cmocka_unit_test(test_roundtrip_sha1_sorted),
	        cmocka_unit_test(test_roundtrip_sha1_unsorted_runs),
	        cmocka_unit_test(test_roundtrip_sha1_sorted_runs),
	        cmocka_unit_test(test_roundtrip_ntlm_sorted),
	        cmocka_unit_test(test_roundtrip_ntlm_unsorted_runs),
	        cmocka_unit_test(test_build_is_deterministic),
	        cmocka_unit_test(test_plain_list),
	        cmocka_unit_test(test_format_detection),
	        cmocka_unit_test(test_bad_lines_name_file_and_line),
	        cmocka_unit_test(test_empty_index),
	        cmocka_unit_test(test_false_positive_rate),
	        cmocka_unit_test(test_every_header_field_corrupted),
	        cmocka_unit_test(test_every_truncation),
	        cmocka_unit_test(test_body_and_directory_corrupted),
	        cmocka_unit_test(test_damage_never_answers_absent),
	        cmocka_unit_test(test_old_version_refused),
	        cmocka_unit_test(test_open_errors_name_the_path),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
