/* Running the admin's leak hooks.
 *
 * This runs inside PAM modules, so inside sshd, login, su or a desktop
 * greeter: multithreaded, with the host's own signal handlers, closed or
 * odd standard descriptors, and possibly setuid. Hence:
 *  - the directory and each hook are checked on descriptors (O_NOFOLLOW,
 *    fstat) and the checked descriptor itself is executed (fexecve), so a
 *    rename between check and exec cannot swap the program;
 *  - everything the child needs (argv, envp, descriptors) is prepared
 *    before fork(); between fork() and exec only async-signal-safe calls;
 *  - no shell, a fixed environment, cwd "/", umask 022, signals reset to
 *    default, all other descriptors closed, its own process group, real
 *    ids set to the effective ones (so a setuid caller's user cannot signal
 *    or ptrace the hook);
 *  - no SIGCHLD handler is installed and only our child's pid is waited
 *    for, with WNOHANG in a timed loop; SIGPIPE is blocked in this thread
 *    while the event is written, and a pending one we caused is consumed;
 *  - every wait is bounded: the hook's timeout, then SIGTERM to its group,
 *    a grace period, SIGKILL, and a last bounded wait. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "events/leak_event.h"
#include "logline.h"
#include "seam.h"

#define HOOK_OUTPUT_MAX LEAK_HOOK_OUTPUT_MAX /* bytes of a hook's output kept */
#define HOOK_GRACE_MS   1000                 /* between SIGTERM and SIGKILL */
#define HOOK_REAP_MS    2000                 /* after SIGKILL, before giving up on the pid */
#define HIGH_FD         10 /* parent-side descriptors are moved at or above this */

struct run_ctx {
	const char *dir;
	const struct leak_event *ev;
	leak_log_fn log;
	void *log_ctx;
	struct leak_hook_results *out; /* NULL: not collected */
};

/* ---- results ------------------------------------------------------------ */

void leak_hook_results_free(struct leak_hook_results *r)
{
	if (r == NULL)
		return;
	free(r->v);
	*r = (struct leak_hook_results){0};
}

/* A new, zeroed result for hook name (NULL: the directory itself), or NULL
 * when not collecting or out of memory. */
static struct leak_hook_result *new_result(const struct run_ctx *rc, const char *name,
                                           const char *result)
{
	struct leak_hook_results *o = rc->out;
	struct leak_hook_result *h;

	if (o == NULL)
		return NULL;
	if (o->n == o->cap) {
		size_t nc = o->cap ? o->cap * 2 : 8;
		struct leak_hook_result *nv = realloc(o->v, nc * sizeof *nv);

		if (nv == NULL)
			return NULL;
		o->v = nv;
		o->cap = nc;
	}
	h = &o->v[o->n++];
	memset(h, 0, sizeof *h);
	snprintf(h->name, sizeof h->name, "%s", name != NULL ? name : "");
	snprintf(h->result, sizeof h->result, "%s", result);
	h->status = -1;
	return h;
}

/* The kept output as text: each NUL shown as U+FFFD (so nothing after it
 * is lost), made valid UTF-8. Writes at most size bytes into buf. */
static void output_text(const char *raw, size_t len, char *buf, size_t size)
{
	char tmp[HOOK_OUTPUT_MAX * 3 + 1], *clean;
	size_t o = 0;

	for (size_t i = 0; i < len && o + 3 < sizeof tmp; i++) {
		if (raw[i] == '\0') {
			memcpy(tmp + o, "\xef\xbf\xbd", 3);
			o += 3;
		} else {
			tmp[o++] = raw[i];
		}
	}
	tmp[o] = '\0';
	clean = leak_event_text(tmp, size - 1);
	snprintf(buf, size, "%s", clean != NULL ? clean : "");
	free(clean);
}

/* ---- reporting ---------------------------------------------------------- */

