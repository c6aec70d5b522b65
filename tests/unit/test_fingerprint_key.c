/* The fingerprint key file: created at first use, 0600, atomically; the
 * same file gives the same fingerprints, another file others; a key file
 * with a wrong mode or owner, a symbolic link, or a wrong size is refused;
 * the key never shows in a fingerprint or a message. */
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

#include "fingerprint.h"
#include "fingerprint_key.h"
#include "paths.h"

static const char canary[] = "Canary-Fp-Key#5518";

static char dir[] = "/tmp/cp-fpkey-XXXXXX";

static void fp_with(const char *path, char out[FINGERPRINT_LEN])
{
	char err[256] = "";

	assert_int_equal(fingerprint_key_load(path, err, sizeof err), 0);
	secret_fingerprint(canary, strlen(canary), out);
	assert_null(strstr(out, canary));
}

static void test_created_once(void **state)
{
	char a[64], b[64], fa[FINGERPRINT_LEN], fa2[FINGERPRINT_LEN], fb[FINGERPRINT_LEN];
	struct stat st;
	FILE *f;
	char key[64];
	size_t n;

	snprintf(a, sizeof a, "%s/a.key", dir);
	snprintf(b, sizeof b, "%s/b.key", dir);
	fp_with(a, fa);
	assert_int_equal(lstat(a, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, FINGERPRINT_KEY_NEW_BYTES);
	fp_with(a, fa2);
	assert_string_equal(fa, fa2); /* stable on one installation */
	fp_with(b, fb);
	assert_string_not_equal(fa, fb); /* useless elsewhere */

	/* the key file holds random bytes only, never the secret */
	f = fopen(a, "rb");
	assert_non_null(f);
	n = fread(key, 1, sizeof key, f);
	fclose(f);
	assert_int_equal(n, FINGERPRINT_KEY_NEW_BYTES);
	assert_null(memmem(key, n, canary, 6));
	unlink(a);
	unlink(b);
}

static void expect_refused(const char *path, int code, const char *words)
{
	char err[256] = "";

	assert_int_equal(fingerprint_key_load(path, err, sizeof err), code);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, words));
}

static void write_key(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

static void test_refused(void **state)
{
	char p[64], link_path[64];

	snprintf(p, sizeof p, "%s/shared.key", dir);
	write_key(p, "0123456789abcdef0123456789abcdef", 0640);
	expect_refused(p, -EPERM, "mode 0600");
	chmod(p, 0604);
	expect_refused(p, -EPERM, "mode 0600");
	chmod(p, 0600);
	assert_int_equal(fingerprint_key_load(p, NULL, 0), 0);

	snprintf(link_path, sizeof link_path, "%s/link.key", dir);
	assert_int_equal(symlink(p, link_path), 0);
	expect_refused(link_path, -ELOOP, "symbolic link");
	unlink(link_path);

	write_key(p, "short", 0600);
	expect_refused(p, -EINVAL, "bytes");
	unlink(p);

	expect_refused("/nonexistent-dir/fp.key", -ENOENT, "--fingerprint-key");
}

/* A team's key: any file of 16 or more bytes, 0600, gives every host the
 * same fingerprints. */
static void test_shared_key(void **state)
{
	char p[64], f1[FINGERPRINT_LEN], f2[FINGERPRINT_LEN];

	snprintf(p, sizeof p, "%s/team.key", dir);
	write_key(p, "team key shared by the audit hosts", 0600);
	fp_with(p, f1);
	assert_int_equal(fingerprint_key_set("team key shared by the audit hosts", 34), 0);
	secret_fingerprint(canary, strlen(canary), f2);
	assert_string_equal(f1, f2);
	unlink(p);
}

static void test_env_path(void **state)
{
	setenv(FINGERPRINT_KEY_ENV, "/some/key", 1);
	assert_string_equal(fingerprint_key_path(NULL), "/some/key");
	assert_string_equal(fingerprint_key_path("/given"), "/given");
	unsetenv(FINGERPRINT_KEY_ENV);
	assert_string_equal(fingerprint_key_path(NULL), PATH_FINGERPRINT_KEY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_created_once),
	        cmocka_unit_test(test_refused),
	        cmocka_unit_test(test_shared_key),
	        cmocka_unit_test(test_env_path),
	};
	int rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	return rc;
}
