/* Every path credpolicy installs or reads by default, in one place. The
 * prefixes come from configure (Makefile.am passes SYSCONFDIR, PKGDATADIR
 * and LOCALEDIR); documentation (man/, doc/, conf/) names the same paths. */
#ifndef CREDPOLICY_PATHS_H
#define CREDPOLICY_PATHS_H

/* The policy file; drop-ins in PATH_POLICY_CONF ".d/" (credpolicy.conf(5)). */
#define PATH_POLICY_CONF SYSCONFDIR "/security/credpolicy.conf"
/* Leak-report hooks (hooks_dir in credpolicy.conf). */
#define PATH_HOOKS_DIR SYSCONFDIR "/credpolicy/hooks.d"
/* The shipped scanner rules, and the administrator's own beside them. */
#define PATH_RULES_DIR       PKGDATADIR "/rules"
#define PATH_LOCAL_RULES_DIR SYSCONFDIR "/credpolicy/rules.d"
/* The compromised-password index of the default policy. */
#define PATH_BREACH_INDEX LOCALSTATEDIR "/lib/credpolicy/breach.idx"
/* The ledger of every reported leak (leak_ledger in credpolicy.conf). */
#define PATH_LEAK_LEDGER LOCALSTATEDIR "/lib/credpolicy/leaks.jsonl"
/* The word list of the dictionary check when wordlist is not set. */
#define PATH_WORDLIST "/usr/share/dict/cracklib-small"
/* john-data's list of common passwords, most frequent first: ranked words. */
#define PATH_RANKED_LIST "/usr/share/john/password.lst"
/* The installation's key for fingerprints of found secrets (fingerprint_key.h). */
#define PATH_FINGERPRINT_KEY LOCALSTATEDIR "/lib/credpolicy/fingerprint.key"
/* Message catalogues. */
#define PATH_LOCALE_DIR LOCALEDIR
/* The detached runner of leak hooks the PAM module starts at login. */
#define PATH_LEAK_NOTIFY PKGLIBEXECDIR "/credpolicy-leak-notify"
/* shadow's chage(1), which forces a password change at next login. */
#define PATH_CHAGE "/usr/bin/chage"

#endif
