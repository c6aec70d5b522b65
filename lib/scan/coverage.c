/* Coverage: what the scanner read, and what it could not read and why. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan_ctx.h"
#include "i18n.h"

static const struct {
	const char *key;
	const char *label;
} reasons[COV__COUNT] = {
        [COV_SYMLINK] = {"symlink", N_("symbolic links (not followed)")},
        [COV_FIFO] = {"fifo", N_("named pipes")},
        [COV_SOCKET] = {"socket", N_("sockets")},
        [COV_DEVICE_NODE] = {"device_node", N_("device nodes (use --device)")},
        [COV_OTHER_FS] = {"other_file_system", N_("other file systems (--cross-filesystems)")},
        [COV_PSEUDO_FS] = {"pseudo_file_system", N_("/proc, /sys, /dev and pseudo file systems")},
        [COV_BINARY] = {"binary",
                        N_("compiled programs, bytecode and message catalogues (--binaries)")},
        [COV_LOOP] = {"directory_loop", N_("directory loops (bind mounts)")},
        [COV_TOO_DEEP] = {"too_deep", N_("directories nested too deep")},
        [COV_SIZE_CAP] = {"size_cap", N_("files read only up to --max-file-size")},
        [COV_ARCHIVE_LIMIT] = {"archive_limit", N_("archive expansion limit reached")},
        [COV_ARCHIVE_DEPTH] = {"archive_depth", N_("archives nested deeper than --archive-depth")},
        [COV_FINDINGS_CAP] = {"findings_cap", N_("files with too many findings to list")},
        [COV_ERR_ACCESS] = {"permission_denied", N_("permission denied")},
        [COV_ERR_VANISHED] = {"vanished", N_("removed or replaced while scanning")},
        [COV_ERR_ARCHIVE] = {"archive_error", N_("damaged or unsupported archives")},
        [COV_ERR_IO] = {"io_error", N_("read errors")},
};

const char *cov_reason_key(enum cov_reason r)
{
	return (unsigned)r < COV__COUNT ? reasons[r].key : "unknown";
}

const char *cov_reason_label(enum cov_reason r)
{
	return (unsigned)r < COV__COUNT ? _(reasons[r].label) : "unknown";
}

enum cov_reason cov_reason_for_errno(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case EACCES:
	case EPERM:
		return COV_ERR_ACCESS;
	case ENOENT:
	case ESTALE:
	case ENOTDIR:
		return COV_ERR_VANISHED;
	default:
		return COV_ERR_IO;
	}
}

uint64_t scan_coverage_errors(const struct scan_coverage *c)
{
	uint64_t n = 0;

	for (int r = COV_FIRST_ERROR; r < COV__COUNT; r++)
		n += c->counts[r];
	return n;
}

uint64_t scan_coverage_incomplete(const struct scan_coverage *c)
{
	static const enum cov_reason limits[] = {COV_TOO_DEEP, COV_SIZE_CAP, COV_ARCHIVE_LIMIT,
	                                         COV_ARCHIVE_DEPTH, COV_FINDINGS_CAP};
	uint64_t n = scan_coverage_errors(c);

	for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++)
		n += c->counts[limits[i]];
	return n;
}

void scan_coverage_free(struct scan_coverage *c)
{
	for (size_t i = 0; i < c->nproblems; i++) {
		free(c->problems[i].path);
		free(c->problems[i].detail);
	}
	free(c->problems);
	c->problems = NULL;
	c->nproblems = 0;
}

void scan_problem(struct scan_ctx *ctx, struct cov_counts *cc, const char *path,
                  enum cov_reason reason, const char *detail)
{
	struct scan_problem *p;

	cc->counts[reason]++;
	/* Deliberate skips are only counted; what was meant to be read but
	 * was not is listed too. */
	if (reason < COV_LOOP)
		return;
	pthread_mutex_lock(&ctx->problem_mu);
	if (ctx->nproblems >= SCAN_MAX_PROBLEMS) {
		ctx->problems_unlisted++;
		goto out;
	}
	if (ctx->nproblems == ctx->problems_cap) {
		size_t n = ctx->problems_cap ? ctx->problems_cap * 2 : 16;
		void *np = realloc(ctx->problems, n * sizeof *ctx->problems);
		if (np == NULL) {
			ctx->problems_unlisted++;
			goto out;
		}
		ctx->problems = np;
		ctx->problems_cap = n;
	}
	p = &ctx->problems[ctx->nproblems];
	p->path = strdup(path);
	p->detail = detail != NULL ? strdup(detail) : NULL;
	p->reason = reason;
	if (p->path == NULL) {
		free(p->detail);
		ctx->problems_unlisted++;
		goto out;
	}
	ctx->nproblems++;
out:
	pthread_mutex_unlock(&ctx->problem_mu);
}

void cov_counts_add(struct cov_counts *to, const struct cov_counts *from)
{
	to->files += from->files;
	to->bytes += from->bytes;
	to->dirs += from->dirs;
	to->archives += from->archives;
	to->members += from->members;
	for (int r = 0; r < COV__COUNT; r++)
		to->counts[r] += from->counts[r];
	to->suppressed_baseline += from->suppressed_baseline;
	to->suppressed_inline += from->suppressed_inline;
}
