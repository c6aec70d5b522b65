/* Showing names from outside (file names, user names) so they cannot drive
 * a terminal or reorder what a reader sees, and so JSON stays valid UTF-8
 * whatever bytes a name holds. */
#ifndef CREDPOLICY_TEXT_ESCAPE_H
#define CREDPOLICY_TEXT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Is s valid UTF-8 (no overlong forms, surrogates or code points above
 * U+10FFFF)? */
bool text_is_utf8(const char *s);

/* s for a terminal: C0 controls, DEL and backslash, C1 controls (0x80-0x9f
 * as bytes or as U+0080-U+009F), bidirectional controls (U+061C, U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069) and bytes that are not valid UTF-8
 * are written as \xNN per byte; everything else as is. */
void text_escape_put(FILE *fp, const char *s);

/* The same into a new string (free() it), or NULL when out of memory. */
char *text_escape(const char *s);

/* The same into buf (size > 0), cut at a whole character or escape when
 * it does not fit; returns buf, for printf arguments. */
const char *text_escape_buf(const char *s, char *buf, size_t size);

/* The raw bytes of s as base64 (RFC 4648, padded; free() it), for a JSON
 * field beside the escaped form when s is not valid UTF-8. */
char *text_base64(const char *s);

/* Add name to a JSON object under key: as it is when it is UTF-8; else its
 * escaped form under key, and its exact bytes in base64 under key_bytes
 * (e.g. "path" and "path_bytes"), so nothing is lost and the JSON stays
 * valid. */
struct json_object;
void text_json_add_name(struct json_object *o, const char *key, const char *name);

#endif
