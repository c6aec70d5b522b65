/* Unit tests for leak events and hooks: the JSON a hook reads, the fixed
 * environment, the timeout, refusals of unsafe hooks and directories, and
 * that no password ever reaches a hook or a log line. Hooks are small
 * shell scripts (and copies of /usr/bin/env) written to a temporary
 * directory; CREDPOLICY_TESTING=1 lets them be owned by the test's uid. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "events/leak_event.h"
#include "secure.h"

#define CANARY "CanaryPw#4711-hooks"

struct fixture {
	char tmp[128];   /* scratch: outputs of hooks */
	char hooks[160]; /* the hooks directory */
	char *lines[64];
	size_t n_lines;
	char *password; /* a password held by the "caller", never to be passed on */
};

static void collect(void *ctx, int priority, const char *line)
{
	struct fixture *f = ctx;

	(void)priority;
	if (f->n_lines < sizeof f->lines / sizeof f->lines[0])
		f->lines[f->n_lines++] = strdup(line);
}

/* The log line that contains every one of the given fragments. */
static const char *find_line(const struct fixture *f, const char *a, const char *b)
{
	for (size_t i = 0; i < f->n_lines; i++)
		if (strstr(f->lines[i], a) && (b == NULL || strstr(f->lines[i], b)))
			return f->lines[i];
	return NULL;
}

static void print_lines(const struct fixture *f)
{
	for (size_t i = 0; i < f->n_lines; i++)
		fprintf(stderr, "  log: %s\n", f->lines[i]);
}

