/* credpolicy leak report: an admin reports that a user's password may have
 * leaked (clause 3(1)④). The account must change its password at the next
 * login (through chage, so the shadow tools' locking and nscd are
 * respected), the admin's hooks receive the event, and one structured line
 * goes to syslog (AUTHPRIV). No password is ever asked for or handled. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <linux/openat2.h>
#include <pwd.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include "cli/commands.h"
#include "events/leak_event.h"
#include "i18n.h"
#include "logline.h"
#include "paths.h"
#include "policy/settings.h"

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

/* Open DIR/etc/passwd resolving inside DIR (a mounted or extracted root
 * may hold absolute symlinks that must not lead to this host's files). */
static FILE *open_root_passwd(const char *root, int *err)
{
	struct open_how how = {
	        .flags = O_RDONLY | O_CLOEXEC | O_NOCTTY,
	        .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int dfd, fd;
	FILE *fp;

	dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		*err = errno;
		return NULL;
	}
	fd = (int)syscall(SYS_openat2, dfd, "etc/passwd", &how, sizeof how);
	if (fd < 0 && errno == ENOSYS)
		fd = openat(dfd, "etc/passwd", O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	*err = errno;
	close(dfd);
	if (fd < 0)
		return NULL;
	fp = fdopen(fd, "r");
	if (fp == NULL) {
		*err = errno;
		close(fd);
	}
	return fp;
}

/* 0 if the user exists, 1 if not, 2 on error (message printed). */
static int check_user(const char *user, const char *root)
{
	struct passwd *pw;
	FILE *fp;
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
	fp = open_root_passwd(root, &err);
	if (fp == NULL) {
		fprintf(stderr, _("%s: cannot read %s/etc/passwd: %s; check --root\n"), prog, root,
		        strerror(err));
		return 2;
	}
	while ((pw = fgetpwent(fp)) != NULL)
		if (strcmp(pw->pw_name, user) == 0)
			break;
	fclose(fp);
	return pw != NULL ? 0 : 1;
}

/* chage [-R ROOT] -d 0 -- USER, without a shell, with a fixed environment.
 * Returns chage's exit status, or -errno if it could not be run. */
static int force_change(const char *user, const char *root)
{
	static char *const envp[] = {SPAWN_ENV_PATH, SPAWN_ENV_LANG, NULL};
	char *argv[8];
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int n = 0, status, rc;

	argv[n++] = (char *)PATH_CHAGE;
	if (root != NULL) {
		argv[n++] = (char *)"-R";
		argv[n++] = (char *)root;
	}
	argv[n++] = (char *)"-d";
	argv[n++] = (char *)"0";
	argv[n++] = (char *)"--";
	argv[n++] = (char *)user;
	argv[n] = NULL;

	if (posix_spawn_file_actions_init(&fa) != 0)
		return -ENOMEM;
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	rc = posix_spawn(&pid, PATH_CHAGE, &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -rc;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* Each hook line goes to syslog; problems are shown to the admin too. */
static void log_hook_line(void *ctx, int priority, const char *line)
{
	(void)ctx;
	logline_syslog(priority, "credpolicy", line);
	if (priority <= LOG_WARNING)
		fprintf(stderr, _("%s: hook: %s\n"), prog, line);
}

static void log_report(const char *user, const char *reason, const char *action, const char *root,
                       const char *hooks_result)
{
	char uid[32], line[LOGLINE_MAX];
	const char *sudo_user = getenv("SUDO_USER");
	struct log_kv kv[9];
	size_t n = 0;

	snprintf(uid, sizeof uid, "%u", (unsigned)getuid());
	kv[n++] = (struct log_kv){"event", "leak_report"};
	kv[n++] = (struct log_kv){"user", user};
	kv[n++] = (struct log_kv){"source", "admin_report"};
	kv[n++] = (struct log_kv){"reason", reason};
	kv[n++] = (struct log_kv){"action", action};
	if (root != NULL)
		kv[n++] = (struct log_kv){"root", root};
	kv[n++] = (struct log_kv){"hooks", hooks_result};
	kv[n++] = (struct log_kv){"by_uid", uid};
	if (sudo_user != NULL)
		kv[n++] = (struct log_kv){"sudo_user", sudo_user};
	logline_format(line, sizeof line, kv, n);
	logline_syslog(LOG_WARNING, "credpolicy", line);
}

struct report_opts {
	const char *user, *reason, *root, *config, *hooks_dir;
	int timeout; /* 0: from the settings */
	bool expire;
};

/* hooks_dir and hook_timeout from the settings, unless given on the command
 * line. A settings file that cannot be read is an error, as everywhere.
 * Returns a malloc'd hooks directory, or NULL (message printed). */
static char *hook_settings(const struct report_opts *o, int *timeout)
{
	struct policy_settings s;
	struct settings_error err;
	char *dir;

	settings_init(&s);
	if (settings_load(&s, o->config, o->config == NULL, &err) < 0) {
		if (err.line > 0)
			fprintf(stderr, "%s: %s:%u: %s\n", prog, err.file, err.line, err.msg);
		else
			fprintf(stderr, "%s: %s: %s\n", prog, err.file, err.msg);
		settings_free(&s);
		return NULL;
	}
	dir = strdup(o->hooks_dir != NULL ? o->hooks_dir : settings_hooks_dir(&s));
	*timeout = o->timeout != 0 ? o->timeout : s.hook_timeout;
	settings_free(&s);
	return dir;
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
	char *end;
	int c;

	*o = (struct report_opts){.expire = true};
	optind = 1;
	while ((c = getopt_long(argc, argv, "u:r:R:c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			o->user = optarg;
			break;
		case 'r':
			o->reason = optarg;
			break;
		case 'R':
			o->root = optarg;
			break;
		case 'c':
			o->config = optarg;
			break;
		case OPT_HOOKS_DIR:
			o->hooks_dir = optarg;
			break;
		case OPT_HOOK_TIMEOUT:
			errno = 0;
			o->timeout = (int)strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg || o->timeout < 1 ||
			    o->timeout > LEAK_HOOK_TIMEOUT_MAX) {
				fprintf(stderr,
				        _("%s: --hook-timeout takes seconds from 1 to %d, not "
				          "'%s'\n"),
				        prog, LEAK_HOOK_TIMEOUT_MAX, optarg);
				return 2;
			}
			break;
		case OPT_NO_EXPIRE:
			o->expire = false;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
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
		fprintf(stderr, _("%s: '%s' is not a valid user name\n"), prog, o->user);
		return 2;
	}
	if (o->reason[0] == '\0' || strlen(o->reason) > LEAK_EVENT_DETAIL_MAX) {
		fprintf(stderr, _("%s: --reason must say why, in 1 to %d bytes\n"), prog,
		        LEAK_EVENT_DETAIL_MAX);
		return 2;
	}
	return -1;
}

/* Force the change (unless --no-expire); returns the event's action. */
static const char *expire_password(const struct report_opts *o, bool *failed)
{
	int rc;

	*failed = false;
	if (!o->expire)
		return "none";
	rc = force_change(o->user, o->root);
	if (rc == 0)
		return "password_change_required";
	*failed = true;
	if (rc < 0)
		fprintf(stderr, _("%s: cannot run %s: %s\n"), prog, PATH_CHAGE, strerror(-rc));
	else
		fprintf(stderr, _("%s: %s failed (exit status %d)\n"), prog, PATH_CHAGE, rc);
	return "password_change_not_forced";
}

static int leak_report(int argc, char **argv)
{
	struct report_opts o;
	struct leak_event ev;
	char hooks_result[64], *hooks_dir;
	const char *action;
	bool change_failed;
	int timeout, rc;

	rc = parse_report_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (geteuid() != 0) {
		fprintf(stderr,
		        _("%s: must be run as root: it changes the account's password aging "
		          "and runs the administrator's hooks (try sudo)\n"),
		        prog);
		return 2;
	}
	rc = check_user(o.user, o.root);
	if (rc == 1 && o.root != NULL)
		fprintf(stderr, _("%s: no user '%s' in %s/etc/passwd; check the name\n"), prog,
		        o.user, o.root);
	else if (rc == 1)
		fprintf(stderr, _("%s: no user '%s' on this system; check the name\n"), prog,
		        o.user);
	if (rc != 0)
		return 2;
	hooks_dir = hook_settings(&o, &timeout);
	if (hooks_dir == NULL)
		return 2;

	action = expire_password(&o, &change_failed);
	/* The leak is reported to the hooks even if chage failed. */
	ev = (struct leak_event){
	        .event = "suspected_leak",
	        .user = o.user,
	        .source = "admin_report",
	        .detail = o.reason,
	        .action = action,
	};
	rc = leak_hooks_run(hooks_dir, &ev, timeout, log_hook_line, NULL);
	if (rc >= 0)
		snprintf(hooks_result, sizeof hooks_result, "failed=%d", rc);
	else
		snprintf(hooks_result, sizeof hooks_result, "not_run");
	log_report(o.user, o.reason, action, o.root, hooks_result);

	if (rc == -ENOENT)
		fprintf(stderr, _("%s: no hooks directory %s: no hooks ran\n"), prog, hooks_dir);
	else if (rc < 0)
		fprintf(stderr,
		        _("%s: hooks in %s were not run (see above); fix the directory, then "
		          "report again with --no-expire\n"),
		        prog, hooks_dir);
	else if (rc > 0)
		fprintf(stderr, _("%s: %d hook(s) failed or were refused (see above and syslog)\n"),
		        prog, rc);
	free(hooks_dir);
	if (change_failed) {
		fprintf(stderr,
		        _("%s: the password change was NOT forced for '%s'; fix the problem "
		          "above, then run: chage -d 0 %s\n"),
		        prog, o.user, o.user);
		return 2;
	}
	if (rc < 0 && rc != -ENOENT)
		return 2;
	if (o.expire)
		printf(_("Leak reported for %s: password change required at next login.\n"),
		       o.user);
	else
		printf(_("Leak reported for %s (no password change forced).\n"), o.user);
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
		return 0;
	}
	if (strcmp(argv[1], "report") == 0)
		return leak_report(argc - 1, argv + 1);
	fprintf(stderr, _("%s: unknown subcommand '%s' (only 'report')\n"), prog, argv[1]);
	return 2;
}
