/* sudoers(5): who is granted sudo rights. Only what decides that is
 * kept: user specifications (their user lists), User_Alias definitions
 * and include directives (#include, @include, #includedir, @includedir).
 * Defaults, Host/Runas/Cmnd aliases and the command parts are skipped. */
#ifndef CREDPOLICY_ACCOUNTS_SUDOERS_H
#define CREDPOLICY_ACCOUNTS_SUDOERS_H

#include <stddef.h>
#include <stdint.h>

#include "textlines.h"

struct sudo_alias {
	char *name;
	char **members; /* NULL-terminated */
};

struct sudo_spec {
	char *who;  /* one user-list item: "alice", "%sudo", "#1001", "ALL", "ADMINS" */
	char *file; /* where it was granted */
	unsigned line;
};

struct sudo_include {
	char *path; /* as written (relative to the including file's directory) */
	char *from; /* the including file */
	int is_dir;
	unsigned line;
};

struct sudoers {
	struct sudo_alias *aliases;
	size_t naliases;
	struct sudo_spec *specs;
	size_t nspecs;
	struct sudo_include *incs;
	size_t nincs;
};

/* Append what buf holds to *s. Returns 0 or -ENOMEM/-E2BIG. */
int sudoers_parse(const char *buf, size_t len, const char *file, struct sudoers *s,
                  struct diags *d);
void sudoers_free(struct sudoers *s);

/* Is group `name` (or, when name is NULL, the group with `gid`) one of
 * the user's groups? */
typedef int (*sudo_in_group_fn)(void *ctx, const char *name, uint32_t gid);

/* The first specification that grants user (uid) sudo rights, or NULL.
 * Negated items ("!bob") are ignored, so a grant may be over-reported but
 * is never missed. */
const struct sudo_spec *sudoers_grant(const struct sudoers *s, const char *user, uint32_t uid,
                                      sudo_in_group_fn in_group, void *ctx);

#endif
