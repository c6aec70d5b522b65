/* Running a scan of files and directories on a pool of threads.
 *
 * The calling thread walks the roots and opens each regular file; a
 * bounded queue hands the open files to the workers (--jobs threads), each
 * of which reads its file in chunks and runs the engine. Files are
 * numbered in walk order and their findings are emitted whole and in that
 * order, whichever worker finishes first: output is the same for any
 * number of jobs. The walker never runs more than SCAN_WINDOW files ahead
 * of the oldest file not yet emitted, which bounds the findings held. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan/output.h"
#include "scan/archive.h"
#include "scan/utf16.h"
#include "scan/emit.h"
#include "scan/pool.h"
#include "scan/walk.h"
#include "secure.h"
#include "i18n.h"

#define SCAN_WINDOW 256 /* files in flight (queued, being read, or waiting to be emitted) */
#define SCAN_QUEUE  64  /* opened files waiting for a worker */

void scan_options_default(struct scan_options *o)
{
	memset(o, 0, sizeof *o);
	o->limits.archive_depth = 3;
	o->limits.archive_max_bytes = UINT64_C(16) << 30;
	o->limits.archive_min_bytes = UINT64_C(64) << 20;
	o->limits.archive_max_ratio = 200;
	o->limits.archive_max_entries = 1000000;
	/* below archive_min_bytes: one big member alone never stops the archive */
	o->limits.archive_member_max_bytes = UINT64_C(32) << 20;
}

int scan_ctx_init(struct scan_ctx *ctx, const struct scan_engine *e, const struct scan_options *o,
                  const struct scan_sinks *sinks, bool raw)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->engine = e;
	ctx->opt = o;
	ctx->sinks = sinks;
	ctx->raw = raw;
	ctx->window = scan_engine_window(e);
	if (ctx->window == 0)
		ctx->window = 1;
	ctx->chunk = o->chunk_size > 0 ? o->chunk_size
	                               : (raw ? SCAN_DEFAULT_DEVICE_CHUNK : SCAN_DEFAULT_CHUNK);
	/* A chunk must move forward by at least a window each time. */
	if (ctx->chunk < ctx->window)
		ctx->chunk = ctx->window;
	ctx->bufcap = ctx->chunk + 2 * ctx->window;
	pthread_mutex_init(&ctx->problem_mu, NULL);
	pthread_mutex_init(&ctx->out_mu, NULL);
	pthread_mutex_init(&ctx->secret_mu, NULL);
	return 0;
}

static int cmp_problems(const void *a, const void *b)
{
	const struct scan_problem *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c != 0 ? c : (int)x->reason - (int)y->reason;
}

void scan_ctx_finish(struct scan_ctx *ctx, struct cov_counts *total, struct scan_coverage *cov)
{
	cov_counts_add(total, &ctx->emitted);
	cov->files = total->files;
	cov->bytes = total->bytes;
	cov->dirs = total->dirs;
	cov->archives = total->archives;
	cov->members = total->members;
	memcpy(cov->counts, total->counts, sizeof cov->counts);
	cov->suppressed_baseline = total->suppressed_baseline;
	cov->suppressed_inline = total->suppressed_inline;
	cov->findings = ctx->findings;
	if (ctx->nproblems > 1)
		qsort(ctx->problems, ctx->nproblems, sizeof *ctx->problems, cmp_problems);
	cov->problems = ctx->problems;
	cov->nproblems = ctx->nproblems;
	cov->problems_unlisted = ctx->problems_unlisted;
	cov->device = ctx->raw;
	ctx->problems = NULL;
	ctx->nproblems = ctx->problems_cap = 0;
	pthread_mutex_destroy(&ctx->problem_mu);
	pthread_mutex_destroy(&ctx->out_mu);
	pthread_mutex_destroy(&ctx->secret_mu);
}

/* Drop the hits from the n-th on (what a hit owns). */
static void file_result_cut(struct file_result *res, size_t n)
{
	for (size_t i = n; i < res->nhits; i++) {
		free(res->hits[i].path);
		free(res->hits[i].account);
		free(res->hits[i].note);
	}
	if (n < res->nhits)
		res->nhits = n;
}

