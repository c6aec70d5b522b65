/* Apache/nginx htpasswd lines, "user:field" (or the field alone): the
 * field is a bcrypt, apr1 (MD5), {SHA} (one unsalted SHA-1 in base64),
 * crypt(3) hash, or on some platforms the password in clear. Hashes are
 * named with their strength (rules/decoders/hash_scheme.h); a clear password is
 * recoverable. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "i18n.h"
#include "rules/decoders/decode_util.h"

/* "$id$…" or "{ID}…" with at least UNKNOWN_HASH_MIN characters after the
 * scheme's marker, all printable: a hash the file stores, of a form we
 * cannot name (a scheme we do not know, or a known one cut or garbled). */
#define UNKNOWN_HASH_MIN 8
static int unknown_hash(struct decoded *out, const unsigned char *field, size_t flen)
{
	const unsigned char *end = memchr(field + 1, field[0] == '$' ? '$' : '}', flen - 1);
	size_t body;

	if (end == NULL || !printable_text(field, flen))
		return decoded_reject(out);
	body = flen - (size_t)(end + 1 - field);
	if (body < UNKNOWN_HASH_MIN)
		return decoded_reject(out);
	return decoded_verdict(out, SEV_MEDIUM, "htpasswd-unknown",
	                       _("htpasswd entry holds a hash of a form not recognised (an "
	                         "unknown scheme, or a known one cut or garbled): review it"));
}

static int htpasswd_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	const struct hash_scheme *s;
	const unsigned char *colon, *field;
	unsigned char sha1[32];
	size_t flen;

	decoded_wipe(out);
	trim_value(&in, &len);
	field = in;
	flen = len;
	colon = memchr(in, ':', len);
	if (colon != NULL) {
		if (!decoded_account(out, in, (size_t)(colon - in)))
			return decoded_reject(out);
		field = colon + 1;
		flen = len - (size_t)(field - in);
	}
	/* '!' and '*' lock an entry: no password at all. */
	if (flen == 0 || field[0] == '!' || field[0] == '*' || memchr(field, '\n', flen) != NULL)
		return decoded_reject(out);
	if (flen > 5 && memcmp(field, "{SHA}", 5) == 0) {
		if (base64_decode_buf(field + 5, flen - 5, sha1, sizeof sha1) != 20)
			return decoded_reject(out);
		return decoded_verdict(
		        out, hash_strength_severity(HASH_WEAK), "htpasswd-sha1",
		        _("htpasswd {SHA}: one unsalted SHA-1, a weak hash scheme; "
		          "clause 2(4): SHA-1 is on CRYPTREC's monitored list only"));
	}
	s = hash_scheme_identify((const char *)field, flen);
	if (s != NULL) {
		out->severity = hash_strength_severity(s->strength);
		decoded_scheme(out, s->name);
		decoded_note(out, _("htpasswd %s: %s hash scheme; clause 2(4): %s"), s->name,
		             hash_strength_name(s->strength), _(s->cryptrec));
		return 0;
	}
	/* A '$' or '{' start is a hash of a scheme we do not know, or one
	 * whose length is wrong: still what the file stores for the user. */
	if (field[0] == '$' || field[0] == '{')
		return unknown_hash(out, field, flen);
	/* Anything else can only be the password itself. */
	if (colon == NULL || decoded_set_secret(out, field, flen) < 0 ||
	    !printable_text(field, flen))
		return decoded_reject(out);
	return decoded_verdict(out, SEV_HIGH, "htpasswd-plain",
	                       _("htpasswd entry holds the password in clear text"));
}

const struct decoder decoder_htpasswd = {
        "htpasswd", htpasswd_decode,
        N_("htpasswd 'user:field' line: names the hash scheme or recovers a clear password")};
