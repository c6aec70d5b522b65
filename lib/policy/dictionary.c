/* The dictionary check (clause 3(1)③: "hard to guess").
 *
 * Words come from three sources, loaded once per process into one hash
 * set (no file I/O per check):
 *   1. cracklib's packed dictionary (dictpath, default cracklib's own) --
 *      the words FascistCheck uses -- decoded here (libcrack2's reader is
 *      only used for a compressed PREFIX.pwd.gz, being ten times slower);
 *   2. a plain word list, one word per line (wordlist; by default
 *      /usr/share/dict/cracklib-small when it exists);
 *   3. built-in lists: the bases of the most common passwords, the lists of
 *      data/, and the English proper names of WordNet (made at build time).
 *
 * A password is a dictionary word when, lower-cased:
 *   a. one of cracklib's FascistCheck transformations of it or of its
 *      reverse is a word: as typed; 1-3 characters cut from the start or
 *      the end; punctuation, symbols or both removed; any combination of
 *      $->s 0->o 2->a 3->e 5->s 1->i|l 4->a|h -- so we reject at least
 *      what FascistCheck rejects, without its per-call file reads;
 *   b. after cutting any leading and trailing digits, symbols and spaces
 *      and undoing leetspeak (@4->a 0->o 1!|->i|l 3->e 5$->s 7+->t 8->b
 *      9->g 2->a), the core (4 or more characters), forwards or reversed,
 *      is a word: Welcome2024!, P@ssw0rd, Password123!, Summer2024!;
 *   c. it contains a built-in common base of 5 or more letters (through
 *      leetspeak) and at most 3 other letters: MyPassword1!.
 *   d. it looks like a National Insurance number (cracklib's rule). */
#include "config.h"

#include <stddef.h> /* before crack.h, which uses size_t */

#include <crack.h>
#include <errno.h>
#include <fcntl.h>
#include <packer.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bytes.h"
#include "paths.h"
#include "policy/checks.h"
#include "safe_open.h"
#include "secure.h"

#include "lib/policy/propernames.inc" /* proper_names, from WordNet */
#include "lib/policy/wordlists.inc"   /* romaji_words, names_en, digit_strings */

/* Not declared by packer.h outside cracklib, but exported by libcrack2. */
extern char *GetPW(PWDICT *pwp, uint32_t number);

/* john-data's list of common passwords, most frequent first */
#define WORDLIST_MAX_SIZE (64u << 20)
#define WORD_MAX_LEN      64
#define MAX_CACHED        4
#define AFFIX_MAX         16
#define CANDIDATE_MAX     (PW_MAX_BYTES + 1)
#define PREFIX_MIN        3
#define PREFIX_MAX        16
#define PREFIX_LOG2       22
#define PREFIX_BITS       (1u << PREFIX_LOG2)

static const char *const common_bases[] = {
        "password",  "passwort",      "passwd",   "welcome",  "qwerty",   "qwertz",   "azerty",
        "admin",     "administrator", "letmein",  "iloveyou", "monkey",   "dragon",   "football",
        "baseball",  "soccer",        "hockey",   "master",   "sunshine", "princess", "shadow",
        "superman",  "batman",        "trustno",  "whatever", "freedom",  "starwars", "hello",
        "login",     "changeme",      "secret",   "summer",   "winter",   "spring",   "autumn",
        "january",   "february",      "march",    "april",    "june",     "july",     "august",
        "september", "october",       "november", "december", "monday",   "tuesday",  "wednesday",
        "thursday",  "friday",        "saturday", "sunday",   "default",  "guest",    "root",
        "test",      "temp",          "pass",     "love",     "michael",  "jordan",   "charlie",
        "hunter",    "ninja",         "mustang",  "access",   "flower",   "computer", "internet",
        "server",    "linux",         "ubuntu",   "debian",   "windows",  "system",   "company",
        "office",    "tokyo",         "osaka",    "sakura",   "japan",    "nippon",   "pokemon",
        "doraemon",  "naruto",        "samurai",  "killer",   "pepper",   "cookie",   "banana",
        "orange",    "purple",        "silver",   "golden",   "ginger",   "tigger",   "buster",
        "matrix",    "secure",        "security", "manager",  "support",  "service",  "backup",
        "oracle",    "abc123",        "asdfgh",   "zxcvbn",   "passpass",
};