static void report(const struct run_ctx *rc, int priority, const struct log_kv *extra,
                   size_t n_extra)
{
	struct log_kv kv[16];
	char line[LOGLINE_MAX];
	size_t n = 0;

	if (rc->log == NULL)
		return;
	kv[n++] = (struct log_kv){"event", "leak_hook"};
	kv[n++] = (struct log_kv){"leak", rc->ev->event};
	kv[n++] = (struct log_kv){"user", rc->ev->user};
	kv[n++] = (struct log_kv){"source", rc->ev->source};
	for (size_t i = 0; i < n_extra && n < sizeof kv / sizeof kv[0]; i++)
		kv[n++] = extra[i];
	logline_format(line, sizeof line, kv, n);
	rc->log(rc->log_ctx, priority, line);
}

static void report_refusal(const struct run_ctx *rc, const char *hook, const char *reason,
                           const char *what)
{
	struct log_kv kv[5];
	size_t n = 0;

	kv[n++] = (struct log_kv){"dir", rc->dir};
	if (hook != NULL)
		kv[n++] = (struct log_kv){"hook", hook};
	kv[n++] = (struct log_kv){"result", "refused"};
	kv[n++] = (struct log_kv){"reason", reason};
	kv[n++] = (struct log_kv){"detail", what};
	report(rc, LOG_ERR, kv, n);
	struct leak_hook_result *h = new_result(rc, hook, "refused");
	if (h != NULL)
		snprintf(h->output, sizeof h->output, "%s", reason);
}

/* ---- safety checks ------------------------------------------------------ */

/* NULL if st is owned by root (or, in the suite's builds, by us: seam.h) and
 * not writable by group or others; else the refusal reason. */
static const char *unsafe_owner_or_mode(const struct stat *st)
{
	if (st->st_uid != 0 && !(seam_any_owner() && st->st_uid == geteuid()))
		return "not_owned_by_root";
	if (st->st_mode & (S_IWGRP | S_IWOTH))
		return "writable_by_group_or_others";
	return NULL;
}

/* The directories above the hooks directory must not let anyone swap it
 * out: each owned by root (or us, as above) and not writable by group or
 * others, unless sticky like /tmp (where others cannot rename what is not
 * theirs). Returns 0 if all are safe, else how many levels up the first
 * unsafe one is, or -errno. */
