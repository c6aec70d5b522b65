/* Private keys: PEM (PKCS#1, SEC1, PKCS#8, legacy "Proc-Type: 4,ENCRYPTED"),
 * OpenSSH's own format ("openssh-key-v1") and PuTTY .ppk files.
 *
 * The decoder is given the key block (BEGIN line through END line) or
 * the whole file and says whether the key is protected by a passphrase.
 * An unencrypted key is the credential itself (severity high). An
 * encrypted key is still a finding, of lower severity, since a
 * passphrase can be guessed offline: low where the key derivation is
 * costly (OpenSSH bcrypt KDF, PKCS#8 with PBKDF2 or scrypt, PuTTY v3
 * Argon2), medium where it is one round of MD5 or SHA-1 (legacy PEM
 * encryption, PuTTY v2, PKCS#8's PBES1) or PBKDF2 with fewer than 1,000
 * iterations. A block
 * whose body is not a key (documentation: "..." or "<your key>") is
 * marked not_a_secret. Only a bounded prefix of the body is decoded.
 *
 * A key written inside a program's or a configuration's strings is read
 * the same: "\n" and "\r\n" escapes are line breaks, and a key split
 * across quoted strings ("-----BEGIN ...-----" + "MIIE..." + ...) is read
 * from inside the quotes only. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bytes.h"
#include "i18n.h"
#include "rules/decoders/decode_util.h"
#include "secure.h"

/* Enough base64 for OpenSSH's magic, cipher and KDF names. */
#define BODY_PREFIX 256
/* How much of a key written in strings is unwrapped. */
#define UNWRAP_MAX 2048

static size_t line_end(const unsigned char *p, size_t len)
{
	const unsigned char *nl = memchr(p, '\n', len);

	return nl != NULL ? (size_t)(nl - p) : len;
}

/* Decode the first base64 characters of a PEM body into out. Header
 * lines ("Name: value") are skipped; decoding stops at "-----".
 * Returns the bytes decoded, or -EINVAL. */
static ssize_t body_prefix(const unsigned char *p, size_t len, unsigned char *out, size_t outlen)
{
	unsigned char b64[BODY_PREFIX];
	size_t n = 0, i = 0;

	while (i < len && n < sizeof b64) {
		size_t l = line_end(p + i, len - i);

		if (l >= 5 && memcmp(p + i, "-----", 5) == 0)
			break;
		if (memchr(p + i, ':', l) == NULL)
			for (size_t j = 0; j < l && n < sizeof b64; j++)
				if (p[i + j] > ' ')
					b64[n++] = p[i + j];
		i += l + 1;
	}
	n -= n % 4;
	if (n == 0)
		return -EINVAL;
	return base64_decode_buf(b64, n, out, outlen);
}

/* Read an SSH string (uint32 length, bytes) at *pos into name. */
static bool ssh_string(const unsigned char *b, size_t len, size_t *pos, char *name, size_t size)
{
	uint32_t n;

	if (len - *pos < 4)
		return false;
	n = read_be32(b + *pos);
	*pos += 4;
	if (n >= size || n > len - *pos || !printable_text(b + *pos, n))
		return false;
	memcpy(name, b + *pos, n);
	name[n] = '\0';
	*pos += n;
	return true;
}

static void key_unencrypted(struct decoded *out, const char *scheme)
{
	decoded_verdict(out, SEV_HIGH, scheme,
	                _("unencrypted private key: anyone who can read the file can use it"));
}

static void key_encrypted(struct decoded *out, const char *scheme, const char *how, bool weak_kdf)
{
	out->severity = weak_kdf ? SEV_MEDIUM : SEV_LOW;
	decoded_scheme(out, scheme);
	if (weak_kdf)
		decoded_note(out,
		             _("encrypted private key: passphrase-protected (%s), but the "
		               "passphrase is cheap to guess offline"),
		             how);
	else
		decoded_note(out, _("encrypted private key: passphrase-protected (%s)"), how);
}

/* A body too short to hold a key is a stand-in; a longer one this
 * decoder cannot parse (a key cut from another format, a fixture) is
 * still reported as the key its label says it is. */
#define KEY_BODY_MIN 32
static void unparsed_key(struct decoded *out, const char *scheme)
{
	decoded_verdict(out, SEV_HIGH, scheme,
	                _("private-key block whose body this decoder cannot parse: judged a key"));
}

static void not_a_key(struct decoded *out, const char *scheme)
{
	out->not_a_secret = true;
	decoded_verdict(out, SEV_INFO, scheme,
	                _("private-key block without a key in it (placeholder)"));
}

