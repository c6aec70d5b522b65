#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bytes.h"
#include "secure.h"

#include "rules/decoders/decode_util.h"

int decoded_reject(struct decoded *d)
{
	decoded_wipe(d);
	return -EINVAL;
}

int decoded_set_secret(struct decoded *d, const void *secret, size_t len)
{
	if (len == 0 || len > sizeof d->secret)
		return -EINVAL;
	memcpy(d->secret, secret, len);
	d->secret_len = len;
	d->recoverable = true;
	return 0;
}

int decoded_take_text(struct decoded *d, unsigned char *buf, size_t bufsize, size_t n)
{
	int rc = -EINVAL;

	/* "echo user:pw | base64" encodes the line break too: not the secret's */
	while (n > 0 && n <= bufsize && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	if (n <= bufsize && printable_text(buf, n))
		rc = decoded_set_secret(d, buf, n);
	secure_wipe(buf, bufsize);
	return rc < 0 ? decoded_reject(d) : 0;
}

/* Cut s (of size n, NUL-terminated) so it does not end inside a UTF-8
 * sequence that snprintf() truncated. */
static void utf8_trim(char *s, size_t n)
{
	size_t len = strnlen(s, n);
	size_t i = len, need;
	unsigned char lead;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	lead = (unsigned char)s[i - 1];
	if (lead < 0x80)
		return;
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
	if (len - (i - 1) < need)
		s[i - 1] = '\0';
}

void decoded_note(struct decoded *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->note, sizeof d->note, fmt, ap);
	va_end(ap);
	utf8_trim(d->note, sizeof d->note);
}

int decoded_verdict(struct decoded *d, enum severity sev, const char *scheme, const char *note)
{
	d->severity = sev;
	decoded_scheme(d, scheme);
	decoded_note(d, "%s", note);
	return 0;
}

void decoded_scheme(struct decoded *d, const char *scheme)
{
	snprintf(d->scheme, sizeof d->scheme, "%s", scheme);
}

bool decoded_account(struct decoded *d, const void *name, size_t n)
{
	if (n == 0 || n >= sizeof d->account || !printable_text(name, n))
		return false;
	memcpy(d->account, name, n);
	d->account[n] = '\0';
	return true;
}

enum severity hash_strength_severity(enum hash_strength s)
{
	switch (s) {
	case HASH_WEAK:
		return SEV_HIGH;
	case HASH_ACCEPTABLE:
		return SEV_MEDIUM;
	case HASH_STRONG:
		return SEV_LOW;
	case HASH_UNKNOWN:
		break;
	}
	return SEVERITY_KEEP;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

void trim_value(const unsigned char **in, size_t *len)
{
	const unsigned char *p = *in;
	size_t n = *len;

	while (n > 0 && is_space(p[0])) {
		p++;
		n--;
	}
	while (n > 0 && is_space(p[n - 1]))
		n--;
	if (n >= 2 && (p[0] == '"' || p[0] == '\'') && p[n - 1] == p[0]) {
		p++;
		n -= 2;
	}
	*in = p;
	*len = n;
}

bool printable_text(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] < 0x20 || p[i] == 0x7f)
			return false;
	return true;
}

bool crypt_letters(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];

		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      c == '.' || c == '/'))
			return false;
	}
	return true;
}

int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int base64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

ssize_t base64_decode_buf(const unsigned char *in, size_t len, unsigned char *out, size_t outlen)
{
	unsigned long acc = 0;
	size_t bits = 0, n = 0, sextets = 0, pad = 0;

	for (size_t i = 0; i < len; i++) {
		int v;

		if (is_space(in[i]))
			continue;
		if (in[i] == '=') {
			pad++;
			continue;
		}
		if (pad > 0) /* data after padding */
			return -EINVAL;
		v = base64_value(in[i]);
		if (v < 0)
			return -EINVAL;
		acc = (acc << 6) | (unsigned long)v;
		bits += 6;
		sextets++;
		if (bits >= 8) {
			bits -= 8;
			if (n >= outlen)
				return -EINVAL;
			out[n++] = (unsigned char)(acc >> bits);
			acc &= (1UL << bits) - 1;
		}
	}
	/* A lone sextet cannot encode a byte; padding must complete a quad. */
	if (sextets % 4 == 1 || pad > 2 || (pad > 0 && (sextets + pad) % 4 != 0))
		return -EINVAL;
	return (ssize_t)n;
}

const unsigned char *find_ci(const unsigned char *p, size_t len, const char *needle)
{
	size_t m = strlen(needle);

	if (m == 0 || m > len)
		return NULL;
	for (size_t i = 0; i + m <= len; i++)
		if (strncasecmp((const char *)p + i, needle, m) == 0)
			return p + i;
	return NULL;
}

ssize_t utf16le_to_utf8(const unsigned char *in, size_t len, unsigned char *out, size_t outlen)
{
	size_t n = 0;

	if (len % 2 != 0)
		return -EINVAL;
	for (size_t i = 0; i < len; i += 2) {
		unsigned long c = (unsigned long)in[i] | (unsigned long)in[i + 1] << 8;

		if (c >= 0xD800 && c <= 0xDBFF) { /* a surrogate pair */
			unsigned long lo;
			if (i + 3 >= len)
				return -EINVAL;
			lo = (unsigned long)in[i + 2] | (unsigned long)in[i + 3] << 8;
			if (lo < 0xDC00 || lo > 0xDFFF)
				return -EINVAL;
			c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		} else if ((c >= 0xDC00 && c <= 0xDFFF) || c == 0) {
			return -EINVAL;
		}
		{
			unsigned char u8[4];
			size_t k = utf8_encode((uint32_t)c, u8);
			if (outlen - n < k)
				return -EINVAL;
			memcpy(out + n, u8, k);
			secure_wipe(u8, sizeof u8);
			n += k;
		}
	}
	return (ssize_t)n;
}
