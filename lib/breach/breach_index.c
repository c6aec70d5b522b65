/* Reading the breach index: mmap, O(1) validation at open, and lookups that
 * touch one directory entry and one block region (doc/breach-index.md).
 *
 * A stored entry is a fingerprint F = floor(key * M / 2^64) with
 * M = buckets << L; its bucket is F >> L and its remainder the low L bits.
 * Buckets are grouped in blocks of 2^block_shift; block j's region starts at
 * bit dir[j] of the body and holds its remainders (c * L bits, sorted) and
 * then the unary counts of its buckets (c ones and one zero per bucket). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "breach/breach_format.h"
#include "breach/breach_index.h"
#include "bytes.h"
#include "i18n.h"
#include "safe_open.h"
#include "secure.h"
#include "timefmt.h"

struct breach_index {
	const uint8_t *base;
	size_t size;
	int mapped;          /* munmap at close */
	size_t map_len;      /* length to munmap */
	uintptr_t page_mask; /* page size - 1 when mapped from the file, else 0 */
	enum breach_hash hash;
	unsigned L, deb, shift;
	uint64_t entries, buckets, records, blocks, M, total_bits, rmask, debmask;
	const uint8_t *dir, *body;
	uint64_t dir_size, body_size;
	int64_t build_time;
	double target_fp;
	uint8_t digest[32];
};

#define REBUILD N_("the index is damaged or was not written by credpolicy breach build; rebuild it")

static inline uint64_t dirent(const struct breach_index *ix, uint64_t j)
{
	return bx_load64(ix->dir + j * ix->deb) & ix->debmask;
}

