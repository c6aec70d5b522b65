/* The login check through real libpam: pam_credpolicy.so login_check after
 * the authenticator (pam_matrix) in auth, and in account. A breached
 * password forces a change (PAM_NEW_AUTHTOK_REQD) and runs the leak hooks
 * with an event that holds no password, in the background (the build
 * tree's credpolicy-leak-notify) so that the login never waits for them,
 * or in the foreground when the runner cannot start; nothing ever breaks
 * the login. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <security/pam_appl.h>

#include "pamtest_util.h"

#define CLEAN "Ruhk4%Tzmw!8Qe"

/* The lines of the shipped pam-auth-update profile, behind pam_matrix.
 * pam_matrix wipes PAM_AUTHTOK in place once it has checked it, so
 * pam_set_items puts the verified password back, as pam_unix leaves it. */
static char stack[2048];

static void make_stack(void)
{
	char auth[256], account[256];

	pt_shipped_args("conf/pam-configs/credpolicy-login", "Auth:", auth, sizeof auth);
	pt_shipped_args("conf/pam-configs/credpolicy-login", "Account:", account, sizeof account);
	snprintf(stack, sizeof stack,
	         "auth required @MATRIX@ passdb=@PASSDB@\n"
	         "auth required @SET_ITEMS@\n"
	         "auth optional @MODULE@ conf=@CONF@%s\n"
	         "account required @MATRIX@ passdb=@PASSDB@\n"
	         "account [new_authtok_reqd=done default=ignore] @MODULE@%s\n",
	         auth, account);
}

static char hooks_dir[4096], hook_out[4096], ledger[4096];
static char runner[4096]; /* the suite's build of credpolicy-leak-notify */

/* A hook that appends its stdin (the event) to hook_out. */
static void make_hook(void)
{
	char path[4200];
	FILE *f = NULL;

	snprintf(hooks_dir, sizeof hooks_dir, "%s/hooks.d", pt_dir());
	snprintf(hook_out, sizeof hook_out, "%s/hook-input", pt_dir());
	snprintf(ledger, sizeof ledger, "%s/leaks.jsonl", pt_dir());
	snprintf(path, sizeof path, "%s/50-record", hooks_dir);
	if (mkdir(hooks_dir, 0755) != 0 || (f = fopen(path, "w")) == NULL ||
	    fprintf(f, "#!/bin/sh\ncat >>'%s'\n", hook_out) < 0 || fclose(f) != 0 ||
	    chmod(path, 0755) != 0) {
		perror(path);
		exit(99);
	}
}

static char *slurp(const char *path);

/* Event lines of the ledger that contain needle; fails if any line holds
 * secret. */
static int ledger_events(const char *needle, const char *secret)
{
	char *text = slurp(ledger), *line, *save = NULL;
	int n = 0;

	assert_null(strstr(text, secret));
	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save))
		n += strstr(line, "\"type\":\"event\"") != NULL && strstr(line, needle) != NULL;
	free(text);
	return n;
}

/* The event a background hook wrote to path, once whole (one line); ""
 * after 20 s. */
static char *wait_event(const char *path)
{
	for (int i = 0; i < 2000; i++) {
		char *e = slurp(path);
		if (strchr(e, '\n') != NULL)
			return e;
		free(e);
		usleep(10000);
	}
	return strdup("");
}

static char *slurp(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return strdup("");
	if (getdelim(&buf, &len, '\0', f) < 0) {
		free(buf);
		buf = strdup("");
	}
	fclose(f);
	return buf;
}

/* Log in as alice with password; the passdb holds the same password. */
static int login(const char *svc, const char *password, const char *conf_extra, struct pt_result *r)
{
	char conf[16384];
	int auth_rv;

	snprintf(conf, sizeof conf, "breach_index = %s\nhooks_dir = %s\nleak_ledger = %s\n%s",
	         pt_index(true), hooks_dir, ledger, conf_extra);
	pt_service_text(svc, "alice", conf, stack);
	/* pt_service_text's passdb holds PT_OLD_PASSWORD: log in with it and
	 * let pam_set_items present the password under test as verified. */
	setenv("PAM_AUTHTOK", password, 1);
	pt_login(svc, "alice", PT_OLD_PASSWORD, &auth_rv, r);
	unsetenv("PAM_AUTHTOK");
	assert_int_equal(auth_rv, PAM_SUCCESS);
	return r->rv;
}

