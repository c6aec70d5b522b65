/* Loading the accounts inventory from a root file system. Classification
 * is in classify.c, outputs in accounts_output.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accounts/accounts.h"
#include "accounts/login_sources.h"
#include "accounts/sshd_config.h"
#include "secure.h"

#define CONF_MAX      (4u << 20) /* sudoers, sshd_config, crontabs, units */
#define KEYS_MAX      (4u << 20) /* one authorized_keys file */
#define DIR_MAX       100000     /* entries read from one directory */
#define INCLUDE_DEPTH 8
#define LOGIN_DB_MAX  (64u << 20) /* lastlog2.db, wtmp.db */
#define ACCOUNTS_MAX  10000000u   /* accounts held; more is an incomplete audit */

static const char *read_err(int err)
{
	switch (err) {
	case -EFBIG:
		return "file too large; nothing read from it";
	case -EINVAL:
		return "not a regular file; ignored";
	case -EACCES:
		return "permission denied; run as root to read it";
	default:
		return strerror(-err);
	}
}

/* Read an optional file: absent is silent, other errors are noted. */
static int read_opt(struct accounts_db *db, const char *path, size_t max, char **buf, size_t *len)
{
	int err = rootfs_read(&db->root, path, max, buf, len, NULL);

	if (err == -ENOENT || err == -ENOTDIR)
		return err;
	if (err == -EINVAL) /* not a regular file: e.g. a link to /dev/null */
		diag_add(&db->diags, path, 0, "%s", read_err(err));
	else if (err != 0)
		accounts_source_finding(db, SRC_UNREADABLE, path, 0, "%s", read_err(err));
	return err;
}

static const char *const source_codes[] = {
        [SRC_IGNORED_LINE] = "ignored_line",
        [SRC_COMPAT_LINE] = "nis_compat_line",
        [SRC_UNREADABLE] = "unreadable_source",
};

const char *source_problem_code(enum source_problem kind)
{
	return source_codes[kind];
}

