/* Fuzz the rule-file parser; whatever it accepts must also build into an
 * engine that can scan the input itself. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "rules/engine.h"
#include "rules/rule_set.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore(void *ctx, const struct finding *f)
{
	(*(size_t *)ctx)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rule_set *rs = rule_set_new();
	struct scan_engine *e = NULL;
	struct scan_scratch *s = NULL;
	char err[512];
	size_t n = 0;

	if (rs == NULL)
		return 0;
	if (rule_set_parse(rs, "fuzz.rule", (const char *)data, size, err, sizeof err) == 0 &&
	    scan_engine_build_flags(&e, rs, SCAN_ENGINE_PCRE2_ONLY, err, sizeof err) == 0 &&
	    scan_scratch_new(e, &s) == 0) {
		struct scan_input in = {.path = "fuzz", .buf = data, .len = size, .base_line = 1};
		scan_buffer(e, s, &in, ignore, &n);
	}
	scan_scratch_free(s);
	scan_engine_free(e);
	rule_set_free(rs);
	return 0;
}