static void test_breached_forces_change(void **state)
{
	struct pt_result r;
	char *event;

	unlink(hook_out);
	unlink(ledger);
	assert_int_equal(login("login_hit", PT_BREACHED, "", &r), PAM_NEW_AUTHTOK_REQD);
	assert_int_equal(pt_log_lines(&r, "event=login_check", "user=alice", "verdict=found",
	                              "reasons=breached", "SYSLOG(5):", NULL),
	                 1);
	/* The login check is clause 3(1)④ (leaks), not ③. */
	assert_int_equal(pt_log_lines(&r, "event=login_check", "clause=3(1)\xe2\x91\xa3", NULL), 1);
	/* The event is in the ledger, open, without the password. */
	assert_int_equal(ledger_events("\"source\":\"login_check\"", PT_BREACHED), 1);
	assert_int_equal(pt_count_err(&r, "Your password appears in a list of leaked passwords"),
	                 1);
	/* The hooks were handed to the runner, and the hook got the event. */
	assert_int_equal(pt_log_lines(&r, "event=leak_hooks", "verdict=background",
	                              "source=login_check", "SYSLOG(6):", NULL),
	                 1);
	event = wait_event(hook_out);
	assert_non_null(strstr(event, "\"event\":\"suspected_leak\""));
	assert_non_null(strstr(event, "\"user\":\"alice\""));
	assert_non_null(strstr(event, "\"source\":\"login_check\""));
	assert_non_null(strstr(event, "\"action\":\"password_change_required\""));
	assert_null(strstr(event, PT_BREACHED));
	assert_int_equal(strchr(event, '\n') == strrchr(event, '\n'), 1);
	free(event);
	pt_result_free(&r);
}

static void test_clean_password(void **state)
{
	struct pt_result r;

	unlink(hook_out);
	assert_int_equal(login("login_clean", CLEAN, "", &r), PAM_SUCCESS);
	assert_int_equal(pt_log_lines(&r, "event=login_check", "verdict=clean", "SYSLOG(6):", NULL),
	                 1);
	assert_int_equal(pt_count_err(&r, ""), 0);
	assert_int_equal(pt_log_lines(&r, "event=leak_hooks", NULL), 0);
	assert_int_equal(access(hook_out, F_OK), -1);
	pt_result_free(&r);
}

static void test_policy_at_login(void **state)
{
	struct pt_result r;

	/* A password set before the policy: forced to change, no leak event. */
	unlink(hook_out);
	assert_int_equal(login("login_weak", "weakpassword", "login_check_policy = 1\n", &r),
	                 PAM_NEW_AUTHTOK_REQD);
	assert_int_equal(pt_log_lines(&r, "event=login_check", "verdict=weak", NULL), 1);
	assert_int_equal(pt_count_err(&r, "Your password does not meet the password policy"), 1);
	assert_int_equal(access(hook_out, F_OK), -1);
	pt_result_free(&r);

	/* Without login_check_policy only the indexes count. */
	assert_int_equal(login("login_weak_off", "weakpassword", "", &r), PAM_SUCCESS);
	pt_result_free(&r);
}

