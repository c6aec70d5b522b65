/* Unit tests of the scan engine: offsets and lines, chunk overlap
 * (report_from / report_until), entropy, allowlist, stopwords,
 * placeholders, path rules, and the PCRE2-only path giving exactly the
 * findings of the Hyperscan path on a corpus scanned with the shipped
 * rules. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/engine.h"
#include "rules/field.h"
#include "rules/grading.h"
#include "rules/newlines.h"
#include "rules/placeholder.h"
#include "rules/rule_set.h"
#include "rules/tuple.h"

#define MAXF 4096

struct hit {
	char rule[64];
	char fp[FINGERPRINT_LEN];
	char account[32];
	char context[16];
	uint64_t offset;
	long line;
	size_t len;
};

struct hits {
	struct hit h[MAXF];
	size_t n;
};

static void collect(void *ctx, const struct finding *f)
{
	struct hits *hs = ctx;
	struct hit *h;

	assert_true(hs->n < MAXF);
	h = &hs->h[hs->n++];
	memset(h, 0, sizeof *h);
	snprintf(h->rule, sizeof h->rule, "%s", f->rule);
	memcpy(h->fp, f->fingerprint, FINGERPRINT_LEN);
	snprintf(h->account, sizeof h->account, "%s", f->account ? f->account : "");
	snprintf(h->context, sizeof h->context, "%s", f->context ? f->context : "");
	h->offset = f->offset;
	h->line = f->line;
	h->len = f->secret_len;
	assert_non_null(f->clause);
	assert_non_null(f->category);
}

static int hit_cmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	int c = strcmp(x->rule, y->rule);
	if (c != 0)
		return c;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static struct rule_set *load(const char *text)
{
	struct rule_set *rs = rule_set_new();
	char err[512];

	if (rule_set_parse(rs, "t.rule", text, strlen(text), err, sizeof err) != 0)
		fail_msg("%s", err);
	return rs;
}

/* A rule of the given body, whose description, category and clause no
 * test reads. */
#define RULE_OF(id, body)                                                                          \
	"[rule " id "]\ndescription = d\ncategory = server-config\nclause = 3(1)⑤\n" body

#define RULE(id, extra)                                                                            \
	"[rule " id "]\ndescription = d\ncategory = server-config\nclause = 3(1)⑤\n"             \
	"keywords = password\n"                                                                    \
	"pattern = (?i)(?:(?<account>[a-z]+)[ \\t]+)?password\\s*=\\s*(?<secret>[^\\s;]+)\n"       \
	"example = password = abc\n" extra

static void scan(const char *text, unsigned flags, const struct scan_input *tmpl, struct hits *out)
{
	struct rule_set *rs = load(text);
	struct scan_engine *e;
	struct scan_scratch *s;
	char err[256];

	assert_int_equal(scan_engine_build_flags(&e, rs, flags, err, sizeof err), 0);
	assert_int_equal(scan_scratch_new(e, &s), 0);
	int rc;

	out->n = 0;
	rc = scan_buffer(e, s, tmpl, collect, out);
	assert_int_equal(rc, (int)out->n);
	scan_scratch_free(s);
	scan_engine_free(e);
	rule_set_free(rs);
}

static void input(struct scan_input *in, const char *buf)
{
	memset(in, 0, sizeof *in);
	in->path = "/etc/app.conf";
	in->buf = (const unsigned char *)buf;
	in->len = strlen(buf);
	in->base_line = 1;
}

static void test_offsets_lines(void **state)
{
	static const char buf[] = "# app\n\nroot password = Xy7#kq2Lm\nx\nPASSWORD=Zz9!pp0Qr;\n";
	struct scan_input in;
	static struct hits h;

	for (unsigned flags = 0; flags < 2; flags++) {
		input(&in, buf);
		scan(RULE("r", ""), flags, &in, &h);
		assert_int_equal(h.n, 2);
		qsort(h.h, h.n, sizeof h.h[0], hit_cmp);
		assert_int_equal(h.h[0].offset, strstr(buf, "Xy7") - buf);
		assert_int_equal(h.h[0].line, 3);
		assert_string_equal(h.h[0].account, "root");
		assert_int_equal(h.h[0].len, 9);
		assert_int_equal(h.h[1].offset, strstr(buf, "Zz9") - buf);
		assert_int_equal(h.h[1].line, 5);
		assert_string_equal(h.h[1].account, "");
		assert_int_equal(h.h[1].len, 9); /* stops at ';' */

		/* a chunk in the middle of a file; raw devices have no lines */
		in.base_offset = 1000;
		in.base_line = 41;
		scan(RULE("r", ""), flags, &in, &h);
		qsort(h.h, h.n, sizeof h.h[0], hit_cmp);
		assert_int_equal(h.h[0].offset, 1000 + (strstr(buf, "Xy7") - buf));
		assert_int_equal(h.h[0].line, 43);
		in.base_line = -1;
		scan(RULE("r", ""), flags, &in, &h);
		assert_int_equal(h.h[0].line, -1);
	}
}

static void test_report_window(void **state)
{
	static const char buf[] = "password=Aa1!aaaa1 password=Bb2!bbbb2 password=Cc3!cccc3";
	size_t b = (size_t)(strstr(buf, "password=Bb") - buf);
	struct scan_input in;
	static struct hits h;

	input(&in, buf);
	in.report_from = b; /* the first match starts before: a previous chunk had it */
	scan(RULE("r", ""), 0, &in, &h);
	assert_int_equal(h.n, 2);
	in.report_from = b + 1; /* the match must start at or after report_from */
	scan(RULE("r", ""), 0, &in, &h);
	assert_int_equal(h.n, 1);
	in.report_from = 0;
	in.report_until = b; /* matches starting at or after are the next chunk's */
	scan(RULE("r", ""), 1, &in, &h);
	assert_int_equal(h.n, 1);
	in.report_until = b + 1;
	scan(RULE("r", ""), 1, &in, &h);
	assert_int_equal(h.n, 2);
}

/* Scanning in overlapping chunks gives exactly the findings of one scan. */
static void test_chunks(void **state)
{
	size_t len = 128 * 1024, n = 0;
	char *buf = malloc(len + 1);
	struct rule_set *rs = load(RULE("r", ""));
	struct scan_engine *e;
	struct scan_scratch *s;
	static struct hits whole, parts;
	struct scan_input in;
	char err[256];
	size_t w, chunk = 4096;

	srand(7);
	while (n < len - 64) {
		int k = rand() % 5;
		n += (size_t)snprintf(buf + n, len - n, "%s",
		                      k == 0   ? "password = Q9x!r7Lk2v\n"
		                      : k == 1 ? "some filler text here "
		                      : k == 2 ? "\n"
		                               : "x=1 ");
	}
	buf[n] = '\0';
	for (unsigned flags = 0; flags < 2; flags++) {
		assert_int_equal(scan_engine_build_flags(&e, rs, flags, err, sizeof err), 0);
		assert_int_equal(scan_scratch_new(e, &s), 0);
		w = scan_engine_window(e);
		assert_true(w >= RULE_MATCH_MAX);
		if (chunk < w) /* as the scanner does: a chunk moves by a window at least */
			chunk = w;
		input(&in, buf);
		whole.n = 0;
		scan_buffer(e, s, &in, collect, &whole);
		parts.n = 0;
		/* chunks [start, start + chunk + 2w), reporting [w, w + chunk) */
		for (size_t start = 0; start < n; start += chunk) {
			size_t from = start == 0 ? 0 : start - w;
			size_t end = start + chunk + w > n ? n : start + chunk + w;
			memset(&in, 0, sizeof in);
			in.path = "f";
			in.buf = (const unsigned char *)buf + from;
			in.len = end - from;
			in.base_offset = from;
			in.base_line = -1;
			in.report_from = start - from;
			in.report_until = start + chunk >= n ? 0 : start + chunk - from;
			scan_buffer(e, s, &in, collect, &parts);
		}
		assert_true(whole.n > 100);
		assert_int_equal(whole.n, parts.n);
		qsort(whole.h, whole.n, sizeof whole.h[0], hit_cmp);
		qsort(parts.h, parts.n, sizeof parts.h[0], hit_cmp);
		for (size_t i = 0; i < whole.n; i++) {
			assert_int_equal(whole.h[i].offset, parts.h[i].offset);
			assert_string_equal(whole.h[i].fp, parts.h[i].fp);
		}
		scan_scratch_free(s);
		scan_engine_free(e);
	}
	rule_set_free(rs);
	free(buf);
}

static void test_filters(void **state)
{
	struct scan_input in;
	static struct hits h;

	/* entropy: "aaaaaaab" has under 1 bit per byte */
	input(&in, "password = aaaaaaab\npassword = k8#Qz1!Lp\n");
	scan(RULE("r", "entropy = 2.5\n"), 0, &in, &h);
	assert_int_equal(h.n, 1);
	scan(RULE("r", ""), 0, &in, &h);
	assert_int_equal(h.n, 2);

	/* allowlist regexes and stopwords on the secret */
	input(&in, "password = TESTk8#Qz1\npassword = k8#Qz1!Lp\npassword = q1w2DEMOe3\n");
	scan(RULE("r", "allowlist = ^TEST\nstopwords = demo\n"), 1, &in, &h);
	assert_int_equal(h.n, 1);

	/* references, masks and fill-ins are never findings */
	input(&in, "password = ${DB_PASS}\npassword = $DB_PASS\n"
	           "password = <password>\npassword = ****\npassword = xxx\n"
	           "password = AKIAIOSFODNN7EXAMPLE\npassword = {{ pw }}\n"
	           "password = %DB_PASS%\npassword = YOUR_PASSWORD\npassword = {password}\n"
	           "password = < the_password >\n");
	scan(RULE("r", ""), 0, &in, &h);
	assert_int_equal(h.n, 0);
	assert_true(is_placeholder((const unsigned char *)"your_password_here", 18));
	assert_false(is_placeholder((const unsigned char *)"k8#Qz1!Lp", 9));
	assert_false(is_placeholder((const unsigned char *)"$6$salt$hash", 12));
	assert_true(is_placeholder((const unsigned char *)"$insta::secret", 14));
	assert_false(is_placeholder((const unsigned char *)"$insta::", 8));
	assert_false(is_placeholder((const unsigned char *)"$Money/2024", 11));
	assert_true(is_placeholder((const unsigned char *)"REPLACE_ME", 10));
	assert_true(is_placeholder((const unsigned char *)"$1", 2));
	assert_true(is_placeholder((const unsigned char *)"$$password", 10));
	assert_true(is_placeholder((const unsigned char *)"\" + getPw() + \"", 16));
	assert_true(is_placeholder((const unsigned char *)"&lt;secret&gt;", 14));
	/* a run of one letter is a weak value, not a mask; x and 0 runs are */
	assert_false(is_placeholder((const unsigned char *)"aaaaaaaaaaaaaaaaend", 19));
	assert_false(is_placeholder((const unsigned char *)"sk_live_AAAAAAAAAAAAAAAA", 24));
	assert_true(is_placeholder((const unsigned char *)"sk_live_xxxxxxxxxxxxxxxx", 24));
	assert_true(is_placeholder((const unsigned char *)"T00000000/B00000000", 19));
	assert_true(is_placeholder((const unsigned char *)"/path/to/private/key", 20));
	assert_true(is_placeholder((const unsigned char *)"#add-password", 13));
	assert_true(is_placeholder((const unsigned char *)"arn:aws:iam::aws:policy/X", 25));
	assert_true(is_placeholder((const unsigned char *)"{ password }", 12));
	/* weak values are literals: stored, they are findings, never dismissed */
	assert_false(is_placeholder((const unsigned char *)"Password1", 9));
	assert_false(is_placeholder((const unsigned char *)"P@ssw0rd", 8));
	assert_false(is_placeholder((const unsigned char *)"password", 8));
	assert_false(is_placeholder((const unsigned char *)"changeme", 8));
	assert_false(is_placeholder((const unsigned char *)"123", 3));
	assert_false(is_placeholder((const unsigned char *)"<Pass>c2VjcmV0</Pass>", 21));
	input(&in, "password = changeme\npassword = password\npassword = 123\n");
	scan(RULE("r", ""), 0, &in, &h);
	assert_int_equal(h.n, 3);

#define P(lit) is_placeholder((const unsigned char *)(lit), sizeof(lit) - 1)
	/* a constant's name in capitals that names a credential */
	assert_true(P("PASSWORD"));
	assert_true(P("TRAVEL_API_KEY"));
	assert_true(P("AUTH_TOKEN"));
	assert_true(P("MY-PASSWORD"));
	assert_true(P("DB-API-KEY"));
	assert_false(P("PASS-"));
	assert_false(P("K9X-W0RD-2024"));
	assert_false(P("HUNTER2X"));
	/* joined capitals that are a key by their head alone: a key's value */
	assert_true(P("DBPASSWORD"));
	assert_true(P("APIKEY"));
	assert_false(P("AKIAQMHXC2ZKACCKEY7"));
	assert_false(P("Password"));
	/* elided values, syntax, processors, stand-ins */
	assert_true(P("ops_eyJzaWdu..."));
	assert_true(P("-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----"));
	assert_true(P("{"));
	assert_true(P("`etcdctl get /x`"));
	assert_false(P("`123QWERasdf"));
	assert_true(P("new AWS.SharedIniFileCredentials({"));
	assert_true(P("%env(DB_SECRET)%"));
	assert_true(P("+new Buffer("));
	assert_true(P(".$p["));
	assert_true(P("DUMMY"));
	/* a switch is a setting about the credential, not one */
	assert_true(P("0"));
	assert_true(P("off"));
	assert_true(P("'no'"));
	assert_false(P("2"));
	assert_false(P("00"));
	assert_false(P("offset"));
	/* base64 is decoded before it is judged: "your api key here",
	 * "dummy value" and "${DB_PASSWORD}" stand for a secret; "user:password"
	 * and "Tr0ub4dor&3" are literals, and so is text that is not base64 */
	assert_true(P("eW91ciBhcGkga2V5IGhlcmU="));
	assert_true(P("ZHVtbXkgdmFsdWU="));
	assert_true(P("JHtEQl9QQVNTV09SRH0="));
	assert_false(P("dXNlcjpwYXNzd29yZA=="));
	assert_false(P("VHIwdWI0ZG9yJjM="));
	assert_false(P("ZHVtbXkgdmFsdWU"));
	assert_false(P("ZHVtbXk_dmFsdWU="));
	assert_false(P("a.b.c"));
	assert_true(P("!Ref"));
	assert_true(P("!ImportValue"));
	assert_true(P("!1"));
	assert_true(P("'%env(DB_SECRET)%'"));
	assert_true(P("X"));
	assert_true(P("{3}"));
	assert_true(P("[Shared"));
	assert_false(P("[Shared]x"));
	/* a fill-in with blanks inside its brackets, whole or cut at a blank */
	assert_true(P("< the_password >"));
	assert_true(P("[ your password ]"));
	assert_true(P("<"));
	/* a lookup table's type opening its block: Postfix "inline:{ ... }" */
	assert_true(P("inline:{"));
	assert_true(P("static:["));
	assert_false(P("Zq8:{"));
	assert_false(P("inline:{x"));
	assert_false(P("<k8#Qz1!Lp"));
	assert_false(P("'k8#Qz1!Lp'"));
	assert_true(is_location((const unsigned char *)"https://a.example/GPG-KEY", 25));
	assert_true(is_location((const unsigned char *)"s3://bucket/x", 13));
	assert_false(is_location((const unsigned char *)"https://u:p@h/x", 15));
	assert_false(is_location((const unsigned char *)"k8#Qz1!Lp", 9));
	/* user:password pairs: a fill-in or a masked user is a template; the
	 * literal pair is a weak stored credential */
	assert_true(is_fill_in_pair((const unsigned char *)"<user", 5,
	                            (const unsigned char *)"password>", 9));
	assert_true(
	        is_fill_in_pair((const unsigned char *)"xxx", 3, (const unsigned char *)"yyy", 3));
	assert_false(is_fill_in_pair((const unsigned char *)"user", 4,
	                             (const unsigned char *)"password", 8));
#undef P

	/* the context of the value: a YAML tag before it, a mask after it,
	 * a masked user before it */
	/* reach = word: the match starts where the name holding the keyword
	 * starts, so a long dotted name is found from its first byte */
	input(&in, "x = 1\nmy.app.db.secret_value = k8Qz1Lp\nsecretive: no\n");
	scan("[rule w]\ndescription = d\ncategory = server-config\nclause = 3(1)⑤\n"
	     "keywords = secret\nreach = word\n"
	     "pattern = (?<![\\w.-])(?<key>[\\w.-]{0,40}?secret[\\w.-]{0,20}?)[ \\t]*=[ \\t]*"
	     "(?<secret>\\S+)\n"
	     "example = secret = abc\n",
	     0, &in, &h);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.h[0].line, 2);
	/* ... and only there: a pattern that cannot start at the name's first
	 * byte ("ab-" is part of the name) does not match at all */
	input(&in, "ab-secret = k8Qz1Lp\n");
	scan("[rule w]\ndescription = d\ncategory = server-config\nclause = 3(1)⑤\n"
	     "keywords = secret\nreach = word\n"
	     "pattern = (?<key>\\w*secret)[ \\t]*=[ \\t]*(?<secret>\\S+)\n"
	     "example = secret = abc\n",
	     0, &in, &h);
	assert_int_equal(h.n, 0);

	/* NUL bytes near the start: the buffer is binary, and so the context */
	{
		static const char bin[] = "\x7f\x01\x00\x00password = k8Qz1Lp\n";
		input(&in, "");
		in.buf = (const unsigned char *)bin;
		in.len = sizeof bin - 1;
		scan(RULE("r", ""), 0, &in, &h);
		assert_int_equal(h.n, 1);
		assert_string_equal(h.h[0].context, "binary");
		input(&in, "password = k8Qz1Lp\n");
		scan(RULE("r", ""), 0, &in, &h);
		assert_string_equal(h.h[0].context, "config");
	}

	input(&in, "password: !Ref 'DbPassword'\npassword: k8Qz1-####\n"
	           "password: xxx:k8Qz1Lp\npassword: new Creds(x)\npassword: 'DbPassword'\n");
	scan("[rule c]\ndescription = d\ncategory = server-config\nclause = 3(1)⑤\n"
	     "keywords = password\n"
	     "pattern = password:[ \\t]*(?:!\\w+[ \\t]+)?'?(?:\\w+:)?(?<secret>[A-Za-z0-9-]+)\n"
	     "example = password: abc\n",
	     0, &in, &h);
	assert_int_equal(h.n, 1); /* only the last */
}

