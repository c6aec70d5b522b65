/* leak_report(): the one way a leak event is raised, from every source
 * (credpolicy leak report, the module's login check, credaudit's confirmed
 * leaks). It stamps the event (id, time, host), records the account's
 * last password change, appends the event to the ledger, runs the hooks
 * (in the background through the runner when one is given, else here) and
 * has their results appended, and logs one summary line. */
#ifndef CREDPOLICY_LEAK_REPORT_H
#define CREDPOLICY_LEAK_REPORT_H

#include "events/leak_event.h"

struct leak_sink {
	const char *hooks_dir; /* NULL: run no hooks */
	int hook_timeout;      /* seconds; <= 0: the default */
	const char *runner;    /* NULL: run the hooks here and now */
	const char *ledger;    /* NULL: no ledger */
	leak_log_fn log;       /* every line: the hooks', the ledger's, the summary */
	void *log_ctx;
};

#define LEAK_HOOKS_DETACHED 1000000 /* leak_outcome.hooks: handed to the runner */

struct leak_outcome {
	int hooks;  /* failed or refused hooks (>= 0), LEAK_HOOKS_DETACHED, or -errno
	             * when the directory could not be used (-ENOENT: none) */
	int ledger; /* 0, or -errno when the event could not be recorded */
};

/* Raise ev (stamped here unless already stamped; lastchg looked up when
 * negative and the account is readable). Never fails: what went wrong is
 * in *out (which may be NULL) and in the log. */
void leak_report(struct leak_event *ev, const struct leak_sink *sink, struct leak_outcome *out);

#endif
