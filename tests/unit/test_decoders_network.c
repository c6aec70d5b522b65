/* Decoders for network-device configurations: Cisco type 7 and secrets,
 * Junos $9$. Known published vectors, plus round trips through encoders
 * written here from the public algorithm descriptions. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/aes.h>
#include <nettle/base64.h>
#include <nettle/cbc.h>

#include "rules/decoders/decoder.h"
#include "decoder_check.h"

/* ---- Cisco type 7 ------------------------------------------------------ */

static const char cisco_key[] = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";

static void cisco7_encode(const char *clear, unsigned seed, char *out, size_t outlen)
{
	size_t n = (size_t)snprintf(out, outlen, "%02u", seed);

	for (size_t i = 0; clear[i] != '\0'; i++)
		n += (size_t)snprintf(out + n, outlen - n, "%02X",
		                      (unsigned char)clear[i] ^
		                              (unsigned char)cisco_key[(seed + i) % 53]);
}

static void test_cisco7_vectors(void **state)
{
	struct decoded d;

	decode_clear("cisco7", "0822455D0A16", "cisco");
	decode_clear("cisco7", "121A0C041104", "cisco");
	decode_clear("cisco7", "0822455d0a16", "cisco");         /* lower-case hex */
	decode_clear("cisco7", "  \"0822455D0A16\"\n", "cisco"); /* quoted value */
	decode_ok("cisco7", "0822455D0A16", &d);
	assert_true(d.recoverable);
	assert_int_equal(d.severity, SEV_HIGH);
	assert_string_equal(d.scheme, "cisco-type7");
	assert_non_null(strstr(d.note, "recoverable"));
	decoded_wipe(&d);
}

static void test_cisco7_round_trip(void **state)
{
	static const char *const clears[] = {"a", "Passw0rd!", CANARY, "with space",
	                                     "0123456789abcdefghijklmno"};
	char enc[128];

	for (size_t i = 0; i < sizeof clears / sizeof clears[0]; i++)
		for (unsigned seed = 0; seed < 53; seed++) {
			cisco7_encode(clears[i], seed, enc, sizeof enc);
			decode_clear("cisco7", enc, clears[i]);
		}
}

static void test_cisco7_rejects(void **state)
{
	REJECTS("cisco7", "");
	REJECTS("cisco7", "08");           /* no hex pair */
	REJECTS("cisco7", "0822455D0A1");  /* odd length */
	REJECTS("cisco7", "A822455D0A16"); /* seed not decimal */
	REJECTS("cisco7", "5322455D0A16"); /* seed past the key */
	REJECTS("cisco7", "0822455D0A1G"); /* not hex */
	REJECTS("cisco7", "$9$7YdwgGDkTz6oJz69A1INdb");
}

/* The type 7 form that decodes to control bytes is a stored key all the
 * same: reported, not shown recovered. */
static void test_cisco7_not_text(void **state)
{
	struct decoded d;

	(void)state;
	decode_ok("cisco7", "0840", &d);
	assert_false(d.recoverable);
	assert_int_equal(d.secret_len, 0);
	assert_int_equal(d.severity, SEV_HIGH);
	decode_ok("cisco7", "00112233445566778899AABBCCDD", &d);
	assert_false(d.recoverable);
}

/* ---- Cisco secrets: types 4, 5, 8, 9 ----------------------------------- */

static void expect_secret(const char *in, const char *scheme, enum severity sev)
{
	struct decoded d;

	decode_ok("cisco-secret", in, &d);
	assert_string_equal(d.scheme, scheme);
	assert_int_equal(d.severity, sev);
	assert_false(d.recoverable);
	assert_int_equal(d.secret_len, 0);
	decoded_wipe(&d);
}

/* A known scheme's prefix before a body that no longer parses (cut short,
 * or a "$" lost in copying) is still a stored hash: reported at medium
 * under its scheme's name. Too short, or with characters no hash has, it
 * is no evidence. */
