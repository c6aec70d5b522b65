/* Unit tests for the leak ledger: appends from several processes at once
 * never tear a line, a corrupt line is reported with its number and
 * skipped, hooks and dismiss lines join their event, the file is created
 * 0600, states are judged against the account files of a root, and
 * leak_report() records an event (with its hooks' results, NUL bytes in
 * their output shown) and never a password. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "events/leak_ledger.h"
#include "events/leak_report.h"
#include "events/leak_state.h"
#include "rootfs.h"
#include "timefmt.h"

#define CANARY "CanaryPw#4711-ledger"

static char dir[128], ledger[192];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_ledger.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(ledger, sizeof ledger, "%s/lib/leaks.jsonl", dir);
	setenv("CREDPOLICY_TESTING", "1", 1);
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *slurp(const char *path, size_t *len)
{
	char *buf = NULL;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	*len = 0;
	assert_true(getdelim(&buf, len, '\0', f) >= 0);
	*len = strlen(buf);
	fclose(f);
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static struct leak_event event_for(const char *user)
{
	struct leak_event ev = {.event = "suspected_leak",
	                        .user = user,
	                        .source = "admin_report",
	                        .detail = "test",
	                        .action = "none",
	                        .lastchg = -1};

	assert_int_equal(leak_event_stamp(&ev), 0);
	return ev;
}

/* Six processes append 40 long lines each at once: every line comes
 * back whole. */
