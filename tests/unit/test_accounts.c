/* Unit tests of lib/accounts: in-root path resolution, the sudoers and
 * sshd_config readers, hash states, leak confirmation and its budget,
 * crontab, login.defs and lastlog records, device states. */
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
#include <unistd.h>

#include "accounts/confirm.h"
#include "report/device_check.h"
#include "accounts/hash_info.h"
#include "accounts/login_defs.h"
#include "accounts/login_sources.h"
#include "rootfs.h"
#include "accounts/sshd_config.h"
#include "accounts/sudoers.h"

#define Y_HASH "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$FETLYUjI3kT6CTNf0Q1fFgFFyVsPP4rnnS4gf44qgW9"
#define S6_HASH                                                                                    \
	"$6$saltsalt$.nO.ukP6j8P7tOxf7bSI93R5XGOkm/VGzP6baa0MhBGbgwwqCO9iup.AbTGJb7D647UtCeik/"    \
	"ix8DlLvXSJ1e/"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void read_back(struct rootfs *r, const char *path, const char *want)
{
	char *buf = NULL;
	size_t len;
	int rc = rootfs_read(r, path, 4096, &buf, &len, NULL);

	if (want == NULL) {
		assert_int_not_equal(rc, 0);
		return;
	}
	assert_int_equal(rc, 0);
	assert_string_equal(buf, want);
	free(buf);
}

static void test_rootfs(void **state)
{
	char dir[] = "/tmp/test-rootfs.XXXXXX", p[512], outside[600];
	struct rootfs r;

	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof p, "%s/root", dir);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof p, "%s/root/etc", dir);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof p, "%s/root/etc/inside", dir);
	write_file(p, "in");
	snprintf(outside, sizeof outside, "%s/secret", dir);
	write_file(outside, "out");
	/* absolute link: taken inside the root */
	snprintf(p, sizeof p, "%s/root/abs", dir);
	assert_int_equal(symlink("/etc/inside", p), 0);
	/* a link to the outside file's absolute path does not resolve in the root */
	snprintf(p, sizeof p, "%s/root/escape", dir);
	assert_int_equal(symlink(outside, p), 0);
	snprintf(p, sizeof p, "%s/root/loop", dir);
	assert_int_equal(symlink("loop", p), 0);
	snprintf(p, sizeof p, "%s/root", dir);
	assert_int_equal(rootfs_open(&r, p), 0);

	read_back(&r, "/etc/inside", "in");
	read_back(&r, "/abs", "in");
	read_back(&r, "/../../../etc/inside", "in"); /* ".." stops at the root */
	read_back(&r, "/etc/../../secret", NULL);
	read_back(&r, "/escape", NULL);
	assert_int_equal(rootfs_openat(&r, "/loop", O_RDONLY), -ELOOP);
	assert_int_equal(rootfs_read(&r, "/etc", 4096, &(char *){NULL}, &(size_t){0}, NULL),
	                 -EINVAL);
	{
		char *host = rootfs_host_path(&r, "/abs");
		assert_non_null(host);
		assert_non_null(strstr(host, "/root/etc/inside"));
		free(host);
	}
	rootfs_close(&r);
	snprintf(p, sizeof p, "rm -rf '%s'", dir);
	assert_int_equal(system(p), 0);
}

/* Group membership for the tests: frank is in wheel, erin in GID 10. */
static int in_group(void *ctx, const char *name, uint32_t gid)
{
	const char *user = ctx;

	if (name != NULL)
		return strcmp(name, "wheel") == 0 && strcmp(user, "frank") == 0;
	return gid == 10 && strcmp(user, "erin") == 0;
}

static unsigned grant_line(const struct sudoers *s, const char *user, uint32_t uid)
{
	const struct sudo_spec *sp = sudoers_grant(s, user, uid, in_group, (void *)user);
	return sp ? sp->line : 0;
}

