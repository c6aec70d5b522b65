/* Unit tests for every check of the policy engine, each isolated from the
 * others by a neutral policy that turns everything else off. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <crack.h>
#include <packer.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy/checks.h"
#include "policy/policy.h"

/* Exported by libcrack2, declared by packer.h only inside cracklib. */
extern char *GetPW(PWDICT *pwp, uint32_t number);

#define BIT(r) (1u << (r))

/* Everything off; a test turns on what it checks. */
static void neutral(struct policy_settings *s)
{
	settings_init(s);
	assert_int_equal(settings_apply(s, "breach_index=none", NULL), 0);
	s->minlen = 6;
	s->required_classes = 0;
	s->maxrepeat = 0;
	s->difok = 0;
	s->dictcheck = false;
	s->usercheck = false;
	s->gecoscheck = false;
	s->keyboardcheck = false;
	s->sequencecheck = false;
	s->guess_floor = 0;
}

static uint32_t reasons(const struct policy_settings *s, const char *pw, const char *old,
                        const struct policy_user *u)
{
	struct policy_verdict v;

	assert_int_equal(policy_check(s, pw, old, u, &v), 0);
	if (v.reasons != 0)
		assert_int_equal(v.score, 0);
	else
		assert_in_range(v.score, 0, 100);
	return v.reasons;
}

#define REJECTS(s, pw, r) assert_true(reasons((s), (pw), NULL, NULL) & BIT(r))
#define ACCEPTS(s, pw)    assert_int_equal(reasons((s), (pw), NULL, NULL), 0)
#define ONLY(s, pw, r)    assert_int_equal(reasons((s), (pw), NULL, NULL), BIT(r))

static void test_empty_and_encoding(void **state)
{
	struct policy_settings s;
	static const char *const invalid[] = {
	        "abc\xC0\x80xyzxyz",         /* overlong NUL */
	        "abc\xC1\xBFxyzxyz",         /* overlong */
	        "abc\xE0\x80\xAFxyzxyz",     /* overlong 3-byte */
	        "abc\xF0\x80\x80\xAFxyzxyz", /* overlong 4-byte */
	        "abc\xED\xA0\x80xyzxyz",     /* surrogate U+D800 */
	        "abc\xF4\x90\x80\x80xyzxyz", /* > U+10FFFF */
	        "abc\xF5\x80\x80\x80xyzxyz", /* invalid lead */
	        "abc\x80xyzxyz",             /* stray continuation */
	        "abcxyzxyz\xE3\x81",         /* truncated */
	        "abc\xFFxyzxyz",
	};

	neutral(&s);
	ONLY(&s, "", REASON_EMPTY);
	ONLY(&s, NULL, REASON_EMPTY);
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
		ONLY(&s, invalid[i], REASON_INVALID_ENCODING);
	ACCEPTS(&s, "abc\xF4\x8F\xBF\xBFxyzxyz"); /* U+10FFFF is valid */
	settings_free(&s);
}

