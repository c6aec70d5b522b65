/* The installation's fingerprint key: a file of random bytes, created at
 * first use, readable only by its owner, that keys every fingerprint
 * (fingerprint.h). A team that shares baselines gives every host the same
 * file (--fingerprint-key FILE, or CREDPOLICY_FINGERPRINT_KEY). */
#ifndef CREDPOLICY_FINGERPRINT_KEY_H
#define CREDPOLICY_FINGERPRINT_KEY_H

#include <stddef.h>

#define FINGERPRINT_KEY_ENV       "CREDPOLICY_FINGERPRINT_KEY"
#define FINGERPRINT_KEY_NEW_BYTES 32

/* The path to use: path if not NULL, else $CREDPOLICY_FINGERPRINT_KEY
 * (secure_getenv), else the default. */
const char *fingerprint_key_path(const char *path);

/* Read the key at path, creating it (0600, atomically: written to a
 * temporary and linked into place, so two first uses agree) when it does not
 * exist, and hand it to fingerprint_key_set(). The file must be a regular
 * file (no symbolic link), owned by root or by the caller, with no access
 * for group or others, and hold FINGERPRINT_KEY_MIN..MAX bytes. Returns 0 or
 * -errno with err saying what is wrong and what to do. */
int fingerprint_key_load(const char *path, char *err, size_t errlen);

#endif
