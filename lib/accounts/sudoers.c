#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/sudoers.h"

#define MAX_ITEMS   100000
#define LOGICAL_MAX 65536
#define ALIAS_DEPTH 16

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Cut a comment: "#" at the start of a word, unless it is "#123" (a UID). */
static size_t strip_comment(const char *s, size_t len)
{
	int quoted = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			continue;
		}
		if (!quoted && s[i] == '#' && (i == 0 || is_blank(s[i - 1]) || s[i - 1] == ',') &&
		    !(i + 1 < len && isdigit((unsigned char)s[i + 1])))
			return i;
	}
	return len;
}

static int add_spec(struct sudoers *s, const char *who, size_t wl, const char *file, unsigned line)
{
	struct sudo_spec *e;
	int err = array_grow((void **)&s->specs, s->nspecs, sizeof *s->specs, MAX_ITEMS);

	if (err)
		return err;
	e = &s->specs[s->nspecs];
	e->who = strndup(who, wl);
	e->file = strdup(file);
	e->line = line;
	s->nspecs++;
	return e->who && e->file ? 0 : -ENOMEM;
}

/* Read a comma-separated list starting at *pos, stopping at the first
 * blank not followed by a comma (or at stop, if non-zero). Calls add for
 * each item. */
static int read_list(const char *l, size_t len, size_t *pos, char stop,
                     int (*add)(void *, const char *, size_t), void *ctx)
{
	size_t i = *pos;
	int err;

	for (;;) {
		size_t st;

		while (i < len && is_blank(l[i]))
			i++;
		st = i;
		while (i < len && !is_blank(l[i]) && l[i] != ',' && l[i] != stop)
			i++;
		if (i > st && (err = add(ctx, l + st, i - st)) != 0)
			return err;
		while (i < len && is_blank(l[i]))
			i++;
		if (i < len && l[i] == ',') {
			i++;
			continue;
		}
		break;
	}
	*pos = i;
	return 0;
}

struct spec_ctx {
	struct sudoers *s;
	const char *file;
	unsigned line;
};

static int add_spec_cb(void *ctx, const char *w, size_t wl)
{
	struct spec_ctx *c = ctx;
	return add_spec(c->s, w, wl, c->file, c->line);
}

struct member_ctx {
	char **v;
	size_t n;
};

static int add_member_cb(void *ctx, const char *w, size_t wl)
{
	struct member_ctx *m = ctx;
	char **nv;

	if (m->n >= MAX_ITEMS)
		return -E2BIG;
	nv = realloc(m->v, (m->n + 2) * sizeof *nv);
	if (nv == NULL)
		return -ENOMEM;
	m->v = nv;
	m->v[m->n] = strndup(w, wl);
	if (m->v[m->n] == NULL)
		return -ENOMEM;
	m->v[++m->n] = NULL;
	return 0;
}

/* "NAME = a, b : NAME2 = c" */
static int parse_user_alias(struct sudoers *s, const char *l, size_t len, const char *file,
                            unsigned line, struct diags *d)
{
	size_t i = 0;

	while (i < len) {
		struct member_ctx m = {NULL, 0};
		struct sudo_alias *a;
		size_t st, name_end;
		int err;

		while (i < len && is_blank(l[i]))
			i++;
		st = i;
		while (i < len && (isupper((unsigned char)l[i]) || isdigit((unsigned char)l[i]) ||
		                   l[i] == '_'))
			i++;
		name_end = i;
		if (i == st) {
			diag_add(d, file, line, "User_Alias without a valid NAME; ignored");
			return 0;
		}
		while (i < len && is_blank(l[i]))
			i++;
		if (i >= len || l[i] != '=') {
			diag_add(d, file, line, "User_Alias: expected '=' after the name; ignored");
			return 0;
		}
		i++;
		if ((err = read_list(l, len, &i, ':', add_member_cb, &m)) != 0 ||
		    (err = array_grow((void **)&s->aliases, s->naliases, sizeof *s->aliases,
		                      MAX_ITEMS)) != 0) {
			strv_free(m.v);
			return err;
		}
		a = &s->aliases[s->naliases];
		a->name = strndup(l + st, name_end - st);
		if (a->name == NULL) {
			strv_free(m.v);
			return -ENOMEM;
		}
		a->members = m.v ? m.v : calloc(1, sizeof(char *));
		s->naliases++;
		if (a->members == NULL)
			return -ENOMEM;
		while (i < len && is_blank(l[i]))
			i++;
		if (i < len && l[i] == ':')
			i++;
		else
			break;
	}
	return 0;
}

