#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/cred_scan.h"
#include "rules/engine.h"
#include "rules/rule_set.h"
#include "rules/decoders/hash_scheme.h"
#include "scan/output.h"
#include "scan/scan.h"
#include "secure.h"

#define MAX_TRIED 8192
#define MAX_FOUND 100000

struct tried {
	char fingerprint[FINGERPRINT_LEN];
	const struct account *a;
};

int cred_scan_init(struct cred_scan *cs, struct accounts_db *db, const char *const *rule_dirs,
                   char *err, size_t errlen)
{
	int rc;

	memset(cs, 0, sizeof *cs);
	cs->db = db;
	cs->diags = db ? &db->diags : &cs->own_diags;
	cs->max_file = 256u << 20;
	crypt_budget_init(&cs->budget, CONFIRM_MAX_CALLS_DEFAULT, CONFIRM_MAX_SECONDS_DEFAULT);
	rc = rule_dirs != NULL ? rule_set_load(&cs->rules, rule_dirs, err, errlen)
	                       : rule_set_load_default(&cs->rules, err, errlen);
	if (rc == 0)
		rc = scan_engine_build(&cs->engine, cs->rules, err, errlen);
	if (rc == 0 && (rc = scan_scratch_new(cs->engine, &cs->scratch)) != 0)
		snprintf(err, errlen, "scanner: %s", strerror(-rc));
	if (rc != 0)
		cred_scan_free(cs);
	return rc;
}

void cred_scan_free(struct cred_scan *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		free(cs->v[i].rule);
		free(cs->v[i].category);
		free(cs->v[i].clause);
		free(cs->v[i].path);
		free(cs->v[i].account);
	}
	free(cs->v);
	free(cs->tried);
	diags_free(&cs->own_diags);
	if (cs->scratch)
		scan_scratch_free(cs->scratch);
	if (cs->engine)
		scan_engine_free(cs->engine);
	if (cs->rules)
		rule_set_free(cs->rules);
	cs->v = NULL;
	cs->n = 0;
	cs->tried = NULL;
	cs->scratch = NULL;
	cs->engine = NULL;
	cs->rules = NULL;
}

bool cred_path_is_backup(const char *path)
{
	size_t n = strlen(path);

	return strncmp(path, "/var/backups/", 13) == 0 || (n > 1 && path[n - 1] == '-') ||
	       (n > 4 && strcmp(path + n - 4, ".bak") == 0) ||
	       (n > 4 && strcmp(path + n - 4, ".old") == 0) || (n > 1 && path[n - 1] == '~');
}

/* A clear password the scanner can hand us: decoded reversible forms, or
 * a value from a password-like rule that is not itself a hash. */
static bool clear_candidate(const struct finding *f)
{
	static const char *const words[] = {"password", "passwd", "pwd",        "netrc", "pgpass",
	                                    "url",      "uri",    "credential", NULL};
	char tmp[200];

	if (f->secret == NULL || f->secret_len == 0 || f->secret_len >= sizeof tmp)
		return false;
	if (f->recoverable)
		return true;
	memcpy(tmp, f->secret, f->secret_len);
	tmp[f->secret_len] = '\0';
	if (hash_scheme_name(tmp, NULL) != NULL) {
		secure_wipe(tmp, sizeof tmp);
		return false;
	}
	secure_wipe(tmp, sizeof tmp);
	for (const char *const *w = words; *w; w++)
		if (strstr(f->rule, *w))
			return true;
	return false;
}

static bool already_tried(struct cred_scan *cs, const char *fp, const struct account *a)
{
	struct tried *t = cs->tried;

	for (size_t i = 0; i < cs->ntried; i++)
		if (t[i].a == a && strcmp(t[i].fingerprint, fp) == 0)
			return true;
	if (cs->ntried < MAX_TRIED &&
	    array_grow(&cs->tried, cs->ntried, sizeof *t, MAX_TRIED) == 0) {
		t = cs->tried;
		memcpy(t[cs->ntried].fingerprint, fp, FINGERPRINT_LEN);
		t[cs->ntried++].a = a;
	}
	return false;
}

