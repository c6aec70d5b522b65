/* The accounts inventory of a root file system (clause 4(4)): every
 * account from passwd/shadow with what it can log in with, what it is
 * allowed to do, what runs as it and which credentials belong to it,
 * classified human, system or special, with stable reason codes and the
 * disposal action to take. */
#ifndef CREDPOLICY_ACCOUNTS_ACCOUNTS_H
#define CREDPOLICY_ACCOUNTS_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "accounts/hash_info.h"
#include "accounts/login_defs.h"
#include "accounts/passwd_files.h"
#include "rootfs.h"
#include "accounts/sudoers.h"
#include "textlines.h"
#include "fingerprint.h"

/* What an account is (classify.c says how it is decided); what is wrong
 * with it is in its reasons. */
enum acct_class { ACCT_HUMAN, ACCT_SYSTEM, ACCT_SPECIAL };

/* Stable reason codes (doc/accounts.md); the order is the output order. */
enum acct_reason {
	R_UID0_NOT_ROOT,
	R_DUPLICATE_UID,
	R_DUPLICATE_NAME,
	R_NONSTANDARD_ENTRY,
	R_EMPTY_PASSWORD,
	R_HASH_IN_PASSWD,
	R_CONFIRMED_LEAK,
	R_SYSTEM_WITH_PASSWORD,
	R_LOGIN_SHELL,
	R_AUTHORIZED_KEYS,
	R_SUDO_RIGHTS,
	R_LOCKED_WITH_KEYS,
	R_LOCKED_ACCOUNT,
	R_SERVICE_ACCOUNT,
	R_STORAGE_ACCOUNT,
	R_OWNS_CREDENTIALS,
	R_WEAK_HASH_SCHEME,
	R_LOW_HASH_COST,
	R_PASSWORD_EXPIRED,
	R_NO_PASSWORD_EXPIRY,
	R_NEVER_USED,
	R_COUNT
};

const char *acct_reason_code(enum acct_reason r);
const char *acct_class_name(enum acct_class c);

/* A credential that belongs to an account. For secrets the scanner
 * found, only the redacted form and fingerprint are kept. */
struct acct_cred {
	char *kind; /* "password-hash", "ssh-authorized-key", or a scanner rule id */
	char *path; /* in-root path */
	long line;  /* 1-based, or -1 */
	char *category;
	bool is_finding, confirmed;
	char redacted[REDACTED_LEN];
	char fingerprint[FINGERPRINT_LEN];
};

struct account {
	char *name, *home, *shell;
	uint32_t uid, gid;
	unsigned passwd_line;
	bool irregular;         /* a line glibc reads but pwck would not write */
	bool dup_uid, dup_name; /* another account has the same UID / name */
	char *pwfield;          /* effective password field (shadow, or passwd if no "x"); wiped */
	struct hash_info hi;
	bool has_shadow;
	long lastchg, max, expire; /* shadow aging, -1 if empty */
	bool login_shell;
	unsigned keys;    /* authorized keys found */
	char *sudo_where; /* "FILE:LINE" of the grant, or NULL */
	char **runs;      /* "unit NAME (FILE:LINE)" / "cron FILE:LINE", NULL-terminated */
	size_t nruns;
	bool system_runs; /* named in a unit or a system crontab */
	int last_login;   /* -1 unknown (no login records), 0 never, 1 logged in */
	uint64_t reasons; /* 1 << enum acct_reason */
	enum acct_class cls;
	struct acct_cred *creds;
	size_t ncreds;
	char *action;
};

/* A group, for sudo's %group grants. */
struct acct_group {
	char *name;
	uint32_t gid;
	char **members; /* NULL-terminated */
};

/* What the inventory must show besides the accounts: a line of an account
 * file that the system ignores, a NIS compat line, and a source that
 * could not be read (the audit is then incomplete). */
enum source_problem { SRC_IGNORED_LINE, SRC_COMPAT_LINE, SRC_UNREADABLE };

struct source_finding {
	enum source_problem kind;
	char *path;
	unsigned line; /* 0: the whole file */
	char *detail;
};

#define SOURCE_FINDINGS_MAX 10000 /* kept; the rest are counted */

struct account_index {
	size_t *slot; /* account number + 1, 0 = empty */
	size_t mask;  /* capacity - 1 (a power of two) */
};

struct accounts_db {
	struct rootfs root;
	struct login_defs ld;
	struct account *v;
	size_t n;
	struct account_index by_name, by_uid;
	struct acct_group *groups;
	size_t ngroups;
	struct source_finding *src;
	size_t nsrc, src_dropped;
	bool incomplete; /* something that could hold accounts or their access was not read */
	struct diags diags;
	bool login_records; /* lastlog, wtmp, lastlog2 or wtmpdb was read */
	long today;         /* days since the epoch, for password aging */
};

/* Read every source under root (NULL = "/"). Fatal only when passwd
 * cannot be read; sources that cannot be read are source findings (the
 * audit is incomplete), other problems go to db->diags. Returns 0 or
 * -errno with err filled. */
int accounts_load(struct accounts_db **out, const char *root, char *err, size_t errlen);
void accounts_free(struct accounts_db *db);

/* Build the by-name and by-UID indexes and mark shared names and UIDs
 * (account_index.c). Returns 0 or -ENOMEM. */
int accounts_index(struct accounts_db *db);
void account_index_free(struct account_index *ix);

/* Note a source finding (kept up to SOURCE_FINDINGS_MAX); SRC_UNREADABLE
 * makes the audit incomplete. */
void accounts_source_finding(struct accounts_db *db, enum source_problem kind, const char *path,
                             unsigned line, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));
const char *source_problem_code(enum source_problem kind);

/* The first account of that name or UID (as getpwnam()/getpwuid()). */
struct account *accounts_by_name(struct accounts_db *db, const char *name);
struct account *accounts_by_uid(struct accounts_db *db, uint32_t uid);
/* The account whose home directory holds the in-root path (longest match;
 * homes "/" and the nonexistent ones never match), or NULL. */
struct account *accounts_by_home(struct accounts_db *db, const char *path);

/* Add a credential to an account. Returns 0 or -ENOMEM. */
int account_add_cred(struct account *a, const struct acct_cred *c);

/* Decide reasons, class and action for every account. Call after all
 * credentials are attached. */
void accounts_classify(struct accounts_db *db);

/* Count of special accounts (clause 4(4)), and of accounts that are
 * special or have any reason. */
size_t accounts_special_count(const struct accounts_db *db);
size_t accounts_flagged_count(const struct accounts_db *db);

/* Outputs: one JSON object per line (DESIGN.md), or text for people. */
int accounts_write_json(const struct accounts_db *db, FILE *out);
int accounts_write_text(const struct accounts_db *db, FILE *out);
/* The source findings as a JSON array (json-c), for the report. */
struct json_object *accounts_source_json(const struct accounts_db *db);
/* One account as JSON text (malloc'd), as in the JSON lines output. */
char *account_json(const struct account *a);

#endif
