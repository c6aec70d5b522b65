/* A SQL INSERT of a table whose column names a credential (a dump's
 * "INSERT INTO users (name, password) VALUES ('admin', 'x')"): the value
 * in that column of the first row. The rule's secret group starts at the
 * column list's "(" and runs to the end of the line. A hash in the column
 * (bcrypt, a hex digest) is what an application stores in a password's
 * stead, not the password: no finding here; a weak hash scheme is the
 * hash rules' to name. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "i18n.h"
#include "rules/decoders/decode_util.h"
#include "rules/decoders/hash_scheme.h"
#include "rules/field.h"
#include "rules/placeholder.h"

#define SQL_COLUMNS_MAX 64

struct span {
	const unsigned char *p;
	size_t n;
};

static bool blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void skip_blanks(const unsigned char **p, const unsigned char *end)
{
	while (*p < end && blank(**p))
		(*p)++;
}

/* The column names of "(a, `b`, "c", [d])", unquoted, at most max; the
 * position after ")" in *p. -1 when it is not such a list. */
static int read_columns(const unsigned char **p, const unsigned char *end, struct span *col,
                        size_t max)
{
	const unsigned char *q = *p;
	int n = 0;

	if (q >= end || *q != '(')
		return -1;
	q++;
	for (;;) {
		const unsigned char *from;
		skip_blanks(&q, end);
		if (q < end && (*q == '`' || *q == '"' || *q == '['))
			q++;
		from = q;
		while (q < end &&
		       (*q == '_' || *q == '-' || *q == '.' || (*q >= '0' && *q <= '9') ||
		        ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z')))
			q++;
		if (q == from || (size_t)n == max)
			return -1;
		col[n].p = from;
		col[n++].n = (size_t)(q - from);
		if (q < end && (*q == '`' || *q == '"' || *q == ']'))
			q++;
		skip_blanks(&q, end);
		if (q < end && *q == ',') {
			q++;
			continue;
		}
		if (q < end && *q == ')') {
			*p = q + 1;
			return n;
		}
		return -1;
	}
}

/* One value of a row at *p: a quoted string (its text, quotes doubled or
 * escaped with a backslash inside) in *out, or anything else up to the
 * next ',' or ')' at depth 0 (a number, NULL, a call) with out->p NULL.
 * -1 when the row is cut. */
static int read_value(const unsigned char **p, const unsigned char *end, struct span *out)
{
	const unsigned char *q = *p;
	int depth = 0;

	skip_blanks(&q, end);
	out->p = NULL;
	out->n = 0;
	if (q < end && (*q == '\'' || *q == '"')) {
		unsigned char quote = *q++;
		const unsigned char *from = q;
		while (q < end && !(*q == quote && !(q + 1 < end && q[1] == quote))) {
			if (*q == '\\' || *q == quote) /* an escape, or a doubled quote */
				q++;
			q++;
		}
		if (q >= end)
			return -1;
		out->p = from;
		out->n = (size_t)(q - from);
		*p = q + 1;
		return 0;
	}
	for (; q < end; q++) {
		if (*q == '\'' || *q == '"')
			return -1; /* a string inside a call: not read */
		if (*q == '(')
			depth++;
		else if (*q == ')' && depth > 0)
			depth--;
		else if ((*q == ',' || *q == ')') && depth == 0)
			break;
	}
	if (q >= end)
		return -1;
	*p = q;
	return 0;
}

/* What an application stores in a password's stead: a crypt(3) or
 * {SCHEME} hash, or a digest's hex digits (MD5, SHA-1, SHA-256, SHA-512). */
static bool stored_hash(const unsigned char *s, size_t n)
{
	size_t hex = 0;

	if (hash_scheme_identify((const char *)s, n) != NULL)
		return true;
	if (n > 1 && (s[0] == '$' || s[0] == '{'))
		return true;
	while (hex < n && hex_digit(s[hex]) >= 0)
		hex++;
	return hex == n && (n == 32 || n == 40 || n == 64 || n == 128);
}

static bool names_account(const unsigned char *s, size_t n)
{
	static const char *const names[] = {"user",  "username", "user_name", "login",
	                                    "email", "name",     "account",   "uid"};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i]) == n && strncasecmp((const char *)s, names[i], n) == 0)
			return true;
	return false;
}

static int sql_insert_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	struct span col[SQL_COLUMNS_MAX], val = {NULL, 0};
	const unsigned char *p = in, *end = in + len;
	int ncol, pw = -1, user = -1;

	decoded_wipe(out);
	ncol = read_columns(&p, end, col, SQL_COLUMNS_MAX);
	if (ncol < 1)
		return decoded_reject(out);
	for (int i = 0; i < ncol; i++) {
		if (pw < 0 && field_names_credential((const char *)col[i].p, col[i].n))
			pw = i;
		else if (user < 0 && names_account(col[i].p, col[i].n))
			user = i;
	}
	skip_blanks(&p, end);
	if (pw < 0 || (size_t)(end - p) < 6 || strncasecmp((const char *)p, "values", 6) != 0)
		return decoded_reject(out);
	p += 6;
	skip_blanks(&p, end);
	if (p >= end || *p != '(')
		return decoded_reject(out);
	p++;
	for (int i = 0; i < ncol; i++) {
		struct span v;
		if (read_value(&p, end, &v) < 0)
			return decoded_reject(out);
		if (i == pw)
			val = v;
		else if (i == user && v.p != NULL && v.n > 0)
			(void)decoded_account(out, v.p, v.n);
		skip_blanks(&p, end);
		if (p < end && *p == (i + 1 < ncol ? ',' : ')'))
			p++;
		else
			return decoded_reject(out);
	}
	if (val.p == NULL || val.n == 0 || !printable_text(val.p, val.n) ||
	    stored_hash(val.p, val.n) || is_placeholder(val.p, val.n) ||
	    decoded_set_secret(out, val.p, val.n) < 0)
		return decoded_reject(out);
	return decoded_verdict(out, SEV_HIGH, "sql-insert",
	                       _("SQL INSERT stores the password in clear text in a credential "
	                         "column"));
}

const struct decoder decoder_sql_insert = {
        "sql-insert", sql_insert_decode,
        N_("SQL INSERT into a table with a credential column (a dump's users table): the "
           "first row's value, unless it is a hash")};
