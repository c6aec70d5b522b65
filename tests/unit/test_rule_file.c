/* Unit tests of the rule-file parser: what it accepts, and that every
 * error names file:line and says what to do. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/engine.h"
#include "rules/rule_set.h"

#define HEAD                                                                                       \
	"[rule r1]\n"                                                                              \
	"description = d\n"                                                                        \
	"category = server-config\n"                                                               \
	"clause = 3(1)⑤\n"
#define BODY                                                                                       \
	"keywords = pass\n"                                                                        \
	"pattern = pass=(\\w+)\n"                                                                  \
	"example = pass=abcdEF12\n"

static int parse(const char *text, char *err, size_t errlen)
{
	struct rule_set *rs = rule_set_new();
	int rc = rule_set_parse(rs, "t.rule", text, strlen(text), err, errlen);
	rule_set_free(rs);
	return rc;
}

/* The text must be refused with an error at `line` mentioning `what`. */
static void refused(const char *text, int line, const char *what)
{
	char err[512], where[32];
	int rc = parse(text, err, sizeof err);

	if (rc != -EINVAL || strstr(err, what) == NULL)
		fail_msg("rc=%d err='%s' (wanted '%s')", rc, err, what);
	if (line > 0) {
		snprintf(where, sizeof where, "t.rule:%d: ", line);
		if (strncmp(err, where, strlen(where)) != 0)
			fail_msg("err='%s' does not start with '%s'", err, where);
	}
}

static void test_accepts(void **state)
{
	struct rule_set *rs = rule_set_new();
	const char *text = "# comment\n; comment\n\n" HEAD "severity = critical\n"
	                   "keywords = PassWord, pwd\n"
	                   "pattern = (?i)(?<account>\\w+) password (?<secret>\\S+)\n"
	                   "entropy = 2.5\nreach = 100\nallowlist = ^abc\nstopwords = Dummy, x\n"
	                   "example = user password abcdefgh\n"
	                   "example-path = /home/a/.netrc\n"
	                   "counterexample <<END\nline one\n  line two\nEND\n"
	                   "[rule r2]\ndescription = file\ncategory = client-store\nclause = c\n"
	                   "path = (^|/)Login Data$\nenabled = no\n"
	                   "example = x\n";
	char err[256];
	const struct rule *r;

	assert_int_equal(rule_set_parse(rs, "t.rule", text, strlen(text), err, sizeof err), 0);
	assert_int_equal(rs->nrules, 2);
	r = rule_set_find(rs, "r1");
	assert_non_null(r);
	assert_string_equal(r->description, "d");
	assert_string_equal(r->clause, "3(1)⑤");
	assert_int_equal(r->severity, SEV_CRITICAL);
	assert_int_equal(r->nkeywords, 2);
	assert_string_equal(r->keywords[0], "password"); /* lower-cased */
	assert_true(r->entropy > 2.4 && r->entropy < 2.6);
	assert_int_equal(r->reach, 100);
	assert_int_equal(r->nallowlist, 1);
	assert_string_equal(r->stopwords[0], "dummy");
	assert_int_equal(r->secret_group, 2);
	assert_int_equal(r->account_group, 1);
	assert_int_equal(r->nexamples, 2);
	assert_true(r->examples[0].must_match);
	assert_null(r->examples[0].path);
	assert_false(r->examples[1].must_match);
	assert_string_equal(r->examples[1].path, "/home/a/.netrc");
	assert_string_equal(r->examples[1].text, "line one\n  line two\n");
	assert_int_equal(r->examples[1].line, 17);
	{ /* reach = word */
		struct rule_set *ws = rule_set_new();
		const char *t = HEAD "keywords = ab\npattern = ab\nreach = word\nexample = ab\n";
		assert_int_equal(rule_set_parse(ws, "w.rule", t, strlen(t), err, sizeof err), 0);
		assert_true(ws->rules[0].reach_word);
		rule_set_free(ws);
	}
	{ /* binary examples, in hexadecimal */
		struct rule_set *hs = rule_set_new();
		const char *t = HEAD "keywords = ab\npattern = ab\nexample-hex = 61 62 00ff\n";
		assert_int_equal(rule_set_parse(hs, "h.rule", t, strlen(t), err, sizeof err), 0);
		assert_int_equal(hs->rules[0].examples[0].len, 4);
		assert_memory_equal(hs->rules[0].examples[0].text, "ab\0\xff", 4);
		rule_set_free(hs);
	}
	r = rule_set_find(rs, "r2");
	assert_non_null(r);
	assert_false(r->enabled);
	assert_null(r->pattern);
	assert_null(r->examples[0].path); /* example-path ends with its rule */
	assert_int_equal(r->reach, RULE_REACH_DEFAULT);
	rule_set_free(rs);
}