static bool names(const char *key)
{
	return field_names_credential(key, strlen(key));
}

static bool translates(const char *key, const char *val)
{
	return field_value_translates(key, strlen(key), val, strlen(val));
}

/* The identifier splitter and the field judge. */
static void test_field(void **state)
{
	struct field_word w[FIELD_WORDS_MAX];
	const char *k = "dbPassword_APIKey.secret-x";
	size_t n = field_split(k, strlen(k), w, FIELD_WORDS_MAX);

	(void)state;
	assert_int_equal(n, 6);
	assert_memory_equal(k + w[0].at, "db", 2);
	assert_memory_equal(k + w[1].at, "Password", 8);
	assert_memory_equal(k + w[2].at, "API", 3);
	assert_memory_equal(k + w[3].at, "Key", 3);
	assert_memory_equal(k + w[4].at, "secret", 6);
	assert_memory_equal(k + w[5].at, "x", 1);
	assert_true(names("dbPassword"));
	assert_true(names("dbpass"));
	assert_true(names("userpass"));
	assert_false(names("bypass"));
	assert_false(names("lowpass_filter"));
	assert_true(names("slackKey"));
	assert_true(names("GITHUBKEY"));
	assert_false(names("sort_key"));
	assert_true(names("AdminPassword"));
	/* "password" in other languages: alone, after what it is for, with
	 * an index; not with a describing word the judge does not know */
	assert_true(names("contraseña"));
	assert_true(names("Contraseña"));
	assert_true(names("db_contrasena"));
	assert_true(names("adminSenha"));
	assert_true(names("DB_SENHA2"));
	assert_true(names("Kennwort"));
	assert_true(names("mot_de_passe"));
	assert_true(names("hasło"));
	assert_true(names("lösenord"));
	assert_true(names("db_пароль"));
	assert_true(names("数据库密码"));
	assert_true(names("비밀번호"));
	assert_true(names("kata_sandi"));
	assert_true(names("SENHA_BANCO"));
	assert_true(names("jdbc.senha"));
	assert_true(names("self.senha"));
	assert_true(names("contrasenaAdmin"));
	assert_true(names("MOT_DE_PASSE_ADMIN"));
	assert_true(names("관리자 비밀번호"));
	assert_false(names("nova_senha"));
	assert_false(names("politica_senha"));
	assert_false(names("Sandi"));
	assert_true(names("DBSenha"));
	assert_true(names("dbsenha"));
	assert_true(names("SMTPSenha"));
	assert_true(names("mysql密码"));
	assert_false(names("пароль_длина"));
	assert_false(names("sifre_uzunluk"));
	assert_false(names("esqueceu_senha"));
	assert_false(names("contraseña_min_length"));
	assert_false(names("tamanho_minimo_senha"));
	assert_false(names("senha_atual"));
	assert_false(names("kennwort_laenge"));
	assert_false(names("пароль_file"));
	assert_false(names("resenha"));
	assert_false(names("请输入密码"));
	assert_false(names("密码长度"));
	/* capitals outside ASCII: the word in upper or title case */
	assert_true(names("CONTRASEÑA"));
	assert_true(names("ПАРОЛЬ"));
	assert_true(names("Пароль"));
	assert_true(names("ŞİFRE"));
	assert_true(names("Şifre"));
	assert_true(names("HASŁO_DB"));
	assert_true(names("LÖSENORD"));
	assert_true(names("JELSZÓ"));
	assert_false(names("ПАРОЛЬ_ДЛИНА"));
	assert_false(names("ŞİFRE_UZUNLUK"));
	assert_false(names("CONTRASEÑA_NUEVA"));
	assert_false(names("ДОПАРОЛЬ"));
	/* a message catalog's label of the field, not its own word */
	assert_true(translates("password", "Contraseña"));
	assert_true(translates("密码", "Password"));
	assert_true(translates("db_password", "Passwort"));
	assert_true(translates("password", "Пароль"));
	assert_true(translates("password", "ŞİFRE"));
	assert_false(translates("password", "password"));
	assert_false(translates("db_password", "Password"));
	assert_false(translates("password", "secret"));
	assert_false(translates("senha", "Senha"));
	assert_false(translates("password_profile", "password"));
	assert_false(translates("pass", "password"));
	/* curly quotes around a name are no part of its words */
	assert_true(names("\u201cdb_secret\u201d"));
	/* the digest kept in a secret's stead; a forge's personal access token */
	assert_false(names("hashed_secret"));
	assert_false(names("HashedPassword"));
	assert_true(names("GITHUB_PAT"));
	assert_true(names("GitHubPAT"));
	assert_true(names("ado_pat"));
	assert_true(names("confluence_pat"));
	assert_true(names("BAMBOO_PAT"));
	assert_false(names("url_pat"));
	/* systemd reads a credential from a file; it sets one in clear */
	assert_false(names("LoadCredential"));
	assert_false(names("LoadCredentialEncrypted"));
	assert_true(names("SetCredential"));
	assert_false(names("include_pat"));
	assert_false(names("pat"));
	/* an index joined after a word is no part of it */
	assert_true(names("token1"));
	assert_true(names("secret2"));
	assert_true(names("dbPassword3"));
	assert_true(names("GITHUB_PAT2"));
	assert_false(names("token_count2"));
	/* a negated name says what is no secret */
	assert_false(names("not_secret"));
	assert_false(names("non_secret_value"));
	assert_true(names("note_secret"));
	assert_true(names("NON_ROOT_PASSWORD"));
	assert_true(names("non_expiring_token"));
	assert_false(names("NOT_A_SECRET"));
	assert_false(names("not_a_password"));
	assert_true(names("A_SECRET"));
	assert_true(names("NOTE_A_SECRET"));
	assert_true(names("pw_md5"));
	assert_true(names("password_super_secure"));
	assert_true(names("db.password"));
	assert_true(names("MYSQL_ROOT_PW"));
	assert_true(names("apiToken"));
	assert_true(names("client-secret"));
	assert_true(names("aws_secret_access_key"));
	assert_true(names("<ns:dbPassword"));
	assert_false(names("bypass"));
	assert_false(names("compass"));
	assert_false(names("password_min_length"));
	assert_false(names("PASSWORD_HASH_ALGOS"));
	assert_false(names("default_pass_scheme"));
	assert_true(names("password_hash"));
	assert_false(names("passwordFile"));
	assert_false(names("token_ttl"));
	assert_false(names("tokenStart"));        /* where a parser's token lies */
	assert_false(names("Sec-WebSocket-Key")); /* a handshake's nonce */
	/* a token object's member names the field: a lexer's, Pygments' types */
	assert_false(names("token.info"));
	assert_false(names("Token.String.Escape"));
	assert_true(names("token.secret"));
	assert_true(names("api.token"));
	assert_false(names("pass_offset"));
	assert_false(names("secretKeyRef"));
	assert_false(names("passwordForPassenger"));
	assert_false(names("username"));
	/* "pw" and "pwd" joined to the word before them, as the head */
	assert_true(names("ldap_bindpw"));
	assert_true(names("bindpw"));
	assert_true(names("rootpw"));
	assert_true(names("dbpw"));
	assert_true(names("adminpw"));
	assert_true(names("masterpw"));
	assert_true(names("smtpPw"));
	assert_true(names("ldap_bindpwd"));
	assert_true(names("Pwd"));
	assert_true(names("ADMIN_PW_2"));
	assert_true(names("root_pw_hash"));
	assert_true(names("pw_passwd"));
	/* a working directory, a family prefix, a word that starts with pw */
	assert_false(names("OLDPWD"));
	assert_false(names("oldpwd"));
	assert_false(names("pwdLastSet"));
	assert_false(names("pwdMaxAge"));
	assert_false(names("pw_gecos"));
	assert_false(names("pw_name"));
	assert_false(names("pw_dir"));
	assert_false(names("pwquality"));
	assert_false(names("pwhistory"));
	assert_false(names("askpw"));
	assert_false(names("checkpw"));
	/* what describes a password: its minimum length, a descriptor or a
	 * program that reads it; a joined public key's name */
	assert_false(names("CONFIG_PASSWORD_MINLEN"));
	assert_false(names("password-fd"));
	assert_false(names("ac_cv_path_PATH_PASSWD_PROG"));
	assert_false(names("pinnedpubkey"));
	assert_true(names("slackKey"));
	/* "key" alone, with or without an index, is a key only by its value:
	 * the judge says so, and no name with more words is bare */
	assert_true(field_names_bare_key("Key", 3));
	assert_true(field_names_bare_key("key2", 4));
	assert_true(field_names_key_only("key", 3));
	assert_false(field_names_bare_key("slackKey", 8));
	assert_false(field_names_bare_key("api_key", 7));
	assert_false(field_names_bare_key("keys", 4));
	/* several credentials, each under a name of its own: a plural
	 * credential word or "credentials"; not keys, ssh_keys, max_tokens'
	 * singular alone nor a word that is no plural */
	assert_true(field_names_several("mysql_root_passwords", 20));
	assert_true(field_names_several("api_tokens", 10));
	assert_true(field_names_several("API_KEYS", 8));
	assert_true(field_names_several("credentials", 11));
	assert_true(field_names_several("secrets2", 8));
	assert_false(field_names_several("keys", 4));
	assert_false(field_names_several("ssh_keys", 8));
	assert_false(field_names_several("password", 8));
	assert_false(field_names_several("access", 6));
	assert_false(field_names_several("tokens_per_minute", 17));
	/* a user interface's element for a secret, a note about a token */
	assert_false(names("japanese_secret_button"));
	assert_false(names("TOKEN_COMMENT"));
	assert_false(names("token_variants"));
	assert_false(names("SECRET_TAG"));
	assert_false(names("cat_passwd"));
	assert_false(names("invalid_password"));
	assert_false(names("use_password"));
	assert_false(names("auth_key_state"));
	assert_false(names("SParserExpectTokenError"));
	assert_false(names("kAudioAggregateDeviceIsPrivateKey"));
	assert_false(names("has_password"));
	/* a pass-through is no password */
	assert_false(names("SecurePassThruIsInvalid"));
	assert_false(names("pass_through"));
	assert_true(names("pass_thru_password"));
	/* a parser's token, a verb joined before the password (a program or a
	 * function), a setting about it, the shell's working directory */
	{
		static const char *const about[] = {"header_token",
		                                    "yytoken",
		                                    "askpass",
		                                    "readpassphrase",
		                                    "getpassword",
		                                    "nopasswd",
		                                    "badpass_message",
		                                    "passwd_tries",
		                                    "password_query",
		                                    "subkey",
		                                    "smtp_password_maps",
		                                    "repo-token-user-login",
		                                    "libpw_la-x.lo",
		                                    "update_password",
		                                    "verify_password",
		                                    "PASS_BOOLS",
		                                    "pass_stmt",
		                                    "_PassArg"};
		static const char *const cred[] = {"pwd",          "dbpass",       "newpassword",
		                                   "access_token", "rootpw",       "setpassword",
		                                   "set_password", "new_password", "old_password"};
		for (size_t i = 0; i < sizeof about / sizeof about[0]; i++)
			if (names(about[i]))
				fail_msg("names a credential: %s", about[i]);
		for (size_t i = 0; i < sizeof cred / sizeof cred[0]; i++)
			if (!names(cred[i]))
				fail_msg("names no credential: %s", cred[i]);
	}
}

