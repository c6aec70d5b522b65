# lib/accounts: the accounts inventory, confirmed leaks and the disposal
# report (credaudit accounts / report; clauses 4(1), 4(3), 4(4), 3(1)④).
libcpaudit_la_SOURCES += \
	lib/accounts/rootfs.c lib/accounts/rootfs.h \
	lib/accounts/textlines.c lib/accounts/textlines.h \
	lib/accounts/passwd_files.c lib/accounts/passwd_files.h \
	lib/accounts/login_defs.c lib/accounts/login_defs.h \
	lib/accounts/sudoers.c lib/accounts/sudoers.h \
	lib/accounts/sshd_config.c lib/accounts/sshd_config.h \
	lib/accounts/login_sources.c lib/accounts/login_sources.h \
	lib/accounts/hash_info.c lib/accounts/hash_info.h \
	lib/accounts/accounts.c lib/accounts/accounts.h \
	lib/accounts/classify.c \
	lib/accounts/accounts_output.c \
	lib/accounts/confirm.c lib/accounts/confirm.h \
	lib/accounts/cred_scan.c lib/accounts/cred_scan.h \
	lib/accounts/device_check.c lib/accounts/device_check.h \
	lib/accounts/report.c lib/accounts/report.h lib/accounts/report_html.c

TESTS += tests/cli/accounts.sh tests/cli/confirmed_leak.sh
EXTRA_DIST += tests/cli/accounts.sh tests/cli/accounts_fixture.sh tests/cli/confirmed_leak.sh
TESTS += tests/cli/report.sh tests/cli/report_luks.sh tests/cli/report_html.sh
EXTRA_DIST += tests/cli/report.sh tests/cli/report_luks.sh tests/cli/report_html.sh tests/cli/check_schema.py
dist_noinst_DATA += doc/report-schema.json
