/* Reading option values the same way in every subcommand of both CLIs:
 * a whole decimal number in a range, a size with a K/M/G/T suffix. */
#ifndef CREDPOLICY_FRAME_OPTIONS_H
#define CREDPOLICY_FRAME_OPTIONS_H

#include <stdint.h>

/* s is all decimal digits (no sign, no blanks) and at most max: 0 with
 * *out set, or -EINVAL. */
int opt_number(const char *s, uint64_t max, uint64_t *out);

/* opt_number() into an unsigned from min to max: 0 with *out set, or
 * -EINVAL (*out untouched). */
int opt_unsigned(const char *s, unsigned min, unsigned max, unsigned *out);

/* "64M" -> 67108864: digits, then optionally K, M, G or T (powers of 1024,
 * "KiB" and "KB" alike). 0 with *out set, or -EINVAL. */
int opt_size(const char *s, uint64_t *out);

#endif
