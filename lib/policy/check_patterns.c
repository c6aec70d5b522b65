/* Patterns that make a password guessable whatever its length: repeats,
 * palindromes, monotonic sequences and keyboard walks (clause 3(1)③:
 * "hard to guess").
 *
 * - maxrepeat N: more than N identical characters in a row;
 * - maxclassrepeat N: more than N characters of one class in a row;
 * - a palindrome (ignoring case), as pam_pwquality;
 * - maxsequence N: a run of more than N code points each one above (or
 *   each one below) the previous, any characters, as pam_pwquality;
 * - sequencecheck: a run of 4 or more letters or digits going up or down
 *   by one (abcd, 1234, 9876, DCBA); digits wrap (7890, 2109), letters
 *   do not (xyza is not a sequence);
 * - keyboardcheck: a straight walk over adjacent keys of a US QWERTY
 *   keyboard, along a row or down/up a column, either direction, shifted
 *   or not: 4 or more keys in one line (qwer, 1qaz, lkjh, ZXCV), or two
 *   lines of 3 or more in the same direction back to back (1qaz2wsx,
 *   qazwsx, !QAZ@WSX);
 * - with dictcheck, cracklib's own rules: fewer than 5 different
 *   characters, or more one-step neighbours than 3 + 9% of the length. */
#include "config.h"

#include <string.h>

#include "policy/checks.h"
#include "secure.h"

#define SEQ_MIN_RUN          4
#define WALK_MIN_RUN         4
#define WALK_MIN_PART        3
#define SYSTEMATIC_WHOLE_MAX 16

static bool exceeds_repeat(const struct pwtext *t, int max, bool by_class)
{
	size_t run = 1;

	for (size_t i = 1; i < t->n; i++) {
		bool same = by_class ? t->cls[i] == t->cls[i - 1] : t->cp[i] == t->cp[i - 1];
		run = same ? run + 1 : 1;
		if (run > (size_t)max)
			return true;
	}
	return false;
}

static bool is_palindrome(const struct pwtext *t)
{
	for (size_t i = 0, j = t->n - 1; i < j; i++, j--)
		if (t->low[i] != t->low[j])
			return false;
	return true;
}

/* Longest run of steps of exactly +1 (dir 1) or -1 (dir -1). */
static size_t longest_monotonic(const uint32_t *c, size_t n)
{
	size_t best = n > 0 ? 1 : 0, run = 1;
	int dir = 0;

	for (size_t i = 1; i < n; i++) {
		int d = c[i] == c[i - 1] + 1 ? 1 : c[i] + 1 == c[i - 1] ? -1 : 0;
		if (d != 0 && d == dir)
			run++;
		else if (d != 0)
			run = 2;
		else
			run = 1;
		dir = d;
		if (run > best)
			best = run;
	}
	return best;
}

