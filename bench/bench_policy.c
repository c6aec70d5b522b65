/* Benchmark: how often the policy accepts guessable passwords, beside
 * pwquality, passwdqc and zxcvbn, in one run on the same candidates.
 *
 *   bench/bench_policy [--count N] [--seed S] [--floor BITS] [--show N] [--repeat R]
 *                      [--ours-only]
 *
 * A seeded generator builds three sets from lists Debian packages (never
 * from this project's own word lists, so the figures are held out):
 *   common  - john-data's password.lst, cracklib-small, and wamerican's
 *             words and proper names when installed, dressed as users do:
 *             capitals, leet, years, dates, symbols, doubling, two words;
 *   japan   - names and places from skkdic-extra (SKK-JISYO.jinmei, .geo,
 *             EUC-JP, romanised here in Hepburn and IME spellings) when
 *             installed: name + birthday, surname + given name, -jp,
 *             era years (H21, S50, R5), goroawase numbers, full-width digits;
 *   strong  - random 12-20 characters, and phrases of 4-5 random words.
 * Only candidates that pass the composition rule (12 characters, all four
 * classes) are kept. Prints, per set, the share each engine accepts, then
 * checks per second (CPU time of the process): each engine checks each set
 * R times (--repeat, default 3) and the quickest pass counts, the same for
 * every engine, since a shared machine slows single passes by a sixth and
 * more at random. The candidates are synthetic;
 * --show N prints up to N of each set that credpolicy gets wrong, with the
 * kinds of pieces it found, to study the model (never to tune lists to).
 * --ours-only runs credpolicy alone (to choose a floor on large sets);
 * from 10000 per set the shares have two decimals. */
#include "config.h"

#include <iconv.h>
#include <passwdqc.h>
#include <pwquality.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zxcvbn.h>

#include "policy/policy.h"

#define MAX_PW            96
#define ZXCVBN_FLOOR_BITS 33.2 /* 10^10 guesses */

enum set { SET_COMMON, SET_JAPAN, SET_STRONG, SET__COUNT };
static const char *const set_names[] = {"common words and names", "Japanese habits",
                                        "strong (reject share)"};

struct list {
	char **w;
	size_t n, cap;
};

static uint64_t rng_state;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

static const char *pick(const struct list *l)
{
	return l->w[rnd() % l->n];
}

static void push(struct list *l, const char *w)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->w = realloc(l->w, l->cap * sizeof *l->w);
		if (l->w == NULL)
			abort();
	}
	l->w[l->n++] = strdup(w);
}

static bool all_alpha(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return false;
	return true;
}

/* Words of 3-12 letters; capitalised ones go to names when names != NULL. */
static size_t load_words(const char *path, struct list *words, struct list *names, bool skip_cmt)
{
	FILE *f = fopen(path, "r");
	char line[256];
	size_t before = words->n + (names ? names->n : 0);

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		size_t n;
		line[strcspn(line, "\r\n")] = '\0';
		n = strlen(line);
		if ((skip_cmt && line[0] == '#') || n < 3 || n > 12 || !all_alpha(line))
			continue;
		if (names != NULL && line[0] >= 'A' && line[0] <= 'Z')
			push(names, line);
		else
			push(words, line);
	}
	fclose(f);
	return words->n + (names ? names->n : 0) - before;
}

/* Hepburn for hiragana U+3041..U+3093 (index c - 0x3041). */
static const char *const kana[] = {
        "a",  "a",  "i",  "i",  "u",   "u",  "e",  "e",   "o",   "o",  "ka", "ga", "ki", "gi",
        "ku", "gu", "ke", "ge", "ko",  "go", "sa", "za",  "shi", "ji", "su", "zu", "se", "ze",
        "so", "zo", "ta", "da", "chi", "ji", "",   "tsu", "zu",  "te", "de", "to", "do", "na",
        "ni", "nu", "ne", "no", "ha",  "ba", "pa", "hi",  "bi",  "pi", "fu", "bu", "pu", "he",
        "be", "pe", "ho", "bo", "po",  "ma", "mi", "mu",  "me",  "mo", "ya", "ya", "yu", "yu",
        "yo", "yo", "ra", "ri", "ru",  "re", "ro", "wa",  "wa",  "i",  "e",  "o",  "n",
};

