/* Strings of text with escapes (lib/rules/escaped.c): which strings are
 * found, quotes paired per line, the escapes undone and each byte traced
 * back to the raw offset it came from. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules/escaped.h"

/* The strings of text of t opening in [from, until), as "open-close" */
static void strings(const char *t, size_t from, size_t until, char *out, size_t cap)
{
	struct escaped_reader r;
	struct escaped_string s;
	size_t o = 0;

	out[0] = '\0';
	escaped_reader_init(&r, (const unsigned char *)t, strlen(t), false);
	while (escaped_next(&r, from, until, 1 << 20, &s) && o + 32 < cap)
		o += (size_t)snprintf(out + o, cap - o, "%zu-%zu ", s.open, s.close);
}

static void test_next(void **state)
{
	char got[256];

	(void)state;
	/* two escaped line breaks, or two escaped quotes */
	strings("{\"running\": \"!\\nenable password x\\n\"}\n", 0, SIZE_MAX, got, sizeof got);
	assert_string_equal(got, "12-35 ");
	strings("{\"c\": \"[{\\\"name\\\":1}]\"}", 0, SIZE_MAX, got, sizeof got);
	assert_string_equal(got, "6-21 ");
	/* one line break at the end is a message's, not text; one with more
	 * after it starts a second line */
	strings("{\"msg\": \"done\\n\", \"k\": \"a\\\"b\"}\n", 0, SIZE_MAX, got, sizeof got);
	assert_string_equal(got, "");
	strings("{\"running\": \"snmp-server user a\\nend\"}", 0, SIZE_MAX, got, sizeof got);
	assert_string_equal(got, "12-36 ");
	/* quotes paired from the line's start: the escape inside the first
	 * string does not close it; a string not closed on its line is none */
	strings("a \"x\\\"y\" \"p\\nq\\nr\"\nb \"u\\nv\\nw\n\"s\\n\\n\"\n", 0, SIZE_MAX, got,
	        sizeof got);
	assert_string_equal(got, "9-17 30-36 ");
	/* only those opening before until and closing after from */
	strings("\"a\\nb\\n\" \"c\\nd\\n\" \"e\\nf\\n\"", 9, 18, got, sizeof got);
	assert_string_equal(got, "9-16 ");
	strings("\"a\\nb\\n\" \"c\\nd\\n\" \"e\\nf\\n\"", 5, 18, got, sizeof got);
	assert_string_equal(got, "0-7 9-16 ");
	/* no backslash at all, an empty buffer */
	strings("\"plain\" text\n", 0, SIZE_MAX, got, sizeof got);
	assert_string_equal(got, "");
	strings("", 0, SIZE_MAX, got, sizeof got);
	assert_string_equal(got, "");
}

/* A buffer that starts inside a line (a later chunk): its quotes cannot
 * be paired, and reading starts at the next line. */
static void test_mid_line(void **state)
{
	const char *t = "b\\nc\\n\" \"x\\ny\\n\"\n\"p\\nq\\n\"\n";
	struct escaped_reader r;
	struct escaped_string s;

	(void)state;
	escaped_reader_init(&r, (const unsigned char *)t, strlen(t), true);
	assert_true(escaped_next(&r, 0, SIZE_MAX, 100, &s));
	assert_int_equal(s.open, 17);
	assert_int_equal(s.line, 17); /* its line's start */
	assert_false(escaped_next(&r, 0, SIZE_MAX, 100, &s));
	escaped_reader_init(&r, (const unsigned char *)"no line end", 11, true);
	assert_false(escaped_next(&r, 0, SIZE_MAX, 100, &s));
}

static void test_max(void **state)
{
	struct escaped_reader r;
	struct escaped_string s;
	const char *t = "\"a\\nb\\nccccccccccccccccccc\" \"d\\ne\\n\"";

	(void)state;
	escaped_reader_init(&r, (const unsigned char *)t, strlen(t), false);
	/* the first is too long: the line's rest is passed over */
	assert_false(escaped_next(&r, 0, SIZE_MAX, 10, &s));
	escaped_reader_init(&r, (const unsigned char *)t, strlen(t), false);
	assert_true(escaped_next(&r, 0, SIZE_MAX, 100, &s));
	assert_int_equal(s.open, 0);
	assert_true(escaped_next(&r, 0, SIZE_MAX, 100, &s));
	assert_int_equal(s.open, 28);
	assert_false(escaped_next(&r, 0, SIZE_MAX, 100, &s));
	/* cut at max on an escaped quote: too long, not closed there */
	t = "\"a\\nb\\nc\\\"d\\\"e\" x \"p\\nq\\nr\"";
	escaped_reader_init(&r, (const unsigned char *)t, strlen(t), false);
	assert_false(escaped_next(&r, 0, SIZE_MAX, 9, &s));
	escaped_reader_init(&r, (const unsigned char *)t, strlen(t), false);
	assert_false(escaped_next(&r, 0, SIZE_MAX, 12, &s));
}

static void test_decode(void **state)
{
	const char *t = "a\\nb\\\"c\\\\d\\u00e9\\ud83d\\ude00\\ud800x\\qz\\t";
	unsigned char out[64];
	uint32_t at[64];
	size_t n;

	(void)state;
	n = escaped_decode((const unsigned char *)t, strlen(t), out, at);
	assert_int_equal(n, strlen("a\nb\"c\\d\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbdx\\qz\t"));
	assert_memory_equal(out, "a\nb\"c\\d\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbdx\\qz\t", n);
	/* each byte at the raw byte or escape it came from */
	assert_int_equal(at[0], 0);  /* a */
	assert_int_equal(at[1], 1);  /* \n */
	assert_int_equal(at[2], 3);  /* b */
	assert_int_equal(at[3], 4);  /* \" */
	assert_int_equal(at[7], 10); /* both bytes of \u00e9 */
	assert_int_equal(at[8], 10);
	assert_int_equal(at[9], 16); /* a surrogate pair, four bytes */
	assert_int_equal(at[12], 16);
	assert_int_equal(at[13], 28); /* a lone surrogate: U+FFFD */
	assert_int_equal(at[16], 34); /* x */
	assert_int_equal(at[17], 35); /* \q: not JSON's, kept */
	/* a backslash at the end, and a bad \u, stay */
	n = escaped_decode((const unsigned char *)"x\\u12g4\\", 8, out, at);
	assert_int_equal(n, 8);
	assert_memory_equal(out, "x\\u12g4\\", 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_next),
	        cmocka_unit_test(test_mid_line),
	        cmocka_unit_test(test_max),
	        cmocka_unit_test(test_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
