/* The fleet report: every host's entry (fleet_host.c) in the order of
 * their names, the fleet's summary, and the JSON and HTML files. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "report/fleet.h"
#include "report/report.h"
#include "i18n.h"
#include "text_escape.h"
#include "timefmt.h"

static int64_t int_of(json_object *o, const char *k)
{
	json_object *v;

	return json_object_object_get_ex(o, k, &v) ? json_object_get_int64(v) : 0;
}

/* o[k] += n (o[k] created at 0). */
static void add_count(json_object *o, const char *k, int64_t n)
{
	json_object *v;

	if (json_object_object_get_ex(o, k, &v))
		json_object_set_int64(v, json_object_get_int64(v) + n);
	else
		json_object_object_add(o, k, json_object_new_int64(n));
}

/* Every count of from added into into. */
static void add_counts(json_object *into, json_object *from)
{
	json_object_object_foreach(from, k, v)
	{
		add_count(into, k, json_object_get_int64(v));
	}
}

static json_object *zeros(const char *const *keys, size_t n)
{
	json_object *o = json_object_new_object();

	for (size_t i = 0; i < n; i++)
		json_object_object_add(o, keys[i], json_object_new_int64(0));
	return o;
}

static const char *str_of(json_object *o, const char *k)
{
	json_object *v;

	return json_object_object_get_ex(o, k, &v) && v != NULL ? json_object_get_string(v) : "";
}

static int cmp_hosts(const void *a, const void *b)
{
	json_object *x = *(json_object *const *)a, *y = *(json_object *const *)b;
	int c = strcmp(str_of(x, "host"), str_of(y, "host"));

	return c != 0 ? c : strcmp(str_of(x, "dir"), str_of(y, "dir"));
}

/* One audited host's numbers into the fleet's. */
static void add_host(json_object *sum, json_object *h, struct fleet_outcome *out)
{
	json_object *f = json_object_object_get(sum, "findings"),
	            *verdicts = json_object_object_get(sum, "verdicts"),
	            *hv = json_object_object_get(h, "verdicts");
	int64_t n = int_of(h, "findings");

	add_count(f, "total", n);
	add_counts(json_object_object_get(f, "by_severity"),
	           json_object_object_get(h, "findings_by_severity"));
	add_counts(json_object_object_get(f, "by_clause"),
	           json_object_object_get(h, "findings_by_clause"));
	add_count(sum, "hosts_with_findings", n > 0);
	add_count(sum, "incomplete_hosts",
	          !json_object_get_boolean(json_object_object_get(h, "complete")));
	add_counts(json_object_object_get(sum, "residual_credentials"),
	           json_object_object_get(h, "residual_credentials"));
	add_count(sum, "confirmed_leaks",
	          (int64_t)json_object_array_length(json_object_object_get(h, "confirmed_leaks")) +
	                  int_of(h, "confirmed_leaks_unlisted"));
	if (json_object_is_type(json_object_object_get(h, "open_leaks"), json_type_int)) {
		add_count(sum, "open_leaks", int_of(h, "open_leaks"));
		add_count(sum, "hosts_with_open_leaks", int_of(h, "open_leaks") > 0);
		out->attention = out->attention || int_of(h, "open_leaks") > 0;
	}
	add_count(json_object_object_get(sum, "accounts"), "total", int_of(h, "accounts"));
	add_counts(json_object_object_get(sum, "accounts"),
	           json_object_object_get(h, "accounts_by_class"));
	out->attention = out->attention || n > 0;
	for (size_t i = 0; i < json_object_array_length(hv); i++) {
		json_object *v = json_object_array_get_idx(hv, i), *c;
		const char *clause = str_of(v, "clause"), *vd = str_of(v, "verdict");
		static const char *const vds[] = {"pass", "fail", "not_assessed"};

		if (!json_object_object_get_ex(verdicts, clause, &c)) {
			c = zeros(vds, 3);
			json_object_object_add(verdicts, clause, c);
		}
		add_count(c, vd, 1);
		out->attention = out->attention || strcmp(vd, "fail") == 0;
	}
}

