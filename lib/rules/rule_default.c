/* The rules every credaudit subcommand reads when none are named. Alone in
 * its file so that the test build of credaudit links its own copy compiled
 * with the test tree's directories (lib/rules/local.mk). */
#include "config.h"

#include <stddef.h>
#include <sys/stat.h>

#include "rules/engine.h"
#include "rules/rule_set.h"

int rule_set_load_default(struct rule_set **out, char *err, size_t errlen)
{
	const char *dirs[3] = {RULES_SHIPPED_DIR, NULL, NULL};
	struct stat st;

	if (stat(RULES_LOCAL_DIR, &st) == 0)
		dirs[1] = RULES_LOCAL_DIR;
	return rule_set_load(out, dirs, err, errlen);
}