static int validate(struct breach_index *ix, const uint8_t *p, size_t size, char *err,
                    size_t errlen)
{
	uint64_t v, dir_off, body_off, want;
	double fp;

	if (size >= 8 && memcmp(p + BX_OFF_MAGIC, BX_MAGIC, 8) != 0)
		return bx_fail(err, errlen, -EBADMSG,
		               _("magic at byte 0 is not \"%s\": not a credpolicy breach index"),
		               BX_MAGIC);
	if (size < BX_HEADER_SIZE)
		return bx_fail(
		        err, errlen, -EBADMSG,
		        _("file is %zu bytes, shorter than the %u-byte header (truncated?); %s"),
		        size, BX_HEADER_SIZE, _(REBUILD));
	v = bx_get32(p + BX_OFF_VERSION);
	if (v != BX_VERSION)
		return bx_fail(err, errlen, -EPROTONOSUPPORT,
		               _("format version at byte %d is %llu, this credpolicy reads %u; "
		                 "rebuild the index with this version"),
		               BX_OFF_VERSION, (unsigned long long)v, BX_VERSION);
	v = bx_get32(p + BX_OFF_HEADER_SIZE);
	if (v != BX_HEADER_SIZE)
		return bx_fail(err, errlen, -EBADMSG,
		               _("header size at byte %d is %llu, not %u; %s"), BX_OFF_HEADER_SIZE,
		               (unsigned long long)v, BX_HEADER_SIZE, _(REBUILD));
	v = p[BX_OFF_HASH];
	if (v != BREACH_HASH_SHA1 && v != BREACH_HASH_NTLM)
		return bx_fail(err, errlen, -EBADMSG,
		               _("hash type at byte %d is %llu, not 1 (SHA-1) or 2 (NTLM); %s"),
		               BX_OFF_HASH, (unsigned long long)v, _(REBUILD));
	ix->hash = (enum breach_hash)v;
	ix->L = p[BX_OFF_REMAINDER_BITS];
	if (ix->L < 1 || ix->L > BX_MAX_REMAINDER_BITS)
		return bx_fail(err, errlen, -EBADMSG,
		               _("remainder bits at byte %d is %u, outside 1..%u; %s"),
		               BX_OFF_REMAINDER_BITS, ix->L, BX_MAX_REMAINDER_BITS, _(REBUILD));
	ix->deb = p[BX_OFF_DIR_ENTRY_BYTES];
	if (ix->deb < 4 || ix->deb > 8)
		return bx_fail(err, errlen, -EBADMSG,
		               _("directory entry size at byte %d is %u, outside 4..8; %s"),
		               BX_OFF_DIR_ENTRY_BYTES, ix->deb, _(REBUILD));
	ix->debmask = ix->deb == 8 ? UINT64_MAX : (UINT64_C(1) << (8 * ix->deb)) - 1;
	ix->shift = p[BX_OFF_BLOCK_SHIFT];
	if (ix->shift > BX_MAX_BLOCK_SHIFT)
		return bx_fail(err, errlen, -EBADMSG,
		               _("block shift at byte %d is %u, above %u; %s"), BX_OFF_BLOCK_SHIFT,
		               ix->shift, BX_MAX_BLOCK_SHIFT, _(REBUILD));
	v = bx_get32(p + BX_OFF_FLAGS);
	if (v != 0)
		return bx_fail(err, errlen, -EBADMSG,
		               _("flags at byte %d are 0x%llx; this version knows none; %s"),
		               BX_OFF_FLAGS, (unsigned long long)v, _(REBUILD));
	ix->buckets = bx_get64(p + BX_OFF_BUCKETS);
	if (ix->buckets == 0 || ix->buckets > (UINT64_MAX >> ix->L))
		return bx_fail(err, errlen, -EBADMSG,
		               _("bucket count at byte %d is %llu, outside 1..2^%u; %s"),
		               BX_OFF_BUCKETS, (unsigned long long)ix->buckets, 64 - ix->L,
		               _(REBUILD));
	ix->M = ix->buckets << ix->L;
	ix->entries = bx_get64(p + BX_OFF_ENTRIES);
	/* Distinct fingerprints cannot outnumber the fingerprint space. */
	if (ix->entries > ix->M || ix->entries > (UINT64_MAX - ix->buckets) / (ix->L + 1))
		return bx_fail(err, errlen, -EBADMSG,
		               _("entry count at byte %d is %llu, impossible for %llu buckets; %s"),
		               BX_OFF_ENTRIES, (unsigned long long)ix->entries,
		               (unsigned long long)ix->buckets, _(REBUILD));
	ix->records = bx_get64(p + BX_OFF_RECORDS);
	if (ix->records < ix->entries)
		return bx_fail(
		        err, errlen, -EBADMSG,
		        _("record count at byte %d is %llu, fewer than the %llu entries; %s"),
		        BX_OFF_RECORDS, (unsigned long long)ix->records,
		        (unsigned long long)ix->entries, _(REBUILD));
	ix->blocks = ((ix->buckets - 1) >> ix->shift) + 1;
	if (ix->blocks > size / ix->deb)
		return bx_fail(
		        err, errlen, -EBADMSG,
		        _("bucket count at byte %d is %llu: its directory would not fit in a "
		          "%zu-byte file (truncated, or the count is damaged); %s"),
		        BX_OFF_BUCKETS, (unsigned long long)ix->buckets, size, _(REBUILD));
	ix->total_bits = ix->buckets + ix->entries * (ix->L + 1);

	dir_off = bx_get64(p + BX_OFF_DIR_OFFSET);
	if (dir_off != BX_HEADER_SIZE)
		return bx_fail(
		        err, errlen, -EBADMSG, _("directory offset at byte %d is %llu, not %u; %s"),
		        BX_OFF_DIR_OFFSET, (unsigned long long)dir_off, BX_HEADER_SIZE, _(REBUILD));
	ix->dir_size = bx_get64(p + BX_OFF_DIR_SIZE);
	want = (ix->blocks + 1) * ix->deb + 8;
	want = (want + 7) & ~UINT64_C(7);
	if (ix->dir_size != want)
		return bx_fail(
		        err, errlen, -EBADMSG,
		        _("directory size at byte %d is %llu, expected %llu for %llu blocks; %s"),
		        BX_OFF_DIR_SIZE, (unsigned long long)ix->dir_size, (unsigned long long)want,
		        (unsigned long long)ix->blocks, _(REBUILD));
	body_off = bx_get64(p + BX_OFF_BODY_OFFSET);
	if (body_off != dir_off + ix->dir_size)
		return bx_fail(err, errlen, -EBADMSG,
		               _("body offset at byte %d is %llu, expected %llu; %s"),
		               BX_OFF_BODY_OFFSET, (unsigned long long)body_off,
		               (unsigned long long)(dir_off + ix->dir_size), _(REBUILD));
	ix->body_size = bx_get64(p + BX_OFF_BODY_SIZE);
	want = ((ix->total_bits + 7) / 8 + 8 + 7) & ~UINT64_C(7);
	if (ix->body_size != want)
		return bx_fail(
		        err, errlen, -EBADMSG,
		        _("body size at byte %d is %llu, expected %llu for %llu entries; %s"),
		        BX_OFF_BODY_SIZE, (unsigned long long)ix->body_size,
		        (unsigned long long)want, (unsigned long long)ix->entries, _(REBUILD));
	if (body_off > size || ix->body_size != size - body_off)
		return bx_fail(
		        err, errlen, -EBADMSG,
		        _("file is %zu bytes but the header describes %llu (body at byte %llu, "
		          "%llu bytes): the file is truncated or has trailing data; %s"),
		        size, (unsigned long long)(body_off + ix->body_size),
		        (unsigned long long)body_off, (unsigned long long)ix->body_size,
		        _(REBUILD));
	v = bx_get64(p + BX_OFF_TARGET_FP);
	memcpy(&fp, &v, sizeof fp);
	if (!(fp > 0.0 && fp < 1.0))
		return bx_fail(err, errlen, -EBADMSG,
		               _("designed false-positive rate at byte %d is not in (0, 1); %s"),
		               BX_OFF_TARGET_FP, _(REBUILD));
	ix->target_fp = fp;
	ix->build_time = (int64_t)bx_get64(p + BX_OFF_BUILD_TIME);
	if (bx_get64(p + BX_OFF_RESERVED) != 0)
		return bx_fail(err, errlen, -EBADMSG,
		               _("reserved bytes at byte %d are not zero; %s"), BX_OFF_RESERVED,
		               _(REBUILD));
	v = bx_get64(p + BX_OFF_HEADER_CHECKSUM);
	if (v != bx_xxh64(p, BX_OFF_HEADER_CHECKSUM))
		return bx_fail(err, errlen, -EBADMSG,
		               _("header checksum at byte %d does not match bytes 0..%d; %s"),
		               BX_OFF_HEADER_CHECKSUM, BX_OFF_HEADER_CHECKSUM - 1, _(REBUILD));
	memcpy(ix->digest, p + BX_OFF_SOURCE_DIGEST, sizeof ix->digest);
	ix->base = p;
	ix->size = size;
	ix->dir = p + dir_off;
	ix->body = p + body_off;
	ix->rmask = (UINT64_C(1) << ix->L) - 1;
	/* The two ends of the directory: O(1), and they pin the body layout. */
	if (dirent(ix, 0) != 0)
		return bx_fail(err, errlen, -EBADMSG,
		               _("directory entry 0 at byte %llu is not 0; %s"),
		               (unsigned long long)dir_off, _(REBUILD));
	if (dirent(ix, ix->blocks) != ix->total_bits)
		return bx_fail(
		        err, errlen, -EBADMSG,
		        _("last directory entry at byte %llu is %llu, expected %llu body bits; %s"),
		        (unsigned long long)(dir_off + ix->blocks * ix->deb),
		        (unsigned long long)dirent(ix, ix->blocks),
		        (unsigned long long)ix->total_bits, _(REBUILD));
	return 0;
}

