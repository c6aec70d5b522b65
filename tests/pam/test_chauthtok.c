/* pam_credpolicy.so at password change, through real libpam and
 * pam_matrix: the pam_pwquality flow, every reason code, retries, the
 * root exemption, failing closed on a bad policy, both languages, and no
 * token in any log line or message. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pwd.h>
#include <unistd.h>

#include <cmocka.h>
#include <security/pam_appl.h>

#include "pamtest_util.h"
#include "policy/policy.h"
#include "paths.h"
#include "policy/settings.h"

#define GOOD    "Ruhk4%Tzmw!8Qe"
#define GOOD2   "Vbnf7&Kdsl#3Wp"
#define BAD     "short1A!"
#define BAD_MSG "BAD PASSWORD: "

/* How pam_wrapper shows a pam_syslog() line of each priority. */
#define AT_ERR    "SYSLOG(3):"
#define AT_NOTICE "SYSLOG(5):"
#define AT_INFO   "SYSLOG(6):"
#define AT_DEBUG  "SYSLOG(7):"

static const char *canary_good = "Xq7#Zr2k-Wm9v!Jt4";
static const char *canary_bad = "zr2kwm9vjt4xq7";

/* Everything a run showed the user or logged must be free of the tokens
 * typed in it. */
static void assert_no_token(const struct pt_result *r, const char *const *input)
{
	size_t i;

	for (i = 0; input[i] != NULL; i++) {
		if (strlen(input[i]) < 6)
			continue;
		if (pt_mentions(r, input[i])) {
			fprintf(stderr, "token %zu of the conversation leaked\n", i);
			fail();
		}
	}
}

/* The reason codes of the first log line with verdict, as "a,b" in buf. */
static const char *logged_reasons(const struct pt_result *r, const char *verdict, char *buf,
                                  size_t len)
{
	char needle[64];
	const char *line, *p, *end;

	snprintf(needle, sizeof needle, "verdict=%s ", verdict);
	line = r->log != NULL ? strstr(r->log, needle) : NULL;
	buf[0] = '\0';
	if (line == NULL)
		return NULL;
	p = strstr(line, "reasons=");
	end = strchrnul(line, '\n');
	if (p == NULL || p > end)
		return NULL;
	p += strlen("reasons=");
	if (*p == '"')
		return buf; /* reasons="" */
	snprintf(buf, len, "%.*s", (int)strcspn(p, " \n"), p);
	return buf;
}

