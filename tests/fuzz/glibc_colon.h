/* Differential check of our passwd/shadow/group/gshadow parsers against
 * glibc's own readers (fgetpwent, fgetspent, fgetgrent, fgetsgent) on the
 * same bytes: the same entries, field by field, in the same order. Used
 * by the fuzz targets and the unit tests. Run it in the C locale. */
#ifndef CREDPOLICY_TESTS_GLIBC_COLON_H
#define CREDPOLICY_TESTS_GLIBC_COLON_H

#include <stddef.h>
#include <stdint.h>

enum colon_db { DB_PASSWD, DB_SHADOW, DB_GROUP, DB_GSHADOW };

/* 0 when both read the same entries; otherwise 1 with what differs in
 * msg, or -1 when the comparison could not run (out of memory). */
int glibc_colon_diff(enum colon_db db, const uint8_t *data, size_t size, char *msg, size_t msglen);

#endif
