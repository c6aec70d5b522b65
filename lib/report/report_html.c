/* The disposal report as one self-contained HTML page: inline CSS, no
 * script, no external asset; Japanese and English; prints on A4. It is
 * rendered from the JSON text, so both say the same, and it carries the
 * JSON file's SHA-256 so a reader can check they belong together. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <json-c/json.h>

#include "report/report.h"

static const char css[] =
        "body{font-family:'Noto Sans CJK JP','Noto Sans JP','IPAexGothic','Hiragino Sans',"
        "'Yu "
        "Gothic',sans-serif;color:#111;background:#fff;margin:24px;font-size:13px;line-height:1.45}"
        "h1{font-size:22px;border-bottom:3px solid #234;padding-bottom:6px;margin:0 0 12px}"
        "h2{font-size:17px;border-left:6px solid #234;padding-left:8px;margin:22px 0 8px;"
        "page-break-after:avoid}"
        "table{border-collapse:collapse;width:100%;margin:6px 0 14px}"
        "th,td{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}"
        "th{background:#e8edf2}"
        "tr{page-break-inside:avoid}"
        ".en{color:#333}.ja+.en{display:block;font-size:12px}"
        ".pass{background:#dff3df;font-weight:bold}.fail{background:#fbdcdc;font-weight:bold}"
        ".not_assessed{background:#eee;font-weight:bold}"
        ".mono{font-family:'DejaVu Sans Mono',monospace;font-size:12px;word-break:break-all}"
        ".special{background:#fff4d6}"
        "footer{margin-top:20px;font-size:11px;color:#333;border-top:1px solid "
        "#999;padding-top:6px}"
        "@page{size:A4;margin:14mm}"
        "@media print{body{margin:0;font-size:11px}.pagebreak{page-break-before:always}"
        "th{background:#e8edf2 "
        "!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
        ".pass,.fail,.special{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

static void esc(FILE *out, const char *s)
{
	if (s == NULL)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '&':
			fputs("&amp;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

/* A label in the chosen language(s). */
static void label(FILE *out, enum report_lang lang, const char *ja, const char *en)
{
	if (lang != LANG_EN) {
		fputs("<span class=\"ja\" lang=\"ja\">", out);
		esc(out, ja);
		fputs("</span>", out);
	}
	if (lang == LANG_BOTH)
		fputs(" ", out);
	if (lang != LANG_JA) {
		fputs("<span class=\"en\" lang=\"en\">", out);
		esc(out, en);
		fputs("</span>", out);
	}
}

static const char *get(json_object *o, const char *k)
{
	json_object *v;

	if (!json_object_object_get_ex(o, k, &v) || v == NULL)
		return "";
	return json_object_get_string(v);
}

static json_object *obj(json_object *o, const char *k)
{
	json_object *v = NULL;

	json_object_object_get_ex(o, k, &v);
	return v;
}

static size_t len_of(json_object *a)
{
	return a && json_object_is_type(a, json_type_array) ? json_object_array_length(a) : 0;
}

static void row2(FILE *out, enum report_lang lang, const char *ja, const char *en, const char *v,
                 int mono)
{
	fputs("<tr><th>", out);
	label(out, lang, ja, en);
	fprintf(out, "</th><td%s>", mono ? " class=\"mono\"" : "");
	esc(out, v);
	fputs("</td></tr>\n", out);
}

