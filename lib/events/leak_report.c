/* The one way to raise a leak event (leak_report.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "events/leak_account.h"
#include "events/leak_ledger.h"
#include "events/leak_report.h"
#include "logline.h"

static void say(const struct leak_sink *sink, int priority, const struct log_kv *kv, size_t n)
{
	char line[LOGLINE_MAX];

	if (sink->log == NULL)
		return;
	logline_format(line, sizeof line, kv, n);
	sink->log(sink->log_ctx, priority, line);
}

static void ledger_problem(const struct leak_sink *sink, const struct leak_event *ev,
                           const char *what, int err)
{
	struct log_kv kv[] = {{"event", "leak_ledger"}, {"id", ev->id},      {"user", ev->user},
	                      {"ledger", sink->ledger}, {"result", "error"}, {"detail", what},
	                      {"error", strerror(-err)}};

	say(sink, LOG_ERR, kv, sizeof kv / sizeof kv[0]);
}

/* In the background through the runner, else (or when it fails) here. */
static int run_hooks(const struct leak_sink *sink, const struct leak_event *ev)
{
	struct leak_hook_results res = {0};
	char detail[160];
	struct log_kv kv[] = {{"event", "leak_hooks"}, {"id", ev->id},    {"user", ev->user},
	                      {"source", ev->source},  {"verdict", NULL}, {"detail", detail}};
	int rc;

	if (sink->runner != NULL) {
		rc = leak_hooks_detach(sink->runner, sink->hooks_dir,
		                       sink->ledger != NULL ? sink->ledger : "", ev,
		                       sink->hook_timeout);
		if (rc > 0) {
			snprintf(detail, sizeof detail, "runner pid %d", rc);
			kv[4].value = "background";
			say(sink, LOG_INFO, kv, sizeof kv / sizeof kv[0]);
			return LEAK_HOOKS_DETACHED;
		}
		snprintf(detail, sizeof detail, "runner %s failed: %s", sink->runner,
		         strerror(-rc));
		kv[4].value = "foreground";
		say(sink, LOG_WARNING, kv, sizeof kv / sizeof kv[0]);
	}
	rc = leak_hooks_run_collect(sink->hooks_dir, ev, sink->hook_timeout, sink->log,
	                            sink->log_ctx, &res);
	if (sink->ledger != NULL) {
		int err = leak_ledger_append_hooks(sink->ledger, ev, &res, rc);
		if (err != 0)
			ledger_problem(sink, ev, "hook results not recorded", err);
	}
	leak_hook_results_free(&res);
	return rc;
}

static void summary(const struct leak_sink *sink, const struct leak_event *ev,
                    const struct leak_outcome *o)
{
	char hooks[32], uid[32];
	struct log_kv kv[12];
	size_t n = 0;

	if (o->hooks == LEAK_HOOKS_DETACHED)
		snprintf(hooks, sizeof hooks, "background");
	else if (o->hooks == -ENOENT)
		snprintf(hooks, sizeof hooks, "none");
	else if (o->hooks < 0)
		snprintf(hooks, sizeof hooks, "not_run");
	else
		snprintf(hooks, sizeof hooks, "failed=%d", o->hooks);
	snprintf(uid, sizeof uid, "%u", (unsigned)getuid());
	kv[n++] = (struct log_kv){"event", "leak_event"};
	kv[n++] = (struct log_kv){"clause", LEAK_EVENT_CLAUSE};
	kv[n++] = (struct log_kv){"id", ev->id};
	kv[n++] = (struct log_kv){"leak", ev->event};
	kv[n++] = (struct log_kv){"user", ev->user};
	kv[n++] = (struct log_kv){"source", ev->source};
	if (ev->root != NULL)
		kv[n++] = (struct log_kv){"root", ev->root};
	kv[n++] = (struct log_kv){"action", ev->action};
	if (ev->why_not_forced != NULL)
		kv[n++] = (struct log_kv){"why_not_forced", ev->why_not_forced};
	kv[n++] = (struct log_kv){"hooks", hooks};
	kv[n++] = (struct log_kv){"ledger", sink->ledger == NULL ? "none"
	                                    : o->ledger == 0     ? "recorded"
	                                                         : "error"};
	kv[n++] = (struct log_kv){"by_uid", uid};
	say(sink, LOG_NOTICE, kv, n);
}

void leak_report(struct leak_event *ev, const struct leak_sink *sink, struct leak_outcome *out)
{
	struct leak_outcome o = {.hooks = -ENOENT, .ledger = 0};
	const char *state = "none";
	int err;

	err = leak_event_stamp(ev);
	if (err != 0)
		ledger_problem(sink, ev, "event not stamped", err);
	if (ev->lastchg < 0) {
		struct leak_account a;

		if (leak_account_lookup(ev->root, ev->user, &a) == 0 && a.has_shadow)
			ev->lastchg = a.lastchg;
	}
	bool hooks = sink->hooks_dir != NULL && access(sink->hooks_dir, F_OK) == 0;
	if (hooks)
		state = sink->runner != NULL ? "background" : "foreground";
	/* The event is recorded before any hook runs: a hook that hangs or a
	 * runner that dies cannot lose it. */
	if (sink->ledger != NULL) {
		o.ledger = leak_ledger_append_event(sink->ledger, ev, state);
		if (o.ledger != 0)
			ledger_problem(sink, ev, "event not recorded", o.ledger);
	}
	if (hooks)
		o.hooks = run_hooks(sink, ev);
	else if (sink->hooks_dir != NULL)
		o.hooks = leak_hooks_run(sink->hooks_dir, ev, sink->hook_timeout, sink->log,
		                         sink->log_ctx); /* logs why there are none */
	summary(sink, ev, &o);
	if (out != NULL)
		*out = o;
}
