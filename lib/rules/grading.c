/* Grading (grading.h): contexts by path and category, known-weak values. */
#include "config.h"

#include <string.h>

#include "rules/grading.h"
#include "secure.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *scan_context_name(enum scan_context c)
{
	static const char *const names[] = {"config", "code",   "doc", "store",
	                                    "device", "binary", "test"};
	return (unsigned)c < NELEM(names) ? names[c] : "config";
}

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool ends_ci(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);
	if (m > n)
		return false;
	for (size_t i = 0; i < m; i++)
		if (lc((unsigned char)s[n - m + i]) != suffix[i])
			return false;
	return true;
}

static bool starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t m = strlen(prefix);
	if (m > n)
		return false;
	for (size_t i = 0; i < m; i++)
		if (lc((unsigned char)s[i]) != prefix[i])
			return false;
	return true;
}

/* clang-format off */
static const char *const doc_dirs[] = {"/share/doc/", "/share/man/", "/share/info/", "/share/gtk-doc/",
                                       "/share/help/"};
/* not ".txt": a notes.txt or passwords.txt in a home is where people write
 * passwords down; plain text is documentation by its place or its name */
static const char *const doc_ext[] = {".md", ".markdown", ".rst", ".adoc", ".asciidoc",
                                      ".texi", ".tex", ".pod", ".rdoc", ".org", ".html", ".htm",
                                      ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9",
                                      ".1.gz", ".5.gz", ".8.gz", ".3.gz", ".7.gz",
                                      /* message catalogs: a prompt and its translations */
                                      ".po", ".pot", ".strings", ".xlf", ".xliff"};
/* Directories of a source tree, below the root scanned: documentation and
 * its examples, an application's message catalogs (config/locales/pt-BR.yml:
 * "nova_senha: Nova senha" labels a field); a test suite's data */
static const char *const doc_dir_names[] = {
	"doc",     "docs",    "documentation", "man",     "example", "examples",     "sample",
	"samples", "demo",    "demos",         "locales", "locale",  "translations", "i18n",
	"l10n",    "lang"};
static const char *const test_dir_names[] = {
	"test", "tests", "testing", "testdata", "test-data", "test_data", "testsuite",
	"fixture", "fixtures", "__tests__", "spec", "specs", "regress", "mocks", "__mocks__",
	"t", "fuzz", "fuzzing", "unittests", "regtests"};
/* Test sources by their name: test_x.py, x_test.go, x.test.js, x.spec.ts,
 * x_spec.rb (not "Tests" in CamelCase: LowerTypeTests.h is a header) */
static const char *const test_prefixes[] = {"test_", "test-", "t_", "t-"};
static const char *const test_stems[] = {"_test", ".test", "-test", ".spec", "_spec"};
static const char *const doc_names[] = {"readme", "changelog", "changes", "news", "history",
                                        "faq", "rfc", "install", "copying", "authors"};
static const char *const code_ext[] = {
	".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".hxx", ".tcc", ".java", ".kt", ".kts",
	".scala", ".groovy", ".go", ".rs", ".py", ".pyi", ".rb", ".php", ".js", ".mjs", ".cjs",
	".ts", ".tsx", ".jsx", ".cs", ".vb", ".fs", ".swift", ".m", ".mm", ".pl", ".pm", ".lua",
	".dart", ".r", ".jl", ".ex", ".exs", ".erl", ".clj", ".ps1", ".psm1", ".td", ".inc", ".def",
	".perl", ".xs", ".proto", ".thrift", ".y", ".yy", ".l", ".ll", ".i", ".swg",
	/* rpcgen's interface language (rpcsvc/rex.x) */
	".x",
	/* Groovy build scripts, single-file components */
	".gradle", ".vue", ".svelte",
	/* a notebook's cells are code */
	".ipynb",
	/* HashiCorp's configuration language (Terraform, Vault, Nomad, Packer)
	 * and Azure's Bicep: a string is quoted, a bare word an expression
	 * (var.db_password, adminPassword) */
	".tf", ".tfvars", ".hcl", ".bicep",
	/* Pascal and Delphi: units, programs, project files (".pp" is also
	 * Puppet's manifest, where an unquoted word is a string: its content
	 * decides, context_of_content()) */
	".pas", ".lpr", ".dpr",
};
/* clang-format on */

