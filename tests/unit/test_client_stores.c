/* Client password stores and encodings: FileZilla, WinSCP, rclone,
 * base64 user:password, base64, htpasswd, Firefox logins.json and
 * Chromium Login Data. Published vectors where they exist (rclone's own
 * tests); otherwise encoders written here from the public descriptions,
 * and stores built at test time. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/aes.h>
#include <nettle/base64.h>
#include <nettle/cbc.h>
#include <nettle/ctr.h>
#include <nettle/pbkdf2.h>
#include <nettle/sha1.h>
#include <sqlite3.h>

#include "rules/decoders/decoder.h"
#include "decoder_check.h"

static void b64(const void *in, size_t len, char *out)
{
	size_t n = BASE64_ENCODE_RAW_LENGTH(len);

	base64_encode_raw(out, len, in);
	out[n] = '\0';
}

/* ---- FileZilla --------------------------------------------------------- */

static void test_filezilla(void **state)
{
	char enc[64], xml[128];
	struct decoded d;

	b64(CANARY, strlen(CANARY), enc);
	snprintf(xml, sizeof xml, "<Pass encoding=\"base64\">%s</Pass>", enc);
	decode_clear("filezilla", xml, CANARY);
	decode_clear("filezilla", enc, CANARY);
	decode_clear("filezilla", "<Pass>p&amp;w&lt;3</Pass>", "p&w<3");
	decode_ok("filezilla", "<Pass encoding=\"crypt\" pubkey=\"AAAA\">QUJD</Pass>", &d);
	assert_false(d.recoverable);
	assert_string_equal(d.scheme, "filezilla-master-password");
	decoded_wipe(&d);
	REJECTS("filezilla", "<Pass encoding=\"base64\">!!!!</Pass>");
	REJECTS("filezilla", "<Pass>a&bogus;</Pass>");
	REJECTS("filezilla", "<Pass encoding=\"base64\">Y2FuYXJ5");
}

/* ---- WinSCP ------------------------------------------------------------ */

static size_t winscp_put(char *out, size_t n, unsigned char b)
{
	return n + (size_t)sprintf(out + n, "%02X", (unsigned)(b ^ 0x5C));
}

/* WinSCP's EncryptPassword: flag, dummy, length, shift, random bytes,
 * user+host+password, random padding to 50 bytes. flagged = false gives
 * the old length-first form (password only). */
static void winscp_encode(const char *user, const char *host, const char *pw, bool flagged,
                          char *out)
{
	char text[256];
	size_t n = 0, len;
	unsigned shift = 7;

	snprintf(text, sizeof text, "%s%s%s", flagged ? user : "", flagged ? host : "", pw);
	len = strlen(text);
	if (flagged) {
		n = winscp_put(out, n, 0xFF);
		n = winscp_put(out, n, 0x00);
	}
	n = winscp_put(out, n, (unsigned char)len);
	n = winscp_put(out, n, (unsigned char)shift);
	for (unsigned i = 0; i < shift; i++)
		n = winscp_put(out, n, (unsigned char)(i * 37));
	for (size_t i = 0; i < len; i++)
		n = winscp_put(out, n, (unsigned char)text[i]);
	while (n < 100)
		n = winscp_put(out, n, 0x42);
}

static void test_winscp(void **state)
{
	char p1[256], p2[256], ini[1024];
	struct decoded d;

	winscp_encode("alice", "files.example.com", CANARY, true, p1);
	winscp_encode("bob", "10.0.0.2", "other-password", true, p2);
	snprintf(ini, sizeof ini,
	         "[Configuration\\Interface]\nRandomSeedFile=x\n"
	         "[Sessions\\alice@files]\nHostName=files.example.com\nUserName=alice\n"
	         "Password=%s\n\n[Sessions\\bob]\r\nUserName=bob\r\nHostName=10.0.0.2\r\n"
	         "Password=%s\r\n",
	         p1, p2);
	decode_ok("winscp", ini, &d);
	check_store_canary(&d, 2);

	/* A registry export names the same values in quotes. */
	snprintf(
	        ini, sizeof ini,
	        "[HKEY_CURRENT_USER\\Software\\Martin Prikryl\\WinSCP 2\\Sessions\\a]\n"
	        "\"HostName\"=\"files.example.com\"\n\"UserName\"=\"alice\"\n\"Password\"=\"%s\"\n",
	        p1);
	decode_clear("winscp", ini, CANARY);

	/* A bare flagged value: recoverable, but not separable here. */
	decode_ok("winscp", p1, &d);
	assert_false(d.recoverable);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.severity, SEV_HIGH);
	decoded_wipe(&d);

	/* The old length-first form needs no key. */
	winscp_encode("", "", CANARY, false, p2);
	decode_clear("winscp", p2, CANARY);

	/* Master password. */
	snprintf(ini, sizeof ini,
	         "[Configuration\\Security]\nUseMasterPassword=1\n[Sessions\\a]\nPassword=%s\n",
	         p1);
	decode_ok("winscp", ini, &d);
	assert_false(d.recoverable);
	assert_string_equal(d.scheme, "winscp-master-password");
	decoded_wipe(&d);

	/* WinSCP's hex form that does not decode is stored all the same */
	decode_ok("winscp", "[Sessions\\a]\nPassword=0F0F0F0F0F0F0F0F0F0F\n", &d);
	assert_false(d.recoverable);
	assert_int_equal(d.severity, SEV_HIGH);
	assert_int_equal(d.count, 1);
	decoded_wipe(&d);

	REJECTS("winscp", "[Sessions\\a]\nHostName=x\n");
	REJECTS("winscp", "Password=ZZZZ\n");
	REJECTS("winscp", "Password=0F0F0F\n");
	REJECTS("winscp", "A3");
}

