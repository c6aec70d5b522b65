/* Opening files that decide policy (configuration, hooks, indexes) the way
 * a setuid context must: no symlinks, a regular file, owned by root and
 * not writable by group or others, size capped; and reading such a file
 * whole. */
#ifndef CREDPOLICY_SAFE_OPEN_H
#define CREDPOLICY_SAFE_OPEN_H

#include <stddef.h>
#include <sys/stat.h>

enum safe_open_flags {
	SAFE_OPEN_REQUIRE_ROOT = 1 << 0, /* owner must be uid 0 and not g/o-writable */
	SAFE_OPEN_FOLLOW = 1 << 1,       /* follow a symbolic link (a file named by hand) */
};

/* Returns an fd (O_RDONLY|O_CLOEXEC, O_NOFOLLOW unless SAFE_OPEN_FOLLOW)
 * or -errno: -ELOOP for a
 * symlink, -EFTYPE-like -EINVAL for a non-regular file, -EPERM for bad
 * ownership or mode, -EFBIG when larger than max_size (0 = no cap).
 * The suite's builds may accept the caller's own files (seam.h). */
int safe_open(const char *path, unsigned flags, size_t max_size, struct stat *st_out);

/* Read the regular file open at fd whole: *buf (malloc'd, NUL-terminated)
 * receives *len bytes, size or fewer if the file shrank meanwhile. Returns
 * 0, -ENOMEM, or -errno from read(); fd stays open. */
int read_fd_whole(int fd, size_t size, char **buf, size_t *len);

/* safe_open() and read_fd_whole() together: 0 with *buf and *len set, or
 * -errno as they return it (safe_open_strerror() explains it). */
int safe_read_file(const char *path, unsigned flags, size_t max_size, char **buf, size_t *len);

/* A short explanation of a safe_open() error, for messages. */
const char *safe_open_strerror(int err);

#endif