void file_result_clear(struct file_result *res)
{
	file_result_cut(res, 0);
}

static int cmp_hits(const void *a, const void *b)
{
	const struct scan_hit *x = a, *y = b;
	int c;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	if ((c = strcmp(x->rule, y->rule)) != 0)
		return c;
	/* one secret read twice (raw and as a view, in two chunks): the
	 * shorter reading first, the one drop_doubles() keeps */
	if ((c = strcmp(x->redacted, y->redacted)) != 0)
		return c;
	return strcmp(x->fingerprint, y->fingerprint);
}

/* Sorted hits[from, to): drop a rule's second finding at the same place
 * (two chunks that both read a string of text, engine.c read_views());
 * returns the new end. */
static size_t drop_doubles(struct scan_hit *hits, size_t from, size_t to)
{
	size_t n = from;

	for (size_t i = from; i < to; i++) {
		if (n > from && hits[i].offset == hits[n - 1].offset &&
		    strcmp(hits[i].rule, hits[n - 1].rule) == 0) {
			free(hits[i].path);
			free(hits[i].account);
			free(hits[i].note);
			continue;
		}
		hits[n++] = hits[i];
	}
	return n;
}

/* Called with out_mu held, or from the only thread. */
void emit_result(struct scan_ctx *ctx, struct file_result *res)
{
	const struct scan_sinks *s = ctx->sinks;
	size_t i, j;
	int rc = 0;

	/* A range of a split file: its lines count from the ranges before. */
	if (res->range) {
		if (res->first_range) {
			ctx->range_line = 1;
			ctx->range_hits = 0;
			ctx->range_capped = false;
		}
		for (i = 0; i < res->nhits; i++)
			res->hits[i].line = (long)ctx->range_line + (res->hits[i].line - LINE_BIAS);
		ctx->range_line += res->range_lines;
	}
	/* The engine reports a chunk's findings in no particular order:
	 * sort each member's (each path's) findings by offset. */
	for (i = 0; i < res->nhits; i = j) {
		size_t end, k;
		for (j = i + 1; j < res->nhits && strcmp(res->hits[j].path, res->hits[i].path) == 0;
		     j++)
			;
		if (j - i < 2)
			continue;
		qsort(res->hits + i, j - i, sizeof *res->hits, cmp_hits);
		end = drop_doubles(res->hits, i, j);
		for (k = j; k < res->nhits; k++) /* close the gap */
			res->hits[end + k - j] = res->hits[k];
		res->nhits -= j - end;
		j = end;
	}
	/* A split file's ranges share its cap: its first findings are kept,
	 * and the file is listed once as capped. */
	if (res->range) {
		size_t room = ctx->range_hits < SCAN_MAX_HITS_PER_FILE
		                      ? SCAN_MAX_HITS_PER_FILE - ctx->range_hits
		                      : 0;
		if ((res->nhits > room || res->capped) && !ctx->range_capped) {
			scan_problem(ctx, &ctx->emitted, res->hits[0].path, COV_FINDINGS_CAP, NULL);
			ctx->range_capped = true;
		}
		file_result_cut(res, room);
		ctx->range_hits += res->nhits;
	}

	/* --write-baseline records every finding, accepted ones too. */
	for (i = 0; s->baseline != NULL && i < res->nhits && rc == 0; i++)
		rc = output_hits(s->baseline, &res->hits[i], 1);
	/* Runs of reported findings go out together (text groups them). */
	for (i = 0; i < res->nhits && rc == 0; i = j) {
		if (res->hits[i].baselined) {
			j = i + 1;
			continue;
		}
		for (j = i; j < res->nhits && !res->hits[j].baselined; j++)
			;
		if (s->out != NULL)
			rc = output_hits(s->out, &res->hits[i], j - i);
		ctx->findings += j - i;
	}
	if (rc < 0 && ctx->out_err == 0)
		__atomic_store_n(&ctx->out_err, rc, __ATOMIC_RELAXED);
	file_result_clear(res);
}

