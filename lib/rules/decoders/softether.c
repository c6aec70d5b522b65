/* SoftEther VPN Client's stored plain password (vpn_client.config,
 * an exported .vpn connection setting): an account with "standard
 * password authentication" keeps the password itself, written as
 * "byte EncryptedPassword BASE64". The bytes are the password under RC4
 * with a key fixed in the program: the leading bytes of the text
 * "EncryptPassword", as many as a pointer has (8 on 64-bit builds, 4 on
 * 32-bit ones; EncryptPassword() in SoftEther's Client.c). Anyone can
 * reverse it, so the password is recoverable. The decoder tries both keys
 * and keeps the one that gives printable text. */
#include "config.h"

#include <errno.h>

#include <nettle/arcfour.h>

#include "i18n.h"
#include "secure.h"
#include "rules/decoders/decode_util.h"

static const char softether_key[] = "EncryptPassword";

/* RC4 (nettle's ARCFOUR) of n bytes of in into out with the key's first
 * keylen bytes. */
static void softether_rc4(size_t keylen, const unsigned char *in, unsigned char *out, size_t n)
{
	struct arcfour_ctx ctx;

	arcfour_set_key(&ctx, keylen, (const uint8_t *)softether_key);
	arcfour_crypt(&ctx, n, out, in);
	secure_wipe(&ctx, sizeof ctx);
}

static int softether_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	static const size_t keylens[] = {8, 4};
	unsigned char raw[DECODED_MAX], clear[DECODED_MAX];
	ssize_t n;
	int rc = -EINVAL;

	decoded_wipe(out);
	trim_value(&in, &len);
	n = base64_decode_buf(in, len, raw, sizeof raw);
	for (size_t k = 0; n > 0 && k < sizeof keylens / sizeof keylens[0]; k++) {
		softether_rc4(keylens[k], raw, clear, (size_t)n);
		if (printable_text(clear, (size_t)n)) {
			rc = decoded_take_text(out, clear, sizeof clear, (size_t)n);
			break;
		}
	}
	secure_wipe(raw, sizeof raw);
	secure_wipe(clear, sizeof clear);
	if (rc < 0)
		return decoded_reject(out);
	return decoded_verdict(
	        out, SEV_HIGH, "softether-rc4",
	        _("SoftEther VPN client password under a key fixed in the program: recoverable"));
}

const struct decoder decoder_softether = {"softether", softether_decode,
                                          N_("SoftEther VPN Client's EncryptedPassword (RC4 with a "
                                             "fixed key): recovers the password")};
