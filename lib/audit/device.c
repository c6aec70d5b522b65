/* Scanning a block device or disk image raw: what a file-system walk
 * cannot see (deleted files, slack, unallocated blocks) is read too. The
 * device is streamed in large chunks that overlap by the engine's window
 * (see stream.c), findings carry byte offsets and no line numbers, and
 * pages already scanned are dropped from the page cache so a whole-disk
 * scan does not evict everything else. Holes of a sparse image file are
 * skipped. Findings are emitted after every chunk: memory stays bounded
 * however many a disk holds. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/scan_int.h"

struct device_source {
	struct file_source fs;
	uint64_t size;
	uint64_t dropped; /* page cache released up to here */
	const struct scan_sinks *sinks;
};

static ssize_t device_read(void *vctx, unsigned char *buf, size_t len, uint64_t *hole)
{
	struct device_source *d = vctx;
	ssize_t n = file_source_read(&d->fs, buf, len, hole);

	if (d->fs.pos - d->dropped >= (64u << 20)) {
		posix_fadvise(d->fs.fd, (off_t)d->dropped, (off_t)(d->fs.pos - d->dropped),
			      POSIX_FADV_DONTNEED);
		d->dropped = d->fs.pos;
	}
	if (d->sinks->progress != NULL)
		d->sinks->progress(d->sinks->progress_ctx, d->fs.pos, d->size);
	return n;
}

int scan_device(const struct scan_engine *e, const struct scan_options *o, const char *path,
		const struct scan_sinks *sinks, struct scan_coverage *cov, char *err,
		size_t errlen)
{
	struct scan_ctx ctx;
	struct scan_worker w;
	struct cov_counts total;
	struct file_result res;
	struct device_source ds;
	struct byte_source src = {device_read, &ds};
	struct stat st;
	int fd, rc;

	memset(cov, 0, sizeof *cov);
	memset(&total, 0, sizeof total);
	memset(&res, 0, sizeof res);
	/* Named by the user, so a link (/dev/disk/by-id/...) is followed.
	 * O_NONBLOCK until the type is known: a FIFO must not block us. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		return rc;
	}
	if (fstat(fd, &st) != 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		close(fd);
		return rc;
	}
	if (!S_ISBLK(st.st_mode) && !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a block device or disk image", path);
		close(fd);
		return -EINVAL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	memset(&ds, 0, sizeof ds);
	file_source_init(&ds.fs, fd, &st);
	ds.sinks = sinks;
	ds.size = (uint64_t)st.st_size;
	if (S_ISBLK(st.st_mode)) {
		uint64_t sz = 0;
		if (ioctl(fd, BLKGETSIZE64, &sz) == 0)
			ds.size = sz;
	}
	scan_ctx_init(&ctx, e, o, sinks, true);
	rc = worker_init(&w, &ctx);
	if (rc < 0) {
		snprintf(err, errlen, "cannot prepare the scan: %s", strerror(-rc));
		goto out;
	}
	w.res = &res;
	w.top_path = path;
	w.flush_each_chunk = true;
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	{
		const struct stream_at at = {.path = path, .container = path};
		rc = scan_stream(&w, &at, &src, o->limits.max_file_size);
	}
	if (rc < 0) {
		/* A read error at some offset: what was read was scanned. */
		char at[64];
		snprintf(at, sizeof at, "at byte %llu: %s", (unsigned long long)ds.fs.pos,
			 strerror(-rc));
		scan_problem(&ctx, &w.counts, path, cov_reason_for_errno(rc), at);
		rc = 0;
	}
	emit_result(&ctx, &res);
	if (sinks->progress != NULL)
		sinks->progress(sinks->progress_ctx, ds.fs.pos, ds.size);
	cov_counts_add(&total, &w.counts);
	worker_fini(&w);
	if (ctx.out_err != 0) {
		rc = ctx.out_err;
		snprintf(err, errlen, "cannot write the output: %s", strerror(-rc));
	}
out:
	free(res.hits);
	scan_ctx_finish(&ctx, &total, cov);
	close(fd);
	return rc;
}
