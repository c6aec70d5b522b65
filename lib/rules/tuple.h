/* Tuple assignments: in the languages whose assignment pairs names and
 * values in order (Python, Ruby, Go, Lua; Perl with brackets on both
 * sides), the value each name takes. "user, password, host = "admin",
 * "x", "db"" gives password "x"; a rule that reads a field's value after
 * its name would read "admin" or nothing. The engine moves a finding under
 * such a name to the value in the name's place (engine.c, report()). */
#ifndef CREDPOLICY_RULES_TUPLE_H
#define CREDPOLICY_RULES_TUPLE_H

#include <stddef.h>

enum tuple_lang {
	TUPLE_NONE, /* no tuple assignment: C, Java, JavaScript, configuration */
	TUPLE_HASH, /* a, b = x, y with # comments: Python, Ruby */
	TUPLE_GO,   /* var a, b T = x, y; a, b := x, y; // comments, `raw` strings */
	TUPLE_LUA,  /* local a, b = x, y; -- comments */
	TUPLE_PERL, /* my ($a, $b) = (x, y): without brackets a comma is an operator */
};

/* The language a file's name says, by its extension. */
enum tuple_lang tuple_language(const char *path);

enum tuple_pair {
	TUPLE_NOT,     /* the name is no target of a tuple assignment */
	TUPLE_LITERAL, /* its value is a quoted literal: *vs, *ve its inside */
	TUPLE_OTHER,   /* its value is no literal: a name, a call, a number */
};

/* Whether the name b[ks, ke) lies inside one of two to eight targets of
 * one assignment, a statement of one line (or after a ';' on it) that does
 * not continue a call's arguments from the line before, with as many
 * values; and what value is in its place. */
enum tuple_pair tuple_value(const unsigned char *b, size_t len, size_t ks, size_t ke,
                            enum tuple_lang lang, size_t *vs, size_t *ve);

#endif
