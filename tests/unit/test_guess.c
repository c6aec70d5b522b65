/* Unit tests of the guessability model: every kind of piece, the folding
 * (width, case, leet), the cover of a whole password, the floor and its
 * reason, and the false-reject fixes (walks inside words, the neighbour
 * rule judged per word). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/checks.h"
#include "policy/guess.h"
#include "policy/policy.h"

#define BIT(r) (1u << (r))

static struct policy_settings settings;
static const struct word_set *words;

/* The same words on every machine (lib/policy/local.mk): cracklib-small
 * packed by the build, and tests/unit/guess_words.txt. */
static void pin_dictionary(struct policy_settings *s)
{
	const char *src = getenv("top_srcdir"), *build = getenv("top_builddir");
	char opt[4200];

	assert_non_null(src);
	assert_non_null(build);
	snprintf(opt, sizeof opt, "dictpath=%s/tests/unit/cracklib-small", build);
	assert_int_equal(settings_apply(s, opt, NULL), 0);
	snprintf(opt, sizeof opt, "wordlist=%s/tests/unit/guess_words.txt", src);
	assert_int_equal(settings_apply(s, opt, NULL), 0);
}

static int setup(void **state)
{
	settings_init(&settings);
	pin_dictionary(&settings);
	return dictionary_get(&settings, &words);
}

static int teardown(void **state)
{
	dictionary_put(words);
	settings_free(&settings);
	return 0;
}

/* The estimate (bits) and pieces of pw, for a user alice "Taro Tanaka". */
static double estimate(const char *pw, uint32_t *pieces)
{
	static const struct policy_user user = {"alice", "Taro Tanaka,Room 12"};
	struct pwtext *t = malloc(sizeof *t);
	struct guess_ctx *c = malloc(sizeof *c);
	struct guess_result g;

	assert_non_null(t);
	assert_non_null(c);
	assert_int_equal(pwtext_decode(t, pw, strlen(pw)), PWTEXT_OK);
	guess_ctx_init(c, words, t, &user, "acme widget");
	guess_estimate(c, &g);
	free(c);
	free(t);
	if (pieces != NULL)
		*pieces = g.pieces;
	return g.bits;
}

/* The steps of the cheapest cover of pw (no user). */
static size_t cover(const char *pw, struct guess_step *steps, size_t max)
{
	struct pwtext *t = malloc(sizeof *t);
	struct guess_ctx *c = malloc(sizeof *c);
	struct guess_result g;
	size_t n;

	assert_non_null(t);
	assert_non_null(c);
	assert_int_equal(pwtext_decode(t, pw, strlen(pw)), PWTEXT_OK);
	guess_ctx_init(c, words, t, NULL, NULL);
	n = guess_cover(c, &g, steps, max);
	free(c);
	free(t);
	return n;
}

/* pw is one piece of kind k, cheaper than max bits. */
static void one_piece(const char *pw, enum guess_piece k, double max)
{
	uint32_t pieces;
	double bits = estimate(pw, &pieces);

	if (pieces != BIT(k))
		fail_msg("%s: pieces %#x, want only %s", pw, pieces, guess_piece_name(k));
	if (bits > max)
		fail_msg("%s: %.1f bits, want at most %.1f", pw, bits, max);
}

