/* Counting newlines, for line numbers: the stream counts each chunk's lines
 * and the engine the lines up to each finding. */
#ifndef CREDPOLICY_AUDIT_NEWLINES_H
#define CREDPOLICY_AUDIT_NEWLINES_H

#include <stddef.h>
#include <stdint.h>

/* Newlines in p[0..n). */
uint64_t count_newlines(const unsigned char *p, size_t n);
/* The same with 16-byte vectors, or with 32-byte ones when width is 32
 * or more and the CPU has them (AVX2): for the tests, which check each
 * width on its own. */
uint64_t count_newlines_with(const unsigned char *p, size_t n, unsigned width);

#endif
