/* The state one scan shares between its threads (scan_ctx) and each
 * thread's own (scan_worker), the counters and the problems recorded.
 * Internal to lib/scan. */
#ifndef CREDPOLICY_SCAN_CTX_H
#define CREDPOLICY_SCAN_CTX_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scan/scan.h"

#define SCAN_DEFAULT_CHUNK        (1u << 20)
#define SCAN_DEFAULT_DEVICE_CHUNK (8u << 20)
#define SCAN_MAX_ARCHIVE_DEPTH    16
/* Stream nesting: a compressed container (x.tar.gz) is two streams deep. */
#define SCAN_MAX_LEVELS (2 * SCAN_MAX_ARCHIVE_DEPTH + 2)

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
	/* the roots scanned: a path's directories above the file are read
	 * for its context (test fixtures, a doc tree) only below its root */
	const char *const *roots;
	size_t nroots;

	pthread_mutex_t problem_mu;
	struct scan_problem *problems;
	size_t nproblems, problems_cap;
	uint64_t problems_unlisted;

	pthread_mutex_t secret_mu; /* serialises sinks->on_secret */
	pthread_mutex_t out_mu;    /* serialises emission */
	int out_err;               /* first output error (-errno), stops the scan */
	uint64_t findings;         /* reported (not suppressed) */
	uint64_t range_line;       /* emission: line of the next range of a split file */
	size_t range_hits;         /* emission: that file's findings so far */
	bool range_capped;         /* emission: that file is listed as capped */
	struct cov_counts emitted; /* emission: what it records (a split file's cap) */
};

/* The first output error, read by every thread (written under out_mu). */
static inline int scan_out_err(struct scan_ctx *ctx)
{
	return __atomic_load_n(&ctx->out_err, __ATOMIC_RELAXED);
}

struct file_result;

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

int scan_ctx_init(struct scan_ctx *ctx, const struct scan_engine *e, const struct scan_options *o,
                  const struct scan_sinks *sinks, bool raw);
void scan_ctx_finish(struct scan_ctx *ctx, struct cov_counts *total, struct scan_coverage *cov);
void cov_counts_add(struct cov_counts *to, const struct cov_counts *from);

#endif
