/* Naming crypt(3) hash schemes by prefix and structure (see
 * rules/decoders/hash_scheme.h), and the "crypt" decoder built on it.
 *
 * Formats follow crypt(5) of libxcrypt 4.4: "$id$[params$]salt$digest"
 * with digests in the crypt alphabet [./0-9A-Za-z]; traditional DES is 13
 * letters, BSDi extended DES "_" + 19. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "rules/decoders/decode_util.h"

enum {
	S_YESCRYPT,
	S_GOST_YESCRYPT,
	S_SCRYPT,
	S_BCRYPT,
	S_BCRYPT_2X,
	S_SHA512CRYPT,
	S_SHA256CRYPT,
	S_SHA1CRYPT,
	S_SUNMD5,
	S_MD5CRYPT,
	S_APR1,
	S_NT,
	S_BSDICRYPT,
	S_DESCRYPT,
	S_COUNT
};

static const struct hash_scheme schemes[S_COUNT] = {
        [S_YESCRYPT] = {"yescrypt", "$y$", HASH_STRONG,
                        N_("built on HMAC-SHA-256 (CRYPTREC-listed) and Salsa20/8 (not listed)")},
        [S_GOST_YESCRYPT] = {"gost-yescrypt", "$gy$", HASH_STRONG,
                             N_("built on Streebog, which is not on the CRYPTREC list")},
        [S_SCRYPT] =
                {"scrypt", "$7$", HASH_STRONG,
                 N_("built on PBKDF2-HMAC-SHA-256 (CRYPTREC-listed) and Salsa20/8 (not listed)")},
        [S_BCRYPT] = {"bcrypt", "$2b$", HASH_STRONG, N_("Blowfish is not on the CRYPTREC list")},
        [S_BCRYPT_2X] = {"bcrypt-2x", "$2x$", HASH_WEAK,
                         N_("Blowfish is not on the CRYPTREC list; $2x$ marks the pre-2011 bug")},
        [S_SHA512CRYPT] = {"sha512crypt", "$6$", HASH_ACCEPTABLE,
                           N_("SHA-512 is CRYPTREC-recommended; the construction is not listed")},
        [S_SHA256CRYPT] = {"sha256crypt", "$5$", HASH_ACCEPTABLE,
                           N_("SHA-256 is CRYPTREC-recommended; the construction is not listed")},
        [S_SHA1CRYPT] = {"sha1crypt", "$sha1$", HASH_WEAK,
                         N_("SHA-1 is on CRYPTREC's monitored list only")},
        [S_SUNMD5] = {"sunmd5", "$md5", HASH_WEAK, N_("MD5 is not on the CRYPTREC list")},
        [S_MD5CRYPT] = {"md5crypt", "$1$", HASH_WEAK, N_("MD5 is not on the CRYPTREC list")},
        [S_APR1] = {"apr1-md5", "$apr1$", HASH_WEAK, N_("MD5 is not on the CRYPTREC list")},
        [S_NT] = {"nt", "$3$", HASH_WEAK, N_("MD4 is not on the CRYPTREC list")},
        [S_BSDICRYPT] = {"bsdicrypt", "_", HASH_WEAK, N_("DES is not on the CRYPTREC list")},
        [S_DESCRYPT] = {"descrypt", "", HASH_WEAK, N_("DES is not on the CRYPTREC list")},
};

static const struct hash_scheme *const scheme_list[] = {
        &schemes[S_YESCRYPT],    &schemes[S_GOST_YESCRYPT], &schemes[S_SCRYPT],
        &schemes[S_BCRYPT],      &schemes[S_BCRYPT_2X],     &schemes[S_SHA512CRYPT],
        &schemes[S_SHA256CRYPT], &schemes[S_SHA1CRYPT],     &schemes[S_SUNMD5],
        &schemes[S_MD5CRYPT],    &schemes[S_APR1],          &schemes[S_NT],
        &schemes[S_BSDICRYPT],   &schemes[S_DESCRYPT],      NULL,
};

const struct hash_scheme *const *hash_scheme_all(void)
{
	return scheme_list;
}

const char *hash_strength_name(enum hash_strength s)
{
	switch (s) {
	case HASH_WEAK:
		return "weak";
	case HASH_ACCEPTABLE:
		return "acceptable";
	case HASH_STRONG:
		return "strong";
	case HASH_UNKNOWN:
		break;
	}
	return "unknown";
}

/* A cursor over the hash being parsed. */
struct cur {
	const char *p, *end;
};

