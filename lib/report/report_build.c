/* credaudit report's workflow: inventory, device checks, files. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "policy/settings.h"
#include "report/report.h"
#include "timefmt.h"

static void on_sample(void *ctx, const unsigned char *buf, size_t len, uint64_t offset)
{
	struct cred_scan *cs = ctx;
	cred_scan_buffer(cs, cs->cur_device, buf, len, offset);
}

/* LUKS key slots, the sampled wipe check (whose blocks the scan reads
 * too) and, when asked, a full scan of the device. */
static void check_device(const struct report_request *rq, struct cred_scan *cs,
                         struct report_device *d)
{
	char err[1024];

	d->first_finding = cs != NULL ? cs->n : 0;
	if (luks_check(d->path, &d->luks, err, sizeof err) != 0)
		snprintf(d->error, sizeof d->error, "%s", err);
	if (cs != NULL)
		cs->cur_device = d->path;
	if (!d->error[0] &&
	    wipe_sample(d->path, rq->samples, rq->block_size, cs != NULL ? on_sample : NULL, cs,
	                &d->wipe, err, sizeof err) != 0)
		snprintf(d->error, sizeof d->error, "%s", err);
	if (!d->error[0] && cs != NULL && rq->full_scan) {
		cred_scan_truncate(cs, d->first_finding); /* the full scan sees the samples again */
		d->full_scan = cred_scan_device(cs, d->path) == 0;
	}
	d->nfindings = cs != NULL ? cs->n - d->first_finding : 0;
	if (d->error[0] && rq->warn != NULL)
		rq->warn(rq->warn_ctx, d->error);
}

static void write_report(const struct report_request *rq, const struct report_input *in,
                         struct report_outcome *out, char *err, size_t errlen)
{
	char *json = report_json(in);

	if (json == NULL) {
		out->stage = REPORT_NO_MEMORY;
		return;
	}
	if (report_write_files(json, rq->json_path, rq->html_path, report_html, rq->lang, out->sha,
	                       err, errlen) != 0)
		out->stage = REPORT_WRITE_FAILED;
	else
		out->verdict = report_status(json);
	free(json);
}

void report_build(const struct report_request *rq, struct report_outcome *out, char *err,
                  size_t errlen)
{
	struct report_device dev[REPORT_DEVICES_MAX];
	struct inventory inv;
	struct report_input in = {0};
	char when[RFC3339_LEN];
	size_t ndev = rq->ndev < REPORT_DEVICES_MAX ? rq->ndev : REPORT_DEVICES_MAX;

	memset(out, 0, sizeof *out);
	out->inv = inventory_open(&inv, &rq->inv, err, errlen);
	if (out->inv != INVENTORY_OK) {
		out->stage = REPORT_OPEN_FAILED;
		return;
	}
	memset(dev, 0, sizeof dev);
	for (size_t i = 0; i < ndev; i++) {
		dev[i].path = rq->devices[i];
		check_device(rq, inv.scanned ? &inv.scan : NULL, &dev[i]);
	}
	for (size_t i = 0; inv.db != NULL && i < inv.db->diags.n && rq->warn != NULL; i++)
		rq->warn(rq->warn_ctx, inv.db->diags.msg[i]);
	rfc3339_now(when, sizeof when);
	in.root = rq->inv.root;
	in.db = inv.db;
	in.scan = inv.scanned ? &inv.scan : NULL;
	in.dev = dev;
	in.ndev = ndev;
	in.version = PACKAGE_VERSION;
	in.generated = when;
	/* This host's open leak events (4(3), 4(4)); an unreadable ledger
	 * leaves them out. */
	struct leak_ledger leaks = {0};
	const char *ledger = inv.ledger != NULL       ? inv.ledger
	                     : rq->inv.ledger != NULL ? rq->inv.ledger
	                                              : PATH_LEAK_LEDGER;
	if (leak_ledger_read(ledger, &leaks, NULL, NULL) == 0)
		in.leaks = &leaks;
	write_report(rq, &in, out, err, errlen);
	leak_ledger_free(&leaks);
	inventory_close(&inv);
}
