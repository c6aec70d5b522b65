/* Helpers for the decoder tests: run a decoder by name and check the
 * contract every decoder keeps (see lib/rules/decoders/decoder.h). */
#ifndef CREDPOLICY_TEST_DECODER_CHECK_H
#define CREDPOLICY_TEST_DECODER_CHECK_H

#include <errno.h>
#include <string.h>

#include "rules/decoders/decoder.h"

/* The canary: it must never show in a note, scheme or account. */
#define CANARY "CanaryPw#1"

static inline void check_not_shown(const struct decoded *d, const char *secret)
{
	assert_null(strstr(d->note, secret));
	assert_null(strstr(d->scheme, secret));
	assert_null(strstr(d->account, secret));
}

/* Decode in with the named decoder; assert success and return out. */
static inline void decode_ok(const char *name, const char *in, struct decoded *d)
{
	const struct decoder *dec = decoder_find(name);

	assert_non_null(dec);
	assert_int_equal(dec->decode((const unsigned char *)in, strlen(in), d), 0);
	assert_non_null(memchr(d->note, '\0', sizeof d->note));
	assert_true(d->note[0] != '\0');
	assert_true(d->scheme[0] != '\0');
}

/* Assert the decoder recovers exactly `clear` from `in`. */
static inline void decode_clear(const char *name, const char *in, const char *clear)
{
	struct decoded d;

	decode_ok(name, in, &d);
	assert_true(d.recoverable);
	assert_int_equal(d.secret_len, strlen(clear));
	assert_memory_equal(d.secret, clear, d.secret_len);
	/* Short vectors may match the fixed wording ("cisco" is in
	 * "cisco-type7"); the canary and longer secrets may not. */
	if (strlen(clear) >= 8)
		check_not_shown(&d, clear);
	decoded_wipe(&d);
	assert_int_equal(d.secret_len, 0);
	assert_int_equal(d.secret[0], 0);
}

/* Assert a store decoder recovered the canary, high, from `count` saved
 * secrets; then wipe d. */
static inline void check_store_canary(struct decoded *d, unsigned count)
{
	assert_true(d->recoverable);
	assert_int_equal(d->count, count);
	assert_int_equal(d->secret_len, strlen(CANARY));
	assert_memory_equal(d->secret, CANARY, d->secret_len);
	assert_int_equal(d->severity, SEV_HIGH);
	check_not_shown(d, CANARY);
	decoded_wipe(d);
}

/* Assert the decoder rejects in (not its format) and leaves d empty. */
static inline void decode_rejects(const char *name, const void *in, size_t len)
{
	const struct decoder *dec = decoder_find(name);
	struct decoded d;

	assert_non_null(dec);
	memset(&d, 0x41, sizeof d);
	assert_int_equal(dec->decode(in, len, &d), -EINVAL);
	assert_int_equal(d.secret_len, 0);
	assert_false(d.recoverable);
	assert_int_equal(d.secret[0], 0);
	assert_int_equal(d.note[0], 0);
}

#define REJECTS(name, s) decode_rejects((name), (s), strlen(s))

#endif