static int alnum_step(uint32_t a, uint32_t b)
{
	if (a >= '0' && a <= '9' && b >= '0' && b <= '9') {
		if (b == a + 1 || (a == '9' && b == '0'))
			return 1;
		if (b + 1 == a || (a == '0' && b == '9'))
			return -1;
		return 0;
	}
	if (a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z')
		return b == a + 1 ? 1 : b + 1 == a ? -1 : 0;
	return 0;
}

size_t alnum_sequence_spans(const struct pwtext *t, size_t (*spans)[2], size_t max)
{
	size_t run = 1, found = 0;
	int dir = 0;

	for (size_t i = 1; i <= t->n && found < max; i++) {
		int d = i < t->n ? alnum_step(t->low[i - 1], t->low[i]) : 0;
		size_t next = d == 0 ? 1 : d == dir ? run + 1 : 2;
		if (next <= run && run >= SEQ_MIN_RUN) {
			spans[found][0] = i - run;
			spans[found++][1] = i;
		}
		run = next;
		dir = d;
	}
	return found;
}

static bool has_alnum_sequence(const struct pwtext *t)
{
	size_t span[1][2];
	return alnum_sequence_spans(t, span, 1) > 0;
}

/* Keyboard positions: row and x in quarter keys (rows are staggered). */
static const char *const kb_rows[2][4] = {
        {"`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"},
        {"~!@#$%^&*()_+", "QWERTYUIOP{}|", "ASDFGHJKL:\"", "ZXCVBNM<>?"},
};
static const int kb_x0[4] = {0, 6, 7, 9};

static bool kb_pos(uint32_t c, int *row, int *x)
{
	if (c == 0 || c >= 0x80)
		return false;
	for (int shift = 0; shift < 2; shift++)
		for (int r = 0; r < 4; r++) {
			const char *p = strchr(kb_rows[shift][r], (int)c);
			if (p != NULL) {
				*row = r;
				*x = kb_x0[r] + 4 * (int)(p - kb_rows[shift][r]);
				return true;
			}
		}
	return false;
}

/* The direction of a step between adjacent keys (1..6), or 0 if the keys
 * are not adjacent: along a row left or right, or to the row above or
 * below, leaning left or right (a column such as 1qaz leans right). */
int keyboard_step(uint32_t a, uint32_t b)
{
	int ra, xa, rb, xb, dx;

	if (!kb_pos(a, &ra, &xa) || !kb_pos(b, &rb, &xb))
		return 0;
	dx = xb - xa;
	if (ra == rb)
		return dx == 4 ? 1 : dx == -4 ? 2 : 0;
	if (dx < -3 || dx > 3)
		return 0;
	if (rb == ra + 1)
		return dx > 0 ? 3 : 4;
	if (rb == ra - 1)
		return dx > 0 ? 5 : 6;
	return 0;
}

/* A walk is a straight line of keys: one run of WALK_MIN_RUN keys in one
 * direction (qwer, 1qaz, poiu), or two runs of WALK_MIN_PART keys in the
 * same direction one after the other (1qaz2wsx, qazwsx). Wandering over
 * neighbouring keys (nju, res in "conjures") is not a walk. */
size_t keyboard_walk_spans(const uint32_t *cp, size_t n, size_t (*spans)[2], size_t max)
{
	size_t run = 1, prev_run = 0, found = 0;
	int dir = 0, prev_dir = 0;

	for (size_t i = 1; i <= n && found < max; i++) {
		int d = i < n ? keyboard_step(cp[i - 1], cp[i]) : 0;

		if (d != 0 && (d == dir || run == 1)) {
			dir = d;
			run++;
			continue;
		}
		if (run >= WALK_MIN_RUN) {
			spans[found][0] = i - run;
			spans[found++][1] = i;
		} else if (run >= WALK_MIN_PART && prev_run >= WALK_MIN_PART && prev_dir == dir) {
			spans[found][0] = i - run - prev_run;
			spans[found++][1] = i;
		}
		if (run >= WALK_MIN_PART) {
			prev_run = run;
			prev_dir = dir;
		} else if (run > 1) {
			prev_run = 0;
		}
		/* the step that broke the run may start the next one */
		run = d != 0 ? 2 : 1;
		dir = d;
	}
	return found;
}

bool is_keyboard_walk(const uint32_t *cp, size_t n)
{
	size_t span[1][2];
	return keyboard_walk_spans(cp, n, span, 1) > 0;
}

/* cracklib's "too systematic": more one-step neighbours (ab, 98) in
 * low[start..end) than 3 + 9% of its length. */
static bool too_systematic(const uint32_t *low, size_t start, size_t end)
{
	size_t steps = 0;

	for (size_t i = start + 1; i < end; i++)
		if (low[i] == low[i - 1] + 1 || low[i] + 1 == low[i - 1])
			steps++;
	return (double)steps > 3 + 0.09 * (double)(end - start);
}

/* cracklib's FascistLook rule of fewer than 5 different characters (its
 * neighbour-pair rule is in check_sequential). */
static uint32_t cracklib_rules(const struct pwtext *t)
{
	uint32_t reasons = 0, seen[5];
	size_t distinct = 0;

	for (size_t i = 0; i < t->n && distinct < 5; i++) {
		size_t k;
		for (k = 0; k < distinct && seen[k] != t->cp[i]; k++)
			;
		if (k == distinct)
			seen[distinct++] = t->cp[i];
	}
	if (distinct < 5)
		reasons |= REASON_BIT(REASON_REPETITIVE);
	secure_wipe(seen, sizeof seen);
	return reasons;
}

/* cracklib's neighbour-pair rule, only for a password of up to
 * SYSTEMATIC_WHOLE_MAX characters: over a longer one it counts the ordinary
 * neighbour pairs of words (mo-no-to-no-us), and the guessability model
 * judges sequences there. */
static bool cracklib_systematic(const struct pwtext *t)
{
	size_t start = 0, end = t->n;

	while (start < end && (t->low[start] == ' ' || t->low[start] == '\t'))
		start++;
	while (end > start && (t->low[end - 1] == ' ' || t->low[end - 1] == '\t'))
		end--;
	return end - start <= SYSTEMATIC_WHOLE_MAX && too_systematic(t->low, start, end);
}

uint32_t check_sequential(const struct policy_settings *s, const struct pwtext *t, bool alnum)
{
	bool seq =
	        (s->maxsequence > 0 && longest_monotonic(t->low, t->n) > (size_t)s->maxsequence) ||
	        (alnum && s->sequencecheck && has_alnum_sequence(t)) ||
	        (s->dictcheck && cracklib_systematic(t));
	return seq ? REASON_BIT(REASON_SEQUENTIAL) : 0;
}

uint32_t check_patterns(const struct policy_settings *s, const struct pwtext *t)
{
	uint32_t reasons = 0;

	if (t->n == 0)
		return 0;
	if (s->maxrepeat > 0 && exceeds_repeat(t, s->maxrepeat, false))
		reasons |= REASON_BIT(REASON_REPETITIVE);
	if (s->maxclassrepeat > 0 && exceeds_repeat(t, s->maxclassrepeat, true))
		reasons |= REASON_BIT(REASON_REPETITIVE);
	if (is_palindrome(t))
		reasons |= REASON_BIT(REASON_REPETITIVE);
	reasons |= check_sequential(s, t, true);
	if (s->keyboardcheck && is_keyboard_walk(t->cp, t->n))
		reasons |= REASON_BIT(REASON_KEYBOARD_WALK);
	if (s->dictcheck)
		reasons |= cracklib_rules(t);
	return reasons;
}
