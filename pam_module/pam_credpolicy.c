/* pam_credpolicy: enforce the password policy (clause 3(1)③) at every
 * password change, with the flow admins know from pam_pwquality.
 *
 * Glue only: module arguments and configuration go through lib/policy's
 * settings, the verdict comes from policy_check(), and this file maps it
 * to the conversation, return codes and one structured log line per
 * decision. No token is ever logged, printed or copied. */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <security/pam_ext.h>
#include <security/pam_modules.h>
#include <security/pam_modutil.h>

#include "events/leak_report.h"
#include "i18n.h"
#include "logline.h"
#include "paths.h"
#include "policy/policy.h"
#include "policy/settings.h"

#define CLAUSE       "3(1)\xe2\x91\xa2" /* 3(1)③: a password change */
#define CLAUSE_LEAKS "3(1)\xe2\x91\xa3" /* 3(1)④: the login check, leaks */

struct module_ctx {
	struct policy_settings settings;
	bool debug;
	bool use_authtok;
	bool login_check;
	const char *conf;
	struct settings_error err;
	int load_rc; /* 0, or the -errno that made the policy unusable */
};

/* Arguments this file handles itself; everything else is a setting.
 * use_authtok, use_first_pass, try_first_pass and authtok_type= are read
 * by libpam's pam_get_authtok() from the module's own argument list. */
static bool module_flag(struct module_ctx *c, const char *arg)
{
	if (strcmp(arg, "debug") == 0)
		c->debug = true;
	else if (strcmp(arg, "use_authtok") == 0)
		c->use_authtok = true;
	else if (strcmp(arg, "login_check") == 0)
		c->login_check = true;
	else if (strncmp(arg, "conf=", 5) == 0)
		c->conf = arg + 5;
	else if (strcmp(arg, "use_first_pass") != 0 && strcmp(arg, "try_first_pass") != 0 &&
	         strncmp(arg, "authtok_type=", 13) != 0)
		return false;
	return true;
}

/* The main policy file when no conf= is given. */
static const char *default_conf(void)
{
#ifdef CREDPOLICY_TEST_HOOKS
	/* Only in the test build of the module: lets the suite delete it. */
	const char *path = secure_getenv("CREDPOLICY_TESTING_DEFAULT_CONF");

	if (path != NULL && *path != '\0')
		return path;
#endif
	return PATH_POLICY_CONF;
}

/* Settings: the configuration file (conf= or the default), its .d/
 * drop-ins, then each module argument. The first error stops the load
 * and is kept in c->err; the caller decides what failing closed means. */
static void ctx_load(struct module_ctx *c, int argc, const char **argv)
{
	int i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < argc; i++)
		(void)module_flag(c, argv[i]);
	settings_init(&c->settings);
	/* A missing default file leaves the built-in defaults, which are the
	 * clause's full policy; a file the admin named must exist. */
	c->load_rc = settings_load(&c->settings, c->conf ? c->conf : default_conf(),
	                           c->conf == NULL, &c->err);
	for (i = 0; c->load_rc == 0 && i < argc; i++) {
		if (!module_flag(c, argv[i]))
			c->load_rc = settings_apply(&c->settings, argv[i], &c->err);
	}
}

static uid_t caller_uid(void)
{
#ifdef CREDPOLICY_TEST_HOOKS
	/* Only in the test build of the module (never installed): lets the
	 * suite exercise the root exemption whatever uid runs it. */
	const char *uid = secure_getenv("CREDPOLICY_TESTING_UID");

	if (uid != NULL && *uid != '\0')
		return (uid_t)strtoul(uid, NULL, 10);
#endif
	return getuid();
}

/* The program that runs the leak hooks in the background. */
static const char *leak_notify_path(void)
{
#ifdef CREDPOLICY_TEST_HOOKS
	/* Only in the test build of the module: the runner of the build tree. */
	const char *path = secure_getenv("CREDPOLICY_TESTING_NOTIFY");

	if (path != NULL && *path != '\0')
		return path;
#endif
	return PATH_LEAK_NOTIFY;
}

static const char *item_str(pam_handle_t *pamh, int item)
{
	const void *v = NULL;

	if (pam_get_item(pamh, item, &v) != PAM_SUCCESS || v == NULL)
		return "";
	return v;
}

