/* Fuzz the baseline parser (credaudit scan --baseline FILE): any bytes
 * must give a baseline or an error naming a line, never a crash. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "scan/baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct baseline *b = NULL;
	char err[256];

	if (baseline_parse(&b, (const char *)data, size, "fuzz", err, sizeof err) == 0) {
		baseline_contains(b, "password-assignment", "sha256:0123456789abcdef",
		                  "etc/app.ini");
		baseline_free(b);
	}
	return 0;
}
