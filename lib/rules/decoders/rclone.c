/* rclone.conf "pass = ..." (and "password2", "client_secret" when
 * obscured): `rclone obscure` encrypts with AES-256-CTR under a key
 * published in rclone's source (fs/config/obscure), a random 16-byte IV
 * in front, and unpadded URL-safe base64. Anyone can reveal it, so the
 * password is recoverable. rclone's own configuration encryption
 * (RCLONE_ENCRYPT_V0) is a different thing and is not handled here. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <nettle/aes.h>
#include <nettle/ctr.h>

#include "i18n.h"
#include "secure.h"
#include "rules/decoders/decode_util.h"

static const unsigned char rclone_key[AES256_KEY_SIZE] = {
        0x9c, 0x93, 0x5b, 0x48, 0x73, 0x0a, 0x55, 0x4d, 0x6b, 0xfd, 0x7c,
        0x63, 0xc8, 0x86, 0xa9, 0x2b, 0xd3, 0x90, 0x19, 0x8e, 0xb8, 0x12,
        0x8a, 0xfb, 0xf4, 0xde, 0x16, 0x2b, 0x8b, 0x95, 0xf6, 0x38,
};

static int rclone_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char buf[AES_BLOCK_SIZE + DECODED_MAX], clear[DECODED_MAX];
	struct aes256_ctx ctx;
	ssize_t n;

	decoded_wipe(out);
	trim_value(&in, &len);
	/* Unpadded URL-safe base64 only: '+', '/' or '=' is something else. */
	for (size_t i = 0; i < len; i++)
		if (in[i] == '+' || in[i] == '/' || in[i] == '=' || in[i] <= ' ')
			return decoded_reject(out);
	n = base64_decode_buf(in, len, buf, sizeof buf);
	if (n <= AES_BLOCK_SIZE)
		return decoded_reject(out);
	aes256_set_encrypt_key(&ctx, rclone_key);
	/* buf holds IV || ciphertext; CTR advances the IV copy in place. */
	ctr_crypt(&ctx, (nettle_cipher_func *)aes256_encrypt, AES_BLOCK_SIZE, buf,
	          (size_t)n - AES_BLOCK_SIZE, clear, buf + AES_BLOCK_SIZE);
	secure_wipe(&ctx, sizeof ctx);
	secure_wipe(buf, sizeof buf);
	/* One that does not decode to text was written in the obscured form
	 * all the same (under rclone's "pass"): stored, not shown recovered. */
	if (decoded_take_text(out, clear, sizeof clear, (size_t)n - AES_BLOCK_SIZE) < 0)
		return decoded_verdict(out, SEV_HIGH, "rclone-obscured",
		                       _("rclone obscured form that does not decode to text: a "
		                         "stored password, obscured"));
	return decoded_verdict(
	        out, SEV_HIGH, "rclone-obscured",
	        _("rclone obscured password: the key is public, the password is recoverable"));
}

const struct decoder decoder_rclone = {"rclone", rclone_decode,
                                       N_("rclone obscured 'pass': recovers the password")};
