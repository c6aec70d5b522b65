# auditor/: the auditor's CLI. Each subcommand is one cmd_*.c file owned by its part.
bin_PROGRAMS += credaudit
credaudit_SOURCES = auditor/credaudit.c auditor/commands.h cli/dispatch.c cli/dispatch.h \
	auditor/cmd_scan.c auditor/cmd_rules.c auditor/cmd_accounts.c auditor/cmd_report.c \
	auditor/fingerprint_option.c
credaudit_CPPFLAGS = $(AM_CPPFLAGS) \
	-DCREDAUDIT_RULES_DIR='"$(pkgdatadir)/rules"' \
	-DCREDAUDIT_LOCAL_RULES_DIR='"$(credpolicyconfdir)/rules.d"'
credaudit_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS) $(PCRE2_CFLAGS) $(HS_CFLAGS)
credaudit_LDADD = libcpaudit.la libcpcore.la $(LTLIBINTL)

# credaudit scan: walking, reading (files, archives, devices), the thread
# pool, baselines and the three output formats.
scan_lib_sources = \
	lib/audit/scan.h lib/audit/scan_int.h \
	lib/audit/coverage.c lib/audit/stream.c lib/audit/walk.c lib/audit/archive.c \
	lib/audit/binary.c \
	lib/audit/device.c lib/audit/scan_run.c \
	lib/audit/baseline.c lib/audit/baseline.h \
	lib/audit/output.h lib/audit/output.c lib/audit/output_text.c \
	lib/audit/output_json.c lib/audit/output_sarif.c
libcpaudit_la_SOURCES += $(scan_lib_sources)

# Unit tests of the scanner against a small stand-in engine (one rule,
# known window), so chunking, walking and outputs are tested on their own.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_scan
tests_unit_test_scan_SOURCES = tests/unit/test_scan.c tests/unit/fake_engine.c \
	lib/audit/finding.c $(scan_lib_sources)
tests_unit_test_scan_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS) $(ARCHIVE_CFLAGS)
tests_unit_test_scan_LDADD = libcpcore.la $(CMOCKA_LIBS) $(JSONC_LIBS) $(ARCHIVE_LIBS) -lpthread
tests_unit_test_scan_LDFLAGS = $(AM_LDFLAGS) -no-install
TESTS += tests/unit/test_scan
endif

# credaudit scan end to end, on fixtures the tests build in temp dirs.
scan_cli_tests = tests/cli/scan_walk.sh tests/cli/scan_archive.sh tests/cli/scan_device.sh \
	tests/cli/scan_output.sh
TESTS += $(scan_cli_tests)
EXTRA_DIST += $(scan_cli_tests)

# Fuzz target for the one outside input the scanner parses itself: the
# baseline file (fuzz_targets is reset later, so name it to check-fuzz-build).
check-fuzz-build: tests/fuzz/fuzz_baseline
check_PROGRAMS += tests/fuzz/fuzz_baseline
tests_fuzz_fuzz_baseline_SOURCES = tests/fuzz/fuzz_baseline.c $(fuzz_main_src)
tests_fuzz_fuzz_baseline_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)baseline"'
tests_fuzz_fuzz_baseline_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tests_fuzz_fuzz_baseline_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_baseline_LDADD = libcpaudit.la libcpcore.la
if !FUZZING
TESTS += tests/fuzz/fuzz_baseline
endif
EXTRA_DIST += tests/fuzz/corpus/baseline

# Documentation
dist_man_MANS += man/credaudit.1 man/credaudit-scan.1
scandocdir = $(docdir)
dist_scandoc_DATA = doc/scan.md

# Benchmark (run by hand: bench/bench_scan.sh BUILDDIR SRCDIR); doc/benchmarks.md
dist_noinst_SCRIPTS += bench/bench_scan.sh