static void test_concurrent_appends(void **state)
{
	enum { PROCS = 6, LINES = 40 };
	struct leak_ledger l = {0};
	pid_t pids[PROCS];
	int status;

	(void)state;
	for (int p = 0; p < PROCS; p++) {
		pids[p] = fork();
		assert_true(pids[p] >= 0);
		if (pids[p] == 0) {
			char pad[3000];

			memset(pad, 'a' + p, sizeof pad - 1);
			pad[sizeof pad - 1] = '\0';
			for (int i = 0; i < LINES; i++) {
				struct leak_event ev = event_for("u");

				ev.detail = pad;
				if (leak_ledger_append_event(ledger, &ev, "none") != 0)
					_exit(1);
			}
			_exit(0);
		}
	}
	for (int p = 0; p < PROCS; p++) {
		assert_int_equal(waitpid(pids[p], &status, 0), pids[p]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(leak_ledger_read(ledger, &l, NULL, NULL), 0);
	assert_int_equal(l.bad_lines, 0);
	assert_int_equal(l.n, PROCS * LINES);
	for (size_t i = 0; i < l.n; i++) {
		const char *d = leak_field(l.v[i].event, "detail");
		assert_int_equal(strlen(d), 1024); /* the detail cap */
		assert_int_equal(strspn(d, (char[]){d[0], '\0'}), 1024);
	}
	leak_ledger_free(&l);
}

static void test_created_root_only(void **state)
{
	struct leak_event ev = event_for("alice");
	struct stat st;

	(void)state;
	unlink(ledger);
	assert_int_equal(leak_ledger_append_event(ledger, &ev, "none"), 0);
	assert_int_equal(stat(ledger, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* A looser mode is tightened at the next append. */
	assert_int_equal(chmod(ledger, 0644), 0);
	assert_int_equal(leak_ledger_append_event(ledger, &ev, "none"), 0);
	assert_int_equal(stat(ledger, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

struct warned {
	unsigned long line[8];
	size_t n;
};

static void warn(void *ctx, unsigned long line, const char *what)
{
	struct warned *w = ctx;

	(void)what;
	if (w->n < 8)
		w->line[w->n++] = line;
}

static void test_corrupt_line_skipped(void **state)
{
	struct leak_event a = event_for("alice"), b = event_for("bob");
	struct leak_ledger l = {0};
	struct warned w = {0};
	int fd;

	(void)state;
	unlink(ledger);
	assert_int_equal(leak_ledger_append_event(ledger, &a, "none"), 0);
	fd = open(ledger, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "{\"type\":\"event\",\"id\":\"tor\n", 26), 26);
	close(fd);
	assert_int_equal(leak_ledger_append_event(ledger, &b, "none"), 0);
	assert_int_equal(leak_ledger_append_dismiss(ledger, b.id, "false alarm"), 0);
	assert_int_equal(leak_ledger_append_dismiss(ledger, "ffffffffffffffff", "x"), 0);

	assert_int_equal(leak_ledger_read(ledger, &l, warn, &w), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.bad_lines, 2);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.line[0], 2); /* the torn line */
	assert_int_equal(w.line[1], 5); /* a dismissal of no event */
	assert_string_equal(leak_field(l.v[1].event, "user"), "bob");
	assert_non_null(l.v[1].dismiss);
	assert_null(l.v[0].dismiss);
	assert_int_equal(leak_entry_state(&l.v[1], NULL), LEAK_DISMISSED);
	leak_ledger_free(&l);
}

/* A root with four accounts; the events are a day old. */
static void test_states(void **state)
{
	char root[256], path[300], text[1024];
	long today = (long)(time(NULL) / 86400);
	const char *users[] = {"open", "changed", "locked", "gone"};
	enum leak_state want[] = {LEAK_OPEN, LEAK_CHANGED, LEAK_LOCKED, LEAK_REMOVED};
	struct leak_ledger l = {0};
	time_t oldest;

	(void)state;
	snprintf(root, sizeof root, "%s/root", dir);
	snprintf(path, sizeof path, "%s/etc", root);
	assert_int_equal(mkdir(root, 0755), 0);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/etc/passwd", root);
	write_file(path, "open:x:1000:1000::/:/bin/sh\nchanged:x:1001:1001::/:/bin/sh\n"
	                 "locked:x:1002:1002::/:/bin/sh\n");
	snprintf(path, sizeof path, "%s/etc/shadow", root);
	snprintf(text, sizeof text,
	         "open:$y$x:%ld:0:99999:7:::\nchanged:$y$x:%ld:0:99999:7:::\n"
	         "locked:!$y$x:%ld:0:99999:7:::\n",
	         today - 10, today, today - 10);
	write_file(path, text);

	unlink(ledger);
	for (size_t i = 0; i < 4; i++) {
		struct leak_event ev = event_for(users[i]);

		ev.lastchg = today - 10;
		ev.root = root; /* as `credpolicy leak report --root` records it */
		assert_int_equal(rfc3339_format(time(NULL) - 86400, ev.time, sizeof ev.time), 0);
		assert_int_equal(leak_ledger_append_event(ledger, &ev, "none"), 0);
	}
	assert_int_equal(leak_ledger_read(ledger, &l, NULL, NULL), 0);
	assert_int_equal(l.n, 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(leak_entry_state(&l.v[i], root), want[i]);
	assert_int_equal(leak_open_count(&l, root, NULL, &oldest), 1);
	assert_int_equal(oldest, l.v[0].when);
	assert_int_equal(leak_open_count(&l, root, "changed", &oldest), 0);
	/* Events about that root are not this host's, and the other way round. */
	assert_int_equal(leak_open_count(&l, NULL, NULL, &oldest), 0);
	leak_ledger_free(&l);
	{
		struct leak_event ev = event_for("open");

		ev.lastchg = today - 10;
		assert_int_equal(rfc3339_format(time(NULL) - 86400, ev.time, sizeof ev.time), 0);
		assert_int_equal(leak_ledger_append_event(ledger, &ev, "none"), 0);
	}
	assert_int_equal(leak_ledger_read(ledger, &l, NULL, NULL), 0);
	assert_int_equal(leak_open_count(&l, root, NULL, &oldest), 1);
	leak_ledger_free(&l);
}

/* leak_report(): the event line first, then the hooks' results (a NUL in
 * the output shown, not cut there), and no password anywhere. */
static void test_report_records(void **state)
{
	char hooks[256], hook[300], *text;
	struct leak_event ev = {.event = "suspected_leak",
	                        .user = "alice",
	                        .source = "login_check",
	                        .detail = "found",
	                        .action = "password_change_required",
	                        .lastchg = -1};
	struct leak_sink sink = {.hook_timeout = 5, .ledger = ledger};
	struct leak_outcome out;
	struct leak_ledger l = {0};
	json_object *h;
	size_t len;

	(void)state;
	setenv("CREDPOLICY_CANARY", CANARY, 1);
	snprintf(hooks, sizeof hooks, "%s/hooks.d", dir);
	snprintf(hook, sizeof hook, "%s/10-nul", hooks);
	assert_int_equal(mkdir(hooks, 0755), 0);
	write_file(hook, "#!/bin/sh\ncat >/dev/null\nprintf 'before\\000after'\nexit 3\n");
	assert_int_equal(chmod(hook, 0755), 0);
	sink.hooks_dir = hooks;
	unlink(ledger);
	leak_report(&ev, &sink, &out);
	assert_int_equal(out.ledger, 0);
	assert_int_equal(out.hooks, 1);
	assert_int_equal(strlen(ev.id), 16);

	assert_int_equal(leak_ledger_read(ledger, &l, NULL, NULL), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(leak_field(l.v[0].event, "hooks"), "foreground");
	assert_non_null(l.v[0].hooks);
	h = json_object_array_get_idx(json_object_object_get(l.v[0].hooks, "hooks"), 0);
	assert_non_null(h);
	assert_string_equal(leak_field(h, "name"), "10-nul");
	assert_string_equal(leak_field(h, "result"), "exit");
	assert_int_equal(json_object_get_int(json_object_object_get(h, "status")), 3);
	assert_string_equal(leak_field(h, "output"), "before\xef\xbf\xbd"
	                                             "after");
	assert_false(json_object_get_boolean(json_object_object_get(h, "output_cut")));
	leak_ledger_free(&l);

	text = slurp(ledger, &len);
	assert_null(strstr(text, CANARY));
	free(text);
	unsetenv("CREDPOLICY_CANARY");
}

/* credaudit's events for another system's account name its root and say
 * that nothing was forced. */
static void test_root_named(void **state)
{
	struct leak_event ev = event_for("bob");
	char *js;

	(void)state;
	ev.root = "/mnt/restore";
	ev.why_not_forced = "credaudit does not change passwords";
	js = leak_event_json(&ev);
	assert_non_null(js);
	assert_non_null(strstr(js, "\"root\":\"/mnt/restore\""));
	assert_non_null(strstr(js, "\"forced\":false"));
	assert_non_null(strstr(js, "\"why_not_forced\":\"credaudit does not change passwords\""));
	free(js);
}

/* One way to open a file inside a root: an absolute symbolic link and
 * ".." stay inside it. */
static void test_open_in_root(void **state)
{
	char root[256], path[300], buf[16];
	ssize_t n;
	int fd;

	(void)state;
	snprintf(root, sizeof root, "%s/r2", dir);
	assert_int_equal(mkdir(root, 0755), 0);
	snprintf(path, sizeof path, "%s/etc", root);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/etc/hostname", root);
	write_file(path, "inside\n");
	snprintf(path, sizeof path, "%s/link", root);
	assert_int_equal(symlink("/etc/hostname", path), 0);
	fd = rootfs_open_file(root, "/link", O_RDONLY);
	assert_true(fd >= 0);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	assert_int_equal(n, 7);
	buf[n] = '\0';
	assert_string_equal(buf, "inside\n");
	fd = rootfs_open_file(root, "../../../../etc/hostname", O_RDONLY);
	assert_true(fd >= 0);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	assert_int_equal(n, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_concurrent_appends),
	        cmocka_unit_test(test_created_root_only),
	        cmocka_unit_test(test_corrupt_line_skipped),
	        cmocka_unit_test(test_states),
	        cmocka_unit_test(test_report_records),
	        cmocka_unit_test(test_root_named),
	        cmocka_unit_test(test_open_in_root),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