static int openssh_key(const unsigned char *body, size_t len, struct decoded *out)
{
	static const char magic[] = "openssh-key-v1";
	unsigned char bin[BODY_PREFIX];
	char cipher[64], kdf[64], how[160];
	ssize_t n = body_prefix(body, len, bin, sizeof bin);
	size_t pos = sizeof magic; /* the magic and its NUL */

	if (n < (ssize_t)sizeof magic || memcmp(bin, magic, sizeof magic) != 0 ||
	    !ssh_string(bin, (size_t)n, &pos, cipher, sizeof cipher) ||
	    !ssh_string(bin, (size_t)n, &pos, kdf, sizeof kdf)) {
		if (n >= KEY_BODY_MIN)
			unparsed_key(out, "openssh-key-v1");
		else
			not_a_key(out, "openssh-key-v1");
	} else if (strcmp(cipher, "none") == 0) {
		key_unencrypted(out, "openssh-key-v1");
	} else {
		snprintf(how, sizeof how, "%s, %s KDF", cipher, kdf);
		key_encrypted(out, "openssh-key-v1", how, strcmp(kdf, "bcrypt") != 0);
	}
	secure_wipe(bin, sizeof bin); /* the start of the key file */
	return 0;
}

/* A DER header at der[*pos]: tag and definite length (short form, or long
 * form of up to 2 bytes); *pos moves past the header. False if it does
 * not fit in n bytes. */
static bool der_header(const unsigned char *der, size_t n, size_t *pos, unsigned tag, size_t *len)
{
	size_t p = *pos;

	if (p + 2 > n || der[p] != tag)
		return false;
	*len = der[p + 1];
	p += 2;
	if (*len == 0x81 || *len == 0x82) {
		size_t k = *len - 0x80;
		if (p + k > n)
			return false;
		*len = k == 1 ? der[p] : (size_t)der[p] << 8 | der[p + 1];
		p += k;
	} else if (*len > 0x7f) {
		return false;
	}
	if (*len > n - p)
		return false;
	*pos = p;
	return true;
}

/* PBKDF2's iteration count, from the parameters after its OID:
 * SEQUENCE { OCTET STRING salt, INTEGER iterationCount, ... }. */
static long pbkdf2_iterations(const unsigned char *der, size_t n, size_t pos)
{
	size_t len;
	long it = 0;

	if (!der_header(der, n, &pos, 0x30, &len) || !der_header(der, n, &pos, 0x04, &len))
		return -1;
	pos += len; /* the salt */
	if (!der_header(der, n, &pos, 0x02, &len) || len == 0 || len > 4)
		return -1;
	for (size_t i = 0; i < len; i++)
		it = it << 8 | der[pos + i];
	return it;
}

/* EncryptedPrivateKeyInfo (RFC 5958) names its scheme by an OID near
 * the start: PBES2 (PKCS#5 v2: a key derivation function and a real
 * cipher) is 1.2.840.113549.1.5.13; its siblings under
 * 1.2.840.113549.1.5 are PBES1 (MD5 or SHA-1 with DES or RC2) and those
 * under 1.2.840.113549.1.12.1 PKCS#12's PBE (SHA-1 with RC4, 3DES, RC2):
 * old, cheap to attack. PBES2's function is PBKDF2 (1.2.840.113549.1.5.12)
 * with an iteration count, weak below the 1,000 RFC 8018 recommends as
 * the least, or scrypt (1.3.6.1.4.1.11591.4.11). */
static void pkcs8_encrypted(const unsigned char *der, size_t n, struct decoded *out)
{
	static const unsigned char pkcs5[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05};
	static const unsigned char pkcs12[] = {0x2a, 0x86, 0x48, 0x86, 0xf7,
	                                       0x0d, 0x01, 0x0c, 0x01};
	static const unsigned char scrypt[] = {0x2b, 0x06, 0x01, 0x04, 0x01,
	                                       0xda, 0x47, 0x04, 0x0b};
	char how[96] = "PKCS#8";
	bool legacy = false;

	for (size_t i = 0; i + 2 < n; i++) {
		const unsigned char *oid = der + i + 2;
		size_t olen = der[i + 1];

		if (der[i] != 0x06 || olen > n - i - 2)
			continue;
		if (olen == sizeof pkcs5 + 1 && memcmp(oid, pkcs5, sizeof pkcs5) == 0) {
			if (oid[sizeof pkcs5] == 0x0c) { /* PBKDF2, inside PBES2 */
				long it = pbkdf2_iterations(der, n, i + 2 + olen);
				if (it >= 0) {
					snprintf(how, sizeof how,
					         "PKCS#8, PBKDF2 with %ld iterations", it);
					legacy = it < 1000;
				}
				break;
			}
			if (oid[sizeof pkcs5] != 0x0d) { /* not PBES2: PBES1 */
				legacy = true;
				snprintf(how, sizeof how, "PKCS#8, PBES1 / PKCS#12 PBE");
				break;
			}
			continue; /* PBES2: its key derivation function follows */
		}
		if (olen == sizeof pkcs12 + 1 && memcmp(oid, pkcs12, sizeof pkcs12) == 0) {
			legacy = true;
			snprintf(how, sizeof how, "PKCS#8, PBES1 / PKCS#12 PBE");
			break;
		}
		if (olen == sizeof scrypt && memcmp(oid, scrypt, sizeof scrypt) == 0) {
			snprintf(how, sizeof how, "PKCS#8, scrypt");
			break;
		}
	}
	key_encrypted(out, "pkcs8-encrypted", how, legacy);
}