static bool in_list_ci(const char *s, size_t n, const char *const *list, size_t nlist)
{
	for (size_t i = 0; i < nlist; i++)
		if (strlen(list[i]) == n && starts_ci(s, n, list[i]))
			return true;
	return false;
}

/* Ruby's and Groovy's build and pipeline files, by their whole name */
static const char *const code_names[] = {"Vagrantfile", "Jenkinsfile", "Rakefile",  "Gemfile",
                                         "Podfile",     "Fastfile",    "Berksfile", "Guardfile"};

/* By its extension or its name; a template that configure fills in keeps
 * its language: "auth.pl.in" is Perl (Makefile.in stays a makefile) */
static bool is_code_name(const char *path, size_t n)
{
	const char *base = strrchr(path, '/');

	base = base != NULL ? base + 1 : path;
	for (size_t i = 0; i < NELEM(code_names); i++)
		if (strcmp(base, code_names[i]) == 0)
			return true;
	if (ends_ci(path, n, ".in"))
		n -= 3;
	for (size_t i = 0; i < NELEM(code_ext); i++)
		if (ends_ci(path, n, code_ext[i]))
			return true;
	return false;
}

bool is_code_path(const char *path)
{
	return path != NULL && is_code_name(path, strlen(path));
}

/* A test source by its name (a source file's, not a test environment's
 * configuration): a prefix, or a stem before the extension. */
static bool is_test_name(const char *base, size_t bn)
{
	const char *dot = memchr(base, '.', bn);
	size_t stem = dot != NULL ? (size_t)(dot - base) : bn;

	for (size_t i = 0; i < NELEM(test_prefixes); i++)
		if (starts_ci(base, bn, test_prefixes[i]) && bn > strlen(test_prefixes[i]))
			return true;
	if (dot == NULL)
		return false;
	for (size_t i = 0; i < NELEM(test_stems); i++) {
		size_t m = strlen(test_stems[i]);
		/* x.test.js, x.spec.ts: the stem is a second extension */
		if (test_stems[i][0] == '.') {
			const char *dot2 = memchr(dot + 1, '.', bn - stem - 1);
			if (dot2 != NULL && (size_t)(dot2 - dot) == m &&
			    starts_ci(dot, m, test_stems[i]))
				return true;
		} else if (stem > m && starts_ci(base + stem - m, m, test_stems[i])) {
			return true;
		}
	}
	return false;
}

/* A directory named for a kind of test suite: one word of its name
 * (split at "-", "_" and ".") names a suite's collection ("reg-tests",
 * "unit_tests", "integration.fixtures"). The singular alone does not: a
 * "load-test" or "test-env" directory is an environment, with its own
 * configuration. */
static bool test_compound(const char *d, size_t n)
{
	static const char *const suite_words[] = {"tests", "testsuite", "testdata", "fixtures",
	                                          "regress"};

	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && d[j] != '-' && d[j] != '_' && d[j] != '.')
			j++;
		if (j > i && in_list_ci(d + i, j - i, suite_words, NELEM(suite_words)))
			return true;
		i = j + 1;
	}
	return false;
}

/* The directories of rel (a path below the root, or an archive member's
 * path) that say what its files are: a test suite's, or documentation. */
static enum scan_context context_of_dirs(const char *rel, const char *base)
{
	enum scan_context c = CTX_CONFIG;

	for (const char *d = rel; d < base;) {
		const char *slash = memchr(d, '/', (size_t)(base - d));
		size_t n = slash != NULL ? (size_t)(slash - d) : (size_t)(base - d);
		if (in_list_ci(d, n, test_dir_names, NELEM(test_dir_names)) || test_compound(d, n))
			return CTX_TEST;
		if (in_list_ci(d, n, doc_dir_names, NELEM(doc_dir_names)))
			c = CTX_DOC;
		d += n + 1;
	}
	return c;
}

enum scan_context context_of_path(const char *path, size_t root_len)
{
	const char *base, *bang, *rel;
	size_t n, bn;
	enum scan_context by_dirs;

