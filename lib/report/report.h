/* The disposal report (clause 4(3)): scope, host, tool, time, accounts
 * inventory, residual credentials (backups included), device checks and
 * a verdict per clause 4(1), 4(3), 4(4) with reasons in Japanese and
 * English. Written as JSON (doc/report-schema.md) and as one HTML page
 * that carries the SHA-256 of the JSON file. Nothing secret goes in:
 * found secrets appear only redacted and fingerprinted. */
#ifndef CREDPOLICY_ACCOUNTS_REPORT_H
#define CREDPOLICY_ACCOUNTS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "accounts/accounts.h"
#include "accounts/cred_scan.h"
#include "accounts/inventory.h"
#include "events/leak_ledger.h"
#include "report/device_check.h"
#include "report/html_page.h"

#define REPORT_SCHEMA "credpolicy-disposal-report/1"
/* How the reports' JSON is printed (json-c flags): indented, "/" as is. */
#define REPORT_JSON_FLAGS                                                                          \
	(JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

struct report_device {
	const char *path;
	struct luks_state luks;
	struct wipe_sample wipe;
	bool full_scan;
	size_t first_finding, nfindings; /* range in the scan's findings */
	char error[1024];                /* "" when both checks ran */
};

struct report_input {
	const char *root;       /* as given (NULL: no root assessed) */
	struct accounts_db *db; /* NULL when no root */
	struct cred_scan *scan; /* NULL when not scanned */
	struct report_device *dev;
	size_t ndev;
	const char *version;
	const char *generated; /* RFC 3339 */
	/* This host's leak ledger (NULL: not read): its open events make the
	 * 4(4) verdict fail (an account with an open leak is not disposed of
	 * cleanly). Judged only when the root assessed is this host's. */
	const struct leak_ledger *leaks;
};

/* The report as JSON text (pretty-printed, malloc'd), or NULL. */
char *report_json(const struct report_input *in);

/* Write the HTML page for the JSON text (parsed back, so the page shows
 * exactly what the JSON says) with json_sha256 (64 hex digits). */
int report_html(FILE *out, const char *json, const char *json_sha256, const char *json_name,
                enum report_lang lang);

/* A page renderer: report_html(), fleet_html(). */
typedef int report_renderer(FILE *out, const char *json, const char *json_sha256,
                            const char *json_name, enum report_lang lang);

/* Write json to json_path, then (if html_path) the HTML page render
 * makes of it, each through a temporary file and rename, mode 0600; sha
 * gets the JSON file's SHA-256 in hex. Returns 0 or -errno with err
 * filled. */
int report_write_files(const char *json, const char *json_path, const char *html_path,
                       report_renderer *render, enum report_lang lang, char sha[65], char *err,
                       size_t errlen);

/* Worst verdict in the JSON: 0 all pass or not assessed, 1 any fail. */
int report_status(const char *json);

#define REPORT_DEVICES_MAX     32
#define REPORT_SAMPLES_DEFAULT 256
#define REPORT_BLOCK_DEFAULT   4096

/* What credaudit report asks for (report_build.c). */
struct report_request {
	struct inventory_opts inv; /* inv.root NULL: devices only */
	const char *const *devices;
	size_t ndev; /* at most REPORT_DEVICES_MAX */
	unsigned samples, block_size;
	bool full_scan;                    /* scan each whole device for credential signatures */
	const char *json_path, *html_path; /* html_path may be NULL */
	enum report_lang lang;
	/* A device that could not be checked, a diagnostic of the accounts. */
	void (*warn)(void *ctx, const char *msg);
	void *warn_ctx;
};

enum report_stage {
	REPORT_DONE,        /* written: verdict and sha are set */
	REPORT_OPEN_FAILED, /* the inventory: see inv */
	REPORT_NO_MEMORY,
	REPORT_WRITE_FAILED,
};

struct report_outcome {
	enum report_stage stage;
	enum inventory_stage inv;
	int verdict; /* report_status() */
	char sha[65];
};

/* The whole disposal report: the inventory of the root (accounts, stored
 * credentials, confirmed leaks), the checks of every device (LUKS key
 * slots, sampled wipe check, optionally a full signature scan), the JSON
 * and HTML files. err says what failed. */
void report_build(const struct report_request *rq, struct report_outcome *out, char *err,
                  size_t errlen);

#endif