/* ---- rclone ------------------------------------------------------------ */

static const uint8_t rclone_key[32] = {
        0x9c, 0x93, 0x5b, 0x48, 0x73, 0x0a, 0x55, 0x4d, 0x6b, 0xfd, 0x7c,
        0x63, 0xc8, 0x86, 0xa9, 0x2b, 0xd3, 0x90, 0x19, 0x8e, 0xb8, 0x12,
        0x8a, 0xfb, 0xf4, 0xde, 0x16, 0x2b, 0x8b, 0x95, 0xf6, 0x38,
};

static void rclone_obscure(const char *pw, char *out)
{
	uint8_t buf[128], ctr[16];
	struct aes256_ctx ctx;
	size_t n = strlen(pw);
	char std[256];

	memset(buf, 'c', 16);
	memcpy(ctr, buf, 16);
	aes256_set_encrypt_key(&ctx, rclone_key);
	ctr_crypt(&ctx, (nettle_cipher_func *)aes256_encrypt, 16, ctr, n, buf + 16,
	          (const uint8_t *)pw);
	b64(buf, 16 + n, std);
	/* URL alphabet, no padding. */
	for (char *c = std; *c != '\0'; c++)
		*c = *c == '+' ? '-' : *c == '/' ? '_' : *c;
	*strchrnul(std, '=') = '\0';
	strcpy(out, std);
}

/* A dump's INSERT: the credential column's value of the first row, read
 * through quoting; a hash or no literal there is no finding. */
static void test_sql_insert(void **state)
{
	struct decoded d;
	static const char *const none[] = {
	        "(name, email) VALUES ('a', 'b@c.example')",
	        "(name, password) VALUES ('a', NULL)",
	        "(name, password) VALUES (?, ?)",
	        "(name, password) VALUES ('a', '5f4dcc3b5aa765d61d8327deb882cf99')",
	        "(name, password) VALUES ('a', '$2b$12$abcdefghijklmnopqrstuu')",
	        "(id, password, username) VALUES (1, 'pbkdf2_sha256$600000$s4lt$aGFzaA==', 'a')",
	        "(name, password) VALUES ('a', 'pbkdf2:sha256:600000$s4lt$0a1b2c')",
	        "(name, password) VALUES ('a', '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19')",
	        "(name, password) VALUES ('a', '!locked')",
	        "(name, password) VALUES ('a', 'AQAAAAEAACcQAAAAEKx9mQ2vLpAbCdEfGh12')",
	        "(key, value) VALUES ('site_name', 'My Blog')",
	        "(name, password) VALUES ('a', 'cut",
	        "(name, password) VALUES ('a')",
	        "(name password) VALUES ('a', 'b')",
	        /* standard SQL: a backslash is a character, the string ends */
	        "(name, password) VALUES ('a', 'ends\\', 'x')",
	        /* what is kept about a password is not it */
	        "(id, password_salt, password) VALUES (1, 'Ab3xYz9Qq', NULL)",
	};

	(void)state;
	decode_clear("sql-insert", "(name, password) VALUES ('admin', '" CANARY "');", CANARY);
	static const char row[] =
	        "(`id`, `login`, `passwd`) VALUES (7, 'alice', '" CANARY "'), (8, 'b', 'c')";
	decode_ok("sql-insert", row, &d);
	assert_string_equal(d.account, "alice");
	/* the finding's place: the value, not the column list */
	assert_int_equal(d.at, strstr(row, CANARY) - row);
	assert_memory_equal(d.secret, CANARY, strlen(CANARY));
	check_not_shown(&d, CANARY);
	decoded_wipe(&d);
	/* a NULL token does not hide the password; a binary literal is no
	 * value; the columns after the last credential are not needed */
	decode_clear("sql-insert", "(id, api_token, password) VALUES (1, NULL, '" CANARY "')",
	             CANARY);
	decode_clear("sql-insert",
	             "(`uuid`, `login`, `passwd`, `bio`) VALUES (_binary '\\0\\'3D', 'a', '" CANARY
	             "', 'cut",
	             CANARY);
	decode_clear("sql-insert", "(uid, pw) VALUES (X'00ff', '" CANARY "')", CANARY);
	/* MySQL's escapes where a name is backquoted; else the standard's */
	decode_clear("sql-insert", "(`u`, `pw`) VALUES (f(1, 2), 'it''s\\'x')", "it's'x");
	decode_clear("sql-insert", "(u, pw) VALUES (1, 'C:\\temp\\pw''1')", "C:\\temp\\pw'1");
	decode_clear("sql-insert",
	             "(id, password_salt, password) VALUES (1, 'Ab3xYz9Qq', '" CANARY "')", CANARY);
	for (size_t i = 0; i < sizeof none / sizeof *none; i++)
		decode_rejects("sql-insert", none[i], strlen(none[i]));
}

/* pg_dump's COPY: the first data line's tab-separated value under the
 * credential column; \N is NULL and a backslash escapes. */