static bool take(struct cur *c, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0)
		return false;
	c->p += n;
	return true;
}

/* Consume crypt letters; true when their count is within [min, max]. */
static bool letters(struct cur *c, size_t min, size_t max)
{
	size_t n = 0;

	while (c->p < c->end && crypt_letters((const unsigned char *)c->p, 1)) {
		c->p++;
		n++;
	}
	return n >= min && n <= max;
}

/* Consume a salt: anything but '$' and ':' (crypt(5) allows more than
 * crypt letters for old schemes), within [min, max] bytes. */
static bool salt(struct cur *c, size_t min, size_t max)
{
	size_t n = 0;

	while (c->p < c->end && *c->p != '$' && *c->p != ':' && (unsigned char)*c->p > ' ') {
		c->p++;
		n++;
	}
	return n >= min && n <= max;
}

static bool digits(struct cur *c, size_t min, size_t max)
{
	size_t n = 0;

	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		c->p++;
		n++;
	}
	return n >= min && n <= max;
}

static bool at_end(const struct cur *c)
{
	return c->p == c->end;
}

/* "$5$[rounds=N$]salt$digest" and "$6$...". */
static bool sha_crypt(struct cur *c, size_t digest)
{
	const char *save = c->p;

	if (!(take(c, "rounds=") && digits(c, 1, 9) && take(c, "$")))
		c->p = save;
	return salt(c, 0, 16) && take(c, "$") && letters(c, digest, digest) && at_end(c);
}

/* "$y$params$salt$digest" (also gost-yescrypt). */
static bool yescrypt(struct cur *c)
{
	return letters(c, 1, 64) && take(c, "$") && letters(c, 0, 86) && take(c, "$") &&
	       letters(c, 43, 43) && at_end(c);
}

static bool bcrypt(struct cur *c)
{
	return digits(c, 2, 2) && take(c, "$") && letters(c, 53, 53) && at_end(c);
}

static bool md5_crypt(struct cur *c)
{
	return salt(c, 0, 8) && take(c, "$") && letters(c, 22, 22) && at_end(c);
}

/* "$md5[,rounds=N]$salt$[$]digest" */
static bool sun_md5(struct cur *c)
{
	const char *save = c->p;

	if (!(take(c, ",rounds=") && digits(c, 1, 10)))
		c->p = save;
	if (!(take(c, "$") && salt(c, 0, 64) && take(c, "$")))
		return false;
	take(c, "$");
	return letters(c, 22, 22) && at_end(c);
}

static bool nt_hash(struct cur *c)
{
	size_t n = 0;

	if (!take(c, "$"))
		return false;
	while (c->p < c->end &&
	       ((*c->p >= '0' && *c->p <= '9') || (*c->p >= 'a' && *c->p <= 'f'))) {
		c->p++;
		n++;
	}
	return n == 32 && at_end(c);
}

