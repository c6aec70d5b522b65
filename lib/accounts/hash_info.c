#include "config.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/hash_info.h"
#include "rules/decoders/hash_scheme.h"

static bool sha_low_cost(const char *h)
{
	const char *r;

	if (strncmp(h, "$5$", 3) != 0 && strncmp(h, "$6$", 3) != 0)
		return false;
	if (strncmp(h + 3, "rounds=", 7) != 0)
		return true; /* default: 5000 rounds */
	r = h + 10;
	return strtoul(r, NULL, 10) <= 5000;
}

void hash_info_get(const char *field, struct hash_info *hi)
{
	const char *h = field;

	memset(hi, 0, sizeof *hi);
	if (field[0] == '\0') {
		hi->state = PW_EMPTY;
		hi->scheme = "empty";
		return;
	}
	while (*h == '!')
		h++;
	if (*h == '\0' || *h == '*' || strcmp(field, "x") == 0) {
		hi->state = PW_NONE;
		hi->scheme = "none";
		return;
	}
	/* one naming table for the whole project (rules/decoders/hash_scheme.h) */
	hi->scheme = hash_scheme_name(h, NULL);
	if (hi->scheme == NULL)
		hi->scheme = "unknown";
	switch (crypt_checksalt(h)) {
	case CRYPT_SALT_OK:
		break;
	case CRYPT_SALT_METHOD_LEGACY:
		hi->legacy = true;
		break;
	default:
		hi->state = PW_INVALID;
		return;
	}
	hi->low_cost = sha_low_cost(h);
	hi->state = h != field ? PW_LOCKED : PW_USABLE;
}