struct word_slot {
	uint32_t off;  /* arena offset + 1; 0 = empty */
	uint32_t rank; /* 1 = most frequent; WORD_UNRANKED when no list ranks it */
};

struct word_set {
	struct word_slot *slots;
	size_t mask;
	size_t count;
	unsigned char *arena; /* [len][bytes] ... */
	size_t arena_len, arena_cap;
	uint32_t per_len[WORD_MAX_LEN + 1]; /* words of each byte length */
	unsigned refs;                      /* under cache_lock */
	/* a Bloom filter of every word's prefixes of PREFIX_MIN..PREFIX_MAX
	 * bytes: most spans of a password start no word, and one bit says so.
	 * Each prefix has two bits side by side: bit 2k, some word starts
	 * with it; bit 2k + 1, it is a word itself (one cache line for both) */
	uint64_t prefixes[2 * PREFIX_BITS / 64];
};

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h ^ (h >> 29);
}

/* h: hash_bytes(s, n) */
static struct word_slot *set_find_hashed(const struct word_set *ws, const char *s, size_t n,
                                         uint64_t h)
{
	size_t i;

	if (n == 0 || n > WORD_MAX_LEN)
		return NULL;
	i = (size_t)h & ws->mask;
	while (ws->slots[i].off != 0) {
		const unsigned char *w = ws->arena + ws->slots[i].off - 1;
		if (w[0] == n && memcmp(w + 1, s, n) == 0)
			return &ws->slots[i];
		i = (i + 1) & ws->mask;
	}
	return NULL;
}

static struct word_slot *set_find(const struct word_set *ws, const char *s, size_t n)
{
	return n == 0 || n > WORD_MAX_LEN ? NULL : set_find_hashed(ws, s, n, hash_bytes(s, n));
}

static size_t prefix_bit_hashed(uint64_t h);

/* A word of the set? The filter's word bit first: most strings looked up
 * are none, and it answers them without touching the table. */
static bool set_contains(const struct word_set *ws, const char *s, size_t n)
{
	if (n >= PREFIX_MIN && n <= PREFIX_MAX) {
		uint64_t h = hash_bytes(s, n);
		size_t k = 2 * prefix_bit_hashed(h);
		if (((ws->prefixes[k / 64] >> (k % 64)) & 2) == 0)
			return false;
		return set_find_hashed(ws, s, n, h) != NULL;
	}
	return set_find(ws, s, n) != NULL;
}

uint32_t dictionary_rank(const struct word_set *ws, const char *s, size_t n)
{
	const struct word_slot *w = set_find(ws, s, n);
	return w != NULL ? w->rank : 0;
}

static size_t prefix_bit_hashed(uint64_t h)
{
	return (size_t)(h * 0x9E3779B97F4A7C15ull >> (64 - PREFIX_LOG2)) & (PREFIX_BITS - 1);
}

static size_t prefix_bit(const char *s, size_t n)
{
	return prefix_bit_hashed(hash_bytes(s, n));
}

bool dictionary_may_start(const struct word_set *ws, const char *s, size_t n)
{
	size_t k;

	if (n < PREFIX_MIN)
		return true;
	k = 2 * prefix_bit(s, n < PREFIX_MAX ? n : PREFIX_MAX);
	return (ws->prefixes[k / 64] >> (k % 64)) & 1;
}

uint32_t dictionary_rank_if_starts(const struct word_set *ws, const char *s, size_t n, bool *starts)
{
	uint64_t h;
	const struct word_slot *w;

	if (n < PREFIX_MIN || n > PREFIX_MAX) {
		*starts = dictionary_may_start(ws, s, n);
		return *starts ? dictionary_rank(ws, s, n) : 0;
	}
	h = hash_bytes(s, n); /* the same hash for the filter and the set */
	{
		size_t k = 2 * prefix_bit_hashed(h);
		uint64_t bits = ws->prefixes[k / 64] >> (k % 64);
		*starts = bits & 1;
		if ((bits & 2) == 0)
			return 0; /* no word */
	}
	w = set_find_hashed(ws, s, n, h);
	return w != NULL ? w->rank : 0;
}