/* One structured line per decision: who, where, what, why. Never a token. */
struct decision {
	const char *event; /* "password_change", "login_check" */
	const char *user;
	const char *verdict; /* accepted, rejected, accepted_weak, skipped, error, ... */
	const char *reasons; /* reason codes joined with ',' or "" */
	const char *detail;  /* NULL, or a short explanation without secrets */
	int attempt;         /* 0 when not part of a retry loop */
};

static void log_decision(pam_handle_t *pamh, int priority, const struct decision *d)
{
	char line[LOGLINE_MAX], attempt[16];
	struct log_kv kv[12];
	size_t n = 0;

	kv[n++] = (struct log_kv){"event", d->event};
	kv[n++] = (struct log_kv){"clause",
	                          strcmp(d->event, "password_change") == 0 ? CLAUSE : CLAUSE_LEAKS};
	kv[n++] = (struct log_kv){"user", d->user};
	kv[n++] = (struct log_kv){"service", item_str(pamh, PAM_SERVICE)};
	kv[n++] = (struct log_kv){"ruser", item_str(pamh, PAM_RUSER)};
	kv[n++] = (struct log_kv){"rhost", item_str(pamh, PAM_RHOST)};
	/* passwd sets no tty: say nothing rather than tty="". */
	if (item_str(pamh, PAM_TTY)[0] != '\0')
		kv[n++] = (struct log_kv){"tty", item_str(pamh, PAM_TTY)};
	kv[n++] = (struct log_kv){"verdict", d->verdict};
	kv[n++] = (struct log_kv){"reasons", d->reasons ? d->reasons : ""};
	if (d->attempt > 0) {
		snprintf(attempt, sizeof attempt, "%d", d->attempt);
		kv[n++] = (struct log_kv){"attempt", attempt};
	}
	if (d->detail != NULL)
		kv[n++] = (struct log_kv){"detail", d->detail};
	logline_format(line, sizeof line, kv, n);
	pam_syslog(pamh, priority, "%s", line);
}

/* Before each decision: a deleted main file does not weaken the policy
 * (the compiled-in defaults are the shipped one), but the admin hears of
 * it, once per decision. */
static void note_missing_policy_file(pam_handle_t *pamh, const char *event, const char *user)
{
	char line[LOGLINE_MAX];
	struct log_kv kv[] = {
	        {"event", "policy_file_missing"},
	        {"clause", CLAUSE},
	        {"for", event},
	        {"user", user},
	        {"file", default_conf()},
	        {"detail", "the compiled-in default policy applies; reinstall the file or "
	                   "put local settings in its .d directory"},
	};

	logline_format(line, sizeof line, kv, sizeof kv / sizeof kv[0]);
	pam_syslog(pamh, LOG_WARNING, "%s", line);
}

/* The policy could not be read: refuse, tell the user, log where. */
static int refuse_unreadable_policy(pam_handle_t *pamh, const struct module_ctx *c,
                                    const char *event, const char *user)
{
	char detail[sizeof c->err.file + sizeof c->err.msg + 32];
	struct decision d = {event, user, "error", "", detail, 0};

	settings_error_format(&c->err, "module argument", detail, sizeof detail);
	log_decision(pamh, LOG_ERR, &d);
	pam_error(pamh, "%s",
	          _("The password policy could not be read, so the password cannot be changed now. "
	            "Please tell your system administrator."));
	return PAM_AUTHTOK_ERR;
}

/* Tell the user every reason, one line each. */
static void tell_reasons(pam_handle_t *pamh, const struct policy_settings *s,
                         const struct policy_verdict *v)
{
	char msg[512];
	int r;

	for (r = 0; r < REASON__COUNT; r++) {
		if ((v->reasons & (1u << r)) == 0)
			continue;
		policy_reason_message((enum policy_reason)r, s, msg, sizeof msg);
		pam_error(pamh, _("BAD PASSWORD: %s"), msg);
	}
}

static int check_new_password(pam_handle_t *pamh, const struct module_ctx *c, const char *user,
                              const char *newtok, const char *oldtok, struct policy_verdict *v)
{
	const struct passwd *pw = pam_modutil_getpwnam(pamh, user);
	struct policy_user u = {user, pw != NULL ? pw->pw_gecos : NULL};

	return policy_check(&c->settings, newtok, oldtok, &u, v);
}

