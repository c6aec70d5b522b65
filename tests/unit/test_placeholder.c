/* Unit tests of the reference judge (rules/placeholder.h) on the forms
 * other scanners' test data write: what a value *is* (a reference, a
 * file's name, the syntax around a value), never how strong it is. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>

#include "rules/placeholder.h"

#define P(lit) is_placeholder((const unsigned char *)(lit), sizeof(lit) - 1)

/* A YAML block scalar's indicator stands for the lines below it. */
static void test_block_indicator(void **state)
{
	(void)state;
	assert_true(P("|"));
	assert_true(P(">"));
	assert_true(P("|-"));
	assert_true(P(">+"));
	assert_true(P("|2-"));
	/* a literal that merely starts with one is a value */
	assert_false(P("|x9Kq2"));
	assert_false(P(">Zq8rT"));
	assert_false(P("|-|"));
}

/* Two kana or kanji or more and no digit: a label or a message, not a
 * password; with a digit, one such character, or full-width punctuation
 * alone, a value. */
static void test_cjk_text(void **state)
{
	static const unsigned char ctl[] = {0xe4, 0xb8, 0x80, 0xe4, 0xb8, 0x80, 0x01};
	static const unsigned char cut[] = {0xe4, 0xb8, 0x80, 0xe4, 0xb8, 0x80, 0xe4, 0xb8};
	unsigned char *heap;

	(void)state;
	assert_true(P("パスワードを変更する"));
	assert_true(P("新しいパスワード"));
	assert_true(P("認証"));
	assert_true(P("ﾊﾟｽﾜｰﾄﾞ"));
	assert_true(P("一一"));
	assert_false(P("さくら2024"));
	assert_false(P("山田花子1985"));
	assert_false(P("密码Admin123"));
	assert_false(P("Jp7Qx2Lpz"));
	assert_false(P("Jp7Qx2Lpz、"));
	assert_false(P("Kq8Zx2Lm鍵"));
	/* bytes that are no text: a control byte, a cut sequence (at the
	 * end of an allocation of its own: no terminator to stop a read) */
	assert_false(is_placeholder(ctl, sizeof ctl));
	heap = malloc(sizeof cut);
	assert_non_null(heap);
	memcpy(heap, cut, sizeof cut);
	assert_false(is_placeholder(heap, sizeof cut));
	free(heap);
}

/* A relative path of two directories or more, in lower case, names a
 * file; a token with slashes mixes cases and is a value. */
static void test_relative_path(void **state)
{
	(void)state;
	assert_true(P("some/dir/app.key"));
	assert_true(P("config/keys/tls-server.pem"));
	assert_true(P("./certs/x.pem"));
	/* one slash, an empty segment, capitals, blanks: not judged a path */
	assert_false(P("keys/app.txt"));
	/* a key's or a certificate's file, by its extension, under any path */
	assert_true(P("keys/app.pem"));
	assert_true(P("CONFDIR/exim.key"));
	assert_false(P("Kq9.keyz"));
	assert_false(P("a//b/c"));
	assert_false(P("dir/sub/"));
	assert_false(P("wJal9XUtn/K7MDENG/bPxRfiCYz"));
	assert_false(P("abc/def ghi/jkl"));
	assert_false(P("9ab/cd/ef"));
	/* an absolute path stands for its file; base64 that starts with a
	 * slash and ends in its padding is a value */
	assert_true(P("/etc/ssl/private/server.key"));
	assert_true(P("/var/lib/app/k=/x"));
	assert_false(P("/ZKKst9w1lwJkZJVZGu6hYGB8HTZe2lIBVLQrL0UpHlO0WfZ2xCweQ=="));
	assert_false(P("/ZKKst9w1lwJkZJVZGu6hYGB8HTZe2lIBVLQrL0UpHlO0WfZ2xCwe0Q="));
}

/* "#name" is an element id or anchor; a digit inside a word is not how
 * ids are written but how passwords are. */
static void test_element_id(void **state)
{
	(void)state;
	assert_true(P("#add-password"));
	assert_true(P("#step-2"));
	assert_true(P("#field_2"));
	assert_false(P("#gets0m3"));
	assert_false(P("#Pa55word"));
}

