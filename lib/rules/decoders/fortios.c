/* FortiGate (FortiOS) configuration secrets: "set passwd ENC ...",
 * "set psksecret ENC ...", HA "set password ENC ...".
 *
 * Non-administrator secrets are stored as base64 of a 4-byte IV and an
 * AES-128-CBC ciphertext under a key that is the same on every device
 * and public since CVE-2019-6693 (FG-IR-19-007): the IV is padded with
 * 12 zero bytes and the clear text with NUL bytes. They are recoverable.
 * Devices with "private-data-encryption enable" use their own key; such
 * a value does not decrypt to text and is reported as encrypted.
 * Administrator passwords ("ENC SH2...", "ENC AK1...") are salted SHA-256
 * and SHA-1 hashes, named as such. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <nettle/aes.h>
#include <nettle/cbc.h>

#include "i18n.h"
#include "secure.h"
#include "rules/decoders/decode_util.h"

static const char fortios_key[AES128_KEY_SIZE + 1] = "Mary had a littl";

/* The clear length: text followed only by NUL padding; -1 otherwise. */
static int nul_padded_text(const unsigned char *p, size_t n)
{
	size_t len = 0;

	while (len < n && p[len] != '\0')
		len++;
	for (size_t i = len; i < n; i++)
		if (p[i] != '\0')
			return -1;
	return len > 0 && printable_text(p, len) ? (int)len : -1;
}

static int fortios_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char buf[4 + DECODED_MAX], clear[DECODED_MAX];
	uint8_t iv[AES_BLOCK_SIZE] = {0};
	struct aes128_ctx ctx;
	ssize_t n;
	int clen;

	decoded_wipe(out);
	trim_value(&in, &len);
	if (len >= 3 && memcmp(in, "ENC", 3) == 0 && (len == 3 || in[3] == ' ')) {
		in += 3;
		len -= 3;
		trim_value(&in, &len);
	}
	if (len > 3 && (memcmp(in, "SH2", 3) == 0 || memcmp(in, "AK1", 3) == 0)) {
		bool sha256 = in[0] == 'S';

		/* base64 of a salt and the digest */
		if (base64_decode_buf(in + 3, len - 3, buf, sizeof buf) < 20)
			return decoded_reject(out);
		return decoded_verdict(out,
		                       hash_strength_severity(sha256 ? HASH_ACCEPTABLE : HASH_WEAK),
		                       sha256 ? "fortios-sh2" : "fortios-ak1",
		                       sha256 ? _("FortiOS administrator password: salted SHA-256")
		                              : _("FortiOS administrator password: salted SHA-1, "
		                                  "a weak hash scheme"));
	}
	n = base64_decode_buf(in, len, buf, sizeof buf);
	if (n < 4 + AES_BLOCK_SIZE || (n - 4) % AES_BLOCK_SIZE != 0)
		return decoded_reject(out);
	memcpy(iv, buf, 4);
	aes128_set_decrypt_key(&ctx, (const uint8_t *)fortios_key);
	cbc_decrypt(&ctx, (nettle_cipher_func *)aes128_decrypt, AES_BLOCK_SIZE, iv, (size_t)n - 4,
	            clear, buf + 4);
	secure_wipe(&ctx, sizeof ctx);
	secure_wipe(buf, sizeof buf);
	clen = nul_padded_text(clear, (size_t)n - 4);
	if (clen < 0) {
		secure_wipe(clear, sizeof clear);
		return decoded_verdict(out, SEV_MEDIUM, "fortios-enc-device-key",
		                       _("FortiOS ENC secret under a device-specific key "
		                         "(private-data-encryption)"));
	}
	if (decoded_take_text(out, clear, sizeof clear, (size_t)clen) < 0)
		return -EINVAL;
	return decoded_verdict(out, SEV_HIGH, "fortios-enc",
	                       _("FortiOS ENC uses a key published with CVE-2019-6693: "
	                         "the secret is recoverable"));
}

const struct decoder decoder_fortios_enc = {
        "fortios-enc", fortios_decode,
        N_("FortiGate 'set ... ENC' secret: recovers it (CVE-2019-6693 key), names admin hashes")};