uint32_t dictionary_words_of_length(const struct word_set *ws, size_t n)
{
	return n <= WORD_MAX_LEN ? ws->per_len[n] : 0;
}

static int set_grow(struct word_set *ws)
{
	size_t cap = ws->mask == 0 ? 1u << 12 : (ws->mask + 1) * 2;
	struct word_slot *slots = calloc(cap, sizeof *slots);

	if (slots == NULL)
		return -ENOMEM;
	for (size_t k = 0; ws->mask != 0 && k <= ws->mask; k++) {
		const unsigned char *w;
		size_t i;

		if (ws->slots[k].off == 0)
			continue;
		w = ws->arena + ws->slots[k].off - 1;
		i = (size_t)hash_bytes((const char *)w + 1, w[0]) & (cap - 1);
		while (slots[i].off != 0)
			i = (i + 1) & (cap - 1);
		slots[i] = ws->slots[k];
	}
	free(ws->slots);
	ws->slots = slots;
	ws->mask = cap - 1;
	return 0;
}

static int set_add(struct word_set *ws, const char *s, size_t n, uint32_t rank)
{
	struct word_slot *old;
	size_t i;

	if (n == 0 || n > WORD_MAX_LEN)
		return 0;
	old = set_find(ws, s, n);
	if (old != NULL) {
		if (rank < old->rank)
			old->rank = rank;
		return 0;
	}
	if ((ws->count + 1) * 2 > ws->mask + 1 && set_grow(ws) != 0)
		return -ENOMEM;
	if (ws->arena_len + n + 1 > ws->arena_cap) {
		size_t cap = ws->arena_cap == 0 ? 1u << 16 : ws->arena_cap * 2;
		unsigned char *a;
		if (cap > UINT32_MAX - 1)
			return -E2BIG;
		a = realloc(ws->arena, cap);
		if (a == NULL)
			return -ENOMEM;
		ws->arena = a;
		ws->arena_cap = cap;
	}
	ws->arena[ws->arena_len] = (unsigned char)n;
	memcpy(ws->arena + ws->arena_len + 1, s, n);
	i = (size_t)hash_bytes(s, n) & ws->mask;
	while (ws->slots[i].off != 0)
		i = (i + 1) & ws->mask;
	ws->slots[i].off = (uint32_t)ws->arena_len + 1;
	ws->slots[i].rank = rank;
	ws->arena_len += n + 1;
	ws->count++;
	ws->per_len[n]++;
	for (size_t p = PREFIX_MIN; p <= n && p <= PREFIX_MAX; p++) {
		size_t k = 2 * prefix_bit(s, p);
		ws->prefixes[k / 64] |= (p == n ? 3ull : 1ull) << (k % 64);
	}
	return 0;
}

static void set_free(struct word_set *ws)
{
	if (ws == NULL)
		return;
	free(ws->slots);
	free(ws->arena);
	free(ws);
}

/* Add a word as it would be looked up: lower-cased, trimmed. */
static int add_ranked(struct word_set *ws, const char *w, uint32_t rank)
{
	char low[4 * WORD_MAX_LEN + 1];
	size_t n;

	while (*w == ' ' || *w == '\t')
		w++;
	n = utf8_lower(w, low, sizeof low);
	while (n > 0 && (low[n - 1] == ' ' || low[n - 1] == '\t' || low[n - 1] == '\r'))
		low[--n] = '\0';
	return set_add(ws, low, n, rank);
}

static int add_word(struct word_set *ws, const char *w)
{
	return add_ranked(ws, w, WORD_UNRANKED);
}

static unsigned file_flags(void)
{
	return geteuid() == 0 || getuid() != geteuid() ? SAFE_OPEN_REQUIRE_ROOT : 0;
}

/* Read a whole file of at most max bytes. */
static int read_file(const char *path, size_t max, unsigned char **out, size_t *len)
{
	char *buf;
	int r = safe_read_file(path, file_flags(), max, &buf, len);

	if (r == 0)
		*out = (unsigned char *)buf;
	return r;
}

