/* GNOME Keyring files (~/.local/share/keyrings/NAME.keyring), the desktop
 * keyring of the "PCs must not remember passwords" part of clause 3(1)⑤.
 *
 * The binary format ("GnomeKeyring\n\r\0\n", documented in gnome-keyring's
 * docs/file-format.txt) keeps the item count in clear ahead of the
 * AES-128 encrypted items, whose key is derived from the keyring password
 * (usually the login password) by iterated SHA-256: we count the items
 * and report the iterations. A keyring whose password is empty is written
 * instead as plain text, an ini file starting "[keyring]" with each item's
 * "secret=" in clear: those secrets are recoverable and the first is
 * returned. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "bytes.h"
#include "i18n.h"
#include "rules/decoders/decode_util.h"

#define KEYRING_MAGIC     "GnomeKeyring\n\r\0\n"
#define KEYRING_MAGIC_LEN 16

static int binary_keyring(const unsigned char *in, size_t len, struct decoded *out)
{
	size_t pos = KEYRING_MAGIC_LEN + 4; /* version (2), crypto, hash */
	uint32_t name_len, iterations, items;

	if (len < pos + 4)
		return decoded_reject(out);
	name_len = read_be32(in + pos);
	pos += 4;
	if (name_len != UINT32_MAX) { /* NULL name */
		if (name_len > len - pos)
			return decoded_reject(out);
		pos += name_len;
	}
	/* ctime, mtime (8 each), flags, lock timeout, iterations, salt (8),
	 * reserved (16), then the item count. */
	if (len - pos < 8 + 8 + 4 + 4 + 4 + 8 + 16 + 4)
		return decoded_reject(out);
	iterations = read_be32(in + pos + 24);
	items = read_be32(in + pos + 52);
	/* Each item takes at least 12 bytes of the hashed part. */
	if (items > (len - pos - 56) / 12)
		return decoded_reject(out);
	out->count = items;
	if (items == 0) {
		out->not_a_secret = true;
		return decoded_verdict(out, SEV_INFO, "gnome-keyring",
		                       _("desktop keyring without items"));
	}
	decoded_scheme(out, "gnome-keyring");
	out->severity = iterations < 1000 ? SEV_MEDIUM : SEV_LOW;
	decoded_note(out,
	             _("desktop keyring, saved secrets: %u (AES-128 under the keyring password, "
	               "SHA-256 x %u)"),
	             items, iterations);
	return 0;
}

/* The plain-text form: "[keyring]" then one "[N]" section per item. */
static int plain_keyring(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned count = 0;

	for (size_t i = 0; i < len;) {
		const unsigned char *nl = memchr(in + i, '\n', len - i);
		size_t n = nl != NULL ? (size_t)(nl - (in + i)) : len - i;

		if (n > 7 && memcmp(in + i, "secret=", 7) == 0) {
			const unsigned char *v = in + i + 7;
			size_t vlen = n - 7;

			while (vlen > 0 && (v[vlen - 1] == '\r' || v[vlen - 1] == ' '))
				vlen--;
			if (vlen > 0 && count++ == 0 && decoded_set_secret(out, v, vlen) < 0)
				out->recoverable = false; /* too long to hold: still counted */
		}
		i += n + 1;
	}
	out->count = count;
	if (count == 0) {
		out->not_a_secret = true;
		return decoded_verdict(out, SEV_INFO, "gnome-keyring-plain",
		                       _("desktop keyring without items"));
	}
	decoded_scheme(out, "gnome-keyring-plain");
	out->severity = SEV_HIGH;
	decoded_note(out,
	             _("unencrypted desktop keyring (empty keyring password), saved secrets: "
	               "%u in clear text"),
	             count);
	return 0;
}

static int keyring_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	decoded_wipe(out);
	if (len >= KEYRING_MAGIC_LEN && memcmp(in, KEYRING_MAGIC, KEYRING_MAGIC_LEN) == 0)
		return binary_keyring(in, len, out);
	if (len >= 9 && memcmp(in, "[keyring]", 9) == 0)
		return plain_keyring(in, len, out);
	return decoded_reject(out);
}

const struct decoder decoder_gnome_keyring = {"gnome-keyring", keyring_decode,
                                              N_("GNOME Keyring file (whole file): counts secrets; "
                                                 "recovers those of an unencrypted one")};
