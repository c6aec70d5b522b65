/* One credaudit scan from start to end: the rules, the engine, the
 * baseline, the outputs (each replaced atomically when it is a file), the
 * scan of paths or of a device, and the exit status. */
#ifndef CREDPOLICY_SCAN_JOB_H
#define CREDPOLICY_SCAN_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "scan/output.h"
#include "scan/scan.h"

/* What stopped or spoiled a scan, in the order a job meets them. */
enum scan_job_stage {
	SCAN_JOB_RULES,     /* loading the rules; what: the error */
	SCAN_JOB_COMPILE,   /* compiling them; what: the error */
	SCAN_JOB_BASELINE,  /* reading the baseline; what: the error */
	SCAN_JOB_CREATE,    /* creating an output; what: the file, why: the error */
	SCAN_JOB_NO_MEMORY, /* */
	SCAN_JOB_SCAN,      /* the scan stopped; what: the error */
	SCAN_JOB_WRITE,     /* writing the outputs; what: the error */
};

struct scan_job {
	const char *const *rule_dirs; /* NULL: rule_set_load_default() */
	const char *baseline_path;    /* findings to leave out, or NULL */
	const char *write_baseline;   /* write every finding here as a baseline, or NULL */
	const char *out_path;         /* NULL: findings to out */
	enum output_format format;
	bool color;                 /* ANSI colours in text output */
	enum severity min_severity; /* the least severe finding shown (outputs that filter) */
	bool strict;                /* anything unread makes the status 2 */
	const char *device;         /* a device or image to read raw, or NULL: paths */
	const char *const *paths;
	size_t npaths;
	struct scan_options opt;
	FILE *out, *summary; /* the caller's stdout and stderr */
	scan_progress_fn progress;
	void *progress_ctx;
	/* Told each failure as it happens (for the caller's message). */
	void (*fail)(void *ctx, enum scan_job_stage st, const char *what, const char *why);
	void *fail_ctx;
};

/* Run the job. Returns the exit status: 0 no finding shown, 1 findings
 * shown, 2 a failure (or, when strict, content not scanned). */
int scan_job_run(const struct scan_job *job);

#endif
