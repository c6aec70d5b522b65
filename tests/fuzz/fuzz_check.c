/* libFuzzer target: policy_check() on arbitrary bytes. The input is
 * FLAGS NEW [\t OLD [\t USER [\t GECOS]]]; FLAGS picks which optional
 * checks run. The verdict must be consistent (score 0 when rejected,
 * 0..100 otherwise) and the call must never fail on any input. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy_settings s;
	struct policy_verdict v;
	struct policy_user user = {NULL, NULL};
	char *buf, *field[4] = {NULL, NULL, NULL, NULL}, *p;
	unsigned flags;

	if (size < 1 || size > 8192)
		return 0;
	flags = data[0];
	buf = malloc(size);
	if (buf == NULL)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	p = buf;
	for (int i = 0; i < 4 && p != NULL; i++) {
		field[i] = p;
		p = strchr(p, '\t');
		if (p != NULL)
			*p++ = '\0';
	}
	settings_init(&s);
	s.dictcheck = flags & 1;
	s.maxsequence = (flags >> 1) & 3;
	s.maxclassrepeat = (flags >> 3) & 3;
	s.usersubstr = (flags & 0x20) ? 4 : 0;
	s.minclass = (flags >> 6) & 3;
	s.badwords = strdup("acme widget");
	user.name = field[2];
	user.gecos = field[3];
	if (policy_check(&s, field[0], field[1], &user, &v) != 0)
		abort();
	if (v.score < 0 || v.score > 100 || (v.reasons != 0 && v.score != 0))
		abort();
	settings_free(&s);
	free(buf);
	return 0;
}
