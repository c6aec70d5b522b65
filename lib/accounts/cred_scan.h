/* Stored credentials on a root file system, joined to the accounts they
 * belong to: the shared scanner (scan/scan.h: its walker, reader and
 * archive reader) runs over in-root paths, each finding is attached to its
 * owner (the user the rule names, else the account whose home holds it,
 * else the file's non-root owner), and clear passwords, archive members'
 * too, are tried against the shadow hashes of the accounts they could
 * open (confirm.h), through the scanner's secret hook. A match marks the
 * finding confirmed and critical, and raises a "confirmed_leak" event
 * through the leak hooks with the finding's path:line, never the secret. */
#ifndef CREDPOLICY_ACCOUNTS_CRED_SCAN_H
#define CREDPOLICY_ACCOUNTS_CRED_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accounts/accounts.h"
#include "accounts/confirm.h"
#include "rules/finding.h"
#include "events/leak_event.h"

/* A finding kept for reports: no secret, only its redacted form. */
struct found_cred {
	char *rule, *category, *clause, *path, *account;
	long line;
	uint64_t offset;
	enum severity severity;
	bool confirmed, backup;
	char redacted[REDACTED_LEN];
	char fingerprint[FINGERPRINT_LEN];
};

#define CANDIDATES_MAX 16 /* accounts tried for a secret that names none */

struct cred_scan {
	struct accounts_db *db;
	struct rule_set *rules;
	struct scan_engine *engine;
	struct scan_scratch *scratch;
	struct crypt_budget budget;
	const char *hooks_dir; /* NULL: raise no events */
	int hook_timeout;      /* seconds; 0: LEAK_HOOK_TIMEOUT_DEFAULT */
	leak_log_fn log;       /* hook runs and refusals, for the caller to log */
	void *log_ctx;
	size_t max_file; /* bytes read per file; larger files are counted */
	struct found_cred *v;
	size_t n;
	size_t files, skipped_files, confirmed, events_failed, archives;
	uint64_t bytes;
	/* current scan root while scanning */
	const char *cur_path;   /* in-root path (or the device) */
	const char *cur_host;   /* what the scanner walks; NULL: devices */
	bool raw;               /* scanning a device: no lines, no owner */
	const char *cur_device; /* for the caller's sample callback */
	void *tried;            /* (fingerprint, account) pairs already hashed */
	size_t ntried;
	struct diags *diags; /* db->diags, or own_diags without a db */
	struct diags own_diags;
};

/* Load rules from dirs (NULL-terminated; NULL: rule_set_load_default())
 * and build the engine; db may be
 * NULL (devices only: findings are kept, not attached or confirmed).
 * Returns 0 or -errno with err filled. */
int cred_scan_init(struct cred_scan *cs, struct accounts_db *db, const char *const *rule_dirs,
                   char *err, size_t errlen);
void cred_scan_free(struct cred_scan *cs);

/* Scan an in-root file or directory tree. Missing paths are fine;
 * unreadable ones go to db->diags. Returns 0 or -ENOMEM. */
int cred_scan_path(struct cred_scan *cs, const char *path);

/* The default places: every home, /root, /etc (without passwd, shadow,
 * group, gshadow themselves), /srv, /opt, /var/backups, /var/www,
 * /usr/local/etc, /var/spool/cron. */
int cred_scan_defaults(struct cred_scan *cs);

/* Raw data: one block of a device (label names the device), or a whole
 * device read in chunks. Findings have no line. Return 0 or -errno. */
int cred_scan_buffer(struct cred_scan *cs, const char *label, const unsigned char *buf, size_t len,
                     uint64_t offset);
int cred_scan_device(struct cred_scan *cs, const char *path);

/* Forget the findings from index n on. */
void cred_scan_truncate(struct cred_scan *cs, size_t n);

/* Is an in-root path a backup copy (/etc/shadow-, /var/backups/...)? */
bool cred_path_is_backup(const char *path);

#endif
