/* Building a breach index (doc/breach-index.md) from HIBP downloads and
 * plain password lists, in bounded memory. Used by `credpolicy breach build`
 * and the tests; not part of what the PAM module loads. */
#ifndef CREDPOLICY_BREACH_BUILD_H
#define CREDPOLICY_BREACH_BUILD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "breach/breach_index.h"

enum breach_format {
	BREACH_FORMAT_AUTO = 0,
	BREACH_FORMAT_SHA1,  /* 40 hex digits [":" count] per line */
	BREACH_FORMAT_NTLM,  /* 32 hex digits [":" count] per line */
	BREACH_FORMAT_PLAIN, /* one password per line */
};

#define BREACH_DEFAULT_FP_RATE 1e-9
#define BREACH_DEFAULT_MEMORY  ((size_t)256 << 20)
#define BREACH_MAX_PLAIN_LINE  4096 /* longer plain lines are skipped and counted */

struct breach_build_options {
	enum breach_hash hash; /* 0: the first hashed input's type, else SHA-1 */
	double fp_rate;        /* 0: BREACH_DEFAULT_FP_RATE */
	size_t memory;         /* key buffers in bytes; 0: BREACH_DEFAULT_MEMORY */
	const char *tmpdir;    /* run files; NULL: $TMPDIR, else /tmp */
	time_t build_time;     /* 0: now */
	/* Called about every 2^20 records, e.g. for a progress line. */
	void (*progress)(void *arg, uint64_t records);
	void *progress_arg;
};

struct breach_input_stats {
	enum breach_format format; /* as detected or forced */
	uint64_t lines;
	uint64_t records;
	uint64_t comments;     /* plain lists: "#!comment:" lines (John the Ripper) */
	uint64_t invalid_utf8; /* plain lists hashed as NTLM: skipped */
	uint64_t too_long;     /* plain lines over BREACH_MAX_PLAIN_LINE bytes: skipped */
	uint64_t first_invalid_line;
};

struct breach_builder;

int breach_builder_new(const struct breach_build_options *opts, struct breach_builder **out);
void breach_builder_free(struct breach_builder *b);

/* The hash type decided so far (0 if none yet). */
enum breach_hash breach_builder_hash(const struct breach_builder *b);

/* Guess a file's format from its first bytes (up to the first 16 lines):
 * SHA-1 or NTLM when the first line and at least half of them are HIBP lines
 * of that width, else plain. */
enum breach_format breach_detect_format(const char *buf, size_t len);

/* Read one input to its end. name is used in messages ("-" = standard input).
 * Returns 0, or -errno with err saying "NAME:LINE: what is wrong". */
int breach_builder_add_fd(struct breach_builder *b, int fd, const char *name,
                          enum breach_format format, struct breach_input_stats *stats, char *err,
                          size_t errlen);

/* Add one key (the first 8 bytes of a digest, big-endian). For tests and
 * benchmarks; the hash type must be set by the options. */
int breach_builder_add_key(struct breach_builder *b, uint64_t key);

/* Write the index to fd (a new, empty regular file) from offset 0.
 * Returns 0 or -errno with err filled. */
int breach_builder_write(struct breach_builder *b, int fd, char *err, size_t errlen);

const char *breach_format_name(enum breach_format f);

#endif