static struct account *try_one(struct cred_scan *cs, const struct finding *f, struct account *a)
{
	if (a == NULL || a->hi.state != PW_USABLE || already_tried(cs, f->fingerprint, a))
		return NULL;
	return confirm_password(&cs->budget, f->secret, f->secret_len, a->pwfield) == 1 ? a : NULL;
}

/* Accounts the secret could open: the one named, the home's owner, the
 * file's owner; unless an account is named, then every account with a
 * usable hash (at most CANDIDATES_MAX). */
static struct account *confirm_finding(struct cred_scan *cs, const struct finding *f,
                                       struct account *named, struct account *home,
                                       struct account *owner)
{
	struct account *hit;
	size_t tried = 0;

	if ((hit = try_one(cs, f, named)) || (hit = try_one(cs, f, home)) ||
	    (hit = try_one(cs, f, owner)))
		return hit;
	if (named)
		return NULL;
	/* Sweeps may use half the budget, so that secrets with a known owner
	 * found later are still checked. */
	if (cs->budget.calls >= cs->budget.max_calls / 2) {
		cs->budget.skipped++;
		return NULL;
	}
	for (size_t i = 0; i < cs->db->n && tried < CANDIDATES_MAX; i++) {
		struct account *a = &cs->db->v[i];
		if (a->hi.state != PW_USABLE)
			continue;
		tried++;
		if ((hit = try_one(cs, f, a)) != NULL)
			return hit;
	}
	return NULL;
}

static void raise_event(struct cred_scan *cs, const struct account *a, const struct found_cred *fc)
{
	char detail[4200];
	struct leak_event ev = {
	        .event = "confirmed_leak",
	        .user = a->name,
	        .source = "credaudit",
	        .detail = detail,
	        .action = "password_change_required",
	};

	if (fc->line > 0)
		snprintf(detail, sizeof detail, "%s:%ld", fc->path, fc->line);
	else
		snprintf(detail, sizeof detail, "%s@%llu", fc->path,
		         (unsigned long long)fc->offset);
	if (cs->hooks_dir != NULL &&
	    leak_hooks_run(cs->hooks_dir, &ev, cs->hook_timeout, cs->log, cs->log_ctx) != 0)
		cs->events_failed++;
}

/* The files that are the account database itself are not "stored
 * credentials"; their backup copies are. */
static bool account_db_file(const char *path)
{
	static const char *const own[] = {"/etc/passwd", "/etc/shadow", "/etc/group",
	                                  "/etc/gshadow", NULL};
	for (const char *const *p = own; *p; p++)
		if (strcmp(path, *p) == 0)
			return true;
	return false;
}

/* The in-root path of a path the scanner reports ("HOST!member" ->
 * "IN-ROOT!member"), malloc'd, or NULL. */
static char *in_root(const struct cred_scan *cs, const char *p)
{
	size_t hl;
	const char *rest;
	char *r;

	if (cs->cur_host == NULL)
		return strdup(p);
	hl = strlen(cs->cur_host);
	rest = strncmp(p, cs->cur_host, hl) == 0 ? p + hl : "";
	if (strcmp(cs->cur_path, "/") == 0 && rest[0] == '/')
		rest++;
	r = malloc(strlen(cs->cur_path) + strlen(rest) + 1);
	if (r != NULL)
		sprintf(r, "%s%s", cs->cur_path, rest);
	return r;
}

/* Whether the top-level file of an in-root path (the part before an
 * archive's "!member") is a backup copy. */
static bool top_is_backup(const struct cred_scan *cs, const char *p)
{
	size_t skip = cs->cur_path != NULL ? strlen(cs->cur_path) : 0;
	const char *bang = strlen(p) >= skip ? strchr(p + skip, '!') : NULL;
	char *top;
	bool b;

	if (bang == NULL)
		return cred_path_is_backup(p);
	top = strndup(p, (size_t)(bang - p));
	b = top != NULL && cred_path_is_backup(top);
	free(top);
	return b;
}

