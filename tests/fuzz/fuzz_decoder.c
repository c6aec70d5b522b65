/* One libFuzzer target per decoder: this file is built once per decoder
 * with FUZZ_DECODER naming it. Besides surviving any input, a decoder
 * must keep its contract: a bounded secret only when recoverable, a
 * wiped struct on rejection and terminated strings. (Whether a note
 * holds the secret is checked by the unit tests with canaries: here a
 * fuzzer soon builds inputs whose secret is a piece of a fixed note.) */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/decoders/decoder.h"

#ifndef FUZZ_DECODER
#error "build with -DFUZZ_DECODER='\"name\"'"
#endif

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != 0)
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct decoder *dec;
	struct decoded d;
	int rc;

	if (dec == NULL && (dec = decoder_find(FUZZ_DECODER)) == NULL)
		abort();
	memset(&d, 0x5a, sizeof d);
	rc = dec->decode(data, size, &d);
	if (rc != 0) {
		if (rc != -EINVAL || !all_zero(d.secret, sizeof d.secret) || d.secret_len != 0 ||
		    d.recoverable || d.note[0] != '\0' || d.scheme[0] != '\0')
			abort();
		return 0;
	}
	if (d.secret_len > DECODED_MAX || (d.secret_len > 0 && !d.recoverable))
		abort();
	if (memchr(d.note, '\0', sizeof d.note) == NULL ||
	    memchr(d.scheme, '\0', sizeof d.scheme) == NULL ||
	    memchr(d.account, '\0', sizeof d.account) == NULL)
		abort();
	decoded_wipe(&d);
	if (!all_zero(d.secret, sizeof d.secret) || d.secret_len != 0)
		abort();
	return 0;
}