static void test_defaults(void **state)
{
	struct rule_set *rs = rule_set_new();
	const char *text = HEAD BODY;
	char err[256];

	assert_int_equal(rule_set_parse(rs, "t.rule", text, strlen(text), err, sizeof err), 0);
	assert_int_equal(rs->rules[0].severity, SEV_HIGH);
	assert_int_equal(rs->rules[0].secret_group, 1);
	assert_int_equal(rs->rules[0].account_group, -1);
	assert_true(rs->rules[0].enabled);
	rule_set_free(rs);

	/* no capture group: the whole match is the secret; group = 0 says so too */
	rs = rule_set_new();
	text = HEAD "keywords = pass\npattern = pass=\\w+\ngroup = 0\nexample = pass=abc\n";
	assert_int_equal(rule_set_parse(rs, "t.rule", text, strlen(text), err, sizeof err), 0);
	assert_int_equal(rs->rules[0].secret_group, 0);
	rule_set_free(rs);
}

static void test_override(void **state)
{
	struct rule_set *rs = rule_set_new();
	const char *a = HEAD BODY "severity = low\n";
	const char *b = HEAD BODY "severity = critical\n";
	char err[256];

	assert_int_equal(rule_set_parse(rs, "shipped.rule", a, strlen(a), err, sizeof err), 0);
	assert_int_equal(rule_set_parse(rs, "local.rule", b, strlen(b), err, sizeof err), 0);
	assert_int_equal(rs->nrules, 1);
	assert_int_equal(rs->rules[0].severity, SEV_CRITICAL);
	assert_string_equal(rs->rules[0].file, "local.rule");
	rule_set_free(rs);
}