/* The scanner's secret hook (serialised by the scanner): find the account
 * the finding belongs to (the one the rule names, else the home's owner,
 * else the file's non-root owner; none for a backup), and try a clear
 * password against the shadow hashes of the accounts it could open. */
static void on_secret(void *ctx, const struct finding *f, struct scan_verdict *v)
{
	struct cred_scan *cs = ctx;
	struct accounts_db *db = cs->db;
	struct account *named = NULL, *home = NULL, *owner = NULL, *belongs, *hit = NULL;
	char *p;

	if (db == NULL || (p = in_root(cs, f->path)) == NULL)
		return;
	if (account_db_file(p)) {
		free(p);
		return;
	}
	if (!cs->raw) {
		named = f->account ? accounts_by_name(db, f->account) : NULL;
		home = accounts_by_home(db, p);
		owner = v->owner_uid >= 0 ? accounts_by_uid(db, (uint32_t)v->owner_uid) : NULL;
	}
	if (clear_candidate(f))
		hit = confirm_finding(cs, f, named, home, owner);
	belongs = hit                          ? hit
	          : named                      ? named
	          : home                       ? home
	          : (owner && owner->uid != 0) ? owner
	                                       : NULL;
	if (belongs && top_is_backup(cs, p) && !hit && !named)
		belongs = NULL; /* a backup's findings are the host's, not its owner's */
	v->account = belongs ? belongs->name : NULL;
	if (hit) {
		v->confirmed = true;
		v->severity = SEV_CRITICAL;
	}
	free(p);
}

/* Keep a hit (its final path and line) and attach it to its account;
 * a confirmed one raises its event here, where its line is final. */
static int keep_hit(struct cred_scan *cs, const struct scan_hit *h)
{
	struct account *belongs;
	struct found_cred *fc;
	struct acct_cred c = {0};
	char *p = in_root(cs, h->path);

	if (p == NULL)
		return -ENOMEM;
	if (account_db_file(p) || cs->n >= MAX_FOUND ||
	    array_grow((void **)&cs->v, cs->n, sizeof *cs->v, MAX_FOUND) != 0) {
		free(p);
		return 0;
	}
	fc = &cs->v[cs->n++];
	memset(fc, 0, sizeof *fc);
	fc->rule = strdup(h->rule);
	fc->category = strdup(h->category ? h->category : "");
	fc->clause = strdup(h->clause ? h->clause : "3(1)⑤");
	fc->path = p;
	fc->line = h->line;
	fc->offset = h->offset;
	fc->severity = h->severity;
	fc->confirmed = h->confirmed;
	fc->backup = top_is_backup(cs, p);
	memcpy(fc->redacted, h->redacted, sizeof fc->redacted);
	memcpy(fc->fingerprint, h->fingerprint, sizeof fc->fingerprint);
	belongs =
	        cs->db != NULL && h->account != NULL ? accounts_by_name(cs->db, h->account) : NULL;
	fc->account = belongs ? strdup(belongs->name) : NULL;
	if (fc->confirmed && belongs != NULL) {
		cs->confirmed++;
		raise_event(cs, belongs, fc);
	}
	if (belongs == NULL)
		return 0;
	c.kind = fc->rule;
	c.path = fc->path;
	c.line = fc->line;
	c.category = fc->category;
	c.is_finding = true;
	c.confirmed = fc->confirmed;
	memcpy(c.redacted, fc->redacted, sizeof c.redacted);
	memcpy(c.fingerprint, fc->fingerprint, sizeof c.fingerprint);
	account_add_cred(belongs, &c);
	return 0;
}

static int collect_hits(struct output *o, const struct scan_hit *hits, size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++)
		rc = keep_hit(o->priv, &hits[i]);
	return rc;
}

static int collect_end(struct output *o, const struct scan_coverage *cov)
{
	(void)o;
	(void)cov;
	return 0;
}

