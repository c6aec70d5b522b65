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

static const char *const codes[REASON__COUNT] = {
        [REASON_EMPTY] = "empty",
        [REASON_INVALID_ENCODING] = "invalid_encoding",
        [REASON_TOO_SHORT] = "too_short",
        [REASON_TOO_LONG] = "too_long",
        [REASON_MISSING_UPPER] = "missing_upper",
        [REASON_MISSING_LOWER] = "missing_lower",
        [REASON_MISSING_DIGIT] = "missing_digit",
        [REASON_MISSING_SYMBOL] = "missing_symbol",
        [REASON_TOO_FEW_CLASSES] = "too_few_classes",
        [REASON_REPETITIVE] = "repetitive",
        [REASON_SEQUENTIAL] = "sequential",
        [REASON_KEYBOARD_WALK] = "keyboard_walk",
        [REASON_CONTAINS_USER_NAME] = "contains_user_name",
        [REASON_CONTAINS_GECOS] = "contains_user_info",
        [REASON_BAD_WORD] = "forbidden_word",
        [REASON_DICTIONARY_WORD] = "dictionary_word",
        [REASON_BREACHED] = "breached",
        [REASON_SAME_AS_OLD] = "same_as_old",
        [REASON_TOO_SIMILAR_TO_OLD] = "too_similar_to_old",
        [REASON_CHECK_UNAVAILABLE] = "check_unavailable",
        [REASON_GUESSABLE] = "guessable",
};

const char *policy_reason_code(enum policy_reason r)
{
	if ((unsigned)r >= REASON__COUNT)
		return NULL;
	return codes[r];
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
		n = strlen(codes[r]);
		if (o + (o > 0) + n >= len)
			break;
		if (o > 0)
			buf[o++] = ',';
		memcpy(buf + o, codes[r], n + 1);
		o += n;
	}
	return o;
}

/* How many characters of a class the settings require (credit -N: N). */
static int class_need(int credit)
{
	return credit < -1 ? -credit : 1;
}

const char *policy_reason_message(enum policy_reason r, const struct policy_settings *s, char *buf,
                                  size_t len)
{
	if (buf == NULL || len == 0)
		return NULL;
	buf[0] = '\0';
	switch (r) {
	case REASON_EMPTY:
		snprintf(buf, len, "%s", _("No password was given."));
		break;
	case REASON_INVALID_ENCODING:
		snprintf(buf, len, "%s", _("The password is not valid UTF-8 text."));
		break;
	case REASON_TOO_SHORT:
		snprintf(buf, len, _("The password is shorter than %d characters."),
		         s->minlen < 6 ? 6 : s->minlen);
		break;
	case REASON_TOO_LONG:
		snprintf(buf, len, _("The password is longer than %d characters."),
		         s->maxlen > 0 && s->maxlen < PW_MAX_CP ? s->maxlen : PW_MAX_CP);
		break;
	case REASON_MISSING_UPPER:
		if (class_need(s->ucredit) == 1)
			snprintf(buf, len, "%s",
			         _("The password must contain an upper-case letter."));
		else
			snprintf(buf, len,
			         _("The password must contain at least %d upper-case letters."),
			         class_need(s->ucredit));
		break;
	case REASON_MISSING_LOWER:
		if (class_need(s->lcredit) == 1)
			snprintf(buf, len, "%s",
			         _("The password must contain a lower-case letter."));
		else
			snprintf(buf, len,
			         _("The password must contain at least %d lower-case letters."),
			         class_need(s->lcredit));
		break;
	case REASON_MISSING_DIGIT:
		if (class_need(s->dcredit) == 1)
			snprintf(buf, len, "%s", _("The password must contain a digit."));
		else
			snprintf(buf, len, _("The password must contain at least %d digits."),
			         class_need(s->dcredit));
		break;
	case REASON_MISSING_SYMBOL:
		if (class_need(s->ocredit) == 1)
			snprintf(buf, len, "%s", _("The password must contain a symbol."));
		else
			snprintf(buf, len, _("The password must contain at least %d symbols."),
			         class_need(s->ocredit));
		break;
	case REASON_TOO_FEW_CLASSES:
		snprintf(buf, len,
		         _("The password must mix at least %d kinds of characters (upper-case "
		           "letters, lower-case letters, digits, symbols)."),
		         s->minclass);
		break;
	case REASON_REPETITIVE:
		snprintf(buf, len, "%s",
		         _("The password repeats characters too much or reads the same "
		           "backwards."));
		break;
	case REASON_SEQUENTIAL:
		snprintf(buf, len, "%s",
		         _("The password contains a sequence of characters such as abcd or "
		           "1234."));
		break;
	case REASON_KEYBOARD_WALK:
		snprintf(buf, len, "%s",
		         _("The password contains a keyboard pattern such as qwerty or 1qaz2wsx."));
		break;
	case REASON_CONTAINS_USER_NAME:
		snprintf(buf, len, "%s", _("The password contains the user name in some form."));
		break;
	case REASON_CONTAINS_GECOS:
		snprintf(buf, len, "%s",
		         _("The password contains words from the user's real name or account "
		           "details."));
		break;
	case REASON_BAD_WORD:
		snprintf(buf, len, "%s",
		         _("The password contains a word that is forbidden on this system."));
		break;
	case REASON_DICTIONARY_WORD:
		snprintf(buf, len, "%s",
		         _("The password is based on a dictionary word or a common password."));
		break;
	case REASON_BREACHED:
		snprintf(buf, len, "%s",
		         _("The password appears in a list of leaked passwords; choose one that "
		           "nobody has used before."));
		break;
	case REASON_SAME_AS_OLD:
		snprintf(buf, len, "%s", _("The password is the same as the old one."));
		break;
	case REASON_TOO_SIMILAR_TO_OLD:
		snprintf(buf, len, "%s", _("The password is too similar to the old one."));
		break;
	case REASON_GUESSABLE:
		snprintf(buf, len, "%s",
		         _("The password is easy to guess: it is based on a common word or name "
		           "with predictable changes (dates, digits, symbols, repeats or keyboard "
		           "patterns). Add words or characters that do not belong together."));
		break;
	case REASON_CHECK_UNAVAILABLE:
		snprintf(buf, len, "%s",
		         _("The password could not be checked completely; try again later or "
		           "ask the administrator."));
		break;
	default:
		return NULL;
	}
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

/* The model's verdict, and keyboard walks forgiven when each lies inside a
 * dictionary word (prop-erty, s-trew-n). */
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
	if ((reasons & REASON_BIT(REASON_KEYBOARD_WALK)) && ws != NULL) {
		size_t spans[8][2], n = keyboard_walk_spans(t->cp, t->n, spans, 8);
		bool all_inside = n < 8;
		for (size_t k = 0; k < n && all_inside; k++)
			all_inside = guess_inside_word(ws, t, spans[k][0], spans[k][1]);
		if (all_inside)
			reasons &= ~REASON_BIT(REASON_KEYBOARD_WALK);
	}
	return reasons;
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
