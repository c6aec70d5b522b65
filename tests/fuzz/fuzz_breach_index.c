/* Fuzz the breach index reader: any bytes opened as an index either fail
 * validation with a message or answer lookups without reading outside the
 * buffer. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "breach/breach_format.h"
#include "breach/breach_index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *pw[] = {"password", "123456", "Summer2024!", ""};
	struct breach_index *ix;
	struct breach_index_info info;
	char err[256];
	uint64_t key = 0x9E3779B97F4A7C15ULL;
	uint8_t *copy;

	/* Inputs of even length get their header checksum forged, so that
	 * mutations reach the field checks and the lookups behind it. */
	copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
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
