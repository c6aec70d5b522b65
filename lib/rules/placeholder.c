/* The reference judge (placeholder.h). It decides what a value *is*, never
 * how strong it is. */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "bytes.h"
#include "rules/decoders/decode_util.h"
#include "rules/field.h"
#include "rules/placeholder.h"
#include "secure.h"

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool is_ident_start(int c)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_ident(int c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

/* The length of the identifier s starts with. */
static size_t ident_len(const unsigned char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !is_ident_start(s[0]))
		return 0;
	while (i < n && is_ident(s[i]))
		i++;
	return i;
}

static bool ident(const unsigned char *s, size_t n)
{
	return n > 0 && ident_len(s, n) == n;
}

static bool has(const unsigned char *s, size_t n, const char *w)
{
	size_t m = strlen(w);

	for (size_t i = 0; i + m <= n; i++) {
		size_t j = 0;
		while (j < m && lc(s[i + j]) == w[j])
			j++;
		if (j == m)
			return true;
	}
	return false;
}

/* s is w, in any case. The first letter settles most comparisons: every
 * judged value is compared with every word of the lists below. */
static bool word_eq(const unsigned char *s, size_t n, const char *w)
{
	size_t i = 0;

	if (n == 0 || lc(s[0]) != (unsigned char)w[0])
		return n == 0 && w[0] == '\0';
	while (i < n && w[i] != '\0' && lc(s[i]) == (unsigned char)w[i])
		i++;
	return i == n && w[i] == '\0';
}

/* clang-format off */
/* Template and expression markers, anywhere in the value. */
static const char *const markers[] = {
	"$(", "<%", "%>", "#{", "%{", "getenv", "environ", "process.env",
	"env[", "env.", "secretkeyref", "valuefrom", "lookup(", "vault:", "secrets.", "!ref ",
	"!sub ", "!getatt ", "!importvalue ", "{}", "{0}", "{1}", "$_", "arn:aws:", "{-",
};
/* No value at all. */
static const char *const nothing[] = {
	"null", "nil", "none", "undefined", "undef", "true", "false", "empty", "unset", "n/a",
	"unknown", "not-set", "not_set", "notset",
};
/* A switch, not a secret: the field is a setting about the credential
 * ("SavePassword=0", "password: off"); the Fetch standard's modes of a
 * request's credentials (credentials: 'include'). */
static const char *const switches[] = {"0",       "1",      "y",       "n",        "yes",
                                       "no",      "on",     "off",     "maybe",    "include",
                                       "omit",    "enable", "disable", "enabled",  "disabled",
                                       "same-origin"};
/* A schema's type where a value would be: "password": "string" in an
 * API's documented response. */
static const char *const type_names[] = {"string", "str",      "integer", "int",   "boolean",
                                         "bool",   "number",   "object",  "array", "unsigned",
                                         "signed", "long",     "short",   "double", "float",
                                         "void"};
/* A database column's type where a value would be: "secret VARCHAR(60),"
 * in a schema, "password char(64) NOT NULL" */
static const char *const sql_types[] = {"varchar", "nvarchar", "varchar2", "char",  "nchar",
                                        "text",    "tinytext", "longtext", "clob",  "blob",
                                        "bytea",   "binary",   "varbinary", "raw"};
/* crypt(3) schemes' ids, between the "$" of a hash's prefix */
static const char *const crypt_ids[] = {"1",  "2",   "2a",      "2b",      "2x",       "2y",
                                        "5",  "6",   "7",       "8",       "9",        "y",
                                        "gy", "apr1", "argon2i", "argon2d", "argon2id", "md5",
                                        "sha1", "pbkdf2", "scrypt"};
/* A setting that names how passwords are stored or shown, not one:
 * "verbose_passwords = plain", "password_encryption = scram-sha-256".
 * "x-oauth-basic" is the fixed password GitHub documents for a token
 * given as the user: the token is the secret (rule token-as-user). HTTP's
 * authentication schemes name a token's kind (default_token='Bearer'). */
static const char *const schemes[] = {"plain",  "plaintext", "clear",  "cleartext", "md5",
                                      "sha1",   "sha256",    "sha512", "bcrypt",    "crypt",
                                      "hashed", "scram-sha-256", "x-oauth-basic", "bearer",
                                      "digest", "negotiate", "ntlm"};
/* English's function words: a sentence's next word, not a value ("if
 * --pass is given", "--tlspassword also is"). */
static const char *const function_words[] = {
	"a", "an", "the", "is", "are", "was", "were", "be", "been", "and", "or", "but", "also",
	"not", "to", "of", "in", "for", "with", "as", "at", "by", "if", "then", "than", "that",
	"this", "which", "when", "will", "can", "may", "must", "should", "would", "could", "does",
};
/* Fill-in instructions: the value's first word, or its last. */
static const char *const fill_first[] = {
	"your", "replace", "insert", "enter", "paste", "fill", "provide", "redacted", "removed",
	"hidden", "masked", "omitted", "get", "see", "ask", "set", "dummy", "change", "placeholder",
};
static const char *const fill_last[] = {"here",   "redacted", "removed",
                                        "hidden", "masked",   "placeholder"};
/* A password named by which it is, and nothing else: "new-password" */
static const char *const which_first[] = {"new", "old", "current"};
static const char *const password_words[] = {"password", "passwd", "pass", "pw", "pwd"};
/* clang-format on */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool in_list(const unsigned char *s, size_t n, const char *const *list, size_t nlist);

/* The length of a crypt(3) hash's "$id$" prefix s starts with, else 0. */
static size_t crypt_prefix(const unsigned char *s, size_t n)
{
	const unsigned char *end;

	if (n < 3 || s[0] != '$' || (end = memchr(s + 1, '$', n - 1)) == NULL)
		return 0;
	return in_list(s + 1, (size_t)(end - s - 1), crypt_ids, NELEM(crypt_ids))
	               ? (size_t)(end - s + 1)
	               : 0;
}

/* Where a marker opens an expression, the expression is only there when it
 * starts the value (whose end the rule may not have taken: "$(getent")
 * or is closed after it ("pre-$(cmd)", "#{x}", "<%= x %>"), and "$_" is PHP's or
 * Perl's when a capital or no name follows ("$_ENV[", "$_"): a generated
 * password that holds "$(" or "$_h" by chance is still a password. */
static bool marker_in(const unsigned char *s, size_t n, const char *m)
{
	static const char *const closing[][2] = {
	        {"$(", ")"}, {"#{", "}"}, {"%{", "}"}, {"<%", "%>"}};
	size_t len = strlen(m);

	for (size_t i = 0; i + len <= n; i++) {
		size_t j = 0, e = i + len;
		while (j < len && lc(s[i + j]) == m[j])
			j++;
		if (j < len)
			continue;
		if (strcmp(m, "$_") == 0) {
			if (e == n || !is_ident(s[e]) || (s[e] >= 'A' && s[e] <= 'Z'))
				return true;
			continue;
		}
		if (strcmp(m, "%>") == 0)
			return has(s, i, "<%");
		/* Text::Template's "{- code -}" only closed: "{-" starts passwords */
		if (strcmp(m, "{-") == 0)
			return has(s + e, n - e, "-}");
		for (size_t k = 0; k < NELEM(closing); k++)
			if (strcmp(m, closing[k][0]) == 0)
				return i == 0 || has(s + e, n - e, closing[k][1]);
		return true;
	}
	return false;
}

/* "****", "XXXX", "xxxx-xxxx", ":****" (a password shown after its
 * user's colon), "•••": mask characters only, three or more. */
