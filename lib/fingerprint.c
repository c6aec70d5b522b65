#include "config.h"

#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "bytes.h"
#include "fingerprint.h"
#include "secure.h"

static const char domain[] = "credpolicy-fingerprint-v1";

void secret_fingerprint(const void *secret, size_t len, char out[FINGERPRINT_LEN])
{
	struct sha256_ctx ctx;
	unsigned char digest[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, sizeof domain, (const uint8_t *)domain);
	sha256_update(&ctx, len, secret);
	sha256_digest(&ctx, sizeof digest, digest);
	memcpy(out, "sha256:", 7);
	hex_encode(digest, 8, out + 7);
	secure_wipe(&ctx, sizeof ctx);
	secure_wipe(digest, sizeof digest);
}

void secret_redact(const void *secret, size_t len, char out[REDACTED_LEN])
{
	const unsigned char *s = secret;
	char lead[3] = "";

	if (len >= 8 && s[0] >= 0x21 && s[0] < 0x7f && s[1] >= 0x21 && s[1] < 0x7f) {
		lead[0] = (char)s[0];
		lead[1] = (char)s[1];
	}
	snprintf(out, REDACTED_LEN, "%s***(%zu)", lead, len);
	secure_wipe(lead, sizeof lead);
}