/* ------------------------------------------------------------ the pool */

/* A unit of work: a whole file (fd) or one chunk of a device (buf). */
/* A large file split into ranges: the descriptor is closed by the last. */
struct shared_fd {
	int fd;
	unsigned refs;
};

struct job {
	char *path;
	int fd;
	struct stat st;
	struct file_result *res;
	struct shared_fd *sfd; /* range jobs: [lo, hi) of a file of size bytes */
	uint64_t lo, hi, size;
	unsigned char *buf; /* chunk jobs: the data, returned to the pool after */
	size_t len, report_from, report_until;
	uint64_t base;
};

struct worker_arg {
	struct pool *pool;
	struct scan_worker w;
	pthread_t tid;
	bool started;
};

struct pool {
	struct scan_ctx *ctx;
	pthread_mutex_t mu;
	pthread_cond_t can_push, can_pop, can_get;
	bool pusher_waiting; /* the walker sleeps until the queue is half empty */
	unsigned idle;       /* workers waiting for a job */
	struct job queue[SCAN_QUEUE];
	size_t qhead, qlen;
	bool closing;
	uint64_t next_seq;                     /* given to the next job */
	uint64_t next_emit;                    /* the oldest job not yet emitted */
	struct file_result *done[SCAN_WINDOW]; /* finished, waiting for their turn */
	struct worker_arg *wa;
	unsigned nworkers, nalloc;       /* threads started, workers allocated */
	uint64_t split_files;            /* large files scanned as ranges */
	struct cov_counts walker_counts; /* what the walker thread records */
	unsigned char **free_bufs;       /* chunk buffers not in use */
	size_t nfree, nbufs;
};

static void release_result(struct file_result *res)
{
	file_result_clear(res);
	free(res->hits);
	free(res);
}

static bool can_push(const struct pool *p, size_t qmax, uint64_t wmax)
{
	return p->qlen < qmax && p->next_seq - p->next_emit < wmax;
}

/* Wake the walker only when there is room for a batch: waking it for
 * every file cost a tenth of the CPU on trees of small files in context
 * switches. Called with mu held. */
static void wake_pusher(struct pool *p)
{
	if (p->pusher_waiting && can_push(p, SCAN_QUEUE / 2 + 1, SCAN_WINDOW - SCAN_QUEUE / 2))
		pthread_cond_signal(&p->can_push);
}

/* A job is finished: emit it and every following one already finished. */
static void complete(struct pool *p, struct file_result *res)
{
	pthread_mutex_lock(&p->ctx->out_mu);
	pthread_mutex_lock(&p->mu);
	p->done[res->seq % SCAN_WINDOW] = res;
	for (;;) {
		struct file_result *r = p->done[p->next_emit % SCAN_WINDOW];
		if (r == NULL || r->seq != p->next_emit)
			break;
		p->done[p->next_emit % SCAN_WINDOW] = NULL;
		p->next_emit++;
		pthread_mutex_unlock(&p->mu);
		emit_result(p->ctx, r);
		release_result(r);
		pthread_mutex_lock(&p->mu);
	}
	wake_pusher(p);
	pthread_mutex_unlock(&p->mu);
	pthread_mutex_unlock(&p->ctx->out_mu);
}