static bool is_mask(const unsigned char *s, size_t n)
{
	size_t masked = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '*' || s[i] == 'x' || s[i] == 'X' || s[i] == '#' || s[i] == '?')
			masked++;
		else if (s[i] == 0xe2 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0xa2) {
			masked++; /* U+2022 bullet */
			i += 2;
		} else if (s[i] != '-' && s[i] != '_' && s[i] != '.' && s[i] != ' ' && s[i] != ':')
			return false;
	}
	/* "...", "---"; not ":::" */
	return masked >= 3 || (n >= 3 && masked == 0 && memchr(s, ':', n) == NULL);
}

/* Part of a value masked: a run of MASK_RUN zeros, x or * in a token
 * ("T00000000/B00000000/XXXXXXXX", "xoxb-0000000000-xxxxxxxx"). A run of
 * any other character ("sk_live_AAAA...", "aaaaaaaa") is no mask: it is a
 * weak value, and a weak value stored is still stored (doc/scan.md). */
#define MASK_RUN 8
static bool has_mask_run(const unsigned char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		bool m = s[i] == '0' || s[i] == 'x' || s[i] == 'X' || s[i] == '*' || s[i] == '#';
		run = m && i > 0 && s[i] == s[i - 1] ? run + 1 : (m ? 1 : 0);
		if (run >= MASK_RUN)
			return true;
	}
	return false;
}

/* The text between a template's opener at s[0] and its closer: broken
 * when a ')', ']' or '}' in it closes nothing ("${e]x", "{{a}b)c}}"): the
 * braces are then characters of a literal, not a template. */
static bool template_broken(const unsigned char *s, size_t n)
{
	int depth = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '(' || s[i] == '[' || s[i] == '{')
			depth++;
		else if (s[i] == ')' || s[i] == ']' || s[i] == '}') {
			if (depth == 0)
				return true;
			depth--;
		}
	}
	return false;
}

bool is_not_expression(const unsigned char *s, size_t n)
{
	unsigned char open[16];
	size_t depth = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i], want;
		if (c == '(' || c == '[' || c == '{') {
			if (depth == sizeof open)
				return false; /* too deep to tell: an expression */
			open[depth++] = c;
			continue;
		}
		if (c != ')' && c != ']' && c != '}')
			continue;
		want = c == ')' ? '(' : c == ']' ? '[' : '{';
		if (depth > 0 && open[depth - 1] == want)
			depth--;
		else if (c == '}' && depth == 0)
			return false; /* a block's end: {this.token=e}getToken() */
		else if (i > 0 && i + 1 < n && is_ident(s[i + 1]))
			return true;
		else /* left over at the end, before an operator, or at the start
		      * ("{idtoken:=}readtoken": the field sits in a comment) */
			return false;
	}
	return false;
}

/* "${20FCC725-C7FF-...}": digits, then a letter, name no variable (a
 * shell's positional parameters are digits alone, "${1}", "${10:-x}"): a
 * literal held in braces, as Yarn's npmAuthToken may be written. */
static bool digit_led(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && i < n && is_ident(s[i]);
}

/* Where w first occurs in s[from, n), or SIZE_MAX. */
static size_t find_from(const unsigned char *s, size_t n, size_t from, const char *w)
{
	const unsigned char *p = from < n ? memmem(s + from, n - from, w, strlen(w)) : NULL;

	return p != NULL ? (size_t)(p - s) : SIZE_MAX;
}

/* "${X}", "{{ x }}", "{{ x", "x }}" (a value cut at a blank): a variable
 * or template marker. One whose inside closes a bracket it never opened
 * ("m{{h}o)p${e]x}}", or "m{{h}o)p${e]x" cut before its closer) is a
 * literal that happens to hold braces. */
static bool has_template_marker(const unsigned char *s, size_t n)
{
	size_t i, close;

	for (i = find_from(s, n, 0, "${"); i != SIZE_MAX; i = find_from(s, n, i + 2, "${")) {
		size_t in;
		close = find_from(s, n, i + 2, "}");
		in = (close == SIZE_MAX ? n : close) - i - 2;
		if (!template_broken(s + i + 2, in) && !digit_led(s + i + 2, in))
			return true;
	}
	for (i = find_from(s, n, 0, "{{"); i != SIZE_MAX; i = find_from(s, n, i + 2, "{{")) {
		close = find_from(s, n, i + 2, "}}");
		if (!template_broken(s + i + 2, (close == SIZE_MAX ? n : close) - i - 2))
			return true;
	}
	/* a closer with no opener before it: the value was cut at a blank */
	i = find_from(s, n, 0, "}}");
	if (i != SIZE_MAX && find_from(s, i, 0, "{{") == SIZE_MAX)
		return true;
	/* str.format()'s fields, named in lower case, in a path or a URL, or
	 * two of them:
	 * "{url}/admin/realms/{realm}/clients/{id}/client-secret" */
	{
		size_t fields = 0;
		for (i = 0; i < n; i++) {
			size_t e = i + 1;
			if (s[i] != '{')
				continue;
			while (e < n && (is_ident(s[e]) || s[e] == '.'))
				e++;
			/* a name in lower case: "{SSHA}" is LDAP's scheme */
			if (e > i + 1 && e < n && s[e] == '}' &&
			    ((s[i + 1] >= 'a' && s[i + 1] <= 'z') || s[i + 1] == '_'))
				fields++;
		}
		if (fields >= 2 || (fields == 1 && memchr(s, '/', n) != NULL && n > 4))
			return true;
	}
	/* a JSONPath or Go template's field in single braces, as a
	 * kubeconfig's "token-key: '{.status.token}'" points into a command's
	 * output */
	if (n >= 4 && s[0] == '{' && s[1] == '.' && s[n - 1] == '}') {
		for (i = 2; i + 1 < n; i++)
			if (!is_ident(s[i]) && s[i] != '.' && s[i] != '[' && s[i] != ']')
				return false;
		return is_ident_start(s[2]);
	}
	return false;
}

/* "dir/sub/file": lower-case segments, none empty, two slashes or more. */
static bool is_relative_path(const unsigned char *s, size_t n)
{
	size_t slashes = 0, seg = 0;

	if (n < 5 || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '.' || s[0] == '_'))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '/') {
			if (seg == 0)
				return false;
			slashes++;
			seg = 0;
		} else if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		           s[i] == '.' || s[i] == '_' || s[i] == '-')
			seg++;
		else
			return false;
	}
	return slashes >= 2 && seg > 0;
}

/* A variable's name as a shell script writes it: letters in one case and
 * underscores, digits only at its end ("as_dir", "HOME", "arg1"); not
 * "l0cpzs5a" or "vQK3lm", a crypt hash's salt and digest. */
static bool var_name(const unsigned char *s, size_t n, bool *marked)
{
	bool lower = false, upper = false;
	size_t i = 0;

	for (; i < n && !(s[i] >= '0' && s[i] <= '9'); i++) {
		lower |= s[i] >= 'a' && s[i] <= 'z';
		upper |= s[i] >= 'A' && s[i] <= 'Z';
		*marked |= s[i] == '_';
	}
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	*marked |= upper && !lower;
	return i == n && !(lower && upper);
}

/* Variables joined, with nothing written between them but a path's or an
 * address's separators: "$dir/$file", "$user:$pass", "$as_dir$ac_word$ext".
 * Two joined bare ("$super$ecret") are a literal unless a name is written
 * as variables are (an underscore, upper case). */
static bool is_variable_chain(const unsigned char *s, size_t n)
{
	size_t v = 0, pieces = 0;
	bool sep = false, marked = false;

	while (v < n) {
		size_t w;
		if (v > 0 && s[v] != '$' && strchr("/.-:@", s[v]) != NULL && s[v] != '\0') {
			sep = true;
			v++;
		}
		if (v >= n || s[v] != '$')
			return false;
		w = ident_len(s + v + 1, n - v - 1);
		if (w == 0 || !var_name(s + v + 1, w, &marked))
			return false;
		v += 1 + w;
		pieces++;
	}
	return pieces >= 3 || (pieces == 2 && (sep || marked));
}