/* Decode cracklib's packed words ourselves: blocks of 16 words, the first
 * NUL-terminated, each next one a byte of prefix shared with the previous
 * word, then its own suffix and a NUL (cracklib-packer(8)). Reading it
 * through libcrack2's GetPW() takes ten times longer. */
static int decode_packed(struct word_set *ws, const unsigned char *pwi, size_t pwi_len,
                         const unsigned char *pwd, size_t pwd_len, uint32_t count)
{
	uint32_t blocks = (count + 15) / 16;
	char word[WORD_MAX_LEN + 1];

	if (pwi_len < 12 + (size_t)blocks * 4 || pwi[8] != 16 || pwi[9] != 0)
		return -EINVAL;
	for (uint32_t b = 0; b < blocks; b++) {
		size_t pos = read_le32(pwi + 12 + 4 * (size_t)b), wlen = 0;

		for (uint32_t k = 0; k < 16 && b * 16 + k < count; k++) {
			size_t keep = 0;
			int r;

			if (k > 0) {
				if (pos >= pwd_len)
					return -EINVAL;
				keep = pwd[pos++];
				if (keep > wlen)
					return -EINVAL;
			}
			wlen = keep;
			while (pos < pwd_len && pwd[pos] != '\0') {
				if (wlen < WORD_MAX_LEN)
					word[wlen++] = (char)pwd[pos];
				pos++;
			}
			if (pos >= pwd_len)
				return -EINVAL;
			pos++;
			word[wlen] = '\0';
			r = add_word(ws, word);
			if (r != 0)
				return r;
		}
	}
	return 0;
}

/* The same words through libcrack2, for a compressed PREFIX.pwd.gz. */
static int load_via_libcrack(struct word_set *ws, const char *prefix, uint32_t count)
{
	PWDICT *pw = PWOpen(prefix, (char *)"r");
	int r = 0;

	if (pw == NULL)
		return -ENOENT;
	for (uint32_t i = 0; i < count && r == 0; i++) {
		const char *w = GetPW(pw, i);
		r = w != NULL ? add_word(ws, w) : -EINVAL;
	}
	PWClose(pw);
	return r;
}

/* cracklib's packed dictionary PREFIX.pwi/.pwd (.hwm is not needed). */
static int load_cracklib(struct word_set *ws, const char *prefix)
{
	char path[4096];
	unsigned char *pwi = NULL, *pwd = NULL;
	size_t pwi_len, pwd_len;
	uint32_t count;
	int r;

	if ((size_t)snprintf(path, sizeof path, "%s.pwi", prefix) >= sizeof path)
		return -ENAMETOOLONG;
	r = read_file(path, WORDLIST_MAX_SIZE, &pwi, &pwi_len);
	if (r != 0)
		return r;
	if (pwi_len < 12 || read_le32(pwi) != 0x70775631u ||
	    (count = read_le32(pwi + 4)) > 16u << 20) {
		r = -EINVAL;
		goto out;
	}
	snprintf(path, sizeof path, "%s.pwd", prefix);
	r = read_file(path, WORDLIST_MAX_SIZE, &pwd, &pwd_len);
	if (r == -ENOENT)
		r = load_via_libcrack(ws, prefix, count);
	else if (r == 0)
		r = decode_packed(ws, pwi, pwi_len, pwd, pwd_len, count);
out:
	free(pwi);
	free(pwd);
	return r;
}

/* A plain word list, one word per line. ranked: the line order is the
 * order of frequency (john's password.lst), and "#!comment" lines are
 * skipped; otherwise every word is unranked and '#' starts a comment. */
static int load_wordlist(struct word_set *ws, const char *path, bool missing_ok, bool ranked)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	uint32_t rank = 0;
	int fd, r = 0;

	fd = safe_open(path, file_flags(), WORDLIST_MAX_SIZE, NULL);
	if (fd == -ENOENT && missing_ok)
		return 0;
	if (fd < 0)
		return fd;
	f = fdopen(fd, "r");
	if (f == NULL) {
		close(fd);
		return -ENOMEM;
	}
	while (r == 0 && (n = getline(&line, &cap, f)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		if ((ranked ? strncmp(line, "#!comment", 9) == 0 : line[0] == '#') ||
		    (size_t)n > 4 * WORD_MAX_LEN)
			continue;
		r = add_ranked(ws, line, ranked ? ++rank : WORD_UNRANKED);
	}
	if (r == 0 && ferror(f))
		r = -EIO;
	free(line);
	fclose(f);
	return r;
}

