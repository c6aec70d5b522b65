/* Judging recorded leak events against the account files (leak_state.h). */
#include "config.h"

#include <json-c/json.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "events/leak_account.h"
#include "events/leak_state.h"

const char *leak_state_name(enum leak_state st)
{
	static const char *const names[] = {"open",    "changed",   "locked",
	                                    "removed", "dismissed", "unknown"};

	return st <= LEAK_UNKNOWN ? names[st] : "unknown";
}

static long long recorded_lastchg(json_object *ev)
{
	json_object *v;

	if (!json_object_object_get_ex(ev, "lastchg", &v) || !json_object_is_type(v, json_type_int))
		return -1;
	return json_object_get_int64(v);
}

enum leak_state leak_entry_state(const struct leak_entry *e, const char *root)
{
	const char *own_root = leak_field(e->event, "root");
	struct leak_account a;
	long long day = (long long)(e->when / 86400), at = recorded_lastchg(e->event);

	if (e->dismiss != NULL)
		return LEAK_DISMISSED;
	if (leak_account_lookup(own_root != NULL ? own_root : root, leak_field(e->event, "user"),
	                        &a) != 0)
		return LEAK_UNKNOWN;
	if (!a.exists)
		return LEAK_REMOVED;
	if (a.locked || !a.has_shadow)
		return LEAK_LOCKED;
	/* 0 means "must change at next login": not changed yet. */
	if (a.lastchg > 0 && (a.lastchg > day || (a.lastchg == day && a.lastchg != at)))
		return LEAK_CHANGED;
	return LEAK_OPEN;
}

/* Whether an event recorded with root ev_root (NULL: this host) is about
 * the system at root (NULL or "/": this host); paths are compared as
 * realpath() resolves them, so /mnt/img/ and /mnt/../mnt/img agree. */
static bool same_root(const char *ev_root, const char *root)
{
	char a[PATH_MAX], b[PATH_MAX];
	bool host_a = ev_root == NULL || strcmp(ev_root, "/") == 0;
	bool host_b = root == NULL || strcmp(root, "/") == 0;

	if (host_a || host_b)
		return host_a && host_b;
	if (realpath(ev_root, a) == NULL || realpath(root, b) == NULL)
		return strcmp(ev_root, root) == 0;
	return strcmp(a, b) == 0;
}

size_t leak_open_count(const struct leak_ledger *l, const char *root, const char *user,
                       time_t *oldest)
{
	size_t n = 0;

	*oldest = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct leak_entry *e = &l->v[i];

		if (!same_root(leak_field(e->event, "root"), root))
			continue;
		if (user != NULL && strcmp(leak_field(e->event, "user"), user) != 0)
			continue;
		if (leak_entry_state(e, root) != LEAK_OPEN)
			continue;
		n++;
		if (*oldest == 0 || e->when < *oldest)
			*oldest = e->when;
	}
	return n;
}
