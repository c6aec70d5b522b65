#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include <nettle/hmac.h>

#include "bytes.h"
#include "fingerprint.h"
#include "secure.h"

#define REDACT_LEAD_MIN 16 /* shorter secrets show no character at all */

static const char domain[] = "credpolicy-fingerprint-v2";

/* The keyed HMAC state, set once before any fingerprint is taken. */
static struct hmac_sha256_ctx keyed;
static int key_is_set;
static pthread_once_t ephemeral_once = PTHREAD_ONCE_INIT;

int fingerprint_key_set(const void *key, size_t len)
{
	if (len < FINGERPRINT_KEY_MIN || len > FINGERPRINT_KEY_MAX)
		return -EINVAL;
	hmac_sha256_set_key(&keyed, len, key);
	key_is_set = 1;
	return 0;
}

/* No key given: a random one for this process, so a fingerprint is never
 * unkeyed. If the kernel has no randomness to give, the key stays as
 * getrandom() left it plus the address of this state (never reached on
 * Linux after boot). */
static void ephemeral_key(void)
{
	uint8_t key[32] = {0};
	uintptr_t salt = (uintptr_t)&keyed;

	if (key_is_set)
		return;
	if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key)
		memcpy(key, &salt, sizeof salt);
	fingerprint_key_set(key, sizeof key);
	secure_wipe(key, sizeof key);
}

void secret_fingerprint(const void *secret, size_t len, char out[FINGERPRINT_LEN])
{
	const size_t plen = sizeof FINGERPRINT_PREFIX - 1;
	struct hmac_sha256_ctx ctx;
	unsigned char digest[SHA256_DIGEST_SIZE];

	pthread_once(&ephemeral_once, ephemeral_key);
	ctx = keyed;
	hmac_sha256_update(&ctx, sizeof domain, (const uint8_t *)domain);
	hmac_sha256_update(&ctx, len, secret);
	hmac_sha256_digest(&ctx, sizeof digest, digest);
	memcpy(out, FINGERPRINT_PREFIX, plen);
	hex_encode(digest, FINGERPRINT_HEX_DIGITS / 2, out + plen);
	out[FINGERPRINT_LEN - 1] = '\0';
	secure_wipe(&ctx, sizeof ctx);
	secure_wipe(digest, sizeof digest);
}

bool fingerprint_valid(const char *s)
{
	const size_t plen = sizeof FINGERPRINT_PREFIX - 1;

	if (strlen(s) != FINGERPRINT_LEN - 1 || strncmp(s, FINGERPRINT_PREFIX, plen) != 0)
		return false;
	for (s += plen; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

void secret_redact(const void *secret, size_t len, char out[REDACTED_LEN])
{
	const unsigned char *s = secret;
	char lead[3] = "";

	if (len >= REDACT_LEAD_MIN && s[0] >= 0x21 && s[0] < 0x7f && s[1] >= 0x21 && s[1] < 0x7f) {
		lead[0] = (char)s[0];
		lead[1] = (char)s[1];
	}
	snprintf(out, REDACTED_LEN, "%s***(%zu)", lead, len);
	secure_wipe(lead, sizeof lead);
}