	if (path == NULL)
		return CTX_CONFIG;
	rel = root_len <= strlen(path) ? path + root_len : path;
	/* in an archive, the member's name decides; the archive's own
	 * place (a doc tree) too */
	for (size_t i = 0; i < NELEM(doc_dirs); i++)
		if (strstr(path, doc_dirs[i]) != NULL)
			return CTX_DOC;
	bang = strrchr(path, '!');
	if (bang != NULL)
		path = rel = bang + 1;
	n = strlen(path);
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	bn = strlen(base);
	if (rel > base)
		rel = base;
	by_dirs = context_of_dirs(rel, base);
	if (by_dirs == CTX_TEST || (is_code_name(path, n) && is_test_name(base, bn)))
		return CTX_TEST;
	if (by_dirs == CTX_DOC)
		return CTX_DOC;
	/* C++ standard headers have no extension: /usr/include/c++/12/string */
	if (strstr(path, "include/") != NULL && strchr(base, '.') == NULL)
		return CTX_CODE;
	for (size_t i = 0; i < NELEM(doc_ext); i++)
		if (ends_ci(path, n, doc_ext[i]))
			return CTX_DOC;
	for (size_t i = 0; i < NELEM(doc_names); i++)
		if (starts_ci(base, bn, doc_names[i]))
			return CTX_DOC;
	/* a Java resource bundle: messages_pt_BR.properties */
	if (starts_ci(base, bn, "messages") && ends_ci(base, bn, ".properties"))
		return CTX_DOC;
	/* SASL_README, INSTALL.README */
	if (ends_ci(base, bn, "readme"))
		return CTX_DOC;
	/* a Python package's metadata carries its README as the long
	 * description: x.egg-info/PKG-INFO, x.dist-info/METADATA */
	if (ends_ci(base, bn, "pkg-info") || ends_ci(path, n, ".dist-info/metadata"))
		return CTX_DOC;
	return is_code_name(path, n) ? CTX_CODE : CTX_CONFIG;
}

/* Pascal's own marks in the first 4 KiB: a compiler directive "{$…}", or
 * a line that heads a unit, a program or a unit's part. A Puppet manifest
 * has none of them ("${x}" interpolates, "{$" does not occur). */
static bool pascal_text(const unsigned char *buf, size_t len)
{
	static const char *const heads[] = {"unit ", "program ", "library ", "interface",
	                                    "implementation"};
	size_t n = len < 4096 ? len : 4096;

	if (memmem(buf, n, "{$", 2) != NULL)
		return true;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && buf[i - 1] != '\n')
			continue;
		for (size_t k = 0; k < NELEM(heads); k++)
			if (starts_ci((const char *)buf + i, n - i, heads[k]))
				return true;
	}
	return false;
}

enum scan_context context_of_content(enum scan_context by_path, const char *path,
                                     const unsigned char *buf, size_t len)
{
	/* a templated "#!@PERL@" or "#! PERL_COMMAND" names it as well */
	static const char *const languages[] = {"perl", "python", "ruby", "php", "node"};
	size_t n = 0;

	if (by_path == CTX_CONFIG && path != NULL && ends_ci(path, strlen(path), ".pp") &&
	    pascal_text(buf, len))
		return CTX_CODE;
	if (by_path != CTX_CONFIG || len < 4 || buf[0] != '#' || buf[1] != '!')
		return by_path;
	while (n < len && n < 80 && buf[n] != '\n')
		n++;
	for (size_t i = 2; i < n; i++)
		for (size_t k = 0; k < NELEM(languages); k++)
			if (starts_ci((const char *)buf + i, n - i, languages[k]))
				return CTX_CODE;
	return by_path;
}

bool is_patch_path(const char *path)
{
	static const char *const ext[] = {".patch", ".diff", ".debdiff", ".dpatch"};
	size_t n;

	if (path == NULL)
		return false;
	n = strlen(path);
	for (size_t i = 0; i < NELEM(ext); i++)
		if (ends_ci(path, n, ext[i]))
			return true;
	/* patches/, patches-applied/, and the same at the root */
	for (const char *d = path; (d = strstr(d, "patches")) != NULL; d += 7)
		if ((d == path || d[-1] == '/') && (d[7] == '/' || d[7] == '-' || d[7] == '_'))
			return true;
	return false;
}