static void test_piece_kinds(void **state)
{
	one_piece("sunshine", PIECE_WORD, 12);    /* password.lst, ranked */
	one_piece("yamamoto", PIECE_WORD, 10);    /* romaji surname */
	one_piece("satoh", PIECE_WORD, 10);       /* its "oh" spelling */
	one_piece("simizu", PIECE_WORD, 10);      /* Kunrei spelling */
	one_piece("yoroshiku", PIECE_WORD, 12);   /* everyday romaji */
	one_piece("michelle", PIECE_WORD, 12);    /* English first name */
	one_piece("sunshines", PIECE_WORD, 13);   /* plural of a word */
	one_piece("enihsnus", PIECE_WORD, 13);    /* reversed */
	one_piece("4649", PIECE_DIGITS, 8);       /* goroawase yo-ro-shi-ku */
	one_piece("123456", PIECE_DIGITS, 4);     /* a common digit string */
	one_piece("abcdefg", PIECE_SEQUENCE, 6);  /* a sequence */
	one_piece("98765", PIECE_SEQUENCE, 6);    /* descending */
	one_piece("mnbvcxz", PIECE_KEYBOARD, 12); /* a keyboard row backwards */
	one_piece("1987", PIECE_YEAR, 6);         /* a year */
	one_piece("19871205", PIECE_DATE, 16);    /* YYYYMMDD */
	one_piece("12.05.1987", PIECE_DATE, 18);  /* dotted DD.MM.YYYY */
	one_piece("1205", PIECE_DATE, 10);        /* MMDD */
	one_piece("H21", PIECE_ERA, 9);           /* Heisei 21 */
	one_piece("s50", PIECE_ERA, 10);          /* Showa 50 */
	one_piece("heisei21", PIECE_ERA, 10);     /* spelled out */
	one_piece("alice", PIECE_USER, 2);        /* the user name */
	one_piece("tanaka", PIECE_USER, 2);       /* a GECOS word */
	one_piece("widget", PIECE_BADWORD, 2);    /* badwords */
	one_piece("Zq7#", PIECE_BRUTE, 23);       /* nothing to explain it */
	one_piece("kotobuki", PIECE_ROMAJI, 17);  /* Japanese syllables, in no list */
	one_piece("tsuyoshi", PIECE_ROMAJI, 17);  /* tsu, yo, shi */
	one_piece("timbuktu", PIECE_WORD, 16);    /* a place: WordNet's proper names */
	/* letters no list holds that read like a word: the letter model
	 * prices them well under brute force (8 letters: 37.6 bits), a
	 * random string of as many letters at brute force or more */
	one_piece("thrindle", PIECE_WORDLIKE, 8 * log2(26) - 6);
	one_piece("strovian", PIECE_WORDLIKE, 8 * log2(26) - 6);
	{
		uint32_t pieces;
		assert_true(estimate("xqzvkjwp", &pieces) >= 8 * log2(26) - 0.01);
		assert_int_equal(pieces, BIT(PIECE_BRUTE));
		/* case costs what it costs on a word */
		assert_true(fabs(estimate("Thrindle", NULL) - estimate("thrindle", NULL) - 1) <
		            0.01);
		assert_string_equal(guess_piece_name(PIECE_WORDLIKE), "wordlike");
	}
	/* repeats: an earlier chunk, and a run of one character */
	{
		uint32_t pieces;
		double once = estimate("xkqvj", NULL), twice = estimate("xkqvjxkqvj", &pieces);
		assert_true(pieces & BIT(PIECE_REPEAT));
		assert_true(twice < once + 5);
		/* the copy with its case or leet changed is a repeat too */
		twice = estimate("x@kqv3-XAKQVE", &pieces);
		assert_true(pieces & BIT(PIECE_REPEAT));
		assert_true(twice < estimate("x@kqv3-", NULL) + 7);
		/* a symbol used again as a separator repeats it */
		{
			struct guess_step st[8];
			size_t n = cover("Sunshine_dragon_", st, 8);
			assert_int_equal(st[n - 1].kind, PIECE_REPEAT);
			assert_true(st[n - 1].bits <= 2.01); /* one symbol before: 1 + join */
		}
		assert_true(estimate("zzzzzzzz", &pieces) < 8);
		assert_int_equal(pieces, BIT(PIECE_REPEAT));
	}
	/* an internet token after a symbol, as in an address (@jp, .com);
	 * elsewhere its letters are letters */
	assert_true(estimate("zq@jp", NULL) < estimate("zq@", NULL) + 3);
	assert_true(estimate("zqjp", NULL) > estimate("zq", NULL) + 6);
	/* letters that only look like syllables Japanese has (wi ye tyi fa)
	 * read as no romaji */
	{
		uint32_t pieces;
		estimate("wiyetyifa", &pieces);
		assert_false(pieces & BIT(PIECE_ROMAJI));
	}
	/* the eras of users' own years first: Taisho costs more than Heisei,
	 * and a lower-case era letter more than the upper-case one */
	assert_true(estimate("T5", NULL) > estimate("H5", NULL));
	assert_true(estimate("h5", NULL) > estimate("H5", NULL));
	/* no era past its last year, no date on the 31st of February */
	assert_false(estimate("H32", NULL) < 9);
	assert_false(estimate("0231", NULL) < 12);
	/* a date's separator is ASCII: U+012E (Į) is no '.', whatever its low byte */
	{
		uint32_t pieces;
		estimate("1990.12.05", &pieces);
		assert_true(pieces & BIT(PIECE_DATE));
		estimate("1990\u012e12\u012e05", &pieces);
		assert_false(pieces & BIT(PIECE_DATE));
	}
}

