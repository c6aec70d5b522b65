#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accounts/cred_scan.h"
#include "audit/engine.h"
#include "audit/hash_scheme.h"
#include "audit/output.h"
#include "audit/scan.h"
#include "secure.h"

#define CHUNK     (1u << 20)
#define MAX_DEPTH 32
#define MAX_FILES 500000
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
	rc = rule_set_load(&cs->rules, rule_dirs, err, errlen);
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
	    leak_hooks_run(cs->hooks_dir, &ev, 10, cs->log, cs->log_ctx) != 0)
		cs->events_failed++;
}

static void on_finding(void *ctx, const struct finding *f)
{
	struct cred_scan *cs = ctx;
	struct accounts_db *db = cs->db;
	struct account *named = NULL, *home = NULL, *owner = NULL, *belongs, *hit = NULL;
	struct found_cred *fc;
	struct acct_cred c = {0};

	if (cs->n >= MAX_FOUND || array_grow((void **)&cs->v, cs->n, sizeof *cs->v, MAX_FOUND) != 0)
		return;
	if (db != NULL && !cs->raw) {
		named = f->account ? accounts_by_name(db, f->account) : NULL;
		home = accounts_by_home(db, cs->cur_path);
		owner = accounts_by_uid(db, cs->cur_uid);
	}
	if (db != NULL && clear_candidate(f))
		hit = confirm_finding(cs, f, named, home, owner);
	fc = &cs->v[cs->n++];
	memset(fc, 0, sizeof *fc);
	fc->rule = strdup(f->rule);
	fc->category = strdup(f->category ? f->category : "");
	fc->clause = strdup(f->clause ? f->clause : "3(1)⑤");
	fc->path = strdup(cs->cur_path);
	fc->line = f->line;
	fc->offset = f->offset;
	fc->severity = hit ? SEV_CRITICAL : f->severity;
	fc->confirmed = hit != NULL;
	fc->backup = cs->cur_backup;
	memcpy(fc->redacted, f->redacted, sizeof fc->redacted);
	memcpy(fc->fingerprint, f->fingerprint, sizeof fc->fingerprint);
	belongs = hit                          ? hit
	          : named                      ? named
	          : home                       ? home
	          : (owner && owner->uid != 0) ? owner
	                                       : NULL;
	if (belongs && cs->cur_backup && !hit && !named)
		belongs = NULL; /* a backup's findings are the host's, not its owner's */
	fc->account = belongs ? strdup(belongs->name) : NULL;
	if (hit) {
		cs->confirmed++;
		raise_event(cs, hit, fc);
	}
	if (belongs == NULL)
		return;
	c.kind = fc->rule;
	c.path = fc->path;
	c.line = fc->line;
	c.category = fc->category;
	c.is_finding = true;
	c.confirmed = fc->confirmed;
	memcpy(c.redacted, fc->redacted, sizeof c.redacted);
	memcpy(c.fingerprint, fc->fingerprint, sizeof c.fingerprint);
	account_add_cred(belongs, &c);
}

static long count_lines(const unsigned char *b, size_t n)
{
	long k = 0;

	for (const unsigned char *p = b, *e = b + n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL;
	     p++)
		k++;
	return k;
}

/* Scan an open regular file in chunks that overlap by twice the engine's
 * window, so a match across a boundary is seen whole, once. */
static int scan_fd(struct cred_scan *cs, int fd)
{
	long line = cs->raw ? -1 : 1;
	size_t w = scan_engine_window(cs->engine), cap = CHUNK > 8 * w ? CHUNK : 8 * w, len = 0;
	unsigned char *buf = malloc(cap);
	uint64_t base = 0;
	bool first = true;

	if (buf == NULL)
		return -ENOMEM;
	for (;;) {
		struct scan_input in = {0};
		bool eof = false;

		while (len < cap) {
			ssize_t r = read(fd, buf + len, cap - len);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				eof = true;
				break;
			}
			len += (size_t)r;
		}
		in.path = cs->cur_path;
		in.buf = buf;
		in.len = len;
		in.base_offset = base;
		in.base_line = line;
		in.report_from = first ? 0 : w;
		in.report_until = eof ? 0 : len - w;
		if (len > 0)
			scan_buffer(cs->engine, cs->scratch, &in, on_finding, cs);
		cs->bytes += first ? len : len - 2 * w;
		if (eof || len <= 2 * w)
			break;
		if (line > 0)
			line += count_lines(buf, len - 2 * w);
		memmove(buf, buf + len - 2 * w, 2 * w);
		base += len - 2 * w;
		len = 2 * w;
		first = false;
	}
	secure_free(buf, cap);
	return 0;
}

