/* Reading a stream in overlapping chunks and running the engine on each.
 *
 * Every match is reported exactly once and whole, whatever the chunk size
 * (engine.h): with W the engine's window (no match is longer), chunk k
 * covers [S, E) and reports matches starting in [S + W, E - W) (from S on
 * for the first chunk, up to E for the last); chunk k+1 starts at E - 2W.
 * Holes of sparse files are skipped: a chunk ending at a hole is a last
 * chunk, the one after it a first. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan/baseline.h"
#include "rules/newlines.h"
#include "scan/archive.h"
#include "scan/emit.h"
#include "scan/utf16.h"
#include "secure.h"

#define ALLOW_MARK "credaudit:allow"
#define ALLOW_LOOK 4096 /* bytes searched either side of a finding for its line */

int worker_init(struct scan_worker *w, struct scan_ctx *ctx)
{
	memset(w, 0, sizeof *w);
	w->ctx = ctx;
	w->top_uid = -1;
	return scan_scratch_new(ctx->engine, &w->scratch);
}

void worker_fini(struct scan_worker *w)
{
	for (unsigned i = 0; i < SCAN_MAX_LEVELS; i++) {
		if (w->bufs[i] != NULL)
			secure_free(w->bufs[i], w->ctx->bufcap);
		w->bufs[i] = NULL;
	}
	if (w->scratch != NULL)
		scan_scratch_free(w->scratch);
	w->scratch = NULL;
}

unsigned char *worker_buf(struct scan_worker *w, unsigned level)
{
	if (level >= SCAN_MAX_LEVELS)
		return NULL;
	if (w->bufs[level] == NULL)
		w->bufs[level] = malloc(w->ctx->bufcap);
	return w->bufs[level];
}

void file_source_init(struct file_source *fs, int fd, const struct stat *st)
{
	memset(fs, 0, sizeof *fs);
	fs->fd = fd;
	/* Fewer blocks than the size says: there are holes worth skipping. */
	fs->sparse = S_ISREG(st->st_mode) && (uint64_t)st->st_blocks * 512 < (uint64_t)st->st_size;
	fs->data_end = fs->sparse ? 0 : UINT64_MAX;
}

ssize_t file_source_read(void *vctx, unsigned char *buf, size_t len, uint64_t *hole)
{
	struct file_source *fs = vctx;
	ssize_t n;

	*hole = 0;
	if (fs->sparse && !fs->no_holes && fs->pos >= fs->data_end) {
		off_t d = lseek(fs->fd, (off_t)fs->pos, SEEK_DATA);
		if (d < 0) {
			if (errno == ENXIO)
				return 0;   /* only a hole up to the end */
			fs->sparse = false; /* no SEEK_DATA here: read plainly */
			fs->data_end = UINT64_MAX;
		} else {
			off_t h = lseek(fs->fd, d, SEEK_HOLE);
			fs->data_end = h > d ? (uint64_t)h : UINT64_MAX;
			if ((uint64_t)d > fs->pos) {
				*hole = (uint64_t)d - fs->pos;
				fs->pos = (uint64_t)d;
				return 0;
			}
		}
	}
	if (fs->data_end != UINT64_MAX && !fs->no_holes && len > fs->data_end - fs->pos)
		len = (size_t)(fs->data_end - fs->pos);
	do
		n = pread(fs->fd, buf, len, (off_t)fs->pos);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	fs->pos += (uint64_t)n;
	return n;
}

/* What one engine call needs to turn its findings into hits. */
struct chunk_cb {
	struct scan_worker *w;
	const char *path;
	const unsigned char *buf;
	size_t len;
	uint64_t base;      /* offset of buf[0] */
	size_t report_from; /* see struct scan_input */
	size_t report_until;
	struct scan_input *in; /* the engine's call, while it runs */
};

