/* Output selection and what the formats share: a finding and the
 * coverage summary as JSON objects. */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "scan/output.h"

int output_format_parse(const char *s)
{
	if (strcmp(s, "text") == 0)
		return OUTPUT_TEXT;
	if (strcmp(s, "json") == 0)
		return OUTPUT_JSON;
	if (strcmp(s, "sarif") == 0)
		return OUTPUT_SARIF;
	return -1;
}

struct output *output_new(enum output_format fmt, FILE *fp, FILE *summary_fp, bool color)
{
	struct output *o = calloc(1, sizeof *o);

	if (o == NULL)
		return NULL;
	o->fp = fp;
	o->summary_fp = summary_fp;
	o->color = color;
	switch (fmt) {
	case OUTPUT_TEXT:
		o->ops = &output_text_ops;
		break;
	case OUTPUT_JSON:
		o->ops = &output_json_ops;
		break;
	case OUTPUT_SARIF:
		o->ops = &output_sarif_ops;
		break;
	}
	return o;
}

int output_hits(struct output *o, const struct scan_hit *hits, size_t n)
{
	if (o->ops != &output_text_ops)
		o->shown += n; /* text counts what it shows */
	return n > 0 ? o->ops->hits(o, hits, n) : 0;
}

void output_set_min_severity(struct output *o, enum severity min)
{
	o->min_severity = min;
}

uint64_t output_shown(const struct output *o)
{
	return o->shown;
}

int output_end(struct output *o, const struct scan_coverage *cov)
{
	int rc = o->ops->end(o, cov);

	if (fflush(o->fp) != 0 && rc == 0)
		rc = -EIO;
	return rc;
}

void output_free(struct output *o)
{
	if (o == NULL)
		return;
	if (o->ops->free_priv != NULL)
		o->ops->free_priv(o);
	free(o);
}

static struct json_object *str_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

struct json_object *output_hit_json(const struct scan_hit *h)
{
	struct json_object *o = json_object_new_object(), *secret = json_object_new_object();

	json_object_object_add(o, "rule", json_object_new_string(h->rule));
	json_object_object_add(o, "category", str_or_null(h->category));
	json_object_object_add(o, "clause", str_or_null(h->clause));
	json_object_object_add(o, "severity", json_object_new_string(severity_name(h->severity)));
	json_object_object_add(o, "path", json_object_new_string(h->path));
	json_object_object_add(o, "line", h->line >= 0 ? json_object_new_int64(h->line) : NULL);
	json_object_object_add(o, "offset", json_object_new_int64((int64_t)h->offset));
	json_object_object_add(o, "account", str_or_null(h->account));
	json_object_object_add(o, "confirmed", json_object_new_boolean(h->confirmed));
	json_object_object_add(o, "recoverable", json_object_new_boolean(h->recoverable));
	json_object_object_add(o, "context",
	                       json_object_new_string(h->context ? h->context : "config"));
	json_object_object_add(o, "weak", json_object_new_boolean(h->weak));
	json_object_object_add(o, "description", str_or_null(h->description));
	json_object_object_add(o, "note", str_or_null(h->note));
	json_object_object_add(secret, "redacted", json_object_new_string(h->redacted));
	json_object_object_add(secret, "fingerprint", json_object_new_string(h->fingerprint));
	json_object_object_add(o, "secret", secret);
	return o;
}

struct json_object *output_coverage_json(const struct scan_coverage *cov)
{
	struct json_object *o = json_object_new_object();
	struct json_object *skipped = json_object_new_object(), *errors = json_object_new_object();
	struct json_object *problems = json_object_new_array();

	json_object_object_add(o, "files", json_object_new_int64((int64_t)cov->files));
	json_object_object_add(o, "bytes", json_object_new_int64((int64_t)cov->bytes));
	json_object_object_add(o, "directories", json_object_new_int64((int64_t)cov->dirs));
	json_object_object_add(o, "archives", json_object_new_int64((int64_t)cov->archives));
	json_object_object_add(o, "archive_members", json_object_new_int64((int64_t)cov->members));
	json_object_object_add(o, "findings", json_object_new_int64((int64_t)cov->findings));
	json_object_object_add(o, "suppressed_baseline",
	                       json_object_new_int64((int64_t)cov->suppressed_baseline));
	json_object_object_add(o, "suppressed_inline",
	                       json_object_new_int64((int64_t)cov->suppressed_inline));
	for (int r = 0; r < COV__COUNT; r++)
		if (cov->counts[r] > 0)
			json_object_object_add(r >= COV_FIRST_ERROR ? errors : skipped,
			                       cov_reason_key((enum cov_reason)r),
			                       json_object_new_int64((int64_t)cov->counts[r]));
	json_object_object_add(o, "skipped", skipped);
	json_object_object_add(o, "errors", errors);
	for (size_t i = 0; i < cov->nproblems; i++) {
		struct json_object *p = json_object_new_object();
		json_object_object_add(p, "path", json_object_new_string(cov->problems[i].path));
		json_object_object_add(
		        p, "reason",
		        json_object_new_string(cov_reason_key(cov->problems[i].reason)));
		if (cov->problems[i].detail != NULL)
			json_object_object_add(p, "detail",
			                       json_object_new_string(cov->problems[i].detail));
		json_object_array_add(problems, p);
	}
	json_object_object_add(o, "incomplete", problems);
	json_object_object_add(o, "incomplete_unlisted",
	                       json_object_new_int64((int64_t)cov->problems_unlisted));
	return o;
}

int output_json_line(FILE *fp, struct json_object *obj)
{
	const char *s = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
	                                                            JSON_C_TO_STRING_NOSLASHESCAPE);

	if (fputs(s, fp) == EOF || putc('\n', fp) == EOF)
		return -EIO;
	return 0;
}
