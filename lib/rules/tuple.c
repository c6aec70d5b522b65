/* Tuple assignments (tuple.h): a small reader of one line of Python, Ruby,
 * Go, Lua or Perl, enough to pair an assignment's targets with its
 * values. It never reads past the line of the name, nor more than
 * TUPLE_LINE_MAX bytes around it. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "rules/tuple.h"

#define TUPLE_MAX      8    /* targets of one assignment */
#define TUPLE_LINE_MAX 4096 /* bytes read before and after the name */

enum tuple_lang tuple_language(const char *path)
{
	static const struct {
		const char *ext;
		enum tuple_lang lang;
	} exts[] = {
	        {".py", TUPLE_PLAIN}, {".pyw", TUPLE_PLAIN}, {".rb", TUPLE_PLAIN},
	        {".go", TUPLE_PLAIN}, {".lua", TUPLE_PLAIN}, {".pl", TUPLE_PERL},
	        {".pm", TUPLE_PERL},
	};
	size_t n = path != NULL ? strlen(path) : 0;

	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t m = strlen(exts[i].ext);
		if (n > m && strcmp(path + n - m, exts[i].ext) == 0)
			return exts[i].lang;
	}
	return TUPLE_NONE;
}

static bool ident_start(unsigned char c)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool ident_byte(unsigned char c)
{
	return ident_start(c) || (c >= '0' && c <= '9');
}

static size_t blanks(const unsigned char *b, size_t i, size_t le)
{
	while (i < le && (b[i] == ' ' || b[i] == '\t'))
		i++;
	return i;
}

/* A comment starts at b[i]: #, // or -- (Python, Ruby and Perl; Go; Lua). */
static bool comment_at(const unsigned char *b, size_t i, size_t le)
{
	return b[i] == '#' || (i + 1 < le && ((b[i] == '/' && b[i + 1] == '/') ||
	                                      (b[i] == '-' && b[i + 1] == '-')));
}

/* After the string opened by the quote at b[i]: the index past its
 * closing quote, or 0 when it does not close on the line. */
static size_t string_end(const unsigned char *b, size_t i, size_t le)
{
	unsigned char q = b[i];

	for (i++; i < le; i++) {
		if (b[i] == '\\')
			i++;
		else if (b[i] == q)
			return i + 1;
	}
	return 0;
}

/* After the bracket opened at b[i], with the strings and brackets inside
 * it: the index past its closer, or 0 when it does not close on the line
 * or closes with another kind. */
static size_t balanced_end(const unsigned char *b, size_t i, size_t le)
{
	unsigned char stack[32];
	size_t depth = 0;

	for (; i < le; i++) {
		unsigned char c = b[i];
		if (c == '"' || c == '\'' || c == '`') {
			size_t e = string_end(b, i, le);
			if (e == 0)
				return 0;
			i = e - 1;
		} else if (c == '(' || c == '[' || c == '{') {
			if (depth == sizeof stack)
				return 0;
			stack[depth++] = c == '(' ? ')' : c == '[' ? ']' : '}';
		} else if (c == ')' || c == ']' || c == '}') {
			if (depth == 0 || stack[--depth] != c)
				return 0;
			if (depth == 0)
				return i + 1;
		}
	}
	return 0;
}

/* Only blanks, a ';' or a comment from b[i] to the line's end. */
static bool rest_ends(const unsigned char *b, size_t i, size_t le)
{
	i = blanks(b, i, le);
	if (i < le && b[i] == ';')
		i = blanks(b, i + 1, le);
	return i == le || comment_at(b, i, le);
}

/* The line before the one at ls ends an unfinished expression: a call's
 * or a literal's opened bracket, a comma between arguments, a backslash.
 * Then the line is part of that expression (a call's arguments on a line
 * of their own, "  host, password = "x", db"), not a statement. */
static bool continues(const unsigned char *b, size_t ls)
{
	size_t j = ls;

	while (j > 0) {
		j--; /* the previous line's newline */
		while (j > 0 && (b[j - 1] == ' ' || b[j - 1] == '\t' || b[j - 1] == '\r'))
			j--;
		if (j == 0)
			return false;
		if (b[j - 1] == '\n')
			continue; /* a blank line */
		return b[j - 1] == ',' || b[j - 1] == '(' || b[j - 1] == '[' || b[j - 1] == '{' ||
		       b[j - 1] == '\\';
	}
	return false;
}

/* The end of a target at b[i]: up to two sigils ($x, @x, @@x), a name,
 * then attributes and subscripts (self.password, c.cfg["pw"]); 0 if none. */
static size_t target_end(const unsigned char *b, size_t i, size_t le)
{
	size_t j = i;

	while (j < le && j - i < 2 && (b[j] == '$' || b[j] == '@'))
		j++;
	if (j >= le || !ident_start(b[j]))
		return 0;
	while (j < le && ident_byte(b[j]))
		j++;
	for (;;) {
		if (j + 1 < le && b[j] == '.' && ident_start(b[j + 1])) {
			for (j++; j < le && ident_byte(b[j]);)
				j++;
		} else if (j < le && b[j] == '[') {
			if ((j = balanced_end(b, j, le)) == 0)
				return 0;
		} else
			return j;
	}
}

/* A word at b[i] followed by a blank: a declaration's keyword. */
static size_t keyword(const unsigned char *b, size_t i, size_t le)
{
	static const char *const words[] = {"var", "const", "local", "my", "our"};

	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		size_t m = strlen(words[k]);
		if (i + m < le && memcmp(b + i, words[k], m) == 0 &&
		    (b[i + m] == ' ' || b[i + m] == '\t' || b[i + m] == '('))
			return blanks(b, i + m, le);
	}
	return i;
}