static void test_crypt_damaged(void **state)
{
	static const struct {
		const char *in, *scheme;
	} damaged[] = {
	        {"$6$Qm0hX1cE5zK3aLp9Wq2RtAbN7vC4xD8eF1gH6jK0lM", "sha512crypt"},
	        {"$1$Qm0hX1cE$s8u.oFC7kkEwNESBoT0R", "md5crypt"},
	        /* an uppercase salt is no shell variable */
	        {"$5$QMHXCE$./Tk9aZq2Lw8Rt7Yx1Bn3Ka", "sha256crypt"},
	};
	static const char *const not_hashes[] = {
	        "$1$2",
	        "$5$ per month",
	        "$6$Qm0hX1cE",
	        "$6$Qm0hX1cE 5zK3aLp9Wq2RtAbN7",
	        "$1$Qm0hX1cE\"s8u.oFC7kkEwNESBoT0R",
	};
	const struct decoder *dec = decoder_find("crypt");
	struct decoded d;

	(void)state;
	for (size_t i = 0; i < sizeof damaged / sizeof damaged[0]; i++) {
		decode_ok("crypt", damaged[i].in, &d);
		assert_int_equal(d.severity, SEV_MEDIUM);
		assert_string_equal(d.scheme, damaged[i].scheme);
		assert_false(d.recoverable);
		check_not_shown(&d, damaged[i].in);
	}
	/* a whole hash keeps its scheme's reading */
	decode_ok("crypt", "$1$Qm0hX1cE$s8u.oFC7kkEwNESBoT0Rv.", &d);
	assert_int_equal(d.severity, SEV_HIGH);
	for (size_t i = 0; i < sizeof not_hashes / sizeof not_hashes[0]; i++)
		assert_int_equal(dec->decode((const unsigned char *)not_hashes[i],
		                             strlen(not_hashes[i]), &d),
		                 -EINVAL);
}