/* Name the cipher of legacy PEM encryption from "DEK-Info: AES-128-CBC,<iv>"
 * (the key comes from the passphrase by one round of MD5). */
static void legacy_cipher(const unsigned char *body, size_t len, char *how, size_t size)
{
	const unsigned char *c = find_ci(body, len > 512 ? 512 : len, "DEK-Info:");
	const unsigned char *end = body + len;
	size_t i = 0;

	snprintf(how, size, "legacy PEM encryption, MD5 key derivation");
	if (c == NULL)
		return;
	for (c += strlen("DEK-Info:"); c < end && *c == ' '; c++)
		;
	while (c + i < end && i < 32 &&
	       (c[i] == '-' || (c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= '0' && c[i] <= '9')))
		i++;
	if (i > 0)
		snprintf(how, size, "%.*s, MD5 key derivation", (int)i, c);
}

/* PEM: label is what stands between "BEGIN " and "-----". */
static int pem_key(const unsigned char *label, size_t llen, const unsigned char *body, size_t len,
                   struct decoded *out)
{
	static const struct {
		const char *label, *scheme;
	} kinds[] = {
	        {"RSA PRIVATE KEY", "pkcs1-rsa"},
	        {"DSA PRIVATE KEY", "pem-dsa"},
	        {"EC PRIVATE KEY", "sec1-ec"},
	        {"PRIVATE KEY", "pkcs8"},
	        {"ENCRYPTED PRIVATE KEY", "pkcs8-encrypted"},
	};
	const unsigned char *proc;
	char how[64];
	unsigned char bin[BODY_PREFIX];
	const char *scheme = NULL;
	ssize_t n;

	if (llen == strlen("OPENSSH PRIVATE KEY") &&
	    memcmp(label, "OPENSSH PRIVATE KEY", llen) == 0)
		return openssh_key(body, len, out);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (llen == strlen(kinds[i].label) && memcmp(label, kinds[i].label, llen) == 0)
			scheme = kinds[i].scheme;
	if (scheme == NULL)
		return decoded_reject(out);
	/* Legacy encryption: headers, then an encrypted (random) body. */
	proc = find_ci(body, len > 512 ? 512 : len, "Proc-Type: 4,ENCRYPTED");
	n = body_prefix(body, len, bin, sizeof bin);
	/* an OpenSSH key under another label is still that key */
	if (n >= 15 && memcmp(bin, "openssh-key-v1", 15) == 0) {
		secure_wipe(bin, sizeof bin);
		return openssh_key(body, len, out);
	}
	/* bin holds the start of the key itself: wiped on every path. */
	if (n < 2 || (proc == NULL && bin[0] != 0x30)) { /* DER starts with a SEQUENCE */
		if (n >= KEY_BODY_MIN)
			unparsed_key(out, scheme);
		else
			not_a_key(out, scheme);
	} else if (strcmp(scheme, "pkcs8-encrypted") == 0) {
		pkcs8_encrypted(bin, (size_t)n, out);
	} else if (proc == NULL) {
		key_unencrypted(out, scheme);
	} else {
		legacy_cipher(body, len, how, sizeof how);
		key_encrypted(out, scheme, how, true);
	}
	secure_wipe(bin, sizeof bin);
	return 0;
}

static int ppk_key(const unsigned char *in, size_t len, struct decoded *out)
{
	const unsigned char *enc = find_ci(in, len, "\nEncryption:");
	const bool v3 = memcmp(in, "PuTTY-User-Key-File-3:", 22) == 0;
	const char *scheme = v3 ? "putty-ppk3" : "putty-ppk2";
	char cipher[32];
	size_t i = 0;

	if (enc == NULL)
		return decoded_reject(out);
	enc += strlen("\nEncryption:");
	while (enc < in + len && *enc == ' ')
		enc++;
	while (enc + i < in + len && i < sizeof cipher - 1 && enc[i] > ' ')
		i++;
	memcpy(cipher, enc, i);
	cipher[i] = '\0';
	if (strcmp(cipher, "none") == 0) {
		key_unencrypted(out, scheme);
	} else if (i == 0 || !printable_text(enc, i)) {
		return decoded_reject(out);
	} else {
		/* v2 derives the key with SHA-1 and no iterations; v3 with Argon2. */
		key_encrypted(out, scheme, cipher, !v3);
	}
	return 0;
}

