/* Cisco IOS / NX-OS / ASA stored passwords.
 *
 * Type 7 ("password 7 ...", "key 7 ...", service password-encryption) is
 * a keyless obfuscation: two decimal digits give an offset into a fixed
 * public 53-byte key, and each following hex pair is a password byte
 * XORed with the next key byte. It is reversed here so the finding can say
 * the password is recoverable.
 *
 * Secrets ("enable secret 5 ...", "username x secret 9 ...") are hashes,
 * named by type: 4 = one unsalted SHA-256 (withdrawn by Cisco), 5 =
 * md5crypt, 8 = PBKDF2-HMAC-SHA-256 with 20000 iterations, 9 = scrypt
 * (N=16384, r=1, p=1). Types 4, 8 and 9 use crypt(3)'s base64 letters. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "i18n.h"
#include "rules/decoders/decode_util.h"

static const char cisco7_key[] = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";
#define CISCO7_KEYLEN (sizeof cisco7_key - 1)

static int cisco7_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char clear[DECODED_MAX];
	size_t seed, n;

	decoded_wipe(out);
	trim_value(&in, &len);
	/* Two decimal digits, then at least one hex pair. */
	if (len < 4 || len % 2 != 0 || (len - 2) / 2 > sizeof clear)
		return decoded_reject(out);
	if (in[0] < '0' || in[0] > '9' || in[1] < '0' || in[1] > '9')
		return decoded_reject(out);
	seed = (size_t)(in[0] - '0') * 10 + (size_t)(in[1] - '0');
	if (seed >= CISCO7_KEYLEN)
		return decoded_reject(out);
	n = (len - 2) / 2;
	for (size_t i = 0; i < n; i++) {
		int hi = hex_digit(in[2 + 2 * i]), lo = hex_digit(in[3 + 2 * i]);

		if (hi < 0 || lo < 0)
			return decoded_take_text(out, clear, sizeof clear, 0);
		clear[i] = (unsigned char)(((hi << 4) | lo) ^
		                           (unsigned char)cisco7_key[(seed + i) % CISCO7_KEYLEN]);
	}
	/* A key that decodes to text is recovered. One that does not was
	 * written in the type 7 form all the same (the rule read "key 7",
	 * "password 7"): a stored, obfuscated key, not shown recovered. */
	if (decoded_take_text(out, clear, sizeof clear, n) < 0)
		return decoded_verdict(out, SEV_HIGH, "cisco-type7",
		                       _("Cisco type 7 form that does not decode to text: a stored "
		                         "key, obfuscated"));
	return decoded_verdict(out, SEV_HIGH, "cisco-type7",
	                       _("Cisco type 7 is reversible: the password is recoverable"));
}

const struct decoder decoder_cisco7 = {"cisco7", cisco7_decode,
                                       N_("Cisco type 7 'password 7': recovers the password")};

/* "$8$" or "$9$", a 14-character salt, "$", a 43-character digest. */
static bool cisco_salted(const unsigned char *in, size_t len, char type)
{
	return len == 3 + 14 + 1 + 43 && in[0] == '$' && in[1] == type && in[2] == '$' &&
	       crypt_letters(in + 3, 14) && in[17] == '$' && crypt_letters(in + 18, 43);
}

/* crypt(3) letters and the "$" that separates its fields */
static bool crypt_form(const unsigned char *in, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (in[i] != '$' && !crypt_letters(in + i, 1))
			return false;
	return true;
}

static int cisco_secret_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	const struct hash_scheme *md5;
	const char *scheme, *what;
	enum hash_strength strength;
	char type = 0;

	decoded_wipe(out);
	trim_value(&in, &len);
	/* The rule may hand over "5 $1$..." (type digit first) or the hash. */
	if (len > 2 && in[0] >= '0' && in[0] <= '9' && in[1] == ' ') {
		type = (char)in[0];
		in += 2;
		len -= 2;
		while (len > 0 && *in == ' ') {
			in++;
			len--;
		}
	}
	md5 = hash_scheme_identify((const char *)in, len);
	if ((type == 0 || type == '5') && md5 != NULL && strcmp(md5->name, "md5crypt") == 0) {
		scheme = "cisco-type5";
		what = "md5crypt";
		strength = HASH_WEAK;
	} else if ((type == 0 || type == '8') && cisco_salted(in, len, '8')) {
		scheme = "cisco-type8";
		what = "PBKDF2-HMAC-SHA-256 x 20000";
		strength = HASH_STRONG;
	} else if ((type == 0 || type == '9') && cisco_salted(in, len, '9')) {
		scheme = "cisco-type9";
		what = "scrypt";
		strength = HASH_STRONG;
	} else if ((type == 0 || type == '4') && len == 43 && crypt_letters(in, len)) {
		scheme = "cisco-type4";
		what = _("one unsalted SHA-256, withdrawn by Cisco");
		strength = HASH_WEAK;
	} else if (type == '5' && len >= 8 && crypt_form(in, len) &&
	           (md5 != NULL || memcmp(in, "$1$", 3) == 0)) {
		/* "secret 5" says a hash is stored: another crypt scheme's, or
		 * md5crypt's cut short or altered (a sample configuration's);
		 * not type 8's or 9's under the wrong number */
		scheme = "cisco-type5";
		what = md5 != NULL ? md5->name : _("a hash of no scheme's exact form");
		strength = md5 != NULL ? md5->strength : HASH_WEAK;
	} else {
		return decoded_reject(out);
	}
	out->severity = hash_strength_severity(strength);
	decoded_scheme(out, scheme);
	decoded_note(out, _("Cisco %s secret: %s; %s hash scheme"), scheme + strlen("cisco-"), what,
	             hash_strength_name(strength));
	return 0;
}

const struct decoder decoder_cisco_secret = {
        "cisco-secret", cisco_secret_decode,
        N_("Cisco type 4/5/8/9 secrets: names the hash scheme and its strength")};