static int add_include(struct sudoers *s, const char *p, size_t pl, int is_dir, const char *file,
                       unsigned line)
{
	struct sudo_include *e;
	int err = array_grow((void **)&s->incs, s->nincs, sizeof *s->incs, MAX_ITEMS);

	if (err)
		return err;
	while (pl > 0 && is_blank(*p)) {
		p++;
		pl--;
	}
	while (pl > 0 && is_blank(p[pl - 1]))
		pl--;
	if (pl >= 2 && p[0] == '"' && p[pl - 1] == '"') {
		p++;
		pl -= 2;
	}
	e = &s->incs[s->nincs];
	e->path = strndup(p, pl);
	e->from = strdup(file);
	e->is_dir = is_dir;
	e->line = line;
	s->nincs++;
	return e->path && e->from ? 0 : -ENOMEM;
}

static int starts_word(const char *l, size_t len, const char *w)
{
	size_t n = strlen(w);
	return len >= n && strncmp(l, w, n) == 0 && (len == n || is_blank(l[n]));
}

static int parse_logical(struct sudoers *s, const char *l, size_t len, const char *file,
                         unsigned line, struct diags *d)
{
	struct spec_ctx c = {s, file, line};
	size_t i = 0;
	int err;

	while (len > 0 && is_blank(*l)) {
		l++;
		len--;
	}
	if (len == 0)
		return 0;
	if (l[0] == '#' || l[0] == '@') {
		if (starts_word(l + 1, len - 1, "includedir"))
			return add_include(s, l + 11, len - 11, 1, file, line);
		if (starts_word(l + 1, len - 1, "include"))
			return add_include(s, l + 8, len - 8, 0, file, line);
		if (l[0] == '@') {
			diag_add(d, file, line, "unknown directive; ignored");
			return 0;
		}
	}
	len = strip_comment(l, len);
	while (len > 0 && is_blank(l[len - 1]))
		len--;
	if (len == 0)
		return 0;
	if (strncmp(l, "Defaults", 8) == 0)
		return 0;
	if (starts_word(l, len, "User_Alias"))
		return parse_user_alias(s, l + 10, len - 10, file, line, d);
	if (starts_word(l, len, "Runas_Alias") || starts_word(l, len, "Host_Alias") ||
	    starts_word(l, len, "Cmnd_Alias") || starts_word(l, len, "Cmd_Alias"))
		return 0;
	if (memchr(l, '=', len) == NULL) {
		diag_add(d, file, line, "not a user specification (no '='); ignored");
		return 0;
	}
	err = read_list(l, len, &i, '\0', add_spec_cb, &c);
	return err;
}

