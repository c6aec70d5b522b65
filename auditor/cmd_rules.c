/* credaudit rules (placeholder until its part lands) */
#include "config.h"

#include <stdio.h>

#include "auditor/commands.h"

int cmd_rules(int argc, char **argv)
{
	fprintf(stderr, "credaudit rules: not built yet\n");
	return 2;
}
