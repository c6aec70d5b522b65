/* A directory's names, sorted: drop-in directories, rule directories,
 * hook directories and the scanner all visit entries in one stable order. */
#ifndef CREDPOLICY_DIR_LIST_H
#define CREDPOLICY_DIR_LIST_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>

/* Read d to its end and return the number of names kept, with *names a
 * NULL-terminated array of them sorted by strcmp (free with strv_free()).
 * "." and ".." are never kept, nor names keep (may be NULL) refuses. At
 * most max names are kept (0: no limit); the rest are counted in *dropped
 * (may be NULL). Returns -errno (readdir's, or -ENOMEM) on failure. */
int dir_list_sorted(DIR *d, bool (*keep)(const char *name), size_t max, char ***names,
                    size_t *dropped);

#endif
