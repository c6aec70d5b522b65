/* Bytes from and to untrusted input: fixed-width integers whatever their
 * alignment (breach dictionaries, keyrings, SSH keys, executables' magic),
 * and hex -- the one table of hex digits every reader and writer uses --
 * and UTF-8, for text read in another encoding. */
#ifndef CREDPOLICY_BYTES_H
#define CREDPOLICY_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline uint32_t read_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint32_t read_le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* hex_digits[0] lower case, hex_digits[1] upper case. */
extern const char hex_digits[2][17];
/* The value of a hex digit (either case), or -1 for any other byte. */
extern const signed char hex_value[256];

/* Write n bytes as 2n lower-case hex digits and a NUL into out. */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* Read 2n hex digits of s (either case) into n bytes: false if any is not
 * a hex digit (out is then garbage). */
bool hex_decode(const char *s, size_t n, unsigned char *out);

/* Code point c (at most U+10FFFF) as UTF-8 into out: returns 1 to 4. */
size_t utf8_encode(uint32_t c, unsigned char out[4]);

#endif
