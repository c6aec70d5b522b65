/* Text held in memory: line-by-line reading with line numbers for
 * messages, a bounded list of those messages, fields, trimming, numbers,
 * and the growing arrays and string vectors every parser needs. */
#ifndef CREDPOLICY_TEXTLINES_H
#define CREDPOLICY_TEXTLINES_H

#include <stdbool.h>
#include <stddef.h>

struct line_iter {
	const char *p, *end;
	unsigned lineno;
};

void line_iter_init(struct line_iter *it, const char *buf, size_t len);
/* Next line without its "\n" (and "\r"); false at the end. */
bool line_next(struct line_iter *it, const char **s, size_t *len);

/* Messages about the input ("FILE:LINE: what; what to do"), at most
 * DIAG_MAX kept; the rest are counted. */
#define DIAG_MAX 200
struct diags {
	char **msg;
	size_t n, dropped;
};

void diag_add(struct diags *d, const char *file, unsigned line, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
void diags_free(struct diags *d);

/* strndup() that trims blanks at both ends. */
char *strndup_trim(const char *s, size_t len);
/* Trim blanks (space, tab, CR) at both ends of s in place: returns the
 * first kept character, the end is cut with a NUL. */
char *str_trim(char *s);
/* Split s[0..len) at sep into at most max fields (pointers into s, with
 * lengths). Returns the number of fields found (may exceed max: the
 * extra ones are not stored). */
size_t split_fields(const char *s, size_t len, char sep, const char **f, size_t *fl, size_t max);
/* Parse a decimal unsigned number of the whole field; false if not one. */
bool parse_ulong(const char *s, size_t len, unsigned long max, unsigned long *out);

/* Make room for element n of an array grown by doubling (capacity 8,
 * then doubled whenever n reaches a power of two). Returns 0, -E2BIG at
 * max elements, or -ENOMEM. */
int array_grow(void **v, size_t n, size_t size, size_t max);

/* Append a copy of s to the NULL-terminated array *v of *n strings (both
 * may start NULL and 0). Returns 0 or -ENOMEM (*v stays NULL-terminated). */
int strv_push(char ***v, size_t *n, const char *s);
/* Free a NULL-terminated array of malloc'd strings (NULL is fine). */
void strv_free(char **v);

#endif
