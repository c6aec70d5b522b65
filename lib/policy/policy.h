/* The password policy engine (clause 3(1)③): settings in, verdict out.
 *
 * Pure library: no PAM types, no logging, no terminal I/O. The PAM module,
 * `credpolicy check` and the tests all call exactly these functions.
 *
 * State: libcpcore keeps no state between calls but one cache, the words
 * of the dictionary check and the guessability model (dictionary.c). It is
 * keyed on the settings' dictpath and wordlist and on the identity (device,
 * inode, size, mtime) of every file the words came from, looked at again
 * at most once a second; a call that finds a file changed builds the
 * words again. The cache is shared by threads
 * under one mutex, counted so that a replaced set is freed by its last
 * user, and freed when the program exits or the module is unloaded.
 * Everything else -- settings, breach indexes -- is loaded per call. */
#ifndef CREDPOLICY_POLICY_H
#define CREDPOLICY_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy/settings.h"

/* Why a password is refused: one row each in policy/reasons.def (code,
 * message, clause). The codes (policy_reason_code) are an interface
 * documented in credpolicy(1) and must never change meaning. */
enum policy_reason {
#define REASON(id, code, number, message, counted, clause) REASON_##id,
#include "policy/reasons.def"
	REASON__COUNT
};

struct policy_user {
	const char *name;  /* may be NULL */
	const char *gecos; /* may be NULL */
};

struct policy_verdict {
	uint32_t reasons;     /* bit (1u << enum policy_reason) */
	int score;            /* 0..100, an estimate of strength; 0 when rejected */
	double guesses_log10; /* the guessability model's estimate, log10 of guesses */
	uint32_t pieces;      /* bit (1u << k) for each kind k of piece in its cover */
};

/* The name of a kind of piece ("word", "year", ...; see guess_floor in
 * credpolicy.conf(5)), NULL past the last. Never the text of the piece. */
const char *policy_piece_name(unsigned k);

/* Check a candidate password. old may be NULL (root changing another
 * user's password, or `credpolicy check` without --old). Returns 0 with
 * *out filled (out->reasons == 0 means accepted), or -errno for an
 * internal error (the caller must then refuse, never accept). Every copy
 * the engine makes of the password is wiped before return. */
int policy_check(const struct policy_settings *s, const char *password, const char *old,
                 const struct policy_user *user, struct policy_verdict *out);

/* Load what the checks need before the first password: the dictionary
 * (once per process, shared by every later policy_check() with the same
 * dictpath and wordlist) and the breach indexes. Optional -- policy_check()
 * loads lazily and then reports check_unavailable on failure -- but it lets
 * the caller log why: returns 0, or -errno with a sentence naming the file
 * and what to do in err. */
int policy_prepare(const struct policy_settings *s, char *err, size_t errlen);

/* Look the password up in every configured breach index (s->breach_index).
 * Returns 1 if any index holds it, 0 if none does, or -errno when an index
 * could not be opened or read and breach_unavailable is "refuse" (with
 * "skip" such an index is passed over and 0 returned). err, when not NULL,
 * receives the first unusable index and why, in either mode, so the caller
 * can log it. policy_check() reports 1 as breached and <0 as
 * check_unavailable; the PAM module's login check calls it directly. */
int policy_breach_lookup(const struct policy_settings *s, const char *password, char *err,
                         size_t errlen);

static inline bool policy_verdict_ok(const struct policy_verdict *v)
{
	return v->reasons == 0;
}

/* "too_short" etc.; NULL for an out-of-range value. */
const char *policy_reason_code(enum policy_reason r);

/* The clause of the policy a reason enforces, e.g. "3(1)③"; NULL for an
 * out-of-range value. */
const char *policy_reason_clause(enum policy_reason r);

/* The user-facing sentence for a reason, translated by the current locale
 * (gettext domain "credpolicy"), with the settings' numbers filled in, e.g.
 * "The password is shorter than 12 characters." Writes into buf. */
const char *policy_reason_message(enum policy_reason r, const struct policy_settings *s, char *buf,
                                  size_t len);

/* Write the reason codes of v as "a,b,c" into buf (for logs and the CLI). */
size_t policy_reasons_join(const struct policy_verdict *v, char *buf, size_t len);

#endif
