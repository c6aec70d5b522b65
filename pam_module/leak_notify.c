/* credpolicy-leak-notify: runs the leak hooks for pam_credpolicy.so in the
 * background, so that a login never waits for them (lib/events,
 * leak_hooks_detach). Not meant to be run by hand:
 *
 *   credpolicy-leak-notify DIR TIMEOUT LEDGER EVENT-JSON
 *
 * It forks the process that runs the hooks and exits at once; that process
 * logs one line per hook run or refusal to syslog (LOG_AUTHPRIV, ident
 * credpolicy-leak-notify), as doc/hooks.md describes, and appends the
 * hooks' results to the ledger (LEDGER, "" for none) under the event's id:
 * the caller has already recorded the event itself. */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "events/leak_event.h"
#include "events/leak_json.h"
#include "events/leak_ledger.h"
#include "logline.h"

#define IDENT "credpolicy-leak-notify"

static void log_line(void *ctx, int priority, const char *line)
{
	(void)ctx;
	logline_syslog(priority, IDENT, line);
}

/* Descriptors the caller (sshd, login, a greeter) left open are not ours. */
static void close_inherited(void)
{
	if (close_range(3, ~0U, 0) == 0)
		return;
	for (int fd = 3; fd < 65536; fd++)
		(void)close(fd);
}

/* In the background process: run the hooks, record what they did. */
static void run(const char *dir, int timeout, const char *ledger, const struct leak_event *ev)
{
	struct leak_hook_results res = {0};
	int rc = leak_hooks_run_collect(dir, ev, timeout, log_line, NULL, &res);

	if (ledger[0] != '\0') {
		int err = leak_ledger_append_hooks(ledger, ev, &res, rc);
		if (err != 0) {
			char line[LOGLINE_MAX];
			struct log_kv kv[] = {{"event", "leak_ledger"},
			                      {"id", ev->id},
			                      {"ledger", ledger},
			                      {"result", "error"},
			                      {"detail", "hook results not recorded"},
			                      {"error", strerror(-err)}};
			logline_format(line, sizeof line, kv, sizeof kv / sizeof kv[0]);
			log_line(NULL, LOG_ERR, line);
		}
	}
	leak_hook_results_free(&res);
}

int main(int argc, char **argv)
{
	struct leak_event ev;
	json_object *obj;
	char *end;
	long timeout;
	pid_t pid;

	close_inherited();
	if (argc != 5) {
		fprintf(stderr, "usage: %s DIR TIMEOUT LEDGER EVENT-JSON\n", IDENT);
		return 2;
	}
	errno = 0;
	timeout = strtol(argv[2], &end, 10);
	if (errno != 0 || *end != '\0' || timeout < 0 || timeout > LEAK_HOOK_TIMEOUT_MAX) {
		fprintf(stderr, "%s: bad timeout %s\n", IDENT, argv[2]);
		return 2;
	}
	obj = json_tokener_parse(argv[4]);
	if (obj == NULL || !json_object_is_type(obj, json_type_object) ||
	    leak_event_from_object(obj, &ev) != 0) {
		fprintf(stderr, "%s: the event is not a leak event's JSON object\n", IDENT);
		json_object_put(obj);
		return 2;
	}
	/* A setuid caller (su) leaves its user as our real id: the hooks run
	 * with the effective ids alone, as leak_hooks_run() does for each. */
	if (setresgid(getegid(), getegid(), getegid()) != 0 ||
	    setresuid(geteuid(), geteuid(), geteuid()) != 0)
		return 1;
	umask(022);
	if (chdir("/") != 0)
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid > 0)
		return 0; /* the caller reaps us; init reaps the child */
	run(argv[1], (int)timeout, argv[3], &ev);
	json_object_put(obj);
	return 0;
}
