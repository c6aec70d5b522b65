# auditor/: the auditor's CLI. Each subcommand is one cmd_*.c file; the work
# is done in lib/ (rules/, scan/, accounts/, report/).
bin_PROGRAMS += credaudit
credaudit_SOURCES = auditor/credaudit.c auditor/commands.h \
	auditor/cmd_scan.c auditor/cmd_rules.c auditor/cmd_accounts.c auditor/cmd_report.c \
	auditor/cmd_fleet.c auditor/report_cli.c auditor/report_cli.h \
	auditor/inventory_cli.c auditor/inventory_cli.h auditor/fingerprint_option.c
credaudit_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS) $(PCRE2_CFLAGS) $(HS_CFLAGS)
credaudit_LDADD = libcpframe.la libcpaudit.la libcpcore.la libcpseam.la $(LTLIBINTL)

dist_man_MANS += man/credaudit.1

# The suite's build of credaudit (never installed): the same sources
# linked with the test seams (lib/seam.h) instead of libcpseam.
check_PROGRAMS += tests/bin/credaudit
tests_bin_credaudit_SOURCES = $(credaudit_SOURCES)
tests_bin_credaudit_CFLAGS = $(credaudit_CFLAGS)
tests_bin_credaudit_LDADD = libcpframe.la libcpaudit.la libcpcore.la libcpseam_test.la $(LTLIBINTL)
tests_bin_credaudit_LDFLAGS = $(AM_LDFLAGS) -no-install

# credaudit built with this tree's directories for its installed ones
# (SYSCONFDIR tests/cli/etc, the shipped rules conf/rules), so a test can
# show what every subcommand reads by default. Its own rule_default.c
# object (compiled with those directories) takes the place of the
# library's. Never installed.
check_PROGRAMS += tests/cli/credaudit_testpaths
tests_cli_credaudit_testpaths_SOURCES = $(credaudit_SOURCES) lib/rules/rule_default.c
tests_cli_credaudit_testpaths_CPPFLAGS = -I$(top_srcdir)/lib -I$(top_builddir) \
	-DSYSCONFDIR='"$(abs_top_builddir)/tests/cli/etc"' -DLOCALEDIR='"$(localedir)"' \
	-DPKGDATADIR='"$(abs_top_srcdir)/conf"' -DLOCALSTATEDIR='"$(abs_top_builddir)/tests/cli/var"' \
	-DPKGLIBEXECDIR='"$(pkglibexecdir)"'
tests_cli_credaudit_testpaths_CFLAGS = $(credaudit_CFLAGS)
tests_cli_credaudit_testpaths_LDADD = libcpframe.la libcpaudit.la libcpcore.la libcpseam_test.la \
	$(LTLIBINTL)
tests_cli_credaudit_testpaths_LDFLAGS = $(AM_LDFLAGS) -no-install
TESTS += tests/cli/auditor_defaults.sh
EXTRA_DIST += tests/cli/auditor_defaults.sh
