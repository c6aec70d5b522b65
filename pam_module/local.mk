# pam_module/: pam_credpolicy.so, its tests (tests/pam/), man page, the
# pam-auth-update profiles and /etc/pam.d examples.

pam_module_ldflags = $(shared_ldflags) -module -avoid-version -no-undefined -shared \
	-Wl,--version-script=$(srcdir)/pam_module/pam_credpolicy.map

securelib_LTLIBRARIES += pam_module/pam_credpolicy.la
pam_module_pam_credpolicy_la_SOURCES = pam_module/pam_credpolicy.c
pam_module_pam_credpolicy_la_LDFLAGS = $(pam_module_ldflags)
pam_module_pam_credpolicy_la_LIBADD = libcpcore.la libcpseam.la $(PAM_LIBS) $(LTLIBINTL)
EXTRA_pam_module_pam_credpolicy_la_DEPENDENCIES = pam_module/pam_credpolicy.map
EXTRA_DIST += pam_module/pam_credpolicy.map

# The same module built with CREDPOLICY_TEST_HOOKS, for the suite only
# (never installed): CREDPOLICY_TESTING_UID stands in for getuid() so the
# root exemption is tested whatever uid runs make check.
noinst_LTLIBRARIES += pam_module/pam_credpolicy_testhooks.la
pam_module_pam_credpolicy_testhooks_la_SOURCES = pam_module/pam_credpolicy.c
pam_module_pam_credpolicy_testhooks_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DCREDPOLICY_TEST_HOOKS
pam_module_pam_credpolicy_testhooks_la_LDFLAGS = $(pam_module_ldflags) -rpath $(abs_builddir)
pam_module_pam_credpolicy_testhooks_la_LIBADD = libcpcore.la libcpseam_test.la $(PAM_LIBS) $(LTLIBINTL)
EXTRA_pam_module_pam_credpolicy_testhooks_la_DEPENDENCIES = pam_module/pam_credpolicy.map

# The runner of login-time leak hooks (lib/events/leak_detach.c): the
# module starts it and returns, so no login waits for a hook.
pkglibexec_PROGRAMS += pam_module/credpolicy-leak-notify
pam_module_credpolicy_leak_notify_SOURCES = pam_module/leak_notify.c
pam_module_credpolicy_leak_notify_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
pam_module_credpolicy_leak_notify_LDADD = libcpcore.la libcpseam.la $(JSONC_LIBS) $(LTLIBINTL)

# The suite's build of the runner, with the test seams (lib/seam.h).
check_PROGRAMS += tests/bin/credpolicy-leak-notify
tests_bin_credpolicy_leak_notify_SOURCES = $(pam_module_credpolicy_leak_notify_SOURCES)
tests_bin_credpolicy_leak_notify_CFLAGS = $(pam_module_credpolicy_leak_notify_CFLAGS)
tests_bin_credpolicy_leak_notify_LDADD = libcpcore.la libcpseam_test.la $(JSONC_LIBS) $(LTLIBINTL)
tests_bin_credpolicy_leak_notify_LDFLAGS = $(AM_LDFLAGS) -no-install

# Install the module as PAM expects it: the .so alone, no libtool archive.
# securelibdir has no "exec" in its name, so this runs in install-data.
install_data_hooks += install-data-hook-pam-module
uninstall_hooks += uninstall-hook-pam-module
install-data-hook-pam-module:
	rm -f $(DESTDIR)$(securelibdir)/pam_credpolicy.la
uninstall-hook-pam-module:
	rm -f $(DESTDIR)$(securelibdir)/pam_credpolicy.so
.PHONY: install-data-hook-pam-module uninstall-hook-pam-module

# ---------------------------------------------------------------- tests
pamtest_ldflags = $(AM_LDFLAGS) -no-install

# Load test and export surface (dlopen RTLD_NOW + dlsym), no pam_wrapper.
check_PROGRAMS += tests/pam/test_dlopen
tests_pam_test_dlopen_SOURCES = tests/pam/test_dlopen.c
tests_pam_test_dlopen_LDADD = -ldl
tests_pam_test_dlopen_LDFLAGS = $(pamtest_ldflags)
TESTS += tests/pam/test_dlopen tests/pam/exports.sh tests/pam/catalogue.sh tests/pam/profiles.sh \
	tests/pam/hardening.sh
EXTRA_DIST += tests/pam/exports.sh tests/pam/catalogue.sh tests/pam/profiles.sh \
	tests/pam/hardening.sh

if HAVE_PAMTEST
if HAVE_CMOCKA
check_PROGRAMS += tests/pam/test_chauthtok
tests_pam_test_chauthtok_SOURCES = tests/pam/test_chauthtok.c tests/pam/pamtest_util.c \
	tests/pam/pamtest_util.h
tests_pam_test_chauthtok_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(PAMTEST_CFLAGS)
tests_pam_test_chauthtok_LDADD = libcpcore.la libcpseam_test.la $(CMOCKA_LIBS) $(PAMTEST_LIBS) $(PAM_LIBS)
tests_pam_test_chauthtok_LDFLAGS = $(pamtest_ldflags)
check_PROGRAMS += tests/pam/test_login
tests_pam_test_login_SOURCES = tests/pam/test_login.c tests/pam/pamtest_util.c \
	tests/pam/pamtest_util.h
tests_pam_test_login_CFLAGS = $(tests_pam_test_chauthtok_CFLAGS)
tests_pam_test_login_LDADD = $(tests_pam_test_chauthtok_LDADD)
tests_pam_test_login_LDFLAGS = $(pamtest_ldflags)
TESTS += tests/pam/module.sh
EXTRA_DIST += tests/pam/module.sh tests/pam/pamtest.sh
endif
endif

# What the wrapped test scripts need to know about this build.
if SANITIZERS
pamtest_sanitizers = yes
else
pamtest_sanitizers = no
endif
tests/pam/pamtest.env: Makefile
	$(AM_V_GEN)$(MKDIR_P) tests/pam && { \
	echo "PAM_WRAPPER_SO='$(PAM_WRAPPER_SO)'"; \
	echo "PAM_WRAPPER_MODULES='$(PAM_WRAPPER_MODULES)'"; \
	echo "SANITIZERS=$(pamtest_sanitizers)"; \
	echo "HARDENING=$(enable_hardening)"; \
	echo "HARDEN_CPPFLAGS='$(HARDEN_CPPFLAGS)'"; \
	echo "HARDEN_CFLAGS='$(HARDEN_CFLAGS)'"; \
	echo "HARDEN_LDFLAGS='$(HARDEN_LDFLAGS)'"; \
	echo "PIE_LDFLAGS='$(PIE_LDFLAGS)'"; \
	echo "MSGFMT='$(MSGFMT)'"; \
	echo "XGETTEXT='$(XGETTEXT)'"; \
	echo "MSGMERGE='$(MSGMERGE)'"; \
	} >$@
check_SCRIPTS += tests/pam/pamtest.env
CLEANFILES += tests/pam/pamtest.env

# ---------------------------------------------------------------- docs, profiles
dist_man_MANS += man/pam_credpolicy.8
pamconfigsdir = $(datadir)/pam-configs
dist_pamconfigs_DATA = conf/pam-configs/credpolicy conf/pam-configs/credpolicy-login
pamdexamplesdir = $(docdir)/examples/pam.d
dist_pamdexamples_DATA = conf/pam.d/common-password conf/pam.d/common-auth \
	conf/pam.d/common-account
pamdocdir = $(docdir)
dist_pamdoc_DATA = doc/pam.md
