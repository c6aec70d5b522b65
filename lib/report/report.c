/* The disposal report as JSON; verdicts per clause. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <nettle/sha2.h>

#include "events/leak_state.h"
#include "report/report.h"
#include "atomic_file.h"
#include "text_escape.h"
#include "timefmt.h"

static void add_str(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v) : NULL);
}

/* "key=value" lines of the root's os-release, e.g. PRETTY_NAME. */
static void os_release(struct accounts_db *db, char *out, size_t len)
{
	char *buf, *p;
	size_t n;

	snprintf(out, len, "unknown");
	if (db == NULL ||
	    (rootfs_read(&db->root, "/etc/os-release", 65536, &buf, &n, NULL) != 0 &&
	     rootfs_read(&db->root, "/usr/lib/os-release", 65536, &buf, &n, NULL) != 0))
		return;
	for (p = buf; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, "PRETTY_NAME=", 12) == 0) {
			size_t l = strcspn(p + 12, "\n");
			char *v = p + 12;
			if (l >= 2 && v[0] == '"' && v[l - 1] == '"') {
				v++;
				l -= 2;
			}
			snprintf(out, len, "%.*s", (int)l, v);
			break;
		}
	}
	free(buf);
}

static void host_name(struct accounts_db *db, const char *root, char *out, size_t len)
{
	char *buf;
	size_t n;

	/* an audited image names itself; the live system is the auditor's host */
	if (db != NULL && root != NULL && strcmp(root, "/") != 0 &&
	    rootfs_read(&db->root, "/etc/hostname", 4096, &buf, &n, NULL) == 0) {
		snprintf(out, len, "%.*s", (int)strcspn(buf, "\r\n"), buf);
		free(buf);
		if (out[0])
			return;
	}
	if (gethostname(out, len) != 0)
		snprintf(out, len, "unknown");
	out[len - 1] = '\0';
}

static json_object *reason(const char *ja, const char *en)
{
	json_object *o = json_object_new_object();
	add_str(o, "ja", ja);
	add_str(o, "en", en);
	return o;
}

static json_object *verdict(const char *clause, const char *v, json_object *reasons)
{
	json_object *o = json_object_new_object();
	add_str(o, "clause", clause);
	add_str(o, "verdict", v);
	json_object_object_add(o, "reasons", reasons);
	return o;
}

static json_object *finding_json(const struct found_cred *f)
{
	json_object *o = json_object_new_object(), *s = json_object_new_object();

	add_str(o, "rule", f->rule);
	add_str(o, "category", f->category);
	add_str(o, "clause", f->clause);
	add_str(o, "severity", severity_name(f->severity));
	text_json_add_name(o, "path", f->path); /* + path_bytes when not UTF-8 */
	json_object_object_add(o, "line", f->line > 0 ? json_object_new_int64(f->line) : NULL);
	json_object_object_add(o, "offset", json_object_new_int64((int64_t)f->offset));
	add_str(o, "account", f->account);
	json_object_object_add(o, "confirmed", json_object_new_boolean(f->confirmed));
	json_object_object_add(o, "backup", json_object_new_boolean(f->backup));
	add_str(s, "redacted", f->redacted);
	add_str(s, "fingerprint", f->fingerprint);
	json_object_object_add(o, "secret", s);
	return o;
}

static bool in_device_range(const struct report_input *in, size_t i)
{
	for (size_t d = 0; d < in->ndev; d++)
		if (i >= in->dev[d].first_finding &&
		    i < in->dev[d].first_finding + in->dev[d].nfindings)
			return true;
	return false;
}

