/* The fleet report as one self-contained HTML page (the disposal
 * report's style, html_page.h): the fleet's summary, one row per host,
 * then the details of every host with something to look at. Rendered
 * from the JSON text, so both say the same. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <json-c/json.h>

#include "report/fleet.h"

static const char *const sev_keys[] = {"critical", "high", "medium", "low", "info"};
static const char *const sev_ja[] = {"緊急", "高", "中", "低", "情報"};

/* A cell with o[k], a count; "-" when null or missing. */
static void num(FILE *out, json_object *o, const char *k)
{
	const char *v = html_get(o, k);

	fputs("<td class=\"num\">", out);
	html_esc(out, *v ? v : "-");
	fputs("</td>", out);
}

static void heading(FILE *out, enum report_lang lang, const char *tag, const char *ja,
                    const char *en)
{
	fprintf(out, "<%s>", tag);
	html_label(out, lang, ja, en);
	fprintf(out, "</%s>\n", tag);
}

static void status_cell(FILE *out, enum report_lang lang, const char *st)
{
	bool ok = strcmp(st, "ok") == 0, unreachable = strcmp(st, "unreachable") == 0;

	fprintf(out, "<td class=\"%s\">", ok ? "pass" : unreachable ? "unreachable" : "fail");
	html_label(out, lang,
	           ok            ? "監査済み"
	           : unreachable ? "到達不能"
	                         : "失敗",
	           ok            ? "audited"
	           : unreachable ? "unreachable"
	                         : "failed");
	fputs("</td>", out);
}

static void summary(FILE *out, json_object *sum, enum report_lang lang)
{
	json_object *h = html_obj(sum, "hosts"), *f = html_obj(sum, "findings"),
	            *r = html_obj(sum, "residual_credentials"), *a = html_obj(sum, "accounts"),
	            *sev = html_obj(f, "by_severity"), *v = html_obj(sum, "verdicts"),
	            *bc = html_obj(f, "by_clause");
	char buf[256];

	heading(out, lang, "h2", "フリートの概要", "Fleet summary");
	fputs("<table>\n", out);
	snprintf(buf, sizeof buf, "%s / %s / %s / %s", html_get(h, "total"), html_get(h, "audited"),
	         html_get(h, "failed"), html_get(h, "unreachable"));
	html_row2(out, lang, "ホスト: 合計 / 監査済み / 失敗 / 到達不能",
	          "Hosts: total / audited / failed / unreachable", buf, 0);
	html_row2(out, lang, "指摘のあるホスト", "Hosts with findings",
	          html_get(sum, "hosts_with_findings"), 0);
	html_row2(out, lang, "監査が不完全なホスト（読めない情報源あり）",
	          "Hosts audited incompletely (a source could not be read)",
	          html_get(sum, "incomplete_hosts"), 0);
	html_row2(out, lang, "保存された資格情報の指摘（3(1)⑤）",
	          "Stored credentials found (3(1)⑤)", html_get(f, "total"), 0);
	snprintf(buf, sizeof buf, "%s / %s / %s", html_get(r, "total"), html_get(r, "in_backups"),
	         html_get(r, "confirmed"));
	html_row2(out, lang, "残存する資格情報: 合計 / バックアップ内 / 確認済み",
	          "Residual credentials: total / in backups / confirmed", buf, 0);
	html_row2(out, lang, "確認済み漏えい", "Confirmed leaks", html_get(sum, "confirmed_leaks"),
	          0);
	snprintf(buf, sizeof buf, "%s / %s", html_get(sum, "open_leaks"),
	         html_get(sum, "hosts_with_open_leaks"));
	html_row2(out, lang, "未対応の漏えいイベント（3(1)④）: 件数 / ホスト数",
	          "Open leak events (3(1)④): events / hosts", buf, 0);
	snprintf(buf, sizeof buf, "%s / %s / %s / %s", html_get(a, "total"), html_get(a, "human"),
	         html_get(a, "system"), html_get(a, "special"));
	html_row2(out, lang, "アカウント: 合計 / 利用者 / システム / 特別",
	          "Accounts: total / human / system / special", buf, 0);
	fputs("</table>\n", out);

	heading(out, lang, "h3", "重大度別の指摘", "Findings by severity");
	fputs("<table><tr>", out);
	for (size_t i = 0; i < 5; i++)
		html_th(out, lang, sev_ja[i], sev_keys[i]);
	fputs("</tr>\n<tr>", out);
	for (size_t i = 0; i < 5; i++)
		num(out, sev, sev_keys[i]);
	fputs("</tr></table>\n", out);

	heading(out, lang, "h3", "条項別の指摘", "Findings by clause");
	fputs("<table><tr>", out);
	html_th(out, lang, "条項", "Clause");
	html_th(out, lang, "指摘", "Findings");
	fputs("</tr>\n", out);
	if (json_object_is_type(bc, json_type_object)) {
		json_object_object_foreach(bc, ck, cn)
		{
			fputs("<tr><td>", out);
			html_esc(out, ck);
			fputs("</td><td class=\"num\">", out);
			html_esc(out, json_object_get_string(cn));
			fputs("</td></tr>\n", out);
		}
	}
	fputs("</table>\n", out);

	heading(out, lang, "h3", "条項別の判定（ホスト数）", "Verdicts by clause (hosts)");
	fputs("<table><tr>", out);
	html_th(out, lang, "条項", "Clause");
	html_th(out, lang, "適合", "pass");
	html_th(out, lang, "不適合", "fail");
	html_th(out, lang, "未評価", "not assessed");
	fputs("</tr>\n", out);
	if (json_object_is_type(v, json_type_object)) {
		json_object_object_foreach(v, vk, vc)
		{
			fputs("<tr><td>", out);
			html_esc(out, vk);
			fputs("</td>", out);
			num(out, vc, "pass");
			num(out, vc, "fail");
			num(out, vc, "not_assessed");
			fputs("</tr>\n", out);
		}
	}
	fputs("</table>\n", out);
}

