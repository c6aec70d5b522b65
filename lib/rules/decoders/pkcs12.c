/* PKCS#12 (PFX) key stores: .p12 and .pfx files, Java and Windows
 * exports, cloud service-account keys. RFC 7292: a PFX is
 *   SEQUENCE { INTEGER 3, ContentInfo authSafe, MacData OPTIONAL }
 * and authSafe's content type is data (1.2.840.113549.1.7.1) or, for
 * public-key integrity, signedData (1.2.840.113549.1.7.2). The decoder is
 * given the start of the file (the rule captures at most a kilobyte): it
 * checks the version and the content type, and that the file is not cut
 * short of the length its outer SEQUENCE declares when the whole file is
 * in view. The private keys inside are encrypted under the store's
 * password, which is often a vendor default ("notasecret", "changeit",
 * empty), so a store is reported at medium: the keys are stored, behind a
 * password that cannot be judged from here. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "i18n.h"
#include "rules/decoders/decode_util.h"

/* What the rule captures at most after the first 8 bytes. */
#define PFX_VIEW 1000

/* A DER tag and length at p[*pos]; *pos moves past them. Lengths of up to
 * 3 bytes (16 MiB); false on anything else. */
static bool der_tl(const unsigned char *p, size_t n, size_t *pos, unsigned tag, size_t *len)
{
	size_t i = *pos, k;

	if (i + 2 > n || p[i] != tag)
		return false;
	k = p[i + 1];
	i += 2;
	if (k < 0x80) {
		*len = k;
	} else {
		k -= 0x80;
		if (k == 0 || k > 3 || i + k > n)
			return false;
		*len = 0;
		for (size_t j = 0; j < k; j++)
			*len = *len << 8 | p[i + j];
		i += k;
	}
	*pos = i;
	return true;
}

static int pkcs12_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	static const unsigned char pkcs7[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07};
	size_t pos = 0, outer, l, start;

	decoded_wipe(out);
	if (!der_tl(in, len, &pos, 0x30, &outer))
		return decoded_reject(out);
	start = pos;
	/* the whole file is in view and shorter than it says: cut short */
	if (len < PFX_VIEW && start + outer > len)
		return decoded_reject(out);
	if (!der_tl(in, len, &pos, 0x02, &l) || l != 1 || pos >= len || in[pos] != 3)
		return decoded_reject(out);
	pos++;
	if (!der_tl(in, len, &pos, 0x30, &l) || !der_tl(in, len, &pos, 0x06, &l) ||
	    l != sizeof pkcs7 + 1 || pos + l > len || memcmp(in + pos, pkcs7, sizeof pkcs7) != 0 ||
	    (in[pos + sizeof pkcs7] != 1 && in[pos + sizeof pkcs7] != 2))
		return decoded_reject(out);
	return decoded_verdict(out, SEV_MEDIUM, "pkcs12",
	                       _("PKCS#12 key store: private keys under a password, often a "
	                         "vendor default"));
}

const struct decoder decoder_pkcs12 = {
        "pkcs12", pkcs12_decode,
        N_("start of a PKCS#12 (.p12, .pfx) file: version 3 and its content type")};