static void test_sql_copy(void **state)
{
	struct decoded d;
	static const char *const none[] = {
	        "(id, login, passwd) FROM stdin;\n1\tcarol\t\\N\n",
	        "(id, login, passwd) FROM stdin;\n1\tcarol\tmd55f4dcc3b5aa765d61d8327deb882cf99\n",
	        "(id, login, passwd) FROM stdin;\n\\.\n",
	        "(passwd) FROM stdin;\n\\.\n",
	        "(id, login, passwd) FROM stdin;\n1\tcarol\n",
	        "(id, login, passwd) FROM stdin;\n1\tcarol\tx\ty\n",
	        "(id, login, passwd) FROM stdin;\n1\tcarol\ttab\\there\n",
	        "(id, name, value) FROM stdin;\n1\tsite\tMy Blog\n",
	        "(id, login, passwd) FROM '/tmp/x.csv';\n1\tcarol\tx\n",
	        /* the line cut by the rule, its end unseen */
	        "(id, login, passwd) FROM stdin;\n1\tcarol\tPg7-cut-her",
	};

	(void)state;
	static const char copy[] =
	        "(id, login, passwd) FROM stdin;\n1\tcarol\t" CANARY "\n2\td\te\n";
	decode_ok("sql-copy", copy, &d);
	assert_string_equal(d.account, "carol");
	assert_int_equal(d.at, strstr(copy, CANARY) - copy);
	assert_memory_equal(d.secret, CANARY, strlen(CANARY));
	check_not_shown(&d, CANARY);
	decoded_wipe(&d);
	/* a backslash escapes the next byte; a long line is read up to the
	 * credential column */
	decode_clear("sql-copy", "(login, passwd) FROM stdin;\r\ncarol\t" CANARY "\r\n", CANARY);
	decode_clear("sql-copy", "(login, passwd) FROM stdin;\ncarol\tback\\\\slash\n",
	             "back\\slash");
	decode_clear("sql-copy", "(login, passwd, bio) FROM stdin;\ncarol\t" CANARY "\tcut",
	             CANARY);
	for (size_t i = 0; i < sizeof none / sizeof *none; i++)
		decode_rejects("sql-copy", none[i], strlen(none[i]));
}

/* A statement of rows read from its first row on (decode_row()): the rule's
 * span is text[0, span), the rest is the text after it; want holds the
 * recovered value of each row, "" where the row is none (a hash, NULL),
 * and where each stands. */
static void rows(const char *name, const char *text, size_t span, const char *const *want,
                 size_t nwant)
{
	const struct decoder *dec = decoder_find(name);
	const unsigned char *in = (const unsigned char *)text;
	size_t len = strlen(text), from = 0, n = 0;
	struct decoded d;

	assert_non_null(dec);
	assert_non_null(dec->decode_row);
	do {
		int rc = dec->decode_row(in, span, len, from, &d);
		assert_true(n < nwant);
		if (want[n][0] == '\0') {
			assert_true(rc < 0);
		} else {
			assert_int_equal(rc, 0);
			assert_true(d.recoverable);
			assert_int_equal(d.secret_len, strlen(want[n]));
			assert_memory_equal(d.secret, want[n], d.secret_len);
			assert_int_equal(d.at, strstr(text + from, want[n]) - text);
			check_not_shown(&d, want[n]);
		}
		assert_true(d.next == 0 || d.next > from);
		from = d.next;
		decoded_wipe(&d);
		n++;
	} while (from != 0);
	assert_int_equal(n, nwant);
}

/* Every row of a dump's statement: past a row that holds a hash, on the
 * lines after the rule's span, into the next INSERT of the same table (not
 * another's); COPY's data up to "\."; a row the text cuts ends it. */
static void test_sql_rows(void **state)
{
	static const char ins[] =
	        "(id, name, password) VALUES (1,'a','Xk9#pL2m'),\n"
	        "  (2,'b','$2b$12$abcdefghijklmnopqrstuuJ6C4Dl5m8f2Yk3XJ9q0wQ1eR2tY3uI4'),"
	        "(3,'c','letmein2');\nINSERT INTO users (id, name, password) "
	        "VALUES (4,'d','Zq8mKx4Lr7');";
	static const char *const ins_want[] = {"Xk9#pL2m", "", "letmein2"};
	static const char copy[] = "(id, login, passwd) FROM stdin;\n1\tcarol\tPg7-Kx9mQ2vLp\n"
	                           "2\tdave\t\\N\n3\terin\tqwerty\n\\.\n4\tx\tnot-data\n";
	static const char *const copy_want[] = {"Pg7-Kx9mQ2vLp", "", "qwerty", ""};
	static const char table[] =
	        "(`id` int, `login` varchar(32), `password` varchar(64));\n"
	        "INSERT INTO `ops` VALUES (1,'root','Hq2!vN8xRt'),(2,'o',NULL);\n"
	        "INSERT INTO `ops` VALUES (3,'dev','letmein');\n"
	        "INSERT INTO `other` VALUES (4,'x','Zq8mKx4Lr9');";
	static const char *const table_want[] = {"Hq2!vN8xRt", "", "letmein"};
	static const char cut[] = "(id, name, password) VALUES (1,'a','Xk9#pL2m'), (2,'b','cut";
	static const char *const cut_want[] = {"Xk9#pL2m", ""};
	static const char quoted[] = "(id INTEGER, name TEXT, password TEXT);\n"
	                             "INSERT INTO users VALUES(1,'see insert into log','Aa1-Pw');\n"
	                             "INSERT INTO sessions VALUES(7,'tokenrow','Zz9-Other');";
	static const char twice[] = "(id INTEGER, name TEXT, password TEXT);\n"
	                            "CREATE TABLE users (id INTEGER, name TEXT, password TEXT);\n"
	                            "INSERT INTO users VALUES(1,'alice','Aa1-Pw-Real');";
	static const char *const none_want[] = {""};

	(void)state;
	/* the rule's span ends after the first row, or the first data line */
	rows("sql-insert", ins, strlen(ins), ins_want, 3);
	rows("sql-copy", copy, (size_t)(strstr(copy, "2\t") - copy), copy_want, 4);
	rows("sql-table", table, (size_t)(strstr(table, "),(") - table + 1), table_want, 3);
	rows("sql-insert", cut, strlen(cut), cut_want, 2);
	/* "insert into" in a value is no statement: no other table's row is
	 * read under these columns */
	rows("sql-table", quoted,
	     strlen(quoted) - strlen(strstr(quoted, ";\nINSERT INTO sessions")), none_want, 1);
	/* a later CREATE TABLE of the same name owns the INSERT: read once */
	rows("sql-table", twice, strlen(twice), none_want, 1);
}

