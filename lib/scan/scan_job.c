#include "config.h"

#include <errno.h>
#include <string.h>

#include "atomic_file.h"
#include "rules/engine.h"
#include "rules/rule_set.h"
#include "scan/baseline.h"
#include "scan/scan_job.h"

/* Everything a job holds while it runs. */
struct job_state {
	const struct scan_job *job;
	struct rule_set *rs;
	struct scan_engine *e;
	struct baseline *bl;
	struct scan_options opt;
	struct atomic_file out_af, bl_af;
	bool out_open, bl_open;
	struct output *out, *blout;
	char err[512];
};

static int failed(struct job_state *s, enum scan_job_stage st, int rc, const char *what)
{
	if (s->job->fail != NULL)
		s->job->fail(s->job->fail_ctx, st,
		             what != NULL ? what
		             : s->err[0]  ? s->err
		                          : strerror(-rc),
		             what != NULL ? strerror(-rc) : NULL);
	return rc;
}

static int load(struct job_state *s)
{
	const struct scan_job *j = s->job;
	int rc;

	rc = j->rule_dirs != NULL ? rule_set_load(&s->rs, j->rule_dirs, s->err, sizeof s->err)
	                          : rule_set_load_default(&s->rs, s->err, sizeof s->err);
	if (rc < 0)
		return failed(s, SCAN_JOB_RULES, rc, NULL);
	rc = scan_engine_build(&s->e, s->rs, s->err, sizeof s->err);
	if (rc < 0)
		return failed(s, SCAN_JOB_COMPILE, rc, NULL);
	if (j->baseline_path != NULL) {
		rc = baseline_load(&s->bl, j->baseline_path, s->err, sizeof s->err);
		if (rc < 0)
			return failed(s, SCAN_JOB_BASELINE, rc, NULL);
		s->opt.baseline = s->bl;
	}
	return 0;
}

static int open_outputs(struct job_state *s)
{
	const struct scan_job *j = s->job;
	int rc;

	if (j->out_path != NULL) {
		rc = atomic_file_open(&s->out_af, j->out_path);
		if (rc < 0)
			return failed(s, SCAN_JOB_CREATE, rc, j->out_path);
		s->out_open = true;
	}
	if (j->write_baseline != NULL) {
		rc = atomic_file_open(&s->bl_af, j->write_baseline);
		if (rc < 0)
			return failed(s, SCAN_JOB_CREATE, rc, j->write_baseline);
		s->bl_open = true;
		s->blout = output_new(OUTPUT_JSON, s->bl_af.fp, NULL, false);
	}
	s->out = output_new(j->format, s->out_open ? s->out_af.fp : j->out, j->summary, j->color);
	if (s->out == NULL || (s->bl_open && s->blout == NULL))
		return failed(s, SCAN_JOB_NO_MEMORY, -ENOMEM, NULL);
	output_set_min_severity(s->out, j->min_severity);
	return 0;
}

/* Finish the outputs and put the files in place. */
static int close_outputs(struct job_state *s, const struct scan_coverage *cov)
{
	int rc = output_end(s->out, cov);

	if (rc == 0 && s->blout != NULL)
		rc = output_end(s->blout, NULL);
	if (rc == 0 && s->out_open) {
		rc = atomic_file_commit(&s->out_af, 0644);
		s->out_open = false;
	}
	if (rc == 0 && s->bl_open) {
		rc = atomic_file_commit(&s->bl_af, 0644);
		s->bl_open = false;
	}
	if (rc < 0) {
		s->err[0] = '\0';
		failed(s, SCAN_JOB_WRITE, rc, NULL);
	}
	return rc;
}

static int scan(struct job_state *s, struct scan_coverage *cov)
{
	const struct scan_job *j = s->job;
	struct scan_sinks sinks = {.out = s->out,
	                           .baseline = s->blout,
	                           .progress = j->progress,
	                           .progress_ctx = j->progress_ctx};
	int rc;

	s->err[0] = '\0';
	if (j->device != NULL)
		rc = scan_device(s->e, &s->opt, j->device, &sinks, cov, s->err, sizeof s->err);
	else
		rc = scan_paths(s->e, &s->opt, j->paths, j->npaths, &sinks, cov, s->err,
		                sizeof s->err);
	if (j->progress != NULL)
		fputs("\n", j->summary);
	if (rc < 0)
		failed(s, SCAN_JOB_SCAN, rc, NULL);
	if (close_outputs(s, cov) < 0)
		rc = -1;
	return rc;
}

static void release(struct job_state *s)
{
	if (s->out_open)
		atomic_file_abort(&s->out_af);
	if (s->bl_open)
		atomic_file_abort(&s->bl_af);
	output_free(s->out);
	output_free(s->blout);
	baseline_free(s->bl);
	scan_engine_free(s->e);
	rule_set_free(s->rs);
}

int scan_job_run(const struct scan_job *job)
{
	struct job_state s = {.job = job, .opt = job->opt};
	struct scan_coverage cov;
	int status = 2;

	memset(&cov, 0, sizeof cov);
	if (load(&s) == 0 && open_outputs(&s) == 0) {
		/* A scan that could not do what was asked (a PATH that does not
		 * exist, an output that could not be written) is an error even if
		 * it found something; unreadable files inside the tree are
		 * coverage. */
		if (scan(&s, &cov) < 0)
			status = 2;
		else if (job->strict && scan_coverage_incomplete(&cov) > 0)
			status = 2; /* content not scanned, whatever was found elsewhere */
		else if (output_shown(s.out) > 0)
			status = 1;
		else
			status = 0;
	}
	scan_coverage_free(&cov);
	release(&s);
	return status;
}
