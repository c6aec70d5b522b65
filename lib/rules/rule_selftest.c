/* Each rule's own examples, run through the real engine: every example
 * must give a finding of that rule, no counterexample may, and the
 * Hyperscan and PCRE2-only engines must agree on every finding. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rules/engine.h"
#include "rules/rule_set.h"
#include "i18n.h"

#define MAX_SEEN 64

struct seen {
	const char *rule;
	size_t n;
	char rules[MAX_SEEN][64];
	char fps[MAX_SEEN][FINGERPRINT_LEN];
	uint64_t offs[MAX_SEEN];
	bool hit;
	char redacted[REDACTED_LEN];
};

static void on_finding(void *ctx, const struct finding *f)
{
	struct seen *sn = ctx;

	if (strcmp(f->rule, sn->rule) == 0 && !sn->hit) {
		sn->hit = true;
		snprintf(sn->redacted, sizeof sn->redacted, "%s", f->redacted);
	}
	if (sn->n < MAX_SEEN) {
		snprintf(sn->rules[sn->n], sizeof sn->rules[0], "%s", f->rule);
		memcpy(sn->fps[sn->n], f->fingerprint, FINGERPRINT_LEN);
		sn->offs[sn->n] = f->offset;
		sn->n++;
	}
}

static int run(const struct scan_engine *e, struct scan_scratch *s, const struct rule *r,
               const struct rule_example *ex, struct seen *sn)
{
	struct scan_input in = {
	        .path = ex->path ? ex->path : "example.txt",
	        .buf = (const unsigned char *)ex->text,
	        .len = ex->len,
	        .base_line = 1,
	};

	memset(sn, 0, sizeof *sn);
	sn->rule = r->id;
	return scan_buffer(e, s, &in, on_finding, sn);
}

/* Same findings, in any order. */
static bool same(const struct seen *a, const struct seen *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		bool found = false;
		for (size_t j = 0; j < b->n && !found; j++)
			found = strcmp(a->rules[i], b->rules[j]) == 0 &&
			        strcmp(a->fps[i], b->fps[j]) == 0 && a->offs[i] == b->offs[j];
		if (!found)
			return false;
	}
	return true;
}

int rule_set_selftest(const struct rule_set *rs, FILE *report)
{
	struct scan_engine *e[2] = {NULL, NULL};
	struct scan_scratch *s[2] = {NULL, NULL};
	char err[512];
	int failures = 0, rc, ne;

	rc = scan_engine_build(&e[0], rs, err, sizeof err);
	if (rc == 0)
		rc = scan_engine_build_flags(&e[1], rs, SCAN_ENGINE_PCRE2_ONLY, err, sizeof err);
	if (rc < 0) {
		fprintf(report, "%s\n", err);
		goto out;
	}
	ne = strcmp(scan_engine_kind(e[0]), scan_engine_kind(e[1])) == 0 ? 1 : 2;
	for (int i = 0; i < ne; i++)
		if ((rc = scan_scratch_new(e[i], &s[i])) < 0)
			goto out;
	for (size_t i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		bool counter = false;
		if (!r->enabled)
			continue;
		for (size_t j = 0; j < r->nexamples; j++) {
			const struct rule_example *ex = &r->examples[j];
			struct seen sn[2];
			counter |= !ex->must_match;
			for (int k = 0; k < ne; k++)
				if ((rc = run(e[k], s[k], r, ex, &sn[k])) < 0)
					goto out;
			if (ex->must_match && !sn[0].hit) {
				fprintf(report, _("%s:%d: rule %s: example not found%s\n"), r->file,
				        ex->line, r->id,
				        r->path != NULL && ex->path == NULL
				                ? _(" (the rule has a path: set example-path "
				                    "first)")
				                : "");
				failures++;
			} else if (!ex->must_match && sn[0].hit) {
				fprintf(report, _("%s:%d: rule %s: counterexample found (%s)\n"),
				        r->file, ex->line, r->id, sn[0].redacted);
				failures++;
			}
			if (ne == 2 && !same(&sn[0], &sn[1])) {
				fprintf(report,
				        _("%s:%d: rule %s: the %s and %s engines disagree (%zu vs "
				          "%zu findings)\n"),
				        r->file, ex->line, r->id, scan_engine_kind(e[0]),
				        scan_engine_kind(e[1]), sn[0].n, sn[1].n);
				failures++;
			}
		}
		if (!counter) {
			fprintf(report, _("%s:%d: rule %s has no counterexample; add one\n"),
			        r->file, r->line, r->id);
			failures++;
		}
	}
	rc = failures;
out:
	for (int i = 0; i < 2; i++) {
		scan_scratch_free(s[i]);
		scan_engine_free(e[i]);
	}
	return rc;
}
