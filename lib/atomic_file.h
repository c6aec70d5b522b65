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

/* The modes outputs ask for; the process umask is applied on top, so
 * umask 077 always gives 0600. Files holding findings or fingerprints
 * (scan results, baselines, reports) are private; a breach index holds only
 * hashes of already-published passwords and may be read by others. */
#define ATOMIC_FILE_PRIVATE 0600u
#define ATOMIC_FILE_SHARED  0644u

/* Create the temporary file (mode 0600 until commit). Returns 0 or -errno. */
int atomic_file_open(struct atomic_file *af, const char *path);

/* Flush, fsync, chmod to mode less the umask, rename over path. Returns 0 or -errno; on
 * error the temporary file is removed. */
int atomic_file_commit(struct atomic_file *af, unsigned mode);

/* Discard the temporary file (safe after a failed commit, or twice). */
void atomic_file_abort(struct atomic_file *af);

#endif
