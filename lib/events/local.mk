# lib/events: leak events and hooks (clause 3(1)④)
noinst_HEADERS += lib/events/leak_event.h lib/events/leak_json.h lib/events/leak_ledger.h \
	lib/events/leak_report.h lib/events/leak_account.h lib/events/leak_state.h
libcpcore_la_SOURCES += lib/events/leak_event.c lib/events/leak_hooks.c \
	lib/events/leak_detach.c lib/events/leak_ledger.c lib/events/leak_report.c \
	lib/events/leak_account.c lib/events/leak_state.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_hooks
tests_unit_test_hooks_SOURCES = tests/unit/test_hooks.c
tests_unit_test_hooks_CFLAGS = $(unit_cflags)
tests_unit_test_hooks_LDADD = $(unit_ldadd) $(JSONC_LIBS) -lpthread
tests_unit_test_hooks_LDFLAGS = $(unit_ldflags)
TESTS += tests/unit/test_hooks
check_PROGRAMS += tests/unit/test_ledger
tests_unit_test_ledger_SOURCES = tests/unit/test_ledger.c
tests_unit_test_ledger_CFLAGS = $(unit_cflags)
tests_unit_test_ledger_LDADD = $(unit_ldadd) $(JSONC_LIBS)
tests_unit_test_ledger_LDFLAGS = $(unit_ldflags)
TESTS += tests/unit/test_ledger
endif

fuzz_targets += tests/fuzz/fuzz_leak_event
check_PROGRAMS += tests/fuzz/fuzz_leak_event
tests_fuzz_fuzz_leak_event_SOURCES = tests/fuzz/fuzz_leak_event.c $(fuzz_main_src)
tests_fuzz_fuzz_leak_event_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)leak_event"'
tests_fuzz_fuzz_leak_event_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tests_fuzz_fuzz_leak_event_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_leak_event_LDADD = libcpcore.la libcpseam.la $(JSONC_LIBS)
if !FUZZING
TESTS += tests/fuzz/fuzz_leak_event
endif
EXTRA_DIST += tests/fuzz/corpus/leak_event

check-fuzz-build: tests/fuzz/fuzz_leak_ledger
check_PROGRAMS += tests/fuzz/fuzz_leak_ledger
tests_fuzz_fuzz_leak_ledger_SOURCES = tests/fuzz/fuzz_leak_ledger.c $(fuzz_main_src)
tests_fuzz_fuzz_leak_ledger_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)leak_ledger"'
tests_fuzz_fuzz_leak_ledger_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tests_fuzz_fuzz_leak_ledger_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_leak_ledger_LDADD = libcpcore.la libcpseam.la $(JSONC_LIBS)
if !FUZZING
TESTS += tests/fuzz/fuzz_leak_ledger
endif
EXTRA_DIST += tests/fuzz/corpus/leak_ledger

TESTS += tests/cli/leak.sh
EXTRA_DIST += tests/cli/leak.sh

# Example hooks: installed disabled, as 0644 copies in the examples
# directory and as NAME.example in the hooks directory (skipped by name and
# not executable). doc/hooks.md says how to enable one.
leak_hook_examples = conf/hooks.d/10-logger conf/hooks.d/20-mail conf/hooks.d/30-webhook
leakhookexamplesdir = $(pkgdatadir)/examples/hooks.d
dist_leakhookexamples_DATA = $(leak_hook_examples)
install_data_hooks += install-leak-hooks
uninstall_hooks += uninstall-leak-hooks
install-leak-hooks:
	$(MKDIR_P) '$(DESTDIR)$(credpolicyconfdir)/hooks.d'
	chmod 0755 '$(DESTDIR)$(credpolicyconfdir)/hooks.d'
	for f in $(leak_hook_examples); do \
		$(INSTALL_DATA) "$(srcdir)/$$f" \
			"$(DESTDIR)$(credpolicyconfdir)/hooks.d/$${f##*/}.example" || exit 1; \
	done
uninstall-leak-hooks:
	for f in $(leak_hook_examples); do \
		rm -f "$(DESTDIR)$(credpolicyconfdir)/hooks.d/$${f##*/}.example"; \
	done
	-rmdir '$(DESTDIR)$(credpolicyconfdir)/hooks.d' 2>/dev/null
.PHONY: install-leak-hooks uninstall-leak-hooks
TESTS += tests/cli/hooks_examples.sh
EXTRA_DIST += tests/cli/hooks_examples.sh

dist_man_MANS += man/credpolicy-leak.1
leakdocdir = $(docdir)
dist_leakdoc_DATA = doc/hooks.md

# The ledger's logrotate snippet, with the installed ledger path.
logrotatedir = $(sysconfdir)/logrotate.d
logrotate_DATA = conf/logrotate.d/credpolicy
EXTRA_DIST += conf/logrotate.d/credpolicy.in
CLEANFILES += conf/logrotate.d/credpolicy
conf/logrotate.d/credpolicy: conf/logrotate.d/credpolicy.in Makefile
	$(AM_V_GEN)$(MKDIR_P) conf/logrotate.d && \
	sed -e 's|@localstatedir[@]|$(localstatedir)|g' \
		$(srcdir)/conf/logrotate.d/credpolicy.in >$@.tmp && mv $@.tmp $@