/* mysqldump's and SQLite's INSERT without a column list: the columns are
 * the CREATE TABLE's definitions, not its constraints. */
static void test_sql_table(void **state)
{
	struct decoded d;
	static const char *const none[] = {
	        /* NULL, past a DEFAULT holding a comma and a KEY named like the column */
	        "(`id` int, `name` varchar(8), `password` varchar(64) DEFAULT 'a,b', PRIMARY KEY "
	        "(`id`), KEY `pw` (`password`));\nINSERT INTO `t` VALUES (1,'x',NULL);",
	        "(id INTEGER, name TEXT, password TEXT);\nINSERT INTO t VALUES(1,'x');",
	        "(id INTEGER, name TEXT, value TEXT);\nINSERT INTO t VALUES(1,'password','v');",
	        "(id INTEGER, name TEXT, password TEXT);",
	        "(id INTEGER, name TEXT, password TEXT DEFAULT 'cut",
	        /* the table's own row, after another table's */
	        "(id INTEGER, email TEXT, password TEXT);\nINSERT INTO settings VALUES (1, "
	        "'site_name', 'My Company Blog');\nINSERT INTO users VALUES (1, 'a@b.example', "
	        "'$2b$12$abcdefghijklmnopqrstuuJ6C4Dl5m8f2Yk3XJ9q0wQ1eR2tY3uI4');",
	};

	(void)state;
	static const char table[] =
	        "(\n  `id` int NOT NULL,\n  `username` varchar(64) COMMENT 'a (b), c',\n"
	        "  `password` varchar(255) NOT NULL DEFAULT '',\n  PRIMARY KEY (`id`),\n"
	        "  UNIQUE KEY `u` (`username`)\n) ENGINE=InnoDB;\nLOCK TABLES `users` WRITE;\n"
	        "INSERT INTO `users` VALUES\n(1,'alice','" CANARY "'),\n(2,'b','c');";
	decode_ok("sql-table", table, &d);
	assert_string_equal(d.account, "alice");
	assert_int_equal(d.at, strstr(table, CANARY) - table);
	assert_memory_equal(d.secret, CANARY, strlen(CANARY));
	check_not_shown(&d, CANARY);
	decoded_wipe(&d);
	/* SQLite keeps the definitions as written: comments, a column named key */
	decode_clear("sql-table",
	             "(id INTEGER PRIMARY KEY, -- the row's id, (auto)\n  key TEXT, /* a, b */\n"
	             "  password TEXT);\nINSERT INTO users VALUES(1,'k','" CANARY "');",
	             CANARY);
	decode_clear("sql-table",
	             "(id INTEGER, password TEXT);\nINSERT INTO settings VALUES (1, 'x');\n"
	             "INSERT INTO users VALUES (1, '" CANARY "');",
	             CANARY);
	for (size_t i = 0; i < sizeof none / sizeof *none; i++)
		decode_rejects("sql-table", none[i], strlen(none[i]));
}

static void test_rclone(void **state)
{
	char enc[256];
	struct decoded d;

	/* rclone's own test vectors (fs/config/obscure/obscure_test.go). */
	decode_clear("rclone", "YWFhYWFhYWFhYWFhYWFhYXMaGgIlEQ", "potato");
	decode_clear("rclone", "YmJiYmJiYmJiYmJiYmJiYp3gcEWbAw", "potato");
	rclone_obscure(CANARY, enc);
	decode_clear("rclone", enc, CANARY);
	/* the obscured form of bytes that are no text: stored, not shown */
	rclone_obscure("\x01\x02\xfe\xff\x80\x7f", enc);
	decode_ok("rclone", enc, &d);
	assert_false(d.recoverable);
	assert_int_equal(d.severity, SEV_HIGH);
	assert_int_equal(d.secret_len, 0);
	decoded_wipe(&d);
	REJECTS("rclone", "YWFhYWFhYWFhYWFhYWFhYQ"); /* the empty password */
	REJECTS("rclone", "aGVsbG8");                /* shorter than the IV */
	REJECTS("rclone", "YmJiYmJiYmJiYmJiYmJiYp*gcEWbAw");
	REJECTS("rclone", "plain text password");
}

/* ---- base64 user:password, base64, htpasswd ---------------------------- */

static void test_basic_auth(void **state)
{
	char enc[128], hdr[160];
	struct decoded d;

	b64("alice:" CANARY, strlen("alice:" CANARY), enc);
	decode_ok("basic-auth", enc, &d);
	assert_string_equal(d.account, "alice");
	assert_true(d.recoverable);
	assert_memory_equal(d.secret, CANARY, strlen(CANARY));
	decoded_wipe(&d);
	snprintf(hdr, sizeof hdr, "Basic %s", enc);
	decode_clear("basic-auth", hdr, CANARY);
	/* "echo alice:pw | base64" encodes the line break too */
	b64("alice:" CANARY "\n", strlen("alice:" CANARY "\n"), enc);
	decode_clear("basic-auth", enc, CANARY);
	b64(":" CANARY, strlen(":" CANARY), enc); /* token only */
	decode_clear("basic-auth", enc, CANARY);
	b64("no colon here", 13, enc);
	REJECTS("basic-auth", enc);
	b64("alice:", 6, enc);
	REJECTS("basic-auth", enc);
	REJECTS("basic-auth", "not base64!");
}

