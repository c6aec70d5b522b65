/* Building the breach index in bounded memory.
 *
 * 1. Collect: every input record becomes a 64-bit key (the first 8 bytes of
 *    its digest). Keys go to a buffer of options.memory/16 keys; a full
 *    buffer is sorted (skipped when it arrived sorted, as HIBP downloads
 *    do), deduplicated and written to an unlinked temporary run file.
 * 2. Size: the number of distinct keys N (an upper bound on distinct
 *    fingerprints) and the false-positive target fix L and the bucket count.
 * 3. Merge and encode: the runs are merged (concatenated when the whole
 *    input was sorted) into one ascending stream, mapped to fingerprints and
 *    encoded block by block; the directory and the body are written with
 *    pwrite at offsets known in advance, so nothing else is buffered. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "breach/breach_build.h"
#include "breach/breach_format.h"
#include "bytes.h"
#include "i18n.h"
#include "secure.h"

struct run {
	int fd;
	uint64_t count;
};

struct breach_builder {
	struct breach_build_options opt;
	enum breach_hash hash;
	uint64_t *keys, *scratch;
	size_t cap, n;
	int chunk_sorted, all_sorted;
	uint64_t last_key, have_last;
	struct run *runs;
	size_t nruns, runs_cap;
	uint64_t records;
	uint64_t next_progress;
	struct sha256_ctx digest;
};

const char *breach_format_name(enum breach_format f)
{
	switch (f) {
	case BREACH_FORMAT_AUTO:
		return "auto";
	case BREACH_FORMAT_SHA1:
		return "sha1";
	case BREACH_FORMAT_NTLM:
		return "ntlm";
	case BREACH_FORMAT_PLAIN:
		return "plain";
	}
	return "unknown";
}

int breach_builder_new(const struct breach_build_options *opts, struct breach_builder **out)
{
	struct breach_builder *b = calloc(1, sizeof *b);

	if (b == NULL)
		return -ENOMEM;
	if (opts != NULL)
		b->opt = *opts;
	if (b->opt.fp_rate == 0)
		b->opt.fp_rate = BREACH_DEFAULT_FP_RATE;
	if (!(b->opt.fp_rate > 0 && b->opt.fp_rate < 1)) {
		free(b);
		return -EINVAL;
	}
	if (b->opt.memory == 0)
		b->opt.memory = BREACH_DEFAULT_MEMORY;
	/* Half for the keys, half for the radix sort's scratch. */
	b->cap = b->opt.memory / 16;
	if (b->cap < 1024)
		b->cap = 1024;
	b->keys = malloc(b->cap * sizeof *b->keys);
	if (b->keys == NULL) {
		free(b);
		return -ENOMEM;
	}
	b->hash = b->opt.hash;
	b->chunk_sorted = b->all_sorted = 1;
	b->next_progress = UINT64_C(1) << 20;
	sha256_init(&b->digest);
	*out = b;
	return 0;
}

void breach_builder_free(struct breach_builder *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->nruns; i++)
		close(b->runs[i].fd);
	free(b->runs);
	free(b->keys);
	free(b->scratch);
	free(b);
}

enum breach_hash breach_builder_hash(const struct breach_builder *b)
{
	return b->hash;
}

/* ------------------------------------------------------------ collecting */

/* LSD radix sort, 16-bit digits; a pass whose digit is constant is skipped. */
static void radix_sort(uint64_t *a, uint64_t *tmp, size_t n)
{
	static size_t count[65536];
	uint64_t *src = a, *dst = tmp;

	for (unsigned shift = 0; shift < 64; shift += 16) {
		size_t sum = 0;
		memset(count, 0, sizeof count);
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> shift) & 0xFFFF]++;
		if (count[(src[0] >> shift) & 0xFFFF] == n)
			continue;
		for (size_t d = 0; d < 65536; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xFFFF]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
}

