/* Helper for bench/bench_breach.sh: synthetic HIBP-style input, and
 * lookup timings through the library (warm, cold, with hashing) and the
 * measured false-positive rate. Prints key=value lines.
 *
 *   bench_breach gen N SEED [WIDTH]    N random HIBP lines "HEX:count" of WIDTH hex
 *                                      digits (32 = NTLM, default; 40 = SHA-1), random order
 *   bench_breach warm INDEX FILE [load] time lookups of the digests in FILE (mapped,
 *                                      or loaded into memory: BREACH_OPEN_LOAD)
 *   bench_breach hashed INDEX M [load] time M lookups of passwords (hashing included)
 *   bench_breach fp INDEX P SEED       P random keys: false positives
 *   bench_breach cold INDEX K SEED     K lookups, each after evicting the index
 *                                      from the page cache; major faults counted
 *   bench_breach evict FILE...         drop FILEs from the page cache */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "breach/breach_index.h"
#include "bytes.h"

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this process: on a shared machine, wall time in a tight loop
 * also counts the time other processes ran. Warm loops use this. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long majflt(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_majflt;
}

static int gen(uint64_t n, uint64_t seed, int width)
{
	const char *hx = hex_digits[1];
	char line[80];

	if (width != 32 && width != 40)
		return 2;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t a = splitmix64(&seed), b = splitmix64(&seed), c = splitmix64(&seed);
		int len;
		for (int k = 0; k < 16; k++) {
			line[k] = hx[(a >> (60 - 4 * k)) & 15];
			line[16 + k] = hx[(b >> (60 - 4 * k)) & 15];
		}
		for (int k = 32; k < width; k++)
			line[k] = hx[(c >> (4 * (k - 32))) & 15];
		len = width + snprintf(line + width, sizeof line - (size_t)width, ":%u\n",
		                       (unsigned)(1 + (splitmix64(&seed) % 1000)));
		if (fwrite(line, 1, (size_t)len, stdout) != (size_t)len)
			return 2;
	}
	return fflush(stdout) == 0 ? 0 : 2;
}

/* Opened as the policy engine opens it (mmap, MADV_RANDOM). */
static unsigned open_flags = BREACH_OPEN_ANY_OWNER;

static struct breach_index *open_index(const char *path)
{
	struct breach_index *ix;
	char err[512];

