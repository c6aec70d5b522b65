/* Benchmark: policy_check() against libpwquality's pwquality_check() on
 * the same generated password list, with the same settings (given to both
 * as the same key=value strings, dictionary checking on), in one process.
 *
 *   bench/bench_policy [COUNT] [--list]
 *
 * Prints checks per second for both and the ratio, then every password
 * pwquality rejects and we accept (with --list, also the reverse count's
 * examples). The candidates are synthetic and generated deterministically,
 * so printing them reveals nobody's secret. */
#include "config.h"

#include <pwquality.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "policy/policy.h"

#define MAX_PW 40

/* The settings both engines get. pwquality has no "require every class",
 * so -1 credits express it; its dictionary check is FascistCheck. */
static const char *const common_opts[] = {
        "minlen=12",  "dcredit=-1",  "ucredit=-1",  "lcredit=-1",
        "ocredit=-1", "maxrepeat=3", "dictcheck=1", "usercheck=1",
};

static const char *const famous[] = {
        "Passw0rd!",    "P@ssw0rd",     "Password123!", "Summer2024!",   "Welcome2024!",
        "Monkey2024!",  "Welcome1!",    "Iloveyou1!",   "Football1!",    "Abcd1234!",
        "Qwerty123!",   "Tr0ub4dor&3",  "Winter2023!",  "Spring2025#",   "Letmein123!",
        "Admin@12345",  "Dragon2024$",  "P@$$w0rd1234", "Welcome@2024",  "Qwerty!23456",
        "1qaz2wsx!QAZ", "Zaq12wsx!@#$", "Changeme123!", "Sunshine2024!", "Princess1!23",
};

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

static char **load_words(size_t *n)
{
	static const char *const fallback[] = {"house",  "garden", "river",  "monkey", "purple",
	                                       "window", "coffee", "summer", "orange", "castle"};
	FILE *f = fopen("/usr/share/dict/cracklib-small", "r");
	char **w = NULL, line[128];
	size_t cap = 0;

	*n = 0;
	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strlen(line) < 4 || strlen(line) > 10)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 4096;
			w = realloc(w, cap * sizeof *w);
		}
		w[(*n)++] = strdup(line);
	}
	if (f != NULL)
		fclose(f);
	if (*n == 0) {
		w = malloc(sizeof fallback);
		for (size_t i = 0; i < 10; i++)
			w[i] = strdup(fallback[i]);
		*n = 10;
	}
	return w;
}

static void leet(char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case 'a':
			*s = (rnd() & 1) ? '@' : '4';
			break;
		case 'o':
			*s = '0';
			break;
		case 'e':
			*s = '3';
			break;
		case 's':
			*s = '$';
			break;
		case 'i':
			*s = '1';
			break;
		default:
			break;
		}
	}
}

