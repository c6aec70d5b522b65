/* Internal to the policy engine: the guessability model (clause 3(1)③,
 * "hard to guess"). The whole password, width- and case-folded, is covered
 * by the cheapest sequence of pieces an attacker would try -- dictionary
 * words, repeats, dates, keyboard walks, the user's own names -- and the
 * cost of that cover, in bits (log2 of guesses), is compared with the
 * floor guess_floor. doc/config-reference.md explains the costs. */
#ifndef CREDPOLICY_POLICY_GUESS_H
#define CREDPOLICY_POLICY_GUESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy/checks.h"

/* The kinds of pieces; their names (guess_piece_name) are an interface of
 * `credpolicy check --json` ("pieces") and never change meaning. */
enum guess_piece {
	PIECE_WORD,     /* "word": dictionary word, common password, name, romaji */
	PIECE_ROMAJI,   /* "romaji": Japanese syllables no list holds (kotobuki) */
	PIECE_WORDLIKE, /* "wordlike": letters no list holds, priced by the letter model */
	PIECE_DIGITS,   /* "digits": a common digit string or goroawase number */
	PIECE_REPEAT,   /* "repeat": an earlier chunk again, or one character run */
	PIECE_SEQUENCE, /* "sequence": abcd, 4321 */
	PIECE_KEYBOARD, /* "keyboard": a walk over adjacent keys */
	PIECE_YEAR,     /* "year": 1900-2099 */
	PIECE_DATE,     /* "date": MMDD, DDMM, YYMMDD, YYYYMMDD, dotted, slashed */
	PIECE_ERA,      /* "era": a Japanese era year (H21, S50, R5, heisei21) */
	PIECE_USER,     /* "user": user name, GECOS words, host name */
	PIECE_BADWORD,  /* "badword": a word of badwords */
	PIECE_BRUTE,    /* "brute": characters no pattern explains */
	PIECE__COUNT
};

const char *guess_piece_name(enum guess_piece k);

#define GUESS_MAX_PERSONAL 32
#define GUESS_PERSONAL_LEN 64
#define GUESS_MAX_PIECE    24 /* code points: longer matches are not tried */
#define GUESS_LIVE         32 /* readings that may begin a word, tracked at once */

struct guess_personal {
	char w[GUESS_PERSONAL_LEN + 1]; /* lower-cased UTF-8 */
	size_t len;
	enum guess_piece kind; /* PIECE_USER or PIECE_BADWORD */
};

struct guess_ctx {
	const struct word_set *ws; /* NULL: no words */
	const struct pwtext *t;
	struct guess_personal personal[GUESS_MAX_PERSONAL];
	size_t n_personal;
	int8_t kstep[PW_MAX_CP];   /* keyboard_step(cp[k], cp[k + 1]) */
	uint32_t rmask[PW_MAX_CP]; /* guess_reading_mask(low[k]) */
	/* romaji syllables from romaji_from: syllables ending at each offset
	 * (0 = no parse ends there), filled once per start */
	size_t romaji_from;
	uint8_t romaji_syl[GUESS_MAX_PIECE + 1];
	/* the letter model's bits for the letters from wordlike_from, each
	 * length a word of its own (< 0: not letters), filled once per start */
	size_t wordlike_from;
	float wordlike_bits[GUESS_MAX_PIECE + 1];
	/* dictionary words (guess_match.c): fwd_dead[i], the length from
	 * which no reading of a span starting at i begins a word; rev_dead[j],
	 * the same for spans ending at j read backwards (0: not worked out) */
	uint8_t fwd_dead[PW_MAX_CP + 1], rev_dead[PW_MAX_CP + 1];
	/* scratch text of guess_match.c, here so that the one wipe of the
	 * context (guess_ctx_wipe) clears it instead of a wipe per reading */
	struct guess_reading {
		char s[GUESS_MAX_PIECE * 4 + 1];
		size_t len;
		unsigned subs;
	} reading;
	char scratch[2][GUESS_MAX_PIECE * 4 + 1];
	/* the readings of a span that may still begin a word (dead_length) */
	char live[2][GUESS_LIVE][GUESS_MAX_PIECE * 4 + 1];
};

struct guess_match {
	double bits; /* < 0: no piece of this span */
	enum guess_piece kind;
};

struct guess_result {
	double bits;     /* log2 of the guesses the cheapest cover needs */
	uint32_t pieces; /* bit (1u << enum guess_piece) of its pieces */
};

/* guess_match.c: the letters (bit 0 = a) a character reads as, itself
 * or by leet; 0 for anything else. */
uint32_t guess_reading_mask(uint32_t c);
/* guess_match.c: the cheapest single piece that reads t[i..j). */
void guess_best_piece(struct guess_ctx *c, size_t i, size_t j, struct guess_match *out);
/* Does t[a..b) lie inside the password's dictionary words as typed, each
 * run of letters inside a word longer than the run, the span starting and
 * ending with a letter with at most one other character between two runs
 * (prop-erty, or a walk from the end of one word over a separator into the
 * next)? For keyboard walks and sequences. */
bool guess_inside_words(const struct word_set *ws, const struct pwtext *t, size_t a, size_t b);

/* One piece of the cheapest cover: t[i..j), its kind and its bits (with
 * what joining it to the previous piece costs). */
struct guess_step {
	size_t i, j;
	enum guess_piece kind;
	double bits;
};

/* guess.c */
void guess_ctx_init(struct guess_ctx *c, const struct word_set *ws, const struct pwtext *t,
                    const struct policy_user *user, const char *badwords);
void guess_estimate(struct guess_ctx *c, struct guess_result *out);
/* The same, and the first max steps of the cover in steps; returns how many
 * steps the cover has. */
size_t guess_cover(struct guess_ctx *c, struct guess_result *out, struct guess_step *steps,
                   size_t max);
void guess_ctx_wipe(struct guess_ctx *c);

#endif
