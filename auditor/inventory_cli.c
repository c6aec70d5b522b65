#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "auditor/inventory_cli.h"
#include "frame/options.h"
#include "i18n.h"
#include "logline.h"
#include "paths.h"
#include "policy/settings.h"

void inventory_cli_init(struct inventory_cli *o, const char *prog)
{
	memset(o, 0, sizeof *o);
	o->prog = prog;
	o->scan = true;
	o->max_crypt = CONFIRM_MAX_CALLS_DEFAULT;
	o->crypt_seconds = CONFIRM_MAX_SECONDS_DEFAULT;
}

int inventory_cli_opt(struct inventory_cli *o, int c, const char *arg)
{
	char *end;

	switch (c) {
	case 'k':
		o->fingerprint_key = arg;
		return 0;
	case 'r':
		o->root = arg;
		return 0;
	case 's':
	case 'n':
		o->scan = c == 's';
		return 0;
	case 'R':
		if (o->nrules == INVENTORY_CLI_MAX_RULES)
			return 2;
		o->rule_dirs[o->nrules++] = arg;
		return 0;
	case 'H':
		o->hooks_dir = arg;
		return 0;
	case 'L':
		o->ledger = arg;
		return 0;
	case 'm':
		return opt_unsigned(arg, 0, UINT_MAX, &o->max_crypt) < 0 ? 2 : 0;
	case 't':
		o->crypt_seconds = strtod(arg, &end);
		return *end != '\0' || o->crypt_seconds <= 0 ? 2 : 0;
	}
	return 1;
}

void inventory_cli_usage(FILE *out)
{
	fprintf(out,
	        _("  --ledger FILE       the leak ledger confirmed leaks are recorded in\n"
	          "                      (default %s)\n"),
	        PATH_LEAK_LEDGER);
}

/* Hook runs and refusals: to syslog (clause 1(6)④) and to stderr. */
static void hook_log(void *ctx, int priority, const char *line)
{
	logline_syslog(priority, "credaudit", line);
	fprintf(stderr, "%s: %s\n", (const char *)ctx, line);
}

struct inventory_opts inventory_cli_request(const struct inventory_cli *o)
{
	return (struct inventory_opts){
	        .root = o->root,
	        .scan = o->scan,
	        .rule_dirs = o->nrules > 0 ? o->rule_dirs : NULL,
	        .config = PATH_POLICY_CONF,
	        .hooks_dir = o->hooks_dir,
	        .ledger = o->ledger,
	        .max_crypt = o->max_crypt,
	        .crypt_seconds = o->crypt_seconds,
	        .log = hook_log,
	        .log_ctx = (void *)o->prog,
	};
}