/* After PowerShell's "$name", the rest of a variable: a scope's name
 * ($env:DB_PW, $script:pw) or members, called or not
 * ($cred.Password, $c.GetNetworkCredential().Password). */
static bool powershell_variable(const unsigned char *name, size_t nn, const unsigned char *s,
                                size_t n)
{
	static const char *const scopes[] = {"env",     "script", "global",  "local",
	                                     "private", "using",  "variable"};
	size_t i = 0;

	if (n > 1 && s[0] == ':') {
		for (size_t k = 0; k < NELEM(scopes); k++)
			if (strlen(scopes[k]) == nn &&
			    strncasecmp((const char *)name, scopes[k], nn) == 0)
				return ident(s + 1, n - 1);
		return false;
	}
	while (i < n && s[i] == '.') {
		size_t w = ident_len(s + i + 1, n - i - 1);
		if (w == 0)
			return false;
		i += 1 + w;
		if (i + 1 < n && s[i] == '(' && s[i + 1] == ')')
			i += 2;
	}
	return i > 0 && i == n;
}

/* $VAR, $section::name, %VAR%, @VAR@, @VAR, __VAR__, <password>,
 * [secret], a path, a build's file, a program's member or expression */
/* What a Python format field holds: a name and its members
 * ("self.password", "args[0]", "len(self.tokens)"), a conversion ("!r") and a format
 * specification without letters but its type (":>12", ":.2f"). */
static bool format_field(const unsigned char *s, size_t n)
{
	size_t i = ident_len(s, n);

	if (i == 0 || !is_ident_start(s[0]))
		return false;
	/* members, subscripts, a call's arguments: {len(self.tokens)} */
	long depth = 0;
	while (i < n &&
	       (is_ident(s[i]) || s[i] == '.' || s[i] == '[' || s[i] == ']' || s[i] == '(' ||
	        s[i] == ')' || (depth > 0 && (s[i] == ',' || s[i] == ' ')))) {
		depth += (s[i] == '(' || s[i] == '[') - (s[i] == ')' || s[i] == ']');
		if (depth < 0)
			return false;
		i++;
	}
	if (depth != 0)
		return false;
	if (i + 1 < n && s[i] == '!' && strchr("rsa", s[i + 1]) != NULL && s[i + 1] != '\0')
		i += 2;
	if (i < n && s[i] == ':') {
		i++;
		while (i < n && strchr("<>^=+- #0123456789,._%", s[i]) != NULL && s[i] != '\0')
			i++;
		if (i + 1 == n && strchr("bcdeEfFgGnosxX", s[i]) != NULL && s[i] != '\0')
			i++;
	}
	return i == n;
}

/* Base64: eight characters or more, a multiple of four, of its alphabet
 * (its "=" padding only at the end). */
static bool base64_text(const unsigned char *s, size_t n)
{
	if (n < 8 || n % 4 != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(is_ident(s[i]) || s[i] == '+' || s[i] == '/' ||
		      (s[i] == '=' && i + 2 >= n)) ||
		    s[i] == '_')
			return false;
	return true;
}

static bool padded_base64(const unsigned char *s, size_t n)
{
	return base64_text(s, n) && s[n - 1] == '=';
}

/* A call as Azure's template languages write one: a function's name in
 * lower case, then its opening bracket and a quoted argument, a call, a
 * name (Bicep's escaped form: "body(GetSecret)") or none
 * ("parameters('x')", "concat(variables('a'), …)", "utcNow()"). */
static bool azure_call(const unsigned char *s, size_t n)
{
	size_t i = ident_len(s, n), k;

	if (i == 0 || !(s[0] >= 'a' && s[0] <= 'z') || i + 1 >= n || s[i] != '(')
		return false;
	if (s[i + 1] == '\'' || s[i + 1] == ')')
		return true;
	k = ident_len(s + i + 1, n - i - 1);
	return k > 0 && i + 1 + k < n &&
	       (s[i + 1 + k] == '(' || s[i + 1 + k] == ')' || s[i + 1 + k] == ',');
}

