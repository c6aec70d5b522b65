/* The pieces of the guessability model: for one span of the folded
 * password, the cheapest way an attacker's generator produces it, in bits
 * (log2 of the guesses). Costs follow zxcvbn's reasoning (Wheeler 2016):
 *
 *   word      log2(rank) for a ranked list (password.lst, names, romaji),
 *             else log2(words of that length); + case, + 1 per leet
 *             substitution, + 1 reversed, + 1 plural/inflection;
 *   romaji    6 + 2.5 per syllable for letters that read as Japanese
 *             syllables (kotobuki, shibakawa), a name or word no list
 *             holds, + case;
 *   wordlike  1 + -log2 P(letters) under a character trigram model learned
 *             at build time from the dictionary's words (lettermodel.awk),
 *             for 4+ letters no list holds (a place, a rare name), + case:
 *             what a Markov-model cracker (OMEN, JtR --markov) pays; a
 *             random string costs as much as brute force or more;
 *   repeat    log2(position) + 1 for an earlier chunk again;
 *             log2(alphabet) + log2(length) for one character repeated;
 *   sequence  log2(start) + log2(length) + 1 if descending;
 *   keyboard  log2(94 start keys * 6 directions) + 2.6 per turn + shift;
 *   year      log2(max(|year - now|, 20));
 *   date      log2(366 days * year space) + 2 with separators;
 *   era       log2(S + H + R era years; + T + M for those) (+ 1 lower-case
 *             letter or spelled out);
 *   user      1 bit (the attacker knows the account); badword 1 bit.
 *
 * Every span is read in every leet reading (1 -> i/l, 0 -> o, @4 -> a,
 * 3 -> e, $5 -> s, 7+ -> t, 8 -> b, 9 6 -> g, ! | -> i/l, 2 -> z/a) as
 * well as typed. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "policy/guess.h"
#include "secure.h"

#include "lib/policy/lettermodel.inc" /* letter_cost */

#define MIN_WORD         3
#define MAX_WORD         16 /* longer words are rare, and cost as much as brute force */
#define MAX_READINGS     256
#define REFERENCE_YEAR   2026
#define MIN_YEAR_SPACE   20
#define KEYBOARD_STARTS  94.0
#define KEYBOARD_DIRS    6.0
#define MIN_WALK         4
#define MIN_SEQUENCE     3
#define MIN_RUN          3
#define MIN_REPEAT_CHUNK 3
/* A romaji word no list holds costs about what choosing one name of a
 * Japanese name list costs: 2^6 lists of 2^2.5 choices per syllable
 * (2 syllables: 11 bits, 4: 16, 6: 21). */
#define ROMAJI_BASE_BITS     6.0
#define ROMAJI_SYLLABLE_BITS 2.5
/* Letters priced by the letter model: at least this many, and one bit for
 * choosing that generator rather than another. */
#define MIN_WORDLIKE       4
#define WORDLIKE_BASE_BITS 1.0

/* ------------------------------------------------------------ helpers */

/* Is code point c one of the ASCII characters in set? (strchr() alone
 * would read U+0161 as 'a', its low byte.) */
static bool ascii_in(const char *set, uint32_t c)
{
	return c != 0 && c < 0x80 && strchr(set, (int)c) != NULL;
}

static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static bool all_digits(const uint32_t *c, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!is_digit(c[k]))
			return false;
	return true;
}

static unsigned number(const uint32_t *c, size_t n)
{
	unsigned v = 0;
	for (size_t k = 0; k < n; k++)
		v = v * 10 + (c[k] - '0');
	return v;
}

static double log2_at_least(double x, double min)
{
	return log2(x > min ? x : min);
}

static void consider(struct guess_match *m, double bits, enum guess_piece kind)
{
	if (bits >= 0 && (m->bits < 0 || bits < m->bits)) {
		m->bits = bits;
		m->kind = kind;
	}
}

/* Bits to choose the upper-case letters of t[i..j) (zxcvbn's case rule). */
static double case_bits(const struct pwtext *t, size_t i, size_t j)
{
	size_t up = 0, low = 0, n = j - i;
	double combos = 0, c = 1;

	for (size_t k = i; k < j; k++) {
		if (t->cls[k] == CLASS_UPPER)
			up++;
		else if (t->cls[k] == CLASS_LOWER)
			low++;
	}
	if (up == 0)
		return 0;
	if (low == 0 || (up == 1 && (t->cls[i] == CLASS_UPPER || t->cls[j - 1] == CLASS_UPPER)))
		return 1;
	/* sum of C(n, k) for k = 1 .. min(up, low) */
	for (size_t k = 1; k <= (up < low ? up : low); k++) {
		c = c * (double)(n - k + 1) / (double)k;
		combos += c;
	}
	return log2_at_least(combos, 2);
}

/* ------------------------------------------------------------ words */