static json_object *summary(json_object *hosts, struct fleet_outcome *out)
{
	static const char *const sev[] = {"critical", "high", "medium", "low", "info"};
	static const char *const res[] = {"total", "in_backups", "confirmed"};
	static const char *const acc[] = {"total", "human", "system", "special"};
	json_object *sum = json_object_new_object(), *h = json_object_new_object(),
	            *f = json_object_new_object();
	size_t n = json_object_array_length(hosts);

	json_object_object_add(sum, "hosts", h);
	json_object_object_add(sum, "hosts_with_findings", json_object_new_int64(0));
	json_object_object_add(sum, "incomplete_hosts", json_object_new_int64(0));
	json_object_object_add(f, "total", json_object_new_int64(0));
	json_object_object_add(f, "by_severity", zeros(sev, 5));
	json_object_object_add(f, "by_clause", json_object_new_object());
	json_object_object_add(sum, "findings", f);
	json_object_object_add(sum, "residual_credentials", zeros(res, 3));
	json_object_object_add(sum, "confirmed_leaks", json_object_new_int64(0));
	json_object_object_add(sum, "open_leaks", json_object_new_int64(0));
	json_object_object_add(sum, "hosts_with_open_leaks", json_object_new_int64(0));
	json_object_object_add(sum, "accounts", zeros(acc, 4));
	json_object_object_add(sum, "verdicts", json_object_new_object());
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(hosts, i);
		const char *st = str_of(e, "status");

		if (strcmp(st, "ok") == 0) {
			out->audited++;
			add_host(sum, e, out);
		} else if (strcmp(st, "unreachable") == 0)
			out->unreachable++;
		else
			out->failed++;
	}
	out->hosts = n;
	out->attention = out->attention || out->audited < n;
	json_object_object_add(h, "total", json_object_new_int64((int64_t)n));
	json_object_object_add(h, "audited", json_object_new_int64((int64_t)out->audited));
	json_object_object_add(h, "failed", json_object_new_int64((int64_t)out->failed));
	json_object_object_add(h, "unreachable", json_object_new_int64((int64_t)out->unreachable));
	return sum;
}

/* Two directories naming the same host: both stay, with a message. */
static void duplicates(const struct fleet_request *rq, json_object *hosts, json_object *msgs)
{
	for (size_t i = 1; i < json_object_array_length(hosts); i++) {
		json_object *a = json_object_array_get_idx(hosts, i - 1),
		            *b = json_object_array_get_idx(hosts, i);
		char en[2048], local[2048], name[256], d1[512], d2[512];

		if (strcmp(str_of(a, "host"), str_of(b, "host")) != 0)
			continue;
		text_escape_buf(str_of(a, "host"), name, sizeof name);
		text_escape_buf(str_of(a, "dir"), d1, sizeof d1);
		text_escape_buf(str_of(b, "dir"), d2, sizeof d2);
		snprintf(en, sizeof en, "host %s is named by two directories: %s and %s", name, d1,
		         d2);
		snprintf(local, sizeof local, _("host %s is named by two directories: %s and %s"),
		         name, d1, d2);
		json_object_array_add(msgs, json_object_new_string(en));
		if (rq->warn != NULL)
			rq->warn(rq->warn_ctx, local);
	}
}

static bool all_directories(const struct fleet_request *rq, char *err, size_t errlen)
{
	for (size_t i = 0; i < rq->ndirs; i++) {
		struct stat st;
		char d[512];
		int e = stat(rq->dirs[i], &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;

		if (e != 0) {
			snprintf(err, errlen, _("%s: not a directory of a host's results: %s"),
			         text_escape_buf(rq->dirs[i], d, sizeof d), strerror(e));
			return false;
		}
	}
	return true;
}

void fleet_build(const struct fleet_request *rq, struct fleet_outcome *out, char *err,
                 size_t errlen)
{
	json_object *doc, *tool, *hosts, *msgs;
	char when[RFC3339_LEN], note[2048];
	char *json;

	memset(out, 0, sizeof *out);
	if (!all_directories(rq, err, errlen)) {
		out->stage = FLEET_BAD_DIR;
		return;
	}
	hosts = json_object_new_array();
	msgs = json_object_new_array();
	for (size_t i = 0; i < rq->ndirs; i++) {
		json_object *e = fleet_host_read(rq->dirs[i], rq->max_file, note, sizeof note);

		if (e == NULL) {
			json_object_put(hosts);
			json_object_put(msgs);
			out->stage = FLEET_NO_MEMORY;
			return;
		}
		json_object_array_add(hosts, e);
		if (note[0] && rq->warn != NULL)
			rq->warn(rq->warn_ctx, note);
	}
	json_object_array_sort(hosts, cmp_hosts);
	duplicates(rq, hosts, msgs);
	rfc3339_now(when, sizeof when);
	doc = json_object_new_object();
	tool = json_object_new_object();
	json_object_object_add(doc, "schema", json_object_new_string(FLEET_SCHEMA));
	json_object_object_add(tool, "name", json_object_new_string("credaudit"));
	json_object_object_add(tool, "version", json_object_new_string(PACKAGE_VERSION));
	json_object_object_add(doc, "tool", tool);
	json_object_object_add(doc, "generated", json_object_new_string(when));
	json_object_object_add(doc, "summary", summary(hosts, out));
	json_object_object_add(doc, "hosts", hosts);
	json_object_object_add(doc, "messages", msgs);
	json = strdup(json_object_to_json_string_ext(doc, REPORT_JSON_FLAGS));
	json_object_put(doc);
	if (json == NULL) {
		out->stage = FLEET_NO_MEMORY;
		return;
	}
	if (report_write_files(json, rq->json_path, rq->html_path, fleet_html, rq->lang, out->sha,
	                       err, errlen) != 0)
		out->stage = FLEET_WRITE_FAILED;
	free(json);
}