void accounts_source_finding(struct accounts_db *db, enum source_problem kind, const char *path,
                             unsigned line, const char *fmt, ...)
{
	struct source_finding *f;
	char detail[512];
	va_list ap;

	if (kind == SRC_UNREADABLE)
		db->incomplete = true;
	if (db->nsrc >= SOURCE_FINDINGS_MAX ||
	    array_grow((void **)&db->src, db->nsrc, sizeof *db->src, SOURCE_FINDINGS_MAX) != 0) {
		db->src_dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	f = &db->src[db->nsrc];
	f->kind = kind;
	f->line = line;
	f->path = strdup(path);
	f->detail = strdup(detail);
	if (f->path == NULL || f->detail == NULL) {
		free(f->path);
		free(f->detail);
		db->src_dropped++;
		return;
	}
	db->nsrc++;
}

static int home_usable(const char *h)
{
	return h[0] == '/' && h[1] != '\0' && strcmp(h, "/nonexistent") != 0 &&
	       strcmp(h, "/dev/null") != 0;
}

struct account *accounts_by_home(struct accounts_db *db, const char *path)
{
	struct account *best = NULL;
	size_t best_len = 0;

	for (size_t i = 0; i < db->n; i++) {
		const char *h = db->v[i].home;
		size_t hl = strlen(h);

		while (hl > 1 && h[hl - 1] == '/')
			hl--;
		if (!home_usable(h) || hl <= best_len)
			continue;
		if (strncmp(path, h, hl) == 0 && (path[hl] == '/' || path[hl] == '\0')) {
			best = &db->v[i];
			best_len = hl;
		}
	}
	return best;
}

int account_add_cred(struct account *a, const struct acct_cred *c)
{
	struct acct_cred *n;
	int err = array_grow((void **)&a->creds, a->ncreds, sizeof *a->creds, 100000);

	if (err)
		return err;
	n = &a->creds[a->ncreds];
	*n = *c;
	n->kind = strdup(c->kind);
	n->path = strdup(c->path);
	n->category = c->category ? strdup(c->category) : NULL;
	a->ncreds++;
	return n->kind && n->path && (c->category == NULL || n->category) ? 0 : -ENOMEM;
}

/* What runs as an account: "unit NAME (FILE:LINE)" or "cron job FILE:LINE". */
static int add_run(struct account *a, const char *unit, const char *file, unsigned line)
{
	char buf[1024], **nv;

	if (unit != NULL)
		snprintf(buf, sizeof buf, "unit %s (%s:%u)", unit, file, line);
	else
		snprintf(buf, sizeof buf, "cron job %s:%u", file, line);
	if (a->nruns >= 1000)
		return 0;
	nv = realloc(a->runs, (a->nruns + 2) * sizeof *nv);
	if (nv == NULL)
		return -ENOMEM;
	a->runs = nv;
	a->runs[a->nruns] = strdup(buf);
	if (a->runs[a->nruns] == NULL)
		return -ENOMEM;
	a->runs[++a->nruns] = NULL;
	return 0;
}

/* ---------------------------------------------------------------- passwd */

static int is_login_shell(const char *shell)
{
	static const char *const no[] = {"nologin",  "false", "true", "sync",
	                                 "shutdown", "halt",  NULL};
	const char *base = strrchr(shell, '/');

	if (shell[0] == '\0')
		return 1; /* empty means /bin/sh */
	base = base ? base + 1 : shell;
	for (const char *const *p = no; *p; p++)
		if (strcmp(base, *p) == 0)
			return 0;
	return 1;
}

/* An account file, opened to be streamed: 0, -ENOENT, or -errno. */
static int open_source(struct accounts_db *db, const char *path, struct colon_reader *r, int *fd)
{
	struct stat st;

	*fd = rootfs_openat(&db->root, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (*fd < 0)
		return *fd == -ENOTDIR ? -ENOENT : *fd;
	if (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(*fd);
		return -EINVAL;
	}
	if (colon_reader_fd(r, *fd) != 0) {
		close(*fd);
		return -ENOMEM;
	}
	return 0;
}

static void close_source(struct colon_reader *r, int fd)
{
	colon_reader_free(r);
	close(fd);
}

struct load_ctx {
	struct accounts_db *db;
	const char *file;
	bool full;   /* ACCOUNTS_MAX reached */
	size_t hits; /* shadow lines that matched an account */
};

static void refused_line(void *ctx, unsigned line, const char *why)
{
	struct load_ctx *c = ctx;

	accounts_source_finding(c->db, SRC_IGNORED_LINE, c->file, line, "%s", why);
}

static void compat_line(struct load_ctx *c, unsigned line, const char *name)
{
	accounts_source_finding(c->db, SRC_COMPAT_LINE, c->file, line,
	                        "NIS compat entry \"%.64s\": the files service ignores it; with "
	                        "\"compat\" in nsswitch.conf it brings in accounts from NIS",
	                        name);
}

static int pw_add(void *ctx, const void *entry)
{
	const struct pw_entry *p = entry;
	struct load_ctx *c = ctx;
	struct accounts_db *db = c->db;
	struct account *a;
	int rc;

	if (p->compat) {
		compat_line(c, p->line, p->name);
		return 0;
	}
	rc = array_grow((void **)&db->v, db->n, sizeof *db->v, ACCOUNTS_MAX);
	if (rc == -E2BIG) {
		if (!c->full)
			accounts_source_finding(db, SRC_UNREADABLE, c->file, p->line,
			                        "more than %u accounts: the rest were not read",
			                        ACCOUNTS_MAX);
		c->full = true;
		return 0;
	}
	if (rc != 0)
		return rc;
	a = &db->v[db->n++];
	memset(a, 0, sizeof *a);
	a->lastchg = a->max = a->expire = -1;
	a->last_login = -1;
	a->uid = p->uid;
	a->gid = p->gid;
	a->passwd_line = p->line;
	a->irregular = p->irregular;
	a->login_shell = is_login_shell(p->shell);
	a->name = strdup(p->name);
	a->home = strdup(p->home);
	a->shell = strdup(p->shell);
	a->pwfield = secure_strndup(p->passwd, strlen(p->passwd));
	return a->name && a->home && a->shell && a->pwfield ? 0 : -ENOMEM;
}

/* glibc's getspnam() returns the first line of a name; pam_unix reads
 * it only when the passwd field is "x". */
static int sp_join(void *ctx, const void *entry)
{
	const struct sp_entry *e = entry;
	struct load_ctx *c = ctx;
	struct account *a;

	if (e->compat) {
		compat_line(c, e->line, e->name);
		return 0;
	}
	a = accounts_by_name(c->db, e->name);
	if (a == NULL || a->has_shadow)
		return 0;
	c->hits++;
	if (strcmp(a->pwfield, "x") != 0)
		return 0;
	secure_free_str(a->pwfield);
	a->pwfield = secure_strndup(e->hash, strlen(e->hash));
	a->has_shadow = true;
	a->lastchg = e->lastchg;
	a->max = e->max;
	a->expire = e->expire;
	return a->pwfield ? 0 : -ENOMEM;
}

/* Stream one account file into the sink. Returns 0, -ENOENT when absent,
 * or -errno (then a source finding says what was not read). */
static int stream_file(struct accounts_db *db, const char *path,
                       int (*reader)(struct colon_reader *, const struct colon_sink *),
                       struct colon_sink *sink)
{
	struct colon_reader r;
	int fd, rc = open_source(db, path, &r, &fd);

	if (rc == 0) {
		rc = reader(&r, sink);
		close_source(&r, fd);
	}
	if (rc != 0 && rc != -ENOENT)
		accounts_source_finding(db, SRC_UNREADABLE, path, 0, "%s", read_err(rc));
	return rc;
}

static int load_shadow(struct accounts_db *db)
{
	struct load_ctx c = {db, "/etc/shadow", false, 0};
	struct colon_sink sink = {sp_join, refused_line, &c};
	size_t shadowed = 0;
	int rc = stream_file(db, "/etc/shadow", shadow_read, &sink);

	for (size_t i = 0; i < db->n; i++) {
		struct account *a = &db->v[i];
		struct account *first = a->dup_name ? accounts_by_name(db, a->name) : NULL;

		if (first != NULL && first != a && first->has_shadow && !a->has_shadow &&
		    strcmp(a->pwfield, "x") == 0) { /* a name twice: both get the first line */
			secure_free_str(a->pwfield);
			a->pwfield = secure_strndup(first->pwfield, strlen(first->pwfield));
			if (a->pwfield == NULL)
				return -ENOMEM;
			a->has_shadow = true;
			a->lastchg = first->lastchg;
			a->max = first->max;
			a->expire = first->expire;
		}
		if (strcmp(a->pwfield, "x") == 0 && !a->has_shadow) {
			shadowed++;
			if (rc == 0)
				diag_add(&db->diags, "/etc/passwd", a->passwd_line,
				         "%s has no /etc/shadow entry (pwck repairs this)",
				         a->name);
		}
		hash_info_get(a->pwfield, &a->hi);
		if (strcmp(a->pwfield, "x") == 0 && !a->has_shadow)
			a->hi.scheme = "unknown"; /* shadow unreadable or missing */
	}
	if (rc == -ENOENT && shadowed > 0)
		accounts_source_finding(db, SRC_UNREADABLE, "/etc/shadow", 0,
		                        "missing, but %zu accounts keep their password there",
		                        shadowed);
	return rc == -ENOMEM ? rc : 0;
}

static int load_passwd(struct accounts_db *db, char *err, size_t errlen)
{
	struct load_ctx c = {db, "/etc/passwd", false, 0};
	struct colon_sink sink = {pw_add, refused_line, &c};
	struct colon_reader r;
	int fd, rc;

	rc = open_source(db, "/etc/passwd", &r, &fd);
	if (rc != 0) {
		snprintf(err, errlen, "%s/etc/passwd: %s", db->root.path, read_err(rc));
		return rc;
	}
	rc = passwd_read(&r, &sink);
	close_source(&r, fd);
	if (rc == 0)
		rc = accounts_index(db);
	if (rc == 0)
		rc = load_shadow(db);
	if (rc != 0)
		snprintf(err, errlen, "%s/etc/passwd: %s", db->root.path, read_err(rc));
	return rc;
}

static int gr_add(void *ctx, const void *entry)
{
	const struct gr_entry *e = entry;
	struct load_ctx *c = ctx;
	struct accounts_db *db = c->db;
	struct acct_group *g;
	size_t n = 0;
	int rc;

	if (e->compat) {
		compat_line(c, e->line, e->name);
		return 0;
	}
	rc = array_grow((void **)&db->groups, db->ngroups, sizeof *db->groups, ACCOUNTS_MAX);
	if (rc != 0)
		return rc;
	g = &db->groups[db->ngroups];
	while (e->members[n] != NULL)
		n++;
	g->gid = e->gid;
	g->name = strdup(e->name);
	g->members = calloc(n + 1, sizeof *g->members);
	db->ngroups++;
	if (g->name == NULL || g->members == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		if ((g->members[i] = strdup(e->members[i])) == NULL)
			return -ENOMEM;
	return 0;
}

static int gs_note(void *ctx, const void *entry)
{
	const struct gs_entry *e = entry;
	struct load_ctx *c = ctx;

	if (e->compat)
		compat_line(c, e->line, e->name);
	else if (e->passwd[0] != '\0' && e->passwd[0] != '!' && e->passwd[0] != '*')
		diag_add(&c->db->diags, "/etc/gshadow", e->line,
		         "group %s has a password (gpasswd -r %s removes it)", e->name, e->name);
	return 0;
}

static void load_groups(struct accounts_db *db)
{
	struct load_ctx gc = {db, "/etc/group", false, 0}, sc = {db, "/etc/gshadow", false, 0};
	struct colon_sink gs = {gr_add, refused_line, &gc}, ss = {gs_note, refused_line, &sc};

	if (stream_file(db, "/etc/group", group_read, &gs) == -ENOMEM)
		diag_add(&db->diags, "/etc/group", 0, "out of memory; groups incomplete");
	stream_file(db, "/etc/gshadow", gshadow_read, &ss);
}

/* ---------------------------------------------------------------- sudoers */

struct group_ctx {
	struct accounts_db *db;
	const struct account *a;
};

static int in_group(void *ctx, const char *name, uint32_t gid)
{
	struct group_ctx *g = ctx;

	for (size_t i = 0; i < g->db->ngroups; i++) {
		const struct acct_group *e = &g->db->groups[i];
		if (name ? strcmp(e->name, name) != 0 : e->gid != gid)
			continue;
		if (e->gid == g->a->gid)
			return 1;
		for (char **m = e->members; *m; m++)
			if (strcmp(*m, g->a->name) == 0)
				return 1;
	}
	return 0;
}

static void join_dir(char *out, size_t len, const char *from, const char *rel)
{
	const char *slash = strrchr(from, '/');

	if (rel[0] == '/' || slash == NULL)
		snprintf(out, len, "%s", rel);
	else
		snprintf(out, len, "%.*s/%s", (int)(slash - from), from, rel);
}

static void sudoers_file(struct accounts_db *db, struct sudoers *s, const char *path, int depth);

static void sudoers_includes(struct accounts_db *db, struct sudoers *s, size_t from, int depth)
{
	size_t end = s->nincs;

	for (size_t i = from; i < end; i++) {
		char path[4096], sub[4096];
		char **names;
		int n;

		join_dir(path, sizeof path, s->incs[i].from, s->incs[i].path);
		if (!s->incs[i].is_dir) {
			sudoers_file(db, s, path, depth + 1);
			continue;
		}
		n = rootfs_list(&db->root, path, DIR_MAX, &names);
		if (n < 0) {
			if (n != -ENOENT)
				accounts_source_finding(db, SRC_UNREADABLE, path, 0,
				                        "%s (included "
				                        "from %s:%u)",
				                        read_err(n), s->incs[i].from,
				                        s->incs[i].line);
			continue;
		}
		for (int k = 0; k < n; k++) {
			/* sudo skips names ending in "~" or containing "." */
			size_t nl = strlen(names[k]);
			if (strchr(names[k], '.') || names[k][nl - 1] == '~')
				continue;
			if (snprintf(sub, sizeof sub, "%s/%s", path, names[k]) >= (int)sizeof sub)
				continue;
			sudoers_file(db, s, sub, depth + 1);
		}
		strv_free(names);
	}
}

static void sudoers_file(struct accounts_db *db, struct sudoers *s, const char *path, int depth)
{
	size_t first_inc = s->nincs;
	char *buf;
	size_t len;

	if (depth > INCLUDE_DEPTH) {
		diag_add(&db->diags, path, 0, "includes nested too deeply; not read");
		return;
	}
	if (read_opt(db, path, CONF_MAX, &buf, &len) != 0)
		return;
	if (sudoers_parse(buf, len, path, s, &db->diags) != 0)
		diag_add(&db->diags, path, 0, "out of memory; sudo rights incomplete");
	free(buf);
	sudoers_includes(db, s, first_inc, depth);
}

static void load_sudoers(struct accounts_db *db)
{
	struct sudoers s = {0};

	sudoers_file(db, &s, "/etc/sudoers", 0);
	for (size_t i = 0; i < db->n; i++) {
		struct group_ctx g = {db, &db->v[i]};
		const struct sudo_spec *sp =
		        sudoers_grant(&s, db->v[i].name, db->v[i].uid, in_group, &g);
		char where[4200];

		if (sp == NULL)
			continue;
		snprintf(where, sizeof where, "%s:%u", sp->file, sp->line);
		db->v[i].sudo_where = strdup(where);
	}
	sudoers_free(&s);
}

/* ---------------------------------------------------------------- sshd */

struct sshd_ctx {
	struct accounts_db *db;
	struct sshd_config *c;
};

static int sshd_file(struct sshd_ctx *x, const char *path);

static int sshd_include(void *ctx, const char *pattern, const char *from, unsigned line)
{
	struct sshd_ctx *x = ctx;
	char full[4096], dir[4096], sub[4096];
	const char *base;
	char **names;
	int n;

	/* sshd takes relative Include paths from /etc/ssh */
	if (pattern[0] == '/')
		snprintf(full, sizeof full, "%s", pattern);
	else
		snprintf(full, sizeof full, "/etc/ssh/%s", pattern);
	if (strpbrk(full, "*?[") == NULL)
		return sshd_file(x, full);
	base = strrchr(full, '/');
	snprintf(dir, sizeof dir, "%.*s", (int)(base - full), full);
	if (strpbrk(dir, "*?[") != NULL) {
		diag_add(&x->db->diags, from, line,
		         "Include: globs are read in the last path component only");
		return 0;
	}
	n = rootfs_list(&x->db->root, dir[0] ? dir : "/", DIR_MAX, &names);
	if (n < 0)
		return 0; /* like sshd: a glob matching nothing is fine */
	for (int k = 0; k < n; k++) {
		if (fnmatch(base + 1, names[k], FNM_PERIOD) != 0)
			continue;
		if (snprintf(sub, sizeof sub, "%s/%s", dir, names[k]) >= (int)sizeof sub)
			continue;
		sshd_file(x, sub);
	}
	strv_free(names);
	return 0;
}

static int sshd_file(struct sshd_ctx *x, const char *path)
{
	char *buf;
	size_t len;
	int rc;

	if (x->c->depth >= INCLUDE_DEPTH) {
		diag_add(&x->db->diags, path, 0, "Include nested too deeply; not read");
		return 0;
	}
	if (read_opt(x->db, path, CONF_MAX, &buf, &len) != 0)
		return 0;
	x->c->depth++;
	rc = sshd_config_parse(buf, len, path, x->c, sshd_include, x, &x->db->diags);
	x->c->depth--;
	free(buf);
	return rc;
}

static void keys_for(struct accounts_db *db, struct account *a, const char *pattern)
{
	struct ak_summary sum;
	struct acct_cred c = {0};
	char *path, *buf;
	size_t len;

	if (!home_usable(a->home) && strstr(pattern, "%h") == NULL && pattern[0] != '/')
		return;
	path = sshd_expand_akf(pattern, a->name, a->home, a->uid);
	if (path == NULL)
		return;
	for (size_t i = 0; i < a->ncreds; i++)
		if (strcmp(a->creds[i].kind, "ssh-authorized-key") == 0 &&
		    strcmp(a->creds[i].path, path) == 0)
			goto out; /* named twice */
	if (read_opt(db, path, KEYS_MAX, &buf, &len) != 0)
		goto out;
	authorized_keys_summarize(buf, len, &sum);
	free(buf);
	if (sum.unparsed)
		diag_add(&db->diags, path, 0, "%u line(s) with no known key type", sum.unparsed);
	if (sum.keys == 0)
		goto out;
	a->keys += sum.keys;
	c.kind = "ssh-authorized-key";
	c.path = path;
	c.line = -1;
	if (account_add_cred(a, &c) != 0)
		diag_add(&db->diags, path, 0, "out of memory");
out:
	free(path);
}

static void load_keys(struct accounts_db *db)
{
	static char *const dflt[] = {".ssh/authorized_keys", ".ssh/authorized_keys2", NULL};
	struct sshd_config c = {0};
	struct sshd_ctx x = {db, &c};

	if (sshd_file(&x, "/etc/ssh/sshd_config") != 0)
		diag_add(&db->diags, "/etc/ssh/sshd_config", 0, "out of memory; keys incomplete");
	for (size_t i = 0; i < c.nmatches; i++)
		if (c.matches[i].akf != NULL)
			diag_add(&db->diags, c.matches[i].file, c.matches[i].line,
			         "Match %s sets AuthorizedKeysFile: its files are checked for "
			         "every account",
			         c.matches[i].criteria);
	for (size_t i = 0; i < db->n; i++) {
		for (char *const *p = c.akf ? c.akf : dflt; *p; p++)
			keys_for(db, &db->v[i], *p);
		for (size_t m = 0; m < c.nmatches; m++)
			for (char **p = c.matches[m].akf; p && *p; p++)
				keys_for(db, &db->v[i], *p);
	}
	sshd_config_free(&c);
}

/* ---------------------------------------------------------------- cron, units */

static void attach_cron(struct accounts_db *db, struct cron_list *cl, bool system)
{
	for (size_t i = 0; i < cl->n; i++) {
		struct account *a = accounts_by_name(db, cl->v[i].user);
		if (a == NULL) {
			diag_add(&db->diags, cl->v[i].file, cl->v[i].line,
			         "cron job for unknown user %s", cl->v[i].user);
			continue;
		}
		if (add_run(a, NULL, cl->v[i].file, cl->v[i].line) != 0)
			return;
		if (system)
			a->system_runs = true;
	}
}

static void cron_dir(struct accounts_db *db, const char *dir, bool per_user)
{
	char **names, path[4096];
	int n = rootfs_list(&db->root, dir, DIR_MAX, &names);

	if (n < 0) {
		if (n != -ENOENT && n != -ENOTDIR)
			accounts_source_finding(db, SRC_UNREADABLE, dir, 0, "%s", read_err(n));
		return;
	}
	for (int k = 0; k < n; k++) {
		struct cron_list cl = {0};
		char *buf;
		size_t len;

		if (!per_user && strchr(names[k], '.') != NULL)
			continue; /* cron ignores these in /etc/cron.d */
		snprintf(path, sizeof path, "%s/%s", dir, names[k]);
		if (read_opt(db, path, CONF_MAX, &buf, &len) != 0)
			continue;
		crontab_parse(buf, len, path, per_user ? names[k] : NULL, &cl, &db->diags);
		free(buf);
		attach_cron(db, &cl, !per_user);
		cron_list_free(&cl);
	}
	strv_free(names);
}

static void load_cron(struct accounts_db *db)
{
	struct cron_list cl = {0};
	char *buf;
	size_t len;

	if (read_opt(db, "/etc/crontab", CONF_MAX, &buf, &len) == 0) {
		crontab_parse(buf, len, "/etc/crontab", NULL, &cl, &db->diags);
		free(buf);
		attach_cron(db, &cl, true);
		cron_list_free(&cl);
	}
	cron_dir(db, "/etc/cron.d", false);
	cron_dir(db, "/var/spool/cron/crontabs", true);
}

static void unit_file(struct accounts_db *db, const char *path, const char *unit)
{
	struct account *a;
	unsigned long uid;
	char *buf, *user;
	unsigned line;
	size_t len;
	int rc;

	rc = rootfs_read(&db->root, path, CONF_MAX, &buf, &len, NULL);
	if (rc != 0) {
		/* a masked unit is a link to /dev/null: nothing runs */
		if (rc != -EINVAL && rc != -ENOENT)
			diag_add(&db->diags, path, 0, "%s", read_err(rc));
		return;
	}
	if (unit_user_parse(buf, len, &user, &line) != 0)
		diag_add(&db->diags, path, 0, "out of memory");
	free(buf);
	if (user == NULL || strchr(user, '%') != NULL) { /* template specifiers: per instance */
		free(user);
		return;
	}
	a = accounts_by_name(db, user);
	if (a == NULL && parse_ulong(user, strlen(user), 0xfffffffeUL, &uid))
		a = accounts_by_uid(db, (uint32_t)uid);
	if (a == NULL)
		diag_add(&db->diags, path, line, "User=%s is not in /etc/passwd", user);
	else if (add_run(a, unit, path, line) == 0)
		a->system_runs = true;
	free(user);
}

static void load_units(struct accounts_db *db)
{
	static const char *const dirs[] = {"/etc/systemd/system", "/lib/systemd/system",
	                                   "/usr/lib/systemd/system"};
	char **seen[3] = {NULL, NULL, NULL};

	for (int d = 0; d < 3; d++) {
		char **names, path[4096];
		int n = rootfs_list(&db->root, dirs[d], DIR_MAX, &names);

		if (n < 0)
			continue;
		seen[d] = names;
		for (int k = 0; k < n; k++) {
			size_t nl = strlen(names[k]);
			int dup = 0;

			if (nl < 9 || strcmp(names[k] + nl - 8, ".service") != 0)
				continue;
			/* the first directory holding a unit name wins (and
			 * /lib is often a link to /usr/lib) */
			for (int e = 0; e < d && !dup; e++)
				for (char **p = seen[e]; p && *p && !dup; p++)
					dup = strcmp(*p, names[k]) == 0;
			if (dup)
				continue;
			snprintf(path, sizeof path, "%s/%s", dirs[d], names[k]);
			unit_file(db, path, names[k]);
		}
	}
	for (int d = 0; d < 3; d++)
		strv_free(seen[d]);
}

/* A login record source exists: every account is "never" until a record
 * shows a login. */
static void logins_present(struct accounts_db *db)
{
	if (db->login_records)
		return;
	db->login_records = true;
	for (size_t i = 0; i < db->n; i++)
		db->v[i].last_login = 0;
}

static void seen_login(void *ctx, const char *user)
{
	struct account *a = accounts_by_name(ctx, user);

	if (a != NULL)
		a->last_login = 1;
}

static int open_record_file(struct accounts_db *db, const char *path)
{
	struct stat st;
	int fd = rootfs_openat(&db->root, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);

	if (fd < 0) {
		if (fd != -ENOENT && fd != -ENOTDIR)
			accounts_source_finding(db, SRC_UNREADABLE, path, 0, "%s", read_err(fd));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_add(&db->diags, path, 0, "not a regular file; ignored");
		close(fd);
		return -1;
	}
	return fd;
}

static void load_lastlog(struct accounts_db *db)
{
	int fd = open_record_file(db, "/var/log/lastlog");

	if (fd < 0)
		return;
	logins_present(db);
	for (size_t i = 0; i < db->n; i++) {
		long long t;
		if (lastlog_time(fd, db->v[i].uid, &t) == 0 && t != 0)
			db->v[i].last_login = 1;
	}
	close(fd);
}

static void load_wtmp(struct accounts_db *db, const char *path)
{
	int fd = open_record_file(db, path), rc;

	if (fd < 0)
		return;
	logins_present(db);
	if ((rc = wtmp_logins(fd, seen_login, db)) < 0)
		diag_add(&db->diags, path, 0, "%s", read_err(rc));
	close(fd);
}

static void load_login_db(struct accounts_db *db, const char *path,
                          int (*logins)(const unsigned char *, size_t, login_seen_fn, void *))
{
	char *buf;
	size_t len;

	if (read_opt(db, path, LOGIN_DB_MAX, &buf, &len) != 0)
		return;
	logins_present(db);
	if (logins((const unsigned char *)buf, len, seen_login, db) < 0)
		diag_add(&db->diags, path, 0, "not a readable login database; ignored");
	free(buf);
}

/* Who has ever logged in: lastlog (by UID), wtmp and its last rotation,
 * and Debian 13's lastlog2 and wtmpdb databases. */
static void load_logins(struct accounts_db *db)
{
	load_lastlog(db);
	load_wtmp(db, "/var/log/wtmp");
	load_wtmp(db, "/var/log/wtmp.1");
	load_login_db(db, "/var/lib/lastlog/lastlog2.db", lastlog2_logins);
	load_login_db(db, "/var/lib/wtmpdb/wtmp.db", wtmpdb_logins);
}

int accounts_load(struct accounts_db **out, const char *root, char *err, size_t errlen)
{
	struct accounts_db *db = calloc(1, sizeof *db);
	char *buf;
	size_t len;
	int rc;

	if (db == NULL)
		return -ENOMEM;
	db->root.fd = -1;
	rc = rootfs_open(&db->root, root ? root : "/");
	if (rc != 0) {
		snprintf(err, errlen, "%s: %s", root ? root : "/", strerror(-rc));
		free(db);
		return rc;
	}
	db->today = (long)(time(NULL) / 86400);
	login_defs_init(&db->ld);
	if (read_opt(db, "/etc/login.defs", CONF_MAX, &buf, &len) == 0) {
		login_defs_parse(buf, len, "/etc/login.defs", &db->ld, &db->diags);
		free(buf);
	}
	rc = load_passwd(db, err, errlen);
	if (rc != 0) {
		accounts_free(db);
		return rc;
	}
	load_groups(db);
	load_sudoers(db);
	load_keys(db);
	load_cron(db);
	load_units(db);
	load_logins(db);
	*out = db;
	return 0;
}

void accounts_free(struct accounts_db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < db->n; i++) {
		struct account *a = &db->v[i];
		free(a->name);
		free(a->home);
		free(a->shell);
		secure_free_str(a->pwfield);
		free(a->sudo_where);
		for (size_t k = 0; k < a->nruns; k++)
			free(a->runs[k]);
		free(a->runs);
		for (size_t k = 0; k < a->ncreds; k++) {
			free(a->creds[k].kind);
			free(a->creds[k].path);
			free(a->creds[k].category);
		}
		free(a->creds);
		free(a->action);
	}
	free(db->v);
	for (size_t i = 0; i < db->ngroups; i++) {
		free(db->groups[i].name);
		strv_free(db->groups[i].members);
	}
	free(db->groups);
	for (size_t i = 0; i < db->nsrc; i++) {
		free(db->src[i].path);
		free(db->src[i].detail);
	}
	free(db->src);
	account_index_free(&db->by_name);
	account_index_free(&db->by_uid);
	diags_free(&db->diags);
	rootfs_close(&db->root);
	free(db);
}
