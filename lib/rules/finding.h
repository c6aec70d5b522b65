/* A finding of the credential scanner (clause 3(1)⑤ and friends).
 *
 * The secret is only ever held in memory, in `secret`, long enough to
 * fingerprint, redact and (for confirmed-leak checks) try against shadow
 * hashes; every output uses the redacted form and the fingerprint. */
#ifndef CREDPOLICY_FINDING_H
#define CREDPOLICY_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fingerprint.h"

enum severity { SEV_INFO, SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL };

struct finding {
	const char *rule;     /* rule id, e.g. "cisco-type7" */
	const char *category; /* e.g. "network-device", "client-store", "server-config" */
	const char *clause;   /* e.g. "3(1)⑤" */
	const char *description;
	enum severity severity;
	const char *path;            /* file, or "archive.tar.gz!inner/file", or the device */
	long line;                   /* 1-based; -1 when unknown (raw devices) */
	uint64_t offset;             /* byte offset of the match in the file/device/member */
	const char *account;         /* user the secret belongs to, if known, else NULL */
	const char *note;            /* e.g. "reversible: Cisco type 7 decodes to the password" */
	const char *context;         /* "config", "code", "doc", "store", "device", "binary" */
	bool weak;                   /* a known-weak or default value: severity raised */
	bool recoverable;            /* the stored form yields the clear password */
	bool confirmed;              /* the secret opens a live account (credaudit accounts) */
	const unsigned char *secret; /* in memory only; NEVER output */
	size_t secret_len;
	char redacted[REDACTED_LEN];
	char fingerprint[FINGERPRINT_LEN];
};

const char *severity_name(enum severity s);

#endif
