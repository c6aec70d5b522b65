/* Unit tests for the settings parser: defaults, syntax, every error path
 * with its file:line, limits, and the precedence main file < drop-ins in
 * name order < module arguments. */
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

#include "policy/settings.h"

static int parse(struct policy_settings *s, const char *text, struct settings_error *err)
{
	return settings_parse_buffer(s, "test.conf", text, strlen(text), err);
}

static void test_defaults(void **state)
{
	struct policy_settings s;

	settings_init(&s);
	assert_int_equal(s.minlen, 12);
	assert_int_equal(s.required_classes, CLASS_ALL);
	assert_true(s.dictcheck);
	assert_true(s.usercheck);
	assert_true(s.gecoscheck);
	assert_true(s.keyboardcheck);
	assert_true(s.sequencecheck);
	assert_true(s.enforcing);
	assert_true(s.enforce_for_root);
	assert_int_equal(s.retry, 3);
	assert_int_equal(s.n_breach_index, 1);
	assert_string_equal(s.breach_index[0], SETTINGS_DEFAULT_BREACH_INDEX);
	assert_int_equal(s.breach_unavailable, INDEX_UNAVAILABLE_REFUSE);
	assert_string_equal(settings_hooks_dir(&s), SYSCONFDIR "/credpolicy/hooks.d");
	settings_free(&s);
}

/* Every setting the policy engine reads, compared one by one. */
static void assert_same_settings(const struct policy_settings *a, const struct policy_settings *b)
{
	assert_int_equal(a->minlen, b->minlen);
	assert_int_equal(a->minclass, b->minclass);
	assert_int_equal(a->dcredit, b->dcredit);
	assert_int_equal(a->ucredit, b->ucredit);
	assert_int_equal(a->lcredit, b->lcredit);
	assert_int_equal(a->ocredit, b->ocredit);
	assert_int_equal(a->maxrepeat, b->maxrepeat);
	assert_int_equal(a->maxsequence, b->maxsequence);
	assert_int_equal(a->maxclassrepeat, b->maxclassrepeat);
	assert_int_equal(a->difok, b->difok);
	assert_int_equal(a->gecoscheck, b->gecoscheck);
	assert_int_equal(a->dictcheck, b->dictcheck);
	assert_int_equal(a->usercheck, b->usercheck);
	assert_int_equal(a->usersubstr, b->usersubstr);
	assert_true((a->badwords == NULL) == (b->badwords == NULL));
	assert_true((a->dictpath == NULL) == (b->dictpath == NULL));
	assert_int_equal(a->retry, b->retry);
	assert_int_equal(a->enforce_for_root, b->enforce_for_root);
	assert_int_equal(a->local_users_only, b->local_users_only);
	assert_int_equal(a->enforcing, b->enforcing);
	assert_int_equal(a->required_classes, b->required_classes);
	assert_int_equal(a->maxlen, b->maxlen);
	assert_true((a->wordlist == NULL) == (b->wordlist == NULL));
	assert_int_equal(a->keyboardcheck, b->keyboardcheck);
	assert_int_equal(a->sequencecheck, b->sequencecheck);
	assert_int_equal(a->n_breach_index, b->n_breach_index);
	for (int i = 0; i < a->n_breach_index; i++)
		assert_string_equal(a->breach_index[i], b->breach_index[i]);
	assert_int_equal(a->breach_unavailable, b->breach_unavailable);
	assert_int_equal(a->login_check_policy, b->login_check_policy);
	assert_string_equal(settings_hooks_dir(a), settings_hooks_dir(b));
	assert_int_equal(a->hook_timeout, b->hook_timeout);
}

/* Deleting the shipped file must not weaken the policy: the compiled-in
 * defaults are exactly what conf/credpolicy.conf says (clause 3(1)③). */
static void test_defaults_equal_shipped_file(void **state)
{
	struct policy_settings builtin, shipped;
	struct settings_error err;

	settings_init(&builtin);
	settings_init(&shipped);
	assert_int_equal(settings_load(&shipped, SHIPPED_CONF, false, &err), 0);
	assert_false(shipped.main_missing);
	assert_same_settings(&builtin, &shipped);
	/* and the file does not merely inherit them: a zeroed start reaches
	 * the same policy from the file alone */
	settings_free(&shipped);
	memset(&shipped, 0, sizeof shipped);
	assert_int_equal(settings_load(&shipped, SHIPPED_CONF, false, &err), 0);
	shipped.hooks_dir = NULL;
	assert_int_equal(shipped.minlen, builtin.minlen);
	assert_int_equal(shipped.required_classes, builtin.required_classes);
	assert_true(shipped.enforce_for_root);
	assert_int_equal(shipped.n_breach_index, 1);
	assert_string_equal(shipped.breach_index[0], builtin.breach_index[0]);
	settings_free(&shipped);
	settings_free(&builtin);
	(void)state;
}