/* Romanise a hiragana reading (UTF-8); false if anything else is in it. */
static bool romanise(const char *s, char *out, size_t cap, bool passport)
{
	size_t o = 0;
	bool sokuon = false;

	while (*s) {
		const unsigned char *p = (const unsigned char *)s;
		unsigned c;
		const char *r;
		char syl[8];

		if (p[0] != 0xE3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return false;
		c = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		s += 3;
		if (c < 0x3041 || c > 0x3093)
			return false;
		if (c == 0x3063) { /* small tsu: double the next consonant */
			sokuon = true;
			continue;
		}
		r = kana[c - 0x3041];
		snprintf(syl, sizeof syl, "%s", r);
		/* small ya/yu/yo after an i-syllable: kya, sha, cha */
		if ((c == 0x3083 || c == 0x3085 || c == 0x3087) && o >= 2 && out[o - 1] == 'i') {
			o--;
			if (o >= 2 && (out[o - 1] == 'h' || out[o - 1] == 'j'))
				snprintf(syl, sizeof syl, "%c", r[1]); /* sh+a, j+a */
		}
		if (passport && o > 0 && syl[0] == 'u' && syl[1] == '\0' &&
		    (out[o - 1] == 'o' || out[o - 1] == 'u'))
			continue; /* long vowel dropped: satou -> sato */
		if (sokuon && syl[0] != '\0' && o + 1 < cap)
			out[o++] = syl[0] == 'c' ? 't' : syl[0];
		sokuon = false;
		if (o + strlen(syl) + 1 >= cap)
			return false;
		memcpy(out + o, syl, strlen(syl));
		o += strlen(syl);
	}
	out[o] = '\0';
	return o >= 3;
}

/* SKK dictionaries (EUC-JP): the reading of each entry, romanised. */
static size_t load_skk(const char *path, struct list *out)
{
	FILE *f = fopen(path, "r");
	iconv_t cd = iconv_open("UTF-8", "EUC-JP");
	char line[4096], utf[8192], rom[64];
	size_t before = out->n;

	if (f == NULL || cd == (iconv_t)-1) {
		if (f != NULL)
			fclose(f);
		return 0;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		char *in = line, *o = utf, *sp;
		size_t il = strlen(line), ol = sizeof utf - 1;

		if (line[0] == ';')
			continue;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &in, &il, &o, &ol) == (size_t)-1)
			continue;
		*o = '\0';
		sp = strchr(utf, ' ');
		if (sp == NULL)
			continue;
		*sp = '\0';
		if (romanise(utf, rom, sizeof rom, rnd() % 2 == 0) && strlen(rom) <= 12)
			push(out, rom);
	}
	iconv_close(cd);
	fclose(f);
	return out->n - before;
}

/* ------------------------------------------------------------ dressing */

static void cap_first(char *w)
{
	if (w[0] >= 'a' && w[0] <= 'z')
		w[0] = (char)(w[0] - 32);
}

static void lower(char *w)
{
	for (; *w; w++)
		if (*w >= 'A' && *w <= 'Z')
			*w = (char)(*w + 32);
}

static void leet(char *w)
{
	static const char from[] = "aeiost", to[] = "@3!05+";
	for (; *w; w++) {
		const char *p = strchr(from, *w);
		if (p != NULL && *w != '\0' && rnd() % 2 == 0)
			*w = to[p - from];
	}
}

static const char *symbol(void)
{
	static const char *const s[] = {"!", "@", "#", "$", "%", "&",
	                                "*", ".", "?", "-", "_", "!!"};
	return s[rnd() % (sizeof s / sizeof s[0])];
}

static void number(char *out, size_t cap)
{
	unsigned y = 1950 + rnd() % 76, m = 1 + rnd() % 12, d = 1 + rnd() % 28;
	switch (rnd() % 6) {
	case 0:
	case 1:
		snprintf(out, cap, "%u", y);
		break;
	case 2:
		snprintf(out, cap, "%02u%02u", m, d);
		break;
	case 3:
		snprintf(out, cap, "%02u", y % 100);
		break;
	case 4:
		snprintf(out, cap, "%u", 1 + rnd() % 999);
		break;
	default:
		snprintf(out, cap, "%u%02u%02u", y, m, d);
		break;
	}
}

