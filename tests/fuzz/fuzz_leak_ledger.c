/* Fuzz target: the leak ledger reader (leak_ledger_parse) on hostile text,
 * as a damaged, truncated or tampered ledger would hold. It must never
 * crash, keep at most LEAK_LEDGER_EVENTS_MAX events, report each line it
 * skips with a line number that exists, and keep only events that have a
 * user, a source, a valid id and an RFC 3339 time. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "events/leak_ledger.h"
#include "events/leak_state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	unsigned long lines, last, warned;
};

static void warn(void *ctx, unsigned long line, const char *what)
{
	struct seen *s = ctx;

	if (line == 0 || line > s->lines || line < s->last || what == NULL || *what == '\0')
		abort();
	s->last = line;
	s->warned++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct leak_ledger l = {0};
	struct seen s = {0};
	bool ambiguous;

	for (size_t i = 0; i < size; i++)
		s.lines += data[i] == '\n';
	s.lines++;
	if (leak_ledger_parse(&l, (const char *)data, size, warn, &s) != 0)
		abort();
	if (l.n > LEAK_LEDGER_EVENTS_MAX || s.warned != l.bad_lines)
		abort();
	for (size_t i = 0; i < l.n; i++) {
		const struct leak_entry *e = &l.v[i];
		const char *id = leak_field(e->event, "id");

		if (leak_field(e->event, "user") == NULL ||
		    leak_field(e->event, "source") == NULL || id == NULL ||
		    strlen(id) != LEAK_EVENT_ID_LEN - 1)
			abort();
		if (leak_ledger_find(&l, id, &ambiguous) != e)
			abort();
	}
	leak_ledger_free(&l);
	return 0;
}