static void test_base64(void **state)
{
	char enc[64];

	b64(CANARY, strlen(CANARY), enc);
	decode_clear("base64", enc, CANARY);
	b64("\x01\x02\x03\xff", 4, enc);
	REJECTS("base64", enc);
	REJECTS("base64", "abc");
	REJECTS("base64", "a===");
}

/* Grafana API keys are base64 JSON {"k","n","id"}; another service's
 * JSON that starts the same way ({"k","t","c"}) is not one. */
static void test_grafana(void **state)
{
	char enc[256];
	struct decoded d;

	b64("{\"k\":\"" CANARY "\",\"n\":\"ci\",\"id\":1}",
	    strlen("{\"k\":\"" CANARY "\",\"n\":\"ci\",\"id\":1}"), enc);
	decode_ok("grafana-key", enc, &d);
	assert_string_equal(d.scheme, "grafana-api-key");
	assert_false(d.not_a_secret);
	check_not_shown(&d, CANARY);
	decoded_wipe(&d);
	/* the padding cut off, or the JSON damaged after its key: kept */
	enc[strcspn(enc, "=")] = '\0';
	decode_ok("grafana-key", enc, &d);
	decoded_wipe(&d);
	b64("{\"k\":\"" CANARY "\"", strlen("{\"k\":\"" CANARY "\""), enc);
	decode_ok("grafana-key", enc, &d);
	decoded_wipe(&d);
	decode_ok("grafana-key", "glsa_Qm7zT2vLw9XpR4sNc8YhJ6dFa3KuB1eG_0a1b2c3d", &d);
	assert_string_equal(d.scheme, "grafana-token");
	decoded_wipe(&d);
	b64("{\"k\":\"3f1c9a2e-7b4d\",\"t\":\"8e2d4c6a\",\"c\":3}",
	    strlen("{\"k\":\"3f1c9a2e-7b4d\",\"t\":\"8e2d4c6a\",\"c\":3}"), enc);
	REJECTS("grafana-key", enc);
}

static void test_htpasswd(void **state)
{
	uint8_t dig[SHA1_DIGEST_SIZE];
	struct sha1_ctx sha;
	char line[128], enc[64];
	struct decoded d;

	sha1_init(&sha);
	sha1_update(&sha, strlen(CANARY), (const uint8_t *)CANARY);
	sha1_digest(&sha, sizeof dig, dig);
	b64(dig, sizeof dig, enc);
	snprintf(line, sizeof line, "alice:{SHA}%s", enc);
	decode_ok("htpasswd", line, &d);
	assert_string_equal(d.scheme, "htpasswd-sha1");
	assert_string_equal(d.account, "alice");
	assert_int_equal(d.severity, SEV_HIGH);
	assert_false(d.recoverable);
	decoded_wipe(&d);

	decode_ok("htpasswd", "bob:$apr1$salt$Xxd1irWT9ycqoYxGFn4cb.", &d);
	assert_string_equal(d.scheme, "apr1-md5");
	decoded_wipe(&d);
	decode_ok("htpasswd", "carol:$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
	          &d);
	assert_string_equal(d.scheme, "bcrypt");
	assert_int_equal(d.severity, SEV_LOW);
	decoded_wipe(&d);
	decode_ok("htpasswd", "erin:abJnggxhB/yWI", &d);
	assert_string_equal(d.scheme, "descrypt");
	decoded_wipe(&d);

	decode_clear("htpasswd", "dave:" CANARY, CANARY);
	decode_ok("htpasswd", "dave:" CANARY, &d);
	assert_string_equal(d.account, "dave");
	assert_string_equal(d.scheme, "htpasswd-plain");
	decoded_wipe(&d);

	/* a hash of a form we cannot name is still what the file stores */
	decode_ok("htpasswd", "heidi:$apr1$Tq8mWz2r$Hn4pLx7Vc0Kd9sGarbled", &d);
	assert_string_equal(d.scheme, "htpasswd-unknown");
	assert_int_equal(d.severity, SEV_MEDIUM);
	assert_false(d.recoverable);
	decoded_wipe(&d);
	REJECTS("htpasswd", "frank:{SHA}short");
	REJECTS("htpasswd", "grace:$unknown$x");
	REJECTS("htpasswd", ":nouser");
	REJECTS("htpasswd", "just-a-word");
	REJECTS("htpasswd", "locked:!");
	REJECTS("htpasswd", "locked:*");
}

/* ---- Firefox ------------------------------------------------------------ */

