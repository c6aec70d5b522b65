/* The scan engine alone, on a generated config-like corpus held in
 * memory: MB per CPU second (the per-core figure, robust to other load)
 * and MB/s of wall time, of the Hyperscan engine and of the PCRE2-only
 * engine with the full rule set, single-threaded, and their ratio. The corpus is
 * scanned in overlapping chunks the way credaudit scan reads files.
 *
 * Usage: bench_engine [--rules DIR] [--mb N] [--chunk MB] [--repeat N]
 *                     [--only hyperscan|pcre2] [--seed FILE]
 * --seed FILE takes the noise lines from FILE (e.g. a concatenation of
 * /etc and /usr/share/doc) instead of the built-in keyword-dense list.
 * (defaults: the source tree's conf/rules, 256 MB, 8 MB chunks, 2 runs,
 * best kept). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules/engine.h"
#include "rules/rule_set.h"

/* One in SECRET_EVERY lines stores a credential; the rest is the noise
 * a scanner meets: settings, comments, YAML, XML, logs and prose that
 * name passwords and keys without holding one. */
#define SECRET_EVERY 400

static const char *const noise[] = {
        "[server]\n",
        "listen_address = 0.0.0.0\n",
        "port = 8443\n",
        "max_connections = 512\n",
        "# The password policy is enforced by PAM; see pam_credpolicy(8).\n",
        "log_level: info\n",
        "  replicas: 3\n",
        "  image: registry.internal/app/web:1.24.3\n",
        "<property name=\"timeout\" value=\"30\"/>\n",
        "<connector port=\"8080\" protocol=\"HTTP/1.1\" redirectPort=\"8443\"/>\n",
        "2024-05-01T10:22:13+09:00 sshd[1123]: Accepted publickey for deploy from 10.0.0.5\n",
        "password_min_length = 12\n",
        "token_lifetime = 3600\n",
        "key_file = /etc/ssl/private/server.key\n",
        "interface GigabitEthernet0/1\n",
        " ip address 192.0.2.1 255.255.255.0\n",
        "export PATH=/usr/local/bin:$PATH\n",
        "url = https://git.internal/app/repo.git\n",
        "DB_PASSWORD=${DB_PASSWORD}\n",
        "Remember to rotate the API key and the secret every 90 days.\n",
        "cache_dir = /var/cache/app\n",
        "feature_flags: [search, export, audit]\n",
        "  - name: web\n",
        "    secretName: web-tls\n",
};

static const char *const secrets[] = {
        "db.password=Tr0ub4dor&3x",
        "password: Kx9#mQ2!vLp",
        "username admin privilege 15 password 0 Cisc0",
        "aws_secret_access_key = 1she+QAqq0nv3Vth1Ls6v6/O9JL8ZsoWw+Rx",
        "snmp-server community Publ1c",
        "client_secret = 8f3Kq0ZpL2mW9xR4tY",
};

static double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

/* CPU time of this thread: the per-core figure, whatever else runs. */
static double cpu_now(void)
{
	return clock_s(CLOCK_THREAD_CPUTIME_ID);
}

/* The next line of noise: from the seed text, cycled, or the list. */
static const char *next_noise(const char *text, size_t tlen, size_t *pos, unsigned r, size_t *k)
{
	const char *l, *nl;

	if (text == NULL) {
		l = noise[r % (sizeof noise / sizeof noise[0])];
		*k = strlen(l);
		return l;
	}
	if (*pos >= tlen)
		*pos = 0;
	l = text + *pos;
	nl = memchr(l, '\n', tlen - *pos);
	*k = nl ? (size_t)(nl - l) + 1 : tlen - *pos;
	if (*k > 200)
		*k = 200; /* long lines are cut, keeping the buffer bound */
	*pos += nl ? (size_t)(nl - l) + 1 : tlen - *pos;
	return l;
}

static char *corpus(size_t size, const char *text, size_t tlen, size_t *len)
{
	char *buf = malloc(size + 256);
	size_t n = 0, pos = 0;
	unsigned line = 0, seed = 12345;

	if (buf == NULL)
		return NULL;
	while (n < size) {
		seed = seed * 1103515245u + 12345u;
		if (++line % SECRET_EVERY == 0) {
			n += (size_t)snprintf(buf + n, 256, "%s%04u\n", secrets[(seed >> 8) % 6],
			                      line % 10000);
		} else {
			size_t k;
			const char *l = next_noise(text, tlen, &pos, seed >> 8, &k);
			memcpy(buf + n, l, k);
			n += k;
		}
	}
	*len = n;
	return buf;
}

static void count(void *ctx, const struct finding *f)
{
	(*(size_t *)ctx)++;
}

