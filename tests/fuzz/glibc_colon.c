#include "config.h"

#include <errno.h>
#include <grp.h>
#include <gshadow.h>
#include <pwd.h>
#include <shadow.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/passwd_files.h"
#include "glibc_colon.h"

/* Our entries, rendered as text, one line each, then compared with the
 * same rendering of glibc's. */
struct render {
	char *buf;
	size_t len;
	FILE *f;
};

static const char *s_or(const char *s)
{
	return s ? s : "(null)";
}

static void put_list(FILE *f, char *const *v)
{
	if (v == NULL) {
		fputs("(null)", f);
		return;
	}
	fputc('[', f);
	for (; *v; v++)
		fprintf(f, "<%s>", *v);
	fputc(']', f);
}

static void put_pw(FILE *f, const char *name, const char *pw, unsigned long uid, unsigned long gid,
                   const char *gecos, const char *dir, const char *shell)
{
	fprintf(f, "%s|%s|%lu|%lu|%s|%s|%s\n", s_or(name), s_or(pw), uid, gid, s_or(gecos),
	        s_or(dir), s_or(shell));
}

static void put_sp(FILE *f, const char *name, const char *pw, const long n[6], unsigned long flag)
{
	fprintf(f, "%s|%s|%ld|%ld|%ld|%ld|%ld|%ld|%lu\n", s_or(name), s_or(pw), n[0], n[1], n[2],
	        n[3], n[4], n[5], flag);
}

static void put_gr(FILE *f, const char *name, const char *pw, unsigned long gid, char *const *mem)
{
	fprintf(f, "%s|%s|%lu|", s_or(name), s_or(pw), gid);
	put_list(f, mem);
	fputc('\n', f);
}

static void put_gs(FILE *f, const char *name, const char *pw, char *const *adm, char *const *mem)
{
	fprintf(f, "%s|%s|", s_or(name), s_or(pw));
	put_list(f, adm);
	fputc('|', f);
	put_list(f, mem);
	fputc('\n', f);
}

static int ours_entry(void *ctx, const void *entry, enum colon_db db)
{
	FILE *f = ctx;

	switch (db) {
	case DB_PASSWD: {
		const struct pw_entry *e = entry;
		put_pw(f, e->name, e->passwd, e->uid, e->gid, e->gecos, e->home, e->shell);
		break;
	}
	case DB_SHADOW: {
		const struct sp_entry *e = entry;
		long n[6] = {e->lastchg, e->min, e->max, e->warn, e->inactive, e->expire};
		put_sp(f, e->name, e->hash, n, e->flag);
		break;
	}
	case DB_GROUP: {
		const struct gr_entry *e = entry;
		put_gr(f, e->name, e->passwd, e->gid, e->members);
		break;
	}
	case DB_GSHADOW: {
		const struct gs_entry *e = entry;
		put_gs(f, e->name, e->passwd, e->admins, e->members);
		break;
	}
	}
	return 0;
}

static int pw_entry_fn(void *ctx, const void *e)
{
	return ours_entry(ctx, e, DB_PASSWD);
}
static int sp_entry_fn(void *ctx, const void *e)
{
	return ours_entry(ctx, e, DB_SHADOW);
}
static int gr_entry_fn(void *ctx, const void *e)
{
	return ours_entry(ctx, e, DB_GROUP);
}
static int gs_entry_fn(void *ctx, const void *e)
{
	return ours_entry(ctx, e, DB_GSHADOW);
}

static void refused(void *ctx, unsigned line, const char *why)
{
	(void)ctx;
	(void)line;
	(void)why;
}

static int ours(enum colon_db db, const uint8_t *data, size_t size, FILE *out)
{
	static int (*const fns[])(void *, const void *) = {pw_entry_fn, sp_entry_fn, gr_entry_fn,
	                                                   gs_entry_fn};
	static int (*const readers[])(struct colon_reader *, const struct colon_sink *) = {
	        passwd_read, shadow_read, group_read, gshadow_read};
	struct colon_sink sink = {fns[db], refused, out};
	struct colon_reader r;
	int rc;

	colon_reader_mem(&r, (const char *)data, size);
	rc = readers[db](&r, &sink);
	colon_reader_free(&r);
	return rc;
}

static void theirs(enum colon_db db, FILE *in, FILE *out)
{
	switch (db) {
	case DB_PASSWD:
		for (struct passwd *p; (p = fgetpwent(in)) != NULL;)
			put_pw(out, p->pw_name, p->pw_passwd, p->pw_uid, p->pw_gid, p->pw_gecos,
			       p->pw_dir, p->pw_shell);
		break;
	case DB_SHADOW:
		for (struct spwd *p; (p = fgetspent(in)) != NULL;) {
			long n[6] = {p->sp_lstchg, p->sp_min,   p->sp_max,
			             p->sp_warn,   p->sp_inact, p->sp_expire};
			put_sp(out, p->sp_namp, p->sp_pwdp, n, p->sp_flag);
		}
		break;
	case DB_GROUP:
		for (struct group *p; (p = fgetgrent(in)) != NULL;)
			put_gr(out, p->gr_name, p->gr_passwd, p->gr_gid, p->gr_mem);
		break;
	case DB_GSHADOW:
		for (struct sgrp *p; (p = fgetsgent(in)) != NULL;)
			put_gs(out, p->sg_namp, p->sg_passwd, p->sg_adm, p->sg_mem);
		break;
	}
}

int glibc_colon_diff(enum colon_db db, const uint8_t *data, size_t size, char *msg, size_t msglen)
{
	char *a = NULL, *b = NULL;
	size_t al = 0, bl = 0;
	FILE *fa = open_memstream(&a, &al), *fb = open_memstream(&b, &bl), *in = NULL;
	int rc = -1;

	if (fa == NULL || fb == NULL)
		goto out;
	if (ours(db, data, size, fa) != 0)
		goto out;
	/* fmemopen() refuses an empty buffer: glibc reads nothing from it */
	if (size > 0) {
		in = fmemopen((void *)data, size, "r");
		if (in == NULL)
			goto out;
		theirs(db, in, fb);
	}
	fclose(fa);
	fclose(fb);
	fa = fb = NULL;
	rc = al != bl || memcmp(a, b, al) != 0;
	if (rc)
		snprintf(msg, msglen, "ours:\n%.1500s\nglibc:\n%.1500s", a, b);
out:
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	if (in != NULL)
		fclose(in);
	free(a);
	free(b);
	return rc;
}