static bool is_variable(const unsigned char *s, size_t n)
{
	/* {name}, { name }, {2}: format and template fields */
	if (n >= 3 && s[0] == '{' && s[n - 1] == '}') {
		size_t d = 1;
		while (d < n - 1 && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d == n - 1)
			return true;
		size_t a = 1, b = n - 1;
		while (a < b && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
		if (ident(s + a, b - a) || format_field(s + a, b - a))
			return true;
	}
	/* \$name: a variable escaped in a string that writes a program or a
	 * message ("The password '\$password' is invalid") */
	if (n > 2 && s[0] == '\\' && s[1] == '$')
		return is_variable(s + 1, n - 1);
	/* $$name: an escaped variable (make, compose files) */
	while (n > 2 && s[0] == '$' && s[1] == '$') {
		s++;
		n--;
	}
	/* a file's path stands for the file: "/path/to/key", "~/.secret";
	 * base64 may start with a slash too, but no path ends in its "="
	 * padding ("/dibj…+AS/tZ…CA==", a storage account's key) */
	if (n >= 3 &&
	    (s[0] == '/' || (s[0] == '~' && s[1] == '/') || (s[0] == '.' && s[1] == '/')) &&
	    memchr(s + 1, '/', n - 1) != NULL && memchr(s, ' ', n) == NULL && !padded_base64(s, n))
		return true;
	/* a key's or a certificate's file named ("CONFDIR/exim.key",
	 * "server.pem"): the file, not what it holds */
	{
		static const char *const key_files[] = {".key", ".pem", ".crt", ".der",
		                                        ".p12", ".pfx", ".jks", ".keystore",
		                                        ".gpg", ".asc"};
		size_t i = 0;
		while (i < n && (is_ident(s[i]) || s[i] == '/' || s[i] == '.' || s[i] == '-' ||
		                 s[i] == '$' || s[i] == '{' || s[i] == '}'))
			i++;
		for (size_t k = 0; i == n && k < NELEM(key_files); k++) {
			size_t m = strlen(key_files[k]), j = 0;
			while (n > m && j < m && lc(s[n - m + j]) == (unsigned char)key_files[k][j])
				j++;
			if (n > m && j == m)
				return true;
		}
	}
	/* a relative path of two or more directories, in lower case
	 * ("some/dir/secret.key", "config/keys/app.pem"): a file's name,
	 * where a secret in base64 would mix cases */
	if (is_relative_path(s, n))
		return true;
	/* a colour ("#d8dee9", "#ABB2BF"): a style table's value */
	if ((n == 4 || n == 7 || n == 9) && s[0] == '#') {
		size_t i = 1;
		while (i < n && hex_value[s[i]] >= 0)
			i++;
		if (i == n)
			return true;
	}
	/* a command line's flag named as the value ("kubectl_password":
	 * "--password"): the option a program passes it with */
	if (n >= 4 && s[0] == '-' && s[1] == '-' && lc(s[2]) >= 'a' && lc(s[2]) <= 'z') {
		size_t i = 3;
		while (i < n && ((lc(s[i]) >= 'a' && lc(s[i]) <= 'z') || s[i] == '-'))
			i++;
		if (i == n)
			return true;
	}
	/* an element id or anchor: "#add-password", "#step-2"; a digit
	 * inside a word ("#gets0m3") is how passwords are written, not ids */
	if (n >= 2 && s[0] == '#' && is_ident_start(s[1])) {
		size_t i = 1;
		while (i < n && (is_ident(s[i]) || s[i] == '-') &&
		       !(i + 1 < n && s[i] >= '0' && s[i] <= '9' && is_ident_start(s[i + 1]) &&
		         s[i + 1] != '_'))
			i++;
		if (i == n)
			return true;
	}
	/* a build's file: "x.o", "git-credential-store.c", "libpw.so" - a
	 * target or a source named, not a secret */
	{
		static const char *const built[] = {".c",  ".h",   ".o",   ".lo",  ".la", ".a",
		                                    ".so", ".obj", ".exe", ".dll", ".cc", ".cpp"};
		size_t i = 0;
		while (i < n && (is_ident(s[i]) || s[i] == '-' || s[i] == '+'))
			i++;
		for (size_t k = 0; i > 1 && k < NELEM(built); k++)
			if (n - i == strlen(built[k]) && memcmp(s + i, built[k], n - i) == 0)
				return true;
	}
	/* Perl's and PHP's members: "$entry->{$key}", "$cfg['pw']", "$h{x}" */
	if (n > 3 && s[0] == '$') {
		size_t v = 1 + ident_len(s + 1, n - 1);
		if (v > 1 && v + 1 < n &&
		    ((s[v] == '{' && s[n - 1] == '}') || (s[v] == '[' && s[n - 1] == ']') ||
		     (s[v] == '-' && s[v + 1] == '>' && (s[n - 1] == '}' || is_ident(s[n - 1])))))
			return true;
	}
	/* a template's substitution in capitals: "@PASSWORD", "@ACCESS_KEY" */
	if (n >= 3 && s[0] == '@') {
		size_t i = 1;
		while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_' ||
		                 (i > 1 && s[i] >= '0' && s[i] <= '9')))
			i++;
		if (i == n)
			return true;
	}
	/* a named parameter, bound or filled in later: SQL's and JDBC's
	 * "password = :password", a route's "&password=:param"; in lower
	 * case, as such names are written (":Hx7kQ2mZp" is a value) */
	if (n >= 2 && s[0] == ':' && ident_len(s + 1, n - 1) == n - 1) {
		size_t i = 1;
		while (i < n && !(s[i] >= 'A' && s[i] <= 'Z'))
			i++;
		if (i == n)
			return true;
	}
	/* Azure's template expressions: a Resource Manager template's call in
	 * brackets, "[parameters('x')]", "[listKeys(resourceId(…), …)…]" ("[["
	 * starts a literal), and a Logic App's "@variables('x')",
	 * "@{body('y')?['value']}"; a function's name in lower case, called on
	 * a quoted argument, a call, a name or nothing (azure_call();
	 * "@dmin(2024)" is a value) */
	if (n >= 4 && (s[n - 1] == ')' || s[n - 1] == ']' || s[n - 1] == '}') &&
	    (s[0] == '[' || s[0] == '@') && ((s[1] >= 'a' && s[1] <= 'z') || s[1] == '{')) {
		size_t i = 1 + ident_len(s + 1, n - 1);
		if (s[0] == '@' && s[1] == '{')
			return s[n - 1] == '}' && azure_call(s + 2, n - 3);
		if (i > 1 && (s[0] == '@' || s[n - 1] == ']') && azure_call(s + 1, n - 1))
			return true;
	}
	/* an f-string's or a format's expression: "{base64.b64encode(x).decode()}" */
	if (n >= 4 && s[0] == '{' && s[n - 1] == '}' && is_ident_start(s[1])) {
		size_t i = 1;
		while (i < n - 1 && (is_ident(s[i]) || s[i] == '.' || s[i] == '(' || s[i] == ')' ||
		                     s[i] == '[' || s[i] == ']' || s[i] == ','))
			i++;
		if (i == n - 1 && memchr(s, '(', n) != NULL)
			return true;
	}
	/* shell positional and special parameters: $1, $@, $* */
	if (s[0] == '$' && n == 2 && strchr("0123456789@*#?!-", s[1]) != NULL)
		return true;
	if (s[0] == '$') {
		size_t v = 1 + ident_len(s + 1, n - 1);
		if (v > 1 && (v == n || (n - v > 2 && s[v] == ':' && s[v + 1] == ':' &&
		                         ident(s + v + 2, n - v - 2))))
			return true;
		if (v > 1 && is_variable_chain(s, n))
			return true;
		if (v > 1 && powershell_variable(s + 1, v - 1, s + v, n - v))
			return true;
	}
	if (n >= 3 && ((s[0] == '%' && s[n - 1] == '%') || (s[0] == '@' && s[n - 1] == '@')) &&
	    ident(s + 1, n - 2))
		return true;
	/* a parameter resolved by a processor: "%env(DB_SECRET)%" (Symfony) */
	if (n >= 5 && s[0] == '%' && s[n - 1] == '%' && s[n - 2] == ')') {
		size_t i = ident_len(s + 1, n - 2);
		if (i > 0 && s[1 + i] == '(')
			return true;
	}
	/* Grafana's provisioning expansions: "$__env{DB_PW}", "$__file{/run/pw}" */
	if (n >= 6 && s[0] == '$' && s[1] == '_' && s[2] == '_' && s[n - 1] == '}') {
		size_t i = 3 + ident_len(s + 3, n - 3);
		if (i > 3 && i < n - 1 && s[i] == '{')
			return true;
	}
	/* an Azure App Service Key Vault reference:
	 * "@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/x/)" */
	if (n > 20 && s[n - 1] == ')' &&
	    strncasecmp((const char *)s, "@microsoft.keyvault(", 20) == 0)
		return true;
	if (n >= 5 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_' &&
	    ident(s, n))
		return true;
	/* the same, XML-escaped: "&lt;must-be-changed&gt;" */
	if (n > 8 && memcmp(s, "&lt;", 4) == 0 && memcmp(s + n - 4, "&gt;", 4) == 0)
		return true;
	/* "<password>", "<your token>", not "<Pass>...</Pass>" */
	if (n >= 3 && n <= 64 &&
	    ((s[0] == '<' && s[n - 1] == '>') || (s[0] == '[' && s[n - 1] == ']')) &&
	    memchr(s + 1, s[0], n - 2) == NULL && memchr(s + 1, s[n - 1], n - 2) == NULL)
		return true;
	return false;
}

/* printf's conversions and nothing written between them but punctuation
 * and blanks: "%s", "'%s'", "%2.2x %2.2x", "%s/%s,", "%(name)s" - a
 * message's or a format's field, filled in when it is printed. */
