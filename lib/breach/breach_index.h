/* The compromised-password index (clauses 3(1)③④): a static, mmap'd
 * structure built once by `credpolicy breach build`, then queried by the
 * policy engine at every password change and by the login check.
 * The on-disk format is documented in doc/breach-index.md. */
#ifndef CREDPOLICY_BREACH_INDEX_H
#define CREDPOLICY_BREACH_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum breach_hash {
	BREACH_HASH_SHA1 = 1, /* SHA-1 of the UTF-8 password (HIBP SHA-1 download) */
	BREACH_HASH_NTLM = 2, /* MD4 of UTF-16LE (HIBP NTLM download) */
};

struct breach_index; /* opaque */

struct breach_index_info {
	enum breach_hash hash;
	uint64_t entries;
	unsigned fingerprint_bits;
	double bits_per_entry;
	double false_positive_rate; /* designed rate */
	char built[32];             /* RFC 3339 */
	char source_digest[80];     /* "sha256:..." of the inputs */
};

/* Open and validate (magic, version, sizes, checksum). Returns 0 or -errno;
 * on error, err (if not NULL) explains what is wrong with which byte offset. */
int breach_index_open(const char *path, struct breach_index **out, char *err, size_t errlen);
void breach_index_close(struct breach_index *ix);

/* Is this password (UTF-8, as typed) in the index? Returns 1 found, 0 absent,
 * -errno on error. Hash temporaries are wiped. */
int breach_index_lookup(const struct breach_index *ix, const char *password, size_t len);

void breach_index_info(const struct breach_index *ix, struct breach_index_info *out);

#endif