/* The host's verdict on clause, as a cell ("-" when it has none). */
static void verdict_of(FILE *out, json_object *host, const char *clause, enum report_lang lang)
{
	json_object *v = html_obj(host, "verdicts");

	for (size_t i = 0; i < html_len(v); i++) {
		json_object *e = json_object_array_get_idx(v, i);
		if (strcmp(html_get(e, "clause"), clause) == 0) {
			html_verdict_cell(out, lang, html_get(e, "verdict"));
			return;
		}
	}
	fputs("<td>-</td>", out);
}

static void host_rows(FILE *out, json_object *hosts, json_object *verdicts, enum report_lang lang)
{
	heading(out, lang, "h2", "ホスト別", "Hosts");
	fputs("<table><tr>", out);
	html_th(out, lang, "ホスト", "Host");
	html_th(out, lang, "状態", "Status");
	html_th(out, lang, "指摘", "Findings");
	for (size_t i = 0; i < 5; i++)
		html_th(out, lang, sev_ja[i], sev_keys[i]);
	html_th(out, lang, "アカウント", "Accounts");
	html_th(out, lang, "特別", "Special");
	html_th(out, lang, "確認済み漏えい", "Confirmed leaks");
	html_th(out, lang, "未対応の漏えい", "Open leaks");
	if (json_object_is_type(verdicts, json_type_object)) {
		json_object_object_foreach(verdicts, vk, vv)
		{
			(void)vv;
			fputs("<th>", out);
			html_esc(out, vk);
			fputs("</th>", out);
		}
	}
	html_th(out, lang, "メッセージ", "Message");
	fputs("</tr>\n", out);
	for (size_t i = 0; i < html_len(hosts); i++) {
		json_object *h = json_object_array_get_idx(hosts, i),
		            *sev = html_obj(h, "findings_by_severity"),
		            *cls = html_obj(h, "accounts_by_class");
		bool ok = strcmp(html_get(h, "status"), "ok") == 0;
		char n[32];

		fputs("<tr><td class=\"mono\">", out);
		html_esc(out, html_get(h, "host"));
		fputs("</td>", out);
		status_cell(out, lang, html_get(h, "status"));
		num(out, h, "findings");
		for (size_t k = 0; k < 5; k++)
			num(out, sev, sev_keys[k]);
		num(out, h, "accounts");
		num(out, cls, "special");
		snprintf(n, sizeof n, "%zu",
		         html_len(html_obj(h, "confirmed_leaks")) +
		                 (size_t)json_object_get_int64(
		                         html_obj(h, "confirmed_leaks_unlisted")));
		fputs("<td class=\"num\">", out);
		html_esc(out, ok ? n : "-");
		fputs("</td>", out);
		num(out, h, "open_leaks");
		if (json_object_is_type(verdicts, json_type_object)) {
			json_object_object_foreach(verdicts, ck, cv)
			{
				(void)cv;
				verdict_of(out, h, ck, lang);
			}
		}
		fputs("<td class=\"mono\">", out);
		html_esc(out, html_get(h, "message"));
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void special_accounts(FILE *out, json_object *h, enum report_lang lang)
{
	json_object *s = html_obj(h, "special_accounts");

	heading(out, lang, "h3", "特別なアカウント（4(4)）", "Special accounts (4(4))");
	fputs("<table><tr>", out);
	html_th(out, lang, "アカウント", "Account");
	fputs("<th>UID</th>", out);
	html_th(out, lang, "理由", "Reasons");
	html_th(out, lang, "資格情報の数", "Credentials");
	fputs("</tr>\n", out);
	for (size_t i = 0; i < html_len(s); i++) {
		json_object *a = json_object_array_get_idx(s, i), *r = html_obj(a, "reasons");

		fputs("<tr class=\"special\"><td>", out);
		html_esc(out, html_get(a, "account"));
		fputs("</td>", out);
		num(out, a, "uid");
		fputs("<td class=\"mono\">", out);
		html_strings(out, r);
		fputs("</td>", out);
		num(out, a, "credentials");
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
	if (json_object_get_int64(html_obj(h, "special_accounts_unlisted")) > 0) {
		fputs("<p>", out);
		html_label(out, lang, "一覧にないもの:", "Not listed:");
		fputs(" ", out);
		html_esc(out, html_get(h, "special_accounts_unlisted"));
		fputs("</p>\n", out);
	}
}

/* A host with nothing to look at gets no details. */
static bool noteworthy(json_object *h)
{
	json_object *v = html_obj(h, "verdicts");

	if (html_len(html_obj(h, "special_accounts")) > 0 ||
	    html_len(html_obj(h, "confirmed_leaks")) > 0)
		return true;
	for (size_t i = 0; i < html_len(v); i++)
		if (strcmp(html_get(json_object_array_get_idx(v, i), "verdict"), "fail") == 0)
			return true;
	return false;
}

static void details(FILE *out, json_object *hosts, enum report_lang lang)
{
	bool first = true;

	for (size_t i = 0; i < html_len(hosts); i++) {
		json_object *h = json_object_array_get_idx(hosts, i);

		if (strcmp(html_get(h, "status"), "ok") != 0 || !noteworthy(h))
			continue;
		if (first) {
			fputs("<h2 class=\"pagebreak\">", out);
			html_label(out, lang, "ホストごとの詳細", "Details per host");
			fputs("</h2>\n", out);
		}
		first = false;
		fputs("<h3 class=\"mono\">", out);
		html_esc(out, html_get(h, "host"));
		fputs("</h3>\n<table>\n", out);
		html_row2(out, lang, "ホスト名（報告書）", "Host name (report)",
		          html_get(h, "hostname"), 0);
		html_row2(out, lang, "OS", "OS", html_get(h, "os"), 0);
		html_row2(out, lang, "報告書の作成日時", "Report generated",
		          html_get(h, "report_generated"), 0);
		html_row2(out, lang, "credaudit の版", "credaudit version",
		          html_get(h, "credaudit_version"), 0);
		fputs("</table>\n", out);
		html_verdicts(out, html_obj(h, "verdicts"), lang);
		if (html_len(html_obj(h, "special_accounts")) > 0)
			special_accounts(out, h, lang);
		if (html_len(html_obj(h, "confirmed_leaks")) > 0) {
			heading(out, lang, "h3", "確認済み漏えい", "Confirmed leaks");
			html_findings(out, html_obj(h, "confirmed_leaks"), lang);
		}
	}
}

int fleet_html(FILE *out, const char *json, const char *json_sha256, const char *json_name,
               enum report_lang lang)
{
	json_object *root = json_tokener_parse(json), *sum, *t;
	char buf[256];
	int rc;

	if (root == NULL)
		return -EINVAL;
	sum = html_obj(root, "summary");
	t = html_obj(root, "tool");
	html_open(out, lang, "フリート監査報告書", "Fleet audit report", NULL,
	          "資格情報とアカウントのフリート監査報告書",
	          "Fleet audit of credentials and accounts");
	fputs("<table>\n", out);
	html_row2(out, lang, "作成日時", "Generated", html_get(root, "generated"), 0);
	snprintf(buf, sizeof buf, "%s %s", html_get(t, "name"), html_get(t, "version"));
	html_row2(out, lang, "ツール", "Tool", buf, 0);
	html_row2(out, lang, "JSON ファイル", "JSON file", json_name, 1);
	html_row2(out, lang, "JSON の SHA-256", "SHA-256 of the JSON", json_sha256, 1);
	fputs("</table>\n", out);
	summary(out, sum, lang);
	host_rows(out, html_obj(root, "hosts"), html_obj(sum, "verdicts"), lang);
	details(out, html_obj(root, "hosts"), lang);
	html_notes(out, lang, "注意", "Notes", html_obj(root, "messages"));
	rc = html_close(out, lang);
	json_object_put(root);
	return rc;
}