static void test_length_code_points(void **state)
{
	struct policy_settings s;
	char big[PW_MAX_BYTES + 8];

	neutral(&s);
	s.minlen = 8;
	/* 7 Cyrillic letters are 14 bytes but 7 characters */
	ONLY(&s, "\xd0\xbf\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c\xd1\x8f", REASON_TOO_SHORT);
	/* 8 of them are enough */
	ACCEPTS(&s, "\xd0\xbf\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c\xd1\x8f\xd0\xb9");
	ONLY(&s, "abcxyz7", REASON_TOO_SHORT);
	ACCEPTS(&s, "abcxyz7q");
	/* minlen below 6 counts as 6, as in pam_pwquality */
	s.minlen = 2;
	ONLY(&s, "zqxjk", REASON_TOO_SHORT);
	/* maxlen */
	s.maxlen = 10;
	ACCEPTS(&s, "zqxjkvbnwp");
	ONLY(&s, "zqxjkvbnwpt", REASON_TOO_LONG);
	/* the hard cap applies whatever maxlen says */
	s.maxlen = 0;
	memset(big, 'k', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ONLY(&s, big, REASON_TOO_LONG);
	settings_free(&s);
}

static void test_classes(void **state)
{
	struct policy_settings s;

	neutral(&s);
	s.required_classes = CLASS_ALL;
	ACCEPTS(&s, "Zq7#xkvB");
	ONLY(&s, "zq7#xkvb", REASON_MISSING_UPPER);
	ONLY(&s, "ZQ7#XKVB", REASON_MISSING_LOWER);
	ONLY(&s, "Zqx#xkvB", REASON_MISSING_DIGIT);
	ONLY(&s, "Zq7xxkvB", REASON_MISSING_SYMBOL);
	assert_int_equal(reasons(&s, "zqxjkvbn", NULL, NULL), BIT(REASON_MISSING_UPPER) |
	                                                              BIT(REASON_MISSING_DIGIT) |
	                                                              BIT(REASON_MISSING_SYMBOL));
	/* full-width forms count as ASCII: Ｚｑ７＃ｘｋｖＢ */
	ACCEPTS(&s, "\xef\xbc\xba\xef\xbd\x91\xef\xbc\x97\xef\xbc\x83\xef\xbd\x98\xef\xbd\x8b"
	            "\xef\xbd\x96\xef\xbc\xa2");
	/* non-ASCII letters with case: É is upper, ж lower; CJK counts as symbol */
	ACCEPTS(&s, "\xc3\x89zq7\xe6\x9d\xb1xk");
	ONLY(&s, "\xd0\xb6zq7\xe6\x9d\xb1xk", REASON_MISSING_UPPER);
	ACCEPTS(&s, "\xd0\x96zq7\xe6\x9d\xb1xk");
	/* the ideographic space folds to a space, a symbol */
	ACCEPTS(&s, "Zq7\xe3\x80\x80xkvB");
	settings_free(&s);
}

static void test_credits_minclass(void **state)
{
	struct policy_settings s;

	neutral(&s);
	s.dcredit = -2;
	ONLY(&s, "zqxjkv7b", REASON_MISSING_DIGIT);
	ACCEPTS(&s, "zqxjk77b");
	s.dcredit = 0;
	s.ucredit = -3;
	ONLY(&s, "ZQxjkvbn", REASON_MISSING_UPPER);
	ACCEPTS(&s, "ZQXjkvbn");
	s.ucredit = 0;
	/* positive credits lower the length bar */
	s.minlen = 10;
	ONLY(&s, "zq7#xkvb", REASON_TOO_SHORT);
	s.dcredit = 1;
	s.ocredit = 1;
	ACCEPTS(&s, "zq7#xkvb");
	s.dcredit = s.ocredit = 0;
	s.minlen = 6;
	s.minclass = 3;
	ONLY(&s, "zqxjkvbn77", REASON_TOO_FEW_CLASSES);
	ACCEPTS(&s, "zqxjkvBn77");
	settings_free(&s);
}

static void test_repeats(void **state)
{
	struct policy_settings s;

	neutral(&s);
	s.maxrepeat = 3;
	ACCEPTS(&s, "zqqqxkvb");
	ONLY(&s, "zqqqqxkv", REASON_REPETITIVE);
	s.maxrepeat = 0;
	s.maxclassrepeat = 4;
	ACCEPTS(&s, "zqxj7kvb");
	ONLY(&s, "zqxjk7vb", REASON_REPETITIVE);
	s.maxclassrepeat = 1; /* pam_pwquality 1.4.5 ignored 1; we do not */
	ONLY(&s, "zq7#xkvb", REASON_REPETITIVE);
	ACCEPTS(&s, "z7Q#x8K!");
	s.maxclassrepeat = 0;
	ONLY(&s, "zqx77xqz", REASON_REPETITIVE); /* palindrome */
	ONLY(&s, "Zqx77xqz", REASON_REPETITIVE); /* ignoring case */
	settings_free(&s);
}

static void test_sequences(void **state)
{
	struct policy_settings s;

	neutral(&s);
	s.sequencecheck = true;
	ONLY(&s, "zqabcdkv", REASON_SEQUENTIAL);
	ONLY(&s, "zq1234kv", REASON_SEQUENTIAL);
	ONLY(&s, "zq9876kv", REASON_SEQUENTIAL);
	ONLY(&s, "zqDCBAkv", REASON_SEQUENTIAL);
	ONLY(&s, "zq7890kv", REASON_SEQUENTIAL); /* digits wrap */
	ACCEPTS(&s, "zqxyzakv");                 /* letters do not */
	ACCEPTS(&s, "zqabc9kv");                 /* three is not a run */
	ACCEPTS(&s, "zqab12kv");
	s.sequencecheck = false;
	s.maxsequence = 2; /* pam_pwquality: runs longer than N, any characters */
	ONLY(&s, "zq#$%kvb", REASON_SEQUENTIAL);
	ACCEPTS(&s, "zq#$kvbx");
	settings_free(&s);
}

static void test_keyboard(void **state)
{
	struct policy_settings s;
	static const char *const walks[] = {
	        "zqqwerv7", "zq1qaz7v", "7vpoiu#k", "1qaz2wsx", "!QAZ@WSX",
	        "k#qazwsx", "zqlkjh7v", "7vZXCVk#", "7v;lkjk#",
	};

	neutral(&s);
	s.keyboardcheck = true;
	for (size_t i = 0; i < sizeof walks / sizeof walks[0]; i++)
		if (reasons(&s, walks[i], NULL, NULL) != BIT(REASON_KEYBOARD_WALK))
			fail_msg("not a keyboard walk: case %zu", i);
	ACCEPTS(&s, "zq7#xkvb");
	ACCEPTS(&s, "qwe7zpm#");
	settings_free(&s);
}

static void test_personal(void **state)
{
	struct policy_settings s;
	struct policy_user u = {"alice", "Alice Liddell,Room 42,,"};
	struct policy_user nobody = {NULL, NULL};

	neutral(&s);
	s.usercheck = true;
	assert_int_equal(reasons(&s, "zqALICE7", NULL, &u), BIT(REASON_CONTAINS_USER_NAME));
	assert_int_equal(reasons(&s, "zqecila7", NULL, &u), BIT(REASON_CONTAINS_USER_NAME));
	assert_int_equal(reasons(&s, "zq@l1ce7", NULL, &u), BIT(REASON_CONTAINS_USER_NAME));
	assert_int_equal(reasons(&s, "zqalic7k", NULL, &u), 0);
	assert_int_equal(reasons(&s, "zqalice7", NULL, &nobody), 0);
	s.usersubstr = 4;
	assert_int_equal(reasons(&s, "zqalic7k", NULL, &u), BIT(REASON_CONTAINS_USER_NAME));
	assert_int_equal(reasons(&s, "zqlice7k", NULL, &u), BIT(REASON_CONTAINS_USER_NAME));
	assert_int_equal(reasons(&s, "zqali7kx", NULL, &u), 0);
	s.usercheck = false;
	s.usersubstr = 0;
	s.gecoscheck = true;
	assert_int_equal(reasons(&s, "7kLIDDELLzq", NULL, &u), BIT(REASON_CONTAINS_GECOS));
	assert_int_equal(reasons(&s, "7kllеddilzq", NULL, &u), 0); /* Cyrillic е */
	assert_int_equal(reasons(&s, "7klleddilzq", NULL, &u), BIT(REASON_CONTAINS_GECOS));
	assert_int_equal(reasons(&s, "7kroom42zq", NULL, &u), BIT(REASON_CONTAINS_GECOS));
	assert_int_equal(reasons(&s, "7k42zqxv", NULL, &u), 0); /* words of 4+ only */
	s.gecoscheck = false;
	s.badwords = strdup("acme, widget");
	ONLY(&s, "zqACMEk7", REASON_BAD_WORD);
	ONLY(&s, "zqtegdiw7", REASON_BAD_WORD);
	ONLY(&s, "zq@cm3k7", REASON_BAD_WORD);
	ACCEPTS(&s, "zqacm7kv");
	settings_free(&s);
}

static void test_dictionary(void **state)
{
	struct policy_settings s;
	static const char *const weak[] = {
	        "Passw0rd!",     "P@ssw0rd",     "Password123!",  "Summer2024!", "Welcome2024!",
	        "Monkey2024!",   "Welcome1!",    "Iloveyou1!",    "Football1!",  "Qwerty123!",
	        "$ummer2024",    "MyPassword1!", "drowssaP12!",   "2024!Dragon", "L3tM31n!",
	        "Adm1n1strat0r", "#Sunshine99",  "Pr1nc3ss!2023", "D3c3mb3r#01",
	};
	static const char *const strong[] = {
	        "Zq7#xkvB9!pL",
	        "correct horse battery staple",
	        "xK9#mQ2$vL7@",
	        "Tr0ub4dor&3xQ",
	};

	neutral(&s);
	s.dictcheck = true;
	for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++)
		if (!(reasons(&s, weak[i], NULL, NULL) & BIT(REASON_DICTIONARY_WORD)))
			fail_msg("not rejected as a dictionary word: case %zu", i);
	for (size_t i = 0; i < sizeof strong / sizeof strong[0]; i++)
		if (reasons(&s, strong[i], NULL, NULL) != 0)
			fail_msg("strong password rejected: case %zu", i);
	/* cracklib's own rules that need no dictionary */
	ONLY(&s, "zqzqzqzq", REASON_REPETITIVE); /* fewer than 5 different */
	settings_free(&s);

	/* a dictionary that cannot be loaded: refuse, never accept */
	neutral(&s);
	s.dictcheck = true;
	s.dictpath = strdup("/nonexistent/cracklib_dict");
	ONLY(&s, "Zq7#xkvB9!pL", REASON_CHECK_UNAVAILABLE);
	char err[512];
	assert_true(policy_prepare(&s, err, sizeof err) < 0);
	assert_non_null(strstr(err, "/nonexistent/cracklib_dict"));
	settings_free(&s);
}

