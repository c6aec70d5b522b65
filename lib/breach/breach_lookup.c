/* breach_lookup_stream(): `credpolicy breach lookup` over a stream of
 * passwords or digests, one per line, in bounded memory. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "breach/breach_files.h"
#include "bytes.h"
#include "i18n.h"
#include "secure.h"

/* Lines of a stream read through one buffer; both hold passwords and are
 * wiped by the caller. */
struct reader {
	char buf[65536];
	size_t pos, len;
	int fd, eof;
};

/* Refill r->buf: 1 with data, 0 at the end, -errno on a read error. */
static int refill(struct reader *r)
{
	for (;;) {
		ssize_t k = read(r->fd, r->buf, sizeof r->buf);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k == 0) {
			r->eof = 1;
			return 0;
		}
		r->pos = 0;
		r->len = (size_t)k;
		return 1;
	}
}

/* Read one line into line (without the newline, without a final CR).
 * Returns its length, -1 at the end of input, -2 if longer than
 * BREACH_LOOKUP_MAX_LINE (the rest is consumed), -3 on a read error. */
static ssize_t read_line(struct reader *r, char *line)
{
	size_t n = 0;
	int too_long = 0, got = 0;

	for (;;) {
		char *nl;
		size_t seg, take;
		if (r->pos == r->len) {
			int k = r->eof ? 0 : refill(r);
			if (k < 0)
				return -3;
			if (k == 0)
				break;
		}
		got = 1;
		nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		seg = (nl != NULL ? (size_t)(nl - r->buf) : r->len) - r->pos;
		take = seg <= BREACH_LOOKUP_MAX_LINE - n ? seg : BREACH_LOOKUP_MAX_LINE - n;
		if (take < seg)
			too_long = 1;
		memcpy(line + n, r->buf + r->pos, take);
		n += take;
		r->pos += seg;
		if (nl != NULL) {
			r->pos++; /* the newline */
			break;
		}
	}
	if (!got && n == 0)
		return -1;
	if (too_long)
		return -2;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	return (ssize_t)n;
}

/* A hex digest line (HIBP style, :count allowed): 1 and out filled, or 0. */
static int parse_hex_digest(const char *s, size_t len, size_t dlen, uint8_t *out)
{
	if (len < 2 * dlen || (len > 2 * dlen && s[2 * dlen] != ':'))
		return 0;
	return hex_decode(s, dlen, out);
}

struct lookup {
	const struct breach_index *ix;
	enum breach_hash hash;
	bool hashed;
	breach_warn_fn warn;
	void *warn_arg;
	unsigned long long lineno;
};

static void say(const struct lookup *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(const struct lookup *l, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	l->warn(l->warn_arg, msg);
}

/* Look up one line: 1 found, 0 absent, or 2 after an error. */
static int lookup_line(struct lookup *l, char *line, size_t n)
{
	uint8_t digest[20];
	int r;

	if (l->hashed) {
		size_t dlen = l->hash == BREACH_HASH_SHA1 ? 20 : 16;
		if (!parse_hex_digest(line, n, dlen, digest)) {
			say(l, _("standard input:%llu: not a %zu-hex-digit %s digest"), l->lineno,
			    2 * dlen, breach_hash_name(l->hash));
			return 2;
		}
		r = breach_index_lookup_digest(l->ix, digest, dlen);
	} else {
		r = breach_index_lookup(l->ix, line, n);
		secure_wipe(line, n);
	}
	if (r == -EILSEQ) {
		say(l, _("standard input:%llu: not valid UTF-8, so it has no NTLM hash"),
		    l->lineno);
		return 0;
	}
	if (r < 0) {
		say(l, _("standard input:%llu: the index is damaged (%s); rebuild it"), l->lineno,
		    strerror(-r));
		return 2;
	}
	return r == 1;
}

/* Every line of rd: the exit status. */
static int lookup_lines(struct lookup *l, struct reader *rd, char *line, FILE *out)
{
	int found = 0;

	for (;;) {
		ssize_t n = read_line(rd, line);
		int r;
		if (n == -1)
			break;
		l->lineno++;
		if (n == -3) {
			say(l, _("standard input: read error: %s"), strerror(errno));
			return 2;
		}
		if (n == -2) {
			say(l, _("standard input:%llu: longer than %d bytes; not looked up"),
			    l->lineno, BREACH_LOOKUP_MAX_LINE);
			fputs("ABSENT\n", out);
			found = 2;
			continue;
		}
		r = lookup_line(l, line, (size_t)n);
		if (r == 2)
			return 2;
		if (r == 1 && found == 0)
			found = 1;
		fputs(r == 1 ? "FOUND\n" : "ABSENT\n", out);
	}
	return found;
}

int breach_lookup_stream(const char *path, unsigned flags, bool hashed, int fd, FILE *out,
                         breach_warn_fn warn, void *warn_arg)
{
	struct breach_index *ix;
	struct breach_index_info in;
	struct lookup l = {NULL, 0, hashed, warn, warn_arg, 0};
	struct reader *rd;
	char *line, err[512];
	int ret;

	if (breach_index_open_flags(path, flags, &ix, err, sizeof err) < 0) {
		warn(warn_arg, err);
		return 2;
	}
	breach_index_info(ix, &in);
	l.ix = ix;
	l.hash = in.hash;
	rd = calloc(1, sizeof *rd);
	line = malloc(BREACH_LOOKUP_MAX_LINE + 1);
	if (rd == NULL || line == NULL) {
		say(&l, "%s", _("out of memory"));
		ret = 2;
	} else {
		rd->fd = fd;
		ret = lookup_lines(&l, rd, line, out);
	}
	if (fflush(out) != 0)
		ret = 2;
	if (rd != NULL)
		secure_wipe(rd, sizeof *rd);
	free(rd);
	secure_free(line, BREACH_LOOKUP_MAX_LINE + 1);
	breach_index_close(ix);
	return ret;
}
