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

#include "events/leak_event.h"
#include "i18n.h"
#include "logline.h"
#include "policy/policy.h"
#include "policy/settings.h"

#define CLAUSE "3(1)\xe2\x91\xa2" /* 3(1)③ */

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
	return SETTINGS_DEFAULT_PATH;
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
	return LEAK_NOTIFY_PATH;
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
	kv[n++] = (struct log_kv){"clause", CLAUSE};
	kv[n++] = (struct log_kv){"user", d->user};
	kv[n++] = (struct log_kv){"service", item_str(pamh, PAM_SERVICE)};
	kv[n++] = (struct log_kv){"ruser", item_str(pamh, PAM_RUSER)};
	kv[n++] = (struct log_kv){"rhost", item_str(pamh, PAM_RHOST)};
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

	if (c->err.file[0] != '\0' && c->err.line > 0)
		snprintf(detail, sizeof detail, "%s:%u: %s", c->err.file, c->err.line, c->err.msg);
	else if (c->err.file[0] != '\0')
		snprintf(detail, sizeof detail, "%s: %s", c->err.file, c->err.msg);
	else
		snprintf(detail, sizeof detail, "module argument: %s", c->err.msg);
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

static int chauthtok_update(pam_handle_t *pamh, int flags, struct module_ctx *c)
{
	const struct policy_settings *s = &c->settings;
	const char *user = NULL, *newtok = NULL;
	const void *oldtok = NULL;
	char reasons[512];
	struct decision d = {"password_change", NULL, NULL, reasons, NULL, 0};
	bool skip, exempt;
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
	/* Like pam_pwquality: root changing a password may override the
	 * verdict unless enforce_for_root, but not when the change is forced
	 * because the password expired; enforcing=0 only ever warns. */
	exempt = !s->enforcing || (caller_uid() == 0 && !s->enforce_for_root &&
	                           (flags & PAM_CHANGE_EXPIRED_AUTHTOK) == 0);
	if (!skip) {
		char why[512];

		/* The dictionary (and indexes) load once per process; a failure
		 * is logged here and rejects as check_unavailable below. */
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
			rv = check_new_password(pamh, c, user, newtok, oldtok, &v);
			if (rv < 0) {
				d.verdict = "error";
				d.detail = strerror(-rv);
				log_decision(pamh, LOG_ERR, &d);
				pam_error(pamh, "%s",
				          _("The password could not be checked against the policy, "
				            "so it "
				            "was not changed. Please tell your system "
				            "administrator."));
				pam_set_item(pamh, PAM_AUTHTOK, NULL);
				return PAM_AUTHTOK_ERR;
			}
			policy_reasons_join(&v, reasons, sizeof reasons);
			if (c->debug)
				pam_syslog(pamh, LOG_DEBUG, "attempt %d: reasons=%s score=%d",
				           d.attempt, reasons, v.score);
			if (!policy_verdict_ok(&v)) {
				tell_reasons(pamh, s, &v);
				if (!exempt) {
					d.verdict = "rejected";
					log_decision(pamh, LOG_NOTICE, &d);
					pam_set_item(pamh, PAM_AUTHTOK, NULL);
					continue;
				}
				pam_error(pamh, "%s",
				          !s->enforcing
				                  ? _("The policy is not enforced here "
				                      "(enforcing=0), so this "
				                      "password is accepted anyway.")
				                  : _("As root you may set this password anyway "
				                      "(enforce_for_root is off)."));
				d.verdict = "accepted_weak";
				d.detail = !s->enforcing ? "enforcing=0"
				                         : "root, enforce_for_root off";
			} else {
				d.verdict = "accepted";
			}
		}

		/* With use_authtok the token and its retype belong to an
		 * earlier module; pam_get_authtok_verify() would prompt. */
		rv = c->use_authtok ? PAM_SUCCESS : pam_get_authtok_verify(pamh, &newtok, NULL);
		if (rv != PAM_SUCCESS || newtok == NULL) {
			const char *verdict = d.verdict;

			pam_set_item(pamh, PAM_AUTHTOK, NULL);
			d.verdict = rv == PAM_TRY_AGAIN ? "retype_mismatch" : "aborted";
			d.detail = NULL;
			log_decision(pamh, LOG_INFO, &d);
			d.verdict = verdict;
			if (rv == PAM_TRY_AGAIN)
				continue;
			return PAM_AUTHTOK_ERR;
		}
		log_decision(pamh, v.reasons == 0 ? LOG_INFO : LOG_NOTICE, &d);
		return PAM_SUCCESS;
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
		rv = PAM_SUCCESS;
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
		if (r == 0 && (v.reasons & (1u << REASON_CHECK_UNAVAILABLE)))
			(void)policy_prepare(s, why, sizeof why);
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

	d.reasons = lv->reasons;
	if (r < 0 || why[0] != '\0') {
		/* Logged, and the login goes on unchecked (or half checked). */
		struct decision e = d;
		e.verdict = "check_unavailable";
		e.detail = r < 0 && why[0] == '\0' ? strerror(-r) : why;
		log_decision(pamh, LOG_ERR, &e);
	}
	d.verdict = lv->breached ? "found" : lv->weak ? "weak" : "clean";
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
		char detail[sizeof c.err.file + sizeof c.err.msg + 32];

		snprintf(detail, sizeof detail, "%s%s%u: %s; login let through unchecked",
		         c.err.file[0] ? c.err.file : "module argument", c.err.file[0] ? ":" : "",
		         c.err.line, c.err.msg);
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

/* One line per hook run or refusal, from lib/events. */
static void log_hook_line(void *ctx, int priority, const char *line)
{
	pam_syslog(ctx, priority, "%s", line);
}

/* The hooks run in the background (credpolicy-leak-notify), so that no
 * login waits for them; if the runner cannot be started, here and now. */
static void run_leak_hooks(pam_handle_t *pamh, const struct login_verdict *lv,
                           const struct leak_event *ev)
{
	char detail[160];
	struct decision d = {"leak_hooks", ev->user, "background", ev->source, detail, 0};
	int rc;

	if (access(lv->hooks_dir, F_OK) != 0 && errno == ENOENT)
		return; /* no hooks configured: nothing to start */
	rc = leak_hooks_detach(leak_notify_path(), lv->hooks_dir, ev, lv->hook_timeout);
	if (rc > 0) {
		snprintf(detail, sizeof detail, "runner pid %d", rc);
		log_decision(pamh, LOG_INFO, &d);
		return;
	}
	d.verdict = "foreground";
	snprintf(detail, sizeof detail, "runner %s failed: %s", leak_notify_path(), strerror(-rc));
	log_decision(pamh, LOG_WARNING, &d);
	rc = leak_hooks_run(lv->hooks_dir, ev, lv->hook_timeout, log_hook_line, pamh);
	if (rc < 0 && rc != -ENOENT) {
		d.verdict = "error";
		snprintf(detail, sizeof detail, "leak hooks not run: %s", strerror(-rc));
		log_decision(pamh, LOG_ERR, &d);
	}
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
		struct leak_event ev = {
		        .event = "suspected_leak",
		        .user = pam_user(pamh),
		        .source = "login_check",
		        .detail = "the password used to log in was found in a breach index",
		        .action = "password_change_required",
		};

		run_leak_hooks(pamh, lv, &ev);
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