/* Letters a character may stand for, besides itself. */
static const char *leet_readings(uint32_t c)
{
	switch (c) {
	case '@':
	case '4':
		return "a";
	case '0':
		return "o";
	case '1':
	case '!':
	case '|':
		return "il";
	case '3':
		return "e";
	case '$':
	case '5':
		return "s";
	case '7':
	case '+':
		return "t";
	case '8':
		return "b";
	case '9':
	case '6':
		return "g";
	case '2':
		return "z";
	default:
		return "";
	}
}

/* The cost of a word of rank rank (0: no word) and n bytes. */
static double rank_bits(const struct word_set *ws, uint32_t rank, size_t n)
{
	double per_len;

	if (rank == 0)
		return -1;
	per_len = log2_at_least(dictionary_words_of_length(ws, n), 2);
	if (rank == WORD_UNRANKED)
		return per_len;
	return fmin(log2_at_least(rank, 2), per_len);
}

/* The cost of s as a dictionary word, -1 if it is none; *starts: s may
 * begin a word. */
static double word_base(const struct word_set *ws, const char *s, size_t n, bool *starts)
{
	return rank_bits(ws, dictionary_rank_if_starts(ws, s, n, starts), n);
}

static void reverse_ascii(const char *s, size_t n, char *out)
{
	for (size_t k = 0; k < n; k++)
		out[k] = s[n - 1 - k];
}

/* English inflections and Japanese honorifics a word may carry */
static const struct {
	const char *end, *stem;
	size_t e, st;
} inflections[] = {{"s", "", 1, 0},   {"es", "", 2, 0},  {"ies", "y", 3, 1}, {"ed", "", 2, 0},
                   {"ed", "e", 2, 1}, {"ing", "", 3, 0}, {"ing", "e", 3, 1}, {"er", "", 2, 0},
                   {"er", "e", 2, 1}, {"san", "", 3, 0}, {"chan", "", 4, 0}, {"kun", "", 3, 0}};

/* What the dictionary may still hold of a span (code points): forward
 * readings, and stems beginning with its first characters, only while they
 * are shorter than fwd_dead; reversed readings only when rev. */
struct lookups {
	size_t n, fwd_dead;
	bool rev;
};

/* The cheapest dictionary reading of r: as is, reversed, or a stem with an
 * English inflection (s, es, ies, ed, ing, er) or Japanese -san/-chan cut.
 * *starts: r begins some word (or may: the filter's answer). */
static double word_bits(const struct word_set *ws, const struct guess_reading *r,
                        const struct lookups *lk, bool *starts, char *buf)
{
	double best = -1, b;
	bool dummy;

	*starts = false;
	if (lk->n < lk->fwd_dead)
		best = word_base(ws, r->s, r->len, starts);
	if (lk->rev) {
		reverse_ascii(r->s, r->len, buf);
		b = word_base(ws, buf, r->len, &dummy);
		if (b >= 0 && (best < 0 || b + 1 < best))
			best = b + 1;
	}
	for (size_t k = 0; k < sizeof inflections / sizeof inflections[0]; k++) {
		size_t e = inflections[k].e, st = inflections[k].st;
		/* the stem begins with r's first len - e characters */
		if (r->len < e + MIN_WORD || lk->n - e >= lk->fwd_dead ||
		    memcmp(r->s + r->len - e, inflections[k].end, e) != 0 ||
		    !dictionary_may_start(ws, r->s, r->len - e))
			continue;
		memcpy(buf, r->s, r->len - e);
		memcpy(buf + r->len - e, inflections[k].stem, st);
		b = word_base(ws, buf, r->len - e + st, &dummy);
		if (b >= 0 && (best < 0 || b + 1 < best))
			best = b + 1;
	}
	return best;
}

static enum guess_piece personal_match(struct guess_ctx *c, const struct guess_reading *r)
{
	char *rev = c->scratch[1];
	enum guess_piece found = PIECE__COUNT;

	reverse_ascii(r->s, r->len, rev);
	for (size_t k = 0; k < c->n_personal && found == PIECE__COUNT; k++) {
		const struct guess_personal *p = &c->personal[k];
		if (p->len == r->len &&
		    (memcmp(p->w, r->s, r->len) == 0 || memcmp(p->w, rev, r->len) == 0))
			found = p->kind;
	}
	return found;
}

static void score_reading(struct guess_ctx *c, const struct guess_reading *r, double extra,
                          const struct lookups *lk, bool *starts, struct guess_match *m)
{
	enum guess_piece p = personal_match(c, r);
	bool digits = true;

	*starts = false;
	if (p != PIECE__COUNT)
		consider(m, 1 + extra + r->subs, p);
	if (c->ws == NULL)
		return;
	for (size_t k = 0; k < r->len && digits; k++)
		digits = r->s[k] >= '0' && r->s[k] <= '9';
	{
		double w = word_bits(c->ws, r, lk, starts, c->scratch[0]);
		if (w >= 0)
			consider(m, w + extra + r->subs, digits ? PIECE_DIGITS : PIECE_WORD);
	}
}

