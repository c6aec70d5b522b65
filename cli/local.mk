# cli/: the admin's CLI. Each subcommand is one cmd_*.c file owned by its part.
bin_PROGRAMS += credpolicy
credpolicy_SOURCES = cli/credpolicy.c cli/commands.h \
	cli/cmd_check.c cli/cmd_breach.c cli/cmd_leak.c cli/cmd_leak.h cli/cmd_leak_ledger.c
credpolicy_CFLAGS = $(AM_CFLAGS) $(NETTLE_CFLAGS) $(JSONC_CFLAGS)
credpolicy_LDADD = libcpframe.la libcpbreachbuild.la libcpcore.la libcpseam.la $(LTLIBINTL)

# The suite's build of credpolicy (never installed): the same sources
# linked with the test seams (lib/seam.h) instead of libcpseam.
check_PROGRAMS += tests/bin/credpolicy
tests_bin_credpolicy_SOURCES = $(credpolicy_SOURCES)
tests_bin_credpolicy_CFLAGS = $(credpolicy_CFLAGS)
tests_bin_credpolicy_LDADD = libcpframe.la libcpbreachbuild.la libcpcore.la libcpseam_test.la \
	$(LTLIBINTL)
tests_bin_credpolicy_LDFLAGS = $(AM_LDFLAGS) -no-install
