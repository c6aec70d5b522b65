/* Helpers shared by the decoders (not part of the decoder interface):
 * filling a struct decoded safely, trimming a matched value, hex and
 * base64 without allocation. */
#ifndef CREDPOLICY_DECODE_UTIL_H
#define CREDPOLICY_DECODE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "rules/decoders/decoder.h"
#include "rules/decoders/hash_scheme.h"

/* Wipe d and return -EINVAL: the input is not of the decoder's format. */
int decoded_reject(struct decoded *d);

/* Copy the recovered clear secret into d and set recoverable; -EINVAL
 * when it is empty or longer than DECODED_MAX. */
int decoded_set_secret(struct decoded *d, const void *secret, size_t len);

/* Take the n clear bytes a decoder recovered into buf (bufsize bytes):
 * when they are non-empty printable text, copy them into d as the
 * secret; wipe buf either way. Returns 0, or -EINVAL with d wiped (a
 * password that decodes to control bytes was not of this format). */
int decoded_take_text(struct decoded *d, unsigned char *buf, size_t bufsize, size_t n);

/* printf into d->note, cut at a UTF-8 character boundary. Callers pass
 * only names and counts, never the secret. */
void decoded_note(struct decoded *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Set the severity, scheme and (fixed, secret-free) note; returns 0 so a
 * decoder can end with `return decoded_verdict(...)`. */
int decoded_verdict(struct decoded *d, enum severity sev, const char *scheme, const char *note);

/* Copy a NUL-terminated name into d->scheme (truncated). */
void decoded_scheme(struct decoded *d, const char *scheme);

/* Copy n bytes of a user name into d->account; false (account left
 * empty) when it does not fit or holds control bytes. */
bool decoded_account(struct decoded *d, const void *name, size_t n);

/* The severity a hash of this strength suggests outside its proper
 * place: weak = high (cheap to crack offline), acceptable = medium,
 * strong = low. */
enum severity hash_strength_severity(enum hash_strength s);

/* Drop surrounding ASCII white space and one pair of matching quotes. */
void trim_value(const unsigned char **in, size_t *len);

/* True when len bytes hold no control characters (UTF-8 allowed). */
bool printable_text(const unsigned char *p, size_t len);

/* True when all n bytes are crypt(3) base64 letters [./0-9A-Za-z]. */
bool crypt_letters(const unsigned char *p, size_t n);

/* 0-15 for a hex digit (either case), -1 otherwise. */
int hex_digit(int c);

/* Decode base64 (standard or URL alphabet, '=' padding optional, ASCII
 * white space skipped) into out. Returns the decoded length or -EINVAL
 * on a bad character, bad padding or when out (outlen) is too small. */
ssize_t base64_decode_buf(const unsigned char *in, size_t len, unsigned char *out, size_t outlen);

/* Windows' UTF-16LE text (no BOM) as UTF-8 into out. Returns the length, or
 * -EINVAL on an odd length, a NUL, a lone surrogate or when out (outlen)
 * is too small. */
ssize_t utf16le_to_utf8(const unsigned char *in, size_t len, unsigned char *out, size_t outlen);

/* The big-endian 32-bit number at p (SSH strings, keyring files). */

/* Case-insensitive search for the NUL-terminated needle in p[0..len). */
const unsigned char *find_ci(const unsigned char *p, size_t len, const char *needle);

/* The decoders, one per format (listed by registry.c). */
extern const struct decoder decoder_cisco7, decoder_cisco_secret, decoder_juniper9;
extern const struct decoder decoder_fortios_enc;
extern const struct decoder decoder_crypt, decoder_htpasswd, decoder_privkey;
extern const struct decoder decoder_privkey_base64, decoder_pkcs12;
extern const struct decoder decoder_sql_insert, decoder_sql_copy, decoder_sql_table;
extern const struct decoder decoder_basic_auth, decoder_base64, decoder_grafana;
extern const struct decoder decoder_filezilla, decoder_winscp, decoder_rclone;
extern const struct decoder decoder_softether;
extern const struct decoder decoder_firefox_logins, decoder_chromium_logins;
extern const struct decoder decoder_gnome_keyring, decoder_vnc;
extern const struct decoder decoder_gpp_cpassword, decoder_unattend, decoder_unattend_admin;

#endif