static void test_cisco_secrets(void **state)
{
	/* hashcat's published example hashes for types 8 and 9. */
	expect_secret("$8$84486783037343$pYNyVrtyMalQrZLxRi7ZLQS1Fl.jkYCgASUi5P8JNb2",
	              "cisco-type8", SEV_LOW);
	expect_secret("9 $9$87023684531115$phio0TBQwaO7KZ8toQFyGFyDvyOzidaypRWN0uKX0hU",
	              "cisco-type9", SEV_LOW);
	expect_secret("5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "cisco-type5", SEV_HIGH);
	/* "secret 5" before md5crypt cut short, or another crypt scheme */
	expect_secret("5 $1$G1T6q4FE27/vKE46WINpy.", "cisco-type5", SEV_HIGH);
	expect_secret("5 $5$cAYu$0he5yPyPAbXoXo6U0fjzb4NbLLyqDRehwQU3ysKEC33", "cisco-type5",
	              SEV_MEDIUM);
	expect_secret("$1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "cisco-type5", SEV_HIGH);
	expect_secret("4 tnhtc92DXBhelxjYk8LWJrPV36S2i4ntXrpb4RFmfqY", "cisco-type4", SEV_HIGH);

	/* The type digit must agree with the hash. */
	REJECTS("cisco-secret", "8 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0");
	REJECTS("cisco-secret", "5 $9$87023684531115$phio0TBQwaO7KZ8toQFyGFyDvyOzidaypRWN0uKX0hU");
	/* Wrong salt or digest length, and Junos $9$ (no inner '$'). */
	REJECTS("cisco-secret", "$8$8448678303734$pYNyVrtyMalQrZLxRi7ZLQS1Fl.jkYCgASUi5P8JNb2");
	REJECTS("cisco-secret", "$9$87023684531115$phio0TBQwaO7KZ8toQFyGFyDvyOzidaypRWN0uKX0h");
	REJECTS("cisco-secret", "$9$7YdwgGDkTz6oJz69A1INdb");
	REJECTS("cisco-secret", "0822455D0A16");
}

/* ---- Junos $9$ --------------------------------------------------------- */

static const char *const family[] = {"QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx",
                                     "7N-dVbwsY2g4oaJZGUDj", "iHkq.mPf5T"};
static const int weights[7][4] = {{1, 4, 32}, {1, 16, 32},     {1, 8, 32}, {1, 64},
                                  {1, 32},    {1, 4, 16, 128}, {1, 32, 64}};
static const int nweights[7] = {3, 3, 3, 2, 2, 4, 3};

static char alpha[66];

/* Encoder after Crypt::Juniper's juniper_encrypt, with the salt and the
 * random letters drawn from a seeded generator so failures reproduce. */
static void juniper_encode(const char *clear, unsigned *rng, char *out)
{
	size_t n = 0;
	int salt_i = (int)(rand_r(rng) % 65), extra, prev;

	if (alpha[0] == '\0')
		for (size_t f = 0; f < 4; f++)
			strcat(alpha, family[f]);
	extra = salt_i < 15 ? 3 : salt_i < 35 ? 2 : salt_i < 55 ? 1 : 0;
	n += (size_t)sprintf(out, "$9$%c", alpha[salt_i]);
	for (int i = 0; i < extra; i++)
		out[n++] = alpha[rand_r(rng) % 65];
	prev = salt_i;
	for (size_t i = 0; clear[i] != '\0'; i++) {
		int set = (int)(i % 7), k = nweights[set], gaps[4];
		int v = (unsigned char)clear[i];

		for (int j = k - 1; j >= 0; j--) {
			gaps[j] = v / weights[set][j];
			v %= weights[set][j];
		}
		for (int j = 0; j < k; j++) {
			prev = (prev + gaps[j] + 1) % 65;
			out[n++] = alpha[prev];
		}
	}
	out[n] = '\0';
}

static void test_juniper_vectors(void **state)
{
	struct decoded d;

	/* Crypt::Juniper's synopsis and netutils' doctest. */
	decode_clear("juniper9", "$9$LbHX-wg4Z", "lc");
	decode_clear("juniper9", "$9$7YdwgGDkTz6oJz69A1INdb", "juniper");
	decode_clear("juniper9", "\"$9$7YdwgGDkTz6oJz69A1INdb\"", "juniper");
	decode_ok("juniper9", "$9$7YdwgGDkTz6oJz69A1INdb", &d);
	assert_int_equal(d.severity, SEV_HIGH);
	assert_string_equal(d.scheme, "juniper-type9");
	decoded_wipe(&d);
}

static void test_juniper_round_trip(void **state)
{
	static const char *const clears[] = {"x", "juniper", CANARY, "bgp-md5 key with spaces",
	                                     "~!@#$%^&*()_+{}|:<>?`-=[];',./\"\\"};
	unsigned rng = 42;
	char enc[512];

	for (int round = 0; round < 200; round++)
		for (size_t i = 0; i < sizeof clears / sizeof clears[0]; i++) {
			juniper_encode(clears[i], &rng, enc);
			decode_clear("juniper9", enc, clears[i]);
		}
}

static void test_juniper_rejects(void **state)
{
	REJECTS("juniper9", "$9$");
	REJECTS("juniper9", "$9$Q");        /* salt letter needs 3 more */
	REJECTS("juniper9", "$9$iH");       /* no payload */
	REJECTS("juniper9", "$9$LbHX-wg4"); /* truncated triplet */
	REJECTS("juniper9", "$9$LbHX-wg4Z$");
	REJECTS("juniper9", "$9$iLLL"); /* repeated letter: gap -1 */
	REJECTS("juniper9", "$9$87023684531115$phio0TBQwaO7KZ8toQFyGFyDvyOzidaypRWN0uKX0hU");
	REJECTS("juniper9", "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0");
}

/* ---- FortiOS ENC --------------------------------------------------------- */

/* FortiOS: base64(4-byte IV || AES-128-CBC("Mary had a littl", IV || 12
 * zero bytes, clear text NUL-padded to the block)). */
static void fortios_encode(const char *clear, const uint8_t *key, char *out)
{
	uint8_t buf[4 + 64] = {0x12, 0x34, 0x56, 0x78}, iv[16] = {0x12, 0x34, 0x56, 0x78};
	uint8_t plain[64] = {0};
	size_t n = (strlen(clear) / 16 + 1) * 16;
	struct aes128_ctx ctx;

	memcpy(plain, clear, strlen(clear));
	aes128_set_encrypt_key(&ctx, key);
	cbc_encrypt(&ctx, (nettle_cipher_func *)aes128_encrypt, 16, iv, n, buf + 4, plain);
	base64_encode_raw(out, 4 + n, buf);
	out[BASE64_ENCODE_RAW_LENGTH(4 + n)] = '\0';
}

static void test_fortios(void **state)
{
	char enc[128], line[160];
	struct decoded d;

	fortios_encode(CANARY, (const uint8_t *)"Mary had a littl", enc);
	decode_clear("fortios-enc", enc, CANARY);
	snprintf(line, sizeof line, "ENC %s", enc);
	decode_clear("fortios-enc", line, CANARY);
	fortios_encode("a 16-byte secret", (const uint8_t *)"Mary had a littl", enc);
	decode_clear("fortios-enc", enc, "a 16-byte secret");

	/* A device key: encrypted, not recoverable. */
	fortios_encode(CANARY, (const uint8_t *)"0123456789abcdef", enc);
	decode_ok("fortios-enc", enc, &d);
	assert_false(d.recoverable);
	assert_string_equal(d.scheme, "fortios-enc-device-key");
	decoded_wipe(&d);

	/* Administrator password hashes (the shape: prefix, base64 salt+digest). */
	decode_ok("fortios-enc",
	          "ENC SH2nlSGx7oXE8EmS6xv5ZX6P0AQBxyT48cuUVkUwrbnvQ7DG0N1FWcvWhZMw3s=", &d);
	assert_string_equal(d.scheme, "fortios-sh2");
	assert_false(d.recoverable);
	decoded_wipe(&d);
	decode_ok("fortios-enc", "AK1VW7boNstVjM36VO5a8tvBAgUJwLjryl1E+27F+lOBAE=", &d);
	assert_string_equal(d.scheme, "fortios-ak1");
	assert_int_equal(d.severity, SEV_HIGH);
	decoded_wipe(&d);

	REJECTS("fortios-enc", "ENC");
	REJECTS("fortios-enc", "EjRWeA==");            /* IV only */
	REJECTS("fortios-enc", "EjRWeAAAAAAAAAAAAAA"); /* not whole blocks */
	REJECTS("fortios-enc", "not base64 at all!");
}

/* ---- the registry ------------------------------------------------------ */

static void test_registry(void **state)
{
	const struct decoder *const *all = decoder_all();
	size_t n = 0;

	assert_null(decoder_find("no-such-decoder"));
	assert_null(decoder_find(NULL));
	for (; all[n] != NULL; n++) {
		assert_ptr_equal(decoder_find(all[n]->name), all[n]);
		assert_non_null(all[n]->summary);
		for (size_t j = 0; j < n; j++)
			assert_string_not_equal(all[j]->name, all[n]->name);
	}
	assert_true(n >= 4);
	assert_non_null(decoder_find("cisco7"));
	assert_non_null(decoder_find("juniper9"));
	assert_non_null(decoder_find("crypt"));
	assert_non_null(decoder_find("cisco-secret"));
	decoded_wipe(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_cisco7_vectors),  cmocka_unit_test(test_cisco7_round_trip),
	        cmocka_unit_test(test_cisco7_rejects),  cmocka_unit_test(test_cisco7_not_text),
	        cmocka_unit_test(test_cisco_secrets),   cmocka_unit_test(test_crypt_damaged),
	        cmocka_unit_test(test_juniper_vectors), cmocka_unit_test(test_juniper_round_trip),
	        cmocka_unit_test(test_juniper_rejects), cmocka_unit_test(test_fortios),
	        cmocka_unit_test(test_registry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
