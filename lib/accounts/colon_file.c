#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accounts/colon_file.h"
#include "secure.h"

#define CHUNK 65536

/* isspace() in the C locale, whatever the caller's locale is. */
static bool c_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool c_digit(char c)
{
	return c >= '0' && c <= '9';
}

void colon_reader_mem(struct colon_reader *r, const char *buf, size_t len)
{
	memset(r, 0, sizeof *r);
	r->fd = -1;
	r->src = buf;
	r->len = len;
}

int colon_reader_fd(struct colon_reader *r, int fd)
{
	memset(r, 0, sizeof *r);
	r->fd = fd;
	r->chunk = malloc(CHUNK);
	return r->chunk ? 0 : -ENOMEM;
}

void colon_reader_free(struct colon_reader *r)
{
	if (r->chunk != NULL)
		secure_free(r->chunk, CHUNK);
	if (r->line != NULL)
		secure_free(r->line, r->cap);
	r->chunk = r->line = NULL;
	r->cap = 0;
}

/* 1 when bytes are waiting, 0 at the end, -errno. */
static int refill(struct colon_reader *r)
{
	ssize_t n;

	if (r->pos < r->len)
		return 1;
	if (r->fd < 0)
		return 0;
	do
		n = read(r->fd, r->chunk, CHUNK);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	r->src = r->chunk;
	r->len = (size_t)n;
	r->pos = 0;
	return n > 0;
}

/* Room for need bytes in r->line; the old buffer is wiped. */
static int reserve(struct colon_reader *r, size_t need)
{
	size_t cap = r->cap ? r->cap : 256;
	char *n;

	if (need <= r->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	n = malloc(cap);
	if (n == NULL)
		return -ENOMEM;
	if (r->line != NULL) {
		memcpy(n, r->line, r->cap);
		secure_free(r->line, r->cap);
	}
	r->line = n;
	r->cap = cap;
	return 0;
}

/* One line with its "\n" (what fgets() gives) into r->line. Returns 1,
 * 0 at the end, -EFBIG when longer than the bound (read past), -errno. */
static int read_line(struct colon_reader *r)
{
	size_t used = 0;
	bool got = false, too_long = false;
	int rc;

	while ((rc = refill(r)) > 0) {
		const char *s = r->src + r->pos;
		size_t avail = r->len - r->pos;
		const char *nl = memchr(s, '\n', avail);
		size_t take = nl ? (size_t)(nl - s) + 1 : avail;

		got = true;
		r->pos += take;
		if (!too_long && used + take > COLON_LINE_MAX)
			too_long = true;
		if (!too_long) {
			if ((rc = reserve(r, used + take + 1)) != 0)
				return rc;
			memcpy(r->line + used, s, take);
			used += take;
		}
		if (nl != NULL)
			break;
	}
	if (rc < 0)
		return rc;
	if (!got)
		return 0;
	if (too_long)
		return -EFBIG;
	if ((rc = reserve(r, used + 1)) != 0)
		return rc;
	r->line[used] = '\0';
	return 1;
}

int colon_next(struct colon_reader *r, char **rec)
{
	for (;;) {
		char *b, *p, *nl;
		int rc = read_line(r);

		if (rc == 0 || (rc < 0 && rc != -EFBIG))
			return rc;
		r->lineno++;
		if (rc < 0)
			return rc;
		b = p = r->line;
		while (c_space(*p))
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		/* glibc moves the text without its NUL (see the header) */
		if (p != b)
			memmove(b, p, strlen(p));
		nl = strchr(b, '\n');
		if (nl != NULL)
			*nl = '\0';
		*rec = b;
		return 1;
	}
}

char *colon_string(char **cur)
{
	char *start = *cur, *p = start;

	while (*p != '\0' && *p != ':')
		p++;
	if (*p != '\0')
		*p++ = '\0';
	*cur = p;
	return start;
}

/* strtoul(s, &end, 10) of a 64-bit C library, in the C locale: white
 * space, a sign, digits; ULONG_MAX on overflow; *end = s when no digit. */
static unsigned long c_strtoul(const char *s, const char **end)
{
	const char *p = s;
	unsigned long v = 0;
	bool neg = false, overflow = false;

	while (c_space(*p))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!c_digit(*p)) {
		*end = s;
		return 0;
	}
	for (; c_digit(*p); p++) {
		unsigned long d = (unsigned long)(*p - '0');
		if (v > (ULONG_MAX - d) / 10)
			overflow = true;
		else
			v = v * 10 + d;
	}
	*end = p;
	if (overflow)
		return ULONG_MAX;
	return neg ? -v : v;
}

bool colon_number(char **cur, uint32_t *v)
{
	const char *end;
	unsigned long n = c_strtoul(*cur, &end);

	if (end == *cur || n > 0xffffffffUL)
		return false;
	if (*end == ':')
		end++;
	else if (*end != '\0')
		return false;
	*v = (uint32_t)n;
	*cur += end - *cur;
	return true;
}

int colon_number_or(char **cur, bool last, uint32_t *v)
{
	const char *end;
	unsigned long n;
	int got;

	if (**cur == '\0')
		return -1; /* the record may not end before this field */
	n = c_strtoul(*cur, &end);
	got = end != *cur;
	if (got && n > 0xffffffffUL)
		return -1;
	if (!last && *end == ':')
		end++;
	else if (*end != '\0')
		return -1;
	if (got)
		*v = (uint32_t)n;
	*cur += end - *cur;
	return got;
}

char **colon_list(char **cur, char terminator)
{
	char *line = *cur;
	char **v = calloc(strlen(line) / 2 + 2, sizeof *v), **p = v;

	if (v == NULL)
		return NULL;
	while (*line != '\0') {
		char *elt;

		if (*line == terminator) {
			line++;
			break;
		}
		while (c_space(*line))
			line++;
		elt = line;
		while (*line != '\0' && *line != terminator && *line != ',')
			line++;
		if (line > elt)
			*p++ = elt;
		if (*line != '\0') {
			char endc = *line;
			*line++ = '\0';
			if (endc == terminator)
				break;
		}
	}
	*p = NULL;
	*cur = line;
	return v;
}

bool colon_plain_field(const char *cur)
{
	const char *p = cur;

	while (c_digit(*p))
		p++;
	return p > cur && (*p == ':' || *p == '\0');
}

size_t colon_count(const char *rec)
{
	size_t n = 0;

	for (; *rec != '\0'; rec++)
		n += *rec == ':';
	return n;
}
