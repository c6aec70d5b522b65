/* FileZilla site manager and recent servers (sitemanager.xml,
 * recentservers.xml, filezilla.xml): <Pass encoding="base64">...</Pass>
 * is the password in base64; <Pass>...</Pass> without an encoding (old
 * versions) is the password itself, XML-escaped; encoding="crypt" means
 * FileZilla's master password protects it. The decoder takes the <Pass>
 * element or, when a rule extracts only the value, the base64 text. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "i18n.h"
#include "rules/decoders/decode_util.h"

/* Undo the five predefined XML entities; -1 on a malformed entity. */
static ssize_t xml_unescape(const unsigned char *in, size_t len, unsigned char *out, size_t outlen)
{
	static const struct {
		const char *ent;
		char c;
	} ents[] = {
	        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
	size_t n = 0;

	for (size_t i = 0; i < len;) {
		unsigned char c = in[i];
		size_t adv = 1;

		if (c == '&') {
			size_t k;

			for (k = 0; k < sizeof ents / sizeof ents[0]; k++) {
				size_t el = strlen(ents[k].ent);

				if (len - i >= el && memcmp(in + i, ents[k].ent, el) == 0) {
					c = (unsigned char)ents[k].c;
					adv = el;
					break;
				}
			}
			if (k == sizeof ents / sizeof ents[0])
				return -EINVAL;
		}
		if (n >= outlen)
			return -EINVAL;
		out[n++] = c;
		i += adv;
	}
	return (ssize_t)n;
}

static int filezilla_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char clear[DECODED_MAX];
	const unsigned char *val, *end;
	size_t vlen;
	bool base64 = true;
	ssize_t n;

	decoded_wipe(out);
	trim_value(&in, &len);
	val = in;
	vlen = len;
	if (len >= 6 && memcmp(in, "<Pass", 5) == 0 && (in[5] == '>' || in[5] == ' ')) {
		const unsigned char *gt = memchr(in, '>', len);

		if (gt == NULL)
			return decoded_reject(out);
		/* The attributes sit between "<Pass" and '>'. */
		if (find_ci(in, (size_t)(gt - in), "encoding=\"crypt\"") != NULL) {
			out->severity = SEV_MEDIUM;
			decoded_scheme(out, "filezilla-master-password");
			decoded_note(
			        out, "%s",
			        _("FileZilla saved password, encrypted with a master password"));
			return 0;
		}
		base64 = find_ci(in, (size_t)(gt - in), "encoding=\"base64\"") != NULL;
		val = gt + 1;
		end = find_ci(val, len - (size_t)(val - in), "</Pass>");
		if (end == NULL)
			return decoded_reject(out);
		vlen = (size_t)(end - val);
	}
	if (base64)
		n = base64_decode_buf(val, vlen, clear, sizeof clear);
	else
		n = xml_unescape(val, vlen, clear, sizeof clear);
	if (n <= 0)
		return decoded_take_text(out, clear, sizeof clear, 0);
	if (decoded_take_text(out, clear, sizeof clear, (size_t)n) < 0)
		return -EINVAL;
	return decoded_verdict(
	        out, SEV_HIGH, base64 ? "filezilla-base64" : "filezilla-plain",
	        base64 ? _("FileZilla saved password in base64: the password is recoverable")
	               : _("FileZilla saved password in clear text"));
}

const struct decoder decoder_filezilla = {
        "filezilla", filezilla_decode,
        N_("FileZilla <Pass> element or its base64 value: recovers the password")};
