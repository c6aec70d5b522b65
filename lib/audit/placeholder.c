/* The global placeholder filter, applied to every rule's secret before
 * its own allowlist. Kept short and obvious: each entry is a value people
 * write in templates, documentation and examples instead of a secret. */
#include "config.h"

#include <string.h>

#include "audit/placeholder.h"
#include "secure.h"

/* The whole value, case-insensitively. Weak but real passwords
 * ("password1", "P@ssw0rd") are not here: stored, they are findings. */
static const char *const exact[] = {
	"password", "passwd", "pass", "pwd", "secret", "token", "key", "apikey", "api_key",
	"null", "nil", "none", "true", "false", "undefined", "empty", "redacted", "hidden",
	"masked", "removed", "todo", "tbd", "xxx", "string", "value", "yes", "no", "required",
	"optional", "default", "foobar", "foo", "bar", "baz", "abc", "abc123", "test",
	"sample", "dummy", "fake", "mock", "unset", "notset", "not-set", "n/a", "na",
	"replaceme", "replace_me", "yourpassword",
};

/* Anywhere in the value, case-insensitively. */
static const char *const inside[] = {
	"changeme", "change_me", "change-me", "change_this", "changethis", "example",
	"placeholder", "your_", "your-", "yourpass", "yoursecret", "yourtoken", "<your",
	"insert_", "insert-", "fixme", "redacted", "getenv", "environ", "process.env",
	"env[", "env.", "secretkeyref", "valuefrom", "lookup(", "vault:", "{{", "}}",
	"${", "$(", "#{", "%{", "<%", "xxxxxx", "******", "......", "000000000000",
	"dummy", "not_a_real", "notreal", "not-real", "fake_", "sample_", "test_only",
	"_here", "-here", "&lt;", "must-be-changed", "must_be_changed",
};

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool ident(const unsigned char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		int c = s[i];
		if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (i > 0 && c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

bool is_placeholder(const unsigned char *s, size_t n)
{
	unsigned char low[256];
	size_t m = n < sizeof low ? n : sizeof low;
	bool hit = false;

	if (n == 0)
		return true;
	/* one character repeated: "****", "xxxxxxxx", "........" */
	{
		size_t i = 1;
		while (i < n && s[i] == s[0])
			i++;
		if (i == n && n >= 3)
			return true;
	}
	/* variables: $VAR, %VAR%, @VAR@, __VAR__, <password>, [secret] */
	if (s[0] == '$' && ident(s + 1, n - 1))
		return true;
	if (n >= 3 && ((s[0] == '%' && s[n - 1] == '%') || (s[0] == '@' && s[n - 1] == '@')) &&
	    ident(s + 1, n - 2))
		return true;
	if (n >= 5 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_')
		return true;
	if (n >= 3 && n <= 64 && ((s[0] == '<' && s[n - 1] == '>') || (s[0] == '[' && s[n - 1] == ']')) &&
	    memchr(s + 1, s[0], n - 2) == NULL && memchr(s + 1, s[n - 1], n - 2) == NULL)
		return true; /* "<password>", not "<Pass>...</Pass>" */

	for (size_t i = 0; i < m; i++)
		low[i] = (unsigned char)lc(s[i]);
	if (n == m)
		for (size_t i = 0; i < sizeof exact / sizeof exact[0] && !hit; i++)
			hit = strlen(exact[i]) == n && memcmp(low, exact[i], n) == 0;
	for (size_t i = 0; i < sizeof inside / sizeof inside[0] && !hit; i++)
		hit = memmem(low, m, inside[i], strlen(inside[i])) != NULL;
	secure_wipe(low, m);
	return hit;
}
