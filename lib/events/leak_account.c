/* Account state for leak events (leak_account.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <shadow.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "events/leak_account.h"
#include "paths.h"
#include "events/leak_event.h"
#include "rootfs.h"

static FILE *open_in_root(const char *root, const char *path, int *err)
{
	int fd = rootfs_open_file(root, path, O_RDONLY | O_NOCTTY);
	FILE *fp;

	if (fd < 0) {
		*err = fd;
		return NULL;
	}
	fp = fdopen(fd, "r");
	if (fp == NULL) {
		*err = -errno;
		close(fd);
	}
	return fp;
}

/* Reentrant forms: this also runs in the PAM module, in a threaded host.
 * A line longer than buf (ERANGE) ends the look-up with an error. */
int leak_account_lookup(const char *root, const char *user, struct leak_account *a)
{
	struct passwd pwbuf, *pw;
	struct spwd spbuf, *sp;
	char buf[8192];
	FILE *fp;
	int err = 0, r = 0;

	*a = (struct leak_account){.lastchg = -1};
	fp = open_in_root(root, "/etc/passwd", &err);
	if (fp == NULL)
		return err;
	while ((r = fgetpwent_r(fp, &pwbuf, buf, sizeof buf, &pw)) == 0)
		if (strcmp(pw->pw_name, user) == 0) {
			a->exists = true;
			break;
		}
	fclose(fp);
	if (r != 0 && r != ENOENT)
		return -r;
	fp = open_in_root(root, "/etc/shadow", &err);
	if (fp == NULL)
		return err == -ENOENT ? 0 : err; /* no shadow: no password logins */
	while ((r = fgetspent_r(fp, &spbuf, buf, sizeof buf, &sp)) == 0) {
		long today = (long)(time(NULL) / 86400);

		if (strcmp(sp->sp_namp, user) != 0)
			continue;
		a->has_shadow = true;
		a->lastchg = sp->sp_lstchg;
		a->locked = sp->sp_pwdp[0] == '!' || sp->sp_pwdp[0] == '*' ||
		            (sp->sp_expire >= 0 && sp->sp_expire <= today);
		break;
	}
	fclose(fp);
	return r != 0 && r != ENOENT ? -r : 0;
}

int leak_account_expire(const char *user, const char *root)
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