bool has_heredocs(const char *path)
{
	static const char *const ext[] = {".pl",  ".pm", ".perl",   ".t",  ".rb",
	                                  ".php", ".tf", ".tfvars", ".hcl"};
	size_t n = path != NULL ? strlen(path) : 0;

	for (size_t i = 0; i < NELEM(ext); i++)
		if (ends_ci(path, n, ext[i]))
			return true;
	return false;
}

/* How far one here-document's terminator is looked for. */
#define HEREDOC_MAX (1u << 20)

/* The terminator line of tag [t, t + tn) at or after from: a line holding
 * the tag, indented as <<~, <<- and PHP 7.3 allow, then the line's end or
 * what closes the expression PHP 7.3 may go on with ("EOT;", "EOT, $x);";
 * not "END OF SECTION", a line of the body); its offset, or len. *budget
 * is what may still be read. */
static size_t heredoc_end(const unsigned char *b, size_t len, size_t from, const unsigned char *t,
                          size_t tn, size_t *budget)
{
	size_t limit = len - from > HEREDOC_MAX ? from + HEREDOC_MAX : len;

	if (limit - from > *budget)
		limit = from + *budget;
	for (size_t l = from; l < limit;) {
		const unsigned char *nl = memchr(b + l, '\n', limit - l);
		size_t e = nl != NULL ? (size_t)(nl - b) : limit, i = l;
		while (i < e && (b[i] == ' ' || b[i] == '\t'))
			i++;
		if (e - i >= tn && memcmp(b + i, t, tn) == 0 &&
		    (i + tn == e || b[i + tn] == '\r' || b[i + tn] == ';' || b[i + tn] == ',' ||
		     b[i + tn] == ')')) {
			*budget -= e - from;
			return l;
		}
		l = e + 1;
	}
	*budget -= limit - from;
	return len;
}

/* Whether the "<<" at i stands where an expression's operand does: after
 * "=", "(", ",", ".", "=>", "[", "{" or a word that prints or returns one
 * ("print <<EOF"), on a line that is no comment ("# see <<'EOF'", looked
 * for 256 bytes back); not a shift's ("1 << MASK", "$y <<MASK"), nor
 * eval's code. */
static bool heredoc_operand(const unsigned char *b, size_t i)
{
	static const char *const words[] = {"print", "say", "return", "puts", "echo", "printf"};
	size_t a = i, w;

	while (a > 0 && (b[a - 1] == ' ' || b[a - 1] == '\t'))
		a--;
	for (size_t l = a; l > 0 && a - l < 256 && b[l - 1] != '\n'; l--)
		if (b[l - 1] == '#' || (b[l - 1] == '/' && l > 1 && b[l - 2] == '/'))
			return false; /* a comment, or a URL's "//": no opener */
	if (a == 0 || b[a - 1] == '\n')
		return false;
	if (strchr("=(,.[{>", b[a - 1]) != NULL)
		return true;
	for (w = a; w > 0 && b[w - 1] >= 'a' && b[w - 1] <= 'z'; w--)
		;
	for (size_t k = 0; k < NELEM(words); k++)
		if (a - w == strlen(words[k]) && memcmp(b + w, words[k], a - w) == 0)
			return true;
	return false;
}