int breach_index_open_memory(const void *data, size_t len, struct breach_index **out, char *err,
                             size_t errlen)
{
	struct breach_index *ix = calloc(1, sizeof *ix);
	int ret;

	if (ix == NULL)
		return bx_fail(err, errlen, -ENOMEM, "%s", strerror(ENOMEM));
	ret = validate(ix, data, len, err, errlen);
	if (ret < 0) {
		free(ix);
		return ret;
	}
	*out = ix;
	return 0;
}

/* BREACH_OPEN_LOAD: the whole file in anonymous memory, on transparent huge
 * pages where the kernel allows, so that many lookups in a row do not each
 * miss the TLB. Returns MAP_FAILED with errno set on failure. */
static void *load(int fd, size_t size, size_t *maplen)
{
	const size_t huge = (size_t)2 << 20;
	size_t len = (size + huge - 1) & ~(huge - 1), got = 0;
	uint8_t *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return MAP_FAILED;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, len, MADV_HUGEPAGE);
#endif
	while (got < size) {
		ssize_t r = pread(fd, p + got, size - got, (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			int e = r < 0 ? errno : EIO;
			munmap(p, len);
			errno = e;
			return MAP_FAILED;
		}
		got += (size_t)r;
	}
	(void)mprotect(p, len, PROT_READ);
	*maplen = len;
	return p;
}

