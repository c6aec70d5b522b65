/* Fuzz the reader of strings of text with escapes and their decoding
 * (lib/rules/escaped.c), which the engine runs on every file that is not
 * source code. Any bytes: no crash, no read past the input; each string
 * found lies inside it between two quotes, after the last one; the
 * decoded text is no longer than the string, and each byte's offset lies
 * inside it, in order. The window, the start inside a line and max vary. */
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
	/* the bytes after the first pick the window and where reading starts */
	size_t from = size > 1 ? data[1] % (size + 1) : 0;
	size_t until = size > 2 ? from + data[2] * 16u : size;
	bool first = true;

	escaped_reader_init(&r, data, size, size > 3 && (data[3] & 1));
	while (escaped_next(&r, from, until, max, &s)) {
		size_t bs = 0;
		unsigned char *out;
		uint32_t *at;
		size_t n = s.close - s.open - 1, m;

		if (s.close >= size || s.open >= s.close || data[s.open] != '"' ||
		    data[s.close] != '"' || s.close - s.open > max || (!first && s.open <= last) ||
		    s.open >= until || s.close <= from ||
		    memchr(data + s.open, '\n', s.close - s.open))
			abort();
		/* the closing quote is no escaped one */
		while (bs < s.close - s.open - 1 && data[s.close - 1 - bs] == '\\')
			bs++;
		if (bs % 2 != 0)
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