static int unsafe_ancestor(int dfd)
{
	struct stat cur, up;
	int fd, level, r = 0;

	if (fstat(dfd, &cur) != 0)
		return -errno;
	fd = fcntl(dfd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	for (level = 1; level < 256 && r == 0; level++) {
		int pfd = openat(fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (pfd < 0 || fstat(pfd, &up) != 0) {
			r = -errno;
			if (pfd >= 0)
				close(pfd);
			break;
		}
		close(fd);
		fd = pfd;
		if (up.st_dev == cur.st_dev && up.st_ino == cur.st_ino)
			break; /* "/" */
		if ((up.st_uid != 0 && !(seam_any_owner() && up.st_uid == geteuid())) ||
		    ((up.st_mode & (S_IWGRP | S_IWOTH)) && !(up.st_mode & S_ISVTX)))
			r = level;
		cur = up;
	}
	close(fd);
	return r;
}

static const char *refusal_text(const char *reason)
{
	if (strcmp(reason, "not_owned_by_root") == 0)
		return "must be owned by root: chown root:root it";
	if (strcmp(reason, "writable_by_group_or_others") == 0)
		return "must not be writable by group or others: chmod go-w it";
	if (strcmp(reason, "symlink") == 0)
		return "is a symbolic link: install the real file instead";
	if (strcmp(reason, "not_regular_file") == 0)
		return "is not a regular file: remove it from the hooks directory";
	if (strcmp(reason, "changed_during_check") == 0)
		return "was replaced while being checked: look for tampering";
	return reason;
}

/* Backup and package-manager leftovers, and hooks shipped disabled. */
static bool skipped_name(const char *name)
{
	static const char *const suffixes[] = {"~", ".disabled", ".example", ".swp"};
	size_t len = strlen(name);

	if (name[0] == '.' || len == 0)
		return true;
	if (strstr(name, ".dpkg-") != NULL || strstr(name, ".ucf-") != NULL)
		return true;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t sl = strlen(suffixes[i]);
		if (len >= sl && strcmp(name + len - sl, suffixes[i]) == 0)
			return true;
	}
	return false;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names of candidate hooks in the directory open at dfd. */
static int list_hooks(int dfd, char ***names_out, size_t *n_out, size_t *dropped)
{
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	DIR *d;
	int fd, err = 0;

	*dropped = 0;
	fd = fcntl(dfd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	d = fdopendir(fd);
	if (d == NULL) {
		err = -errno;
		close(fd);
		return err;
	}
	names = calloc(LEAK_HOOKS_MAX, sizeof *names);
	if (names == NULL) {
		closedir(d);
		return -ENOMEM;
	}
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (skipped_name(de->d_name))
			continue;
		if (n == LEAK_HOOKS_MAX) {
			(*dropped)++;
			continue;
		}
		names[n] = strdup(de->d_name);
		if (names[n] == NULL) {
			err = -ENOMEM;
			break;
		}
		n++;
	}
	if (err == 0 && errno != 0)
		err = -errno;
	closedir(d);
	if (err != 0) {
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return err;
	}
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_names);
	*names_out = names;
	*n_out = n;
	return 0;
}

/* ---- the child ---------------------------------------------------------- */

struct spawn_plan {
	int hook_fd; /* the checked executable; becomes fd 3 for scripts */
	bool script; /* "#!": the interpreter reopens it via /dev/fd/3 */
	int stdin_r; /* event pipe, read end */
	int out_w;   /* capture pipe, write end (stdout and stderr) */
	int err_w;   /* exec-failure pipe, write end (close-on-exec) */
	uid_t euid;
	gid_t egid;
	bool drop_real_ids;
	char *const *argv;
	char *const *envp;
};

/* Async-signal-safe only: this runs between fork() and exec. */
static void child_exec(const struct spawn_plan *p) __attribute__((noreturn));
static void child_exec(const struct spawn_plan *p)
{
	struct sigaction sa;
	sigset_t none;
	int e;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			(void)sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	(void)setpgid(0, 0);
	/* Raw system calls: the libc wrappers synchronise ids across threads,
	 * which is not async-signal-safe. */
	if (p->drop_real_ids && ((p->euid == 0 && syscall(SYS_setgroups, 0, NULL) != 0) ||
	                         syscall(SYS_setresgid, p->egid, p->egid, p->egid) != 0 ||
	                         syscall(SYS_setresuid, p->euid, p->euid, p->euid) != 0))
		goto fail;
	/* All sources are >= HIGH_FD, so these never clobber each other. */
	if (dup2(p->stdin_r, 0) < 0 || dup2(p->out_w, 1) < 0 || dup2(p->out_w, 2) < 0 ||
	    dup2(p->hook_fd, 3) < 0 || dup2(p->err_w, 4) < 0)
		goto fail;
	if (fcntl(4, F_SETFD, FD_CLOEXEC) < 0)
		goto fail;
	/* An ELF binary needs no descriptor of itself; a script's interpreter
	 * opens /dev/fd/3, so that one must survive exec. */
	if (!p->script && fcntl(3, F_SETFD, FD_CLOEXEC) < 0)
		goto fail;
	if (syscall(SYS_close_range, 5U, ~0U, 0U) != 0) {
		struct rlimit rl;
		int max = 4096;

		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
		    rl.rlim_cur < 65536)
			max = (int)rl.rlim_cur;
		for (int fd = 5; fd < max; fd++)
			(void)close(fd);
	}
	if (chdir("/") != 0)
		goto fail;
	umask(022);
	fexecve(3, p->argv, p->envp);
fail:
	e = errno;
	(void)!write(4, &e, sizeof e);
	_exit(127);
}