/* Grading: contexts from the path, known-weak values. */
static void test_grading(void **state)
{
	static const struct {
		const char *path;
		size_t root;
		enum scan_context ctx;
	} below_root[] = {
	        {"curl/tests/data/test1", 4, CTX_TEST},
	        {"src/regress/keys/id_rsa", 3, CTX_TEST},
	        {"app/spec/fixtures/db.yml", 3, CTX_TEST},
	        {"app/db_test.go", 3, CTX_TEST},
	        {"app/test_login.py", 3, CTX_TEST},
	        {"web/login.spec.ts", 3, CTX_TEST},
	        {"a.tar!pkg/tests/x.conf", 0, CTX_TEST},
	        {"curl/docs/cmdline-opts/user.d", 4, CTX_DOC},
	        {"app/examples/client.conf", 3, CTX_DOC},
	        {"/home/test/app.conf", 10, CTX_CONFIG},
	        {"/srv/docs/.env", 9, CTX_CONFIG},
	        {"app/config/app-test.yml", 3, CTX_CONFIG},
	        {"inc/LowerTypeTests.h", 3, CTX_CODE},
	        {"app/contest.py", 3, CTX_CODE},
	        {"wget/po/de.po", 4, CTX_DOC},
	        {"git/t/t0001-init.sh", 3, CTX_TEST},
	        {"openssl/fuzz/corpora/x", 7, CTX_TEST},
	        {"postfix/README_FILES/SASL_README", 7, CTX_DOC},
	        {"openssl/demos/certs/ca.pem", 7, CTX_DOC},
	        {"git/git-cvsimport.perl", 3, CTX_CODE},
	        {"squid/auth/basic_db_auth.pl.in", 6, CTX_CODE},
	        {"lighttpd/src/configparser.y", 9, CTX_CODE},
	        {"/usr/include/rpcsvc/rex.x", 20, CTX_CODE},
	        {"haproxy/reg-tests/ssl/client1.pem", 8, CTX_TEST},
	        {"dist-packages/PyJWT-2.6.0.egg-info/PKG-INFO", 14, CTX_DOC},
	        {"site-packages/jwt-2.8.0.dist-info/METADATA", 14, CTX_DOC},
	        {"app/metadata", 3, CTX_CONFIG},
	        {"app/unit_tests/db.conf", 4, CTX_TEST},
	        {"app/regtests/db.conf", 4, CTX_TEST},
	        {"krb5/src/lib/t_verify.c", 5, CTX_TEST},
	        {"gnupg/common/t-stringhelp.c", 6, CTX_TEST},
	        {"app/latest/db.conf", 4, CTX_CONFIG},
	        {"srv/load-test/app.conf", 4, CTX_CONFIG},
	        {"srv/credpolicy-test.x1/app.conf", 4, CTX_CONFIG},
	        {"app/t_data/db.conf", 4, CTX_CONFIG},
	        {"cups/locale/cups.strings", 5, CTX_DOC},
	        {"app/Makefile.in", 4, CTX_CONFIG},
	};
	static const struct {
		const char *head;
		enum scan_context ctx;
	} scripts[] = {
	        {"#!/usr/bin/env perl\n", CTX_CODE},
	        {"#!/usr/bin/perl -w\n", CTX_CODE},
	        {"#! PERL_COMMAND\n", CTX_CODE},
	        {"#!@PERL@\n", CTX_CODE},
	        {"#!/usr/bin/python3\n", CTX_CODE},
	        {"#!/bin/sh\nperl -e 1\n", CTX_CONFIG},
	        {"# perl\n", CTX_CONFIG},
	};

	(void)state;
	assert_int_equal(context_of_path("/usr/share/doc/x/README", 0), CTX_DOC);
	assert_int_equal(context_of_path("/srv/app/notes.md", 0), CTX_DOC);
	assert_int_equal(context_of_path("/srv/app/config/locales/pt-BR.yml", 0), CTX_DOC);
	assert_int_equal(context_of_path("/srv/app/src/i18n/zh.json", 0), CTX_DOC);
	assert_int_equal(context_of_path("/srv/app/resources/lang/pt_BR/auth.php", 0), CTX_DOC);
	assert_int_equal(context_of_path("/srv/app/messages_pt_BR.properties", 0), CTX_DOC);
	assert_int_equal(context_of_path("/srv/app/application.properties", 0), CTX_CONFIG);
	/* plain text is documentation by its place or name, not its extension */
	assert_int_equal(context_of_path("/home/alice/passwords.txt", 0), CTX_CONFIG);
	assert_int_equal(context_of_path("/usr/share/doc/x/notes.txt", 0), CTX_DOC);
	assert_int_equal(context_of_path("/srv/rfc/rfc2617.txt", 0), CTX_DOC);
	assert_int_equal(context_of_path("/opt/app/README.txt", 0), CTX_DOC);
	assert_int_equal(context_of_path("/usr/share/man/man1/x.1.gz", 0), CTX_DOC);
	assert_int_equal(context_of_path("/src/app/db.py", 0), CTX_CODE);
	assert_int_equal(context_of_path("/usr/include/c++/12/string", 0), CTX_CODE);
	assert_int_equal(context_of_path("/etc/app/app.conf", 0), CTX_CONFIG);
	/* build and pipeline files are code by their name; a notebook's
	 * cells are code; an .env or a shell script is data */
	assert_int_equal(context_of_path("/srv/app/Vagrantfile", 0), CTX_CODE);
	assert_int_equal(context_of_path("/srv/app/Jenkinsfile", 0), CTX_CODE);
	assert_int_equal(context_of_path("/srv/app/build.gradle", 0), CTX_CODE);
	assert_int_equal(context_of_path("/srv/app/report.ipynb", 0), CTX_CODE);
	assert_int_equal(context_of_path("/srv/app/.env", 0), CTX_CONFIG);
	assert_int_equal(context_of_path("/srv/app/deploy.sh", 0), CTX_CONFIG);
	assert_int_equal(context_of_path("a.tar!docs/guide.md", 0), CTX_DOC);
	/* a source tree's test suite and documentation, below the root; not
	 * the root's own directories, not a test environment's config, not a
	 * header whose name ends in Tests */
	for (size_t i = 0; i < sizeof below_root / sizeof below_root[0]; i++)
		if (context_of_path(below_root[i].path, below_root[i].root) != below_root[i].ctx)
			fail_msg("context of %s", below_root[i].path);
	/* a script's "#!" line names its language, under any file name */
	for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
		if (context_of_content(CTX_CONFIG, "/usr/bin/x",
		                       (const unsigned char *)scripts[i].head,
		                       strlen(scripts[i].head)) != scripts[i].ctx)
			fail_msg("context of %s", scripts[i].head);
	assert_int_equal(context_of_content(CTX_DOC, "/usr/bin/x",
	                                    (const unsigned char *)"#!/usr/bin/perl\n", 16),
	                 CTX_DOC);
	/* ".pp": a Pascal unit is code, a Puppet manifest configuration */
	{
		static const char pascal[] = "{$mode objfpc}\nunit keys;\ninterface\n";
		static const char pascal2[] = "(* keyboard *)\nProgram Keys;\nbegin end.\n";
		static const char puppet[] =
		        "class db {\n  $db_password = 's3cret'\n  notify { \"${x}\": }\n}\n";
		assert_int_equal(context_of_content(CTX_CONFIG, "/src/rtl/keys.pp",
		                                    (const unsigned char *)pascal, strlen(pascal)),
		                 CTX_CODE);
		assert_int_equal(context_of_content(CTX_CONFIG, "/src/rtl/keys.pp",
		                                    (const unsigned char *)pascal2,
		                                    strlen(pascal2)),
		                 CTX_CODE);
		assert_int_equal(context_of_content(CTX_CONFIG, "/etc/puppet/manifests/db.pp",
		                                    (const unsigned char *)puppet, strlen(puppet)),
		                 CTX_CONFIG);
		assert_int_equal(context_of_content(CTX_CONFIG, "/src/rtl/keys.conf",
		                                    (const unsigned char *)pascal, strlen(pascal)),
		                 CTX_CONFIG);
	}
	assert_int_equal(context_of_finding(CTX_TEST, "client-store"), CTX_TEST);
	assert_string_equal(scan_context_name(CTX_TEST), "test");
	assert_int_equal(context_of_finding(CTX_CONFIG, "client-store"), CTX_STORE);
	assert_int_equal(context_of_finding(CTX_CONFIG, "network-device"), CTX_DEVICE);
	assert_int_equal(context_of_finding(CTX_DOC, "client-store"), CTX_DOC);
	assert_string_equal(scan_context_name(CTX_BINARY), "binary");
	/* a store stays a store in binary form; other binary files are binary */
	assert_int_equal(context_of_finding(CTX_BINARY, "client-store"), CTX_STORE);
	assert_int_equal(context_of_finding(CTX_BINARY, "private-key"), CTX_BINARY);
	assert_true(is_weak_value((const unsigned char *)"password", 8));
	assert_true(is_weak_value((const unsigned char *)"Changeme", 8));
	assert_true(is_weak_value((const unsigned char *)"123", 3));
	assert_true(is_weak_value((const unsigned char *)"12345678", 8));
	assert_false(is_weak_value((const unsigned char *)"k8#Qz1!Lp", 9));
}

/* Source code: an unquoted value is an expression; a literal is a string. */
static void test_code_reference(void **state)
{
	(void)state;
	assert_true(is_code_reference((const unsigned char *)"pwd->pw_passwd", 14));
	assert_true(is_code_reference((const unsigned char *)"getpwnam (name)", 15));
	assert_true(is_code_reference((const unsigned char *)"self.password", 13));
	assert_true(is_code_reference((const unsigned char *)"argv[1]", 7));
	assert_true(is_code_reference((const unsigned char *)"std::move", 9));
	assert_true(is_code_reference((const unsigned char *)"line;", 5));
	assert_false(is_code_reference((const unsigned char *)"line;x", 6));
	assert_false(is_code_reference((const unsigned char *)"s3cr3t!", 7));
	assert_false(is_code_reference((const unsigned char *)"9x", 2));
}

static void test_path_rules(void **state)
{
	static const char rules[] =
	        "[rule netrc]\ndescription = d\ncategory = client-store\nclause = c\n"
	        "path = (^|/)\\.netrc$\npattern = \\bpassword\\s+(\\S+)\nexample = x\n"
	        "[rule store]\ndescription = d\ncategory = client-store\nclause = c\n"
	        "path = (^|/)Login Data$\nexample = x\n";
	struct scan_input in;
	static struct hits h;

	input(&in, "machine h login u password k8#Qz1!Lp\n");
	scan(rules, 0, &in, &h);
	assert_int_equal(h.n, 0); /* not a .netrc */
	in.path = "/home/u/.netrc";
	scan(rules, 0, &in, &h);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.h[0].rule, "netrc");
	assert_int_equal(h.h[0].line, 1);
	/* a copy kept beside it is the same store; a directory so named is not */
	static const char *const copies[] = {"/home/u/.netrc~", "/home/u/.netrc.bak",
	                                     "/srv/b/.netrc.orig", "x.tar!home/u/.netrc.dpkg-old"};
	for (size_t i = 0; i < sizeof copies / sizeof copies[0]; i++) {
		in.path = copies[i];
		scan(rules, 0, &in, &h);
		assert_int_equal(h.n, 1);
	}
	in.path = "/home/u/.netrc.d/x";
	scan(rules, 0, &in, &h);
	assert_int_equal(h.n, 0);
	in.path = "/home/u/.bak";
	scan(rules, 0, &in, &h);
	assert_int_equal(h.n, 0);

	in.path = "/home/u/.config/chromium/Default/Login Data";
	scan(rules, 1, &in, &h);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.h[0].rule, "store");
	in.base_offset = 8192; /* later chunks do not repeat the file finding */
	in.report_from = 100;
	scan(rules, 1, &in, &h);
	assert_int_equal(h.n, 0);
}

/* A keyword that only path-limited rules name is looked for only in the
 * files those rules apply to: the engine keeps one keyword database of the
 * other rules and one per set of applicable path rules of the keywords
 * only they name. One engine and scratch scan file after file,
 * with more distinct sets than it keeps databases for, files met twice and
 * files no path rule applies to; each sees exactly its own rule's finding
 * and the general rule's. */
