/* The decoder registry: rule files name decoders; the engine finds them
 * here. */
#include "config.h"

#include <string.h>

#include "secure.h"
#include "audit/decoders/decode_util.h"

static const struct decoder *const decoders[] = {
        &decoder_cisco7, &decoder_cisco_secret, &decoder_juniper9, &decoder_crypt, NULL,
};

const struct decoder *decoder_find(const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; decoders[i] != NULL; i++)
		if (strcmp(decoders[i]->name, name) == 0)
			return decoders[i];
	return NULL;
}

const struct decoder *const *decoder_all(void)
{
	return decoders;
}

void decoded_wipe(struct decoded *d)
{
	if (d == NULL)
		return;
	secure_wipe(d, sizeof *d);
	d->severity = SEVERITY_KEEP;
}