/* The leet readings of a span (up to MAX_READINGS; beyond, only as typed). */
struct readings {
	size_t i, n, combos, idx[GUESS_MAX_PIECE];
	const char *alt[GUESS_MAX_PIECE];
	unsigned char nalt[GUESS_MAX_PIECE];
	bool more;
};

/* Characters that are neither letters nor digits nor leet stop the span
 * being a word, except inside a personal word (a GECOS "o'neil" or a host
 * "web-01"): false for such a span. */
static bool readings_init(const struct pwtext *t, size_t i, size_t j, struct readings *rd)
{
	size_t n = j - i, letters = 0;
	bool leet_ok;

	for (size_t k = 0; k < n; k++) {
		uint32_t ch = t->low[i + k];
		if (ch < 0x80 && t->cls[i + k] == CLASS_SYMBOL && leet_readings(ch)[0] == '\0' &&
		    ch != '\'' && ch != '-' && ch != '.')
			return false; /* no word holds it */
		letters += t->cls[i + k] == CLASS_LOWER || t->cls[i + k] == CLASS_UPPER;
	}
	/* leet stands in for some letters of a word, not for most of them */
	leet_ok = letters >= 2 && 3 * letters >= n;
	rd->i = i;
	rd->n = n;
	rd->combos = 1;
	rd->more = true;
	for (size_t k = 0; k < n; k++) {
		rd->alt[k] = leet_ok && t->low[i + k] < 0x80 ? leet_readings(t->low[i + k]) : "";
		rd->nalt[k] = (unsigned char)strlen(rd->alt[k]);
		rd->idx[k] = 0;
		rd->combos *= 1u + rd->nalt[k];
		if (rd->combos > MAX_READINGS)
			rd->combos = MAX_READINGS + 1;
	}
	return true;
}

static bool readings_next(const struct pwtext *t, struct readings *rd, struct guess_reading *r)
{
	size_t carry;

	if (!rd->more)
		return false;
	r->len = 0;
	r->subs = 0;
	for (size_t k = 0; k < rd->n; k++) {
		uint32_t ch = t->low[rd->i + k];
		if (rd->idx[k] == 0 && ch < 0x80) {
			r->s[r->len++] = (char)ch;
		} else if (rd->idx[k] == 0) {
			r->len += utf8_encode_one(ch, r->s + r->len);
		} else {
			r->s[r->len++] = rd->alt[k][rd->idx[k] - 1];
			r->subs++;
		}
	}
	r->s[r->len] = '\0';
	for (carry = 0; carry < rd->n; carry++) {
		if (++rd->idx[carry] <= rd->nalt[carry])
			break;
		rd->idx[carry] = 0;
	}
	/* too ambiguous: only as typed */
	rd->more = carry < rd->n && rd->combos <= MAX_READINGS;
	return true;
}

/* The readings of a span depth first, a character at a time, leaving out
 * every reading whose first 3 to n - 4 characters begin no word: neither
 * it nor a stem of it (cut off at most 4 characters) can be a word. */
struct prefix_walk {
	struct guess_ctx *c;
	const struct readings *rd;
	const struct lookups *lk;
	double extra;
	struct guess_match *m;
	struct guess_reading *r;
};

static void walk_prefixes(struct prefix_walk *w, size_t k, size_t len)
{
	const struct readings *rd = w->rd;
	struct guess_reading *r = w->r;
	bool starts;

	if (k == rd->n) {
		r->len = len;
		r->s[len] = '\0';
		score_reading(w->c, r, w->extra, w->lk, &starts, w->m);
		return;
	}
	for (size_t a = 0; a <= rd->nalt[k]; a++) {
		size_t l = len;
		if (a == 0)
			l += utf8_encode_one(w->c->t->low[rd->i + k], r->s + len);
		else
			r->s[l++] = rd->alt[k][a - 1];
		r->subs += a > 0;
		if (k + 1 < MIN_WORD || k + 1 + 4 > rd->n ||
		    dictionary_may_start(w->c->ws, r->s, l))
			walk_prefixes(w, k + 1, l);
		r->subs -= a > 0;
	}
}

/* The length from which no reading of the span starting at k (reversed:
 * ending at k, read backwards) can begin a word; MAX_WORD + 1 when there is
 * none up to MAX_WORD. Every leet reading of a longer span begins (ends)
 * with one of the readings tried here, which are all the readings of this
 * length, leet or not. Worked out once per position. */
