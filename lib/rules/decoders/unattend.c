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

static int unattend_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	static const char *const suffixes[] = {"AdministratorPassword", "Password"};
	unsigned char buf[2 * DECODED_MAX + 64], text[DECODED_MAX + 64];
	ssize_t n, t;
	size_t cut = 0;

	decoded_wipe(out);
	trim_value(&in, &len);
	n = base64_decode_buf(in, len, buf, sizeof buf);
	t = n > 0 ? utf16le_to_utf8(buf, (size_t)n, text, sizeof text) : -1;
	secure_wipe(buf, sizeof buf);
	for (size_t i = 0; t > 0 && cut == 0 && i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t s = strlen(suffixes[i]);
		if ((size_t)t >= s && memcmp(text + t - (ssize_t)s, suffixes[i], s) == 0)
			cut = s;
	}
	/* not the encoded form; or the name alone, a blank password: no
	 * password is stored */
	if (cut == 0 || (size_t)t == cut) {
		secure_wipe(text, sizeof text);
		return decoded_reject(out);
	}
	if (decoded_take_text(out, text, sizeof text, (size_t)t - cut) < 0)
		return -EINVAL;
	return decoded_verdict(out, SEV_CRITICAL, "unattend-base64",
	                       _("Windows answer file password: base64 of the text and the "
	                         "element's name, recoverable"));
}

const struct decoder decoder_unattend = {
        "unattend", unattend_decode,
        N_("Windows answer file <Value> with PlainText false: recovers the password")};