/* ---- the parent --------------------------------------------------------- */

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int move_high(int fd)
{
	int nfd;

	if (fd < 0 || fd >= HIGH_FD)
		return fd;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, HIGH_FD);
	close(fd);
	return nfd;
}

static void close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

struct run_result {
	int status; /* waitpid status, valid when exited */
	bool exited;
	bool timed_out;
	bool lost;      /* reaped by someone else (SIGCHLD ignored or a wait(-1) handler) */
	bool abandoned; /* did not die after SIGKILL within HOOK_REAP_MS */
	int exec_errno; /* != 0 when exec failed */
	bool input_cut; /* the hook closed stdin before reading the whole event */
	char output[HOOK_OUTPUT_MAX + 4];
	size_t output_len;
	bool output_cut;
};

/* Reap pid without blocking. Returns true once it is gone. */
static bool try_reap(pid_t pid, struct run_result *r)
{
	int status;
	pid_t w;

	do
		w = waitpid(pid, &status, WNOHANG);
	while (w < 0 && errno == EINTR);
	if (w == pid) {
		r->exited = true;
		r->status = status;
		return true;
	}
	if (w < 0) { /* ECHILD: someone else reaped it */
		r->lost = true;
		return true;
	}
	return false;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Wait up to ms for pid to exit, polling with a growing interval, but do
 * not reap it: while it is an unreaped zombie its pid, and so its process
 * group id, cannot be reused, so signalling the group stays safe. */
static bool exited_within(pid_t pid, long ms, struct run_result *r)
{
	long end = now_ms() + ms, step = 1;

	for (;;) {
		siginfo_t si;
		int w;

		si.si_pid = 0;
		do
			w = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT);
		while (w < 0 && errno == EINTR);
		if (w < 0) { /* ECHILD: someone else reaped it */
			r->lost = true;
			return true;
		}
		if (si.si_pid == pid)
			return true;
		if (now_ms() >= end)
			return false;
		sleep_ms(step);
		if (step < 50)
			step *= 2;
	}
}