static void generate(char *out, char **words, size_t nwords, size_t i)
{
	static const char sym[] = "!@#$%^&*()-_=+[]{};:,.<>/?~";
	static const char all[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                          "0123456789!@#$%^&*()-_=+[]{};:,.<>/?~";
	const char *w1 = words[rnd() % nwords], *w2 = words[rnd() % nwords];
	size_t len;

	switch (i % 10) {
	case 0:
	case 1:
	case 2:
	case 3: /* random over the printable set, 10..17 characters */
		len = 10 + rnd() % 8;
		for (size_t k = 0; k < len; k++)
			out[k] = all[rnd() % (sizeof all - 1)];
		out[len] = '\0';
		break;
	case 4: /* Word2024! */
		snprintf(out, MAX_PW, "%c%s%u%c", w1[0] - 32, w1 + 1, rnd() % 10000,
		         sym[rnd() % (sizeof sym - 1)]);
		break;
	case 5: /* l33t W0rd + affixes */
		snprintf(out, MAX_PW, "%s", w1);
		leet(out);
		out[0] = (char)(out[0] >= 'a' && out[0] <= 'z' ? out[0] - 32 : out[0]);
		len = strlen(out);
		snprintf(out + len, MAX_PW - len, "%u%c", rnd() % 1000,
		         sym[rnd() % (sizeof sym - 1)]);
		break;
	case 6: /* two words, a digit and a symbol */
		snprintf(out, MAX_PW, "%c%s%c%s%u%c", w1[0] - 32, w1 + 1, w2[0] - 32, w2 + 1,
		         rnd() % 10, sym[rnd() % (sizeof sym - 1)]);
		break;
	case 7: { /* keyboard walks and sequences with padding */
		static const char *const pat[] = {"qwerty", "1qaz2wsx", "asdfgh", "abcdef",
		                                  "123456", "zxcvbn",   "987654", "!QAZ@WSX"};
		snprintf(out, MAX_PW, "%c%s%u%c", 'A' + rnd() % 26, pat[rnd() % 8], rnd() % 100,
		         sym[rnd() % (sizeof sym - 1)]);
		break;
	}
	case 8: /* lower-case only */
		len = 8 + rnd() % 8;
		for (size_t k = 0; k < len; k++)
			out[k] = (char)('a' + rnd() % 26);
		out[len] = '\0';
		break;
	default: /* reversed word with digits and a symbol */
		len = strlen(w1);
		for (size_t k = 0; k < len; k++)
			out[k] = w1[len - 1 - k];
		out[0] = (char)(out[0] >= 'a' && out[0] <= 'z' ? out[0] - 32 : out[0]);
		snprintf(out + len, MAX_PW - len, "%u%c", rnd() % 100000,
		         sym[rnd() % (sizeof sym - 1)]);
		break;
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	size_t count = 20000, nwords, nfamous = sizeof famous / sizeof famous[0];
	size_t total, ours_rej = 0, pwq_rej = 0, only_pwq = 0, only_ours = 0;
	bool list = false;
	struct policy_settings s;
	struct settings_error err;
	pwquality_settings_t *pwq;
	char **words, (*pw)[MAX_PW], errbuf[512];
	bool *ours_ok, *pwq_ok;
	double t0, t_load, t_ours, t_pwq;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--list") == 0)
			list = true;
		else
			count = strtoul(argv[i], NULL, 10);
	}
	words = load_words(&nwords);
	total = count + nfamous;
	pw = calloc(total, sizeof *pw);
	ours_ok = calloc(total, sizeof *ours_ok);
	pwq_ok = calloc(total, sizeof *pwq_ok);
	if (pw == NULL || ours_ok == NULL || pwq_ok == NULL)
		return 2;
	for (size_t i = 0; i < nfamous; i++)
		snprintf(pw[i], MAX_PW, "%s", famous[i]);
	for (size_t i = 0; i < count; i++)
		generate(pw[nfamous + i], words, nwords, i);

	settings_init(&s);
	pwq = pwquality_default_settings();
	for (size_t i = 0; i < sizeof common_opts / sizeof common_opts[0]; i++) {
		if (settings_apply(&s, common_opts[i], &err) != 0 ||
		    pwquality_set_option(pwq, common_opts[i]) != 0) {
			fprintf(stderr, "bench: cannot set %s\n", common_opts[i]);
			return 2;
		}
	}

	t0 = now();
	if (policy_prepare(&s, errbuf, sizeof errbuf) != 0) {
		fprintf(stderr, "bench: %s\n", errbuf);
		return 2;
	}
	t_load = now() - t0;
	t0 = now();
	for (size_t i = 0; i < total; i++) {
		struct policy_verdict v;
		if (policy_check(&s, pw[i], NULL, NULL, &v) != 0)
			return 2;
		ours_ok[i] = policy_verdict_ok(&v);
	}
	t_ours = now() - t0;
	t0 = now();
	for (size_t i = 0; i < total; i++) {
		void *aux = NULL;
		int r = pwquality_check(pwq, pw[i], NULL, NULL, &aux);
		pwq_ok[i] = r >= 0;
	}
	t_pwq = now() - t0;

	printf("candidates: %zu (%zu generated + %zu well-known weak ones)\n", total, count,
	       nfamous);
	printf("settings (both): ");
	for (size_t i = 0; i < sizeof common_opts / sizeof common_opts[0]; i++)
		printf("%s ", common_opts[i]);
	printf("\ncredpolicy : %10.0f checks/s  (%.3f s; dictionary load %.3f s once)\n",
	       (double)total / t_ours, t_ours, t_load);
	printf("pwquality  : %10.0f checks/s  (%.3f s)\n", (double)total / t_pwq, t_pwq);
	printf("ratio      : %10.1fx\n", t_pwq / t_ours);
	for (size_t i = 0; i < total; i++) {
		ours_rej += !ours_ok[i];
		pwq_rej += !pwq_ok[i];
		only_ours += !ours_ok[i] && pwq_ok[i];
	}
	printf("rejected   : credpolicy %zu, pwquality %zu; only credpolicy %zu\n", ours_rej,
	       pwq_rej, only_ours);
	/* Why we reject what pwquality accepts, by reason code. */
	{
		size_t by_reason[REASON__COUNT] = {0};
		for (size_t i = 0; i < total; i++) {
			struct policy_verdict v;
			if (ours_ok[i] || !pwq_ok[i] ||
			    policy_check(&s, pw[i], NULL, NULL, &v) != 0)
				continue;
			for (int r = 0; r < REASON__COUNT; r++)
				by_reason[r] += (v.reasons >> r) & 1;
		}
		printf("only credpolicy, by reason:");
		for (int r = 0; r < REASON__COUNT; r++)
			if (by_reason[r] > 0)
				printf(" %s=%zu", policy_reason_code((enum policy_reason)r),
				       by_reason[r]);
		printf("\n");
	}
	for (size_t i = 0; i < nfamous; i++)
		printf("  %-16s credpolicy %-6s pwquality %s\n", pw[i],
		       ours_ok[i] ? "accept" : "reject", pwq_ok[i] ? "accept" : "reject");
	for (size_t i = 0; i < total; i++) {
		if (!pwq_ok[i] && ours_ok[i]) {
			void *aux = NULL;
			int r = pwquality_check(pwq, pw[i], NULL, NULL, &aux);
			printf("pwquality rejects, credpolicy accepts: %s (%s)\n", pw[i],
			       pwquality_strerror(errbuf, sizeof errbuf, r, aux));
			only_pwq++;
		}
	}
	printf("pwquality rejects that credpolicy accepts: %zu\n", only_pwq);
	if (list)
		for (size_t i = 0, shown = 0; i < total && shown < 20; i++)
			if (!ours_ok[i] && pwq_ok[i]) {
				struct policy_verdict v;
				char codes[256];
				policy_check(&s, pw[i], NULL, NULL, &v);
				policy_reasons_join(&v, codes, sizeof codes);
				printf("credpolicy rejects, pwquality accepts: %s (%s)\n", pw[i],
				       codes);
				shown++;
			}
	pwquality_free_settings(pwq);
	settings_free(&s);
	for (size_t i = 0; i < nwords; i++)
		free(words[i]);
	free(words);
	free(pw);
	free(ours_ok);
	free(pwq_ok);
	return only_pwq == 0 ? 0 : 1;
}