static json_object *device_json(const struct report_input *in, const struct report_device *d)
{
	json_object *o = json_object_new_object(), *l = json_object_new_object(),
	            *w = json_object_new_object(), *slots = json_object_new_array(),
	            *sig = json_object_new_array();

	add_str(o, "path", d->path);
	json_object_object_add(o, "size_bytes", json_object_new_int64((int64_t)d->wipe.size));
	json_object_object_add(l, "header", json_object_new_boolean(d->luks.header));
	json_object_object_add(l, "magic_without_header",
	                       json_object_new_boolean(d->luks.magic_only));
	add_str(l, "type", d->luks.header ? d->luks.type : NULL);
	add_str(l, "uuid", d->luks.header ? d->luks.uuid : NULL);
	json_object_object_add(l, "keyslots_total",
	                       json_object_new_int(d->luks.header ? d->luks.nslots : 0));
	json_object_object_add(l, "keyslots_active", json_object_new_int(d->luks.active));
	for (int i = 0; d->luks.header && i < d->luks.nslots; i++) {
		json_object *s;
		if (d->luks.slots[i] == SLOT_INACTIVE || d->luks.slots[i] == SLOT_INVALID)
			continue; /* list the slots that hold something */
		s = json_object_new_object();
		json_object_object_add(s, "slot", json_object_new_int(i));
		add_str(s, "status", slot_state_name(d->luks.slots[i]));
		json_object_array_add(slots, s);
	}
	json_object_object_add(l, "keyslots", slots);
	json_object_object_add(o, "luks", l);
	json_object_object_add(w, "block_size", json_object_new_int((int)d->wipe.block_size));
	json_object_object_add(w, "samples", json_object_new_int((int)d->wipe.samples));
	json_object_object_add(w, "nonzero_blocks", json_object_new_int((int)d->wipe.nonzero));
	json_object_object_add(w, "nonzero_share", json_object_new_double(d->wipe.nonzero_share));
	json_object_object_add(w, "entropy_bits_per_byte", json_object_new_double(d->wipe.entropy));
	json_object_object_add(w, "full_scan", json_object_new_boolean(d->full_scan));
	for (size_t i = 0; in->scan && i < d->nfindings; i++)
		json_object_array_add(sig, finding_json(&in->scan->v[d->first_finding + i]));
	json_object_object_add(w, "signatures", sig);
	json_object_object_add(o, "wipe_check", w);
	add_str(o, "state", d->error[0] ? "error" : device_state(&d->luks, &d->wipe));
	add_str(o, "error", d->error[0] ? d->error : NULL);
	return o;
}

static const char *state_ja(const char *s)
{
	return strcmp(s, "crypto_erased") == 0
	               ? "暗号消去済み（LUKS ヘッダーは残るが有効な鍵スロットなし）"
	       : strcmp(s, "key_slots_active") == 0 ? "有効な鍵スロットが残っている"
	       : strcmp(s, "zeroed") == 0           ? "抽出したブロックはすべてゼロ"
	       : strcmp(s, "random_data") == 0
	               ? "ヘッダーなしの乱数状データ（ヘッダー破壊またはランダム上書きと整合）"
	       : strcmp(s, "data_remains") == 0 ? "データが残っている"
	                                        : "読み取れない";
}

static const char *state_en(const char *s)
{
	return strcmp(s, "crypto_erased") == 0
	               ? "crypto-erased (LUKS header left, no active key slot)"
	       : strcmp(s, "key_slots_active") == 0 ? "key slots still active"
	       : strcmp(s, "zeroed") == 0           ? "every sampled block is zero"
	       : strcmp(s, "random_data") == 0 ? "random-looking data without a header (consistent "
	                                         "with a destroyed header or a random overwrite)"
	       : strcmp(s, "data_remains") == 0 ? "data remains"
	                                        : "could not be read";
}

/* The open leak events of the system reported on (this host, or --root's)
 * and the oldest one's age, as a reason in r (4(3) and 4(4)). Returns how
 * many are open. */
static size_t leak_reason(const struct report_input *in, json_object *r)
{
	char ja[256], en[256];
	time_t oldest;
	size_t n;

	if (in->leaks == NULL)
		return 0;
	n = leak_open_count(in->leaks, in->root, NULL, &oldest);
	if (n == 0) {
		json_object_array_add(r, reason("未対応の漏えいイベントなし（漏えい台帳）",
		                                "no open leak events (leak ledger)"));
		return 0;
	}
	snprintf(ja, sizeof ja,
	         "未対応の漏えいイベント %zu 件、最も古いものは %lld 日前（credpolicy leak list "
	         "--open）",
	         n, (long long)(time(NULL) - oldest) / 86400);
	snprintf(en, sizeof en,
	         "%zu open leak events, the oldest %lld days old (credpolicy leak list --open)", n,
	         (long long)(time(NULL) - oldest) / 86400);
	json_object_array_add(r, reason(ja, en));
	return n;
}

/* "leaks": the open events of the system reported on, for tools that
 * total them (credaudit fleet-report). */
static json_object *leaks_json(const struct report_input *in)
{
	json_object *o = json_object_new_object();
	time_t oldest = 0;
	size_t n = 0;
	char when[40];

	if (in->leaks != NULL)
		n = leak_open_count(in->leaks, in->root, NULL, &oldest);
	json_object_object_add(o, "assessed", json_object_new_boolean(in->leaks != NULL));
	json_object_object_add(o, "open", json_object_new_int64((int64_t)n));
	json_object_object_add(o, "oldest_open",
	                       n > 0 && rfc3339_format(oldest, when, sizeof when) == 0
	                               ? json_object_new_string(when)
	                               : NULL);
	return o;
}

