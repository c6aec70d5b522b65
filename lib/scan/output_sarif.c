/* SARIF 2.1.0: one run; results are streamed as findings arrive, and the
 * tool description with the rules that fired (clause, category and
 * severity in their properties) and the coverage summary (run property
 * "coverage") are written when the scan ends, so memory stays bounded. A
 * result's region has startLine when the line is known and byteOffset
 * always; partialFingerprints carries our secret fingerprint. */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "scan/output.h"

#define SARIF_SCHEMA    "https://json.schemastore.org/sarif-2.1.0.json"
#define FINGERPRINT_KEY "credauditSecret/v1"

struct sarif_rule {
	char *id;
	char *description;
	char *clause;
	char *category;
	enum severity severity;
};

struct sarif_priv {
	bool started;
	size_t nresults;
	struct sarif_rule *rules;
	size_t nrules, cap;
};

static const char *level_of(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL:
	case SEV_HIGH:
		return "error";
	case SEV_MEDIUM:
		return "warning";
	default:
		return "note";
	}
}

static char *dup0(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

/* The index of the hit's rule in tool.driver.rules, adding it if new. */
static long rule_index(struct sarif_priv *p, const struct scan_hit *h)
{
	for (size_t i = 0; i < p->nrules; i++)
		if (strcmp(p->rules[i].id, h->rule) == 0)
			return (long)i;
	if (p->nrules == p->cap) {
		size_t n = p->cap ? p->cap * 2 : 16;
		void *np = realloc(p->rules, n * sizeof *p->rules);
		if (np == NULL)
			return -1;
		p->rules = np;
		p->cap = n;
	}
	p->rules[p->nrules] = (struct sarif_rule){dup0(h->rule), dup0(h->description),
	                                          dup0(h->clause), dup0(h->category), h->severity};
	if (p->rules[p->nrules].id == NULL)
		return -1;
	return (long)p->nrules++;
}

/* A path as a URI reference: relative stays relative, absolute becomes
 * file://; bytes outside the unreserved set (and '/', '!') are %-encoded. */
static char *path_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(path);
	char *out = malloc(len * 3 + 8), *q;

	if (out == NULL)
		return NULL;
	q = out;
	if (path[0] == '/') {
		memcpy(q, "file://", 7);
		q += 7;
	}
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~/!", *s) != NULL) {
			*q++ = (char)*s;
		} else {
			*q++ = '%';
			*q++ = hex[*s >> 4];
			*q++ = hex[*s & 15];
		}
	}
	*q = '\0';
	return out;
}

static struct json_object *result_json(struct sarif_priv *p, const struct scan_hit *h)
{
	struct json_object *r = json_object_new_object(), *loc = json_object_new_object();
	struct json_object *phys = json_object_new_object(), *art = json_object_new_object();
	struct json_object *region = json_object_new_object(), *msg = json_object_new_object();
	struct json_object *locs = json_object_new_array(), *fps = json_object_new_object();
	struct json_object *props = json_object_new_object();
	long idx = rule_index(p, h);
	char *uri = path_uri(h->path);
	char text[512];

	json_object_object_add(r, "ruleId", json_object_new_string(h->rule));
	if (idx >= 0)
		json_object_object_add(r, "ruleIndex", json_object_new_int64(idx));
	json_object_object_add(r, "level", json_object_new_string(level_of(h->severity)));
	snprintf(text, sizeof text, "%s%s%s (%s, %s)", h->description ? h->description : h->rule,
	         h->note ? ": " : "", h->note ? h->note : "", h->redacted, h->fingerprint);
	json_object_object_add(msg, "text", json_object_new_string(text));
	json_object_object_add(r, "message", msg);
	json_object_object_add(art, "uri", json_object_new_string(uri != NULL ? uri : ""));
	free(uri);
	json_object_object_add(phys, "artifactLocation", art);
	if (h->line >= 1)
		json_object_object_add(region, "startLine", json_object_new_int64(h->line));
	json_object_object_add(region, "byteOffset", json_object_new_int64((int64_t)h->offset));
	json_object_object_add(phys, "region", region);
	json_object_object_add(loc, "physicalLocation", phys);
	json_object_array_add(locs, loc);
	json_object_object_add(r, "locations", locs);
	json_object_object_add(fps, FINGERPRINT_KEY, json_object_new_string(h->fingerprint));
	json_object_object_add(r, "partialFingerprints", fps);
	if (h->clause != NULL)
		json_object_object_add(props, "clause", json_object_new_string(h->clause));
	if (h->category != NULL)
		json_object_object_add(props, "category", json_object_new_string(h->category));
	json_object_object_add(props, "severity",
	                       json_object_new_string(severity_name(h->severity)));
	json_object_object_add(props, "redacted", json_object_new_string(h->redacted));
	if (h->account != NULL)
		json_object_object_add(props, "account", json_object_new_string(h->account));
	json_object_object_add(props, "recoverable", json_object_new_boolean(h->recoverable));
	json_object_object_add(props, "context",
	                       json_object_new_string(h->context ? h->context : "config"));
	json_object_object_add(props, "weak", json_object_new_boolean(h->weak));
	json_object_object_add(props, "confirmed", json_object_new_boolean(h->confirmed));
	json_object_object_add(r, "properties", props);
	return r;
}

