/* The breached check (clauses 3(1)③④): is the password in any of the
 * configured breach indexes? Shared by policy_check() (at password change)
 * and the PAM module's login check, so both give the same answer.
 *
 * Each index is opened for the lookup and closed after: opening costs
 * O(1) (header, sizes and checksum of the header, lib/breach), a lookup at
 * most two reads, and no state outlives the call -- nothing to lock in a
 * multithreaded caller, nothing left mapped when the module is unloaded. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "breach/breach_index.h"
#include "i18n.h"
#include "policy/policy.h"

int policy_breach_lookup(const struct policy_settings *s, const char *password, char *err,
                         size_t errlen)
{
	int unusable = 0;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	for (int i = 0; i < s->n_breach_index; i++) {
		struct breach_index *ix;
		char why[512];
		int r;

		r = breach_index_open(s->breach_index[i], &ix, why, sizeof why);
		if (r == 0) {
			r = breach_index_lookup(ix, password, strlen(password));
			breach_index_close(ix);
			if (r == 1)
				return 1;
			if (r == -EBADMSG)
				snprintf(why, sizeof why,
				         _("%s: the block this password falls in does not match "
				           "its checksum (the index is damaged); run credpolicy "
				           "breach info %s and rebuild the index"),
				         s->breach_index[i], s->breach_index[i]);
			else if (r < 0)
				snprintf(why, sizeof why, _("%s: lookup failed: %s"),
				         s->breach_index[i], strerror(-r));
		}
		if (r < 0) {
			/* Keep the first problem for the caller's log, go on:
			 * a hit in another index still counts. */
			if (unusable == 0 && err != NULL && errlen > 0)
				snprintf(err, errlen, "%s", why);
			if (unusable == 0)
				unusable = r;
		}
	}
	if (unusable < 0 && s->breach_unavailable == INDEX_UNAVAILABLE_REFUSE)
		return unusable;
	return 0;
}