/* A missing main file keeps the defaults and says so; a named one that
 * is missing is an error. */
static void test_missing_main_file(void **state)
{
	struct policy_settings s;
	struct settings_error err;

	settings_init(&s);
	assert_int_equal(settings_load(&s, "/nonexistent/credpolicy.conf", true, &err), 0);
	assert_true(s.main_missing);
	assert_int_equal(s.n_breach_index, 1);
	assert_true(s.enforce_for_root);
	settings_free(&s);
	settings_init(&s);
	assert_int_equal(settings_load(&s, "/nonexistent/credpolicy.conf", false, &err), -ENOENT);
	settings_free(&s);
	(void)state;
}

static void test_syntax(void **state)
{
	struct policy_settings s;
	struct settings_error err;

	settings_init(&s);
	assert_int_equal(parse(&s,
	                       "# comment\n"
	                       "\n"
	                       "  MinLen   =  14   # trailing comment\n"
	                       "DCREDIT=-2\r\n"
	                       "enforce_for_root\n"
	                       "local_users_only\n"
	                       "dictcheck = no\n"
	                       "gecoscheck = 0\n"
	                       "require_classes = upper, lower ,digit\n"
	                       "badwords = acme widget\n"
	                       "dictpath = /usr/share/x/dict\n"
	                       "wordlist=/etc/words\n"
	                       "hooks_dir = /etc/h.d\n"
	                       "hook_timeout = 30\n"
	                       "breach_unavailable = SKIP\n"
	                       "maxlen = 64\n"
	                       "usersubstr = 4\n"
	                       "\tretry = 5",
	                       &err),
	                 0);
	assert_int_equal(s.minlen, 14);
	assert_int_equal(s.dcredit, -2);
	assert_true(s.enforce_for_root);
	assert_true(s.local_users_only);
	assert_false(s.dictcheck);
	assert_false(s.gecoscheck);
	assert_int_equal(s.required_classes, CLASS_UPPER | CLASS_LOWER | CLASS_DIGIT);
	assert_string_equal(s.badwords, "acme widget");
	assert_string_equal(s.dictpath, "/usr/share/x/dict");
	assert_string_equal(s.wordlist, "/etc/words");
	assert_string_equal(settings_hooks_dir(&s), "/etc/h.d");
	assert_int_equal(s.hook_timeout, 30);
	assert_int_equal(s.breach_unavailable, INDEX_UNAVAILABLE_SKIP);
	assert_int_equal(s.maxlen, 64);
	assert_int_equal(s.usersubstr, 4);
	assert_int_equal(s.retry, 5);

	assert_int_equal(parse(&s, "require_classes = none\nenforcing = off\n", &err), 0);
	assert_int_equal(s.required_classes, 0);
	assert_false(s.enforcing);
	assert_int_equal(parse(&s, "require_classes = all\n", &err), 0);
	assert_int_equal(s.required_classes, CLASS_ALL);
	/* pam_pwquality compatibility: "key value", integer flags */
	assert_int_equal(parse(&s, "maxsequence 3\nminlen\t 9\ndictcheck = 2\n", &err), 0);
	assert_int_equal(s.maxsequence, 3);
	assert_int_equal(s.minlen, 9);
	assert_true(s.dictcheck);
	settings_free(&s);
}

struct bad_case {
	const char *text;
	unsigned line;
	int ret;
	const char *needle; /* in err.msg */
};

