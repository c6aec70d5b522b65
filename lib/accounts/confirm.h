/* Confirming a leak: does a clear password the scanner found open an
 * account? It is hashed with the account's own shadow setting through
 * libxcrypt (crypt_rn) and the result compared in constant time. Every
 * buffer that held the password or the hashing state is wiped.
 *
 * The work is bounded: at most max_calls hash computations and
 * max_seconds of wall time per run (yescrypt at Debian's default cost
 * takes about 10-50 ms, sha512crypt about 1 ms, so the defaults of 1000
 * calls and 30 s cover the common case); past the budget candidates are
 * counted as skipped, never silently dropped. */
#ifndef CREDPOLICY_ACCOUNTS_CONFIRM_H
#define CREDPOLICY_ACCOUNTS_CONFIRM_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define CONFIRM_MAX_CALLS_DEFAULT   1000u
#define CONFIRM_MAX_SECONDS_DEFAULT 30.0

struct crypt_budget {
	unsigned max_calls;
	double max_seconds;
	unsigned calls;   /* hash computations done */
	unsigned skipped; /* candidate checks left undone for lack of budget */
	struct timespec start;
	bool started;
};

void crypt_budget_init(struct crypt_budget *b, unsigned max_calls, double max_seconds);
bool crypt_budget_left(struct crypt_budget *b);

/* 1 when pw (not NUL-terminated, len bytes) hashes to `hash` under its
 * own setting, 0 when not (or the hash is unusable), -ETIME when the
 * budget is spent (counted in b->skipped), -ENOMEM. */
int confirm_password(struct crypt_budget *b, const unsigned char *pw, size_t len, const char *hash);

#endif
