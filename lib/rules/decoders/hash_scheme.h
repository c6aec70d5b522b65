/* Naming password-hash schemes: crypt(3) / /etc/shadow hashes, as found
 * in shadow files, htpasswd files, Junos "encrypted-password" lines and
 * configuration files. One table, used by the "crypt" and "htpasswd"
 * decoders and by the accounts inventory, so every report names a scheme
 * the same way.
 *
 * Strength is our reading for clause 3(1)⑤ (how cheap an offline attack
 * is): weak = DES-based, MD5-based, MD4 (NT), SHA-1 based; acceptable =
 * sha256crypt / sha512crypt; strong = yescrypt, gost-yescrypt, scrypt,
 * bcrypt. `cryptrec` is the clause 2(4) reading: which of the scheme's
 * primitives CRYPTREC lists (CRYPTREC lists no password-hashing scheme as
 * such). Pure functions: no I/O, no allocation, thread-safe. */
#ifndef CREDPOLICY_HASH_SCHEME_H
#define CREDPOLICY_HASH_SCHEME_H

#include <stddef.h>

enum hash_strength { HASH_UNKNOWN = 0, HASH_WEAK, HASH_ACCEPTABLE, HASH_STRONG };

struct hash_scheme {
	const char *name;   /* "yescrypt", "sha512crypt", "md5crypt", ... */
	const char *prefix; /* "$y$", "$6$", ...; "" for traditional DES */
	enum hash_strength strength;
	const char *cryptrec; /* clause 2(4) reading, one short English sentence */
};

/* The scheme of a complete, well-formed hash of len bytes (salt and
 * digest of the right alphabet and length), or NULL. Lock markers are
 * not stripped: "!$6$..." and "*" are NULL. */
const struct hash_scheme *hash_scheme_identify(const char *hash, size_t len);

/* Convenience for NUL-terminated hashes: the scheme's name, or NULL.
 * *strength (if not NULL) gets its strength, HASH_UNKNOWN for NULL. */
const char *hash_scheme_name(const char *hash, enum hash_strength *strength);

/* "weak", "acceptable", "strong", "unknown". */
const char *hash_strength_name(enum hash_strength s);

/* NULL-terminated list of every scheme we name (for docs and tests). */
const struct hash_scheme *const *hash_scheme_all(void);

#endif