static void test_path_keywords(void **state)
{
	enum { NPATH = 20 };
	char rules[NPATH * 200 + 400], buf[NPATH * 32 + 64];
	size_t rl = 0, bl = 0;
	static const int order[] = {0,  1,  2,  3,  4,  5,  6,  7,  8, 9,  10, 11, 12,
	                            13, 14, 15, 16, 17, 18, 19, -1, 3, 19, 0,  -1, 7};

	rl += (size_t)snprintf(rules + rl, sizeof rules - rl,
	                       "[rule general]\ndescription = d\ncategory = c\nclause = c\n"
	                       "keywords = passwd\npattern = passwd=(\\S+)\nexample = x\n");
	for (int i = 0; i < NPATH; i++) {
		rl += (size_t)snprintf(rules + rl, sizeof rules - rl,
		                       "[rule p%02d]\ndescription = d\ncategory = c\nclause = c\n"
		                       "path = (^|/)file%02d$\nkeywords = kw%02dq\n"
		                       "pattern = kw%02dq=(\\S+)\nexample = x\n",
		                       i, i, i, i);
		bl += (size_t)snprintf(buf + bl, sizeof buf - bl, "kw%02dq=Sec%02d#x9Lq\n", i, i);
	}
	snprintf(buf + bl, sizeof buf - bl, "passwd=Gen#x9Lq7\n");

	for (unsigned flags = 0; flags < 2; flags++) {
		struct rule_set *rs = load(rules);
		struct scan_engine *e;
		struct scan_scratch *s;
		static struct hits h;
		char err[256], path[32], want[16];
		struct scan_input in;
		int rc;

		assert_int_equal(scan_engine_build_flags(&e, rs, flags, err, sizeof err), 0);
		assert_int_equal(scan_scratch_new(e, &s), 0);
		input(&in, buf);
		for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
			snprintf(path, sizeof path, order[k] < 0 ? "/srv/other" : "/srv/file%02d",
			         order[k]);
			in.path = path;
			h.n = 0;
			rc = scan_buffer(e, s, &in, collect, &h);
			assert_int_equal(rc, (int)h.n);
			qsort(h.h, h.n, sizeof h.h[0], hit_cmp);
			assert_int_equal(h.n, order[k] < 0 ? 1 : 2);
			assert_string_equal(h.h[0].rule, "general");
			if (order[k] >= 0) {
				snprintf(want, sizeof want, "p%02d", order[k]);
				assert_string_equal(h.h[1].rule, want);
				assert_int_equal(h.h[1].line, order[k] + 1);
			}
		}
		scan_scratch_free(s);
		scan_engine_free(e);
		rule_set_free(rs);
	}
}

/* The first set of path rules met gets one database of every keyword; a
 * later set is scanned in two passes (the others' keywords, then its own)
 * until it has scanned enough bytes (64 MiB) to pay for one database of
 * both. Before and after that point each file sees the same findings. */
static void test_path_keywords_full(void **state)
{
	static const char rules[] =
	        "[rule general]\ndescription = d\ncategory = c\nclause = c\n"
	        "keywords = passwd\npattern = passwd=(\\S+)\nexample = x\n"
	        "[rule pa]\ndescription = d\ncategory = c\nclause = c\npath = (^|/)a$\n"
	        "keywords = kwaq\npattern = kwaq=(\\S+)\nexample = x\n"
	        "[rule pb]\ndescription = d\ncategory = c\nclause = c\npath = (^|/)b$\n"
	        "keywords = kwbq\npattern = kwbq=(\\S+)\nexample = x\n";
	enum { LEN = 4 << 20 };
	static const char tail[] = "kwaq=Sa#x9Lq\nkwbq=Sb#x9Lq\npasswd=Gen#x9Lq7\n";
	struct rule_set *rs = load(rules);
	struct scan_engine *e;
	struct scan_scratch *s;
	static struct hits h;
	char err[256], *buf = malloc(LEN);
	struct scan_input in;
	/* a, then b past 64 MiB in all, then a file no path rule names */
	static const char *const paths[] = {"/srv/a", "/srv/b", "/srv/b", "/srv/o"};

	(void)state;
	assert_non_null(buf);
	for (size_t i = 0; i + 1 < LEN; i++)
		buf[i] = i % 64 == 63 ? '\n' : 'x';
	memcpy(buf + LEN - sizeof tail, tail, sizeof tail); /* NUL-terminated */
	assert_int_equal(scan_engine_build_flags(&e, rs, 0, err, sizeof err), 0);
	assert_int_equal(scan_scratch_new(e, &s), 0);
	input(&in, buf);
	for (size_t k = 0; k < 4 + 17; k++) {
		const char *path = paths[k < 2 ? k : k < 2 + 17 ? 2 : 3];
		const char *want = path[5] == 'a' ? "pa" : path[5] == 'b' ? "pb" : NULL;
		int rc;
		in.path = path;
		h.n = 0;
		rc = scan_buffer(e, s, &in, collect, &h);
		assert_int_equal(rc, (int)h.n);
		qsort(h.h, h.n, sizeof h.h[0], hit_cmp);
		assert_int_equal(h.n, want != NULL ? 2 : 1);
		assert_string_equal(h.h[0].rule, "general");
		if (want != NULL)
			assert_string_equal(h.h[1].rule, want);
	}
	scan_scratch_free(s);
	scan_engine_free(e);
	rule_set_free(rs);
	free(buf);
}

/* A generic rule yields to a specific one that found the same secret, or
 * a value under the same field's name, wherever it stands: the specific
 * rule pairs names with values (user, password = "admin", "x"). Not to
 * one under another name. */
static void test_generic_yields(void **state)
{
	static const char rules[] =
	        "[rule generic]\ndescription = d\ncategory = c\nclause = c\ngeneric = yes\n"
	        "keywords = password\npattern = password=(\\S+)\nexample = x\n"
	        "[rule specific]\ndescription = d\ncategory = c\nclause = c\n"
	        "keywords = jdbc:\npattern = jdbc:\\S*?password=(\\w+)\nexample = x\n";
	static const char pairs[] = RULE_OF(
	        "generic", "generic = yes\nkeywords = pass\nreach = word\n"
	                   "pattern = (?<key>\\w*pass\\w*)[ \\t]*=[ \\t]*\"(?<secret>[^\"]+)\"\n"
	                   "example = x\n")
	        RULE_OF("pair", "keywords = pass\n"
	                        "pattern = (?m)^\\w+,[ \\t]*(?<key>\\w*pass\\w*)[ \\t]*=[ \\t]*"
	                        "\"[^\"]*\",[ \\t]*\"(?<secret>[^\"]+)\"\n"
	                        "example = x\n");
	struct scan_input in;
	static struct hits h;

	for (unsigned flags = 0; flags < 2; flags++) {
		input(&in, "url=jdbc:mysql://db/app?password=Kq8zW3pLm\npassword=Zx7bN2vQr\n");
		scan(rules, flags, &in, &h);
		assert_int_equal(h.n, 2);
		assert_string_equal(h.h[0].rule, "specific"); /* offset order */
		assert_string_equal(h.h[1].rule, "generic");
		assert_true(h.h[0].offset < h.h[1].offset);
		input(&in,
		      "db_password = \"Kq8zW3pLm\"\nuser, password = \"admin1x\", \"Zx7bN2vQr\"\n");
		scan(pairs, flags, &in, &h);
		assert_int_equal(h.n, 2);
		qsort(h.h, h.n, sizeof h.h[0], hit_cmp);
		assert_string_equal(h.h[0].rule, "generic"); /* db_password's */
		assert_int_equal(h.h[0].line, 1);
		assert_string_equal(h.h[1].rule, "pair");
		assert_int_equal(h.h[1].len, 9); /* not "admin1x" */
	}
}

/* Of two specific rules with one secret, the one that knows the file (a
 * path condition) reports it; the one that knows only the line gives way
 * there, and reports it everywhere else. A file rule with a decoder,
 * which may yet drop the secret, or one that dropped it, takes nothing
 * from the line rule, nor does it from a rule that knows the secret by
 * its form. */
static void test_file_rule_first(void **state)
{
#define LINE_RULE                                                                                  \
	"[rule line]\ndescription = d\ncategory = c\nclause = c\nkeywords = password\n"            \
	"pattern = (?m)^[ \\t]*password[ \\t]+(\\S+)$\nexample = x\n"
#define FILE_RULE(extra)                                                                           \
	"[rule file]\ndescription = d\ncategory = c\nclause = c\npath = (^|/)\\.msmtprc$\n"        \
	"keywords = password\n" extra                                                              \
	"pattern = (?m)^[ \\t]*password[ \\t]+(\\S+)$\nexample = x\n"
	static const char rules[] = LINE_RULE FILE_RULE("");
	static const char decoded[] = LINE_RULE FILE_RULE("decoder = cisco7\n");
	static const char allowed[] = LINE_RULE FILE_RULE("allowlist = ^Ms7\n");
	static const char shaped[] =
	        "[rule shape]\ndescription = d\ncategory = c\nclause = c\n"
	        "keywords = tok_\npattern = tok_\\w+\nexample = x\n" FILE_RULE("");
	struct scan_input in;
	static struct hits h;

	for (unsigned flags = 0; flags < 2; flags++) {
		input(&in, "account work\npassword Ms7-Mail-Pass\n");
		in.path = "/home/u/.msmtprc";
		scan(rules, flags, &in, &h);
		assert_int_equal(h.n, 1);
		assert_string_equal(h.h[0].rule, "file");
		in.path = "/etc/router.cfg";
		scan(rules, flags, &in, &h);
		assert_int_equal(h.n, 1);
		assert_string_equal(h.h[0].rule, "line");
		in.path = "/home/u/.msmtprc";
		scan(decoded, flags, &in, &h);
		assert_int_equal(h.n, 1); /* cisco7 drops what is no type 7 */
		assert_string_equal(h.h[0].rule, "line");
		/* a file rule that drops the value (its allowlist) takes nothing */
		scan(allowed, flags, &in, &h);
		assert_int_equal(h.n, 1);
		assert_string_equal(h.h[0].rule, "line");
		/* a rule that knows the secret by its form keeps it beside the
		 * file's rule: it names the provider */
		input(&in, "account work\npassword tok_Zx81Lm4Qp0Rt\n");
		in.path = "/home/u/.msmtprc";
		scan(shaped, flags, &in, &h);
		assert_int_equal(h.n, 2);
	}
#undef LINE_RULE
#undef FILE_RULE
}

static int offset_cmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* The shipped rules, in one scan reporting at most max findings (0: no
 * bound), and the secret spans they report. */
static void scan_shipped_max(const char *buf, const char *path, unsigned flags, size_t max,
                             struct hits *h)
{
	const char *srcdir = getenv("top_srcdir");
	char dir[4096], err[1024];
	const char *dirs[2] = {dir, NULL};
	struct rule_set *rs;
	struct scan_engine *e;
	struct scan_scratch *s;
	struct scan_input in;
	int rc;

