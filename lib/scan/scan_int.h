/* Internals shared by the scanner's units (walk, stream, archive, device,
 * scan_run). Not used outside lib/scan. */
#ifndef CREDPOLICY_SCAN_INT_H
#define CREDPOLICY_SCAN_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "scan/scan.h"

#define SCAN_DEFAULT_CHUNK        (1u << 20)
#define SCAN_DEFAULT_DEVICE_CHUNK (8u << 20)
#define SCAN_MAX_ARCHIVE_DEPTH    16
/* Stream nesting: a compressed container (x.tar.gz) is two streams deep. */
#define SCAN_MAX_LEVELS (2 * SCAN_MAX_ARCHIVE_DEPTH + 2)

/* A source of bytes: a file, an archive member, a device. read() returns
 * the number of bytes read, 0 at the end, or -errno. A source that knows
 * a run of zeros lies ahead (a hole in a sparse file) may instead return 0
 * with *hole set to its length, having skipped it. */
struct byte_source {
	ssize_t (*read)(void *ctx, unsigned char *buf, size_t len, uint64_t *hole);
	void *ctx;
};

/* One top-level file's findings, emitted whole and in walk order. */
struct file_result {
	uint64_t seq;
	struct scan_hit *hits;
	size_t nhits, cap;
	bool capped; /* SCAN_MAX_HITS_PER_FILE reached */
	/* A range of a large file (scan_run.c): lines of its hits are
	 * relative (LINE_BIAS = its first byte's line) until emission adds
	 * the newlines of the ranges before it. */
	bool range, first_range;
	uint64_t range_lines; /* newlines in the range's own bytes */
};
#define LINE_BIAS (1L << 40)

/* Counters each thread keeps for itself; summed when the scan ends. */
struct cov_counts {
	uint64_t files, bytes, dirs, archives, members;
	uint64_t counts[COV__COUNT];
	uint64_t suppressed_baseline, suppressed_inline;
};

/* State shared by every thread of one scan. */
struct scan_ctx {
	const struct scan_engine *engine;
	const struct scan_options *opt;
	const struct scan_sinks *sinks;
	size_t window; /* scan_engine_window() */
	size_t chunk;  /* payload bytes per read */
	size_t bufcap; /* chunk + 2 * window */
	bool raw;      /* device: no line numbers, no archives */

	pthread_mutex_t problem_mu;
	struct scan_problem *problems;
	size_t nproblems, problems_cap;
	uint64_t problems_unlisted;

	pthread_mutex_t secret_mu; /* serialises sinks->on_secret */
	pthread_mutex_t out_mu;    /* serialises emission */
	int out_err;               /* first output error (-errno), stops the scan */
	uint64_t findings;         /* reported (not suppressed) */
	uint64_t range_line;       /* emission: line of the next range of a split file */
};

/* The first output error, read by every thread (written under out_mu). */
static inline int scan_out_err(struct scan_ctx *ctx)
{
	return __atomic_load_n(&ctx->out_err, __ATOMIC_RELAXED);
}

/* Per-thread state: engine scratch, one buffer per archive nesting level,
 * the current top-level file's result and its archive budget. */
struct scan_worker {
	struct scan_ctx *ctx;
	struct scan_scratch *scratch;
	unsigned char *bufs[SCAN_MAX_LEVELS];
	struct cov_counts counts;
	struct file_result *res;
	const char *top_path;    /* the top-level file being read */
	const uint64_t *top_pos; /* bytes read from it so far (for the ratio) */
	long top_uid;            /* its owner, or -1 (devices) */
	uint64_t expanded;       /* archive bytes expanded for this top-level file */
	uint64_t entries;        /* archive members seen for this top-level file */
	bool stop;               /* archive limit reached: unwind every level */
};

int worker_init(struct scan_worker *w, struct scan_ctx *ctx);
void worker_fini(struct scan_worker *w);
unsigned char *worker_buf(struct scan_worker *w, unsigned level);

/* Record something not (fully) read. Thread-safe. */
void scan_problem(struct scan_ctx *ctx, struct cov_counts *cc, const char *path,
                  enum cov_reason reason, const char *detail);
/* The reason for a read or open error. */
enum cov_reason cov_reason_for_errno(int err);

