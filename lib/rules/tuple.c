/* Tuple assignments (tuple.h): a small reader of one statement of Python,
 * Ruby, Go, Lua or Perl, enough to pair an assignment's targets with its
 * values. It reads the name's line, at most TUPLE_LINE_MAX bytes each way,
 * and the last code line before it (over blank and comment lines). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "rules/tuple.h"

#define TUPLE_MAX      8    /* targets of one assignment */
#define TUPLE_LINE_MAX 4096 /* bytes read around the name */

enum tuple_lang tuple_language(const char *path)
{
	static const struct {
		const char *ext;
		enum tuple_lang lang;
	} exts[] = {
	        {".py", TUPLE_HASH}, {".pyw", TUPLE_HASH}, {".rb", TUPLE_HASH}, {".go", TUPLE_GO},
	        {".lua", TUPLE_LUA}, {".pl", TUPLE_PERL},  {".pm", TUPLE_PERL},
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

/* A comment starts at b[i], in the language's own syntax: # (Python,
 * Ruby, Perl), // (Go), -- (Lua). */
static bool comment_at(const unsigned char *b, size_t i, size_t le, enum tuple_lang lang)
{
	if (lang == TUPLE_GO)
		return i + 1 < le && b[i] == '/' && b[i + 1] == '/';
	if (lang == TUPLE_LUA)
		return i + 1 < le && b[i] == '-' && b[i + 1] == '-';
	return b[i] == '#';
}

/* After the string opened by the quote at b[i]: the index past its
 * closing quote, or 0 when it does not close on the line. A Go raw string
 * (`…`) has no escapes. */
static size_t string_end(const unsigned char *b, size_t i, size_t le)
{
	unsigned char q = b[i];

	for (i++; i < le; i++) {
		if (b[i] == '\\' && q != '`')
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
static bool rest_ends(const unsigned char *b, size_t i, size_t le, enum tuple_lang lang)
{
	i = blanks(b, i, le);
	if (i < le && b[i] == ';')
		i = blanks(b, i + 1, le);
	return i == le || comment_at(b, i, le, lang);
}

/* The line's code from b[i] is a Go declaration's keyword before "(". */
static bool go_block(const unsigned char *b, size_t i, size_t end)
{
	static const char *const words[] = {"var", "const", "import", "type"};

	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		size_t m = strlen(words[k]);
		if (i + m < end && memcmp(b + i, words[k], m) == 0 &&
		    blanks(b, i + m, end) == end - 1)
			return true;
	}
	return false;
}

/* The code of the line [i, le): its end before a comment or trailing
 * blanks. Sets *open to the ( and [ left open on it and *assigns when it
 * holds an = at its top level (a statement of its own). */
static size_t code_end(const unsigned char *b, size_t i, size_t le, enum tuple_lang lang,
                       size_t *open, bool *assigns)
{
	size_t end = i, depth = 0;

	*assigns = false;
	for (size_t k = i; k < le && !comment_at(b, k, le, lang); k++) {
		unsigned char c = b[k];
		if (c == '"' || c == '\'' || (c == '`' && lang == TUPLE_GO)) {
			size_t e = string_end(b, k, le);
			if (e == 0)
				break;
			k = e - 1;
		} else if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth > 0)
			depth--;
		else if (c == '=' && depth == 0)
			*assigns = true;
		if (c != ' ' && c != '\t' && c != '\r')
			end = k + 1;
	}
	*open = depth;
	return end;
}

/* The line at ls continues the code line before it (blank lines and
 * comment lines aside): that line ends in an opening ( or [, a backslash,
 * or a comma between a call's or a literal's elements (a bracket left
 * open on it, or no assignment of its own: "    host,"; not "a, b = 'c',
 * 'd',"). Then the line is a call's arguments ("  host, password = "x",
 * db"), not a statement. Only that line is read: a function's body inside
 * a call's brackets (Go's t.Run("x", func(t *testing.T) {) is statements. */
static bool continues(const unsigned char *b, size_t ls, enum tuple_lang lang)
{
	size_t le = ls;

	while (le > 0) {
		size_t i = le - 1, end, open; /* b[i] is the previous line's newline */
		bool assigns;
		while (i > 0 && b[i - 1] != '\n')
			i--;
		end = code_end(b, blanks(b, i, le - 1), le - 1, lang, &open, &assigns);
		le = i;
		if (end == blanks(b, i, end))
			continue; /* a blank or a comment line */
		/* Go's declaration block: var (, const ( */
		if (lang == TUPLE_GO && b[end - 1] == '(' && go_block(b, blanks(b, i, end), end))
			return false;
		return b[end - 1] == '(' || b[end - 1] == '[' || b[end - 1] == '\\' ||
		       (b[end - 1] == ',' && (open > 0 || !assigns));
	}
	return false;
}

/* The start of the statement the name at ks is in: after the last ';'
 * of its line before it, outside strings ("x = 1; user, pw = …"). */
static size_t statement_start(const unsigned char *b, size_t ls, size_t ks)
{
	size_t st = ls;

	for (size_t k = ls; k < ks; k++) {
		if (b[k] == '"' || b[k] == '\'') {
			size_t e = string_end(b, k, ks);
			if (e == 0)
				return st;
			k = e - 1;
		} else if (b[k] == ';')
			st = k + 1;
	}
	return st;
}

/* The end of a target at b[i]: up to two sigils ($x, @x, @@x), a name,
 * then attributes and subscripts (self.password, c.cfg["pw"]); 0 if none
 * (a starred target, *rest, takes a list: no pairing). */
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

/* A declaration's keyword at b[i] and the blanks after it. */
static size_t keyword(const unsigned char *b, size_t i, size_t le, enum tuple_lang lang)
{
	static const char *const go[] = {"var", "const"}, *const lua[] = {"local"},
	                         *const perl[] = {"my", "our", "local"};
	const char *const *words = lang == TUPLE_GO     ? go
	                           : lang == TUPLE_LUA  ? lua
	                           : lang == TUPLE_PERL ? perl
	                                                : NULL;
	size_t n = lang == TUPLE_GO ? 2 : lang == TUPLE_LUA ? 1 : lang == TUPLE_PERL ? 3 : 0;

	for (size_t k = 0; k < n; k++) {
		size_t m = strlen(words[k]);
		if (i + m < le && memcmp(b + i, words[k], m) == 0 &&
		    (b[i + m] == ' ' || b[i + m] == '\t' || b[i + m] == '('))
			return blanks(b, i + m, le);
	}
	return i;
}

/* One value at b[i], up to a comma or the end lim: a string alone
 * (*literal; its inside in [*in_s, *in_e)), or an expression with its
 * strings and brackets. Returns where it ends, 0 if there is none. */
static size_t value_end(const unsigned char *b, size_t i, size_t lim, enum tuple_lang lang,
                        bool *literal, size_t *in_s, size_t *in_e)
{
	size_t j = i, p = i;
	bool format = false;

	*literal = false;
	/* Python's string prefixes: raw, bytes, unicode keep a literal; an
	 * f-string is one when it has no field */
	while (p < lim && p - i < 2 && b[p] != '\0' && strchr("rbufRBUF", b[p]) != NULL) {
		format |= b[p] == 'f' || b[p] == 'F';
		p++;
	}
	if (p < lim && (b[p] == '"' || b[p] == '\'' || (b[p] == '`' && lang == TUPLE_GO))) {
		size_t q = p, e;
		/* a triple-quoted string on one line */
		if (lang == TUPLE_HASH && p + 2 < lim && b[p + 1] == b[p] && b[p + 2] == b[p]) {
			size_t k = p + 3;
			while (k + 2 < lim &&
			       !(b[k] == b[p] && b[k + 1] == b[p] && b[k + 2] == b[p]))
				k++;
			e = k + 2 < lim ? k + 3 : 0;
			q = p + 2;
		} else
			e = string_end(b, p, lim);
		if (e != 0) {
			size_t after = blanks(b, e, lim);
			if (after == lim || b[after] == ',' || b[after] == ';' ||
			    comment_at(b, after, lim, lang)) {
				*in_s = q + 1;
				*in_e = e - (size_t)(q - p) - 1;
				*literal =
				        !(format && memchr(b + *in_s, '{', *in_e - *in_s) != NULL);
				return e;
			}
		}
	}
	while (j < lim && b[j] != ',' && b[j] != ';' && !comment_at(b, j, lim, lang)) {
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

/* The operator after the targets at b[i]: Go's type, then = or :=.
 * Returns the index past it, 0 when there is none. */
static size_t assignment(const unsigned char *b, size_t i, size_t le, enum tuple_lang lang)
{
	/* Go's type after the names: var u, pw string = … */
	if (lang == TUPLE_GO && i < le && ident_start(b[i])) {
		while (i < le && (ident_byte(b[i]) || b[i] == '.' || b[i] == '[' || b[i] == ']' ||
		                  b[i] == '*'))
			i++;
		i = blanks(b, i, le);
	}
	if (i + 1 < le && b[i] == ':' && b[i + 1] == '=')
		return i + 2;
	if (i < le && b[i] == '=' && (i + 1 == le || (b[i + 1] != '=' && b[i + 1] != '~')))
		return i + 1;
	return 0;
}

/* The values from b[i] to the statement's end, in brackets that hold them
 * all (a, b = ("x", "y")) or not; Perl's in a list's brackets only ([…]
 * is one array's reference). Their number, 0 when they do not read as
 * values; the one at index k (the last if k is SIZE_MAX) in *lit, *vs,
 * *ve. */
static size_t values(const unsigned char *b, size_t i, size_t le, enum tuple_lang lang, size_t k,
                     bool *lit, size_t *vs, size_t *ve)
{
	size_t lim = le, v = 0;

	i = blanks(b, i, le);
	if (i < le && (b[i] == '(' || (b[i] == '[' && lang != TUPLE_PERL))) {
		size_t m = balanced_end(b, i, le);
		if (m != 0 && rest_ends(b, m, le, lang)) {
			lim = m - 1;
			i = blanks(b, i + 1, lim);
		}
	}
	if (lang == TUPLE_PERL && lim == le)
		return 0;
	for (;;) {
		bool l;
		size_t s = 0, e2 = 0, e = value_end(b, i, lim, lang, &l, &s, &e2);
		if (e == 0)
			return 0;
		if (v == k || k == SIZE_MAX) {
			*lit = l;
			*vs = s;
			*ve = e2;
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
	if (lim != le ? blanks(b, i, lim) != lim : !rest_ends(b, i, le, lang))
		return 0;
	return v;
}

/* The targets from the statement's start at b[i]: their number (0 when
 * they do not read as targets), the one holding [ks, ke) in *k, and where
 * the assignment's values start in *at. */
static size_t targets(const unsigned char *b, size_t i, size_t le, size_t ks, size_t ke,
                      enum tuple_lang lang, size_t *k, size_t *at)
{
	size_t n = 0;
	unsigned char closer = 0;

	i = keyword(b, i, le, lang);
	if (i < le && (b[i] == '(' || b[i] == '[')) {
		closer = b[i] == '(' ? ')' : ']';
		i = blanks(b, i + 1, le);
	}
	if (lang == TUPLE_PERL && closer != ')')
		return 0;
	for (;;) {
		size_t e = target_end(b, i, le);
		if (e == 0 || n == TUPLE_MAX)
			return 0;
		if (ks >= i && ke <= e)
			*k = n;
		n++;
		i = blanks(b, e, le);
		if (i < le && b[i] == ',') {
			i = blanks(b, i + 1, le);
			continue;
		}
		break;
	}
	if (closer != 0) {
		if (i >= le || b[i] != closer)
			return 0;
		i = blanks(b, i + 1, le);
	}
	if (n < 2 || *k == SIZE_MAX || (*at = assignment(b, i, le, lang)) == 0)
		return 0;
	return n;
}

/* The name as the last of targets whose statement's start could not be
 * read ("if dev: user, password = …", "a = user, password = …"): a comma
 * before its target, the assignment after it. Its value is the last. */
static bool last_target(const unsigned char *b, size_t ls, size_t le, size_t ks, size_t ke,
                        enum tuple_lang lang, size_t *at)
{
	size_t t = ks, e;

	while (t > ls && (b[t - 1] == '$' || b[t - 1] == '@') && ks - t < 2)
		t--;
	e = target_end(b, t, le);
	if (e < ke)
		return false;
	while (t > ls && (b[t - 1] == ' ' || b[t - 1] == '\t'))
		t--;
	if (t == ls || b[t - 1] != ',' || lang == TUPLE_PERL)
		return false;
	return (*at = assignment(b, blanks(b, e, le), le, lang)) != 0;
}

enum tuple_pair tuple_value(const unsigned char *b, size_t len, size_t ks, size_t ke,
                            enum tuple_lang lang, size_t *vs, size_t *ve)
{
	size_t ls = ks, le = ke, n, k = SIZE_MAX, at = 0, v;
	bool lit = false;

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
	n = targets(b, blanks(b, statement_start(b, ls, ks), le), le, ks, ke, lang, &k, &at);
	if (n != 0)
		v = values(b, at, le, lang, k, &lit, vs, ve);
	else if (last_target(b, ls, le, ks, ke, lang, &at))
		n = v = values(b, at, le, lang, SIZE_MAX, &lit, vs, ve);
	else
		return TUPLE_NOT;
	/* as many values as targets, two or more; the lines before are read
	 * last, only for a statement that pairs */
	if (v != n || n < 2 || continues(b, ls, lang))
		return TUPLE_NOT;
	return lit ? TUPLE_LITERAL : TUPLE_OTHER;
}
