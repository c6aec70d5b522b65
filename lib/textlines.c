#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textlines.h"

void line_iter_init(struct line_iter *it, const char *buf, size_t len)
{
	it->p = buf;
	it->end = buf + len;
	it->lineno = 0;
}

bool line_next(struct line_iter *it, const char **s, size_t *len)
{
	const char *nl;
	size_t n;

	if (it->p >= it->end)
		return false;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	n = nl ? (size_t)(nl - it->p) : (size_t)(it->end - it->p);
	*s = it->p;
	*len = n > 0 && it->p[n - 1] == '\r' ? n - 1 : n;
	it->p += nl ? n + 1 : n;
	it->lineno++;
	return true;
}

void diag_add(struct diags *d, const char *file, unsigned line, const char *fmt, ...)
{
	char text[512], *m;
	char **nv;
	va_list ap;
	int k;

	if (d == NULL)
		return;
	if (d->n >= DIAG_MAX) {
		d->dropped++;
		return;
	}
	k = line > 0 ? snprintf(text, sizeof text, "%s:%u: ", file, line)
	             : snprintf(text, sizeof text, "%s: ", file);
	if (k < 0 || (size_t)k >= sizeof text)
		k = 0;
	va_start(ap, fmt);
	vsnprintf(text + k, sizeof text - (size_t)k, fmt, ap);
	va_end(ap);
	m = strdup(text);
	nv = realloc(d->msg, (d->n + 1) * sizeof *nv);
	if (m == NULL || nv == NULL) {
		free(m);
		if (nv != NULL)
			d->msg = nv;
		d->dropped++;
		return;
	}
	d->msg = nv;
	d->msg[d->n++] = m;
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->msg[i]);
	free(d->msg);
	d->msg = NULL;
	d->n = d->dropped = 0;
}

char *strndup_trim(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return strndup(s, len);
}

char *str_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

size_t split_fields(const char *s, size_t len, char sep, const char **f, size_t *fl, size_t max)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == sep) {
			if (n < max) {
				f[n] = s + start;
				fl[n] = i - start;
			}
			n++;
			start = i + 1;
		}
	}
	return n;
}

bool parse_ulong(const char *s, size_t len, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (len == 0 || len > 20)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (v > (max - (unsigned long)(s[i] - '0')) / 10)
			return false;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	*out = v;
	return true;
}

int array_grow(void **v, size_t n, size_t size, size_t max)
{
	void *nv;

	if (n >= max)
		return -E2BIG;
	if (n != 0 && (n < 8 || (n & (n - 1)) != 0))
		return 0;
	nv = realloc(*v, (n ? n * 2 : 8) * size);
	if (nv == NULL)
		return -ENOMEM;
	*v = nv;
	return 0;
}

int strv_push(char ***v, size_t *n, const char *s)
{
	char **nv = realloc(*v, (*n + 2) * sizeof **v);

	if (nv == NULL)
		return -ENOMEM;
	*v = nv;
	nv[*n] = strdup(s);
	if (nv[*n] == NULL)
		return -ENOMEM;
	nv[++*n] = NULL;
	return 0;
}

void strv_free(char **v)
{
	if (v == NULL)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}