static void capture(int *fd, struct run_result *r)
{
	char buf[512];
	ssize_t got = read(*fd, buf, sizeof buf);

	if (got < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (got <= 0) {
		close_fd(fd);
		return;
	}
	size_t room = HOOK_OUTPUT_MAX - r->output_len;
	size_t take = (size_t)got < room ? (size_t)got : room;
	memcpy(r->output + r->output_len, buf, take);
	r->output_len += take;
	if (take < (size_t)got)
		r->output_cut = true;
}

/* Feed the event, collect output, wait for the exit; all bounded by
 * timeout_ms. SIGPIPE is blocked by the caller. */
static void supervise(pid_t pid, int pidfd, int *err_r, int *in_w, int *out_r, const char *json,
                      size_t json_len, long timeout_ms, struct run_result *r)
{
	long deadline = now_ms() + timeout_ms, step = 1;
	size_t sent = 0;

	for (;;) {
		struct pollfd pfd[4];
		nfds_t n = 0;
		long left = deadline - now_ms(), wait;

		if (*in_w >= 0 && (sent == json_len || r->exec_errno != 0))
			close_fd(in_w);
		if (*out_r >= 0)
			pfd[n++] = (struct pollfd){.fd = *out_r, .events = POLLIN};
		/* The event is written only once exec has succeeded: the
		 * close-on-exec error pipe reads EOF then, or the errno. */
		if (*err_r >= 0)
			pfd[n++] = (struct pollfd){.fd = *err_r, .events = POLLIN};
		else if (*in_w >= 0)
			pfd[n++] = (struct pollfd){.fd = *in_w, .events = POLLOUT};
		if (left <= 0) {
			r->timed_out = true;
			return;
		}
		/* A pidfd says when the hook exits (even while a grandchild
		 * keeps the output pipe open); without one, look now and then. */
		if (pidfd >= 0)
			pfd[n++] = (struct pollfd){.fd = pidfd, .events = POLLIN};
		wait = pidfd >= 0 || left < step ? left : step;
		if (poll(pfd, n, (int)wait) > 0) {
			step = 1; /* activity: the exit may be near, look again soon */
			for (nfds_t i = 0; i < n; i++) {
				if (pfd[i].revents == 0)
					continue;
				if (pfd[i].fd == *out_r) {
					capture(out_r, r);
				} else if (pfd[i].fd == *err_r) {
					int e;
					if (read(*err_r, &e, sizeof e) == (ssize_t)sizeof e)
						r->exec_errno = e;
					close_fd(err_r);
				} else if (pfd[i].fd == *in_w) {
					ssize_t w = write(*in_w, json + sent, json_len - sent);
					if (w > 0)
						sent += (size_t)w;
					else if (w < 0 && errno != EAGAIN && errno != EINTR) {
						r->input_cut = true; /* EPIPE: hook did not read */
						close_fd(in_w);
					}
				}
			}
		}
		if (step < 50)
			step *= 2;
		if (try_reap(pid, r)) {
			/* Drain what the hook wrote before it exited. */
			while (*out_r >= 0) {
				struct pollfd o = {.fd = *out_r, .events = POLLIN};
				if (poll(&o, 1, 0) <= 0)
					break;
				capture(out_r, r);
			}
			if (*in_w >= 0 && sent < json_len && r->exec_errno == 0)
				r->input_cut = true;
			return;
		}
	}
}

/* Consume a SIGPIPE our writes raised, unless one was pending before. */
static void restore_sigpipe(const sigset_t *old, bool was_pending)
{
	sigset_t pipe_set, pending;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	if (!was_pending && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE)) {
		struct timespec zero = {0, 0};
		while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
			;
	}
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

static int run_one(const struct run_ctx *rc, int hook_fd, bool script, const char *name,
                   const char *json, long timeout_ms, struct run_result *r)
{
	int in[2] = {-1, -1}, out[2] = {-1, -1}, errp[2] = {-1, -1};
	char path[PATH_MAX], event_env[128];
	char *argv[2], *envp[4];
	struct spawn_plan plan;
	sigset_t pipe_set, old, all, saved;
	bool was_pending = false;
	pid_t pid;
	int err = 0, pidfd;

	snprintf(path, sizeof path, "%s/%s", rc->dir, name);
	snprintf(event_env, sizeof event_env, "CREDPOLICY_EVENT=%s",
	         rc->ev->event ? rc->ev->event : "");
	argv[0] = path;
	argv[1] = NULL;
	envp[0] = (char *)SPAWN_ENV_PATH;
	envp[1] = (char *)SPAWN_ENV_LANG;
	envp[2] = event_env;
	envp[3] = NULL;

	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
	    pipe2(errp, O_CLOEXEC) != 0) {
		err = -errno;
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		in[i] = move_high(in[i]);
		out[i] = move_high(out[i]);
		errp[i] = move_high(errp[i]);
	}
	hook_fd = move_high(hook_fd);
	if (in[0] < 0 || in[1] < 0 || out[0] < 0 || out[1] < 0 || errp[0] < 0 || errp[1] < 0 ||
	    hook_fd < 0) {
		err = -EMFILE;
		goto out;
	}
	plan = (struct spawn_plan){
	        .hook_fd = hook_fd,
	        .script = script,
	        .stdin_r = in[0],
	        .out_w = out[1],
	        .err_w = errp[1],
	        .euid = geteuid(),
	        .egid = getegid(),
	        .drop_real_ids = getuid() != geteuid() || getgid() != getegid(),
	        .argv = argv,
	        .envp = envp,
	};

	/* No host signal handler may run in the child before it has reset the
	 * dispositions: block everything across fork (the child unblocks
	 * after the reset, as posix_spawn does). */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &saved);
	pid = fork();
	if (pid == 0)
		child_exec(&plan);
	if (pid < 0)
		err = -errno;
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (pid < 0)
		goto out;

	(void)setpgid(pid, pid); /* also done by the child; whoever is first */
	close_fd(&in[0]);
	close_fd(&out[1]);
	close_fd(&errp[1]);
	(void)fcntl(in[1], F_SETFL, O_NONBLOCK);
	(void)fcntl(out[0], F_SETFL, O_NONBLOCK);
	(void)fcntl(errp[0], F_SETFL, O_NONBLOCK);

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	{
		sigset_t pending;
		if (sigpending(&pending) == 0)
			was_pending = sigismember(&pending, SIGPIPE);
	}
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0); /* Linux 5.3; -1 is fine */
	supervise(pid, pidfd, &errp[0], &in[1], &out[0], json, strlen(json), timeout_ms, r);
	close_fd(&pidfd);
	close_fd(&in[1]);
	restore_sigpipe(&old, was_pending);

	if (r->timed_out) {
		(void)kill(-pid, SIGTERM);
		if (!exited_within(pid, HOOK_GRACE_MS, r)) {
			(void)kill(-pid, SIGKILL);
			(void)exited_within(pid, HOOK_REAP_MS, r);
		}
		/* Leave nothing of its group behind, then reap the leader. */
		if (!r->lost)
			(void)kill(-pid, SIGKILL);
		if (!r->lost && !try_reap(pid, r))
			r->abandoned = true;
	}
	if (errp[0] >= 0) {
		int e;
		if (read(errp[0], &e, sizeof e) == (ssize_t)sizeof e)
			r->exec_errno = e;
	}