static bool is_format(const unsigned char *s, size_t n)
{
	size_t conv = 0, i = 0;

	while (i < n) {
		if (s[i] == '%' && i + 1 < n) {
			i++;
			if (s[i] == '(') { /* Python's %(name)s */
				const unsigned char *c = memchr(s + i, ')', n - i);
				if (c == NULL)
					return false;
				i = (size_t)(c - s) + 1;
			}
			while (i < n && strchr("-+ #0123456789.*", s[i]) != NULL && s[i] != '\0')
				i++;
			while (i < n && strchr("hlLqjzZt", s[i]) != NULL && s[i] != '\0')
				i++;
			/* printf's letters and the ones programs add (nginx's %V) */
			if (i == n ||
			    !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
				return false;
			i++;
			conv++;
		} else if (s[i] == '\\' && i + 1 < n) {
			i += 2; /* an escape: "%s\n" */
		} else if (is_ident(s[i]) || s[i] >= 0x80) {
			return false;
		} else {
			i++;
		}
	}
	return conv > 0;
}

static bool in_list(const unsigned char *s, size_t n, const char *const *l, size_t nl)
{
	for (size_t i = 0; i < nl; i++)
		if (word_eq(s, n, l[i]))
			return true;
	return false;
}

/* An SQL type, with its length and the comma that ends the column */
static bool is_sql_type(const unsigned char *s, size_t n)
{
	size_t i = ident_len(s, n), e = n;

	if (i == 0)
		return false;
	if (e > i && s[e - 1] == ',')
		e--;
	if (e > i) {
		size_t d = i + 1;
		if (s[i] != '(' || s[e - 1] != ')' || e - i < 3)
			return false;
		while (d < e - 1 && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d != e - 1)
			return false;
	}
	return in_list(s, i, sql_types, NELEM(sql_types));
}

/* A command's usage: words with a fill-in among them ("PASSWD <userID>",
 * "passwd [--reset] <chvno>"): what to type, not what is stored */
static bool is_usage(const unsigned char *s, size_t n)
{
	/* a message with a printf conversion among its words: "Expected
	 * \"%s\"", "Unexpected token : \"%s\"" */
	if (memchr(s, ' ', n) != NULL)
		for (size_t i = 0; i + 1 < n; i++)
			if (s[i] == '%' && strchr("sdiuxXfgc", s[i + 1]) != NULL &&
			    s[i + 1] != '\0' && (i + 2 == n || !is_ident(s[i + 2])))
				return true;
	for (size_t i = 1; i + 2 < n; i++) {
		size_t j = i + 1;
		if (s[i] != '<' || (s[i - 1] != ' ' && s[i - 1] != '['))
			continue;
		while (j < n && (is_ident(s[j]) || s[j] == '-'))
			j++;
		if (j > i + 1 && j < n && s[j] == '>')
			return true;
	}
	return false;
}

/* A credential's name with "here" joined after it: "passwordhere",
 * "nasloginpasswordhere", "yourtokenhere". */
static bool joined_here(const unsigned char *s, size_t n)
{
	return n > 8 && word_eq(s + n - 4, 4, "here") &&
	       field_names_credential((const char *)s, n - 4);
}

/* Documentation's sample values say so: a key marked in capitals
 * (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY), or
 * "example" as a word among words without digits (example_password,
 * exampleToken, example_value), joined before a credential's name
 * (examplepassword) or alone. A password or token with the word and
 * digits, "Example123", "dckr_pat_Example9x", is a literal. */
static bool is_sample(const unsigned char *s, size_t n)
{
	struct field_word w[FIELD_WORDS_MAX];
	size_t nw;
	bool sample = false;

	if (memmem(s, n, "EXAMPLE", 7) != NULL)
		return true;
	if (!has(s, n, "example"))
		return false;
	/* "examplepassword": the word joined before a credential's name */
	if (n > 7 && word_eq(s, 7, "example") && field_names_credential((const char *)s + 7, n - 7))
		return true;
	nw = field_split((const char *)s, n, w, FIELD_WORDS_MAX);
	for (size_t i = 0; i < nw; i++) {
		bool digits = false;
		if (word_eq(s + w[i].at, w[i].len, "example"))
			sample = true;
		for (size_t k = 0; k < w[i].len; k++)
			digits |= s[w[i].at + k] >= '0' && s[w[i].at + k] <= '9';
		if (digits)
			return false; /* a password or a token's random run */
	}
	/* the word alone, or among words (example_value, my-example-key) */
	return sample && (nw > 1 || w[0].len == n);
}

/* YOUR_PASSWORD, replace-me, insert_key_here, REDACTED, and a value that
 * says it is none: not_a_real_token, NotRealSecret, not_secret,
 * not-a-password */
static bool is_fill_in(const unsigned char *s, size_t n)
{
	struct field_word w[FIELD_WORDS_MAX];
	size_t nw = field_split((const char *)s, n, w, FIELD_WORDS_MAX);
	size_t r = nw > 2 && word_eq(s + w[1].at, w[1].len, "a") ? 2 : 1;

	if (nw > r && word_eq(s + w[0].at, w[0].len, "not") &&
	    (word_eq(s + w[r].at, w[r].len, "real") ||
	     (nw == r + 1 &&
	      (word_eq(s + w[r].at, w[r].len, "secret") ||
	       in_list(s + w[r].at, w[r].len, password_words, NELEM(password_words))))))
		return true;
	if (nw == 1)
		return w[0].len == n &&
		       (in_list(s, n, fill_last, NELEM(fill_last)) || word_eq(s, n, "replaceme") ||
		        word_eq(s, n, "omitted") || word_eq(s, n, "dummy") ||
		        (n > 6 && has(s, 4, "your")) || joined_here(s, n));
	/* which password goes there: "new-password", "old_password" */
	if (nw == 2 && in_list(s + w[0].at, w[0].len, which_first, NELEM(which_first)) &&
	    in_list(s + w[1].at, w[1].len, password_words, NELEM(password_words)))
		return true;
	return nw > 1 && (in_list(s + w[0].at, w[0].len, fill_first, NELEM(fill_first)) ||
	                  in_list(s + w[nw - 1].at, w[nw - 1].len, fill_last, NELEM(fill_last)));
}

/* An expression around a string: '" + getPassword() + "', "'$X'",
 * '"+new Buffer(', "'.$cfg['pw'].'" (PHP). */
static bool is_concatenation(const unsigned char *s, size_t n)
{
	size_t a = 0, b = n;

	while (a < n && s[a] == ' ')
		a++;
	while (b > a && s[b - 1] == ' ')
		b--;
	if (b - a >= 2 && ((s[a] == '+' && a > 0) || (s[b - 1] == '+' && b < n)))
		return true;
	/* between two strings, with blanks: C++'s stream (" << name << "),
	 * arguments (", def, ") */
	if (b - a >= 2 && a > 0 && b < n &&
	    ((s[a] == '<' && s[a + 1] == '<') || (s[b - 2] == '<' && s[b - 1] == '<')))
		return true;
	if (b - a >= 3 && s[a] == ',' && s[b - 1] == ',')
		return true;
	/* the string closed, then "+ call(" or ". $var" */
	if (b - a >= 3 && s[a] == '+' && is_ident_start(s[a + 1]) && memchr(s, '(', n) != NULL)
		return true;
	if (b - a >= 3 && s[a] == '.') {
		size_t i = a + 1;
		while (i < b && s[i] == ' ')
			i++;
		if (i + 1 < b && s[i] == '$' && is_ident_start(s[i + 1]))
			return true;
	}
	/* a shell variable in capitals: '$DB_PASSWORD', "'$SECRET'"; not a
	 * hash's salt after its scheme's prefix ($5$QMHXCE$…) */
	if (crypt_prefix(s, n) > 0)
		return false;
	for (size_t i = 0; i + 3 < n; i++)
		if (s[i] == '$' && s[i + 1] >= 'A' && s[i + 1] <= 'Z') {
			size_t j = i + 1;
			while (j < n && ((s[j] >= 'A' && s[j] <= 'Z') || s[j] == '_' ||
			                 (s[j] >= '0' && s[j] <= '9')))
				j++;
			if (j - i > 3 && (j == n || !((s[j] >= 'a' && s[j] <= 'z'))))
				return true;
		}
	return false;
}

/* A constant's name in capitals that names a credential: PASSWORD,
 * API_KEY, AUTH_TOKEN, SOME_PASSWORD, and the same in kebab case
 * (MY-PASSWORD, DB-SECRET). It stands for the value (a fill-in, or the
 * name of the variable that holds it); a stored value is not spelt as its
 * own field's name. */
static bool is_credential_constant(const unsigned char *s, size_t n)
{
	bool letter = false;

	if (n < 3 || n > 64 || !is_ident_start(s[0]) || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return false;
		if (s[i] == '-' && s[i - 1] != '-')
			continue;
		if (!is_ident(s[i]))
			return false;
		letter |= s[i] >= 'A' && s[i] <= 'Z';
	}
	if (!letter || !field_names_credential((const char *)s, n))
		return false;
	/* one word in capitals that is a key only by its head is a key's
	 * value as often (AKIA…KEY7): a constant's name says more */
	return memchr(s, '_', n) != NULL || memchr(s, '-', n) != NULL ||
	       !field_names_key_only((const char *)s, n);
}

/* A value cut short by the writer: "ops_eyJzaWdu...", "-----BEGIN
 * PRIVATE KEY-----\n...\n-----END", "sk-…" (U+2026). What is stored is not
 * the credential. */
static bool is_elided(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++)
		if ((s[i] == '.' && s[i + 1] == '.' && s[i + 2] == '.') ||
		    (s[i] == 0xe2 && s[i + 1] == 0x80 && s[i + 2] == 0xa6))
			return true;
	return false;
}