static size_t dead_length(struct guess_ctx *c, size_t k, bool reversed)
{
	const struct pwtext *t = c->t;
	uint8_t *memo = reversed ? &c->rev_dead[k] : &c->fwd_dead[k];
	char(*cur)[sizeof c->live[0][0]] = c->live[0], (*next)[sizeof c->live[0][0]] = c->live[1];
	size_t alive = 1, bytes = 0, len;

	if (*memo != 0)
		return *memo;
	/* the readings that may begin a word, one character longer each time */
	for (len = 1; len <= MAX_WORD; len++) {
		size_t pos = reversed ? k - len : k + len - 1, n_next = 0, elen;
		uint32_t ch;
		char enc[4];
		const char *alts;
		size_t nalts;

		if (reversed ? len > k : k + len > t->n)
			break;
		ch = t->low[pos];
		if (ch < 0x80 && t->cls[pos] == CLASS_SYMBOL && leet_readings(ch)[0] == '\0' &&
		    ch != '\'' && ch != '-' && ch != '.')
			break; /* no word holds it, nor a longer span */
		elen = utf8_encode_one(ch, enc);
		alts = ch < 0x80 ? leet_readings(ch) : ""; /* ASCII for ASCII */
		nalts = strlen(alts);
		for (size_t a = 0; a < alive; a++) {
			for (size_t q = 0; q <= nalts; q++) {
				char *d = next[n_next];
				size_t l = bytes;
				if (n_next == GUESS_LIVE) {
					*memo = MAX_WORD + 1; /* too many to tell */
					return *memo;
				}
				memcpy(d, cur[a], bytes);
				if (q > 0)
					d[l++] = alts[q - 1];
				else if (reversed) /* as reverse_ascii() reads it */
					for (size_t e = elen; e-- > 0;)
						d[l++] = enc[e];
				else
					for (size_t e = 0; e < elen; e++)
						d[l++] = enc[e];
				if (len < MIN_WORD || dictionary_may_start(c->ws, d, l))
					n_next++;
			}
		}
		bytes += elen;
		if (n_next == 0)
			break;
		{
			char(*swap)[sizeof c->live[0][0]] = cur;
			cur = next;
			next = swap;
		}
		alive = n_next;
	}
	*memo = (uint8_t)(len > MAX_WORD ? MAX_WORD + 1 : len < MIN_WORD ? MIN_WORD : len);
	return *memo;
}

/* May a reading of t[i..j) be a live stem with an inflection cut? */
static bool stem_may_end(const struct pwtext *t, size_t i, size_t j, const struct lookups *lk)
{
	for (size_t k = 0; k < sizeof inflections / sizeof inflections[0]; k++) {
		size_t e = inflections[k].e, q;
		if (lk->n < e + MIN_WORD || lk->n - e >= lk->fwd_dead)
			continue;
		for (q = 0; q < e; q++) {
			uint32_t ch = t->low[j - e + q], want = (uint32_t)inflections[k].end[q];
			if (ch != want &&
			    (ch >= 0x80 || strchr(leet_readings(ch), (int)want) == NULL))
				break;
		}
		if (q == e)
			return true;
	}
	return false;
}

/* Is a personal word as long as the readings of t[i..j) (leet readings
 * replace ASCII with ASCII: every reading has the typed length)? */
static bool personal_fits(const struct guess_ctx *c, size_t i, size_t j)
{
	char one[4];
	size_t bytes = 0;

	for (size_t k = i; k < j; k++)
		bytes += c->t->low[k] < 0x80 ? 1 : utf8_encode_one(c->t->low[k], one);
	for (size_t k = 0; k < c->n_personal; k++)
		if (c->personal[k].len == bytes)
			return true;
	return false;
}

/* Every leet reading of t[i..j), as a dictionary word or a personal one;
 * dictionary lookups only where a word can still begin (dead_length). */
static void words(struct guess_ctx *c, size_t i, size_t j, struct guess_match *m)
{
	const struct pwtext *t = c->t;
	struct readings rd;
	struct guess_reading *r = &c->reading;
	struct lookups lk = {j - i, SIZE_MAX, true};
	bool starts;
	double extra;

	if (lk.n < MIN_WORD || lk.n > MAX_WORD)
		return;
	if (c->ws != NULL) {
		lk.fwd_dead = dead_length(c, i, false);
		lk.rev = lk.n < dead_length(c, j, true);
	}
	if (c->ws != NULL && lk.n >= lk.fwd_dead && !lk.rev && !stem_may_end(t, i, j, &lk) &&
	    !personal_fits(c, i, j))
		return;
	if (!readings_init(t, i, j, &rd))
		return;
	extra = case_bits(t, i, j);
	if (c->ws != NULL && !lk.rev && rd.combos > 1 && rd.combos <= MAX_READINGS &&
	    !personal_fits(c, i, j)) {
		/* only words forwards and stems: a reading whose first
		 * characters start no word is no word, nor is what follows */
		struct prefix_walk w = {c, &rd, &lk, extra, m, r};
		r->subs = 0;
		walk_prefixes(&w, 0, 0);
	} else {
		while (readings_next(t, &rd, r))
			score_reading(c, r, extra, &lk, &starts, m);
	}
}