/* A template marker is a reference when it is one; braces inside a
 * literal that close brackets they never opened are characters. */
static void test_template_marker(void **state)
{
	(void)state;
	assert_true(P("${DB_PASSWORD}"));
	assert_true(P("${DB_PASSWORD:-fallback}"));
	assert_true(P("x${arr[0]}y"));
	assert_true(P("${{ secrets.DEPLOY_TOKEN }}"));
	assert_true(P("{{ vault_db_password }}"));
	assert_true(P("{{ lookup('env', 'PW') }}"));
	assert_true(P("{{"));
	assert_true(P("${"));
	assert_true(P("vault_db_password }}"));
	assert_false(P("m{{q}w)e${r]ty(ui[op>-_$#asdf}}"));
	assert_false(P("Ab${x]9z}Q"));
	/* cut before its closer (an unquoted value ends at '>'): the same */
	assert_true(P("{{ vault_db_password"));
	assert_true(P("${DB_PASSWORD:-x"));
	assert_false(P("m{{q}w)e${r]ty(ui[op"));
	assert_false(P("Ab${x]9z"));
	/* digits, then a letter: no variable's name, a literal in braces */
	assert_false(P("${3FA9C1D2-77B0-4E5A-9C1D-0B2E4F6A8C10}"));
	assert_true(P("${1}"));
	assert_true(P("${10:-fallback}"));
	assert_true(P("${_3FA9}"));
}

/* A PEM armour around a fill-in or a mask, its line breaks real or
 * escaped: a template of a key, not one. */
static void test_pem_fill_in(void **state)
{
	(void)state;
	assert_true(P("-----BEGIN PRIVATE KEY-----\\nYOUR-PRIVATE-KEY-GOES-HERE\\n-----END PRIVATE "
	              "KEY-----\\n"));
	assert_true(
	        P("-----BEGIN RSA PRIVATE KEY-----\n<your key>\n-----END RSA PRIVATE KEY-----"));
	assert_true(P("-----BEGIN PRIVATE KEY-----\n***\n-----END PRIVATE KEY-----"));
	assert_false(P("-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END "
	               "PRIVATE KEY-----"));
	assert_false(P("-----BEGIN PRIVATE KEY-----"));
}

#define NX(lit) is_not_expression((const unsigned char *)(lit), sizeof(lit) - 1)

/* In code, an unquoted value is an expression unless no expression
 * spells it: a bracket closed that was never opened, or by the wrong
 * kind, with more of the value after it. */
static void test_not_expression(void **state)
{
	(void)state;
	assert_true(NX("qw]erty[uiop>-_$#zx"));
	assert_true(NX("m{{q}w)e${r]ty(ui[op>-_$#asdf}"));
	assert_true(NX("a(b]c"));
	assert_false(NX("get_password()"));
	assert_false(NX("cfg[\"db\"][\"password\"]"));
	assert_false(NX("pw)")); /* cut from a call's arguments */
	assert_false(NX("args[0])"));
	assert_false(NX("x])"));
	assert_false(NX("(a"));
	assert_false(NX("}readtoken"));          /* Pascal: {idtoken:=}readtoken */
	assert_false(NX("e}getToken(){return")); /* minified: a block's end */
	assert_false(NX("b}else{"));
	assert_false(NX("f(g(h(i(j(k(l(m(n(o(p(q(r(s(t(u(v(w]x"));
}

#define ECHO(k, v)                                                                                 \
	is_field_echo((const unsigned char *)(k), strlen(k), (const unsigned char *)(v), strlen(v))

/* A value that says it is no real one is a filler. */
static void test_not_real(void **state)
{
	(void)state;
	assert_true(P("not_a_real_token"));
	assert_true(P("NotRealSecret"));
	assert_false(P("not4real_Pw"));
	assert_false(P("nota_realpass"));
	assert_true(P("not_secret"));
	assert_true(P("not-a-password"));
	assert_false(P("NotSecret4Long"));
}

/* A password named by which it is says what goes there; with anything
 * more it is a value. */
/* "placeholder" says the value is none, alone or as a fill-in's first
 * or last word */
