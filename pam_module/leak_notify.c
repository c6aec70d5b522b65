/* credpolicy-leak-notify: runs the leak hooks for pam_credpolicy.so in the
 * background, so that a login never waits for them (lib/events,
 * leak_hooks_detach). Not meant to be run by hand:
 *
 *   credpolicy-leak-notify DIR TIMEOUT EVENT USER SOURCE DETAIL ACTION
 *
 * It forks the process that runs the hooks and exits at once; that process
 * logs one line per hook run or refusal to syslog (LOG_AUTHPRIV, ident
 * credpolicy-leak-notify), as doc/hooks.md describes. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "events/leak_event.h"
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

int main(int argc, char **argv)
{
	struct leak_event ev;
	char *end;
	long timeout;
	pid_t pid;

	close_inherited();
	if (argc != 8) {
		fprintf(stderr, "usage: %s DIR TIMEOUT EVENT USER SOURCE DETAIL ACTION\n", IDENT);
		return 2;
	}
	errno = 0;
	timeout = strtol(argv[2], &end, 10);
	if (errno != 0 || *end != '\0' || timeout < 0 || timeout > LEAK_HOOK_TIMEOUT_MAX) {
		fprintf(stderr, "%s: bad timeout %s\n", IDENT, argv[2]);
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

	ev = (struct leak_event){
	        .event = argv[3],
	        .user = argv[4],
	        .source = argv[5],
	        .detail = argv[6],
	        .action = argv[7],
	};
	(void)leak_hooks_run(argv[1], &ev, (int)timeout, log_line, NULL);
	return 0;
}
