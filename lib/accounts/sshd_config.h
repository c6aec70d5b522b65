/* sshd_config(5): where sshd looks for each user's authorized keys, and
 * the settings that decide whether passwords and root log in. The first
 * value of a keyword wins, as in sshd; Include is handed back to the
 * caller (which resolves the globs inside the root and parses the files
 * in place); Match blocks are noted and what they set is kept apart. */
#ifndef CREDPOLICY_ACCOUNTS_SSHD_CONFIG_H
#define CREDPOLICY_ACCOUNTS_SSHD_CONFIG_H

#include <stddef.h>

#include "textlines.h"

struct sshd_match {
	char *file;
	unsigned line;
	char *criteria; /* e.g. "User backup" */
	char **akf;     /* AuthorizedKeysFile set inside the block, or NULL */
};

struct sshd_config {
	char **akf;              /* global AuthorizedKeysFile patterns, NULL = default */
	char *permit_root_login; /* first value, or NULL */
	char *password_authentication;
	struct sshd_match *matches;
	size_t nmatches;
	int in_match;   /* parser state: inside a Match block */
	unsigned depth; /* Include nesting */
};

/* Called for "Include pattern..." (each pattern separately), while the
 * parse of the current file is suspended; returns 0 or -errno to stop. */
typedef int (*sshd_include_fn)(void *ctx, const char *pattern, const char *from, unsigned line);

int sshd_config_parse(const char *buf, size_t len, const char *file, struct sshd_config *c,
                      sshd_include_fn include, void *ctx, struct diags *d);
void sshd_config_free(struct sshd_config *c);

/* Expand one AuthorizedKeysFile pattern for a user: %% %h %u %U; a
 * relative result is taken relative to the home. Returns a malloc'd
 * path, or NULL for "none" or on allocation failure. */
char *sshd_expand_akf(const char *pattern, const char *user, const char *home, unsigned long uid);

#endif