/* At least as strict as FascistCheck on what both see: fixed samples, then
 * every 150th word of the word list dressed the ways people dress words. */
static void test_fascistcheck_parity(void **state)
{
	struct policy_settings s;
	static const char *const samples[] = {
	        "Abcd1234!", "Welcome1!", "Iloveyou1!", "Football1!", "Qwerty123!",   "monkey12",
	        "dragon!!",  "s3cr3t99",  "h4ckerman",  "xpassword",  "passwordxyz",  "4pple123",
	        "k1tt3n55",  "Zq7#xkvB",  "kjhgfdsa",   "abcdef12",   "yellowstone1", "$hadow12",
	};
	FILE *f = fopen("/usr/share/dict/cracklib-small", "r");
	char word[128], pw[160];
	unsigned long n = 0, tried = 0;

	neutral(&s);
	s.dictcheck = true;
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		const char *why = FascistCheckUser(samples[i], NULL, "nosuchuser", NULL);
		uint32_t r = reasons(&s, samples[i], NULL, NULL);
		if (why != NULL && r == 0)
			fail_msg("FascistCheck rejects case %zu (%s), we accept", i, why);
	}
	if (f == NULL) {
		settings_free(&s);
		skip(); /* cracklib-runtime's word list is not installed */
	}
	while (fgets(word, sizeof word, f) != NULL) {
		size_t len;

		word[strcspn(word, "\r\n")] = '\0';
		len = strlen(word);
		if (n++ % 150 != 0 || len < 3 || len > 40)
			continue;
		for (int variant = 0; variant < 5; variant++) {
			const char *why;

			switch (variant) {
			case 0:
				snprintf(pw, sizeof pw, "%s12", word);
				break;
			case 1:
				snprintf(pw, sizeof pw, "%c%s!7", word[0] & ~0x20, word + 1);
				break;
			case 2: /* reversed, with a prefix */
				pw[0] = '9';
				for (size_t k = 0; k < len; k++)
					pw[1 + k] = word[len - 1 - k];
				pw[len + 1] = '\0';
				break;
			case 3: /* cracklib's own leetspeak */
				for (size_t k = 0; k <= len; k++)
					pw[k] = word[k] == 'o'   ? '0'
					        : word[k] == 'e' ? '3'
					                         : word[k];
				break;
			default:
				snprintf(pw, sizeof pw, "xy%s#", word);
				break;
			}
			why = FascistCheckUser(pw, NULL, "nosuchuser", NULL);
			tried++;
			if (why != NULL && reasons(&s, pw, NULL, NULL) == 0)
				fail_msg("FascistCheck rejects word %lu variant %d (%s), we accept",
				         n, variant, why);
		}
	}
	fclose(f);
	assert_true(tried > 1000);
	settings_free(&s);
}