static void test_placeholder_word(void **state)
{
	(void)state;
	assert_true(P("placeholder"));
	assert_true(P("PLACEHOLDER"));
	assert_true(P("API_KEY_PLACEHOLDER"));
	assert_true(P("placeholder-token"));
	assert_false(P("placeholder9Kq"));
	assert_false(P("my-placeholderish-Kq9"));
}

static void test_which_password(void **state)
{
	(void)state;
	assert_true(P("new-password"));
	assert_true(P("old_password"));
	assert_true(P("NewPassword"));
	assert_true(P("current pw"));
	assert_false(P("NewPassword1"));
	assert_false(P("new-password-2024"));
	assert_false(P("newpass"));
	assert_false(P("my-password"));
}

/* Documentation's samples say so; a password starting with the word is
 * a weak literal. */
static void test_sample(void **state)
{
	(void)state;
	assert_true(P("AKIAQ3EGSAMPLEXEXAMPLE"));
	assert_true(P("example_password"));
	assert_true(P("exampleToken"));
	assert_true(P("example"));
	assert_true(P("example_value"));
	assert_true(P("examplepassword"));
	assert_false(P("Example2024!"));
	assert_false(P("glpat-Example9fQ2xLmN0pRs"));
}

#define PAIR(u, p)                                                                                 \
	is_fill_in_pair((const unsigned char *)(u), sizeof(u) - 1, (const unsigned char *)(p),     \
	                sizeof(p) - 1)

/* A program's text around a value: a mask after the user's colon, a
 * Python format field, an f-string's closing quote taken with its field,
 * a usage text's optional user information. */
static void test_program_text(void **state)
{
	(void)state;
	assert_true(P(":****"));
	assert_true(P("{self.password}"));
	assert_true(P("{password!r}"));
	assert_true(P("{args[0]:>12}"));
	assert_true(P("{self.password}'"));
	assert_true(P("{len(self.tokens)})"));
	assert_true(P("Bearer"));
	assert_true(P("^7.0.4"));
	assert_true(P(">=1.2.0-rc.1"));
	assert_true(P("1.2.840.113549.1.9.4"));
	assert_false(P("10.20.30.40"));
	assert_false(P("1.2.3"));
	assert_false(P("^Zq8mKx"));
	assert_true(P("       Again:     "));
	assert_true(P("TEXT:"));
	assert_false(P("Zq8:"));
	assert_false(P("browser:"));
	assert_false(P("Password:"));
	assert_false(P("Welcome:"));
	assert_true(P("Summer Time:"));
	assert_false(P("pass word:x"));
	assert_true(P("_"));
	assert_true(P("include"));
	assert_true(is_private_name((const unsigned char *)"_inc_changes_count", 18));
	assert_true(is_private_name((const unsigned char *)"_contentLength", 14));
	assert_false(is_private_name((const unsigned char *)"_secret", 7));
	assert_false(is_private_name((const unsigned char *)"_Zq8mKx4", 8));
	assert_true(P("Unexpected token : \"%s\""));
	assert_false(P("Zq8%sx"));
	assert_true(P("\\$password"));
	assert_false(P("\\$Zq8 mKx"));
	assert_true(P("{url}/realms/{realm}/client-secret"));
	assert_true(P("{user}:{password}"));
	assert_false(P("Zq{8}mKx4"));
	assert_false(P("{SSHA}tabyipcHzhwESzRaGA7oQ/SDoBZQOGND"));
	assert_true(P("-K"));
	assert_true(P("access_token="));
	assert_true(P("scmVersion="));
	assert_false(P("abcdEFGH="));
	assert_false(P("QWxhZGRpbg=="));
	assert_true(P("a:2"));
	assert_false(P("a:20240101"));
	assert_false(P("s:Kq7mW2xZ9p"));
	assert_false(P(":::"));
	assert_false(P("letmein="));
	assert_true(P("s:netrw_passwd"));
	assert_false(P("x:Zq8m"));
	assert_false(P("QQB1AHQAMABMAG8AZwBvAG4AIwA5AFAAYQBzAHMAdwBvAHIAZAA="));
	assert_false(P("{Zq8m:Kx4}"));
	assert_false(P("pass'"));
	assert_true(PAIR("[user", "passwd"));
	assert_true(PAIR("<user", "password>"));
	assert_false(PAIR("user", "password"));
}

