/* Directory walking (walk.c). Internal to lib/scan. */
#ifndef CREDPOLICY_SCAN_WALK_H
#define CREDPOLICY_SCAN_WALK_H

#include <sys/stat.h>

#include "scan/scan_ctx.h"

/* Calls submit for every regular file under root. */
struct walk_sink {
	/* Takes ownership of path and fd. Returns 0, or -errno to stop. */
	int (*submit)(void *ctx, char *path, int fd, const struct stat *st);
	void *ctx;
};
int walk_root(struct scan_ctx *ctx, struct cov_counts *cc, const char *root,
              const struct walk_sink *sink);

#endif
