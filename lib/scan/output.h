/* Writing findings: text for people, JSON lines and SARIF 2.1.0 for
 * machines. Findings arrive file by file, in scan order; outputs stream
 * them (memory does not grow with the number of findings) and finish with
 * the coverage summary. Secrets are never written: only the redacted form
 * and the fingerprint of struct scan_hit exist here. */
#ifndef CREDPOLICY_OUTPUT_H
#define CREDPOLICY_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "scan/scan.h"

enum output_format { OUTPUT_TEXT, OUTPUT_JSON, OUTPUT_SARIF };

struct output;

/* fp receives the findings; summary_fp receives the text coverage summary
 * (JSON and SARIF carry it in fp). color: ANSI colours in text. */
struct output *output_new(enum output_format fmt, FILE *fp, FILE *summary_fp, bool color);
/* Returns 0 or -errno (a write failed). */
int output_hits(struct output *o, const struct scan_hit *hits, size_t n);
int output_end(struct output *o, const struct scan_coverage *cov);
/* Text output shows findings of this severity and above (default: all);
 * JSON and SARIF always carry every finding. */
void output_set_min_severity(struct output *o, enum severity min);
/* Findings written so far (for text, those at or above the minimum). */
uint64_t output_shown(const struct output *o);
void output_free(struct output *o);

/* Parse "text", "json", "sarif"; -1 when unknown. */
int output_format_parse(const char *s);

/* Internals shared by output_*.c */
struct output_ops {
	int (*hits)(struct output *o, const struct scan_hit *hits, size_t n);
	int (*end)(struct output *o, const struct scan_coverage *cov);
	void (*free_priv)(struct output *o);
};

struct output {
	const struct output_ops *ops;
	FILE *fp;
	FILE *summary_fp;
	bool color;
	enum severity min_severity; /* text only */
	uint64_t shown, hidden;
	void *priv;
};

extern const struct output_ops output_text_ops;
extern const struct output_ops output_json_ops;
extern const struct output_ops output_sarif_ops;

/* The JSON object of one finding, with exactly the fields of the design
 * (rule, category, clause, severity, path, line, offset, account,
 * confirmed, secret{redacted, fingerprint}). */
struct json_object *output_hit_json(const struct scan_hit *h);
/* The coverage summary as a JSON object. */
struct json_object *output_coverage_json(const struct scan_coverage *cov);
/* Write one object as a line; 0 or -EIO. */
int output_json_line(FILE *fp, struct json_object *obj);

#endif