static void test_sudoers(void **state)
{
	static const char text[] = "Defaults env_reset\n"
	                           "User_Alias OPS = bob, \\\n  %wheel : ROOTS = #0\n"
	                           "User_Alias LOOP = LOOP\n"
	                           "OPS ALL = (root) ALL\n"
	                           "carol, !dave ALL=ALL # comment\n"
	                           "%#10 host=ALL\n"
	                           "LOOP ALL=ALL\n"
	                           "#includedir /etc/sudoers.d\n"
	                           "@include common\n"
	                           "not a spec\n";
	struct sudoers s = {0};
	struct diags d = {0};

	assert_int_equal(sudoers_parse(text, sizeof text - 1, "/etc/sudoers", &s, &d), 0);
	assert_int_equal(s.nincs, 2);
	assert_string_equal(s.incs[0].path, "/etc/sudoers.d");
	assert_true(s.incs[0].is_dir);
	assert_string_equal(s.incs[1].path, "common");
	assert_false(s.incs[1].is_dir);
	assert_int_equal(grant_line(&s, "bob", 1001), 5);   /* through User_Alias */
	assert_int_equal(grant_line(&s, "frank", 1005), 5); /* %wheel inside the alias */
	assert_int_equal(grant_line(&s, "carol", 1002), 6);
	assert_int_equal(grant_line(&s, "dave", 1003), 0); /* negated: not a grant */
	assert_int_equal(grant_line(&s, "erin", 1004), 7); /* %#GID */
	assert_int_equal(grant_line(&s, "root", 0), 0);    /* ROOTS is not used; LOOP ends */
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.msg[0], "/etc/sudoers:11:"));
	sudoers_free(&s);
	diags_free(&d);
}

static void test_sudoers_all(void **state)
{
	static const char text[] = "ALL ALL=(ALL) NOPASSWD: /usr/bin/true\n#1234 ALL=ALL\n";
	struct sudoers s = {0};

	assert_int_equal(sudoers_parse(text, sizeof text - 1, "f", &s, NULL), 0);
	assert_int_equal(s.nspecs, 2); /* "#1234" is a UID, not a comment */
	assert_int_equal(grant_line(&s, "anyone", 5), 1);
	sudoers_free(&s);
}

/* Aliases may name each other many times over: each is resolved once,
 * so 16 levels that each name the next 8 times end at once (8^16 paths). */
static void test_sudoers_alias_fanout(void **state)
{
	char text[4096];
	size_t n = 0;
	struct sudoers s = {0};

	for (int i = 0; i < 16; i++) {
		n += (size_t)snprintf(text + n, sizeof text - n, "User_Alias A%d = ", i);
		for (int k = 0; k < 8; k++)
			n += (size_t)snprintf(text + n, sizeof text - n, "%sA%d", k ? ", " : "",
			                      i + 1);
		n += (size_t)snprintf(text + n, sizeof text - n, "\n");
	}
	n += (size_t)snprintf(text + n, sizeof text - n, "User_Alias A16 = bob\nA0 ALL=ALL\n");
	assert_true(n < sizeof text);
	assert_int_equal(sudoers_parse(text, n, "f", &s, NULL), 0);
	assert_int_equal(grant_line(&s, "carol", 1002), 0);
	assert_int_equal(grant_line(&s, "bob", 1001), 18);
	sudoers_free(&s);
}

/* Nesting deeper than any real file is reported as a grant: over-reported,
 * never missed. */
static void test_sudoers_alias_too_deep(void **state)
{
	char text[4096];
	size_t n = 0;
	struct sudoers s = {0};

	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "User_Alias D%d = D%d\n", i,
		                      i + 1);
	n += (size_t)snprintf(text + n, sizeof text - n, "User_Alias D40 = bob\nD0 ALL=ALL\n");
	assert_true(n < sizeof text);
	assert_int_equal(sudoers_parse(text, n, "f", &s, NULL), 0);
	assert_int_equal(grant_line(&s, "bob", 1001), 42);
	assert_int_equal(grant_line(&s, "carol", 1002), 42);
	sudoers_free(&s);
}

