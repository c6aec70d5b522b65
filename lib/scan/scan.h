/* credaudit scan: walking trees, reading files, archives and devices in
 * overlapping chunks, running the engine on a pool of threads, and handing
 * the findings, file by file and in a deterministic order, to an output.
 *
 * What the scanner could not read is never fatal: it is counted in a
 * struct scan_coverage, with the reason, and reported beside the findings. */
#ifndef CREDPOLICY_SCAN_H
#define CREDPOLICY_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/engine.h"
#include "rules/finding.h"

struct baseline;
struct output;

/* A finding as kept for output: everything but the secret. */
struct scan_hit {
	char *path;       /* owned: file, "archive!member" or device */
	const char *rule; /* the four strings are owned by the rule set */
	const char *category;
	const char *clause;
	const char *description;
	enum severity severity;
	long line;       /* -1 for raw devices */
	uint64_t offset; /* byte offset in the file, member or device */
	char *account;   /* owned, or NULL */
	char *note;      /* owned, or NULL */
	bool recoverable;
	bool confirmed;
	bool weak;           /* a known-weak or default value (severity raised) */
	const char *context; /* static: "config", "code", "doc", "store", "device", "binary",
	                      * "test" */
	bool baselined; /* listed in --baseline: not reported, but written by --write-baseline */
	char redacted[REDACTED_LEN];
	char fingerprint[FINGERPRINT_LEN];
};

/* Why something was not (completely) read. The first group are things
 * deliberately not read; the second are errors. */
enum cov_reason {
	COV_SYMLINK,       /* symbolic links below the roots are not followed */
	COV_FIFO,          /* named pipes */
	COV_SOCKET,        /* sockets */
	COV_DEVICE_NODE,   /* block and character devices (use --device) */
	COV_OTHER_FS,      /* mount point of another file system */
	COV_PSEUDO_FS,     /* /proc, /sys, /dev and other pseudo file systems */
	COV_BINARY,        /* compiled code, bytecode, catalogues (--binaries) */
	COV_LOOP,          /* a directory already on the current path (bind mount) */
	COV_TOO_DEEP,      /* deeper than SCAN_MAX_DEPTH directories */
	COV_SIZE_CAP,      /* read only up to --max-file-size */
	COV_ARCHIVE_LIMIT, /* expansion limit reached (archive bomb?) */
	COV_ARCHIVE_DEPTH, /* nested deeper than --archive-depth: scanned raw */
	COV_FINDINGS_CAP,  /* more findings in one file than SCAN_MAX_HITS_PER_FILE */
	COV_ERR_ACCESS,    /* permission denied */
	COV_ERR_VANISHED,  /* removed or replaced while scanning */
	COV_ERR_ARCHIVE,   /* damaged or unsupported archive */
	COV_ERR_IO,        /* any other read error */
	COV__COUNT
};
#define COV_FIRST_ERROR COV_ERR_ACCESS

/* Stable key (for JSON and SARIF) and a human label (for text). */
const char *cov_reason_key(enum cov_reason r);
const char *cov_reason_label(enum cov_reason r);

/* One item that was not completely read, kept for the report. */
struct scan_problem {
	char *path;
	enum cov_reason reason;
	char *detail; /* e.g. strerror text or libarchive's message; may be NULL */
};

#define SCAN_MAX_PROBLEMS 1000 /* listed one by one; beyond, only counted */

struct scan_coverage {
	uint64_t files;    /* regular files opened (top level) */
	uint64_t bytes;    /* bytes scanned, including expanded archive members */
	uint64_t dirs;     /* directories read */
	uint64_t archives; /* archives and compressed files opened, nested ones too */
	uint64_t members;  /* archive members scanned */
	uint64_t counts[COV__COUNT];
	uint64_t findings;             /* reported */
	uint64_t suppressed_baseline;  /* found but listed in --baseline */
	uint64_t suppressed_inline;    /* found on a line with credaudit:allow */
	struct scan_problem *problems; /* sorted by path when the scan ends */
	size_t nproblems;
	uint64_t problems_unlisted;
	bool device; /* a raw device scan */
};