static const struct output_ops collect_ops = {collect_hits, collect_end, NULL};

/* What the scanner could not read, as diagnostics that say what to do.
 * Things deliberately not read (links, pipes, other file systems) are
 * not reported. */
static void note_problems(struct cred_scan *cs, const struct scan_coverage *cov)
{
	for (size_t i = 0; i < cov->nproblems; i++) {
		const struct scan_problem *pr = &cov->problems[i];
		char *p = in_root(cs, pr->path);
		const char *at = p != NULL ? p : pr->path;

		switch (pr->reason) {
		case COV_ERR_ACCESS:
			diag_add(cs->diags, at, 0, "permission denied; run as root to scan it");
			break;
		case COV_SIZE_CAP:
			cs->skipped_files++;
			diag_add(cs->diags, at, 0, "larger than %zu MiB; only that much scanned",
			         cs->max_file >> 20);
			break;
		case COV_TOO_DEEP:
			diag_add(cs->diags, at, 0, "directory nested too deeply; not scanned");
			break;
		case COV_ARCHIVE_LIMIT:
		case COV_ARCHIVE_DEPTH:
		case COV_ERR_ARCHIVE:
			diag_add(
			        cs->diags, at, 0,
			        "archive partly unreadable (damaged or over the expansion limits)");
			break;
		case COV_ERR_VANISHED:
		case COV_ERR_IO:
		case COV_FINDINGS_CAP:
			diag_add(cs->diags, at, 0, "not completely scanned: %s; scan it again",
			         pr->detail ? pr->detail : cov_reason_label(pr->reason));
			break;
		default:
			break;
		}
		free(p);
	}
}

/* Run the shared scanner over host (a tree or, raw, a device) reported
 * as label, collecting its hits and confirming their secrets. */
static int run_scan(struct cred_scan *cs, const char *host, const char *label, bool device)
{
	struct output out = {.ops = &collect_ops, .priv = cs};
	struct scan_sinks sinks = {.out = &out, .on_secret = on_secret, .secret_ctx = cs};
	struct scan_options o;
	struct scan_coverage cov;
	char err[512];
	int rc;

	scan_options_default(&o);
	o.limits.max_file_size = cs->max_file;
	cs->cur_host = device ? NULL : host;
	cs->cur_path = label;
	cs->raw = device;
	if (device)
		rc = scan_device(cs->engine, &o, host, &sinks, &cov, err, sizeof err);
	else
		rc = scan_paths(cs->engine, &o, &host, 1, &sinks, &cov, err, sizeof err);
	if (rc < 0 && rc != -ENOMEM && !device)
		diag_add(cs->diags, label, 0, "not scanned: %s", err);
	note_problems(cs, &cov);
	cs->files += cov.files;
	cs->bytes += cov.bytes;
	cs->archives += cov.archives;
	scan_coverage_free(&cov);
	cs->cur_host = NULL;
	cs->cur_path = NULL;
	cs->raw = false;
	return rc == -ENOMEM || device ? rc : 0;
}

int cred_scan_path(struct cred_scan *cs, const char *path)
{
	char buf[4096], *host;
	size_t plen = strlen(path);
	int rc;

	if (plen >= sizeof buf || account_db_file(path))
		return 0;
	memcpy(buf, path, plen + 1);
	while (plen > 1 && buf[plen - 1] == '/')
		buf[--plen] = '\0';
	host = rootfs_host_path(&cs->db->root, buf);
	if (host == NULL) {
		if (errno == EACCES)
			diag_add(cs->diags, buf, 0, "permission denied; run as root to scan it");
		return errno == ENOMEM ? -ENOMEM : 0;
	}
	rc = run_scan(cs, host, buf, false);
	free(host);
	return rc;
}

/* Homes in system trees (daemon's /usr/sbin, bin's /bin) hold programs,
 * not a user's files. */
