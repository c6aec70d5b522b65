#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fingerprint.h"
#include "fingerprint_key.h"
#include "paths.h"
#include "i18n.h"
#include "secure.h"

const char *fingerprint_key_path(const char *path)
{
	const char *env;

	if (path != NULL)
		return path;
	env = secure_getenv(FINGERPRINT_KEY_ENV);
	if (env != NULL && env[0] != '\0')
		return env;
	return PATH_FINGERPRINT_KEY;
}

/* Write n random bytes to fd. */
static int write_random(int fd, size_t n)
{
	uint8_t key[FINGERPRINT_KEY_NEW_BYTES];
	int rc = 0;

	if (n > sizeof key || getrandom(key, n, 0) != (ssize_t)n)
		rc = -EIO;
	else if (write(fd, key, n) != (ssize_t)n || fsync(fd) != 0)
		rc = errno ? -errno : -EIO;
	secure_wipe(key, sizeof key);
	return rc;
}

/* Create path with a new key unless it exists: a temporary in the same
 * directory, linked to path (link never replaces a file). 0 when path now
 * exists, whoever made it. */
static int create_key(const char *path)
{
	size_t len = strlen(path);
	char *tmp = malloc(len + 8);
	int fd, rc;

	if (tmp == NULL)
		return -ENOMEM;
	memcpy(tmp, path, len);
	memcpy(tmp + len, ".XXXXXX", 8);
	fd = mkostemp(tmp, O_CLOEXEC); /* mode 0600 */
	if (fd < 0) {
		rc = -errno;
		free(tmp);
		return rc;
	}
	rc = write_random(fd, FINGERPRINT_KEY_NEW_BYTES);
	close(fd);
	if (rc == 0 && link(tmp, path) != 0 && errno != EEXIST)
		rc = -errno;
	unlink(tmp);
	free(tmp);
	return rc;
}

static int check_key_file(int fd, const char *path, struct stat *st, char *err, size_t errlen)
{
	if (fstat(fd, st) != 0)
		return -errno;
	if (!S_ISREG(st->st_mode)) {
		snprintf(err, errlen, _("fingerprint key %s is not a regular file"), path);
		return -EINVAL;
	}
	if ((st->st_uid != 0 && st->st_uid != geteuid()) || (st->st_mode & 077) != 0) {
		snprintf(err, errlen,
		         _("fingerprint key %s must be owned by root (or by you) with mode 0600; "
		           "fix it with chown and chmod 600"),
		         path);
		return -EPERM;
	}
	if (st->st_size < FINGERPRINT_KEY_MIN || st->st_size > FINGERPRINT_KEY_MAX) {
		snprintf(err, errlen, _("fingerprint key %s holds %lld bytes; a key has %d to %d"),
		         path, (long long)st->st_size, FINGERPRINT_KEY_MIN, FINGERPRINT_KEY_MAX);
		return -EINVAL;
	}
	return 0;
}

static int read_key(int fd, const char *path, char *err, size_t errlen)
{
	uint8_t key[FINGERPRINT_KEY_MAX];
	struct stat st;
	ssize_t n;
	int rc = check_key_file(fd, path, &st, err, errlen);

	if (rc < 0)
		return rc;
	n = read(fd, key, sizeof key);
	if (n != st.st_size) {
		rc = n < 0 ? -errno : -EIO;
		snprintf(err, errlen, _("cannot read fingerprint key %s: %s"), path, strerror(-rc));
	} else {
		rc = fingerprint_key_set(key, (size_t)n);
	}
	secure_wipe(key, sizeof key);
	return rc;
}

int fingerprint_key_load(const char *path, char *err, size_t errlen)
{
	int fd, rc;

	path = fingerprint_key_path(path);
	if (strcmp(path, PATH_FINGERPRINT_KEY) == 0)
		mkdir(LOCALSTATEDIR "/lib/credpolicy", 0755); /* first use; EEXIST is fine */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 && errno == ENOENT) {
		rc = create_key(path);
		if (rc < 0) {
			snprintf(err, errlen,
			         _("cannot create fingerprint key %s: %s; run as root once, or "
			           "give --fingerprint-key FILE"),
			         path, strerror(-rc));
			return rc;
		}
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	}
	if (fd < 0) {
		rc = -errno;
		if (rc == -ELOOP)
			snprintf(err, errlen,
			         _("fingerprint key %s is a symbolic link; refusing it"), path);
		else
			snprintf(err, errlen,
			         _("cannot open fingerprint key %s: %s; run as root, or give "
			           "--fingerprint-key FILE"),
			         path, strerror(-rc));
		return rc;
	}
	rc = read_key(fd, path, err, errlen);
	close(fd);
	return rc;
}