/* A PEM armour around a fill-in: "-----BEGIN PRIVATE KEY-----\n
 * YOUR-PRIVATE-KEY-GOES-HERE\n-----END PRIVATE KEY-----", its line breaks
 * real or escaped as a string writes them. The body is judged alone. */
static bool pem_fill_in(const unsigned char *s, size_t n)
{
	static const char begin[] = "-----BEGIN ";
	size_t a, b;

	if (n < sizeof begin || memcmp(s, begin, sizeof begin - 1) != 0)
		return false;
	a = find_from(s, n, sizeof begin - 1, "-----");
	if (a == SIZE_MAX)
		return false;
	a += 5;
	b = find_from(s, n, a, "-----END ");
	if (b == SIZE_MAX)
		b = n;
	for (;;) { /* the line breaks around the body */
		if (a < b && (s[a] == '\n' || s[a] == '\r'))
			a++;
		else if (a + 1 < b && s[a] == '\\' && (s[a + 1] == 'n' || s[a + 1] == 'r'))
			a += 2;
		else if (b > a && (s[b - 1] == '\n' || s[b - 1] == '\r'))
			b--;
		else if (b > a + 1 && s[b - 2] == '\\' && (s[b - 1] == 'n' || s[b - 1] == 'r'))
			b -= 2;
		else
			break;
	}
	return b > a && (is_fill_in(s + a, b - a) || is_mask(s + a, b - a));
}

/* Not a value but the syntax around one: "{" opening a block, "`cmd`"
 * (a command's output), "new Credentials(...)" (an object built at run
 * time). */
static bool is_syntax(const unsigned char *s, size_t n)
{
	/* an opening bracket alone: a block, or a bracketed fill-in cut at
	 * the blank after its bracket ("< the_password >", "[ your key ]") */
	if (n == 1 && (s[0] == '{' || s[0] == '[' || s[0] == '(' || s[0] == '`' || s[0] == '<'))
		return true;
	/* a table type opening its block, cut at the blank after it
	 * ("inline:{ host=user:pw }", Postfix's lookup tables) */
	if (n >= 3 && (s[n - 1] == '{' || s[n - 1] == '[') && s[n - 2] == ':') {
		size_t i = 0;
		while (i < n - 2 && s[i] >= 'a' && s[i] <= 'z')
			i++;
		if (i == n - 2)
			return true;
	}
	/* a YAML block scalar's indicator ("|", ">-", "|2"): the value is on
	 * the lines below */
	if (n <= 3 && (s[0] == '|' || s[0] == '>')) {
		size_t i = 1;
		while (i < n && (s[i] == '-' || s[i] == '+' || (s[i] >= '1' && s[i] <= '9')))
			i++;
		if (i == n)
			return true;
	}
	/* a YAML tag ("!Ref", "!ImportValue") or a negation ("!1", "!0") */
	if (n >= 2 && s[0] == '!' && (is_ident(s[1]))) {
		size_t i = 1;
		while (i < n && (is_ident(s[i]) || s[i] == ':'))
			i++;
		if (i == n)
			return true;
	}
	/* "[Shared Access key goes here]" cut at its first blank: a bracketed
	 * text, not a value */
	if (n >= 3 && (s[0] == '[' || s[0] == '<') && is_ident_start(s[1]) &&
	    memchr(s, s[0] == '[' ? ']' : '>', n) == NULL) {
		size_t i = 1;
		while (i < n && is_ident(s[i]))
			i++;
		if (i == n)
			return true;
	}
	/* `command ...`: a lower-case command name after the backquote (and
	 * the blanks a script may write first) */
	if (s[0] == '`' && n > 3 && (s[1] == ' ' || s[1] == '\t') && s[2] >= 'a' && s[2] <= 'z')
		return true;
	if (s[0] == '`' && n > 2 && s[1] >= 'a' && s[1] <= 'z') {
		size_t i = 1;
		while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-' || s[i] == '_'))
			i++;
		if (i == n || s[i] == '`' || s[i] == ' ')
			return true;
	}
	if (n > 5 && memcmp(s, "new ", 4) == 0) {
		size_t i = 4 + ident_len(s + 4, n - 4);
		while (i < n && (s[i] == '.' || is_ident(s[i])))
			i++;
		return i > 4 && i < n && s[i] == '(';
	}
	return false;
}

/* The value's words, two or more, are a run of the key's and name a
 * credential: the name of the field under another spelling or without
 * its owner or its describing word ("AttributeOID.CHALLENGE_PASSWORD":
 * "challengePassword", refresh_token_key = 'refresh_token'); after other
 * words only as a member's name after a dot. The owner alone, or the
 * name without its owner, is a value: zabbix_server_dbpassword:
 * zabbix-server, mysql_root_password: root_password. */
static bool echoes_words(const unsigned char *key, size_t nk, const unsigned char *val, size_t nv)
{
	struct field_word kw[FIELD_WORDS_MAX], vw[FIELD_WORDS_MAX];
	size_t nkw, nvw;

	for (size_t i = 0; i < nv; i++)
		if (!is_ident(val[i]) && val[i] != '-' && val[i] != '.')
			return false;
	nkw = field_split((const char *)key, nk, kw, FIELD_WORDS_MAX);
	nvw = field_split((const char *)val, nv, vw, FIELD_WORDS_MAX);
	if (nvw < 2 || nvw > nkw || !field_names_credential((const char *)val, nv))
		return false;
	for (size_t a = 0; a + nvw <= nkw; a++) {
		size_t m = 0;
		/* after an owner's words, only a member's name: "OID.CHALLENGE_PASSWORD";
		 * mysql_root_password: root_password is a value */
		if (a > 0 && (kw[a].at == 0 || key[kw[a].at - 1] != '.'))
			continue;
		while (m < nvw && kw[a + m].len == vw[m].len &&
		       strncasecmp((const char *)key + kw[a + m].at, (const char *)val + vw[m].at,
		                   vw[m].len) == 0)
			m++;
		if (m == nvw)
			return true;
	}
	return false;
}

/* The value is the key spelt with other separators, in words of its own
 * (TRUSTSTORE_PASSWORD = "trustStorePassword", a property's name): the
 * same letters, the value a name of two words or more, without digits
 * ("Password-1" under password_1 is a weak password). */
