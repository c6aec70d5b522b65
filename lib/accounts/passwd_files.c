/* passwd, shadow, group and gshadow as glibc reads them: one record
 * loop for the four files (colon_file.c reads the records), and one
 * field parser per file, each following the field order and the
 * "may this field be missing" rules of glibc's line parser. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/passwd_files.h"

union any_entry {
	struct pw_entry pw;
	struct sp_entry sp;
	struct gr_entry gr;
	struct gs_entry gs;
};

struct record_kind {
	int (*parse)(char *rec, union any_entry *e, const char **why);
	void (*clear)(union any_entry *e);
	size_t line_at; /* offset of the entry's `line` */
};

static int read_records(struct colon_reader *r, const struct colon_sink *s,
                        const struct record_kind *k)
{
	char *rec;
	int rc;

	while ((rc = colon_next(r, &rec)) != 0) {
		union any_entry e;
		const char *why = NULL;

		if (rc == -EFBIG) {
			s->refused(s->ctx, r->lineno, "line too long to read; not examined");
			continue;
		}
		if (rc < 0)
			return rc;
		rc = k->parse(rec, &e, &why);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			s->refused(s->ctx, r->lineno, why);
			continue;
		}
		*(unsigned *)((char *)&e + k->line_at) = r->lineno;
		rc = s->entry(s->ctx, &e);
		if (k->clear != NULL)
			k->clear(&e);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* A NIS compat line: "+" or "-" first and nothing after the name. */
static bool compat_line(const char *name, const char *cur)
{
	return *cur == '\0' && (name[0] == '+' || name[0] == '-');
}

int passwd_record(char *rec, struct pw_entry *e, const char **why)
{
	char *cur = rec;
	bool plain;

	memset(e, 0, sizeof *e);
	e->irregular = colon_count(rec) != 6;
	e->name = colon_string(&cur);
	if (compat_line(e->name, cur)) {
		e->compat = true;
		return 1;
	}
	e->passwd = colon_string(&cur);
	plain = colon_plain_field(cur);
	if (e->name[0] == '+' || e->name[0] == '-') {
		e->compat = true;
		if (colon_number_or(&cur, false, &e->uid) < 0 ||
		    colon_number_or(&cur, false, &e->gid) < 0) {
			*why = "UID or GID is not a number the system reads; line ignored";
			return 0;
		}
	} else {
		if (!colon_number(&cur, &e->uid)) {
			*why = "UID missing or not a number the system reads; line ignored";
			return 0;
		}
		plain = plain && colon_plain_field(cur);
		if (!colon_number(&cur, &e->gid)) {
			*why = "GID missing or not a number the system reads; line ignored";
			return 0;
		}
	}
	e->irregular = e->irregular || !plain;
	e->gecos = colon_string(&cur);
	e->home = colon_string(&cur);
	e->shell = cur; /* the rest, colons included */
	return 1;
}

/* An aging field: a number as the system reads it (an int), -1 empty. */
static int aging(char **cur, bool last, long *out, bool *plain)
{
	uint32_t v;
	int rc;

	*plain = *plain && (**cur == ':' || **cur == '\0' || colon_plain_field(*cur));
	rc = colon_number_or(cur, last, &v);
	if (rc > 0)
		*out = (long)(int)v;
	else
		*out = -1;
	return rc;
}

int shadow_record(char *rec, struct sp_entry *e, const char **why)
{
	char *cur = rec;
	bool plain = true;
	uint32_t flag;

	memset(e, 0, sizeof *e);
	e->irregular = colon_count(rec) != 8;
	e->name = colon_string(&cur);
	e->warn = e->inactive = e->expire = -1;
	e->flag = ~0UL;
	if (compat_line(e->name, cur)) {
		e->compat = true; /* glibc's values for such a line */
		e->lastchg = e->min = e->max = 0;
		return 1;
	}
	e->hash = colon_string(&cur);
	*why = "an aging field is not a number the system reads, or the line ends "
	       "too early; line ignored";
	if (aging(&cur, false, &e->lastchg, &plain) < 0 ||
	    aging(&cur, false, &e->min, &plain) < 0 || aging(&cur, false, &e->max, &plain) < 0)
		return 0;
	while (*cur == ' ' || (*cur >= '\t' && *cur <= '\r'))
		cur++;
	if (*cur != '\0') { /* else the old form, without the last four */
		if (aging(&cur, false, &e->warn, &plain) < 0 ||
		    aging(&cur, false, &e->inactive, &plain) < 0 ||
		    aging(&cur, false, &e->expire, &plain) < 0)
			return 0;
		if (*cur != '\0') {
			int rc = colon_number_or(&cur, true, &flag);
			if (rc < 0)
				return 0;
			if (rc > 0)
				e->flag = flag;
		}
	}
	e->irregular = e->irregular || !plain;
	return 1;
}

int group_record(char *rec, struct gr_entry *e, const char **why)
{
	char *cur = rec;

	memset(e, 0, sizeof *e);
	e->irregular = colon_count(rec) != 3;
	e->name = colon_string(&cur);
	if (compat_line(e->name, cur)) {
		e->compat = true;
	} else {
		e->passwd = colon_string(&cur);
		e->irregular = e->irregular || !colon_plain_field(cur);
		if (e->name[0] == '+' || e->name[0] == '-') {
			e->compat = true;
			if (colon_number_or(&cur, false, &e->gid) < 0) {
				*why = "GID is not a number the system reads; line ignored";
				return 0;
			}
		} else if (!colon_number(&cur, &e->gid)) {
			*why = "GID missing or not a number the system reads; line ignored";
			return 0;
		}
	}
	e->members = colon_list(&cur, '\0');
	return e->members ? 1 : -ENOMEM;
}

int gshadow_record(char *rec, struct gs_entry *e, const char **why)
{
	char *cur = rec;

	(void)why; /* glibc reads every gshadow line */
	memset(e, 0, sizeof *e);
	e->irregular = colon_count(rec) != 3;
	e->name = colon_string(&cur);
	if (compat_line(e->name, cur)) {
		e->compat = true;
	} else {
		e->passwd = colon_string(&cur);
		e->admins = colon_list(&cur, ':');
		if (e->admins == NULL)
			return -ENOMEM;
	}
	e->members = colon_list(&cur, '\0');
	if (e->members == NULL) {
		gs_entry_clear(e);
		return -ENOMEM;
	}
	return 1;
}

void gr_entry_clear(struct gr_entry *e)
{
	free(e->members);
	e->members = NULL;
}

void gs_entry_clear(struct gs_entry *e)
{
	free(e->admins);
	free(e->members);
	e->admins = e->members = NULL;
}

static int pw_parse(char *rec, union any_entry *e, const char **why)
{
	return passwd_record(rec, &e->pw, why);
}

static int sp_parse(char *rec, union any_entry *e, const char **why)
{
	return shadow_record(rec, &e->sp, why);
}

static int gr_parse(char *rec, union any_entry *e, const char **why)
{
	return group_record(rec, &e->gr, why);
}

static int gs_parse(char *rec, union any_entry *e, const char **why)
{
	return gshadow_record(rec, &e->gs, why);
}

static void gr_clear(union any_entry *e)
{
	gr_entry_clear(&e->gr);
}

static void gs_clear(union any_entry *e)
{
	gs_entry_clear(&e->gs);
}

int passwd_read(struct colon_reader *r, const struct colon_sink *s)
{
	static const struct record_kind k = {pw_parse, NULL, offsetof(struct pw_entry, line)};
	return read_records(r, s, &k);
}

int shadow_read(struct colon_reader *r, const struct colon_sink *s)
{
	static const struct record_kind k = {sp_parse, NULL, offsetof(struct sp_entry, line)};
	return read_records(r, s, &k);
}

int group_read(struct colon_reader *r, const struct colon_sink *s)
{
	static const struct record_kind k = {gr_parse, gr_clear, offsetof(struct gr_entry, line)};
	return read_records(r, s, &k);
}

int gshadow_read(struct colon_reader *r, const struct colon_sink *s)
{
	static const struct record_kind k = {gs_parse, gs_clear, offsetof(struct gs_entry, line)};
	return read_records(r, s, &k);
}
