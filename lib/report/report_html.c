/* The disposal report as one self-contained HTML page: inline CSS, no
 * script, no external asset; Japanese and English; prints on A4. It is
 * rendered from the JSON text, so both say the same, and it carries the
 * JSON file's SHA-256 so a reader can check they belong together. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <json-c/json.h>

#include "report/report.h"

static void accounts(FILE *out, json_object *root, enum report_lang lang)
{
	json_object *a = html_obj(root, "accounts"), *items = html_obj(a, "items"),
	            *sum = html_obj(a, "summary");
	char line[256];

	fputs("<h2 class=\"pagebreak\">", out);
	html_label(out, lang, "アカウント一覧（4(4)）", "Accounts inventory (4(4))");
	fputs("</h2>\n<p>", out);
	snprintf(line, sizeof line, "%s / %s / %s / %s", html_get(sum, "total"),
	         html_get(sum, "human"), html_get(sum, "system"), html_get(sum, "special"));
	html_label(out, lang,
	           "合計 / 利用者 / システム / 特別:", "total / human / system / special:");
	fputs(" ", out);
	html_esc(out, line);
	fputs("</p>\n<table><tr>", out);
	html_th(out, lang, "アカウント", "Account");
	fputs("<th>UID</th>", out);
	html_th(out, lang, "分類", "Class");
	html_th(out, lang, "理由", "Reasons");
	html_th(out, lang, "ハッシュ方式", "Hash scheme");
	html_th(out, lang, "資格情報", "Credentials");
	html_th(out, lang, "廃棄の措置", "Disposal action");
	fputs("</tr>\n", out);
	for (size_t i = 0; i < html_len(items); i++) {
		json_object *e = json_object_array_get_idx(items, i), *r = html_obj(e, "reasons"),
		            *c = html_obj(e, "credentials");
		const char *cls = html_get(e, "class");

		fprintf(out, "<tr%s><td>", strcmp(cls, "special") == 0 ? " class=\"special\"" : "");
		html_esc(out, html_get(e, "account"));
		fputs("</td><td>", out);
		html_esc(out, html_get(e, "uid"));
		fputs("</td><td>", out);
		html_label(out, lang,
		           strcmp(cls, "human") == 0    ? "利用者"
		           : strcmp(cls, "system") == 0 ? "システム"
		                                        : "特別",
		           cls);
		fputs("</td><td class=\"mono\">", out);
		html_strings(out, r);
		fputs("</td><td>", out);
		html_esc(out, html_get(e, "hash_scheme"));
		fputs("</td><td class=\"mono\">", out);
		for (size_t k = 0; k < html_len(c); k++) {
			json_object *x = json_object_array_get_idx(c, k);
			html_esc(out, html_get(x, "kind"));
			fputs(" ", out);
			html_esc(out, html_get(x, "path"));
			if (html_obj(x, "line")) {
				fputs(":", out);
				html_esc(out, html_get(x, "line"));
			}
			if (html_obj(x, "confirmed") &&
			    json_object_get_boolean(html_obj(x, "confirmed")))
				fputs(" <b>CONFIRMED</b>", out);
			fputs("<br>", out);
		}
		fputs("</td><td>", out);
		html_esc(out, html_get(e, "action"));
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void devices(FILE *out, json_object *root, enum report_lang lang)
{
	json_object *d = html_obj(root, "devices");

	fputs("<h2>", out);
	html_label(out, lang, "デバイスの消去確認（4(1)）", "Device erasure checks (4(1))");
	fputs("</h2>\n", out);
	if (html_len(d) == 0) {
		fputs("<p>", out);
		html_label(out, lang, "デバイスの指定なし", "No device was named");
		fputs("</p>\n", out);
		return;
	}
	for (size_t i = 0; i < html_len(d); i++) {
		json_object *e = json_object_array_get_idx(d, i), *l = html_obj(e, "luks"),
		            *w = html_obj(e, "wipe_check");
		char buf[256];

		fputs("<table>\n", out);
		html_row2(out, lang, "デバイス", "Device", html_get(e, "path"), 1);
		html_row2(out, lang, "状態", "State", html_get(e, "state"), 1);
		html_row2(out, lang, "LUKS ヘッダー", "LUKS header",
		          json_object_get_boolean(html_obj(l, "header")) ? html_get(l, "type")
		                                                         : "-",
		          0);
		snprintf(buf, sizeof buf, "%s / %s", html_get(l, "keyslots_active"),
		         html_get(l, "keyslots_total"));
		html_row2(out, lang, "有効な鍵スロット / 全スロット", "Active key slots / total",
		          buf, 0);
		snprintf(buf, sizeof buf, "%s / %s (%s), entropy %.3s bits/byte",
		         html_get(w, "nonzero_blocks"), html_get(w, "samples"),
		         html_get(w, "nonzero_share"), html_get(w, "entropy_bits_per_byte"));
		html_row2(out, lang, "非ゼロブロック（抽出）", "Non-zero sampled blocks", buf, 0);
		if (html_obj(e, "error"))
			html_row2(out, lang, "エラー", "Error", html_get(e, "error"), 0);
		fputs("</table>\n", out);
		if (html_len(html_obj(w, "signatures")) > 0)
			html_findings(out, html_obj(w, "signatures"), lang);
	}
}

int report_html(FILE *out, const char *json, const char *json_sha256, const char *json_name,
                enum report_lang lang)
{
	json_object *root = json_tokener_parse(json), *h, *sc, *t, *res;
	char buf[512];
	int rc;

	if (root == NULL)
		return -EINVAL;
	h = html_obj(root, "host");
	sc = html_obj(root, "scope");
	t = html_obj(root, "tool");
	res = html_obj(root, "residual_credentials");
	html_open(out, lang, "廃棄報告書", "Disposal report", html_get(h, "hostname"),
	          "資格情報・アカウント廃棄報告書", "Credential and account disposal report");
	fputs("<table>\n", out);
	html_row2(out, lang, "ホスト", "Host", html_get(h, "hostname"), 0);
	html_row2(out, lang, "OS", "OS", html_get(h, "os"), 0);
	html_row2(out, lang, "対象ルート", "Root file system",
	          *html_get(sc, "root") ? html_get(sc, "root") : "-", 1);
	{
		json_object *dv = html_obj(sc, "devices");
		size_t used = 0;
		buf[0] = '\0';
		for (size_t i = 0; i < html_len(dv) && used < sizeof buf - 2; i++) {
			int k = snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "",
			                 json_object_get_string(json_object_array_get_idx(dv, i)));
			used += k > 0 ? (size_t)k : 0;
		}
		html_row2(out, lang, "対象デバイス", "Devices", buf[0] ? buf : "-", 1);
	}
	snprintf(buf, sizeof buf, "%s %s", html_get(t, "name"), html_get(t, "version"));
	html_row2(out, lang, "ツール", "Tool", buf, 0);
	html_row2(out, lang, "作成日時", "Generated", html_get(root, "generated"), 0);
	if (json_object_object_get_ex(sc, "complete", NULL) &&
	    !json_object_get_boolean(html_obj(sc, "complete")))
		html_row2(out, lang, "監査の完全性", "Audit complete",
		          lang == LANG_JA ? "不完全: 読み取れない情報源あり (4(3) を参照)"
		                          : "NO: a source could not be read (see 4(3))",
		          0);
	html_row2(out, lang, "JSON ファイル", "JSON file", json_name, 1);
	html_row2(out, lang, "JSON の SHA-256", "SHA-256 of the JSON", json_sha256, 1);
	fputs("</table>\n", out);
	fputs("<h2>", out);
	html_label(out, lang, "判定", "Verdicts");
	fputs("</h2>\n", out);
	html_verdicts(out, html_obj(root, "verdicts"), lang);
	accounts(out, root, lang);
	fputs("<h2>", out);
	html_label(out, lang, "残存する資格情報（バックアップを含む、4(1)）",
	           "Residual credentials, backups included (4(1))");
	fputs("</h2>\n<p>", out);
	snprintf(buf, sizeof buf, "%s / %s / %s", html_get(html_obj(res, "summary"), "total"),
	         html_get(html_obj(res, "summary"), "in_backups"),
	         html_get(html_obj(res, "summary"), "confirmed"));
	html_label(out, lang, "合計 / バックアップ内 / 確認済み漏えい:",
	           "total / in backups / confirmed leaks:");
	fputs(" ", out);
	html_esc(out, buf);
	fputs("</p>\n", out);
	html_findings(out, html_obj(res, "items"), lang);
	devices(out, root, lang);
	html_notes(out, lang, "読み取り時の注意", "Notes while reading",
	           html_obj(root, "messages"));
	rc = html_close(out, lang);
	json_object_put(root);
	return rc;
}
