/* Fuzz target: the /etc/group and /etc/gshadow parsers read exactly the
 * entries glibc's fgetgrent() and fgetsgent() read from the same bytes. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "glibc_colon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char msg[4096];

	if (glibc_colon_diff(DB_GROUP, data, size, msg, sizeof msg) > 0) {
		fprintf(stderr, "group parser differs from glibc:\n%s\n", msg);
		abort();
	}
	if (glibc_colon_diff(DB_GSHADOW, data, size, msg, sizeof msg) > 0) {
		fprintf(stderr, "gshadow parser differs from glibc:\n%s\n", msg);
		abort();
	}
	return 0;
}
