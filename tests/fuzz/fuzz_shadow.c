/* Fuzz target: the /etc/shadow parser and hash classification. Aging
 * fields are -1 or non-negative; every hash is classified. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "accounts/hash_info.h"
#include "accounts/passwd_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sp_list l = {0};
	struct diags d = {0};

	shadow_parse((const char *)data, size, "shadow", &l, &d);
	for (size_t i = 0; i < l.n; i++) {
		struct hash_info hi;
		if (l.v[i].max < -1 || l.v[i].lastchg < -1 || l.v[i].expire < -1)
			abort();
		hash_info_get(l.v[i].hash, &hi);
		if (hi.scheme == NULL)
			abort();
	}
	sp_list_free(&l);
	diags_free(&d);
	return 0;
}
