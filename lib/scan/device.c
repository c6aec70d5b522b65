/* Scanning a block device or disk image raw: what a file-system walk
 * cannot see (deleted files, slack, unallocated blocks) is read too. The
 * device is streamed in large chunks that overlap by the engine's window
 * (see stream.c), findings carry byte offsets and no line numbers, and
 * pages already scanned are dropped from the page cache so a whole-disk
 * scan does not evict everything else. Holes of a sparse image file are
 * skipped.
 *
 * This thread reads; the chunks go to the worker pool (--jobs), which
 * scans them in parallel and emits their findings in device order. A
 * chunk holds the last 2W bytes of the one before (W: the engine window),
 * copied from a side buffer, so the scan of one chunk never waits for
 * another. Memory: (jobs + 2) chunks, whatever the device size. */
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

#include "scan/pool.h"
#include "scan/stream.h"
#include "secure.h"
#include "i18n.h"

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

/* Fill buf[len..cap) from the source; stops at the end, a hole or an
 * error. Returns the new length; *hole, *eof, *err say why it stopped. */
static size_t fill(struct device_source *ds, unsigned char *buf, size_t len, size_t cap,
                   uint64_t limit, uint64_t base, uint64_t *hole, bool *eof, int *err)
{
	*hole = 0;
	*eof = false;
	while (len < cap) {
		size_t want = cap - len;
		ssize_t n;

		if (limit > 0 && base + len + want > limit)
			want = base + len >= limit ? 0 : (size_t)(limit - base - len);
		if (want == 0) {
			*eof = true;
			break;
		}
		n = device_read(ds, buf + len, want, hole);
		if (n < 0) {
			*err = (int)n;
			*eof = true;
			break;
		}
		if (n == 0) {
			*eof = *hole == 0;
			break;
		}
		len += (size_t)n;
	}
	return len;
}

static int read_device(struct scan_ctx *ctx, struct pool *p, struct device_source *ds,
                       const char *path, struct cov_counts *cc, uint64_t limit)
{
	const size_t W = ctx->window, keep = 2 * ctx->window;
	unsigned char *tail = malloc(keep);
	uint64_t base = 0;
	size_t carried = 0;
	int err = 0, rc = 0;

	if (tail == NULL)
		return -ENOMEM;
	cc->files++;
	while (rc == 0 && scan_out_err(ctx) == 0) {
		unsigned char *buf = pool_get_buffer(p);
		uint64_t hole;
		bool eof, last;
		size_t len;

		memcpy(buf, tail, carried);
		len = fill(ds, buf, carried, ctx->bufcap, limit, base, &hole, &eof, &err);
		last = eof || hole > 0;
		cc->bytes += len - carried;
		if (!last)
			memcpy(tail, buf + len - keep, keep);
		rc = pool_submit_chunk(p, path, buf, len, base, carried > 0 ? W : 0,
		                       last ? 0 : len - W);
		if (eof)
			break;
		if (hole > 0) {
			base += len + hole;
			carried = 0;
		} else {
			base += len - keep;
			carried = keep;
		}
	}
	secure_free(tail, keep);
	if (err < 0) {
		/* A read error at some offset: what was read was scanned. */
		char at[96];
		snprintf(at, sizeof at, "at byte %llu: %s", (unsigned long long)ds->fs.pos,
		         strerror(-err));
		scan_problem(ctx, cc, path, cov_reason_for_errno(err), at);
	}
	return rc;
}

int scan_device(const struct scan_engine *e, const struct scan_options *o, const char *path,
                const struct scan_sinks *sinks, struct scan_coverage *cov, char *err, size_t errlen)
{
	struct scan_ctx ctx;
	struct cov_counts total;
	struct device_source ds;
	struct pool *p = NULL;
	struct stat st;
	unsigned jobs = o->jobs > 0 ? o->jobs : scan_default_jobs();
	int fd, rc;

	memset(cov, 0, sizeof *cov);
	memset(&total, 0, sizeof total);
	if (errlen > 0)
		err[0] = '\0';
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
		snprintf(err, errlen,
		         _("%s: not a block device or disk image; give a disk (/dev/sdX) or an "
		           "image file"),
		         path);
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
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	scan_ctx_init(&ctx, e, o, sinks, true);
	rc = pool_start(&p, &ctx, jobs, jobs + 2, err, errlen);
	if (rc == 0)
		rc = read_device(&ctx, p, &ds, path, &total, o->limits.max_file_size);
	if (p != NULL)
		pool_finish(p, &total);
	if (sinks->progress != NULL)
		sinks->progress(sinks->progress_ctx, ds.fs.pos, ds.size);
	if (ctx.out_err != 0) {
		rc = ctx.out_err;
		snprintf(err, errlen, _("cannot write the output: %s"), strerror(-rc));
	} else if (rc < 0 && err[0] == '\0') {
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
	}
	scan_ctx_finish(&ctx, &total, cov);
	close(fd);
	return rc;
}
