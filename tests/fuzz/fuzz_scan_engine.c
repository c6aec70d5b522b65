/* The scan engine on any file content, differentially: the Hyperscan
 * engine and the PCRE2-only one (the build without Hyperscan) must report
 * exactly the same findings, the same rules at the same offsets with the
 * same fingerprints, with the shipped rules. The first input byte picks the
 * path the content is scanned as, so that path-limited rules and their
 * keyword databases (one per set of rules that apply) take part; the rest
 * is the content. Also the first-bytes sniffers the stream uses. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/engine.h"
#include "rules/rule_set.h"
#include "scan/archive.h"

#define MAXF 4096

struct hit {
	const char *rule; /* the rule set's string: compared by pointer */
	uint64_t offset;
	char fp[FINGERPRINT_LEN];
};

struct hits {
	struct hit h[MAXF];
	size_t n;
};

static void collect(void *ctx, const struct finding *f)
{
	struct hits *hs = ctx;

	if (hs->n == MAXF)
		return;
	hs->h[hs->n].rule = f->rule;
	hs->h[hs->n].offset = f->offset;
	memcpy(hs->h[hs->n].fp, f->fingerprint, FINGERPRINT_LEN);
	hs->n++;
}

static int hit_cmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	int c;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	c = memcmp(x->fp, y->fp, FINGERPRINT_LEN);
	return c;
}

static const char *const paths[] = {
        "/etc/app.conf",
        "/home/alice/.netrc",
        "/home/alice/.config/rclone/rclone.conf",
        "/etc/shadow",
        "/home/alice/.docker/config.json",
        "/etc/NetworkManager/system-connections/wifi.nmconnection",
        "/home/alice/.mozilla/firefox/x.default/logins.json",
        "/srv/router/running-config",
        /* a patch, read hunk by hunk; source code's judges */
        "/src/pkg/debian/patches/fix.patch",
        "/src/app/parse.c",
        /* a store's copy, judged as the store */
        "/home/alice/.config/rclone/rclone.conf.bak",
        "/home/alice/WinSCP.ini~",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rule_set *rs;
	static struct scan_engine *e[2];
	static struct scan_scratch *s[2];
	static struct hits h[2];
	struct scan_input in;

	if (rs == NULL) {
		char dir[4096], err[1024];
		const char *dirs[2] = {dir, NULL};
		const char *top = getenv("top_srcdir");

		snprintf(dir, sizeof dir, "%s/conf/rules", top != NULL ? top : SRCDIR);
		if (rule_set_load(&rs, dirs, err, sizeof err) < 0) {
			fprintf(stderr, "fuzz_scan_engine: %s\n", err);
			abort();
		}
		for (int k = 0; k < 2; k++)
			if (scan_engine_build_flags(&e[k], rs, k ? SCAN_ENGINE_PCRE2_ONLY : 0, err,
			                            sizeof err) < 0 ||
			    scan_scratch_new(e[k], &s[k]) < 0)
				abort();
	}
	(void)binary_magic(data, size);
	(void)archive_magic(data, size);
	if (size == 0)
		return 0;
	memset(&in, 0, sizeof in);
	in.path = paths[data[0] % (sizeof paths / sizeof paths[0])];
	in.buf = data + 1;
	in.len = size - 1;
	in.base_line = 1;
	for (int k = 0; k < 2; k++) {
		h[k].n = 0;
		if (scan_buffer(e[k], s[k], &in, collect, &h[k]) < 0)
			abort();
		qsort(h[k].h, h[k].n, sizeof h[k].h[0], hit_cmp);
	}
	if (h[0].n != h[1].n)
		abort();
	for (size_t i = 0; i < h[0].n; i++)
		if (hit_cmp(&h[0].h[i], &h[1].h[i]) != 0)
			abort();
	return 0;
}