static void test_firefox(void **state)
{
	struct decoded d;
	char deep[200];

	decode_ok("firefox-logins",
	          "{\"nextId\":3,\"logins\":[{\"id\":1,\"hostname\":\"https://a.example\","
	          "\"encryptedUsername\":\"MDoEEPgAAA==\",\"encryptedPassword\":\"MDoEEPgBBB==\"},"
	          "{\"id\":2,\"hostname\":\"https://b.example\",\"encryptedUsername\":\"MDo=\","
	          "\"encryptedPassword\":\"MDoEEPgCCC==\"}],\"version\":3}",
	          &d);
	assert_int_equal(d.count, 2);
	assert_int_equal(d.severity, SEV_MEDIUM);
	assert_false(d.recoverable);
	assert_non_null(strstr(d.note, "saved logins: 2"));
	decoded_wipe(&d);

	decode_ok("firefox-logins", "{\"nextId\":1,\"logins\":[],\"version\":3}", &d);
	assert_true(d.not_a_secret);
	assert_int_equal(d.count, 0);
	decoded_wipe(&d);

	memset(deep, '[', sizeof deep);
	deep[0] = '{';
	deep[sizeof deep - 1] = '\0';
	REJECTS("firefox-logins", deep);
	REJECTS("firefox-logins", "{\"logins\":{}}");
	REJECTS("firefox-logins", "{\"nologins\":[]}");
	REJECTS("firefox-logins", "[1,2,3]");
}

/* ---- Chromium ------------------------------------------------------------ */

/* Chromium on Linux without a keyring: "v10" || AES-128-CBC(PBKDF2-HMAC-
 * SHA-1("peanuts", "saltysalt", 1), IV = 16 spaces, PKCS#7). */
static size_t chromium_v10(const char *pw, uint8_t *out)
{
	uint8_t key[16], iv[16], buf[64];
	struct aes128_ctx ctx;
	size_t n = strlen(pw), padded = (n / 16 + 1) * 16;

	pbkdf2_hmac_sha1(7, (const uint8_t *)"peanuts", 1, 9, (const uint8_t *)"saltysalt", 16,
	                 key);
	memcpy(buf, pw, n);
	memset(buf + n, (int)(padded - n), padded - n);
	memset(iv, ' ', sizeof iv);
	aes128_set_encrypt_key(&ctx, key);
	memcpy(out, "v10", 3);
	cbc_encrypt(&ctx, (nettle_cipher_func *)aes128_encrypt, 16, iv, padded, out + 3, buf);
	return 3 + padded;
}

static char dbdir[] = "/tmp/cp-chromium-XXXXXX";

/* Build a Login Data file with the given blobs; return its bytes. */
static unsigned char *login_data(bool wal, const uint8_t *const *blobs, const size_t *lens,
                                 size_t nblobs, size_t *len)
{
	char path[128];
	sqlite3 *db;
	sqlite3_stmt *st;
	unsigned char *buf;
	FILE *f;
	long sz;

	assert_non_null(mkdtemp(dbdir));
	snprintf(path, sizeof path, "%s/Login Data", dbdir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (wal)
		assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL),
		                 SQLITE_OK);
	assert_int_equal(
	        sqlite3_exec(
	                db,
	                "CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value "
	                "LONGVARCHAR);"
	                "CREATE TABLE logins (origin_url VARCHAR NOT NULL, username_value VARCHAR,"
	                " password_value BLOB, blacklisted_by_user INTEGER NOT NULL DEFAULT 0)",
	                NULL, NULL, NULL),
	        SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "INSERT INTO logins(origin_url, username_value, "
	                                    "password_value) VALUES ('https://x', 'u', ?)",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	for (size_t i = 0; i < nblobs; i++) {
		sqlite3_bind_blob(st, 1, blobs[i], (int)lens[i], SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	rewind(f);
	buf = malloc((size_t)sz);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)sz, f), (size_t)sz);
	fclose(f);
	unlink(path);
	rmdir(dbdir);
	memcpy(dbdir + strlen(dbdir) - 6, "XXXXXX", 6);
	*len = (size_t)sz;
	return buf;
}

static void test_chromium(void **state)
{
	const struct decoder *dec = decoder_find("chromium-logins");
	uint8_t v10[64], v11[] = "v11\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f";
	const uint8_t *blobs[] = {v11, v10, (const uint8_t *)""};
	size_t lens[] = {sizeof v11 - 1, 0, 0}, len;
	unsigned char *db;
	struct decoded d;

	lens[1] = chromium_v10(CANARY, v10);
	for (int wal = 0; wal < 2; wal++) {
		db = login_data(wal, blobs, lens, 3, &len);
		assert_int_equal(dec->decode(db, len, &d), 0);
		check_store_canary(&d, 2);
		/* Corrupt pages are rejected, not trusted. */
		memset(db + 100, 0xA5, len - 100);
		memset(&d, 0, sizeof d);
		assert_int_equal(dec->decode(db, len, &d), -EINVAL);
		free(db);
	}

	db = login_data(false, blobs, lens, 1, &len); /* keyring only */
	assert_int_equal(dec->decode(db, len, &d), 0);
	assert_int_equal(d.count, 1);
	assert_false(d.recoverable);
	assert_int_equal(d.severity, SEV_MEDIUM);
	decoded_wipe(&d);
	free(db);

	db = login_data(false, blobs + 2, lens + 2, 1, &len); /* "never save" row only */
	assert_int_equal(dec->decode(db, len, &d), 0);
	assert_true(d.not_a_secret);
	decoded_wipe(&d);
	free(db);

	REJECTS("chromium-logins", "SQLite format 3");
	REJECTS("chromium-logins",
	        "not a database at all, just some text that is long enough to pass "
	        "the first length check of the decoder, surely");
}

/* ---- GNOME Keyring ------------------------------------------------------- */

static size_t put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
	return 4;
}

/* A binary keyring (docs/file-format.txt of gnome-keyring) up to and
 * including the hashed items, each without attributes. */