static void gen_common(char *pw, size_t cap, const struct list *src[3])
{
	char a[64], b[64], num[16];
	const struct list *l = src[rnd() % 3];

	snprintf(a, sizeof a, "%s", pick(l->n ? l : src[0]));
	lower(a);
	number(num, sizeof num);
	switch (rnd() % 5) {
	case 0: /* two words */
		snprintf(b, sizeof b, "%s", pick(src[1]->n ? src[1] : src[0]));
		lower(b);
		cap_first(b);
		break;
	case 1: /* doubled */
		snprintf(b, sizeof b, "%s%s", symbol(), a);
		break;
	default:
		b[0] = '\0';
	}
	if (rnd() % 4 == 0)
		leet(a);
	cap_first(a);
	if (rnd() % 3 == 0)
		snprintf(pw, cap, "%s%s%s%s", symbol(), a, b, num);
	else
		snprintf(pw, cap, "%s%s%s%s", a, b, num, symbol());
}

static void fullwidth_digits(char *pw, size_t cap)
{
	char out[MAX_PW * 3];
	size_t o = 0;

	for (const char *p = pw; *p && o + 4 < sizeof out; p++) {
		if (*p >= '0' && *p <= '9') {
			out[o++] = (char)0xEF;
			out[o++] = (char)0xBC;
			out[o++] = (char)(0x90 + (*p - '0'));
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
	snprintf(pw, cap, "%s", out);
}

static void gen_japan(char *pw, size_t cap, const struct list *names, const struct list *places)
{
	static const char *const goro[] = {"4649", "3150", "0840", "8931",
	                                   "39",   "5963", "2525", "1192"};
	static const char eras[] = "HSRT";
	char a[64], b[64], num[16];

	snprintf(a, sizeof a, "%s", pick(rnd() % 4 == 0 && places->n ? places : names));
	snprintf(b, sizeof b, "%s", rnd() % 3 == 0 ? pick(names) : "");
	cap_first(a);
	if (rnd() % 2)
		cap_first(b);
	switch (rnd() % 5) {
	case 0:
		snprintf(num, sizeof num, "%s", goro[rnd() % 8]);
		break;
	case 1:
		snprintf(num, sizeof num, "%c%u", eras[rnd() % 4], 1 + rnd() % 30);
		break;
	default:
		number(num, sizeof num);
	}
	switch (rnd() % 4) {
	case 0:
		snprintf(pw, cap, "%s%s@jp%s", a, b, num);
		break;
	case 1:
		snprintf(pw, cap, "%s%s%s%s", a, symbol(), b, num);
		break;
	default:
		snprintf(pw, cap, "%s%s%s%s", a, b, num, symbol());
	}
	if (rnd() % 5 == 0)
		fullwidth_digits(pw, cap);
}

static void gen_strong(char *pw, size_t cap, const struct list *words)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                            "0123456789!@#$%^&*()-_=+[]{};:,.<>/?~";
	size_t o = 0;

	if (rnd() % 2 == 0 || words->n == 0) {
		size_t n = 12 + rnd() % 9;
		for (; o < n; o++)
			pw[o] = chars[rnd() % (sizeof chars - 1)];
		pw[o] = '\0';
		return;
	}
	/* a diceware-like phrase: 4-5 random words, a digit, separators */
	{
		unsigned k = 4 + rnd() % 2;
		const char *sep = symbol();
		pw[0] = '\0';
		for (unsigned i = 0; i < k; i++) {
			char w[64];
			snprintf(w, sizeof w, "%s", pick(words));
			lower(w);
			if (i == 0)
				cap_first(w);
			o = strlen(pw);
			snprintf(pw + o, cap - o, "%s%s", i ? sep : "", w);
		}
		o = strlen(pw);
		snprintf(pw + o, cap - o, "%u", rnd() % 10);
	}
}

/* 12 characters and the four classes (full-width digits count as digits). */
static bool composition_ok(const char *pw)
{
	bool up = false, lo = false, di = false, sy = false;
	size_t cps = 0;

	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if ((*p & 0xC0) != 0x80)
			cps++;
		if (*p >= 'A' && *p <= 'Z')
			up = true;
		else if (*p >= 'a' && *p <= 'z')
			lo = true;
		else if (*p >= '0' && *p <= '9')
			di = true;
		else if (*p == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99)
			di = true;
		else if (*p < 0x80)
			sy = true;
	}
	return cps >= 12 && up && lo && di && sy;
}

