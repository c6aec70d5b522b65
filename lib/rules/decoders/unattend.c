/* Windows unattended-setup answer files (unattend.xml, autounattend.xml,
 * sysprep.xml; Windows keeps copies under Panther): a password written
 * with <PlainText>false</PlainText> is base64 of its UTF-16LE text
 * followed by the element's name ("Password", "AdministratorPassword").
 * That is an encoding, not encryption: the password is recoverable. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "i18n.h"
#include "secure.h"
#include "rules/decoders/decode_util.h"

/* in holds base64(UTF-16LE(password + element)); the element is the
 * rule's, so a password that itself ends in a name is kept whole. */
static int decode_after(const unsigned char *in, size_t len, struct decoded *out,
                        const char *element)
{
	unsigned char buf[2 * DECODED_MAX + 64], text[DECODED_MAX + 64];
	size_t cut = strlen(element);
	ssize_t n, t;

	decoded_wipe(out);
	trim_value(&in, &len);
	n = base64_decode_buf(in, len, buf, sizeof buf);
	t = n > 0 ? utf16le_to_utf8(buf, (size_t)n, text, sizeof text) : -1;
	secure_wipe(buf, sizeof buf);
	/* not the encoded form; or the name alone, a blank password: no
	 * password is stored */
	if (t <= (ssize_t)cut || memcmp(text + t - (ssize_t)cut, element, cut) != 0) {
		secure_wipe(text, sizeof text);
		return decoded_reject(out);
	}
	if (decoded_take_text(out, text, sizeof text, (size_t)t - cut) < 0)
		return -EINVAL;
	return decoded_verdict(out, SEV_CRITICAL, "unattend-base64",
	                       _("Windows answer file password: base64 of the text and the "
	                         "element's name, recoverable"));
}

static int unattend_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	return decode_after(in, len, out, "Password");
}

static int unattend_admin_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	return decode_after(in, len, out, "AdministratorPassword");
}

const struct decoder decoder_unattend = {
        "unattend", unattend_decode,
        N_("Windows answer file <Password><Value> with PlainText false: recovers the password")};
const struct decoder decoder_unattend_admin = {
        "unattend-admin", unattend_admin_decode,
        N_("Windows answer file <AdministratorPassword><Value> with PlainText false: recovers "
           "the password")};
