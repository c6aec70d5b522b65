/* Rows of a SQL dump whose table has a credential column (an
 * application's users table in a backup): the value in that column of
 * each row (decode() the first, decode_row() those after it, each
 * telling where the next starts), in the three forms dumps write rows in:
 *   sql-insert  "(name, password) VALUES ('admin', 'x')", the statement's
 *               column list (mysqldump --complete-insert, pg_dump
 *               --column-inserts, migrations), on one line or more;
 *   sql-copy    "(name, password) FROM stdin;" and the first data line,
 *               tab-separated (pg_dump's default);
 *   sql-table   a CREATE TABLE's column definitions, then the INSERT
 *               without a column list that follows it (mysqldump's and
 *               SQLite .dump's default), and the INSERTs into the same
 *               table right after it (SQLite's one per row).
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

#define SQL_COLUMNS_MAX 256

struct span {
	const unsigned char *p;
	size_t n;
};

/* How a literal escapes: standard SQL (PostgreSQL, SQLite) only doubles
 * its quote; MySQL also escapes with a backslash; COPY's text format
 * escapes with a backslash (\t is a tab) and quotes are characters. */
enum escapes { ESC_SQL, ESC_MYSQL, ESC_COPY };

/* A table's columns and the row read under them. */
struct table {
	struct span col[SQL_COLUMNS_MAX], val[SQL_COLUMNS_MAX];
	int ncol;
	enum escapes esc; /* MySQL's when a name is backquoted */
};