static void test_folding(void **state)
{
	uint32_t pieces;
	double plain = estimate("yamamoto", NULL);

	/* full-width is its ASCII form; case and leet cost a few bits only */
	assert_true(fabs(estimate("\xef\xbd\x99\xef\xbd\x81\xef\xbd\x8d\xef\xbd\x81\xef\xbd\x8d"
	                          "\xef\xbd\x8f\xef\xbd\x94\xef\xbd\x8f",
	                          &pieces) -
	                 plain) < 0.01);
	assert_int_equal(pieces, BIT(PIECE_WORD));
	assert_true(fabs(estimate("Yamamoto", NULL) - plain - 1) < 0.01);
	assert_true(fabs(estimate("YAMAMOTO", NULL) - plain - 1) < 0.01);
	assert_true(estimate("y@m@m0t0", &pieces) <= plain + 4);
	assert_int_equal(pieces, BIT(PIECE_WORD));
	/* every reading of an ambiguous character: 1 as i and as l */
	assert_true(estimate("1ove1y", &pieces) < 16);
	assert_int_equal(pieces, BIT(PIECE_WORD));
	assert_true(estimate("m1ch3ll3", &pieces) < 16);
	assert_int_equal(pieces, BIT(PIECE_WORD));
}

static void test_whole_cover(void **state)
{
	uint32_t pieces;

	/* words anywhere, not only as the stripped core */
	assert_true(estimate("HorseKing1023@", &pieces) < SETTINGS_DEFAULT_GUESS_FLOOR);
	assert_int_equal(pieces, BIT(PIECE_WORD) | BIT(PIECE_DATE) | BIT(PIECE_BRUTE));
	assert_true(estimate("Tanaka@jp2024", &pieces) < SETTINGS_DEFAULT_GUESS_FLOOR);
	assert_true(estimate("Kitsune.H21!!", &pieces) < SETTINGS_DEFAULT_GUESS_FLOOR);
	assert_true(pieces & BIT(PIECE_ERA));
	assert_true(estimate("Dragon-dragon2024!", &pieces) < SETTINGS_DEFAULT_GUESS_FLOOR);
	assert_true(estimate("Zkqvx-zkqvx2024!", &pieces) < SETTINGS_DEFAULT_GUESS_FLOOR);
	assert_true(pieces & BIT(PIECE_REPEAT));
	assert_true(estimate("Yamamoto\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94!", NULL) <
	            SETTINGS_DEFAULT_GUESS_FLOOR);
	/* the readings that begin no word are left out early, never a word:
	 * forwards, reversed, inflected, leet, behind and before other text */
	{
		const char *const found[] = {"sunshine", "enihsnus", "sunshines", "5un5h1ne"};
		for (size_t k = 0; k < sizeof found / sizeof found[0]; k++) {
			char pw[64];
			double alone = estimate(found[k], NULL);
			snprintf(pw, sizeof pw, "xq%sxq", found[k]);
			if (!(estimate(pw, &pieces) < alone + 24) || !(pieces & BIT(PIECE_WORD)))
				fail_msg("%s: the word is not found", pw);
		}
	}
	/* random strings and long phrases stay expensive */
	assert_true(estimate("Zq7#xkvB9!pL", &pieces) > 50);
	/* (with the pinned dictionary: 54.2 and 61.8 bits) */
	assert_true(estimate("Correct-Horse-Battery-7", NULL) > 50);
	assert_true(estimate("correct horse battery staple", NULL) > 55);
}

static void test_brute_force_mask(void **state)
{
	struct guess_step st[4];
	const double lower = log2(26), digit = log2(10), symbol = log2(33);

	/* one class: the characters, and no mask */
	assert_true(fabs(estimate("#%&", NULL) - 3 * symbol) < 0.01);
	/* four characters, three class changes: log2 C(3,3) + 3 log2(3) */
	assert_true(fabs(estimate("Zq7#", NULL) - (2 * lower + digit + symbol + 3 * log2(3))) <
	            0.01);
	/* one span, however many classes: cutting it would dodge the mask */
	assert_int_equal(cover("Zq7#", st, 4), 1);
	assert_int_equal(st[0].i, 0);
	assert_int_equal(st[0].j, 4);
	assert_int_equal(st[0].kind, PIECE_BRUTE);
	/* a random string of the four classes costs about what 95 symbols
	 * each would (6.6 bits a character), not its classes alone */
	assert_true(estimate("Zq7#xkvB9!pL", NULL) > 12 * log2(95) - 6);
}