static const char *dict_prefix(const struct policy_settings *s)
{
	return s->dictpath != NULL ? s->dictpath : GetDefaultCracklibDict();
}

/* Rewrite in by the pairs of rules (from, to, from, to, ..., NULL) into out. */
static void respell(const char *in, const char *const *rules, char *out, size_t cap)
{
	size_t o = 0;

	while (*in != '\0' && o + 4 < cap) {
		size_t k;
		for (k = 0; rules[k] != NULL; k += 2)
			if (strncmp(in, rules[k], strlen(rules[k])) == 0)
				break;
		if (rules[k] != NULL) {
			size_t m = strlen(rules[k + 1]);
			memcpy(out + o, rules[k + 1], m);
			o += m;
			in += strlen(rules[k]);
		} else {
			out[o++] = *in++;
		}
	}
	out[o] = '\0';
}

/* A romaji entry is written as typed in an IME (satou, oono, yuuki, shi,
 * tsu); people also write the passport spelling (sato, ono, yuki), the
 * "oh" spelling (satoh, ohno), Kunrei-shiki (si, tu, ti, hu, zi) and m
 * before b, m, p (tempura, shimbashi). Add every combination, same rank. */
static int romaji_spellings(const char *ime, struct word_set *ws, uint32_t rank)
{
	static const char *const passport[] = {"ou", "o", "oo", "o", "uu", "u", NULL};
	static const char *const oh[] = {"ou", "oh", "oo", "oh", NULL};
	static const char *const kunrei[] = {"shi", "si",  "sha", "sya", "shu", "syu", "sho", "syo",
	                                     "chi", "ti",  "cha", "tya", "chu", "tyu", "cho", "tyo",
	                                     "tsu", "tu",  "fu",  "hu",  "ji",  "zi",  "ja",  "zya",
	                                     "ju",  "zyu", "jo",  "zyo", NULL};
	static const char *const nm[] = {"nb", "mb", "nm", "mm", "np", "mp", NULL};
	static const char *const none[] = {NULL};
	static const char *const *const vowels[] = {none, passport, oh};
	static const char *const *const consonants[] = {none, kunrei, nm};
	char a[WORD_MAX_LEN * 2], b[WORD_MAX_LEN * 2];
	int r = 0;

	for (size_t v = 0; r == 0 && v < 3; v++) {
		respell(ime, vowels[v], a, sizeof a);
		for (size_t c = 0; r == 0 && c < 3; c++) {
			respell(a, consonants[c], b, sizeof b);
			r = add_ranked(ws, b, rank);
		}
	}
	return r;
}

/* The lists shipped with the library (the .txt files of data/, and the
 * proper names made from WordNet at build time, compiled in). */
static int load_builtin(struct word_set *ws)
{
	int r = 0;

	for (size_t i = 0; r == 0 && i < sizeof common_bases / sizeof common_bases[0]; i++)
		r = add_ranked(ws, common_bases[i], (uint32_t)i + 1);
	for (size_t i = 0; r == 0 && i < sizeof names_en / sizeof names_en[0]; i++)
		r = add_ranked(ws, names_en[i], (uint32_t)i + 1);
	for (size_t i = 0; r == 0 && i < sizeof romaji_words / sizeof romaji_words[0]; i++)
		r = romaji_spellings(romaji_words[i], ws, (uint32_t)i + 1);
	for (size_t i = 0; r == 0 && i < sizeof digit_strings / sizeof digit_strings[0]; i++)
		r = add_ranked(ws, digit_strings[i], (uint32_t)i + 1);
	/* unranked: WordNet says which names exist, not how often people use them */
	for (const char *p = proper_names; r == 0 && p < proper_names + sizeof proper_names - 1;
	     p += strlen(p) + 1)
		r = add_word(ws, p);
	return r;
}

