#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "safe_open.h"
#include "seam.h"

int safe_open(const char *path, unsigned flags, size_t max_size, struct stat *st_out)
{
	struct stat st;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK |
	                        ((flags & SAFE_OPEN_FOLLOW) ? 0 : O_NOFOLLOW));
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) != 0) {
		err = -errno;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		err = -EINVAL;
		goto fail;
	}
	if ((flags & SAFE_OPEN_REQUIRE_ROOT) && !seam_any_owner() &&
	    (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)) {
		err = -EPERM;
		goto fail;
	}
	if (max_size > 0 && (size_t)st.st_size > max_size) {
		err = -EFBIG;
		goto fail;
	}
	/* Back to blocking reads now that we know it is a regular file. */
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (st_out != NULL)
		*st_out = st;
	return fd;
fail:
	close(fd);
	return err;
}

int read_fd_whole(int fd, size_t size, char **buf, size_t *len)
{
	char *b = malloc(size + 1);
	size_t got = 0;

	if (b == NULL)
		return -ENOMEM;
	while (got < size) {
		ssize_t n = read(fd, b + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;
			free(b);
			return err;
		}
		if (n == 0)
			break; /* shrank while reading: take what is there */
		got += (size_t)n;
	}
	b[got] = '\0';
	*buf = b;
	*len = got;
	return 0;
}

int safe_read_file(const char *path, unsigned flags, size_t max_size, char **buf, size_t *len)
{
	struct stat st;
	int fd = safe_open(path, flags, max_size, &st);
	int err;

	if (fd < 0)
		return fd;
	err = read_fd_whole(fd, (size_t)st.st_size, buf, len);
	close(fd);
	return err;
}

const char *safe_open_strerror(int err)
{
	switch (err) {
	case -ELOOP:
		return _("is a symbolic link; name the real file");
	case -EINVAL:
		return _("is not a regular file");
	case -EPERM:
		return _("must be owned by root and not writable by group or others");
	case -EFBIG:
		return _("is larger than allowed");
	default:
		return strerror(-err);
	}
}
