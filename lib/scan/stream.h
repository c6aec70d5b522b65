/* Byte streams (stream.c): sources, where a stream sits, and scanning a
 * stream, a file range or a raw chunk with the engine. Internal to lib/scan. */
#ifndef CREDPOLICY_SCAN_STREAM_H
#define CREDPOLICY_SCAN_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "scan/scan_ctx.h"

/* A source of bytes: a file, an archive member, a device. read() returns
 * the number of bytes read, 0 at the end, or -errno. A source that knows
 * a run of zeros lies ahead (a hole in a sparse file) may instead return 0
 * with *hole set to its length, having skipped it. */
struct byte_source {
	ssize_t (*read)(void *ctx, unsigned char *buf, size_t len, uint64_t *hole);
	void *ctx;
};

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

/* Scan one chunk of a raw stream (a device) into w->res. */
void scan_chunk(struct scan_worker *w, const char *path, const unsigned char *buf, size_t len,
                uint64_t base, size_t report_from, size_t report_until);
/* Scan [lo, hi) of a regular file (reading W more on each side) into
 * w->res, with lines relative to lo (LINE_BIAS). Returns 0 or -errno. */
int scan_file_range(struct scan_worker *w, const char *path, int fd, uint64_t lo, uint64_t hi,
                    uint64_t size);

#endif