static void run_file(struct scan_worker *w, struct job *j)
{
	struct scan_ctx *ctx = w->ctx;
	struct file_source fs;
	struct byte_source src = {file_source_read, &fs};
	const struct stream_at at = {.path = j->path, .container = j->path};
	uint64_t cap = ctx->opt->limits.max_file_size;
	int rc;

	file_source_init(&fs, j->fd, &j->st);
	w->top_path = j->path;
	w->top_pos = &fs.pos;
	w->expanded = w->entries = 0;
	w->stop = false;
	if ((uint64_t)j->st.st_size > ctx->chunk) /* a syscall saved per small file */
		posix_fadvise(j->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	rc = scan_stream(w, &at, &src, cap);
	if (rc < 0)
		scan_problem(ctx, &w->counts, j->path, cov_reason_for_errno(rc), strerror(-rc));
	if (cap > 0 && (uint64_t)j->st.st_size > cap)
		scan_problem(ctx, &w->counts, j->path, COV_SIZE_CAP, NULL);
	close(j->fd);
	w->top_path = NULL;
	w->top_pos = NULL;
}

static void *worker_main(void *arg)
{
	struct worker_arg *wa = arg;
	struct pool *p = wa->pool;
	struct scan_worker *w = &wa->w;

	for (;;) {
		struct job j;

		pthread_mutex_lock(&p->mu);
		while (p->qlen == 0 && !p->closing) {
			p->idle++;
			pthread_cond_wait(&p->can_pop, &p->mu);
			p->idle--;
		}
		if (p->qlen == 0) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		j = p->queue[p->qhead];
		p->qhead = (p->qhead + 1) % SCAN_QUEUE;
		p->qlen--;
		wake_pusher(p);
		pthread_mutex_unlock(&p->mu);
		w->res = j.res;
		w->top_uid = j.buf != NULL ? -1 : (long)j.st.st_uid;
		if (scan_out_err(p->ctx) != 0) {
			/* Output failed: drain the queue without reading. */
			if (j.fd >= 0)
				close(j.fd);
		} else if (j.buf != NULL) {
			scan_chunk(w, j.path, j.buf, j.len, j.base, j.report_from, j.report_until);
		} else if (j.sfd != NULL) {
			int rc = scan_file_range(w, j.path, j.sfd->fd, j.lo, j.hi, j.size);
			if (rc < 0)
				scan_problem(p->ctx, &w->counts, j.path, cov_reason_for_errno(rc),
				             strerror(-rc));
		} else {
			run_file(w, &j);
		}
		w->res = NULL;
		if (j.sfd != NULL && __atomic_sub_fetch(&j.sfd->refs, 1, __ATOMIC_ACQ_REL) == 0) {
			close(j.sfd->fd);
			free(j.sfd);
		}
		if (j.buf != NULL) {
			pthread_mutex_lock(&p->mu);
			p->free_bufs[p->nfree++] = j.buf;
			pthread_cond_signal(&p->can_get);
			pthread_mutex_unlock(&p->mu);
		}
		complete(p, j.res);
		free(j.path);
	}
	return NULL;
}

unsigned scan_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned)(n > 256 ? 256 : n) : 1;
}

int pool_start(struct pool **out, struct scan_ctx *ctx, unsigned jobs, size_t nbufs, char *err,
               size_t errlen)
{
	struct pool *p = calloc(1, sizeof *p);
	unsigned n = jobs > 0 ? jobs : scan_default_jobs();
	int rc = 0;

	if (p == NULL)
		return -ENOMEM;
	p->ctx = ctx;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->can_push, NULL);
	pthread_cond_init(&p->can_pop, NULL);
	pthread_cond_init(&p->can_get, NULL);
	*out = p;
	p->free_bufs = calloc(nbufs > 0 ? nbufs : 1, sizeof *p->free_bufs);
	p->wa = calloc(n, sizeof *p->wa);
	p->nalloc = p->wa != NULL ? n : 0;
	if (p->free_bufs == NULL || p->wa == NULL) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return -ENOMEM;
	}
	for (size_t i = 0; i < nbufs; i++) {
		p->free_bufs[i] = malloc(ctx->bufcap);
		if (p->free_bufs[i] == NULL) {
			snprintf(err, errlen, "%s", strerror(ENOMEM));
			return -ENOMEM;
		}
		p->nfree = p->nbufs = i + 1;
	}
	for (unsigned i = 0; i < n; i++) {
		p->wa[i].pool = p;
		rc = worker_init(&p->wa[i].w, ctx);
		if (rc == 0)
			rc = -pthread_create(&p->wa[i].tid, NULL, worker_main, &p->wa[i]);
		if (rc < 0) {
			snprintf(err, errlen,
			         _("cannot start a scan thread: %s; try a lower --jobs"),
			         strerror(-rc));
			return rc;
		}
		p->wa[i].started = true;
		p->nworkers = i + 1;
	}
	return 0;
}

