/* Scanning inside archives and compressed files through libarchive:
 * gzip, bzip2, xz, lzma, zstd streams (alone or around a container) and
 * tar, zip and cpio containers, nested up to --archive-depth.
 *
 * Every level reads from the level above through a callback, so nothing
 * is extracted to disk and memory does not grow with the archive. Per
 * top-level file, the bytes expanded, the expansion ratio (expanded bytes
 * against bytes read from the file) and the member count are limited; a
 * limit reached stops that file and is reported as coverage, never as a
 * hang or an exhausted memory. Member paths read "outer.tar.gz!dir/file". */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/archive.h"

static bool starts(const unsigned char *b, size_t n, const char *magic, size_t mlen)
{
	return n >= mlen && memcmp(b, magic, mlen) == 0;
}

enum archive_kind archive_magic(const unsigned char *b, size_t n)
{
	if (starts(b, n, "\x1f\x8b\x08", 3)) /* gzip */
		return ARCHIVE_COMPRESSED;
	if (n >= 10 && starts(b, n, "BZh", 3) && b[3] >= '1' && b[3] <= '9' &&
	    (memcmp(b + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0 ||
	     memcmp(b + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0)) /* bzip2 */
		return ARCHIVE_COMPRESSED;
	if (starts(b, n,
	           "\xfd"
	           "7zXZ\0",
	           6)) /* xz */
		return ARCHIVE_COMPRESSED;
	if (starts(b, n, "\x28\xb5\x2f\xfd", 4)) /* zstd */
		return ARCHIVE_COMPRESSED;
	if (starts(b, n, "PK\x03\x04", 4)) /* zip */
		return ARCHIVE_CONTAINER;
	if (starts(b, n, "07070", 5) && n >= 6 && (b[5] == '1' || b[5] == '2' || b[5] == '7'))
		return ARCHIVE_CONTAINER;                 /* cpio (ASCII forms) */
	if (n >= 262 && memcmp(b + 257, "ustar", 5) == 0) /* tar (POSIX and GNU) */
		return ARCHIVE_CONTAINER;
	return ARCHIVE_NONE;
}

/* libarchive reads the archive from here: first the bytes the caller
 * already read, then the rest of its source. */
struct arc_in {
	struct byte_source *src;
	unsigned char *buf;
	size_t bufcap;
	size_t prefix_len;
	bool prefix_done;
	bool advanced; /* read past the prefix */
	int err;
};

static la_ssize_t arc_read(struct archive *a, void *ud, const void **out)
{
	struct arc_in *in = ud;
	ssize_t n;
	uint64_t hole = 0;

	*out = in->buf;
	if (!in->prefix_done) {
		in->prefix_done = true;
		if (in->prefix_len > 0)
			return (la_ssize_t)in->prefix_len;
	}
	in->advanced = true;
	n = in->src->read(in->src->ctx, in->buf, in->bufcap, &hole);
	if (n == 0 && hole > 0) {
		/* A hole reads as zeros; hand them over a buffer at a time. */
		size_t z = hole < in->bufcap ? (size_t)hole : in->bufcap;
		memset(in->buf, 0, z);
		return (la_ssize_t)z;
	}
	if (n < 0) {
		in->err = (int)n;
		archive_set_error(a, (int)-n, "%s", strerror((int)-n));
		return -1;
	}
	return n;
}

/* A member as a byte source, counting what it expands against the limits.
 * It reads libarchive's blocks itself: archive_read_data() drops the bytes
 * it decompressed when the stream then fails (a truncated gzip), and those
 * bytes are scanned before the damage is reported. */
struct member_src {
	struct archive *a;
	struct scan_worker *w;
	bool data_error;
	bool capped;     /* the per-member limit was reached */
	const void *blk; /* the current block and what is left of it */
	size_t blk_len;
	int64_t blk_off;  /* the member offset of blk */
	int64_t next_off; /* where the member's next byte is */
	uint64_t scanned; /* bytes of this member handed to the scanner */
};

static bool over_limits(struct scan_worker *w)
{
	const struct scan_limits *l = &w->ctx->opt->limits;
	uint64_t read = w->top_pos != NULL ? *w->top_pos : 0;

	if (l->archive_max_bytes > 0 && w->expanded >= l->archive_max_bytes)
		return true;
	if (l->archive_max_entries > 0 && w->entries > l->archive_max_entries)
		return true;
	if (l->archive_max_ratio > 0 && w->expanded > l->archive_min_bytes &&
	    w->expanded / (read > 0 ? read : 1) >= l->archive_max_ratio)
		return true;
	return false;
}

static ssize_t member_read(void *vctx, unsigned char *buf, size_t len, uint64_t *hole)
{
	struct member_src *m = vctx;
	struct scan_worker *w = m->w;
	const struct scan_limits *l = &w->ctx->opt->limits;
	la_ssize_t n;

	*hole = 0;
	if (w->stop || m->capped)
		return 0;
	if (over_limits(w)) {
		w->stop = true;
		scan_problem(w->ctx, &w->counts, w->top_path, COV_ARCHIVE_LIMIT, NULL);
		return 0;
	}
	/* one big member is read up to its limit, and the rest skipped: the
	 * members after it are still scanned */
	if (l->archive_member_max_bytes > 0 && m->scanned >= l->archive_member_max_bytes) {
		m->capped = true;
		return 0;
	}
	if (l->archive_member_max_bytes > 0 && len > l->archive_member_max_bytes - m->scanned)
		len = (size_t)(l->archive_member_max_bytes - m->scanned);
	if (l->archive_max_bytes > 0 && len > l->archive_max_bytes - w->expanded)
		len = (size_t)(l->archive_max_bytes - w->expanded);
	while (m->blk_len == 0) {
		int r = archive_read_data_block(m->a, &m->blk, &m->blk_len, &m->blk_off);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r < ARCHIVE_WARN) {
			m->data_error = true;
			m->blk_len = 0;
			return -EIO;
		}
	}
	if (m->blk_off > m->next_off) { /* a sparse member: its hole reads as zeros */
		uint64_t z = (uint64_t)(m->blk_off - m->next_off);
		n = (la_ssize_t)(z < len ? z : len);
		memset(buf, 0, (size_t)n);
	} else {
		n = (la_ssize_t)(m->blk_len < len ? m->blk_len : len);
		memcpy(buf, m->blk, (size_t)n);
		m->blk = (const unsigned char *)m->blk + n;
		m->blk_len -= (size_t)n;
		m->blk_off += n;
	}
	m->next_off += n;
	w->expanded += (uint64_t)n;
	m->scanned += (uint64_t)n;
	return n;
}

/* For a bare compressed file, the member is the file without its suffix. */
static char *raw_member_path(const char *path)
{
	static const char *const sfx[][2] = {
	        {".tgz", ".tar"},  {".tbz2", ".tar"}, {".tbz", ".tar"}, {".txz", ".tar"},
	        {".tzst", ".tar"}, {".gz", ""},       {".bz2", ""},     {".xz", ""},
	        {".zst", ""},      {".lzma", ""},     {".z", ""},       {".Z", ""},
	};
	const char *base = path, *p;
	size_t blen;
	char *out;

	for (p = path; *p != '\0'; p++)
		if (*p == '/' || *p == '!')
			base = p + 1;
	blen = strlen(base);
	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		size_t sl = strlen(sfx[i][0]);
		if (blen > sl && strcmp(base + blen - sl, sfx[i][0]) == 0) {
			size_t need = strlen(path) + 1 + blen - sl + strlen(sfx[i][1]) + 1;
			out = malloc(need);
			if (out != NULL)
				snprintf(out, need, "%s!%.*s%s", path, (int)(blen - sl), base,
				         sfx[i][1]);
			return out;
		}
	}
	out = malloc(strlen(path) + 6);
	if (out != NULL)
		sprintf(out, "%s!data", path);
	return out;
}

