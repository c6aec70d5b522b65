/* Text held in a string with its escapes: a device's configuration in a
 * JSON string ("running": "!\nhostname R1\nenable password x\n", what
 * network automation tools save), a JSON document inside another
 * (Terraform's container_definitions, kubectl's last-applied-configuration
 * annotation), an INI file in a JSON value. Its lines and quotes are only
 * escapes, so rules that read lines and quotes miss what it holds, or take
 * an escape into a value ("x\n"). The engine reads such a string a second
 * time, its escapes undone: a view (engine.c, read_views()). */
#ifndef CREDPOLICY_ESCAPED_H
#define CREDPOLICY_ESCAPED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A string of text: the offsets of its opening and closing quotes, and of
 * the start of its line. */
struct escaped_string {
	size_t open, close, line;
};

/* Reading a buffer for such strings, from its start. */
struct escaped_reader {
	const unsigned char *b;
	size_t len;
	size_t pos; /* outside any string */
	size_t eol; /* the end of pos's line, once known (else 0) */
	size_t bol; /* and its start */
};

/* mid_line: b starts inside a line (a chunk after a file's first), whose
 * quotes cannot be paired: reading starts at the next line. */
void escaped_reader_init(struct escaped_reader *r, const unsigned char *b, size_t len,
                         bool mid_line);

/* The next string of text: a double-quoted string closed on its line
 * (JSON's strings hold no line break), at most max bytes long, that holds
 * a second line (an escaped line break, "\n", with more after it), two
 * escaped line breaks or two escaped quotes (\"), that opens before until
 * and closes after from. Quotes are paired from the start of each line that holds
 * a backslash. The work is linear in the buffer's length, whatever the
 * calls. */
bool escaped_next(struct escaped_reader *r, size_t from, size_t until, size_t max,
                  struct escaped_string *out);

/* Undo the escapes of s[0, n), a string's inside: JSON's (\n \r \t \b \f
 * \/ \\ \" and \uXXXX, as UTF-8; a lone surrogate as U+FFFD); any other
 * backslash stays. Writes at most n bytes to out and, for each, at[i]:
 * the offset in s of the byte or escape it came from. Returns the number
 * of bytes written. */
size_t escaped_decode(const unsigned char *s, size_t n, unsigned char *out, uint32_t *at);

#endif