/* Queue a job; takes ownership of path (and fd or buf). */
static int pool_push(struct pool *p, struct job *j)
{
	struct file_result *res = calloc(1, sizeof *res);

	if (res == NULL) {
		if (j->fd >= 0)
			close(j->fd);
		if (j->sfd != NULL && __atomic_sub_fetch(&j->sfd->refs, 1, __ATOMIC_ACQ_REL) == 0) {
			close(j->sfd->fd);
			free(j->sfd);
		}
		free(j->path);
		return -ENOMEM;
	}
	j->res = res;
	res->range = j->sfd != NULL;
	res->first_range = res->range && j->lo == 0;
	pthread_mutex_lock(&p->mu);
	while (!can_push(p, SCAN_QUEUE, SCAN_WINDOW)) {
		p->pusher_waiting = true;
		pthread_cond_wait(&p->can_push, &p->mu);
		p->pusher_waiting = false;
	}
	res->seq = p->next_seq++;
	p->queue[(p->qhead + p->qlen) % SCAN_QUEUE] = *j;
	p->qlen++;
	if (p->idle > 0)
		pthread_cond_signal(&p->can_pop);
	pthread_mutex_unlock(&p->mu);
	return scan_out_err(p->ctx);
}

/* A large regular file that is not an archive (nor sparse: holes are
 * skipped by the stream reader) is split into chunk-sized ranges that all
 * threads scan at once; findings still come out in file order. */
static bool split_file(struct pool *p, int fd, const struct stat *st, uint64_t *size)
{
	struct scan_ctx *ctx = p->ctx;
	uint64_t cap = ctx->opt->limits.max_file_size;
	unsigned char head[512];
	ssize_t n;
	bool big;

	*size = (uint64_t)st->st_size;
	if (cap > 0 && *size > cap)
		*size = cap;
	if (p->nworkers < 2 || *size < 8 * (uint64_t)ctx->chunk ||
	    (uint64_t)st->st_blocks * 512 < (uint64_t)st->st_size)
		return false;
	n = pread(fd, head, sizeof head, 0);
	/* archives and UTF-16 text are read as streams (the transcoder reads
	 * from the start); binaries are skipped by the stream */
	return n > 0 && archive_magic(head, (size_t)n) == ARCHIVE_NONE &&
	       !utf16_bom(head, (size_t)n, &big) &&
	       (ctx->opt->binaries || binary_magic(head, (size_t)n) == NULL);
}

static int submit_ranges(struct pool *p, char *path, int fd, const struct stat *st, uint64_t size)
{
	struct scan_ctx *ctx = p->ctx;
	struct shared_fd *sfd = malloc(sizeof *sfd);
	uint64_t n = (size + ctx->chunk - 1) / ctx->chunk;
	int rc = 0;

	if (sfd == NULL) {
		close(fd);
		free(path);
		return -ENOMEM;
	}
	sfd->fd = fd;
	sfd->refs = (unsigned)n;
	/* Counted here, once; the ranges count their bytes. */
	pthread_mutex_lock(&p->mu);
	p->split_files++;
	pthread_mutex_unlock(&p->mu);
	if ((uint64_t)st->st_size > size)
		scan_problem(ctx, &p->walker_counts, path, COV_SIZE_CAP, NULL);
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	for (uint64_t k = 0; k < n; k++) {
		struct job j = {.fd = -1,
		                .st = *st,
		                .sfd = sfd,
		                .size = size,
		                .lo = k * ctx->chunk,
		                .hi = k + 1 == n ? size : (k + 1) * ctx->chunk};
		j.path = k + 1 == n ? path : strdup(path);
		if (j.path == NULL || rc < 0) {
			/* Cannot queue the rest: release their references. */
			if (j.path != path)
				free(j.path);
			if (__atomic_sub_fetch(&sfd->refs, 1, __ATOMIC_ACQ_REL) == 0) {
				close(sfd->fd);
				free(sfd);
			}
			if (k + 1 == n)
				free(path);
			rc = rc < 0 ? rc : -ENOMEM;
			continue;
		}
		rc = pool_push(p, &j);
	}
	return rc;
}

