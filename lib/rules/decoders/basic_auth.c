/* Base64 that stands for a password.
 *
 * "basic-auth": base64 of "user:password", as in Docker's config.json
 * ("auths": {"registry": {"auth": "..."}}), .npmrc "_auth", and HTTP
 * "Authorization: Basic" headers saved in scripts. The password is
 * recoverable; the user name goes to account.
 *
 * "base64": base64 of the password itself (Kubernetes Secret "data:"
 * values, tools that "hide" passwords that way). */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "rules/decoders/decode_util.h"

static int basic_auth_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char clear[DECODED_MAX + 64];
	const unsigned char *colon;
	ssize_t n;
	size_t ulen;

	decoded_wipe(out);
	trim_value(&in, &len);
	if (len >= 6 && strncasecmp((const char *)in, "Basic ", 6) == 0) {
		in += 6;
		len -= 6;
	}
	n = base64_decode_buf(in, len, clear, sizeof clear);
	if (n <= 0 || (colon = memchr(clear, ':', (size_t)n)) == NULL)
		return decoded_take_text(out, clear, sizeof clear, 0);
	ulen = (size_t)(colon - clear);
	/* The user name may be empty (token-only registries). */
	if (ulen > 0 && !decoded_account(out, clear, ulen))
		return decoded_take_text(out, clear, sizeof clear, 0);
	memmove(clear, colon + 1, (size_t)n - ulen - 1);
	if (decoded_take_text(out, clear, sizeof clear, (size_t)n - ulen - 1) < 0)
		return -EINVAL;
	return decoded_verdict(out, SEV_HIGH, "base64-user-password",
	                       _("user:password in base64: the password is recoverable"));
}

const struct decoder decoder_basic_auth = {"basic-auth", basic_auth_decode,
                                           N_("base64 'user:password' (Docker auth, .npmrc _auth, "
                                              "HTTP Basic): recovers the password")};

static int base64_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char clear[DECODED_MAX];
	ssize_t n;

	decoded_wipe(out);
	trim_value(&in, &len);
	/* Shorter than 4 letters is no evidence of anything. */
	if (len < 4)
		return decoded_reject(out);
	n = base64_decode_buf(in, len, clear, sizeof clear);
	if (decoded_take_text(out, clear, sizeof clear, n > 0 ? (size_t)n : 0) < 0)
		return -EINVAL;
	return decoded_verdict(
	        out, SEV_HIGH, "base64",
	        _("password in base64, which is an encoding, not encryption: recoverable"));
}

const struct decoder decoder_base64 = {"base64", base64_decode,
                                       N_("a password in base64: recovers it")};
