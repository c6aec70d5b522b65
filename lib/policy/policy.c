/* policy_check(): run every check of clause 3(1)③ over one candidate and
 * collect all the reasons, so the user learns everything at once. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "policy/checks.h"
#include "policy/guess.h"
#include "secure.h"

/* What fills in a reason message's %d (the number column of reasons.def). */
enum reason_number {
	NUM_NONE,
	NUM_MINLEN,
	NUM_MAXLEN,
	NUM_UCREDIT,
	NUM_LCREDIT,
	NUM_DCREDIT,
	NUM_OCREDIT,
	NUM_MINCLASS
};

struct reason_row {
	const char *code;
	enum reason_number number;
	const char *message; /* untranslated; NULL: always counted */
	const char *counted; /* untranslated, with %d; NULL: none */
	const char *clause;
};

static const struct reason_row rows[REASON__COUNT] = {
#define REASON(id, code_, number_, message_, counted_, clause_)                                    \
	[REASON_##id] = {code_, NUM_##number_, message_, counted_, clause_},
#include "policy/reasons.def"
};

const char *policy_reason_code(enum policy_reason r)
{
	if ((unsigned)r >= REASON__COUNT)
		return NULL;
	return rows[r].code;
}

const char *policy_reason_clause(enum policy_reason r)
{
	if ((unsigned)r >= REASON__COUNT)
		return NULL;
	return rows[r].clause;
}

size_t policy_reasons_join(const struct policy_verdict *v, char *buf, size_t len)
{
	size_t o = 0;

	if (len == 0)
		return 0;
	buf[0] = '\0';
	for (unsigned r = 0; r < REASON__COUNT; r++) {
		size_t n;

		if (!(v->reasons & REASON_BIT(r)))
			continue;
		n = strlen(rows[r].code);
		if (o + (o > 0) + n >= len)
			break;
		if (o > 0)
			buf[o++] = ',';
		memcpy(buf + o, rows[r].code, n + 1);
		o += n;
	}
	return o;
}

/* How many characters of a class the settings require (credit -N: N). */
static int class_need(int credit)
{
	return credit < -1 ? -credit : 1;
}

/* The number a reason's message names, as the settings decide it. */
static int reason_number(enum reason_number n, const struct policy_settings *s)
{
	switch (n) {
	case NUM_MINLEN:
		return s->minlen < 6 ? 6 : s->minlen;
	case NUM_MAXLEN:
		return s->maxlen > 0 && s->maxlen < PW_MAX_CP ? s->maxlen : PW_MAX_CP;
	case NUM_UCREDIT:
		return class_need(s->ucredit);
	case NUM_LCREDIT:
		return class_need(s->lcredit);
	case NUM_DCREDIT:
		return class_need(s->dcredit);
	case NUM_OCREDIT:
		return class_need(s->ocredit);
	case NUM_MINCLASS:
		return s->minclass;
	case NUM_NONE:
		break;
	}
	return 1;
}

const char *policy_reason_message(enum policy_reason r, const struct policy_settings *s, char *buf,
                                  size_t len)
{
	const struct reason_row *row;
	int n;

	if (buf == NULL || len == 0)
		return NULL;
	buf[0] = '\0';
	if ((unsigned)r >= REASON__COUNT)
		return NULL;
	row = &rows[r];
	n = reason_number(row->number, s);
	if (row->counted != NULL && (row->message == NULL || n != 1)) {
		/* The format is a row of reasons.def with one %d; msgfmt -c
		 * holds each translation to the same conversions. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		snprintf(buf, len, _(row->counted), n);
#pragma GCC diagnostic pop
	} else
		snprintf(buf, len, "%s", _(row->message));
	return buf;
}

const char *policy_piece_name(unsigned k)
{
	return guess_piece_name((enum guess_piece)k);
}

/* guess_floor, but never above what random lower-case letters of the
 * minimum length reach: a policy that allows 8 characters accepts 8
 * random ones. */
static double guess_floor_bits(const struct policy_settings *s)
{
	double cap = (s->minlen < 6 ? 6 : s->minlen) * log2(26.0);
	return s->guess_floor < cap ? s->guess_floor : cap;
}

/* Are all n spans inside the password's dictionary words (n < max: the
 * list of spans is whole)? */
static bool all_inside_words(const struct word_set *ws, const struct pwtext *t, size_t (*spans)[2],
                             size_t n, size_t max)
{
	bool inside = n < max;

	for (size_t k = 0; k < n && inside; k++)
		inside = guess_inside_words(ws, t, spans[k][0], spans[k][1]);
	return inside;
}

/* Keyboard walks and sequencecheck's runs forgiven when each lies inside
 * dictionary words of the password (prop-erty, s-trew-n, unde-rstu-dy). */
static uint32_t forgive_inside_words(const struct policy_settings *s, const struct word_set *ws,
                                     const struct pwtext *t, uint32_t reasons)
{
	size_t spans[8][2], n;

	if (ws == NULL)
		return reasons;
	if (reasons & REASON_BIT(REASON_KEYBOARD_WALK)) {
		n = keyboard_walk_spans(t->cp, t->n, spans, 8);
		if (all_inside_words(ws, t, spans, n, 8))
			reasons &= ~REASON_BIT(REASON_KEYBOARD_WALK);
	}
	if (reasons & REASON_BIT(REASON_SEQUENTIAL)) {
		n = alnum_sequence_spans(t, spans, 8);
		if (n > 0 && all_inside_words(ws, t, spans, n, 8))
			reasons = (reasons & ~REASON_BIT(REASON_SEQUENTIAL)) |
			          check_sequential(s, t, false);
	}
	return reasons;
}

/* The model's verdict, and walks and sequences inside words forgiven. */
static uint32_t guessability(const struct policy_settings *s, const struct word_set *ws,
                             const struct pwtext *t, const struct policy_user *user,
                             uint32_t reasons, struct policy_verdict *out)
{
	struct guess_ctx *c = malloc(sizeof *c);
	struct guess_result g;

	if (c == NULL)
		return REASON_BIT(REASON_CHECK_UNAVAILABLE);
	guess_ctx_init(c, ws, t, user, s->badwords);
	guess_estimate(c, &g);
	guess_ctx_wipe(c);
	free(c);
	out->guesses_log10 = g.bits * log10(2.0);
	out->pieces = g.pieces;
	if (s->guess_floor > 0 && g.bits < guess_floor_bits(s))
		reasons |= REASON_BIT(REASON_GUESSABLE);
	return forgive_inside_words(s, ws, t, reasons);
}

int policy_check(const struct policy_settings *s, const char *password, const char *old,
                 const struct policy_user *user, struct policy_verdict *out)
{
	const struct word_set *ws = NULL;
	struct pwtext *t;
	uint32_t reasons = 0;

	if (s == NULL || out == NULL)
		return -EINVAL;
	memset(out, 0, sizeof *out);
	if (password == NULL || *password == '\0') {
		out->reasons = REASON_BIT(REASON_EMPTY);
		return 0;
	}
	t = malloc(sizeof *t);
	if (t == NULL)
		return -ENOMEM;
	switch (pwtext_decode(t, password, strnlen(password, PW_MAX_BYTES + 1))) {
	case PWTEXT_INVALID:
		reasons = REASON_BIT(REASON_INVALID_ENCODING);
		goto out;
	case PWTEXT_TOO_LONG:
		reasons = REASON_BIT(REASON_TOO_LONG);
		goto out;
	case PWTEXT_OK:
		break;
	}
	reasons |= check_composition(s, t);
	reasons |= check_patterns(s, t);
	reasons |= check_personal(s, t, user);
	reasons |= check_old(s, t, old);
	if ((s->dictcheck || s->guess_floor > 0) && dictionary_get(s, &ws) != 0) {
		ws = NULL;
		reasons |= REASON_BIT(REASON_CHECK_UNAVAILABLE);
	}
	if (s->dictcheck && ws != NULL && dictionary_rejects(ws, t))
		reasons |= REASON_BIT(REASON_DICTIONARY_WORD);
	reasons = guessability(s, ws, t, user, reasons, out);
	dictionary_put(ws);
	if (s->n_breach_index > 0) {
		int b = policy_breach_lookup(s, password, NULL, 0);
		if (b == 1)
			reasons |= REASON_BIT(REASON_BREACHED);
		else if (b < 0)
			reasons |= REASON_BIT(REASON_CHECK_UNAVAILABLE);
	}
	if (reasons == 0)
		out->score = policy_score(t);
out:
	out->reasons = reasons;
	secure_free(t, sizeof *t);
	return 0;
}

int policy_prepare(const struct policy_settings *s, char *err, size_t errlen)
{
	const struct word_set *ws;
	int r;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (s->n_breach_index > 0) {
		/* Open every index now so that a problem is reported before the
		 * first password (the lookup of "" finds nothing). */
		char why[512];

		r = policy_breach_lookup(s, "", why, sizeof why);
		if (why[0] != '\0' && err != NULL)
			snprintf(err, errlen, "%s", why);
		if (r < 0)
			return r;
	}
	if (!s->dictcheck && s->guess_floor <= 0)
		return 0;
	r = dictionary_get(s, &ws);
	if (r == 0)
		dictionary_put(ws);
	if (r < 0 && err != NULL)
		snprintf(err, errlen,
		         _("cannot load the dictionary (dictpath %s, wordlist %s): %s; install "
		           "cracklib-runtime or fix the paths, or set dictcheck = 0"),
		         s->dictpath != NULL ? s->dictpath : _("cracklib's default"),
		         s->wordlist != NULL ? s->wordlist : _("default"), strerror(-r));
	return r;
}