out:
	close_fd(&in[0]);
	close_fd(&in[1]);
	close_fd(&out[0]);
	close_fd(&out[1]);
	close_fd(&errp[0]);
	close_fd(&errp[1]);
	close_fd(&hook_fd);
	return err;
}

static void report_run(const struct run_ctx *rc, const char *name, const struct run_result *r,
                       int timeout_s, long duration_ms, bool *failed)
{
	char num[32], out[HOOK_OUTPUT_MAX * 3 + 8];
	struct log_kv kv[9];
	struct leak_hook_result *h = new_result(rc, name, "exit");
	size_t n = 0;
	int prio = LOG_WARNING;

	*failed = true;
	kv[n++] = (struct log_kv){"dir", rc->dir};
	kv[n++] = (struct log_kv){"hook", name};
	if (r->exec_errno != 0) {
		kv[n++] = (struct log_kv){"result", "exec_failed"};
		kv[n++] = (struct log_kv){"error", strerror(r->exec_errno)};
		prio = LOG_ERR;
	} else if (r->timed_out) {
		snprintf(num, sizeof num, "%d", timeout_s);
		kv[n++] = (struct log_kv){"result", "timeout"};
		kv[n++] = (struct log_kv){"timeout", num};
		if (r->abandoned)
			kv[n++] = (struct log_kv){"reaped", "no"};
	} else if (r->lost) {
		kv[n++] = (struct log_kv){"result", "unknown"};
		kv[n++] = (struct log_kv){"error", "exit status taken by the host process"};
	} else if (WIFEXITED(r->status)) {
		snprintf(num, sizeof num, "%d", WEXITSTATUS(r->status));
		kv[n++] = (struct log_kv){"result", "exit"};
		kv[n++] = (struct log_kv){"status", num};
		if (WEXITSTATUS(r->status) == 0) {
			*failed = false;
			prio = LOG_INFO;
		}
	} else if (WIFSIGNALED(r->status)) {
		snprintf(num, sizeof num, "%s",
		         sigabbrev_np(WTERMSIG(r->status)) ? sigabbrev_np(WTERMSIG(r->status))
		                                           : "?");
		kv[n++] = (struct log_kv){"result", "signal"};
		kv[n++] = (struct log_kv){"signal", num};
	}
	if (h != NULL) {
		snprintf(h->result, sizeof h->result, "%s", kv[2].value);
		h->status = r->exec_errno          ? r->exec_errno
		            : r->timed_out         ? -1
		            : r->lost              ? -1
		            : WIFEXITED(r->status) ? WEXITSTATUS(r->status)
		                                   : WTERMSIG(r->status);
		h->duration_ms = duration_ms;
		h->output_cut = r->output_cut;
	}
	if (r->input_cut)
		kv[n++] = (struct log_kv){"input", "not_read"};
	if (r->output_len > 0) {
		output_text(r->output, r->output_len, out, sizeof out - 3);
		if (r->output_cut)
			strcat(out, "...");
		kv[n++] = (struct log_kv){"output", out};
		if (h != NULL)
			output_text(r->output, r->output_len, h->output, sizeof h->output);
	}
	if (r->output_cut)
		kv[n++] = (struct log_kv){"output_cut", "yes"};
	report(rc, prio, kv, n);
}

