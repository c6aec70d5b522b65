# cli/: the admin's CLI. Each subcommand is one cmd_*.c file owned by its part.
bin_PROGRAMS += credpolicy
credpolicy_SOURCES = cli/credpolicy.c cli/commands.h \
	cli/cmd_check.c cli/cmd_breach.c cli/cmd_leak.c
credpolicy_CFLAGS = $(AM_CFLAGS) $(NETTLE_CFLAGS) $(JSONC_CFLAGS)
credpolicy_LDADD = libcpframe.la libcpbreachbuild.la libcpcore.la $(LTLIBINTL)
