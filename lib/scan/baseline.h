/* The baseline: findings an auditor has accepted, suppressed in later scans.
 *
 * The file is JSON lines as `credaudit scan --format json` and
 * `--write-baseline` write them; only "rule", "path" and
 * "secret"."fingerprint" are read, other fields and lines without a rule
 * (the coverage object) are ignored. A finding is suppressed when its rule,
 * fingerprint and path equal an entry's; an entry without "path" matches
 * that rule and secret in any file. Line numbers are not part of the key,
 * so edits elsewhere in a file do not bring accepted findings back. */
#ifndef CREDPOLICY_BASELINE_H
#define CREDPOLICY_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

struct baseline;

#define BASELINE_MAX_BYTES (256u << 20)

/* Parse a baseline held in memory; name is used in error messages.
 * Returns 0 or -errno (-EINVAL: err names line and problem). */
int baseline_parse(struct baseline **out, const char *data, size_t len, const char *name, char *err,
                   size_t errlen);
/* Read and parse a baseline file. */
int baseline_load(struct baseline **out, const char *path, char *err, size_t errlen);
bool baseline_contains(const struct baseline *b, const char *rule, const char *fingerprint,
                       const char *path);
size_t baseline_size(const struct baseline *b);
void baseline_free(struct baseline *b);

#endif
