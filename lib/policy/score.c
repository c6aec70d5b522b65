/* A strength estimate 0..100 for accepted passwords (documented in
 * doc/config-reference.md):
 *
 *   pool  = 26 if there is a lower-case letter, + 26 upper-case, + 10 digit,
 *           + 33 ASCII symbol or space, + 100 any other character;
 *   L_eff = code points that neither repeat the previous one nor step
 *           one up or down from it (aaaa and abcd count once);
 *   score = min(100, floor(L_eff * log2(pool)))
 *
 * i.e. roughly the bits of a brute-force search over the character pool,
 * capped at 100. 12 varied characters from all four ASCII classes score 78. */
#include "config.h"

#include <math.h>

#include "policy/checks.h"

int policy_score(const struct pwtext *t)
{
	bool lower = false, upper = false, digit = false, ascii_sym = false, other = false;
	size_t eff = 0;
	double pool = 0, bits;

	for (size_t i = 0; i < t->n; i++) {
		uint32_t c = t->cp[i];

		switch (t->cls[i]) {
		case CLASS_LOWER:
			lower = true;
			break;
		case CLASS_UPPER:
			upper = true;
			break;
		case CLASS_DIGIT:
			digit = true;
			break;
		default:
			if (c < 0x80)
				ascii_sym = true;
			else
				other = true;
		}
		if (i == 0 || (c != t->cp[i - 1] && c != t->cp[i - 1] + 1 && c + 1 != t->cp[i - 1]))
			eff++;
	}
	pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (ascii_sym ? 33 : 0) +
	       (other ? 100 : 0);
	if (pool < 2)
		return 0;
	bits = (double)eff * log2(pool);
	return bits >= 100 ? 100 : (int)bits;
}