static void verdicts(FILE *out, json_object *root, enum report_lang lang)
{
	json_object *v = obj(root, "verdicts");

	fputs("<h2>", out);
	label(out, lang, "判定", "Verdicts");
	fputs("</h2>\n<table><tr><th>", out);
	label(out, lang, "条項", "Clause");
	fputs("</th><th>", out);
	label(out, lang, "判定", "Verdict");
	fputs("</th><th>", out);
	label(out, lang, "理由", "Reasons");
	fputs("</th></tr>\n", out);
	for (size_t i = 0; i < len_of(v); i++) {
		json_object *e = json_object_array_get_idx(v, i), *r = obj(e, "reasons");
		const char *vd = get(e, "verdict");

		fputs("<tr><td>", out);
		esc(out, get(e, "clause"));
		fprintf(out, "</td><td class=\"%s\">",
		        strcmp(vd, "pass") == 0   ? "pass"
		        : strcmp(vd, "fail") == 0 ? "fail"
		                                  : "not_assessed");
		label(out, lang,
		      strcmp(vd, "pass") == 0   ? "適合"
		      : strcmp(vd, "fail") == 0 ? "不適合"
		                                : "未評価",
		      strcmp(vd, "pass") == 0   ? "pass"
		      : strcmp(vd, "fail") == 0 ? "fail"
		                                : "not assessed");
		fputs("</td><td>", out);
		for (size_t k = 0; k < len_of(r); k++) {
			json_object *x = json_object_array_get_idx(r, k);
			fputs("<div>", out);
			label(out, lang, get(x, "ja"), get(x, "en"));
			fputs("</div>", out);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void accounts(FILE *out, json_object *root, enum report_lang lang)
{
	json_object *a = obj(root, "accounts"), *items = obj(a, "items"), *sum = obj(a, "summary");
	char line[256];

	fputs("<h2 class=\"pagebreak\">", out);
	label(out, lang, "アカウント一覧（4(4)）", "Accounts inventory (4(4))");
	fputs("</h2>\n<p>", out);
	snprintf(line, sizeof line, "%s / %s / %s / %s", get(sum, "total"), get(sum, "human"),
	         get(sum, "system"), get(sum, "special"));
	label(out, lang, "合計 / 利用者 / システム / 特別:", "total / human / system / special:");
	fputs(" ", out);
	esc(out, line);
	fputs("</p>\n<table><tr><th>", out);
	label(out, lang, "アカウント", "Account");
	fputs("</th><th>UID</th><th>", out);
	label(out, lang, "分類", "Class");
	fputs("</th><th>", out);
	label(out, lang, "理由", "Reasons");
	fputs("</th><th>", out);
	label(out, lang, "ハッシュ方式", "Hash scheme");
	fputs("</th><th>", out);
	label(out, lang, "資格情報", "Credentials");
	fputs("</th><th>", out);
	label(out, lang, "廃棄の措置", "Disposal action");
	fputs("</th></tr>\n", out);
	for (size_t i = 0; i < len_of(items); i++) {
		json_object *e = json_object_array_get_idx(items, i), *r = obj(e, "reasons"),
		            *c = obj(e, "credentials");
		const char *cls = get(e, "class");

		fprintf(out, "<tr%s><td>", strcmp(cls, "special") == 0 ? " class=\"special\"" : "");
		esc(out, get(e, "account"));
		fputs("</td><td>", out);
		esc(out, get(e, "uid"));
		fputs("</td><td>", out);
		label(out, lang,
		      strcmp(cls, "human") == 0    ? "利用者"
		      : strcmp(cls, "system") == 0 ? "システム"
		                                   : "特別",
		      cls);
		fputs("</td><td class=\"mono\">", out);
		for (size_t k = 0; k < len_of(r); k++) {
			esc(out, json_object_get_string(json_object_array_get_idx(r, k)));
			fputs(k + 1 < len_of(r) ? ", " : "", out);
		}
		fputs("</td><td>", out);
		esc(out, get(e, "hash_scheme"));
		fputs("</td><td class=\"mono\">", out);
		for (size_t k = 0; k < len_of(c); k++) {
			json_object *x = json_object_array_get_idx(c, k);
			esc(out, get(x, "kind"));
			fputs(" ", out);
			esc(out, get(x, "path"));
			if (obj(x, "line")) {
				fputs(":", out);
				esc(out, get(x, "line"));
			}
			if (obj(x, "confirmed") && json_object_get_boolean(obj(x, "confirmed")))
				fputs(" <b>CONFIRMED</b>", out);
			fputs("<br>", out);
		}
		fputs("</td><td>", out);
		esc(out, get(e, "action"));
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void findings_table(FILE *out, json_object *items, enum report_lang lang)
{
	fputs("<table><tr><th>", out);
	label(out, lang, "規則", "Rule");
	fputs("</th><th>", out);
	label(out, lang, "重大度", "Severity");
	fputs("</th><th>", out);
	label(out, lang, "場所", "Location");
	fputs("</th><th>", out);
	label(out, lang, "アカウント", "Account");
	fputs("</th><th>", out);
	label(out, lang, "秘密（伏字・指紋）", "Secret (redacted, fingerprint)");
	fputs("</th></tr>\n", out);
	for (size_t i = 0; i < len_of(items); i++) {
		json_object *e = json_object_array_get_idx(items, i), *s = obj(e, "secret");

		fputs("<tr><td>", out);
		esc(out, get(e, "rule"));
		if (json_object_get_boolean(obj(e, "backup")))
			label(out, lang, "（バックアップ）", "(backup)");
		fputs("</td><td>", out);
		esc(out, get(e, "severity"));
		if (json_object_get_boolean(obj(e, "confirmed")))
			fputs(" <b>CONFIRMED</b>", out);
		fputs("</td><td class=\"mono\">", out);
		esc(out, get(e, "path"));
		if (obj(e, "line")) {
			fputs(":", out);
			esc(out, get(e, "line"));
		} else {
			fputs(" @", out);
			esc(out, get(e, "offset"));
		}
		fputs("</td><td>", out);
		esc(out, get(e, "account"));
		fputs("</td><td class=\"mono\">", out);
		esc(out, get(s, "redacted"));
		fputs(" ", out);
		esc(out, get(s, "fingerprint"));
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void devices(FILE *out, json_object *root, enum report_lang lang)
{
	json_object *d = obj(root, "devices");

	fputs("<h2>", out);
	label(out, lang, "デバイスの消去確認（4(1)）", "Device erasure checks (4(1))");
	fputs("</h2>\n", out);
	if (len_of(d) == 0) {
		fputs("<p>", out);
		label(out, lang, "デバイスの指定なし", "No device was named");
		fputs("</p>\n", out);
		return;
	}
	for (size_t i = 0; i < len_of(d); i++) {
		json_object *e = json_object_array_get_idx(d, i), *l = obj(e, "luks"),
		            *w = obj(e, "wipe_check");
		char buf[256];

		fputs("<table>\n", out);
		row2(out, lang, "デバイス", "Device", get(e, "path"), 1);
		row2(out, lang, "状態", "State", get(e, "state"), 1);
		row2(out, lang, "LUKS ヘッダー", "LUKS header",
		     json_object_get_boolean(obj(l, "header")) ? get(l, "type") : "-", 0);
		snprintf(buf, sizeof buf, "%s / %s", get(l, "keyslots_active"),
		         get(l, "keyslots_total"));
		row2(out, lang, "有効な鍵スロット / 全スロット", "Active key slots / total", buf,
		     0);
		snprintf(buf, sizeof buf, "%s / %s (%s), entropy %.3s bits/byte",
		         get(w, "nonzero_blocks"), get(w, "samples"), get(w, "nonzero_share"),
		         get(w, "entropy_bits_per_byte"));
		row2(out, lang, "非ゼロブロック（抽出）", "Non-zero sampled blocks", buf, 0);
		if (obj(e, "error"))
			row2(out, lang, "エラー", "Error", get(e, "error"), 0);
		fputs("</table>\n", out);
		if (len_of(obj(w, "signatures")) > 0)
			findings_table(out, obj(w, "signatures"), lang);
	}
}

int report_html(FILE *out, const char *json, const char *json_sha256, const char *json_name,
                enum report_lang lang)
{
	json_object *root = json_tokener_parse(json), *h, *sc, *t, *res, *msgs;
	char buf[512];

	if (root == NULL)
		return -EINVAL;
	h = obj(root, "host");
	sc = obj(root, "scope");
	t = obj(root, "tool");
	res = obj(root, "residual_credentials");
	fprintf(out,
	        "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width\">\n<title>",
	        lang == LANG_EN ? "en" : "ja");
	label(out, lang, "廃棄報告書", "Disposal report");
	fputs(" — ", out);
	esc(out, get(h, "hostname"));
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
	label(out, lang, "資格情報・アカウント廃棄報告書",
	      "Credential and account disposal report");
	fputs("</h1>\n<table>\n", out);
	row2(out, lang, "ホスト", "Host", get(h, "hostname"), 0);
	row2(out, lang, "OS", "OS", get(h, "os"), 0);
	row2(out, lang, "対象ルート", "Root file system", *get(sc, "root") ? get(sc, "root") : "-",
	     1);
	{
		json_object *dv = obj(sc, "devices");
		size_t used = 0;
		buf[0] = '\0';
		for (size_t i = 0; i < len_of(dv) && used < sizeof buf - 2; i++) {
			int k = snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "",
			                 json_object_get_string(json_object_array_get_idx(dv, i)));
			used += k > 0 ? (size_t)k : 0;
		}
		row2(out, lang, "対象デバイス", "Devices", buf[0] ? buf : "-", 1);
	}
	snprintf(buf, sizeof buf, "%s %s", get(t, "name"), get(t, "version"));
	row2(out, lang, "ツール", "Tool", buf, 0);
	row2(out, lang, "作成日時", "Generated", get(root, "generated"), 0);
	row2(out, lang, "JSON ファイル", "JSON file", json_name, 1);
	row2(out, lang, "JSON の SHA-256", "SHA-256 of the JSON", json_sha256, 1);
	fputs("</table>\n", out);
	verdicts(out, root, lang);
	accounts(out, root, lang);
	fputs("<h2>", out);
	label(out, lang, "残存する資格情報（バックアップを含む、4(1)）",
	      "Residual credentials, backups included (4(1))");
	fputs("</h2>\n<p>", out);
	snprintf(buf, sizeof buf, "%s / %s / %s", get(obj(res, "summary"), "total"),
	         get(obj(res, "summary"), "in_backups"), get(obj(res, "summary"), "confirmed"));
	label(out, lang,
	      "合計 / バックアップ内 / 確認済み漏えい:", "total / in backups / confirmed leaks:");
	fputs(" ", out);
	esc(out, buf);
	fputs("</p>\n", out);
	findings_table(out, obj(res, "items"), lang);
	devices(out, root, lang);
	msgs = obj(root, "messages");
	if (len_of(msgs) > 0) {
		fputs("<h2>", out);
		label(out, lang, "読み取り時の注意", "Notes while reading");
		fputs("</h2>\n<ul class=\"mono\">\n", out);
		for (size_t i = 0; i < len_of(msgs); i++) {
			fputs("<li>", out);
			esc(out, json_object_get_string(json_object_array_get_idx(msgs, i)));
			fputs("</li>\n", out);
		}
		fputs("</ul>\n", out);
	}
	fputs("<footer>", out);
	label(out, lang,
	      "本報告書に秘密情報は含まれない。発見した秘密は伏字と指紋（SHA-256 の先頭 64 "
	      "ビット）のみで示す。"
	      "JSON ファイルの SHA-256 を上記と照合すること（sha256sum）。",
	      "This report holds no secret: found secrets are shown only redacted and "
	      "fingerprinted "
	      "(first 64 bits of a SHA-256). Check the JSON file against the SHA-256 above "
	      "(sha256sum).");
	fputs("</footer>\n</body>\n</html>\n", out);
	json_object_put(root);
	return ferror(out) ? -EIO : 0;
}
