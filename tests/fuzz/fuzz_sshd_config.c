/* Fuzz target: the sshd_config parser, with Include patterns checked
 * (not followed) and each AuthorizedKeysFile pattern expanded. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/sshd_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int include(void *ctx, const char *pattern, const char *from, unsigned line)
{
	(void)ctx;
	(void)from;
	(void)line;
	return pattern == NULL ? -1 : 0;
}

static void expand_all(char **v)
{
	for (; v && *v; v++) {
		char *p = sshd_expand_akf(*v, "alice", "/home/alice", 1000);
		if (p != NULL && p[0] != '/')
			abort(); /* always absolute */
		free(p);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sshd_config c = {0};
	struct diags d = {0};

	sshd_config_parse((const char *)data, size, "sshd_config", &c, include, NULL, &d);
	expand_all(c.akf);
	for (size_t i = 0; i < c.nmatches; i++)
		expand_all(c.matches[i].akf);
	sshd_config_free(&c);
	diags_free(&d);
	return 0;
}