static json_object *verdicts(const struct report_input *in, size_t residual, size_t backups,
                             size_t confirmed)
{
	json_object *all = json_object_new_array(), *r;
	char ja[1024], en[1024];
	bool ok = true, assessed = false;
	size_t dev_errors = 0, open_leaks = 0;

	/* 4(1): everything, backups included, erased; crypto-erase where possible */
	r = json_object_new_array();
	for (size_t d = 0; d < in->ndev; d++) {
		const struct report_device *dv = &in->dev[d];
		const char *st = dv->error[0] ? "error" : device_state(&dv->luks, &dv->wipe);
		bool dok = !dv->error[0] && device_state_ok(st) && dv->nfindings == 0;

		assessed = true;
		ok = ok && dok;
		dev_errors += dv->error[0] != 0;
		snprintf(ja, sizeof ja, "%s: %s（非ゼロブロック %u/%u、資格情報の痕跡 %zu 件）",
		         dv->path, state_ja(st), dv->wipe.nonzero, dv->wipe.samples, dv->nfindings);
		snprintf(en, sizeof en,
		         "%s: %s (%u/%u sampled blocks non-zero, %zu credential signatures)",
		         dv->path, state_en(st), dv->wipe.nonzero, dv->wipe.samples, dv->nfindings);
		json_object_array_add(r, reason(ja, en));
	}
	if (in->scan != NULL && in->db != NULL) {
		assessed = true;
		ok = ok && residual == 0;
		snprintf(ja, sizeof ja, "%s に残存する資格情報 %zu 件（うちバックアップ内 %zu 件）",
		         in->root, residual, backups);
		snprintf(en, sizeof en, "%zu residual credentials under %s (%zu in backups)",
		         residual, in->root, backups);
		json_object_array_add(r, reason(ja, en));
	}
	json_object_array_add(all, verdict("4(1)",
	                                   !assessed ? "not_assessed"
	                                   : ok      ? "pass"
	                                             : "fail",
	                                   r));

	/* 4(3): this report is the disposal report */
	r = json_object_new_array();
	snprintf(ja, sizeof ja,
	         "本報告書が消去の報告書である（%s 作成、JSON の SHA-256 を HTML に記載）",
	         in->generated);
	snprintf(en, sizeof en,
	         "This report is the disposal report (generated %s; the HTML carries the JSON's "
	         "SHA-256)",
	         in->generated);
	json_object_array_add(r, reason(ja, en));
	if (dev_errors > 0) {
		snprintf(ja, sizeof ja, "%zu 台のデバイスが読み取れず、報告は不完全", dev_errors);
		snprintf(en, sizeof en, "%zu device(s) could not be read: the report is incomplete",
		         dev_errors);
		json_object_array_add(r, reason(ja, en));
	}
	open_leaks = leak_reason(in, r);
	if (in->db != NULL && in->db->incomplete) {
		size_t unread = 0;

		for (size_t i = 0; i < in->db->nsrc; i++)
			unread += in->db->src[i].kind == SRC_UNREADABLE;
		snprintf(ja, sizeof ja,
		         "アカウントの情報源 %zu "
		         "件が読み取れず、監査は不完全（アカウントの指摘を参照）",
		         unread);
		snprintf(
		        en, sizeof en,
		        "%zu account source(s) could not be read: the audit is incomplete (see the "
		        "account findings)",
		        unread);
		json_object_array_add(r, reason(ja, en));
	}
	json_object_array_add(
	        all,
	        verdict("4(3)", dev_errors || (in->db && in->db->incomplete) ? "fail" : "pass", r));

	/* 4(4): special accounts disposable together with their credentials */
	r = json_object_new_array();
	if (in->db == NULL) {
		json_object_array_add(r, reason("ルートファイルシステムを指定していないため未評価",
		                                "not assessed: no root file system was given"));
		json_object_array_add(all, verdict("4(4)", "not_assessed", r));
		return all;
	}
	{
		size_t special = 0, with_creds = 0, used = 0;
		char names[512] = "";

		for (size_t i = 0; i < in->db->n; i++) {
			const struct account *a = &in->db->v[i];
			if (a->cls != ACCT_SPECIAL)
				continue;
			special++;
			if (a->ncreds == 0)
				continue;
			with_creds++;
			if (used < sizeof names - 40) {
				int k = snprintf(names + used, sizeof names - used, "%s%s",
				                 used ? ", " : "", a->name);
				used += k > 0 ? (size_t)k : 0;
			}
		}
		snprintf(ja, sizeof ja,
		         "特別なアカウント %zu 件、うち資格情報が残るもの %zu 件%s%s%s", special,
		         with_creds, with_creds ? "（" : "", names, with_creds ? "）" : "");
		snprintf(en, sizeof en, "%zu special accounts, %zu still holding credentials%s%s%s",
		         special, with_creds, with_creds ? " (" : "", names, with_creds ? ")" : "");
		json_object_array_add(r, reason(ja, en));
		if (open_leaks > 0)
			(void)leak_reason(in, r);
		if (confirmed > 0) {
			snprintf(ja, sizeof ja,
			         "保存されたパスワードで実際にログインできるもの %zu "
			         "件（確認済み漏えい）",
			         confirmed);
			snprintf(en, sizeof en,
			         "%zu stored passwords open their account (confirmed leaks)",
			         confirmed);
			json_object_array_add(r, reason(ja, en));
		}
		json_object_array_add(
		        all, verdict("4(4)",
		                     with_creds == 0 && confirmed == 0 && open_leaks == 0 ? "pass"
		                                                                          : "fail",
		                     r));
	}
	return all;
}

