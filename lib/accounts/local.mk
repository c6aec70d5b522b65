# lib/accounts: the accounts inventory, credentials joined to accounts and
# confirmed leaks (credaudit accounts; clauses 4(1), 4(3), 4(4)).
libcpaudit_la_SOURCES += \
	lib/accounts/colon_file.c lib/accounts/colon_file.h \
	lib/accounts/passwd_files.c lib/accounts/passwd_files.h \
	lib/accounts/login_defs.c lib/accounts/login_defs.h \
	lib/accounts/sudoers.c lib/accounts/sudoers.h \
	lib/accounts/sshd_config.c lib/accounts/sshd_config.h \
	lib/accounts/login_sources.c lib/accounts/login_sources.h \
	lib/accounts/hash_info.c lib/accounts/hash_info.h \
	lib/accounts/accounts.c lib/accounts/accounts.h lib/accounts/account_index.c \
	lib/accounts/classify.c \
	lib/accounts/accounts_output.c \
	lib/accounts/confirm.c lib/accounts/confirm.h \
	lib/accounts/cred_scan.c lib/accounts/cred_scan.h \
	lib/accounts/inventory.c lib/accounts/inventory.h

TESTS += tests/cli/accounts.sh tests/cli/confirmed_leak.sh
EXTRA_DIST += tests/cli/accounts.sh tests/cli/accounts_fixture.sh tests/cli/confirmed_leak.sh

# Fuzz targets for the parsers of outside input (tests/fuzz/local.mk).
accounts_fuzz_ldadd = libcpaudit.la libcpcore.la libcpseam.la
# The account files' targets compare our parsers with glibc's readers.
glibc_colon_src = tests/fuzz/glibc_colon.c tests/fuzz/glibc_colon.h
fuzz_targets += tests/fuzz/fuzz_passwd tests/fuzz/fuzz_shadow tests/fuzz/fuzz_group \
	tests/fuzz/fuzz_sudoers tests/fuzz/fuzz_sshd_config tests/fuzz/fuzz_account_sources
check_PROGRAMS += tests/fuzz/fuzz_passwd tests/fuzz/fuzz_shadow tests/fuzz/fuzz_group \
	tests/fuzz/fuzz_sudoers tests/fuzz/fuzz_sshd_config tests/fuzz/fuzz_account_sources
tests_fuzz_fuzz_passwd_SOURCES = tests/fuzz/fuzz_passwd.c $(glibc_colon_src) $(fuzz_main_src)
tests_fuzz_fuzz_passwd_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)passwd"'
tests_fuzz_fuzz_passwd_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_passwd_LDADD = $(accounts_fuzz_ldadd)
tests_fuzz_fuzz_shadow_SOURCES = tests/fuzz/fuzz_shadow.c $(glibc_colon_src) $(fuzz_main_src)
tests_fuzz_fuzz_shadow_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)shadow"'
tests_fuzz_fuzz_shadow_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_shadow_LDADD = $(accounts_fuzz_ldadd)
tests_fuzz_fuzz_group_SOURCES = tests/fuzz/fuzz_group.c $(glibc_colon_src) $(fuzz_main_src)
tests_fuzz_fuzz_group_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)group"'
tests_fuzz_fuzz_group_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_group_LDADD = $(accounts_fuzz_ldadd)
tests_fuzz_fuzz_sudoers_SOURCES = tests/fuzz/fuzz_sudoers.c $(fuzz_main_src)
tests_fuzz_fuzz_sudoers_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)sudoers"'
tests_fuzz_fuzz_sudoers_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_sudoers_LDADD = $(accounts_fuzz_ldadd)
tests_fuzz_fuzz_sshd_config_SOURCES = tests/fuzz/fuzz_sshd_config.c $(fuzz_main_src)
tests_fuzz_fuzz_sshd_config_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)sshd_config"'
tests_fuzz_fuzz_sshd_config_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_sshd_config_LDADD = $(accounts_fuzz_ldadd)
tests_fuzz_fuzz_account_sources_SOURCES = tests/fuzz/fuzz_account_sources.c $(fuzz_main_src)
tests_fuzz_fuzz_account_sources_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)account_sources"'
tests_fuzz_fuzz_account_sources_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_account_sources_LDADD = $(accounts_fuzz_ldadd)
if !FUZZING
TESTS += tests/fuzz/fuzz_passwd tests/fuzz/fuzz_shadow tests/fuzz/fuzz_group \
	tests/fuzz/fuzz_sudoers tests/fuzz/fuzz_sshd_config tests/fuzz/fuzz_account_sources
endif
EXTRA_DIST += tests/fuzz/corpus/passwd tests/fuzz/corpus/shadow tests/fuzz/corpus/group \
	tests/fuzz/corpus/sudoers tests/fuzz/corpus/sshd_config tests/fuzz/corpus/account_sources

dist_man_MANS += man/credaudit-accounts.1
accountsdocdir = $(docdir)
dist_accountsdoc_DATA = doc/accounts.md doc/lynis-comparison.md
dist_noinst_SCRIPTS += bench/compare_lynis.sh

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_accounts
tests_unit_test_accounts_SOURCES = tests/unit/test_accounts.c
tests_unit_test_accounts_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_accounts_LDADD = libcpaudit.la libcpcore.la libcpseam_test.la $(CMOCKA_LIBS)
tests_unit_test_accounts_LDFLAGS = $(AM_LDFLAGS) -no-install
TESTS += tests/unit/test_accounts
check_PROGRAMS += tests/unit/test_passwd_files
tests_unit_test_passwd_files_SOURCES = tests/unit/test_passwd_files.c $(glibc_colon_src)
tests_unit_test_passwd_files_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/fuzz
tests_unit_test_passwd_files_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_passwd_files_LDADD = libcpaudit.la libcpcore.la libcpseam_test.la $(CMOCKA_LIBS)
tests_unit_test_passwd_files_LDFLAGS = $(AM_LDFLAGS) -no-install
TESTS += tests/unit/test_passwd_files
endif
