/* Fuzz the breach index reader: any bytes opened as an index either fail
 * validation with a message or answer lookups without reading outside the
 * buffer. Inputs of even length get their header checksum forged, and of a
 * length divisible by 4 their block checksums too, so that mutations reach
 * the field checks and the region decoding behind them. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "breach/breach_format.h"
#include "breach/breach_index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Rewrite every block check that the layout lets us compute, as the builder
 * would (doc/breach-index.md, "Block check"). */
static void forge_block_checks(uint8_t *p, size_t size)
{
	unsigned deb = p[BX_OFF_DIR_ENTRY_BYTES], shift = p[BX_OFF_BLOCK_SHIFT];
	uint64_t buckets = bx_get64(p + BX_OFF_BUCKETS), body = bx_get64(p + BX_OFF_BODY_OFFSET);
	uint64_t stride = deb + BX_CHECK_BYTES, blocks, mask;

	if (deb < 4 || deb > 8 || shift > BX_MAX_BLOCK_SHIFT || buckets == 0 || body > size)
		return;
	mask = deb == 8 ? UINT64_MAX : (UINT64_C(1) << (8 * deb)) - 1;
	blocks = ((buckets - 1) >> shift) + 1;
	for (uint64_t j = 0; j < blocks && j < 4096; j++) {
		uint64_t e = BX_HEADER_SIZE + j * stride, start, end, pos;
		uint32_t crc = 0xFFFFFFFFu;

		if (e + 2 * stride + 8 > body)
			return;
		start = bx_get64(p + e) & mask;
		end = bx_get64(p + e + stride) & mask;
		/* Each step reads 9 bytes from bit pos (< end) of the body; end
		 * comes from the input, so no sum with it may overflow. */
		if (start > end || size - body < 9 || end / 8 > size - body - 9)
			continue;
		for (pos = start; pos < end; pos += 64) {
			const uint8_t *b = p + body + (pos >> 3);
			unsigned s = (unsigned)(pos & 7);
			uint64_t w = bx_get64(b) >> s;
			if (s)
				w |= (uint64_t)b[8] << (64 - s);
			if (end - pos < 64)
				w &= (UINT64_C(1) << (end - pos)) - 1;
			crc = bx_crc32c_u64(crc, w);
		}
		bx_put32(p + e + deb, bx_block_check(crc, j, start, end));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *pw[] = {"password", "123456", "Summer2024!", ""};
	struct breach_index *ix;
	struct breach_index_info info;
	char err[256];
	uint64_t key = 0x9E3779B97F4A7C15ULL;
	uint8_t *copy;

	copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	bx_crc32c_init();
	if (size >= BX_HEADER_SIZE && size % 4 == 0)
		forge_block_checks(copy, size);
	if (size >= BX_HEADER_SIZE && size % 2 == 0)
		bx_put64(copy + BX_OFF_HEADER_CHECKSUM, bx_xxh64(copy, BX_OFF_HEADER_CHECKSUM));
	if (breach_index_open_memory(copy, size, &ix, err, sizeof err) != 0) {
		free(copy);
		return 0;
	}
	breach_index_info(ix, &info);
	for (size_t i = 0; i < sizeof pw / sizeof pw[0]; i++)
		(void)breach_index_lookup(ix, pw[i], strlen(pw[i]));
	/* Keys spread over the whole fingerprint space reach every block. */
	for (int i = 0; i < 256; i++) {
		(void)breach_index_lookup_key(ix, key);
		key += 0x0101010101010101ULL * 0xFF + 0x9E3779B97F4A7C15ULL;
	}
	(void)breach_index_lookup_key(ix, 0);
	(void)breach_index_lookup_key(ix, UINT64_MAX);
	(void)breach_index_verify(ix, err, sizeof err);
	breach_index_close(ix);
	free(copy);
	return 0;
}
