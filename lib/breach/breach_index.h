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
	/* Added by the implementation (see doc/breach-index.md): */
	double expected_false_positive_rate; /* entries / fingerprint space: the
	                                        exact rate for a random non-member */
	uint64_t records;                    /* input records read, with duplicates */
	uint64_t file_size;                  /* bytes */
	unsigned remainder_bits;             /* bits stored per entry besides the bucket */
	uint64_t buckets;
};

/* Open and validate (magic, version, sizes, checksum). Returns 0 or -errno;
 * on error, err (if not NULL) explains what is wrong with which byte offset.
 * The file must be a regular file owned by root and not writable by group or
 * others (lib/safe_open.h). Opening costs O(1): the header and its checksum,
 * every size against the file size, and the directory's two end entries are
 * checked; the body checksum is checked by breach_index_verify(). */
int breach_index_open(const char *path, struct breach_index **out, char *err, size_t errlen);
void breach_index_close(struct breach_index *ix);

/* Is this password (UTF-8, as typed) in the index? Returns 1 found, 0 absent,
 * -errno on error. Hash temporaries are wiped. */
int breach_index_lookup(const struct breach_index *ix, const char *password, size_t len);

void breach_index_info(const struct breach_index *ix, struct breach_index_info *out);

/* ---- Extensions beyond the first interface ---- */

enum breach_open_flags {
	BREACH_OPEN_ANY_OWNER = 1 << 0, /* skip the root-ownership check (admin CLI tools) */
	BREACH_OPEN_LOAD = 1 << 1,      /* read the whole file into memory (huge pages
	                                   where possible): for many lookups in a row */
};

/* breach_index_open() with flags. */
int breach_index_open_flags(const char *path, unsigned flags, struct breach_index **out, char *err,
                            size_t errlen);

/* Validate an index held in memory (not copied: data must outlive the index). */
int breach_index_open_memory(const void *data, size_t len, struct breach_index **out, char *err,
                             size_t errlen);

/* Look up a digest of the index's hash type (20 bytes for SHA-1, 16 for NTLM),
 * e.g. one parsed from a HIBP line. Returns 1, 0 or -errno. */
int breach_index_lookup_digest(const struct breach_index *ix, const uint8_t *digest, size_t len);

/* Look up a 64-bit key (the digest's first 8 bytes, big-endian). For
 * benchmarks and tests. Returns 1, 0 or -EBADMSG when the region it reads
 * is corrupt. */
int breach_index_lookup_key(const struct breach_index *ix, uint64_t key);

/* Check the directory and body checksums: reads the whole file, O(size).
 * Returns 0, or -EBADMSG with err naming the damaged section. */
int breach_index_verify(const struct breach_index *ix, char *err, size_t errlen);

/* Hash a password the way an index of this type stores it. out receives 20
 * (SHA-1) or 16 (NTLM) bytes; *outlen says which. Returns 0, -EINVAL for an
 * unknown type, or -EILSEQ when NTLM is asked for and the password is not
 * valid UTF-8 (or encodes a surrogate). Temporaries are wiped. */
int breach_hash_password(enum breach_hash hash, const char *password, size_t len, uint8_t out[20],
                         size_t *outlen);

/* "sha1" or "ntlm". */
const char *breach_hash_name(enum breach_hash hash);

#endif
