/* Parsers for /etc/passwd, /etc/shadow, /etc/group and /etc/gshadow
 * (passwd(5), shadow(5), group(5), gshadow(5)) that accept and refuse
 * exactly the lines glibc's nss_files does (colon_file.h says how), so an
 * account the system logs in is never missed: "bd6:x:0:0::/root" (an
 * empty shell is /bin/sh), extra fields, a trailing colon, a UID "+0" or
 * " 0". Entries stream to a callback; a line glibc skips goes to another
 * callback with its line number and why, never silently away.
 *
 * Strings point into the reader's current record and live until the
 * callback returns. NIS compat lines ("+", "+name", "-name") are entries
 * with compat set, as glibc returns them; their other strings are NULL
 * where glibc's are. */
#ifndef CREDPOLICY_ACCOUNTS_PASSWD_FILES_H
#define CREDPOLICY_ACCOUNTS_PASSWD_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accounts/colon_file.h"

struct pw_entry {
	const char *name, *passwd, *gecos, *home, *shell;
	uint32_t uid, gid;
	unsigned line;
	bool compat;
	bool irregular; /* not the 7 fields with plain numbers pwck expects */
};

/* Numeric shadow fields are -1 when empty; `hash` is a password hash:
 * never print it. */
struct sp_entry {
	const char *name, *hash;
	long lastchg, min, max, warn, inactive, expire;
	unsigned long flag;
	unsigned line;
	bool compat, irregular;
};

struct gr_entry {
	const char *name, *passwd;
	uint32_t gid;
	char **members; /* NULL-terminated */
	unsigned line;
	bool compat, irregular;
};

/* gshadow: name:password:administrators:members */
struct gs_entry {
	const char *name, *passwd;
	char **admins, **members; /* admins is NULL on compat lines */
	unsigned line;
	bool compat, irregular;
};

/* Where the entries go. entry() returns 0 to go on or -errno to stop;
 * refused() hears of each line glibc skips (why: what is wrong) and of
 * each line too long to read. */
struct colon_sink {
	int (*entry)(void *ctx, const void *entry);
	void (*refused)(void *ctx, unsigned line, const char *why);
	void *ctx;
};

/* Read every record. Returns 0, or -errno from reading, from memory or
 * from the sink. */
int passwd_read(struct colon_reader *r, const struct colon_sink *s);
int shadow_read(struct colon_reader *r, const struct colon_sink *s);
int group_read(struct colon_reader *r, const struct colon_sink *s);
int gshadow_read(struct colon_reader *r, const struct colon_sink *s);

/* One record (modified in place): 1 when glibc reads it as an entry, 0
 * when it skips it (*why says why), -ENOMEM. Entries of group and
 * gshadow hold vectors: release them with the matching _clear(). */
int passwd_record(char *rec, struct pw_entry *e, const char **why);
int shadow_record(char *rec, struct sp_entry *e, const char **why);
int group_record(char *rec, struct gr_entry *e, const char **why);
int gshadow_record(char *rec, struct gs_entry *e, const char **why);
void gr_entry_clear(struct gr_entry *e);
void gs_entry_clear(struct gs_entry *e);

#endif