	snprintf(dir, sizeof dir, "%s/conf/rules", srcdir ? srcdir : ".");
	if (rule_set_load(&rs, dirs, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(scan_engine_build_flags(&e, rs, flags ? SCAN_ENGINE_PCRE2_ONLY : 0, err,
	                                         sizeof err),
	                 0);
	assert_int_equal(scan_scratch_new(e, &s), 0);
	input(&in, buf);
	in.path = path;
	in.max_findings = max;
	h->n = 0;
	rc = scan_buffer(e, s, &in, collect, h);
	assert_int_equal(rc, (int)h->n); /* the findings it counts, each reported */
	qsort(h->h, h->n, sizeof h->h[0], offset_cmp);
	scan_scratch_free(s);
	scan_engine_free(e);
	rule_set_free(rs);
}

static void scan_shipped(const char *buf, const char *path, unsigned flags, struct hits *h)
{
	scan_shipped_max(buf, path, flags, 0, h);
}

static void assert_span(const struct hit *h, const char *buf, const char *secret)
{
	assert_int_equal(h->offset, strstr(buf, secret) - buf);
	assert_int_equal(h->len, strlen(secret));
}

/* A dump's statement gives a finding per row, each at its value: rows on
 * the lines after the rule's span, past a row of NULL, into the next
 * INSERT of the same table; at most RULE_EACH_MAX per statement. */
static void test_shipped_rows(void **state)
{
	static char dump[16384];
	static struct hits h;
	size_t n = 0;

	(void)state;
	n += (size_t)snprintf(
	        dump + n, sizeof dump - n,
	        "COPY public.accounts (id, login, passwd) FROM stdin;\n"
	        "1\tcarol\tPg7-Kx9mQ2vLp\n2\tdave\t\\N\n3\terin\tQw7-Erin-2024\n\\.\n"
	        "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT, password TEXT);\n");
	for (int i = 0; i < RULE_EACH_MAX + 6; i++)
		n += (size_t)snprintf(dump + n, sizeof dump - n,
		                      "INSERT INTO users VALUES(%d,'u%d','Rw%dq-Kx9mQ2vLp');\n", i,
		                      i, i);
	for (unsigned flags = 0; flags < 2; flags++) {
		size_t copy = 0, table = 0;
		scan_shipped(dump, "/var/backups/app.sql", flags, &h);
		for (size_t i = 0; i < h.n; i++) {
			copy += strcmp(h.h[i].rule, "sql-copy-password") == 0;
			table += strcmp(h.h[i].rule, "sql-table-password") == 0;
		}
		assert_int_equal(copy, 2);
		assert_int_equal(table, RULE_EACH_MAX);
		for (size_t i = 1; i < h.n; i++) /* each row once: hits sorted by rule, offset */
			assert_false(strcmp(h.h[i].rule, h.h[i - 1].rule) == 0 &&
			             h.h[i].offset == h.h[i - 1].offset);
		for (size_t i = 0; i < h.n; i++)
			if (strcmp(h.h[i].rule, "sql-copy-password") == 0)
				assert_true(
				        h.h[i].offset == (uint64_t)(strstr(dump, "Pg7-") - dump) ||
				        h.h[i].offset == (uint64_t)(strstr(dump, "Qw7-") - dump));
	}
}

/* The value of an XML element written as a CDATA section is the
 * section's content, not its markers; a value continued on the next line
 * (.properties, ini) is read there, not as the backslash; the brace that
 * closes a YAML flow mapping is not part of its last value. */
static void test_shipped_spans(void **state)
{
	static const char xml[] = "<password><![CDATA[Kx9mQ2vLp]]></password>\n"
	                          "<apiKey><![CDATA[a<b&c]]></apiKey>\n"
	                          "<entry key=\"db.password\"><![CDATA[Rq7zLp2Kx]]></entry>\n"
	                          "<password><![CDATA[${DB_PASSWORD}]]></password>\n";
	static const char props[] = "db.password = \\\n    Kx9mQ2vLp\n"
	                            "mail.password \\\n  Rq7zLp2Kx\n"
	                            "x.password = \\\n\nother = 1\n";
	static const char yaml[] = "db: {user: app, password: Kx9mQ2vLp}\n"
	                           "- {name: a, client_secret: Rq7zLp2Kx}]\n"
	                           "db: {user: app, password: ${DB_PASSWORD}}\n"
	                           "password: a{b}c\n";
	/* a literal through a conversion to a string type, and Go's typed
	 * declaration: the literal, not the call or the type */
	static const char code[] = "api_key = SecretStr('Kx9mQ2vLp')\n"
	                           "password = str(getpass.getpass())\n"
	                           "db_password = str(\"Rq7zLp2Kx\")\n";
	static const char cpp[] = "auto token = std::string(\"Tz8qLw2Rm\");\n";
	static const char cs[] = "public string ApiKey { get; set; } = \"Rq7zLp2Kx\";\n";
	static const char go[] = "var password string = \"Kx9mQ2vLp\"\n"
	                         "var adminPass string = os.Getenv(\"PW\")\n";
	/* a command continued after a backslash; a line that is no
	 * continuation is no command's argument */
	static const char sh[] = "mysqldump -u backup \\\n    -pKx9mQ2vLp appdb\n"
	                         "mysql -u root\n-pwd prints the directory\n";
	/* a value quoted in an attribute with XML's entity: inside it, also
	 * when a ';' is in it; a reference there is none */
	static const char entity[] = "<add name=\"a\" connectionString=\"Data Source=db;User ID=sa;"
	                             "Password=&quot;Kx9;mQ2vLp&quot;;\" />\n"
	                             "<add key=\"db.password\" value=\"&quot;Rq7zLp2Kx&quot;\" />\n"
	                             "<add name=\"b\" connectionString=\"Data Source=db;User ID=sa;"
	                             "Password=&quot;${DB_PASSWORD}&quot;;\" />\n"
	                             "<add key=\"db.password\" value=\"&apos;Tz8qLw2Rm&apos;\" />\n"
	                             /* quotes that hold nothing; markup or prose between two */
	                             "<add name=\"c\" connectionString=\"Data Source=db;"
	                             "Password=&quot;&quot;;\" />\n"
	                             "<add key=\"db.password\" value=\"&quot;&quot;\" />\n"
	                             "<td>password=&quot;</td><td>&quot;</td>\n"
	                             "Set password=&quot; and then &quot;\n"
	                             /* an entity not closed: the value's run after it; a
	                              * closing entity of another kind */
	                             "<add name=\"d\" connectionString=\"Data Source=db;"
	                             "Password=&quot;Hq7vLm2Xz9;\" />\n"
	                             "<add key=\"db.password\" value=\"&quot;Lp3vQz9Wr&#34;\" />\n";
	/* Bundler's credentials for a gem source: the password after the
	 * user; a build option of the same shape is none */
	static const char bundle[] = "BUNDLE_BUILD__PG: \"--with-pg-config=/usr/bin/pg_config\"\n"
	                             "BUNDLE_GEMS__EXAMPLE__NET: \"ci-bot:Kx9mQ2vLp\"\n"
	                             "BUNDLE_ACME__EXAMPLE__IO: \"jane@example.com:Rq7zLp2Kx\"\n";
	/* each file's path and the values found in it, in order */
	static const struct {
		const char *buf, *path, *spans[6];
	} cases[] = {
	        {xml, "/srv/app/settings.xml", {"Kx9mQ2vLp", "a<b&c", "Rq7zLp2Kx"}},
	        /* a backslash alone is not the value */
	        {props, "/srv/app/app.properties", {"Kx9mQ2vLp", "Rq7zLp2Kx"}},
	        {yaml, "/srv/app/app.yml", {"Kx9mQ2vLp", "Rq7zLp2Kx", "a{b}c"}},
	        {code, "/srv/app/settings.py", {"Kx9mQ2vLp", "Rq7zLp2Kx"}},
	        {cpp, "/srv/app/main.cpp", {"Tz8qLw2Rm"}},
	        {cs, "/srv/app/Settings.cs", {"Rq7zLp2Kx"}},
	        {go, "/srv/app/main.go", {"Kx9mQ2vLp"}},
	        {sh, "/srv/app/deploy.sh", {"Kx9mQ2vLp"}},
	        {entity,
	         "/srv/app/web.config",
	         {"Kx9;mQ2vLp", "Rq7zLp2Kx", "Tz8qLw2Rm", "Hq7vLm2Xz9", "Lp3vQz9Wr"}},
	        {bundle, "/srv/app/.bundle/config", {"Kx9mQ2vLp", "Rq7zLp2Kx"}},
	};
	static struct hits h;

	(void)state;
	for (unsigned flags = 0; flags < 2; flags++)
		for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
			size_t n = 0;
			while (n < 6 && cases[c].spans[n] != NULL)
				n++;
			scan_shipped(cases[c].buf, cases[c].path, flags, &h);
			assert_int_equal(h.n, n);
			for (size_t k = 0; k < n; k++)
				assert_span(&h.h[k], cases[c].buf, cases[c].spans[k]);
		}
}

/* A value that translates its field's word is a label in a message
 * catalog, and a weak password stored anywhere else. */
static void test_catalog_labels(void **state)
{
	static const char yml[] = "password: Contraseña\n";
	static const char env[] = "DB_PASSWORD=senha\n";
	static struct hits h;

	(void)state;
	for (unsigned flags = 0; flags < 2; flags++) {
		scan_shipped(yml, "/srv/app/config/locales/es.yml", flags, &h);
		assert_int_equal(h.n, 0);
		scan_shipped(yml, "/srv/app/config/app.yml", flags, &h);
		assert_int_equal(h.n, 1);
		scan_shipped(env, "/etc/app/app.conf", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], env, "senha");
	}
}

/* The value a target takes: its inside when a quoted literal, by its
 * place among two to eight targets of one statement of one line. */
static const char *tuple_of(const char *text, const char *name, const char *path)
{
	static char out[64];
	const unsigned char *b = (const unsigned char *)text;
	const char *k = strstr(text, name);
	size_t vs = 0, ve = 0, ks = (size_t)(k - text);

	switch (tuple_value(b, strlen(text), ks, ks + strlen(name), tuple_language(path), &vs,
	                    &ve)) {
	case TUPLE_NOT:
		return "not";
	case TUPLE_OTHER:
		return "other";
	case TUPLE_LITERAL:
		break;
	}
	snprintf(out, sizeof out, "%.*s", (int)(ve - vs), text + vs);
	return out;
}