static size_t binary_keyring(unsigned char *buf, uint32_t iterations, uint32_t items)
{
	size_t n = 16;

	memcpy(buf, "GnomeKeyring\n\r\0\n", 16);
	memset(buf + n, 0, 4); /* version 0.0, AES, MD5 */
	n += 4;
	n += put32(buf + n, 5);
	memcpy(buf + n, "login", 5);
	n += 5;
	memset(buf + n, 0, 24); /* ctime, mtime, flags, lock timeout */
	n += 24;
	n += put32(buf + n, iterations);
	memset(buf + n, 0x5a, 8); /* salt */
	n += 8;
	memset(buf + n, 0, 16);
	n += 16;
	n += put32(buf + n, items);
	for (uint32_t i = 0; i < items; i++) {
		n += put32(buf + n, i + 1);
		n += put32(buf + n, 2);
		n += put32(buf + n, 0);
	}
	return n;
}

static void test_gnome_keyring(void **state)
{
	const struct decoder *dec = decoder_find("gnome-keyring");
	unsigned char buf[512];
	struct decoded d;
	size_t n;

	n = binary_keyring(buf, 1955, 3);
	assert_int_equal(dec->decode(buf, n, &d), 0);
	assert_int_equal(d.count, 3);
	assert_false(d.recoverable);
	assert_int_equal(d.severity, SEV_LOW);
	assert_non_null(strstr(d.note, "1955"));
	decoded_wipe(&d);

	n = binary_keyring(buf, 1, 0);
	assert_int_equal(dec->decode(buf, n, &d), 0);
	assert_true(d.not_a_secret);
	decoded_wipe(&d);

	n = binary_keyring(buf, 1955, 3);
	decode_rejects("gnome-keyring", buf, n - 13); /* items cut short */
	decode_rejects("gnome-keyring", buf, 30);

	decode_ok("gnome-keyring",
	          "[keyring]\ndisplay-name=Login\nctime=0\nmtime=0\nlock-on-idle=false\n\n"
	          "[1]\nitem-type=2\ndisplay-name=mail\nsecret=" CANARY "\nmtime=0\nctime=0\n\n"
	          "[1:attribute0]\nname=user\ntype=string\nvalue=alice\n\n"
	          "[2]\nitem-type=2\ndisplay-name=wifi\nsecret=other\n",
	          &d);
	check_store_canary(&d, 2);

	REJECTS("gnome-keyring", "[general]\nsecret=x\n");
	REJECTS("gnome-keyring", "GnomeKeyring");
}

/* SoftEther VPN Client: RC4 under the fixed key "EncryptP" (64-bit
 * builds) or "Encr" (32-bit builds); vectors computed independently. */
static void test_softether(void **state)
{
	struct decoded d;

	(void)state;
	decode_clear("softether", "Lf4KgwJUPCzuYQ==", CANARY);
	decode_clear("softether", "xNjkhqz0bKKfOg==", CANARY);
	decode_clear("softether", "OO8KzzNBXT6jJCUyHg==", "Vpn-Cl1ent-Pw");
	decode_clear("softether", " 0cnkyp3hDbDSf/2G6A==\n", "Vpn-Cl1ent-Pw");
	decode_ok("softether", "Lf4KgwJUPCzuYQ==", &d);
	assert_int_equal(d.severity, SEV_HIGH);
	assert_string_equal(d.scheme, "softether-rc4");
	check_not_shown(&d, CANARY);
	decoded_wipe(&d);

	/* Bytes that neither key turns into text, and not base64 at all. */
	REJECTS("softether", "yMnKy8zNzs/Q0dLT1NXW1w==");
	REJECTS("softether", "$");
	REJECTS("softether", "");
}

/* ---- Windows: Group Policy Preferences, answer files -------------------- */

/* A string as Windows writes it: UTF-16LE. */
static size_t utf16le(const char *s, uint8_t *out)
{
	size_t n = 0;

	for (; *s; s++) {
		out[n++] = (uint8_t)*s;
		out[n++] = 0;
	}
	return n;
}

/* cpassword: AES-256-CBC, zero IV, the key of [MS-GPPREF] 2.2.1.1.4,
 * PKCS#7 padding, base64 with its padding dropped as Windows writes it. */
static void gpp_encode(const char *clear, const uint8_t *key, char *out)
{
	uint8_t plain[128], enc[128], iv[AES_BLOCK_SIZE] = {0};
	size_t n = utf16le(clear, plain), padded = (n / 16 + 1) * 16;
	struct aes256_ctx ctx;

	memset(plain + n, (int)(padded - n), padded - n);
	aes256_set_encrypt_key(&ctx, key);
	cbc_encrypt(&ctx, (nettle_cipher_func *)aes256_encrypt, AES_BLOCK_SIZE, iv, padded, enc,
	            plain);
	b64(enc, padded, out);
	while (out[0] != '\0' && out[strlen(out) - 1] == '=')
		out[strlen(out) - 1] = '\0';
}