/* Our decoder of cracklib's packed dictionary sees exactly the words
 * libcrack2's own reader sees. The test packs its own dictionary with
 * libcrack2 (so it does not depend on which word lists the machine's
 * cracklib dictionary was built from): every packed word is a dictionary
 * word, and words that were not packed are not. */
#define LOADER_WORDS 2000

/* "zqv" + 5 letters spelling i in base 26 + "vqz": sorted, as cracklib
 * wants. The ends are there so that cracklib's cuts of up to 3 characters
 * from either end never leave the 5 letters alone, which may spell a word
 * of the built-in lists (a name, read backwards). */
static void loader_word(char prefix0, unsigned i, char out[12])
{
	out[0] = prefix0;
	out[1] = 'q';
	out[2] = 'v';
	for (int k = 7; k >= 3; k--) {
		out[k] = (char)('a' + i % 26);
		i /= 26;
	}
	out[8] = 'v';
	out[9] = 'q';
	out[10] = prefix0;
	out[11] = '\0';
}

static void test_dictionary_loader(void **state)
{
	struct policy_settings s;
	char dir[] = "/tmp/test_policy_dict.XXXXXX", prefix[64], empty[64], w[12];
	PWDICT *pwd;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(prefix, sizeof prefix, "%s/dict", dir);
	snprintf(empty, sizeof empty, "%s/empty", dir);
	f = fopen(empty, "w"); /* no plain word list: only the packed words */
	assert_non_null(f);
	fclose(f);
	pwd = PWOpen(prefix, (char *)"w");
	assert_non_null(pwd);
	for (unsigned i = 0; i < LOADER_WORDS; i++) {
		loader_word('z', i * 7, w);
		assert_int_equal(PutPW(pwd, w), 0);
	}
	PWClose(pwd);

	/* libcrack2 reads back what it packed */
	pwd = PWOpen(prefix, (char *)"r");
	assert_non_null(pwd);
	for (unsigned i = 0; i < LOADER_WORDS; i += 97) {
		loader_word('z', i * 7, w);
		assert_string_equal(GetPW(pwd, i), w);
	}
	PWClose(pwd);

	neutral(&s);
	s.dictcheck = true;
	s.dictpath = strdup(prefix);
	s.wordlist = strdup(empty);
	for (unsigned i = 0; i < LOADER_WORDS; i++) {
		loader_word('z', i * 7, w);
		if (!(reasons(&s, w, NULL, NULL) & BIT(REASON_DICTIONARY_WORD)))
			fail_msg("packed word %u not found", i);
		loader_word('k', i * 7, w); /* never packed */
		if (reasons(&s, w, NULL, NULL) & BIT(REASON_DICTIONARY_WORD))
			fail_msg("word %u found but never packed", i);
	}
	settings_free(&s);
	for (const char *ext = ".pwi\0.pwd\0.hwm\0"; *ext != '\0'; ext += 5) {
		char path[80];
		snprintf(path, sizeof path, "%s%s", prefix, ext);
		unlink(path);
	}
	unlink(empty);
	rmdir(dir);
}

