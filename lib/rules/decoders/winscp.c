/* WinSCP stored sessions (WinSCP.ini, or a registry export of
 * HKCU\Software\Martin Prikryl\WinSCP 2\Sessions): "Password=" holds the
 * password obfuscated without a secret, by WinSCP's documented "simple"
 * algorithm (PWALG_SIMPLE in WinSCP's Security.cpp): each byte is sent as
 * two hex digits of (byte XOR 0x5C, i.e. NOT(byte XOR 0xA3)). The first
 * byte is a flag: 0xFF means "user name + host name + password", then a
 * dummy byte, the length, a count of random bytes to skip, the text,
 * random padding. Without the flag the first byte is the length.
 *
 * The decoder takes a whole file (or one session's lines) and decodes
 * the first session's password with that session's UserName and
 * HostName; count is the number of sessions that store a password. It
 * also takes a bare Password value: then, for the flagged form, the
 * password cannot be split from the user and host and only the fact
 * that it is recoverable is reported. With a WinSCP master password the
 * values are AES-encrypted and are reported as such. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "secure.h"
#include "rules/decoders/decode_util.h"

#define WINSCP_FLAG 0xFF

struct span {
	const unsigned char *p;
	size_t n;
};

/* The next deobfuscated byte of the hex value, or -1 at its end. */
static int winscp_byte(struct span *v)
{
	int hi, lo;

	if (v->n < 2 || (hi = hex_digit(v->p[0])) < 0 || (lo = hex_digit(v->p[1])) < 0)
		return -1;
	v->p += 2;
	v->n -= 2;
	return ((hi << 4) | lo) ^ 0x5C;
}

/* Deobfuscate value into clear (DECODED_MAX). key is user name + host
 * name, or NULL when unknown. Returns the password length, -EINVAL if the
 * value is not WinSCP's, or -ENOKEY when it is but the password cannot be
 * separated (flagged form without a matching key). */
static int winscp_reveal(struct span v, const struct span *user, const struct span *host,
                         unsigned char *clear)
{
	int flag, len, skip, c;
	size_t n = 0, keylen;

	for (size_t i = 0; i < v.n; i++)
		if (hex_digit(v.p[i]) < 0)
			return -EINVAL;
	if ((flag = winscp_byte(&v)) < 0)
		return -EINVAL;
	if (flag == WINSCP_FLAG) {
		if (winscp_byte(&v) < 0 || (len = winscp_byte(&v)) < 0)
			return -EINVAL;
	} else {
		len = flag;
	}
	if ((skip = winscp_byte(&v)) < 0 || (size_t)skip * 2 > v.n)
		return -EINVAL;
	v.p += (size_t)skip * 2;
	v.n -= (size_t)skip * 2;
	if (len == 0 || (size_t)len * 2 > v.n || (size_t)len > DECODED_MAX)
		return -EINVAL;
	while (n < (size_t)len && (c = winscp_byte(&v)) >= 0)
		clear[n++] = (unsigned char)c;
	if (flag != WINSCP_FLAG)
		return (int)n;
	keylen = user != NULL && host != NULL ? user->n + host->n : 0;
	if (keylen == 0 || keylen >= n || memcmp(clear, user->p, user->n) != 0 ||
	    memcmp(clear + user->n, host->p, host->n) != 0)
		return -ENOKEY;
	memmove(clear, clear + keylen, n - keylen);
	return (int)(n - keylen);
}

/* Split "Key=Value" or "\"Key\"=\"Value\"" (registry export). */
static bool ini_pair(const unsigned char *line, size_t n, struct span *key, struct span *val)
{
	const unsigned char *eq = memchr(line, '=', n);

	if (eq == NULL)
		return false;
	key->p = line;
	key->n = (size_t)(eq - line);
	val->p = eq + 1;
	val->n = n - key->n - 1;
	trim_value(&key->p, &key->n);
	trim_value(&val->p, &val->n);
	return true;
}

static bool key_is(const struct span *k, const char *name)
{
	return k->n == strlen(name) && strncasecmp((const char *)k->p, name, k->n) == 0;
}

struct session {
	struct span host, user, pass;
	bool has_host, has_user, has_pass;
};