/* ------------------------------------------------------------ engines */

enum engine { ENG_OURS, ENG_PWQUALITY, ENG_PASSWDQC, ENG_ZXCVBN, ENG__COUNT };
static const char *const engine_names[] = {"credpolicy", "pwquality", "passwdqc", "zxcvbn>=1e10"};

struct engines {
	struct policy_settings ours;
	pwquality_settings_t *pwq;
	passwdqc_params_t qc;
};

static bool accepts(struct engines *e, enum engine k, const char *pw)
{
	struct policy_verdict v;
	void *aux = NULL;

	switch (k) {
	case ENG_OURS:
		return policy_check(&e->ours, pw, NULL, NULL, &v) == 0 && policy_verdict_ok(&v);
	case ENG_PWQUALITY:
		return pwquality_check(e->pwq, pw, NULL, NULL, &aux) >= 0;
	case ENG_PASSWDQC:
		return passwdqc_check(&e->qc.qc, pw, NULL, NULL) == NULL;
	default:
		return ZxcvbnMatch(pw, NULL, NULL) >= ZXCVBN_FLOOR_BITS;
	}
}

static int engines_init(struct engines *e)
{
	static const char *const opts[] = {"minlen=12",   "dcredit=-1", "ucredit=-1",
	                                   "lcredit=-1",  "ocredit=-1", "maxrepeat=3",
	                                   "dictcheck=1", "usercheck=1"};
	char *reason = NULL;

	settings_init(&e->ours);
	/* the guessing model, not the breach index (absent on a build machine) */
	if (settings_apply(&e->ours, "breach_index=none", NULL) != 0)
		return -1;
	e->pwq = pwquality_default_settings();
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (pwquality_set_option(e->pwq, opts[i]) != 0)
			return -1;
	passwdqc_params_reset(&e->qc);
	if (passwdqc_params_parse(&e->qc, &reason, 0, NULL) != 0)
		return -1;
	return 0;
}

