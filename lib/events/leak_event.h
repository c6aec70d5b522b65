/* Leak events (clause 3(1)④) and the admin's hooks that receive them.
 *
 * An event is raised when a password may have leaked: found in a breach
 * index at login, a stored password that opens its account (credaudit),
 * or an admin's report (`credpolicy leak report`). Each executable in the
 * hooks directory is run without a shell, with a fixed environment and a
 * timeout, and gets the event as one JSON object on stdin. Never a password. */
#ifndef CREDPOLICY_LEAK_EVENT_H
#define CREDPOLICY_LEAK_EVENT_H

#include <stdbool.h>
#include <stddef.h>

#include "policy/settings.h"

#define LEAK_EVENT_ID_LEN 17 /* 16 hex digits and the NUL */
#define LEAK_TIME_LEN     32 /* RFC 3339 with offset (timefmt.h) */

struct leak_event {
	const char *event;  /* "suspected_leak" or "confirmed_leak" */
	const char *user;   /* account concerned */
	const char *source; /* "login_check", "admin_report", "credaudit" */
	const char *detail; /* free text without secrets, e.g. reason or finding path */
	const char *action; /* "password_change_required", "password_change_not_forced", "none" */
	const char *why_not_forced; /* NULL when the change was forced; else why not */
	const char *root;           /* NULL: an account of this host; else the root directory of the
	                             * other system the account belongs to (--root) */
	long long lastchg;          /* shadow's last change (days) when raised; -1 unknown */
	/* Set by leak_report() (or kept when already set, as in the runner). */
	char id[LEAK_EVENT_ID_LEN];
	char time[LEAK_TIME_LEN];
	char host[256];
};

/* One hook's outcome, for the ledger. */
#define LEAK_HOOK_OUTPUT_MAX 200 /* bytes of a hook's stdout+stderr kept */
struct leak_hook_result {
	char name[256];
	char result[16]; /* exit, signal, timeout, refused, exec_failed, spawn_failed, unknown */
	int status;      /* exit status, signal number, or -1 */
	long duration_ms;
	char output[LEAK_HOOK_OUTPUT_MAX + 1]; /* NULs shown as U+FFFD, valid UTF-8 */
	bool output_cut;                       /* more was written than kept */
};

struct leak_hook_results {
	struct leak_hook_result *v;
	size_t n, cap;
};

void leak_hook_results_free(struct leak_hook_results *r);

/* One line per hook run (or refusal) for the caller to log. */
typedef void (*leak_log_fn)(void *ctx, int priority, const char *line);

#define LEAK_HOOK_TIMEOUT_DEFAULT 10 /* seconds, when timeout_s <= 0 */
#define LEAK_HOOK_TIMEOUT_MAX     SETTINGS_HOOK_TIMEOUT_MAX
#define LEAK_HOOKS_MAX            64   /* hooks run per event; more are reported, not run */
#define LEAK_EVENT_FIELD_MAX      256  /* bytes per field in the JSON (after UTF-8 repair) */
#define LEAK_EVENT_DETAIL_MAX     1024 /* bytes of "detail" in the JSON */
#define LEAK_EVENT_CLAUSE         "3(1)\u2463"

/* The fixed environment of every program credpolicy starts: hooks, their
 * background runner, chage. Nothing is inherited from the caller. */
#define SPAWN_ENV_PATH "PATH=/usr/sbin:/usr/bin:/sbin:/bin"
#define SPAWN_ENV_LANG "LANG=C.UTF-8"

/* Fill ev's id, time and host where still empty. 0 or -errno. */
int leak_event_stamp(struct leak_event *ev);

/* Serialise the event (stamping a copy when id, time or host are empty, and
 * adding the clause) as one line of JSON into a malloc'd string; NULL
 * fields become null, "root" is present only when set. NULL on allocation
 * failure. */
char *leak_event_json(const struct leak_event *ev);

/* A malloc'd copy of s that is valid UTF-8 (each invalid byte becomes
 * U+FFFD) and at most max bytes long, cut at a character boundary.
 * NULL on allocation failure or max < 4. */
char *leak_event_text(const char *s, size_t max);

/* Run every hook in dir (sorted by name). Returns the number of hooks that
 * failed or were refused (0 = all ran and exited 0), or -errno when the
 * directory itself could not be used (-ENOENT: no such directory; -EPERM:
 * refused as unsafe). Every run, refusal and the directory's own problems
 * are reported through log (which may be NULL), one structured line each
 * (lib/logline.h); the lines are documented in doc/hooks.md. timeout_s <= 0
 * means LEAK_HOOK_TIMEOUT_DEFAULT. Installs no signal handler; safe to call
 * from a PAM module in a multithreaded program (see leak_hooks.c). */
int leak_hooks_run(const char *dir, const struct leak_event *ev, int timeout_s, leak_log_fn log,
                   void *ctx);

/* The same, also recording each hook's outcome in *out (which may be
 * NULL; free with leak_hook_results_free()). */
int leak_hooks_run_collect(const char *dir, const struct leak_event *ev, int timeout_s,
                           leak_log_fn log, void *ctx, struct leak_hook_results *out);

/* Run the hooks in the background: start runner (the installed
 * credpolicy-leak-notify, or a program that takes the same arguments:
 * DIR TIMEOUT LEDGER EVENT-JSON, LEDGER "" for none), which runs the hooks
 * in a process of its own, logs to syslog and appends their results to
 * the ledger. Returns once the runner has handed over (milliseconds): its
 * pid, or -errno when it could not be started or failed (the caller may
 * then run the hooks itself). ev must be stamped. */
int leak_hooks_detach(const char *runner, const char *dir, const char *ledger,
                      const struct leak_event *ev, int timeout_s);

#endif