uint64_t scan_coverage_errors(const struct scan_coverage *c);
/* Items whose content was not (all) scanned: errors, and limits reached
 * (too deep, size cap, archive limits and nesting, findings cap); what is
 * skipped by design (links, special files, other file systems, binaries)
 * is not counted. --strict exits 2 when this is not 0. */
uint64_t scan_coverage_incomplete(const struct scan_coverage *c);
void scan_coverage_free(struct scan_coverage *c);

#define SCAN_MAX_DEPTH         1024       /* directory levels below a root */
#define SCAN_MAX_HITS_PER_FILE 10000      /* per top-level file, to bound memory */
#define SCAN_TEXT_MIN_SEVERITY SEV_MEDIUM /* text shows this and above unless --all */

struct scan_limits {
	unsigned archive_depth;            /* nested archives opened; 0 = archives not opened */
	uint64_t archive_max_bytes;        /* expanded per top-level file */
	uint64_t archive_min_bytes;        /* the ratio is only checked beyond this */
	unsigned archive_max_ratio;        /* expanded : compressed bytes read */
	uint64_t archive_max_entries;      /* members per top-level file */
	uint64_t archive_member_max_bytes; /* scanned per member; the rest is skipped */
	uint64_t max_file_size;            /* 0 = no cap; bytes read per file */
};

struct scan_options {
	unsigned jobs;        /* worker threads; 0 = number of CPUs */
	bool cross_fs;        /* descend into other mounted file systems */
	bool include_special; /* do not skip /proc, /sys, /dev, pseudo file systems */
	bool binaries;        /* also scan compiled code, bytecode, catalogues */
	struct scan_limits limits;
	size_t chunk_size;               /* bytes per read; 0 = default (1 MiB, 8 MiB devices) */
	const struct baseline *baseline; /* NULL: nothing suppressed */
};

void scan_options_default(struct scan_options *o);

/* Progress of a device scan, for the face to show. */
typedef void (*scan_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/* What the secret hook is told about a finding beyond the finding itself,
 * and what it may change in the scan_hit made from it. */
struct scan_verdict {
	long owner_uid;         /* in: owner of the top-level file; -1 for devices */
	enum severity severity; /* in/out: preset to the finding's */
	bool confirmed;         /* in/out: preset to the finding's */
	const char *account;    /* in/out: preset to the finding's (may be NULL); the
	                           hook may point it at a string that outlives the call
	                           (it is copied) or set it to NULL */
};

/* The secret hook: called for every finding that becomes a hit (files,
 * archive members, devices; not for those allowed inline), with the
 * finding's final path ("archive!member"), offset and line (-1 when not
 * known yet: a range of a large file split across threads; the hit gets
 * the right line). f->secret is valid only during the call. The scanner
 * serialises the calls, from whichever worker thread they come. */
typedef void (*scan_secret_fn)(void *ctx, const struct finding *f, struct scan_verdict *v);

struct scan_sinks {
	struct output *out;      /* where findings go (may be NULL) */
	struct output *baseline; /* --write-baseline: every finding not allowed inline */
	scan_progress_fn progress;
	void *progress_ctx;
	scan_secret_fn on_secret; /* optional: may confirm findings (credaudit accounts) */
	void *secret_ctx;
};

/* Scan files and directories. Returns 0 when the scan ran (read problems
 * are in cov), or -errno for a failure that stopped it (an output that
 * could not be written, no memory); err names the cause. */
int scan_paths(const struct scan_engine *e, const struct scan_options *o, const char *const *paths,
               size_t npaths, const struct scan_sinks *sinks, struct scan_coverage *cov, char *err,
               size_t errlen);

/* Scan a block device or disk image raw. Same return convention. */
int scan_device(const struct scan_engine *e, const struct scan_options *o, const char *path,
                const struct scan_sinks *sinks, struct scan_coverage *cov, char *err,
                size_t errlen);

#endif
