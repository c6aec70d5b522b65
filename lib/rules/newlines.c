/* Counting newlines: vectors of bytes compared with '\n' (GCC and Clang
 * vector extensions), their lanes summed every 255 blocks before they
 * overflow. memchr() per line cost a fifth of the scan time on config
 * files, whose lines are short. Every byte of every file is counted: where
 * the CPU has 32-byte vectors (AVX2), they are used. */
#include "config.h"

#include <string.h>

#include "rules/newlines.h"

#define COUNT_WITH(WIDTH)                                                                          \
	typedef unsigned char vec __attribute__((vector_size(WIDTH)));                             \
	vec nl;                                                                                    \
	uint64_t lines = 0;                                                                        \
	size_t i = 0;                                                                              \
                                                                                                   \
	memset(&nl, '\n', sizeof nl);                                                              \
	while (n - i >= (WIDTH)) {                                                                 \
		vec acc = {0};                                                                     \
		size_t blocks = (n - i) / (WIDTH);                                                 \
		if (blocks > 255)                                                                  \
			blocks = 255;                                                              \
		for (size_t b = 0; b < blocks; b++, i += (WIDTH)) {                                \
			vec v;                                                                     \
			memcpy(&v, p + i, sizeof v);                                               \
			acc -= (vec)(v == nl); /* a match is 0xff: subtracting adds 1 */           \
		}                                                                                  \
		for (int k = 0; k < (WIDTH); k++)                                                  \
			lines += acc[k];                                                           \
	}                                                                                          \
	for (; i < n; i++)                                                                         \
		lines += p[i] == '\n';                                                             \
	return lines

static uint64_t count16(const unsigned char *p, size_t n)
{
	COUNT_WITH(16);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2"))) static uint64_t count32(const unsigned char *p, size_t n)
{
	COUNT_WITH(32);
}
#endif

uint64_t count_newlines_with(const unsigned char *p, size_t n, unsigned width)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
	if (width >= 32 && __builtin_cpu_supports("avx2"))
		return count32(p, n);
#endif
	(void)width;
	return count16(p, n);
}

uint64_t count_newlines(const unsigned char *p, size_t n)
{
	return count_newlines_with(p, n, 32);
}