/* Check the entry name in dfd and open it for exec. Returns the fd, or -1
 * after reporting a refusal, or -2 for an entry that is silently skipped. */
static int open_checked(const struct run_ctx *rc, int dfd, const char *name, bool *script)
{
	struct stat pre, st;
	const char *why;
	char magic[2];
	int fd;

	if (fstatat(dfd, name, &pre, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno == ENOENT)
			return -2; /* removed since listing */
		report_refusal(rc, name, "stat_failed", strerror(errno));
		return -1;
	}
	if (S_ISLNK(pre.st_mode)) {
		report_refusal(rc, name, "symlink", refusal_text("symlink"));
		return -1;
	}
	if (!S_ISREG(pre.st_mode)) {
		report_refusal(rc, name, "not_regular_file", refusal_text("not_regular_file"));
		return -1;
	}
	if ((why = unsafe_owner_or_mode(&pre)) != NULL) {
		report_refusal(rc, name, why, refusal_text(why));
		return -1;
	}
	if ((pre.st_mode & 0111) == 0) {
		struct log_kv kv[] = {{"dir", rc->dir},
		                      {"hook", name},
		                      {"result", "skipped"},
		                      {"reason", "not_executable"}};
		report(rc, LOG_NOTICE, kv, sizeof kv / sizeof kv[0]);
		return -2;
	}
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		report_refusal(rc, name, e == ELOOP ? "symlink" : "open_failed", strerror(e));
		return -1;
	}
	/* What we opened must be what we checked, and still be safe. */
	if (fstat(fd, &st) != 0 || st.st_dev != pre.st_dev || st.st_ino != pre.st_ino ||
	    !S_ISREG(st.st_mode) || unsafe_owner_or_mode(&st) != NULL) {
		report_refusal(rc, name, "changed_during_check",
		               refusal_text("changed_during_check"));
		close(fd);
		return -1;
	}
	*script = pread(fd, magic, 2, 0) == 2 && magic[0] == '#' && magic[1] == '!';
	return fd;
}

int leak_hooks_run(const char *dir, const struct leak_event *ev, int timeout_s, leak_log_fn log,
                   void *ctx)
{
	return leak_hooks_run_collect(dir, ev, timeout_s, log, ctx, NULL);
}

