/* The state of a recorded leak event, for `credpolicy leak list` and the
 * disposal report: has the leaked password been dealt with?
 *
 *   dismissed  an administrator closed it with a reason (a ledger line)
 *   removed    the account is no longer in passwd
 *   locked     the account cannot log in with a password any more
 *   changed    shadow's last change is after the event
 *   open       none of these: the leaked password may still work
 *   unknown    the account files could not be read
 *
 * Shadow keeps the last change as a day. A change on the day of the event
 * counts when the day differs from the one recorded with the event, so a
 * change made earlier that same day does not close it; two changes on one
 * day, one before and one after the event, leave the event open. */
#ifndef CREDPOLICY_LEAK_STATE_H
#define CREDPOLICY_LEAK_STATE_H

#include "events/leak_ledger.h"

enum leak_state {
	LEAK_OPEN,
	LEAK_CHANGED,
	LEAK_LOCKED,
	LEAK_REMOVED,
	LEAK_DISMISSED,
	LEAK_UNKNOWN,
};

/* "open", "changed", ... as above. */
const char *leak_state_name(enum leak_state st);

/* The state of e, judged against the account in the event's own root, or
 * in root (NULL: "/") for an event of this host. */
enum leak_state leak_entry_state(const struct leak_entry *e, const char *root);

/* The number of open events of user (NULL: any) among those in l about the
 * system at root (NULL or "/": this host, the events with no root
 * recorded), judged against its account files; *oldest gets the oldest
 * open event's time (0 when none). */
size_t leak_open_count(const struct leak_ledger *l, const char *root, const char *user,
                       time_t *oldest);

#endif