static void test_errors(void **state)
{
	static const struct bad_case cases[] = {
	        {"minlen = 8\nnosuchkey = 1\n", 2, -ENOENT, "unknown setting 'nosuchkey'"},
	        {"minlen = abc\n", 1, -EINVAL, "whole number"},
	        {"minlen = 12x\n", 1, -EINVAL, "whole number"},
	        {"minlen = -1\n", 1, -EINVAL, "from 0 to 1024"},
	        {"minlen = 99999999999999999999\n", 1, -EINVAL, "whole number"},
	        {"minlen\n", 1, -EINVAL, "needs a value"},
	        {"minlen =\n", 1, -EINVAL, "whole number"},
	        {"minclass = 5\n", 1, -EINVAL, "from 0 to 4"},
	        {"\n\nusersubstr = 2\n", 3, -EINVAL, "at least 4"},
	        {"dictcheck = maybe\n", 1, -EINVAL, "expected 1 or 0"},
	        {"require_classes = upper,vowel\n", 1, -EINVAL, "require_classes"},
	        {"require_classes = upper,\n", 1, -EINVAL, "require_classes"},
	        {"require_classes =\n", 1, -EINVAL, "require_classes"},
	        {"breach_unavailable = ignore\n", 1, -EINVAL, "'refuse' or 'skip'"},
	        {"dictpath = relative/dict\n", 1, -EINVAL, "absolute path"},
	        {"hooks_dir = hooks\n", 1, -EINVAL, "absolute path"},
	        {"= 5\n", 1, -EINVAL, "without a setting name"},
	        {"min len = 5\n", 1, -EINVAL, "malformed"},
	        {"min len 5\n", 1, -ENOENT, "unknown setting 'min'"},
	        {"retry = 0\n", 1, -EINVAL, "from 1 to 100"},
	        {"hook_timeout = 0\n", 1, -EINVAL, "from 1 to 3600"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct policy_settings s;
		struct settings_error err;

		settings_init(&s);
		memset(&err, 0, sizeof err);
		assert_int_equal(parse(&s, cases[i].text, &err), cases[i].ret);
		assert_string_equal(err.file, "test.conf");
		assert_int_equal(err.line, cases[i].line);
		if (strstr(err.msg, cases[i].needle) == NULL)
			fail_msg("case %zu: '%s' not in '%s'", i, cases[i].needle, err.msg);
		settings_free(&s);
	}
}

static void test_limits(void **state)
{
	struct policy_settings s;
	struct settings_error err;
	char *text = malloc(SETTINGS_MAX_LINE + 32);
	char nul[] = "minlen = 8\nretry\0= 2\n";

	assert_non_null(text);
	settings_init(&s);
	/* a line of exactly SETTINGS_MAX_LINE - 1 characters is fine */
	memset(text, ' ', SETTINGS_MAX_LINE - 1);
	memcpy(text, "badwords = x", 12);
	text[SETTINGS_MAX_LINE - 1] = '\n';
	text[SETTINGS_MAX_LINE] = '\0';
	assert_int_equal(parse(&s, text, &err), 0);
	/* one more is an error, not a truncation */
	memset(text, ' ', SETTINGS_MAX_LINE + 11);
	memcpy(text, "minlen = 8\nbadwords = x", 23);
	text[SETTINGS_MAX_LINE + 11] = '\0';
	assert_int_equal(parse(&s, text, &err), -EINVAL);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.msg, "longer than"));
	/* a NUL byte inside a line */
	assert_int_equal(settings_parse_buffer(&s, "n.conf", nul, sizeof nul - 1, &err), -EINVAL);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.msg, "NUL"));
	/* breach_index: up to SETTINGS_MAX_INDEXES */
	settings_free(&s);
	settings_init(&s);
	text[0] = '\0';
	for (int i = 0; i <= SETTINGS_MAX_INDEXES; i++)
		strcat(text, "breach_index = /var/lib/x.idx\n");
	assert_int_equal(parse(&s, text, &err), -EINVAL);
	assert_int_equal(err.line, SETTINGS_MAX_INDEXES + 1);
	assert_int_equal(s.n_breach_index, SETTINGS_MAX_INDEXES);
	settings_free(&s);
	free(text);
}