static void test_errors_never_break_login(void **state)
{
	static const char bad_conf_stack[] =
	        "auth required @MATRIX@ passdb=@PASSDB@\n"
	        "auth required @SET_ITEMS@\n"
	        "auth optional @MODULE@ conf=@CONF@ login_check\n"
	        "account required @MATRIX@ passdb=@PASSDB@\n"
	        "account [new_authtok_reqd=done default=ignore] @MODULE@ "
	        "login_check\n";
	char conf[8192];
	struct pt_result r;
	int auth_rv;

	/* A truncated index: logged, login goes on. */
	snprintf(conf, sizeof conf, "breach_index = %s\n", pt_index(false));
	pt_service_text("login_badindex", "alice", conf, stack);
	setenv("PAM_AUTHTOK", PT_BREACHED, 1);
	assert_int_equal(pt_login("login_badindex", "alice", PT_OLD_PASSWORD, &auth_rv, &r),
	                 PAM_SUCCESS);
	assert_int_equal(auth_rv, PAM_SUCCESS);
	assert_int_equal(pt_log_lines(&r, "event=login_check", "verdict=check_unavailable",
	                              "SYSLOG(3):", "truncated.idx", NULL),
	                 1);
	/* Unchecked is not clean: no second verdict for the same login. */
	assert_int_equal(pt_log_lines(&r, "event=login_check", NULL), 1);
	pt_result_free(&r);

	/* A damaged index (blocks fail their checksums): logged as damaged,
	 * login goes on. */
	snprintf(conf, sizeof conf, "breach_index = %s\n", pt_damaged_index());
	pt_service_text("login_damagedindex", "alice", conf, stack);
	setenv("PAM_AUTHTOK", PT_BREACHED, 1);
	assert_int_equal(pt_login("login_damagedindex", "alice", PT_OLD_PASSWORD, &auth_rv, &r),
	                 PAM_SUCCESS);
	assert_int_equal(auth_rv, PAM_SUCCESS);
	assert_int_equal(pt_log_lines(&r, "event=login_check", "verdict=check_unavailable",
	                              "SYSLOG(3):", "damaged.idx", "checksum", NULL),
	                 1);
	pt_result_free(&r);

	/* An unreadable policy: logged, login goes on. */
	pt_service_text("login_badconf", "alice", "no_such_setting = 1\n", bad_conf_stack);
	assert_int_equal(pt_login("login_badconf", "alice", PT_OLD_PASSWORD, &auth_rv, &r),
	                 PAM_SUCCESS);
	assert_int_equal(auth_rv, PAM_SUCCESS);
	assert_int_equal(pt_log_lines(&r, "event=login_check", "verdict=error",
	                              "SYSLOG(3):", "no_such_setting", NULL),
	                 1);
	pt_result_free(&r);
	unsetenv("PAM_AUTHTOK");

	/* A wrong password: the authenticator fails the login, not us. */
	pt_service_text("login_wrong", "alice", "", stack);
	assert_int_equal(pt_login("login_wrong", "alice", "not-the-password", &auth_rv, &r), -1);
	assert_int_equal(auth_rv, PAM_AUTH_ERR);
	pt_result_free(&r);
}

static void test_unsafe_hook_refused(void **state)
{
	char path[4200];
	struct pt_result r;

	/* A group-writable hook is refused and the refusal logged; the login
	 * still must change the password. Without a runner the hooks run in
	 * the foreground, so the refusal is logged through PAM. */
	snprintf(path, sizeof path, "%s/50-record", hooks_dir);
	assert_int_equal(chmod(path, 0775), 0);
	unlink(hook_out);
	setenv("CREDPOLICY_TESTING_NOTIFY", "/nonexistent/credpolicy-leak-notify", 1);
	assert_int_equal(login("login_unsafe", PT_BREACHED, "", &r), PAM_NEW_AUTHTOK_REQD);
	setenv("CREDPOLICY_TESTING_NOTIFY", runner, 1);
	assert_int_equal(pt_log_lines(&r, "event=leak_hooks", "verdict=foreground",
	                              "/nonexistent/credpolicy-leak-notify", NULL),
	                 1);
	assert_int_equal(access(hook_out, F_OK), -1);
	assert_true(pt_log_lines(&r, "event=leak_hook", "50-record", NULL) >= 1);
	assert_int_equal(chmod(path, 0755), 0);
	pt_result_free(&r);
}

