#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"

int atomic_file_open(struct atomic_file *af, const char *path)
{
	size_t len = strlen(path);
	int fd;

	memset(af, 0, sizeof *af);
	af->path = strdup(path);
	af->tmp_path = malloc(len + 8);
	if (af->path == NULL || af->tmp_path == NULL)
		goto nomem;
	memcpy(af->tmp_path, path, len);
	memcpy(af->tmp_path + len, ".XXXXXX", 8);
	fd = mkostemp(af->tmp_path, O_CLOEXEC);
	if (fd < 0) {
		int err = -errno;
		free(af->path);
		free(af->tmp_path);
		memset(af, 0, sizeof *af);
		return err;
	}
	af->fp = fdopen(fd, "w");
	if (af->fp == NULL) {
		close(fd);
		unlink(af->tmp_path);
		goto nomem;
	}
	return 0;
nomem:
	free(af->path);
	free(af->tmp_path);
	memset(af, 0, sizeof *af);
	return -ENOMEM;
}

/* The process umask. umask() can only be read by setting it, so this is
 * called from the main thread only (outputs are committed there). */
static mode_t current_umask(void)
{
	mode_t m = umask(077);

	umask(m);
	return m;
}

int atomic_file_commit(struct atomic_file *af, unsigned mode)
{
	int err = 0;

	if (af->fp == NULL)
		return -EBADF;
	if (fflush(af->fp) != 0 || ferror(af->fp))
		err = -EIO;
	if (err == 0 && fchmod(fileno(af->fp), (mode_t)mode & ~current_umask() & 0777) != 0)
		err = -errno;
	if (err == 0 && fsync(fileno(af->fp)) != 0)
		err = -errno;
	if (fclose(af->fp) != 0 && err == 0)
		err = -EIO;
	af->fp = NULL;
	if (err == 0 && rename(af->tmp_path, af->path) != 0)
		err = -errno;
	if (err != 0)
		unlink(af->tmp_path);
	free(af->path);
	free(af->tmp_path);
	af->path = af->tmp_path = NULL;
	return err;
}

void atomic_file_abort(struct atomic_file *af)
{
	if (af->fp != NULL) {
		fclose(af->fp);
		af->fp = NULL;
	}
	if (af->tmp_path != NULL)
		unlink(af->tmp_path);
	free(af->path);
	free(af->tmp_path);
	af->path = af->tmp_path = NULL;
}
