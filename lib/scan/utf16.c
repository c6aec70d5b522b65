/* UTF-16 text read as UTF-8 (utf16.h). */
#include "config.h"

#include <string.h>

#include "bytes.h"
#include "scan/utf16.h"
#include "secure.h"

bool utf16_bom(const unsigned char *b, size_t n, bool *big)
{
	if (n < 2 || !((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
		return false;
	/* FF FE 00 00 is UTF-32's mark */
	if (b[0] == 0xFF && n >= 4 && b[2] == 0 && b[3] == 0)
		return false;
	*big = b[0] == 0xFE;
	return true;
}

void utf16_source_init(struct utf16_source *u, struct byte_source *src, const unsigned char *head,
                       size_t headlen, bool big, uint64_t cap)
{
	memset(u, 0, sizeof *u);
	u->src = src;
	u->head = head;
	u->headlen = headlen;
	u->big = big;
	u->pushed = -1;
	u->offset = 2;
	u->cap = cap;
}

/* The next raw byte, or -1 at the end (or an error, kept in u->err). */
static int next_byte(struct utf16_source *u)
{
	if (u->cap > 0 && u->offset >= u->cap)
		return -1;
	if (u->headpos < u->headlen) {
		u->offset++;
		return u->head[u->headpos++];
	}
	if (u->rawpos == u->rawlen) {
		uint64_t hole = 0;
		ssize_t n;

		if (u->eof)
			return -1;
		/* a hole of a sparse file holds no text: skipped, as the
		 * scanner skips it in any file */
		do {
			n = u->src->read(u->src->ctx, u->raw, sizeof u->raw, &hole);
			u->offset += hole;
		} while (n == 0 && hole > 0);
		if (n <= 0) {
			u->eof = true;
			if (n < 0)
				u->err = (int)n;
			return -1;
		}
		u->rawlen = (size_t)n;
		u->rawpos = 0;
	}
	u->offset++;
	return u->raw[u->rawpos++];
}

/* The next 16-bit unit, or -1 at the end (an odd last byte is dropped). */
static long next_unit(struct utf16_source *u)
{
	int a, b;

	if (u->pushed >= 0) {
		long v = u->pushed;
		u->pushed = -1;
		return v;
	}
	a = next_byte(u);
	b = a < 0 ? -1 : next_byte(u);
	if (b < 0)
		return -1;
	return u->big ? (long)(a << 8 | b) : (long)(b << 8 | a);
}

ssize_t utf16_source_read(void *ctx, unsigned char *buf, size_t len, uint64_t *hole)
{
	struct utf16_source *u = ctx;
	size_t n = 0;

	*hole = 0;
	while (n < len) {
		long c;

		if (u->outpos < u->outlen) {
			buf[n++] = u->out[u->outpos++];
			continue;
		}
		c = next_unit(u);
		if (c < 0)
			break;
		if (c >= 0xD800 && c <= 0xDBFF) {
			long lo = next_unit(u);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
			} else {
				u->pushed = (int)lo; /* read again on its own */
				c = 0xFFFD;
			}
		} else if (c >= 0xDC00 && c <= 0xDFFF) {
			c = 0xFFFD;
		}
		u->outlen = utf8_encode((uint32_t)c, u->out);
		u->outpos = 0;
	}
	if (u->outpos == u->outlen) { /* a character of a secret, maybe */
		secure_wipe(u->out, sizeof u->out);
		u->outlen = u->outpos = 0;
	}
	if (n == 0 && u->err < 0) {
		int e = u->err;
		u->err = 0;
		return e;
	}
	return (ssize_t)n;
}