static int build_set(const struct policy_settings *s, struct word_set **out)
{
	struct word_set *ws = calloc(1, sizeof *ws);
	int r;

	if (ws == NULL || set_grow(ws) != 0) {
		set_free(ws);
		return -ENOMEM;
	}
	r = load_cracklib(ws, dict_prefix(s));
	if (r == 0)
		r = load_wordlist(ws, s->wordlist != NULL ? s->wordlist : PATH_WORDLIST,
		                  s->wordlist == NULL, false);
	if (r == 0)
		r = load_wordlist(ws, PATH_RANKED_LIST, true, true);
	if (r == 0)
		r = load_builtin(ws);
	if (r != 0) {
		set_free(ws);
		return r;
	}
	ws->refs = 1; /* the cache's own */
	*out = ws;
	return 0;
}

/* ------------------------------------------------------------------ cache */

/* The one piece of state libcpcore keeps between calls (see policy.h): the
 * words of each (dictpath, wordlist) pair, rebuilt when any file they came
 * from changes identity (device, inode, size or mtime), looked at again at
 * most once a second. A set is counted:
 * the cache holds one reference and every caller between dictionary_get()
 * and dictionary_put() another, so a replaced set is freed by its last
 * user, never under one. */
struct stamp {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

#define N_STAMPS 3

static struct {
	char *dictpath, *wordlist;
	struct stamp stamps[N_STAMPS];
	time_t checked; /* CLOCK_MONOTONIC_COARSE second of the last stat() */
	struct word_set *set;
} cache[MAX_CACHED];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static bool same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void take_stamps(const struct policy_settings *s, struct stamp st[N_STAMPS])
{
	char pwi[4096];
	const char *paths[N_STAMPS] = {pwi, s->wordlist != NULL ? s->wordlist : PATH_WORDLIST,
	                               PATH_RANKED_LIST};

	snprintf(pwi, sizeof pwi, "%s.pwi", dict_prefix(s));
	memset(st, 0, N_STAMPS * sizeof *st);
	for (int k = 0; k < N_STAMPS; k++) {
		struct stat sb;
		if (stat(paths[k], &sb) != 0)
			continue; /* all zero: missing */
		st[k].dev = sb.st_dev;
		st[k].ino = sb.st_ino;
		st[k].size = sb.st_size;
		st[k].mtime = sb.st_mtim;
	}
}

static void release_locked(struct word_set *ws)
{
	if (ws != NULL && --ws->refs == 0)
		set_free(ws);
}

static void drop_entry(int k)
{
	release_locked(cache[k].set);
	free(cache[k].dictpath);
	free(cache[k].wordlist);
	cache[k].set = NULL;
	cache[k].dictpath = cache[k].wordlist = NULL;
}

static time_t coarse_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return ts.tv_sec;
}

int dictionary_get(const struct policy_settings *s, const struct word_set **out)
{
	struct stamp st[N_STAMPS];
	time_t now = coarse_now();
	int r = 0, k, free_k = -1;

	pthread_mutex_lock(&cache_lock);
	/* the files are looked at again at most once a second */
	for (k = 0; k < MAX_CACHED; k++) {
		if (cache[k].set != NULL && cache[k].checked == now &&
		    same_str(cache[k].dictpath, s->dictpath) &&
		    same_str(cache[k].wordlist, s->wordlist)) {
			cache[k].set->refs++;
			*out = cache[k].set;
			pthread_mutex_unlock(&cache_lock);
			return 0;
		}
	}
	pthread_mutex_unlock(&cache_lock);
	take_stamps(s, st);
	pthread_mutex_lock(&cache_lock);
	for (k = 0; k < MAX_CACHED; k++) {
		if (cache[k].set == NULL) {
			if (free_k < 0)
				free_k = k;
			continue;
		}
		if (!same_str(cache[k].dictpath, s->dictpath) ||
		    !same_str(cache[k].wordlist, s->wordlist))
			continue;
		if (memcmp(cache[k].stamps, st, sizeof st) == 0) {
			cache[k].checked = now;
			cache[k].set->refs++;
			*out = cache[k].set;
			goto out;
		}
		drop_entry(k); /* a source changed: build it again */
		free_k = k;
		break;
	}
	if (free_k < 0) {
		r = -ENOSPC;
		goto out;
	}
	k = free_k;
	cache[k].dictpath = s->dictpath != NULL ? strdup(s->dictpath) : NULL;
	cache[k].wordlist = s->wordlist != NULL ? strdup(s->wordlist) : NULL;
	if ((s->dictpath != NULL && cache[k].dictpath == NULL) ||
	    (s->wordlist != NULL && cache[k].wordlist == NULL))
		r = -ENOMEM;
	else
		r = build_set(s, &cache[k].set);
	if (r != 0) {
		drop_entry(k);
		goto out;
	}
	memcpy(cache[k].stamps, st, sizeof st);
	cache[k].checked = now;
	cache[k].set->refs++;
	*out = cache[k].set;
out:
	pthread_mutex_unlock(&cache_lock);
	return r;
}