static bool line_allows(const struct chunk_cb *c, uint64_t offset)
{
	size_t at = (size_t)(offset - c->base), from, to;

	if (offset < c->base || at > c->len)
		return false;
	from = at;
	while (from > 0 && at - from < ALLOW_LOOK && c->buf[from - 1] != '\n')
		from--;
	to = at;
	while (to < c->len && to - at < ALLOW_LOOK && c->buf[to] != '\n')
		to++;
	return memmem(c->buf + from, to - from, ALLOW_MARK, sizeof ALLOW_MARK - 1) != NULL;
}

static char *dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? strdup(s) : NULL;
}

/* Let the secret hook see the finding, at its final place, and upgrade
 * the hit. */
static void ask_secret_hook(const struct chunk_cb *c, const struct finding *f, struct scan_hit *h)
{
	struct scan_worker *w = c->w;
	const struct scan_sinks *s = w->ctx->sinks;
	struct finding at = *f;
	struct scan_verdict v = {.owner_uid = w->top_uid,
	                         .severity = h->severity,
	                         .confirmed = h->confirmed,
	                         .account = f->account};

	at.path = c->path;
	at.line = w->ctx->raw || w->res->range ? -1 : f->line;
	pthread_mutex_lock(&w->ctx->secret_mu);
	s->on_secret(s->secret_ctx, &at, &v);
	pthread_mutex_unlock(&w->ctx->secret_mu);
	h->severity = v.severity;
	h->confirmed = v.confirmed;
	if (v.account != f->account) {
		free(h->account);
		h->account = dup_or_null(v.account);
	}
}

static void on_finding(void *vctx, const struct finding *f)
{
	struct chunk_cb *c = vctx;
	struct scan_worker *w = c->w;
	struct file_result *res = w->res;
	const struct baseline *bl = w->ctx->opt->baseline;
	struct scan_hit *h;

	if (line_allows(c, f->offset)) {
		w->counts.suppressed_inline++;
		if (c->in != NULL && c->in->max_findings > 0)
			c->in->max_findings++; /* not kept: no part of the cap */
		return;
	}
	if (res->nhits >= SCAN_MAX_HITS_PER_FILE) {
		/* a range of a split file: emission lists the file once */
		if (!res->capped && !res->range)
			scan_problem(w->ctx, &w->counts, w->top_path, COV_FINDINGS_CAP, NULL);
		res->capped = true;
		return;
	}
	if (res->nhits == res->cap) {
		size_t n = res->cap ? res->cap * 2 : 8;
		void *np = realloc(res->hits, n * sizeof *res->hits);
		if (np == NULL)
			return;
		res->hits = np;
		res->cap = n;
	}
	h = &res->hits[res->nhits];
	memset(h, 0, sizeof *h);
	h->path = strdup(c->path);
	if (h->path == NULL)
		return;
	h->rule = f->rule;
	h->category = f->category;
	h->clause = f->clause;
	h->description = f->description;
	h->severity = f->severity;
	h->line = w->ctx->raw ? -1 : f->line;
	h->offset = f->offset;
	h->account = dup_or_null(f->account);
	h->note = dup_or_null(f->note);
	h->recoverable = f->recoverable;
	h->context = f->context;
	h->weak = f->weak;
	h->confirmed = f->confirmed;
	if (w->ctx->sinks->on_secret != NULL)
		ask_secret_hook(c, f, h);
	/* The engine may already have filled these; the secret never leaves. */
	if (f->fingerprint[0] != '\0')
		memcpy(h->fingerprint, f->fingerprint, sizeof h->fingerprint);
	else
		secret_fingerprint(f->secret, f->secret_len, h->fingerprint);
	if (f->redacted[0] != '\0')
		memcpy(h->redacted, f->redacted, sizeof h->redacted);
	else
		secret_redact(f->secret, f->secret_len, h->redacted);
	h->redacted[REDACTED_LEN - 1] = '\0';
	h->fingerprint[FINGERPRINT_LEN - 1] = '\0';
	if (bl != NULL && baseline_contains(bl, h->rule, h->fingerprint, h->path)) {
		h->baselined = true;
		w->counts.suppressed_baseline++;
	}
	res->nhits++;
}

