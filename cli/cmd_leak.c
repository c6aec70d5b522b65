/* credpolicy leak report: an admin reports that a user's password may have
 * leaked (clause 3(1)④). The account must change its password at the next
 * login (lib/events, through chage), and leak_report() records the event in
 * the ledger, runs the admin's hooks and logs to syslog (AUTHPRIV). No
 * password is ever asked for or handled. The ledger's review (list, show,
 * dismiss) is in cmd_leak_ledger.c. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "cli/cmd_leak.h"
#include "cli/commands.h"
#include "frame/options.h"
#include "events/leak_account.h"
#include "events/leak_report.h"
#include "i18n.h"
#include "logline.h"
#include "paths.h"
#include "policy/settings.h"
#include "text_escape.h"

#define USER_NAME_MAX 256

static const char prog[] = "credpolicy leak";

static void usage(FILE *out)
{
	fprintf(out,
	        _("Usage: credpolicy leak report --user NAME --reason TEXT [OPTION]...\n"
	          "Report that NAME's password may have leaked: force a password change at\n"
	          "the next login (chage -d 0), run the leak hooks, log to syslog.\n"
	          "\n"
	          "  -u, --user NAME        the account concerned (must exist)\n"
	          "  -r, --reason TEXT      why (free text, at most %d bytes; logged and\n"
	          "                         given to the hooks; never put a password here)\n"
	          "  -R, --root DIR         the account lives in the system rooted at DIR\n"
	          "                         (its etc/passwd; passed to chage -R)\n"
	          "  -c, --config FILE      settings file (default %s);\n"
	          "                         its hooks_dir and hook_timeout apply\n"
	          "      --hooks-dir DIR    hooks directory (default: hooks_dir, or %s)\n"
	          "      --hook-timeout S   seconds each hook may run (default: hook_timeout,\n"
	          "                         or %d)\n"
	          "      --no-expire        do not force a password change\n"
	          "  -h, --help             show this help\n"
	          "\n"
	          "Must be run as root. Exit status: 0 reported, 2 error.\n"),
	        LEAK_EVENT_DETAIL_MAX, PATH_POLICY_CONF, PATH_HOOKS_DIR, LEAK_HOOK_TIMEOUT_DEFAULT);
}

/* Names chage and the log can take as they are: no option look-alike, no
 * separator or control character. */
static bool plausible_user_name(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > USER_NAME_MAX || name[0] == '-')
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p <= ' ' || *p == ':' || *p == '/' || *p == 0x7f)
			return false;
	return true;
}

/* 0 if the user exists, 1 if not, 2 on error (message printed). */
static int check_user(const char *user, const char *root)
{
	struct leak_account a;
	struct passwd *pw;
	int err;

	if (root == NULL) {
		errno = 0;
		pw = getpwnam(user);
		if (pw != NULL)
			return 0;
		if (errno != 0 && errno != ENOENT && errno != ESRCH) {
			fprintf(stderr, _("%s: cannot look up user '%s': %s\n"), prog, user,
			        strerror(errno));
			return 2;
		}
		return 1;
	}
	err = leak_account_lookup(root, user, &a);
	if (err != 0 && !a.exists) {
		fprintf(stderr, _("%s: cannot read %s/etc/passwd: %s; check --root\n"), prog, root,
		        strerror(-err));
		return 2;
	}
	return a.exists ? 0 : 1;
}

/* Each hook line goes to syslog; problems are shown to the admin too. */
static void log_hook_line(void *ctx, int priority, const char *line)
{
	(void)ctx;
	logline_syslog(priority, "credpolicy", line);
	if (priority <= LOG_WARNING)
		fprintf(stderr, _("%s: hook: %s\n"), prog, line);
}

struct report_opts {
	const char *user, *reason, *root, *config, *hooks_dir;
	int timeout; /* 0: from the settings */
	bool expire;
};

