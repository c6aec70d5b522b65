/* Running the leak hooks without making the caller wait for them.
 *
 * At login the hooks would otherwise run inside the PAM account step, and a
 * slow mail relay or webhook would hold the login up to hooks × timeout.
 * leak_hooks_detach() starts the runner program (credpolicy-leak-notify)
 * with posix_spawn(), which is safe in a multithreaded caller, in a new
 * session with default signals, the standard descriptors on /dev/null and
 * a fixed environment. The runner forks the process that runs the hooks
 * and exits at once; we reap it, so the caller is left no child to see.
 * The event travels in argv as its JSON object: it holds no secret
 * (leak_event.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "events/leak_event.h"
#include "seam.h"

/* How long the runner may take to fork and exit. */
#define RUNNER_EXIT_MS 2000

int leak_hooks_detach(const char *runner, const char *dir, const char *ledger,
                      const struct leak_event *ev, int timeout_s)
{
	/* The test suite's relaxation of the ownership checks (seam.h) holds
	 * in the runner exactly when it holds here. */
	char *envp[] = {SPAWN_ENV_PATH, SPAWN_ENV_LANG, (char *)seam_child_env(), NULL};
	char timeout[16], *json = leak_event_json(ev);
	char *argv[] = {(char *)runner, (char *)dir, timeout, (char *)ledger, json, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, all;
	pid_t pid;
	int rc, status;

	if (json == NULL)
		return -ENOMEM;
	snprintf(timeout, sizeof timeout, "%d", timeout_s);
	if (posix_spawn_file_actions_init(&fa) != 0) {
		free(json);
		return -ENOMEM;
	}
	if (posix_spawnattr_init(&attr) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		free(json);
		return -ENOMEM;
	}
	sigemptyset(&none);
	sigfillset(&all);
	rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (rc == 0)
		rc = posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (rc == 0)
		rc = posix_spawn_file_actions_adddup2(&fa, 1, 2);
	if (rc == 0)
		rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK |
		                                             POSIX_SPAWN_SETSIGDEF);
	if (rc == 0)
		rc = posix_spawnattr_setsigmask(&attr, &none);
	if (rc == 0)
		rc = posix_spawnattr_setsigdefault(&attr, &all);
	if (rc == 0)
		rc = posix_spawn(&pid, runner, &fa, &attr, argv, envp);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	free(json);
	if (rc != 0)
		return -rc;

	/* Reap only our child, polling: the caller's own SIGCHLD handler may
	 * reap it first (ECHILD), and a runner that hangs must not hang us. */
	for (long waited = 0;; waited++) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? (int)pid : -ECHILD;
		if (w < 0 && errno != EINTR)
			return errno == ECHILD ? (int)pid : -errno;
		if (waited >= RUNNER_EXIT_MS)
			return -ETIMEDOUT;
		nanosleep(&(struct timespec){0, 1000000}, NULL);
	}
}
