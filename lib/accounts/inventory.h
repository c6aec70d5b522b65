/* The inventory both credaudit accounts and credaudit report start from:
 * the accounts of a root file system, the credentials stored under it
 * (scanned with the default rules unless others are named), confirmed
 * leaks raised through the leak hooks of credpolicy.conf, and every
 * account classified. */
#ifndef CREDPOLICY_ACCOUNTS_INVENTORY_H
#define CREDPOLICY_ACCOUNTS_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "accounts/accounts.h"
#include "accounts/cred_scan.h"
#include "events/leak_event.h"

struct inventory_opts {
	const char *root;             /* NULL: no root (a report on devices only) */
	bool scan;                    /* scan for stored credentials, confirm leaks */
	const char *const *rule_dirs; /* NULL: rule_set_load_default() */
	const char *config;           /* credpolicy.conf: hooks_dir, hook_timeout */
	const char *hooks_dir;        /* NULL: hooks_dir of the config */
	unsigned max_crypt;           /* hashing budget for confirming leaks */
	double crypt_seconds;
	leak_log_fn log; /* hook runs and refusals */
	void *log_ctx;
};

/* What failed, for the caller's message. */
enum inventory_stage {
	INVENTORY_OK,
	INVENTORY_CONFIG,   /* credpolicy.conf cannot be read */
	INVENTORY_ACCOUNTS, /* the account files cannot be read */
	INVENTORY_RULES,    /* the rules cannot be loaded or compiled */
	INVENTORY_SCAN,     /* out of memory while scanning */
};

struct inventory {
	struct accounts_db *db; /* NULL without a root */
	struct cred_scan scan;  /* valid when scanned */
	bool scanned;
	char *hooks_dir;
};

/* Open the inventory; on failure everything is released and err says
 * what is wrong (for INVENTORY_CONFIG, "file:line: what to do"). */
enum inventory_stage inventory_open(struct inventory *inv, const struct inventory_opts *o,
                                    char *err, size_t errlen);
void inventory_close(struct inventory *inv);

#endif
