#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/passwd_files.h"
#include "secure.h"

#define MAX_ENTRIES 1000000
#define MAX_ID      4294967294UL /* (uint32_t)-1 is not a valid id */

/* Lines that are empty or comments ("#") are skipped, as the shadow
 * tools do; NIS "+"/"-" entries are reported and skipped. */
static int skip_line(const char *s, size_t len, const char *file, unsigned line, struct diags *d)
{
	if (len == 0 || s[0] == '#')
		return 1;
	if (s[0] == '+' || s[0] == '-') {
		diag_add(d, file, line, "NIS compat entry ignored");
		return 1;
	}
	return 0;
}

static int valid_name(const char *s, size_t len)
{
	if (len == 0 || len > 256)
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == ':' || s[i] == ',')
			return 0;
	return 1;
}

static char **split_list(const char *s, size_t len)
{
	const char *f[4096];
	size_t fl[4096], n, k = 0;
	char **v;

	n = len ? split_fields(s, len, ',', f, fl, 4096) : 0;
	if (n > 4096)
		n = 4096;
	v = calloc(n + 1, sizeof *v);
	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (fl[i] == 0)
			continue;
		v[k] = strndup_trim(f[i], fl[i]);
		if (v[k] == NULL)
			goto nomem;
		k++;
	}
	return v;
nomem:
	for (size_t i = 0; i < k; i++)
		free(v[i]);
	free(v);
	return NULL;
}

int passwd_parse(const char *buf, size_t len, const char *file, struct pw_list *out,
                 struct diags *d)
{
	struct line_iter it;
	const char *s;
	size_t sl;

	line_iter_init(&it, buf, len);
	while (line_next(&it, &s, &sl)) {
		const char *f[7];
		size_t fl[7];
		unsigned long uid, gid;
		struct pw_entry *e;
		int err;

		if (skip_line(s, sl, file, it.lineno, d))
			continue;
		if (split_fields(s, sl, ':', f, fl, 7) != 7) {
			diag_add(d, file, it.lineno,
			         "expected 7 fields separated by ':'; line skipped");
			continue;
		}
		if (!valid_name(f[0], fl[0])) {
			diag_add(d, file, it.lineno, "invalid user name; line skipped");
			continue;
		}
		if (!parse_ulong(f[2], fl[2], MAX_ID, &uid) ||
		    !parse_ulong(f[3], fl[3], MAX_ID, &gid)) {
			diag_add(d, file, it.lineno, "UID or GID is not a number; line skipped");
			continue;
		}
		if ((err = array_grow((void **)&out->v, out->n, sizeof *out->v, MAX_ENTRIES)) != 0)
			return err;
		e = &out->v[out->n];
		memset(e, 0, sizeof *e);
		e->name = strndup(f[0], fl[0]);
		e->passwd = secure_strndup(f[1], fl[1]);
		e->gecos = strndup(f[4], fl[4]);
		e->home = strndup(f[5], fl[5]);
		e->shell = strndup(f[6], fl[6]);
		e->uid = (uint32_t)uid;
		e->gid = (uint32_t)gid;
		e->line = it.lineno;
		out->n++;
		if (!e->name || !e->passwd || !e->gecos || !e->home || !e->shell)
			return -ENOMEM;
	}
	return 0;
}

static long num_field(const char *s, size_t len, int *bad)
{
	unsigned long v;

	if (len == 0)
		return -1;
	if (!parse_ulong(s, len, 0x7fffffffUL, &v)) {
		*bad = 1;
		return -1;
	}
	return (long)v;
}

int shadow_parse(const char *buf, size_t len, const char *file, struct sp_list *out,
                 struct diags *d)
{
	struct line_iter it;
	const char *s;
	size_t sl;

