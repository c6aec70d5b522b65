/* The scan engine on any file content, differentially: the Hyperscan
 * engine and the PCRE2-only one (the build without Hyperscan) must report
 * exactly the same findings, the same rules at the same offsets with the
 * same fingerprints, with the shipped rules. The first input byte picks the
 * path the content is scanned as, so that path-limited rules and their
 * keyword databases (one per set of rules that apply) take part; the rest
 * is the content. Also the first-bytes sniffers the stream uses, and
 * the UTF-16 transcoder: content with a byte order mark is scanned as the
 * scanner reads it, as UTF-8, read back in pieces of every size. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/engine.h"
#include "rules/rule_set.h"
#include "scan/archive.h"
#include "scan/utf16.h"

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
        /* a table: its header names the credential column (table.c) */
        "/home/alice/servers.csv",
        /* PowerShell's command lines; Perl's hash elements and here-documents; a dump's rows;
         * a whole-file token */
        "/srv/scripts/map-drives.ps1",
        "/etc/BackupPC/config.pl",
        "/var/backups/app.sql",
        "/home/alice/.vault-token",
        /* Python's tuple assignments (tuple.c) */
        "/srv/app/settings.py",
};

struct mem {
	const uint8_t *p;
	size_t n, pos, step;
};

static ssize_t mem_read(void *ctx, unsigned char *buf, size_t len, uint64_t *hole)
{
	struct mem *m = ctx;
	size_t k = m->n - m->pos;

	*hole = 0;
	if (k > len)
		k = len;
	if (k > m->step)
		k = m->step;
	memcpy(buf, m->p + m->pos, k);
	m->pos += k;
	return (ssize_t)k;
}

/* Valid UTF-8 (RFC 3629): no stray continuation byte, no overlong form,
 * no encoded surrogate, nothing past U+10FFFF. */
static bool utf8_valid(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		if ((c >= 0x80 && c < 0xC2) || c > 0xF4 || i + k > n)
			return false;
		for (size_t j = 1; j < k; j++)
			if ((p[i + j] & 0xC0) != 0x80)
				return false;
		if ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] > 0x9F) ||
		    (c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] > 0x8F))
			return false;
		i += k;
	}
	return true;
}

/* The text a UTF-16 stream is scanned as: head from the first read, the
 * rest in pieces of step bytes, read back in pieces of a varying size (or,
 * with step = size, in one piece). */
static size_t transcode(const uint8_t *data, size_t size, bool big, unsigned char *out, size_t cap,
                        size_t step)
{
	size_t head = size < 7 ? size : 7;
	struct mem m = {data + head, size - head, 0, step};
	struct byte_source src = {mem_read, &m};
	struct utf16_source u;
	size_t n = 0;

	utf16_source_init(&u, &src, data + 2, head - 2, big, 0);
	for (size_t want = step == size ? cap : 1;; want = step == size ? cap : want % 9 + 1) {
		uint64_t hole;
		ssize_t k = utf16_source_read(&u, out + n, want < cap - n ? want : cap - n, &hole);
		if (k < 0)
			abort();
		if (k == 0)
			break;
		n += (size_t)k;
		if (n == cap)
			abort(); /* more than 3 bytes out for every 2 in */
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rule_set *rs;
	static struct scan_engine *e[2];
	static struct scan_scratch *s[2];
	static struct hits h[2];
	struct scan_input in;
	unsigned char *text = NULL;
	bool big;

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
	if (utf16_bom(data + 1, size - 1, &big)) {
		size_t cap = 3 * size / 2 + 16;
		text = malloc(cap);
		if (text == NULL)
			abort();
		in.len = transcode(data + 1, size - 1, big, text, cap, 1 + size % 13);
		if (!utf8_valid(text, in.len))
			abort();
		/* read in one piece, the same text */
		{
			unsigned char *once = malloc(cap);
			if (once == NULL ||
			    transcode(data + 1, size - 1, big, once, cap, size) != in.len ||
			    memcmp(once, text, in.len) != 0)
				abort();
			free(once);
		}
		in.buf = text;
	}
	in.base_line = 1;
	for (int k = 0; k < 2; k++) {
		h[k].n = 0;
		if (scan_buffer(e[k], s[k], &in, collect, &h[k]) < 0)
			abort();
		qsort(h[k].h, h[k].n, sizeof h[k].h[0], hit_cmp);
	}
	free(text);
	if (h[0].n != h[1].n)
		abort();
	for (size_t i = 0; i < h[0].n; i++)
		if (hit_cmp(&h[0].h[i], &h[1].h[i]) != 0)
			abort();
	return 0;
}
