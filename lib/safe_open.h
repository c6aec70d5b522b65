/* Opening files that decide policy (configuration, hooks, indexes) the way
 * a setuid context must: no symlinks, a regular file, owned by root and
 * not writable by group or others, size capped. */
#ifndef CREDPOLICY_SAFE_OPEN_H
#define CREDPOLICY_SAFE_OPEN_H

#include <stddef.h>
#include <sys/stat.h>

enum safe_open_flags {
	SAFE_OPEN_REQUIRE_ROOT = 1 << 0, /* owner must be uid 0 and not g/o-writable */
};

/* Returns an fd (O_RDONLY|O_CLOEXEC|O_NOFOLLOW) or -errno: -ELOOP for a
 * symlink, -EFTYPE-like -EINVAL for a non-regular file, -EPERM for bad
 * ownership or mode, -EFBIG when larger than max_size (0 = no cap).
 * The ownership check is skipped when CREDPOLICY_TESTING=1 is set in the
 * environment of a process that is not setuid (secure_getenv). */
int safe_open(const char *path, unsigned flags, size_t max_size, struct stat *st_out);

/* A short explanation of a safe_open() error, for messages. */
const char *safe_open_strerror(int err);

#endif