/* Is t[a..b) inside a dictionary word of the password longer than it? */
static bool inside_word(const struct word_set *ws, const struct pwtext *t, size_t a, size_t b)
{
	char buf[GUESS_MAX_PIECE * 4 + 1];
	bool found = false;

	if (b - a >= GUESS_MAX_PIECE)
		return false;
	for (size_t i = a + 1 > GUESS_MAX_PIECE - (b - a) ? a + 1 - (GUESS_MAX_PIECE - (b - a)) : 0;
	     i <= a && !found; i++) {
		for (size_t j = b; j <= t->n && j - i <= GUESS_MAX_PIECE && !found; j++) {
			size_t len = 0;
			for (size_t k = i; k < j; k++)
				len += utf8_encode_one(t->low[k], buf + len);
			found = j - i > b - a && dictionary_rank(ws, buf, len) != 0;
		}
	}
	secure_wipe(buf, sizeof buf);
	return found;
}

static bool is_letter(const struct pwtext *t, size_t k)
{
	return t->cls[k] == CLASS_LOWER || t->cls[k] == CLASS_UPPER;
}

bool guess_inside_words(const struct word_set *ws, const struct pwtext *t, size_t a, size_t b)
{
	if (b <= a || !is_letter(t, a) || !is_letter(t, b - 1))
		return false;
	for (size_t k = a; k < b;) {
		size_t e = k;
		while (e < b && is_letter(t, e))
			e++;
		if (!inside_word(ws, t, k, e))
			return false;
		if (e == b)
			break;
		/* one separator between two words, no more */
		if (!is_letter(t, e + 1))
			return false;
		k = e + 1;
	}
	return true;
}

/* Internet tokens people add to a word after a symbol, as in an address:
 * Tanaka@jp, taro.com, kenji-jp. Elsewhere they are two or three letters
 * like any others. */
static void tokens(const struct pwtext *t, size_t i, size_t j, struct guess_match *m)
{
	static const char *const list[] = {"jp", "com", "net", "org", "co",
	                                   "ne", "or",  "ac",  "www"};

	if (i == 0 || t->cls[i - 1] != CLASS_SYMBOL || t->cp[i - 1] >= 0x80)
		return;
	for (size_t k = 0; k < sizeof list / sizeof list[0]; k++) {
		size_t len = strlen(list[k]), q;
		if (len != j - i)
			continue;
		for (q = 0; q < len && t->low[i + q] == (uint32_t)list[k][q]; q++)
			;
		if (q == len)
			consider(m, log2((double)k + 2) + case_bits(t, i, j), PIECE_WORD);
	}
}

/* ------------------------------------------------------------ romaji */

/* The length of the romaji syllable at s[0..n), 0 if none: a vowel; a
 * consonant (or two: sh ch ts ky ny ...) and a vowel the language pairs
 * with it (ts only before u, the y-sounds and y before a u o, w before a o,
 * f before u, d before a e o; IME and Kunrei spellings such as jyu, si, tu,
 * hu count); syllabic n; the first of a doubled consonant (kk, tch); h
 * lengthening an o (satoh). Letters that only look like syllables (wi, ye,
 * tyi, fa) are no Japanese word. */
static size_t syllable(const uint32_t *s, size_t n, bool after_o)
{
	static const struct {
		const char *onset, *vowels;
	} onsets[] = {{"sh", "aiuo"}, {"ch", "aiuo"}, {"ts", "u"},    {"ky", "auo"},
	              {"gy", "auo"},  {"ny", "auo"},  {"hy", "auo"},  {"by", "auo"},
	              {"py", "auo"},  {"my", "auo"},  {"ry", "auo"},  {"jy", "auo"},
	              {"sy", "auo"},  {"ty", "auo"},  {"zy", "auo"},  {"dy", "auo"},
	              {"k", "aiueo"}, {"g", "aiueo"}, {"s", "aiueo"}, {"z", "aiueo"},
	              {"t", "aiueo"}, {"d", "aeo"},   {"n", "aiueo"}, {"h", "aiueo"},
	              {"b", "aiueo"}, {"p", "aiueo"}, {"m", "aiueo"}, {"y", "auo"},
	              {"r", "aiueo"}, {"w", "ao"},    {"f", "u"},     {"j", "aiuo"}};
	uint32_t c = s[0];

	if (ascii_in("aiueo", c))
		return 1;
	for (size_t k = 0; k < sizeof onsets / sizeof onsets[0]; k++) {
		size_t len = onsets[k].onset[1] != '\0' ? 2 : 1, q; /* one or two letters */
		for (q = 0; q < len && q < n && s[q] == (uint32_t)onsets[k].onset[q]; q++)
			;
		if (q == len && len < n && ascii_in(onsets[k].vowels, s[len]))
			return len + 1;
	}
	if (c == 'n' && (n == 1 || !ascii_in("aiueoy", s[1])))
		return 1;
	if (n > 1 && c == s[1] && ascii_in("kstpgdbc", c))
		return 1;
	if (n > 1 && c == 't' && s[1] == 'c')
		return 1;
	if (c == 'h' && after_o && (n == 1 || !ascii_in("aiueoy", s[1])))
		return 1;
	return 0;
}

/* Parse romaji syllables greedily from i once; a span [i, j) reads as
 * romaji when the parse has a boundary at j. */
