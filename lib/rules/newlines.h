/* Counting newlines, for line numbers: the stream counts each chunk's lines
 * and the engine the lines up to each finding. */
#ifndef CREDPOLICY_AUDIT_NEWLINES_H
#define CREDPOLICY_AUDIT_NEWLINES_H

#include <stddef.h>
#include <stdint.h>

/* Newlines in p[0..n). */
uint64_t count_newlines(const unsigned char *p, size_t n);

#endif