static int begin(struct output *o, struct sarif_priv **pp)
{
	struct sarif_priv *p = o->priv;

	if (p == NULL) {
		p = o->priv = calloc(1, sizeof *p);
		if (p == NULL)
			return -ENOMEM;
	}
	if (!p->started) {
		p->started = true;
		if (fputs("{\"version\":\"2.1.0\",\"$schema\":\"" SARIF_SCHEMA
		          "\",\"runs\":[{\"results\":[\n",
		          o->fp) == EOF)
			return -EIO;
	}
	*pp = p;
	return 0;
}

static int sarif_hits(struct output *o, const struct scan_hit *hits, size_t n)
{
	struct sarif_priv *p;
	int rc = begin(o, &p);

	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct json_object *r = result_json(p, &hits[i]);
		const char *s = json_object_to_json_string_ext(
		        r, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
		if ((p->nresults++ > 0 && fputs(",\n", o->fp) == EOF) || fputs(s, o->fp) == EOF)
			rc = -EIO;
		json_object_put(r);
	}
	return rc;
}

static int sarif_end(struct output *o, const struct scan_coverage *cov)
{
	struct sarif_priv *p;
	struct json_object *tool, *driver, *rules, *props, *inv, *invs;
	const char *s;
	int rc = begin(o, &p);

	if (rc < 0)
		return rc;
	tool = json_object_new_object();
	driver = json_object_new_object();
	rules = json_object_new_array();
	json_object_object_add(driver, "name", json_object_new_string("credaudit"));
	json_object_object_add(driver, "version", json_object_new_string(PACKAGE_VERSION));
	json_object_object_add(driver, "semanticVersion", json_object_new_string(PACKAGE_VERSION));
	for (size_t i = 0; i < p->nrules; i++) {
		const struct sarif_rule *r = &p->rules[i];
		struct json_object *jr = json_object_new_object(), *sd = json_object_new_object();
		struct json_object *rp = json_object_new_object(), *dc = json_object_new_object();
		json_object_object_add(jr, "id", json_object_new_string(r->id));
		json_object_object_add(
		        sd, "text",
		        json_object_new_string(r->description ? r->description : r->id));
		json_object_object_add(jr, "shortDescription", sd);
		json_object_object_add(dc, "level", json_object_new_string(level_of(r->severity)));
		json_object_object_add(jr, "defaultConfiguration", dc);
		if (r->clause != NULL)
			json_object_object_add(rp, "clause", json_object_new_string(r->clause));
		if (r->category != NULL)
			json_object_object_add(rp, "category", json_object_new_string(r->category));
		json_object_object_add(rp, "severity",
		                       json_object_new_string(severity_name(r->severity)));
		json_object_object_add(jr, "properties", rp);
		json_object_array_add(rules, jr);
	}
	json_object_object_add(driver, "rules", rules);
	json_object_object_add(tool, "driver", driver);
	s = json_object_to_json_string_ext(tool,
	                                   JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	if (fprintf(o->fp, "\n],\"tool\":%s", s) < 0)
		rc = -EIO;
	json_object_put(tool);
	invs = json_object_new_array();
	inv = json_object_new_object();
	json_object_object_add(inv, "executionSuccessful", json_object_new_boolean(true));
	json_object_array_add(invs, inv);
	s = json_object_to_json_string_ext(invs, JSON_C_TO_STRING_PLAIN);
	if (rc == 0 && fprintf(o->fp, ",\"invocations\":%s", s) < 0)
		rc = -EIO;
	json_object_put(invs);
	props = json_object_new_object();
	if (cov != NULL)
		json_object_object_add(props, "coverage", output_coverage_json(cov));
	s = json_object_to_json_string_ext(props,
	                                   JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	if (rc == 0 && fprintf(o->fp, ",\"properties\":%s}]}\n", s) < 0)
		rc = -EIO;
	json_object_put(props);
	return rc;
}

static void sarif_free(struct output *o)
{
	struct sarif_priv *p = o->priv;

	if (p == NULL)
		return;
	for (size_t i = 0; i < p->nrules; i++) {
		free(p->rules[i].id);
		free(p->rules[i].description);
		free(p->rules[i].clause);
		free(p->rules[i].category);
	}
	free(p->rules);
	free(p);
}

const struct output_ops output_sarif_ops = {sarif_hits, sarif_end, sarif_free};
