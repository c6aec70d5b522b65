/* The scan engine: rules (data) compiled into one matcher, run over
 * buffers. Hyperscan prefilter + PCRE2 confirmation, or PCRE2 alone. */
#ifndef CREDPOLICY_ENGINE_H
#define CREDPOLICY_ENGINE_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "rules/finding.h"

struct rule_set;     /* loaded rule files */
struct scan_engine;  /* compiled, read-only, shared by threads */
struct scan_scratch; /* per-thread */

/* Load every *.rule file in the directories (NULL-terminated list);
 * errors name file:line. Returns 0 or -errno. */
int rule_set_load(struct rule_set **out, const char *const *dirs, char *err, size_t errlen);
void rule_set_free(struct rule_set *rs);
/* Run each rule's must-match / must-not-match examples; returns failures. */
int rule_set_selftest(const struct rule_set *rs, FILE *report);

/* The rule set must outlive the engine (findings point into its rules). */
int scan_engine_build(struct scan_engine **out, const struct rule_set *rs, char *err,
                      size_t errlen);
/* As scan_engine_build, with SCAN_ENGINE_* flags. */
#define SCAN_ENGINE_PCRE2_ONLY 1u /* no Hyperscan even when built with it */
int scan_engine_build_flags(struct scan_engine **out, const struct rule_set *rs, unsigned flags,
                            char *err, size_t errlen);
/* "hyperscan" or "pcre2": which prefilter this engine runs. */
const char *scan_engine_kind(const struct scan_engine *e);
void scan_engine_free(struct scan_engine *e);
/* The distinct keywords of the engine's rules, and how many of them the
 * prefilter looks for itself (the rest are read off the bytes around one
 * they hold: "db_password" around "pass"; under PCRE2 only, all). */
void scan_engine_keywords(const struct scan_engine *e, size_t *keywords, size_t *roots);
/* The longest match the engine reports (bytes). A chunked reader overlaps
 * consecutive chunks by 2 * window: each chunk but the first sets
 * report_from = window, each but the last report_until = len - window, so
 * every match is reported once and whole, with context on both sides. */
size_t scan_engine_window(const struct scan_engine *e);

int scan_scratch_new(const struct scan_engine *e, struct scan_scratch **out);
void scan_scratch_free(struct scan_scratch *s);

/* Called for each finding; f->secret is valid only during the call. */
typedef void (*finding_fn)(void *ctx, const struct finding *f);

struct scan_input {
	const char *path; /* for the finding; also used to pick file-name rules */
	size_t root_len;  /* path[0, root_len): the root scanned, which says
	                     nothing of the file's context (grading.h) */
	const unsigned char *buf;
	size_t len;
	uint64_t base_offset; /* offset of buf[0] in the whole input */
	long base_line;       /* line number of buf[0], or -1 for raw devices */
	size_t report_from;   /* ignore matches starting before buf+report_from (chunk overlap) */
	size_t report_until;  /* ignore matches starting at or after buf+report_until;
	                         0 = len (the last or only chunk) */
	const struct text_view *view; /* NULL: the input's own bytes */
	size_t max_findings;          /* report at most this many (0: no bound):
	                                 the caller keeps no more, and a file
	                                 of findings on every few bytes must
	                                 not cost each one's judging; its
	                                 callback may raise it for a finding
	                                 it does not keep */
};

/* The text of a string with its escapes undone (escaped.h), which the
 * engine reads as a view of its own: its findings are placed at the
 * string's raw bytes and line, in the context of the text around it. */
struct text_view {
	const uint32_t *at;         /* per byte of buf: its offset after base */
	uint64_t base;              /* offset of the string's inside in the whole input */
	long line;                  /* the string's line, or -1 */
	int context;                /* enum scan_context (grading.h) of the string */
	size_t line_start;          /* where the string's line starts in the outer buffer */
	struct scan_scratch *outer; /* the scratch reading the raw bytes */
};

/* Scan one buffer. Returns the number of findings, or -errno. Findings
 * come in no particular order; offset and line are where the secret
 * starts. Rules with a path but no pattern (file-name rules) report once,
 * on the chunk with base_offset 0. */
int scan_buffer(const struct scan_engine *e, struct scan_scratch *s, const struct scan_input *in,
                finding_fn cb, void *ctx);

#endif
