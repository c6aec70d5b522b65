/* How a secret is shown: a redacted form and a fingerprint, never clear.
 *
 * The fingerprint is "sha256:" and the first 16 hex digits (64 bits) of
 * SHA-256("credpolicy-fingerprint-v1\0" || secret): enough to recognise the
 * same secret across scans and baselines, too short to be a useful oracle
 * and domain-separated from any password hash. */
#ifndef CREDPOLICY_FINGERPRINT_H
#define CREDPOLICY_FINGERPRINT_H

#include <stddef.h>

#define FINGERPRINT_LEN 24 /* "sha256:" + 16 hex + NUL */
#define REDACTED_LEN    32

void secret_fingerprint(const void *secret, size_t len, char out[FINGERPRINT_LEN]);

/* "ci***(5)": at most the first two characters, and only for secrets of 8
 * or more bytes; shorter ones show "***(N)". N counts bytes. */
void secret_redact(const void *secret, size_t len, char out[REDACTED_LEN]);

#endif