static void test_tuple_value(void **state)
{
	(void)state;
	assert_string_equal(tuple_of("u, pw = 'a', 'x'\n", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("pw, u = \"x\", \"a\"", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("  a, pw, h = 'a', r'x', 'h'  # c", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("self.u, self.pw = 'a', 'x'", "self.pw", "a.py"), "x");
	assert_string_equal(tuple_of("u, c[\"pw\"] = 'a', 'x'", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("u, pw = ('a', 'x')", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("[u, pw] = ['a', 'x',]", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("u, pw = 'a, b', 'x'", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("u, pw = f('a', 1), 'x'", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("@u, @pw = 'a', 'x'", "pw", "a.rb"), "x");
	assert_string_equal(tuple_of("var u, pw string = \"a\", \"x\"", "pw", "a.go"), "x");
	assert_string_equal(tuple_of("u, pw := \"a\", \"x\" // c", "pw", "a.go"), "x");
	assert_string_equal(tuple_of("local u, pw = \"a\", \"x\" -- c", "pw", "a.lua"), "x");
	assert_string_equal(tuple_of("my ($u, $pw) = ('a', 'x');", "pw", "a.pm"), "x");
	/* a name, a call, a format, a conditional in the place */
	assert_string_equal(tuple_of("u, pw = 'a', getpass()", "pw", "a.py"), "other");
	assert_string_equal(tuple_of("u, pw = 'a', 'x' if c else y", "pw", "a.py"), "other");
	assert_string_equal(tuple_of("u, pw = pw, u", "pw", "a.py"), "other");
	assert_string_equal(tuple_of("u, pw = 'a', f'{x}'", "pw", "a.py"), "other");
	/* no pairing: values and targets counted apart, a call's arguments,
	 * on its line or continued from the line before, a comparison, a
	 * loop, Perl without brackets, a language without tuples */
	assert_string_equal(tuple_of("u, pw = 'a', 'x', 'y'", "pw", "a.py"), "not");
	assert_string_equal(tuple_of("u, pw = creds()", "pw", "a.py"), "not");
	assert_string_equal(tuple_of("f(u, pw = 'a', 'x')", "pw", "a.py"), "not");
	assert_string_equal(tuple_of("c = f(\n  u, pw = 'a', 'x'\n)", "pw", "a.rb"), "not");
	assert_string_equal(tuple_of("u, pw == 'a', 'x'", "pw", "a.py"), "not");
	assert_string_equal(tuple_of("for u, pw in pairs:", "pw", "a.py"), "not");
	assert_string_equal(tuple_of("my $u, $pw = 'a', 'x';", "pw", "a.pl"), "not");
	assert_string_equal(tuple_of("String u, pw = \"a\", \"x\";", "pw", "A.java"), "not");
	assert_string_equal(tuple_of("pw = 'x'", "pw", "a.py"), "not");
	assert_string_equal(tuple_of("u, pw = 'a', 'x", "pw", "a.py"), "not");
	/* a statement after ';', in a function's or a declaration block's
	 * braces and brackets (not a call's), after a comment or a statement
	 * that ends in a comma */
	assert_string_equal(tuple_of("x = 1; u, pw = 'a', 'x'", "pw", "a.py"), "x");
	/* the last target of a statement whose start is not read: the last
	 * value */
	assert_string_equal(tuple_of("if dev: u, pw = 'a', 'x'", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("a = u, pw = 'a', 'x'", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("f(a, pw = 'x', b)", "pw", "a.py"), "not");
	assert_string_equal(tuple_of("func f() {\n\tu, pw := \"a\", \"x\"\n", "pw", "a.go"), "x");
	assert_string_equal(tuple_of("var (\n\tu, pw = \"a\", \"x\"\n)", "pw", "a.go"), "x");
	assert_string_equal(tuple_of("sub f {\n  my ($u, $pw) = ('a', 'x');", "pw", "a.pm"), "x");
	assert_string_equal(tuple_of("# defaults,\nu, pw = 'a', 'x'", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("a, b = 'c', 'd',\nu, pw = 'a', 'x'", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("c = f(  # args\n  u, pw = 'a', 'x'\n)", "pw", "a.rb"), "not");
	assert_string_equal(tuple_of("c = f(a,\n\n  u, pw = 'a', 'x')", "pw", "a.py"), "not");
	assert_string_equal(tuple_of("u = \\\nu, pw = 'a', 'x'", "pw", "a.py"), "not");
	/* a function's body inside a call's brackets is statements; an
	 * unbalanced bracket in a string or a comment lines before is text */
	assert_string_equal(tuple_of("t.Run(\"a\", func(t *testing.T) {\n\tu, pw := \"a\", \"x\"",
	                             "pw", "a_test.go"),
	                    "x");
	assert_string_equal(
	        tuple_of("describe(\"a\", function()\n  local u, pw = \"a\", \"x\"", "pw", "a.lua"),
	        "x");
	assert_string_equal(
	        tuple_of("\"\"\"Usage: tool [options\n\"\"\"\nu, pw = 'a', 'x'", "pw", "a.py"),
	        "x");
	assert_string_equal(tuple_of("# C:\\\nu, pw = 'a', 'x'", "pw", "a.py"), "x");
	/* each language's strings and comments */
	assert_string_equal(tuple_of("u, pw := \"a\", `x`", "pw", "a.go"), "x");
	assert_string_equal(tuple_of("u, pw = 'a', '''x'''", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("u, pw = 'a', f'x'", "pw", "a.py"), "x");
	assert_string_equal(tuple_of("local n, pw = #list, \"x\"", "pw", "a.lua"), "x");
	assert_string_equal(tuple_of("u, *pw = 'a', 'x'", "pw", "a.py"), "not");
	assert_string_equal(tuple_of("my ($u, $pw) = ['a', 'x'];", "pw", "a.pm"), "not");
}

/* Two names and two values: where the language pairs them in order, the
 * credential name's value, not the one after its '='; a C-family
 * declarator list and a call's arguments are read as before, also on a
 * line of their own, where they look like a tuple: a generic rule yields
 * only to a quoted value under the same name. */
static void test_shipped_tuples(void **state)
{
	static const char py[] = "user, password = \"admin\", \"Kx9mQ2vLp\"\n"
	                         "connect(host, password = \"Rq7zLp2Kx\", db)\n";
	static const char rb[] = "conn = connect(\n  host, password = \"Wq4zLp8Kx\", db\n)\n";
	static const char java[] = "String user, password = \"Kx9mQ2vLp\", host;\n";
	static const char py3[] = "user, password, host = \"admin\", \"Wq4zLp8Kx\", \"db\"\n"
	                          "self.user, self.password = \"admin\", \"Rq7zLp2Kx\"\n"
	                          "token, mode = (\"Tz5mQ8wLp\", \"r\")\n"
	                          "user, password = \"admin\", getpass()\n"
	                          "user, password = password, user\n";
	static struct hits h;

	(void)state;
	for (unsigned flags = 0; flags < 2; flags++) {
		scan_shipped(py, "/srv/app/settings.py", flags, &h);
		assert_int_equal(h.n, 2); /* not "admin" */
		qsort(h.h, h.n, sizeof h.h[0], hit_cmp);
		assert_string_equal(h.h[0].rule, "password-assignment");
		assert_span(&h.h[0], py, "Rq7zLp2Kx");
		assert_string_equal(h.h[1].rule, "tuple-target");
		assert_span(&h.h[1], py, "Kx9mQ2vLp");
		/* three targets, attributes, values in brackets: the one in the
		 * name's place; a name or a call there is none */
		scan_shipped(py3, "/srv/app/settings.py", flags, &h);
		assert_int_equal(h.n, 3);
		qsort(h.h, h.n, sizeof h.h[0], hit_cmp);
		assert_span(&h.h[0], py3, "Wq4zLp8Kx");
		assert_span(&h.h[1], py3, "Rq7zLp2Kx");
		assert_span(&h.h[2], py3, "Tz5mQ8wLp");
		scan_shipped(rb, "/srv/app/db.rb", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], rb, "Wq4zLp8Kx");
		scan_shipped(java, "/srv/app/Db.java", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], java, "Kx9mQ2vLp");
	}
}

/* In programs and scripts: a character compared, a conditional, a
 * format's field, a variable's value compared, a word or an identifier
 * under a name that is a key by its head alone are no credential; one in a
 * trailing comment, a docstring or beside a documentation host is kept as
 * doc (low). */
static void test_code_judgements(void **state)
{
	static const char c[] = "if (*password == '\\0') return;\n"
	                        "if (pw->pw_passwd[0] == '!') return;\n"
	                        "salt = (pw_password[0]) ? pw_password : \"xx\";\n"
	                        "printf(\"Bad password: %s\\n\", msg);\n"
	                        "fatal(\"no password: is it set?\");\n"
	                        "Debug(\"pc_setpw: hash failed for %s\\n\", dn);\n"
	                        "filters_key = \"fts_filters\";\n"
	                        "if (option.key == \"EnvEventSource\") return;\n"
	                        "ikey = \"IdentitiesOnly=yes\";\n"
	                        "static const char *password = \"Kx9mQ2vLp\";\n"
	                        "stripeKey = \"Rk4mQ9zLx2\";\n";
	static const char sh[] = "if test \"x$ac_cv_func_readpassphrase\" = xyes\n"
	                         "ac_cv_path_PASSWD=\"$as_dir$ac_word$ac_exec_ext\"\n"
	                         "fi # $pass = conv\n"
	                         "password=Rq7zLp2Kx\n";
	static const char py[] = "EXAMPLES = r'''\n- name: log in\n  password: \"Kx9mQ2vLp\"\n'''\n"
	                         "password = \"Rq7zLp2Kx\"\n"
	                         "RETURN = \"\"\"\n  password: 'Wq4zLp8Kx'\n\"\"\"\n";
	static const char doc[] = "curl -u admin:Wq4zLp8Kx https://api.example.com/v1\n"
	                          "curl -u admin:Wq4zLp8Kx https://api.internal.lan/v1\n";
	static struct hits h;

	(void)state;
	for (unsigned flags = 0; flags < 2; flags++) {
		scan_shipped(c, "/src/app/auth.c", flags, &h);
		assert_int_equal(h.n, 2); /* a key by its head holds a key's name */
		assert_span(&h.h[0], c, "Kx9mQ2vLp");
		assert_span(&h.h[1], c, "Rk4mQ9zLx2");
		scan_shipped(sh, "/src/app/configure", flags, &h);
		assert_int_equal(h.n, 2); /* the comment's, kept as doc */
		assert_string_equal(h.h[0].context, "doc");
		assert_span(&h.h[1], sh, "Rq7zLp2Kx");
		assert_string_equal(h.h[1].context, "config");
		scan_shipped(py, "/src/app/module.py", flags, &h);
		assert_int_equal(h.n, 3); /* the docstrings' examples, kept as doc */
		assert_string_equal(h.h[0].context, "doc");
		assert_string_equal(h.h[1].context, "code");
		assert_string_equal(h.h[2].context, "doc");
		scan_shipped(doc, "/srv/app/run.sh", flags, &h);
		assert_int_equal(h.n, 2);
		assert_string_equal(h.h[0].context, "doc");
		assert_string_equal(h.h[1].context, "config");
	}
}

/* In code an unquoted value is an expression, unless a format's own rule
 * knows it by a key's shape: a JWT on its own line is found, an LDAP bind
 * password given as a variable is not. */
static void test_format_in_code(void **state)
{
	static const char go[] = "// a token kept for the tests\n"
	                         "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxYSJ9.Qm0hX1cE5zK3aLp9Wq2RtA\n";
	static const char py[] = "conn = uldap.access(\n"
	                         "    binddn=bind_dn,\n"
	                         "    bindpw=pwd,\n"
	                         ")\n";
	static struct hits h;

	(void)state;
	for (unsigned flags = 0; flags < 2; flags++) {
		scan_shipped(go, "/src/app/token.go", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], go,
		            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxYSJ9.Qm0hX1cE5zK3aLp9Wq2RtA");
		scan_shipped(py, "/src/app/ldap.py", flags, &h);
		assert_int_equal(h.n, 0);
	}
}

/* A field compared with three literals or more is dispatched on (a
 * parser's token, a state), with one or two it is checked against a
 * password; a gap between two strings is no value; a patch's hunks have
 * the context of the file they change. */
static void test_dispatch_and_patches(void **state)
{
	static const char parser[] = "if (!strcmp(token, \"DEFINE\")) a();\n"
	                             "else if (!strcmp(token, \"INCLUDE\")) b();\n"
	                             "else if (strcasecmp(token, \"EXCEPT\") == 0) c();\n"
	                             "if (strcmp(passwd, \"none\") && strcmp(passwd, \"off\") &&\n"
	                             "    strcmp(passwd, \"disable\")) d();\n"
	                             "if (strncmp(reply, \"ttl=\", 4) == 0) e();\n"
	                             "if (strcmp(password, \"Kx9mQ2vLp\") == 0) f();\n"
	                             "if (strcmp(password, \"Wq4zLp8Kx\") == 0) g();\n";
	static const char sh[] = "if test \"$linkmode,$pass\" = \"lib,link\"; then :; fi\n"
	                         "if test \"$linkmode,$pass\" = \"prog,scan\"; then :; fi\n"
	                         "if test \"$linkmode,$pass\" != \"prog,link\"; then :; fi\n"
	                         "\t  result_count $$1 \"XPASS:\" $$xpass \"$$red\"; \\\n"
	                         "password=Rq7zLp2Kx\n";
	static const char conf[] = "if test x$dnskey = xtrue; then :; fi\n"
	                           "medsrv.rekey = 20m\n"
	                           "typedef t = enum(TYPE_A=1,TYPE_DNSKEY=48);\n"
	                           "api_key = 4821\n";
	static const char table[] = "\t[ISC_R_BADTOKEN] = \"bad token\",\n"
	                            "static const char row_token[] = \"ifXTable\";\n"
	                            "if (strncmp(buf, \"0x\", 2) == 0 && passwd) a();\n"
	                            "if (strncmp(passwd, \"0x\", 2) == 0) b();\n"
	                            "sec->bindpw = (char *)arg;\n"
	                            "GetOptions('password=s' => \\$db_passwd);\n"
	                            "sign_key = \"E709712C\";\n"
	                            "gpg_fingerprint = \"0x8B48AD6246925553\";\n"
	                            "signing_key = \"E709712C4A8F02D1E5B3\";\n"
	                            "cfg[\"password\"] = \"Kx9mQ2vLp\";\n";
	static const char cc[] = "debugs(29, 4, \"server token: '\" << tokenNote << \"'\");\n"
	                         "DEBUG_printf((\"2httpCopyCredentials: Certificate %d is\", i));\n"
	                         "static const char *secret = \"Kx9mQ2vLp\";\n";
	static const char patch[] = "Subject: token: harden decoding\n"
	                            "\n"
	                            "--- a/src/token.c\n"
	                            "+++ b/src/token.c\n"
	                            "@@ -1,2 +1,2 @@\n"
	                            "-\tpw = getpwnam (user);\n"
	                            "+\tpw = pam_modutil_getpwnam (pamh, user);\n"
	                            "+\tstatic const char *secret = \"Kx9mQ2vLp\";\n"
	                            "--- a/etc/app.conf\n"
	                            "+++ b/etc/app.conf\n"
	                            "@@ -1 +1 @@\n"
	                            "+password = Rq7zLp2Kx\n"
	                            "--- a/tests/t.conf\n"
	                            "+++ b/tests/t.conf\n"
	                            "@@ -1 +1 @@\n"
	                            "+password = Wq4zLp8Kx\n";
	static struct hits h;

	(void)state;
	for (unsigned flags = 0; flags < 2; flags++) {
		scan_shipped(parser, "/src/app/parse.c", flags, &h);
		assert_int_equal(h.n, 2); /* one password, tried with two values */
		assert_span(&h.h[0], parser, "Kx9mQ2vLp");
		assert_span(&h.h[1], parser, "Wq4zLp8Kx");
		scan_shipped(sh, "/src/app/ltmain.sh", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], sh, "Rq7zLp2Kx");
		scan_shipped(conf, "/src/app/configure", flags, &h);
		assert_int_equal(h.n, 1); /* four digits may be a key's PIN */
		assert_span(&h.h[0], conf, "4821");
		scan_shipped(table, "/src/app/result.c", flags, &h);
		assert_int_equal(h.n, 2); /* a signing key's id is no key; 20 hex digits are */
		assert_span(&h.h[0], table, "E709712C4A8F02D1E5B3");
		assert_span(&h.h[1], table, "Kx9mQ2vLp");
		scan_shipped(cc, "/src/app/UserRequest.cc", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], cc, "Kx9mQ2vLp");
		scan_shipped(patch, "/src/pkg/debian/patches/fix-token", flags, &h);
		assert_int_equal(h.n, 4); /* the description's word, kept as doc */
		assert_span(&h.h[0], patch, "harden");
		assert_string_equal(h.h[0].context, "doc");
		assert_span(&h.h[1], patch, "Kx9mQ2vLp");
		assert_string_equal(h.h[1].context, "code");
		assert_span(&h.h[2], patch, "Rq7zLp2Kx");
		assert_string_equal(h.h[2].context, "config");
		assert_span(&h.h[3], patch, "Wq4zLp8Kx");
		assert_string_equal(h.h[3].context, "test");
		/* the same text under a name that is no patch: one file's context */
		scan_shipped(patch, "/src/pkg/fix-token.txt", flags, &h);
		for (size_t i = 0; i < h.n; i++)
			assert_string_equal(h.h[i].context, "config");
	}
}

/* A caller's bound on the findings it keeps: the first ones by offset
 * are reported, as many as the bound (the stream asks for one more than
 * it keeps, to know that a file is capped), and no more, views included;
 * a bound of all of them, or none, reports all. */
static void test_max_findings(void **state)
{
	static const size_t bounds[] = {0, 33, 65};
	static char buf[64 * 40 + 128];
	static struct hits h;
	size_t n = 0;

	(void)state;
	for (int i = 0; i < 64; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "db_password = Rq7zLp%02dKx\n", i);
	snprintf(buf + n, sizeof buf - n, "{\"c\": \"[db]\\npassword = Hv7kQ2mZp\\n\"}\n");
	for (unsigned flags = 0; flags < 2; flags++)
		for (size_t b = 0; b < sizeof bounds / sizeof bounds[0]; b++) {
			scan_shipped_max(buf, "/etc/app.conf", flags, bounds[b], &h);
			assert_int_equal(h.n, bounds[b] == 33 ? 33 : 65);
			assert_span(&h.h[0], buf, "Rq7zLp00Kx");
			assert_span(&h.h[h.n - 1], buf,
			            bounds[b] == 33 ? "Rq7zLp32Kx" : "Hv7kQ2mZp");
		}
}

/* Text held in a JSON string is read again with its escapes undone (a
 * view): a device's configuration, a document inside another. Its
 * findings are placed at the raw bytes and line; a generic rule's value
 * that took an escape in ("x\n") gives way to the view's; source code's
 * strings are not read again. */
static void test_views(void **state)
{
	static const char napalm[] =
	        "{\n"
	        "  \"running\": \"!\\nhostname R1\\nenable password Kx7rTq2m\\n!\\n"
	        "username admin privilege 15 password 0 Wq3zLp9v\\n"
	        "snmp-server community Zp4mQx8r RO\\nend\\n\"\n"
	        "}\n";
	static const char ini[] =
	        "{\"config\": \"[database]\\nhost = db\\npassword = Hv7kQ2mZp\\n\"}\n";
	static const char ecs[] =
	        "{\"container_definitions\": \"[{\\\"environment\\\":[{\\\"name\\\":"
	        "\\\"DB_PASSWORD\\\",\\\"value\\\":\\\"Tq8vLm2xKp\\\"}]}]\"}\n";
	static const char py[] = "RUNNING = \"!\\nenable password Kx7rTq2m\\n!\\n\"\n";
	static struct hits h;

	(void)state;
	for (unsigned flags = 0; flags < 2; flags++) {
		scan_shipped(napalm, "/srv/backup/r1.json", flags, &h);
		assert_int_equal(h.n, 3);
		assert_string_equal(h.h[0].rule, "cisco-enable-password");
		assert_span(&h.h[0], napalm, "Kx7rTq2m");
		assert_int_equal(h.h[0].line, 2);
		assert_string_equal(h.h[1].rule, "cisco-password-plain");
		assert_span(&h.h[1], napalm, "Wq3zLp9v");
		assert_string_equal(h.h[1].account, "admin");
		assert_string_equal(h.h[2].rule, "snmp-community");
		assert_span(&h.h[2], napalm, "Zp4mQx8r");
		assert_string_equal(h.h[2].context, "device");
		/* the raw reading's "Hv7kQ2mZp\n" gives way */
		scan_shipped(ini, "/srv/app/settings.json", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], ini, "Hv7kQ2mZp");
		scan_shipped(ecs, "/srv/infra/task.json", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], ecs, "Tq8vLm2xKp");
		/* in documentation, at low: the context of the string */
		scan_shipped(napalm, "/usr/share/doc/napalm/r1.json", flags, &h);
		assert_int_equal(h.n, 3);
		assert_string_equal(h.h[0].context, "doc");
		/* a program's string is a message: not read again */
		scan_shipped(py, "/src/app/fixtures.py", flags, &h);
		for (size_t i = 0; i < h.n; i++)
			assert_string_not_equal(h.h[i].rule, "cisco-enable-password");
	}
}

/* A program's here-document is data: a bare value there is one, as in a
 * configuration file; outside it, an expression. A shift by a capital's
 * name opens none, nor does a bare tag never closed. */
static void test_heredocs(void **state)
{
	static const char perl[] = "my $cfg = load();\n"
	                           "our $candidate = <<'END';\n"
	                           "END OF SECTION ONE\n"
	                           "password = Rq7zLp2Kx\n"
	                           "END\n"
	                           "db_password = Wq4zLp8Kx;\n";
	static const char ruby[] = "mask = 1 <<SHIFT\n"
	                           "password = Zk3mQ8vLp\n";
	/* uuencoded data in one (Perl's pack "u"): "UPW=U" is no field */
	static const char uu[] = "my $table = unpack('u', <<'EOT');\n"
	                         "MQ3R=U1X=U9Z=U02=U4<5U!5=U77=UPW=U\"K=5QR:]%B/]%4/U*[H>K&8>K88\n"
	                         "M2J=U1F=U3N=U01=U29<5U!5=U35=UQW=U\"W=5JO:]%A/]%3/U*[G>J&7>J77\n"
	                         "M3K=U2G=U4O=U12=U3:<6U!6=U46=URX=U\"X=6KP:]%C/]%5/U*[I>L&9>L99\n"
	                         "EOT\n";
	/* a comment's text and a shift open none, even with a line that would
	 * close them */
	static const char notes[] = "# a fixture is read like print <<'EOF'\n"
	                            "my $password = shift;\n"
	                            "my $m = $y <<MASK;\n"
	                            "db_password = $m;\n"
	                            "MASK\n"
	                            "EOF\n";
	/* Terraform's user data */
	static const char tf[] = "resource \"aws_instance\" \"a\" {\n"
	                         "  user_data = <<-EOF\n"
	                         "    export DB_PASSWORD=Hx7kQ2mZpTf\n"
	                         "  EOF\n"
	                         "}\n";
	/* one line or two of that shape are values: 61 characters from M */
	static const char env61[] =
	        "MYSQL_ROOT_PASSWORD=K7XQ2M9VPL4R8TZW3NB6HJ5YDC1FGSA0EQ4W7R9TY\n"
	        "MYSQL_PASSWORD=Q7XQ2M9VPL4R8TZW3NB6HJ5YDC1FGSA0EQ4W7R9TYX3M8X\n";
	static const char php[] = "$conf = <<<EOT\n"
	                          "  password = Rq7zLp2Kx\n"
	                          "  EOT;\n"
	                          "$password = Wq4zLp8Kx;\n";
	static struct hits h;

	(void)state;
	for (unsigned flags = 0; flags < 2; flags++) {
		scan_shipped(perl, "/src/lib/Parser.pm", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], perl, "Rq7zLp2Kx");
		assert_string_equal(h.h[0].context, "config");
		scan_shipped(ruby, "/src/lib/flags.rb", flags, &h);
		assert_int_equal(h.n, 0);
		scan_shipped(uu, "/src/lib/Table.pm", flags, &h);
		assert_int_equal(h.n, 0);
		scan_shipped(env61, "/srv/app/app.conf", flags, &h);
		assert_int_equal(h.n, 2);
		scan_shipped(notes, "/src/lib/Notes.pm", flags, &h);
		assert_int_equal(h.n, 0);
		scan_shipped(tf, "/srv/infra/main.tf", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], tf, "Hx7kQ2mZpTf");
		scan_shipped(php, "/srv/www/setup.php", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], php, "Rq7zLp2Kx");
		/* the same text in a language without here-documents */
		scan_shipped(perl, "/src/app/parser.py", flags, &h);
		assert_int_equal(h.n, 0);
	}
}

/* A triple-quoted literal assigned is code, one inside a docstring the
 * docstring's text. */
static void test_triple_quoted(void **state)
{
	static const char assigned[] = "password = '''Kx9mQ2vLp'''\n";
	static const char doc[] = "def f():\n"
	                          "    \"\"\"Log in.\n"
	                          "    password = '''Kx9mQ2vLp''' and more\n"
	                          "    \"\"\"\n";
	static struct hits h;

	(void)state;
	for (unsigned flags = 0; flags < 2; flags++) {
		scan_shipped(assigned, "/src/app/settings.py", flags, &h);
		assert_int_equal(h.n, 1);
		assert_span(&h.h[0], assigned, "Kx9mQ2vLp");
		assert_string_equal(h.h[0].context, "code");
		scan_shipped(doc, "/src/app/login.py", flags, &h);
		assert_int_equal(h.n, 1);
		assert_string_equal(h.h[0].context, "doc");
	}
}

/* Findings of the PCRE2-only engine equal the Hyperscan engine's. */
/* Keywords that hold shorter ones ("password" holds "pass" and "sword")
 * are found through them: each occurrence once, at the start and the end
 * of the buffer, in any case, nested and side by side, as the PCRE2
 * prefilter finds them. */
#define KW_RULE(id, kw)                                                                            \
	"[rule " id "]\ndescription = d\ncategory = server-config\nclause = 3(1)⑤\n"             \
	"keywords = " kw "\nreach = 0\npattern = (?i)" kw "=(?<secret>\\w+)\n"                     \
	"example = " kw "=q8w7e6r5\n\n"

/* in scanned with both engines (h[0]: Hyperscan, h[1]: PCRE2 alone), each
 * sorted: the same findings at the same offsets. */
static void scan_both(const char *rules, const struct scan_input *in, struct hits h[2])
{
	for (int k = 0; k < 2; k++) {
		scan(rules, k ? SCAN_ENGINE_PCRE2_ONLY : 0, in, &h[k]);
		qsort(h[k].h, h[k].n, sizeof h[k].h[0], hit_cmp);
	}
	assert_int_equal(h[0].n, h[1].n);
	for (size_t i = 0; i < h[0].n; i++) {
		assert_string_equal(h[0].h[i].rule, h[1].h[i].rule);
		assert_int_equal(h[0].h[i].offset, h[1].h[i].offset);
	}
}

static void test_derived_keywords(void **state)
{
	static const char rules[] = KW_RULE("r-pass", "pass") KW_RULE("r-password", "password")
	        KW_RULE("r-db", "db_password") KW_RULE("r-sword", "sword");
	static const char text[] =
	        "password=q1w2e3r4 pass=q8w7e6r5 passpassword=z9x8c7v6\n"
	        "DB_Password=m1n2b3v4 xdb_passwordx=k1j2h3g4 db_password=p0o9i8u7";
	static const struct {
		const char *rule;
		size_t n;
	} want[] = {{"r-db", 2}, {"r-pass", 1}, {"r-password", 4}, {"r-sword", 4}};
	static struct hits h[2];
	struct scan_input in;

	input(&in, text);
	scan_both(rules, &in, h);
	for (size_t w = 0, i = 0; w < sizeof want / sizeof want[0]; w++) {
		size_t n = 0;
		for (; i < h[0].n && strcmp(h[0].h[i].rule, want[w].rule) == 0; i++)
			n++;
		assert_int_equal(n, want[w].n);
	}
	(void)state;
}

/* A keyword ending in a run of one byte is given to Hyperscan with the run
 * cut (struct keyword): found where it is whole, at its own offset, and
 * through it the keyword derived from it; not where the run is short
 * (r-cut's pattern takes a short run: the Hyperscan path would find more
 * than the PCRE2 one if it did not read the run), nor where the buffer's
 * end cuts it (the buffer's own allocation: no terminator after it). */
static void test_keyword_runs(void **state)
{
	static const char rules[] = KW_RULE("r-run", "key-----")
	        KW_RULE("r-runx", "akey-----") "[rule r-cut]\ndescription = d\ncategory = "
	                                       "server-config\nclause = 3(1)⑤\n"
	                                       "keywords = zed-----\nreach = 0\npattern = "
	                                       "(?i)zed-{2,5}=(?<secret>\\w+)\n"
	                                       "example = zed-----=q8w7e6r5\n\n";
	static const char text[] =
	        "key-----=a1 KEY-----=a2 key--=a3 key---=a4 akey-----=a5 "
	        "key------=a6 key----=a7\nkey-----=a8 zed--=b1 zed-----=b2 key---";
	static struct hits h[2];
	struct scan_input in;
	char *buf = malloc(sizeof text - 1);

	assert_non_null(buf);
	memcpy(buf, text, sizeof text - 1);
	input(&in, text);
	in.buf = (const unsigned char *)buf;
	scan_both(rules, &in, h);
	assert_int_equal(h[0].n, 6);
	assert_string_equal(h[0].h[0].rule, "r-cut");
	assert_int_equal(h[0].h[0].offset, strstr(text, "b2") - text);
	assert_string_equal(h[0].h[1].rule, "r-run");
	assert_int_equal(h[0].h[1].offset, 9);
	assert_string_equal(h[0].h[4].rule, "r-run");
	assert_string_equal(h[0].h[5].rule, "r-runx");
	free(buf);
	(void)state;
}

/* A word rule on "token", for the tests of repeats and of verdicts. */
static const char tok_rule[] =
        "[rule tok]\ndescription = d\ncategory = c\nclause = c\nkeywords = token\n"
        "reach = word\npattern = (?<key>[\\w.-]{0,40}?token[\\w.-]{0,40}?)[ \\t]*=[ \\t]*"
        "(?<secret>\\S+)\nexample = x\n";

/* The secret of a finding, again alone elsewhere in the buffer, is found
 * there too, under the same rule; not inside a longer token, not when
 * short, and not where a finding already is. */
static void test_repeats(void **state)
{
	static const char text[] = "api_token = Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB\n"
	                           "Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB\n"
	                           "xZf3D0LXCM3EIMbgJpUNnkRtOfOueHznB\n"
	                           "note: Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB.\n"
	                           "app_token = q7Rw2x\nq7Rw2x\n"
	                           "web_token = Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB\n";
	static const long lines[] = {1, 2, 4, 5, 7};
	static struct hits h;
	struct scan_input in;

	for (unsigned flags = 0; flags < 2; flags++) {
		input(&in, text);
		scan(tok_rule, flags ? SCAN_ENGINE_PCRE2_ONLY : 0, &in, &h);
		assert_int_equal(h.n, 5);
		for (size_t i = 0; i < h.n; i++) {
			assert_int_equal(h.h[i].line, lines[i]);
			assert_string_equal(h.h[i].rule, "tok");
			assert_memory_equal(h.h[i].fp, h.h[i == 3 ? 3 : 0].fp, FINGERPRINT_LEN);
		}
	}
	(void)state;
}

/* A rule with "each": the list its secret group holds is one finding per
 * element, each judged alone, at most RULE_EACH_MAX, through both
 * prefilters. */
static void test_each(void **state)
{
	static const char rule[] =
	        "[rule lst]\ndescription = d\ncategory = c\nclause = c\nkeywords = token\n"
	        "reach = word\npattern = (?<key>[\\w.-]{0,40}?token[\\w.-]{0,40}?)[ \\t]*="
	        "[ \\t]*(?<secret>\\[[^\\]]*\\])\neach = \"([^\"]+)\"\nexample = x\n";
	static const char text[] = "api_token = [\"Zf3D0LXCM3\",\n"
	                           "  \"${API_TOKEN}\",\n"
	                           "  \"q7Rw2xKp\"]\n";
	static struct hits h;
	struct scan_input in;
	char *big = malloc(32 + 80 * 16);
	size_t len;

	assert_non_null(big);
	for (unsigned flags = 0; flags < 2; flags++) {
		unsigned f = flags ? SCAN_ENGINE_PCRE2_ONLY : 0;
		input(&in, text);
		scan(rule, f, &in, &h);
		/* the reference in the middle is judged alone, and dropped */
		assert_int_equal(h.n, 2);
		assert_int_equal(h.h[0].line, 1);
		assert_int_equal(h.h[1].line, 3);
		assert_memory_not_equal(h.h[0].fp, h.h[1].fp, FINGERPRINT_LEN);
		/* a list of 80: the first RULE_EACH_MAX */
		len = (size_t)sprintf(big, "token = [");
		for (int i = 0; i < 80; i++)
			len += (size_t)sprintf(big + len, "\"Tq8mWz%04d\",", i);
		big[len - 1] = ']';
		input(&in, big);
		scan(rule, f, &in, &h);
		assert_int_equal(h.n, RULE_EACH_MAX);
	}
	free(big);
	(void)state;
}

static void count_hit(void *ctx, const struct finding *f)
{
	(*(size_t *)ctx)++;
	(void)f;
}

/* Repeats are looked for in a bounded number of places: a buffer holding
 * one secret tens of thousands of times is scanned, not searched for ever. */
static void test_repeats_bounded(void **state)
{
	static const char secret[] = "Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB\n";
	size_t n = 20000, len = 0, found = 0;
	char *buf = malloc(64 + n * (sizeof secret - 1));
	struct rule_set *rs = load(tok_rule);
	struct scan_engine *e;
	struct scan_scratch *sc;
	struct scan_input in;
	char err[256];

	assert_non_null(buf);
	len += (size_t)sprintf(buf, "api_token = %s", secret);
	for (size_t i = 0; i < n; i++, len += sizeof secret - 1)
		memcpy(buf + len, secret, sizeof secret - 1);
	buf[len] = '\0';
	input(&in, buf);
	assert_int_equal(scan_engine_build_flags(&e, rs, 0, err, sizeof err), 0);
	assert_int_equal(scan_scratch_new(e, &sc), 0);
	assert_true(scan_buffer(e, sc, &in, count_hit, &found) >= 0);
	/* the finding, and the repeats of the 4096 places looked at but its own */
	assert_int_equal(found, 4096);
	scan_scratch_free(sc);
	scan_engine_free(e);
	rule_set_free(rs);
	free(buf);
	(void)state;
}

static void test_paths_agree(void **state)
{
	static const char *const lines[] = {
	        "password = k8#Qz1!Lp\n",
	        "db.password=Tr0ub4dor&3x\n",
	        "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzKEY1\n",
	        "aws_access_key_id = AKIAQWERTYUIOPASDFGH\n",
	        "jdbc:mysql://db:3306/app?user=app&password=Pw9xQ2zL\n",
	        "postgres://app:Pw9xQ2zLs@db.local/app\n",
	        "enable password 0 Cisc0Pass!\n",
	        "username admin privilege 15 password 7 0822455D0A16\n",
	        "snmp-server community Publ1cComm RO\n",
	        "token: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n",
	        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1x2\n",
	        "the word password appears in prose without an assignment\n",
	        "PASSWORD: \"Zz9!pp0Qr\"\n",
	        "# comment: no secret here\n",
	        "key = value\n",
	        "machine example.org login bob password Bob5ecret!\n",
	};
	const char *srcdir = getenv("top_srcdir");
	char dir[4096], err[1024];
	const char *dirs[2] = {dir, NULL};
	struct rule_set *rs;
	struct scan_engine *e[2];
	struct scan_scratch *s[2];
	static struct hits h[2];
	size_t len = 0, cap = 2 * 1024 * 1024;
	char *buf = malloc(cap);
	struct scan_input in;

	snprintf(dir, sizeof dir, "%s/conf/rules", srcdir ? srcdir : ".");
	if (rule_set_load(&rs, dirs, err, sizeof err) != 0)
		fail_msg("%s", err);
	srand(11);
	while (len + 200 < 96 * 1024) {
		const char *l = lines[rand() % (sizeof lines / sizeof lines[0])];
		memcpy(buf + len, l, strlen(l));
		len += strlen(l);
	}
	for (int k = 0; k < 2; k++) {
		assert_int_equal(scan_engine_build_flags(&e[k], rs, k ? SCAN_ENGINE_PCRE2_ONLY : 0,
		                                         err, sizeof err),
		                 0);
		assert_int_equal(scan_scratch_new(e[k], &s[k]), 0);
		memset(&in, 0, sizeof in);
		in.path = "/srv/app/config.txt";
		in.buf = (const unsigned char *)buf;
		in.len = len;
		in.base_line = 1;
		h[k].n = 0;
		assert_true(scan_buffer(e[k], s[k], &in, collect, &h[k]) >= 0);
		qsort(h[k].h, h[k].n, sizeof h[k].h[0], hit_cmp);
	}
	assert_string_equal(scan_engine_kind(e[1]), "pcre2");
	assert_true(h[0].n > 50);
	assert_int_equal(h[0].n, h[1].n);
	for (size_t i = 0; i < h[0].n; i++) {
		assert_string_equal(h[0].h[i].rule, h[1].h[i].rule);
		assert_int_equal(h[0].h[i].offset, h[1].h[i].offset);
		assert_int_equal(h[0].h[i].line, h[1].h[i].line);
		assert_string_equal(h[0].h[i].fp, h[1].h[i].fp);
	}
	for (int k = 0; k < 2; k++) {
		scan_scratch_free(s[k]);
		scan_engine_free(e[k]);
	}
	rule_set_free(rs);
	free(buf);
}

/* One engine, read-only, shared by threads that each have a scratch. */
struct worker {
	const struct scan_engine *e;
	const char *buf;
	size_t len;
	size_t found;
	int rc;
};

static void count_finding(void *ctx, const struct finding *f)
{
	(*(size_t *)ctx)++;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct scan_scratch *s;
	struct scan_input in = {.path = "t", .base_line = 1};

	if ((w->rc = scan_scratch_new(w->e, &s)) < 0)
		return NULL;
	in.buf = (const unsigned char *)w->buf;
	in.len = w->len;
	for (int i = 0; i < 20 && w->rc >= 0; i++)
		w->rc = scan_buffer(w->e, s, &in, count_finding, &w->found);
	scan_scratch_free(s);
	return NULL;
}

static void test_threads(void **state)
{
	struct rule_set *rs = load(RULE("r", ""));
	char *buf = malloc(64 * 1024);
	size_t n = 0;
	struct worker w[4];
	pthread_t t[4];

	size_t jitsize = 1;
	uint32_t have_jit = 0;

	while (n + 64 < 64 * 1024)
		n += (size_t)snprintf(buf + n, 64, "x password = Q9x!r7Lk%zu\nfiller\n", n);
	/* the pattern is JIT-compiled when first matched (here by four threads
	 * at once), not when loaded */
	pcre2_pattern_info(rs->rules[0].re, PCRE2_INFO_JITSIZE, &jitsize);
	assert_int_equal(jitsize, 0);
	for (unsigned flags = 0; flags < 2; flags++) {
		struct scan_engine *e;
		char err[256];
		assert_int_equal(scan_engine_build_flags(&e, rs, flags, err, sizeof err), 0);
		for (int i = 0; i < 4; i++) {
			w[i] = (struct worker){.e = e, .buf = buf, .len = n};
			assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
		}
		for (int i = 0; i < 4; i++) {
			pthread_join(t[i], NULL);
			assert_true(w[i].rc >= 0);
			assert_true(w[i].found > 0);
			assert_int_equal(w[i].found, w[0].found);
		}
		assert_int_equal(w[0].found % 20, 0);
		scan_engine_free(e);
	}
	pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
	pcre2_pattern_info(rs->rules[0].re, PCRE2_INFO_JITSIZE, &jitsize);
	assert_true(have_jit ? jitsize > 0 : jitsize == 0);
	rule_set_free(rs);
	free(buf);
}

/* Where PCRE2 says a match can start (a first byte in either case, a set
 * of first bytes, a line start after LF or CR) the engine looks before
 * calling it: every such match is still found, at the buffer's start too. */
static void test_start_guard(void **state)
{
	static const char rules[] =
	        "[rule letter]\ndescription = d\ncategory = c\nclause = c\n"
	        "keywords = ey-\npattern = (?i)key-(?<secret>[a-z0-9]{8})\nexample = x\n"
	        "[rule angle]\ndescription = d\ncategory = c\nclause = c\n"
	        "keywords = tok\npattern = <tok[^<>]{0,30}>(?<secret>\\w+)</\nexample = x\n"
	        "[rule line]\ndescription = d\ncategory = c\nclause = c\n"
	        "keywords = pw\npattern = (?m)^[ \\t]*pw[ \\t]+(?<secret>\\S+)\nexample = x\n"
	        "[rule set]\ndescription = d\ncategory = c\nclause = c\n"
	        "keywords = pin=\npattern = (?i)(?:ab|cd)pin=(?<secret>\\S+)\nexample = x\n";
	static const struct {
		const char *text;
		const char *rule; /* NULL: no finding */
	} cases[] = {
	        {"KEY-Zx7bN2vQ\n", "letter"},
	        {"x = Key-Zx7bN2vQ\n", "letter"},
	        {"<tok a=\"b\">Zx7bN2vQr</tok>\n", "angle"},
	        {"tok a=\"b\">Zx7bN2vQr</tok>\n", NULL},
	        {"  pw Zx7bN2vQr\n", "line"},
	        {"a = b\r\n\tpw Zx7bN2vQr\r\n", "line"},
	        {"a = b pw Zx7bN2vQr\n", NULL},
	        {"x = CDpin=Zx7bN2vQr\n", "set"},
	        {"x = EFpin=Zx7bN2vQr\n", NULL},
	};
	struct scan_input in;
	static struct hits h;

	for (unsigned flags = 0; flags < 2; flags++)
		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			input(&in, cases[i].text);
			scan(rules, flags, &in, &h);
			if (cases[i].rule == NULL) {
				assert_int_equal(h.n, 0);
				continue;
			}
			assert_int_equal(h.n, 1);
			assert_string_equal(h.h[0].rule, cases[i].rule);
		}
}

/* The field judge's verdicts are remembered per name: many names, each
 * met twice and colliding in the engine's small table, keep their own
 * verdict (a token is one, a token's ttl is not). */
static void test_judged_names(void **state)
{
	static char buf[64 * 1024];
	size_t len = 0;
	struct scan_input in;
	static struct hits h;

	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 300; i++)
			len += (size_t)snprintf(buf + len, sizeof buf - len,
			                        i % 2 ? "app%d_token_ttl = Zx7bN2vQr%d\n"
			                              : "app%d_token = Zx7bN2vQr%d\n",
			                        i, i);
	assert_true(len < sizeof buf - 1);
	for (unsigned flags = 0; flags < 2; flags++) {
		input(&in, buf);
		scan(tok_rule, flags, &in, &h);
		assert_int_equal(h.n, 300);
		for (size_t i = 0; i < h.n; i++)
			assert_int_equal(h.h[i].line % 2, 1); /* the even names, on odd lines */
	}
}

/* A field's name is read from the keyword back to its start (at most the
 * word reach, 64 bytes) and on to its end, 16 bytes at a time: names
 * longer than a block either way, and their ends in every lane. The
 * pattern reaches 40 bytes before "token": a name that starts further back
 * has no match from its start. After the keyword, "ttl" names no
 * credential but a later "secret" does: cut short, the name would be
 * passed over before its pattern is tried. */
static void test_name_walks(void **state)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
	                              "abcdefghijklmnopqrstuvwxyz";
	static char buf[16 * 1024];
	size_t len = 0, want = 0;
	struct scan_input in;
	static struct hits h;

	for (int before = 0; before <= 70; before++) {
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%.*s%stoken = Zx7bN2vQr%d\n",
		                        before, letters, before > 0 ? "_" : "", before);
		want += before < 40;
	}
	for (int after = 0; after <= 24; after++, want++)
		len += (size_t)snprintf(buf + len, sizeof buf - len,
		                        "app_token_ttl_%.*s_secret = Zx7bN2vQs%d\n", after, letters,
		                        after);
	assert_true(len < sizeof buf - 1);
	for (unsigned flags = 0; flags < 2; flags++) {
		input(&in, buf);
		scan(tok_rule, flags, &in, &h);
		assert_int_equal(h.n, want);
		for (size_t i = 0; i < 40; i++)
			assert_int_equal(h.h[i].line, (long)i + 1);
	}
	(void)state;
}

