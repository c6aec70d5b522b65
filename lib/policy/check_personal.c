/* Words the user or the organisation has reason to forbid (clause 3(1)③:
 * "hard to guess"): the user name, the words of the GECOS field and the
 * admin's badwords. Each is looked for in the password, forwards and
 * reversed, ignoring case and seeing through leetspeak (P@ul -> paul).
 *
 * - usercheck: the user name (3 code points or more);
 * - usersubstr N: any N code points of the user name in a row;
 * - gecoscheck: each word of the GECOS field longer than 3 code points
 *   (words are split at anything that is not a letter or digit);
 * - badwords: each word of the list (split at spaces and commas). */
#include "config.h"

#include <string.h>

#include "policy/checks.h"
#include "secure.h"

#define WORD_MAX 256

struct haystack {
	const char *plain; /* lower-cased */
	char leet[2][PW_MAX_BYTES + 1];
};

/* Reverse a UTF-8 string by code point into out. */
static void reverse_utf8(const char *w, size_t n, char *out)
{
	size_t pos = 0;

	out[n] = '\0';
	while (pos < n) {
		uint32_t c;
		size_t k = utf8_decode_one((const unsigned char *)w + pos, n - pos, &c);
		if (k == 0)
			k = 1;
		memcpy(out + n - pos - k, w + pos, k);
		pos += k;
	}
}

static bool found(const struct haystack *h, const char *word, size_t n)
{
	char w[WORD_MAX + 1], r[WORD_MAX + 1];
	bool hit = false;

	if (n == 0 || n > WORD_MAX)
		return false;
	memcpy(w, word, n);
	w[n] = '\0';
	reverse_utf8(w, n, r);
	for (int k = -1; k < 2 && !hit; k++) {
		const char *hay = k < 0 ? h->plain : h->leet[k];
		hit = strstr(hay, w) != NULL || strstr(hay, r) != NULL;
	}
	secure_wipe(w, sizeof w);
	secure_wipe(r, sizeof r);
	return hit;
}

static size_t cp_count(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static bool is_word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Does any word of list (lower-cased), split at non-word bytes (GECOS) or
 * at spaces and commas (badwords), occur? min_cp: shortest word used. */
static bool any_word(const struct haystack *h, const char *list, bool gecos_split, size_t min_cp)
{
	const char *p = list;

	while (*p != '\0') {
		size_t n = 0;

		if (gecos_split) {
			while (*p != '\0' && !is_word_byte((unsigned char)*p))
				p++;
			while (is_word_byte((unsigned char)p[n]))
				n++;
		} else {
			p += strspn(p, " \t,");
			n = strcspn(p, " \t,");
		}
		if (n > 0 && cp_count(p, n) >= min_cp && found(h, p, n))
			return true;
		p += n;
	}
	return false;
}

static bool user_substring(const struct haystack *h, const char *name, size_t want)
{
	size_t len = strlen(name);

	for (size_t start = 0; start < len; start++) {
		size_t end = start, cps = 0;

		if (((unsigned char)name[start] & 0xC0) == 0x80)
			continue;
		while (end < len && cps < want) {
			end++;
			while (end < len && ((unsigned char)name[end] & 0xC0) == 0x80)
				end++;
			cps++;
		}
		if (cps < want)
			break;
		if (found(h, name + start, end - start))
			return true;
	}
	return false;
}

uint32_t check_personal(const struct policy_settings *s, const struct pwtext *t,
                        const struct policy_user *user)
{
	struct haystack h;
	char buf[WORD_MAX * 4 + 1];
	uint32_t reasons = 0;
	const char *name = user != NULL ? user->name : NULL;
	const char *gecos = user != NULL ? user->gecos : NULL;

	if (!((s->usercheck || s->usersubstr > 0) && name != NULL && *name != '\0') &&
	    !(s->gecoscheck && gecos != NULL && *gecos != '\0') &&
	    (s->badwords == NULL || *s->badwords == '\0'))
		return 0;
	h.plain = t->lower;
	for (int k = 0; k < 2; k++) {
		memcpy(h.leet[k], t->lower, t->lower_len + 1);
		deleet(h.leet[k], t->lower_len, k == 1);
	}

	if (name != NULL && *name != '\0') {
		size_t n = utf8_lower(name, buf, sizeof buf);
		if (s->usercheck && cp_count(buf, n) >= 3 && found(&h, buf, n))
			reasons |= REASON_BIT(REASON_CONTAINS_USER_NAME);
		if (s->usersubstr > 0 && user_substring(&h, buf, (size_t)s->usersubstr))
			reasons |= REASON_BIT(REASON_CONTAINS_USER_NAME);
	}
	if (s->gecoscheck && gecos != NULL) {
		utf8_lower(gecos, buf, sizeof buf);
		if (any_word(&h, buf, true, 4))
			reasons |= REASON_BIT(REASON_CONTAINS_GECOS);
	}
	if (s->badwords != NULL) {
		utf8_lower(s->badwords, buf, sizeof buf);
		if (any_word(&h, buf, false, 1))
			reasons |= REASON_BIT(REASON_BAD_WORD);
	}
	secure_wipe(&h, sizeof h);
	secure_wipe(buf, sizeof buf);
	return reasons;
}
