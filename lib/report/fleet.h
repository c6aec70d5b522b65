/* The fleet report: the results an audit fetched from every host of an
 * estate (one directory per host) merged into one JSON document
 * (doc/fleet-report.md) and one bilingual HTML page. A host that was
 * unreachable, failed, or whose results are missing or damaged is listed
 * with its status and a message naming the file and the line or offset,
 * never dropped. Nothing secret is copied: of a finding, only its
 * redacted form and fingerprint.
 *
 * A host directory holds (file names below):
 *   host-status.json  {"host","status":"ok"|"unreachable"|"failed","message",
 *                      "started","duration_s"}, optional
 *   report.json       credaudit report -o report.json
 *   scan.json         credaudit scan --format json (JSON lines)
 *   accounts.json     credaudit accounts --format json (JSON lines) */
#ifndef CREDPOLICY_REPORT_FLEET_H
#define CREDPOLICY_REPORT_FLEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report/html_page.h"

#define FLEET_SCHEMA "credpolicy-fleet-report/1"

#define FLEET_STATUS_FILE   "host-status.json"
#define FLEET_REPORT_FILE   "report.json"
#define FLEET_SCAN_FILE     "scan.json"
#define FLEET_ACCOUNTS_FILE "accounts.json"

/* Each result file of a host is read whole, at most this many bytes
 * (--max-file-size); host-status.json at most FLEET_STATUS_MAX. */
#define FLEET_FILE_MAX_DEFAULT ((size_t)64 << 20)
#define FLEET_FILE_MAX_LIMIT   ((size_t)1 << 30)
#define FLEET_STATUS_MAX       ((size_t)64 << 10)
/* Special accounts and confirmed leaks listed per host (the rest are
 * counted), distinct clauses and verdicts a host may cite. */
#define FLEET_LIST_MAX     256
#define FLEET_CLAUSES_MAX  64
#define FLEET_VERDICTS_MAX 8

struct json_object;

/* One file of a host: its bytes (err 0), or why it could not be read
 * (-errno; -ENOENT: absent, -EFBIG: larger than the cap). */
struct fleet_file {
	const char *data;
	size_t len;
	int err;
};

struct fleet_files {
	struct fleet_file status, report, scan, accounts;
};

/* One host's entry of "hosts" from its files. name is the host's name
 * unless host-status.json gives one; dir its directory, for messages and
 * "dir"; f->*.data need not be NUL-terminated. The entry's "message" is
 * in English; note gets it in the user's language when the host was not
 * audited ("" when it was). NULL only when out of memory. */
struct json_object *fleet_host_parse(const char *name, const char *dir, const struct fleet_files *f,
                                     char *note, size_t notelen);

/* The same from the directory dir (its files opened without following
 * links, each at most max_file bytes), named after dir's last component. */
struct json_object *fleet_host_read(const char *dir, size_t max_file, char *note, size_t notelen);

/* The page for the fleet JSON text, with its file's SHA-256 and name
 * (a report_renderer). */
int fleet_html(FILE *out, const char *json, const char *json_sha256, const char *json_name,
               enum report_lang lang);

struct fleet_request {
	const char *const *dirs; /* host directories */
	size_t ndirs;
	size_t max_file;
	const char *json_path, *html_path; /* html_path may be NULL */
	enum report_lang lang;
	/* A host that was not audited, a name two directories give: one
	 * line in the user's language. */
	void (*warn)(void *ctx, const char *msg);
	void *warn_ctx;
};

enum fleet_stage {
	FLEET_DONE,
	FLEET_BAD_DIR, /* a HOSTDIR is not a directory: nothing written */
	FLEET_NO_MEMORY,
	FLEET_WRITE_FAILED,
};

struct fleet_outcome {
	enum fleet_stage stage;
	size_t hosts, audited, failed, unreachable;
	/* Something to look at: a host not audited, a finding, a failing
	 * verdict. */
	bool attention;
	char sha[65]; /* of the JSON file */
};

/* Read every host directory, merge, write the JSON and HTML files. */
void fleet_build(const struct fleet_request *rq, struct fleet_outcome *out, char *err,
                 size_t errlen);

#endif
