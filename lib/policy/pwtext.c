/* Decoding a candidate password: strict UTF-8, full-width folding (NFKC
 * for U+FF01..U+FF5E and U+3000), a small locale-independent case map and
 * character classes.
 *
 * How characters count (documented in doc/config-reference.md):
 *   - ASCII letters, digits and punctuation/space count as themselves;
 *   - full-width forms count as their ASCII forms (Ｐ is P, １ is 1);
 *   - letters with case in Latin-1, Latin Extended-A, Greek and Cyrillic
 *     count as upper or lower case letters (É upper, ж lower);
 *   - every other code point (CJK, kana, Hangul, non-ASCII digits and
 *     punctuation, emoji...) counts as a symbol, as in pam_pwquality. */
#include "config.h"

#include <string.h>

#include "bytes.h"
#include "policy/checks.h"

size_t utf8_decode_one(const unsigned char *s, size_t len, uint32_t *out)
{
	uint32_t c;
	size_t n, i;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*out = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0; /* continuation byte, C0/C1 overlong lead, F5..FF */
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*out = c;
	return n;
}

size_t utf8_encode_one(uint32_t c, char *out)
{
	return utf8_encode(c, (unsigned char *)out);
}

uint32_t cp_fold_width(uint32_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFEE0;
	if (c == 0x3000)
		return ' ';
	return c;
}

/* Upper-case letter -> its lower case; lower-case or caseless -> itself.
 * *is_lower is set for lower-case letters with an upper-case partner. */
static uint32_t case_map(uint32_t c, int *kind)
{
	*kind = 0; /* 0 caseless, 1 upper, 2 lower */
	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z') {
			*kind = 1;
			return c + 32;
		}
		if (c >= 'a' && c <= 'z')
			*kind = 2;
		return c;
	}
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7) {
		*kind = 1;
		return c + 0x20;
	}
	if (c >= 0xDF && c <= 0xFF && c != 0xF7) {
		*kind = 2;
		return c;
	}
	if (c >= 0x100 && c <= 0x17F) {
		bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
		if (c == 0x130) {
			*kind = 1;
			return 'i';
		}
		if (c == 0x178) {
			*kind = 1;
			return 0xFF;
		}
		if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) {
			*kind = 2;
			return c;
		}
		if ((c % 2 == 1) == odd_upper) {
			*kind = 1;
			return c + 1;
		}
		*kind = 2;
		return c;
	}
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) {
		*kind = 1;
		return c + 0x20;
	}
	if (c == 0x386) {
		*kind = 1;
		return 0x3AC;
	}
	if (c >= 0x388 && c <= 0x38A) {
		*kind = 1;
		return c + 0x25;
	}
	if (c == 0x38C) {
		*kind = 1;
		return 0x3CC;
	}
	if (c == 0x38E || c == 0x38F) {
		*kind = 1;
		return c + 0x3F;
	}
	if (c >= 0x3AC && c <= 0x3CE) {
		*kind = 2;
		return c;
	}
	if (c >= 0x400 && c <= 0x40F) {
		*kind = 1;
		return c + 0x50;
	}
	if (c >= 0x410 && c <= 0x42F) {
		*kind = 1;
		return c + 0x20;
	}
	if (c >= 0x430 && c <= 0x45F) {
		*kind = 2;
		return c;
	}
	if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF)) {
		*kind = c % 2 == 0 ? 1 : 2;
		return c % 2 == 0 ? c + 1 : c;
	}
	return c;
}

uint32_t cp_lower(uint32_t c)
{
	int kind;
	return case_map(c, &kind);
}

unsigned cp_class(uint32_t c)
{
	int kind;

	if (c >= '0' && c <= '9')
		return CLASS_DIGIT;
	case_map(c, &kind);
	if (kind == 1)
		return CLASS_UPPER;
	if (kind == 2)
		return CLASS_LOWER;
	return CLASS_SYMBOL;
}

enum pwtext_status pwtext_decode(struct pwtext *t, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t pos = 0;

	t->n = 0;
	t->lower_len = 0;
	if (len > PW_MAX_BYTES)
		return PWTEXT_TOO_LONG;
	while (pos < len) {
		uint32_t c;
		size_t k = utf8_decode_one(p + pos, len - pos, &c);

		if (k == 0 || c == 0)
			return PWTEXT_INVALID;
		if (t->n == PW_MAX_CP)
			return PWTEXT_TOO_LONG;
		c = cp_fold_width(c);
		t->cp[t->n] = c;
		t->low[t->n] = cp_lower(c);
		t->cls[t->n] = (uint8_t)cp_class(c);
		t->lower_len += utf8_encode_one(t->low[t->n], t->lower + t->lower_len);
		t->n++;
		pos += k;
	}
	t->lower[t->lower_len] = '\0';
	return PWTEXT_OK;
}

size_t utf8_lower(const char *s, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), pos = 0, o = 0;

	if (outlen == 0)
		return 0;
	while (pos < len) {
		uint32_t c;
		char enc[4];
		size_t k = utf8_decode_one(p + pos, len - pos, &c), e;

		if (k == 0) {
			c = p[pos];
			k = 1;
			e = 1;
			enc[0] = (char)c;
		} else {
			e = utf8_encode_one(cp_lower(cp_fold_width(c)), enc);
		}
		if (o + e >= outlen)
			break;
		memcpy(out + o, enc, e);
		o += e;
		pos += k;
	}
	out[o] = '\0';
	return o;
}