int breach_index_open_flags(const char *path, unsigned flags, struct breach_index **out, char *err,
                            size_t errlen)
{
	struct breach_index *ix;
	struct stat st;
	void *map;
	size_t maplen;
	char sub[256];
	int fd, ret;

	fd = safe_open(path, (flags & BREACH_OPEN_ANY_OWNER) ? 0 : SAFE_OPEN_REQUIRE_ROOT, 0, &st);
	if (fd < 0)
		return bx_fail(err, errlen, fd, _("%s: %s"), path, safe_open_strerror(fd));
	if (st.st_size == 0 || (uint64_t)st.st_size > SIZE_MAX) {
		close(fd);
		return bx_fail(err, errlen, -EBADMSG,
		               _("%s: file is %lld bytes, shorter than the %u-byte header "
		                 "(truncated?); %s"),
		               path, (long long)st.st_size, BX_HEADER_SIZE, _(REBUILD));
	}
	if (flags & BREACH_OPEN_LOAD) {
		map = load(fd, (size_t)st.st_size, &maplen);
		ret = map == MAP_FAILED ? -errno : 0;
	} else {
		maplen = (size_t)st.st_size;
		map = mmap(NULL, maplen, PROT_READ, MAP_SHARED, fd, 0);
		ret = -errno;
		/* Lookups jump to one directory entry and one block: no readahead. */
		if (map != MAP_FAILED)
			(void)madvise(map, maplen, MADV_RANDOM);
	}
	close(fd);
	if (map == MAP_FAILED)
		return bx_fail(err, errlen, ret, _("%s: cannot map: %s"), path, strerror(-ret));
	ret = breach_index_open_memory(map, (size_t)st.st_size, &ix, sub, sizeof sub);
	if (ret < 0) {
		munmap(map, maplen);
		return bx_fail(err, errlen, ret, "%s: %s", path, sub);
	}
	ix->mapped = 1;
	ix->map_len = maplen;
	if (!(flags & BREACH_OPEN_LOAD))
		ix->page_mask = (uintptr_t)sysconf(_SC_PAGESIZE) - 1;
	*out = ix;
	return 0;
}

int breach_index_open(const char *path, struct breach_index **out, char *err, size_t errlen)
{
	return breach_index_open_flags(path, 0, out, err, errlen);
}

void breach_index_close(struct breach_index *ix)
{
	if (ix == NULL)
		return;
	if (ix->mapped)
		munmap((void *)ix->base, ix->map_len);
	free(ix);
}

/* Up to 57 bits at body bit position pos (pos < total_bits, so the 8-byte
 * load stays inside the body's 8 bytes of padding). */
static inline uint64_t bits_at(const struct breach_index *ix, uint64_t pos)
{
	return bx_load64(ix->body + (pos >> 3)) >> (pos & 7);
}

/* Portable popcount: without -mpopcnt, __builtin_popcountll is a libgcc
 * call; this is a handful of inline operations. */
