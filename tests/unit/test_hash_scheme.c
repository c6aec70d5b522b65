/* Naming crypt(3) hash schemes: every scheme libxcrypt can generate is
 * hashed here at test time and must be named, with a strength that agrees
 * with libxcrypt's own crypt_checksalt() verdict; malformed and locked
 * hashes are not named. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include "rules/decoders/decoder.h"
#include "rules/decoders/hash_scheme.h"
#include "decoder_check.h"

struct expect {
	const char *prefix; /* for crypt_gensalt */
	const char *name;
	enum hash_strength strength;
};

static const struct expect generated[] = {
        {"$y$", "yescrypt", HASH_STRONG},        {"$gy$", "gost-yescrypt", HASH_STRONG},
        {"$7$", "scrypt", HASH_STRONG},          {"$2b$", "bcrypt", HASH_STRONG},
        {"$6$", "sha512crypt", HASH_ACCEPTABLE}, {"$5$", "sha256crypt", HASH_ACCEPTABLE},
        {"$sha1", "sha1crypt", HASH_WEAK},       {"$md5", "sunmd5", HASH_WEAK},
        {"$1$", "md5crypt", HASH_WEAK},          {"$3$", "nt", HASH_WEAK},
        {"_", "bsdicrypt", HASH_WEAK},           {"", "descrypt", HASH_WEAK},
};

static void test_generated_hashes(void **state)
{
	for (size_t i = 0; i < sizeof generated / sizeof generated[0]; i++) {
		const struct expect *e = &generated[i];
		struct crypt_data *cd = calloc(1, sizeof *cd);
		char setting[CRYPT_GENSALT_OUTPUT_SIZE];
		enum hash_strength st;
		const char *hash, *name;
		int verdict;

		assert_non_null(cd);
		assert_non_null(crypt_gensalt_rn(e->prefix[0] != '\0' ? e->prefix : "..", 0, NULL,
		                                 0, setting, sizeof setting));
		hash = crypt_rn(CANARY, setting, cd, sizeof *cd);
		assert_non_null(hash);
		name = hash_scheme_name(hash, &st);
		if (name == NULL || strcmp(name, e->name) != 0)
			fail_msg("%s: named %s, want %s", hash, name ? name : "(null)", e->name);
		assert_int_equal(st, e->strength);

		/* libxcrypt calls OK exactly what we call strong, plus sha512crypt. */
		verdict = crypt_checksalt(hash);
		if (st == HASH_STRONG || strcmp(name, "sha512crypt") == 0)
			assert_int_equal(verdict, CRYPT_SALT_OK);
		else
			assert_int_equal(verdict, CRYPT_SALT_METHOD_LEGACY);

		/* The crypt decoder names it too, with a clause 2(4) note. */
		{
			struct decoded d;

			decode_ok("crypt", hash, &d);
			assert_string_equal(d.scheme, e->name);
			assert_false(d.recoverable);
			assert_non_null(strstr(d.note, "2(4)"));
			assert_non_null(strstr(d.note, "CRYPTREC"));
			check_not_shown(&d, CANARY);
			decoded_wipe(&d);
		}
		explicit_bzero(cd, sizeof *cd);
		free(cd);
	}
}