static void test_old(void **state)
{
	struct policy_settings s;

	neutral(&s);
	assert_int_equal(reasons(&s, "Zq7#xkvB9!pL", "Zq7#xkvB9!pL", NULL),
	                 BIT(REASON_SAME_AS_OLD));
	/* difok = 0: only identical */
	assert_int_equal(reasons(&s, "Summer2025!", "Summer2024!", NULL), 0);
	s.difok = 5;
	assert_int_equal(reasons(&s, "Summer2025!", "Summer2024!", NULL),
	                 BIT(REASON_TOO_SIMILAR_TO_OLD));
	assert_int_equal(reasons(&s, "Summer#99$!", "Summer2024!", NULL),
	                 BIT(REASON_TOO_SIMILAR_TO_OLD)); /* only digits/symbols changed */
	assert_int_equal(reasons(&s, "Lp!9BvkX#7qZ", "Zq7#xkvB9!pL", NULL),
	                 BIT(REASON_TOO_SIMILAR_TO_OLD)); /* reversed */
	assert_int_equal(reasons(&s, "zQ7#XKVb9!PlL", "Zq7#xkvB9!pLl", NULL),
	                 BIT(REASON_TOO_SIMILAR_TO_OLD)); /* case flipped */
	assert_int_equal(reasons(&s, "9!pLZq7#xkvB", "Zq7#xkvB9!pL", NULL),
	                 BIT(REASON_TOO_SIMILAR_TO_OLD)); /* rotated */
	assert_int_equal(reasons(&s, "Zq7#xkvB9!pLm", "Zq7#xkvB9!pL", NULL),
	                 BIT(REASON_TOO_SIMILAR_TO_OLD)); /* one edit */
	assert_int_equal(reasons(&s, "Hw4$ngrT2@cJ", "Zq7#xkvB9!pL", NULL), 0);
	/* full-width is the same password */
	assert_int_equal(reasons(&s,
	                         "\xef\xbc\xba"
	                         "q7#xkvB9!pL",
	                         "Zq7#xkvB9!pL", NULL),
	                 BIT(REASON_SAME_AS_OLD));
	/* an undecodable old password is ignored, not fatal */
	assert_int_equal(reasons(&s, "Zq7#xkvB9!pL", "\xff\xfe", NULL), 0);
	settings_free(&s);
}