/* Keywords shared by rules are one keyword; under Hyperscan, one that
 * holds a shorter keyword applying wherever it does is found through it,
 * and only the others are looked for. */
static void test_keyword_roots(void **state)
{
	/* clang-format off */
	static const char rules[] =
	        RULE_OF("a", "keywords = pass, password, db_password, secret\n"
	                     "pattern = (?i)password\\s*=\\s*(?<secret>\\S+)\n"
	                     "example = password = abc\n")
	        RULE_OF("b", "keywords = password, pass, client_secret\n"
	                     "pattern = (?i)pass\\s*=\\s*(?<secret>\\S+)\n"
	                     "example = pass = abc\n")
	        RULE_OF("c", "path = \\.ini$\nkeywords = secret_key\n"
	                     "pattern = (?i)secret_key\\s*=\\s*(?<secret>\\S+)\n"
	                     "example = secret_key = abc\n")
	        RULE_OF("d", "path = \\.conf$\nkeywords = key\n"
	                     "pattern = (?i)key\\s*=\\s*(?<secret>\\S+)\n"
	                     "example = key = abc\n");
	/* clang-format on */
	struct rule_set *rs = load(rules);
	struct scan_engine *e;
	char err[256];
	size_t kws, roots;

	for (unsigned flags = 0; flags < 2; flags++) {
		assert_int_equal(scan_engine_build_flags(&e, rs, flags, err, sizeof err), 0);
		scan_engine_keywords(e, &kws, &roots);
		/* pass, password, db_password, secret, client_secret, secret_key, key */
		assert_int_equal(kws, 7);
		/* pass, secret and key; secret_key is found through secret */
		if (strcmp(scan_engine_kind(e), "hyperscan") == 0)
			assert_int_equal(roots, 3);
		else
			assert_int_equal(roots, kws);
		scan_engine_free(e);
	}
	rule_set_free(rs);
	(void)state;
}

