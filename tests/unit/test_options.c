/* The readers of option values both CLIs share (frame/options.h): whole
 * decimal numbers in a range, sizes with K/M/G/T suffixes; anything else,
 * a sign, blanks or an overflow, is refused and leaves *out as it was. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>

#include "frame/options.h"

static void test_number(void **state)
{
	uint64_t v = 7;

	(void)state;
	assert_int_equal(opt_number("0", 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(opt_number("10", 10, &v), 0);
	assert_int_equal(v, 10);
	v = 7;
	const char *bad[] = {
	        "", "11", "-1", "+1", " 1", "1 ", "1x", "0x10", "99999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(opt_number(bad[i], 10, &v), -EINVAL);
		assert_int_equal(v, 7);
	}
}

static void test_unsigned(void **state)
{
	unsigned u = 7;

	(void)state;
	assert_int_equal(opt_unsigned("1", 1, 300, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(opt_unsigned("300", 1, 300, &u), 0);
	assert_int_equal(u, 300);
	u = 7;
	assert_int_equal(opt_unsigned("0", 1, 300, &u), -EINVAL);
	assert_int_equal(opt_unsigned("301", 1, 300, &u), -EINVAL);
	assert_int_equal(opt_unsigned("-1", 0, UINT_MAX, &u), -EINVAL);
	assert_int_equal(opt_unsigned("4294967296", 0, UINT_MAX, &u), -EINVAL);
	assert_int_equal(u, 7);
}

static void test_size(void **state)
{
	uint64_t v = 7;

	(void)state;
	assert_int_equal(opt_size("512", &v), 0);
	assert_int_equal(v, 512);
	assert_int_equal(opt_size("64M", &v), 0);
	assert_int_equal(v, 64u << 20);
	assert_int_equal(opt_size("2KiB", &v), 0);
	assert_int_equal(v, 2048);
	assert_int_equal(opt_size("1g", &v), 0);
	assert_int_equal(v, 1u << 30);
	v = 7;
	const char *bad[] = {"", "M", "-1K", "1.5G", "1P", "1MBs", "16777216T"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(opt_size(bad[i], &v), -EINVAL);
		assert_int_equal(v, 7);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_number),
	        cmocka_unit_test(test_unsigned),
	        cmocka_unit_test(test_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
