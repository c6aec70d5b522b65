/* JSON lines: one finding per line with the fields of the design, then one
 * last line {"coverage":{...}} with the coverage summary. */
#include "config.h"

#include <json-c/json.h>

#include "scan/output.h"

static int json_hits(struct output *o, const struct scan_hit *hits, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct json_object *obj = output_hit_json(&hits[i]);
		int rc = output_json_line(o->fp, obj);
		json_object_put(obj);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int json_end(struct output *o, const struct scan_coverage *cov)
{
	struct json_object *obj = json_object_new_object();
	int rc;

	if (cov == NULL) { /* a baseline file: findings only */
		json_object_put(obj);
		return 0;
	}
	json_object_object_add(obj, "coverage", output_coverage_json(cov));
	rc = output_json_line(o->fp, obj);
	json_object_put(obj);
	return rc;
}

const struct output_ops output_json_ops = {json_hits, json_end, NULL};