/* A rule that reads the value of the field its keyword names is not run
 * where that value is a whole reference alone to its line's end; it is
 * where the value only starts with one. The rule here finds a secret on
 * the line after the field, so that a skipped run shows. */
static void test_reference_values(void **state)
{
	static const char rule[] = RULE_OF(
	        "nxt", "keywords = pass\nreach = word\n"
	               "pattern = (?<key>[\\w.-]{0,40}?pass[\\w.-]{0,40}?)[=: \\t]+[^\\n]*\\n"
	               "(?<secret>Zx7bN2vQr\\d+)\n"
	               "example = x\n");
	static const char *const skipped[] = {
	        "password = ${DB_PASSWORD}\n",
	        "db_password:${X_1}  \n",
	        "password: \"${DB_PASSWORD}\"\n",
	        "password = '${X}'\r\n",
	};
	static const char *const run[] = {
	        "password = ${X:-d}\n",  "password = ${X-d}\n", "password = ${X}d\n",
	        "password = ${X} # d\n", "password = ${X.Y}\n", "password = \"${X}\n",
	        "password = \"${X}'\n",  "password == ${X}\n",  "password = ${}\n",
	        "password = $X\n",       "password = ${X\n",
	};
	char buf[256];
	struct scan_input in;
	static struct hits h;

	for (unsigned flags = 0; flags < 2; flags++)
		for (size_t i = 0; i < sizeof skipped / sizeof *skipped + sizeof run / sizeof *run;
		     i++) {
			bool skip = i < sizeof skipped / sizeof *skipped;
			snprintf(buf, sizeof buf, "%sZx7bN2vQr%zu\n",
			         skip ? skipped[i] : run[i - sizeof skipped / sizeof *skipped], i);
			input(&in, buf);
			scan(rule, flags, &in, &h);
			if (h.n != (skip ? 0u : 1u))
				fail_msg("case %zu (%.24s): %zu findings", i, buf, h.n);
		}
	(void)state;
}

/* count_newlines() against a count byte by byte, with the CPU's widest
 * vectors and with 16-byte ones: every length up to a few vectors from
 * every alignment, and a run of newlines past the 255 blocks its byte
 * lanes hold before they are summed. */
static void test_count_newlines(void **state)
{
	static unsigned char buf[40000];
	uint64_t x = 1;

	for (size_t i = 0; i < sizeof buf; i++) {
		x = x * 6364136223846793005u + 1442695040888963407u;
		buf[i] = (x >> 60) < 5 ? '\n' : (unsigned char)(x >> 33);
	}
	for (size_t at = 0; at < 32; at++)
		for (size_t n = 0; n < 200; n++) {
			uint64_t want = 0;
			for (size_t i = 0; i < n; i++)
				want += buf[at + i] == '\n';
			assert_int_equal(count_newlines(buf + at, n), want);
			assert_int_equal(count_newlines_with(buf + at, n, 16), want);
		}
	memset(buf, '\n', sizeof buf);
	for (unsigned width = 16; width <= 32; width += 16)
		assert_int_equal(count_newlines_with(buf + 1, sizeof buf - 1, width),
		                 sizeof buf - 1);
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_offsets_lines),   cmocka_unit_test(test_report_window),
	        cmocka_unit_test(test_chunks),          cmocka_unit_test(test_filters),
	        cmocka_unit_test(test_path_rules),      cmocka_unit_test(test_generic_yields),
	        cmocka_unit_test(test_file_rule_first), cmocka_unit_test(test_derived_keywords),
	        cmocka_unit_test(test_keyword_runs),    cmocka_unit_test(test_repeats),
	        cmocka_unit_test(test_repeats_bounded), cmocka_unit_test(test_each),
	        cmocka_unit_test(test_paths_agree),     cmocka_unit_test(test_threads),
	        cmocka_unit_test(test_path_keywords),   cmocka_unit_test(test_path_keywords_full),
	        cmocka_unit_test(test_field),           cmocka_unit_test(test_shipped_spans),
	        cmocka_unit_test(test_shipped_rows),    cmocka_unit_test(test_grading),
	        cmocka_unit_test(test_code_reference),  cmocka_unit_test(test_start_guard),
	        cmocka_unit_test(test_judged_names),    cmocka_unit_test(test_name_walks),
	        cmocka_unit_test(test_count_newlines),  cmocka_unit_test(test_code_judgements),
	        cmocka_unit_test(test_format_in_code),  cmocka_unit_test(test_dispatch_and_patches),
	        cmocka_unit_test(test_heredocs),        cmocka_unit_test(test_max_findings),
	        cmocka_unit_test(test_views),           cmocka_unit_test(test_triple_quoted),
	        cmocka_unit_test(test_keyword_roots),   cmocka_unit_test(test_reference_values),
	        cmocka_unit_test(test_shipped_tuples),  cmocka_unit_test(test_tuple_value),
	        cmocka_unit_test(test_catalog_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