static void test_known_hashes(void **state)
{
	enum hash_strength st;

	assert_string_equal(
	        hash_scheme_name("$2y$10$abcdefghijklmnopqrstuu5Ot8dmTB7M3DdQ.EMq6VoJ5dL9K2nxe",
	                         &st),
	        "bcrypt");
	assert_string_equal(
	        hash_scheme_name("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
	                         &st),
	        "bcrypt");
	assert_string_equal(
	        hash_scheme_name("$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
	                         &st),
	        "bcrypt-2x");
	assert_int_equal(st, HASH_WEAK);
	assert_string_equal(hash_scheme_name("$apr1$salt$Xxd1irWT9ycqoYxGFn4cb.", &st), "apr1-md5");
	assert_string_equal(hash_scheme_name("$6$rounds=5000$salt$"
	                                     "IxDD3jeSOb5eB1CX5LBsqZFVkJdido3OUILO5Ifz5iwMuTS4XMS13"
	                                     "0MTSuDDl3aCI6WouIL9AjRbLCelDCy.g.",
	                                     &st),
	                    "sha512crypt");
	assert_int_equal(st, HASH_ACCEPTABLE);
	assert_string_equal(hash_scheme_name("abJnggxhB/yWI", &st), "descrypt");
	assert_int_equal(st, HASH_WEAK);
	assert_string_equal(
	        hash_scheme_name("$md5,rounds=5000$GUBv0xjJ$$mSwgIswdjlTY0YxV7HBVm0", &st),
	        "sunmd5");
	assert_string_equal(hash_strength_name(HASH_STRONG), "strong");
	assert_string_equal(hash_strength_name(HASH_UNKNOWN), "unknown");
}

static void test_not_hashes(void **state)
{
	static const char *const bad[] = {
	        "",
	        "*",
	        "!",
	        "!!",
	        "*LK*",
	        "x",
	        "!$6$salt$"
	        "IxDD3jeSOb5eB1CX5LBsqZFVkJdido3OUILO5Ifz5iwMuTS4XMS130MTSuDDl3aCI6WouIL9AjRbLCelDC"
	        "y.g.",
	        "$y$j9T$salt$short",
	        "_J9..rasmBYk8r9AiWN",
	        "abJnggxhB/yW!",
	        "password123",
	        "$9$7YdwgGDkTz6oJz69A1INdb",
	};
	/* a known scheme's prefix before a body that does not parse: no
	 * scheme is named, and the decoder reports a damaged hash at medium */
	static const char *const damaged[] = {
	        "$6$salt$"
	        "IxDD3jeSOb5eB1CX5LBsqZFVkJdido3OUILO5Ifz5iwMuTS4XMS130MTSuDDl3aCI6WouIL9AjRbLCelDC"
	        "y.g",
	        "$6$saltsaltsaltsalt1$"
	        "IxDD3jeSOb5eB1CX5LBsqZFVkJdido3OUILO5Ifz5iwMuTS4XMS130MTSuDDl3aCI6WouIL9AjRbLCelDC"
	        "y.g.",
	        "$1$saltsalt9$hx5rVt7rPNoS4wqbXKX7m0",
	        "$1$mERr$hx5rVt7rPNoS4wqbXKX7m",
	        "$2b$5$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
	        "$3$$8846F7EAEE8FB117AD06BDD830B7586C",
	};
	enum hash_strength st = HASH_STRONG;
	struct decoded d;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (hash_scheme_name(bad[i], &st) != NULL)
			fail_msg("named a non-hash: %s", bad[i]);
		assert_int_equal(st, HASH_UNKNOWN);
		REJECTS("crypt", bad[i]);
	}
	for (size_t i = 0; i < sizeof damaged / sizeof damaged[0]; i++) {
		if (hash_scheme_name(damaged[i], &st) != NULL)
			fail_msg("named a damaged hash: %s", damaged[i]);
		decode_ok("crypt", damaged[i], &d);
		assert_int_equal(d.severity, SEV_MEDIUM);
	}
	assert_null(hash_scheme_name(NULL, NULL));
	assert_null(hash_scheme_identify(NULL, 0));
}

static void test_scheme_table(void **state)
{
	const struct hash_scheme *const *all = hash_scheme_all();
	size_t n = 0;

	for (; all[n] != NULL; n++) {
		assert_true(all[n]->strength != HASH_UNKNOWN);
		assert_non_null(strstr(all[n]->cryptrec, "CRYPTREC"));
	}
	assert_true(n >= 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_generated_hashes),
	        cmocka_unit_test(test_known_hashes),
	        cmocka_unit_test(test_not_hashes),
	        cmocka_unit_test(test_scheme_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
