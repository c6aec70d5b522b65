/* libFuzzer target: the settings parser. Any input must give 0 or an
 * error naming a line within the input, never a crash or a leak; the
 * first line is also tried as a module argument. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy_settings s;
	struct settings_error err;
	char arg[SETTINGS_MAX_LINE + 1];
	size_t lines = 1, n;
	int r;

	settings_init(&s);
	r = settings_parse_buffer(&s, "fuzz.conf", (const char *)data, size, &err);
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (r != 0 && (err.line == 0 || err.line > lines || err.msg[0] == '\0'))
		abort();
	if (r == 0 && (s.minclass < 0 || s.minclass > 4 || s.n_breach_index > SETTINGS_MAX_INDEXES))
		abort();
	for (int k = 0; k < REASON__COUNT; k++) {
		char msg[256];
		if (policy_reason_message((enum policy_reason)k, &s, msg, sizeof msg) == NULL)
			abort();
	}
	settings_free(&s);

	n = 0;
	while (n < size && n < SETTINGS_MAX_LINE && data[n] != '\n' && data[n] != '\0')
		n++;
	memcpy(arg, data, n);
	arg[n] = '\0';
	settings_init(&s);
	r = settings_apply(&s, arg, &err);
	if (r != 0 && err.msg[0] == '\0')
		abort();
	settings_free(&s);
	return 0;
}
