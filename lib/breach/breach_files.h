/* What `credpolicy breach` does, as library calls: build an index from
 * files, look up a stream of passwords or digests, probe and describe an
 * index. The CLI parses argv, calls one of these and prints. */
#ifndef CREDPOLICY_BREACH_FILES_H
#define CREDPOLICY_BREACH_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "breach/breach_build.h"
#include "breach/breach_index.h"

/* A message for the user (translated, without a newline). */
typedef void (*breach_warn_fn)(void *arg, const char *msg);

struct breach_build_job {
	const char *output; /* the index, written atomically (mode 0644) */
	char *const *files; /* the inputs; "-" is standard input */
	size_t nfiles;
	enum breach_format format;       /* for every input; AUTO detects each */
	struct breach_build_options opt; /* opt.hash 0: the first hashed input decides */
	breach_warn_fn warn;             /* lines skipped in an input */
	void *warn_arg;
};

struct breach_build_result {
	uint64_t records;              /* input records read, with duplicates */
	struct breach_index_info info; /* of the index written, read back */
};

/* Build job->output from every input. Returns 0 with *res filled, or
 * -errno with err naming the file and what is wrong. */
int breach_build_files(struct breach_build_job *job, struct breach_build_result *res, char *err,
                       size_t errlen);

/* "sha1"/"ntlm" and "auto"/"sha1"/"ntlm"/"plain" as given on a command
 * line: 0 with *out set, or -EINVAL. */
int breach_hash_parse(const char *s, enum breach_hash *out);
int breach_format_parse(const char *s, enum breach_format *out);

#define BREACH_LOOKUP_MAX_LINE 8192

/* Open the index at path (breach_index_open_flags() flags), read
 * passwords (or, when hashed, hex digests of the index's type with an
 * optional ":count") one per line from fd and print FOUND or ABSENT for
 * each to out. Returns 1 if any was found, 0 if none, 2 after an error
 * (told through warn). Every buffer that held a password is wiped. */
int breach_lookup_stream(const char *path, unsigned flags, bool hashed, int fd, FILE *out,
                         breach_warn_fn warn, void *warn_arg);

/* Look up probes random keys (non-members): *hits counts the false
 * positives. Returns 0, or -EIO when a block read is damaged. */
int breach_index_probe(const struct breach_index *ix, uint64_t probes, uint64_t *hits);

struct breach_describe_opts {
	bool verify;     /* check every checksum first */
	uint64_t probes; /* random lookups that measure the false-positive rate */
	bool json;       /* one JSON object instead of text */
};

/* `credpolicy breach info`: open the index at path, verify and probe it as
 * o says and print what it is to out. Returns 0, or 2 after telling warn
 * what is wrong (the description is still printed when the index opened). */
int breach_describe(const char *path, const struct breach_describe_opts *o, FILE *out,
                    breach_warn_fn warn, void *arg);

/* The index described as one line of JSON (malloc'd), or NULL. checks is
 * "ok", "damaged" or "not verified". */
char *breach_info_json(const char *path, const struct breach_index_info *in, uint64_t probes,
                       uint64_t hits, const char *checks);

#endif