struct scan {
	unsigned count; /* sessions with a password */
	int first_rc;   /* winscp_reveal() of the first one */
	bool first_hex; /* the first one is in WinSCP's form: 10 hex digits or more */
	bool master;    /* protected by a master password */
};

static void session_end(struct session *s, struct scan *sc, struct decoded *out,
                        unsigned char *clear)
{
	int rc;

	if (s->has_pass && s->pass.n > 0) {
		sc->count++;
		if (sc->count == 1) {
			sc->first_hex = s->pass.n >= 10;
			for (size_t i = 0; i < s->pass.n; i++)
				sc->first_hex &= hex_digit(s->pass.p[i]) >= 0;
			rc = winscp_reveal(s->pass, s->has_user ? &s->user : NULL,
			                   s->has_host ? &s->host : NULL, clear);
			sc->first_rc = rc;
			if (rc > 0 && decoded_take_text(out, clear, DECODED_MAX, (size_t)rc) < 0)
				sc->first_rc = -EINVAL;
			secure_wipe(clear, DECODED_MAX);
		}
	}
	memset(s, 0, sizeof *s);
}

static void scan_sessions(const unsigned char *in, size_t len, struct scan *sc, struct decoded *out)
{
	unsigned char clear[DECODED_MAX];
	struct session s;
	size_t i = 0;

	memset(&s, 0, sizeof s);
	while (i < len) {
		const unsigned char *nl = memchr(in + i, '\n', len - i);
		size_t n = nl != NULL ? (size_t)(nl - (in + i)) : len - i;
		struct span k, v;

		if (n > 0 && in[i] == '[') {
			session_end(&s, sc, out, clear);
		} else if (ini_pair(in + i, n, &k, &v)) {
			if (key_is(&k, "HostName")) {
				s.host = v;
				s.has_host = true;
			} else if (key_is(&k, "UserName")) {
				s.user = v;
				s.has_user = true;
			} else if (key_is(&k, "Password")) {
				s.pass = v;
				s.has_pass = true;
			} else if (key_is(&k, "UseMasterPassword") && v.n > 0 && v.p[0] != '0') {
				sc->master = true;
			}
		}
		i += n + 1;
	}
	session_end(&s, sc, out, clear);
}

static int winscp_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	struct scan sc = {0, -EINVAL, false, false};

	decoded_wipe(out);
	trim_value(&in, &len);
	if (memchr(in, '=', len) != NULL) {
		scan_sessions(in, len, &sc, out);
	} else {
		struct session s = {.pass = {in, len}, .has_pass = true};
		unsigned char clear[DECODED_MAX];

		session_end(&s, &sc, out, clear);
	}
	if (sc.count == 0 || (sc.first_rc == -EINVAL && !sc.master && !sc.first_hex))
		return decoded_reject(out);
	out->count = sc.count;
	decoded_scheme(out, "winscp");
	if (sc.master) {
		decoded_wipe(out);
		out->count = sc.count;
		decoded_scheme(out, "winscp-master-password");
		out->severity = SEV_MEDIUM;
		decoded_note(out, _("WinSCP saved passwords: %u, encrypted with a master password"),
		             sc.count);
	} else if (sc.first_rc == -EINVAL) {
		/* written in WinSCP's form all the same: stored, not recovered */
		out->severity = SEV_HIGH;
		decoded_note(out,
		             _("WinSCP saved passwords: %u, the first in an obfuscated form that "
		               "does not decode: stored all the same"),
		             sc.count);
	} else if (sc.first_rc == -ENOKEY) {
		out->severity = SEV_HIGH;
		decoded_note(out,
		             _("WinSCP saved passwords: %u, obfuscated without a key: "
		               "recoverable with the session's user and host names"),
		             sc.count);
	} else {
		out->severity = SEV_HIGH;
		decoded_note(out,
		             _("WinSCP saved passwords: %u, obfuscated without a key: recoverable"),
		             sc.count);
	}
	return 0;
}

const struct decoder decoder_winscp = {"winscp", winscp_decode,
                                       N_("WinSCP.ini / registry export (or a Password value): "
                                          "recovers the first password, counts sessions")};