static bool blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Past blanks and SQL comments ("-- …" to the line's end, slash-star). */
static void skip_blanks(const unsigned char **p, const unsigned char *end)
{
	const unsigned char *q = *p;

	for (;;) {
		while (q < end && blank(*q))
			q++;
		if (end - q >= 2 && q[0] == '-' && q[1] == '-') {
			while (q < end && *q != '\n')
				q++;
		} else if (end - q >= 2 && q[0] == '/' && q[1] == '*') {
			const unsigned char *c = find_ci(q + 2, (size_t)(end - q - 2), "*/");
			q = c != NULL ? c + 2 : end;
		} else {
			break;
		}
	}
	*p = q;
}

/* A column's name at *q, without its quotes (`b`, "c", [d]), in *name;
 * the quote it had (0: none) in *quote. false when there is none. */
static bool read_name(const unsigned char **q, const unsigned char *end, struct span *name,
                      unsigned char *quote)
{
	const unsigned char *p = *q, *from;

	skip_blanks(&p, end);
	*quote = p < end && (*p == '`' || *p == '"' || *p == '[') ? *p : 0;
	if (*quote)
		p++;
	from = p;
	while (p < end && (*p == '_' || *p == '-' || *p == '.' || *p == '$' ||
	                   (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
		p++;
	if (p == from)
		return false;
	name->p = from;
	name->n = (size_t)(p - from);
	if (p < end && *quote && *p == (*quote == '[' ? ']' : *quote))
		p++;
	*q = p;
	return true;
}

/* The column names of "(a, `b`, "c", [d])" into t; the position after
 * ")" in *p. false when it is not such a list. */
static bool read_columns(const unsigned char **p, const unsigned char *end, struct table *t)
{
	const unsigned char *q = *p;
	unsigned char quote;

	t->ncol = 0;
	t->esc = ESC_SQL;
	if (q >= end || *q != '(')
		return false;
	q++;
	for (;;) {
		if (t->ncol == SQL_COLUMNS_MAX || !read_name(&q, end, &t->col[t->ncol], &quote))
			return false;
		t->ncol++;
		if (quote == '`')
			t->esc = ESC_MYSQL;
		skip_blanks(&q, end);
		if (q < end && *q == ',') {
			q++;
			continue;
		}
		if (q < end && *q == ')') {
			*p = q + 1;
			return true;
		}
		return false;
	}
}

static bool word_is(const struct span *w, const char *s)
{
	return strlen(s) == w->n && strncasecmp((const char *)w->p, s, w->n) == 0;
}

/* Whether a bare word that starts a table's definition starts a
 * constraint, not a column: PRIMARY KEY (id), UNIQUE KEY u (a),
 * CONSTRAINT fk FOREIGN KEY …, CHECK (…); KEY and INDEX only before a
 * bracket or an index's name and its bracket ("key TEXT" is a column). */
static bool starts_constraint(const struct span *w, const unsigned char *q,
                              const unsigned char *end)
{
	static const char *const always[] = {"primary", "unique",   "constraint", "foreign",
	                                     "check",   "fulltext", "spatial",    "exclude"};
	struct span next;
	unsigned char quote;

	for (size_t i = 0; i < sizeof always / sizeof *always; i++)
		if (word_is(w, always[i]))
			return true;
	if (!word_is(w, "key") && !word_is(w, "index"))
		return false;
	skip_blanks(&q, end);
	if (q < end && *q == '(')
		return true;
	if (!read_name(&q, end, &next, &quote))
		return false;
	skip_blanks(&q, end);
	return q < end && *q == '(';
}

/* Past a quoted string at *p (its quote doubled, or in MySQL escaped
 * with a backslash, inside): the position of its closing quote, or NULL
 * when it is cut. */
static const unsigned char *string_end(const unsigned char *q, const unsigned char *end,
                                       enum escapes esc)
{
	unsigned char quote = *q++;

	for (; q < end; q++) {
		if (esc == ESC_MYSQL && *q == '\\')
			q++;
		else if (*q == quote && q + 1 < end && q[1] == quote)
			q++;
		else if (*q == quote)
			return q;
	}
	return NULL;
}

/* Past an item of a list at q (a column's definition, a row's value):
 * the ',' or ')' at depth 0 that ends it, past quoted strings, brackets
 * and "--" comments; NULL when the list is cut. */
static const unsigned char *item_end(const unsigned char *q, const unsigned char *end,
                                     enum escapes esc)
{
	int depth = 0;

	for (; q < end; q++) {
		if (*q == '\'' || *q == '"' || *q == '`') {
			if ((q = string_end(q, end, esc)) == NULL)
				return NULL;
		} else if (end - q >= 2 && q[0] == '-' && q[1] == '-') {
			while (q + 1 < end && q[1] != '\n')
				q++;
		} else if (*q == '(') {
			depth++;
		} else if (*q == ')' && depth > 0) {
			depth--;
		} else if ((*q == ',' || *q == ')') && depth == 0) {
			return q;
		}
	}
	return NULL;
}

/* The column names of a CREATE TABLE's definitions, "(`id` int NOT NULL,
 * `pw` varchar(64) DEFAULT 'x', PRIMARY KEY (`id`))", into t, past types,
 * defaults and comments (quoted, brackets nested) and without the
 * constraints; the position after ")" in *p. false when it is cut. */
static bool read_definitions(const unsigned char **p, const unsigned char *end, struct table *t)
{
	const unsigned char *q = *p;

	t->ncol = 0;
	t->esc = ESC_SQL;
	if (q >= end || *q != '(')
		return false;
	q++;
	for (;;) {
		struct span name;
		unsigned char quote;
		if (!read_name(&q, end, &name, &quote))
			return false;
		if (quote == '`')
			t->esc = ESC_MYSQL;
		if (quote || !starts_constraint(&name, q, end)) {
			if (t->ncol == SQL_COLUMNS_MAX)
				return false;
			t->col[t->ncol++] = name;
		}
		if ((q = item_end(q, end, t->esc)) == NULL) /* the definition's rest */
			return false;
		if (*q++ == ')') {
			*p = q;
			return true;
		}
	}
}

/* One value of a row at *p: a quoted string's text in *out, or anything
 * else up to the next ',' or ')' at depth 0 (a number, NULL, a call, a
 * binary literal _binary '…' or X'…') with out->p NULL. -1 when the row
 * is cut. */
static int read_value(const unsigned char **p, const unsigned char *end, struct span *out,
                      enum escapes esc)
{
	const unsigned char *q = *p, *close;

	skip_blanks(&q, end);
	out->p = NULL;
	out->n = 0;
	if (q < end && (*q == '\'' || *q == '"')) {
		if ((close = string_end(q, end, esc)) == NULL)
			return -1;
		out->p = q + 1;
		out->n = (size_t)(close - q - 1);
		*p = close + 1;
		return 0;
	}
	if ((q = item_end(q, end, esc)) == NULL)
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

/* A column's rank as the password's: 2 names a password (password,
 * user_pass, pwd), 1 another credential (api_token, secret), 0 none:
 * not a bare "key" (a map's), nor what is kept about a password
 * (password_salt, password_question, password_format). */
static int credential_rank(const struct span *c)
{
	static const char *const ends[] = {"password",   "passwd", "passwort", "passcode",
	                                   "passphrase", "pass",   "pwd",      "pw"};
	static const char *const about[] = {"salt", "question", "hint",      "format",
	                                    "iv",   "nonce",    "algorithm", "scheme"};
	const unsigned char *last = c->p + c->n;

	if (!field_names_credential((const char *)c->p, c->n) || word_is(c, "key"))
		return 0;
	while (last > c->p && ((last[-1] | 0x20) >= 'a' && (last[-1] | 0x20) <= 'z'))
		last--;
	for (size_t i = 0; i < sizeof about / sizeof *about; i++) {
		struct span w = {last, (size_t)(c->p + c->n - last)};
		if (word_is(&w, about[i]))
			return 0;
	}
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		size_t n = strlen(ends[i]);
		if (c->n >= n && strncasecmp((const char *)c->p + c->n - n, ends[i], n) == 0)
			return 2;
	}
	return 1;
}

/* The text of a value without its escapes (esc), into out. */
static int take_unescaped(struct decoded *out, const struct span *v, enum escapes esc)
{
	unsigned char buf[DECODED_MAX];
	size_t n = 0;

	for (size_t i = 0; i < v->n; i++) {
		unsigned char c = v->p[i];
		if (i + 1 < v->n && c == '\\' && esc != ESC_SQL) {
			c = v->p[++i];
			if (esc == ESC_COPY) /* a control character is no typed password */
				c = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
		} else if (i + 1 < v->n && esc != ESC_COPY && (c == '\'' || c == '"') &&
		           v->p[i + 1] == c) {
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

static bool names_account(const struct span *c)
{
	static const char *const names[] = {"user",  "username", "user_name", "login",
	                                    "email", "name",     "account",   "uid"};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (word_is(c, names[i]))
			return true;
	return false;
}

/* The values of a row a verdict needs: up to the last column that names
 * a credential or an account. */
static int columns_needed(const struct table *t)
{
	int need = 0;

	for (int i = 0; i < t->ncol; i++)
		if (credential_rank(&t->col[i]) > 0 || names_account(&t->col[i]))
			need = i + 1;
	return need;
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

/* The first row of a VALUES clause, "(v1, v2, …)": the values the verdict
 * needs into t->val, the row filling every column when it needs them all. */
static bool read_row(const unsigned char **p, const unsigned char *end, struct table *t)
{
	const unsigned char *q = *p;
	int need = columns_needed(t);

	if (need == 0 || q >= end || *q != '(')
		return false;
	q++;
	for (int i = 0; i < need; i++) {
		if (read_value(&q, end, &t->val[i], t->esc) < 0)
			return false;
		skip_blanks(&q, end);
		if (q >= end || *q != (i + 1 < t->ncol ? ',' : ')'))
			return false;
		q++;
	}
	*p = q;
	return true;
}

/* Past the row "(…)" at q: the next row's "(" in the same VALUES list
 * (", (…)"), or, after the statement's ";", in the INSERT into table that
 * follows it (NULL: none there); NULL when there is none. */
static const unsigned char *row_after(const unsigned char *q, const unsigned char *end,
                                      enum escapes esc, const struct span *table)
{
	struct span name;
	unsigned char quote;

	if (q >= end || *q != '(')
		return NULL;
	q++;
	do {
		if ((q = item_end(q, end, esc)) == NULL)
			return NULL;
	} while (*q++ != ')');
	skip_blanks(&q, end);
	if (q < end && *q == ',') {
		q++;
		skip_blanks(&q, end);
		return q < end && *q == '(' ? q : NULL;
	}
	if (table == NULL || q >= end || *q++ != ';' || !take_word(&q, end, "insert") ||
	    !take_word(&q, end, "into") || !read_name(&q, end, &name, &quote) ||
	    name.n != table->n ||
	    strncasecmp((const char *)name.p, (const char *)table->p, name.n) != 0 ||
	    !take_word(&q, end, "values"))
		return NULL;
	return q < end && *q == '(' ? q : NULL;
}

/* Where the next row starts, as an offset into in (0: none). */
static size_t next_row(const unsigned char *in, const unsigned char *row, const unsigned char *end,
                       enum escapes esc, const struct span *table)
{
	const unsigned char *n = row_after(row, end, esc, table);

	return n != NULL ? (size_t)(n - in) : 0;
}

/* A row's verdict: of its literals (val[i].p set) the one under the
 * best-named credential column, the first of a password's before another
 * credential's (a NULL api_token does not hide the password beside it),
 * unless it is a hash or a fill-in; a user column's value is the account. */
static int judge_row(struct decoded *out, const struct table *t, const unsigned char *in,
                     const char *scheme, size_t next)
{
	int best = -1, best_rank = 0, user = -1, need = columns_needed(t);
	int rc;

	for (int i = 0; i < need; i++) {
		int rank = credential_rank(&t->col[i]);
		if (rank > best_rank && t->val[i].p != NULL && t->val[i].n > 0) {
			best = i;
			best_rank = rank;
		}
		if (rank == 0 && user < 0 && names_account(&t->col[i]))
			user = i;
	}
	if (best < 0 || !printable_text(t->val[best].p, t->val[best].n) ||
	    stored_hash(t->val[best].p, t->val[best].n) ||
	    is_placeholder(t->val[best].p, t->val[best].n) ||
	    take_unescaped(out, &t->val[best], t->esc) < 0) {
		rc = decoded_reject(out);
		out->next = next; /* the rows after it are judged on their own */
		return rc;
	}
	if (user >= 0 && t->val[user].p != NULL && t->val[user].n > 0)
		(void)decoded_account(out, t->val[user].p, t->val[user].n);
	out->at = (size_t)(t->val[best].p - in);
	rc = decoded_verdict(out, SEV_HIGH, scheme,
	                     _("A SQL dump's row stores the password in clear text in a "
	                       "credential column"));
	out->next = next;
	return rc;
}

/* "(c1, c2, …) VALUES (v1, v2, …), …", on one line or several: the row
 * at from (0: the first). */
static int sql_insert_row(const unsigned char *in, size_t span, size_t len, size_t from,
                          struct decoded *out)
{
	struct table t;
	const unsigned char *p = in, *end = in + len, *row;

	(void)span; /* a statement with its column list reads alike past it */
	decoded_wipe(out);
	if (!read_columns(&p, end, &t) || !take_word(&p, end, "values") ||
	    (from != 0 && (from < (size_t)(p - in) || from >= len)))
		return decoded_reject(out);
	row = p = from != 0 ? in + from : p;
	if (!read_row(&p, end, &t))
		return decoded_reject(out);
	return judge_row(out, &t, in, "sql-insert", next_row(in, row, end, t.esc, NULL));
}

static int sql_insert_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	return sql_insert_row(in, len, len, 0, out);
}

/* "(c1, c2, …) FROM stdin;" and data lines: values separated by tabs,
 * \N for NULL ("\." alone ends the data); the line at from (0: the
 * first). A line ends with its newline: a line the input cuts is not read. */
static int sql_copy_row(const unsigned char *in, size_t span, size_t len, size_t from,
                        struct decoded *out)
{
	struct table t;
	const unsigned char *p = in, *end = in + len, *next;
	int need;

	(void)span;
	decoded_wipe(out);
	if (!read_columns(&p, end, &t) || !take_word(&p, end, "from") || (size_t)(end - p) < 5 ||
	    strncasecmp((const char *)p, "stdin", 5) != 0)
		return decoded_reject(out);
	t.esc = ESC_COPY;
	p += 5;
	while (p < end && (*p == ' ' || *p == '\t' || *p == ';' || *p == '\r'))
		p++;
	if (p >= end || *p++ != '\n' || (from != 0 && (from < (size_t)(p - in) || from >= len)))
		return decoded_reject(out);
	if (from != 0)
		p = in + from;
	if (end - p >= 2 && p[0] == '\\' && p[1] == '.' && (end - p == 2 || blank(p[2])))
		return decoded_reject(out); /* the data's end */
	/* the next line, if this one is whole */
	next = memchr(p, '\n', (size_t)(end - p));
	need = columns_needed(&t);
	for (int i = 0; i < need; i++) {
		const unsigned char *from_v = p;
		while (p < end && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		/* a tab between values; the line's end after the last */
		if (p >= end || (i + 1 < t.ncol) != (*p == '\t'))
			return decoded_reject(out);
		t.val[i].n = (size_t)(p - from_v);
		t.val[i].p = t.val[i].n == 2 && memcmp(from_v, "\\N", 2) == 0 ? NULL : from_v;
		p++;
	}
	return judge_row(out, &t, in, "sql-copy",
	                 next != NULL && next + 1 < end ? (size_t)(next + 1 - in) : 0);
}

static int sql_copy_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	return sql_copy_row(in, len, len, 0, out);
}

/* A CREATE TABLE's "(definitions) …;" then the INSERT INTO the table
 * without a column list that the rule saw follow it, the span's last:
 * "… VALUES (v1, …)" (another table's INSERT may come between). */
static int sql_table_row(const unsigned char *in, size_t span, size_t len, size_t from,
                         struct decoded *out)
{
	struct table t;
	const unsigned char *p = in, *end = in + len, *ins, *row, *c;
	struct span name, other;
	unsigned char quote;

	decoded_wipe(out);
	if (span > len || from >= len || !read_definitions(&p, in + span, &t) ||
	    (ins = find_ci(p, span - (size_t)(p - in), "insert into")) == NULL)
		return decoded_reject(out);
	/* the span's last INSERT (another table's may come between): its
	 * table's, and its first row is in the span */
	for (const unsigned char *next = ins; next != NULL;
	     next = find_ci(ins + 1, span - (size_t)(ins + 1 - in), "insert into"))
		ins = next;
	row = ins + strlen("insert into");
	if (!read_name(&row, in + span, &name, &quote) ||
	    (row = find_ci(row, span - (size_t)(row - in), "values")) == NULL ||
	    !take_word(&row, in + span, "values"))
		return decoded_reject(out);
	/* a later CREATE TABLE of the same name owns the INSERT: its own
	 * match reads the rows, not this one as well */
	for (c = find_ci(p, (size_t)(ins - p), "create table"); c != NULL;
	     c = find_ci(c + 1, (size_t)(ins - c - 1), "create table")) {
		const unsigned char *q = c + strlen("create table");
		skip_blanks(&q, ins);
		if ((size_t)(ins - q) > 13 &&
		    strncasecmp((const char *)q, "if not exists", 13) == 0)
			q += 13;
		if (read_name(&q, ins, &other, &quote) && other.n == name.n &&
		    strncasecmp((const char *)other.p, (const char *)name.p, name.n) == 0)
			return decoded_reject(out);
	}
	if (from != 0) {
		if (from < (size_t)(row - in))
			return decoded_reject(out);
		row = in + from;
	}
	p = row;
	if (!read_row(&p, end, &t))
		return decoded_reject(out);
	return judge_row(out, &t, in, "sql-table", next_row(in, row, end, t.esc, &name));
}

static int sql_table_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	return sql_table_row(in, len, len, 0, out);
}

const struct decoder decoder_sql_insert = {
        "sql-insert", sql_insert_decode,
        N_("SQL INSERT into a table with a credential column (a dump's users table): the "
           "value of each row, unless it is a hash"),
        true, sql_insert_row};

const struct decoder decoder_sql_copy = {
        "sql-copy", sql_copy_decode,
        N_("PostgreSQL COPY … FROM stdin of a table with a credential column (pg_dump's "
           "data): each row's value, unless it is a hash"),
        true, sql_copy_row};

const struct decoder decoder_sql_table = {
        "sql-table", sql_table_decode,
        N_("CREATE TABLE with a credential column, then its INSERT without a column list "
           "and those after it (mysqldump, SQLite .dump): each row's value, unless it is a "
           "hash"),
        true, sql_table_row};
