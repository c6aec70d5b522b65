/* What credaudit report and credaudit fleet-report share on the command
 * line: -o FILE.json and/or FILE.html, and --lang. */
#ifndef CREDPOLICY_AUDITOR_REPORT_CLI_H
#define CREDPOLICY_AUDITOR_REPORT_CLI_H

#include "report/html_page.h"

/* The -o names (n of them, at most two): one .json, one .html, or a .html
 * alone, whose .json is written beside it. 0 with *json (and *html, or
 * NULL) malloc'd, or -1 with both NULL. */
int report_output_paths(const char *const *names, int n, char **json, char **html);

/* "both", "ja" or "en": 0 with *lang set, or 2 (usage). */
int report_parse_lang(const char *s, enum report_lang *lang);

#endif
