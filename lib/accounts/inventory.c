#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/inventory.h"
#include "policy/settings.h"

/* hooks_dir and hook_timeout from the settings, unless the caller named a
 * hooks directory. A settings file that cannot be read is an error. */
static int hook_settings(struct inventory *inv, const struct inventory_opts *o, char *err,
                         size_t errlen)
{
	struct policy_settings s;
	struct settings_error se;
	int rc;

	settings_init(&s);
	rc = settings_load(&s, o->config, true, &se);
	if (rc < 0)
		(void)settings_error_format(&se, o->config, err, errlen);
	if (rc == 0) {
		inv->hooks_dir =
		        strdup(o->hooks_dir != NULL ? o->hooks_dir : settings_hooks_dir(&s));
		inv->scan.hook_timeout = s.hook_timeout;
		inv->ledger = strdup(o->ledger != NULL ? o->ledger : settings_leak_ledger(&s));
		if (inv->hooks_dir == NULL || inv->ledger == NULL) {
			snprintf(err, errlen, "%s", strerror(ENOMEM));
			rc = -ENOMEM;
		}
	}
	settings_free(&s);
	return rc;
}

static enum inventory_stage scan_root(struct inventory *inv, const struct inventory_opts *o,
                                      char *err, size_t errlen)
{
	if (cred_scan_init(&inv->scan, inv->db, o->rule_dirs, err, errlen) != 0)
		return INVENTORY_RULES;
	inv->scanned = true;
	if (hook_settings(inv, o, err, errlen) != 0)
		return INVENTORY_CONFIG;
	crypt_budget_init(&inv->scan.budget, o->max_crypt, o->crypt_seconds);
	inv->scan.hooks_dir = inv->hooks_dir;
	inv->scan.ledger = inv->ledger;
	inv->scan.log = o->log;
	inv->scan.log_ctx = o->log_ctx;
	if (inv->db != NULL && cred_scan_defaults(&inv->scan) != 0) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return INVENTORY_SCAN;
	}
	return INVENTORY_OK;
}

enum inventory_stage inventory_open(struct inventory *inv, const struct inventory_opts *o,
                                    char *err, size_t errlen)
{
	enum inventory_stage st = INVENTORY_OK;

	memset(inv, 0, sizeof *inv);
	if (o->root != NULL && accounts_load(&inv->db, o->root, err, errlen) != 0)
		return INVENTORY_ACCOUNTS;
	if (o->scan)
		st = scan_root(inv, o, err, errlen);
	if (st != INVENTORY_OK) {
		inventory_close(inv);
		return st;
	}
	if (inv->db != NULL)
		accounts_classify(inv->db);
	return INVENTORY_OK;
}

void inventory_close(struct inventory *inv)
{
	if (inv->scanned)
		cred_scan_free(&inv->scan);
	accounts_free(inv->db);
	free(inv->hooks_dir);
	free(inv->ledger);
	memset(inv, 0, sizeof *inv);
}