static int identify(const char *hash, size_t len)
{
	struct cur c = {hash, hash + len};

	if (take(&c, "$y$"))
		return yescrypt(&c) ? S_YESCRYPT : -1;
	if (take(&c, "$gy$"))
		return yescrypt(&c) ? S_GOST_YESCRYPT : -1;
	if (take(&c, "$7$"))
		/* N (1 letter), r and p (5 each), salt, "$", digest. */
		return letters(&c, 11, 11 + 64) && take(&c, "$") && letters(&c, 43, 43) &&
		                       at_end(&c)
		               ? S_SCRYPT
		               : -1;
	if (take(&c, "$2a$") || take(&c, "$2b$") || take(&c, "$2y$"))
		return bcrypt(&c) ? S_BCRYPT : -1;
	if (take(&c, "$2x$"))
		return bcrypt(&c) ? S_BCRYPT_2X : -1;
	if (take(&c, "$6$"))
		return sha_crypt(&c, 86) ? S_SHA512CRYPT : -1;
	if (take(&c, "$5$"))
		return sha_crypt(&c, 43) ? S_SHA256CRYPT : -1;
	if (take(&c, "$sha1$"))
		return digits(&c, 1, 10) && take(&c, "$") && salt(&c, 0, 64) && take(&c, "$") &&
		                       letters(&c, 28, 28) && at_end(&c)
		               ? S_SHA1CRYPT
		               : -1;
	if (take(&c, "$md5"))
		return sun_md5(&c) ? S_SUNMD5 : -1;
	if (take(&c, "$1$"))
		return md5_crypt(&c) ? S_MD5CRYPT : -1;
	if (take(&c, "$apr1$"))
		return md5_crypt(&c) ? S_APR1 : -1;
	if (take(&c, "$3$"))
		return nt_hash(&c) ? S_NT : -1;
	if (take(&c, "_"))
		return letters(&c, 19, 19) && at_end(&c) ? S_BSDICRYPT : -1;
	if (len == 13)
		return letters(&c, 13, 13) && at_end(&c) ? S_DESCRYPT : -1;
	return -1;
}

const struct hash_scheme *hash_scheme_identify(const char *hash, size_t len)
{
	int s;

	if (hash == NULL)
		return NULL;
	s = identify(hash, len);
	return s < 0 ? NULL : &schemes[s];
}

const char *hash_scheme_name(const char *hash, enum hash_strength *strength)
{
	const struct hash_scheme *s =
	        hash != NULL ? hash_scheme_identify(hash, strlen(hash)) : NULL;

	if (strength != NULL)
		*strength = s != NULL ? s->strength : HASH_UNKNOWN;
	return s != NULL ? s->name : NULL;
}

/* A known scheme's "$id$" before sixteen or more crypt letters that do
 * not parse as its hash: one cut short or garbled in copying, still a
 * stored password hash ("$1$" then a digest a letter short, "$6$" whose
 * salt lost its "$"). Shorter, or with other characters, it is no
 * evidence ("echo $1$2", "$5$ per month"). */
static const struct hash_scheme *damaged(const unsigned char *h, size_t len)
{
	for (size_t i = 0; i < S_COUNT; i++) {
		const char *pre = schemes[i].prefix;
		size_t m = strlen(pre);
		if (m < 3 || pre[m - 1] != '$' || len < m + 16 || memcmp(h, pre, m) != 0)
			continue;
		for (size_t j = m; j < len; j++)
			if (h[j] != '$' && !crypt_letters(h + j, 1))
				return NULL;
		return &schemes[i];
	}
	return NULL;
}

static int crypt_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	const struct hash_scheme *s;

	decoded_wipe(out);
	trim_value(&in, &len);
	s = hash_scheme_identify((const char *)in, len);
	if (s == NULL && (s = damaged(in, len)) != NULL) {
		out->severity = SEV_MEDIUM;
		decoded_scheme(out, s->name);
		decoded_note(
		        out,
		        _("%s password hash, cut short or garbled: stored all the same; review it"),
		        s->name);
		return 0;
	}
	if (s == NULL)
		return decoded_reject(out);
	out->severity = hash_strength_severity(s->strength);
	decoded_scheme(out, s->name);
	decoded_note(out, _("%s password hash: %s hash scheme; clause 2(4): %s"), s->name,
	             hash_strength_name(s->strength), _(s->cryptrec));
	return 0;
}

const struct decoder decoder_crypt = {
        "crypt", crypt_decode,
        N_("crypt(3) hash: names the scheme, its strength and clause 2(4) reading")};
