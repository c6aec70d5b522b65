/* Length and character classes (clause 3(1)③: "long enough ... mixing
 * upper- and lower-case letters, digits and symbols").
 *
 * Length is counted in Unicode code points after full-width folding.
 * Credits work as in pam_pwquality: a credit N >= 0 lets up to N characters
 * of that class lower the length requirement by one each; N < 0 requires at
 * least -N characters of that class. minlen below 6 counts as 6, as there. */
#include "config.h"

#include "policy/checks.h"

static int apply_credit(int credit, size_t count, enum policy_reason missing, uint32_t *reasons)
{
	if (credit >= 0)
		return count < (size_t)credit ? (int)count : credit;
	if (count < (size_t)-credit)
		*reasons |= REASON_BIT(missing);
	return 0;
}

uint32_t check_composition(const struct policy_settings *s, const struct pwtext *t)
{
	size_t count[4] = {0, 0, 0, 0}; /* lower, upper, digit, symbol */
	static const enum policy_reason missing[4] = {
	        REASON_MISSING_LOWER,
	        REASON_MISSING_UPPER,
	        REASON_MISSING_DIGIT,
	        REASON_MISSING_SYMBOL,
	};
	static const unsigned bits[4] = {CLASS_LOWER, CLASS_UPPER, CLASS_DIGIT, CLASS_SYMBOL};
	const int credits[4] = {s->lcredit, s->ucredit, s->dcredit, s->ocredit};
	uint32_t reasons = 0;
	int need = s->minlen < 6 ? 6 : s->minlen;
	int classes = 0;

	for (size_t i = 0; i < t->n; i++)
		for (int k = 0; k < 4; k++)
			if (t->cls[i] == bits[k])
				count[k]++;
	for (int k = 0; k < 4; k++) {
		need -= apply_credit(credits[k], count[k], missing[k], &reasons);
		if ((s->required_classes & bits[k]) && count[k] == 0)
			reasons |= REASON_BIT(missing[k]);
		if (count[k] > 0)
			classes++;
	}
	if (t->n < (size_t)(need > 0 ? need : 0))
		reasons |= REASON_BIT(REASON_TOO_SHORT);
	if (s->maxlen > 0 && t->n > (size_t)s->maxlen)
		reasons |= REASON_BIT(REASON_TOO_LONG);
	if (classes < s->minclass)
		reasons |= REASON_BIT(REASON_TOO_FEW_CLASSES);
	return reasons;
}
