/* Grading a finding instead of dropping it: where it was found (its
 * context) and whether its value is a known-weak or default one. */
#ifndef CREDPOLICY_GRADING_H
#define CREDPOLICY_GRADING_H

#include <stdbool.h>
#include <stddef.h>

/* Where a finding is: a configuration file, source code, documentation,
 * a client credential store, a network device's configuration, or a
 * compiled or binary file. */
enum scan_context {
	CTX_CONFIG,
	CTX_CODE,
	CTX_DOC,
	CTX_STORE,
	CTX_DEVICE,
	CTX_BINARY,
	CTX_TEST,
};

/* "config", "code", "doc", "store", "device", "binary", "test" */
const char *scan_context_name(enum scan_context c);

/* The context a path alone shows: a test suite's fixtures (a tests/ or
 * fixtures/ directory, a test_x.py), documentation (man pages, doc trees,
 * *.md, RFC text, change logs), source code (by extension), or config.
 * Directories are read only below the root scanned, path[0, root_len):
 * a root of /home/test says nothing of the files under it. */
enum scan_context context_of_path(const char *path, size_t root_len);

/* Whether a path names source code by its extension ("x.py", "auth.pl.in"). */
bool is_code_path(const char *path);

/* What a file's first bytes add to its path: a script whose "#!" line
 * names the interpreter of a programming language (perl, python, ruby,
 * php, node), under any name ("ftpasswd", "convert4r3.src"), is code; so
 * is a ".pp" file that is Pascal, not a Puppet manifest (a compiler
 * directive, a unit's or a program's heading). */
enum scan_context context_of_content(enum scan_context by_path, const char *path,
                                     const unsigned char *buf, size_t len);

/* A patch (*.patch, *.diff, a file below a patches/ directory): each of
 * its hunks has the context of the file it changes, read from its
 * "+++ b/path" header; its description, before the first header, is
 * documentation. */
bool is_patch_path(const char *path);
/* The first file header ("+++ name" at a line's start) at or after from:
 * its offset, and in *ctx the context of the file it names; len when
 * there is none. */
size_t next_patched_file(const unsigned char *buf, size_t len, size_t from, enum scan_context *ctx);

/* A source file whose language writes text in here-documents (Perl, Ruby,
 * PHP, HashiCorp's configuration language): <<"END" … END, <<~EOS … EOS,
 * <<<EOT … EOT, <<-EOF … EOF; their bodies are data. */
bool has_heredocs(const char *path);
/* The first here-document opened at or after from: the offset of its
 * body's first line, and in *end that of its terminator line; len when
 * there is none. The tag is a name in capitals ("END", "EOS",
 * "CONFIG_2"), the opener stands as an operand ("= <<'END'", "(<<~EOS",
 * "print <<EOF"; not a shift, "1 << MASK", nor a comment's text), and its
 * terminator line follows within 1 MiB. The searches for terminators read
 * at most *budget bytes in all (decreased): a file of openers without
 * terminators costs a few passes over it, no more. */
size_t next_heredoc(const unsigned char *buf, size_t len, size_t from, size_t *end, size_t *budget);

/* The context of a finding of a rule of `category` in a file whose path
 * shows `by_path`: stores and device configurations by their rule,
 * documentation and code by their path. */
enum scan_context context_of_finding(enum scan_context by_path, const char *category);

/* A known-weak or default value: one of the most common passwords or
 * vendor defaults, a run of one character, digits only, or shorter than
 * WEAK_VALUE_MIN. Stored, it is guessable as well. */
#define WEAK_VALUE_MIN 6
bool is_weak_value(const unsigned char *s, size_t n);

#endif
