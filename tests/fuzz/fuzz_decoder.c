/* One libFuzzer target for every decoder, picked by the corpus directory
 * named on the command line: tests/fuzz/corpus/decoder_NAME fuzzes the
 * decoder NAME ('_' for '-': decoder_cisco_secret is "cisco-secret").
 * `fuzz_decoder -decoders` lists them, so a test can check that each has
 * its corpus. Besides surviving any input, a decoder must keep its
 * contract: a bounded secret only when recoverable, a wiped struct on
 * rejection and terminated strings. (Whether a note holds the secret is
 * checked by the unit tests with canaries: here a fuzzer soon builds
 * inputs whose secret is a piece of a fixed note.) */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/decoders/decoder.h"

#define CORPUS_PREFIX "decoder_"

static const struct decoder *dec;

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != 0)
			return false;
	return true;
}

/* The decoder a corpus directory names, or NULL. */
static const struct decoder *decoder_of_corpus(const char *path)
{
	char buf[256], *base;

	if (strlen(path) >= sizeof buf)
		return NULL;
	strcpy(buf, path);
	while (strlen(buf) > 1 && buf[strlen(buf) - 1] == '/')
		buf[strlen(buf) - 1] = '\0';
	base = basename(buf);
	if (strncmp(base, CORPUS_PREFIX, strlen(CORPUS_PREFIX)) != 0)
		return NULL;
	base += strlen(CORPUS_PREFIX);
	for (char *c = base; *c != '\0'; c++)
		if (*c == '_')
			*c = '-';
	return decoder_find(base);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	for (int i = 1; i < *argc; i++) {
		const char *a = (*argv)[i];

		if (strcmp(a, "-decoders") == 0) {
			for (const struct decoder *const *d = decoder_all(); *d != NULL; d++)
				printf("%s\n", (*d)->name);
			exit(0);
		}
		if (a[0] != '-' && dec == NULL)
			dec = decoder_of_corpus(a);
	}
	if (dec == NULL) {
		fprintf(stderr, "fuzz_decoder: name a corpus directory " CORPUS_PREFIX
		                "NAME for the decoder NAME (-decoders lists them)\n");
		exit(2);
	}
	return 0;
}

/* The contract of one verdict (rc, d); d wiped after. */
static void check(int rc, struct decoded *d)
{
	if (rc != 0) {
		if (rc != -EINVAL || !all_zero(d->secret, sizeof d->secret) || d->secret_len != 0 ||
		    d->recoverable || d->note[0] != '\0' || d->scheme[0] != '\0')
			abort();
		return;
	}
	if (d->secret_len > DECODED_MAX || (d->secret_len > 0 && !d->recoverable))
		abort();
	if (memchr(d->note, '\0', sizeof d->note) == NULL ||
	    memchr(d->scheme, '\0', sizeof d->scheme) == NULL ||
	    memchr(d->account, '\0', sizeof d->account) == NULL)
		abort();
	decoded_wipe(d);
	if (!all_zero(d->secret, sizeof d->secret) || d->secret_len != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct decoded d;
	size_t span, from = 0;

	memset(&d, 0x5a, sizeof d);
	check(dec->decode(data, size, &d), &d);
	if (dec->decode_row == NULL || size == 0)
		return 0;
	/* a statement of rows: the rule's span the input's first part (its
	 * length from the first byte), each row's next after it and inside */
	span = (size_t)data[0] * size / 256 + 1;
	for (int row = 0; row < 1000; row++) {
		int rc;
		memset(&d, 0x5a, sizeof d);
		rc = dec->decode_row(data, span, size, from, &d);
		if (d.next != 0 && (d.next <= from || d.next >= size))
			abort();
		from = d.next;
		check(rc, &d);
		if (from == 0)
			break;
	}
	return 0;
}
