/* Account classification: reason codes, class and disposal action
 * (doc/accounts.md is the reference for every rule here). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/accounts.h"

static const char *const reason_codes[R_COUNT] = {
        [R_UID0_NOT_ROOT] = "uid0_not_root",
        [R_DUPLICATE_UID] = "duplicate_uid",
        [R_DUPLICATE_NAME] = "duplicate_name",
        [R_NONSTANDARD_ENTRY] = "nonstandard_entry",
        [R_EMPTY_PASSWORD] = "empty_password",
        [R_HASH_IN_PASSWD] = "hash_in_passwd",
        [R_CONFIRMED_LEAK] = "confirmed_leak",
        [R_SYSTEM_WITH_PASSWORD] = "system_account_with_password",
        [R_LOGIN_SHELL] = "login_shell",
        [R_AUTHORIZED_KEYS] = "authorized_keys",
        [R_SUDO_RIGHTS] = "sudo_rights",
        [R_LOCKED_WITH_KEYS] = "locked_with_authorized_keys",
        [R_LOCKED_ACCOUNT] = "locked_account",
        [R_SERVICE_ACCOUNT] = "service_account",
        [R_STORAGE_ACCOUNT] = "storage_account",
        [R_OWNS_CREDENTIALS] = "owns_credentials",
        [R_WEAK_HASH_SCHEME] = "weak_hash_scheme",
        [R_LOW_HASH_COST] = "low_hash_cost",
        [R_PASSWORD_EXPIRED] = "password_expired",
        [R_NO_PASSWORD_EXPIRY] = "no_password_expiry",
        [R_NEVER_USED] = "never_used",
};

const char *acct_reason_code(enum acct_reason r)
{
	return r < R_COUNT ? reason_codes[r] : "unknown";
}

const char *acct_class_name(enum acct_class c)
{
	return c == ACCT_HUMAN ? "human" : c == ACCT_SYSTEM ? "system" : "special";
}

static int is_root(const struct account *a)
{
	return a->uid == 0 && strcmp(a->name, "root") == 0;
}

/* A human's UID range, as useradd gives it (login.defs). */
static int human_uid(const struct accounts_db *db, const struct account *a)
{
	return a->uid >= db->ld.uid_min && a->uid <= db->ld.uid_max && a->uid != 65534;
}

static int expired(const struct accounts_db *db, const struct account *a)
{
	return a->expire >= 0 && a->expire <= db->today;
}

/* Locked by an administrator: "!" (usermod -L, passwd -l) or an account
 * expiry date that has passed. */
static int locked(const struct accounts_db *db, const struct account *a)
{
	return a->pwfield[0] == '!' || expired(db, a);
}

/* What passwd -S reports as "L" (and Lynis as a locked account): "!" or
 * "*", or an expired account. */
static int status_locked(const struct accounts_db *db, const struct account *a)
{
	return locked(db, a) || a->pwfield[0] == '*';
}

static int storage_kind(const struct acct_cred *c)
{
	static const char *const words[] = {"storage", "s3",     "aws",  "azure", "gcp",
	                                    "gcs",     "bucket", "blob", "cloud", NULL};
	for (const char *const *w = words; *w; w++)
		if (strstr(c->kind, *w) || (c->category && strstr(c->category, *w)))
			return 1;
	return 0;
}

#define SET(r) (a->reasons |= (uint64_t)1 << (r))
#define HAS(r) ((a->reasons & ((uint64_t)1 << (r))) != 0)

/* What the account is, not what is wrong with it (that is the reasons):
 * special accounts are those beyond the users' own (clause 4(4)) -- a
 * UID-0 alias, an account shared under one UID, a storage account, and
 * a service account: one in the human range that units or system
 * crontabs run as, or one outside it that can be logged in to (a usable
 * or empty password, authorized keys), holds sudo rights or owns
 * credentials. Root is root: a system account. Reasons must be set. */
static bool is_special(const struct accounts_db *db, const struct account *a)
{
	bool in_human_range = human_uid(db, a) && a->login_shell;

	if (is_root(a))
		return false;
	if (a->uid == 0 || a->dup_uid || HAS(R_STORAGE_ACCOUNT) || HAS(R_SERVICE_ACCOUNT))
		return true;
	return !in_human_range && (a->hi.state == PW_USABLE || a->hi.state == PW_EMPTY ||
	                           a->keys > 0 || a->sudo_where != NULL || HAS(R_OWNS_CREDENTIALS));
}

