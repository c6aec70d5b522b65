#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "frame/options.h"

/* The digits at the start of s as a number: 0 with *v and *end set. */
static int leading_number(const char *s, unsigned long long *v, char **end)
{
	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, end, 10);
	return errno != 0 ? -EINVAL : 0;
}

int opt_number(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (leading_number(s, &v, &end) < 0 || *end != '\0' || v > max)
		return -EINVAL;
	*out = (uint64_t)v;
	return 0;
}

int opt_unsigned(const char *s, unsigned min, unsigned max, unsigned *out)
{
	uint64_t v;

	if (opt_number(s, max, &v) < 0 || v < min)
		return -EINVAL;
	*out = (unsigned)v;
	return 0;
}

static unsigned suffix_shift(char c)
{
	switch (c) {
	case 'k':
	case 'K':
		return 10;
	case 'm':
	case 'M':
		return 20;
	case 'g':
	case 'G':
		return 30;
	case 't':
	case 'T':
		return 40;
	}
	return 0;
}

int opt_size(const char *s, uint64_t *out)
{
	unsigned long long v;
	unsigned shift;
	char *end;

	if (leading_number(s, &v, &end) < 0)
		return -EINVAL;
	shift = suffix_shift(*end);
	if (shift > 0) {
		end++;
		if (strcmp(end, "iB") == 0 || strcmp(end, "B") == 0)
			end += strlen(end);
	}
	if (*end != '\0' || (shift > 0 && v > (UINT64_MAX >> shift)))
		return -EINVAL;
	*out = (uint64_t)v << shift;
	return 0;
}
