/* credpolicy leak list | show | dismiss: the administrator's review of the
 * leak ledger (lib/events/leak_ledger.h): which reported leaks are still
 * open, since when, what the hooks did, and closing one with a reason (a
 * new ledger line; the ledger is never rewritten). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd_leak.h"
#include "events/leak_ledger.h"
#include "events/leak_state.h"
#include "i18n.h"
#include "paths.h"
#include "logline.h"
#include "timefmt.h"

static const char prog[] = "credpolicy leak";

void leak_ledger_usage(FILE *out)
{
	fprintf(out,
	        _("\n"
	          "Usage: credpolicy leak list [--open] [--user NAME] [--since TIME] [--json]\n"
	          "       credpolicy leak show ID [--json]\n"
	          "       credpolicy leak dismiss ID --reason TEXT\n"
	          "Review the leak ledger (setting leak_ledger, default %s):\n"
	          "each event's state is open, changed, locked, removed or dismissed.\n"
	          "\n"
	          "      --open             only events still open\n"
	          "      --user NAME        only events of this account\n"
	          "      --since TIME       only events at or after TIME (RFC 3339 or YYYY-MM-DD)\n"
	          "      --json             one JSON object per line\n"
	          "  -R, --root DIR         judge this host's events against DIR/etc/shadow\n"
	          "      --ledger FILE      read this ledger instead\n"
	          "  -c, --config FILE      settings file (default %s)\n"
	          "  -r, --reason TEXT      why the event is dismissed (dismiss)\n"
	          "\n"
	          "Exit status: 0 no open event, 1 an event is open, 2 error.\n"),
	        PATH_LEAK_LEDGER, PATH_POLICY_CONF);
}

struct review_opts {
	const char *id, *user, *root, *ledger, *config, *reason;
	bool open_only, json;
	time_t since;
};

static int parse_review_args(int argc, char **argv, struct review_opts *o)
{
	enum { OPT_OPEN = 256, OPT_USER, OPT_SINCE, OPT_JSON, OPT_LEDGER };
	static const struct option opts[] = {
	        {"open", no_argument, NULL, OPT_OPEN},
	        {"user", required_argument, NULL, OPT_USER},
	        {"since", required_argument, NULL, OPT_SINCE},
	        {"json", no_argument, NULL, OPT_JSON},
	        {"root", required_argument, NULL, 'R'},
	        {"ledger", required_argument, NULL, OPT_LEDGER},
	        {"config", required_argument, NULL, 'c'},
	        {"reason", required_argument, NULL, 'r'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c;

	*o = (struct review_opts){0};
	optind = 1;
	while ((c = getopt_long(argc, argv, "R:c:r:h", opts, NULL)) != -1) {
		if (c == OPT_OPEN || c == OPT_JSON)
			*(c == OPT_OPEN ? &o->open_only : &o->json) = true;
		else if (c == OPT_USER || c == OPT_LEDGER || c == 'R' || c == 'c' || c == 'r')
			*(c == OPT_USER     ? &o->user
			  : c == OPT_LEDGER ? &o->ledger
			  : c == 'R'        ? &o->root
			  : c == 'c'        ? &o->config
			                    : &o->reason) = optarg;
		else if (c == OPT_SINCE && rfc3339_parse(optarg, &o->since) != 0) {
			fprintf(stderr,
			        _("%s: --since takes an RFC 3339 time or YYYY-MM-DD, not '%s'\n"),
			        prog, optarg);
			return 2;
		} else if (c == 'h' || c == '?') {
			leak_ledger_usage(c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	if (optind < argc)
		o->id = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, _("%s: unexpected argument '%s'\n"), prog, argv[optind]);
		return 2;
	}
	return -1;
}

struct warn_ctx {
	const char *path;
};

static void warn_line(void *ctx, unsigned long line, const char *what)
{
	const struct warn_ctx *w = ctx;

	fprintf(stderr, _("%s: %s:%lu: line skipped: %s\n"), prog, w->path, line, what);
}

/* Read the ledger the options or settings name. -1 to go on, or 2 after a
 * message. */
static int load_ledger(const struct review_opts *o, struct leak_ledger *l)
{
	struct leak_cli_conf conf = {0};
	struct warn_ctx w;
	int err;

	*l = (struct leak_ledger){0};
	if (o->ledger == NULL && leak_cli_conf_load(o->config, &conf) != 0)
		return 2;
	w.path = o->ledger != NULL ? o->ledger : conf.ledger;
	err = leak_ledger_read(w.path, l, warn_line, &w);
	if (err != 0)
		fprintf(stderr, _("%s: cannot read the ledger %s: %s\n"), prog, w.path,
		        err == -EFBIG ? _("too large; rotate it (see doc/hooks.md)")
		                      : strerror(-err));
	else if (l->truncated)
		fprintf(stderr,
		        _("%s: %s: only the first %d events were read; rotate the ledger\n"), prog,
		        w.path, LEAK_LEDGER_EVENTS_MAX);
	leak_cli_conf_free(&conf);
	return err != 0 ? 2 : -1;
}