static void romaji_parse(struct guess_ctx *c, size_t i)
{
	const struct pwtext *t = c->t;
	size_t pos = 0, syllables = 0;

	c->romaji_from = i;
	memset(c->romaji_syl, 0, sizeof c->romaji_syl);
	while (i + pos < t->n && pos < GUESS_MAX_PIECE) {
		const uint32_t *s = t->low + i + pos;
		size_t len, avail = t->n - i - pos;
		if (s[0] < 'a' || s[0] > 'z')
			break;
		for (len = 0; len < avail && s[len] >= 'a' && s[len] <= 'z'; len++)
			;
		len = syllable(s, len, pos > 0 && s[-1] == 'o');
		if (len == 0 || pos + len > GUESS_MAX_PIECE)
			break;
		pos += len;
		c->romaji_syl[pos] = (uint8_t)++syllables;
	}
}

static void romaji(struct guess_ctx *c, size_t i, size_t j, struct guess_match *m)
{
	unsigned syllables;

	if (j - i < 4)
		return;
	if (c->romaji_from != i)
		romaji_parse(c, i);
	syllables = c->romaji_syl[j - i];
	if (syllables > 0)
		consider(m,
		         ROMAJI_BASE_BITS + syllables * ROMAJI_SYLLABLE_BITS +
		                 case_bits(c->t, i, j),
		         PIECE_ROMAJI);
}

/* ------------------------------------------------------------ wordlike */

/* The letter model's cost of t[i..i+len) as a whole word, for every len,
 * worked out once per start: the sum of -log2 P(letter | two before) from
 * the start of a word, and of the end of a word after the last letter. */
static void wordlike_parse(struct guess_ctx *c, size_t i)
{
	const struct pwtext *t = c->t;
	unsigned p2 = 0, p1 = 0, sum = 0; /* eighths of a bit; 0: the boundary */
	size_t len;

	c->wordlike_from = i;
	for (len = 1; len <= GUESS_MAX_PIECE && i + len <= t->n; len++) {
		uint32_t ch = t->low[i + len - 1];
		unsigned x;
		if (ch < 'a' || ch > 'z')
			break;
		x = ch - 'a' + 1;
		sum += letter_cost[p2][p1][x];
		p2 = p1;
		p1 = x;
		c->wordlike_bits[len] = (float)(sum + letter_cost[p2][p1][0]) / 8.0f;
	}
	for (; len <= GUESS_MAX_PIECE; len++)
		c->wordlike_bits[len] = -1;
}

static void wordlike(struct guess_ctx *c, size_t i, size_t j, struct guess_match *m)
{
	if (j - i < MIN_WORDLIKE)
		return;
	if (c->wordlike_from != i)
		wordlike_parse(c, i);
	if (c->wordlike_bits[j - i] >= 0)
		consider(m, WORDLIKE_BASE_BITS + c->wordlike_bits[j - i] + case_bits(c->t, i, j),
		         PIECE_WORDLIKE);
}

/* ------------------------------------------------------------ patterns */

uint32_t guess_reading_mask(uint32_t c)
{
	uint32_t m = 0;

	if (c >= 'a' && c <= 'z')
		return 1u << (c - 'a');
	if (c >= 0x80)
		return 0;
	for (const char *r = leet_readings(c); *r != '\0'; r++)
		m |= 1u << (*r - 'a');
	return m;
}

/* Do t[a] and t[b] read as the same letter: the same character, or one a
 * leet form of the other (a/@, e/3), or both of one letter (1/!)? */
static bool same_reading(const struct guess_ctx *c, size_t a, size_t b)
{
	return c->t->low[a] == c->t->low[b] || (c->rmask[a] & c->rmask[b]) != 0;
}

/* A run of one character; or an earlier chunk again, as typed or with its
 * case or leet changed (Dragon-dragon, Dr@g0n-dragon): log2 of where it
 * starts, + 1 for the repeat, + 1 if the case differs, + 1 if a leet
 * reading differs. */
static void repeats(const struct guess_ctx *c, size_t i, size_t j, struct guess_match *m)
{
	const struct pwtext *t = c->t;
	size_t n = j - i;
	bool run = n >= MIN_RUN;

	for (size_t k = i + 1; k < j && run; k++)
		run = t->low[k] == t->low[i];
	if (run) {
		double card = t->cls[i] == CLASS_DIGIT ? 10 : t->cls[i] == CLASS_SYMBOL ? 33 : 26;
		consider(m, log2(card) + log2((double)n), PIECE_REPEAT);
	}
	/* a symbol used again as a separator: which of the symbols before it,
	 * + 1 for the repeat (Tanaka_taro_25, word-word-word) */
	if (n == 1 && t->cls[i] == CLASS_SYMBOL && t->cp[i] < 0x80) {
		size_t distinct = 0;
		bool seen = false;
		for (size_t k = 0; k < i; k++) {
			bool first = t->cls[k] == CLASS_SYMBOL;
			for (size_t q = 0; q < k && first; q++)
				first = t->cp[q] != t->cp[k];
			distinct += first;
			seen |= t->cp[k] == t->cp[i];
		}
		if (seen)
			consider(m, log2((double)distinct) + 1, PIECE_REPEAT);
	}
	if (n < MIN_REPEAT_CHUNK || n > i)
		return;
	for (size_t k = 0; k + n <= i; k++) {
		bool same_case = true, same_text = true;
		size_t q;
		for (q = 0; q < n && same_reading(c, k + q, i + q); q++) {
			same_text &= t->low[k + q] == t->low[i + q];
			same_case &= t->cp[k + q] == t->cp[i + q] || t->low[k + q] != t->low[i + q];
		}
		if (q < n)
			continue;
		consider(m, log2((double)i) + 1 + (same_case ? 0 : 1) + (same_text ? 0 : 1),
		         PIECE_REPEAT);
		if (same_text && same_case)
			return;
	}
}

