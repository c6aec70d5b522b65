/* credaudit report (placeholder until its part lands) */
#include "config.h"

#include <stdio.h>

#include "auditor/commands.h"

int cmd_report(int argc, char **argv)
{
	fprintf(stderr, "credaudit report: not built yet\n");
	return 2;
}