/* Archives and compressed files (by their magic) go through the shared
 * scanner, which opens them member by member within its expansion
 * limits. Its findings carry no secret, so they are kept and attached
 * but cannot be confirmed. */
static bool is_archive(int fd)
{
	unsigned char m[512];
	ssize_t n = pread(fd, m, sizeof m, 0);

	if (n < 6)
		return false;
	return (m[0] == 0x1f && m[1] == 0x8b) || memcmp(m, "BZh", 3) == 0 ||
	       memcmp(m,
	              "\xfd"
	              "7zXZ",
	              5) == 0 ||
	       memcmp(m, "\x28\xb5\x2f\xfd", 4) == 0 || memcmp(m, "PK\x03\x04", 4) == 0 ||
	       memcmp(m, "7z\xbc\xaf\x27\x1c", 6) == 0 ||
	       (n >= 262 && memcmp(m + 257, "ustar", 5) == 0);
}

struct collect {
	struct cred_scan *cs;
	const char *host; /* host path of the archive */
	const char *path; /* its in-root path */
};

static void keep_hit(struct cred_scan *cs, const struct scan_hit *h, const char *path)
{
	struct account *owner = NULL;
	struct found_cred *fc;
	struct acct_cred c = {0};

	if (cs->n >= MAX_FOUND || array_grow((void **)&cs->v, cs->n, sizeof *cs->v, MAX_FOUND) != 0)
		return;
	fc = &cs->v[cs->n++];
	memset(fc, 0, sizeof *fc);
	fc->rule = strdup(h->rule);
	fc->category = strdup(h->category ? h->category : "");
	fc->clause = strdup(h->clause ? h->clause : "3(1)⑤");
	fc->path = strdup(path);
	fc->line = h->line;
	fc->offset = h->offset;
	fc->severity = h->severity;
	fc->backup = cs->cur_backup;
	memcpy(fc->redacted, h->redacted, sizeof fc->redacted);
	memcpy(fc->fingerprint, h->fingerprint, sizeof fc->fingerprint);
	if (cs->db != NULL && !cs->cur_backup) {
		owner = h->account ? accounts_by_name(cs->db, h->account) : NULL;
		if (owner == NULL)
			owner = accounts_by_home(cs->db, cs->cur_path);
	}
	if (owner == NULL)
		return;
	fc->account = strdup(owner->name);
	c.kind = fc->rule;
	c.path = fc->path;
	c.line = fc->line;
	c.category = fc->category;
	c.is_finding = true;
	memcpy(c.redacted, fc->redacted, sizeof c.redacted);
	memcpy(c.fingerprint, fc->fingerprint, sizeof c.fingerprint);
	account_add_cred(owner, &c);
}

static int collect_hits(struct output *o, const struct scan_hit *hits, size_t n)
{
	struct collect *k = o->priv;
	size_t hl = strlen(k->host);

	for (size_t i = 0; i < n; i++) {
		/* "HOST!member" -> "IN-ROOT!member" */
		const char *rest = strncmp(hits[i].path, k->host, hl) == 0 ? hits[i].path + hl : "";
		char *p = malloc(strlen(k->path) + strlen(rest) + 1);

		if (p == NULL)
			return -ENOMEM;
		sprintf(p, "%s%s", k->path, rest);
		keep_hit(k->cs, &hits[i], p);
		free(p);
	}
	return 0;
}

static int collect_end(struct output *o, const struct scan_coverage *cov)
{
	(void)o;
	(void)cov;
	return 0;
}

static const struct output_ops collect_ops = {collect_hits, collect_end, NULL};

