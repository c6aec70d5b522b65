/* UTF-16 text, told by its byte order mark: Windows writes registry
 * exports (.reg), Remote Desktop files (.rdp) and some answer files and
 * scripts so. The scanner reads such a stream through this transcoder,
 * as UTF-8, so that the rules written for text apply to it; lines keep
 * their numbers, offsets are the UTF-8 text's. */
#ifndef CREDPOLICY_SCAN_UTF16_H
#define CREDPOLICY_SCAN_UTF16_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "scan/stream.h"

/* The bytes start with a UTF-16 byte order mark (FF FE or FE FF); *big
 * tells which. */
bool utf16_bom(const unsigned char *b, size_t n, bool *big);

struct utf16_source {
	struct byte_source *src;   /* the bytes after head */
	const unsigned char *head; /* bytes already read, after the mark */
	size_t headlen, headpos;
	unsigned char raw[4096];
	size_t rawlen, rawpos;
	unsigned char out[8]; /* one character's UTF-8, not yet given */
	size_t outlen, outpos;
	int pushed; /* a unit read ahead after a lone high surrogate, or -1 */
	bool big, eof;
	int err;              /* -errno of src, given once the text before it is */
	uint64_t offset, cap; /* in the raw stream; cap 0 = none */
};

/* Read head[0..headlen) (the mark not included), then src, as UTF-16 in
 * the order big says, up to raw offset cap (0: no cap; head starts at
 * offset 2). */
void utf16_source_init(struct utf16_source *u, struct byte_source *src, const unsigned char *head,
                       size_t headlen, bool big, uint64_t cap);

/* A byte_source read function over a struct utf16_source: UTF-8 out; a
 * lone surrogate becomes U+FFFD. Holes of a sparse file are skipped. */
ssize_t utf16_source_read(void *ctx, unsigned char *buf, size_t len, uint64_t *hole);

#endif
