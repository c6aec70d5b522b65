/* Text for people: findings grouped under their file, one line each, and a
 * coverage summary on the summary stream. Control characters in names
 * are shown escaped, so a hostile file name cannot forge output lines or
 * drive the terminal. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "scan/output.h"
#include "i18n.h"

#define BOLD   "\033[1m"
#define RED    "\033[31m"
#define YELLOW "\033[33m"
#define CYAN   "\033[36m"
#define RESET  "\033[0m"

struct text_priv {
	char *last_path;
};

static void put_escaped(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f || c == '\\')
			fprintf(fp, "\\x%02x", c);
		else
			putc(c, fp);
	}
}

static const char *sev_color(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL:
	case SEV_HIGH:
		return RED;
	case SEV_MEDIUM:
		return YELLOW;
	default:
		return CYAN;
	}
}

static int text_hits(struct output *o, const struct scan_hit *hits, size_t n)
{
	struct text_priv *p = o->priv;
	FILE *fp = o->fp;

	if (p == NULL) {
		p = o->priv = calloc(1, sizeof *p);
		if (p == NULL)
			return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		const struct scan_hit *h = &hits[i];
		if (h->severity < o->min_severity) {
			o->hidden++;
			continue;
		}
		o->shown++;
		if (p->last_path == NULL || strcmp(p->last_path, h->path) != 0) {
			free(p->last_path);
			p->last_path = strdup(h->path);
			fputs(o->color ? BOLD : "", fp);
			put_escaped(fp, h->path);
			fprintf(fp, "%s\n", o->color ? RESET : "");
		}
		if (h->line >= 0)
			fprintf(fp, "  %s %ld", _("line"), h->line);
		else
			fprintf(fp, "  %s %" PRIu64, _("byte"), h->offset);
		fprintf(fp, "  %s%s%s  %s  %s  %s", o->color ? sev_color(h->severity) : "",
		        severity_name(h->severity), o->color ? RESET : "", h->rule, h->redacted,
		        h->fingerprint);
		if (h->clause != NULL)
			fprintf(fp, "  [%s]", h->clause);
		if (h->account != NULL) {
			fprintf(fp, "  %s=", _("account"));
			put_escaped(fp, h->account);
		}
		putc('\n', fp);
		if (h->description != NULL || h->note != NULL) {
			fputs("      ", fp);
			if (h->description != NULL)
				put_escaped(fp, h->description);
			if (h->description != NULL && h->note != NULL)
				fputs(": ", fp);
			if (h->note != NULL)
				put_escaped(fp, h->note);
			putc('\n', fp);
		}
	}
	return ferror(fp) ? -EIO : 0;
}

static void human_bytes(char *buf, size_t len, uint64_t b)
{
	static const char *const unit[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
	double v = (double)b;
	int u = 0;

	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, u == 0 ? "%.0f %s" : "%.1f %s", v, unit[u]);
}

static int text_end(struct output *o, const struct scan_coverage *cov)
{
	FILE *fp = o->summary_fp != NULL ? o->summary_fp : o->fp;
	char bytes[32];
	bool any = false;

	if (cov == NULL)
		return 0;
	human_bytes(bytes, sizeof bytes, cov->bytes);
	if (cov->device)
		fprintf(fp, _("credaudit: %" PRIu64 " finding(s); %s read from the device\n"),
		        cov->findings, bytes);
	else
		fprintf(fp,
		        _("credaudit: %" PRIu64 " finding(s) in %" PRIu64 " file(s), %s; %" PRIu64
		          " directories, %" PRIu64 " archive(s) with %" PRIu64 " member(s)\n"),
		        cov->findings, cov->files, bytes, cov->dirs, cov->archives, cov->members);
	if (o->hidden > 0)
		fprintf(fp, _("  not shown: %" PRIu64 " finding(s) below %s (--all shows them)\n"),
		        o->hidden, severity_name(o->min_severity));
	if (cov->suppressed_baseline > 0 || cov->suppressed_inline > 0)
		fprintf(fp,
		        _("  suppressed: %" PRIu64 " by the baseline, %" PRIu64
		          " by credaudit:allow\n"),
		        cov->suppressed_baseline, cov->suppressed_inline);
	for (int r = 0; r < COV_FIRST_ERROR; r++) {
		if (cov->counts[r] == 0)
			continue;
		fprintf(fp, "%s %" PRIu64 " %s", any ? "," : _("  skipped:"), cov->counts[r],
		        cov_reason_label((enum cov_reason)r));
		any = true;
	}
	if (any)
		putc('\n', fp);
	any = false;
	for (int r = COV_FIRST_ERROR; r < COV__COUNT; r++) {
		if (cov->counts[r] == 0)
			continue;
		fprintf(fp, "%s %" PRIu64 " %s", any ? "," : _("  not read:"), cov->counts[r],
		        cov_reason_label((enum cov_reason)r));
		any = true;
	}
	if (any)
		putc('\n', fp);
	for (size_t i = 0; i < cov->nproblems; i++) {
		const struct scan_problem *p = &cov->problems[i];
		fputs("    ", fp);
		put_escaped(fp, p->path);
		fprintf(fp, ": %s", cov_reason_label(p->reason));
		if (p->detail != NULL) {
			fputs(" (", fp);
			put_escaped(fp, p->detail);
			putc(')', fp);
		}
		putc('\n', fp);
	}
	if (cov->problems_unlisted > 0)
		fprintf(fp, _("    ... and %" PRIu64 " more\n"), cov->problems_unlisted);
	return ferror(o->fp) ? -EIO : 0;
}

static void text_free(struct output *o)
{
	struct text_priv *p = o->priv;

	if (p != NULL)
		free(p->last_path);
	free(p);
}

const struct output_ops output_text_ops = {text_hits, text_end, text_free};
