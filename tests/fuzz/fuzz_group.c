/* Fuzz target: the /etc/group and /etc/gshadow parsers (same input). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "accounts/passwd_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gr_list g = {0};
	struct gs_list s = {0};
	struct diags d = {0};

	group_parse((const char *)data, size, "group", &g, &d);
	gshadow_parse((const char *)data, size, "gshadow", &s, &d);
	for (size_t i = 0; i < g.n; i++)
		if (g.v[i].members == NULL)
			abort();
	for (size_t i = 0; i < s.n; i++)
		if (s.v[i].admins == NULL || s.v[i].members == NULL)
			abort();
	gr_list_free(&g);
	gs_list_free(&s);
	diags_free(&d);
	return 0;
}