static int scan_archive(struct cred_scan *cs, const char *path)
{
	struct collect k = {cs, NULL, path};
	struct output out = {&collect_ops, NULL, NULL, false, &k};
	struct scan_sinks sinks = {&out, NULL, NULL, NULL};
	struct scan_options o;
	struct scan_coverage cov;
	char err[256], *host = rootfs_host_path(&cs->db->root, path);
	const char *paths[1];
	int rc;

	if (host == NULL)
		return 0;
	k.host = host;
	paths[0] = host;
	scan_options_default(&o);
	o.jobs = 1;
	memset(&cov, 0, sizeof cov);
	rc = scan_paths(cs->engine, &o, paths, 1, &sinks, &cov, err, sizeof err);
	if (rc != 0 && rc != -ENOMEM)
		diag_add(cs->diags, path, 0, "archive not scanned: %s", err);
	if (scan_coverage_errors(&cov) > 0)
		diag_add(cs->diags, path, 0,
		         "archive partly unreadable (damaged or over the expansion limits)");
	cs->bytes += cov.bytes;
	cs->archives++;
	scan_coverage_free(&cov);
	free(host);
	return rc == -ENOMEM ? rc : 0;
}

static int scan_dir(struct cred_scan *cs, int dfd, char *path, size_t plen, size_t cap, int depth);

/* Scan what fd (opened without following a link) is; fd is closed. */
static int scan_entry(struct cred_scan *cs, int fd, char *path, size_t plen, size_t cap, int depth)
{
	struct stat st;
	int rc = 0;

	if (fstat(fd, &st) != 0) {
		close(fd);
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		if (depth < MAX_DEPTH)
			return scan_dir(cs, fd, path, plen, cap, depth + 1);
		diag_add(cs->diags, path, 0, "directory nested too deeply; not scanned");
	} else if (S_ISREG(st.st_mode) && cs->files < MAX_FILES) {
		if ((size_t)st.st_size > cs->max_file) {
			cs->skipped_files++;
			diag_add(cs->diags, path, 0, "larger than %zu MiB; not scanned",
			         cs->max_file >> 20);
		} else {
			(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
			cs->files++;
			cs->cur_path = path;
			cs->cur_uid = (uint32_t)st.st_uid;
			cs->cur_backup = cred_path_is_backup(path);
			rc = cs->db != NULL && is_archive(fd) ? scan_archive(cs, path)
			                                      : scan_fd(cs, fd);
			cs->cur_path = NULL;
		}
	}
	close(fd);
	return rc;
}

/* The files that are the account database itself are not "stored
 * credentials"; their backup copies are. */
static int account_db_file(const char *path)
{
	static const char *const own[] = {"/etc/passwd", "/etc/shadow", "/etc/group",
	                                  "/etc/gshadow", NULL};
	for (const char *const *p = own; *p; p++)
		if (strcmp(path, *p) == 0)
			return 1;
	return 0;
}

static int scan_dir(struct cred_scan *cs, int dfd, char *path, size_t plen, size_t cap, int depth)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	int rc = 0;

	if (d == NULL) {
		close(dfd);
		return 0;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		size_t nl = strlen(de->d_name), sep = plen > 1, end = plen + sep + nl;
		int fd;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 || end + 1 > cap)
			continue;
		if (sep)
			path[plen] = '/';
		memcpy(path + plen + sep, de->d_name, nl + 1);
		if (!account_db_file(path)) {
			/* no link is followed while walking */
			fd = openat(dirfd(d), de->d_name,
			            O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
			if (fd >= 0)
				rc = scan_entry(cs, fd, path, end, cap, depth);
			else if (errno == EACCES)
				diag_add(cs->diags, path, 0,
				         "permission denied; run as root to scan it");
		}
		path[plen] = '\0';
	}
	closedir(d);
	return rc;
}

int cred_scan_path(struct cred_scan *cs, const char *path)
{
	char buf[4096];
	size_t plen = strlen(path);
	int fd;

	if (plen >= sizeof buf || account_db_file(path))
		return 0;
	fd = rootfs_openat(&cs->db->root, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (fd == -EACCES)
			diag_add(cs->diags, path, 0, "permission denied; run as root to scan it");
		return 0;
	}
	memcpy(buf, path, plen + 1);
	while (plen > 1 && buf[plen - 1] == '/')
		buf[--plen] = '\0';
	return scan_entry(cs, fd, buf, plen, sizeof buf, 0);
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
	cs->cur_path = label;
	cs->raw = true;
	rc = scan_buffer(cs->engine, cs->scratch, &in, on_finding, cs);
	cs->raw = false;
	cs->cur_path = NULL;
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
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return -errno;
	cs->cur_path = path;
	cs->raw = true;
	rc = scan_fd(cs, fd);
	cs->raw = false;
	cs->cur_path = NULL;
	close(fd);
	return rc;
}
