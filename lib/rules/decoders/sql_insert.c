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
#include "secure.h"

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
 * {SCHEME} hash, a framework's "algorithm$…" or "method:…:…" (Django,
 * Werkzeug), MySQL's "*" and 40 hex digits, a locked mark ("!…", "*",
 * LOCKED), a digest's hex digits (32 or more), or a long base64 run
 * (ASP.NET Identity's, a base64 SHA-1). */
static bool stored_hash(const unsigned char *s, size_t n)
{
	size_t hex = 0, b64 = 0, marks = 0;

	if (hash_scheme_identify((const char *)s, n) != NULL)
		return true;
	if (n > 1 && (s[0] == '$' || s[0] == '{' || s[0] == '!' || s[0] == '*'))
		return true;
	if ((n == 6 && strncasecmp((const char *)s, "locked", 6) == 0) ||
	    (n == 2 && memcmp(s, "NP", 2) == 0))
		return true;
	for (size_t i = 0; i < n; i++) {
		hex += hex_digit(s[i]) >= 0;
		b64 += (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		       (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '/' || s[i] == '=';
		marks += s[i] == '$' || s[i] == ':';
	}
	if ((hex == n && n >= 32) || (b64 == n && n >= 28 && n % 4 == 0))
		return true;
	/* algorithm$iterations$salt$hash, pbkdf2:sha256:600000$salt$hash */
	for (size_t i = 0; i < n && i < 24; i++)
		if (s[i] == '$' || s[i] == ':')
			return i > 1 && marks >= 2;
		else if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') &&
		         !(s[i] >= '0' && s[i] <= '9') && s[i] != '_' && s[i] != '-')
			break;
	return false;
}

/* A column's rank as the password's: 2 names a password (pass, pwd, pw),
 * 1 another credential (api_token, secret), 0 none; a bare "key" names a
 * map's key, not a secret one. */
static int credential_rank(const struct span *c)
{
	if (!field_names_credential((const char *)c->p, c->n))
		return 0;
	if (find_ci(c->p, c->n, "pass") != NULL || find_ci(c->p, c->n, "pw") != NULL)
		return 2;
	return c->n == 3 && strncasecmp((const char *)c->p, "key", 3) == 0 ? 0 : 1;
}

/* The text of a quoted value without its escapes ('' and \' are '),
 * into out. */
static int take_unescaped(struct decoded *out, const struct span *v)
{
	unsigned char buf[DECODED_MAX];
	size_t n = 0;

	for (size_t i = 0; i < v->n; i++) {
		unsigned char c = v->p[i];
		if ((c == '\\' || ((c == '\'' || c == '"') && i + 1 < v->n && v->p[i + 1] == c)) &&
		    i + 1 < v->n)
			c = v->p[++i];
		if (n == sizeof buf) {
			secure_wipe(buf, sizeof buf);
			return -EINVAL;
		}
		buf[n++] = c;
	}
	return decoded_take_text(out, buf, sizeof buf, n);
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
	struct span col[SQL_COLUMNS_MAX], val[SQL_COLUMNS_MAX];
	const unsigned char *p = in, *end = in + len;
	int ncol, rank[SQL_COLUMNS_MAX], best = -1, user = -1;

	decoded_wipe(out);
	ncol = read_columns(&p, end, col, SQL_COLUMNS_MAX);
	if (ncol < 1)
		return decoded_reject(out);
	for (int i = 0; i < ncol; i++) {
		rank[i] = credential_rank(&col[i]);
		if (rank[i] == 0 && user < 0 && names_account(col[i].p, col[i].n))
			user = i;
	}
	skip_blanks(&p, end);
	if ((size_t)(end - p) < 6 || strncasecmp((const char *)p, "values", 6) != 0)
		return decoded_reject(out);
	p += 6;
	skip_blanks(&p, end);
	if (p >= end || *p != '(')
		return decoded_reject(out);
	p++;
	for (int i = 0; i < ncol; i++) {
		if (read_value(&p, end, &val[i]) < 0)
			return decoded_reject(out);
		skip_blanks(&p, end);
		if (p < end && *p == (i + 1 < ncol ? ',' : ')'))
			p++;
		else
			return decoded_reject(out);
	}
	/* the best-named column that holds a literal (a NULL api_token does
	 * not hide the password beside it) */
	for (int r = 2; r > 0 && best < 0; r--)
		for (int i = 0; i < ncol && best < 0; i++)
			if (rank[i] == r && val[i].p != NULL && val[i].n > 0)
				best = i;
	if (best < 0 || !printable_text(val[best].p, val[best].n) ||
	    stored_hash(val[best].p, val[best].n) || is_placeholder(val[best].p, val[best].n) ||
	    take_unescaped(out, &val[best]) < 0)
		return decoded_reject(out);
	if (user >= 0 && val[user].p != NULL && val[user].n > 0)
		(void)decoded_account(out, val[user].p, val[user].n);
	return decoded_verdict(out, SEV_HIGH, "sql-insert",
	                       _("SQL INSERT stores the password in clear text in a credential "
	                         "column"));
}

const struct decoder decoder_sql_insert = {
        "sql-insert", sql_insert_decode,
        N_("SQL INSERT into a table with a credential column (a dump's users table): the "
           "first row's value, unless it is a hash")};
