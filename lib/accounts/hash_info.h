/* What a shadow password field holds: no password, a lock, or a hash of
 * a named scheme that libxcrypt judges strong or legacy. */
#ifndef CREDPOLICY_ACCOUNTS_HASH_INFO_H
#define CREDPOLICY_ACCOUNTS_HASH_INFO_H

#include <stdbool.h>

enum pw_state {
	PW_EMPTY,   /* "": no password is needed to log in */
	PW_NONE,    /* "*", "!", "!!" ...: no password can match */
	PW_LOCKED,  /* "!" + a hash: usermod -L; key logins still work */
	PW_USABLE,  /* a hash a password can match */
	PW_INVALID, /* a hash libxcrypt cannot use: no password can match */
};

struct hash_info {
	enum pw_state state;
	const char *scheme; /* rules/decoders/hash_scheme.h name ("yescrypt", "sha512crypt", ...),
	                       or "none", "empty", "unknown" */
	bool legacy;        /* crypt_checksalt() says CRYPT_SALT_METHOD_LEGACY */
	bool low_cost;      /* sha256crypt/sha512crypt at the default 5000 rounds or fewer */
};

void hash_info_get(const char *field, struct hash_info *hi);

#endif