	line_iter_init(&it, buf, len);
	while (line_next(&it, &s, &sl)) {
		const char *f[9];
		size_t fl[9];
		struct sp_entry *e;
		int err, bad = 0;

		if (skip_line(s, sl, file, it.lineno, d))
			continue;
		if (split_fields(s, sl, ':', f, fl, 9) != 9) {
			diag_add(d, file, it.lineno,
			         "expected 9 fields separated by ':'; line skipped");
			continue;
		}
		if (!valid_name(f[0], fl[0])) {
			diag_add(d, file, it.lineno, "invalid user name; line skipped");
			continue;
		}
		if ((err = array_grow((void **)&out->v, out->n, sizeof *out->v, MAX_ENTRIES)) != 0)
			return err;
		e = &out->v[out->n];
		memset(e, 0, sizeof *e);
		e->lastchg = num_field(f[2], fl[2], &bad);
		e->min = num_field(f[3], fl[3], &bad);
		e->max = num_field(f[4], fl[4], &bad);
		e->warn = num_field(f[5], fl[5], &bad);
		e->inactive = num_field(f[6], fl[6], &bad);
		e->expire = num_field(f[7], fl[7], &bad);
		if (bad)
			diag_add(d, file, it.lineno,
			         "an aging field is not a number; treated as empty");
		e->line = it.lineno;
		e->name = strndup(f[0], fl[0]);
		e->hash = secure_strndup(f[1], fl[1]);
		out->n++;
		if (!e->name || !e->hash)
			return -ENOMEM;
	}
	return 0;
}

int group_parse(const char *buf, size_t len, const char *file, struct gr_list *out, struct diags *d)
{
	struct line_iter it;
	const char *s;
	size_t sl;

	line_iter_init(&it, buf, len);
	while (line_next(&it, &s, &sl)) {
		const char *f[4];
		size_t fl[4];
		unsigned long gid;
		struct gr_entry *e;
		int err;

		if (skip_line(s, sl, file, it.lineno, d))
			continue;
		if (split_fields(s, sl, ':', f, fl, 4) != 4) {
			diag_add(d, file, it.lineno,
			         "expected 4 fields separated by ':'; line skipped");
			continue;
		}
		if (!valid_name(f[0], fl[0]) || !parse_ulong(f[2], fl[2], MAX_ID, &gid)) {
			diag_add(d, file, it.lineno, "invalid group name or GID; line skipped");
			continue;
		}
		if ((err = array_grow((void **)&out->v, out->n, sizeof *out->v, MAX_ENTRIES)) != 0)
			return err;
		e = &out->v[out->n];
		memset(e, 0, sizeof *e);
		e->gid = (uint32_t)gid;
		e->line = it.lineno;
		e->name = strndup(f[0], fl[0]);
		e->members = split_list(f[3], fl[3]);
		out->n++;
		if (!e->name || !e->members)
			return -ENOMEM;
	}
	return 0;
}

int gshadow_parse(const char *buf, size_t len, const char *file, struct gs_list *out,
                  struct diags *d)
{
	struct line_iter it;
	const char *s;
	size_t sl;

	line_iter_init(&it, buf, len);
	while (line_next(&it, &s, &sl)) {
		const char *f[4];
		size_t fl[4];
		struct gs_entry *e;
		int err;

		if (skip_line(s, sl, file, it.lineno, d))
			continue;
		if (split_fields(s, sl, ':', f, fl, 4) != 4) {
			diag_add(d, file, it.lineno,
			         "expected 4 fields separated by ':'; line skipped");
			continue;
		}
		if (!valid_name(f[0], fl[0])) {
			diag_add(d, file, it.lineno, "invalid group name; line skipped");
			continue;
		}
		if ((err = array_grow((void **)&out->v, out->n, sizeof *out->v, MAX_ENTRIES)) != 0)
			return err;
		e = &out->v[out->n];
		memset(e, 0, sizeof *e);
		e->line = it.lineno;
		e->has_password = fl[1] > 0 && f[1][0] != '!' && f[1][0] != '*';
		e->name = strndup(f[0], fl[0]);
		e->admins = split_list(f[2], fl[2]);
		e->members = split_list(f[3], fl[3]);
		out->n++;
		if (!e->name || !e->admins || !e->members)
			return -ENOMEM;
	}
	return 0;
}

void pw_list_free(struct pw_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		secure_free_str(l->v[i].passwd);
		free(l->v[i].gecos);
		free(l->v[i].home);
		free(l->v[i].shell);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void sp_list_free(struct sp_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		secure_free_str(l->v[i].hash);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void gr_list_free(struct gr_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		strv_free(l->v[i].members);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void gs_list_free(struct gs_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		strv_free(l->v[i].admins);
		strv_free(l->v[i].members);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