static int count_include(void *ctx, const char *pattern, const char *from, unsigned line)
{
	(*(int *)ctx)++;
	assert_string_equal(pattern, "/etc/ssh/sshd_config.d/*.conf");
	assert_int_equal(line, 1);
	return 0;
}

static void test_sshd_config(void **state)
{
	static const char text[] = "Include /etc/ssh/sshd_config.d/*.conf\n"
	                           "authorizedkeysfile=.ssh/authorized_keys \"/etc/keys/%u file\"\n"
	                           "AuthorizedKeysFile /ignored/second\n"
	                           "PermitRootLogin no\n"
	                           "Match User deploy\n"
	                           "  AuthorizedKeysFile none\n"
	                           "  PermitRootLogin yes\n";
	struct sshd_config c = {0};
	int includes = 0;
	char *p;

	assert_int_equal(sshd_config_parse(text, sizeof text - 1, "sshd_config", &c, count_include,
	                                   &includes, NULL),
	                 0);
	assert_int_equal(includes, 1);
	assert_string_equal(c.akf[0], ".ssh/authorized_keys");
	assert_string_equal(c.akf[1], "/etc/keys/%u file");
	assert_null(c.akf[2]);
	assert_string_equal(c.permit_root_login, "no");
	assert_int_equal(c.nmatches, 1);
	assert_string_equal(c.matches[0].criteria, "User deploy");
	assert_string_equal(c.matches[0].akf[0], "none");
	sshd_config_free(&c);

	p = sshd_expand_akf(".ssh/authorized_keys", "al", "/home/al", 1000);
	assert_string_equal(p, "/home/al/.ssh/authorized_keys");
	free(p);
	p = sshd_expand_akf("%h/k %u %U %% %x", "al", "/home/al", 1000);
	assert_string_equal(p, "/home/al/k al 1000 % %x");
	free(p);
	p = sshd_expand_akf("%u/keys", "al", "/home/al", 1000);
	assert_string_equal(p, "/home/al/al/keys");
	free(p);
	assert_null(sshd_expand_akf("none", "al", "/home/al", 1000));
}

static void test_hash_info(void **state)
{
	struct hash_info hi;

	hash_info_get("", &hi);
	assert_int_equal(hi.state, PW_EMPTY);
	hash_info_get("*", &hi);
	assert_int_equal(hi.state, PW_NONE);
	hash_info_get("!", &hi);
	assert_int_equal(hi.state, PW_NONE);
	hash_info_get(Y_HASH, &hi);
	assert_int_equal(hi.state, PW_USABLE);
	assert_string_equal(hi.scheme, "yescrypt");
	assert_false(hi.legacy);
	hash_info_get("!" Y_HASH, &hi);
	assert_int_equal(hi.state, PW_LOCKED);
	assert_string_equal(hi.scheme, "yescrypt");
	hash_info_get(S6_HASH, &hi);
	assert_true(hi.low_cost);
	assert_string_equal(hi.scheme, "sha512crypt");
	hash_info_get("$1$saltsalt$CseCtIB1F5jQLNepRnJNm0", &hi);
	assert_true(hi.legacy);
	assert_string_equal(hi.scheme, "md5crypt");
	hash_info_get("garbage!", &hi);
	assert_int_equal(hi.state, PW_INVALID);
}

static void test_confirm(void **state)
{
	struct crypt_budget b;
	const unsigned char right[] = "Fixture-Pw1", wrong[] = "Fixture-Pw2";

	crypt_budget_init(&b, 3, 60);
	assert_int_equal(confirm_password(&b, right, sizeof right - 1, Y_HASH), 1);
	assert_int_equal(confirm_password(&b, wrong, sizeof wrong - 1, Y_HASH), 0);
	assert_int_equal(confirm_password(&b, right, sizeof right - 1, S6_HASH), 1);
	assert_int_equal(b.calls, 3);
	assert_int_equal(confirm_password(&b, right, sizeof right - 1, S6_HASH), -ETIME);
	assert_int_equal(b.skipped, 1);
	crypt_budget_init(&b, 10, 60);
	/* unusable settings and embedded NULs never match, and cost nothing */
	assert_int_equal(confirm_password(&b, right, sizeof right - 1, "*"), 0);
	assert_int_equal(confirm_password(&b, (const unsigned char *)"a\0b", 3, S6_HASH), 0);
	assert_int_equal(confirm_password(&b, right, 0, S6_HASH), 0);
}

