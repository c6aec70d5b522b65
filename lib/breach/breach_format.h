/* The breach index file format, shared by the reader (breach_index.c) and
 * the builder (breach_build.c). doc/breach-index.md is the specification;
 * this header is its executable form. Everything is little-endian. */
#ifndef CREDPOLICY_BREACH_FORMAT_H
#define CREDPOLICY_BREACH_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BX_MAGIC       "CPBREACH"
#define BX_VERSION     2u /* 2: a CRC-32C per block in the directory */
#define BX_HEADER_SIZE 160u

/* Header field offsets (bytes from the start of the file). */
enum {
	BX_OFF_MAGIC = 0,            /* 8  "CPBREACH" */
	BX_OFF_VERSION = 8,          /* 4  format version (2) */
	BX_OFF_HEADER_SIZE = 12,     /* 4  160 */
	BX_OFF_HASH = 16,            /* 1  1 = SHA-1, 2 = NTLM */
	BX_OFF_REMAINDER_BITS = 17,  /* 1  L: remainder bits per entry (1..56) */
	BX_OFF_DIR_ENTRY_BYTES = 18, /* 1  bytes per directory entry (4..8) */
	BX_OFF_BLOCK_SHIFT = 19,     /* 1  log2(buckets per block) (0..12) */
	BX_OFF_FLAGS = 20,           /* 4  0 */
	BX_OFF_ENTRIES = 24,         /* 8  stored fingerprints (distinct) */
	BX_OFF_BUCKETS = 32,         /* 8  m: number of buckets */
	BX_OFF_RECORDS = 40,         /* 8  input records read (with duplicates) */
	BX_OFF_DIR_OFFSET = 48,      /* 8  = 160 */
	BX_OFF_DIR_SIZE = 56,        /* 8  */
	BX_OFF_BODY_OFFSET = 64,     /* 8  = dir_offset + dir_size */
	BX_OFF_BODY_SIZE = 72,       /* 8  */
	BX_OFF_BUILD_TIME = 80,      /* 8  seconds since the epoch, UTC */
	BX_OFF_TARGET_FP = 88,       /* 8  IEEE 754 double: designed false-positive rate */
	BX_OFF_DIR_CHECKSUM = 96,    /* 8  XXH64 of the directory bytes */
	BX_OFF_BODY_CHECKSUM = 104,  /* 8  XXH64 of the body bytes */
	BX_OFF_SOURCE_DIGEST = 112,  /* 32 SHA-256 of the input bytes, in input order */
	BX_OFF_RESERVED = 144,       /* 8  zero */
	BX_OFF_HEADER_CHECKSUM = 152 /* 8  XXH64 of bytes 0..151 */
};

/* A directory entry: the block's first body bit (entry bytes, 4..8), then
 * the block's check (4 bytes, CRC-32C; 0 in the final entry). */
#define BX_CHECK_BYTES 4u

#define BX_MAX_REMAINDER_BITS  56u
#define BX_MAX_BLOCK_SHIFT     12u
#define BX_DEFAULT_BLOCK_SHIFT 6u /* 64 buckets per block */

static inline uint64_t bx_get64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static inline uint32_t bx_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void bx_put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline void bx_put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Unaligned little-endian 64-bit load (compiles to one mov on x86). */
static inline uint64_t bx_load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* The high 64 bits of a * b. */
static inline uint64_t bx_mulhi(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
	return (uint64_t)(((unsigned __int128)a * b) >> 64);
#else
	uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
	return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
#endif
}

/* The 64-bit key of a hash digest: its first 8 bytes, big-endian, so that
 * input sorted by hex hash is sorted by key. */
static inline uint64_t bx_key(const uint8_t *digest)
{
	uint64_t k = 0;
	for (int i = 0; i < 8; i++)
		k = (k << 8) | digest[i];
	return k;
}

/* Streaming XXH64 (the public xxHash 64-bit algorithm, seed 0). */
struct bx_xxh64 {
	uint64_t v[4];
	uint64_t total;
	uint8_t buf[32];
	size_t buffered;
};

void bx_xxh64_init(struct bx_xxh64 *s);
void bx_xxh64_update(struct bx_xxh64 *s, const void *data, size_t len);
uint64_t bx_xxh64_final(const struct bx_xxh64 *s);
uint64_t bx_xxh64(const void *data, size_t len);

/* CRC-32C of 64-bit little-endian words: crc = bx_crc32c_u64(crc, word)
 * from crc = 0xFFFFFFFF, result ~crc (so it equals the standard CRC-32C of
 * the words' bytes). bx_crc32c_init() first (once per process; cheap after). */
void bx_crc32c_init(void);
uint32_t bx_crc32c_u64(uint32_t crc, uint64_t v);

/* The same over the bits [start, end) of body taken as 64-bit words from
 * start (the last zero-filled above end). Reads body up to byte
 * (end - 1) / 8 + 8: the index body's padding covers it. */
uint32_t bx_crc32c_bits(uint32_t crc, const uint8_t *body, uint64_t start, uint64_t end);

/* A block's check: CRC-32C over its region's bits [start, end) as 64-bit
 * little-endian words (the last one zero-filled above end), then the block
 * number, start and end as 64-bit words. The caller has fed the region's
 * words into crc (from 0xFFFFFFFF); this adds the rest and finishes. The
 * block number and bounds make a region moved or a directory entry damaged
 * fail as surely as a flipped bit. */
static inline uint32_t bx_block_check(uint32_t crc, uint64_t blk, uint64_t start, uint64_t end)
{
	crc = bx_crc32c_u64(crc, blk);
	crc = bx_crc32c_u64(crc, start);
	crc = bx_crc32c_u64(crc, end);
	return ~crc;
}

/* Format a message into err (if not NULL) and return code (a -errno). */
int bx_fail(char *err, size_t errlen, int code, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

#endif