/* Where a stream sits: in a file, a member, a decompressed stream. */
struct stream_at {
	unsigned level;        /* stream nesting (selects the buffer); 0 = the file */
	unsigned depth;        /* archives opened around this stream */
	bool decompressed;     /* the output of gzip & co.: a container found here is
	                          the same archive (x.tar.gz), not one more level */
	const char *path;      /* findings in this stream are reported here */
	const char *container; /* members of a container found here: CONTAINER!member */
};

/* Scan a stream; cap bounds the offset read up to (0 = none). Returns 0,
 * or -errno when reading failed (the caller records it). */
int scan_stream(struct scan_worker *w, const struct stream_at *at, struct byte_source *src,
                uint64_t cap);

/* A regular file as a byte source, skipping holes of sparse files. */
struct file_source {
	int fd;
	uint64_t pos;
	uint64_t data_end; /* end of the current data extent (sparse files) */
	bool sparse;
	bool no_holes; /* report holes as zeros (archive readers need every byte) */
};
void file_source_init(struct file_source *fs, int fd, const struct stat *st);
ssize_t file_source_read(void *ctx, unsigned char *buf, size_t len, uint64_t *hole);

/* Archives (archive.c). */
enum archive_kind {
	ARCHIVE_NONE,
	ARCHIVE_COMPRESSED, /* gzip, bzip2, xz, zstd: one stream inside */
	ARCHIVE_CONTAINER,  /* tar, zip, cpio: members */
};
enum archive_kind archive_magic(const unsigned char *buf, size_t len);
/* The kind of binary file (compiled code, bytecode, message catalogue) the
 * first bytes show, or NULL (binary.c). */
const char *binary_magic(const unsigned char *buf, size_t len);
/* Read the archive whose first bytes are buf[0..len) and the rest src,
 * at depth `depth`, scanning what it holds one stream deeper. Returns 0
 * when the archive was read (problems recorded), -EINVAL when it is not an
 * archive after all and nothing was consumed past buf (the caller scans it
 * raw), or -errno. */
int archive_scan(struct scan_worker *w, const struct stream_at *at, enum archive_kind kind,
                 unsigned depth, unsigned char *buf, size_t len, struct byte_source *src);

/* Scan one chunk of a raw stream (a device) into w->res. */
void scan_chunk(struct scan_worker *w, const char *path, const unsigned char *buf, size_t len,
                uint64_t base, size_t report_from, size_t report_until);
/* Scan [lo, hi) of a regular file (reading W more on each side) into
 * w->res, with lines relative to lo (LINE_BIAS). Returns 0 or -errno. */
int scan_file_range(struct scan_worker *w, const char *path, int fd, uint64_t lo, uint64_t hi,
                    uint64_t size);

/* The thread pool (scan_run.c): jobs are files or device chunks, emitted
 * in the order they were submitted. nbufs chunk buffers of bufcap bytes
 * are handed out by pool_get_buffer() and come back when scanned. */
struct pool;
int pool_start(struct pool **out, struct scan_ctx *ctx, unsigned jobs, size_t nbufs, char *err,
               size_t errlen);
int pool_submit_file(void *pool, char *path, int fd, const struct stat *st);
unsigned char *pool_get_buffer(struct pool *p);
int pool_submit_chunk(struct pool *p, const char *path, unsigned char *buf, size_t len,
                      uint64_t base, size_t report_from, size_t report_until);
/* Wait for every job, stop the threads, add their counts to total. */
void pool_finish(struct pool *p, struct cov_counts *total);
unsigned scan_default_jobs(void);

/* Emission (scan_run.c): hand a result's hits to the sinks and free them. */
void emit_result(struct scan_ctx *ctx, struct file_result *res);
void file_result_clear(struct file_result *res);

int scan_ctx_init(struct scan_ctx *ctx, const struct scan_engine *e, const struct scan_options *o,
                  const struct scan_sinks *sinks, bool raw);
void scan_ctx_finish(struct scan_ctx *ctx, struct cov_counts *total, struct scan_coverage *cov);
void cov_counts_add(struct cov_counts *to, const struct cov_counts *from);

/* Directory walking (walk.c): calls submit for every regular file. */
struct walk_sink {
	/* Takes ownership of path and fd. Returns 0, or -errno to stop. */
	int (*submit)(void *ctx, char *path, int fd, const struct stat *st);
	void *ctx;
};
int walk_root(struct scan_ctx *ctx, struct cov_counts *cc, const char *root,
              const struct walk_sink *sink);

#endif
