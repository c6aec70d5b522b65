/* Fuzz the reader of one host's results (credaudit fleet-report): the
 * input is the host's files -- host-status.json, report.json, scan.json,
 * accounts.json -- separated by lines "===" (a file after the last
 * separator is absent; an empty host-status.json too). Any bytes must give
 * a host entry with a known status, a message when it failed, valid UTF-8
 * JSON, and an HTML page, never a crash. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "report/fleet.h"

#define SEP "\n===\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void split(const char *s, size_t len, struct fleet_file *v[4])
{
	for (int i = 0; i < 4; i++) {
		const char *end = memmem(s, len, SEP, sizeof SEP - 1);
		size_t n = end != NULL ? (size_t)(end - s) : len;

		v[i]->data = s;
		v[i]->len = n;
		v[i]->err = i == 0 && n == 0 ? -ENOENT : 0;
		if (end == NULL) {
			for (int k = i + 1; k < 4; k++)
				v[k]->err = -ENOENT;
			return;
		}
		s = end + sizeof SEP - 1;
		len -= n + sizeof SEP - 1;
	}
}

static void check_entry(json_object *e)
{
	const char *st = json_object_get_string(json_object_object_get(e, "status"));
	json_object *msg = json_object_object_get(e, "message"), *back;
	json_tokener *tok;
	const char *text;

	if (st == NULL ||
	    (strcmp(st, "ok") != 0 && strcmp(st, "unreachable") != 0 && strcmp(st, "failed") != 0))
		abort();
	if (strcmp(st, "failed") == 0 && (msg == NULL || json_object_get_string_len(msg) == 0))
		abort();
	/* what is written parses back as strict, valid UTF-8 JSON */
	text = json_object_to_json_string_ext(e, JSON_C_TO_STRING_PLAIN);
	tok = json_tokener_new();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	back = json_tokener_parse_ex(tok, text, (int)strlen(text));
	if (back == NULL)
		abort();
	json_object_put(back);
	json_tokener_free(tok);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fleet_files f;
	struct fleet_file *v[4] = {&f.status, &f.report, &f.scan, &f.accounts};
	json_object *e, *doc, *hosts;
	char note[1024];
	FILE *out;

	memset(&f, 0, sizeof f);
	split((const char *)data, size, v);
	e = fleet_host_parse("fuzz", "/results/fuzz", &f, note, sizeof note);
	if (e == NULL)
		return 0;
	check_entry(e);
	/* the page escapes whatever the host sent */
	doc = json_object_new_object();
	hosts = json_object_new_array();
	json_object_array_add(hosts, e);
	json_object_object_add(doc, "hosts", hosts);
	out = fopen("/dev/null", "w");
	if (out != NULL) {
		fleet_html(out, json_object_to_json_string(doc), "0", "fleet.json", LANG_BOTH);
		fclose(out);
	}
	json_object_put(doc);
	return 0;
}