int leak_cli_conf_load(const char *config, struct leak_cli_conf *c)
{
	struct policy_settings s;
	struct settings_error err;

	*c = (struct leak_cli_conf){0};
	settings_init(&s);
	if (settings_load(&s, config, config == NULL, &err) < 0) {
		char msg[sizeof err.msg + sizeof err.file + 16];

		fprintf(stderr, "%s: %s\n", prog,
		        settings_error_format(&err, config != NULL ? config : PATH_POLICY_CONF, msg,
		                              sizeof msg));
		settings_free(&s);
		return 2;
	}
	c->hooks_dir = strdup(settings_hooks_dir(&s));
	c->ledger = strdup(settings_leak_ledger(&s));
	c->timeout = s.hook_timeout;
	settings_free(&s);
	if (c->hooks_dir == NULL || c->ledger == NULL) {
		leak_cli_conf_free(c);
		fprintf(stderr, "%s: %s\n", prog, strerror(ENOMEM));
		return 2;
	}
	return 0;
}

void leak_cli_conf_free(struct leak_cli_conf *c)
{
	free(c->hooks_dir);
	free(c->ledger);
	*c = (struct leak_cli_conf){0};
}

static int parse_timeout(const char *arg, int *timeout)
{
	unsigned v;

	if (opt_unsigned(arg, 1, LEAK_HOOK_TIMEOUT_MAX, &v) == 0) {
		*timeout = (int)v;
		return 0;
	}
	fprintf(stderr, _("%s: --hook-timeout takes seconds from 1 to %d, not '%s'\n"), prog,
	        LEAK_HOOK_TIMEOUT_MAX, arg);
	return 2;
}

/* What the options say, checked. -1 to go on, else the exit status. */
static int check_report_args(int argc, char **argv, const struct report_opts *o)
{
	if (optind != argc) {
		fprintf(stderr, _("%s: unexpected argument '%s'\n"), prog, argv[optind]);
		return 2;
	}
	if (o->user == NULL || o->reason == NULL) {
		fprintf(stderr, _("%s: --user and --reason are required\n"), prog);
		usage(stderr);
		return 2;
	}
	if (!plausible_user_name(o->user)) {
		char shown[256];
		fprintf(stderr, _("%s: '%s' is not a valid user name\n"), prog,
		        text_escape_buf(o->user, shown, sizeof shown));
		return 2;
	}
	if (o->reason[0] == '\0' || strlen(o->reason) > LEAK_EVENT_DETAIL_MAX) {
		fprintf(stderr, _("%s: --reason must say why, in 1 to %d bytes\n"), prog,
		        LEAK_EVENT_DETAIL_MAX);
		return 2;
	}
	return -1;
}