static char *member_path(const char *path, const char *name)
{
	size_t need;
	char *out;

	while (name[0] == '.' && name[1] == '/')
		name += 2;
	need = strlen(path) + strlen(name) + 2;
	out = malloc(need);
	if (out != NULL)
		snprintf(out, need, "%s!%s", path, name);
	return out;
}

/* A compressed stream is opened with the decompression filters and the
 * raw format only, and what comes out is scanned as a stream of its own
 * (where a tar, zip or cpio is recognised by its own magic). Letting
 * libarchive guess the format of decompressed data instead would take a
 * stream that begins with 1 KiB of zeros for an empty tar archive, and
 * never show what follows. */
static struct archive *arc_new(enum archive_kind kind)
{
	struct archive *a = archive_read_new();

	if (a == NULL)
		return NULL;
	if (kind == ARCHIVE_COMPRESSED) {
		/* Only filters built into libarchive: none that would run an
		 * external program on hostile input. */
		archive_read_support_filter_gzip(a);
		archive_read_support_filter_bzip2(a);
		archive_read_support_filter_xz(a);
		archive_read_support_filter_lzma(a);
		archive_read_support_filter_zstd(a);
		archive_read_support_format_raw(a);
		/* raw wants one byte: an empty .gz (Debian ships empty man
		 * pages) would be "Unrecognized archive format" */
		archive_read_support_format_empty(a);
	} else {
		archive_read_support_format_tar(a);
		archive_read_support_format_zip(a);
		archive_read_support_format_cpio(a);
	}
	return a;
}

