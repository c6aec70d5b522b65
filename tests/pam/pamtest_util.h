/* Helpers for driving pam_credpolicy.so through real libpam under
 * pam_wrapper: service stacks written at run time, one chauthtok (or
 * login) per call, conversation messages and pam_syslog lines captured. */
#ifndef CREDPOLICY_PAMTEST_UTIL_H
#define CREDPOLICY_PAMTEST_UTIL_H

#include <stdbool.h>

#include <security/pam_appl.h>

#define PT_MAX_MSGS     32
#define PT_OLD_PASSWORD "Old#Pw-2023xq"

struct pt_result {
	int rv;                                   /* what the last PAM call returned */
	char err[PT_MAX_MSGS][PAM_MAX_MSG_SIZE];  /* PAM_ERROR_MSG, in order */
	char info[PT_MAX_MSGS][PAM_MAX_MSG_SIZE]; /* PAM_TEXT_INFO, in order */
	char *log;                                /* stderr: pam_wrapper's log incl. pam_syslog */
};

/* Exit 77 unless pam_wrapper is really loaded (else libpam would read the
 * system's /etc/pam.d); read the paths the test script exported. */
void pt_init(void);
const char *pt_dir(void);
/* A breach index holding PT_BREACHED (good), or a truncated one. */
const char *pt_index(bool good);

#define PT_BREACHED "Hq8!vLm3#Tzp"
/* The passdb of each service is work_dir/passdb-SVC: the backend writes
 * passwords there in clear, so scans for the canary skip those files. */

/* Write service svc: pam_matrix auth/account and, for "password",
 * pam_set_items, pam_credpolicy (conf=<svc>.conf holding conf_text, then
 * args) and pam_matrix; user's old password is PT_OLD_PASSWORD. A
 * conf_text without a breach_index line gets "breach_index = none"
 * appended (the default index is not installed in a test run). */
void pt_service(const char *svc, const char *user, const char *conf_text, const char *args);
/* Write service svc verbatim, with @MODULE@ (the test build of the module),
 * @REAL_MODULE@ (the one that is installed), @MATRIX@, @SET_ITEMS@, @CONF@
 * and @PASSDB@ replaced; the passdb and <svc>.conf are written as above. */
void pt_service_text(const char *svc, const char *user, const char *conf_text, const char *text);

/* pam_chauthtok(flags) as user; input: NULL-terminated replies to the
 * echo-off prompts in order. Returns the PAM result. */
int pt_chauthtok(const char *svc, const char *user, int flags, const char *const *input,
                 struct pt_result *r);
/* pam_authenticate then pam_acct_mgmt on one handle. */
int pt_login(const char *svc, const char *user, const char *password, int *auth_rv,
             struct pt_result *r);

void pt_result_free(struct pt_result *r);

/* The arguments of the first line naming pam_credpolicy.so after "tag"
 * (e.g. "Password:", "Auth:", "password") in a shipped file, relative to
 * top_srcdir, into buf. Fails the test if there is none. */
const char *pt_shipped_args(const char *file, const char *tag, char *buf, size_t len);
int pt_count_err(const struct pt_result *r, const char *prefix);
/* Number of log lines that contain every one of the given NULL-ended needles. */
int pt_log_lines(const struct pt_result *r, ...);
bool pt_mentions(const struct pt_result *r, const char *needle);

/* Switch the conversation language the way a calling program would. */
void pt_locale_english(void);
void pt_locale_japanese(void);

#endif
