#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/confirm.h"
#include "secure.h"

void crypt_budget_init(struct crypt_budget *b, unsigned max_calls, double max_seconds)
{
	memset(b, 0, sizeof *b);
	b->max_calls = max_calls;
	b->max_seconds = max_seconds;
}

static double elapsed(const struct crypt_budget *b)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - b->start.tv_sec) +
	       (double)(now.tv_nsec - b->start.tv_nsec) / 1e9;
}

bool crypt_budget_left(struct crypt_budget *b)
{
	if (!b->started) {
		clock_gettime(CLOCK_MONOTONIC, &b->start);
		b->started = true;
	}
	return b->calls < b->max_calls && elapsed(b) < b->max_seconds;
}

/* Equal strings, in time that depends only on the lengths. */
static int consttime_streq(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), n = la > lb ? la : lb;
	volatile unsigned char diff = (unsigned char)(la != lb);

	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)((i < la ? a[i] : 0) ^ (i < lb ? b[i] : 0));
	return diff == 0;
}

int confirm_password(struct crypt_budget *b, const unsigned char *pw, size_t len, const char *hash)
{
	struct crypt_data *cd;
	char *copy, *out;
	int match;

	if (len == 0 || len >= CRYPT_MAX_PASSPHRASE_SIZE || memchr(pw, '\0', len) != NULL)
		return 0;
	if (!crypt_budget_left(b)) {
		b->skipped++;
		return -ETIME;
	}
	copy = secure_strndup((const char *)pw, len);
	cd = calloc(1, sizeof *cd); /* 32 KiB: too big for the stack */
	if (copy == NULL || cd == NULL) {
		secure_free_str(copy);
		free(cd);
		return -ENOMEM;
	}
	b->calls++;
	out = crypt_rn(copy, hash, cd, (int)sizeof *cd);
	/* NULL or a "*" failure token never counts as a match */
	match = out != NULL && out[0] != '*' && consttime_streq(out, hash);
	secure_free(cd, sizeof *cd);
	secure_free_str(copy);
	return match;
}