/* A value that repeats its field's name of two words or more names what
 * goes there; a bare credential word repeated is a weak literal. */
static void test_field_echo(void **state)
{
	(void)state;
	assert_true(ECHO("share_password", "share_password"));
	assert_true(ECHO("dbPassword", "dbpassword"));
	assert_true(ECHO("smtp.pass", "SMTP.PASS"));
	assert_false(ECHO("password", "password"));
	assert_false(ECHO("PASSWORD", "password"));
	assert_false(ECHO("db_password", "db_passw0rd"));
	assert_false(ECHO("db_password", "db_password1"));
	/* two words or more of the name, in any spelling */
	assert_true(ECHO("db_password", "db-password"));
	assert_true(ECHO("AttributeOID.CHALLENGE_PASSWORD", "challengePassword"));
	assert_false(ECHO("mysql_root_password", "root_password"));
	assert_true(ECHO("refresh_token_key", "refresh_token"));
	assert_false(ECHO("secret", "hardcoded-secret"));
	assert_false(ECHO("zabbix_server_dbpassword", "zabbix-server"));
	assert_false(ECHO("jwt_secret", "my_secret_key"));
	assert_false(ECHO("admin_password", "admin pass"));
	/* the name under other separators, a property's name */
	assert_true(ECHO("TRUSTSTORE_PASSWORD", "trustStorePassword"));
	assert_true(ECHO("KEYSTORE_PASSWORD", "key-store.password"));
	assert_false(ECHO("TRUSTSTORE_PASSWORD", "truststorepassword1"));
	assert_false(ECHO("password_1", "Pass-word1"));
	assert_false(ECHO("TRUSTSTORE_PASSWORD", "trustStorePass"));
}

/* Expressions of deployment templates and query builders: Azure Resource
 * Manager's calls in brackets, Logic Apps' "@" expressions, SQL's named
 * parameters, a string closed and a variable joined on. Literals that
 * merely look alike are values. */
static void test_deployment_expression(void **state)
{
	(void)state;
	assert_true(P("[parameters('adminPassword')]"));
	assert_true(P("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), "
	              "'2019-06-01').keys[0].value]"));
	assert_true(P("@variables('myPassword')"));
	assert_true(P("@{body('Get_Secret')?['value']}"));
	assert_true(P("@body('Get_Admin_Credentials')"));
	assert_false(P("[[parameters('x')]"));
	assert_false(P("@Kx9(mQ2vLp)"));
	assert_false(P("@dmin(2024)"));
	assert_true(P("@{body(GetSecretAPIToken)}"));
	assert_false(P("@{Hx7kQ2mZp}"));
	assert_true(P("@{concat(variables('prefix'), parameters('suffix'))}"));
	assert_false(P(":Hx7kQ2mZp"));
	assert_false(P("[Kx9m(Q2v)Lp"));
	assert_true(P(":password"));
	assert_true(P(":param_1"));
	assert_false(P(":Kx9-mQ2"));
	assert_false(P(":1x"));
	assert_true(P("'\"+pwd+"));
	assert_true(P("\"+pwd+\""));
	assert_true(P("\" . $pw . \""));
	assert_false(P("\"+9Kx"));
	assert_false(P("'Kx+9m'"));
}

/* An expression marker is one only where it forms the expression: closed
 * after it, or for "$_" PHP's or Perl's variable. A generated password may
 * hold "$(" or "$_h" by chance. */
static void test_expression_marker(void **state)
{
	(void)state;
	assert_true(P("$(cat /run/secrets/db)"));
	assert_true(P("pre-$(pass show db)"));
	assert_true(P("$(getent"));
	assert_true(P("#{db_password}"));
	assert_true(P("%{DB_PASSWORD}"));
	assert_true(P("<%= ENV['DB_PASSWORD'] %>"));
	assert_true(P("$_ENV['DB_PASSWORD']"));
	assert_true(P("$_"));
	assert_false(P("Qm7`v;$(Lp2^Zk9!Rw"));
	assert_false(P("Tq8#{Wm3nZ8qR5tY1"));
	assert_false(P("r9K%>w2Vt<%"));
	assert_false(P("hX4]G&3C@vyrBp[$_hK4^?{qT/Egl"));
}