static void test_edit_distance(void **state)
{
	static uint32_t a[PW_MAX_CP], b[PW_MAX_CP];
	const uint32_t k[] = {'k', 'i', 't', 't', 'e', 'n'},
	               t[] = {'s', 'i', 't', 't', 'i', 'n', 'g'};

	assert_int_equal(edit_distance(k, 6, t, 7), 3);
	assert_int_equal(edit_distance(k, 6, k, 6), 0);
	assert_int_equal(edit_distance(k, 0, t, 7), 7);
	for (size_t i = 0; i < PW_MAX_CP; i++) {
		a[i] = 'a' + i % 26;
		b[i] = 'a' + (i + 1) % 26;
	}
	assert_int_equal(edit_distance(a, PW_MAX_CP, b, PW_MAX_CP), 2);
	assert_int_equal(edit_distance(a, PW_MAX_CP + 1, b, 1), (size_t)-1);
}

static void test_default_policy(void **state)
{
	struct policy_settings s;
	struct policy_user u = {"alice", "Alice Liddell"};

	settings_init(&s);
	/* the default index is tested through the module; no index here */
	assert_int_equal(settings_apply(&s, "breach_index=none", NULL), 0);
	ACCEPTS(&s, "Zq7#xkvB9!pL");
	REJECTS(&s, "Zq7#xkvB9!p", REASON_TOO_SHORT);
	REJECTS(&s, "Password123!", REASON_DICTIONARY_WORD);
	REJECTS(&s, "1qaz2wsx!QAZ", REASON_KEYBOARD_WALK);
	assert_true(reasons(&s, "Zq7#Alice!pL", NULL, &u) & BIT(REASON_CONTAINS_USER_NAME));
	assert_true(reasons(&s, "Summer2025!x", "Summer2024!x", NULL) &
	            BIT(REASON_TOO_SIMILAR_TO_OLD));
	settings_free(&s);
}