void dictionary_put(const struct word_set *ws)
{
	if (ws == NULL)
		return;
	pthread_mutex_lock(&cache_lock);
	release_locked((struct word_set *)ws);
	pthread_mutex_unlock(&cache_lock);
}

/* Runs when the program exits or the PAM module is unloaded. */
__attribute__((destructor)) static void dictionary_release(void)
{
	for (int k = 0; k < MAX_CACHED; k++)
		drop_entry(k);
}

/* ------------------------------------------------------------------ checks */

void deleet(char *s, size_t n, bool one_is_l)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '@':
		case '4':
		case '2':
			s[i] = 'a';
			break;
		case '0':
			s[i] = 'o';
			break;
		case '1':
		case '!':
		case '|':
			s[i] = one_is_l ? 'l' : 'i';
			break;
		case '3':
			s[i] = 'e';
			break;
		case '5':
		case '$':
			s[i] = 's';
			break;
		case '7':
		case '+':
			s[i] = 't';
			break;
		case '8':
			s[i] = 'b';
			break;
		case '9':
			s[i] = 'g';
			break;
		default:
			break;
		}
	}
}

static void reverse_bytes(const char *s, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = s[n - 1 - i];
}

/* Look up s[0..n) and its reverse. */
static bool lookup2(const struct word_set *ws, const char *s, size_t n, char *tmp)
{
	if (set_contains(ws, s, n))
		return true;
	reverse_bytes(s, n, tmp);
	return set_contains(ws, tmp, n);
}

static size_t purge(const char *s, size_t n, const char *set, bool all_non_alnum, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		             (c >= '0' && c <= '9') || c >= 0x80;
		if (all_non_alnum ? !alnum : strchr(set, c) == NULL || c == '\0')
			out[o++] = (char)c;
	}
	return o;
}

/* cracklib's substitutions: each applied only when the character is
 * present, in every combination; 1 and 4 have two readings. */
static const char leet_from[] = "$02351"
                                "4";

static char leet_to(char c, unsigned alt)
{
	switch (c) {
	case '$':
	case '5':
		return 's';
	case '0':
		return 'o';
	case '2':
		return 'a';
	case '3':
		return 'e';
	case '1':
		return (alt & 1) ? 'l' : 'i';
	case '4':
		return (alt & 2) ? 'h' : 'a';
	default:
		return c;
	}
}

static bool leet_subsets(const struct word_set *ws, const char *x, size_t n, char *buf)
{
	unsigned present = 0;

	for (unsigned k = 0; k < sizeof leet_from - 1; k++)
		if (memchr(x, leet_from[k], n) != NULL)
			present |= 1u << k;
	for (unsigned sub = present; sub != 0; sub = (sub - 1) & present) {
		for (unsigned alt = 0; alt < 4; alt++) {
			if (((alt & 1) && !(sub & (1u << 5))) || ((alt & 2) && !(sub & (1u << 6))))
				continue;
			for (size_t i = 0; i < n; i++) {
				const char *p = x[i] != '\0' ? strchr(leet_from, x[i]) : NULL;
				bool on = p != NULL && (sub & (1u << (p - leet_from)));
				buf[i] = on ? leet_to(x[i], alt) : x[i];
			}
			if (set_contains(ws, buf, n))
				return true;
		}
	}
	return false;
}

