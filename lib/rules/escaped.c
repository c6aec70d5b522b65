/* Strings of text with escapes, and their decoding (escaped.h). */
#include "config.h"

#include <string.h>

#include "rules/escaped.h"
#include "bytes.h"

/* A string opened at b[open], on a line that ends at eol: the offset of
 * its closing quote, or where it stops being one (the line's end, max
 * bytes), with *text set when it holds text of its own: a second line (an
 * escaped line break with more after it), two escaped line breaks, or two
 * escaped quotes. */
static size_t string_end(const unsigned char *b, size_t eol, size_t open, size_t max, bool *text)
{
	size_t k = open + 1, nl = 0, q = 0;
	size_t stop = eol - open > max ? open + max : eol;
	bool second = false;

	while (k < stop && b[k] != '"') {
		if (b[k] == '\\' && k + 1 < eol) {
			if (b[k + 1] == 'n') {
				nl++;
				second |= k + 2 < stop && b[k + 2] != '"';
			}
			q += b[k + 1] == '"';
			k += 2;
		} else {
			k++;
		}
	}
	*text = second || nl >= 2 || q >= 2;
	/* max bytes and no closing quote: too long (the quote at stop closes
	 * it unless an escape ran past stop) */
	return k > stop || (k == stop && (stop == eol || b[k] != '"')) ? eol : k;
}

void escaped_reader_init(struct escaped_reader *r, const unsigned char *b, size_t len,
                         bool mid_line)
{
	const unsigned char *nl = mid_line && len > 0 ? memchr(b, '\n', len) : NULL;

	r->b = b;
	r->len = len;
	r->pos = !mid_line ? 0 : nl != NULL ? (size_t)(nl - b) + 1 : len;
	r->eol = 0;
	r->bol = r->pos;
}

bool escaped_next(struct escaped_reader *r, size_t from, size_t until, size_t max,
                  struct escaped_string *out)
{
	const unsigned char *b = r->b;
	size_t len = r->len, j = r->pos;

	if (until > len)
		until = len;
	while (j < until) {
		if (r->eol <= j) {
			/* only a line with a backslash can hold one: the next
			 * such line, from its start (j is outside any string) */
			const unsigned char *bs = memchr(b + j, '\\', len - j), *nl, *e;
			if (bs == NULL)
				break;
			nl = memrchr(b + j, '\n', (size_t)(bs - b) - j);
			j = nl != NULL ? (size_t)(nl - b) + 1 : j;
			r->bol = j;
			e = memchr(bs, '\n', len - (size_t)(bs - b));
			r->eol = e != NULL ? (size_t)(e - b) : len;
			if (j >= until)
				break;
		}
		/* the line, string by string */
		while (j < r->eol && j < until) {
			const unsigned char *q = memchr(b + j, '"', r->eol - j);
			size_t k;
			bool text;

			if (q == NULL) {
				j = r->eol;
				break;
			}
			j = (size_t)(q - b);
			if (j >= until)
				break;
			k = string_end(b, r->eol, j, max, &text);
			if (k >= r->eol || b[k] != '"') {
				j = r->eol; /* not closed on its line */
				break;
			}
			if (text && k > from) {
				out->open = j;
				out->close = k;
				out->line = r->bol;
				r->pos = k + 1;
				return true;
			}
			j = k + 1;
		}
		if (j >= r->eol)
			j = r->eol + 1;
		else
			break; /* at until */
	}
	r->pos = len;
	return false;
}

/* The value of four hex digits at s, or -1. */
static int hex4(const unsigned char *s)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		if (hex_value[s[i]] < 0)
			return -1;
		v = v * 16 + hex_value[s[i]];
	}
	return v;
}

size_t escaped_decode(const unsigned char *s, size_t n, unsigned char *out, uint32_t *at)
{
	static const char from[] = "nrtbf/\\\"", to[] = "\n\r\t\b\f/\\\"";
	size_t i = 0, o = 0;

	while (i < n) {
		size_t used = 1, w = 1;
		const char *e;

		if (s[i] != '\\' || i + 1 >= n) {
			out[o] = s[i];
		} else if (s[i + 1] != '\0' && (e = strchr(from, s[i + 1])) != NULL) {
			out[o] = (unsigned char)to[e - from];
			used = 2;
		} else if (s[i + 1] == 'u' && i + 6 <= n && hex4(s + i + 2) >= 0) {
			uint32_t cp = (uint32_t)hex4(s + i + 2);
			used = 6;
			if (cp >= 0xd800 && cp < 0xdc00 && i + 12 <= n && s[i + 6] == '\\' &&
			    s[i + 7] == 'u' && hex4(s + i + 8) >= 0xdc00 &&
			    hex4(s + i + 8) < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     ((uint32_t)hex4(s + i + 8) - 0xdc00);
				used = 12;
			} else if (cp >= 0xd800 && cp < 0xe000) {
				cp = 0xfffd;
			}
			w = utf8_encode(cp, out + o);
		} else {
			out[o] = s[i]; /* "\x": not JSON's; the backslash stays */
		}
		for (size_t k = 0; k < w; k++)
			at[o + k] = (uint32_t)i;
		o += w;
		i += used;
	}
	return o;
}