/* A key in strings, as plain PEM: escapes become line breaks (once or
 * twice escaped; an escaped tab or carriage return is dropped) and what
 * stands between a closing quote and the next opening one (" +\n  ",
 * "\\\n") becomes one line break. The opening quote is before the
 * BEGIN line, so the first quote met closes a string. Returns the length
 * written to out (at most UNWRAP_MAX). */
static size_t unwrap_strings(const unsigned char *in, size_t len, unsigned char *out)
{
	size_t n = 0;
	unsigned char quote = 0; /* the quote of the string being skipped to */

	for (size_t i = 0; i < len && n < UNWRAP_MAX; i++) {
		unsigned char c = in[i];
		if (quote != 0) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '"' || c == '\'') {
			quote = c;
			out[n++] = '\n';
		} else if (c == '\\') {
			/* "\n", and "\\n" escaped twice; "\r" and "\t" are blanks */
			size_t j = i + 1;
			if (j < len && in[j] == '\\')
				j++;
			if (j < len && (in[j] == 'n' || in[j] == 'r' || in[j] == 't')) {
				if (in[j] == 'n')
					out[n++] = '\n';
				i = j;
			} else
				out[n++] = c;
		} else if (c != '\r') {
			out[n++] = c;
		}
	}
	return n;
}

static int privkey_decode_plain(const unsigned char *in, size_t len, struct decoded *out)
{
	const unsigned char *begin, *label, *dash;
	size_t rest;

	if (len >= 22 && (memcmp(in, "PuTTY-User-Key-File-2:", 22) == 0 ||
	                  memcmp(in, "PuTTY-User-Key-File-3:", 22) == 0))
		return ppk_key(in, len, out);
	begin = find_ci(in, len, "-----BEGIN ");
	if (begin == NULL)
		return decoded_reject(out);
	label = begin + strlen("-----BEGIN ");
	rest = len - (size_t)(label - in);
	dash = find_ci(label, rest > 64 ? 64 : rest, "-----");
	if (dash == NULL)
		return decoded_reject(out);
	rest = len - (size_t)(dash + 5 - in);
	return pem_key(label, (size_t)(dash - label), dash + 5, rest, out);
}

static int privkey_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char plain[UNWRAP_MAX];
	int rc;

	decoded_wipe(out);
	trim_value(&in, &len);
	if (len >= 5 && memcmp(in, "PuTTY", 5) == 0)
		return privkey_decode_plain(in, len, out);
	if (memchr(in, '\\', len > UNWRAP_MAX ? UNWRAP_MAX : len) != NULL ||
	    memchr(in, '"', len > UNWRAP_MAX ? UNWRAP_MAX : len) != NULL ||
	    memchr(in, '\'', len > UNWRAP_MAX ? UNWRAP_MAX : len) != NULL) {
		size_t n = unwrap_strings(in, len, plain);
		rc = privkey_decode_plain(plain, n, out);
		secure_wipe(plain, sizeof plain);
		return rc;
	}
	return privkey_decode_plain(in, len, out);
}

/* A PEM key stored base64-encoded (Kubernetes secrets, JSON configs):
 * "LS0tLS1CRUdJTi..." is "-----BEGIN ". The first B64PEM_MAX characters
 * hold the BEGIN line and enough of the body to judge the key. */
#define B64PEM_MAX 1536
static int privkey_base64_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char pem[B64PEM_MAX / 4 * 3];
	ssize_t n;
	int rc;

	decoded_wipe(out);
	trim_value(&in, &len);
	if (len > B64PEM_MAX)
		len = B64PEM_MAX;
	len -= len % 4;
	n = base64_decode_buf(in, len, pem, sizeof pem);
	if (n < 16 || memcmp(pem, "-----BEGIN ", 11) != 0) {
		secure_wipe(pem, sizeof pem);
		return decoded_reject(out);
	}
	rc = privkey_decode_plain(pem, (size_t)n, out);
	secure_wipe(pem, sizeof pem);
	return rc;
}

const struct decoder decoder_privkey = {
        "privkey", privkey_decode,
        N_("private-key block or file (PEM, OpenSSH, PuTTY): tells encrypted from unencrypted")};

const struct decoder decoder_privkey_base64 = {
        "privkey-base64", privkey_base64_decode,
        N_("base64 of a PEM private key: decodes it, then judges it as privkey does")};
