/* Policy settings: /etc/security/credpolicy.conf, then credpolicy.conf.d/
 * *.conf in name order, then PAM module arguments -- each later source
 * overrides the earlier ones, key by key. */
#ifndef CREDPOLICY_SETTINGS_H
#define CREDPOLICY_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#define SETTINGS_MAX_INDEXES      8
#define SETTINGS_MAX_LINE         1024 /* bytes per line, newline excluded: longer is an error */
#define SETTINGS_MAX_FILE         (1 << 20) /* bytes per configuration file */
#define SETTINGS_MAX_DROPINS      256       /* files in credpolicy.conf.d/ */
#define SETTINGS_HOOK_TIMEOUT_MAX 300       /* seconds: hook_timeout is 1 to this */

enum class_bits {
	CLASS_LOWER = 1 << 0,
	CLASS_UPPER = 1 << 1,
	CLASS_DIGIT = 1 << 2,
	CLASS_SYMBOL = 1 << 3,
	CLASS_ALL = 15,
};

enum index_unavailable {
	INDEX_UNAVAILABLE_REFUSE, /* default: refuse the change (check_unavailable) */
	INDEX_UNAVAILABLE_SKIP,   /* log and skip the breach check */
};

struct policy_settings {
	/* pam_pwquality-compatible, same meanings */
	int minlen;   /* minimum length in code points (credits may lower the bar) */
	int minclass; /* at least this many of the four classes */
	int dcredit, ucredit, lcredit, ocredit;
	int maxrepeat;      /* 0 = off */
	int maxsequence;    /* 0 = off */
	int maxclassrepeat; /* 0 = off */
	int difok;          /* 0 = only "identical" is checked */
	bool gecoscheck;
	bool dictcheck;
	bool usercheck;
	int usersubstr; /* 0 = off, else >= 4 */
	char *badwords; /* space-separated, NULL = none */
	char *dictpath; /* cracklib dictionary prefix, NULL = cracklib's default */
	int retry;
	bool enforce_for_root;
	bool local_users_only;
	bool enforcing; /* false = warn only */

	/* our own */
	unsigned required_classes; /* enum class_bits; "require_classes = upper,lower,digit,symbol"
	                            */
	int maxlen;                /* code points; 0 = no maximum */
	char *wordlist;            /* extra word list, one word per line */
	bool keyboardcheck;        /* keyboard walks */
	bool sequencecheck;        /* abcd/1234 runs of maxsequence+1 or 4 by default */
	int guess_floor;           /* bits (log2 guesses) the model must reach; 0 = off */
	char *breach_index[SETTINGS_MAX_INDEXES]; /* "breach_index = PATH", repeatable */
	int n_breach_index;
	enum index_unavailable breach_unavailable;
	bool login_check_policy; /* also run the policy at login (login_check) */
	char *hooks_dir;         /* leak hooks, default PATH_HOOKS_DIR */
	int hook_timeout;        /* seconds */
	char *leak_ledger;       /* leak events, default PATH_LEAK_LEDGER */

	/* the main file was missing and missing_ok: the compiled-in defaults
	 * (the same policy as the shipped file) are in force; say so */
	bool main_missing;

	/* bookkeeping for "a later source replaces a repeatable key" */
	unsigned source_count;        /* sources parsed so far */
	unsigned breach_index_source; /* source that set breach_index */
};

struct settings_error {
	char file[256]; /* "" for module arguments */
	unsigned line;  /* 0 when not tied to a line */
	char msg[256];  /* what is wrong and what to do */
};

/* An error as one line for messages and logs: "FILE:LINE: msg", "FILE: msg"
 * when not tied to a line, or "SOURCE: msg" when not from a file (source
 * names where such settings come from, e.g. "--set" or "module argument").
 * Returns buf. */
const char *settings_error_format(const struct settings_error *e, const char *source, char *buf,
                                  size_t len);

/* The guessability floor in bits, chosen with `make bench-policy`
 * (doc/benchmarks.md). */
#define SETTINGS_DEFAULT_GUESS_FLOOR 54

/* s->leak_ledger, or PATH_LEAK_LEDGER when not set. */
const char *settings_leak_ledger(const struct policy_settings *s);

/* s->hooks_dir, or PATH_HOOKS_DIR when not set. */
const char *settings_hooks_dir(const struct policy_settings *s);

/* The defaults: the clause 3(1)③ default policy, the same as the shipped
 * credpolicy.conf (a unit test holds them equal): 12 code points, all four
 * classes, dictionary, user-name and breach checks on, the default breach
 * index, root not exempt. Deleting the file never weakens the policy. */
void settings_init(struct policy_settings *s);
void settings_free(struct policy_settings *s);

/* Read path (NULL = PATH_POLICY_CONF), then path + ".d/" *.conf in
 * strcmp order. A missing main file is not an error only when missing_ok;
 * a missing .d directory never is. Files must be root-owned and not group-
 * or world-writable when the caller runs as root or setuid (relaxed only
 * in the suite's builds: seam.h). Returns 0, or -errno with *err filled. */
int settings_load(struct policy_settings *s, const char *path, bool missing_ok,
                  struct settings_error *err);

/* Apply one "key=value" or bare "flag" (module argument). Returns 0, -ENOENT
 * for an unknown key, -EINVAL for a bad value, with *err filled. */
int settings_apply(struct policy_settings *s, const char *arg, struct settings_error *err);

/* Parse a whole configuration text (for tests and fuzzing); name is used in
 * error messages. */
int settings_parse_buffer(struct policy_settings *s, const char *name, const char *text, size_t len,
                          struct settings_error *err);

#endif