static int seq_step(uint32_t a, uint32_t b)
{
	bool digits = is_digit(a) && is_digit(b);
	bool letters = a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z';

	if (!digits && !letters)
		return 0;
	return b == a + 1 ? 1 : b + 1 == a ? -1 : 0;
}

static void sequences(const struct pwtext *t, size_t i, size_t j, struct guess_match *m)
{
	size_t n = j - i;
	int dir = seq_step(t->low[i], t->low[i + 1 < j ? i + 1 : i]);
	uint32_t s = t->low[i];
	double start;

	if (n < MIN_SEQUENCE || dir == 0)
		return;
	for (size_t k = i + 1; k < j; k++)
		if (seq_step(t->low[k - 1], t->low[k]) != dir)
			return;
	start = (s == 'a' || s == 'z' || s == '0' || s == '1' || s == '9') ? 2
	        : is_digit(s)                                              ? 10
	                                                                   : 26;
	consider(m, log2(start) + log2((double)n) + (dir < 0 ? 1 : 0) + case_bits(t, i, j),
	         PIECE_SEQUENCE);
}

static void keyboard(const struct guess_ctx *c, size_t i, size_t j, struct guess_match *m)
{
	const struct pwtext *t = c->t;
	unsigned turns = 0, shifted = 0;
	int dir = 0;

	if (j - i < MIN_WALK)
		return;
	for (size_t k = i + 1; k < j; k++) {
		int d = c->kstep[k - 1];
		if (d == 0)
			return;
		if (dir != 0 && d != dir)
			turns++;
		dir = d;
	}
	for (size_t k = i; k < j; k++)
		shifted += t->cp[k] != t->low[k] || ascii_in("~!@#$%^&*()_+{}|:\"<>?", t->cp[k]);
	consider(m,
	         log2(KEYBOARD_STARTS * KEYBOARD_DIRS) + turns * log2(KEYBOARD_DIRS) +
	                 (shifted == 0 || shifted == j - i ? 0 : 1) + (shifted == j - i ? 1 : 0),
	         PIECE_KEYBOARD);
}

static double year_bits(unsigned y)
{
	double d = y > REFERENCE_YEAR ? y - REFERENCE_YEAR : REFERENCE_YEAR - y;
	return log2_at_least(d, MIN_YEAR_SPACE);
}

static bool valid_md(unsigned mo, unsigned d)
{
	static const unsigned days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
}

static bool valid_year4(unsigned y)
{
	return y >= 1900 && y <= 2099;
}

/* Digits only: a year, or a date in one of the common orders. */
static void digit_dates(const uint32_t *c, size_t n, struct guess_match *m)
{
	const double days = log2(366);
	unsigned a, b;

	if (n == 4) {
		unsigned y = number(c, 4);
		if (valid_year4(y))
			consider(m, year_bits(y), PIECE_YEAR);
		a = number(c, 2);
		b = number(c + 2, 2);
		if (valid_md(a, b) || valid_md(b, a))
			consider(m, days + 1, PIECE_DATE);
	} else if (n == 6) {
		unsigned x = number(c, 2), y2 = number(c + 2, 2), z = number(c + 4, 2);
		if (valid_md(y2, z) || valid_md(x, y2) || valid_md(y2, x))
			consider(m, days + log2(100) + 1, PIECE_DATE);
	} else if (n == 8) {
		unsigned y = number(c, 4), mo = number(c + 4, 2), d = number(c + 6, 2);
		if (valid_year4(y) && valid_md(mo, d))
			consider(m, days + year_bits(y) + 1, PIECE_DATE);
		y = number(c + 4, 4);
		a = number(c, 2);
		b = number(c + 2, 2);
		if (valid_year4(y) && (valid_md(a, b) || valid_md(b, a)))
			consider(m, days + year_bits(y) + 1, PIECE_DATE);
	} else if (n == 3) {
		/* MDD or MMD without the zero: 101, 123, 925 */
		a = number(c, 1);
		b = number(c + 1, 2);
		if (valid_md(a, b) || valid_md(number(c, 2), number(c + 2, 1)))
			consider(m, days + 1, PIECE_DATE);
	}
}

