#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "accounts/sshd_config.h"

#define MAX_ARGS    64
#define MAX_MATCHES 10000

/* Split a line into words: blanks separate, "..." quotes, the first
 * word may end in "=". Returns the count, or -1 on an unclosed quote and
 * -2 when out of memory (nothing left allocated then). */
static int split_words(const char *s, size_t len, char **w, int max)
{
	size_t i = 0;
	int n = 0, err = 0;

	while (n < max) {
		size_t st;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || (n == 1 && s[i] == '=')))
			i++;
		if (i >= len)
			break;
		if (s[i] == '"') {
			st = ++i;
			while (i < len && s[i] != '"')
				i++;
			if (i >= len) {
				err = -1;
				break;
			}
			w[n] = strndup(s + st, i - st);
			i++;
		} else {
			st = i;
			while (i < len && s[i] != ' ' && s[i] != '\t' && !(n == 0 && s[i] == '='))
				i++;
			w[n] = strndup(s + st, i - st);
		}
		if (w[n] == NULL) {
			err = -2;
			break;
		}
		n++;
		if (n == 1 && i < len && s[i] == '=')
			i++;
	}
	if (err != 0)
		while (n > 0)
			free(w[--n]);
	return err != 0 ? err : n;
}

static char **dup_args(char **w, int n)
{
	char **v = calloc((size_t)n + 1, sizeof *v);

	if (v == NULL)
		return NULL;
	for (int i = 0; i < n; i++) {
		v[i] = strdup(w[i]);
		if (v[i] == NULL) {
			while (i-- > 0)
				free(v[i]);
			free(v);
			return NULL;
		}
	}
	return v;
}

static char *join_args(char **w, int from, int n)
{
	size_t len = 1;
	char *s;

	for (int i = from; i < n; i++)
		len += strlen(w[i]) + 1;
	s = malloc(len);
	if (s == NULL)
		return NULL;
	s[0] = '\0';
	for (int i = from; i < n; i++) {
		if (i > from)
			strcat(s, " ");
		strcat(s, w[i]);
	}
	return s;
}

static int one_line(struct sshd_config *c, char **w, int n, const char *file, unsigned line,
                    sshd_include_fn include, void *ctx, struct diags *d)
{
	const char *kw = w[0];

	if (strcasecmp(kw, "Include") == 0) {
		if (n < 2)
			diag_add(d, file, line, "Include without a file name; ignored");
		for (int i = 1; i < n; i++) {
			int err = include ? include(ctx, w[i], file, line) : 0;
			if (err)
				return err;
		}
		return 0;
	}
	if (strcasecmp(kw, "Match") == 0) {
		struct sshd_match *m;
		int err;

		if (n >= 2 && strcasecmp(w[1], "all") == 0 && n == 2) {
			c->in_match = 0; /* "Match all" ends conditional settings */
			return 0;
		}
		err = array_grow((void **)&c->matches, c->nmatches, sizeof *c->matches,
		                 MAX_MATCHES);
		if (err)
			return err;
		m = &c->matches[c->nmatches];
		memset(m, 0, sizeof *m);
		c->nmatches++;
		m->file = strdup(file);
		m->line = line;
		m->criteria = join_args(w, 1, n);
		c->in_match = 1;
		return m->file && m->criteria ? 0 : -ENOMEM;
	}
	if (strcasecmp(kw, "AuthorizedKeysFile") == 0) {
		char ***dst;

		if (n < 2) {
			diag_add(d, file, line, "AuthorizedKeysFile without a value; ignored");
			return 0;
		}
		dst = c->in_match ? &c->matches[c->nmatches - 1].akf : &c->akf;
		if (*dst == NULL && (*dst = dup_args(w + 1, n - 1)) == NULL)
			return -ENOMEM;
		return 0;
	}
	if (c->in_match)
		return 0;
	if (strcasecmp(kw, "PermitRootLogin") == 0 && n >= 2 && c->permit_root_login == NULL)
		return (c->permit_root_login = strdup(w[1])) ? 0 : -ENOMEM;
	if (strcasecmp(kw, "PasswordAuthentication") == 0 && n >= 2 &&
	    c->password_authentication == NULL)
		return (c->password_authentication = strdup(w[1])) ? 0 : -ENOMEM;
	return 0;
}

int sshd_config_parse(const char *buf, size_t len, const char *file, struct sshd_config *c,
                      sshd_include_fn include, void *ctx, struct diags *d)
{
	struct line_iter it;
	const char *s;
	size_t sl;
	int err = 0;

	line_iter_init(&it, buf, len);
	while (err == 0 && line_next(&it, &s, &sl)) {
		char *w[MAX_ARGS];
		int n;

		while (sl > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			sl--;
		}
		if (sl == 0 || *s == '#')
			continue;
		n = split_words(s, sl, w, MAX_ARGS);
		if (n == -1) {
			diag_add(d, file, it.lineno, "unclosed quote; line ignored");
			continue;
		}
		if (n < 0)
			return -ENOMEM;
		if (n > 0)
			err = one_line(c, w, n, file, it.lineno, include, ctx, d);
		for (int i = 0; i < n; i++)
			free(w[i]);
	}
	return err;
}

void sshd_config_free(struct sshd_config *c)
{
	strv_free(c->akf);
	free(c->permit_root_login);
	free(c->password_authentication);
	for (size_t i = 0; i < c->nmatches; i++) {
		free(c->matches[i].file);
		free(c->matches[i].criteria);
		strv_free(c->matches[i].akf);
	}
	free(c->matches);
	memset(c, 0, sizeof *c);
}

char *sshd_expand_akf(const char *pattern, const char *user, const char *home, unsigned long uid)
{
	char uidbuf[24], *out, *o, *full;
	size_t need = 1;

	if (strcasecmp(pattern, "none") == 0)
		return NULL;
	snprintf(uidbuf, sizeof uidbuf, "%lu", uid);
	for (const char *p = pattern; *p; p++)
		need += *p == '%' ? strlen(home) + strlen(user) + sizeof uidbuf : 1;
	out = o = malloc(need);
	if (out == NULL)
		return NULL;
	for (const char *p = pattern; *p; p++) {
		if (*p != '%' || p[1] == '\0') {
			*o++ = *p;
			continue;
		}
		p++;
		if (*p == '%')
			*o++ = '%';
		else if (*p == 'h')
			o += sprintf(o, "%s", home);
		else if (*p == 'u')
			o += sprintf(o, "%s", user);
		else if (*p == 'U')
			o += sprintf(o, "%s", uidbuf);
		else { /* unknown token: kept literally */
			*o++ = '%';
			*o++ = *p;
		}
	}
	*o = '\0';
	if (out[0] == '/')
		return out;
	/* sshd takes a relative path from the user's home directory. */
	full = malloc(strlen(home) + strlen(out) + 2);
	if (full != NULL)
		sprintf(full, "%s/%s", home, out);
	free(out);
	return full;
}
