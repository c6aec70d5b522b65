/* Subcommands of credaudit; each lives in its own cmd_*.c.
 * Exit status: 0 clean, 1 findings, 2 usage, configuration or I/O error. */
#ifndef CREDPOLICY_AUDITOR_COMMANDS_H
#define CREDPOLICY_AUDITOR_COMMANDS_H

int cmd_scan(int argc, char **argv);     /* credaudit scan */
int cmd_rules(int argc, char **argv);    /* credaudit rules test|list */
int cmd_accounts(int argc, char **argv); /* credaudit accounts */
int cmd_report(int argc, char **argv);   /* credaudit report */

#endif