static bool user_is_local(pam_handle_t *pamh, const char *user)
{
	/* PAM_PERM_DENIED: not in /etc/passwd. An error reading it counts as
	 * local, so the password is checked. */
	return pam_modutil_check_user_in_passwd(pamh, user, NULL) != PAM_PERM_DENIED;
}

/* Load the dictionary and indexes before the first prompt (once per
 * process); a failure is logged here and rejects as check_unavailable. */
static void prepare_checks(pam_handle_t *pamh, const struct policy_settings *s, const char *user)
{
	char why[512];
	int r = policy_prepare(s, why, sizeof why);

	/* An index passed over (breach_unavailable = skip) leaves r = 0
	 * but is still an error the admin must hear about. */
	if (r < 0 || why[0] != '\0') {
		struct decision e = {"password_change",
		                     user,
		                     r < 0 ? "check_unavailable" : "index_skipped",
		                     "",
		                     why,
		                     0};
		log_decision(pamh, LOG_ERR, &e);
	}
}

/* The reason codes of one verdict, joined for the log. */
#define REASONS_LEN 512

/* What became of one attempt's new password. */
enum attempt { ATTEMPT_TAKEN, ATTEMPT_REJECTED, ATTEMPT_FAILED };

/* Accept a weak password where the policy only warns or root may override. */
static void accept_weak(pam_handle_t *pamh, const struct policy_settings *s, struct decision *d)
{
	pam_error(pamh, "%s",
	          !s->enforcing ? _("The policy is not enforced here "
	                            "(enforcing=0), so this "
	                            "password is accepted anyway.")
	                        : _("As root you may set this password anyway "
	                            "(enforce_for_root is off)."));
	d->verdict = "accepted_weak";
	d->detail = !s->enforcing ? "enforcing=0" : "root, enforce_for_root off";
}

/* Judge one new password; d->verdict tells the log what happened. */
static enum attempt judge_attempt(pam_handle_t *pamh, const struct module_ctx *c,
                                  const char *newtok, const void *oldtok, bool exempt,
                                  struct decision *d, struct policy_verdict *v,
                                  char reasons[REASONS_LEN])
{
	int rv = check_new_password(pamh, c, d->user, newtok, oldtok, v);

	if (rv < 0) {
		d->verdict = "error";
		d->detail = strerror(-rv);
		log_decision(pamh, LOG_ERR, d);
		pam_error(pamh, "%s",
		          _("The password could not be checked against the policy, "
		            "so it "
		            "was not changed. Please tell your system "
		            "administrator."));
		pam_set_item(pamh, PAM_AUTHTOK, NULL);
		return ATTEMPT_FAILED;
	}
	policy_reasons_join(v, reasons, REASONS_LEN);
	if (c->debug)
		pam_syslog(pamh, LOG_DEBUG, "attempt %d: reasons=%s score=%d", d->attempt, reasons,
		           v->score);
	if (policy_verdict_ok(v)) {
		d->verdict = "accepted";
		return ATTEMPT_TAKEN;
	}
	tell_reasons(pamh, &c->settings, v);
	if (!exempt) {
		d->verdict = "rejected";
		log_decision(pamh, LOG_NOTICE, d);
		pam_set_item(pamh, PAM_AUTHTOK, NULL);
		return ATTEMPT_REJECTED;
	}
	accept_weak(pamh, &c->settings, d);
	return ATTEMPT_TAKEN;
}

/* The retype: PAM_SUCCESS (logged as d says), PAM_TRY_AGAIN on a
 * mismatch, or PAM_AUTHTOK_ERR. */
static int confirm_attempt(pam_handle_t *pamh, const struct module_ctx *c, const char *newtok,
                           struct decision *d, const struct policy_verdict *v)
{
	const char *verdict = d->verdict;
	/* With use_authtok the token and its retype belong to an earlier
	 * module; pam_get_authtok_verify() would prompt. */
	int rv = c->use_authtok ? PAM_SUCCESS : pam_get_authtok_verify(pamh, &newtok, NULL);

	if (rv != PAM_SUCCESS || newtok == NULL) {
		pam_set_item(pamh, PAM_AUTHTOK, NULL);
		d->verdict = rv == PAM_TRY_AGAIN ? "retype_mismatch" : "aborted";
		d->detail = NULL;
		log_decision(pamh, LOG_INFO, d);
		d->verdict = verdict;
		return rv == PAM_TRY_AGAIN ? PAM_TRY_AGAIN : PAM_AUTHTOK_ERR;
	}
	log_decision(pamh, v->reasons == 0 ? LOG_INFO : LOG_NOTICE, d);
	return PAM_SUCCESS;
}

