/* Walking directory trees the way a scanner of hostile trees must.
 *
 * - Everything below a root is opened relative to its directory with
 *   openat(O_NOFOLLOW): symbolic links below the roots are never followed
 *   (they are counted), so the walk cannot leave what was named and
 *   cannot loop through links. A root given as a symlink is followed,
 *   like find -H: the user named it.
 * - Bind mounts can still make a directory its own descendant: the
 *   (device, inode) of every directory on the current path is kept and a
 *   repeat is reported as a loop.
 * - The walk stays on the roots' file systems unless cross_fs is set, and
 *   never enters /proc, /sys, /dev or a pseudo file system unless
 *   include_special is set.
 * - Each entry is checked with fstatat() before it is opened: FIFOs,
 *   sockets and device nodes are counted, never opened. Files are opened
 *   O_NONBLOCK (a FIFO swapped in after the check cannot block us) and
 *   checked again with fstat() after the open.
 * - O_NOATIME where the kernel allows it (our own files, or CAP_FOWNER).
 * - Entries are visited in byte order of their names, so two scans of the
 *   same tree list findings in the same order.
 * - What cannot be read is recorded with its reason and the walk goes on. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "scan/walk.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif
#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif
#ifndef BPF_FS_MAGIC
#define BPF_FS_MAGIC 0xcafe4a11
#endif
#ifndef TRACEFS_MAGIC
#define TRACEFS_MAGIC 0x74726163
#endif

struct dir_id {
	dev_t dev;
	ino_t ino;
};

struct walk {
	struct scan_ctx *ctx;
	struct cov_counts *cc;
	const struct walk_sink *sink;
	struct dir_id stack[SCAN_MAX_DEPTH + 2];
	unsigned depth;
	bool root_is_slash;
	int stop; /* -errno from the sink */
};

static int open_noatime(int dirfd, const char *name, int flags)
{
	int fd = openat(dirfd, name, flags | O_NOATIME);

	/* O_NOATIME is refused (EPERM) on files we do not own without
	 * CAP_FOWNER; that is no reason not to read them. */
	if (fd < 0 && errno == EPERM)
		fd = openat(dirfd, name, flags);
	return fd;
}

static bool pseudo_fs(int fd)
{
	struct statfs sf;

	if (fstatfs(fd, &sf) != 0)
		return false;
	switch ((unsigned long)sf.f_type) {
	case PROC_SUPER_MAGIC:
	case SYSFS_MAGIC:
	case DEVPTS_SUPER_MAGIC:
	case CGROUP_SUPER_MAGIC:
	case CGROUP2_SUPER_MAGIC:
	case DEBUGFS_MAGIC:
	case SECURITYFS_MAGIC:
	case TRACEFS_MAGIC:
	case BPF_FS_MAGIC:
	case NSFS_MAGIC:
	case PSTOREFS_MAGIC:
	case EFIVARFS_MAGIC:
	case SELINUX_MAGIC:
	case HUGETLBFS_MAGIC:
		return true;
	default:
		return false;
	}
}

static char *join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	bool slash = dl > 0 && dir[dl - 1] == '/';
	char *p = malloc(dl + nl + 2);

	if (p == NULL)
		return NULL;
	memcpy(p, dir, dl);
	if (!slash)
		p[dl++] = '/';
	memcpy(p + dl, name, nl + 1);
	return p;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read all names of a directory (so they can be visited sorted). */
static int read_names(DIR *d, char ***out, size_t *nout)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;

	for (;;) {
		errno = 0;
		de = readdir(d);
		if (de == NULL)
			break;
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			void *np = realloc(names, nc * sizeof *names);
			if (np == NULL)
				goto nomem;
			names = np;
			cap = nc;
		}
		names[n] = strdup(de->d_name);
		if (names[n] == NULL)
			goto nomem;
		n++;
	}
	if (errno != 0) {
		int err = -errno;
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return err;
	}
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_names);
	*out = names;
	*nout = n;
	return 0;
nomem:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return -ENOMEM;
}

static void walk_dir(struct walk *wk, int dfd, const char *path, const struct stat *dst);

static bool special_path(const struct walk *wk, const char *path)
{
	return wk->root_is_slash && (strcmp(path, "/proc") == 0 || strcmp(path, "/sys") == 0 ||
	                             strcmp(path, "/dev") == 0);
}

/* A directory entry (or a root) already known to be a directory. */
static void enter_dir(struct walk *wk, int parentfd, const char *name, const char *path,
                      const struct stat *st, bool is_root)
{
	struct scan_ctx *ctx = wk->ctx;
	struct stat cst;
	int fd;

	if (!ctx->opt->include_special && special_path(wk, path)) {
		scan_problem(ctx, wk->cc, path, COV_PSEUDO_FS, NULL);
		return;
	}
	if (!is_root && !ctx->opt->cross_fs && st->st_dev != wk->stack[wk->depth - 1].dev) {
		scan_problem(ctx, wk->cc, path, COV_OTHER_FS, NULL);
		return;
	}
	for (unsigned i = 0; i < wk->depth; i++) {
		if (wk->stack[i].dev == st->st_dev && wk->stack[i].ino == st->st_ino) {
			scan_problem(ctx, wk->cc, path, COV_LOOP, NULL);
			return;
		}
	}
	if (wk->depth > SCAN_MAX_DEPTH) {
		scan_problem(ctx, wk->cc, path, COV_TOO_DEEP, NULL);
		return;
	}
	fd = open_noatime(parentfd, name,
	                  O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOCTTY |
	                          (is_root ? 0 : O_NOFOLLOW));
	if (fd < 0) {
		int err = errno;
		scan_problem(ctx, wk->cc, path, cov_reason_for_errno(err), strerror(err));
		return;
	}
	if (fstat(fd, &cst) != 0 || cst.st_dev != st->st_dev || cst.st_ino != st->st_ino) {
		scan_problem(ctx, wk->cc, path, COV_ERR_VANISHED, NULL);
		close(fd);
		return;
	}
	if (!ctx->opt->include_special && (is_root || cst.st_dev != wk->stack[wk->depth - 1].dev) &&
	    pseudo_fs(fd)) {
		scan_problem(ctx, wk->cc, path, COV_PSEUDO_FS, NULL);
		close(fd);
		return;
	}
	walk_dir(wk, fd, path, &cst);
}

