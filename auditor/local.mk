# auditor/: the auditor's CLI. Each subcommand is one cmd_*.c file; the work
# is done in lib/ (rules/, scan/, accounts/, report/).
bin_PROGRAMS += credaudit
credaudit_SOURCES = auditor/credaudit.c auditor/commands.h cli/dispatch.c cli/dispatch.h \
	auditor/cmd_scan.c auditor/cmd_rules.c auditor/cmd_accounts.c auditor/cmd_report.c
credaudit_CPPFLAGS = $(AM_CPPFLAGS) \
	-DCREDAUDIT_RULES_DIR='"$(pkgdatadir)/rules"' \
	-DCREDAUDIT_LOCAL_RULES_DIR='"$(credpolicyconfdir)/rules.d"'
credaudit_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS) $(PCRE2_CFLAGS) $(HS_CFLAGS)
credaudit_LDADD = libcpaudit.la libcpcore.la $(LTLIBINTL)

dist_man_MANS += man/credaudit.1
