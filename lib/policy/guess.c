/* The guessability model: the cheapest cover of the whole password by
 * pieces (guess_match.c), found by dynamic programming over positions, as
 * zxcvbn does. A character no piece explains costs log2 of its class's
 * alphabet (brute_bits). Each piece after the first adds
 * JOIN_BITS for where it starts. The user's own words (user name, GECOS
 * words, host name) and badwords are pieces that cost 1 bit. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "policy/guess.h"
#include "secure.h"

#define JOIN_BITS        1.0
#define MIN_PERSONAL     3
#define HOST_NAME_MAX_SZ 256

static const char *const piece_names[PIECE__COUNT] = {
        [PIECE_WORD] = "word",     [PIECE_ROMAJI] = "romaji",     [PIECE_DIGITS] = "digits",
        [PIECE_REPEAT] = "repeat", [PIECE_SEQUENCE] = "sequence", [PIECE_KEYBOARD] = "keyboard",
        [PIECE_YEAR] = "year",     [PIECE_DATE] = "date",         [PIECE_ERA] = "era",
        [PIECE_USER] = "user",     [PIECE_BADWORD] = "badword",   [PIECE_BRUTE] = "brute",
};

const char *guess_piece_name(enum guess_piece k)
{
	return (unsigned)k < PIECE__COUNT ? piece_names[k] : NULL;
}

static bool word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Add the words of text (split at anything but letters and digits, each
 * lower-cased and at least MIN_PERSONAL bytes) as personal pieces. seps
 * NULL: text is one word. */
static void add_personal(struct guess_ctx *c, const char *text, bool split, enum guess_piece kind)
{
	char low[4 * GUESS_PERSONAL_LEN + 1];
	size_t n, pos = 0;

	if (text == NULL)
		return;
	n = utf8_lower(text, low, sizeof low);
	while (pos < n && c->n_personal < GUESS_MAX_PERSONAL) {
		size_t len = 0;
		while (pos < n && split && !word_char((unsigned char)low[pos]))
			pos++;
		while (pos + len < n && (!split || word_char((unsigned char)low[pos + len])))
			len++;
		if (len >= MIN_PERSONAL && len <= GUESS_PERSONAL_LEN) {
			struct guess_personal *p = &c->personal[c->n_personal++];
			memcpy(p->w, low + pos, len);
			p->w[len] = '\0';
			p->len = len;
			p->kind = kind;
		}
		pos += len;
	}
	secure_wipe(low, sizeof low);
}

void guess_ctx_init(struct guess_ctx *c, const struct word_set *ws, const struct pwtext *t,
                    const struct policy_user *user, const char *badwords)
{
	char host[HOST_NAME_MAX_SZ];

	memset(c, 0, sizeof *c);
	c->ws = ws;
	c->t = t;
	c->romaji_from = SIZE_MAX;
	for (size_t k = 0; k + 1 < t->n; k++)
		c->kstep[k] = (int8_t)keyboard_step(t->cp[k], t->cp[k + 1]);
	if (user != NULL) {
		add_personal(c, user->name, false, PIECE_USER);
		add_personal(c, user->name, true, PIECE_USER);
		add_personal(c, user->gecos, true, PIECE_USER);
	}
	if (gethostname(host, sizeof host) == 0) {
		host[sizeof host - 1] = '\0';
		add_personal(c, host, true, PIECE_USER);
	}
	add_personal(c, badwords, true, PIECE_BADWORD);
}

void guess_ctx_wipe(struct guess_ctx *c)
{
	secure_wipe(c, sizeof *c);
}

/* Bits of a character no piece explains, by class: a letter is one of 26,
 * or of 52 when the password mixes cases; a digit one of 10; an ASCII
 * symbol or space one of 33; anything else (kana, kanji) one of 256. */
static double brute_bits(const struct pwtext *t, size_t i, bool mixed_case)
{
	if (t->cp[i] >= 0x80)
		return 8;
	switch (t->cls[i]) {
	case CLASS_LOWER:
	case CLASS_UPPER:
		return mixed_case ? log2(52) : log2(26);
	case CLASS_DIGIT:
		return log2(10);
	default:
		return log2(33);
	}
}

static bool mixes_case(const struct pwtext *t)
{
	bool lower = false, upper = false;

	for (size_t i = 0; i < t->n; i++) {
		lower |= t->cls[i] == CLASS_LOWER;
		upper |= t->cls[i] == CLASS_UPPER;
	}
	return lower && upper;
}

struct cell {
	double bits;
	size_t from;
	enum guess_piece kind;
};

void guess_estimate(struct guess_ctx *c, struct guess_result *out)
{
	const struct pwtext *t = c->t;
	struct cell best[PW_MAX_CP + 1];
	bool mixed = mixes_case(t);

	best[0].bits = 0;
	for (size_t j = 1; j <= t->n; j++)
		best[j].bits = INFINITY;
	for (size_t i = 0; i < t->n; i++) {
		double b = best[i].bits + brute_bits(t, i, mixed);
		if (b < best[i + 1].bits) {
			best[i + 1] = (struct cell){b, i, PIECE_BRUTE};
		}
		for (size_t j = i + 1; j <= t->n && j - i <= GUESS_MAX_PIECE; j++) {
			struct guess_match m;
			guess_best_piece(c, i, j, &m);
			if (m.bits < 0)
				continue;
			b = best[i].bits + m.bits + (i > 0 ? JOIN_BITS : 0);
			if (b < best[j].bits)
				best[j] = (struct cell){b, i, m.kind};
		}
	}
	out->bits = best[t->n].bits;
	out->pieces = 0;
	for (size_t j = t->n; j > 0; j = best[j].from)
		out->pieces |= 1u << best[j].kind;
	secure_wipe(best, sizeof best);
}