/* Expansions of configuration systems that name where the secret is:
 * Grafana's $__env{} and $__file{}, Azure App Service's Key Vault
 * references. A literal that merely starts like one is a value. */
static void test_provider_reference(void **state)
{
	(void)state;
	assert_true(P("$__env{GF_DB_PASSWORD}"));
	assert_true(P("$__file{/run/secrets/db}"));
	assert_true(P("@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/db/)"));
	assert_true(P("@Microsoft.KeyVault(VaultName=v;SecretName=db)"));
	assert_false(P("$__env{x9Kq2"));
	assert_false(P("@Microsoft.KeyVaultZq8rT"));
}

/* PowerShell's variables: a scope's ($env:DB_PW) and members of one
 * ($cred.Password); an unknown scope or a member cut short is a value. */
static void test_powershell_variable(void **state)
{
	(void)state;
	assert_true(P("$env:DB_PASSWORD"));
	assert_true(P("$script:pw"));
	assert_true(P("$cred.Password"));
	assert_true(P("$c.GetNetworkCredential().Password"));
	assert_false(P("$Kq8:zW3pLm"));
	assert_false(P("$env:"));
	assert_false(P("$pw.Zq8-rT2"));
	assert_false(P("$x.y.Kq8!zW"));
	/* the call it is an argument of closes after it */
	assert_true(P("$password)"));
	assert_true(P("$c.GetNetworkCredential().Password)"));
	assert_true(P("$module.Params.password)]"));
	assert_false(P("$Kq8(zW3)pL"));
}

static void judge_all(const char *const *refs, size_t nrefs, const char *const *lits, size_t nlits)
{
	for (size_t i = 0; i < nrefs; i++)
		if (!is_placeholder((const unsigned char *)refs[i], strlen(refs[i])))
			fail_msg("not judged a reference: %s", refs[i]);
	for (size_t i = 0; i < nlits; i++)
		if (is_placeholder((const unsigned char *)lits[i], strlen(lits[i])))
			fail_msg("judged a reference: %s", lits[i]);
}

/* A format's field is filled in when printed; English's function words are
 * a sentence's next word; y and n answer a yes-no setting (Kconfig). */
static void test_format_and_prose(void **state)
{
	static const char *const refs[] = {
	        "%s",           "'%s'", "%2.2x %2.2x", "%s/%s,", "%s\\n", "%.100s",
	        "%(password)s", "is",   "also",        "A",      "y",     "n"};
	static const char *const lits[] = {"%sKq9z", "50%off!", "%9", "Ais9"};

	(void)state;
	judge_all(refs, sizeof refs / sizeof refs[0], lits, sizeof lits / sizeof lits[0]);
}

/* What stands between two strings ("x" << name << "y", "a", def, "b",
 * "XPASS:" $$xpass "…") is an expression; a value with blanks or commas
 * inside is a literal. */
static void test_between_strings(void **state)
{
	static const char *const refs[] = {"\" << tokenNote << \"",
	                                   " << params.password << ",
	                                   "\", def, \"",
	                                   ", def,",
	                                   " $$xpass ",
	                                   " ${DB_PASSWORD} "};
	static const char *const lits[] = {"Kq 9z", " Kq9z ", "a,b", ",Kq9z", "x<<y"};

	(void)state;
	judge_all(refs, sizeof refs / sizeof refs[0], lits, sizeof lits / sizeof lits[0]);
}

/* What a value's place holds in programs and schemas without being a
 * value: a column's or a C type, a hash scheme's prefix, a key's file, an
 * escaped line end, a word for nothing, a style's colour, a flag's name. */
