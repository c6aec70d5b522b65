/* The global placeholder filter, applied to every rule's secret before
 * its own allowlist. Kept short and obvious: each entry is a value people
 * write in templates, documentation and examples instead of a secret. */
#include "config.h"

#include <string.h>

#include "rules/placeholder.h"
#include "secure.h"

struct word {
	const char *s;
	size_t n;
};
#define W(lit)                                                                                     \
	{                                                                                          \
		lit, sizeof lit - 1                                                                \
	}

/* clang-format off */
/* The whole value, case-insensitively. Weak but real passwords
 * ("password1", "P@ssw0rd") are not here: stored, they are findings. */
static const struct word exact[] = {
	W("password"), W("passwd"), W("pass"), W("pwd"), W("secret"), W("token"), W("key"),
	W("apikey"), W("api_key"), W("null"), W("nil"), W("none"), W("true"), W("false"),
	W("undefined"), W("empty"), W("redacted"), W("hidden"), W("masked"), W("removed"),
	W("todo"), W("tbd"), W("xxx"), W("string"), W("value"), W("yes"), W("no"),
	W("required"), W("optional"), W("default"), W("foobar"), W("foo"), W("bar"), W("baz"),
	W("abc"), W("abc123"), W("test"), W("sample"), W("dummy"), W("fake"), W("mock"),
	W("unset"), W("notset"), W("not-set"), W("n/a"), W("na"), W("replaceme"),
	W("replace_me"), W("yourpassword"),
	/* the documented examples of Maven's settings.xml template */
	W("proxypass"), W("repopwd"),
};

/* Anywhere in the value, case-insensitively. */
static const struct word inside[] = {
	W("changeme"), W("change_me"), W("change-me"), W("change_this"), W("changethis"),
	W("example"), W("placeholder"), W("your_"), W("your-"), W("yourpass"), W("yoursecret"),
	W("yourtoken"), W("<your"), W("insert_"), W("insert-"), W("fixme"), W("redacted"),
	W("getenv"), W("environ"), W("process.env"), W("env["), W("env."), W("secretkeyref"),
	W("valuefrom"), W("lookup("), W("vault:"), W("{{"), W("}}"), W("${"), W("$("), W("#{"),
	W("%{"), W("<%"), W("xxxxxx"), W("******"), W("......"), W("000000000000"), W("dummy"),
	W("not_a_real"), W("notreal"), W("not-real"), W("fake_"), W("sample_"), W("test_only"),
	W("_here"), W("-here"), W("&lt;"), W("must-be-changed"), W("must_be_changed"),
};

/* clang-format on */

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The length of the identifier ([A-Za-z_][A-Za-z0-9_]*) s starts with. */
static size_t ident_len(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == '_' || (s[i] >= 'A' && s[i] <= 'Z') ||
	                 (s[i] >= 'a' && s[i] <= 'z') || (i > 0 && s[i] >= '0' && s[i] <= '9')))
		i++;
	return i;
}

static bool ident(const unsigned char *s, size_t n)
{
	return n > 0 && ident_len(s, n) == n;
}

bool is_placeholder(const unsigned char *s, size_t n)
{
	unsigned char low[256];
	bool seen[256] = {false};
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
	/* variables: $VAR, %VAR%, @VAR@, __VAR__, <password>, [secret]; and
	 * OpenSSL's reference to another section's value, $section::name */
	if (s[0] == '$') {
		size_t v = 1 + ident_len(s + 1, n - 1); /* s[1..v) is the name */
		if (v > 1 && (v == n || (n - v > 2 && s[v] == ':' && s[v + 1] == ':' &&
		                         ident(s + v + 2, n - v - 2))))
			return true;
	}
	if (n >= 3 && ((s[0] == '%' && s[n - 1] == '%') || (s[0] == '@' && s[n - 1] == '@')) &&
	    ident(s + 1, n - 2))
		return true;
	if (n >= 5 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_')
		return true;
	if (n >= 3 && n <= 64 &&
	    ((s[0] == '<' && s[n - 1] == '>') || (s[0] == '[' && s[n - 1] == ']')) &&
	    memchr(s + 1, s[0], n - 2) == NULL && memchr(s + 1, s[n - 1], n - 2) == NULL)
		return true; /* "<password>", not "<Pass>...</Pass>" */

	for (size_t i = 0; i < m; i++) {
		low[i] = (unsigned char)lc(s[i]);
		seen[low[i]] = true;
	}
	if (n == m)
		for (size_t i = 0; i < sizeof exact / sizeof exact[0] && !hit; i++)
			hit = exact[i].n == n && memcmp(low, exact[i].s, n) == 0;
	/* a word whose first letter the value lacks cannot be in it */
	for (size_t i = 0; i < sizeof inside / sizeof inside[0] && !hit; i++)
		hit = seen[(unsigned char)inside[i].s[0]] &&
		      memmem(low, m, inside[i].s, inside[i].n) != NULL;
	secure_wipe(seen, sizeof seen); /* the value's letters */
	secure_wipe(low, m);
	return hit;
}
