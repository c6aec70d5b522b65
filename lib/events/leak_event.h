/* Leak events (clause 3(1)④) and the admin's hooks that receive them.
 *
 * An event is raised when a password may have leaked: found in a breach
 * index at login, a stored password that opens its account (credaudit),
 * or an admin's report (`credpolicy leak report`). Each executable in the
 * hooks directory is run without a shell, with a fixed environment and a
 * timeout, and gets the event as one JSON object on stdin. Never a password. */
#ifndef CREDPOLICY_LEAK_EVENT_H
#define CREDPOLICY_LEAK_EVENT_H

#include <stddef.h>

struct leak_event {
	const char *event;  /* "suspected_leak" or "confirmed_leak" */
	const char *user;   /* account concerned */
	const char *source; /* "login_check", "admin_report", "credaudit" */
	const char *detail; /* free text without secrets, e.g. reason or finding path */
	const char *action; /* "password_change_required", ... */
};

/* One line per hook run (or refusal) for the caller to log. */
typedef void (*leak_log_fn)(void *ctx, int priority, const char *line);

#define LEAK_HOOKS_DIR_DEFAULT SYSCONFDIR "/credpolicy/hooks.d"

/* Serialise the event (adds host and time) as JSON into a malloc'd string. */
char *leak_event_json(const struct leak_event *ev);

/* Run every hook in dir (sorted by name). Returns the number of hooks that
 * failed or were refused (0 = all ran and exited 0), or -errno when the
 * directory itself could not be used. */
int leak_hooks_run(const char *dir, const struct leak_event *ev, int timeout_s,
		   leak_log_fn log, void *ctx);

#endif