/* Without a runner the hooks still run, in the foreground. */
static void test_foreground_fallback(void **state)
{
	struct pt_result r;
	char *event;

	unlink(hook_out);
	setenv("CREDPOLICY_TESTING_NOTIFY", "/nonexistent/credpolicy-leak-notify", 1);
	assert_int_equal(login("login_fg", PT_BREACHED, "", &r), PAM_NEW_AUTHTOK_REQD);
	setenv("CREDPOLICY_TESTING_NOTIFY", runner, 1);
	assert_int_equal(
	        pt_log_lines(&r, "event=leak_hooks", "verdict=foreground", "SYSLOG(4):", NULL), 1);
	assert_true(pt_log_lines(&r, "event=leak_hook", "50-record", "source=login_check", NULL) >=
	            1);
	event = slurp(hook_out); /* already there: the login waited */
	assert_non_null(strstr(event, "\"source\":\"login_check\""));
	free(event);
	pt_result_free(&r);
}

/* A hook that does not finish does not hold the login: the account step
 * returns while the hook still waits for a flag file that only the test
 * creates afterwards; then the hook finishes and writes the event. Were
 * the hooks run in the login, the login would have waited out the hook's
 * timeout and the hook been killed, and no event would ever appear. */
static void test_hooks_do_not_hold_login(void **state)
{
	char dir[sizeof hooks_dir], hook[4300], flag[4200], out[4200], saved[sizeof hooks_dir];
	struct pt_result r;
	FILE *f;
	char *event;

	snprintf(dir, sizeof dir, "%s/hooks-slow.d", pt_dir());
	snprintf(hook, sizeof hook, "%s/50-slow", dir);
	snprintf(flag, sizeof flag, "%s/slow-flag", pt_dir());
	snprintf(out, sizeof out, "%s/slow-input", pt_dir());
	unlink(flag);
	unlink(out);
	assert_true(mkdir(dir, 0755) == 0 || access(dir, F_OK) == 0);
	assert_non_null(f = fopen(hook, "w"));
	fprintf(f, "#!/bin/sh\nwhile [ ! -e '%s' ]; do sleep 0.05; done\ncat >>'%s'\n", flag, out);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(hook, 0755), 0);

	memcpy(saved, hooks_dir, sizeof saved);
	memcpy(hooks_dir, dir, sizeof hooks_dir);
	assert_int_equal(login("login_slow", PT_BREACHED, "hook_timeout = 60\n", &r),
	                 PAM_NEW_AUTHTOK_REQD);
	memcpy(hooks_dir, saved, sizeof saved);
	assert_int_equal(pt_log_lines(&r, "event=leak_hooks", "verdict=background", NULL), 1);
	assert_int_equal(access(out, F_OK), -1); /* the hook is still waiting */
	f = fopen(flag, "w");
	assert_non_null(f);
	fclose(f);
	event = wait_event(out);
	assert_non_null(strstr(event, "\"event\":\"suspected_leak\""));
	assert_null(strstr(event, PT_BREACHED));
	free(event);
	pt_result_free(&r);
}

static void test_canary_at_login(void **state)
{
	const char *canary = getenv("CANARY_GOOD");
	struct pt_result r;
	char *event;

	/* The canary is in the test index: found, hooks run; it must be in
	 * no log line, message or hook input. */
	if (canary == NULL)
		skip();
	unlink(hook_out);
	assert_int_equal(login("login_canary", canary, "", &r), PAM_NEW_AUTHTOK_REQD);
	assert_false(pt_mentions(&r, canary));
	assert_true(ledger_events("\"source\":\"login_check\"", canary) >= 1);
	event = wait_event(hook_out);
	assert_non_null(strstr(event, "\"source\":\"login_check\""));
	assert_null(strstr(event, canary));
	free(event);
	pt_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_breached_forces_change),
	        cmocka_unit_test(test_clean_password),
	        cmocka_unit_test(test_policy_at_login),
	        cmocka_unit_test(test_errors_never_break_login),
	        cmocka_unit_test(test_unsafe_hook_refused),
	        cmocka_unit_test(test_foreground_fallback),
	        cmocka_unit_test(test_hooks_do_not_hold_login),
	        cmocka_unit_test(test_canary_at_login),
	};
	const char *top = getenv("top_builddir");

	snprintf(runner, sizeof runner, "%s/tests/bin/credpolicy-leak-notify", top ? top : ".");
	setenv("CREDPOLICY_TESTING_NOTIFY", runner, 1);
	pt_init();
	make_stack();
	make_hook();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