/* Like pam_pwquality: root changing a password may override the verdict
 * unless enforce_for_root, but not when the change is forced because the
 * password expired; enforcing=0 only ever warns. */
static bool exempt_from_verdict(const struct policy_settings *s, int flags)
{
	return !s->enforcing || (caller_uid() == 0 && !s->enforce_for_root &&
	                         (flags & PAM_CHANGE_EXPIRED_AUTHTOK) == 0);
}

/* Before anyone types a password (passwd asks for the old one in this
 * phase): a dictionary or breach index that cannot be used would refuse
 * every new password, so say so now and stop. */
static int chauthtok_prelim(pam_handle_t *pamh, int flags, struct module_ctx *c)
{
	const char *user = NULL;
	char why[512];
	int r;

	if (pam_get_user(pamh, &user, NULL) != PAM_SUCCESS || user == NULL)
		return PAM_SUCCESS; /* the update phase reports it */
	if ((c->settings.local_users_only && !user_is_local(pamh, user)) ||
	    exempt_from_verdict(&c->settings, flags))
		return PAM_SUCCESS;
	r = policy_prepare(&c->settings, why, sizeof why);
	if (r >= 0)
		return PAM_SUCCESS;
	/* refusing here is this change's decision: the update phase never runs */
	if (c->settings.main_missing)
		note_missing_policy_file(pamh, "password_change", user);
	struct decision e = {"password_change",
	                     user,
	                     "check_unavailable",
	                     "",
	                     why[0] != '\0' ? why : strerror(-r),
	                     0};
	log_decision(pamh, LOG_ERR, &e);
	pam_error(pamh, "%s",
	          _("The password cannot be checked against the policy now, so it cannot be "
	            "changed. Please tell your system administrator."));
	return PAM_AUTHTOK_ERR;
}

static int chauthtok_update(pam_handle_t *pamh, int flags, struct module_ctx *c)
{
	const struct policy_settings *s = &c->settings;
	const char *user = NULL, *newtok = NULL;
	const void *oldtok = NULL;
	char reasons[REASONS_LEN];
	struct decision d = {"password_change", NULL, NULL, reasons, NULL, 0};
	bool skip, exempt = exempt_from_verdict(s, flags);
	int retry = s->retry > 0 ? s->retry : 1;
	int rv;

	if (pam_get_user(pamh, &user, NULL) != PAM_SUCCESS || user == NULL) {
		pam_syslog(pamh, LOG_ERR, "cannot determine the user name");
		return PAM_AUTHTOK_ERR;
	}
	d.user = user;
	if (s->main_missing)
		note_missing_policy_file(pamh, "password_change", user);
	if (pam_get_item(pamh, PAM_OLDAUTHTOK, &oldtok) != PAM_SUCCESS)
		oldtok = NULL;
	skip = s->local_users_only && !user_is_local(pamh, user);
	if (!skip)
		prepare_checks(pamh, s, user);
	/* The user is named by the decision lines, escaped by logline. */
	if (c->debug)
		pam_syslog(pamh, LOG_DEBUG,
		           "retry=%d old_password_known=%d local_users_only=%d skip=%d exempt=%d",
		           retry, oldtok != NULL, s->local_users_only, skip, exempt);

	for (d.attempt = 1; d.attempt <= retry; d.attempt++) {
		struct policy_verdict v = {0, 0};

		reasons[0] = '\0';
		rv = pam_get_authtok_noverify(pamh, &newtok, NULL);
		if (rv != PAM_SUCCESS || newtok == NULL) {
			d.verdict = "aborted";
			d.detail = pam_strerror(pamh, rv);
			log_decision(pamh, LOG_INFO, &d);
			return PAM_AUTHTOK_ERR;
		}
		if (skip) {
			d.verdict = "skipped";
			d.detail = "not a local user (local_users_only)";
		} else {
			enum attempt a =
			        judge_attempt(pamh, c, newtok, oldtok, exempt, &d, &v, reasons);
			if (a == ATTEMPT_FAILED)
				return PAM_AUTHTOK_ERR;
			if (a == ATTEMPT_REJECTED)
				continue;
		}
		rv = confirm_attempt(pamh, c, newtok, &d, &v);
		if (rv != PAM_TRY_AGAIN)
			return rv;
	}

	pam_set_item(pamh, PAM_AUTHTOK, NULL);
	/* pam_pwquality: with one try the caller gets the real failure,
	 * with several, "too many tries". */
	return retry > 1 ? PAM_MAXTRIES : PAM_AUTHTOK_ERR;
}