static void assert_line(const struct fixture *f, const char *a, const char *b)
{
	if (find_line(f, a, b) == NULL) {
		print_lines(f);
		fail_msg("no log line with '%s' and '%s'", a, b ? b : "");
	}
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	const char *t = getenv("TMPDIR");

	if (f == NULL)
		return -1;
	snprintf(f->tmp, sizeof f->tmp, "%s/credpolicy-hooks.XXXXXX", t && *t ? t : "/tmp");
	if (mkdtemp(f->tmp) == NULL)
		return -1;
	snprintf(f->hooks, sizeof f->hooks, "%s/hooks.d", f->tmp);
	if (mkdir(f->hooks, 0755) != 0 || chmod(f->hooks, 0755) != 0)
		return -1;
	f->password = secure_strndup(CANARY, 64);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[300];

	for (size_t i = 0; i < f->n_lines; i++)
		free(f->lines[i]);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->tmp);
	secure_free_str(f->password);
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* A hook script NAME whose body is body; "@T" in body becomes the scratch dir. */
static void hook(const struct fixture *f, const char *name, const char *body, mode_t mode)
{
	char path[256], text[2048], *o = text;

	snprintf(path, sizeof path, "%s/%s", f->hooks, name);
	o += sprintf(o, "#!/bin/sh\n");
	for (const char *p = body; *p; p++) {
		if (p[0] == '@' && p[1] == 'T') {
			o += sprintf(o, "%s", f->tmp);
			p++;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	write_file(path, text, mode);
}

static char *slurp(const char *dir, const char *name)
{
	char path[256], *buf;
	size_t len = 0;
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "r");
	if (fp == NULL)
		return NULL;
	buf = calloc(1, 65536);
	assert_non_null(buf);
	len = fread(buf, 1, 65535, fp);
	buf[len] = '\0';
	fclose(fp);
	return buf;
}

static bool exists(const char *dir, const char *name)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

static const struct leak_event login_event = {
        .event = "suspected_leak",
        .user = "alice",
        .source = "login_check",
        .detail = "password found in breach index /var/lib/credpolicy/breach.idx at login",
        .action = "password_change_required",
};

static const char *jstr(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		fail_msg("JSON has no \"%s\"", key);
	return json_object_get_string(v);
}

static void assert_rfc3339(const char *t)
{
	size_t n = strlen(t);

	/* 2026-11-26T19:22:26+09:00 */
	assert_int_equal(n, 25);
	assert_int_equal(t[10], 'T');
	assert_true(t[19] == '+' || t[19] == '-');
	assert_int_equal(t[22], ':');
}

static void test_event_json(void **state)
{
	struct leak_event ev = login_event;
	json_object *o;
	char *js, host[256];

	(void)state;
	js = leak_event_json(&ev);
	assert_non_null(js);
	assert_null(strchr(js, '\n'));
	o = json_tokener_parse(js);
	assert_non_null(o);
	/* event, id, user, source, detail, host, time, action, forced, clause;
	 * "root" only for another system's account. */
	assert_int_equal(json_object_object_length(o), 10);
	assert_int_equal(strlen(jstr(o, "id")), 16);
	assert_true(json_object_get_boolean(json_object_object_get(o, "forced")));
	assert_null(json_object_object_get(o, "root"));
	assert_string_equal(jstr(o, "event"), "suspected_leak");
	assert_string_equal(jstr(o, "user"), "alice");
	assert_string_equal(jstr(o, "source"), "login_check");
	assert_string_equal(jstr(o, "detail"), login_event.detail);
	assert_string_equal(jstr(o, "action"), "password_change_required");
	assert_string_equal(jstr(o, "clause"), "3(1)\xe2\x91\xa3");
	assert_int_equal(gethostname(host, sizeof host), 0);
	assert_string_equal(jstr(o, "host"), host);
	assert_rfc3339(jstr(o, "time"));
	json_object_put(o);
	free(js);

	/* Hostile text stays valid JSON and valid UTF-8; NULL becomes null. */
	ev.detail = "quote\" back\\slash\nnew\x01line \xff\xfe bad \xc3\xa9 ok";
	ev.action = NULL;
	js = leak_event_json(&ev);
	assert_non_null(js);
	o = json_tokener_parse(js);
	assert_non_null(o);
	assert_string_equal(jstr(o, "detail"), "quote\" back\\slash\nnew\x01line "
	                                       "\xef\xbf\xbd\xef\xbf\xbd bad \xc3\xa9 ok");
	assert_true(json_object_is_type(json_object_object_get(o, "action"), json_type_null));
	json_object_put(o);
	free(js);
}

static void test_event_text_cap(void **state)
{
	char big[5000], *t;

	(void)state;
	memset(big, 'a', sizeof big);
	big[sizeof big - 1] = '\0';
	t = leak_event_text(big, LEAK_EVENT_DETAIL_MAX);
	assert_int_equal(strlen(t), LEAK_EVENT_DETAIL_MAX);
	free(t);
	/* never cut inside a character */
	t = leak_event_text("\xc3\xa9\xc3\xa9\xc3\xa9", 5);
	assert_string_equal(t, "\xc3\xa9\xc3\xa9");
	free(t);
	/* overlong encodings and surrogates are not UTF-8 */
	t = leak_event_text("\xc0\xaf|\xed\xa0\x80", 64);
	assert_string_equal(t, "\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	free(t);
}

/* The hook reads exactly the event on stdin; its exit is logged. */
static void test_stdin_json(void **state)
{
	struct fixture *f = *state;
	json_object *o;
	char *got;

	hook(f, "10-save", "cat > @T/stdin.json\n", 0755);
	assert_int_equal(leak_hooks_run(f->hooks, &login_event, 5, collect, f), 0);
	got = slurp(f->tmp, "stdin.json");
	assert_non_null(got);
	o = json_tokener_parse(got);
	assert_non_null(o);
	assert_string_equal(jstr(o, "event"), "suspected_leak");
	assert_string_equal(jstr(o, "user"), "alice");
	assert_string_equal(jstr(o, "source"), "login_check");
	assert_string_equal(jstr(o, "detail"), login_event.detail);
	assert_string_equal(jstr(o, "action"), "password_change_required");
	assert_rfc3339(jstr(o, "time"));
	json_object_put(o);
	free(got);
	assert_line(f, "hook=10-save result=exit status=0", "user=alice source=login_check");
	assert_line(f, "result=done ran=1 failed=0", NULL);
}

/* Only the fixed environment; no inherited descriptor; cwd "/". */
static void test_environment(void **state)
{
	struct fixture *f = *state;
	char path[256], *got;
	int leak_fd;

	setenv("CREDPOLICY_LEAKED_VAR", CANARY, 1);
	leak_fd = open("/dev/null", O_RDONLY); /* no O_CLOEXEC: would be inherited */
	assert_true(leak_fd >= 0);
	assert_int_equal(dup2(leak_fd, 57), 57);

	/* A binary hook: /usr/bin/env prints the environment on stdout,
	 * which comes back (bounded) in the log line. */
	snprintf(path, sizeof path, "cp /usr/bin/env '%s/10-env'", f->hooks);
	assert_int_equal(system(path), 0);
	hook(f, "20-fds",
	     "if [ -e /dev/fd/57 ]; then echo open; else echo closed; fi > @T/fd57\n"
	     "pwd > @T/cwd\n",
	     0755);
	assert_int_equal(leak_hooks_run(f->hooks, &login_event, 5, collect, f), 0);
	unsetenv("CREDPOLICY_LEAKED_VAR");
	close(57);
	close(leak_fd);

	/* (env does not read stdin, so "input=not_read" may sit in between) */
	assert_line(f, "hook=10-env result=exit status=0",
	            " output=\""
	            "PATH=/usr/sbin:/usr/bin:/sbin:/bin\\x0a"
	            "LANG=C.UTF-8\\x0a"
	            "CREDPOLICY_EVENT=suspected_leak\\x0a\" time=");
	got = slurp(f->tmp, "fd57");
	assert_string_equal(got, "closed\n");
	free(got);
	got = slurp(f->tmp, "cwd");
	assert_string_equal(got, "/\n");
	free(got);
}

static bool pid_gone(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *fp;

	/* Bounded wait for the kernel to finish the kill; zombies reparented
	 * to init count as gone. */
	for (int i = 0; i < 500; i++) {
		snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
		fp = fopen(path, "r");
		if (fp == NULL)
			return true;
		p = fgets(buf, sizeof buf, fp);
		fclose(fp);
		if (p && (p = strrchr(buf, ')')) && (p[2] == 'Z' || p[2] == 'X'))
			return true;
		usleep(10000);
	}
	return false;
}

/* A hook that ignores SIGTERM and has a child is killed, group and all. */
static void test_timeout(void **state)
{
	struct fixture *f = *state;
	char *pidtxt;
	pid_t child;

	hook(f, "10-sleep",
	     "trap '' TERM\n"
	     "sleep 300 &\n"
	     "echo $! > @T/child.pid\n"
	     "sleep 300\n",
	     0755);
	hook(f, "20-after", "touch @T/after\n", 0755);
	assert_int_equal(leak_hooks_run(f->hooks, &login_event, 1, collect, f), 1);
	assert_line(f, "hook=10-sleep result=timeout timeout=1", NULL);
	assert_null(find_line(f, "reaped=no", NULL));
	/* the next hook still ran */
	assert_true(exists(f->tmp, "after"));
	pidtxt = slurp(f->tmp, "child.pid");
	assert_non_null(pidtxt);
	child = (pid_t)atoi(pidtxt);
	assert_true(child > 1);
	assert_true(pid_gone(child));
	free(pidtxt);
}

static void test_exit_status_and_signal(void **state)
{
	struct fixture *f = *state;

	hook(f, "10-fail", "echo 'webhook unreachable' >&2\nexit 3\n", 0755);
	hook(f, "20-killed", "kill -KILL $$\n", 0755);
	hook(f, "30-noexec", "exit 0\n", 0644);
	{
		char p[256];
		snprintf(p, sizeof p, "%s/40-badinterp", f->hooks);
		write_file(p, "#!/nonexistent/interpreter\n", 0755);
	}
	assert_int_equal(leak_hooks_run(f->hooks, &login_event, 5, collect, f), 3);
	/* a hook that exits before reading may also get "input=not_read" */
	assert_line(f, "hook=10-fail result=exit status=3",
	            " output=\"webhook unreachable\\x0a\" time=");
	assert_line(f, "hook=20-killed result=signal signal=KILL", NULL);
	assert_line(f, "hook=30-noexec result=skipped reason=not_executable", NULL);
	assert_line(f, "hook=40-badinterp result=exec_failed", "No such file");
	assert_line(f, "result=done ran=3 failed=3", NULL);
}

/* Every unsafe entry is refused and reported; safe ones still run; backup
 * and disabled names are ignored without a word. */
static void test_unsafe_hooks(void **state)
{
	struct fixture *f = *state;
	const char *ignored[] = {".hidden",    "x~",        "y.dpkg-old",
	                         "z.disabled", "w.example", "v.dpkg-dist"};
	char path[256], target[256];
	int expected = 4;

	hook(f, "10-group-writable", "touch @T/ran-10\n", 0775);
	hook(f, "20-world-writable", "touch @T/ran-20\n", 0757);
	snprintf(target, sizeof target, "%s/real-hook", f->tmp);
	write_file(target, "#!/bin/sh\ntouch /dev/null\n", 0755);
	snprintf(path, sizeof path, "%s/30-symlink", f->hooks);
	assert_int_equal(symlink(target, path), 0);
	snprintf(path, sizeof path, "%s/40-fifo", f->hooks);
	assert_int_equal(mkfifo(path, 0755), 0);
	if (geteuid() == 0) {
		hook(f, "50-not-root", "touch @T/ran-50\n", 0755);
		snprintf(path, sizeof path, "%s/50-not-root", f->hooks);
		assert_int_equal(chown(path, 65534, 65534), 0);
		expected++;
	} else {
		fprintf(stderr, "  (not root: the other-owner case is not tested)\n");
	}
	hook(f, "60-good", "touch @T/ran-60\n", 0755);
	for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) {
		char body[128];
		snprintf(body, sizeof body, "touch @T/ran-ignored-%zu\n", i);
		hook(f, ignored[i], body, 0755);
	}

	assert_int_equal(leak_hooks_run(f->hooks, &login_event, 5, collect, f), expected);
	assert_line(f, "hook=10-group-writable result=refused reason=writable_by_group_or_others",
	            NULL);
	assert_line(f, "hook=20-world-writable result=refused reason=writable_by_group_or_others",
	            NULL);
	assert_line(f, "hook=30-symlink result=refused reason=symlink", NULL);
	assert_line(f, "hook=40-fifo result=refused reason=not_regular_file", NULL);
	if (geteuid() == 0) {
		assert_line(f, "hook=50-not-root result=refused reason=not_owned_by_root", NULL);
		assert_false(exists(f->tmp, "ran-50"));
	}
	assert_false(exists(f->tmp, "ran-10"));
	assert_false(exists(f->tmp, "ran-20"));
	assert_true(exists(f->tmp, "ran-60"));
	for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) {
		char name[64];
		snprintf(name, sizeof name, "ran-ignored-%zu", i);
		assert_false(exists(f->tmp, name));
		assert_null(find_line(f, ignored[i], NULL));
	}
}

