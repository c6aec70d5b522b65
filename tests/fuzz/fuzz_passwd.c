/* Fuzz target: the /etc/passwd parser reads exactly the entries glibc's
 * fgetpwent() reads from the same bytes (tests/fuzz/glibc_colon.c). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "glibc_colon.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char msg[4096];

	if (glibc_colon_diff(DB_PASSWD, data, size, msg, sizeof msg) > 0) {
		fprintf(stderr, "passwd parser differs from glibc:\n%s\n", msg);
		abort();
	}
	return 0;
}
