/* Rules as loaded from rule files: the parser's output and the engine's
 * input. The format is described in doc/rules.md. */
#ifndef CREDPOLICY_RULE_SET_H
#define CREDPOLICY_RULE_SET_H

#include <stdbool.h>
#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "rules/decoders/decoder.h"
#include "rules/finding.h"

/* How far before its keyword a match may start, by default and at most. */
#define RULE_REACH_DEFAULT 64
#define RULE_REACH_MAX     512
/* The longest match the engine reports; longer ones are not findings.
 * Identity providers' JWTs often pass 1 KiB. */
#define RULE_MATCH_MAX   4096
#define RULE_KEYWORD_MIN 2
/* The most secrets one match of a rule with "each" yields. */
#define RULE_EACH_MAX    64
#define RULE_KEYWORD_MAX 64
/* Rule files larger than this are refused. */
#define RULE_FILE_MAX (1024 * 1024)

struct rule_example {
	char *text; /* what to scan */
	size_t len;
	char *path;      /* path the text is scanned as (example-path), or NULL */
	bool must_match; /* example (true) or counterexample (false) */
	int line;        /* where it is written */
};

struct rule {
	char *id;
	char *description;
	char *category;
	char *clause;
	enum severity severity;
	char **keywords; /* lower case */
	size_t nkeywords;
	char *pattern;    /* PCRE2 source, or NULL for a file-name rule */
	char *path;       /* PCRE2 source matched against the path, or NULL */
	double entropy;   /* minimum Shannon bits per byte of the secret; 0 = none */
	char **allowlist; /* PCRE2 sources matched against the secret */
	size_t nallowlist;
	/* code-allowlist = REGEX: allowlist[i] applies only where a name can
	 * be a variable, in source code or documentation; in a data file
	 * (.env, .ini, YAML, JSON) the same text is a literal value */
	bool *allow_code;
	char **stopwords; /* lower case; a secret containing one is not a finding */
	size_t nstopwords;
	/* each = REGEX: the secret group holds a list (a JSON or YAML array);
	 * every match of REGEX in it, its first group that took part or else
	 * the whole match, is a secret of its own, at most RULE_EACH_MAX */
	char *each;
	char *decoder_name;
	const struct decoder *decoder;
	unsigned reach;
	/* reach = word: the match starts where the name holding the keyword
	 * starts ([A-Za-z0-9_.-] back from it, at most reach bytes), and only
	 * there: one attempt per keyword instead of one per byte of reach */
	bool reach_word;
	int group; /* secret group number; -1 = "secret" named group or 1 or 0 */
	bool enabled;
	bool generic; /* reported only where no specific rule found the secret */
	bool table;   /* table = csv: a CSV or TSV file's credential column (table.h) */
	/* field = several: the "key" group names several credentials, each
	 * under a name of its own (passwords:, api_tokens:; field.h) */
	bool several;
	/* field = tuple: the "key" group names one target of a tuple
	 * assignment; the secret is the value in its place (tuple.h), and
	 * there is no finding where none can be paired */
	bool tuple;
	struct rule_example *examples;
	size_t nexamples;

	char *file; /* where the rule was defined */
	int line;

	/* compiled by the loader; all but re JIT-compiled (the engine does
	 * re's when it first matches it) */
	pcre2_code *re;
	pcre2_code *path_re;
	pcre2_code **allow_re;
	pcre2_code *each_re;
	int secret_group;  /* resolved group number */
	int account_group; /* "account" named group, or -1 */
	int key_group;     /* "key" named group (the field's name, judged), or -1 */
};

struct rule_set {
	struct rule *rules;
	size_t nrules;
	size_t cap;
};

struct rule_set *rule_set_new(void);

/* Parse one rule file held in memory (name is used in messages). A rule
 * with the id of one already in the set replaces it (local overrides).
 * Returns 0 or -EINVAL with "name:line: what; what to do" in err. */
int rule_set_parse(struct rule_set *rs, const char *name, const char *text, size_t len, char *err,
                   size_t errlen);

/* Load every *.rule file of one directory, in name order. */
int rule_set_load_dir(struct rule_set *rs, const char *dir, char *err, size_t errlen);

/* Where the rules are when none are named (--rules): PATH_RULES_DIR and
 * PATH_LOCAL_RULES_DIR (paths.h), whose rules override shipped rules of
 * the same id. */

/* The shipped rules and, when the directory exists, the local ones: what
 * every credaudit subcommand reads unless given --rules (rule_default.c). */
int rule_set_load_default(struct rule_set **out, char *err, size_t errlen);

const struct rule *rule_set_find(const struct rule_set *rs, const char *id);

#endif