static bool cracklib_words(const struct word_set *ws, const char *x, size_t n, char *buf)
{
	size_t m;

	if (n == 0)
		return false;
	if (set_contains(ws, x, n))
		return true;
	for (size_t k = 1; k <= 3 && k < n; k++)
		if (set_contains(ws, x + k, n - k) || set_contains(ws, x, n - k))
			return true;
	m = purge(x, n, "!\"',.:;?`", false, buf);
	if (m != n && set_contains(ws, buf, m))
		return true;
	m = purge(x, n, "#$%&()*+-/=@[\\]^_{|}~", false, buf);
	if (m != n && set_contains(ws, buf, m))
		return true;
	m = purge(x, n, NULL, true, buf);
	if (m != n && set_contains(ws, buf, m))
		return true;
	return leet_subsets(ws, x, n, buf);
}

static bool is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || c >= 0x80;
}

static bool affix_cores(const struct word_set *ws, const char *x, size_t n, char *buf, char *tmp)
{
	size_t lead = 0, trail = 0;

	while (lead < n && lead < AFFIX_MAX && !is_letter((unsigned char)x[lead]))
		lead++;
	while (trail < n - lead && trail < AFFIX_MAX && !is_letter((unsigned char)x[n - 1 - trail]))
		trail++;
	for (size_t i = 0; i <= lead; i++) {
		for (size_t j = 0; j <= trail && i + j < n; j++) {
			size_t len = n - i - j;
			if (len < 4)
				continue;
			if (lookup2(ws, x + i, len, tmp))
				return true;
			for (int v = 0; v < 2; v++) {
				memcpy(buf, x + i, len);
				deleet(buf, len, v == 1);
				if (lookup2(ws, buf, len, tmp))
					return true;
			}
		}
	}
	return false;
}

/* A common base (5+ letters) and at most 3 other letters. */
static bool common_base_inside(const char *x, size_t n, char *buf)
{
	for (int v = 0; v < 3; v++) {
		memcpy(buf, x, n);
		buf[n] = '\0';
		if (v > 0)
			deleet(buf, n, v == 2);
		for (size_t b = 0; b < sizeof common_bases / sizeof common_bases[0]; b++) {
			size_t blen = strlen(common_bases[b]), other = 0;
			const char *hit;

			if (blen < 5 || blen > n)
				continue;
			hit = strstr(buf, common_bases[b]);
			if (hit == NULL)
				continue;
			for (size_t i = 0; i < n; i++)
				if ((i < (size_t)(hit - buf) || i >= (size_t)(hit - buf) + blen) &&
				    is_letter((unsigned char)x[i]))
					other++;
			if (other <= 3)
				return true;
		}
	}
	return false;
}

static bool looks_like_ni_number(const char *x, size_t n)
{
	if (n != 9)
		return false;
	for (size_t i = 0; i < 9; i++) {
		bool alpha = x[i] >= 'a' && x[i] <= 'z';
		bool digit = x[i] >= '0' && x[i] <= '9';
		if ((i < 2 || i == 8) ? !alpha : !digit)
			return false;
	}
	return true;
}

bool dictionary_rejects(const struct word_set *ws, const struct pwtext *t)
{
	char *mem = malloc(4 * CANDIDATE_MAX);
	char *x, *rev, *buf, *tmp;
	const char *p = t->lower;
	size_t n = t->lower_len;
	bool hit;

	if (mem == NULL)
		return true; /* fail closed: the caller cannot tell, so refuse */
	x = mem;
	rev = mem + CANDIDATE_MAX;
	buf = mem + 2 * CANDIDATE_MAX;
	tmp = mem + 3 * CANDIDATE_MAX;
	/* cracklib trims surrounding white space first */
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	memcpy(x, p, n);
	x[n] = '\0';
	reverse_bytes(x, n, rev);
	rev[n] = '\0';
	hit = looks_like_ni_number(x, n) || cracklib_words(ws, x, n, buf) ||
	      cracklib_words(ws, rev, n, buf) || affix_cores(ws, x, n, buf, tmp) ||
	      common_base_inside(x, n, buf);
	secure_wipe(mem, 4 * CANDIDATE_MAX);
	free(mem);
	return hit;
}