/* Returns -1 to go on, else the exit status. */
static int parse_report_args(int argc, char **argv, struct report_opts *o)
{
	enum { OPT_HOOKS_DIR = 256, OPT_NO_EXPIRE, OPT_HOOK_TIMEOUT };
	static const struct option opts[] = {
	        {"user", required_argument, NULL, 'u'},
	        {"reason", required_argument, NULL, 'r'},
	        {"root", required_argument, NULL, 'R'},
	        {"config", required_argument, NULL, 'c'},
	        {"hooks-dir", required_argument, NULL, OPT_HOOKS_DIR},
	        {"hook-timeout", required_argument, NULL, OPT_HOOK_TIMEOUT},
	        {"no-expire", no_argument, NULL, OPT_NO_EXPIRE},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c;

	*o = (struct report_opts){.expire = true};
	optind = 1;
	while ((c = getopt_long(argc, argv, "u:r:R:c:h", opts, NULL)) != -1) {
		if (c == 'u')
			o->user = optarg;
		else if (c == 'r')
			o->reason = optarg;
		else if (c == 'R')
			o->root = optarg;
		else if (c == 'c')
			o->config = optarg;
		else if (c == OPT_HOOKS_DIR)
			o->hooks_dir = optarg;
		else if (c == OPT_HOOK_TIMEOUT && parse_timeout(optarg, &o->timeout) != 0)
			return 2;
		else if (c == OPT_NO_EXPIRE)
			o->expire = false;
		else if (c == 'h' || c == '?') {
			usage(c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	return check_report_args(argc, argv, o);
}

/* Force the change (unless --no-expire); fills the event's action and,
 * when not forced, why not. Returns false when chage failed. */
static bool expire_password(const struct report_opts *o, struct leak_event *ev)
{
	int rc;

	ev->action = "none";
	if (!o->expire) {
		ev->why_not_forced = "--no-expire: the administrator chose not to force a change";
		return true;
	}
	rc = leak_account_expire(o->user, o->root);
	if (rc == 0) {
		ev->action = "password_change_required";
		return true;
	}
	ev->action = "password_change_not_forced";
	ev->why_not_forced = rc < 0 ? "chage could not be run" : "chage failed";
	if (rc < 0)
		fprintf(stderr, _("%s: cannot run %s: %s\n"), prog, PATH_CHAGE, strerror(-rc));
	else
		fprintf(stderr, _("%s: %s failed (exit status %d)\n"), prog, PATH_CHAGE, rc);
	return false;
}

/* Tell the admin what became of the hooks; returns 2 when they could not
 * run at all, else 0. */
static int tell_hooks(const struct leak_outcome *out, const char *hooks_dir)
{
	if (out->ledger != 0)
		fprintf(stderr, _("%s: the event was not recorded in the ledger (see above)\n"),
		        prog);
	if (out->hooks == -ENOENT)
		fprintf(stderr, _("%s: no hooks directory %s: no hooks ran\n"), prog, hooks_dir);
	else if (out->hooks < 0)
		fprintf(stderr,
		        _("%s: hooks in %s were not run (see above); fix the directory, then "
		          "report again with --no-expire\n"),
		        prog, hooks_dir);
	else if (out->hooks > 0)
		fprintf(stderr, _("%s: %d hook(s) failed or were refused (see above and syslog)\n"),
		        prog, out->hooks);
	return out->hooks < 0 && out->hooks != -ENOENT ? 2 : 0;
}

/* Checks, settings, the forced change: -1 to go on, else the exit status. */
static int prepare_report(const struct report_opts *o, struct leak_cli_conf *conf)
{
	int rc;

	if (geteuid() != 0) {
		fprintf(stderr,
		        _("%s: must be run as root: it changes the account's password aging "
		          "and runs the administrator's hooks (try sudo)\n"),
		        prog);
		return 2;
	}
	rc = check_user(o->user, o->root);
	if (rc == 1 && o->root != NULL)
		fprintf(stderr, _("%s: no user '%s' in %s/etc/passwd; check the name\n"), prog,
		        o->user, o->root);
	else if (rc == 1)
		fprintf(stderr, _("%s: no user '%s' on this system; check the name\n"), prog,
		        o->user);
	if (rc != 0)
		return 2;
	if (leak_cli_conf_load(o->config, conf) != 0)
		return 2;
	if (o->timeout != 0)
		conf->timeout = o->timeout;
	return -1;
}

static int leak_report_cmd(int argc, char **argv)
{
	struct report_opts o;
	struct leak_cli_conf conf;
	struct leak_outcome out;
	struct leak_event ev = {.event = "suspected_leak", .source = "admin_report", .lastchg = -1};
	bool forced;
	int rc;

	rc = parse_report_args(argc, argv, &o);
	if (rc < 0)
		rc = prepare_report(&o, &conf);
	if (rc >= 0)
		return rc;
	ev.user = o.user;
	ev.detail = o.reason;
	ev.root = o.root;
	/* The leak is recorded and the hooks told even if chage failed. */
	forced = expire_password(&o, &ev);
	struct leak_sink sink = {
	        .hooks_dir = o.hooks_dir != NULL ? o.hooks_dir : conf.hooks_dir,
	        .hook_timeout = conf.timeout,
	        .ledger = conf.ledger,
	        .log = log_hook_line,
	};
	leak_report(&ev, &sink, &out);
	rc = tell_hooks(&out, sink.hooks_dir);
	leak_cli_conf_free(&conf);
	if (!forced) {
		fprintf(stderr,
		        _("%s: the password change was NOT forced for '%s'; fix the problem "
		          "above, then run: chage -d 0 %s\n"),
		        prog, o.user, o.user);
		return 2;
	}
	if (rc != 0)
		return rc;
	if (o.expire)
		printf(_("Leak reported for %s: password change required at next login.\n"),
		       o.user);
	else
		printf(_("Leak reported for %s (no password change forced).\n"), o.user);
	printf(_("Event %s recorded.\n"), ev.id);
	return 0;
}

int cmd_leak(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		leak_ledger_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "report") == 0)
		return leak_report_cmd(argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return leak_list_cmd(argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return leak_show_cmd(argc - 1, argv + 1);
	if (strcmp(argv[1], "dismiss") == 0)
		return leak_dismiss_cmd(argc - 1, argv + 1);
	fprintf(stderr, _("%s: unknown subcommand '%s' (report, list, show or dismiss)\n"), prog,
	        argv[1]);
	return 2;
}