	if (breach_index_open_flags(path, open_flags, &ix, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		exit(2);
	}
	return ix;
}

static int warm(const char *path, const char *probes)
{
	FILE *f = fopen(probes, "r");
	uint64_t *keys = NULL, n = 0, cap = 0, hits = 0;
	char line[128];
	double best = 1e9;
	struct breach_index *ix = open_index(path);

	if (f == NULL) {
		perror(probes);
		return 2;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		uint64_t k = 0;
		for (int i = 0; i < 16; i++) {
			char c = line[i];
			k = (k << 4) | (uint64_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 1 << 20;
			keys = realloc(keys, cap * sizeof *keys);
			if (keys == NULL)
				return 2;
		}
		keys[n++] = k;
	}
	fclose(f);
	/* Three passes: the first warms the page cache; keep the best. */
	for (int pass = 0; pass < 3; pass++) {
		double t0 = cpu_now();
		hits = 0;
		for (uint64_t i = 0; i < n; i++)
			hits += (uint64_t)breach_index_lookup_key(ix, keys[i]);
		double t = (cpu_now() - t0) / (double)n;
		if (t < best)
			best = t;
	}
	/* Latency: each key depends on the previous answer (r >> 8 is always
	 * 0, but the CPU cannot know), so lookups cannot overlap as they do
	 * above. This is what one lookup at a password change costs. */
	double best_serial = 1e9;
	for (int pass = 0; pass < 3; pass++) {
		double t0 = cpu_now();
		int r = 0;
		for (uint64_t i = 0; i < n; i++)
			r = breach_index_lookup_key(ix, keys[i] ^ (uint64_t)((unsigned)r >> 8));
		double t = (cpu_now() - t0) / (double)n;
		if (t < best_serial)
			best_serial = t;
	}
	printf("warm_lookups=%llu\nwarm_hits=%llu\nwarm_%s_ns_per_lookup=%.1f\n"
	       "warm_%s_ns_latency=%.1f\n",
	       (unsigned long long)n, (unsigned long long)hits,
	       (open_flags & BREACH_OPEN_LOAD) ? "loaded" : "mapped", best * 1e9,
	       (open_flags & BREACH_OPEN_LOAD) ? "loaded" : "mapped", best_serial * 1e9);
	breach_index_close(ix);
	free(keys);
	return 0;
}

/* Passwords "Probe-" + 12 hex digits of i, made in place: a table of a
 * million strings would itself push the index out of the cache. */
static size_t probe_password(char *buf, uint64_t i)
{
	const char *hx = hex_digits[0];
	memcpy(buf, "Probe-", 6);
	for (int k = 0; k < 12; k++)
		buf[6 + k] = hx[(i >> (44 - 4 * k)) & 15];
	return 18;
}

static int hashed(const char *path, uint64_t m)
{
	struct breach_index *ix = open_index(path);
	struct breach_index_info in;
	double best = 1e9, best_hash = 1e9;
	char pw[24];

	breach_index_info(ix, &in);
	for (int pass = 0; pass < 3; pass++) {
		double t0 = cpu_now(), t;
		for (uint64_t i = 0; i < m; i++)
			(void)breach_index_lookup(ix, pw, probe_password(pw, i));
		t = (cpu_now() - t0) / (double)m;
		if (t < best)
			best = t;
		/* The hashing alone, for comparison. */
		t0 = cpu_now();
		for (uint64_t i = 0; i < m; i++) {
			uint8_t d[20];
			size_t dl;
			(void)breach_hash_password(in.hash, pw, probe_password(pw, i), d, &dl);
		}
		t = (cpu_now() - t0) / (double)m;
		if (t < best_hash)
			best_hash = t;
	}
	printf("hashed_%s_%s_ns_per_lookup=%.1f\nhash_only_%s_ns=%.1f\n",
	       (open_flags & BREACH_OPEN_LOAD) ? "loaded" : "mapped", breach_hash_name(in.hash),
	       best * 1e9, breach_hash_name(in.hash), best_hash * 1e9);
	breach_index_close(ix);
	return 0;
}

static int fp(const char *path, uint64_t p, uint64_t seed)
{
	struct breach_index *ix = open_index(path);
	struct breach_index_info in;
	uint64_t hits = 0;

	breach_index_info(ix, &in);
	for (uint64_t i = 0; i < p; i++)
		hits += (uint64_t)breach_index_lookup_key(ix, splitmix64(&seed));
	printf("fp_probes=%llu\nfp_hits=%llu\nfp_expected=%.3g\n", (unsigned long long)p,
	       (unsigned long long)hits, in.expected_false_positive_rate);
	breach_index_close(ix);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Each round: evict the file from the page cache, open the index as the
 * policy engine does (the header page and the directory's last entry are
 * read), then time one lookup of a random key and count its page reads. */
static int cold(const char *path, unsigned k, uint64_t seed)
{
	double *t = calloc(k, sizeof *t), sum = 0;
	long faults = 0, maxf = 0, open_faults = 0;
	int fd = open(path, O_RDONLY);

	if (t == NULL || fd < 0)
		return 2;
	for (unsigned i = 0; i < k; i++) {
		struct breach_index *ix;
		char err[512];
		long f0;
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
		f0 = majflt();
		if (breach_index_open_flags(path, BREACH_OPEN_ANY_OWNER, &ix, err, sizeof err) !=
		    0) {
			fprintf(stderr, "%s\n", err);
			return 2;
		}
		open_faults += majflt() - f0;
		f0 = majflt();
		double t0 = now();
		(void)breach_index_lookup_key(ix, splitmix64(&seed));
		t[i] = now() - t0;
		long f = majflt() - f0;
		faults += f;
		if (f > maxf)
			maxf = f;
		sum += t[i];
		breach_index_close(ix);
	}
	close(fd);
	qsort(t, k, sizeof *t, cmp_double);
	printf("cold_lookups=%u\ncold_us_mean=%.1f\ncold_us_median=%.1f\ncold_us_p90=%.1f\n"
	       "cold_us_max=%.1f\ncold_faults_per_lookup=%.3f\ncold_faults_max=%ld\n"
	       "cold_open_faults=%.2f\n",
	       k, sum / k * 1e6, t[k / 2] * 1e6, t[k * 9 / 10] * 1e6, t[k - 1] * 1e6,
	       (double)faults / k, maxf, (double)open_faults / k);
	free(t);
	return 0;
}

static int evict_files(int n, char **paths)
{
	for (int i = 0; i < n; i++) {
		int fd = open(paths[i], O_RDONLY);
		if (fd < 0 || posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) != 0) {
			perror(paths[i]);
			return 2;
		}
		close(fd);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "evict") == 0)
		return evict_files(argc - 2, argv + 2);
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "gen") == 0)
		return gen(strtoull(argv[2], NULL, 10), strtoull(argv[3], NULL, 10),
		           argc == 5 ? atoi(argv[4]) : 32);
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "warm") == 0) {
		if (argc == 5 && strcmp(argv[4], "load") == 0)
			open_flags |= BREACH_OPEN_LOAD;
		return warm(argv[2], argv[3]);
	}
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "hashed") == 0) {
		if (argc == 5 && strcmp(argv[4], "load") == 0)
			open_flags |= BREACH_OPEN_LOAD;
		return hashed(argv[2], strtoull(argv[3], NULL, 10));
	}
	if (argc == 5 && strcmp(argv[1], "fp") == 0)
		return fp(argv[2], strtoull(argv[3], NULL, 10), strtoull(argv[4], NULL, 10));
	if (argc == 5 && strcmp(argv[1], "cold") == 0)
		return cold(argv[2], (unsigned)strtoul(argv[3], NULL, 10),
		            strtoull(argv[4], NULL, 10));
	fprintf(stderr, "usage: see the comment at the top of bench/bench_breach.c\n");
	return 2;
}
