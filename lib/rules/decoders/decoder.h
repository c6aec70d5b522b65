/* Decoders: formats a regular expression cannot judge. A rule names a
 * decoder ("decoder = cisco7"); the engine hands it the matched secret
 * group (or, for whole-file decoders, the file) and the decoder says what
 * it is: the recovered clear password for reversible encodings (Cisco
 * type 7, Juniper $9$, WinSCP, FileZilla base64), the hash scheme and its
 * strength for hashes, whether a private key is encrypted, or the saved
 * logins in a browser store. */
#ifndef CREDPOLICY_DECODER_H
#define CREDPOLICY_DECODER_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/finding.h"

#define DECODED_MAX 512

/* decoded.severity when the decoder has no opinion: keep the rule's. */
#define SEVERITY_KEEP ((enum severity) - 1)

struct decoded {
	/* The clear secret, when recoverable; wiped by decoded_wipe(). */
	unsigned char secret[DECODED_MAX];
	size_t secret_len;
	bool recoverable;       /* secret holds the clear password */
	bool not_a_secret;      /* placeholder / example / encrypted key: no finding */
	enum severity severity; /* suggested severity, or SEVERITY_KEEP */
	char note[160];         /* e.g. "Cisco type 7: reversible, decodes to the password";
	                           "md5crypt: weak hash scheme"; never the secret */
	char scheme[32];        /* hash scheme or format name, e.g. "sha512crypt" */
	unsigned count;         /* for stores: how many saved credentials */
	char account[64];       /* user name the stored form carries (Docker
	                           "user:pass", htpasswd "user:hash"), else "" */
	size_t at;              /* where in the input the value stands (a dump's
	                           row below its table's columns): the finding's
	                           place; 0, the input's start, unless set */
	size_t next;            /* a statement of rows (decode_row): where in the
	                           input the row after the one read starts, 0 if
	                           none; set on a rejected row too (a hash in the
	                           first row, a clear password in the second) */
};

struct decoder {
	const char *name; /* as used in rule files */
	/* Decode in (the matched secret group). Returns 0 on success (out
	 * filled), -EINVAL when the input is not of this format (no finding;
	 * out is then wiped). The decoder never writes anywhere but out, and
	 * note/scheme/account never hold the secret. */
	int (*decode)(const unsigned char *in, size_t len, struct decoded *out);
	/* One line for listings (`credaudit rules list`): what it takes and
	 * what it says; untranslated, pass it through _(). */
	const char *summary;
	/* The secret group is a statement the decoder reads (a dump's row),
	 * not the secret: the decoder judges the value it takes, fill-ins
	 * and masks included, and the engine does not judge the group. */
	bool reads_statement;
	/* A statement of several rows (a dump's INSERT … VALUES (…), (…), a
	 * COPY's data lines): in[0, span) is what decode() is given (the
	 * rule's span) and in[span, len) the text after it; the row that
	 * starts at offset from of in (0: the first, as decode() reads it),
	 * judged as decode() judges the first, and out->next. NULL: one
	 * verdict per statement. */
	int (*decode_row)(const unsigned char *in, size_t span, size_t len, size_t from,
	                  struct decoded *out);
};

/* NULL when unknown. */
const struct decoder *decoder_find(const char *name);

/* NULL-terminated list of all decoders (for `credaudit rules list`). */
const struct decoder *const *decoder_all(void);

/* Wipe the whole struct (secret included); it is then empty, with
 * severity SEVERITY_KEEP. */
void decoded_wipe(struct decoded *d);

#endif
