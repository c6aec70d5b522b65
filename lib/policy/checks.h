/* Internal to the policy engine: the decoded password and the checks that
 * policy_check() runs over it. Not for the faces. */
#ifndef CREDPOLICY_POLICY_CHECKS_H
#define CREDPOLICY_POLICY_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy/policy.h"

/* Hard caps, whatever the settings say: PAM itself passes at most 512
 * bytes, and every check is linear or O(n) memory within these. */
#define PW_MAX_CP    512
#define PW_MAX_BYTES (PW_MAX_CP * 4)

/* A password decoded from UTF-8, full-width forms folded to ASCII (the
 * NFKC mapping of U+FF01..U+FF5E, and U+3000 to a space). Lives on the
 * stack of policy_check() and is wiped before it returns. */
struct pwtext {
	size_t n;                     /* code points */
	uint32_t cp[PW_MAX_CP];       /* folded */
	uint32_t low[PW_MAX_CP];      /* folded, then lower-cased */
	uint8_t cls[PW_MAX_CP];       /* enum class_bits of each code point */
	size_t lower_len;             /* bytes in lower */
	char lower[PW_MAX_BYTES + 1]; /* low[] re-encoded as UTF-8 */
};

/* pwtext.c */
enum pwtext_status { PWTEXT_OK, PWTEXT_INVALID, PWTEXT_TOO_LONG };
enum pwtext_status pwtext_decode(struct pwtext *t, const char *s, size_t len);
uint32_t cp_fold_width(uint32_t c);
uint32_t cp_lower(uint32_t c);
unsigned cp_class(uint32_t c); /* one of enum class_bits */
/* Decode one strict UTF-8 sequence at s[0..len). Returns its length and sets
 * *out, or 0 if invalid (overlong, surrogate, > U+10FFFF, truncated). */
size_t utf8_decode_one(const unsigned char *s, size_t len, uint32_t *out);
size_t utf8_encode_one(uint32_t c, char *out);
/* Lower-case an arbitrary UTF-8 string into out (at most outlen-1 bytes,
 * NUL-terminated), folding full-width forms; invalid bytes are copied. */
size_t utf8_lower(const char *s, char *out, size_t outlen);

#define REASON_BIT(r) (1u << (r))

/* check_composition.c: length, classes, credits, minclass */
uint32_t check_composition(const struct policy_settings *s, const struct pwtext *t);
/* check_patterns.c: maxrepeat, maxclassrepeat, palindrome, sequences,
 * keyboard walks, and cracklib's "too few different characters" and
 * "too simplistic/systematic" rules when dictcheck is on */
uint32_t check_patterns(const struct policy_settings *s, const struct pwtext *t);
bool is_keyboard_walk(const uint32_t *cp, size_t n);
/* The step between two keys of a US keyboard: 0 if not adjacent, else a
 * direction 1..6 (along the row, or up/down leaning left/right). */
int keyboard_step(uint32_t a, uint32_t b);
/* Where the walks are: up to max [start, end) spans; returns how many. */
size_t keyboard_walk_spans(const uint32_t *cp, size_t n, size_t (*spans)[2], size_t max);
/* Where sequencecheck's runs (abcd, 9876) are, the same way. */
size_t alnum_sequence_spans(const struct pwtext *t, size_t (*spans)[2], size_t max);
/* The sequential reason of maxsequence, cracklib's neighbour-pair rule and,
 * when alnum, sequencecheck's runs. */
uint32_t check_sequential(const struct policy_settings *s, const struct pwtext *t, bool alnum);
/* check_personal.c: user name, GECOS words, badwords */
uint32_t check_personal(const struct policy_settings *s, const struct pwtext *t,
                        const struct policy_user *user);
/* check_old.c: same as / too similar to the old password */
uint32_t check_old(const struct policy_settings *s, const struct pwtext *t, const char *old);
/* Edit distance of a[0..n) and b[0..m) (code points), O(min) memory. */
size_t edit_distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m);
/* dictionary.c: cracklib's dictionary and our word lists, in memory. A set
 * from dictionary_get() is the caller's until dictionary_put(). */
struct word_set;
#define WORD_UNRANKED UINT32_MAX
int dictionary_get(const struct policy_settings *s, const struct word_set **out);
void dictionary_put(const struct word_set *ws);
/* The frequency rank of a lower-cased word (1 = most common), WORD_UNRANKED
 * for a word no ranked list holds, 0 for no word. */
uint32_t dictionary_rank(const struct word_set *ws, const char *s, size_t n);
uint32_t dictionary_words_of_length(const struct word_set *ws, size_t n);
/* false when no word starts with s[0..n) (a filter: true may be wrong). */
bool dictionary_may_start(const struct word_set *ws, const char *s, size_t n);
/* dictionary_may_start() into *starts and, when it may, dictionary_rank(). */
uint32_t dictionary_rank_if_starts(const struct word_set *ws, const char *s, size_t n,
                                   bool *starts);
bool dictionary_rejects(const struct word_set *ws, const struct pwtext *t);
/* Replace leetspeak in an ASCII-lower-case string in place (@4→a, 0→o,
 * 1!|→i/l, 3→e, 5$→s, 7+→t, 8→b, 9→g); variant selects 1→l instead of i. */
void deleet(char *s, size_t n, bool one_is_l);
/* score.c */
int policy_score(const struct pwtext *t);

#endif