static void test_unsafe_directory(void **state)
{
	struct fixture *f = *state;
	char link[256], ran[256];

	snprintf(ran, sizeof ran, "%s/ran", f->tmp);
	hook(f, "10-hook", "touch @T/ran\n", 0755);
	assert_int_equal(chmod(f->hooks, 0775), 0);
	assert_int_equal(leak_hooks_run(f->hooks, &login_event, 5, collect, f), -EPERM);
	assert_line(f, "result=refused reason=writable_by_group_or_others", NULL);
	assert_false(exists(f->tmp, "ran"));

	assert_int_equal(chmod(f->hooks, 0755), 0);
	snprintf(link, sizeof link, "%s/link.d", f->tmp);
	assert_int_equal(symlink(f->hooks, link), 0);
	assert_int_equal(leak_hooks_run(link, &login_event, 5, collect, f), -ELOOP);
	assert_line(f, "link.d result=refused reason=symlink", NULL);
	assert_false(exists(f->tmp, "ran"));

	/* A parent anyone in the group may write to (not sticky) could have
	 * the hooks directory swapped out. */
	assert_int_equal(chmod(f->tmp, 0775), 0);
	assert_int_equal(leak_hooks_run(f->hooks, &login_event, 5, collect, f), -EPERM);
	assert_line(f, "result=refused reason=unsafe_parent_directory",
	            "1 level(s) above must be owned by root");
	assert_false(exists(f->tmp, "ran"));
	assert_int_equal(chmod(f->tmp, 01777), 0); /* sticky, like /tmp: fine */
	assert_int_equal(leak_hooks_run(f->hooks, &login_event, 5, collect, f), 0);
	assert_true(exists(f->tmp, "ran"));
	assert_int_equal(unlink(ran), 0);
	assert_int_equal(chmod(f->tmp, 0700), 0);

	snprintf(link, sizeof link, "%s/missing.d", f->tmp);
	assert_int_equal(leak_hooks_run(link, &login_event, 5, collect, f), -ENOENT);
	assert_line(f, "missing.d result=no_hooks_dir", NULL);

	if (geteuid() == 0) {
		assert_int_equal(chown(f->hooks, 65534, 65534), 0);
		assert_int_equal(leak_hooks_run(f->hooks, &login_event, 5, collect, f), -EPERM);
		assert_line(f, "result=refused reason=not_owned_by_root", NULL);
		assert_false(exists(f->tmp, "ran"));
	}
}

