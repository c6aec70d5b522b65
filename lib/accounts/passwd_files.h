/* Parsers for /etc/passwd, /etc/shadow, /etc/group and /etc/gshadow
 * (passwd(5), shadow(5), group(5), gshadow(5)). Malformed lines are
 * reported with file:line and skipped; the rest of the file is kept. */
#ifndef CREDPOLICY_ACCOUNTS_PASSWD_FILES_H
#define CREDPOLICY_ACCOUNTS_PASSWD_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "textlines.h"

struct pw_entry {
	char *name, *passwd, *gecos, *home, *shell;
	uint32_t uid, gid;
	unsigned line;
};

/* Numeric shadow fields are -1 when empty. `hash` is a password hash:
 * it is wiped when freed and never printed. */
struct sp_entry {
	char *name, *hash;
	long lastchg, min, max, warn, inactive, expire;
	unsigned line;
};

struct gr_entry {
	char *name;
	uint32_t gid;
	char **members; /* NULL-terminated */
	unsigned line;
};

/* gshadow: name:password:administrators:members */
struct gs_entry {
	char *name;
	int has_password; /* a usable group password is set */
	char **admins, **members;
	unsigned line;
};

struct pw_list {
	struct pw_entry *v;
	size_t n;
};
struct sp_list {
	struct sp_entry *v;
	size_t n;
};
struct gr_list {
	struct gr_entry *v;
	size_t n;
};
struct gs_list {
	struct gs_entry *v;
	size_t n;
};

/* Each parser appends to *out; `file` names the input in messages.
 * Returns 0 or -ENOMEM (and -E2BIG past 1,000,000 entries). */
int passwd_parse(const char *buf, size_t len, const char *file, struct pw_list *out,
                 struct diags *d);
int shadow_parse(const char *buf, size_t len, const char *file, struct sp_list *out,
                 struct diags *d);
int group_parse(const char *buf, size_t len, const char *file, struct gr_list *out,
                struct diags *d);
int gshadow_parse(const char *buf, size_t len, const char *file, struct gs_list *out,
                  struct diags *d);

void pw_list_free(struct pw_list *l);
void sp_list_free(struct sp_list *l);
void gr_list_free(struct gr_list *l);
void gs_list_free(struct gs_list *l);

#endif
