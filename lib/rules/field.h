/* The credential field judge: does a key (an identifier, a dotted path, an
 * XML element or attribute name, a JSON key, a command-line flag) name a
 * credential? The key is split into words (camelCase, snake_case,
 * kebab-case, dotted and namespaced names) and a credential word in any
 * position makes it one (dbPassword, AdminPassword, password_super_secure,
 * db.password), unless another word says the field is about the
 * credential rather than the credential itself (password_min_length,
 * passwordFile, token_ttl). Rules opt in with a named group "key". */
#ifndef CREDPOLICY_FIELD_H
#define CREDPOLICY_FIELD_H

#include <stdbool.h>
#include <stddef.h>

/* The longest word and the most words looked at. */
#define FIELD_WORD_MAX  32
#define FIELD_WORDS_MAX 16

struct field_word {
	size_t at, len; /* in the key */
};

/* Split key[0..n) into words: letters and digits, broken at any other
 * byte and where a lower-case letter or digit is followed by an upper-case
 * one ("dbPassword" -> db, Password; "APIKey" -> API, Key). Returns the
 * number of words stored (at most max). */
size_t field_split(const char *key, size_t n, struct field_word *out, size_t max);

/* The key names a credential. "key" alone counts (field_names_bare_key):
 * the caller judges its value. */
bool field_names_credential(const char *key, size_t n);

/* The key names a credential by a "key" at its head alone, no credential
 * word and no owner before it (slackKey, GITLAB_KEY; in a program also
 * long_key, rule_key: the name of a map's key as often as a secret). */
bool field_names_key_only(const char *key, size_t n);

/* The key is the word "key" alone, with at most an index (Key, key1): a
 * credential only when its value is a random token. */
bool field_names_bare_key(const char *key, size_t n);

/* The key names several credentials, each under a name of its own: its
 * last word is a credential word in the plural (passwords, api_tokens,
 * API_KEYS, secrets) or "credentials". A count is often so named
 * ("passwords: 3", max_tokens is none: a describing word). */
bool field_names_several(const char *key, size_t n);

/* The value is the word "password" in another language than the name's
 * own, or in another spelling: a message catalog's label of the field
 * (password: Contraseña, 密码: Password), not a password. The name's own
 * word as its value is a weak password stored (password: password). */
bool field_value_translates(const char *key, size_t kn, const char *val, size_t vn);

#endif
