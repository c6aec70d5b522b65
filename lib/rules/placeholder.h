/* The reference judge: a value that stands for a secret without being
 * one is a reference (a variable or template marker: "${DB_PASSWORD}",
 * "%PASS%", "{{ pw }}", "<%= pw %>", "getenv(...)"), a mask ("****",
 * "XXXX") or a fill-in instruction ("YOUR_PASSWORD", "<password>",
 * "REPLACE_ME"), or base64 whose text is one of these. A switch ("0",
 * "off") is a setting, not a value. Every other value is a literal, and
 * stored, a finding: weak values ("password", "changeme", "123") are never
 * dismissed here, they are graded (grading.h). */
#ifndef CREDPOLICY_PLACEHOLDER_H
#define CREDPOLICY_PLACEHOLDER_H

#include <stdbool.h>
#include <stddef.h>

/* A reference, a mask, a fill-in, or no value at all (empty, null). */
bool is_placeholder(const unsigned char *s, size_t n);

/* In source code, an unquoted value that is an expression: an identifier,
 * a member access (a.b, a->b, a::b), a call or a subscript. */
bool is_code_reference(const unsigned char *s, size_t n);

/* A value no expression of a program spells: a bracket closed that was
 * never opened, or closed by the wrong kind, with more of the value after
 * it ("hope]nobody[finds", "m{{h}o)p"). One left over at the end
 * ("password=pw)" cut from a call's arguments) or at the start is the
 * code's own, and so is a brace closing nothing: a block's end in
 * minified code ("e}getToken()"). */
bool is_not_expression(const unsigned char *s, size_t n);

/* A user and password pair written as a fill-in ("<user:password>") or
 * whose user is a mask ("xxx:yyy"): a template, not a stored credential.
 * "user:password" itself is a weak literal pair: stored, and graded. */
bool is_fill_in_pair(const unsigned char *user, size_t nu, const unsigned char *pw, size_t np);

/* A value that repeats its field's name, when the name is more than one
 * word ("share_password: share_password", "dbPassword=dbpassword"), or
 * two words or more of it ("CHALLENGE_PASSWORD": "challengePassword",
 * refresh_token_key = 'refresh_token'): the name of what goes there, a
 * fill-in. "password: password" stays a weak literal. */
bool is_field_echo(const unsigned char *key, size_t nk, const unsigned char *val, size_t nv);

/* A location, not a secret: a URL with no user information before its
 * path ("https://artifacts.example/GPG-KEY", "s3://bucket/path"). Generic
 * rules dismiss it; a URL that carries a token in its path (webhooks) is
 * a specific rule's to judge. */
bool is_location(const unsigned char *s, size_t n);

/* A private name of a program, a method's or an attribute's: an
 * underscore, then two words or more in letters, joined by underscores
 * or in camel case ("_inc_changes_count", "_contentLength"). In source
 * code, a string so spelled given to a call or under a key named by its
 * head is a name (engine.c); "_admin_pass" under a password's is a value. */
bool is_private_name(const unsigned char *s, size_t n);

#endif