int sudoers_parse(const char *buf, size_t len, const char *file, struct sudoers *s, struct diags *d)
{
	struct line_iter it;
	const char *ln;
	size_t ll, used = 0;
	unsigned first = 0;
	char *logical = malloc(LOGICAL_MAX);
	int err = 0;

	if (logical == NULL)
		return -ENOMEM;
	line_iter_init(&it, buf, len);
	while (line_next(&it, &ln, &ll)) {
		int cont = ll > 0 && ln[ll - 1] == '\\';

		if (used == 0)
			first = it.lineno;
		if (cont)
			ll--;
		if (used + ll + 1 > LOGICAL_MAX) {
			diag_add(d, file, first, "logical line longer than %d bytes; ignored",
			         LOGICAL_MAX);
			used = 0;
			continue;
		}
		memcpy(logical + used, ln, ll);
		used += ll;
		if (cont) {
			logical[used++] = ' ';
			continue;
		}
		err = parse_logical(s, logical, used, file, first, d);
		used = 0;
		if (err)
			break;
	}
	if (err == 0 && used > 0)
		err = parse_logical(s, logical, used, file, first, d);
	free(logical);
	return err;
}

void sudoers_free(struct sudoers *s)
{
	for (size_t i = 0; i < s->naliases; i++) {
		free(s->aliases[i].name);
		strv_free(s->aliases[i].members);
	}
	for (size_t i = 0; i < s->nspecs; i++) {
		free(s->specs[i].who);
		free(s->specs[i].file);
	}
	for (size_t i = 0; i < s->nincs; i++) {
		free(s->incs[i].path);
		free(s->incs[i].from);
	}
	free(s->aliases);
	free(s->specs);
	free(s->incs);
	memset(s, 0, sizeof *s);
}

/* What resolving one grant knows about each alias: aliases may name each
 * other, in cycles and many times over, so each is resolved once. */
enum { ALIAS_UNSEEN, ALIAS_OPEN, ALIAS_NO, ALIAS_YES };

struct grant_query {
	const struct sudoers *s;
	const char *user;
	uint32_t uid;
	sudo_in_group_fn in_group;
	void *ctx;
	unsigned char *alias_state; /* one per alias */
};

static int item_matches(struct grant_query *q, const char *w, int depth)
{
	char *end;
	unsigned long n;

	if (w[0] == '!')
		return 0;
	if (strcmp(w, "ALL") == 0)
		return 1;
	if (w[0] == '#') {
		n = strtoul(w + 1, &end, 10);
		return *end == '\0' && n == q->uid;
	}
	if (w[0] == '%') {
		if (w[1] == '#') {
			n = strtoul(w + 2, &end, 10);
			return *end == '\0' && q->in_group(q->ctx, NULL, (uint32_t)n);
		}
		if (w[1] == ':')
			return 0; /* non-Unix group: not resolvable offline */
		return q->in_group(q->ctx, w + 1, 0);
	}
	if (w[0] == '+')
		return 0; /* netgroup */
	for (size_t i = 0; i < q->s->naliases; i++) {
		const struct sudo_alias *a = &q->s->aliases[i];

		if (strcmp(a->name, w) != 0)
			continue;
		if (q->alias_state[i] != ALIAS_UNSEEN) /* an open alias is a cycle */
			return q->alias_state[i] == ALIAS_YES;
		if (depth > ALIAS_DEPTH)
			return 1; /* nested deeper than any real file: never miss a grant */
		q->alias_state[i] = ALIAS_OPEN;
		for (char **m = a->members; *m; m++)
			if (item_matches(q, *m, depth + 1)) {
				q->alias_state[i] = ALIAS_YES;
				return 1;
			}
		q->alias_state[i] = ALIAS_NO;
		return 0;
	}
	return strcmp(w, q->user) == 0;
}

const struct sudo_spec *sudoers_grant(const struct sudoers *s, const char *user, uint32_t uid,
                                      sudo_in_group_fn in_group, void *ctx)
{
	struct grant_query q = {s, user, uid, in_group, ctx, NULL};
	const struct sudo_spec *found = NULL;

	q.alias_state = calloc(s->naliases + 1, 1);
	if (q.alias_state == NULL)
		return NULL;
	for (size_t i = 0; i < s->nspecs && found == NULL; i++)
		if (item_matches(&q, s->specs[i].who, 0))
			found = &s->specs[i];
	free(q.alias_state);
	return found;
}
