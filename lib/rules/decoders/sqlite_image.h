/* Reading an SQLite database from its bytes, never from a path: the image
 * is copied into an in-memory, read-only database with defensive settings
 * (no triggers, views or untrusted schema functions) and a bound on the
 * work any query may do. For browser password stores (decoders) and
 * login records (accounts). */
#ifndef CREDPOLICY_AUDIT_SQLITE_IMAGE_H
#define CREDPOLICY_AUDIT_SQLITE_IMAGE_H

#include <stddef.h>

#include <sqlite3.h>

/* Queries stop (SQLITE_INTERRUPT) after this many virtual-machine steps,
 * counted in chunks of SQLITE_IMAGE_STEP_CHUNK. */
#define SQLITE_IMAGE_STEP_CHUNK  1000
#define SQLITE_IMAGE_STEP_CHUNKS 100000

struct sqlite_image {
	sqlite3 *db;
	unsigned char *copy; /* the bytes the database reads: ours, wiped at close */
	size_t len;
	unsigned steps; /* work done, for the bound */
};

/* Open img[0..len) (a database file's bytes; a WAL-mode header is read as
 * rollback mode) into *im. Returns 0, or -1 when it is not a database or
 * memory runs out (*im then needs no closing). */
int sqlite_image_open(struct sqlite_image *im, const unsigned char *img, size_t len);

/* Close the database, then wipe and free the copy: a browser's store holds
 * passwords that are only obfuscated. */
void sqlite_image_close(struct sqlite_image *im);

#endif
