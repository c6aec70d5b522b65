/* Fuzz target: the /etc/passwd parser. Every kept entry must have all
 * its strings and no ':' or newline in the name. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/passwd_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_list l = {0};
	struct diags d = {0};

	passwd_parse((const char *)data, size, "passwd", &l, &d);
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].name == NULL || strpbrk(l.v[i].name, ":\n") != NULL ||
		    l.v[i].shell == NULL)
			abort();
	pw_list_free(&l);
	diags_free(&d);
	return 0;
}
