/* Grading (grading.h): contexts by path and category, known-weak values. */
#include "config.h"

#include <string.h>

#include "rules/grading.h"
#include "secure.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *scan_context_name(enum scan_context c)
{
	static const char *const names[] = {"config", "code", "doc", "store", "device", "binary"};
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
                                      ".1.gz", ".5.gz", ".8.gz", ".3.gz", ".7.gz"};
static const char *const doc_names[] = {"readme", "changelog", "changes", "news", "history",
                                        "faq", "rfc", "install", "copying", "authors"};
static const char *const code_ext[] = {
	".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".hxx", ".tcc", ".java", ".kt", ".kts",
	".scala", ".groovy", ".go", ".rs", ".py", ".pyi", ".rb", ".php", ".js", ".mjs", ".cjs",
	".ts", ".tsx", ".jsx", ".cs", ".vb", ".fs", ".swift", ".m", ".mm", ".pl", ".pm", ".lua",
	".dart", ".r", ".jl", ".ex", ".exs", ".erl", ".clj", ".ps1", ".psm1", ".td", ".inc", ".def",
};
/* clang-format on */

enum scan_context context_of_path(const char *path)
{
	const char *base, *bang;
	size_t n, bn;

	if (path == NULL)
		return CTX_CONFIG;
	/* in an archive, the member's name decides; the archive's own
	 * place (a doc tree) too */
	for (size_t i = 0; i < NELEM(doc_dirs); i++)
		if (strstr(path, doc_dirs[i]) != NULL)
			return CTX_DOC;
	bang = strrchr(path, '!');
	if (bang != NULL)
		path = bang + 1;
	n = strlen(path);
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	bn = strlen(base);
	/* C++ standard headers have no extension: /usr/include/c++/12/string */
	if (strstr(path, "include/") != NULL && strchr(base, '.') == NULL)
		return CTX_CODE;
	for (size_t i = 0; i < NELEM(doc_ext); i++)
		if (ends_ci(path, n, doc_ext[i]))
			return CTX_DOC;
	for (size_t i = 0; i < NELEM(doc_names); i++)
		if (starts_ci(base, bn, doc_names[i]))
			return CTX_DOC;
	for (size_t i = 0; i < NELEM(code_ext); i++)
		if (ends_ci(path, n, code_ext[i]))
			return CTX_CODE;
	return CTX_CONFIG;
}

enum scan_context context_of_finding(enum scan_context by_path, const char *category)
{
	/* a store or a device configuration is that, even in binary form (a
	 * browser's SQLite file, a keyring); other binary files are binary */
	if (by_path == CTX_DOC || category == NULL)
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