char *report_json(const struct report_input *in)
{
	json_object *o = json_object_new_object(), *t = json_object_new_object(),
	            *h = json_object_new_object(), *sc = json_object_new_object(),
	            *acc = json_object_new_object(), *res = json_object_new_object(),
	            *devs = json_object_new_array(), *msgs = json_object_new_array(), *x;
	size_t counts[3] = {0, 0, 0}, residual = 0, backups = 0, confirmed = 0;
	char host[256], os[256];
	char *out;

	add_str(o, "schema", REPORT_SCHEMA);
	add_str(t, "name", "credaudit");
	add_str(t, "version", in->version);
	json_object_object_add(o, "tool", t);
	add_str(o, "generated", in->generated);
	host_name(in->db, in->root, host, sizeof host);
	os_release(in->db, os, sizeof os);
	add_str(h, "hostname", host);
	add_str(h, "os", os);
	json_object_object_add(o, "host", h);

	add_str(sc, "root", in->root);
	x = json_object_new_array();
	for (size_t d = 0; d < in->ndev; d++)
		json_object_array_add(x, json_object_new_string(in->dev[d].path));
	json_object_object_add(sc, "devices", x);
	json_object_object_add(sc, "credential_scan", json_object_new_boolean(in->scan != NULL));
	json_object_object_add(sc, "complete",
	                       json_object_new_boolean(in->db == NULL || !in->db->incomplete));
	if (in->scan != NULL) {
		json_object_object_add(sc, "files_scanned",
		                       json_object_new_int64((int64_t)in->scan->files));
		json_object_object_add(sc, "bytes_scanned",
		                       json_object_new_int64((int64_t)in->scan->bytes));
		json_object_object_add(sc, "archives_scanned",
		                       json_object_new_int64((int64_t)in->scan->archives));
		json_object_object_add(sc, "crypt_calls",
		                       json_object_new_int64(in->scan->budget.calls));
		json_object_object_add(sc, "crypt_skipped",
		                       json_object_new_int64(in->scan->budget.skipped));
	}
	json_object_object_add(o, "scope", sc);

	x = json_object_new_array();
	for (size_t i = 0; in->db && i < in->db->n; i++) {
		char *s = account_json(&in->db->v[i]);
		counts[in->db->v[i].cls]++;
		json_object_array_add(x, s ? json_tokener_parse(s) : NULL);
		free(s);
	}
	{
		json_object *sum = json_object_new_object();
		json_object_object_add(sum, "total",
		                       json_object_new_int64(in->db ? (int64_t)in->db->n : 0));
		json_object_object_add(sum, "human",
		                       json_object_new_int64((int64_t)counts[ACCT_HUMAN]));
		json_object_object_add(sum, "system",
		                       json_object_new_int64((int64_t)counts[ACCT_SYSTEM]));
		json_object_object_add(sum, "special",
		                       json_object_new_int64((int64_t)counts[ACCT_SPECIAL]));
		json_object_object_add(acc, "assessed", json_object_new_boolean(in->db != NULL));
		json_object_object_add(acc, "summary", sum);
		json_object_object_add(acc, "items", x);
		if (in->db != NULL)
			json_object_object_add(acc, "findings", accounts_source_json(in->db));
	}
	json_object_object_add(o, "accounts", acc);

	x = json_object_new_array();
	for (size_t i = 0; in->scan && i < in->scan->n; i++) {
		if (in_device_range(in, i))
			continue;
		residual++;
		backups += in->scan->v[i].backup;
		confirmed += in->scan->v[i].confirmed;
		json_object_array_add(x, finding_json(&in->scan->v[i]));
	}
	{
		json_object *sum = json_object_new_object();
		json_object_object_add(sum, "total", json_object_new_int64((int64_t)residual));
		json_object_object_add(sum, "in_backups", json_object_new_int64((int64_t)backups));
		json_object_object_add(sum, "confirmed", json_object_new_int64((int64_t)confirmed));
		json_object_object_add(res, "summary", sum);
		json_object_object_add(res, "items", x);
	}
	json_object_object_add(o, "residual_credentials", res);

	for (size_t d = 0; d < in->ndev; d++)
		json_object_array_add(devs, device_json(in, &in->dev[d]));
	json_object_object_add(o, "devices", devs);
	json_object_object_add(o, "leaks", leaks_json(in));
	json_object_object_add(o, "verdicts", verdicts(in, residual, backups, confirmed));
	for (size_t i = 0; in->db && i < in->db->diags.n; i++)
		json_object_array_add(msgs, json_object_new_string(in->db->diags.msg[i]));
	json_object_object_add(o, "messages", msgs);

	out = strdup(json_object_to_json_string_ext(o, REPORT_JSON_FLAGS));
	json_object_put(o);
	return out;
}