PAM_EXTERN int pam_sm_chauthtok(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
	struct module_ctx c;
	const char *user = NULL;
	int rv;

	i18n_init();
	ctx_load(&c, argc, argv);
	if (c.load_rc != 0) {
		(void)pam_get_item(pamh, PAM_USER, (const void **)&user);
		rv = refuse_unreadable_policy(pamh, &c, "password_change", user ? user : "");
	} else if (flags & PAM_PRELIM_CHECK) {
		rv = chauthtok_prelim(pamh, flags, &c);
	} else if (flags & PAM_UPDATE_AUTHTOK) {
		rv = chauthtok_update(pamh, flags, &c);
	} else {
		pam_syslog(pamh, LOG_ERR, "unexpected flags 0x%x", (unsigned)flags);
		rv = PAM_SERVICE_ERR;
	}
	settings_free(&c.settings);
	return rv;
}

/* ------------------------------------------------------------ login check
 *
 * auth: look the just-verified password up (and, with login_check_policy,
 * check it against the policy), remember the verdict, and never fail the
 * login. account: act on the verdict -- PAM_NEW_AUTHTOK_REQD and a leak
 * event for a breached password. */

#define LOGIN_DATA "pam_credpolicy_login_verdict"

struct login_verdict {
	bool breached;
	bool weak; /* fails the policy (login_check_policy) */
	char reasons[256];
	char hooks_dir[512];
	int hook_timeout;
	char ledger[512];
};

static void login_verdict_free(pam_handle_t *pamh, void *data, int error_status)
{
	free(data);
}

static const char *pam_user(pam_handle_t *pamh)
{
	const void *user = NULL;

	if (pam_get_item(pamh, PAM_USER, &user) != PAM_SUCCESS || user == NULL)
		return "";
	return user;
}

static int login_check(pam_handle_t *pamh, struct module_ctx *c)
{
	const struct policy_settings *s = &c->settings;
	const char *user = pam_user(pamh);
	const void *tok = NULL;
	struct login_verdict *lv;
	struct policy_verdict v = {0, 0};
	char why[512] = "";
	struct decision d = {"login_check", user, NULL, "", NULL, 0};
	int r;

	if (pam_get_item(pamh, PAM_AUTHTOK, &tok) != PAM_SUCCESS || tok == NULL ||
	    *(const char *)tok == '\0') {
		if (c->debug)
			pam_syslog(pamh, LOG_DEBUG, "login_check: no password to check");
		return PAM_IGNORE;
	}
	if (s->main_missing)
		note_missing_policy_file(pamh, "login_check", user);
	lv = calloc(1, sizeof *lv);
	if (lv == NULL) {
		pam_syslog(pamh, LOG_ERR,
		           "login_check: out of memory; login let through unchecked");
		return PAM_IGNORE;
	}
	if (s->login_check_policy) {
		const struct passwd *pw = pam_modutil_getpwnam(pamh, user);
		struct policy_user u = {user, pw != NULL ? pw->pw_gecos : NULL};

		r = policy_check(s, tok, NULL, &u, &v);
		/* The cause: a resource that would not load, else the lookup
		 * itself (a damaged block of an index). */
		if (r == 0 && (v.reasons & (1u << REASON_CHECK_UNAVAILABLE)) &&
		    policy_prepare(s, why, sizeof why) == 0 && why[0] == '\0')
			(void)policy_breach_lookup(s, tok, why, sizeof why);
		lv->breached = r == 0 && (v.reasons & (1u << REASON_BREACHED));
		v.reasons &= ~(1u << REASON_CHECK_UNAVAILABLE);
		lv->weak = r == 0 && v.reasons != 0;
	} else {
		r = policy_breach_lookup(s, tok, why, sizeof why);
		lv->breached = r == 1;
		if (lv->breached)
			v.reasons = 1u << REASON_BREACHED;
		if (r > 0)
			r = 0;
	}
	policy_reasons_join(&v, lv->reasons, sizeof lv->reasons);
	snprintf(lv->hooks_dir, sizeof lv->hooks_dir, "%s", settings_hooks_dir(s));
	lv->hook_timeout = s->hook_timeout;
	snprintf(lv->ledger, sizeof lv->ledger, "%s", settings_leak_ledger(s));

	d.reasons = lv->reasons;
	if (r < 0 || why[0] != '\0') {
		/* Logged, and the login goes on unchecked (or half checked). */
		struct decision e = d;
		e.verdict = "check_unavailable";
		e.detail = r < 0 && why[0] == '\0' ? strerror(-r) : why;
		log_decision(pamh, LOG_ERR, &e);
	}
	d.verdict = lv->breached ? "found" : lv->weak ? "weak" : "clean";
	/* A login that could not be (fully) checked is not "clean": the
	 * check_unavailable line above is its verdict, unless something was
	 * found all the same. */
	if ((r == 0 && why[0] == '\0') || lv->breached || lv->weak)
		log_decision(pamh, lv->breached || lv->weak ? LOG_NOTICE : LOG_INFO, &d);
	if (pam_set_data(pamh, LOGIN_DATA, lv, login_verdict_free) != PAM_SUCCESS) {
		pam_syslog(pamh, LOG_ERR,
		           "login_check: cannot keep the verdict for the account step");
		free(lv);
	}
	return PAM_IGNORE;
}

