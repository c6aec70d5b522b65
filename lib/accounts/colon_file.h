/* The one prologue of the passwd, shadow, group and gshadow parsers:
 * records read the way glibc's nss_files reads them (the module behind
 * every getpwnam(), so behind su, login and sshd), streamed from a file
 * or taken from memory, and the field cursor its parsers share.
 *
 * What glibc does, and so what we do:
 * - a record is a line up to "\n"; the text ends at its first NUL byte;
 * - leading white space (isspace() in the C locale) is dropped; a line
 *   that is then empty or starts with "#" is no record;
 * - glibc moves the text after the leading white space to the front
 *   without its terminating NUL; on a last line without "\n" that leaves
 *   the tail of the old text behind (" ab" reads as "abb"), and so here;
 * - a string field runs to the next ':' (the last one to the end of the
 *   line, colons included);
 * - a number is strtoul()'s (white space, '+' or '-', decimal digits),
 *   refused above 4294967295 and when not followed by ':' or the end.
 * Records are bounded (COLON_LINE_MAX); a longer one is skipped and
 * reported, and memory is bounded by that, not by the file's size. */
#ifndef CREDPOLICY_ACCOUNTS_COLON_FILE_H
#define CREDPOLICY_ACCOUNTS_COLON_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COLON_LINE_MAX (4u << 20) /* bytes in one record */

struct colon_reader {
	int fd;          /* -1: memory input */
	const char *src; /* bytes not yet consumed: src[pos..len) */
	size_t len, pos;
	char *chunk;     /* file input buffer */
	char *line;      /* the current record, NUL-terminated, modifiable */
	size_t cap;      /* of line */
	unsigned lineno; /* of the current record, 1-based */
};

/* Read from memory (buf need not be NUL-terminated) or from an open file
 * (the caller keeps and closes fd). Returns 0 or -ENOMEM. */
void colon_reader_mem(struct colon_reader *r, const char *buf, size_t len);
int colon_reader_fd(struct colon_reader *r, int fd);
/* Wipes what was read (shadow holds password hashes) and frees. */
void colon_reader_free(struct colon_reader *r);

/* The next record: 1 with *rec set, 0 at the end, -EFBIG for a line
 * longer than COLON_LINE_MAX (skipped; r->lineno names it; reading may
 * go on), or -errno when reading failed (stop). */
int colon_next(struct colon_reader *r, char **rec);

/* The field cursor: *cur points into a record and moves on. */

/* A string field: up to the next ':' (consumed), or to the end. */
char *colon_string(char **cur);
/* A number that must be there; false when glibc refuses the record. */
bool colon_number(char **cur, uint32_t *v);
/* A number that may be empty; the record may not end before it. With
 * last, nothing may follow it. Returns 1 (*v set), 0 when empty (the
 * caller's default applies), -1 when glibc refuses the record. */
int colon_number_or(char **cur, bool last, uint32_t *v);
/* A ','-separated list up to terminator ('\0' for the rest of the
 * record): elements without their leading white space, empty ones left
 * out. Returns a malloc'd NULL-terminated vector of pointers into the
 * record, or NULL when out of memory. */
char **colon_list(char **cur, char terminator);

/* True when the field at cur is one or more decimal digits and nothing
 * else (a number as the shadow tools write it, not "+0" or " 0"). */
bool colon_plain_field(const char *cur);
/* Number of ':' in a record. */
size_t colon_count(const char *rec);

#endif
