/* Disposal checks on a device or disk image (clause 4(1)): is a LUKS
 * header there and is every key slot destroyed (crypto-erase), and a
 * sampled wipe check: the share of non-zero blocks on N blocks spread
 * over the device and how random the non-zero ones look. */
#ifndef CREDPOLICY_ACCOUNTS_DEVICE_CHECK_H
#define CREDPOLICY_ACCOUNTS_DEVICE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LUKS_SLOTS_MAX 32

enum slot_state { SLOT_INACTIVE, SLOT_ACTIVE, SLOT_UNBOUND, SLOT_INVALID };

struct luks_state {
	bool header;     /* libcryptsetup loaded a LUKS header */
	bool magic_only; /* a LUKS magic is there but the header did not load */
	char type[16];   /* "LUKS1", "LUKS2" */
	char uuid[40];
	int nslots;
	int active; /* slots that can unlock the volume key */
	enum slot_state slots[LUKS_SLOTS_MAX];
};

/* Returns 0 (state filled, header or not) or -errno when the device
 * cannot be read at all; err gets a message. */
int luks_check(const char *path, struct luks_state *st, char *err, size_t errlen);
const char *slot_state_name(enum slot_state s);

struct wipe_sample {
	uint64_t size;
	unsigned block_size, samples, nonzero;
	double nonzero_share;
	double entropy; /* bits per byte over the non-zero sampled blocks */
};

/* Called with each sampled block (for a signature scan); may be NULL. */
typedef void (*sample_fn)(void *ctx, const unsigned char *buf, size_t len, uint64_t offset);

/* Open path read-only, find its size (block device or file) and sample
 * n blocks of bs bytes spread evenly over it. Returns 0 or -errno. */
int wipe_sample(const char *path, unsigned n, unsigned bs, sample_fn fn, void *ctx,
                struct wipe_sample *out, char *err, size_t errlen);

/* The size of an open device or file, or -errno. */
int64_t device_size(int fd);

/* What the two checks say together: "crypto_erased", "key_slots_active",
 * "zeroed", "random_data" (no header, high entropy: consistent with a
 * destroyed LUKS header or a random overwrite), "data_remains". */
const char *device_state(const struct luks_state *l, const struct wipe_sample *w);
/* Whether that state passes clause 4(1). */
bool device_state_ok(const char *state);

#endif
