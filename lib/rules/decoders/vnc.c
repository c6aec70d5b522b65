/* VNC passwords: ~/.vnc/passwd as vncpasswd writes it (8 bytes, and 8
 * more for a view-only password), "Password=" in .vnc connection files
 * and UltraVNC's "passwd=" (16 hex digits, 18 with a trailing byte). The
 * password, cut or NUL-padded to 8 bytes, is DES-encrypted under a key
 * every VNC implementation shares (the RFB protocol's d3des key, its
 * bits written in DES's order below): anyone can recover it. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <nettle/des.h>

#include "i18n.h"
#include "secure.h"
#include "rules/decoders/decode_util.h"

static const uint8_t vnc_key[DES_KEY_SIZE] = {0xe8, 0x4a, 0xd6, 0x60, 0xc4, 0x72, 0x1a, 0xe0};

static bool all_hex(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (hex_digit(p[i]) < 0)
			return false;
	return true;
}

static int vnc_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	uint8_t enc[DES_BLOCK_SIZE], clear[DES_BLOCK_SIZE];
	const unsigned char *t = in;
	size_t tlen = len, n = 0;
	struct des_ctx ctx;

	decoded_wipe(out);
	trim_value(&t, &tlen);
	if ((tlen == 16 || tlen == 18) && all_hex(t, 16)) { /* a setting's hex digits */
		for (size_t i = 0; i < 16; i += 2)
			enc[i / 2] = (uint8_t)(hex_digit(t[i]) << 4 | hex_digit(t[i + 1]));
	} else if (len == 8 || len == 16) { /* the passwd file's bytes, as they are */
		memcpy(enc, in, sizeof enc);
	} else {
		return decoded_reject(out);
	}
	des_set_key(&ctx, vnc_key);
	des_decrypt(&ctx, sizeof clear, clear, enc);
	secure_wipe(&ctx, sizeof ctx);
	secure_wipe(enc, sizeof enc);
	while (n < sizeof clear && clear[n] != '\0')
		n++;
	/* NUL padding only after the text; anything else was not written
	 * under the VNC key */
	for (size_t i = n; i < sizeof clear; i++)
		if (clear[i] != '\0')
			n = 0;
	if (n == 0 || decoded_take_text(out, clear, sizeof clear, n) < 0) {
		secure_wipe(clear, sizeof clear);
		return decoded_reject(out);
	}
	return decoded_verdict(out, SEV_HIGH, "vnc-des",
	                       _("VNC password: DES under the key every VNC implementation "
	                         "shares, recoverable"));
}

const struct decoder decoder_vnc = {
        "vnc", vnc_decode, N_("VNC password (passwd file, .vnc, ultravnc.ini): recovers it")};