static void test_codes_messages(void **state)
{
	struct policy_settings s;
	struct policy_verdict v = {BIT(REASON_TOO_SHORT) | BIT(REASON_BREACHED), 0};
	char buf[256];

	settings_init(&s);
	assert_string_equal(policy_reason_code(REASON_TOO_SHORT), "too_short");
	assert_string_equal(policy_reason_code(REASON_CONTAINS_GECOS), "contains_user_info");
	assert_string_equal(policy_reason_code(REASON_BAD_WORD), "forbidden_word");
	assert_null(policy_reason_code(REASON__COUNT));
	assert_null(policy_reason_clause(REASON__COUNT));
	for (int r = 0; r < REASON__COUNT; r++) {
		const char *code = policy_reason_code((enum policy_reason)r);

		assert_non_null(code);
		assert_true(strspn(code, "abcdefghijklmnopqrstuvwxyz_") == strlen(code));
		for (int q = 0; q < r; q++) /* codes are unique */
			assert_string_not_equal(code, policy_reason_code((enum policy_reason)q));
		assert_non_null(policy_reason_clause((enum policy_reason)r));
		assert_true(strncmp(policy_reason_clause((enum policy_reason)r), "3(1)", 4) == 0);
		assert_non_null(policy_reason_message((enum policy_reason)r, &s, buf, sizeof buf));
		assert_true(strlen(buf) > 10);
		assert_int_equal(buf[strlen(buf) - 1], '.');
		assert_null(strchr(buf, '%')); /* every number was filled in */
	}
	assert_string_equal(policy_reason_clause(REASON_BREACHED), "3(1)③④");
	policy_reason_message(REASON_TOO_SHORT, &s, buf, sizeof buf);
	assert_string_equal(buf, "The password is shorter than 12 characters.");
	s.ucredit = -2;
	policy_reason_message(REASON_MISSING_UPPER, &s, buf, sizeof buf);
	assert_string_equal(buf, "The password must contain at least 2 upper-case letters.");
	s.ucredit = -1;
	policy_reason_message(REASON_MISSING_UPPER, &s, buf, sizeof buf);
	assert_string_equal(buf, "The password must contain an upper-case letter.");
	s.minclass = 3;
	policy_reason_message(REASON_TOO_FEW_CLASSES, &s, buf, sizeof buf);
	assert_non_null(strstr(buf, "at least 3 kinds"));
	assert_null(policy_reason_message(REASON__COUNT, &s, buf, sizeof buf));
	assert_int_equal(policy_reasons_join(&v, buf, sizeof buf), strlen("too_short,breached"));
	assert_string_equal(buf, "too_short,breached");
	assert_int_equal(policy_reasons_join(&v, buf, 12), 9); /* truncated at a code */
	assert_string_equal(buf, "too_short");
	v.reasons = 0;
	policy_reasons_join(&v, buf, sizeof buf);
	assert_string_equal(buf, "");
	settings_free(&s);
}

static void test_score(void **state)
{
	struct policy_settings s;
	struct policy_verdict weak, strong;

	neutral(&s);
	assert_int_equal(policy_check(&s, "zqxmkwbn", NULL, NULL, &weak), 0);
	assert_int_equal(policy_check(&s, "Zq7#xkvB9!pLm$4w", NULL, NULL, &strong), 0);
	assert_true(weak.score < strong.score);
	assert_int_equal(strong.score, 100);
	assert_int_equal(weak.score, 37); /* 8 * log2(26) */
	assert_int_equal(policy_check(NULL, "x", NULL, NULL, &weak), -EINVAL);
	settings_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_empty_and_encoding),
	        cmocka_unit_test(test_length_code_points),
	        cmocka_unit_test(test_classes),
	        cmocka_unit_test(test_credits_minclass),
	        cmocka_unit_test(test_repeats),
	        cmocka_unit_test(test_sequences),
	        cmocka_unit_test(test_keyboard),
	        cmocka_unit_test(test_personal),
	        cmocka_unit_test(test_dictionary),
	        cmocka_unit_test(test_fascistcheck_parity),
	        cmocka_unit_test(test_dictionary_loader),
	        cmocka_unit_test(test_old),
	        cmocka_unit_test(test_edit_distance),
	        cmocka_unit_test(test_default_policy),
	        cmocka_unit_test(test_codes_messages),
	        cmocka_unit_test(test_score),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
