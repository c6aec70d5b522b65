/* Password -> digest, as the HIBP downloads computed them: SHA-1 of the
 * UTF-8 bytes, or NTLM = MD4 of the UTF-16LE encoding. */
#include "config.h"

#include <errno.h>
#include <nettle/md4.h>
#include <nettle/sha1.h>

#include "breach/breach_index.h"
#include "secure.h"

const char *breach_hash_name(enum breach_hash hash)
{
	switch (hash) {
	case BREACH_HASH_SHA1:
		return "sha1";
	case BREACH_HASH_NTLM:
		return "ntlm";
	}
	return "unknown";
}

/* Decode one UTF-8 sequence at s[*i]; returns the code point or -1 when the
 * bytes are not well-formed UTF-8 (overlong forms, surrogates and values
 * above U+10FFFF are rejected, as RFC 3629 requires). */
static long utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char c = s[*i];
	long cp;
	size_t need, k;

	if (c < 0x80) {
		(*i)++;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		cp = c & 0x07;
	} else {
		return -1;
	}
	if (len - *i <= need)
		return -1;
	for (k = 1; k <= need; k++) {
		unsigned char cc = s[*i + k];
		if ((cc & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (cc & 0x3F);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*i += need + 1;
	return cp;
}

static int ntlm(const char *password, size_t len, uint8_t out[16])
{
	const unsigned char *s = (const unsigned char *)password;
	struct md4_ctx ctx;
	uint8_t buf[128];
	size_t i = 0, n = 0;
	int ret = 0;

	md4_init(&ctx);
	while (i < len) {
		long cp = utf8_next(s, len, &i);
		if (cp < 0) {
			ret = -EILSEQ;
			break;
		}
		if (cp >= 0x10000) {
			unsigned long v = (unsigned long)cp - 0x10000;
			unsigned hi = 0xD800 | (unsigned)(v >> 10),
			         lo = 0xDC00 | (unsigned)(v & 0x3FF);
			buf[n++] = (uint8_t)hi;
			buf[n++] = (uint8_t)(hi >> 8);
			buf[n++] = (uint8_t)lo;
			buf[n++] = (uint8_t)(lo >> 8);
		} else {
			buf[n++] = (uint8_t)cp;
			buf[n++] = (uint8_t)(cp >> 8);
		}
		if (n > sizeof buf - 4) {
			md4_update(&ctx, n, buf);
			n = 0;
		}
	}
	if (ret == 0) {
		md4_update(&ctx, n, buf);
		md4_digest(&ctx, MD4_DIGEST_SIZE, out);
	}
	secure_wipe(buf, sizeof buf);
	secure_wipe(&ctx, sizeof ctx);
	return ret;
}

int breach_hash_password(enum breach_hash hash, const char *password, size_t len, uint8_t out[20],
                         size_t *outlen)
{
	struct sha1_ctx ctx;
	int ret;

	switch (hash) {
	case BREACH_HASH_SHA1:
		sha1_init(&ctx);
		sha1_update(&ctx, len, (const uint8_t *)password);
		sha1_digest(&ctx, SHA1_DIGEST_SIZE, out);
		secure_wipe(&ctx, sizeof ctx);
		*outlen = SHA1_DIGEST_SIZE;
		return 0;
	case BREACH_HASH_NTLM:
		ret = ntlm(password, len, out);
		if (ret == 0)
			*outlen = MD4_DIGEST_SIZE;
		return ret;
	}
	return -EINVAL;
}
