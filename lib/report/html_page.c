/* The parts of the report pages both reports share: style, escaping,
 * bilingual labels, the verdicts table, the head and the foot. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <json-c/json.h>

#include "report/html_page.h"

static const char css[] =
        "body{font-family:'Noto Sans CJK JP','Noto Sans JP','IPAexGothic','Hiragino Sans',"
        "'Yu "
        "Gothic',sans-serif;color:#111;background:#fff;margin:24px;font-size:13px;line-height:1.45}"
        "h1{font-size:22px;border-bottom:3px solid #234;padding-bottom:6px;margin:0 0 12px}"
        "h2{font-size:17px;border-left:6px solid #234;padding-left:8px;margin:22px 0 8px;"
        "page-break-after:avoid}"
        "h3{font-size:15px;margin:16px 0 6px;page-break-after:avoid}"
        "table{border-collapse:collapse;width:100%;margin:6px 0 14px}"
        "th,td{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}"
        "th{background:#e8edf2}"
        "tr{page-break-inside:avoid}"
        ".en{color:#333}.ja+.en{display:block;font-size:12px}"
        ".pass{background:#dff3df;font-weight:bold}.fail{background:#fbdcdc;font-weight:bold}"
        ".not_assessed{background:#eee;font-weight:bold}"
        ".unreachable{background:#fde7c8;font-weight:bold}"
        ".num{text-align:right;white-space:nowrap}"
        ".mono{font-family:'DejaVu Sans Mono',monospace;font-size:12px;word-break:break-all}"
        ".special{background:#fff4d6}"
        "footer{margin-top:20px;font-size:11px;color:#333;border-top:1px solid "
        "#999;padding-top:6px}"
        "@page{size:A4;margin:14mm}"
        "@media print{body{margin:0;font-size:11px}.pagebreak{page-break-before:always}"
        "th{background:#e8edf2 "
        "!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
        ".pass,.fail,.unreachable,.special{-webkit-print-color-adjust:exact;"
        "print-color-adjust:exact}}";

void html_esc(FILE *out, const char *s)
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

void html_label(FILE *out, enum report_lang lang, const char *ja, const char *en)
{
	if (lang != LANG_EN) {
		fputs("<span class=\"ja\" lang=\"ja\">", out);
		html_esc(out, ja);
		fputs("</span>", out);
	}
	if (lang == LANG_BOTH)
		fputs(" ", out);
	if (lang != LANG_JA) {
		fputs("<span class=\"en\" lang=\"en\">", out);
		html_esc(out, en);
		fputs("</span>", out);
	}
}

void html_th(FILE *out, enum report_lang lang, const char *ja, const char *en)
{
	fputs("<th>", out);
	html_label(out, lang, ja, en);
	fputs("</th>", out);
}

const char *html_get(json_object *o, const char *k)
{
	json_object *v;

	if (!json_object_object_get_ex(o, k, &v) || v == NULL)
		return "";
	return json_object_get_string(v);
}

json_object *html_obj(json_object *o, const char *k)
{
	json_object *v = NULL;

	json_object_object_get_ex(o, k, &v);
	return v;
}

size_t html_len(json_object *a)
{
	return a && json_object_is_type(a, json_type_array) ? json_object_array_length(a) : 0;
}

void html_row2(FILE *out, enum report_lang lang, const char *ja, const char *en, const char *v,
               int mono)
{
	fputs("<tr><th>", out);
	html_label(out, lang, ja, en);
	fprintf(out, "</th><td%s>", mono ? " class=\"mono\"" : "");
	html_esc(out, v);
	fputs("</td></tr>\n", out);
}

void html_open(FILE *out, enum report_lang lang, const char *title_ja, const char *title_en,
               const char *subject, const char *h1_ja, const char *h1_en)
{
	fprintf(out,
	        "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width\">\n<title>",
	        lang == LANG_EN ? "en" : "ja");
	html_label(out, lang, title_ja, title_en);
	if (subject != NULL && *subject) {
		fputs(" — ", out);
		html_esc(out, subject);
	}
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
	html_label(out, lang, h1_ja, h1_en);
	fputs("</h1>\n", out);
}

void html_verdict_cell(FILE *out, enum report_lang lang, const char *vd)
{
	bool pass = strcmp(vd, "pass") == 0, fail = strcmp(vd, "fail") == 0;

	fprintf(out, "<td class=\"%s\">", pass ? "pass" : fail ? "fail" : "not_assessed");
	html_label(out, lang,
	           pass   ? "適合"
	           : fail ? "不適合"
	                  : "未評価",
	           pass   ? "pass"
	           : fail ? "fail"
	                  : "not assessed");
	fputs("</td>", out);
}

void html_verdicts(FILE *out, json_object *v, enum report_lang lang)
{
	fputs("<table><tr>", out);
	html_th(out, lang, "条項", "Clause");
	html_th(out, lang, "判定", "Verdict");
	html_th(out, lang, "理由", "Reasons");
	fputs("</tr>\n", out);
	for (size_t i = 0; i < html_len(v); i++) {
		json_object *e = json_object_array_get_idx(v, i), *r = html_obj(e, "reasons");

		fputs("<tr><td>", out);
		html_esc(out, html_get(e, "clause"));
		fputs("</td>", out);
		html_verdict_cell(out, lang, html_get(e, "verdict"));
		fputs("<td>", out);
		for (size_t k = 0; k < html_len(r); k++) {
			json_object *x = json_object_array_get_idx(r, k);
			fputs("<div>", out);
			html_label(out, lang, html_get(x, "ja"), html_get(x, "en"));
			fputs("</div>", out);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

void html_findings(FILE *out, json_object *items, enum report_lang lang)
{
	fputs("<table><tr>", out);
	html_th(out, lang, "規則", "Rule");
	html_th(out, lang, "重大度", "Severity");
	html_th(out, lang, "場所", "Location");
	html_th(out, lang, "アカウント", "Account");
	html_th(out, lang, "秘密（伏字・指紋）", "Secret (redacted, fingerprint)");
	fputs("</tr>\n", out);
	for (size_t i = 0; i < html_len(items); i++) {
		json_object *e = json_object_array_get_idx(items, i), *s = html_obj(e, "secret");

		fputs("<tr><td>", out);
		html_esc(out, html_get(e, "rule"));
		if (json_object_get_boolean(html_obj(e, "backup")))
			html_label(out, lang, "（バックアップ）", "(backup)");
		fputs("</td><td>", out);
		html_esc(out, html_get(e, "severity"));
		if (json_object_get_boolean(html_obj(e, "confirmed")))
			fputs(" <b>CONFIRMED</b>", out);
		fputs("</td><td class=\"mono\">", out);
		html_esc(out, html_get(e, "path"));
		if (html_obj(e, "line")) {
			fputs(":", out);
			html_esc(out, html_get(e, "line"));
		} else {
			fputs(" @", out);
			html_esc(out, html_get(e, "offset"));
		}
		fputs("</td><td>", out);
		html_esc(out, html_get(e, "account"));
		fputs("</td><td class=\"mono\">", out);
		html_esc(out, html_get(s, "redacted"));
		fputs(" ", out);
		html_esc(out, html_get(s, "fingerprint"));
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

void html_strings(FILE *out, json_object *a)
{
	for (size_t k = 0; k < html_len(a); k++) {
		html_esc(out, json_object_get_string(json_object_array_get_idx(a, k)));
		fputs(k + 1 < html_len(a) ? ", " : "", out);
	}
}

void html_notes(FILE *out, enum report_lang lang, const char *ja, const char *en, json_object *msgs)
{
	if (html_len(msgs) == 0)
		return;
	fputs("<h2>", out);
	html_label(out, lang, ja, en);
	fputs("</h2>\n<ul class=\"mono\">\n", out);
	for (size_t i = 0; i < html_len(msgs); i++) {
		fputs("<li>", out);
		html_esc(out, json_object_get_string(json_object_array_get_idx(msgs, i)));
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
}

int html_close(FILE *out, enum report_lang lang)
{
	fputs("<footer>", out);
	html_label(out, lang,
	           "本報告書に秘密情報は含まれない。発見した秘密は伏字と指紋（監査した"
	           "インストールの鍵による HMAC-SHA-256）のみで示す。"
	           "JSON ファイルの SHA-256 を上記と照合すること（sha256sum）。",
	           "This report holds no secret: found secrets are shown only redacted and "
	           "fingerprinted (HMAC-SHA-256 under the auditing installation's key). Check the "
	           "JSON file against the SHA-256 above (sha256sum).");
	fputs("</footer>\n</body>\n</html>\n", out);
	return ferror(out) ? -EIO : 0;
}
