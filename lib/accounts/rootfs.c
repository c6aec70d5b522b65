#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accounts/rootfs.h"
#include "dir_list.h"
#include "safe_open.h"

#define MAX_LINKS 40

int rootfs_open(struct rootfs *r, const char *dir)
{
	size_t len = strlen(dir);

	r->fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (r->fd < 0)
		return -errno;
	while (len > 0 && dir[len - 1] == '/')
		len--;
	r->path = strndup(dir, len);
	if (r->path == NULL) {
		close(r->fd);
		r->fd = -1;
		return -ENOMEM;
	}
	return 0;
}

void rootfs_close(struct rootfs *r)
{
	if (r->fd >= 0)
		close(r->fd);
	free(r->path);
	r->fd = -1;
	r->path = NULL;
}

static int same_inode(int a, int b)
{
	struct stat sa, sb;

	if (fstat(a, &sa) != 0 || fstat(b, &sb) != 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The walk keeps the rest of the path in `todo`; a symbolic link's target
 * is spliced in front of what remains, and an absolute target restarts
 * from the root. */
int rootfs_openat(const struct rootfs *r, const char *path, int flags)
{
	char todo[PATH_MAX], link[PATH_MAX], comp[NAME_MAX + 1];
	int cur, links = 0, err;
	size_t pos = 0;

	if (strlen(path) >= sizeof todo)
		return -ENAMETOOLONG;
	strcpy(todo, path);
	cur = dup(r->fd);
	if (cur < 0)
		return -errno;
	for (;;) {
		size_t n, rest;
		int fd, last;
		struct stat st;

		while (todo[pos] == '/')
			pos++;
		if (todo[pos] == '\0') {
			/* The path named a directory (or the root itself). */
			fd = openat(cur, ".", flags | O_CLOEXEC);
			err = fd < 0 ? -errno : fd;
			close(cur);
			return err;
		}
		n = strcspn(todo + pos, "/");
		if (n > NAME_MAX) {
			err = -ENAMETOOLONG;
			goto out;
		}
		memcpy(comp, todo + pos, n);
		comp[n] = '\0';
		pos += n;
		rest = pos + strspn(todo + pos, "/");
		last = todo[rest] == '\0';

		if (strcmp(comp, ".") == 0)
			continue;
		if (strcmp(comp, "..") == 0) {
			if (same_inode(cur, r->fd))
				continue; /* ".." stops at the root */
			fd = openat(cur, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
			if (fd < 0) {
				err = -errno;
				goto out;
			}
			close(cur);
			cur = fd;
			continue;
		}
		fd = openat(cur, comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			err = -errno;
			goto out;
		}
		if (fstat(fd, &st) != 0) {
			err = -errno;
			close(fd);
			goto out;
		}
		if (S_ISLNK(st.st_mode)) {
			ssize_t ln = readlinkat(fd, "", link, sizeof link - 1);
			size_t tail = strlen(todo + pos);

			close(fd);
			if (ln < 0) {
				err = -errno;
				goto out;
			}
			if (++links > MAX_LINKS) {
				err = -ELOOP;
				goto out;
			}
			link[ln] = '\0';
			if ((size_t)ln + tail + 2 > sizeof todo) {
				err = -ENAMETOOLONG;
				goto out;
			}
			/* todo = link + "/" + remaining */
			memmove(todo + ln + 1, todo + pos, tail + 1);
			memcpy(todo, link, (size_t)ln);
			todo[ln] = '/';
			pos = 0;
			if (link[0] == '/') {
				close(cur);
				cur = dup(r->fd);
				if (cur < 0)
					return -errno;
			}
			continue;
		}
		if (last) {
			int real;

			close(fd);
			real = openat(cur, comp, flags | O_NOFOLLOW | O_CLOEXEC);
			err = real < 0 ? -errno : real;
			close(cur);
			return err;
		}
		if (!S_ISDIR(st.st_mode)) {
			close(fd);
			err = -ENOTDIR;
			goto out;
		}
		close(cur);
		cur = fd;
	}
out:
	close(cur);
	return err;
}

int rootfs_stat(const struct rootfs *r, const char *path, struct stat *st)
{
	int fd = rootfs_openat(r, path, O_PATH);

	if (fd < 0)
		return fd;
	if (fstat(fd, st) != 0) {
		int err = -errno;
		close(fd);
		return err;
	}
	close(fd);
	return 0;
}

int rootfs_read(const struct rootfs *r, const char *path, size_t max, char **buf, size_t *len,
                struct stat *st_out)
{
	struct stat st;
	int fd, err;

	fd = rootfs_openat(r, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) != 0) {
		err = -errno;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		err = -EINVAL;
		goto fail;
	}
	if ((unsigned long long)st.st_size > max) {
		err = -EFBIG;
		goto fail;
	}
	err = read_fd_whole(fd, (size_t)st.st_size, buf, len);
	if (err != 0)
		goto fail;
	close(fd);
	if (st_out != NULL)
		*st_out = st;
	return 0;
fail:
	close(fd);
	return err;
}

char *rootfs_host_path(const struct rootfs *r, const char *path)
{
	char proc[64], real[PATH_MAX], rootreal[PATH_MAX];
	ssize_t n;
	size_t rl;
	int fd = rootfs_openat(r, path, O_PATH);

	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	n = readlink(proc, real, sizeof real - 1);
	close(fd);
	if (n < 0)
		return NULL;
	real[n] = '\0';
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", r->fd);
	n = readlink(proc, rootreal, sizeof rootreal - 1);
	if (n < 0)
		return NULL;
	rootreal[n] = '\0';
	rl = strcmp(rootreal, "/") == 0 ? 0 : (size_t)n;
	if (strncmp(real, rootreal, rl) != 0 || (real[rl] != '/' && real[rl] != '\0')) {
		errno = EXDEV;
		return NULL;
	}
	return strdup(real);
}

int rootfs_list(const struct rootfs *r, const char *dir, size_t max, char ***names)
{
	DIR *d;
	int n, fd = rootfs_openat(r, dir, O_RDONLY | O_DIRECTORY);

	if (fd < 0)
		return fd;
	d = fdopendir(fd);
	if (d == NULL) {
		int err = -errno;
		close(fd);
		return err;
	}
	n = dir_list_sorted(d, NULL, max, names, NULL);
	closedir(d);
	return n;
}