/* Text from the ledger, printed so that no byte can drive the terminal:
 * control characters (C0, DEL, C1) are shown as \xHH. */
static void put_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "-");

	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			printf("\\x%02x", *p);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			printf("\\x%02x", *++p);
		else
			putchar(*p);
	}
}

static void format_age(time_t since, char *buf, size_t len)
{
	long long s = (long long)(time(NULL) - since);

	if (s < 0)
		s = 0;
	if (s >= 86400)
		snprintf(buf, len, "%lldd%lldh", s / 86400, s % 86400 / 3600);
	else
		snprintf(buf, len, "%lldh%lldm", s / 3600, s % 3600 / 60);
}

static void print_json(json_object *rec, enum leak_state st, const struct leak_entry *e)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_get(json_object_object_get(rec, "id")));
	json_object_object_foreach(rec, key, val)
	{
		if (strcmp(key, "type") != 0 && strcmp(key, "id") != 0)
			json_object_object_add(o, key, json_object_get(val));
	}
	json_object_object_add(o, "state", json_object_new_string(leak_state_name(st)));
	if (st == LEAK_OPEN)
		json_object_object_add(o, "age_s", json_object_new_int64(time(NULL) - e->when));
	if (e->hooks != NULL)
		json_object_object_add(o, "hook_results",
		                       json_object_get(json_object_object_get(e->hooks, "hooks")));
	if (e->dismiss != NULL)
		json_object_object_add(o, "dismissal", json_object_get(e->dismiss));
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
	                                               JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static void print_row(const struct leak_entry *e, enum leak_state st)
{
	char age[32] = "-";

	if (st == LEAK_OPEN)
		format_age(e->when, age, sizeof age);
	printf("%s  %s  %-9s %-7s ", leak_field(e->event, "id"), leak_field(e->event, "time"),
	       leak_state_name(st), age);
	put_text(leak_field(e->event, "user"));
	printf("  %s", leak_field(e->event, "source"));
	if (leak_field(e->event, "root") != NULL) {
		printf("  root=");
		put_text(leak_field(e->event, "root"));
	}
	putchar('\n');
}

static bool wanted(const struct review_opts *o, const struct leak_entry *e)
{
	return (o->user == NULL || strcmp(o->user, leak_field(e->event, "user")) == 0) &&
	       e->when >= o->since;
}

int leak_list_cmd(int argc, char **argv)
{
	struct review_opts o;
	struct leak_ledger l;
	size_t open = 0;
	int rc = parse_review_args(argc, argv, &o);

	if (rc < 0 && o.id != NULL) {
		fprintf(stderr, _("%s: unexpected argument '%s'\n"), prog, o.id);
		rc = 2;
	}
	if (rc < 0)
		rc = load_ledger(&o, &l);
	if (rc >= 0)
		return rc;
	for (size_t i = 0; i < l.n; i++) {
		const struct leak_entry *e = &l.v[i];
		enum leak_state st;

		if (!wanted(&o, e))
			continue;
		st = leak_entry_state(e, o.root);
		open += st == LEAK_OPEN;
		if (o.open_only && st != LEAK_OPEN)
			continue;
		if (o.json)
			print_json(e->event, st, e);
		else
			print_row(e, st);
	}
	if (!o.json)
		printf(_("%zu open event(s).\n"), open);
	leak_ledger_free(&l);
	return open > 0 ? 1 : 0;
}

/* The entry o->id names, or NULL after a message. */
static struct leak_entry *find_event(const struct review_opts *o, const struct leak_ledger *l)
{
	struct leak_entry *e;
	bool ambiguous;

	if (o->id == NULL) {
		fprintf(stderr, _("%s: which event? Give its ID (see credpolicy leak list)\n"),
		        prog);
		return NULL;
	}
	e = leak_ledger_find(l, o->id, &ambiguous);
	if (e == NULL)
		fprintf(stderr,
		        ambiguous ? _("%s: '%s' names more than one event; give more of the ID\n")
		                  : _("%s: no event '%s' in the ledger\n"),
		        prog, o->id);
	return e;
}

