/* Tables of credentials: a CSV or TSV file whose header names a password
 * column ("host,user,password", "ホスト,ユーザー,パスワード") stores a
 * password in every row of that column, however the value looks. This
 * reads the header and walks the rows (RFC 4180: a cell in double quotes
 * may hold the separator, line ends and "" for a quote). */
#ifndef CREDPOLICY_TABLE_H
#define CREDPOLICY_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#define TABLE_COLUMNS_MAX 256

struct table_cell {
	size_t s, e; /* the cell's text, inside its quotes */
};

/* The header of the table at b: its separator (',' or, when the first
 * line has tabs and no commas, '\t'), the column that names a credential
 * and the one that names its user (SIZE_MAX: none), and where the first
 * row starts. False when no column names a credential. */
struct table_header {
	unsigned char sep;
	size_t secret_col, user_col;
	size_t rows;
	size_t ncols; /* the header's columns */
};
bool table_header(const unsigned char *b, size_t len, struct table_header *h);

/* The row that starts at pos: the cells of the two columns (empty spans
 * when the row is shorter), and where the next row starts (len at the
 * end). */
size_t table_row(const unsigned char *b, size_t len, size_t pos, const struct table_header *h,
                 struct table_cell *secret, struct table_cell *user);

/* A header cell that names a credential: the field judge's words
 * (password, passwd, pw, secret, token, ...) or their Japanese names
 * (パスワード, 暗証番号, パスフレーズ, 合言葉, ＰＷ), the name last or
 * followed by a qualifier in brackets ("初期パスワード", "パスワード(root)";
 * not "パスワード変更日"). */
bool table_names_credential(const unsigned char *s, size_t n);

/* A row's name cell in a table of names and values ("項目,値" then
 * "パスワード,x"): a Japanese name as above, or an English one that ends
 * with a credential's word ("Password", "DB password", "API key"), words
 * of letters only, at most 40 bytes ("0token" and
 * "docker-credential-gcr" are names of things). */
bool table_row_names_credential(const unsigned char *s, size_t n);

#endif
