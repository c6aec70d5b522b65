#include "config.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/hash_info.h"

static const struct {
	const char *prefix, *name;
} schemes[] = {
	{"$y$", "yescrypt"},    {"$gy$", "gost-yescrypt"}, {"$7$", "scrypt"},
	{"$2b$", "bcrypt"},     {"$2a$", "bcrypt"},        {"$2y$", "bcrypt"},
	{"$2x$", "bcrypt"},     {"$6$", "sha512crypt"},    {"$5$", "sha256crypt"},
	{"$sha1$", "sha1crypt"}, {"$md5", "sunmd5"},       {"$1$", "md5crypt"},
	{"$3$", "nthash"},      {"_", "bsdicrypt"},
};

static const char *scheme_name(const char *h)
{
	size_t len = strlen(h);

	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
		if (strncmp(h, schemes[i].prefix, strlen(schemes[i].prefix)) == 0)
			return schemes[i].name;
	if (len == 13 && h[0] != '$')
		return "descrypt";
	if (len > 13 && len <= 178 && (len - 13) % 11 == 0 && h[0] != '$')
		return "bigcrypt";
	return "unknown";
}

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
	hi->scheme = scheme_name(h);
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
