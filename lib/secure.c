#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "secure.h"

#ifndef HAVE_EXPLICIT_BZERO
/* Called through a volatile pointer so the store cannot be proven dead. */
static void *(*const volatile memset_ptr)(void *, int, size_t) = memset;
static void explicit_bzero(void *p, size_t n)
{
	memset_ptr(p, 0, n);
}
#endif

void secure_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		explicit_bzero(p, n);
}

void secure_wipe_str(char *s)
{
	if (s != NULL)
		explicit_bzero(s, strlen(s));
}

void secure_free_str(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}

void secure_free(void *p, size_t n)
{
	if (p == NULL)
		return;
	explicit_bzero(p, n);
	free(p);
}

char *secure_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *copy = malloc(len + 1);

	if (copy == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}
