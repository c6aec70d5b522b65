/* Results and their ordered emission to the sinks (scan_run.c).
 * Internal to lib/scan. */
#ifndef CREDPOLICY_SCAN_EMIT_H
#define CREDPOLICY_SCAN_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scan/scan_ctx.h"

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

/* Hand a result's hits to the sinks and free them. */
void emit_result(struct scan_ctx *ctx, struct file_result *res);
void file_result_clear(struct file_result *res);

#endif