static void test_module_args(void **state)
{
	struct policy_settings s;
	struct settings_error err;

	settings_init(&s);
	assert_int_equal(settings_apply(&s, "minlen=16", &err), 0);
	assert_int_equal(s.minlen, 16);
	assert_int_equal(settings_apply(&s, "enforce_for_root", &err), 0);
	assert_true(s.enforce_for_root);
	assert_int_equal(settings_apply(&s, "bogus=1", &err), -ENOENT);
	assert_string_equal(err.file, "");
	assert_int_equal(err.line, 0);
	assert_non_null(strstr(err.msg, "bogus"));
	assert_int_equal(settings_apply(&s, "minlen=x", &err), -EINVAL);
	assert_int_equal(settings_apply(&s, "badwords=a#b", &err), -EINVAL);
	/* repeated breach_index module arguments form one list */
	assert_int_equal(settings_apply(&s, "breach_index=/a.idx", &err), 0);
	assert_int_equal(settings_apply(&s, "breach_index=/b.idx", &err), 0);
	assert_int_equal(s.n_breach_index, 2);
	settings_free(&s);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_precedence(void **state)
{
	char dir[] = "/tmp/cp-settings-XXXXXX";
	char main_path[256], dropins[256], cmd[600];
	struct policy_settings s;
	struct settings_error err;

	assert_non_null(mkdtemp(dir));
	snprintf(main_path, sizeof main_path, "%s/credpolicy.conf", dir);
	snprintf(dropins, sizeof dropins, "%s/credpolicy.conf.d", dir);
	assert_int_equal(mkdir(dropins, 0755), 0);
	write_file(dir, "credpolicy.conf",
	           "minlen = 10\nmaxrepeat = 2\ndifok = 3\nretry = 4\n"
	           "breach_index = /main1.idx\nbreach_index = /main2.idx\n");
	write_file(dropins, "20-b.conf", "minlen = 16\nmaxrepeat = 5\n");
	write_file(dropins, "10-a.conf", "minlen = 14\ndifok = 7\nbreach_index = /drop.idx\n");
	write_file(dropins, "30-ignored.conf.disabled", "nosuchkey = 1\n");
	write_file(dropins, ".hidden.conf", "nosuchkey = 1\n");

	settings_init(&s);
	assert_int_equal(settings_load(&s, main_path, false, &err), 0);
	assert_int_equal(s.minlen, 16);   /* 20-b.conf, the last one, wins */
	assert_int_equal(s.maxrepeat, 5); /* 20-b.conf over the main file */
	assert_int_equal(s.difok, 7);     /* 10-a.conf over the main file */
	assert_int_equal(s.retry, 4);     /* only in the main file */
	/* a drop-in's breach_index replaces the main file's whole list */
	assert_int_equal(s.n_breach_index, 1);
	assert_string_equal(s.breach_index[0], "/drop.idx");
	/* module arguments come last */
	assert_int_equal(settings_apply(&s, "minlen=20", &err), 0);
	assert_int_equal(s.minlen, 20);
	assert_int_equal(settings_apply(&s, "breach_index=none", &err), 0);
	assert_int_equal(s.n_breach_index, 0);
	settings_free(&s);

	/* an error in a drop-in names the drop-in and its line */
	write_file(dropins, "25-bad.conf", "\n# ok\nminlen = twelve\n");
	settings_init(&s);
	assert_int_equal(settings_load(&s, main_path, false, &err), -EINVAL);
	assert_non_null(strstr(err.file, "credpolicy.conf.d/25-bad.conf"));
	assert_int_equal(err.line, 3);
	settings_free(&s);

	/* a missing main file: an error unless missing_ok */
	snprintf(main_path, sizeof main_path, "%s/absent.conf", dir);
	settings_init(&s);
	assert_int_equal(settings_load(&s, main_path, false, &err), -ENOENT);
	assert_non_null(strstr(err.file, "absent.conf"));
	assert_int_equal(settings_load(&s, main_path, true, &err), 0);
	assert_int_equal(s.minlen, 12);
	settings_free(&s);

	/* a symlinked main file is refused */
	snprintf(cmd, sizeof cmd, "%s/link.conf", dir);
	snprintf(main_path, sizeof main_path, "%s/credpolicy.conf", dir);
	assert_int_equal(symlink(main_path, cmd), 0);
	settings_init(&s);
	assert_int_equal(settings_load(&s, cmd, false, &err), -ELOOP);
	assert_non_null(strstr(err.msg, "symbolic link"));
	settings_free(&s);

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Run as root (the PAM module's case), a policy file that is not root's, or
 * that others may write, is refused -- and so is a drop-in directory that
 * others may write. Needs root to create such files; skipped otherwise. */
static void test_ownership(void **state)
{
	char dir[] = "/tmp/cp-owner-XXXXXX";
	char path[256], dropins[256], cmd[300];
	struct policy_settings s;
	struct settings_error err;
	char *saved = getenv("CREDPOLICY_TESTING") ? strdup(getenv("CREDPOLICY_TESTING")) : NULL;

	if (geteuid() != 0) {
		free(saved);
		skip();
	}
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/credpolicy.conf", dir);
	snprintf(dropins, sizeof dropins, "%s/credpolicy.conf.d", dir);
	write_file(dir, "credpolicy.conf", "minlen = 8\n");
	unsetenv("CREDPOLICY_TESTING");

	settings_init(&s);
	assert_int_equal(settings_load(&s, path, false, &err), 0);
	assert_int_equal(s.minlen, 8);
	assert_int_equal(chmod(path, 0664), 0);
	assert_int_equal(settings_load(&s, path, false, &err), -EPERM);
	assert_non_null(strstr(err.msg, "owned by root"));
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(chown(path, 65534, 65534), 0);
	assert_int_equal(settings_load(&s, path, false, &err), -EPERM);
	assert_int_equal(chown(path, 0, 0), 0);
	assert_int_equal(mkdir(dropins, 0777), 0);
	assert_int_equal(chmod(dropins, 0777), 0);
	assert_int_equal(settings_load(&s, path, false, &err), -EPERM);
	assert_non_null(strstr(err.file, "credpolicy.conf.d"));
	settings_free(&s);

	if (saved != NULL)
		setenv("CREDPOLICY_TESTING", saved, 1);
	free(saved);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_defaults),
	        cmocka_unit_test(test_syntax),
	        cmocka_unit_test(test_errors),
	        cmocka_unit_test(test_limits),
	        cmocka_unit_test(test_module_args),
	        cmocka_unit_test(test_precedence),
	        cmocka_unit_test(test_ownership),
	        cmocka_unit_test(test_defaults_equal_shipped_file),
	        cmocka_unit_test(test_missing_main_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
