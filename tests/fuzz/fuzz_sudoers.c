/* Fuzz target: the sudoers parser and grant resolution (aliases may
 * refer to each other: resolution must stay bounded). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/sudoers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int in_group(void *ctx, const char *name, uint32_t gid)
{
	(void)ctx;
	return name ? strcmp(name, "sudo") == 0 : gid == 27;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sudoers s = {0};
	struct diags d = {0};
	const struct sudo_spec *sp;

	sudoers_parse((const char *)data, size, "sudoers", &s, &d);
	sp = sudoers_grant(&s, "alice", 1000, in_group, NULL);
	if (sp != NULL && (sp->who == NULL || sp->file == NULL))
		abort();
	sudoers_grant(&s, "root", 0, in_group, NULL);
	sudoers_free(&s);
	diags_free(&d);
	return 0;
}
