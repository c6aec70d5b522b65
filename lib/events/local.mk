# lib/events: leak events and hooks (clause 3(1)④)
noinst_HEADERS += lib/events/leak_event.h
libcpcore_la_SOURCES += lib/events/leak_event.c lib/events/leak_hooks.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_hooks
tests_unit_test_hooks_SOURCES = tests/unit/test_hooks.c
tests_unit_test_hooks_CFLAGS = $(unit_cflags)
tests_unit_test_hooks_LDADD = $(unit_ldadd) $(JSONC_LIBS)
tests_unit_test_hooks_LDFLAGS = $(unit_ldflags)
TESTS += tests/unit/test_hooks
endif

# (Not added to fuzz_targets: tests/fuzz/local.mk sets it after this file is
# included; check_PROGRAMS builds it, and tests/fuzz/run.sh runs every fuzz_*.)
check_PROGRAMS += tests/fuzz/fuzz_leak_event
tests_fuzz_fuzz_leak_event_SOURCES = tests/fuzz/fuzz_leak_event.c $(fuzz_main_src)
tests_fuzz_fuzz_leak_event_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)leak_event"'
tests_fuzz_fuzz_leak_event_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tests_fuzz_fuzz_leak_event_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_leak_event_LDADD = libcpcore.la $(JSONC_LIBS)
if !FUZZING
TESTS += tests/fuzz/fuzz_leak_event
endif
EXTRA_DIST += tests/fuzz/corpus/leak_event

TESTS += tests/cli/leak.sh
EXTRA_DIST += tests/cli/leak.sh
