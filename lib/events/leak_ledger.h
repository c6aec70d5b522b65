/* The leak ledger (clause 3(1)④): every leak event, from every source, as
 * one JSON line in a root-only file (setting leak_ledger, default
 * /var/lib/credpolicy/leaks.jsonl, mode 0600). The ledger is only ever
 * appended to, never rewritten:
 *
 *   {"type":"event", "id", "time", "host", "root"?, "user", "source",
 *    "event", "detail", "action", "forced", "why_not_forced"?, "lastchg",
 *    "hooks": "background" | "foreground" | "none"}
 *   {"type":"hooks", "id", "time", "hooks": [{"name", "result", "status",
 *    "duration_ms", "output", "output_cut"}...], "failed" | "error"}
 *   {"type":"dismiss", "id", "time", "reason", "by_uid", "sudo_user"?}
 *
 * The event line is written before any hook runs, so an event is recorded
 * even when a hook hangs or the background runner dies; whoever ran the
 * hooks (the caller, or credpolicy-leak-notify in the background) appends
 * their results as a "hooks" line with the same id. Each line is one
 * write() to a descriptor opened with O_APPEND, under an exclusive flock(),
 * and fsync()ed: concurrent writers (several logins, the CLI) never
 * interleave. A reader skips a line it cannot parse and reports its line
 * number. No line ever holds a password. */
#ifndef CREDPOLICY_LEAK_LEDGER_H
#define CREDPOLICY_LEAK_LEDGER_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "events/leak_event.h"

#define LEAK_LEDGER_LINE_MAX   16384      /* bytes per line; longer is corrupt */
#define LEAK_LEDGER_FILE_MAX   (64 << 20) /* bytes read; rotate a larger ledger */
#define LEAK_LEDGER_EVENTS_MAX 50000      /* events kept in memory by a reader */
#define LEAK_LEDGER_LOCK_MS    2000       /* longest wait for the append lock */

/* Append one line (a JSON object without newline). Creates the file 0600
 * (and its directory 0700 when missing); refuses a file that is not a
 * regular file owned by the effective user; tightens a looser mode to
 * 0600. Returns 0 or -errno. */
int leak_ledger_append(const char *path, const char *line);

/* The three records. hooks_state: "background", "foreground" or "none". */
int leak_ledger_append_event(const char *path, const struct leak_event *ev,
                             const char *hooks_state);
/* hooks_rc: what leak_hooks_run_collect() returned. */
int leak_ledger_append_hooks(const char *path, const struct leak_event *ev,
                             const struct leak_hook_results *res, int hooks_rc);
int leak_ledger_append_dismiss(const char *path, const char *id, const char *reason);

/* One event as read back, with what later lines said about it. */
struct leak_entry {
	json_object *event;     /* the event line (owned) */
	json_object *hooks;     /* the last "hooks" line with its id, or NULL */
	json_object *dismiss;   /* the first "dismiss" line with its id, or NULL */
	time_t when;            /* the event's time */
	unsigned long line;     /* where the event line is */
	unsigned long long key; /* the id as a number, for the index */
};

struct leak_ledger {
	struct leak_entry *v;
	size_t n, cap;
	size_t *slots, n_slots;  /* index by id (leak_ledger.c) */
	unsigned long bad_lines; /* skipped as corrupt */
	bool truncated;          /* more than LEAK_LEDGER_EVENTS_MAX events */
};

/* Told about each skipped line: its number and what is wrong with it. */
typedef void (*leak_ledger_warn_fn)(void *ctx, unsigned long line, const char *what);

/* Parse ledger text (for the reader and the fuzz target). Never fails on
 * bad lines (they are reported through warn, which may be NULL, and
 * skipped); returns 0 or -ENOMEM. */
int leak_ledger_parse(struct leak_ledger *l, const char *buf, size_t len, leak_ledger_warn_fn warn,
                      void *ctx);

/* Read the ledger at path: a missing file is an empty ledger. Returns 0,
 * -EFBIG beyond LEAK_LEDGER_FILE_MAX, or -errno. */
int leak_ledger_read(const char *path, struct leak_ledger *l, leak_ledger_warn_fn warn, void *ctx);

void leak_ledger_free(struct leak_ledger *l);

/* The entry whose id is id or starts with it (at least 4 characters);
 * NULL when none or when the prefix is ambiguous (*ambiguous set). */
struct leak_entry *leak_ledger_find(const struct leak_ledger *l, const char *id, bool *ambiguous);

/* A string field of a record, or NULL. */
const char *leak_field(json_object *rec, const char *key);

#endif