/* One value at b[i], up to a comma or the end lim: a quoted string alone
 * (*literal; its inside in [*in_s, *in_e)), or an expression with its
 * strings and brackets. Returns where it ends, 0 if there is none. */
static size_t value_end(const unsigned char *b, size_t i, size_t lim, bool *literal, size_t *in_s,
                        size_t *in_e)
{
	size_t j = i, p = i;

	*literal = false;
	/* Python's string prefixes that keep a literal (not f: a format) */
	while (p < lim && p - i < 2 && strchr("rbuRBU", b[p]) != NULL)
		p++;
	if (p < lim && (b[p] == '"' || b[p] == '\'')) {
		size_t e = string_end(b, p, lim);
		if (e != 0) {
			size_t after = blanks(b, e, lim);
			if (after == lim || b[after] == ',' || comment_at(b, after, lim) ||
			    b[after] == ';') {
				*literal = true;
				*in_s = p + 1;
				*in_e = e - 1;
				return e;
			}
		}
	}
	while (j < lim && b[j] != ',' && !comment_at(b, j, lim) && b[j] != ';') {
		if (b[j] == '"' || b[j] == '\'' || b[j] == '`' || b[j] == '(' || b[j] == '[' ||
		    b[j] == '{') {
			size_t e = b[j] == '(' || b[j] == '[' || b[j] == '{'
			                   ? balanced_end(b, j, lim)
			                   : string_end(b, j, lim);
			if (e == 0)
				return 0;
			j = e;
		} else if (b[j] == ')' || b[j] == ']' || b[j] == '}')
			return 0; /* closes what it did not open */
		else
			j++;
	}
	while (j > i && (b[j - 1] == ' ' || b[j - 1] == '\t'))
		j--;
	return j > i ? j : 0;
}

enum tuple_pair tuple_value(const unsigned char *b, size_t len, size_t ks, size_t ke,
                            enum tuple_lang lang, size_t *vs, size_t *ve)
{
	size_t ls = ks, le = ke, i, n = 0, k = SIZE_MAX, lim, v = 0;
	size_t val_s = 0, val_e = 0;
	bool open = false, lit_k = false;
	unsigned char closer = 0;

	if (lang == TUPLE_NONE || ke <= ks || ke > len)
		return TUPLE_NOT;
	while (ls > 0 && b[ls - 1] != '\n' && ks - ls < TUPLE_LINE_MAX)
		ls--;
	while (le < len && b[le] != '\n' && le - ke < TUPLE_LINE_MAX)
		le++;
	if ((ls > 0 && b[ls - 1] != '\n') || (le < len && b[le] != '\n'))
		return TUPLE_NOT; /* a line too long to read */
	if (le > ls && b[le - 1] == '\r')
		le--;
	if (continues(b, ls))
		return TUPLE_NOT;
	i = keyword(b, blanks(b, ls, le), le);
	if (i < le && (b[i] == '(' || b[i] == '[')) {
		closer = b[i] == '(' ? ')' : ']';
		open = true;
		i = blanks(b, i + 1, le);
	}
	if (lang == TUPLE_PERL && !open)
		return TUPLE_NOT;
	/* the targets */
	for (;;) {
		size_t e = target_end(b, i, le);
		if (e == 0 || n == TUPLE_MAX)
			return TUPLE_NOT;
		if (ks >= i && ke <= e)
			k = n;
		n++;
		i = blanks(b, e, le);
		if (i < le && b[i] == ',') {
			i = blanks(b, i + 1, le);
			continue;
		}
		break;
	}
	if (n < 2 || k == SIZE_MAX)
		return TUPLE_NOT;
	if (open) {
		if (i >= le || b[i] != closer)
			return TUPLE_NOT;
		i = blanks(b, i + 1, le);
	}
	/* Go's type after the names: var u, pw string = … */
	if (lang == TUPLE_PLAIN && i < le && ident_start(b[i])) {
		while (i < le && (ident_byte(b[i]) || b[i] == '.' || b[i] == '[' || b[i] == ']' ||
		                  b[i] == '*'))
			i++;
		i = blanks(b, i, le);
	}
	if (i + 1 < le && b[i] == ':' && b[i + 1] == '=')
		i += 2;
	else if (i < le && b[i] == '=' && (i + 1 == le || (b[i + 1] != '=' && b[i + 1] != '~')))
		i++;
	else
		return TUPLE_NOT;
	i = blanks(b, i, le);
	/* the values, in brackets that hold them all (a, b = ("x", "y")) or
	 * not; Perl's in brackets only */
	lim = le;
	if (i < le && (b[i] == '(' || b[i] == '[')) {
		size_t m = balanced_end(b, i, le);
		if (m != 0 && rest_ends(b, m, le)) {
			lim = m - 1;
			i = blanks(b, i + 1, lim);
		}
	}
	if (lang == TUPLE_PERL && lim == le)
		return TUPLE_NOT;
	for (;;) {
		bool lit;
		size_t s = 0, e2 = 0, e = value_end(b, i, lim, &lit, &s, &e2);
		if (e == 0)
			return TUPLE_NOT;
		if (v == k) {
			lit_k = lit;
			val_s = s;
			val_e = e2;
		}
		v++;
		i = blanks(b, e, lim);
		if (i < lim && b[i] == ',') {
			i = blanks(b, i + 1, lim);
			if (i == lim && lim != le)
				break; /* a trailing comma in the brackets */
			continue;
		}
		break;
	}
	if (lim != le ? blanks(b, i, lim) != lim : !rest_ends(b, i, le))
		return TUPLE_NOT;
	if (v != n)
		return TUPLE_NOT;
	if (!lit_k)
		return TUPLE_OTHER;
	*vs = val_s;
	*ve = val_e;
	return TUPLE_LITERAL;
}
