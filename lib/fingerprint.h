/* How a secret is shown: a redacted form and a fingerprint, never clear.
 *
 * The fingerprint is "hmac:" and the first 32 hex digits (128 bits) of
 * HMAC-SHA-256(key, "credpolicy-fingerprint-v2\0" || secret), under a key
 * kept on this installation (fingerprint_key.h): stable across scans and
 * baselines here, useless for testing guesses anywhere the key is not. */
#ifndef CREDPOLICY_FINGERPRINT_H
#define CREDPOLICY_FINGERPRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FINGERPRINT_PREFIX     "hmac:"
#define FINGERPRINT_HEX_DIGITS 32
#define FINGERPRINT_LEN        (sizeof FINGERPRINT_PREFIX - 1 + FINGERPRINT_HEX_DIGITS + 1)
#define REDACTED_LEN           32

/* The unkeyed form earlier versions wrote; recognised only to say so. */
#define FINGERPRINT_OLD_PREFIX "sha256:"

/* Key bytes accepted by fingerprint_key_set(). */
#define FINGERPRINT_KEY_MIN 16
#define FINGERPRINT_KEY_MAX 1024

/* Use this key for every later fingerprint (copied; wipe yours). Call it
 * before starting threads. Without it, a process uses a random key of its
 * own: fingerprints are then stable only within that process. Returns 0 or
 * -EINVAL for a length outside FINGERPRINT_KEY_MIN..MAX. */
int fingerprint_key_set(const void *key, size_t len);

void secret_fingerprint(const void *secret, size_t len, char out[FINGERPRINT_LEN]);

/* Is s a fingerprint of the current form ("hmac:" + 32 lower-case hex)? */
bool fingerprint_valid(const char *s);

/* "ci***(20)": the first two characters only for secrets of 16 or more
 * bytes (both printable ASCII); shorter ones show "***(N)". N counts
 * bytes. */
void secret_redact(const void *secret, size_t len, char out[REDACTED_LEN]);

#endif