static bool system_tree(const char *h)
{
	static const char *const trees[] = {"/bin",
	                                    "/sbin",
	                                    "/usr",
	                                    "/lib",
	                                    "/dev",
	                                    "/proc",
	                                    "/sys",
	                                    "/run",
	                                    "/var/run",
	                                    "/var/cache",
	                                    "/var/lib/dpkg",
	                                    "/var/lib/apt",
	                                    "/var/spool/lpd",
	                                    "/var/spool/news",
	                                    "/var/spool/uucp",
	                                    "/var/mail",
	                                    "/nonexistent",
	                                    NULL};
	for (const char *const *t = trees; *t; t++) {
		size_t n = strlen(*t);
		if (strncmp(h, *t, n) == 0 && (h[n] == '/' || h[n] == '\0'))
			return true;
	}
	return h[0] != '/' || h[1] == '\0';
}

int cred_scan_defaults(struct cred_scan *cs)
{
	static const char *const fixed[] = {"/etc",           "/root",           "/srv",
	                                    "/opt",           "/var/backups",    "/var/www",
	                                    "/usr/local/etc", "/var/spool/cron", NULL};
	const char **done = calloc(cs->db->n + 16, sizeof *done);
	size_t nd = 0;
	int rc = 0;

	if (done == NULL)
		return -ENOMEM;
	/* Homes first: their secrets have a known owner and are cheap to
	 * confirm; then the shared trees, skipping homes inside them. */
	for (size_t i = 0; i < cs->db->n && rc == 0; i++) {
		const char *h = cs->db->v[i].home;
		bool covered = system_tree(h);

		for (const char *const *p = fixed; *p && !covered; p++) {
			size_t dl = strlen(*p);
			covered = strncmp(h, *p, dl) == 0 && (h[dl] == '/' || h[dl] == '\0');
		}
		for (size_t k = 0; k < nd && !covered; k++) {
			size_t dl = strlen(done[k]);
			covered = strncmp(h, done[k], dl) == 0 && (h[dl] == '/' || h[dl] == '\0');
		}
		if (covered)
			continue;
		rc = cred_scan_path(cs, h);
		done[nd++] = h;
	}
	for (const char *const *p = fixed; *p && rc == 0; p++)
		rc = cred_scan_path(cs, *p);
	free(done);
	return rc;
}

/* A finding in a block the caller read: the same hook and keeping as
 * the scanner's, without it. */
static void on_block_finding(void *ctx, const struct finding *f)
{
	struct cred_scan *cs = ctx;
	struct scan_verdict v = {-1, f->severity, f->confirmed, f->account};
	struct scan_hit h = {0};

	on_secret(cs, f, &v);
	h.path = (char *)f->path;
	h.rule = f->rule;
	h.category = f->category;
	h.clause = f->clause;
	h.severity = v.severity;
	h.line = -1;
	h.offset = f->offset;
	h.account = (char *)v.account;
	h.confirmed = v.confirmed;
	memcpy(h.redacted, f->redacted, sizeof h.redacted);
	memcpy(h.fingerprint, f->fingerprint, sizeof h.fingerprint);
	(void)keep_hit(cs, &h);
}

int cred_scan_buffer(struct cred_scan *cs, const char *label, const unsigned char *buf, size_t len,
                     uint64_t offset)
{
	struct scan_input in = {0};
	int rc;

	in.path = label;
	in.buf = buf;
	in.len = len;
	in.base_offset = offset;
	in.base_line = -1;
	cs->raw = true;
	rc = scan_buffer(cs->engine, cs->scratch, &in, on_block_finding, cs);
	cs->raw = false;
	cs->bytes += len;
	return rc < 0 ? rc : 0;
}

void cred_scan_truncate(struct cred_scan *cs, size_t n)
{
	while (cs->n > n) {
		struct found_cred *f = &cs->v[--cs->n];
		free(f->rule);
		free(f->category);
		free(f->clause);
		free(f->path);
		free(f->account);
	}
}

int cred_scan_device(struct cred_scan *cs, const char *path)
{
	return run_scan(cs, path, path, true);
}