int leak_hooks_run_collect(const char *dir, const struct leak_event *ev, int timeout_s,
                           leak_log_fn log, void *ctx, struct leak_hook_results *out)
{
	struct run_ctx rc = {.dir = dir, .ev = ev, .log = log, .log_ctx = ctx, .out = out};
	char **names = NULL;
	size_t n = 0, dropped = 0;
	char *json = NULL;
	struct stat st;
	int dfd, err, failed = 0, ran = 0;
	const char *why;

	if (dir == NULL || ev == NULL)
		return -EINVAL;
	if (timeout_s <= 0)
		timeout_s = LEAK_HOOK_TIMEOUT_DEFAULT;
	if (timeout_s > LEAK_HOOK_TIMEOUT_MAX)
		timeout_s = LEAK_HOOK_TIMEOUT_MAX;

	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0) {
		err = -errno;
		/* O_DIRECTORY|O_NOFOLLOW on a symlink says ENOTDIR; say why. */
		if (err == -ENOTDIR && lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
			err = -ELOOP;
		if (err == -ENOENT) { /* nothing installed: not a fault */
			struct log_kv kv[] = {{"dir", dir}, {"result", "no_hooks_dir"}};
			report(&rc, LOG_NOTICE, kv, sizeof kv / sizeof kv[0]);
			return err;
		}
		report_refusal(&rc, NULL,
		               err == -ELOOP     ? "symlink"
		               : err == -ENOTDIR ? "not_a_directory"
		                                 : "open_failed",
		               strerror(-err));
		return err;
	}
	if (fstat(dfd, &st) != 0) {
		err = -errno;
		report_refusal(&rc, NULL, "stat_failed", strerror(-err));
		goto out;
	}
	if ((why = unsafe_owner_or_mode(&st)) != NULL) {
		report_refusal(&rc, NULL, why, refusal_text(why));
		err = -EPERM;
		goto out;
	}
	err = unsafe_ancestor(dfd);
	if (err != 0) {
		char what[160];

		if (err < 0)
			snprintf(what, sizeof what, "cannot check the directories above: %s",
			         strerror(-err));
		else
			snprintf(what, sizeof what,
			         "the directory %d level(s) above must be owned by root and not "
			         "writable by group or others",
			         err);
		report_refusal(&rc, NULL, "unsafe_parent_directory", what);
		err = err < 0 ? err : -EPERM;
		goto out;
	}
	/* One JSON line, newline-terminated so `read` in sh gets all of it. */
	json = leak_event_json(ev);
	if (json != NULL) {
		size_t len = strlen(json);
		char *line = realloc(json, len + 2);

		if (line == NULL) {
			free(json);
			json = NULL;
		} else {
			json = line;
			memcpy(json + len, "\n", 2);
		}
	}
	if (json == NULL) {
		err = -ENOMEM;
		report_refusal(&rc, NULL, "out_of_memory", strerror(ENOMEM));
		goto out;
	}
	err = list_hooks(dfd, &names, &n, &dropped);
	if (err != 0) {
		report_refusal(&rc, NULL, "readdir_failed", strerror(-err));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct run_result r;
		bool script = false, hook_failed;
		int fd = open_checked(&rc, dfd, names[i], &script);

		if (fd == -2)
			continue;
		if (fd < 0) {
			failed++;
			continue;
		}
		memset(&r, 0, sizeof r);
		long start = now_ms();
		err = run_one(&rc, fd, script, names[i], json, timeout_s * 1000L, &r);
		if (err != 0) {
			struct log_kv kv[] = {{"dir", dir},
			                      {"hook", names[i]},
			                      {"result", "spawn_failed"},
			                      {"error", strerror(-err)}};
			report(&rc, LOG_ERR, kv, sizeof kv / sizeof kv[0]);
			(void)new_result(&rc, names[i], "spawn_failed");
			failed++;
			continue;
		}
		ran++;
		report_run(&rc, names[i], &r, timeout_s, now_ms() - start, &hook_failed);
		if (hook_failed)
			failed++;
	}
	if (dropped > 0) {
		char num[32];
		snprintf(num, sizeof num, "%zu", dropped);
		struct log_kv kv[] = {{"dir", dir}, {"result", "too_many_hooks"}, {"not_run", num}};
		report(&rc, LOG_ERR, kv, sizeof kv / sizeof kv[0]);
		failed += (int)dropped;
	}
	{
		char nr[32], nf[32];
		snprintf(nr, sizeof nr, "%d", ran);
		snprintf(nf, sizeof nf, "%d", failed);
		struct log_kv kv[] = {
		        {"dir", dir}, {"result", "done"}, {"ran", nr}, {"failed", nf}};
		report(&rc, failed ? LOG_WARNING : LOG_INFO, kv, sizeof kv / sizeof kv[0]);
	}
	err = failed;
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(json);
	close(dfd);
	return err;
}
