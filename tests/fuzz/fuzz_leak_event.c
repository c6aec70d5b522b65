/* Fuzz target: leak_event_json() on hostile text (an admin's free-text
 * reason, a user name or a finding path from a scanned tree). The output
 * must always be one line of valid JSON whose strings are valid UTF-8 and
 * within the documented caps. The input is split at the first NUL into a
 * user name and a detail. */
#include "config.h"

#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "events/leak_event.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 2), *detail;
	struct leak_event ev = {
	        .event = "suspected_leak", .source = "admin_report", .action = "none"};
	json_object *o, *v;
	char *js;

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	buf[size + 1] = '\0';
	detail = buf + strlen(buf) + 1;
	ev.user = buf;
	ev.detail = detail;
	js = leak_event_json(&ev);
	if (js == NULL)
		abort();
	if (strchr(js, '\n') != NULL)
		abort();
	o = json_tokener_parse(js);
	if (o == NULL)
		abort();
	if (!json_object_object_get_ex(o, "detail", &v) ||
	    strlen(json_object_get_string(v)) > LEAK_EVENT_DETAIL_MAX)
		abort();
	if (!json_object_object_get_ex(o, "user", &v) ||
	    strlen(json_object_get_string(v)) > LEAK_EVENT_FIELD_MAX)
		abort();
	json_object_put(o);
	free(js);
	free(buf);
	return 0;
}