static size_t sort_unique(struct breach_builder *b)
{
	size_t n = b->n, w;

	if (n == 0)
		return 0;
	if (!b->chunk_sorted) {
		if (b->scratch == NULL)
			b->scratch = malloc(b->cap * sizeof *b->scratch);
		if (b->scratch == NULL)
			return SIZE_MAX;
		radix_sort(b->keys, b->scratch, n);
	}
	for (w = 1; w < n; w++)
		if (b->keys[w] == b->keys[w - 1])
			break;
	for (size_t r = w; r < n; r++)
		if (b->keys[r] != b->keys[w - 1])
			b->keys[w++] = b->keys[r];
	b->n = w;
	b->chunk_sorted = 1;
	return w;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

static int spill(struct breach_builder *b)
{
	const char *dir = b->opt.tmpdir;
	char path[PATH_MAX];
	uint8_t buf[8192];
	int fd, ret;

	if (sort_unique(b) == SIZE_MAX)
		return -ENOMEM;
	if (dir == NULL)
		dir = getenv("TMPDIR");
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	if (snprintf(path, sizeof path, "%s/credpolicy-breach-run.XXXXXX", dir) >= (int)sizeof path)
		return -ENAMETOOLONG;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	unlink(path);
	for (size_t i = 0; i < b->n;) {
		size_t k = 0;
		for (; k < sizeof buf / 8 && i < b->n; k++, i++)
			bx_put64(buf + 8 * k, b->keys[i]);
		ret = write_all(fd, buf, 8 * k);
		if (ret < 0) {
			close(fd);
			return ret;
		}
	}
	if (b->nruns == b->runs_cap) {
		size_t nc = b->runs_cap ? 2 * b->runs_cap : 16;
		struct run *r = realloc(b->runs, nc * sizeof *r);
		if (r == NULL) {
			close(fd);
			return -ENOMEM;
		}
		b->runs = r;
		b->runs_cap = nc;
	}
	b->runs[b->nruns].fd = fd;
	b->runs[b->nruns].count = b->n;
	b->nruns++;
	b->n = 0;
	return 0;
}

int breach_builder_add_key(struct breach_builder *b, uint64_t key)
{
	int ret;

	if (b->n == b->cap) {
		ret = spill(b);
		if (ret < 0)
			return ret;
	}
	if (b->have_last && key < b->last_key) {
		b->all_sorted = 0;
		if (b->n > 0)
			b->chunk_sorted = 0;
	}
	b->last_key = key;
	b->have_last = 1;
	b->keys[b->n++] = key;
	b->records++;
	if (b->opt.progress != NULL && b->records >= b->next_progress) {
		b->opt.progress(b->opt.progress_arg, b->records);
		b->next_progress += UINT64_C(1) << 20;
	}
	return 0;
}

/* ------------------------------------------------------------ parsing */

/* Is line (without its newline) a HIBP record with width hex digits? */
static int is_hash_line(const char *s, size_t len, size_t width)
{
	size_t i;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (len < width)
		return 0;
	for (i = 0; i < width; i++)
		if (hex_value[(unsigned char)s[i]] < 0)
			return 0;
	if (i == len)
		return 1;
	if (s[i] != ':' || len - i < 2 || len - i > 21)
		return 0;
	for (i++; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

enum breach_format breach_detect_format(const char *buf, size_t len)
{
	size_t seen = 0, sha1 = 0, ntlm = 0, first = 0;
	const char *p = buf, *end = buf + len;

	while (p < end && seen < 16) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = (size_t)((nl != NULL ? nl : end) - p);
		if (nl == NULL && seen > 0)
			break; /* a partial last line says nothing */
		if (l > 0 && !(l == 1 && p[0] == '\r')) {
			int s40 = is_hash_line(p, l, 40), s32 = is_hash_line(p, l, 32);
			if (seen++ == 0)
				first = s40 ? 40 : s32 ? 32 : 1;
			sha1 += (size_t)s40;
			ntlm += (size_t)s32;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	/* A hash list starts with a hash line and is mostly hash lines; the
	 * odd broken line in it is then an error that names it, rather than
	 * the whole file being hashed as passwords. */
	if (first == 40 && 2 * sha1 >= seen)
		return BREACH_FORMAT_SHA1;
	if (first == 32 && 2 * ntlm >= seen)
		return BREACH_FORMAT_NTLM;
	return BREACH_FORMAT_PLAIN;
}

static uint64_t hex_key(const char *s)
{
	uint64_t k = 0;

	for (int i = 0; i < 16; i++)
		k = (k << 4) | (uint64_t)hex_value[(unsigned char)s[i]];
	return k;
}

static enum breach_hash format_hash(enum breach_format f)
{
	return f == BREACH_FORMAT_NTLM ? BREACH_HASH_NTLM : BREACH_HASH_SHA1;
}

static const char *hash_label(enum breach_hash h)
{
	return h == BREACH_HASH_NTLM ? "NTLM" : "SHA-1";
}

/* One line, without its newline. Returns 0 or -errno with err set. */
static int add_line(struct breach_builder *b, const char *s, size_t len, const char *name,
                    struct breach_input_stats *st, char *err, size_t errlen)
{
	size_t width;
	uint8_t digest[20];
	size_t dlen;
	int ret;

	st->lines++;
	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (len == 0)
		return 0;
	if (st->format == BREACH_FORMAT_PLAIN) {
		if (len >= 10 && memcmp(s, "#!comment:", 10) == 0) {
			st->comments++;
			return 0;
		}
		if (len > BREACH_MAX_PLAIN_LINE) {
			st->too_long++;
			return 0;
		}
		ret = breach_hash_password(b->hash, s, len, digest, &dlen);
		if (ret == -EILSEQ) {
			if (st->invalid_utf8++ == 0)
				st->first_invalid_line = st->lines;
			return 0;
		}
		if (ret < 0)
			return bx_fail(err, errlen, ret, "%s:%llu: %s", name,
			               (unsigned long long)st->lines, strerror(-ret));
		ret = breach_builder_add_key(b, bx_key(digest));
		secure_wipe(digest, sizeof digest);
		st->records++;
		if (ret < 0)
			return bx_fail(err, errlen, ret, "%s:%llu: %s", name,
			               (unsigned long long)st->lines, strerror(-ret));
		return 0;
	}
	width = st->format == BREACH_FORMAT_SHA1 ? 40 : 32;
	if (!is_hash_line(s, len, width)) {
		if (is_hash_line(s, len, width == 40 ? 32 : 40))
			return bx_fail(
			        err, errlen, -EINVAL,
			        _("%s:%llu: %s hash in an input of %s hashes: one index holds "
			          "one hash type; build separate indexes"),
			        name, (unsigned long long)st->lines, width == 40 ? "NTLM" : "SHA-1",
			        width == 40 ? "SHA-1" : "NTLM");
		return bx_fail(err, errlen, -EINVAL,
		               _("%s:%llu: expected %zu hex digits, optionally followed by :COUNT "
		                 "(a Have I Been Pwned %s line); use --format plain for a password "
		                 "list"),
		               name, (unsigned long long)st->lines, width,
		               width == 40 ? "SHA-1" : "NTLM");
	}
	st->records++;
	ret = breach_builder_add_key(b, hex_key(s));
	if (ret < 0)
		return bx_fail(err, errlen, ret, "%s:%llu: %s", name, (unsigned long long)st->lines,
		               strerror(-ret));
	return 0;
}

#define READ_CHUNK (1u << 20)

int breach_builder_add_fd(struct breach_builder *b, int fd, const char *name,
                          enum breach_format format, struct breach_input_stats *st, char *err,
                          size_t errlen)
{
	/* Room for a chunk plus the longest line we keep whole. */
	size_t bufsize = READ_CHUNK + BREACH_MAX_PLAIN_LINE + 64, have = 0, skip_to_nl = 0;
	char *buf = malloc(bufsize);
	int ret = 0, eof = 0, first = 1;

	memset(st, 0, sizeof *st);
	st->format = format;
	if (buf == NULL)
		return bx_fail(err, errlen, -ENOMEM, "%s: %s", name, strerror(ENOMEM));
	while (!eof) {
		ssize_t r = read(fd, buf + have, bufsize - have);
		char *p, *end, *nl;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			ret = bx_fail(err, errlen, -errno, _("%s: read error: %s"), name,
			              strerror(errno));
			break;
		}
		if (r == 0)
			eof = 1;
		sha256_update(&b->digest, (size_t)r, (const uint8_t *)buf + have);
		have += (size_t)r;
		if (first && (have >= READ_CHUNK || eof)) {
			first = 0;
			if (st->format == BREACH_FORMAT_AUTO)
				st->format = breach_detect_format(buf, have);
			if (st->format != BREACH_FORMAT_PLAIN) {
				enum breach_hash h = format_hash(st->format);
				if (b->hash == 0)
					b->hash = h;
				if (b->hash != h) {
					ret = bx_fail(
					        err, errlen, -EINVAL,
					        _("%s:1: %s hashes, but the index holds %s hashes: "
					          "one index holds one hash type; build separate "
					          "indexes"),
					        name, hash_label(h), hash_label(b->hash));
					break;
				}
			} else if (b->hash == 0) {
				b->hash = BREACH_HASH_SHA1;
			}
		}
		if (first)
			continue;
		p = buf;
		end = buf + have;
		while (p < end) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL) {
				if (!eof)
					break;
				nl = end;
			}
			if (skip_to_nl) {
				skip_to_nl = 0;
			} else {
				ret = add_line(b, p, (size_t)(nl - p), name, st, err, errlen);
				if (ret < 0)
					goto out;
			}
			p = nl + (nl < end);
		}
		have = (size_t)(end - p);
		if (have > BREACH_MAX_PLAIN_LINE + 2) {
			/* An over-long line: count it once, drop the rest of it. */
			if (st->format != BREACH_FORMAT_PLAIN) {
				ret = bx_fail(
				        err, errlen, -EINVAL,
				        _("%s:%llu: line longer than %d bytes in a hash list"),
				        name, (unsigned long long)st->lines + 1,
				        BREACH_MAX_PLAIN_LINE);
				goto out;
			}
			if (!skip_to_nl) {
				st->lines++;
				st->too_long++;
				skip_to_nl = 1;
			}
			secure_wipe(buf, have);
			have = 0;
			/* The remainder up to the next newline is skipped above. */
		} else {
			memmove(buf, p, have);
		}
	}
out:
	secure_wipe(buf, bufsize);
	free(buf);
	return ret;
}

/* ------------------------------------------------------------ merging */

struct source {
	int fd;
	uint64_t left; /* keys not yet read from the file */
	uint64_t *buf; /* for run files */
	size_t pos, len, cap;
	uint64_t head;
};

static int source_fill(struct source *s)
{
	uint8_t *raw = (uint8_t *)s->buf;
	size_t want = s->cap, got = 0;

	if (want > s->left)
		want = (size_t)s->left;
	while (got < want * 8) {
		ssize_t r = read(s->fd, raw + got, want * 8 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : -EIO;
		got += (size_t)r;
	}
	/* Little-endian on disk; convert in place. */
	for (size_t i = 0; i < want; i++)
		s->buf[i] = bx_load64(raw + 8 * i);
	s->left -= want;
	s->pos = 0;
	s->len = want;
	return 0;
}

/* Next key of a source: 1, 0 at its end, or -errno. */
static int source_next(struct source *s)
{
	if (s->pos == s->len) {
		int ret;
		if (s->left == 0)
			return 0;
		ret = source_fill(s);
		if (ret < 0)
			return ret;
	}
	s->head = s->buf[s->pos++];
	return 1;
}

struct merger {
	struct source *src;
	size_t nsrc;
	size_t *heap; /* indexes into src, min-heap on head */
	size_t nheap;
	int sequential;
	size_t cur;
};

static void sift_down(struct merger *m, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, s = i;
		if (l < m->nheap && m->src[m->heap[l]].head < m->src[m->heap[s]].head)
			s = l;
		if (r < m->nheap && m->src[m->heap[r]].head < m->src[m->heap[s]].head)
			s = r;
		if (s == i)
			return;
		size_t t = m->heap[i];
		m->heap[i] = m->heap[s];
		m->heap[s] = t;
		i = s;
	}
}

static int merger_init(struct merger *m, struct breach_builder *b)
{
	size_t per, budget = b->opt.memory / 2;
	int ret;

	memset(m, 0, sizeof *m);
	m->nsrc = b->nruns + 1;
	m->src = calloc(m->nsrc, sizeof *m->src);
	m->heap = calloc(m->nsrc, sizeof *m->heap);
	if (m->src == NULL || m->heap == NULL)
		return -ENOMEM;
	per = budget / 8 / m->nsrc;
	if (per < 512)
		per = 512;
	if (per > (1u << 17))
		per = 1u << 17;
	for (size_t i = 0; i < b->nruns; i++) {
		struct source *s = &m->src[i];
		s->fd = b->runs[i].fd;
		s->left = b->runs[i].count;
		s->cap = per;
		s->buf = malloc(per * 8);
		if (s->buf == NULL)
			return -ENOMEM;
		if (lseek(s->fd, 0, SEEK_SET) != 0)
			return -errno;
	}
	/* The last chunk stays in memory. */
	m->src[b->nruns].fd = -1;
	m->src[b->nruns].buf = b->keys;
	m->src[b->nruns].len = b->n;
	m->sequential = b->all_sorted;
	for (size_t i = 0; i < m->nsrc; i++) {
		ret = source_next(&m->src[i]);
		if (ret < 0)
			return ret;
		if (ret > 0)
			m->heap[m->nheap++] = i;
	}
	if (!m->sequential)
		for (size_t i = m->nheap / 2; i-- > 0;)
			sift_down(m, i);
	return 0;
}

/* Next key in ascending order (with duplicates): 1, 0 at the end, -errno. */
static int merger_next(struct merger *m, uint64_t *key)
{
	int ret;

	if (m->sequential) {
		/* Sorted input: the sources are consecutive ranges, in order. */
		if (m->cur >= m->nheap)
			return 0;
		struct source *s = &m->src[m->heap[m->cur]];
		*key = s->head;
		ret = source_next(s);
		if (ret < 0)
			return ret;
		if (ret == 0)
			m->cur++;
		return 1;
	}
	if (m->nheap == 0)
		return 0;
	struct source *s = &m->src[m->heap[0]];
	*key = s->head;
	ret = source_next(s);
	if (ret < 0)
		return ret;
	if (ret == 0)
		m->heap[0] = m->heap[--m->nheap];
	sift_down(m, 0);
	return 1;
}

static void merger_free(struct merger *m)
{
	if (m->src != NULL)
		for (size_t i = 0; i + 1 < m->nsrc; i++)
			free(m->src[i].buf);
	free(m->src);
	free(m->heap);
}

/* ------------------------------------------------------------ encoding */

#define OUTBUF 65536

struct writer {
	int fd;
	uint64_t off; /* file offset of buf[0] */
	uint8_t buf[OUTBUF];
	size_t len;
	struct bx_xxh64 sum;
	int err;
};

static void writer_flush(struct writer *w)
{
	size_t done = 0;

	bx_xxh64_update(&w->sum, w->buf, w->len);
	while (done < w->len && w->err == 0) {
		ssize_t r = pwrite(w->fd, w->buf + done, w->len - done, (off_t)(w->off + done));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			w->err = r < 0 ? -errno : -EIO;
		else
			done += (size_t)r;
	}
	w->off += w->len;
	w->len = 0;
}

static void writer_put(struct writer *w, const void *p, size_t n)
{
	const uint8_t *s = p;

	while (n > 0) {
		size_t k = OUTBUF - w->len;
		if (k > n)
			k = n;
		memcpy(w->buf + w->len, s, k);
		w->len += k;
		s += k;
		n -= k;
		if (w->len == OUTBUF)
			writer_flush(w);
	}
}

struct encoder {
	struct writer dir, body;
	unsigned L, shift, deb;
	uint64_t buckets, blocks, cur_blk;
	uint64_t acc;  /* bit accumulator, LSB first */
	unsigned nacc; /* bits in acc */
	uint64_t bitpos;
	uint64_t *counts;
};

static inline void put_bits(struct encoder *e, uint64_t v, unsigned n)
{
	/* n <= 57 */
	e->acc |= v << e->nacc;
	e->nacc += n;
	e->bitpos += n;
	if (e->nacc >= 64) {
		uint8_t w[8];
		bx_put64(w, e->acc);
		writer_put(&e->body, w, 8);
		e->nacc -= 64;
		e->acc = e->nacc ? v >> (n - e->nacc) : 0;
	}
}

static void put_dirent(struct encoder *e, uint64_t v)
{
	uint8_t w[8];

	bx_put64(w, v);
	writer_put(&e->dir, w, e->deb);
}

static void end_block(struct encoder *e)
{
	uint64_t first = e->cur_blk << e->shift, nbb = e->buckets - first;

	if (nbb > (UINT64_C(1) << e->shift))
		nbb = UINT64_C(1) << e->shift;
	for (uint64_t i = 0; i < nbb; i++) {
		uint64_t c = e->counts[i];
		while (c >= 32) {
			put_bits(e, 0xFFFFFFFFu, 32);
			c -= 32;
		}
		put_bits(e, (UINT64_C(1) << c) - 1, (unsigned)c + 1); /* c ones, a zero */
		e->counts[i] = 0;
	}
	e->cur_blk++;
	put_dirent(e, e->bitpos);
}

struct params {
	unsigned L;
	uint64_t buckets;
	unsigned deb;
};

/* Choose L and the bucket count for n distinct keys at false-positive rate
 * eps: buckets = ceil(n / (eps * 2^L)) makes the fingerprint space
 * M = buckets * 2^L at least n / eps; among the L that fit in 64 bits, take
 * the one that minimises the file's bits. */
static int choose(uint64_t n, double eps, unsigned shift, struct params *out)
{
	double best = INFINITY;

	for (unsigned L = 1; L <= BX_MAX_REMAINDER_BITS; L++) {
		double want = ceil((double)(n ? n : 1) / (eps * ldexp(1.0, (int)L)));
		uint64_t m, blocks, bits, maxbits;
		unsigned deb;
		if (want < 1)
			want = 1;
		if (want >= ldexp(1.0, 64 - (int)L))
			continue;
		m = (uint64_t)want;
		blocks = ((m - 1) >> shift) + 1;
		maxbits = m + n * (L + 1);
		for (deb = 4; deb < 8 && (maxbits >> (8 * deb)) != 0; deb++)
			;
		bits = maxbits + (blocks + 1) * deb * 8;
		if ((double)bits < best) {
			best = (double)bits;
			out->L = L;
			out->buckets = m;
			out->deb = deb;
		}
	}
	return isinf(best) ? -E2BIG : 0;
}

int breach_builder_write(struct breach_builder *b, int fd, char *err, size_t errlen)
{
	struct encoder *e = NULL;
	struct merger m;
	struct params pr = {0, 0, 0};
	uint64_t distinct = b->n, M, dir_size, body_size, entries = 0, last_F = 0, key;
	unsigned shift = BX_DEFAULT_BLOCK_SHIFT;
	uint8_t hdr[BX_HEADER_SIZE];
	int ret, have_F = 0;
	double fp = b->opt.fp_rate;

	memset(&m, 0, sizeof m);
	if (b->hash == 0)
		b->hash = BREACH_HASH_SHA1;
	if (sort_unique(b) == SIZE_MAX)
		return bx_fail(err, errlen, -ENOMEM, "%s", strerror(ENOMEM));
	distinct = b->n;
	for (size_t i = 0; i < b->nruns; i++)
		distinct += b->runs[i].count;
	ret = choose(distinct, fp, shift, &pr);
	if (ret < 0)
		return bx_fail(err, errlen, ret,
		               _("%llu entries at a false-positive rate of %g need fingerprints "
		                 "wider than 64 bits; choose a higher rate"),
		               (unsigned long long)distinct, fp);
	M = pr.buckets << pr.L;

	e = calloc(1, sizeof *e);
	if (e == NULL)
		return bx_fail(err, errlen, -ENOMEM, "%s", strerror(ENOMEM));
	e->L = pr.L;
	e->shift = shift;
	e->deb = pr.deb;
	e->buckets = pr.buckets;
	e->blocks = ((pr.buckets - 1) >> shift) + 1;
	e->counts = calloc((size_t)1 << shift, sizeof *e->counts);
	dir_size = ((e->blocks + 1) * e->deb + 8 + 7) & ~UINT64_C(7);
	e->dir.fd = e->body.fd = fd;
	e->dir.off = BX_HEADER_SIZE;
	e->body.off = BX_HEADER_SIZE + dir_size;
	bx_xxh64_init(&e->dir.sum);
	bx_xxh64_init(&e->body.sum);
	if (e->counts == NULL) {
		ret = bx_fail(err, errlen, -ENOMEM, "%s", strerror(ENOMEM));
		goto out;
	}
	ret = merger_init(&m, b);
	if (ret < 0) {
		ret = bx_fail(err, errlen, ret, _("reading back temporary run files: %s"),
		              strerror(-ret));
		goto out;
	}
	put_dirent(e, 0);
	while ((ret = merger_next(&m, &key)) > 0) {
		uint64_t F = bx_mulhi(key, M), blk;
		if (have_F && F == last_F)
			continue;
		have_F = 1;
		last_F = F;
		blk = (F >> e->L) >> shift;
		while (e->cur_blk < blk)
			end_block(e);
		put_bits(e, F & ((UINT64_C(1) << e->L) - 1), e->L);
		e->counts[(F >> e->L) & ((UINT64_C(1) << shift) - 1)]++;
		entries++;
	}
	if (ret < 0) {
		ret = bx_fail(err, errlen, ret, _("reading back temporary run files: %s"),
		              strerror(-ret));
		goto out;
	}
	while (e->cur_blk < e->blocks)
		end_block(e);
	/* Pad: the directory to dir_size, the body with its 8 spare bytes. */
	{
		uint8_t zero[16] = {0}, w[8];
		uint64_t dir_written = (e->blocks + 1) * e->deb;
		writer_put(&e->dir, zero, (size_t)(dir_size - dir_written));
		if (e->nacc > 0) {
			bx_put64(w, e->acc);
			writer_put(&e->body, w, (e->nacc + 7) / 8);
		}
		body_size = ((e->bitpos + 7) / 8 + 8 + 7) & ~UINT64_C(7);
		writer_put(&e->body, zero, (size_t)(body_size - (e->bitpos + 7) / 8));
	}
	writer_flush(&e->dir);
	writer_flush(&e->body);
	if (e->dir.err || e->body.err) {
		ret = e->dir.err ? e->dir.err : e->body.err;
		ret = bx_fail(err, errlen, ret, _("writing the index: %s"), strerror(-ret));
		goto out;
	}

	memset(hdr, 0, sizeof hdr);
	memcpy(hdr + BX_OFF_MAGIC, BX_MAGIC, 8);
	bx_put32(hdr + BX_OFF_VERSION, BX_VERSION);
	bx_put32(hdr + BX_OFF_HEADER_SIZE, BX_HEADER_SIZE);
	hdr[BX_OFF_HASH] = (uint8_t)b->hash;
	hdr[BX_OFF_REMAINDER_BITS] = (uint8_t)e->L;
	hdr[BX_OFF_DIR_ENTRY_BYTES] = (uint8_t)e->deb;
	hdr[BX_OFF_BLOCK_SHIFT] = (uint8_t)shift;
	bx_put64(hdr + BX_OFF_ENTRIES, entries);
	bx_put64(hdr + BX_OFF_BUCKETS, e->buckets);
	bx_put64(hdr + BX_OFF_RECORDS, b->records);
	bx_put64(hdr + BX_OFF_DIR_OFFSET, BX_HEADER_SIZE);
	bx_put64(hdr + BX_OFF_DIR_SIZE, dir_size);
	bx_put64(hdr + BX_OFF_BODY_OFFSET, BX_HEADER_SIZE + dir_size);
	bx_put64(hdr + BX_OFF_BODY_SIZE, body_size);
	bx_put64(hdr + BX_OFF_BUILD_TIME,
	         (uint64_t)(int64_t)(b->opt.build_time ? b->opt.build_time : time(NULL)));
	{
		uint64_t v;
		memcpy(&v, &fp, sizeof v);
		bx_put64(hdr + BX_OFF_TARGET_FP, v);
	}
	bx_put64(hdr + BX_OFF_DIR_CHECKSUM, bx_xxh64_final(&e->dir.sum));
	bx_put64(hdr + BX_OFF_BODY_CHECKSUM, bx_xxh64_final(&e->body.sum));
	sha256_digest(&b->digest, SHA256_DIGEST_SIZE, hdr + BX_OFF_SOURCE_DIGEST);
	bx_put64(hdr + BX_OFF_HEADER_CHECKSUM, bx_xxh64(hdr, BX_OFF_HEADER_CHECKSUM));
	if (pwrite(fd, hdr, sizeof hdr, 0) != (ssize_t)sizeof hdr) {
		ret = bx_fail(err, errlen, -EIO, _("writing the index header: %s"),
		              strerror(errno));
		goto out;
	}
	ret = 0;
out:
	merger_free(&m);
	if (e != NULL)
		free(e->counts);
	free(e);
	return ret;
}
