/* Group Policy Preferences files under a domain controller's SYSVOL
 * (Groups.xml, Services.xml, ScheduledTasks.xml, DataSources.xml,
 * Drives.xml, Printers.xml) and their copies in backups: the "cpassword"
 * attribute is AES-256-CBC with a zero IV under a key Microsoft published
 * in the protocol's specification ([MS-GPPREF] 2.2.1.1.4), the clear
 * text in UTF-16LE with PKCS#7 padding, in base64 that often lacks its
 * padding. Every domain user can read SYSVOL (MS14-025): the password is
 * recoverable. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <nettle/aes.h>
#include <nettle/cbc.h>

#include "i18n.h"
#include "secure.h"
#include "rules/decoders/decode_util.h"

static const uint8_t gpp_key[AES256_KEY_SIZE] = {
        0x4e, 0x99, 0x06, 0xe8, 0xfc, 0xb6, 0x6c, 0xc9, 0xfa, 0xf4, 0x93,
        0x10, 0x62, 0x0f, 0xfe, 0xe8, 0xf4, 0x96, 0xe8, 0x06, 0xcc, 0x05,
        0x79, 0x90, 0x20, 0x9b, 0x09, 0xa4, 0x33, 0xb6, 0x6c, 0x1b,
};

/* The clear length once PKCS#7 padding is off; -1 when it is not there. */
static ssize_t unpad(const unsigned char *p, size_t n)
{
	unsigned char pad = n > 0 ? p[n - 1] : 0;

	if (pad == 0 || pad > AES_BLOCK_SIZE || pad > n)
		return -1;
	for (size_t i = n - pad; i < n; i++)
		if (p[i] != pad)
			return -1;
	return (ssize_t)(n - pad);
}

static int gpp_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char buf[2 * DECODED_MAX + AES_BLOCK_SIZE], clear[sizeof buf], text[DECODED_MAX];
	uint8_t iv[AES_BLOCK_SIZE] = {0};
	struct aes256_ctx ctx;
	ssize_t n, c, t;

	decoded_wipe(out);
	trim_value(&in, &len);
	n = base64_decode_buf(in, len, buf, sizeof buf);
	if (n < AES_BLOCK_SIZE || n % AES_BLOCK_SIZE != 0) {
		secure_wipe(buf, sizeof buf);
		return decoded_reject(out);
	}
	aes256_set_decrypt_key(&ctx, gpp_key);
	cbc_decrypt(&ctx, (nettle_cipher_func *)aes256_decrypt, AES_BLOCK_SIZE, iv, (size_t)n,
	            clear, buf);
	secure_wipe(&ctx, sizeof ctx);
	secure_wipe(buf, sizeof buf);
	c = unpad(clear, (size_t)n);
	t = c > 0 ? utf16le_to_utf8(clear, (size_t)c, text, sizeof text) : -1;
	secure_wipe(clear, sizeof clear);
	/* in the attribute's place but not under the published key: stored
	 * all the same, not shown recovered */
	if (t <= 0 || decoded_take_text(out, text, sizeof text, (size_t)t) < 0) {
		secure_wipe(text, sizeof text);
		return decoded_verdict(out, SEV_HIGH, "gpp-cpassword",
		                       _("Group Policy Preferences cpassword that does not decrypt "
		                         "under the published key: a stored password, encrypted"));
	}
	return decoded_verdict(out, SEV_CRITICAL, "gpp-cpassword",
	                       _("Group Policy Preferences cpassword: the AES key is published "
	                         "(MS14-025), the password is recoverable"));
}

const struct decoder decoder_gpp_cpassword = {
        "gpp-cpassword", gpp_decode,
        N_("Group Policy Preferences 'cpassword': recovers the password (published key)")};
