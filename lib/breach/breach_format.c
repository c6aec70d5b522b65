/* Pieces shared by the breach index reader and builder: XXH64 (the public
 * xxHash 64-bit algorithm, seed 0), the checksum of the index's header,
 * directory and body -- fast enough (several GB/s) to verify a
 * multi-gigabyte index on demand, not a security measure -- and the error
 * message helper. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "breach/breach_format.h"

int bx_fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return code;
}

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static inline uint64_t rotl(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t round64(uint64_t acc, uint64_t in)
{
	acc += in * P2;
	acc = rotl(acc, 31);
	return acc * P1;
}

static inline uint64_t merge64(uint64_t acc, uint64_t v)
{
	acc ^= round64(0, v);
	return acc * P1 + P4;
}

void bx_xxh64_init(struct bx_xxh64 *s)
{
	memset(s, 0, sizeof *s);
	s->v[0] = P1 + P2;
	s->v[1] = P2;
	s->v[2] = 0;
	s->v[3] = 0 - P1;
}

static void stripe(uint64_t v[4], const uint8_t *p)
{
	v[0] = round64(v[0], bx_load64(p));
	v[1] = round64(v[1], bx_load64(p + 8));
	v[2] = round64(v[2], bx_load64(p + 16));
	v[3] = round64(v[3], bx_load64(p + 24));
}

void bx_xxh64_update(struct bx_xxh64 *s, const void *data, size_t len)
{
	const uint8_t *p = data;

	s->total += len;
	if (s->buffered > 0) {
		size_t take = 32 - s->buffered;
		if (take > len)
			take = len;
		memcpy(s->buf + s->buffered, p, take);
		s->buffered += take;
		p += take;
		len -= take;
		if (s->buffered < 32)
			return;
		stripe(s->v, s->buf);
		s->buffered = 0;
	}
	while (len >= 32) {
		stripe(s->v, p);
		p += 32;
		len -= 32;
	}
	memcpy(s->buf, p, len);
	s->buffered = len;
}

uint64_t bx_xxh64_final(const struct bx_xxh64 *s)
{
	const uint8_t *p = s->buf;
	size_t len = s->buffered;
	uint64_t h;

	if (s->total >= 32) {
		h = rotl(s->v[0], 1) + rotl(s->v[1], 7) + rotl(s->v[2], 12) + rotl(s->v[3], 18);
		for (int i = 0; i < 4; i++)
			h = merge64(h, s->v[i]);
	} else {
		h = P5;
	}
	h += s->total;
	while (len >= 8) {
		h ^= round64(0, bx_load64(p));
		h = rotl(h, 27) * P1 + P4;
		p += 8;
		len -= 8;
	}
	if (len >= 4) {
		h ^= (uint64_t)bx_get32(p) * P1;
		h = rotl(h, 23) * P2 + P3;
		p += 4;
		len -= 4;
	}
	while (len > 0) {
		h ^= (*p) * P5;
		h = rotl(h, 11) * P1;
		p++;
		len--;
	}
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

uint64_t bx_xxh64(const void *data, size_t len)
{
	struct bx_xxh64 s;

	bx_xxh64_init(&s);
	bx_xxh64_update(&s, data, len);
	return bx_xxh64_final(&s);
}
