/* One host's results read, checked and summed into its entry of the fleet
 * report. Every file is outside input (fetched from a host that may have
 * been tampered with): each value read is checked for its type and
 * length, and the first problem makes the host "failed" with a message
 * naming the file and the line, offset or key. Only counts, names,
 * reasons, verdicts and, of a finding, its place, redacted form and
 * fingerprint are copied. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "report/fleet.h"
#include "report/report.h"
#include "rules/finding.h"
#include "fingerprint.h"
#include "i18n.h"
#include "safe_open.h"
#include "text_escape.h"
#include "textlines.h"

#define NSEV       (SEV_CRITICAL + 1)
#define LONG_MAX_  4096 /* paths, reasons, messages */
#define NAME_MAX_  256  /* host, account, rule names, redacted forms */
#define TOKEN_MAX  64   /* clauses, severities, fingerprints, times */
#define REASON_MAX 64   /* reasons of one account or verdict */

struct host {
	bool failed;
	char msg[1024];  /* the first problem, in English (the JSON's "message") */
	char note[1024]; /* the same in the user's language */
	char where[LONG_MAX_ + 64];
	const char *dir;
	/* report.json */
	json_object *info; /* hostname, os, credaudit_version, report_generated */
	json_object *verdicts;
	json_object *residual;
	bool complete;
	char root[LONG_MAX_ + 1]; /* the report's scope.root, to find scan paths in it */
	size_t rootlen;
	/* findings (report.json and scan.json, each once) */
	json_object *seen; /* rule, path, offset, fingerprint of the report's */
	int64_t findings, scan_findings, sev[NSEV];
	json_object *by_clause, *leaks;
	size_t leaks_unlisted;
	int64_t open_leaks; /* report.json's leaks.open; -1 when not assessed */
	char oldest_open[TOKEN_MAX + 1];
	json_object *scan; /* files, bytes, errors */
	int64_t scan_errors;
	/* accounts.json */
	int64_t accounts, cls[3];
	json_object *special;
	size_t special_unlisted;
};

static const char *const classes[3] = {"human", "system", "special"};
/* What the entry copies of report.json's header. */
static const char *const info_keys[4] = {"hostname", "os", "credaudit_version", "report_generated"};

/* The first problem of a host, in English for the JSON and in the
 * user's language for the note. fmt is an N_() message. */
