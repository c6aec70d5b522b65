/* Unit tests for the shared pieces of lib/: wiping, fingerprints,
 * redaction, log-line quoting, RFC 3339 and atomic files. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "fingerprint.h"
#include "logline.h"
#include "secure.h"
#include "timefmt.h"

static void test_wipe(void **state)
{
	char *s = secure_strndup("CanaryPw#1", 64);
	char buf[16] = "secret";

	assert_non_null(s);
	assert_string_equal(s, "CanaryPw#1");
	secure_wipe(buf, sizeof buf);
	for (size_t i = 0; i < sizeof buf; i++)
		assert_int_equal(buf[i], 0);
	secure_wipe_str(s);
	assert_int_equal(s[0], 0);
	assert_int_equal(s[9], 0);
	secure_free_str(s);
	secure_free_str(NULL);
}

static void test_fingerprint(void **state)
{
	char a[FINGERPRINT_LEN], b[FINGERPRINT_LEN], c[FINGERPRINT_LEN];

	uint8_t key[32], other[32];

	for (size_t i = 0; i < sizeof key; i++) {
		key[i] = (uint8_t)i;
		other[i] = (uint8_t)(i + 1);
	}
	assert_int_equal(fingerprint_key_set(key, sizeof key), 0);
	secret_fingerprint("cisco", 5, a);
	secret_fingerprint("cisco", 5, b);
	secret_fingerprint("cisc0", 5, c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	/* HMAC-SHA-256(key, "credpolicy-fingerprint-v2\0cisco"), first 128 bits */
	assert_string_equal(a, "hmac:e0cbe844249d3c1ebc12627ded34baec");
	assert_true(fingerprint_valid(a));
	assert_false(fingerprint_valid("sha256:0123456789abcdef"));
	assert_false(fingerprint_valid("hmac:E0CBE844249D3C1EBC12627DED34BAEC"));

	/* another key, another fingerprint: useless where the key is not */
	assert_int_equal(fingerprint_key_set(other, sizeof other), 0);
	secret_fingerprint("cisco", 5, b);
	assert_string_not_equal(a, b);
	assert_int_equal(fingerprint_key_set(key, 15), -EINVAL);
}

static void test_redact(void **state)
{
	char r[REDACTED_LEN];

	secret_redact("cisco", 5, r);
	assert_string_equal(r, "***(5)");
	/* under 16 characters: nothing of the secret is shown */
	secret_redact("CanaryPw#1", 10, r);
	assert_string_equal(r, "***(10)");
	secret_redact("CanaryPw#1234567", 15, r);
	assert_string_equal(r, "***(15)");
	secret_redact("CanaryPw#1234567", 16, r);
	assert_string_equal(r, "Ca***(16)");
	secret_redact("\x01\x02zzzzzzzz", 10, r);
	assert_string_equal(r, "***(10)");
}

static void test_logline(void **state)
{
	char buf[LOGLINE_MAX];
	struct log_kv kv[] = {
	        {"user", "alice"},
	        {"gecos", "Alice \"A\" Smith"},
	        {"ctl", "a\nb"},
	        {"empty", NULL},
	};

	logline_format(buf, sizeof buf, kv, 4);
	assert_non_null(strstr(buf, "user=alice gecos=\"Alice \\\"A\\\" Smith\" ctl=\"a\\x0ab\" "
	                            "empty=\"\" time="));
	/* truncation never overflows */
	char small[10];
	assert_true(logline_format(small, sizeof small, kv, 4) < sizeof small);
	assert_int_equal(strlen(small), 9);
}

static void test_rfc3339(void **state)
{
	char buf[RFC3339_LEN];

	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	assert_int_equal(rfc3339_format(0, buf, sizeof buf), 0);
	assert_string_equal(buf, "1970-01-01T09:00:00+09:00");
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(rfc3339_format(0, buf, sizeof buf), 0);
	assert_string_equal(buf, "1970-01-01T00:00:00+00:00");
	assert_int_equal(rfc3339_format(0, buf, 10), -EINVAL);
}

static void test_atomic_file(void **state)
{
	char dir[] = "/tmp/cp-atomic-XXXXXX";
	char path[64], line[32];
	struct atomic_file af;
	struct stat st;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/out", dir);
	f = fopen(path, "w");
	fputs("old\n", f);
	fclose(f);

	/* aborted: old content stays, no temporary left */
	assert_int_equal(atomic_file_open(&af, path), 0);
	fputs("half", af.fp);
	atomic_file_abort(&af);
	f = fopen(path, "r");
	assert_non_null(fgets(line, sizeof line, f));
	fclose(f);
	assert_string_equal(line, "old\n");

	/* committed: new content, requested mode */
	assert_int_equal(atomic_file_open(&af, path), 0);
	fputs("new\n", af.fp);
	assert_int_equal(atomic_file_commit(&af, 0640), 0);
	f = fopen(path, "r");
	assert_non_null(fgets(line, sizeof line, f));
	fclose(f);
	assert_string_equal(line, "new\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);

	unlink(path);
	assert_int_equal(rmdir(dir), 0); /* fails if a temporary was left */

	/* a directory that does not exist */
	assert_int_equal(atomic_file_open(&af, "/nonexistent-dir/x"), -ENOENT);
}

/* The mode asked for, less the umask; the umask is left as it was. */
static unsigned committed_mode(unsigned mask, unsigned mode)
{
	char dir[] = "/tmp/cp-umask-XXXXXX";
	char path[64];
	struct atomic_file af;
	struct stat st;
	mode_t old = umask((mode_t)mask);

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/out", dir);
	assert_int_equal(atomic_file_open(&af, path), 0);
	fputs("x\n", af.fp);
	assert_int_equal(atomic_file_commit(&af, mode), 0);
	assert_int_equal(umask(old), (mode_t)mask);
	assert_int_equal(stat(path, &st), 0);
	unlink(path);
	rmdir(dir);
	return st.st_mode & 07777;
}

static void test_atomic_file_umask(void **state)
{
	assert_int_equal(committed_mode(077, ATOMIC_FILE_SHARED), 0600);
	assert_int_equal(committed_mode(077, 0644), 0600);
	assert_int_equal(committed_mode(027, ATOMIC_FILE_SHARED), 0640);
	assert_int_equal(committed_mode(022, ATOMIC_FILE_SHARED), 0644);
	assert_int_equal(committed_mode(022, ATOMIC_FILE_PRIVATE), 0600);
	assert_int_equal(committed_mode(0, ATOMIC_FILE_PRIVATE), 0600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_wipe),
	        cmocka_unit_test(test_fingerprint),
	        cmocka_unit_test(test_redact),
	        cmocka_unit_test(test_logline),
	        cmocka_unit_test(test_rfc3339),
	        cmocka_unit_test(test_atomic_file),
	        cmocka_unit_test(test_atomic_file_umask),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
