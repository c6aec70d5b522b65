/* What the report pages share (the disposal report, the fleet report):
 * one self-contained HTML page -- inline CSS, no script, no external
 * asset -- in Japanese and English, that prints on A4. Everything taken
 * from the JSON is escaped. The pages are rendered from the JSON text, so
 * the readers below take json-c objects and never fail: a missing key
 * reads as "" (or NULL, or an empty array). */
#ifndef CREDPOLICY_REPORT_HTML_PAGE_H
#define CREDPOLICY_REPORT_HTML_PAGE_H

#include <stddef.h>
#include <stdio.h>

enum report_lang { LANG_BOTH, LANG_JA, LANG_EN };

struct json_object;

/* s with < > & " ' as entities (NULL writes nothing). */
void html_esc(FILE *out, const char *s);

/* A label in the chosen language(s): <span lang=ja> and <span lang=en>. */
void html_label(FILE *out, enum report_lang lang, const char *ja, const char *en);
/* One table header cell holding html_label()'s text. */
void html_th(FILE *out, enum report_lang lang, const char *ja, const char *en);

/* o[k] as a string ("" when missing or null), as an object (NULL), and
 * the length of an array (0 when a is not one). */
const char *html_get(struct json_object *o, const char *k);
struct json_object *html_obj(struct json_object *o, const char *k);
size_t html_len(struct json_object *a);

/* <tr><th>label</th><td>v</td></tr>, v in a monospace font when mono. */
void html_row2(FILE *out, enum report_lang lang, const char *ja, const char *en, const char *v,
               int mono);

/* From <!DOCTYPE html> to the <h1>: the <title> is title_ja/title_en and
 * " — subject", the heading h1_ja/h1_en. */
void html_open(FILE *out, enum report_lang lang, const char *title_ja, const char *title_en,
               const char *subject, const char *h1_ja, const char *h1_en);

/* A <td> for a verdict ("pass", "fail", anything else is "not assessed"),
 * coloured and labelled in both languages. */
void html_verdict_cell(FILE *out, enum report_lang lang, const char *verdict);

/* The verdicts table: clause, verdict, reasons {ja, en}. */
void html_verdicts(FILE *out, struct json_object *verdicts, enum report_lang lang);

/* A table of findings (rule, severity, location, account, redacted
 * secret and fingerprint), each as the scanner's JSON has it. */
void html_findings(FILE *out, struct json_object *items, enum report_lang lang);

/* The strings of the array a, escaped, separated by ", ". */
void html_strings(FILE *out, struct json_object *a);

/* Notes (an array of strings) under a heading; nothing when there are none. */
void html_notes(FILE *out, enum report_lang lang, const char *ja, const char *en,
                struct json_object *msgs);

/* The footer (nothing secret; check the JSON's SHA-256) and the end of
 * the page. Returns 0, or -EIO when out has an error. */
int html_close(FILE *out, enum report_lang lang);

#endif
