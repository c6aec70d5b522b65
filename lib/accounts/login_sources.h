/* Small readers for the other places an account shows up: its
 * authorized_keys, crontabs (per user and system-wide), systemd units
 * that run as it (User=), and the records of logins. */
#ifndef CREDPOLICY_ACCOUNTS_LOGIN_SOURCES_H
#define CREDPOLICY_ACCOUNTS_LOGIN_SOURCES_H

#include <stddef.h>
#include <stdint.h>

#include "textlines.h"

/* authorized_keys (sshd(8) AUTHORIZED_KEYS FILE FORMAT) */
struct ak_summary {
	unsigned keys;         /* key lines */
	unsigned with_options; /* keys with options (from=, command=, ...) */
	unsigned unparsed;     /* non-comment lines with no known key type */
};
void authorized_keys_summarize(const char *buf, size_t len, struct ak_summary *s);

/* crontabs: a user's crontab (owner given, no user field) or a system
 * crontab (/etc/crontab, /etc/cron.d/\*: owner NULL, the sixth field names
 * the user). Each job line is appended as (user, file, line). */
struct cron_entry {
	char *user, *file;
	unsigned line;
};
struct cron_list {
	struct cron_entry *v;
	size_t n;
};
int crontab_parse(const char *buf, size_t len, const char *file, const char *owner,
                  struct cron_list *out, struct diags *d);
void cron_list_free(struct cron_list *l);

/* A systemd unit file: the last User= of its [Service] section, malloc'd
 * into *user (NULL when none), with its line. Returns 0 or -ENOMEM. */
int unit_user_parse(const char *buf, size_t len, char **user, unsigned *line);

/* lastlog: records of struct lastlog (32-bit time, 32-byte line, 256-byte
 * host) indexed by UID. *t gets the last login time, 0 if never. Returns
 * 0, or -ENOENT when the file holds no record for uid, or -errno. */
#define LASTLOG_RECORD_SIZE 292
int lastlog_time(int fd, uint32_t uid, long long *t);

/* The other records of logins, each calling seen(ctx, user) for every
 * login of a user it holds (a user may come several times):
 *  - wtmp (utmp(5) records, /var/log/wtmp and its rotation): USER_PROCESS
 *    records; a trailing partial record is ignored. Returns 0 or -errno.
 *  - lastlog2 (util-linux; SQLite, /var/lib/lastlog/lastlog2.db): rows of
 *    Lastlog2 with a time. Returns 0, or -EINVAL when img is not one.
 *  - wtmpdb (SQLite, /var/lib/wtmpdb/wtmp.db): wtmp rows of type
 *    USER_PROCESS. Returns 0, or -EINVAL when img is not one.
 * Debian 13 records logins in lastlog2 and wtmpdb instead of lastlog. */
typedef void (*login_seen_fn)(void *ctx, const char *user);
int wtmp_logins(int fd, login_seen_fn seen, void *ctx);
int lastlog2_logins(const unsigned char *img, size_t len, login_seen_fn seen, void *ctx);
int wtmpdb_logins(const unsigned char *img, size_t len, login_seen_fn seen, void *ctx);

#endif
