#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libcryptsetup.h>

#include "report/device_check.h"

#define ENTROPY_RANDOM 7.5 /* bits/byte: ciphertext and random fill score ~8 */

static void quiet(int level, const char *msg, void *usrptr)
{
	(void)level;
	(void)msg;
	(void)usrptr;
}

const char *slot_state_name(enum slot_state s)
{
	switch (s) {
	case SLOT_INACTIVE:
		return "inactive";
	case SLOT_ACTIVE:
		return "active";
	case SLOT_UNBOUND:
		return "unbound";
	default:
		return "invalid";
	}
}

int64_t device_size(int fd)
{
	struct stat st;
	uint64_t sz;

	if (fstat(fd, &st) != 0)
		return -errno;
	if (S_ISREG(st.st_mode))
		return st.st_size;
	if (S_ISBLK(st.st_mode)) {
		if (ioctl(fd, BLKGETSIZE64, &sz) != 0)
			return -errno;
		return (int64_t)sz;
	}
	return -EINVAL;
}

/* "LUKS\xba\xbe" at 0, or the LUKS2 secondary header "SKUL\xba\xbe" at one
 * of its fixed offsets: a header that is there but did not load. */
static bool luks_magic(int fd)
{
	static const off_t second[] = {0,       0x4000,  0x8000,   0x10000,  0x20000,
	                               0x40000, 0x80000, 0x100000, 0x200000, 0x400000};
	unsigned char m[6];

	for (size_t i = 0; i < sizeof second / sizeof second[0]; i++) {
		if (pread(fd, m, sizeof m, second[i]) != (ssize_t)sizeof m)
			return false;
		if (memcmp(m, i == 0 ? "LUKS\xba\xbe" : "SKUL\xba\xbe", 6) == 0)
			return true;
	}
	return false;
}

int luks_check(const char *path, struct luks_state *st, char *err, size_t errlen)
{
	struct crypt_device *cd = NULL;
	const char *s;
	int fd, rc;

	memset(st, 0, sizeof *st);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return rc;
	}
	st->magic_only = luks_magic(fd);
	close(fd);
	crypt_set_log_callback(NULL, quiet, NULL);
	rc = crypt_init(&cd, path);
	if (rc < 0) {
		snprintf(err, errlen, "%s: libcryptsetup cannot open it: %s", path, strerror(-rc));
		return rc;
	}
	crypt_set_log_callback(cd, quiet, NULL);
	if (crypt_load(cd, CRYPT_LUKS, NULL) < 0) {
		crypt_free(cd);
		return 0; /* no (loadable) header: st->magic_only says which */
	}
	st->header = true;
	st->magic_only = false;
	snprintf(st->type, sizeof st->type, "%s", (s = crypt_get_type(cd)) ? s : "LUKS");
	snprintf(st->uuid, sizeof st->uuid, "%s", (s = crypt_get_uuid(cd)) ? s : "");
	st->nslots = crypt_keyslot_max(crypt_get_type(cd));
	if (st->nslots < 0 || st->nslots > LUKS_SLOTS_MAX)
		st->nslots = LUKS_SLOTS_MAX;
	for (int i = 0; i < st->nslots; i++) {
		switch (crypt_keyslot_status(cd, i)) {
		case CRYPT_SLOT_INACTIVE:
			st->slots[i] = SLOT_INACTIVE;
			break;
		case CRYPT_SLOT_ACTIVE:
		case CRYPT_SLOT_ACTIVE_LAST:
			st->slots[i] = SLOT_ACTIVE;
			st->active++;
			break;
		case CRYPT_SLOT_UNBOUND:
			st->slots[i] = SLOT_UNBOUND;
			break;
		default:
			st->slots[i] = SLOT_INVALID;
			break;
		}
	}
	crypt_free(cd);
	return 0;
}

static void count_bytes(const unsigned char *b, size_t n, uint64_t hist[256])
{
	for (size_t i = 0; i < n; i++)
		hist[b[i]]++;
}

int wipe_sample(const char *path, unsigned n, unsigned bs, sample_fn fn, void *ctx,
                struct wipe_sample *out, char *err, size_t errlen)
{
	uint64_t hist[256] = {0}, total = 0;
	unsigned char *buf;
	int64_t size;
	int fd, rc = 0;

	memset(out, 0, sizeof *out);
	if (n == 0 || bs == 0) {
		snprintf(err, errlen, "sample count and block size must be positive");
		return -EINVAL;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return rc;
	}
	size = device_size(fd);
	if (size < 0) {
		snprintf(err, errlen, "%s: not a block device or regular file", path);
		close(fd);
		return (int)size;
	}
	buf = malloc(bs);
	if (buf == NULL) {
		close(fd);
		return -ENOMEM;
	}
	out->size = (uint64_t)size;
	out->block_size = bs;
	{
		uint64_t blocks = (uint64_t)size / bs;
		if (blocks < n)
			n = (unsigned)blocks;
		for (unsigned i = 0; i < n; i++) {
			/* evenly spread, first and last block included */
			uint64_t blk = n > 1 ? (uint64_t)i * (blocks - 1) / (n - 1) : 0;
			ssize_t r = pread(fd, buf, bs, (off_t)(blk * bs));
			bool nz = false;

			if (r != (ssize_t)bs) {
				snprintf(err, errlen, "%s: read error at byte %llu: %s", path,
				         (unsigned long long)(blk * bs),
				         r < 0 ? strerror(errno) : "short read");
				rc = r < 0 ? -errno : -EIO;
				break;
			}
			out->samples++;
			for (unsigned k = 0; k < bs && !nz; k++)
				nz = buf[k] != 0;
			if (nz) {
				out->nonzero++;
				count_bytes(buf, bs, hist);
				total += bs;
			}
			if (fn != NULL)
				fn(ctx, buf, bs, blk * bs);
		}
	}
	out->nonzero_share = out->samples ? (double)out->nonzero / out->samples : 0.0;
	for (int i = 0; i < 256 && total > 0; i++)
		if (hist[i] > 0) {
			double p = (double)hist[i] / (double)total;
			out->entropy -= p * log2(p);
		}
	free(buf);
	close(fd);
	return rc;
}

const char *device_state(const struct luks_state *l, const struct wipe_sample *w)
{
	if (l->header)
		return l->active > 0 ? "key_slots_active" : "crypto_erased";
	if (w->samples > 0 && w->nonzero == 0)
		return "zeroed";
	if (w->nonzero > 0 && w->entropy >= ENTROPY_RANDOM)
		return "random_data";
	return "data_remains";
}

bool device_state_ok(const char *state)
{
	return strcmp(state, "crypto_erased") == 0 || strcmp(state, "zeroed") == 0 ||
	       strcmp(state, "random_data") == 0;
}