static bool has_code(const char *list, const char *code)
{
	size_t n = strlen(code);
	const char *p = list;

	while ((p = strstr(p, code)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return true;
		p += n;
	}
	return false;
}

static int count_codes(const char *list)
{
	int n = *list ? 1 : 0;

	for (; *list; list++)
		n += *list == ',';
	return n;
}

static void expected_message(const char *conf, const char *code, char *buf, size_t len)
{
	struct policy_settings s;
	struct settings_error err;
	int r;

	settings_init(&s);
	assert_int_equal(settings_parse_buffer(&s, "test", conf, strlen(conf), &err), 0);
	for (r = 0; r < REASON__COUNT; r++)
		if (strcmp(policy_reason_code((enum policy_reason)r), code) == 0)
			break;
	assert_true(r < REASON__COUNT);
	policy_reason_message((enum policy_reason)r, &s, buf, len);
	settings_free(&s);
}

static bool err_contains(const struct pt_result *r, const char *text)
{
	int i;

	for (i = 0; i < PT_MAX_MSGS; i++)
		if (strstr(r->err[i], text) != NULL)
			return true;
	return false;
}

/* ------------------------------------------------------------- the flow */

static void test_accept(void **state)
{
	const char *in[] = {PT_OLD_PASSWORD, GOOD, GOOD, GOOD, GOOD, NULL};
	struct pt_result r;

	pt_service("accept", "alice", "retry = 1\n", NULL);
	assert_int_equal(pt_chauthtok("accept", "alice", 0, in, &r), PAM_SUCCESS);
	assert_int_equal(pt_count_err(&r, ""), 0);
	/* passwd sets no tty: the line says nothing rather than tty="". */
	assert_int_equal(pt_log_lines(&r, "event=password_change", "clause=3(1)\xe2\x91\xa2", NULL),
	                 1);
	assert_int_equal(pt_log_lines(&r, "tty=", NULL), 0);
	assert_int_equal(pt_log_lines(&r, "event=password_change", "user=alice", "service=accept",
	                              "verdict=accepted", "reasons=\"\"", "clause=3(1)\xe2\x91\xa2",
	                              " time=", NULL),
	                 1);
	assert_int_equal(pt_log_lines(&r, "verdict=accepted", AT_INFO, NULL), 1);
	assert_no_token(&r, in);
	pt_result_free(&r);
}

struct reason_case {
	const char *code, *user, *conf, *password;
};

static const struct reason_case reason_cases[] = {
        {"empty", "alice", "", ""},
        {"invalid_encoding", "alice", "", "Xq7#Zr2k-\xff\xfeWm9v!"},
        {"too_short", "alice", "", "Rk4%Tzm!"},
        {"too_long", "alice", "maxlen = 20\n", "Xq7#Zr2k-Wm9v!Jt4-Hp6%Ls3"},
        {"missing_upper", "alice", "", "ruhk4%tzmw!8qe"},
        {"missing_lower", "alice", "", "RUHK4%TZMW!8QE"},
        {"missing_digit", "alice", "", "Ruhk%Tzmw!Qezp"},
        {"missing_symbol", "alice", "", "Ruhk4Tzmw8Qezp"},
        {"too_few_classes", "alice", "require_classes = none\nminclass = 3\n", "ruhkatzmwqezpx"},
        {"repetitive", "alice", "maxrepeat = 2\n", "Ruhk4%Tzzzzw!8Qe"},
        {"sequential", "alice", "maxsequence = 3\n", "Ruhk4%Tabcdef!8Q"},
        {"keyboard_walk", "alice", "", "Rh4%qwertyuiop!Q"},
        {"contains_user_name", "alice", "", "Xq7#Alice-Wm9v!"},
        {"contains_user_info", "list", "gecoscheck = 1\n", "Xq7#Manager-Wm9v!"},
        {"forbidden_word", "alice", "badwords = zorblax\n", "Xq7#Zorblax-Wm9v!"},
        {"dictionary_word", "alice", "", "P@ssw0rd2024!"},
        {"same_as_old", "alice", "", PT_OLD_PASSWORD},
        {"too_similar_to_old", "alice", "", "Old#Pw-2024xq"},
};

static void test_reject_reason(void **state)
{
	const struct reason_case *c = *state;
	const char *in[] = {PT_OLD_PASSWORD, c->password, c->password, NULL};
	char conf[512], svc[64], codes[512], msg[512], expect[600];
	struct pt_result r;

	if (strcmp(c->user, "list") == 0) {
		/* base-passwd's "list" account: "Mailing List Manager". */
		const struct passwd *pw = getpwnam("list");
		if (pw == NULL || strstr(pw->pw_gecos, "Manager") == NULL)
			skip();
	}
	snprintf(conf, sizeof conf, "retry = 1\n%s", c->conf);
	snprintf(svc, sizeof svc, "r_%s", c->code);
	pt_service(svc, c->user, conf, NULL);
	assert_int_equal(pt_chauthtok(svc, c->user, 0, in, &r), PAM_AUTHTOK_ERR);
	assert_non_null(logged_reasons(&r, "rejected", codes, sizeof codes));
	if (!has_code(codes, c->code)) {
		fprintf(stderr, "%s: logged reasons=%s\n", c->code, codes);
		fail();
	}
	/* One line to the user per reason, and this reason's sentence. */
	assert_int_equal(pt_count_err(&r, BAD_MSG), count_codes(codes));
	expected_message(conf, c->code, msg, sizeof msg);
	snprintf(expect, sizeof expect, BAD_MSG "%s", msg);
	if (!err_contains(&r, expect)) {
		fprintf(stderr, "%s: no message \"%s\"\n", c->code, expect);
		fail();
	}
	assert_int_equal(pt_log_lines(&r, "verdict=rejected", "attempt=1", AT_NOTICE, NULL), 1);
	assert_no_token(&r, in);
	pt_result_free(&r);
}

static void test_retry_then_accept(void **state)
{
	const char *in[] = {PT_OLD_PASSWORD, BAD, "lowercase-only-1", GOOD, GOOD, GOOD, GOOD, NULL};
	struct pt_result r;

	pt_service("retry3", "alice", "retry = 3\n", NULL);
	assert_int_equal(pt_chauthtok("retry3", "alice", 0, in, &r), PAM_SUCCESS);
	assert_int_equal(pt_log_lines(&r, "verdict=rejected", "attempt=1", NULL), 1);
	assert_int_equal(pt_log_lines(&r, "verdict=rejected", "attempt=2", NULL), 1);
	assert_int_equal(pt_log_lines(&r, "verdict=accepted", "attempt=3", NULL), 1);
	assert_no_token(&r, in);
	pt_result_free(&r);
}

static void test_maxtries(void **state)
{
	const char *in[] = {PT_OLD_PASSWORD, BAD, BAD, BAD, GOOD, GOOD, GOOD, GOOD, NULL};
	struct pt_result r;

	/* Several tries exhausted: PAM_MAXTRIES, as pam_pwquality. */
	pt_service("maxtries", "alice", "retry = 3\n", NULL);
	assert_int_equal(pt_chauthtok("maxtries", "alice", 0, in, &r), PAM_MAXTRIES);
	assert_int_equal(pt_log_lines(&r, "verdict=rejected", NULL), 3);
	assert_int_equal(pt_log_lines(&r, "verdict=accepted", NULL), 0);
	pt_result_free(&r);

	/* A single try: the real failure, PAM_AUTHTOK_ERR. */
	pt_service("onetry", "alice", "retry = 1\n", NULL);
	assert_int_equal(pt_chauthtok("onetry", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_int_equal(pt_log_lines(&r, "verdict=rejected", NULL), 1);
	pt_result_free(&r);

	/* A module argument overrides the file. */
	pt_service("retryarg", "alice", "retry = 1\n", "retry=2");
	assert_int_equal(pt_chauthtok("retryarg", "alice", 0, in, &r), PAM_MAXTRIES);
	assert_int_equal(pt_log_lines(&r, "verdict=rejected", NULL), 2);
	pt_result_free(&r);
}

static void test_retype_mismatch(void **state)
{
	const char *in[] = {PT_OLD_PASSWORD, GOOD, GOOD2, GOOD, GOOD, GOOD, GOOD, NULL};
	struct pt_result r;

	/* The retype is asked only after the check passes; a mismatch
	 * costs one try. */
	pt_service("mismatch2", "alice", "retry = 2\n", NULL);
	assert_int_equal(pt_chauthtok("mismatch2", "alice", 0, in, &r), PAM_SUCCESS);
	assert_int_equal(pt_log_lines(&r, "verdict=retype_mismatch", "attempt=1", NULL), 1);
	assert_int_equal(pt_log_lines(&r, "verdict=accepted", "attempt=2", NULL), 1);
	assert_no_token(&r, in);
	pt_result_free(&r);

	pt_service("mismatch1", "alice", "retry = 1\n", NULL);
	assert_int_equal(pt_chauthtok("mismatch1", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_int_equal(pt_log_lines(&r, "verdict=retype_mismatch", NULL), 1);
	assert_int_equal(pt_log_lines(&r, "verdict=accepted ", NULL), 0);
	pt_result_free(&r);
}

static void test_no_retype_after_rejection(void **state)
{
	/* If the module asked for the retype of a rejected password, BAD
	 * would be consumed as the retype and GOOD never seen. */
	const char *in[] = {PT_OLD_PASSWORD, BAD, GOOD, GOOD, GOOD, GOOD, NULL};
	struct pt_result r;

	pt_service("noretype", "alice", "retry = 2\n", NULL);
	assert_int_equal(pt_chauthtok("noretype", "alice", 0, in, &r), PAM_SUCCESS);
	assert_int_equal(pt_log_lines(&r, "verdict=accepted", "attempt=2", NULL), 1);
	pt_result_free(&r);
}

/* ------------------------------------------------------- breach indexes */

static void test_breached(void **state)
{
	const char *in[] = {PT_OLD_PASSWORD, PT_BREACHED, GOOD, GOOD, GOOD, GOOD, NULL};
	char conf[4200], codes[256], msg[512], expect[600];
	struct pt_result r;

	snprintf(conf, sizeof conf, "retry = 2\nbreach_index = %s\n", pt_index(true));
	pt_service("breached", "alice", conf, NULL);
	assert_int_equal(pt_chauthtok("breached", "alice", 0, in, &r), PAM_SUCCESS);
	assert_non_null(logged_reasons(&r, "rejected", codes, sizeof codes));
	assert_string_equal(codes, "breached");
	expected_message(conf, "breached", msg, sizeof msg);
	snprintf(expect, sizeof expect, BAD_MSG "%s", msg);
	assert_true(err_contains(&r, expect));
	assert_true(err_contains(&r, "leaked passwords"));
	/* The next try, not in the index, passes. */
	assert_int_equal(pt_log_lines(&r, "verdict=accepted", "attempt=2", NULL), 1);
	pt_result_free(&r);
}

static void test_index_unavailable(void **state)
{
	const char *in[] = {PT_OLD_PASSWORD, GOOD, GOOD, GOOD, GOOD, NULL};
	char conf[8400], missing[4200];
	struct pt_result r;

	/* Truncated: refused by default, the index named in the log, and the
	 * user told before typing any new password (the check runs in the
	 * preliminary phase: no attempt is ever made). */
	snprintf(conf, sizeof conf, "retry = 1\nbreach_index = %s\n", pt_index(false));
	pt_service("index_bad", "alice", conf, NULL);
	assert_int_equal(pt_chauthtok("index_bad", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_int_equal(
	        pt_log_lines(&r, "verdict=check_unavailable", AT_ERR, "truncated.idx", NULL), 1);
	assert_int_equal(pt_log_lines(&r, "attempt=", NULL), 0);
	assert_int_equal(pt_count_err(&r, "The password cannot be checked against the policy now"),
	                 1);
	pt_result_free(&r);

	/* A dictionary that cannot be read: the same, before any prompt. */
	pt_service("dict_missing", "alice", "retry = 1\ndictpath = /nonexistent/cracklib_dict\n",
	           NULL);
	assert_int_equal(pt_chauthtok("dict_missing", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_int_equal(pt_log_lines(&r, "verdict=check_unavailable", AT_ERR,
	                              "/nonexistent/cracklib_dict", NULL),
	                 1);
	assert_int_equal(pt_log_lines(&r, "attempt=", NULL), 0);
	pt_result_free(&r);

	/* Missing: the same. */
	snprintf(missing, sizeof missing, "%s/no-such.idx", pt_dir());
	snprintf(conf, sizeof conf, "retry = 1\nbreach_index = %s\n", missing);
	pt_service("index_missing", "alice", conf, NULL);
	assert_int_equal(pt_chauthtok("index_missing", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_int_equal(pt_log_lines(&r, "verdict=check_unavailable", AT_ERR, "no-such.idx", NULL),
	                 1);
	assert_int_equal(pt_log_lines(&r, "attempt=", NULL), 0);
	pt_result_free(&r);

	/* Damaged blocks (the body fails its checksums): the breached
	 * password is not let through as "absent"; the change is refused and
	 * the damage logged. */
	{
		const char *leaked[] = {PT_OLD_PASSWORD, PT_BREACHED, PT_BREACHED, NULL};
		snprintf(conf, sizeof conf, "retry = 1\nbreach_index = %s\n", pt_damaged_index());
		pt_service("index_damaged", "alice", conf, NULL);
		assert_int_equal(pt_chauthtok("index_damaged", "alice", 0, leaked, &r),
		                 PAM_AUTHTOK_ERR);
		assert_int_equal(pt_log_lines(&r, "verdict=check_unavailable", AT_ERR,
		                              "damaged.idx", "checksum", NULL),
		                 1);
		assert_int_equal(pt_log_lines(&r, "verdict=accepted", NULL), 0);
		pt_result_free(&r);
	}

	/* breach_unavailable = skip: logged as an error, the change goes on. */
	snprintf(conf, sizeof conf, "retry = 1\nbreach_index = %s\nbreach_unavailable = skip\n",
	         pt_index(false));
	pt_service("index_skip", "alice", conf, NULL);
	assert_int_equal(pt_chauthtok("index_skip", "alice", 0, in, &r), PAM_SUCCESS);
	assert_int_equal(pt_log_lines(&r, "verdict=index_skipped", AT_ERR, "truncated.idx", NULL),
	                 1);
	assert_int_equal(pt_log_lines(&r, "verdict=accepted", NULL), 1);
	pt_result_free(&r);
}

/* The main file deleted: the compiled-in defaults are the shipped policy
 * (root not exempt, the default breach index, which a test run does not
 * have, so the change is refused), and the admin hears of it once per
 * decision. */
static void test_missing_policy_file(void **state)
{
	static const char stack[] = "password required @SET_ITEMS@\n"
	                            "password requisite @MODULE@\n"
	                            "password required @MATRIX@ passdb=@PASSDB@\n";
	const char *in[] = {PT_OLD_PASSWORD, GOOD, GOOD, GOOD, GOOD, NULL};
	char missing[4200];
	struct pt_result r;

	snprintf(missing, sizeof missing, "%s/deleted-credpolicy.conf", pt_dir());
	setenv("CREDPOLICY_TESTING_DEFAULT_CONF", missing, 1);
	setenv("CREDPOLICY_TESTING_UID", "0", 1);
	pt_service_text("noconf", "alice", NULL, stack);
	/* the default index is missing here: refused before any prompt */
	assert_int_equal(pt_chauthtok("noconf", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_int_equal(pt_log_lines(&r, "event=policy_file_missing", "deleted-credpolicy.conf",
	                              "for=password_change", NULL),
	                 1);
	assert_true(pt_log_lines(&r, "verdict=check_unavailable", PATH_BREACH_INDEX, NULL) >= 1);
	assert_int_equal(pt_log_lines(&r, "verdict=accepted", NULL), 0);
	pt_result_free(&r);
	unsetenv("CREDPOLICY_TESTING_DEFAULT_CONF");
	setenv("CREDPOLICY_TESTING_UID", "1000", 1);
}

/* -------------------------------------------------------- root, enforcing */

static void test_root_exemption(void **state)
{
	const char *in[] = {PT_OLD_PASSWORD, BAD, BAD, BAD, BAD, NULL};
	struct pt_result r;

	setenv("CREDPOLICY_TESTING_UID", "0", 1);

	/* Root is told why, and may proceed (when the policy exempts root). */
	pt_service("root", "alice", "retry = 1\nenforce_for_root = 0\n", NULL);
	assert_int_equal(pt_chauthtok("root", "alice", 0, in, &r), PAM_SUCCESS);
	assert_true(pt_count_err(&r, BAD_MSG) >= 1);
	assert_true(err_contains(&r, "enforce_for_root"));
	assert_int_equal(pt_log_lines(&r, "verdict=accepted_weak", "reasons=too_short", NULL) +
	                         pt_log_lines(&r, "verdict=accepted_weak", ",too_short", NULL),
	                 1);
	assert_int_equal(pt_log_lines(&r, "verdict=accepted_weak", AT_NOTICE, NULL), 1);
	pt_result_free(&r);

	/* enforce_for_root, from the file or as an argument. */
	pt_service("root_enf", "alice", "retry = 1\nenforce_for_root = 1\n", NULL);
	assert_int_equal(pt_chauthtok("root_enf", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_int_equal(pt_log_lines(&r, "verdict=rejected", NULL), 1);
	pt_result_free(&r);
	pt_service("root_enfarg", "alice", "retry = 1\n", "enforce_for_root");
	assert_int_equal(pt_chauthtok("root_enfarg", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	pt_result_free(&r);

	/* An expired password changed at login (the caller runs as root)
	 * is enforced like pam_pwquality does. */
	pt_service("root_expired", "alice", "retry = 1\nenforce_for_root = 0\n", NULL);
	assert_int_equal(pt_chauthtok("root_expired", "alice", PAM_CHANGE_EXPIRED_AUTHTOK, in, &r),
	                 PAM_AUTHTOK_ERR);
	pt_result_free(&r);

	setenv("CREDPOLICY_TESTING_UID", "1000", 1);
	pt_service("nonroot", "alice", "retry = 1\n", NULL);
	assert_int_equal(pt_chauthtok("nonroot", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	pt_result_free(&r);
}

static void test_root_exemption_real_uid(void **state)
{
	static const char stack[] = "password required @SET_ITEMS@\n"
	                            "password requisite @REAL_MODULE@ conf=@CONF@\n"
	                            "password required @MATRIX@ passdb=@PASSDB@\n";
	const char *in[] = {PT_OLD_PASSWORD, BAD, BAD, BAD, BAD, NULL};
	struct pt_result r;

	/* The installed build has no uid hook: it must use the real uid, so
	 * root (as make check often runs) is exempt and anyone else is not. */
	pt_service_text("realuid", "alice", "retry = 1\nenforce_for_root = 0\n", stack);
	if (getuid() == 0) {
		assert_int_equal(pt_chauthtok("realuid", "alice", 0, in, &r), PAM_SUCCESS);
		assert_int_equal(pt_log_lines(&r, "verdict=accepted_weak", NULL), 1);
	} else {
		assert_int_equal(pt_chauthtok("realuid", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
		assert_int_equal(pt_log_lines(&r, "verdict=rejected", NULL), 1);
	}
	pt_result_free(&r);
}

static void test_not_enforcing(void **state)
{
	const char *in[] = {PT_OLD_PASSWORD, BAD, BAD, BAD, BAD, NULL};
	struct pt_result r;

	pt_service("warnonly", "alice", "retry = 1\nenforcing = 0\n", NULL);
	assert_int_equal(pt_chauthtok("warnonly", "alice", 0, in, &r), PAM_SUCCESS);
	assert_true(pt_count_err(&r, BAD_MSG) >= 1);
	assert_true(err_contains(&r, "enforcing=0"));
	assert_int_equal(
	        pt_log_lines(&r, "verdict=accepted_weak", "detail=enforcing=0", NULL) +
	                pt_log_lines(&r, "verdict=accepted_weak", "detail=\"enforcing=0\"", NULL),
	        1);
	pt_result_free(&r);
}

static void test_local_users_only(void **state)
{
	const char *in[] = {PT_OLD_PASSWORD, BAD, BAD, BAD, BAD, NULL};
	struct pt_result r;

	/* alice is only in pam_matrix's passdb, not in /etc/passwd. */
	pt_service("localonly", "alice", "retry = 1\nlocal_users_only = 1\n", NULL);
	assert_int_equal(pt_chauthtok("localonly", "alice", 0, in, &r), PAM_SUCCESS);
	assert_int_equal(pt_count_err(&r, BAD_MSG), 0);
	assert_int_equal(pt_log_lines(&r, "verdict=skipped", NULL), 1);
	pt_result_free(&r);

	/* root is in every /etc/passwd. */
	pt_service("localroot", "root", "retry = 1\nlocal_users_only = 1\n", NULL);
	assert_int_equal(pt_chauthtok("localroot", "root", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_int_equal(pt_log_lines(&r, "verdict=rejected", "user=root", NULL), 1);
	pt_result_free(&r);
}

static void test_use_authtok(void **state)
{
	static const char stack[] = "auth required @MATRIX@ passdb=@PASSDB@\n"
	                            "password required @SET_ITEMS@\n"
	                            "password requisite @MODULE@ conf=@CONF@ use_authtok\n"
	                            "password required @MATRIX@ passdb=@PASSDB@\n";
	/* Only the old password is typed for us: the new one, verified,
	 * comes from an earlier module (pam_set_items reads it from the
	 * environment), and no retype is asked. */
	const char *in[] = {PT_OLD_PASSWORD, NULL};
	struct pt_result r;

	pt_service_text("authtok_bad", "alice", "retry = 3\n", stack);
	setenv("PAM_AUTHTOK", BAD, 1);
	assert_int_equal(pt_chauthtok("authtok_bad", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_int_equal(pt_log_lines(&r, "verdict=rejected", "attempt=1", NULL), 1);
	/* No prompt of our own: the second try finds no token and stops. */
	assert_int_equal(pt_log_lines(&r, "verdict=aborted", "attempt=2", NULL), 1);
	pt_result_free(&r);

	{
		/* The old password, then pam_matrix's own two prompts. */
		const char *in2[] = {PT_OLD_PASSWORD, GOOD, GOOD, NULL};
		pt_service_text("authtok_good", "alice", "retry = 3\n", stack);
		setenv("PAM_AUTHTOK", GOOD, 1);
		assert_int_equal(pt_chauthtok("authtok_good", "alice", 0, in2, &r), PAM_SUCCESS);
		assert_int_equal(pt_log_lines(&r, "verdict=accepted", "attempt=1", NULL), 1);
		pt_result_free(&r);
	}
	unsetenv("PAM_AUTHTOK");
}

/* ------------------------------------------------------ shipped configs */

static void test_shipped_password_lines(void **state)
{
	static const char *const files[][2] = {
	        {"conf/pam-configs/credpolicy", "Password:"},
	        {"conf/pam-configs/credpolicy", "Password-Initial:"},
	        {"conf/pam.d/common-password", "password"},
	};
	char args[512];

	/* Exactly the arguments the profile and the example install: they
	 * must parse, accept a good password and reject a weak one. */
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		const char *good[] = {PT_OLD_PASSWORD, GOOD, GOOD, GOOD, GOOD, NULL};
		const char *weak[] = {PT_OLD_PASSWORD, BAD, BAD, BAD, BAD, NULL};
		struct pt_result r;

		pt_shipped_args(files[i][0], files[i][1], args, sizeof args);
		pt_service("shipped", "alice", "", args);
		assert_int_equal(pt_chauthtok("shipped", "alice", 0, good, &r), PAM_SUCCESS);
		pt_result_free(&r);
		pt_service("shipped", "alice", "", args);
		assert_int_not_equal(pt_chauthtok("shipped", "alice", 0, weak, &r), PAM_SUCCESS);
		assert_int_equal(pt_log_lines(&r, "verdict=error", NULL), 0);
		pt_result_free(&r);
	}
}

/* ------------------------------------------------------- failing closed */

static void assert_refused(const char *svc, const char *conf, const char *args,
                           const char *log_needle)
{
	const char *in[] = {PT_OLD_PASSWORD, GOOD, GOOD, GOOD, GOOD, NULL};
	struct pt_result r;

	pt_service(svc, "alice", conf, args);
	assert_int_equal(pt_chauthtok(svc, "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_true(err_contains(&r, "could not be read"));
	if (pt_log_lines(&r, "verdict=error", AT_ERR, log_needle, NULL) != 1) {
		fprintf(stderr, "%s: no error line naming %s\n", svc, log_needle);
		fail();
	}
	assert_int_equal(pt_log_lines(&r, "verdict=accepted", NULL), 0);
	pt_result_free(&r);
}

static void test_config_errors_fail_closed(void **state)
{
	char path[4096], needle[4200];

	snprintf(needle, sizeof needle, "%s/cfg_unknown.conf:2:", pt_dir());
	assert_refused("cfg_unknown", "retry = 1\nno_such_setting = 3\n", NULL, needle);
	snprintf(needle, sizeof needle, "%s/cfg_badvalue.conf:1:", pt_dir());
	assert_refused("cfg_badvalue", "enforcing = maybe\n", NULL, needle);
	assert_refused("cfg_badarg", "", "no_such_argument", "no_such_argument");

	/* A named file that is missing, or not a readable file (a directory:
	 * root can read any mode, so modes would not test this as root). */
	snprintf(path, sizeof path, "%s/cfg_missing.conf", pt_dir());
	assert_refused("cfg_missing", NULL, NULL, "cfg_missing.conf");
	snprintf(path, sizeof path, "%s/cfg_dir.conf", pt_dir());
	assert_int_equal(mkdir(path, 0700), 0);
	assert_refused("cfg_dir", NULL, NULL, "cfg_dir.conf");
}

/* ------------------------------------------------------------ languages */

static void test_messages_english(void **state)
{
	const char *in[] = {PT_OLD_PASSWORD, BAD, NULL};
	struct pt_result r;

	pt_locale_english();
	pt_service("lang_en", "alice", "retry = 1\n", NULL);
	assert_int_equal(pt_chauthtok("lang_en", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_true(err_contains(&r, "BAD PASSWORD: The password is shorter than 12 characters"));
	pt_result_free(&r);

	pt_service("lang_en_cfg", "alice", "bogus = 1\n", NULL);
	assert_int_equal(pt_chauthtok("lang_en_cfg", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_true(err_contains(&r, "The password policy could not be read"));
	pt_result_free(&r);
}

static void test_messages_japanese(void **state)
{
	const char *in[] = {PT_OLD_PASSWORD, BAD, NULL};
	struct pt_result r;

	pt_locale_japanese();
	pt_service("lang_ja", "alice", "retry = 1\n", NULL);
	assert_int_equal(pt_chauthtok("lang_ja", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_true(pt_count_err(&r, "不適切なパスワード: ") >= 1);
	assert_true(err_contains(&r, "パスワードが 12 文字より短いです。"));
	assert_false(err_contains(&r, "BAD PASSWORD"));
	pt_result_free(&r);

	pt_service("lang_ja_cfg", "alice", "bogus = 1\n", NULL);
	assert_int_equal(pt_chauthtok("lang_ja_cfg", "alice", 0, in, &r), PAM_AUTHTOK_ERR);
	assert_true(err_contains(&r, "パスワードポリシーを読み込めなかった"));
	pt_result_free(&r);
	pt_locale_english();
}

/* --------------------------------------------------------------- canary */

static void test_canary(void **state)
{
	const char *accepted[] = {PT_OLD_PASSWORD, canary_good, canary_good,
	                          canary_good,     canary_good, NULL};
	const char *rejected[] = {PT_OLD_PASSWORD, canary_bad, canary_bad,
	                          canary_bad,      canary_bad, NULL};
	const char *mismatch[] = {PT_OLD_PASSWORD, canary_good, canary_bad, NULL};
	struct pt_result r;

	/* debug logs more, never a token; the root path warns. */
	pt_service("canary", "alice", "retry = 2\n", "debug");
	assert_int_equal(pt_chauthtok("canary", "alice", 0, accepted, &r), PAM_SUCCESS);
	assert_true(pt_log_lines(&r, AT_DEBUG, NULL) >= 1);
	assert_no_token(&r, accepted);
	pt_result_free(&r);
	pt_service("canary", "alice", "retry = 2\n", "debug");
	assert_int_equal(pt_chauthtok("canary", "alice", 0, rejected, &r), PAM_MAXTRIES);
	assert_no_token(&r, rejected);
	pt_result_free(&r);
	pt_service("canary", "alice", "retry = 1\n", "debug");
	assert_int_equal(pt_chauthtok("canary", "alice", 0, mismatch, &r), PAM_AUTHTOK_ERR);
	assert_no_token(&r, mismatch);
	pt_result_free(&r);
	{
		/* canary_good is in the test index: rejected as breached. */
		char conf[4200];
		snprintf(conf, sizeof conf, "retry = 1\nbreach_index = %s\n", pt_index(true));
		pt_service("canary", "alice", conf, "debug");
		assert_int_equal(pt_chauthtok("canary", "alice", 0, accepted, &r), PAM_AUTHTOK_ERR);
		assert_int_equal(pt_log_lines(&r, "verdict=rejected", "reasons=breached", NULL), 1);
		assert_no_token(&r, accepted);
		pt_result_free(&r);
	}
	setenv("CREDPOLICY_TESTING_UID", "0", 1);
	pt_service("canary", "alice", "retry = 1\nenforce_for_root = 0\n", "debug");
	assert_int_equal(pt_chauthtok("canary", "alice", 0, rejected, &r), PAM_SUCCESS);
	assert_no_token(&r, rejected);
	pt_result_free(&r);
	setenv("CREDPOLICY_TESTING_UID", "1000", 1);
}

int main(void)
{
	struct CMUnitTest tests[64];
	size_t n = 0, i;

	pt_init();
	setenv("CREDPOLICY_TESTING_UID", "1000", 1);
	if (getenv("CANARY_GOOD") != NULL)
		canary_good = getenv("CANARY_GOOD");
	if (getenv("CANARY_BAD") != NULL)
		canary_bad = getenv("CANARY_BAD");

	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_accept);
	for (i = 0; i < sizeof reason_cases / sizeof reason_cases[0]; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(test_reject_reason,
		                                                        (void *)&reason_cases[i]);
		tests[n++].name = reason_cases[i].code;
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_breached);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_index_unavailable);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_retry_then_accept);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_maxtries);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_retype_mismatch);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_no_retype_after_rejection);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_missing_policy_file);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_root_exemption);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_root_exemption_real_uid);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_not_enforcing);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_local_users_only);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_use_authtok);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_config_errors_fail_closed);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_shipped_password_lines);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_messages_english);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_messages_japanese);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_canary);
	return _cmocka_run_group_tests("pam_credpolicy chauthtok", tests, n, NULL, NULL);
}