/* Hooks that never read stdin (EPIPE for us) and a host that ignores
 * SIGCHLD: neither kills nor hangs the caller. */
static void test_no_reader_and_sigchld_ignored(void **state)
{
	struct fixture *f = *state;
	struct leak_event ev = login_event;
	char detail[LEAK_EVENT_DETAIL_MAX + 1];
	sigset_t pending;

	/* The biggest event we make: control bytes, escaped six-fold. */
	memset(detail, '\x01', sizeof detail - 1);
	detail[sizeof detail - 1] = '\0';
	ev.detail = detail;
	hook(f, "10-closes-stdin", "exec 0<&-\nexit 0\n", 0755);
	for (int i = 0; i < 5; i++)
		assert_int_equal(leak_hooks_run(f->hooks, &ev, 5, collect, f), 0);
	assert_int_equal(sigpending(&pending), 0);
	assert_false(sigismember(&pending, SIGPIPE));

	signal(SIGCHLD, SIG_IGN);
	assert_true(leak_hooks_run(f->hooks, &ev, 5, collect, f) >= 0);
	signal(SIGCHLD, SIG_DFL);
}

/* The caller holds a password; it must reach neither hook nor log. */
static void test_canary(void **state)
{
	struct fixture *f = *state;
	struct leak_event ev = login_event;
	char *in, *env;

	setenv("CREDPOLICY_CANARY", f->password, 1);
	ev.detail = "login check: password of alice found in breach index (password not shown)";
	hook(f, "10-dump", "cat > @T/in.json\n/usr/bin/env > @T/env.txt\n", 0755);
	assert_int_equal(leak_hooks_run(f->hooks, &ev, 5, collect, f), 0);
	unsetenv("CREDPOLICY_CANARY");
	in = slurp(f->tmp, "in.json");
	env = slurp(f->tmp, "env.txt");
	assert_non_null(in);
	assert_non_null(env);
	assert_non_null(strstr(in, "password not shown"));
	assert_null(strstr(in, CANARY));
	assert_null(strstr(env, CANARY));
	for (size_t i = 0; i < f->n_lines; i++)
		assert_null(strstr(f->lines[i], CANARY));
	free(in);
	free(env);
}