static double now(void)
{
	struct timespec ts;
	/* CPU time of this process: the machine may be shared */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct list pwlst = {0}, words = {0}, amer = {0}, names = {0}, jnames = {0}, places = {0};
	struct list sets[SET__COUNT] = {{0}};
	struct engines e;
	size_t count = 2000, show = 0, repeat = 3;
	int floor_bits = -1;
	unsigned long seed = 20261202;
	double secs[ENG__COUNT] = {0};
	unsigned long checks[ENG__COUNT] = {0};
	int engines = ENG__COUNT;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--ours-only") == 0) {
			engines = 1;
			continue;
		}
		if (i + 1 >= argc)
			break;
		if (strcmp(argv[i], "--count") == 0)
			count = strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0)
			seed = strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--repeat") == 0)
			repeat = strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--floor") == 0)
			floor_bits = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--show") == 0)
			show = strtoul(argv[i + 1], NULL, 10);
		i++;
	}
	rng_state = 0x9E3779B97F4A7C15ull ^ seed;
	printf("sources (Debian packages):\n");
	printf("  john-data password.lst      %zu\n",
	       load_words("/usr/share/john/password.lst", &pwlst, NULL, true));
	printf("  cracklib-small              %zu\n",
	       load_words("/usr/share/dict/cracklib-small", &words, NULL, false));
	printf("  wamerican words + names     %zu\n",
	       load_words("/usr/share/dict/american-english", &amer, &names, false));
	printf("  skkdic-extra jinmei names   %zu\n",
	       load_skk("/usr/share/skk/SKK-JISYO.jinmei", &jnames));
	printf("  skkdic-extra geo places     %zu\n",
	       load_skk("/usr/share/skk/SKK-JISYO.geo", &places));
	if (pwlst.n == 0 || words.n == 0) {
		fprintf(stderr, "bench-policy needs john-data and cracklib-runtime\n");
		return 1;
	}
	{
		const struct list *common[3] = {&pwlst, &words, names.n ? &names : &pwlst};
		const struct list *phrase = amer.n ? &amer : &words;
		char pw[MAX_PW * 3];
		for (int s = 0; s < SET__COUNT; s++) {
			if (s == SET_JAPAN && jnames.n == 0)
				continue;
			while (sets[s].n < count) {
				if (s == SET_COMMON)
					gen_common(pw, sizeof pw, common);
				else if (s == SET_JAPAN)
					gen_japan(pw, sizeof pw, &jnames, &places);
				else
					gen_strong(pw, sizeof pw, phrase);
				if (composition_ok(pw))
					push(&sets[s], pw);
			}
		}
	}
	if (engines_init(&e) != 0) {
		fprintf(stderr, "cannot set up the engines\n");
		return 1;
	}
	if (floor_bits >= 0)
		e.ours.guess_floor = floor_bits;
	{
		/* the one-off load of the words, outside the timed loops */
		char err[512];
		double t0 = now();
		if (policy_prepare(&e.ours, err, sizeof err) != 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		printf("  credpolicy word load        %.3f s CPU, once per process\n", now() - t0);
	}
	printf("\n%-24s", "set (after composition)");
	for (int k = 0; k < engines; k++)
		printf(" %13s", engine_names[k]);
	printf("\n");
	for (int s = 0; s < SET__COUNT; s++) {
		if (sets[s].n == 0) {
			printf("%-24s   (skipped: install skkdic-extra)\n", set_names[s]);
			continue;
		}
		printf("%-24s", set_names[s]);
		for (int k = 0; k < engines; k++) {
			size_t ok = 0;
			double best = 0;
			for (size_t r = 0; r < (repeat > 0 ? repeat : 1); r++) {
				size_t ok_r = 0;
				double t0 = now(), t;
				for (size_t i = 0; i < sets[s].n; i++)
					ok_r += accepts(&e, (enum engine)k, sets[s].w[i]);
				t = now() - t0;
				if (r == 0 || t < best)
					best = t;
				ok = ok_r; /* every pass judges alike */
			}
			secs[k] += best;
			checks[k] += sets[s].n;
			printf(" %12.*f%%", count >= 10000 ? 2 : 1,
			       100.0 * (double)(s == SET_STRONG ? sets[s].n - ok : ok) /
			               (double)sets[s].n);
		}
		printf("\n");
	}
	for (int s = 0; s < SET__COUNT && show > 0; s++) {
		size_t shown = 0;
		for (size_t i = 0; i < sets[s].n && shown < show; i++) {
			struct policy_verdict v;
			char codes[256];
			if (policy_check(&e.ours, sets[s].w[i], NULL, NULL, &v) != 0 ||
			    policy_verdict_ok(&v) == (s == SET_STRONG))
				continue;
			policy_reasons_join(&v, codes, sizeof codes);
			printf("  %-8.8s %-28s %5.1f %-30s", set_names[s], sets[s].w[i],
			       v.guesses_log10, codes);
			for (unsigned k = 0; policy_piece_name(k) != NULL; k++)
				if (v.pieces & (1u << k))
					printf(" %s", policy_piece_name(k));
			printf("\n");
			shown++;
		}
	}
	printf("%-24s", "checks per second");
	for (int k = 0; k < engines; k++)
		printf(" %13.0f", (double)checks[k] / secs[k]);
	printf("\n\n%zu candidates per set, seed %lu, quickest of %zu passes; credpolicy: the "
	       "default policy (guess_floor %d).\n",
	       count, seed, repeat > 0 ? repeat : 1, e.ours.guess_floor);
	settings_free(&e.ours);
	pwquality_free_settings(e.pwq);
	return 0;
}