static bool respelt(const unsigned char *key, size_t nk, const unsigned char *val, size_t nv)
{
	struct field_word vw[FIELD_WORDS_MAX];
	size_t i = 0, j = 0;

	for (size_t v = 0; v < nv; v++)
		if (!(is_ident(val[v]) || val[v] == '-' || val[v] == '.') ||
		    (val[v] >= '0' && val[v] <= '9'))
			return false;
	for (;;) {
		while (i < nk && (key[i] == '_' || key[i] == '-' || key[i] == '.'))
			i++;
		while (j < nv && (val[j] == '_' || val[j] == '-' || val[j] == '.'))
			j++;
		if (i == nk || j == nv)
			break;
		if (lc(key[i++]) != lc(val[j++]))
			return false;
	}
	return i == nk && j == nv && field_split((const char *)val, nv, vw, FIELD_WORDS_MAX) >= 2;
}

bool is_field_echo(const unsigned char *key, size_t nk, const unsigned char *val, size_t nv)
{
	bool words = false;

	if (nk == 0 || nv == 0)
		return false;
	if (echoes_words(key, nk, val, nv))
		return true;
	if (respelt(key, nk, val, nv))
		return true;
	if (nk != nv)
		return false;
	for (size_t i = 0; i < nk; i++) {
		if (lc(key[i]) != lc(val[i]))
			return false;
		words |= key[i] == '_' || key[i] == '-' || key[i] == '.' ||
		         (i > 0 && key[i] >= 'A' && key[i] <= 'Z' && key[i - 1] >= 'a' &&
		          key[i - 1] <= 'z');
	}
	return words;
}

bool is_fill_in_pair(const unsigned char *user, size_t nu, const unsigned char *pw, size_t np)
{
	(void)pw;
	(void)np;
	/* <user:password> and a usage text's optional part, [user:passwd@],
	 * are fill-ins; "user:password" itself is a weak literal pair,
	 * stored, and graded as such */
	if (nu > 1 && user[0] == '<' && memchr(pw, '>', np) != NULL)
		return true;
	if (nu > 1 && user[0] == '[' &&
	    (memchr(pw, ']', np) != NULL || in_list(pw, np, password_words, NELEM(password_words))))
		return true;
	return nu >= 3 && is_mask(user, nu);
}