static void test_output_bounded(void **state)
{
	struct fixture *f = *state;
	const char *line;

	hook(f, "10-chatty", "i=0; while [ $i -lt 2000 ]; do echo xxxxxxxxxx; i=$((i+1)); done\n",
	     0755);
	assert_int_equal(leak_hooks_run(f->hooks, &login_event, 5, collect, f), 0);
	line = find_line(f, "hook=10-chatty result=exit status=0", NULL);
	assert_non_null(line);
	assert_non_null(strstr(line, "...\""));
	assert_true(strlen(line) < 600);

	/* Bytes that are not UTF-8 reach the log as U+FFFD. */
	hook(f, "10-chatty", "printf 'bad \\377 byte\\n'\n", 0755);
	assert_int_equal(leak_hooks_run(f->hooks, &login_event, 5, collect, f), 0);
	assert_line(f, "output=\"bad \xef\xbf\xbd byte\\x0a\"", NULL);
}

struct thread_run {
	struct fixture *f;
	int failures;
};

static void ignore_line(void *ctx, int priority, const char *line)
{
	(void)ctx;
	(void)priority;
	(void)line;
}

static void *run_hooks_repeatedly(void *arg)
{
	struct thread_run *t = arg;

	for (int i = 0; i < 10; i++)
		if (leak_hooks_run(t->f->hooks, &login_event, 5, ignore_line, NULL) != 0)
			t->failures++;
	return NULL;
}

static void *churn_malloc(void *arg)
{
	volatile int *stop = arg;

	while (!*stop)
		free(malloc(64 + (size_t)(rand() % 4096)));
	return NULL;
}

/* As inside a threaded PAM host: runs from several threads at once, while
 * another thread holds malloc's locks now and then, neither deadlock nor
 * mix up children or descriptors. */
static void test_threads(void **state)
{
	struct fixture *f = *state;
	struct thread_run runs[3] = {{f, 0}, {f, 0}, {f, 0}};
	pthread_t th[3], churn;
	volatile int stop = 0;

	hook(f, "10-read", "cat >/dev/null\n", 0755);
	assert_int_equal(pthread_create(&churn, NULL, churn_malloc, (void *)&stop), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(pthread_create(&th[i], NULL, run_hooks_repeatedly, &runs[i]), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(runs[i].failures, 0);
	}
	stop = 1;
	assert_int_equal(pthread_join(churn, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_event_json),
	        cmocka_unit_test(test_event_text_cap),
	        cmocka_unit_test_setup_teardown(test_stdin_json, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_environment, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_exit_status_and_signal, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_unsafe_hooks, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_unsafe_directory, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_no_reader_and_sigchld_ignored, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_canary, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_output_bounded, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
	};

	/* Hooks owned by the uid running the tests are accepted only so. */
	setenv("CREDPOLICY_TESTING", "1", 1);
	umask(022);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
