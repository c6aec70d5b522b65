/* credaudit scan (placeholder until its part lands) */
#include "config.h"

#include <stdio.h>

#include "auditor/commands.h"

int cmd_scan(int argc, char **argv)
{
	fprintf(stderr, "credaudit scan: not built yet\n");
	return 2;
}
