/* Write-to-temporary-then-rename, so a reader never sees a half-written
 * output and a failure leaves the previous file untouched. */
#ifndef CREDPOLICY_ATOMIC_FILE_H
#define CREDPOLICY_ATOMIC_FILE_H

#include <stdio.h>

struct atomic_file {
	char *path;     /* final path */
	char *tmp_path; /* PATH.XXXXXX in the same directory */
	FILE *fp;       /* write here */
};

/* Create the temporary file (mode 0600 until commit). Returns 0 or -errno. */
int atomic_file_open(struct atomic_file *af, const char *path);

/* Flush, fsync, chmod to mode, rename over path. Returns 0 or -errno; on
 * error the temporary file is removed. */
int atomic_file_commit(struct atomic_file *af, unsigned mode);

/* Discard the temporary file (safe after a failed commit, or twice). */
void atomic_file_abort(struct atomic_file *af);

#endif
