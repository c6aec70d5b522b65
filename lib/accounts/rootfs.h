/* Files of a root file system (the live "/" or a mounted or extracted
 * image), opened the way an auditor must: every path is resolved inside
 * the root, component by component, so that ".." stops at the root and an
 * absolute symbolic link is taken relative to the root, never to the
 * auditor's own file system. Reads are bounded. */
#ifndef CREDPOLICY_ACCOUNTS_ROOTFS_H
#define CREDPOLICY_ACCOUNTS_ROOTFS_H

#include <stddef.h>
#include <sys/stat.h>

struct rootfs {
	int fd;     /* O_PATH descriptor of the root directory */
	char *path; /* the root as given, without trailing slash ("" for "/") */
};

/* Open the root directory. Returns 0 or -errno. */
int rootfs_open(struct rootfs *r, const char *dir);
void rootfs_close(struct rootfs *r);

/* Resolve path (absolute or relative to the root) inside the root and
 * open it with flags (O_NOFOLLOW is implied for the last component; a
 * symbolic link there is followed inside the root). Returns an fd or
 * -errno (-ELOOP after 40 links). */
int rootfs_openat(const struct rootfs *r, const char *path, int flags);

/* stat() of the resolved path. Returns 0 or -errno. */
int rootfs_stat(const struct rootfs *r, const char *path, struct stat *st);

/* Read a regular file of at most max bytes into a NUL-terminated malloc'd
 * buffer. Returns 0, -EFBIG when larger, -EINVAL when not a regular file,
 * or -errno. *st_out (may be NULL) gets the file's status. */
int rootfs_read(const struct rootfs *r, const char *path, size_t max, char **buf, size_t *len,
                struct stat *st_out);

/* The path on the auditor's own file system that the in-root path
 * resolves to (for handing to code that opens by name), malloc'd, or NULL
 * with errno set. It is checked to lie inside the root. */
char *rootfs_host_path(const struct rootfs *r, const char *path);

/* Sorted names in an in-root directory (without "." and ".."), at most
 * max entries; *names is a NULL-terminated malloc'd array. Returns the
 * count or -errno. Free with strv_free(). */
int rootfs_list(const struct rootfs *r, const char *dir, size_t max, char ***names);

#endif
