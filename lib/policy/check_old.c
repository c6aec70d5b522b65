/* Similarity to the old password (pam_pwquality's difok, and more):
 *
 * - identical (after full-width folding) -> same_as_old;
 * - with difok > 0, too_similar_to_old when the new password is the old
 *   one with only its case changed, reversed, rotated (abcd1234 ->
 *   1234abcd), the same letters with only digits and symbols changed
 *   (Summer2024! -> Summer2025!, also through leetspeak), or fewer than
 *   difok edits (insert, delete, replace; case ignored) away -- unless it
 *   is at least twice as long as the old one, as in pam_pwquality.
 *
 * Both passwords are capped at PW_MAX_CP code points, and the edit
 * distance keeps one row, so time is O(n*m) <= 512^2 and memory O(n). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "policy/checks.h"
#include "secure.h"

size_t edit_distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m)
{
	size_t row[PW_MAX_CP + 1];
	size_t result;

	if (n > PW_MAX_CP || m > PW_MAX_CP)
		return (size_t)-1;
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	result = row[m];
	secure_wipe(row, sizeof row);
	return result;
}

static bool is_reversed(const struct pwtext *a, const struct pwtext *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->low[i] != b->low[b->n - 1 - i])
			return false;
	return true;
}

static bool is_rotated(const struct pwtext *a, const struct pwtext *b)
{
	if (a->n != b->n || a->n < 2)
		return false;
	for (size_t shift = 1; shift < a->n; shift++) {
		size_t i;
		for (i = 0; i < a->n && a->low[i] == b->low[(i + shift) % a->n]; i++)
			;
		if (i == a->n)
			return true;
	}
	return false;
}

/* The letters of a lower-cased UTF-8 string (bytes >= 0x80 count as
 * letters), optionally after undoing leetspeak. */
static size_t letters(const char *lower, size_t len, bool leet, char *out)
{
	size_t o = 0;

	memcpy(out, lower, len + 1);
	if (leet)
		deleet(out, len, false);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)out[i];
		if (c >= 0x80 || (c >= 'a' && c <= 'z'))
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return o;
}

static bool same_letters(const struct pwtext *a, const struct pwtext *b)
{
	char x[PW_MAX_BYTES + 1], y[PW_MAX_BYTES + 1];
	bool same = false;

	for (int leet = 0; leet < 2 && !same; leet++) {
		size_t nx = letters(a->lower, a->lower_len, leet, x);
		size_t ny = letters(b->lower, b->lower_len, leet, y);
		same = nx >= 4 && nx == ny && memcmp(x, y, nx) == 0;
	}
	secure_wipe(x, sizeof x);
	secure_wipe(y, sizeof y);
	return same;
}

uint32_t check_old(const struct policy_settings *s, const struct pwtext *t, const char *old)
{
	struct pwtext *o;
	uint32_t reasons = 0;

	if (old == NULL || *old == '\0')
		return 0;
	o = malloc(sizeof *o);
	if (o == NULL)
		return REASON_BIT(REASON_CHECK_UNAVAILABLE);
	if (pwtext_decode(o, old, strlen(old)) != PWTEXT_OK) {
		/* Not valid UTF-8 or over the cap: it cannot equal the new one,
		 * which decoded, and there is nothing to compare it by. */
		goto out;
	}
	if (o->n == t->n && memcmp(o->cp, t->cp, t->n * sizeof t->cp[0]) == 0) {
		reasons = REASON_BIT(REASON_SAME_AS_OLD);
		goto out;
	}
	if (s->difok <= 0)
		goto out;
	if ((o->n == t->n && memcmp(o->low, t->low, t->n * sizeof t->low[0]) == 0) ||
	    is_reversed(t, o) || is_rotated(t, o) || same_letters(t, o))
		reasons = REASON_BIT(REASON_TOO_SIMILAR_TO_OLD);
	else if (t->n < 2 * o->n && edit_distance(t->low, t->n, o->low, o->n) < (size_t)s->difok)
		reasons = REASON_BIT(REASON_TOO_SIMILAR_TO_OLD);
out:
	secure_free(o, sizeof *o);
	return reasons;
}