int report_status(const char *json)
{
	json_object *o = json_tokener_parse(json), *v;
	int st = 0;

	if (o == NULL)
		return 2;
	if (json_object_object_get_ex(o, "verdicts", &v))
		for (size_t i = 0; i < json_object_array_length(v); i++) {
			json_object *e = json_object_array_get_idx(v, i), *s;
			if (json_object_object_get_ex(e, "verdict", &s) &&
			    strcmp(json_object_get_string(s), "fail") == 0)
				st = 1;
		}
	json_object_put(o);
	return st;
}

static void sha256_hex(const char *s, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)s);
	sha256_digest(&ctx, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static int write_atomic(const char *path, const char *what, int (*fn)(FILE *, const void *),
                        const void *arg, char *err, size_t errlen)
{
	struct atomic_file af;
	int rc = atomic_file_open(&af, path);

	if (rc != 0) {
		snprintf(err, errlen, "%s: cannot create: %s", path, strerror(-rc));
		return rc;
	}
	rc = fn(af.fp, arg);
	if (rc != 0) {
		atomic_file_abort(&af);
		snprintf(err, errlen, "%s: writing the %s failed: %s", path, what, strerror(-rc));
		return rc;
	}
	rc = atomic_file_commit(&af, ATOMIC_FILE_PRIVATE);
	if (rc != 0)
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
	return rc;
}

static int put_json(FILE *fp, const void *arg)
{
	const char *json = arg;
	return fputs(json, fp) < 0 || fputc('\n', fp) == EOF ? -EIO : 0;
}

struct html_arg {
	const char *json, *sha, *name;
	report_renderer *render;
	enum report_lang lang;
};

static int put_html(FILE *fp, const void *arg)
{
	const struct html_arg *h = arg;
	return h->render(fp, h->json, h->sha, h->name, h->lang);
}

int report_write_files(const char *json, const char *json_path, const char *html_path,
                       report_renderer *render, enum report_lang lang, char sha[65], char *err,
                       size_t errlen)
{
	size_t len = strlen(json);
	char *with_nl = malloc(len + 2);
	struct html_arg h;
	const char *base;
	int rc;

	if (with_nl == NULL)
		return -ENOMEM;
	/* the file is the JSON text and a newline: hash exactly that */
	memcpy(with_nl, json, len);
	with_nl[len] = '\n';
	with_nl[len + 1] = '\0';
	sha256_hex(with_nl, len + 1, sha);
	free(with_nl);
	rc = write_atomic(json_path, "JSON report", put_json, json, err, errlen);
	if (rc != 0 || html_path == NULL)
		return rc;
	base = strrchr(json_path, '/');
	h.json = json;
	h.sha = sha;
	h.name = base ? base + 1 : json_path;
	h.render = render;
	h.lang = lang;
	return write_atomic(html_path, "HTML report", put_html, &h, err, errlen);
}