/* Digit groups joined by one separator: 12.05, 1990/12/05, 05-12-90. */
static void separated_dates(const uint32_t *c, size_t n, struct guess_match *m)
{
	size_t len[3] = {0}, groups = 0;
	unsigned v[3];
	uint32_t sep = 0;
	const double days = log2(366);

	for (size_t k = 0; k < n; k++) {
		if (is_digit(c[k])) {
			if (groups == 0)
				groups = 1;
			len[groups - 1]++;
			continue;
		}
		if (!ascii_in("./-_ ", c[k]) || groups == 0 || groups == 3 ||
		    (sep != 0 && c[k] != sep) || len[groups - 1] == 0)
			return;
		sep = c[k];
		groups++;
	}
	if (sep == 0 || groups < 2 || len[groups - 1] == 0)
		return;
	for (size_t g = 0, pos = 0; g < groups; pos += len[g] + 1, g++) {
		if (len[g] > 4)
			return;
		v[g] = number(c + pos, len[g]);
	}
	if (groups == 2 && len[0] <= 2 && len[1] <= 2 &&
	    (valid_md(v[0], v[1]) || valid_md(v[1], v[0])))
		consider(m, days + 2, PIECE_DATE);
	if (groups != 3)
		return;
	if (len[0] == 4 && valid_year4(v[0]) && len[1] <= 2 && len[2] <= 2 && valid_md(v[1], v[2]))
		consider(m, days + year_bits(v[0]) + 2, PIECE_DATE);
	if (len[0] <= 2 && len[1] <= 2 && (len[2] == 2 || (len[2] == 4 && valid_year4(v[2]))) &&
	    (valid_md(v[0], v[1]) || valid_md(v[1], v[0])))
		consider(m, days + (len[2] == 4 ? year_bits(v[2]) : log2(100)) + 2, PIECE_DATE);
}

/* Japanese era years, by letter (H21, h21) or spelled out (heisei21). An
 * attacker tries first the eras users' own years fall in -- Showa S1-64,
 * Heisei H1-31, Reiwa R1-(now) -- then Taisho T1-15 and Meiji M1-45: the
 * cost is log2 of the era years tried up to this one's group, + 1 for a
 * lower-case letter (people write the upper-case one) or a spelled-out
 * name, + the case of the name. */
static void era(const struct pwtext *t, size_t i, size_t j, struct guess_match *m)
{
	static const struct {
		const char *names[3];
		unsigned years;
		bool later; /* tried after the first group */
	} eras[] = {
	        {{"s", "shouwa", "showa"}, 64, false},
	        {{"h", "heisei", NULL}, 31, false},
	        {{"r", "reiwa", NULL}, REFERENCE_YEAR - 2018, false},
	        {{"t", "taishou", "taisho"}, 15, true},
	        {{"m", "meiji", NULL}, 45, true},
	};
	size_t n = j - i, digits = 0;
	double first = 0, all = 0;

	while (digits < n && digits < 2 && is_digit(t->low[j - 1 - digits]))
		digits++;
	if (digits == 0 || n - digits > 7 || (digits < n && is_digit(t->low[j - 1 - digits])))
		return;
	for (size_t e = 0; e < sizeof eras / sizeof eras[0]; e++) {
		all += eras[e].years;
		first += eras[e].later ? 0 : eras[e].years;
	}
	for (size_t e = 0; e < sizeof eras / sizeof eras[0]; e++) {
		unsigned y = number(t->low + j - digits, digits);
		double tried = log2(eras[e].later ? all : first);
		for (size_t k = 0; k < 3 && eras[e].names[k] != NULL; k++) {
			const char *name = eras[e].names[k];
			size_t len = strlen(name), q;
			if (len != n - digits || y < 1 || y > eras[e].years)
				continue;
			for (q = 0; q < len && t->low[i + q] == (uint32_t)name[q]; q++)
				;
			if (q != len)
				continue;
			if (len == 1)
				consider(m, tried + (t->cls[i] == CLASS_LOWER ? 1 : 0), PIECE_ERA);
			else
				consider(m, tried + 1 + case_bits(t, i, i + len), PIECE_ERA);
		}
	}
}

void guess_best_piece(struct guess_ctx *c, size_t i, size_t j, struct guess_match *out)
{
	const struct pwtext *t = c->t;

	out->bits = -1;
	out->kind = PIECE_BRUTE;
	if (j <= i || j - i > GUESS_MAX_PIECE)
		return;
	words(c, i, j, out);
	tokens(t, i, j, out);
	romaji(c, i, j, out);
	wordlike(c, i, j, out);
	repeats(c, i, j, out);
	sequences(t, i, j, out);
	keyboard(c, i, j, out);
	if (all_digits(t->low + i, j - i))
		digit_dates(t->low + i, j - i, out);
	else if (is_digit(t->low[i]) && is_digit(t->low[j - 1]))
		separated_dates(t->low + i, j - i, out);
	era(t, i, j, out);
}
