/* Test seams: the only ways the test suite changes what the library does.
 * Each is decided at link time, never by production code reading the
 * environment. Every program and module that links libcpcore also links
 * exactly one of:
 *   libcpseam.la       every seam off (what is installed);
 *   libcpseam_test.la  lib/seam.c built with CREDPOLICY_TEST_HOOKS: the
 *                      seams read the variables below, for the suite's
 *                      own builds only (never installed).
 * Forgetting both is a link error, so no build gets a seam by accident. */
#ifndef CREDPOLICY_SEAM_H
#define CREDPOLICY_SEAM_H

#include <stdbool.h>

/* CREDPOLICY_TESTING=1: files that must be root's (policy, rules, hooks,
 * the breach index) may be the calling user's instead, so the suite runs
 * without root. */
bool seam_any_owner(void);

/* CREDPOLICY_LOCALEDIR (with CREDPOLICY_TESTING=1): the message catalogues
 * the suite compiles from po/, instead of the installed ones; NULL when
 * not set. */
const char *seam_locale_dir(void);

/* The environment entry that carries the seams into a program we spawn
 * (the detached hook runner), or NULL. */
const char *seam_child_env(void);

#endif
