/* Tables of credentials: see table.h. */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "rules/field.h"
#include "rules/table.h"

/* clang-format off */
static const char *const ja_credential[] = {
	"パスワード", "ﾊﾟｽﾜｰﾄﾞ", "暗証番号", "パスフレーズ", "合言葉", "ＰＷ", "ＰＡＳＳ",
};
static const char *const user_words[] = {
	"user", "username", "user name", "user_name", "userid", "user id", "login", "account",
	"ユーザー", "ユーザ", "ユーザー名", "ユーザ名", "ユーザーID", "ログインID", "アカウント",
};
/* clang-format on */
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void trim(const unsigned char *b, size_t *s, size_t *e)
{
	while (*s < *e && (b[*s] == ' ' || b[*s] == '\t'))
		(*s)++;
	while (*e > *s && (b[*e - 1] == ' ' || b[*e - 1] == '\t' || b[*e - 1] == '\r'))
		(*e)--;
}

/* One cell from pos: its span, and where the next one starts; *eol when
 * the cell ends its row (a line end or the end of the buffer). */
static size_t next_cell(const unsigned char *b, size_t len, size_t pos, unsigned char sep,
                        struct table_cell *c, bool *eol)
{
	size_t i = pos;

	while (i < len && (b[i] == ' ' || (b[i] == '\t' && sep != '\t')))
		i++;
	if (i < len && b[i] == '"') {
		c->s = ++i;
		while (i < len && !(b[i] == '"' && (i + 1 >= len || b[i + 1] != '"')))
			i += b[i] == '"' ? 2 : 1;
		c->e = i < len ? i : len;
		if (i < len)
			i++;
		while (i < len && b[i] != sep && b[i] != '\n')
			i++; /* anything after the closing quote is no part of it */
	} else {
		c->s = pos;
		while (i < len && b[i] != sep && b[i] != '\n')
			i++;
		c->e = i;
		trim(b, &c->s, &c->e);
	}
	*eol = i >= len || b[i] == '\n';
	return i < len ? i + 1 : len;
}

/* A Japanese credential's name in s, last or before a qualifier in
 * brackets ("初期パスワード", "パスワード（root）"; not "パスワード変更日"). */
static bool names_ja(const unsigned char *s, size_t n)
{
	for (size_t k = 0; k < NELEM(ja_credential); k++) {
		size_t m = strlen(ja_credential[k]);
		for (size_t i = 0; i + m <= n; i++) {
			size_t j = i + m;
			if (memcmp(s + i, ja_credential[k], m) == 0 &&
			    (j == n || s[j] == '(' || s[j] == '[' ||
			     (n - j >= 3 && memcmp(s + j, "（", 3) == 0)))
				return true;
		}
	}
	return false;
}

/* s is w, ASCII letters in any case (strncasecmp folds no other byte) */
static bool same_word(const unsigned char *s, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp((const char *)s, w, n) == 0;
}

bool table_names_credential(const unsigned char *s, size_t n)
{
	if (names_ja(s, n))
		return true;
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 0x80)
			return false; /* Japanese, and none of its names */
	return n > 0 && field_names_credential((const char *)s, n);
}

bool table_row_names_credential(const unsigned char *s, size_t n)
{
	static const char *const words[] = {"password", "passwd",  "passphrase", "pass",
	                                    "pw",       "pwd",     "pin",        "secret",
	                                    "token",    "api key", "apikey"};
	if (names_ja(s, n))
		return true;
	if (n == 0 || n > 40)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') && s[i] != ' ')
			return false;
	for (size_t i = 0; i < NELEM(words); i++) {
		size_t m = strlen(words[i]);
		/* the last word, or the last words after a blank */
		if (m <= n && (m == n || s[n - m - 1] == ' ') && same_word(s + n - m, m, words[i]))
			return true;
	}
	return false;
}

static bool names_user(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < NELEM(user_words); i++)
		if (same_word(s, n, user_words[i]))
			return true;
	return false;
}

bool table_header(const unsigned char *b, size_t len, struct table_header *h)
{
	size_t eol = 0, commas = 0, tabs = 0, pos = 0;
	bool last = false;

	while (eol < len && b[eol] != '\n') {
		commas += b[eol] == ',';
		tabs += b[eol] == '\t';
		eol++;
	}
	h->sep = tabs > 0 && commas == 0 ? '\t' : ',';
	h->secret_col = h->user_col = SIZE_MAX;
	h->rows = 0;
	h->ncols = 1 + (h->sep == '\t' ? tabs : commas); /* quotes aside: an estimate */
	if (commas + tabs == 0)
		return false; /* one column: a list, not a table */
	for (size_t col = 0; col < TABLE_COLUMNS_MAX && !last; col++) {
		struct table_cell c;
		pos = next_cell(b, len, pos, h->sep, &c, &last);
		if (h->secret_col == SIZE_MAX && table_names_credential(b + c.s, c.e - c.s))
			h->secret_col = col;
		else if (h->user_col == SIZE_MAX && names_user(b + c.s, c.e - c.s))
			h->user_col = col;
	}
	h->rows = pos;
	return h->secret_col != SIZE_MAX && last;
}

size_t table_row(const unsigned char *b, size_t len, size_t pos, const struct table_header *h,
                 struct table_cell *secret, struct table_cell *user)
{
	bool last = false;

	secret->s = secret->e = user->s = user->e = pos;
	for (size_t col = 0; !last && pos < len; col++) {
		struct table_cell c;
		pos = next_cell(b, len, pos, h->sep, &c, &last);
		if (col == h->secret_col)
			*secret = c;
		else if (col == h->user_col)
			*user = c;
	}
	return pos;
}