static inline unsigned popcount64(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

int breach_index_lookup_key(const struct breach_index *ix, uint64_t key)
{
	uint64_t F = bx_mulhi(key, ix->M);
	uint64_t bucket = F >> ix->L, rem = F & ix->rmask;
	uint64_t blk = bucket >> ix->shift, j = bucket & ((UINT64_C(1) << ix->shift) - 1);
	uint64_t start = dirent(ix, blk), end = dirent(ix, blk + 1);
	uint64_t nbb, span, c, u0, p, need, ones_before, cj;

	nbb = ix->buckets - (blk << ix->shift);
	if (nbb > (UINT64_C(1) << ix->shift))
		nbb = UINT64_C(1) << ix->shift;
	if (start > end || end > ix->total_bits || end - start < nbb)
		return -EBADMSG;
	span = end - start - nbb;
	c = span / (ix->L + 1);
	if (c * (ix->L + 1) != span)
		return -EBADMSG;
	u0 = start + c * ix->L;
	/* Fetch the unary counts and, in parallel, where our bucket's remainders
	 * most likely are (buckets are filled about evenly): two cache misses
	 * overlap instead of following one another. */
	__builtin_prefetch(ix->body + (u0 >> 3));
	__builtin_prefetch(ix->body + ((start + (c * j / nbb) * ix->L) >> 3));
	if (ix->page_mask != 0) {
		/* A region across a page boundary: ask for both pages at once, so
		 * a cold lookup is one read for the directory and one (two
		 * adjacent pages) for the region, not three. */
		uintptr_t a = (uintptr_t)(ix->body + (start >> 3)) & ~ix->page_mask;
		uintptr_t b = (uintptr_t)(ix->body + ((end - 1) >> 3)) & ~ix->page_mask;
		if (a != b)
			(void)madvise((void *)a, b - a + ix->page_mask + 1, MADV_WILLNEED);
	}

	/* Skip j zeros (the buckets before ours) in the unary part. */
	p = u0;
	need = j;
	while (need > 0) {
		uint64_t avail = end - p, nb = avail < 57 ? avail : 57, inv, z;
		if (avail == 0)
			return -EBADMSG;
		inv = ~bits_at(ix, p) & ((UINT64_C(1) << nb) - 1);
		z = popcount64(inv);
		if (z < need) {
			need -= z;
			p += nb;
			continue;
		}
		while (--need > 0)
			inv &= inv - 1;
		p += (uint64_t)__builtin_ctzll(inv) + 1;
	}
	ones_before = p - u0 - j;
	/* Our bucket's count: the ones before the next zero. */
	cj = 0;
	for (;;) {
		uint64_t avail = end - p, nb = avail < 57 ? avail : 57, inv;
		if (avail == 0)
			return -EBADMSG;
		inv = ~bits_at(ix, p) & ((UINT64_C(1) << nb) - 1);
		if (inv != 0) {
			cj += (uint64_t)__builtin_ctzll(inv);
			break;
		}
		cj += nb;
		p += nb;
	}
	if (ones_before > c || cj > c - ones_before)
		return -EBADMSG;
	for (uint64_t i = ones_before; i < ones_before + cj; i++) {
		uint64_t r = bits_at(ix, start + i * ix->L) & ix->rmask;
		if (r == rem)
			return 1;
		if (r > rem)
			break;
	}
	return 0;
}

int breach_index_lookup_digest(const struct breach_index *ix, const uint8_t *digest, size_t len)
{
	if (ix == NULL || digest == NULL)
		return -EINVAL;
	if (len != (ix->hash == BREACH_HASH_SHA1 ? 20u : 16u))
		return -EINVAL;
	return breach_index_lookup_key(ix, bx_key(digest));
}

/* Overwrite the stack below the caller, where the hashing and the lookup
 * left digest-derived values (the key, the fingerprint) in their frames. */
static __attribute__((noinline)) void wipe_stack_below(void)
{
	volatile unsigned char buf[1024];
	secure_wipe((void *)buf, sizeof buf);
}

int breach_index_lookup(const struct breach_index *ix, const char *password, size_t len)
{
	uint8_t digest[20];
	size_t dlen = 0;
	int ret;

	if (ix == NULL || (password == NULL && len > 0))
		return -EINVAL;
	ret = breach_hash_password(ix->hash, password != NULL ? password : "", len, digest, &dlen);
	if (ret == 0)
		ret = breach_index_lookup_digest(ix, digest, dlen);
	secure_wipe(digest, sizeof digest);
	wipe_stack_below();
	return ret;
}

void breach_index_info(const struct breach_index *ix, struct breach_index_info *out)
{
	memset(out, 0, sizeof *out);
	out->hash = ix->hash;
	out->entries = ix->entries;
	out->remainder_bits = ix->L;
	out->buckets = ix->buckets;
	/* log2(M): the fingerprint's information content. */
	for (out->fingerprint_bits = 0;
	     out->fingerprint_bits < 64 && (ix->M >> out->fingerprint_bits) > 1;)
		out->fingerprint_bits++;
	out->file_size = ix->size;
	out->records = ix->records;
	out->bits_per_entry = ix->entries ? (double)ix->size * 8.0 / (double)ix->entries : 0.0;
	out->false_positive_rate = ix->target_fp;
	out->expected_false_positive_rate = (double)ix->entries / ((double)ix->M);
	if (rfc3339_format((time_t)ix->build_time, out->built, sizeof out->built) != 0)
		snprintf(out->built, sizeof out->built, "@%lld", (long long)ix->build_time);
	memcpy(out->source_digest, "sha256:", 7);
	hex_encode(ix->digest, sizeof ix->digest, out->source_digest + 7);
}

int breach_index_verify(const struct breach_index *ix, char *err, size_t errlen)
{
	uint64_t want;

	want = bx_get64(ix->base + BX_OFF_DIR_CHECKSUM);
	if (bx_xxh64(ix->dir, ix->dir_size) != want)
		return bx_fail(
		        err, errlen, -EBADMSG,
		        _("directory (bytes %u..%llu) does not match its checksum at byte %d; %s"),
		        BX_HEADER_SIZE, (unsigned long long)(BX_HEADER_SIZE + ix->dir_size - 1),
		        BX_OFF_DIR_CHECKSUM, _(REBUILD));
	want = bx_get64(ix->base + BX_OFF_BODY_CHECKSUM);
	if (bx_xxh64(ix->body, ix->body_size) != want)
		return bx_fail(
		        err, errlen, -EBADMSG,
		        _("body (bytes %llu..%llu) does not match its checksum at byte %d; %s"),
		        (unsigned long long)(ix->body - ix->base),
		        (unsigned long long)(ix->size - 1), BX_OFF_BODY_CHECKSUM, _(REBUILD));
	return 0;
}
