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

enum acct_class { ACCT_HUMAN, ACCT_SYSTEM, ACCT_SPECIAL };

/* Stable reason codes (doc/accounts.md); the order is the output order. */
enum acct_reason {
	R_UID0_NOT_ROOT,
	R_DUPLICATE_UID,
	R_DUPLICATE_NAME,
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
	char *pwfield; /* effective password field (shadow, or passwd if no "x"); wiped */
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

struct accounts_db {
	struct rootfs root;
	struct login_defs ld;
	struct account *v;
	size_t n;
	struct gr_list groups;
	struct diags diags;
	bool login_records; /* lastlog, wtmp, lastlog2 or wtmpdb was read */
	long today;         /* days since the epoch, for password aging */
};

/* Read every source under root (NULL = "/"). Fatal only when passwd
 * cannot be read; other problems go to db->diags. Returns 0 or -errno
 * with err filled. */
int accounts_load(struct accounts_db **out, const char *root, char *err, size_t errlen);
void accounts_free(struct accounts_db *db);

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

/* Count of special accounts. */
size_t accounts_special_count(const struct accounts_db *db);

/* Outputs: one JSON object per line (DESIGN.md), or text for people. */
int accounts_write_json(const struct accounts_db *db, FILE *out);
int accounts_write_text(const struct accounts_db *db, FILE *out);
/* One account as JSON text (malloc'd), as in the JSON lines output. */
char *account_json(const struct account *a);

#endif
