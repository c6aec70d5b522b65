/* Fuzz target: the /etc/shadow parser reads exactly the entries glibc's
 * fgetspent() reads from the same bytes, and every hash is classified. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/hash_info.h"
#include "glibc_colon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char msg[4096], *text;
	struct hash_info hi;

	if (glibc_colon_diff(DB_SHADOW, data, size, msg, sizeof msg) > 0) {
		fprintf(stderr, "shadow parser differs from glibc:\n%s\n", msg);
		abort();
	}
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	hash_info_get(text, &hi);
	if (hi.scheme == NULL)
		abort();
	free(text);
	return 0;
}
