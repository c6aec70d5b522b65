/* Archives and binaries known by their first bytes (archive.c, binary.c).
 * Internal to lib/scan. */
#ifndef CREDPOLICY_SCAN_ARCHIVE_H
#define CREDPOLICY_SCAN_ARCHIVE_H

#include <stddef.h>

#include "scan/stream.h"

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

#endif