size_t next_heredoc(const unsigned char *b, size_t len, size_t from, size_t *end, size_t *budget)
{
	const unsigned char *nl = NULL; /* the end of the line of i, once looked for */

	for (size_t i = from; i + 3 < len && *budget > 0; i++) {
		size_t j = i + 2, t, e;
		unsigned char q = 0;
		if (b[i] != '<' || b[i + 1] != '<' || !heredoc_operand(b, i))
			continue;
		if (b[j] == '<') /* PHP */
			j++;
		if (j < len && (b[j] == '~' || b[j] == '-'))
			j++;
		if (j < len && (b[j] == '"' || b[j] == '\''))
			q = b[j++];
		for (t = j; j < len && j - t < 64 &&
		            ((b[j] >= 'A' && b[j] <= 'Z') || b[j] == '_' ||
		             (j > t && b[j] >= '0' && b[j] <= '9'));
		     j++)
			;
		if (j == t ||
		    (j < len && ((b[j] >= 'a' && b[j] <= 'z') || (q == 0 && b[j] == '"'))) ||
		    (q != 0 && (j == len || b[j] != q)))
			continue;
		if (nl == NULL || (size_t)(nl - b) < j) /* each line's end looked for once */
			nl = memchr(b + j, '\n', len - j);
		if (nl == NULL)
			return len;
		if ((e = heredoc_end(b, len, (size_t)(nl - b) + 1, b + t, j - t, budget)) == len)
			continue;
		*end = e;
		return (size_t)(nl - b) + 1;
	}
	return len;
}

size_t next_patched_file(const unsigned char *buf, size_t len, size_t from, enum scan_context *ctx)
{
	char name[256];

	while (from + 4 < len) {
		const unsigned char *at = memmem(buf + from, len - from, "+++ ", 4);
		size_t h, i, k = 0;
		if (at == NULL)
			break;
		h = (size_t)(at - buf);
		from = h + 4;
		if (h > 0 && buf[h - 1] != '\n')
			continue;
		/* the name, without its first directory ("b/", "pkg-1.2/"),
		 * up to the blank or tab before a date */
		i = from;
		while (i < len && buf[i] != '/' && buf[i] != '\n' && buf[i] != '\t' &&
		       buf[i] != ' ')
			i++;
		i = i < len && buf[i] == '/' ? i + 1 : from;
		while (i < len && k + 1 < sizeof name && buf[i] != '\n' && buf[i] != '\t' &&
		       buf[i] != ' ' && buf[i] != '\r')
			name[k++] = (char)buf[i++];
		name[k] = '\0';
		*ctx = context_of_path(name, 0);
		return h;
	}
	return len;
}

enum scan_context context_of_finding(enum scan_context by_path, const char *category)
{
	/* a store or a device configuration is that, even in binary form (a
	 * browser's SQLite file, a keyring); other binary files are binary */
	if (by_path == CTX_DOC || by_path == CTX_TEST || category == NULL)
		return by_path;
	if (strcmp(category, "client-store") == 0)
		return CTX_STORE;
	if (strcmp(category, "network-device") == 0)
		return CTX_DEVICE;
	return by_path;
}

/* clang-format off */
/* The most common passwords and vendor defaults, lower case. */
static const char *const weak[] = {
	"password", "passwd", "passw0rd", "p@ssw0rd", "p@ssword", "password1", "password123",
	"pass", "pass123", "pass1234", "admin", "admin123", "administrator", "root", "toor",
	"changeme", "change_me", "secret", "letmein", "welcome", "welcome1", "qwerty",
	"qwerty123", "abc123", "abcd1234", "iloveyou", "monkey", "dragon", "master", "default",
	"guest", "test", "test123", "user", "login", "public", "private", "cisco", "manager",
	"support", "oracle", "postgres", "mysql", "sa", "system", "ubnt", "raspberry", "alpine",
	"vagrant", "tomcat", "s3cr3t", "hunter2", "trustno1", "foobar",
};
/* clang-format on */

bool is_weak_value(const unsigned char *s, size_t n)
{
	unsigned char low[32];
	bool digits = true, same = true, hit = false;

	if (n < WEAK_VALUE_MIN)
		return true;
	for (size_t i = 0; i < n; i++) {
		digits &= s[i] >= '0' && s[i] <= '9';
		same &= s[i] == s[0];
	}
	if (digits || same)
		return true;
	if (n > sizeof low)
		return false;
	for (size_t i = 0; i < n; i++)
		low[i] = (unsigned char)lc(s[i]);
	for (size_t i = 0; i < NELEM(weak) && !hit; i++)
		hit = strlen(weak[i]) == n && memcmp(low, weak[i], n) == 0;
	secure_wipe(low, sizeof low);
	return hit;
}
