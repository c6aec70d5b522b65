/* A stand-in for the scan engine (engine.h) in the scanner's unit tests:
 * one rule, "password=" followed by up to 64 non-space bytes (the secret),
 * and a fixed window, so chunking can be tested at exact boundaries. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rules/engine.h"

#define FAKE_KEY        "password="
#define FAKE_MAX_SECRET 64
#define FAKE_WINDOW     128

struct rule_set {
	int unused;
};
struct scan_engine {
	int unused;
};
struct scan_scratch {
	int unused;
};

int rule_set_load(struct rule_set **out, const char *const *dirs, char *err, size_t errlen)
{
	*out = calloc(1, sizeof **out);
	return *out != NULL ? 0 : -ENOMEM;
}

void rule_set_free(struct rule_set *rs)
{
	free(rs);
}

int rule_set_selftest(const struct rule_set *rs, FILE *report)
{
	return 0;
}

int scan_engine_build(struct scan_engine **out, const struct rule_set *rs, char *err, size_t errlen)
{
	*out = calloc(1, sizeof **out);
	return *out != NULL ? 0 : -ENOMEM;
}

void scan_engine_free(struct scan_engine *e)
{
	free(e);
}

size_t scan_engine_window(const struct scan_engine *e)
{
	return FAKE_WINDOW;
}

int scan_scratch_new(const struct scan_engine *e, struct scan_scratch **out)
{
	*out = calloc(1, sizeof **out);
	return *out != NULL ? 0 : -ENOMEM;
}

void scan_scratch_free(struct scan_scratch *s)
{
	free(s);
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\0';
}

int scan_buffer(const struct scan_engine *e, struct scan_scratch *s, const struct scan_input *in,
                finding_fn cb, void *ctx)
{
	const size_t klen = sizeof FAKE_KEY - 1;
	long line = in->base_line;
	size_t i = 0, lines_at = 0;
	int n = 0;

	while (i + klen <= in->len) {
		const unsigned char *p = memmem(in->buf + i, in->len - i, FAKE_KEY, klen);
		size_t at, v, end;
		struct finding f;

		if (p == NULL)
			break;
		at = (size_t)(p - in->buf);
		v = at + klen;
		for (end = v; end < in->len && end - v < FAKE_MAX_SECRET && !is_space(in->buf[end]);
		     end++)
			;
		i = at + 1;
		/* Like a regex: the value must end before the buffer does. */
		if (end == v || end == in->len)
			continue;
		if (at < in->report_from || (in->report_until > 0 && at >= in->report_until))
			continue;
		if (line >= 0) {
			for (; lines_at < v; lines_at++)
				if (in->buf[lines_at] == '\n')
					line++;
		}
		memset(&f, 0, sizeof f);
		f.rule = "fake-password";
		f.category = "server-config";
		f.clause = "3(1)⑤";
		f.description = "Password assignment";
		f.severity = SEV_HIGH;
		f.path = in->path;
		f.line = line;
		f.offset = in->base_offset + v; /* like the engine: where the secret starts */
		f.secret = in->buf + v;
		f.secret_len = end - v;
		cb(ctx, &f);
		n++;
	}
	return n;
}