/* One pass over the corpus in chunks overlapping by 2 * window. */
static double run(const struct scan_engine *e, const char *buf, size_t len, size_t chunk,
                  size_t *found, double *cpu)
{
	struct scan_scratch *s;
	size_t w = scan_engine_window(e);
	double t0;

	if (scan_scratch_new(e, &s) < 0)
		return -1;
	*found = 0;
	*cpu = cpu_now();
	t0 = now();
	for (size_t start = 0; start < len; start += chunk) {
		size_t from = start < w ? 0 : start - w;
		size_t end = start + chunk + w > len ? len : start + chunk + w;
		struct scan_input in = {
		        .path = "bench.conf",
		        .buf = (const unsigned char *)buf + from,
		        .len = end - from,
		        .base_offset = from,
		        .base_line = -1,
		        .report_from = start - from,
		        .report_until = end == len ? 0 : start + chunk - from,
		};
		if (scan_buffer(e, s, &in, count, found) < 0)
			return -1;
	}
	t0 = now() - t0;
	*cpu = cpu_now() - *cpu;
	scan_scratch_free(s);
	return t0;
}

int main(int argc, char **argv)
{
	const char *dirs[2] = {NULL, NULL};
	char deflt[4096], err[1024];
	size_t mb = 256, chunk_mb = 8, len, found[2] = {0, 0};
	int repeat = 2;
	const char *only = NULL; /* "hyperscan" or "pcre2": run one engine */
	const char *seed_file = NULL;
	char *text = NULL;
	size_t tlen = 0;
	double best[2] = {1e30, 1e30}, best_cpu[2] = {1e30, 1e30};
	struct rule_set *rs;
	char *buf;

	snprintf(deflt, sizeof deflt, "%s/conf/rules",
	         getenv("top_srcdir") ? getenv("top_srcdir") : SRCDIR);
	dirs[0] = deflt;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--rules") == 0)
			dirs[0] = argv[i + 1];
		else if (strcmp(argv[i], "--mb") == 0)
			mb = strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--chunk") == 0)
			chunk_mb = strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--repeat") == 0)
			repeat = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--seed") == 0)
			seed_file = argv[i + 1];
		else if (strcmp(argv[i], "--only") == 0)
			only = argv[i + 1];
	}
	if (rule_set_load(&rs, dirs, err, sizeof err) < 0) {
		fprintf(stderr, "bench_engine: %s\n", err);
		return 2;
	}
	if (seed_file != NULL) {
		FILE *f = fopen(seed_file, "rb");
		if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (tlen = (size_t)ftell(f)) == 0 ||
		    (text = malloc(tlen)) == NULL || fseek(f, 0, SEEK_SET) != 0 ||
		    fread(text, 1, tlen, f) != tlen) {
			fprintf(stderr, "bench_engine: cannot read %s\n", seed_file);
			return 2;
		}
		fclose(f);
	}
	buf = corpus(mb << 20, text, tlen, &len);
	free(text);
	if (buf == NULL || mb == 0 || chunk_mb == 0)
		return 2;
	printf("corpus: %.0f MB of %s, a credential every %d lines; %zu rules, %zu MB chunks, "
	       "best of %d\n",
	       (double)len / 1e6, seed_file ? seed_file : "keyword-dense config lines",
	       SECRET_EVERY, rs->nrules, chunk_mb, repeat);
	for (int k = 0; k < 2; k++) {
		struct scan_engine *e;
		double t0 = now(), t;
		if (scan_engine_build_flags(&e, rs, k ? SCAN_ENGINE_PCRE2_ONLY : 0, err,
		                            sizeof err) < 0) {
			fprintf(stderr, "bench_engine: %s\n", err);
			return 2;
		}
		{
			/* the keyword database for bench.conf is compiled by the
			 * first scan of such a file: count it as building */
			struct scan_scratch *s;
			struct scan_input in = {.path = "bench.conf",
			                        .buf = (const unsigned char *)"",
			                        .base_line = -1};
			size_t none = 0;
			if (scan_scratch_new(e, &s) < 0 || scan_buffer(e, s, &in, count, &none) < 0)
				return 2;
			scan_scratch_free(s);
		}
		printf("%-10s build %.1f ms\n", scan_engine_kind(e), (now() - t0) * 1e3);
		if (only != NULL && strcmp(only, scan_engine_kind(e)) != 0) {
			scan_engine_free(e);
			continue;
		}
		for (int r = 0; r < repeat; r++) {
			double cpu;
			t = run(e, buf, len, chunk_mb << 20, &found[k], &cpu);
			if (t < 0)
				return 2;
			if (t < best[k])
				best[k] = t;
			if (cpu < best_cpu[k])
				best_cpu[k] = cpu;
		}
		printf("%-10s %8.0f MB/s per CPU second (%.0f MB/s wall)  %zu findings\n",
		       scan_engine_kind(e), (double)len / 1e6 / best_cpu[k],
		       (double)len / 1e6 / best[k], found[k]);
		scan_engine_free(e);
	}
	if (only != NULL) {
		free(buf);
		rule_set_free(rs);
		return 0;
	}
	printf("ratio hyperscan/pcre2: %.2f%s\n", best_cpu[1] / best_cpu[0],
	       found[0] == found[1] ? "" : "  (FINDINGS DIFFER)");
	free(buf);
	rule_set_free(rs);
	return found[0] == found[1] ? 0 : 1;
}