static void reasons_for(const struct accounts_db *db, struct account *a)
{
	int root = is_root(a), human = human_uid(db, a) && a->login_shell;
	int usable = a->hi.state == PW_USABLE;
	int hashed = usable || a->hi.state == PW_LOCKED;

	if (a->uid == 0 && !root)
		SET(R_UID0_NOT_ROOT);
	if (a->dup_uid)
		SET(R_DUPLICATE_UID);
	if (a->dup_name)
		SET(R_DUPLICATE_NAME);
	if (a->irregular)
		SET(R_NONSTANDARD_ENTRY);
	if (a->hi.state == PW_EMPTY)
		SET(R_EMPTY_PASSWORD);
	if (!a->has_shadow && hashed)
		SET(R_HASH_IN_PASSWD);
	if (!human && !root) {
		if (usable)
			SET(R_SYSTEM_WITH_PASSWORD);
		if (a->login_shell)
			SET(R_LOGIN_SHELL);
		if (a->sudo_where)
			SET(R_SUDO_RIGHTS);
	}
	if (!human && a->keys > 0)
		SET(R_AUTHORIZED_KEYS);
	if (a->keys > 0 && locked(db, a))
		SET(R_LOCKED_WITH_KEYS);
	if (human_uid(db, a) && status_locked(db, a))
		SET(R_LOCKED_ACCOUNT);
	if (human_uid(db, a) && a->system_runs)
		SET(R_SERVICE_ACCOUNT);
	for (size_t i = 0; i < a->ncreds; i++) {
		if (!a->creds[i].is_finding)
			continue;
		SET(R_OWNS_CREDENTIALS);
		if (a->creds[i].confirmed)
			SET(R_CONFIRMED_LEAK);
		if (storage_kind(&a->creds[i]))
			SET(R_STORAGE_ACCOUNT);
	}
	if (hashed && a->hi.legacy)
		SET(R_WEAK_HASH_SCHEME);
	if (hashed && a->hi.low_cost)
		SET(R_LOW_HASH_COST);
	if (usable && a->max >= 0 && a->max < 99999 && a->lastchg >= 0 &&
	    db->today > a->lastchg + a->max)
		SET(R_PASSWORD_EXPIRED);
	if (usable && (a->max < 0 || a->max >= 99999))
		SET(R_NO_PASSWORD_EXPIRY);
	if (db->login_records && a->last_login == 0 && a->login_shell &&
	    (usable || a->hi.state == PW_EMPTY || a->keys > 0))
		SET(R_NEVER_USED);
	a->cls = is_special(db, a) ? ACCT_SPECIAL : human ? ACCT_HUMAN : ACCT_SYSTEM;
}

struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_add(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->s == NULL && b->cap == (size_t)-1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (b->len + (size_t)n + 3 > b->cap) {
		size_t nc = (b->len + (size_t)n + 3) * 2;
		char *ns = realloc(b->s, nc);
		if (ns == NULL) {
			free(b->s);
			b->s = NULL;
			b->cap = (size_t)-1;
			return;
		}
		b->s = ns;
		b->cap = nc;
	}
	if (b->len > 0) {
		memcpy(b->s + b->len, "; ", 2);
		b->len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static void list_creds(struct sbuf *b, const struct account *a, const char *prefix, int findings,
                       int confirmed_only)
{
	char line[4096];
	size_t used = 0;
	int n = 0;

	line[0] = '\0';
	for (size_t i = 0; i < a->ncreds; i++) {
		const struct acct_cred *c = &a->creds[i];
		int want = findings ? c->is_finding : strcmp(c->kind, "ssh-authorized-key") == 0;
		int k;

		if (!want || (confirmed_only && !c->confirmed))
			continue;
		if (n == 8) {
			k = snprintf(line + used, sizeof line - used, ", ...");
			used += k > 0 && (size_t)k < sizeof line - used ? (size_t)k : 0;
			break;
		}
		k = c->line > 0 ? snprintf(line + used, sizeof line - used, "%s%s:%ld",
		                           n ? ", " : "", c->path, c->line)
		                : snprintf(line + used, sizeof line - used, "%s%s", n ? ", " : "",
		                           c->path);
		if (k < 0 || (size_t)k >= sizeof line - used)
			break;
		used += (size_t)k;
		n++;
	}
	if (n > 0)
		sb_add(b, "%s%s%s", prefix, line, prefix[strlen(prefix) - 1] == '(' ? ")" : "");
}

static char *action_for(const struct accounts_db *db, const struct account *a)
{
	struct sbuf b = {0};
	const char *n = a->name;

	if (a->reasons == 0)
		return strdup("none");
	if (HAS(R_CONFIRMED_LEAK))
		list_creds(&b, a, "change the password now: it is stored in clear at ", 1, 1);
	if (HAS(R_UID0_NOT_ROOT))
		sb_add(&b, "take UID 0 away from %s (usermod -u NEW_UID %s) or delete it", n, n);
	if (HAS(R_DUPLICATE_UID) && !is_root(a)) /* the other holder moves */
		sb_add(&b, "give %s a UID of its own (usermod -u NEW_UID %s)", n, n);
	if (HAS(R_DUPLICATE_NAME))
		sb_add(&b, "remove the duplicate %s entries (pwck)", n);
	if (HAS(R_NONSTANDARD_ENTRY))
		sb_add(&b,
		       "rewrite /etc/passwd line %u in the standard form (vipw; pwck checks it)",
		       a->passwd_line);
	if (HAS(R_EMPTY_PASSWORD))
		sb_add(&b, "lock the empty password (passwd -l %s)", n);
	if (HAS(R_HASH_IN_PASSWD))
		sb_add(&b, "move the hash into /etc/shadow (pwconv)");
	if (HAS(R_SYSTEM_WITH_PASSWORD))
		sb_add(&b, "lock the password (usermod -L %s)", n);
	if (HAS(R_LOGIN_SHELL))
		sb_add(&b, "set a non-login shell (usermod -s /usr/sbin/nologin %s)", n);
	if (HAS(R_AUTHORIZED_KEYS) || HAS(R_LOCKED_WITH_KEYS))
		list_creds(&b, a, "remove authorized keys (", 0, 0);
	if (HAS(R_SUDO_RIGHTS))
		sb_add(&b, "remove the sudo grant (%s)", a->sudo_where);
	if (HAS(R_OWNS_CREDENTIALS))
		list_creds(&b, a, "revoke at their issuer, then delete, the credentials found at ",
		           1, 0);
	if (HAS(R_SERVICE_ACCOUNT) || (a->cls == ACCT_SPECIAL && a->nruns > 0 && !is_root(a)))
		sb_add(&b, "reassign or stop what runs as %s (%s%s)", n, a->runs[0],
		       a->nruns > 1 ? ", ..." : "");
	if (HAS(R_WEAK_HASH_SCHEME) || HAS(R_LOW_HASH_COST))
		sb_add(&b,
		       "have the password changed so it is re-hashed with yescrypt (passwd -e %s)",
		       n);
	if (HAS(R_PASSWORD_EXPIRED))
		sb_add(&b, "have the expired password changed or the account removed");
	if (HAS(R_NO_PASSWORD_EXPIRY))
		sb_add(&b, "set a maximum password age (chage -M DAYS %s)", n);
	if (a->cls == ACCT_SPECIAL && !is_root(a) && a->uid >= db->ld.uid_min && a->uid != 65534)
		sb_add(&b, "delete the account after data handover (userdel -r %s)", n);
	return b.s ? b.s : strdup("see reasons");
}

void accounts_classify(struct accounts_db *db)
{
	for (size_t i = 0; i < db->n; i++) {
		struct account *a = &db->v[i];
		struct acct_cred c = {0};
		int have = 0;

		for (size_t k = 0; k < a->ncreds; k++)
			have |= strcmp(a->creds[k].kind, "password-hash") == 0 ||
			        strcmp(a->creds[k].kind, "empty-password") == 0;
		if (!have && (a->hi.state == PW_USABLE || a->hi.state == PW_LOCKED ||
		              a->hi.state == PW_EMPTY)) {
			c.kind = a->hi.state == PW_EMPTY ? "empty-password" : "password-hash";
			c.path = a->has_shadow ? "/etc/shadow" : "/etc/passwd";
			c.line = -1;
			account_add_cred(a, &c);
		}
		a->reasons = 0;
		reasons_for(db, a);
		free(a->action);
		a->action = action_for(db, a);
	}
}

size_t accounts_flagged_count(const struct accounts_db *db)
{
	size_t n = 0;

	for (size_t i = 0; i < db->n; i++)
		n += db->v[i].cls == ACCT_SPECIAL || db->v[i].reasons != 0;
	return n;
}

size_t accounts_special_count(const struct accounts_db *db)
{
	size_t n = 0;

	for (size_t i = 0; i < db->n; i++)
		n += db->v[i].cls == ACCT_SPECIAL;
	return n;
}
