/* Wiping memory that held a secret, on every path. */
#ifndef CREDPOLICY_SECURE_H
#define CREDPOLICY_SECURE_H

#include <stddef.h>

/* Overwrite n bytes at p with zeros; the compiler may not elide it. */
void secure_wipe(void *p, size_t n);

/* Wipe a NUL-terminated string in place (NULL is fine). */
void secure_wipe_str(char *s);

/* Wipe and free a NUL-terminated string (NULL is fine). */
void secure_free_str(char *s);

/* Wipe n bytes at p, then free p (NULL is fine). */
void secure_free(void *p, size_t n);

/* strndup() for secrets: the copy must be released with secure_free_str(). */
char *secure_strndup(const char *s, size_t n);

#endif