static void test_gpp(void **state)
{
	static const uint8_t published[32] = {
	        0x4e, 0x99, 0x06, 0xe8, 0xfc, 0xb6, 0x6c, 0xc9, 0xfa, 0xf4, 0x93,
	        0x10, 0x62, 0x0f, 0xfe, 0xe8, 0xf4, 0x96, 0xe8, 0x06, 0xcc, 0x05,
	        0x79, 0x90, 0x20, 0x9b, 0x09, 0xa4, 0x33, 0xb6, 0x6c, 0x1b,
	};
	uint8_t other[32];
	char enc[256];
	struct decoded d;

	(void)state;
	gpp_encode(CANARY, published, enc);
	decode_clear("gpp-cpassword", enc, CANARY);
	decode_ok("gpp-cpassword", enc, &d);
	assert_int_equal(d.severity, SEV_CRITICAL);
	assert_string_equal(d.scheme, "gpp-cpassword");
	decoded_wipe(&d);
	/* a clear text of a whole block: a block of padding follows */
	gpp_encode("Eight-ch", published, enc);
	decode_clear("gpp-cpassword", enc, "Eight-ch");
	/* another key: stored and encrypted, not recovered */
	memset(other, 0x5a, sizeof other);
	gpp_encode(CANARY, other, enc);
	decode_ok("gpp-cpassword", enc, &d);
	assert_false(d.recoverable);
	assert_int_equal(d.secret_len, 0);
	decoded_wipe(&d);
	/* not a whole number of blocks, not base64 */
	REJECTS("gpp-cpassword", "QUJD");
	REJECTS("gpp-cpassword", "$$$$");
	REJECTS("gpp-cpassword", "");
}

/* An answer file's hidden form: base64(UTF-16LE(password + element)). */
static void unattend_encode(const char *clear, const char *element, char *out)
{
	char joined[96];
	uint8_t wide[192];

	snprintf(joined, sizeof joined, "%s%s", clear, element);
	b64(wide, utf16le(joined, wide), out);
}

static void test_unattend(void **state)
{
	/* CANARY's first letter, a lone high surrogate, then "Password" */
	static const uint8_t lone[] = {'C', 0, 0x00, 0xD8, 'P', 0, 'a', 0, 's', 0,
	                               's', 0, 'w',  0,    'o', 0, 'r', 0, 'd', 0};
	char enc[300];

	(void)state;
	unattend_encode(CANARY, "AdministratorPassword", enc);
	decode_clear("unattend-admin", enc, CANARY);
	unattend_encode(CANARY, "Password", enc);
	decode_clear("unattend", enc, CANARY);
	/* the element decides which name is stripped: a password that ends in
	 * a name keeps it ("Administrator" under <Password>) */
	unattend_encode("MyPassword", "Password", enc);
	decode_clear("unattend", enc, "MyPassword");
	unattend_encode("xAdministrator", "Password", enc);
	decode_clear("unattend", enc, "xAdministrator");
	/* the name alone is a blank password; another element's name, or
	 * none, is not this encoding */
	unattend_encode("", "Password", enc);
	REJECTS("unattend", enc);
	unattend_encode("", "AdministratorPassword", enc);
	REJECTS("unattend-admin", enc);
	unattend_encode(CANARY, "Password", enc);
	REJECTS("unattend-admin", enc);
	unattend_encode(CANARY, "", enc);
	REJECTS("unattend", enc);
	/* with the suffix in place, a lone surrogate is no text */
	b64(lone, sizeof lone, enc);
	REJECTS("unattend", enc);
	REJECTS("unattend", "not base64!");
}

/* VNC: the published vector (vncpasswd of "password") and one computed
 * with openssl, as hex digits (UltraVNC's with a trailing byte) and as the
 * passwd file's bytes. */
static void test_vnc(void **state)
{
	static const unsigned char file[16] = {0xdb, 0xd8, 0x3c, 0xfd, 0x72, 0x7a, 0x14, 0x58,
	                                       0xdb, 0xd8, 0x3c, 0xfd, 0x72, 0x7a, 0x14, 0x58};
	const struct decoder *dec = decoder_find("vnc");
	struct decoded d;

	(void)state;
	/* (the note's own wording holds "password": compared, not checked
	 * for absence) */
	decode_ok("vnc", "dbd83cfd727a1458", &d);
	assert_int_equal(d.secret_len, 8);
	assert_memory_equal(d.secret, "password", 8);
	decoded_wipe(&d);
	decode_clear("vnc", "5a2e54669a8f31ee", "Vnc8!pw"); /* openssl des-ecb */
	decode_clear("vnc", "5A2E54669A8F31EE00", "Vnc8!pw");
	assert_int_equal(dec->decode(file, 8, &d), 0);
	assert_true(d.recoverable);
	assert_memory_equal(d.secret, "password", 8);
	decoded_wipe(&d);
	assert_int_equal(dec->decode(file, 16, &d), 0); /* and a view-only one */
	assert_int_equal(d.severity, SEV_HIGH);
	decoded_wipe(&d);
	/* not written under the VNC key: no text with NUL padding after it */
	REJECTS("vnc", "0001020304050607");
	/* text, then a byte after the NUL padding began ("ab", NULs, "x") */
	REJECTS("vnc", "583b9fddcf241d7b");
	REJECTS("vnc", "dbd83cfd727a14");
	REJECTS("vnc", "zzd83cfd727a1458zz"); /* 18, not hex */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_filezilla),  cmocka_unit_test(test_winscp),
	        cmocka_unit_test(test_sql_insert), cmocka_unit_test(test_sql_copy),
	        cmocka_unit_test(test_sql_table),  cmocka_unit_test(test_sql_rows),
	        cmocka_unit_test(test_rclone),     cmocka_unit_test(test_basic_auth),
	        cmocka_unit_test(test_base64),     cmocka_unit_test(test_grafana),
	        cmocka_unit_test(test_htpasswd),   cmocka_unit_test(test_firefox),
	        cmocka_unit_test(test_chromium),   cmocka_unit_test(test_gnome_keyring),
	        cmocka_unit_test(test_softether),  cmocka_unit_test(test_gpp),
	        cmocka_unit_test(test_unattend),   cmocka_unit_test(test_vnc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