static void fail(struct host *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct host *h, const char *fmt, ...)
{
	va_list ap;

	if (h->failed)
		return;
	h->failed = true;
	va_start(ap, fmt);
	vsnprintf(h->msg, sizeof h->msg, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	vsnprintf(h->note, sizeof h->note, _(fmt), ap);
	va_end(ap);
}

static void where(struct host *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void where(struct host *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(h->where, sizeof h->where, fmt, ap);
	va_end(ap);
}

/* A file's path for messages: DIR/NAME, escaped. */
static const char *file_name(const struct host *h, const char *name, char *buf, size_t len)
{
	char d[LONG_MAX_];

	snprintf(buf, len, "%s/%s", text_escape_buf(h->dir, d, sizeof d), name);
	return buf;
}

static void bad(struct host *h, const char *key, const char *type)
{
	fail(h,
	     N_("%s: \"%s\" is missing or is not a JSON %s within limits; the file is damaged "
	        "or was not written by credaudit"),
	     h->where, key, type);
}

static json_object *member(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (o == NULL || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

/* o[key] as a string of at most max bytes; NULL when absent or null
 * (a problem when required). */
static const char *str_at(struct host *h, json_object *o, const char *key, size_t max,
                          bool required)
{
	json_object *v = member(o, key);

	if (v == NULL) {
		if (required)
			bad(h, key, "string");
		return NULL;
	}
	if (!json_object_is_type(v, json_type_string) ||
	    (size_t)json_object_get_string_len(v) > max) {
		bad(h, key, "string");
		return NULL;
	}
	return json_object_get_string(v);
}

/* o[key] as an integer in [0, max]; -1 when absent or null and !required. */
static int64_t int_at(struct host *h, json_object *o, const char *key, int64_t max, bool required)
{
	json_object *v = member(o, key);
	int64_t n;

	if (v == NULL && !required)
		return -1;
	if (v == NULL || !json_object_is_type(v, json_type_int) ||
	    (n = json_object_get_int64(v)) < 0 || n > max) {
		bad(h, key, "integer");
		return -1;
	}
	return n;
}

static bool bool_at(struct host *h, json_object *o, const char *key, bool required, bool dflt)
{
	json_object *v = member(o, key);

	if (v == NULL && !required)
		return dflt;
	if (v == NULL || !json_object_is_type(v, json_type_boolean)) {
		bad(h, key, "boolean");
		return dflt;
	}
	return json_object_get_boolean(v);
}

static json_object *typed_at(struct host *h, json_object *o, const char *key, json_type t,
                             size_t max_items)
{
	json_object *v = member(o, key);

	if (v == NULL || !json_object_is_type(v, t) ||
	    (t == json_type_array && json_object_array_length(v) > max_items)) {
		bad(h, key, t == json_type_array ? "array" : "object");
		return NULL;
	}
	return v;
}

/* A file's problem before its content is read. */
static bool readable(struct host *h, const char *file, const struct fleet_file *f)
{
	const char *nul;

	if (h->failed)
		return false;
	switch (f->err) {
	case 0:
		break;
	case -ENOENT:
		fail(h, N_("%s: missing; fetch this host's results again (run the audit again)"),
		     file);
		return false;
	case -ELOOP:
		fail(h, N_("%s: a symbolic link; a host's results must be regular files"), file);
		return false;
	case -EFBIG:
		fail(h,
		     N_("%s: larger than --max-file-size allows; give a larger size if this "
		        "host's results are that large"),
		     file);
		return false;
	case -EINVAL:
		fail(h, N_("%s: not a regular file"), file);
		return false;
	default:
		fail(h, N_("%s: cannot read: %s"), file, strerror(-f->err));
		return false;
	}
	if (f->len > 0 && (nul = memchr(f->data, '\0', f->len)) != NULL) {
		fail(h, N_("%s: offset %zu: a NUL byte; this is not a JSON file"), file,
		     (size_t)(nul - f->data));
		return false;
	}
	if (f->len > INT_MAX) {
		fail(h,
		     N_("%s: larger than --max-file-size allows; give a larger size if this "
		        "host's results are that large"),
		     file);
		return false;
	}
	return true;
}

static unsigned line_of(const char *s, size_t off)
{
	unsigned n = 1;

	for (size_t i = 0; i < off; i++)
		n += s[i] == '\n';
	return n;
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* One JSON object in s[0..len): strict JSON, valid UTF-8, nothing after
 * it. line is s's line in the file (1 for a whole document, whose
 * problems are located by counting lines). NULL after fail(). */
static json_object *parse_object(struct host *h, const char *file, unsigned line, const char *s,
                                 size_t len)
{
	json_tokener *tok = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH);
	json_object *o;
	size_t end;

	if (tok == NULL) {
		fail(h, N_("%s: out of memory"), file);
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, s, (int)len);
	end = json_tokener_get_parse_end(tok);
	if (o == NULL && json_tokener_get_error(tok) == json_tokener_continue)
		fail(h,
		     N_("%s:%u: the JSON ends early (offset %zu): the file is truncated; fetch "
		        "this host's results again"),
		     file, line + line_of(s, len) - 1, len);
	else if (o == NULL)
		fail(h,
		     N_("%s:%u: offset %zu: %s; the file is damaged, fetch this host's results "
		        "again"),
		     file, line + line_of(s, end) - 1, end,
		     json_tokener_error_desc(json_tokener_get_error(tok)));
	else if (!blank(s + end, len - end))
		fail(h, N_("%s:%u: offset %zu: data after the end of the JSON object"), file,
		     line + line_of(s, end) - 1, end);
	else if (!json_object_is_type(o, json_type_object))
		fail(h, N_("%s:%u: not a JSON object"), file, line);
	json_tokener_free(tok);
	if (h->failed) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static int severity_of(const char *s)
{
	for (int i = 0; i < NSEV; i++)
		if (strcmp(s, severity_name((enum severity)i)) == 0)
			return i;
	return -1;
}

/* "***(N)" or "ab***(N)", as secret_redact() writes it. */
static bool redacted_valid(const char *s)
{
	const char *p = strstr(s, "***(");
	size_t lead = p != NULL ? (size_t)(p - s) : 0;

	if (p == NULL || lead > 2 || strlen(s) >= REDACTED_LEN)
		return false;
	for (size_t i = 0; i < lead; i++)
		if (s[i] < 0x21 || s[i] > 0x7e)
			return false;
	p += 4;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return strcmp(p, ")") == 0;
}

/* Count a finding under each clause it cites ("3(1)⑤ 2(4)"). */
static void count_clauses(struct host *h, const char *clause)
{
	char tok[TOKEN_MAX + 1];

	for (const char *p = clause; *p;) {
		size_t n = strcspn(p, " ");
		json_object *c;

		if (n > 0 && n <= TOKEN_MAX) {
			memcpy(tok, p, n);
			tok[n] = '\0';
			if (json_object_object_get_ex(h->by_clause, tok, &c))
				json_object_set_int64(c, json_object_get_int64(c) + 1);
			else if (json_object_object_length(h->by_clause) >= FLEET_CLAUSES_MAX)
				fail(h,
				     N_("%s: more than %d distinct clauses; the file is damaged"),
				     h->where, FLEET_CLAUSES_MAX);
			else
				json_object_object_add(h->by_clause, tok, json_object_new_int64(1));
		}
		p += n;
		p += *p == ' ';
	}
}

static void add_str(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v != NULL ? json_object_new_string(v) : NULL);
}

/* The copy of a confirmed leak: where, whose, which rule, and the
 * secret only redacted and fingerprinted. */
static json_object *leak_copy(const char *rule, const char *clause, const char *sev,
                              const char *path, int64_t line, int64_t off, const char *account,
                              const char *redacted, const char *fp)
{
	json_object *o = json_object_new_object(), *s = json_object_new_object();

	add_str(o, "rule", rule);
	add_str(o, "clause", clause);
	add_str(o, "severity", sev);
	add_str(o, "path", path);
	json_object_object_add(o, "line", line >= 0 ? json_object_new_int64(line) : NULL);
	json_object_object_add(o, "offset", json_object_new_int64(off));
	add_str(o, "account", account);
	json_object_object_add(o, "confirmed", json_object_new_boolean(1));
	add_str(s, "redacted", redacted);
	add_str(s, "fingerprint", fp);
	json_object_object_add(o, "secret", s);
	return o;
}

/* A finding of report.json (from_report) or scan.json. The scan's
 * findings the report already holds (same rule, place and fingerprint)
 * count once. */
static void finding(struct host *h, json_object *f, bool from_report)
{
	const char *rule = str_at(h, f, "rule", NAME_MAX_, true),
	           *clause = str_at(h, f, "clause", NAME_MAX_, true),
	           *sev = str_at(h, f, "severity", TOKEN_MAX, true),
	           *path = str_at(h, f, "path", LONG_MAX_, true),
	           *account = str_at(h, f, "account", NAME_MAX_, false);
	int64_t line = int_at(h, f, "line", INT64_MAX, false),
	        off = int_at(h, f, "offset", INT64_MAX, true);
	bool confirmed = bool_at(h, f, "confirmed", true, false);
	json_object *secret = typed_at(h, f, "secret", json_type_object, 0);
	const char *red = str_at(h, secret, "redacted", NAME_MAX_, true),
	           *fp = str_at(h, secret, "fingerprint", TOKEN_MAX, true), *in_root = path;
	char *key;
	int s;

	if (h->failed)
		return;
	/* what a host sends is checked, not trusted: a redacted form shows
	 * two characters at most */
	if (!redacted_valid(red) || !fingerprint_valid(fp)) {
		bad(h, "secret", "object {redacted, fingerprint} as credaudit writes it");
		return;
	}
	if ((s = severity_of(sev)) < 0) {
		char e[TOKEN_MAX * 4 + 1];
		fail(h,
		     N_("%s: unknown severity \"%s\"; audit every host with the same credaudit "
		        "version"),
		     h->where, text_escape_buf(sev, e, sizeof e));
		return;
	}
	/* The report's paths are inside its root; the scan's are as given. */
	if (!from_report && h->rootlen > 0 && strncmp(path, h->root, h->rootlen) == 0 &&
	    path[h->rootlen] == '/')
		in_root = path + h->rootlen;
	if (asprintf(&key, "%s\x1f%s\x1f%lld\x1f%s", rule, in_root, (long long)off, fp) < 0) {
		fail(h, N_("%s: out of memory"), h->where);
		return;
	}
	if (!from_report)
		h->scan_findings++;
	if (from_report)
		json_object_object_add(h->seen, key, NULL);
	else if (json_object_object_get_ex(h->seen, key, NULL)) {
		free(key);
		return;
	}
	free(key);
	h->findings++;
	h->sev[s]++;
	count_clauses(h, clause);
	if (!confirmed)
		return;
	if (json_object_array_length(h->leaks) < FLEET_LIST_MAX)
		json_object_array_add(
		        h->leaks, leak_copy(rule, clause, sev, path, line, off, account, red, fp));
	else
		h->leaks_unlisted++;
}

/* One verdict {clause, verdict, reasons [{ja, en}]}, copied. */
static void verdict(struct host *h, json_object *v)
{
	const char *clause = str_at(h, v, "clause", TOKEN_MAX, true),
	           *vd = str_at(h, v, "verdict", TOKEN_MAX, true);
	json_object *r = typed_at(h, v, "reasons", json_type_array, REASON_MAX), *o, *rs;

	if (h->failed)
		return;
	if (strcmp(vd, "pass") != 0 && strcmp(vd, "fail") != 0 && strcmp(vd, "not_assessed") != 0) {
		bad(h, "verdict", "string");
		return;
	}
	o = json_object_new_object();
	rs = json_object_new_array();
	add_str(o, "clause", clause);
	add_str(o, "verdict", vd);
	for (size_t i = 0; i < json_object_array_length(r) && !h->failed; i++) {
		json_object *x = json_object_array_get_idx(r, i), *y = json_object_new_object();
		add_str(y, "ja", str_at(h, x, "ja", LONG_MAX_, true));
		add_str(y, "en", str_at(h, x, "en", LONG_MAX_, true));
		json_object_array_add(rs, y);
	}
	json_object_object_add(o, "reasons", rs);
	json_object_array_add(h->verdicts, o);
}

static void report_header(struct host *h, json_object *d)
{
	const char *schema = str_at(h, d, "schema", TOKEN_MAX, true), *root;
	json_object *host = typed_at(h, d, "host", json_type_object, 0),
	            *scope = typed_at(h, d, "scope", json_type_object, 0);

	if (h->failed)
		return;
	if (strcmp(schema, REPORT_SCHEMA) != 0) {
		fail(h, N_("%s: not a disposal report (\"schema\" is not %s)"), h->where,
		     REPORT_SCHEMA);
		return;
	}
	add_str(h->info, "hostname", str_at(h, host, "hostname", NAME_MAX_, true));
	add_str(h->info, "os", str_at(h, host, "os", NAME_MAX_, true));
	add_str(h->info, "credaudit_version",
	        str_at(h, member(d, "tool"), "version", TOKEN_MAX, true));
	add_str(h->info, "report_generated", str_at(h, d, "generated", TOKEN_MAX, true));
	h->complete = bool_at(h, scope, "complete", false, true);
	root = str_at(h, scope, "root", LONG_MAX_, false);
	snprintf(h->root, sizeof h->root, "%s", root != NULL ? root : "");
	h->rootlen = strlen(h->root);
	while (h->rootlen > 0 && h->root[h->rootlen - 1] == '/')
		h->rootlen--; /* "/" and "/mnt/img/" hold paths as they are */
}

/* report.json's "leaks" (the ledger's open events, clause 3(1)④): absent
 * in reports of older credaudit versions, and not assessed without a
 * ledger, when the count stays unknown (-1). */
static void open_leaks(struct host *h, json_object *leaks)
{
	const char *oldest;

	h->open_leaks = -1;
	if (leaks == NULL || !bool_at(h, leaks, "assessed", true, false))
		return;
	h->open_leaks = int_at(h, leaks, "open", INT64_MAX, true);
	oldest = str_at(h, leaks, "oldest_open", TOKEN_MAX, false);
	snprintf(h->oldest_open, sizeof h->oldest_open, "%s", oldest != NULL ? oldest : "");
}

static void read_report(struct host *h, const struct fleet_file *f)
{
	char file[LONG_MAX_ + 64];
	json_object *d, *res, *sum, *items, *v;

	file_name(h, FLEET_REPORT_FILE, file, sizeof file);
	if (!readable(h, file, f) || (d = parse_object(h, file, 1, f->data, f->len)) == NULL)
		return;
	where(h, "%s", file);
	report_header(h, d);
	res = typed_at(h, d, "residual_credentials", json_type_object, 0);
	sum = typed_at(h, res, "summary", json_type_object, 0);
	items = typed_at(h, res, "items", json_type_array, SIZE_MAX);
	v = typed_at(h, d, "verdicts", json_type_array, FLEET_VERDICTS_MAX);
	open_leaks(h, member(d, "leaks"));
	if (!h->failed) {
		h->residual = json_object_new_object();
		json_object_object_add(
		        h->residual, "total",
		        json_object_new_int64(int_at(h, sum, "total", INT64_MAX, true)));
		json_object_object_add(
		        h->residual, "in_backups",
		        json_object_new_int64(int_at(h, sum, "in_backups", INT64_MAX, true)));
		json_object_object_add(
		        h->residual, "confirmed",
		        json_object_new_int64(int_at(h, sum, "confirmed", INT64_MAX, true)));
	}
	for (size_t i = 0; !h->failed && i < json_object_array_length(items); i++) {
		where(h, "%s: residual_credentials.items[%zu]", file, i);
		finding(h, json_object_array_get_idx(items, i), true);
	}
	for (size_t i = 0; !h->failed && i < json_object_array_length(v); i++) {
		where(h, "%s: verdicts[%zu]", file, i);
		verdict(h, json_object_array_get_idx(v, i));
	}
	json_object_put(d);
}

/* Each line of a JSON lines file to fn, with h->where at "FILE:LINE".
 * Returns the number of lines. */
static size_t each_line(struct host *h, const char *file, const struct fleet_file *f,
                        void (*fn)(struct host *, json_object *, void *), void *arg)
{
	struct line_iter it;
	const char *s;
	size_t len, n = 0;

	line_iter_init(&it, f->data, f->len);
	while (!h->failed && line_next(&it, &s, &len)) {
		json_object *o;

		if (blank(s, len))
			continue;
		if ((o = parse_object(h, file, it.lineno, s, len)) == NULL)
			break;
		where(h, "%s:%u", file, it.lineno);
		n++;
		fn(h, o, arg);
		json_object_put(o);
	}
	return n;
}

static void account_line(struct host *h, json_object *a, void *arg)
{
	const char *name = str_at(h, a, "account", NAME_MAX_, true),
	           *cls = str_at(h, a, "class", TOKEN_MAX, true);
	int64_t uid = int_at(h, a, "uid", UINT32_MAX, true);
	json_object *reasons = typed_at(h, a, "reasons", json_type_array, REASON_MAX),
	            *creds = typed_at(h, a, "credentials", json_type_array, SIZE_MAX), *o, *r;
	int c;

	for (size_t i = 0; !h->failed && i < json_object_array_length(reasons); i++)
		if (!json_object_is_type(json_object_array_get_idx(reasons, i), json_type_string) ||
		    json_object_get_string_len(json_object_array_get_idx(reasons, i)) > TOKEN_MAX)
			bad(h, "reasons", "array of short strings");
	if (h->failed)
		return;
	for (c = 0; c < 3 && strcmp(cls, classes[c]) != 0; c++)
		;
	if (c == 3) {
		bad(h, "class", "string");
		return;
	}
	h->accounts++;
	h->cls[c]++;
	if (c != 2)
		return;
	if (json_object_array_length(h->special) >= FLEET_LIST_MAX) {
		h->special_unlisted++;
		return;
	}
	o = json_object_new_object();
	r = json_object_new_array();
	add_str(o, "account", name);
	json_object_object_add(o, "uid", json_object_new_int64(uid));
	for (size_t i = 0; i < json_object_array_length(reasons); i++)
		json_object_array_add(r, json_object_new_string(json_object_get_string(
		                                 json_object_array_get_idx(reasons, i))));
	json_object_object_add(o, "reasons", r);
	json_object_object_add(o, "credentials",
	                       json_object_new_int64((int64_t)json_object_array_length(creds)));
	json_object_array_add(h->special, o);
}

static void read_accounts(struct host *h, const struct fleet_file *f)
{
	char file[LONG_MAX_ + 64];

	file_name(h, FLEET_ACCOUNTS_FILE, file, sizeof file);
	if (!readable(h, file, f))
		return;
	if (each_line(h, file, f, account_line, NULL) == 0 && !h->failed)
		fail(h, N_("%s: no account in it; the inventory did not run on this host"), file);
}

struct scan_state {
	bool coverage;
	int64_t counted; /* the coverage line's "findings" */
};

static void scan_line(struct host *h, json_object *o, void *arg)
{
	struct scan_state *st = arg;
	json_object *cov = member(o, "coverage"), *errors;
	int64_t n = 0;

	if (st->coverage) {
		fail(h, N_("%s: a line after the coverage line, which ends the scan's output"),
		     h->where);
		return;
	}
	if (cov == NULL) {
		finding(h, o, false);
		return;
	}
	st->coverage = true;
	st->counted = int_at(h, cov, "findings", INT64_MAX, true);
	errors = typed_at(h, cov, "errors", json_type_object, 0);
	if (h->failed)
		return;
	json_object_object_foreach(errors, k, v)
	{
		(void)k;
		if (!json_object_is_type(v, json_type_int) || json_object_get_int64(v) < 0) {
			bad(h, "errors", "object of counts");
			return;
		}
		n += json_object_get_int64(v);
	}
	h->scan = json_object_new_object();
	json_object_object_add(h->scan, "files",
	                       json_object_new_int64(int_at(h, cov, "files", INT64_MAX, true)));
	json_object_object_add(h->scan, "bytes",
	                       json_object_new_int64(int_at(h, cov, "bytes", INT64_MAX, true)));
	json_object_object_add(h->scan, "errors", json_object_new_int64(n));
	h->scan_errors = n;
}

static void read_scan(struct host *h, const struct fleet_file *f)
{
	struct scan_state st = {0};
	char file[LONG_MAX_ + 64];
	size_t lines;

	file_name(h, FLEET_SCAN_FILE, file, sizeof file);
	if (!readable(h, file, f))
		return;
	lines = each_line(h, file, f, scan_line, &st);
	if (h->failed)
		return;
	if (!st.coverage)
		fail(h,
		     N_("%s: no coverage line at the end: the scan was cut short or the file is "
		        "truncated; run the audit again for this host"),
		     file);
	else if ((int64_t)lines - 1 != st.counted)
		fail(h,
		     N_("%s: %zu findings, but its coverage line counts %lld: the file is "
		        "incomplete; run the audit again for this host"),
		     file, lines - 1, (long long)st.counted);
}

/* What host-status.json says. */
struct status {
	const char *status; /* "ok", "unreachable" or "failed" */
	char name[NAME_MAX_ * 4 + 1];
	char message[1024];
	char started[TOKEN_MAX + 1];
	double duration; /* < 0: not given */
};

static void read_status(struct host *h, const struct fleet_file *f, struct status *st)
{
	static const char *const states[] = {"ok", "unreachable", "failed"};
	char file[LONG_MAX_ + 64];
	const char *name, *s, *msg, *started;
	json_object *d, *dur;

	if (f->err == -ENOENT)
		return; /* the status follows from the files */
	file_name(h, FLEET_STATUS_FILE, file, sizeof file);
	if (!readable(h, file, f) || (d = parse_object(h, file, 1, f->data, f->len)) == NULL)
		return;
	where(h, "%s", file);
	name = str_at(h, d, "host", NAME_MAX_, false);
	s = str_at(h, d, "status", TOKEN_MAX, true);
	msg = str_at(h, d, "message", SIZE_MAX, false);
	started = str_at(h, d, "started", TOKEN_MAX, false);
	dur = member(d, "duration_s");
	if (dur != NULL && ((!json_object_is_type(dur, json_type_double) &&
	                     !json_object_is_type(dur, json_type_int)) ||
	                    !(json_object_get_double(dur) >= 0)))
		bad(h, "duration_s", "number");
	for (size_t i = 0; !h->failed && i < sizeof states / sizeof *states; i++)
		if (strcmp(s, states[i]) == 0)
			st->status = states[i];
	if (!h->failed && st->status == NULL)
		bad(h, "status", "string (ok, unreachable or failed)");
	if (!h->failed) {
		if (name != NULL && *name)
			text_escape_buf(name, st->name, sizeof st->name);
		if (msg != NULL)
			text_escape_buf(msg, st->message, sizeof st->message);
		if (started != NULL)
			snprintf(st->started, sizeof st->started, "%s", started);
		st->duration = dur != NULL ? json_object_get_double(dur) : -1;
	}
	json_object_put(d);
}

static json_object *counts(const int64_t *v, const char *const *names, size_t n)
{
	json_object *o = json_object_new_object();

	for (size_t i = 0; i < n; i++)
		json_object_object_add(o, names[i], json_object_new_int64(v[i]));
	return o;
}

static json_object *int_or_null(bool ok, int64_t v)
{
	return ok ? json_object_new_int64(v) : NULL;
}

static json_object *own(bool ok, json_object *o)
{
	if (ok)
		return json_object_get(o);
	return NULL;
}

/* The host's entry (doc/fleet-report.md); what was read of a host that
 * is not audited is left out, its counts null. */
static json_object *entry(struct host *h, const char *name, const char *status, const char *message,
                          const struct status *st)
{
	json_object *o = json_object_new_object();
	bool ok = strcmp(status, "ok") == 0;
	int64_t sev[NSEV];
	const char *sev_names[NSEV];

	for (int i = 0; i < NSEV; i++) {
		sev[i] = h->sev[SEV_CRITICAL - i]; /* the worst first */
		sev_names[i] = severity_name((enum severity)(SEV_CRITICAL - i));
	}
	text_json_add_name(o, "host", name);
	text_json_add_name(o, "dir", h->dir);
	add_str(o, "status", status);
	add_str(o, "message", message != NULL && *message ? message : NULL);
	add_str(o, "started", st->started[0] ? st->started : NULL);
	json_object_object_add(o, "duration_s",
	                       st->duration >= 0 ? json_object_new_double(st->duration) : NULL);
	for (size_t i = 0; i < sizeof info_keys / sizeof *info_keys; i++)
		json_object_object_add(o, info_keys[i],
		                       ok ? json_object_get(member(h->info, info_keys[i])) : NULL);
	json_object_object_add(o, "complete",
	                       ok ? json_object_new_boolean(h->complete && h->scan_errors == 0)
	                          : NULL);
	json_object_object_add(o, "findings", int_or_null(ok, h->findings));
	json_object_object_add(o, "findings_by_severity", ok ? counts(sev, sev_names, NSEV) : NULL);
	json_object_object_add(o, "findings_by_clause", own(ok, h->by_clause));
	json_object_object_add(o, "scan_findings", int_or_null(ok, h->scan_findings));
	json_object_object_add(o, "scan", own(ok, h->scan));
	json_object_object_add(o, "residual_credentials", own(ok, h->residual));
	json_object_object_add(o, "accounts", int_or_null(ok, h->accounts));
	json_object_object_add(o, "accounts_by_class", ok ? counts(h->cls, classes, 3) : NULL);
	json_object_object_add(o, "special_accounts",
	                       ok ? json_object_get(h->special) : json_object_new_array());
	json_object_object_add(o, "special_accounts_unlisted",
	                       json_object_new_int64(ok ? (int64_t)h->special_unlisted : 0));
	json_object_object_add(o, "confirmed_leaks",
	                       ok ? json_object_get(h->leaks) : json_object_new_array());
	json_object_object_add(o, "confirmed_leaks_unlisted",
	                       json_object_new_int64(ok ? (int64_t)h->leaks_unlisted : 0));
	json_object_object_add(o, "open_leaks",
	                       int_or_null(ok && h->open_leaks >= 0, h->open_leaks));
	add_str(o, "oldest_open_leak", ok && h->oldest_open[0] ? h->oldest_open : NULL);
	json_object_object_add(o, "verdicts",
	                       ok ? json_object_get(h->verdicts) : json_object_new_array());
	return o;
}

json_object *fleet_host_parse(const char *name, const char *dir, const struct fleet_files *f,
                              char *note, size_t notelen)
{
	struct status st = {.duration = -1};
	struct host h;
	const char *status, *message;
	char shown[NAME_MAX_ * 4 + 1];
	json_object *o;

	memset(&h, 0, sizeof h);
	h.dir = dir;
	h.complete = true;
	h.info = json_object_new_object();
	h.verdicts = json_object_new_array();
	h.seen = json_object_new_object();
	h.by_clause = json_object_new_object();
	h.leaks = json_object_new_array();
	h.special = json_object_new_array();
	st.status = f->status.err == -ENOENT ? "ok" : NULL;
	read_status(&h, &f->status, &st);
	if (!h.failed && strcmp(st.status, "ok") == 0) {
		read_report(&h, &f->report);
		read_accounts(&h, &f->accounts);
		read_scan(&h, &f->scan);
	}
	if (st.name[0])
		name = st.name;
	status = h.failed ? "failed" : st.status;
	message = h.failed ? h.msg : st.message;
	text_escape_buf(name, shown, sizeof shown);
	if (h.failed)
		snprintf(note, notelen, _("%s: not audited: %s"), shown, h.note);
	else if (strcmp(status, "unreachable") == 0)
		snprintf(note, notelen, _("%s: unreachable: %s"), shown, message);
	else if (strcmp(status, "failed") == 0)
		snprintf(note, notelen, _("%s: the audit failed on the host: %s"), shown, message);
	else if (notelen > 0)
		note[0] = '\0';
	o = entry(&h, name, status, message, &st);
	json_object_put(h.info);
	json_object_put(h.verdicts);
	json_object_put(h.seen);
	json_object_put(h.by_clause);
	json_object_put(h.leaks);
	json_object_put(h.special);
	json_object_put(h.residual);
	json_object_put(h.scan);
	return o;
}

json_object *fleet_host_read(const char *dir, size_t max_file, char *note, size_t notelen)
{
	static const char *const names[4] = {FLEET_STATUS_FILE, FLEET_REPORT_FILE, FLEET_SCAN_FILE,
	                                     FLEET_ACCOUNTS_FILE};
	struct fleet_files f;
	struct fleet_file *slot[4] = {&f.status, &f.report, &f.scan, &f.accounts};
	char *buf[4] = {NULL, NULL, NULL, NULL}, path[PATH_MAX], *name, *base;
	size_t n = strlen(dir);
	json_object *o;

	memset(&f, 0, sizeof f);
	for (int i = 0; i < 4; i++) {
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path) {
			slot[i]->err = -ENAMETOOLONG;
			continue;
		}
		slot[i]->err = safe_read_file(path, 0, i == 0 ? FLEET_STATUS_MAX : max_file,
		                              &buf[i], &slot[i]->len);
		slot[i]->data = buf[i];
	}
	/* the host is named after the directory: results/web1/ is web1 */
	while (n > 1 && dir[n - 1] == '/')
		n--;
	name = strndup(dir, n);
	base = name != NULL && strrchr(name, '/') != NULL && strrchr(name, '/')[1]
	               ? strrchr(name, '/') + 1
	               : name;
	o = base != NULL ? fleet_host_parse(base, dir, &f, note, notelen) : NULL;
	free(name);
	for (int i = 0; i < 4; i++)
		free(buf[i]);
	return o;
}
