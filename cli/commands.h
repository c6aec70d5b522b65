/* Subcommands of the credpolicy CLI; each lives in its own cmd_*.c.
 * argv[0] is the subcommand name. Return the process exit status:
 * 0 accepted/clean, 1 rejected/found, 2 usage, configuration or I/O error. */
#ifndef CREDPOLICY_CLI_COMMANDS_H
#define CREDPOLICY_CLI_COMMANDS_H

int cmd_check(int argc, char **argv);  /* credpolicy check */
int cmd_breach(int argc, char **argv); /* credpolicy breach build|lookup|info */
int cmd_leak(int argc, char **argv);   /* credpolicy leak report */

#endif
