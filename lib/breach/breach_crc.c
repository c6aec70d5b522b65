/* CRC-32C (Castagnoli), the per-block checksum of the breach index: the
 * SSE 4.2 instruction where the CPU has it, a table otherwise. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>

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

uint32_t bx_crc32c_u64(uint32_t crc, uint64_t v)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (use_hw > 0)
		return hw_u64(crc, v);
#endif
	return sw_u64(crc, v);
}
