/* Junos "$9$" secrets (BGP/OSPF keys, RADIUS secrets, archive-site
 * passwords: everything Junos must be able to use in clear).
 *
 * The scheme is a keyless substitution published in Kevin Brintnall's
 * Crypt::Juniper: a 65-letter alphabet in four "families"; the first
 * letter is a salt whose family says how many random letters follow;
 * then each clear byte becomes 2-4 letters whose distances ("gaps") along
 * the alphabet, weighted by a repeating table of seven weight sets, sum to
 * the byte. Decoding walks the gaps back. An encoder never produces a gap
 * below 0 or a sum above 255, so those reject the input. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "i18n.h"
#include "rules/decoders/decode_util.h"

static const char *const juniper_family[] = {
        "QzF3n6/9CAtpu0O",
        "B1IREhcSyrleKvMW8LXx",
        "7N-dVbwsY2g4oaJZGUDj",
        "iHkq.mPf5T",
};
#define JUNIPER_ALPHA 65

static const unsigned char juniper_weights[7][4] = {
        {1, 4, 32}, {1, 16, 32}, {1, 8, 32}, {1, 64}, {1, 32}, {1, 4, 16, 128}, {1, 32, 64},
};
static const unsigned char juniper_nweights[7] = {3, 3, 3, 2, 2, 4, 3};

/* Position of c in the alphabet (families concatenated), and through
 * *extra how many random letters follow it as a salt; -1 if not a letter
 * of the alphabet. */
static int juniper_index(unsigned char c, size_t *extra)
{
	int base = 0;

	for (size_t f = 0; f < 4; f++) {
		const char *p = c != '\0' ? strchr(juniper_family[f], c) : NULL;

		if (p != NULL) {
			if (extra != NULL)
				*extra = 3 - f;
			return base + (int)(p - juniper_family[f]);
		}
		base += (int)strlen(juniper_family[f]);
	}
	return -1;
}

static int juniper9_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char clear[DECODED_MAX];
	size_t pos, extra, n = 0;
	int prev;

	decoded_wipe(out);
	trim_value(&in, &len);
	if (len < 3 || memcmp(in, "$9$", 3) != 0)
		return decoded_reject(out);
	pos = 3;
	if (pos >= len || (prev = juniper_index(in[pos], &extra)) < 0)
		return decoded_reject(out);
	pos++;
	for (size_t i = 0; i < extra; i++, pos++)
		if (pos >= len || juniper_index(in[pos], NULL) < 0)
			return decoded_reject(out);
	while (pos < len) {
		size_t set = n % 7, k = juniper_nweights[set];
		int sum = 0;

		if (len - pos < k || n >= sizeof clear)
			goto reject;
		for (size_t j = 0; j < k; j++) {
			int cur = juniper_index(in[pos + j], NULL), gap;

			if (cur < 0)
				goto reject;
			gap = (cur - prev + JUNIPER_ALPHA) % JUNIPER_ALPHA - 1;
			if (gap < 0)
				goto reject;
			sum += gap * juniper_weights[set][j];
			prev = cur;
		}
		if (sum > 255)
			goto reject;
		clear[n++] = (unsigned char)sum;
		pos += k;
	}
	if (decoded_take_text(out, clear, sizeof clear, n) < 0)
		return -EINVAL;
	return decoded_verdict(out, SEV_HIGH, "juniper-type9",
	                       _("Junos $9$ is reversible: the secret is recoverable"));
reject:
	return decoded_take_text(out, clear, sizeof clear, 0);
}

const struct decoder decoder_juniper9 = {"juniper9", juniper9_decode,
                                         N_("Junos $9$ secret: recovers it")};