static void test_errors(void **state)
{
	/* a NUL byte: call the parser with the length, past the NUL */
	{
		struct rule_set *rs = rule_set_new();
		char err[256];
		static const char t[] = "[rule a]\0";
		assert_int_equal(rule_set_parse(rs, "t.rule", t, sizeof t, err, sizeof err),
		                 -EINVAL);
		assert_non_null(strstr(err, "NUL byte"));
		rule_set_free(rs);
	}
	refused("[rule r1\n", 1, "lacks ']'");
	refused("[general]\n", 1, "'[rule ID]'");
	refused("[rule Bad_Id]\n", 1, "rule id 'Bad_Id'");
	refused("description = d\n", 1, "outside a rule");
	refused(HEAD "pattern <<END\nx\nEND\n", 5, "here-document");
	refused(HEAD "example <<\n", 5, "here-document");
	refused(HEAD BODY "counterexample <<END\nabc\n", 8, "'<<END' is not closed");
	refused(HEAD "just words\n", 5, "expected 'key = value'");
	refused(HEAD "severity =\n", 5, "has no value");
	refused(HEAD "category = Server Config\n", 5, "category 'Server Config'");
	refused("[rule r1]\ncategory = a\ncategory = b\n", 3, "given twice");
	refused(HEAD "severity = urgent\n", 5, "severity 'urgent'");
	refused(HEAD "keywords = ab\nkeywords = cd\n", 6, "keywords given twice");
	refused(HEAD "keywords = a\n", 5, "must be 2 to 64");
	refused(HEAD "keywords = ,\n", 5, "is empty");
	refused(HEAD "pattern = (unclosed\n", 5, "pattern does not compile");
	refused(HEAD "path = [a-\n", 5, "path does not compile");
	refused(HEAD "allowlist = *x\n", 5, "allowlist does not compile");
	refused(HEAD "each = (x\n", 5, "each does not compile");
	refused(HEAD "path = x\neach = x\nexample = x\n", 1, "'each' but no pattern");
	refused(HEAD "entropy = lots\n", 5, "entropy 'lots'");
	refused(HEAD "entropy = 9\n", 5, "from 0 to 8");
	refused(HEAD "reach = 100000\n", 5, "reach '100000'");
	refused(HEAD "group = -1\n", 5, "group '-1'");
	refused(HEAD "enabled = maybe\n", 5, "enabled 'maybe'");
	refused(HEAD "field = many\n", 5, "field 'many'");
	refused(HEAD BODY "field = several\n", 1, "lacks; add (?<key>");
	refused(HEAD "colour = red\n", 5, "unknown key 'colour'");
	refused(HEAD "example-hex = 30 1g\n", 5, "not a hexadecimal digit");
	refused(HEAD "example-hex = 301\n", 5, "odd number");
	refused("[rule r1]\ncategory = a\nclause = c\n" BODY, 1, "needs description");
	refused(HEAD "keywords = ab\nexample = x\n", 1, "neither pattern nor path");
	refused(HEAD "pattern = abc\nexample = abc\n", 1, "no keywords");
	refused(HEAD "keywords = ab\npattern = ab\ncounterexample = x\n", 1, "no example");
	refused(HEAD BODY "group = 3\n", 1, "group 3 but the pattern has 1");
	refused(HEAD BODY "decoder = no-such-decoder\n", 1, "decoder 'no-such-decoder'");
	refused(HEAD BODY HEAD BODY, 8, "defined twice");
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_load_dirs(void **state)
{
	char d1[] = "/tmp/cp-rules-XXXXXX", d2[] = "/tmp/cp-rules-XXXXXX";
	char p[128], err[512];
	const char *dirs[3];
	struct rule_set *rs = NULL;

	assert_non_null(mkdtemp(d1));
	assert_non_null(mkdtemp(d2));
	snprintf(p, sizeof p, "%s/b.rule", d1);
	write_file(p, HEAD BODY "severity = low\n");
	snprintf(p, sizeof p, "%s/a.rule", d1);
	write_file(p, "[rule r0]\ndescription = d\ncategory = c\nclause = c\n" BODY);
	snprintf(p, sizeof p, "%s/ignored.txt", d1);
	write_file(p, "not a rule file");
	snprintf(p, sizeof p, "%s/local.rule", d2);
	write_file(p, HEAD BODY "enabled = no\n");

	dirs[0] = d1;
	dirs[1] = d2;
	dirs[2] = NULL;
	assert_int_equal(rule_set_load(&rs, dirs, err, sizeof err), 0);
	assert_int_equal(rs->nrules, 2);
	assert_string_equal(rs->rules[0].id, "r0"); /* a.rule before b.rule */
	assert_false(rule_set_find(rs, "r1")->enabled);
	rule_set_free(rs);

	/* an error names the file */
	snprintf(p, sizeof p, "%s/local.rule", d2);
	write_file(p, HEAD "bogus\n");
	assert_int_equal(rule_set_load(&rs, dirs, err, sizeof err), -EINVAL);
	assert_non_null(strstr(err, "local.rule:5: "));
	unlink(p);

	/* an empty directory has no rules; a missing one is an error */
	dirs[0] = d2;
	dirs[1] = NULL;
	assert_int_equal(rule_set_load(&rs, dirs, err, sizeof err), -ENOENT);
	assert_non_null(strstr(err, "no rules"));
	dirs[0] = "/nonexistent-rules-dir";
	assert_int_equal(rule_set_load(&rs, dirs, err, sizeof err), -ENOENT);
	assert_non_null(strstr(err, "/nonexistent-rules-dir: cannot open"));

	snprintf(p, sizeof p, "%s/a.rule", d1);
	unlink(p);
	snprintf(p, sizeof p, "%s/b.rule", d1);
	unlink(p);
	snprintf(p, sizeof p, "%s/ignored.txt", d1);
	unlink(p);
	assert_int_equal(rmdir(d1), 0);
	assert_int_equal(rmdir(d2), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_accepts),   cmocka_unit_test(test_defaults),
	        cmocka_unit_test(test_override),  cmocka_unit_test(test_errors),
	        cmocka_unit_test(test_load_dirs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