PAM_EXTERN int pam_sm_authenticate(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
	struct module_ctx c;

	i18n_init();
	ctx_load(&c, argc, argv);
	if (!c.login_check) {
		/* Nothing to do in auth without login_check. */
	} else if (c.load_rc != 0) {
		struct decision d = {"login_check", pam_user(pamh), "error", "", NULL, 0};
		char where[sizeof c.err.file + sizeof c.err.msg + 32], detail[sizeof where + 32];

		settings_error_format(&c.err, "module argument", where, sizeof where);
		snprintf(detail, sizeof detail, "%s; login let through unchecked", where);
		d.detail = detail;
		log_decision(pamh, LOG_ERR, &d);
	} else {
		(void)login_check(pamh, &c);
	}
	settings_free(&c.settings);
	return PAM_IGNORE;
}

PAM_EXTERN int pam_sm_setcred(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
	return PAM_IGNORE;
}

/* Every line of the leak event (hooks, ledger, summary), from lib/events. */
static void log_leak_line(void *ctx, int priority, const char *line)
{
	pam_syslog(ctx, priority, "%s", line);
}

/* The event is recorded and the hooks run in the background
 * (credpolicy-leak-notify), so that no login waits for them; if the
 * runner cannot be started, here and now. */
static void raise_leak(pam_handle_t *pamh, const struct login_verdict *lv)
{
	struct leak_event ev = {
	        .event = "suspected_leak",
	        .user = pam_user(pamh),
	        .source = "login_check",
	        .detail = "the password used to log in was found in a breach index",
	        .action = "password_change_required",
	        .lastchg = -1,
	};
	struct leak_sink sink = {
	        .hooks_dir = lv->hooks_dir,
	        .hook_timeout = lv->hook_timeout,
	        .runner = leak_notify_path(),
	        .ledger = lv->ledger,
	        .log = log_leak_line,
	        .log_ctx = pamh,
	};

	leak_report(&ev, &sink, NULL);
}

PAM_EXTERN int pam_sm_acct_mgmt(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
	const void *data = NULL;
	const struct login_verdict *lv;
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "login_check") != 0; i++)
		;
	if (i == argc || pam_get_data(pamh, LOGIN_DATA, &data) != PAM_SUCCESS || data == NULL)
		return PAM_IGNORE;
	lv = data;
	if (!lv->breached && !lv->weak)
		return PAM_IGNORE;
	i18n_init();
	if (lv->breached) {
		raise_leak(pamh, lv);
		if ((flags & PAM_SILENT) == 0)
			pam_error(
			        pamh, "%s",
			        _("Your password appears in a list of leaked passwords and must be "
			          "changed now."));
	} else if ((flags & PAM_SILENT) == 0) {
		pam_error(pamh, "%s",
		          _("Your password does not meet the password policy and must be changed "
		            "now."));
	}
	return PAM_NEW_AUTHTOK_REQD;
}