int archive_scan(struct scan_worker *w, const struct stream_at *at, enum archive_kind kind,
                 unsigned depth, unsigned char *buf, size_t len, struct byte_source *src)
{
	struct scan_ctx *ctx = w->ctx;
	struct arc_in in = {.src = src, .buf = buf, .bufcap = ctx->bufcap, .prefix_len = len};
	struct archive *a = arc_new(kind);
	struct archive_entry *ent;
	bool first = true;
	int rc = 0, r;

	if (a == NULL)
		return -ENOMEM;
	if (archive_read_open2(a, &in, NULL, arc_read, NULL, NULL) != ARCHIVE_OK) {
		rc = in.advanced ? 0 : -EINVAL;
		if (in.advanced)
			scan_problem(ctx, &w->counts, at->path, COV_ERR_ARCHIVE,
			             archive_error_string(a));
		goto out;
	}
	for (;;) {
		struct member_src ms = {.a = a, .w = w};
		struct byte_source msrc = {member_read, &ms};
		struct stream_at child = {.level = at->level + 1, .depth = depth};
		const char *name;
		char *mpath;
		int sr;

		r = archive_read_next_header(a, &ent);
		if (r == ARCHIVE_EOF) {
			if (first && kind == ARCHIVE_COMPRESSED)
				w->counts.archives++; /* it decompressed to nothing */
			break;
		}
		if (r < ARCHIVE_WARN) {
			if (first && !in.advanced) {
				rc = -EINVAL; /* not an archive: the caller scans it raw */
			} else {
				scan_problem(ctx, &w->counts, at->path,
				             in.err != 0 ? cov_reason_for_errno(in.err)
				                         : COV_ERR_ARCHIVE,
				             archive_error_string(a));
			}
			if (r == ARCHIVE_FATAL || first)
				break;
			continue;
		}
		if (first && !(kind == ARCHIVE_CONTAINER && at->decompressed))
			w->counts.archives++; /* x.tar.gz counts once */
		first = false;
		w->entries++;
		if (archive_entry_filetype(ent) != AE_IFREG)
			continue;
		if (over_limits(w)) {
			w->stop = true;
			scan_problem(ctx, &w->counts, w->top_path, COV_ARCHIVE_LIMIT, NULL);
			break;
		}
		name = archive_entry_pathname(ent);
		if (kind == ARCHIVE_COMPRESSED || name == NULL)
			mpath = raw_member_path(at->path);
		else
			mpath = member_path(at->container, name);
		if (mpath == NULL) {
			rc = -ENOMEM;
			break;
		}
		child.path = mpath;
		/* x.tar.gz!member, not x.tar.gz!x.tar!member */
		child.container = kind == ARCHIVE_COMPRESSED ? at->path : mpath;
		child.decompressed = kind == ARCHIVE_COMPRESSED;
		if (kind == ARCHIVE_CONTAINER)
			w->counts.members++;
		sr = scan_stream(w, &child, &msrc, 0);
		if (ms.capped)
			scan_problem(ctx, &w->counts, mpath, COV_ARCHIVE_LIMIT,
			             "member larger than the per-member limit: the rest skipped");
		if (sr < 0 && ms.data_error)
			scan_problem(ctx, &w->counts, mpath, COV_ERR_ARCHIVE,
			             archive_error_string(a));
		else if (sr < 0)
			scan_problem(ctx, &w->counts, mpath, cov_reason_for_errno(sr), NULL);
		free(mpath);
		if (w->stop || (sr < 0 && in.err != 0))
			break;
	}
out:
	archive_read_free(a);
	return rc;
}
