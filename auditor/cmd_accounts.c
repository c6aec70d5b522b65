/* credaudit accounts (placeholder until its part lands) */
#include "config.h"

#include <stdio.h>

#include "auditor/commands.h"

int cmd_accounts(int argc, char **argv)
{
	fprintf(stderr, "credaudit accounts: not built yet\n");
	return 2;
}
