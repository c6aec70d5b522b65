/* Tables of credentials (lib/rules/table.c): the header's credential and
 * user columns, the separator, RFC 4180 quoting, and rows walked to the
 * end whatever their length. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rules/table.h"

#define U(s) (const unsigned char *)(s), strlen(s)

static void test_header(void **state)
{
	struct table_header h;

	(void)state;
	assert_true(table_header(U("host,user,password\nweb01,admin,x\n"), &h));
	assert_int_equal(h.sep, ',');
	assert_int_equal(h.secret_col, 2);
	assert_int_equal(h.user_col, 1);
	assert_int_equal(h.rows, strlen("host,user,password\n"));
	assert_int_equal(h.ncols, 3);
	/* tabs and no commas: a TSV; the credential's name in any case */
	assert_true(table_header(U("Host\tLogin\tPW\r\n"), &h));
	assert_int_equal(h.sep, '\t');
	assert_int_equal(h.secret_col, 2);
	assert_int_equal(h.user_col, 1);
	/* Japanese names, a qualifier in brackets after the name */
	assert_true(table_header(U("ホスト,ユーザー名,パスワード（初期）\n"), &h));
	assert_int_equal(h.secret_col, 2);
	assert_int_equal(h.user_col, 1);
	assert_true(table_header(U("\"No.\",\"サーバ\",\"暗証番号\"\n"), &h));
	assert_int_equal(h.secret_col, 2);
	assert_int_equal(h.user_col, SIZE_MAX);
	/* a column about the password, one column alone, no header line */
	assert_false(table_header(U("host,password_changed\n"), &h));
	assert_false(table_header(U("ホスト,パスワード変更日\n"), &h));
	assert_false(table_header(U("password\nx\n"), &h));
	assert_false(table_header(U(""), &h));
}

static void test_rows(void **state)
{
	static const char t[] = "host,user,password\n"
	                        "web01, admin ,\"Tq8v,Lm2\"\"x\"\n"
	                        "\"web\n02\",root,\"multi\nline\"\n"
	                        "web03\n"
	                        "web04,ops,Zx81\r\n";
	const unsigned char *b = (const unsigned char *)t;
	struct table_header h;
	struct table_cell sec, user;
	size_t pos, len = strlen(t);

	(void)state;
	assert_true(table_header(b, len, &h));
	pos = table_row(b, len, h.rows, &h, &sec, &user);
	assert_memory_equal(b + sec.s, "Tq8v,Lm2\"\"x", sec.e - sec.s);
	assert_int_equal(sec.e - sec.s, strlen("Tq8v,Lm2\"\"x"));
	assert_memory_equal(b + user.s, "admin", 5);
	assert_int_equal(user.e - user.s, 5);
	pos = table_row(b, len, pos, &h, &sec, &user);
	assert_memory_equal(b + sec.s, "multi\nline", sec.e - sec.s);
	assert_memory_equal(b + user.s, "root", 4);
	pos = table_row(b, len, pos, &h, &sec, &user); /* a short row */
	assert_int_equal(sec.e, sec.s);
	pos = table_row(b, len, pos, &h, &sec, &user);
	assert_memory_equal(b + sec.s, "Zx81", 4);
	assert_int_equal(sec.e - sec.s, 4);
	assert_int_equal(pos, len);
	/* an unclosed quote runs to the end, and the walk ends there */
	static const char o[] = "a,b,\"open";
	assert_int_equal(table_row((const unsigned char *)o, strlen(o), 0, &h, &sec, &user),
	                 strlen(o));
	assert_int_equal(sec.e - sec.s, 4);
	assert_memory_equal(o + sec.s, "open", 4);
}

static void test_names(void **state)
{
	(void)state;
	assert_true(table_names_credential(U("password")));
	assert_true(table_names_credential(U("DB Password")));
	assert_true(table_names_credential(U("初期パスワード")));
	assert_true(table_names_credential(U("パスワード(root)")));
	assert_true(table_names_credential(U("ﾊﾟｽﾜｰﾄﾞ")));
	assert_false(table_names_credential(U("パスワード変更日")));
	assert_false(table_names_credential(U("password_changed")));
	assert_false(table_names_credential(U("ホスト")));
	assert_false(table_names_credential(U("")));
	/* a row's name in a sheet of names and values */
	assert_true(table_row_names_credential(U("Password")));
	assert_true(table_row_names_credential(U("DB admin password")));
	assert_true(table_row_names_credential(U("API Key")));
	assert_true(table_row_names_credential(U("管理者パスワード")));
	assert_false(table_row_names_credential(U("0token")));
	assert_false(table_row_names_credential(U("github.com/x/docker-credential-gcr")));
	assert_false(table_row_names_credential(U("password policy")));
	assert_false(table_row_names_credential(U("bypass")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_header),
	        cmocka_unit_test(test_rows),
	        cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
