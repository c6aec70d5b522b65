/* credpolicy check (placeholder until its part lands) */
#include "config.h"

#include <stdio.h>

#include "cli/commands.h"

int cmd_check(int argc, char **argv)
{
	fprintf(stderr, "credpolicy check: not built yet\n");
	return 2;
}