/* How much of path is the root it was found under: the longest root that
 * is path or a directory above it; 0 when none is (a device). */
static size_t root_len(const struct scan_ctx *ctx, const char *path)
{
	size_t best = 0;

	for (size_t i = 0; i < ctx->nroots; i++) {
		size_t n = strlen(ctx->roots[i]);
		if (n > best && strncmp(path, ctx->roots[i], n) == 0 &&
		    (path[n] == '\0' || path[n] == '/' || (n > 0 && path[n - 1] == '/')))
			best = n;
	}
	return best;
}

static int run_engine(struct scan_worker *w, struct chunk_cb *c, long line)
{
	struct scan_input in = {
	        .path = c->path,
	        .root_len = root_len(w->ctx, c->path),
	        .buf = c->buf,
	        .len = c->len,
	        .base_offset = c->base,
	        .base_line = line,
	        .report_from = c->report_from,
	        .report_until = c->report_until,
	        /* one past what the file may still keep: on_finding() sees
	         * that it is capped */
	        .max_findings = w->res->nhits < SCAN_MAX_HITS_PER_FILE
	                                ? SCAN_MAX_HITS_PER_FILE - w->res->nhits + 1
	                                : 1,
	};
	int rc;

	if (c->len == 0)
		return 0;
	c->in = &in;
	rc = scan_buffer(w->ctx->engine, w->scratch, &in, on_finding, c);
	c->in = NULL;
	return rc < 0 ? rc : 0;
}

int scan_file_range(struct scan_worker *w, const char *path, int fd, uint64_t lo, uint64_t hi,
                    uint64_t size)
{
	const size_t W = w->ctx->window;
	uint64_t s = lo > W ? lo - W : 0, e = hi + W < size ? hi + W : size;
	unsigned char *buf = worker_buf(w, 0);
	struct chunk_cb c = {.w = w,
	                     .path = path,
	                     .buf = buf,
	                     .base = s,
	                     .report_from = (size_t)(lo - s),
	                     .report_until = hi < size ? (size_t)(hi - s) : 0};
	size_t len = 0;
	int rc;

	if (buf == NULL)
		return -ENOMEM;
	while (len < e - s) {
		ssize_t n = pread(fd, buf + len, (size_t)(e - s) - len, (off_t)(s + len));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break; /* shrunk while scanning: scan what is there */
		len += (size_t)n;
	}
	c.len = len;
	if (c.report_from > len)
		c.report_from = len;
	if (c.report_until > len)
		c.report_until = 0;
	w->res->range_lines = count_newlines(
	        buf + c.report_from, (c.report_until ? c.report_until : len) - c.report_from);
	w->counts.bytes += (c.report_until ? c.report_until : len) - c.report_from;
	w->top_path = path;
	rc = run_engine(w, &c, LINE_BIAS - (long)count_newlines(buf, c.report_from));
	w->top_path = NULL;
	secure_wipe(buf, len);
	return rc;
}

void scan_chunk(struct scan_worker *w, const char *path, const unsigned char *buf, size_t len,
                uint64_t base, size_t report_from, size_t report_until)
{
	struct chunk_cb c = {.w = w,
	                     .path = path,
	                     .buf = buf,
	                     .len = len,
	                     .base = base,
	                     .report_from = report_from,
	                     .report_until = report_until};

	w->top_path = path;
	if (run_engine(w, &c, -1) < 0)
		scan_problem(w->ctx, &w->counts, path, COV_ERR_IO, "scan engine error");
	w->top_path = NULL;
}

/* A first chunk that starts like an archive: open it if the depth allows.
 * Returns 1 when the stream was handled as an archive (*rc set), 0 when it
 * is to be scanned raw. */