bool is_location(const unsigned char *s, size_t n)
{
	size_t i = 0;

	if (n < 4 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	while (i < n && i < 16 && (is_ident(s[i]) || s[i] == '+' || s[i] == '.' || s[i] == '-'))
		i++;
	if (i + 3 > n || memcmp(s + i, "://", 3) != 0)
		return false;
	for (i += 3; i < n && s[i] != '/'; i++)
		if (s[i] == '@')
			return false;
	return true;
}

/* Base64 whose text is itself a reference, a mask or a fill-in
 * ("ZHVtbXkgdGV4dA==" is "dummy text"): decoded before it is judged, and
 * only when the whole value decodes to printable text. */
#define ENCODED_MAX 344
static bool is_encoded_placeholder(const unsigned char *s, size_t n)
{
	unsigned char clear[ENCODED_MAX];
	ssize_t m;
	bool text = true, ref = false;

	if (n > ENCODED_MAX || !base64_text(s, n))
		return false;
	m = base64_decode_buf(s, n, clear, sizeof clear);
	if (m < 4) {
		secure_wipe(clear, sizeof clear);
		return false;
	}
	for (ssize_t i = 0; i < m && text; i++)
		text = clear[i] >= 0x20 && clear[i] < 0x7f;
	if (text)
		ref = is_placeholder(clear, (size_t)m);
	secure_wipe(clear, sizeof clear);
	return ref;
}

/* A name of two words or more in letters: lower case joined by
 * underscores ("access_token"), or camel case, each capital followed by
 * two lower-case letters or more ("scmVersion"; base64's letters are
 * seldom so). "letmein=" may be a password. */
static bool word_name(const unsigned char *s, size_t n)
{
	bool snake = false, camel = false;

	if (n < 3 || n > 48 || !(s[0] >= 'a' && s[0] <= 'z') || s[n - 1] == '_')
		return false;
	for (size_t i = 1; i < n; i++) {
		if (s[i] == '_' && s[i - 1] != '_')
			snake = true;
		else if (s[i] >= 'A' && s[i] <= 'Z') {
			if (i + 2 >= n || !(s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
			    !(s[i + 2] >= 'a' && s[i + 2] <= 'z'))
				return false;
			camel = true;
		} else if (!(s[i] >= 'a' && s[i] <= 'z'))
			return false;
	}
	return snake != camel;
}

bool is_private_name(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == '_')
		i++;
	return i > 0 && word_name(s + i, n - i);
}

/* A version or a version range ("^7.0.4", "~1.2", ">=2.0.0", a
 * dependency's in package.json), or an object identifier
 * ("1.2.840.113549.1.9.4"): numbers and dots, with a range's operator
 * before them or four dots or more (an IPv4 address may be a password). */
static bool is_version(const unsigned char *s, size_t n)
{
	size_t i = 0, dots = 0;
	bool range = false;

	while (i < n && strchr("^~<>=", s[i]) != NULL && s[i] != '\0') {
		range = true;
		i++;
	}
	if (i == n || !(s[i] >= '0' && s[i] <= '9'))
		return false;
	for (; i < n; i++) {
		if (s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
			dots++;
		else if (!(s[i] >= '0' && s[i] <= '9'))
			break;
	}
	/* a pre-release or build after a range's version: "^1.0.0-rc.1" */
	if (i < n && range && dots > 0 && (s[i] == '-' || s[i] == '+'))
		for (i++; i < n && (is_ident(s[i]) || s[i] == '.'); i++)
			;
	return i == n && ((range && dots > 0) || dots >= 4);
}

/* A prompt or a label: words, then a colon, set off by blanks or in
 * capitals ("       Again:     ", "TEXT:"); "browser:" is a user with an
 * empty password (Basic auth's), "Welcome:" may be a password. */
static bool is_prompt(const unsigned char *s, size_t n)
{
	size_t a = 0, b = n, letters = 0;
	bool blank = false;

	while (a < b && s[a] == ' ')
		a++;
	while (b > a && s[b - 1] == ' ')
		b--;
	if (b - a < 3 || s[b - 1] != ':')
		return false;
	for (size_t i = a; i + 1 < b; i++) {
		if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')
			letters++;
		else if (s[i] == ' ')
			blank = true;
		else
			return false;
	}
	if (letters < 2)
		return false;
	if (blank || a > 0 || b < n)
		return true;
	for (size_t i = a; i + 1 < b; i++) /* a label in capitals: "TEXT:" */
		if (s[i] >= 'a' && s[i] <= 'z')
			return false;
	return true;
}

/* Words in a CJK script and no digit: two or more kana, kanji or hanzi
 * (UTF-8 U+3040 to U+9FFF, and half-width katakana) in a text of
 * printable characters without an ASCII digit. A label or a message
 * (Rails' devise.ja.yml "change_my_password: パスワードを変更"), as the
 * Japanese memo rules judge "パスワード: 別途お知らせします": no blank
 * shows it is prose. With a digit it is as often a password
 * ("さくら2024"). Binary (a PKCS#12 file's DER, which can hold such
 * bytes) is no text. */
static bool is_cjk_text(const unsigned char *s, size_t n)
{
	int chars = 0;

	for (size_t i = 0; i < n;) {
		size_t len = s[i] < 0x80             ? 1
		             : (s[i] & 0xe0) == 0xc0 ? 2
		             : (s[i] & 0xf0) == 0xe0 ? 3
		             : (s[i] & 0xf8) == 0xf0 ? 4
		                                     : 0;
		if (len == 0 || len > n - i ||
		    (len == 1 && (s[i] < 0x20 || s[i] == 0x7f || (s[i] >= '0' && s[i] <= '9'))))
			return false;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		if (len == 3 &&
		    ((s[i] == 0xe3 && s[i + 1] >= 0x81) || (s[i] >= 0xe4 && s[i] <= 0xe9) ||
		     (s[i] == 0xef && ((s[i + 1] == 0xbd && s[i + 2] >= 0xa6) ||
		                       (s[i + 1] == 0xbe && s[i + 2] <= 0x9f)))))
			chars++;
		i += len;
	}
	return chars >= 2;
}

/* A string closed and a variable joined on: "password='"+pwd+"'" holds
 * "'\"+pwd+" or, in single quotes, "\"+pwd+\"" (+ . & join strings). */
static bool is_string_join(const unsigned char *s, size_t n)
{
	size_t i = 1;

	if (n < 3 || (s[0] != '\'' && s[0] != '"'))
		return false;
	while (i < n && i < 3 && (s[i] == '\'' || s[i] == '"'))
		i++;
	while (i < n && s[i] == ' ')
		i++;
	if (i + 1 >= n || (s[i] != '+' && s[i] != '.' && s[i] != '&'))
		return false;
	i++;
	while (i < n && s[i] == ' ')
		i++;
	return i < n && (is_ident_start(s[i]) || s[i] == '$');
}

bool is_placeholder(const unsigned char *s, size_t n)
{
	if (n == 0)
		return true;
	if (is_string_join(s, n))
		return true;
	/* quotes inside the quotes: "'%env(X)%'" is judged by what they hold */
	if (n >= 3 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0])
		return is_placeholder(s + 1, n - 2);
	/* one mask character: "AccountKey=X"; a shadow file's marks of a
	 * locked or unset password ("!", "!!", "*", "!*") */
	if (n == 1 && (s[0] == 'x' || s[0] == 'X' || s[0] == '*' || s[0] == '?' || s[0] == '!'))
		return true;
	if (n == 2 && (s[0] == '!' || s[0] == '*') && (s[1] == '!' || s[1] == '*'))
		return true;
	/* a command line's short option ("-K"), a parameter's name before
	 * its value is appended ("access_token=", "scmVersion="; not base64's
	 * padding: the name's words in letters, word_name()) */
	if (n == 2 && s[0] == '-' && ((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z'))
		return true;
	if (n > 2 && s[n - 1] == '=' && word_name(s, n - 1))
		return true;
	/* Vim script's scoped variables: a:2 (an argument), s:netrw_passwd,
	 * g:netrw_uid */
	if (n >= 3 && strchr("abglstvw", s[0]) != NULL && s[0] != '\0' && s[1] == ':') {
		size_t d = 2;
		if (s[0] == 'a') /* an argument by its number: a:1 */
			while (d < n && d < 4 && s[d] >= '0' && s[d] <= '9')
				d++;
		else /* a name in lower case: s:netrw_passwd */
			while (d < n && ((s[d] >= 'a' && s[d] <= 'z') || s[d] == '_'))
				d++;
		if (d == n)
			return true;
	}
	/* punctuation alone, one or two marks: "-" (standard input), ".", ";" */
	if (n <= 2 && !is_ident(s[0]) && s[0] < 0x80 &&
	    (n == 1 || (!is_ident(s[1]) && s[1] < 0x80)))
		return true;

	/* a variable or a format field, then the brackets of the call or
	 * expression it sits in closing ("-Password $password)",
	 * "$module.Params.password)]", "{len(self.tokens)})") */
	if (n > 2 && (s[0] == '$' || s[0] == '{') && (s[n - 1] == ')' || s[n - 1] == ']')) {
		long depth = 0; /* closers not opened within the value */
		size_t m = n;
		for (size_t i = 0; i < n; i++)
			depth += (s[i] == ')' || s[i] == ']') - (s[i] == '(' || s[i] == '[');
		while (depth > 0 && m > 1 && (s[m - 1] == ')' || s[m - 1] == ']')) {
			m--;
			depth--;
		}
		if (m < n)
			return is_placeholder(s, m);
	}
	/* the quote that closes the string around the value, taken with it:
	 * "{self.password}'" (an f-string's field, then its closer) */
	if (n > 2 && (s[n - 1] == '\'' || s[n - 1] == '"') && memchr(s, s[n - 1], n - 1) == NULL &&
	    is_placeholder(s, n - 1))
		return true;
	/* a message's escaped line end after the value: "None\\n" */
	if (n > 2 && s[n - 2] == '\\' && (s[n - 1] == 'n' || s[n - 1] == 'r'))
		return is_placeholder(s, n - 2);
	/* a hash scheme's prefix alone ("$1$", "$argon2id$"; LDAP's "{SSHA}"
	 * is a brace field, below): what a program compares a stored
	 * hash's start with. Only the schemes' ids: "$Passw0rd$" is a value */
	if (crypt_prefix(s, n) == n)
		return true;
	/* blanks at both ends: what stands between them, when it is one
	 * ("XPASS:" $$xpass "...": the gap between two strings) */
	if (n >= 3 && s[0] == ' ' && s[n - 1] == ' ') {
		size_t a = 0, b = n;
		while (a < n && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
		if (b > a && is_placeholder(s + a, b - a))
			return true;
	}
	/* from here on each test stands alone (their order is only their
	 * cost): a template's reference, the commonest in configuration
	 * ("${DB_PASSWORD}", "{{ vault_pw }}"), first */
	if (has_template_marker(s, n))
		return true;
	if (is_syntax(s, n) || is_elided(s, n) || is_credential_constant(s, n) || pem_fill_in(s, n))
		return true;
	if (is_concatenation(s, n) || is_usage(s, n))
		return true;
	if (is_mask(s, n) || has_mask_run(s, n) || is_variable(s, n) || is_fill_in(s, n) ||
	    is_format(s, n))
		return true;
	if (is_sample(s, n) || is_version(s, n) || is_prompt(s, n) || is_cjk_text(s, n))
		return true;
	/* underscores alone: a name's stand-in ("_") */
	{
		size_t u = 0;
		while (u < n && s[u] == '_')
			u++;
		if (u == n)
			return true;
	}
	if (in_list(s, n, nothing, NELEM(nothing)) || in_list(s, n, switches, NELEM(switches)) ||
	    in_list(s, n, function_words, NELEM(function_words)) ||
	    in_list(s, n, schemes, NELEM(schemes)) ||
	    in_list(s, n, type_names, NELEM(type_names)) || is_sql_type(s, n))
		return true;
	for (size_t i = 0; i < NELEM(markers); i++)
		if (marker_in(s, n, markers[i]))
			return true;
	return is_encoded_placeholder(s, n);
}

bool is_code_reference(const unsigned char *s, size_t n)
{
	size_t i = ident_len(s, n);

	/* a cast or a parenthesised expression: "(char *)arg" read up to
	 * its blank */
	if (n >= 2 && s[0] == '(' && is_ident_start(s[1]))
		return true;
	if (i == 0)
		return false;
	/* a.b, a->b, a::b, a?.b: member access chains */
	while (i < n) {
		size_t sep = 0;
		if (s[i] == '.')
			sep = 1;
		else if (i + 1 < n &&
		         ((s[i] == '-' && s[i + 1] == '>') || (s[i] == ':' && s[i + 1] == ':') ||
		          (s[i] == '?' && s[i + 1] == '.')))
			sep = 2;
		if (sep == 0)
			break;
		{
			size_t m = ident_len(s + i + sep, n - i - sep);
			if (m == 0)
				break;
			i += sep + m;
		}
	}
	if (i == n)
		return true;
	/* the statement's end: "ldap_conf.bindpw = line;" */
	if (i + 1 == n && (s[i] == ';' || s[i] == ','))
		return true;
	/* a call or a subscript: getpass(), argv[1], getpwnam (name) */
	while (i < n && s[i] == ' ')
		i++;
	return i < n && (s[i] == '(' || s[i] == '[');
}
