/* What the account database says about an account a leak event named:
 * whether it still exists, can still log in with a password, and when its
 * password last changed (shadow field 3, in days since 1970). Read inside
 * a root (rootfs.h) with glibc's own parsers. */
#ifndef CREDPOLICY_LEAK_ACCOUNT_H
#define CREDPOLICY_LEAK_ACCOUNT_H

#include <stdbool.h>

struct leak_account {
	bool exists;       /* in passwd */
	bool has_shadow;   /* in shadow */
	bool locked;       /* no password login: "!" or "*" hash, or an expired account */
	long long lastchg; /* -1 when not known */
};

/* Look user up in root's (NULL: "/") etc/passwd and etc/shadow. Returns 0,
 * or -errno when a file could not be read (*a then says what was read). */
int leak_account_lookup(const char *root, const char *user, struct leak_account *a);

/* Force a password change at the next login: chage [-R ROOT] -d 0 -- USER,
 * without a shell, with a fixed environment (so the shadow tools' locking
 * and nscd are respected). Returns chage's exit status, or -errno if it
 * could not be run. */
int leak_account_expire(const char *user, const char *root);

#endif
