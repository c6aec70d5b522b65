/* The guessability model: the cheapest cover of the whole password by
 * pieces (guess_match.c), found by dynamic programming over positions, as
 * zxcvbn does. Characters no piece explains are brute force (below).
 * Each piece after the first adds JOIN_BITS for where it starts. The user's own words (user name,
 * GECOS words, host name) and badwords are pieces that cost 1 bit. */
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
        [PIECE_WORD] = "word",         [PIECE_ROMAJI] = "romaji", [PIECE_WORDLIKE] = "wordlike",
        [PIECE_DIGITS] = "digits",     [PIECE_REPEAT] = "repeat", [PIECE_SEQUENCE] = "sequence",
        [PIECE_KEYBOARD] = "keyboard", [PIECE_YEAR] = "year",     [PIECE_DATE] = "date",
        [PIECE_ERA] = "era",           [PIECE_USER] = "user",     [PIECE_BADWORD] = "badword",
        [PIECE_BRUTE] = "brute",
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
	c->wordlike_from = SIZE_MAX;
	for (size_t k = 0; k + 1 < t->n; k++)
		c->kstep[k] = (int8_t)keyboard_step(t->cp[k], t->cp[k + 1]);
	for (size_t k = 0; k < t->n; k++)
		c->rmask[k] = guess_reading_mask(t->low[k]);
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

/* Brute force: characters no piece explains are guessed as a mask attack
 * does. Each character costs log2 of its class's alphabet (a lower-case or
 * an upper-case letter one of 26, a digit one of 10, an ASCII symbol or
 * space one of 33, anything else -- kana, kanji -- one of 256), and the
 * mask itself costs where the class changes inside the span and to which
 * of the other classes: log2 C(L-1, k) + k log2(3) for k changes among L
 * characters. "1987!" ends in one symbol (no mask bits); "Zq7#xkvB9"
 * pays for six changes. A brute-force span is as long as it can be: two
 * spans never follow each other, so the mask cannot be dodged by cutting. */
enum brute_class { BC_LOWER, BC_UPPER, BC_DIGIT, BC_SYMBOL, BC_OTHER };

static enum brute_class brute_class(const struct pwtext *t, size_t i)
{
	if (t->cp[i] >= 0x80)
		return BC_OTHER;
	switch (t->cls[i]) {
	case CLASS_LOWER:
		return BC_LOWER;
	case CLASS_UPPER:
		return BC_UPPER;
	case CLASS_DIGIT:
		return BC_DIGIT;
	default:
		return BC_SYMBOL;
	}
}

static double class_bits(enum brute_class k)
{
	static const double alphabet[] = {26, 26, 10, 33, 256};
	return log2(alphabet[k]);
}

/* log2 C(n, k), from lf[x] = log2(x!) */
static double log2_choose(const double *lf, size_t n, size_t k)
{
	return lf[n] - lf[k] - lf[n - k];
}

static double mask_bits(const double *lf, size_t len, size_t changes)
{
	return changes == 0 ? 0 : log2_choose(lf, len - 1, changes) + (double)changes * log2(3.0);
}

/* best[j]: the cheapest cover of t[0..j) whose last step is a piece (or
 * nothing, j = 0); brute[j]: the cheapest whose last step is brute force. */
struct cell {
	double bits;
	size_t from;
	enum guess_piece kind;
	bool from_brute; /* the step before this one was brute force */
};

size_t guess_cover(struct guess_ctx *c, struct guess_result *out, struct guess_step *steps,
                   size_t max)
{
	const struct pwtext *t = c->t;
	struct cell best[PW_MAX_CP + 1], brute[PW_MAX_CP + 1];
	double lf[PW_MAX_CP + 1]; /* log2(x!) */
	size_t n = 0, j;
	bool in_brute;

	lf[0] = 0;
	for (j = 0; j <= t->n; j++) {
		best[j].bits = brute[j].bits = INFINITY;
		if (j > 0)
			lf[j] = lf[j - 1] + log2((double)j);
	}
	best[0] = (struct cell){0, 0, PIECE_BRUTE, false};
	for (size_t i = 0; i < t->n; i++) {
		bool prev_brute = brute[i].bits < best[i].bits;
		double here = prev_brute ? brute[i].bits : best[i].bits;
		/* brute force from i, after a piece only */
		if (best[i].bits < INFINITY) {
			double sum = 0;
			size_t changes = 0;
			for (j = i + 1; j <= t->n; j++) {
				double b;
				sum += class_bits(brute_class(t, j - 1));
				if (j - 1 > i && brute_class(t, j - 1) != brute_class(t, j - 2))
					changes++;
				b = best[i].bits + sum + mask_bits(lf, j - i, changes);
				if (b < brute[j].bits)
					brute[j] = (struct cell){b, i, PIECE_BRUTE, false};
			}
		}
		for (j = i + 1; j <= t->n && j - i <= GUESS_MAX_PIECE; j++) {
			struct guess_match m;
			double b;
			guess_best_piece(c, i, j, &m);
			if (m.bits < 0)
				continue;
			b = here + m.bits + (i > 0 ? JOIN_BITS : 0);
			if (b < best[j].bits)
				best[j] = (struct cell){b, i, m.kind, prev_brute};
		}
	}
	in_brute = brute[t->n].bits < best[t->n].bits;
	out->bits = in_brute ? brute[t->n].bits : best[t->n].bits;
	out->pieces = 0;
	/* walk back from the end, then write the steps in order */
	for (int pass = 0; pass < 2; pass++) {
		bool b = in_brute;
		size_t k = n;
		for (j = t->n; j > 0;) {
			const struct cell *cl = b ? &brute[j] : &best[j];
			size_t i = cl->from;
			bool prev = !b && cl->from_brute;
			if (pass == 0) {
				out->pieces |= 1u << cl->kind;
				n++;
			} else if (k-- <= max) {
				steps[k] = (struct guess_step){
				        i, j, cl->kind,
				        cl->bits - (prev ? brute[i].bits : best[i].bits)};
			}
			j = i;
			b = prev;
		}
	}
	/* only the cells of this password were written */
	secure_wipe(best, (t->n + 1) * sizeof best[0]);
	secure_wipe(brute, (t->n + 1) * sizeof brute[0]);
	return n;
}

void guess_estimate(struct guess_ctx *c, struct guess_result *out)
{
	guess_cover(c, out, NULL, 0);
}
