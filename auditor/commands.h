/* Subcommands of credaudit; each lives in its own cmd_*.c.
 * Exit status: 0 clean, 1 findings, 2 usage, configuration or I/O error. */
#ifndef CREDPOLICY_AUDITOR_COMMANDS_H
#define CREDPOLICY_AUDITOR_COMMANDS_H

#include <stdbool.h>

int cmd_scan(int argc, char **argv);     /* credaudit scan */
int cmd_rules(int argc, char **argv);    /* credaudit rules test|list */
int cmd_accounts(int argc, char **argv); /* credaudit accounts */
int cmd_report(int argc, char **argv);   /* credaudit report */
int cmd_fleet(int argc, char **argv);    /* credaudit fleet-report */

/* Load the fingerprint key (path, else $CREDPOLICY_FINGERPRINT_KEY, else the
 * installation's, created at first use) before any fingerprint is taken.
 * A user other than root who cannot read the installation's key gets
 * fingerprints keyed for this run only, with a note, unless stable_needed
 * (baselines). 0, or -1 after telling stderr why. */
int load_fingerprint_key(const char *cmd, const char *path, bool stable_needed);

#endif