static uint32_t reasons(struct policy_settings *s, const char *pw)
{
	struct policy_verdict v;

	assert_int_equal(policy_check(s, pw, NULL, NULL, &v), 0);
	return v.reasons;
}

static void test_floor(void **state)
{
	struct policy_settings s;
	struct policy_verdict v;

	settings_init(&s);
	pin_dictionary(&s);
	assert_int_equal(settings_apply(&s, "breach_index=none", NULL), 0);
	assert_int_equal(s.guess_floor, SETTINGS_DEFAULT_GUESS_FLOOR);
	s.dictcheck = false; /* the model alone */
	assert_int_equal(reasons(&s, "Yamamoto2024!"), BIT(REASON_GUESSABLE));
	assert_int_equal(reasons(&s, "TanakaTaro1!x"), BIT(REASON_GUESSABLE));
	assert_int_equal(reasons(&s, "Zq7#xkvB9!pL"), 0);
	/* two dictionary words, a dashed date and a symbol: about 53 bits with
	 * the largest dictionaries, under the default floor */
	assert_int_equal(reasons(&s, "PilgrimCanvases1987-04-12!"), BIT(REASON_GUESSABLE));
	/* the estimate and the kinds of pieces, never their text */
	assert_int_equal(policy_check(&s, "Yamamoto2024!", NULL, NULL, &v), 0);
	assert_true(v.guesses_log10 > 3 &&
	            v.guesses_log10 < SETTINGS_DEFAULT_GUESS_FLOOR * log10(2.0));
	assert_int_equal(v.pieces, BIT(PIECE_WORD) | BIT(PIECE_YEAR) | BIT(PIECE_BRUTE));
	assert_string_equal(policy_piece_name(PIECE_YEAR), "year");
	assert_null(policy_piece_name(PIECE__COUNT));
	/* the floor is the setting: lower it and the same password passes */
	s.guess_floor = 10;
	assert_int_equal(reasons(&s, "Yamamoto2024!"), 0);
	s.guess_floor = 0;
	assert_int_equal(reasons(&s, "Yamamoto2024!"), 0);
	settings_free(&s);
}

static void test_fewer_false_rejects(void **state)
{
	struct policy_settings s;

	settings_init(&s);
	pin_dictionary(&s);
	assert_int_equal(settings_apply(&s, "breach_index=none", NULL), 0);
	s.guess_floor = 0;
	/* a walk wholly inside a dictionary word is not a keyboard walk */
	assert_int_equal(reasons(&s, "Property#Zq7x"), 0);
	assert_int_equal(reasons(&s, "Strewn#Zq7xkvB"), 0);
	assert_int_equal(reasons(&s, "Qwer#Zq7xkvB9"), BIT(REASON_KEYBOARD_WALK));
	/* ... nor one from the end of a word over a separator into a word
	 * longer than its part of the walk; a walk over a bare word still is */
	assert_false(reasons(&s, "Smarty%pertain#Zq7") & BIT(REASON_KEYBOARD_WALK));
	assert_true(reasons(&s, "Smarty%pert#Zq7") & BIT(REASON_KEYBOARD_WALK));
	/* a run of sequencecheck inside a word (unde-rstu-dy) is no sequence;
	 * one on its own is */
	assert_false(reasons(&s, "Swift understudy 4 Zq") & BIT(REASON_SEQUENTIAL));
	assert_true(reasons(&s, "Abcd#Zq7xkvB9") & BIT(REASON_SEQUENTIAL));
	/* cracklib's neighbour rule: per word in a long passphrase ... */
	s.required_classes = 0;
	s.sequencecheck = false;
	assert_false(reasons(&s, "abode fed hijinks stupor") & BIT(REASON_SEQUENTIAL));
	/* ... but over the whole of a short password, as cracklib */
	assert_true(reasons(&s, "abcdefgh") & BIT(REASON_SEQUENTIAL));
	settings_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_piece_kinds),         cmocka_unit_test(test_folding),
	        cmocka_unit_test(test_whole_cover),         cmocka_unit_test(test_floor),
	        cmocka_unit_test(test_fewer_false_rejects), cmocka_unit_test(test_brute_force_mask),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
