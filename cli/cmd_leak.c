/* credpolicy leak (placeholder until its part lands) */
#include "config.h"

#include <stdio.h>

#include "cli/commands.h"

int cmd_leak(int argc, char **argv)
{
	fprintf(stderr, "credpolicy leak: not built yet\n");
	return 2;
}
