/* CRC-32C (Castagnoli), the per-block checksum of the breach index: the
 * SSE 4.2 instruction where the CPU has it, a table otherwise. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "breach/breach_format.h"

#define CRC32C_POLY 0x82F63B78u /* reflected */

static uint32_t table[8][256];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static int use_hw = -1;

static void table_init(void)
{
	for (unsigned i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (CRC32C_POLY & (0u - (c & 1)));
		table[0][i] = c;
	}
	for (unsigned i = 0; i < 256; i++)
		for (int t = 1; t < 8; t++)
			table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xff];
#if defined(__x86_64__) && defined(__GNUC__)
	use_hw = __builtin_cpu_supports("sse4.2") ? 1 : 0;
#else
	use_hw = 0;
#endif
}

static uint32_t sw_u64(uint32_t crc, uint64_t v)
{
	v ^= crc;
	return table[7][v & 0xff] ^ table[6][(v >> 8) & 0xff] ^ table[5][(v >> 16) & 0xff] ^
	       table[4][(v >> 24) & 0xff] ^ table[3][(v >> 32) & 0xff] ^
	       table[2][(v >> 40) & 0xff] ^ table[1][(v >> 48) & 0xff] ^ table[0][v >> 56];
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("sse4.2"))) static uint32_t hw_u64(uint32_t crc, uint64_t v)
{
	return (uint32_t)__builtin_ia32_crc32di(crc, v);
}
#endif

void bx_crc32c_init(void)
{
	pthread_once(&table_once, table_init);
}

/* The 64 region bits at bit pos of body (see bx_crc32c_bits()). */
static inline uint64_t word_at(const uint8_t *body, uint64_t pos)
{
	const uint8_t *b = body + (pos >> 3);
	unsigned s = (unsigned)(pos & 7);
	uint64_t w;

	memcpy(&w, b, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	w >>= s;
	return s ? w | (uint64_t)b[8] << (64 - s) : w;
}

/* The loop over a region's words; inlined into each caller with its step,
 * so the hardware step is inlined whole. */
static inline __attribute__((always_inline)) uint32_t
bits_loop(uint32_t crc, const uint8_t *body, uint64_t start, uint64_t end,
          uint32_t (*step)(uint32_t, uint64_t))
{
	uint64_t pos;

	for (pos = start; end - pos >= 64; pos += 64)
		crc = step(crc, word_at(body, pos));
	if (pos < end)
		crc = step(crc, word_at(body, pos) & ((UINT64_C(1) << (end - pos)) - 1));
	return crc;
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("sse4.2"))) static uint32_t hw_bits(uint32_t crc, const uint8_t *body,
                                                          uint64_t start, uint64_t end)
{
	return bits_loop(crc, body, start, end, hw_u64);
}
#endif

uint32_t bx_crc32c_bits(uint32_t crc, const uint8_t *body, uint64_t start, uint64_t end)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (use_hw > 0)
		return hw_bits(crc, body, start, end);
#endif
	return bits_loop(crc, body, start, end, sw_u64);
}

uint32_t bx_crc32c_u64(uint32_t crc, uint64_t v)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (use_hw > 0)
		return hw_u64(crc, v);
#endif
	return sw_u64(crc, v);
}
