#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dir_list.h"
#include "textlines.h"

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_dot(const char *n)
{
	return n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'));
}

int dir_list_sorted(DIR *d, bool (*keep)(const char *name), size_t max, char ***names,
                    size_t *dropped)
{
	char **v = NULL;
	size_t n = 0, skipped = 0;
	struct dirent *de;
	int err = 0;

	for (;;) {
		errno = 0;
		de = readdir(d);
		if (de == NULL) {
			err = -errno;
			break;
		}
		if (is_dot(de->d_name) || (keep != NULL && !keep(de->d_name)))
			continue;
		if (max > 0 && n >= max) {
			skipped++;
			continue;
		}
		err = strv_push(&v, &n, de->d_name);
		if (err != 0)
			break;
	}
	if (err == 0 && v == NULL)
		v = calloc(1, sizeof *v);
	if (err == 0 && v == NULL)
		err = -ENOMEM;
	if (err != 0) {
		strv_free(v);
		return err;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_names);
	if (dropped != NULL)
		*dropped = skipped;
	*names = v;
	return (int)n;
}
