/* Escaping names from outside: C0/C1 controls and bidirectional controls
 * are escaped for terminals, invalid UTF-8 byte by byte; JSON gets the
 * escaped form plus the exact bytes in base64 when a name is not UTF-8. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "text_escape.h"

static void expect(const char *in, const char *want)
{
	char *got = text_escape(in);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_terminal_escapes(void **state)
{
	expect("plain/名前.conf", "plain/名前.conf");
	expect("a\x1b[2Jb", "a\\x1b[2Jb");
	expect("new\nline\\", "new\\x0aline\\x5c");
	expect("csi\x9b"
	       "31m",
	       "csi\\x9b31m"); /* a raw C1 byte */
	expect("u+009b\xc2\x9b"
	       "x",
	       "u+009b\\xc2\\x9bx"); /* C1 as UTF-8 */
	expect("del\x7f", "del\\x7f");
	expect("evil\xe2\x80\xae"
	       "fdp.exe",
	       "evil\\xe2\\x80\\xaefdp.exe");                                   /* U+202E */
	expect("\xe2\x81\xa6x\xe2\x81\xa9", "\\xe2\\x81\\xa6x\\xe2\\x81\\xa9"); /* U+2066, U+2069 */
	expect("\xe2\x80\xaa\xe2\x80\xad", "\\xe2\\x80\\xaa\\xe2\\x80\\xad");   /* U+202A, U+202D */
	expect("bad\xff\xc0\xaf", "bad\\xff\\xc0\\xaf"); /* invalid, overlong */
	expect("\xed\xa0\x80", "\\xed\\xa0\\x80");       /* a surrogate */
	expect("\xe2\x80\x94", "\xe2\x80\x94");          /* an em dash is fine */
}

static void test_utf8_and_base64(void **state)
{
	char *b;

	assert_true(text_is_utf8("abc 日本語"));
	assert_false(text_is_utf8("abc\xff"));
	assert_false(text_is_utf8("\xf4\x90\x80\x80")); /* above U+10FFFF */
	b = text_base64("a\xff"
	                "b");
	assert_string_equal(b, "Yf9i");
	free(b);
}

static void test_bounded(void **state)
{
	char buf[8];

	assert_string_equal(text_escape_buf("\x1b\x1b\x1b", buf, sizeof buf), "\\x1b");
	assert_string_equal(text_escape_buf("abcdefghij", buf, sizeof buf), "abcdefg");
}

static void test_json(void **state)
{
	struct json_object *o = json_object_new_object(), *v;

	text_json_add_name(o, "path", "ok.conf");
	assert_false(json_object_object_get_ex(o, "path_bytes", &v));
	json_object_put(o);

	o = json_object_new_object();
	text_json_add_name(o, "path", "x\xff.conf");
	assert_true(json_object_object_get_ex(o, "path", &v));
	assert_string_equal(json_object_get_string(v), "x\\xff.conf");
	assert_true(json_object_object_get_ex(o, "path_bytes", &v));
	assert_string_equal(json_object_get_string(v), "eP8uY29uZg==");
	json_object_put(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_terminal_escapes),
	        cmocka_unit_test(test_utf8_and_base64),
	        cmocka_unit_test(test_bounded),
	        cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
