/* Rows of a SQL dump whose table has a credential column (an
 * application's users table in a backup): the value in that column of the
 * first row, in the three forms dumps write rows in:
 *   sql-insert  "(name, password) VALUES ('admin', 'x')", the statement's
 *               column list (mysqldump --complete-insert, pg_dump
 *               --column-inserts, migrations), on one line or more;
 *   sql-copy    "(name, password) FROM stdin;" and the first data line,
 *               tab-separated (pg_dump's default);
 *   sql-table   a CREATE TABLE's column definitions, then the INSERT
 *               without a column list that follows it (mysqldump's and
 *               SQLite .dump's default).
 * A rule's secret group starts at the column list's "(". A hash in the
 * column (bcrypt, a hex digest) is what an application stores in a
 * password's stead, not the password: no finding here; a weak hash
 * scheme is the hash rules' to name. */
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

/* A column's name at *q, without its quotes (`b`, "c", [d]), in *name;
 * whether it was quoted in *quoted. false when there is none. */
static bool read_name(const unsigned char **q, const unsigned char *end, struct span *name,
                      bool *quoted)
{
	const unsigned char *p = *q, *from;

	skip_blanks(&p, end);
	*quoted = p < end && (*p == '`' || *p == '"' || *p == '[');
	if (*quoted)
		p++;
	from = p;
	while (p < end && (*p == '_' || *p == '-' || *p == '.' || (*p >= '0' && *p <= '9') ||
	                   ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
		p++;
	if (p == from)
		return false;
	name->p = from;
	name->n = (size_t)(p - from);
	if (p < end && (*p == '`' || *p == '"' || *p == ']'))
		p++;
	*q = p;
	return true;
}

/* The column names of "(a, `b`, "c", [d])", at most max; the position
 * after ")" in *p. -1 when it is not such a list. */
static int read_columns(const unsigned char **p, const unsigned char *end, struct span *col,
                        size_t max)
{
	const unsigned char *q = *p;
	int n = 0;
	bool quoted;

	if (q >= end || *q != '(')
		return -1;
	q++;
	for (;;) {
		if ((size_t)n == max || !read_name(&q, end, &col[n], &quoted))
			return -1;
		n++;
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

/* A bare word of a table's definition that starts a constraint, not a
 * column (PRIMARY KEY (id), KEY `i` (name), CONSTRAINT fk FOREIGN KEY). */
static bool constraint_word(const struct span *w)
{
	static const char *const words[] = {"primary", "key",     "unique", "constraint",
	                                    "index",   "foreign", "check",  "fulltext",
	                                    "spatial", "exclude"};

	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == w->n &&
		    strncasecmp((const char *)w->p, words[i], w->n) == 0)
			return true;
	return false;
}

/* The column names of a CREATE TABLE's definitions, "(`id` int NOT NULL,
 * `pw` varchar(64) DEFAULT 'x', PRIMARY KEY (`id`))", at most max, past
 * types, defaults and comments (quoted, brackets nested) and without the
 * constraints; the position after ")" in *p. -1 when it is cut. */
static int read_definitions(const unsigned char **p, const unsigned char *end, struct span *col,
                            size_t max)
{
	const unsigned char *q = *p;
	int n = 0;

	if (q >= end || *q != '(')
		return -1;
	q++;
	for (;;) {
		struct span name;
		bool quoted;
		int depth = 0;
		if (!read_name(&q, end, &name, &quoted))
			return -1;
		if (quoted || !constraint_word(&name)) {
			if ((size_t)n == max)
				return -1;
			col[n++] = name;
		}
		for (; q < end; q++) { /* the definition's rest */
			if (*q == '\'' || *q == '"' || *q == '`') {
				const unsigned char *close =
				        memchr(q + 1, *q, (size_t)(end - q - 1));
				if (close == NULL)
					return -1;
				q = close;
			} else if (*q == '(') {
				depth++;
			} else if (*q == ')' && depth > 0) {
				depth--;
			} else if ((*q == ',' || *q == ')') && depth == 0) {
				break;
			}
		}
		if (q >= end)
			return -1;
		if (*q++ == ')') {
			*p = q;
			return n;
		}
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
 * Werkzeug), MySQL's "*" and 40 hex digits, PostgreSQL's "md5" and 32, a locked mark ("!…", "*",
 * LOCKED), a digest's hex digits (32 or more), or a long base64 run
 * (ASP.NET Identity's, a base64 SHA-1). */
static bool stored_hash(const unsigned char *s, size_t n)
{
	size_t hex = 0, b64 = 0, marks = 0;

	if (hash_scheme_identify((const char *)s, n) != NULL)
		return true;
	if (n > 1 && (s[0] == '$' || s[0] == '{' || s[0] == '!' || s[0] == '*'))
		return true;
	if (n == 35 && memcmp(s, "md5", 3) == 0) { /* PostgreSQL's md5(password || user) */
		s += 3;
		n -= 3;
	}
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

/* The text of a value without its escapes, into out: in a statement's
 * quoted literal '' and \' are '; in COPY's text format a backslash
 * escapes (\t is a tab, \\ a backslash) and quotes are characters. */
static int take_unescaped(struct decoded *out, const struct span *v, bool copy)
{
	unsigned char buf[DECODED_MAX];
	size_t n = 0;

	for (size_t i = 0; i < v->n; i++) {
		unsigned char c = v->p[i];
		if (i + 1 < v->n && c == '\\') {
			c = v->p[++i];
			if (copy) /* a control character is no typed password */
				c = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
		} else if (i + 1 < v->n && !copy && (c == '\'' || c == '"') && v->p[i + 1] == c) {
			i++;
		}
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

/* Past blanks, the word w (any case) and the blanks after it: whether it
 * is there. */
static bool take_word(const unsigned char **p, const unsigned char *end, const char *w)
{
	size_t n = strlen(w);

	skip_blanks(p, end);
	if ((size_t)(end - *p) < n || strncasecmp((const char *)*p, w, n) != 0)
		return false;
	*p += n;
	skip_blanks(p, end);
	return true;
}

/* The first row of a VALUES clause, "(v1, v2, …)", ncol values in val. */
static int read_row(const unsigned char **p, const unsigned char *end, struct span *val, int ncol)
{
	const unsigned char *q = *p;

	if (q >= end || *q != '(')
		return -1;
	q++;
	for (int i = 0; i < ncol; i++) {
		if (read_value(&q, end, &val[i]) < 0)
			return -1;
		skip_blanks(&q, end);
		if (q >= end || *q != (i + 1 < ncol ? ',' : ')'))
			return -1;
		q++;
	}
	*p = q;
	return 0;
}

/* A row's verdict: of its literals (val[i].p set) the one under the
 * best-named credential column, the first of a password's before another
 * credential's (a NULL api_token does not hide the password beside it),
 * unless it is a hash or a fill-in; a user column's value is the account. */
static int judge_row(struct decoded *out, const struct span *col, const struct span *val, int ncol,
                     bool copy, const char *scheme)
{
	int best = -1, best_rank = 0, user = -1;

	for (int i = 0; i < ncol; i++) {
		int rank = credential_rank(&col[i]);
		if (rank > best_rank && val[i].p != NULL && val[i].n > 0) {
			best = i;
			best_rank = rank;
		}
		if (rank == 0 && user < 0 && names_account(col[i].p, col[i].n))
			user = i;
	}
	if (best < 0 || !printable_text(val[best].p, val[best].n) ||
	    stored_hash(val[best].p, val[best].n) || is_placeholder(val[best].p, val[best].n) ||
	    take_unescaped(out, &val[best], copy) < 0)
		return decoded_reject(out);
	if (user >= 0 && val[user].p != NULL && val[user].n > 0)
		(void)decoded_account(out, val[user].p, val[user].n);
	return decoded_verdict(out, SEV_HIGH, scheme,
	                       _("A SQL dump's row stores the password in clear text in a "
	                         "credential column"));
}

/* "(c1, c2, …) VALUES (v1, v2, …)", on one line or several. */
static int sql_insert_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	struct span col[SQL_COLUMNS_MAX], val[SQL_COLUMNS_MAX];
	const unsigned char *p = in, *end = in + len;
	int ncol;

	decoded_wipe(out);
	ncol = read_columns(&p, end, col, SQL_COLUMNS_MAX);
	if (ncol < 1 || !take_word(&p, end, "values") || read_row(&p, end, val, ncol) < 0)
		return decoded_reject(out);
	return judge_row(out, col, val, ncol, false, "sql-insert");
}

/* "(c1, c2, …) FROM stdin;" and the first data line: values separated by
 * tabs, \N for NULL ("\." alone ends an empty table's data). */
static int sql_copy_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	struct span col[SQL_COLUMNS_MAX], val[SQL_COLUMNS_MAX];
	const unsigned char *p = in, *end = in + len;
	int ncol;

	decoded_wipe(out);
	ncol = read_columns(&p, end, col, SQL_COLUMNS_MAX);
	if (ncol < 1 || !take_word(&p, end, "from") || (size_t)(end - p) < 5 ||
	    strncasecmp((const char *)p, "stdin", 5) != 0)
		return decoded_reject(out);
	p += 5;
	while (p < end && (*p == ' ' || *p == '\t' || *p == ';' || *p == '\r'))
		p++;
	if (p >= end || *p++ != '\n')
		return decoded_reject(out);
	for (int i = 0; i < ncol; i++) {
		const unsigned char *from = p;
		while (p < end && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		/* a tab between values; the line's end (or the span's) after the last */
		if ((i + 1 < ncol) != (p < end && *p == '\t'))
			return decoded_reject(out);
		val[i].n = (size_t)(p - from);
		val[i].p = val[i].n == 2 && memcmp(from, "\\N", 2) == 0 ? NULL : from;
		if (ncol == 1 && val[i].n == 2 && memcmp(from, "\\.", 2) == 0)
			return decoded_reject(out);
		p++;
	}
	return judge_row(out, col, val, ncol, true, "sql-copy");
}

/* A CREATE TABLE's "(definitions) …;" then, further on, the INSERT INTO
 * the table without a column list: "… VALUES (v1, v2, …)". */
static int sql_table_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	struct span col[SQL_COLUMNS_MAX], val[SQL_COLUMNS_MAX];
	const unsigned char *p = in, *end = in + len, *ins;
	int ncol;

	decoded_wipe(out);
	ncol = read_definitions(&p, end, col, SQL_COLUMNS_MAX);
	if (ncol < 1 || (ins = find_ci(p, (size_t)(end - p), "insert into")) == NULL)
		return decoded_reject(out);
	p = find_ci(ins, (size_t)(end - ins), "values");
	if (p == NULL || !take_word(&p, end, "values") || read_row(&p, end, val, ncol) < 0)
		return decoded_reject(out);
	return judge_row(out, col, val, ncol, false, "sql-table");
}

const struct decoder decoder_sql_insert = {
        "sql-insert", sql_insert_decode,
        N_("SQL INSERT into a table with a credential column (a dump's users table): the "
           "first row's value, unless it is a hash")};

const struct decoder decoder_sql_copy = {
        "sql-copy", sql_copy_decode,
        N_("PostgreSQL COPY … FROM stdin of a table with a credential column (pg_dump's "
           "data): the first row's value, unless it is a hash")};

const struct decoder decoder_sql_table = {
        "sql-table", sql_table_decode,
        N_("CREATE TABLE with a credential column, then its INSERT without a column list "
           "(mysqldump, SQLite .dump): the first row's value, unless it is a hash")};