static void print_hooks(json_object *hooks)
{
	json_object *arr = json_object_object_get(hooks, "hooks");
	size_t n = json_object_is_type(arr, json_type_array) ? json_object_array_length(arr) : 0;

	if (leak_field(hooks, "error") != NULL)
		printf(_("hooks:     not run: %s\n"), leak_field(hooks, "error"));
	else
		printf(_("hooks:     %d failed or refused\n"),
		       json_object_get_int(json_object_object_get(hooks, "failed")));
	for (size_t i = 0; i < n; i++) {
		json_object *h = json_object_array_get_idx(arr, i);

		printf("  ");
		put_text(leak_field(h, "name"));
		printf(_(": %s %d, %lld ms"), leak_field(h, "result"),
		       json_object_get_int(json_object_object_get(h, "status")),
		       (long long)json_object_get_int64(json_object_object_get(h, "duration_ms")));
		if (leak_field(h, "output") != NULL && leak_field(h, "output")[0] != '\0') {
			printf(_(", output: "));
			put_text(leak_field(h, "output"));
			if (json_object_get_boolean(json_object_object_get(h, "output_cut")))
				printf(_(" (cut)"));
		}
		putchar('\n');
	}
}

static void print_event(const struct leak_entry *e, enum leak_state st)
{
	static const char *const keys[] = {"id",     "time",   "host",           "root",
	                                   "user",   "source", "event",          "detail",
	                                   "action", "hooks",  "why_not_forced", NULL};

	for (const char *const *k = keys; *k != NULL; k++) {
		if (leak_field(e->event, *k) == NULL)
			continue;
		printf("%-10s ", *k);
		put_text(leak_field(e->event, *k));
		putchar('\n');
	}
	printf("%-10s %s\n", "state", leak_state_name(st));
	if (e->hooks != NULL)
		print_hooks(e->hooks);
	if (e->dismiss != NULL) {
		printf(_("dismissed: %s, "), leak_field(e->dismiss, "time"));
		put_text(leak_field(e->dismiss, "reason"));
		putchar('\n');
	}
}

int leak_show_cmd(int argc, char **argv)
{
	struct review_opts o;
	struct leak_ledger l;
	struct leak_entry *e;
	enum leak_state st;
	int rc = parse_review_args(argc, argv, &o);

	if (rc < 0)
		rc = load_ledger(&o, &l);
	if (rc >= 0)
		return rc;
	e = find_event(&o, &l);
	if (e == NULL) {
		leak_ledger_free(&l);
		return 2;
	}
	st = leak_entry_state(e, o.root);
	if (o.json)
		print_json(e->event, st, e);
	else
		print_event(e, st);
	leak_ledger_free(&l);
	return st == LEAK_OPEN ? 1 : 0;
}

static void log_dismissal(const char *id, const char *reason)
{
	char uid[32], line[LOGLINE_MAX];
	struct log_kv kv[] = {
	        {"event", "leak_dismissed"}, {"id", id}, {"reason", reason}, {"by_uid", uid}};

	snprintf(uid, sizeof uid, "%u", (unsigned)getuid());
	logline_format(line, sizeof line, kv, sizeof kv / sizeof kv[0]);
	logline_syslog(LOG_NOTICE, "credpolicy", line);
}

/* Checks before a dismissal: -1 to go on, else the exit status. */
static int check_dismiss(const struct review_opts *o)
{
	if (o->reason == NULL || o->reason[0] == '\0' ||
	    strlen(o->reason) > LEAK_EVENT_DETAIL_MAX) {
		fprintf(stderr, _("%s: --reason must say why, in 1 to %d bytes\n"), prog,
		        LEAK_EVENT_DETAIL_MAX);
		return 2;
	}
	if (geteuid() != 0) {
		fprintf(stderr, _("%s: must be run as root: the ledger is root's (try sudo)\n"),
		        prog);
		return 2;
	}
	return -1;
}

int leak_dismiss_cmd(int argc, char **argv)
{
	struct review_opts o;
	struct leak_ledger l;
	struct leak_cli_conf conf = {0};
	struct leak_entry *e;
	char id[LEAK_EVENT_ID_LEN];
	int rc = parse_review_args(argc, argv, &o);

	if (rc < 0)
		rc = check_dismiss(&o);
	if (rc < 0)
		rc = load_ledger(&o, &l);
	if (rc >= 0)
		return rc;
	e = find_event(&o, &l);
	if (e != NULL && e->dismiss != NULL)
		fprintf(stderr, _("%s: event %s was dismissed before\n"), prog, o.id);
	if (e != NULL && e->dismiss == NULL)
		snprintf(id, sizeof id, "%s", leak_field(e->event, "id"));
	rc = e == NULL || e->dismiss != NULL ? 2 : -1;
	leak_ledger_free(&l);
	if (rc < 0 && o.ledger == NULL)
		rc = leak_cli_conf_load(o.config, &conf) != 0 ? 2 : -1;
	if (rc < 0) {
		int err =
		        leak_ledger_append_dismiss(o.ledger ? o.ledger : conf.ledger, id, o.reason);

		if (err != 0)
			fprintf(stderr, _("%s: cannot append to the ledger: %s\n"), prog,
			        strerror(-err));
		else
			log_dismissal(id, o.reason);
		if (err == 0)
			printf(_("Event %s dismissed.\n"), id);
		rc = err != 0 ? 2 : 0;
	}
	leak_cli_conf_free(&conf);
	return rc;
}