static void test_names_and_types(void **state)
{
	static const char *const refs[] = {"VARCHAR(60),",
	                                   "varchar(64)",
	                                   "text",
	                                   "unsigned",
	                                   "$1$",
	                                   "{SSHA}",
	                                   "CONFDIR/exim.key",
	                                   "server.pem",
	                                   "None\\n",
	                                   "undef",
	                                   "unknown",
	                                   "not-set",
	                                   "notset",
	                                   "{.status.token}",
	                                   "{.data.password}",
	                                   "nasloginpasswordhere",
	                                   "yourtokenhere",
	                                   "#d8dee9",
	                                   "#ABB",
	                                   "--password",
	                                   "--api-token",
	                                   "PASSWD <userID>\\n",
	                                   "passwd [--reset] <chvno>"};
	static const char *const lits[] = {"VARCHAR(6O)", "varchar64", "$1$x9$",      "$Passw0rd$",
	                                   "Kq9.keyz",    "Kq9z\\n",   "#d8dee9x",    "#gets0m3",
	                                   "--Kq9z",      "-password", "pass<word>x", "Kq9z <x",
	                                   "{.9Kq z}",    "nothere",   "Kq9zLxhere"};

	(void)state;
	judge_all(refs, sizeof refs / sizeof refs[0], lits, sizeof lits / sizeof lits[0]);
}

/* Shell variables joined are a reference; a crypt hash or a password that
 * holds "$" is a literal. */
static void test_variable_chain(void **state)
{
	static const char *const refs[] = {"$as_dir$ac_word$ac_exec_ext", "$HOME/$file",
	                                   "$DB_USER:$DB_PASS", "$dir_a$name_b"};
	static const char *const lits[] = {"$super$ecret", "$apr1$l0cpzs5a$vQK3lmgMGvcXcRP8b",
	                                   "$6$rounds$Kq9zLp2x", "$ab$1x", "pre$ab$cd$ef",
	                                   /* a salt in capitals after the scheme's prefix */
	                                   "$5$QMHXCE$Kq9zLp2xWt7Rb.", "$1$BQXZ$Kq9zLp2x"};

	(void)state;
	judge_all(refs, sizeof refs / sizeof refs[0], lits, sizeof lits / sizeof lits[0]);
}

/* A shadow file's lock marks, punctuation alone, a template's code, a
 * command's output, a build's file, a program's member access. */
static void test_marks_and_code(void **state)
{
	static const char *const refs[] = {"!",
	                                   "!!",
	                                   "*",
	                                   "!*",
	                                   "-",
	                                   ".",
	                                   ";",
	                                   "{- $config{FIPSKEY} -}",
	                                   "` grep -c PASS x`",
	                                   "git-credential-store.o",
	                                   "crypt-blowfish.c",
	                                   "libpw.so",
	                                   "$entry->{$git_token}",
	                                   "$cfg['pw']",
	                                   "\"%V\"",
	                                   "maybe",
	                                   "enabled",
	                                   "plain",
	                                   "scram-sha-256",
	                                   "string",
	                                   "boolean",
	                                   "@ACCESS_KEY",
	                                   "@PASSWORD",
	                                   "{base64.b64encode(self.secret).decode()}"};
	static const char *const lits[] = {"Kq!9",        "-Kq",    "{-Kq9z",  "Kx9.cz",
	                                   "$5ecret",     "%V9z",   "a.b.c",   "$x{9Kq",
	                                   "SuperSecret", "@dm1n!", "@Kq9zLx", "{Kq9z}x"};

	(void)state;
	judge_all(refs, sizeof refs / sizeof refs[0], lits, sizeof lits / sizeof lits[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_block_indicator),
	        cmocka_unit_test(test_cjk_text),
	        cmocka_unit_test(test_relative_path),
	        cmocka_unit_test(test_element_id),
	        cmocka_unit_test(test_template_marker),
	        cmocka_unit_test(test_not_expression),
	        cmocka_unit_test(test_pem_fill_in),
	        cmocka_unit_test(test_field_echo),
	        cmocka_unit_test(test_deployment_expression),
	        cmocka_unit_test(test_program_text),
	        cmocka_unit_test(test_not_real),
	        cmocka_unit_test(test_placeholder_word),
	        cmocka_unit_test(test_which_password),
	        cmocka_unit_test(test_sample),
	        cmocka_unit_test(test_expression_marker),
	        cmocka_unit_test(test_provider_reference),
	        cmocka_unit_test(test_powershell_variable),
	        cmocka_unit_test(test_format_and_prose),
	        cmocka_unit_test(test_between_strings),
	        cmocka_unit_test(test_names_and_types),
	        cmocka_unit_test(test_variable_chain),
	        cmocka_unit_test(test_marks_and_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