static int try_archive(struct scan_worker *w, const struct stream_at *at, unsigned char *buf,
                       size_t len, struct byte_source *src, int *rc)
{
	const struct scan_limits *l = &w->ctx->opt->limits;
	enum archive_kind kind = archive_magic(buf, len);
	unsigned depth;

	if (kind == ARCHIVE_NONE || l->archive_depth == 0)
		return 0;
	depth = at->depth + (kind == ARCHIVE_CONTAINER && at->decompressed ? 0 : 1);
	if (depth > l->archive_depth) {
		scan_problem(w->ctx, &w->counts, at->path, COV_ARCHIVE_DEPTH, NULL);
		return 0;
	}
	*rc = archive_scan(w, at, kind, depth, buf, len, src);
	return *rc != -EINVAL; /* -EINVAL: not an archive after all */
}

/* A first chunk that starts with a UTF-16 byte order mark: scan the
 * stream as UTF-8, one level down (the chunk stays in this level's buffer
 * while the next level reads it). Returns 1 when handled (*rc set). */
static int try_utf16(struct scan_worker *w, const struct stream_at *at, const unsigned char *buf,
                     size_t len, struct byte_source *src, uint64_t cap, int *rc)
{
	struct stream_at child = *at;
	struct utf16_source u;
	struct byte_source text = {utf16_source_read, &u};
	bool big;

	if (!utf16_bom(buf, len, &big) || at->level + 1 >= SCAN_MAX_LEVELS)
		return 0;
	child.level = at->level + 1;
	utf16_source_init(&u, src, buf + 2, len - 2, big, cap);
	*rc = scan_stream(w, &child, &text, 0);
	secure_wipe(&u, sizeof u);
	return 1;
}

int scan_stream(struct scan_worker *w, const struct stream_at *at, struct byte_source *src,
                uint64_t cap)
{
	const unsigned level = at->level;
	const char *path = at->path;
	struct scan_ctx *ctx = w->ctx;
	const size_t W = ctx->window, keep = 2 * ctx->window;
	unsigned char *buf = worker_buf(w, level);
	struct chunk_cb c = {.w = w, .path = path, .buf = buf};
	uint64_t pos = 0;
	size_t len = 0, carried = 0;
	long line = ctx->raw ? -1 : 1;
	bool first = true;
	int rc = 0;

	if (buf == NULL)
		return -ENOMEM;
	for (;;) {
		uint64_t hole = 0;
		bool eof = false;

		while (len < ctx->bufcap) {
			size_t want = ctx->bufcap - len;
			ssize_t n;

			/* The cap is on the offset in the file, holes included. */
			if (cap > 0 && pos + len + want > cap)
				want = pos + len >= cap ? 0 : (size_t)(cap - pos - len);
			if (want == 0) {
				eof = true;
				break;
			}
			n = src->read(src->ctx, buf + len, want, &hole);
			if (n < 0) {
				rc = (int)n;
				eof = true;
				break;
			}
			if (n == 0) {
				eof = hole == 0;
				break;
			}
			len += (size_t)n;
		}
		if (first && level == 0)
			w->counts.files++;
		if (first && !ctx->raw && rc == 0) {
			int ar;
			if (try_archive(w, at, buf, len, src, &ar))
				return ar;
			if (try_utf16(w, at, buf, len, src, cap, &ar)) {
				secure_wipe(buf, len);
				return ar;
			}
			if (!ctx->opt->binaries && binary_magic(buf, len) != NULL) {
				scan_problem(ctx, &w->counts, path, COV_BINARY, NULL);
				break;
			}
		}
		first = false;
		c.len = len;
		c.base = pos;
		c.report_until = (eof || hole > 0) ? 0 : len - W;
		w->counts.bytes += len - carried;
		{
			int er = run_engine(w, &c, line);
			if (er < 0 && rc == 0)
				rc = er;
		}
		if (eof || w->stop || rc < 0)
			break;
		if (hole > 0) {
			if (line >= 0)
				line += (long)count_newlines(buf, len);
			pos += len + hole;
			len = carried = 0;
			c.report_from = 0;
			continue;
		}
		if (line >= 0)
			line += (long)count_newlines(buf, len - keep);
		memmove(buf, buf + len - keep, keep);
		pos += len - keep;
		len = carried = keep;
		c.report_from = W;
	}
	secure_wipe(buf, len);
	return rc;
}