int pool_submit_file(void *vp, char *path, int fd, const struct stat *st)
{
	struct pool *p = vp;
	struct job j = {.path = path, .fd = fd, .st = *st};
	uint64_t size;

	if (split_file(p, fd, st, &size))
		return submit_ranges(p, path, fd, st, size);
	return pool_push(p, &j);
}

unsigned char *pool_get_buffer(struct pool *p)
{
	unsigned char *b;

	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0)
		pthread_cond_wait(&p->can_get, &p->mu);
	b = p->free_bufs[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return b;
}

int pool_submit_chunk(struct pool *p, const char *path, unsigned char *buf, size_t len,
                      uint64_t base, size_t report_from, size_t report_until)
{
	struct job j = {.path = strdup(path),
	                .fd = -1,
	                .buf = buf,
	                .len = len,
	                .base = base,
	                .report_from = report_from,
	                .report_until = report_until};

	if (j.path == NULL) {
		pthread_mutex_lock(&p->mu);
		p->free_bufs[p->nfree++] = buf;
		pthread_mutex_unlock(&p->mu);
		return -ENOMEM;
	}
	return pool_push(p, &j);
}

void pool_finish(struct pool *p, struct cov_counts *total)
{
	pthread_mutex_lock(&p->mu);
	p->closing = true;
	pthread_cond_broadcast(&p->can_pop);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 0; p->wa != NULL && i < p->nworkers; i++) {
		pthread_join(p->wa[i].tid, NULL);
		cov_counts_add(total, &p->wa[i].w.counts);
		worker_fini(&p->wa[i].w);
	}
	total->files += p->split_files;
	cov_counts_add(total, &p->walker_counts);
	for (unsigned i = p->nworkers; i < p->nalloc; i++)
		if (p->wa[i].w.ctx != NULL)
			worker_fini(&p->wa[i].w); /* initialised, thread not started */
	for (size_t i = 0; i < p->nfree; i++)
		secure_free(p->free_bufs[i], p->ctx->bufcap);
	free(p->free_bufs);
	free(p->wa);
	pthread_cond_destroy(&p->can_push);
	pthread_cond_destroy(&p->can_pop);
	pthread_cond_destroy(&p->can_get);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

int scan_paths(const struct scan_engine *e, const struct scan_options *o, const char *const *paths,
               size_t npaths, const struct scan_sinks *sinks, struct scan_coverage *cov, char *err,
               size_t errlen)
{
	struct scan_ctx ctx;
	struct pool *p = NULL;
	struct cov_counts total;
	struct walk_sink sink;
	int rc, root_err = 0;

	memset(cov, 0, sizeof *cov);
	memset(&total, 0, sizeof total);
	if (errlen > 0)
		err[0] = '\0';
	scan_ctx_init(&ctx, e, o, sinks, false);
	ctx.roots = paths;
	ctx.nroots = npaths;
	rc = pool_start(&p, &ctx, o->jobs, 0, err, errlen);
	sink.submit = pool_submit_file;
	sink.ctx = p;
	for (size_t i = 0; rc == 0 && i < npaths && scan_out_err(&ctx) == 0; i++) {
		int wr = walk_root(&ctx, &total, paths[i], &sink);
		/* A root that cannot be read is an error, not coverage; the
		 * other roots are still scanned. */
		if (wr < 0 && scan_out_err(&ctx) == 0 && root_err == 0) {
			snprintf(err, errlen, "%s: %s", paths[i], strerror(-wr));
			root_err = wr;
		}
	}
	if (p != NULL)
		pool_finish(p, &total);
	if (ctx.out_err != 0 && rc == 0) {
		rc = ctx.out_err;
		snprintf(err, errlen, _("cannot write the output: %s"), strerror(-rc));
	}
	scan_ctx_finish(&ctx, &total, cov);
	return rc < 0 ? rc : root_err;
}
