#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <nettle/base64.h>

#include "bytes.h"
#include "text_escape.h"

/* The length of the valid UTF-8 sequence at s (1..4) and its code point,
 * or 0 when the bytes there are not one. */
static size_t utf8_seq(const unsigned char *s, uint32_t *cp)
{
	size_t n;
	uint32_t c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	c &= 0x7fu >> n; /* the lead byte's payload */
	min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

bool text_is_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;

	while (*p) {
		size_t n = utf8_seq(p, &cp);
		if (n == 0)
			return false;
		p += n;
	}
	return true;
}

/* Characters a terminal acts on or that reorder the text around them. */
static bool must_escape(uint32_t cp)
{
	return cp < 0x20 || cp == '\\' || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c ||
	       cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* Write the escaped form of s through put (to a FILE or a buffer). */
static void escape_each(const char *s, void (*put)(void *ctx, const char *p, size_t n), void *ctx)
{
	const char *hex = hex_digits[0];
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;

	while (*p) {
		size_t n = utf8_seq(p, &cp);
		if (n > 0 && !must_escape(cp)) {
			put(ctx, (const char *)p, n);
			p += n;
			continue;
		}
		if (n == 0)
			n = 1; /* an invalid byte: escape it alone */
		for (size_t i = 0; i < n; i++) {
			char e[4] = {'\\', 'x', hex[p[i] >> 4], hex[p[i] & 15]};
			put(ctx, e, 4);
		}
		p += n;
	}
}

static void put_file(void *ctx, const char *p, size_t n)
{
	fwrite(p, 1, n, ctx);
}

void text_escape_put(FILE *fp, const char *s)
{
	escape_each(s, put_file, fp);
}

struct buf {
	char *p;
	size_t len, cap; /* cap excludes the NUL */
};

/* Whole pieces only, so an escape is never cut in half. */
static void put_buf(void *ctx, const char *p, size_t n)
{
	struct buf *b = ctx;

	if (n > b->cap - b->len) {
		b->cap = b->len; /* full: drop the rest */
		return;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

char *text_escape(const char *s)
{
	size_t cap = strlen(s) * 4; /* at most 4 bytes per byte */
	struct buf b = {malloc(cap + 1), 0, cap};

	if (b.p == NULL)
		return NULL;
	escape_each(s, put_buf, &b);
	b.p[b.len] = '\0';
	return b.p;
}

const char *text_escape_buf(const char *s, char *buf, size_t size)
{
	struct buf b = {buf, 0, size - 1};

	escape_each(s, put_buf, &b);
	buf[b.len] = '\0';
	return buf;
}

char *text_base64(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(BASE64_ENCODE_RAW_LENGTH(n) + 1);

	if (out == NULL)
		return NULL;
	base64_encode_raw(out, n, (const uint8_t *)s);
	out[BASE64_ENCODE_RAW_LENGTH(n)] = '\0';
	return out;
}

void text_json_add_name(struct json_object *o, const char *key, const char *name)
{
	char bytes_key[64];
	char *esc, *raw;

	if (text_is_utf8(name)) {
		json_object_object_add(o, key, json_object_new_string(name));
		return;
	}
	esc = text_escape(name);
	raw = text_base64(name);
	snprintf(bytes_key, sizeof bytes_key, "%s_bytes", key);
	json_object_object_add(o, key, esc != NULL ? json_object_new_string(esc) : NULL);
	json_object_object_add(o, bytes_key, raw != NULL ? json_object_new_string(raw) : NULL);
	free(esc);
	free(raw);
}
