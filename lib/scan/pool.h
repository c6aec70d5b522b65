/* The thread pool (scan_run.c). Internal to lib/scan. */
#ifndef CREDPOLICY_SCAN_POOL_H
#define CREDPOLICY_SCAN_POOL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "scan/scan_ctx.h"

/* Jobs are files or device chunks, emitted
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

#endif