static void test_cron_units_defs(void **state)
{
	static const char sys[] =
	        "SHELL=/bin/sh\n# c\n17 * * * * root run-parts x\n@daily bob job\nbad\n";
	static const char unit[] =
	        "[Unit]\nUser=nope\n[Service]\nUser=svc\nUser = svc2\n[Install]\nUser=x\n";
	static const char defs[] =
	        "UID_MIN 2000\nPASS_MAX_DAYS  bad\nENCRYPT_METHOD \"YESCRYPT\"\n";
	struct cron_list cl = {0};
	struct diags d = {0};
	struct login_defs ld;
	unsigned line;
	char *user;

	assert_int_equal(crontab_parse(sys, sizeof sys - 1, "/etc/crontab", NULL, &cl, &d), 0);
	assert_int_equal(cl.n, 2);
	assert_string_equal(cl.v[0].user, "root");
	assert_int_equal(cl.v[0].line, 3);
	assert_string_equal(cl.v[1].user, "bob");
	assert_int_equal(d.n, 1);
	cron_list_free(&cl);
	diags_free(&d);

	assert_int_equal(unit_user_parse(unit, sizeof unit - 1, &user, &line), 0);
	assert_string_equal(user, "svc2");
	assert_int_equal(line, 5);
	free(user);

	login_defs_init(&ld);
	login_defs_parse(defs, sizeof defs - 1, "login.defs", &ld, &d);
	assert_int_equal(ld.uid_min, 2000);
	assert_int_equal(ld.pass_max_days, -1);
	assert_string_equal(ld.encrypt_method, "YESCRYPT");
	assert_int_equal(d.n, 1);
	diags_free(&d);
}

static void test_lastlog(void **state)
{
	char path[] = "/tmp/test-lastlog.XXXXXX";
	unsigned char rec[LASTLOG_RECORD_SIZE] = {0};
	int32_t t = 1700000000;
	long long got;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	memcpy(rec, &t, sizeof t);
	assert_int_equal(pwrite(fd, rec, sizeof rec, 5 * LASTLOG_RECORD_SIZE), (ssize_t)sizeof rec);
	assert_int_equal(lastlog_time(fd, 5, &got), 0);
	assert_int_equal(got, t);
	assert_int_equal(lastlog_time(fd, 2, &got), 0);
	assert_int_equal(got, 0);
	assert_int_equal(lastlog_time(fd, 6, &got), -ENOENT);
	close(fd);
}

static void test_device_state(void **state)
{
	struct luks_state l = {0};
	struct wipe_sample w = {0};

	l.header = true;
	l.active = 1;
	assert_string_equal(device_state(&l, &w), "key_slots_active");
	l.active = 0;
	assert_string_equal(device_state(&l, &w), "crypto_erased");
	l.header = false;
	w.samples = 10;
	assert_string_equal(device_state(&l, &w), "zeroed");
	w.nonzero = 3;
	w.entropy = 4.0;
	assert_string_equal(device_state(&l, &w), "data_remains");
	w.entropy = 7.99;
	assert_string_equal(device_state(&l, &w), "random_data");
	assert_true(device_state_ok("crypto_erased"));
	assert_false(device_state_ok("data_remains"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_rootfs),
	        cmocka_unit_test(test_sudoers),
	        cmocka_unit_test(test_sudoers_all),
	        cmocka_unit_test(test_sudoers_alias_fanout),
	        cmocka_unit_test(test_sudoers_alias_too_deep),
	        cmocka_unit_test(test_sshd_config),
	        cmocka_unit_test(test_hash_info),
	        cmocka_unit_test(test_confirm),
	        cmocka_unit_test(test_cron_units_defs),
	        cmocka_unit_test(test_lastlog),
	        cmocka_unit_test(test_device_state),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