static void visit_file(struct walk *wk, int dfd, const char *name, char *path,
                       const struct stat *st)
{
	struct scan_ctx *ctx = wk->ctx;
	struct stat fst;
	int fd, err;

	if (!ctx->opt->cross_fs && wk->depth > 0 && st->st_dev != wk->stack[wk->depth - 1].dev) {
		/* A file bind-mounted over another file system's entry. */
		scan_problem(ctx, wk->cc, path, COV_OTHER_FS, NULL);
		free(path);
		return;
	}
	fd = open_noatime(dfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW);
	if (fd < 0) {
		err = errno;
		scan_problem(ctx, wk->cc, path,
		             err == ELOOP ? COV_ERR_VANISHED : cov_reason_for_errno(err),
		             strerror(err));
		free(path);
		return;
	}
	if (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode) || fst.st_dev != st->st_dev ||
	    fst.st_ino != st->st_ino) {
		scan_problem(ctx, wk->cc, path, COV_ERR_VANISHED, NULL);
		close(fd);
		free(path);
		return;
	}
	err = wk->sink->submit(wk->sink->ctx, path, fd, &fst);
	if (err < 0)
		wk->stop = err;
}

/* Classify and dispatch one entry of the directory dfd. */
static void visit(struct walk *wk, int dfd, const char *name, char *path)
{
	struct scan_ctx *ctx = wk->ctx;
	struct stat st;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		int err = errno;
		scan_problem(ctx, wk->cc, path, cov_reason_for_errno(err), strerror(err));
		free(path);
		return;
	}
	switch (st.st_mode & S_IFMT) {
	case S_IFREG:
		visit_file(wk, dfd, name, path, &st);
		return; /* visit_file owns path */
	case S_IFDIR:
		enter_dir(wk, dfd, name, path, &st, false);
		break;
	case S_IFLNK:
		scan_problem(ctx, wk->cc, path, COV_SYMLINK, NULL);
		break;
	case S_IFIFO:
		scan_problem(ctx, wk->cc, path, COV_FIFO, NULL);
		break;
	case S_IFSOCK:
		scan_problem(ctx, wk->cc, path, COV_SOCKET, NULL);
		break;
	default:
		scan_problem(ctx, wk->cc, path, COV_DEVICE_NODE, NULL);
		break;
	}
	free(path);
}

/* Takes ownership of dfd. */
static void walk_dir(struct walk *wk, int dfd, const char *path, const struct stat *dst)
{
	DIR *d = fdopendir(dfd);
	char **names = NULL;
	size_t n = 0;
	int err;

	if (d == NULL) {
		err = errno;
		close(dfd);
		scan_problem(wk->ctx, wk->cc, path, cov_reason_for_errno(err), strerror(err));
		return;
	}
	err = read_names(d, &names, &n);
	if (err < 0) {
		scan_problem(wk->ctx, wk->cc, path, cov_reason_for_errno(err), strerror(-err));
		closedir(d);
		return;
	}
	wk->cc->dirs++;
	wk->stack[wk->depth].dev = dst->st_dev;
	wk->stack[wk->depth].ino = dst->st_ino;
	wk->depth++;
	for (size_t i = 0; i < n; i++) {
		if (wk->stop == 0 && scan_out_err(wk->ctx) == 0) {
			char *child = join(path, names[i]);
			if (child == NULL)
				wk->stop = -ENOMEM;
			else
				visit(wk, dirfd(d), names[i], child);
		}
		free(names[i]);
	}
	wk->depth--;
	free(names);
	closedir(d);
}

int walk_root(struct scan_ctx *ctx, struct cov_counts *cc, const char *root,
              const struct walk_sink *sink)
{
	struct walk *wk = calloc(1, sizeof *wk);
	struct stat st;
	int rc;

	if (wk == NULL)
		return -ENOMEM;
	wk->ctx = ctx;
	wk->cc = cc;
	wk->sink = sink;
	wk->root_is_slash = strcmp(root, "/") == 0;
	/* The root itself is followed if it is a link: it was named. */
	if (stat(root, &st) != 0) {
		rc = -errno;
		free(wk);
		return rc;
	}
	if (S_ISDIR(st.st_mode)) {
		enter_dir(wk, AT_FDCWD, root, root, &st, true);
	} else if (S_ISREG(st.st_mode)) {
		char *path = strdup(root);
		int fd;
		if (path == NULL) {
			free(wk);
			return -ENOMEM;
		}
		fd = open_noatime(AT_FDCWD, root, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (fd < 0) {
			rc = -errno;
			free(path);
			free(wk);
			return rc;
		}
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			close(fd);
			free(path);
			free(wk);
			return -EAGAIN;
		}
		rc = sink->submit(sink->ctx, path, fd, &st);
		if (rc < 0)
			wk->stop = rc;
	} else {
		visit(wk, AT_FDCWD, root, strdup(root));
	}
	rc = wk->stop;
	free(wk);
	return rc;
}
