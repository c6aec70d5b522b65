/* Fuzz the reader of strings of text with escapes and their decoding
 * (lib/rules/escaped.c), which the engine runs on every file that is not
 * source code. Any bytes: no crash, no read past the input; each string
 * found lies inside it between two quotes, after the last one; the
 * decoded text is no longer than the string, and each byte's offset lies
 * inside it, in order. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/escaped.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct escaped_reader r;
	struct escaped_string s;
	size_t last = 0, max = size > 0 ? 1 + data[0] * 4u : 1;
	bool first = true;

	escaped_reader_init(&r, data, size);
	while (escaped_next(&r, 0, size, max, &s)) {
		unsigned char *out;
		uint32_t *at;
		size_t n = s.close - s.open - 1, m;

		if (s.close >= size || s.open >= s.close || data[s.open] != '"' ||
		    data[s.close] != '"' || s.close - s.open > max || (!first && s.open <= last))
			abort();
		first = false;
		last = s.close;
		out = malloc(n + 1);
		at = malloc((n + 1) * sizeof *at);
		if (out == NULL || at == NULL) {
			free(out);
			free(at);
			return 0;
		}
		m = escaped_decode(data + s.open + 1, n, out, at);
		if (m > n)
			abort();
		for (size_t i = 0; i < m; i++)
			if (at[i] >= n || (i > 0 && at[i] < at[i - 1]))
				abort();
		free(out);
		free(at);
	}
	return 0;
}
