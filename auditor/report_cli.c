/* -o and --lang for the report commands. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditor/report_cli.h"

static int ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

int report_output_paths(const char *const *names, int n, char **json, char **html)
{
	*json = *html = NULL;
	for (int i = 0; i < n; i++) {
		char **dst = ends_with(names[i], ".json")   ? json
		             : ends_with(names[i], ".html") ? html
		                                            : NULL;
		if (dst == NULL || *dst != NULL)
			goto fail;
		*dst = strdup(names[i]);
	}
	if (*json == NULL && *html != NULL) {
		size_t len = strlen(*html) - 5;
		*json = malloc(len + 6);
		if (*json != NULL)
			snprintf(*json, len + 6, "%.*s.json", (int)len, *html);
	}
	if (*json != NULL)
		return 0;
fail:
	free(*json);
	free(*html);
	*json = *html = NULL;
	return -1;
}

int report_parse_lang(const char *s, enum report_lang *lang)
{
	static const char *const names[] = {
	        [LANG_BOTH] = "both", [LANG_JA] = "ja", [LANG_EN] = "en"};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(s, names[i]) == 0) {
			*lang = (enum report_lang)i;
			return 0;
		}
	return 2;
}
