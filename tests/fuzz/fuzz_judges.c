/* Fuzz the judges the engine applies to every candidate: the identifier
 * splitter and field judge, the reference judge, the weak-value grader,
 * the path and content context, a patch's file headers and the tuple
 * reader. Any bytes: no crash, no read past the input, the splitter's
 * words lie inside the key and a tuple's value inside the name's line. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/field.h"
#include "rules/grading.h"
#include "rules/placeholder.h"
#include "rules/tuple.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct field_word w[FIELD_WORDS_MAX];
	size_t nw = field_split((const char *)data, size, w, FIELD_WORDS_MAX);
	char *path;

	for (size_t i = 0; i < nw; i++)
		if (w[i].len == 0 || w[i].at + w[i].len > size)
			abort();
	(void)field_names_credential((const char *)data, size);
	(void)field_names_key_only((const char *)data, size);
	(void)field_names_several((const char *)data, size);
	(void)is_placeholder(data, size);
	(void)is_code_reference(data, size);
	(void)is_not_expression(data, size);
	(void)is_location(data, size);
	/* a user:password pair, split at the middle */
	(void)is_fill_in_pair(data, size / 2, data + size / 2, size - size / 2);
	(void)is_field_echo(data, size / 2, data + size / 2, size - size / 2);
	(void)is_weak_value(data, size);
	(void)field_value_translates((const char *)data, size / 2, (const char *)data + size / 2,
	                             size - size / 2);
	/* a name chosen by the first two bytes, in each language's reading */
	if (size > 2) {
		size_t ks = data[0] % size, ke = ks + 1 + data[1] % 16, vs = 0, ve = 0;
		if (ke > size)
			ke = size;
		for (int lang = TUPLE_HASH; lang <= TUPLE_PERL; lang++)
			if (tuple_value(data, size, ks, ke, (enum tuple_lang)lang, &vs, &ve) ==
			            TUPLE_LITERAL &&
			    (vs > ve || ve > size || memchr(data + vs, '\n', ve - vs) != NULL))
				abort();
	}
	path = malloc(size + 1);
	if (path != NULL) {
		memcpy(path, data, size);
		path[size] = '\0';
		/* a root of any length, up to past the path's end */
		(void)context_of_path(path, 0);
		(void)context_of_path(path, size > 0 ? data[0] % (size + 2) : 0);
		(void)is_patch_path(path);
		free(path);
	}
	(void)context_of_content(CTX_CONFIG, "/src/x.pp", data, size);
	/* a patch's file headers: each lies inside the input, in order */
	{
		enum scan_context ctx;
		size_t at = 0, last = 0;
		while ((at = next_patched_file(data, size, at, &ctx)) < size) {
			if (at < last || at + 4 > size || memcmp(data + at, "+++ ", 4) != 0)
				abort();
			last = at;
			at += 4;
		}
	}
	return 0;
}
