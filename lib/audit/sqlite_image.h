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

/* Open img[0..len) (a database file's bytes; a WAL-mode header is read as
 * rollback mode). *steps counts the work done and must outlive the
 * handle. NULL when it is not a database or memory runs out. */
sqlite3 *sqlite_image_open(const unsigned char *img, size_t len, unsigned *steps);

#endif
