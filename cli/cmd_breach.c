/* credpolicy breach (placeholder until its part lands) */
#include "config.h"

#include <stdio.h>

#include "cli/commands.h"

int cmd_breach(int argc, char **argv)
{
	fprintf(stderr, "credpolicy breach: not built yet\n");
	return 2;
}
