# lib/scan: credaudit scan: walking, reading (files, archives, devices), the
# thread pool, coverage, baselines and the three output formats.
scan_lib_sources = \
	lib/scan/scan.h lib/scan/scan_ctx.h lib/scan/stream.h lib/scan/archive.h \
	lib/scan/pool.h lib/scan/emit.h lib/scan/walk.h \
	lib/scan/coverage.c lib/scan/stream.c lib/scan/walk.c lib/scan/archive.c \
	lib/scan/binary.c lib/scan/utf16.c lib/scan/utf16.h \
	lib/scan/device.c lib/scan/scan_run.c \
	lib/scan/baseline.c lib/scan/baseline.h \
	lib/scan/output.h lib/scan/output.c lib/scan/output_text.c \
	lib/scan/output_json.c lib/scan/output_sarif.c
libcpaudit_la_SOURCES += $(scan_lib_sources) lib/scan/scan_job.c lib/scan/scan_job.h

# Unit tests of the scanner against a small stand-in engine (one rule,
# known window), so chunking, walking and outputs are tested on their own.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_scan
tests_unit_test_scan_SOURCES = tests/unit/test_scan.c tests/unit/fake_engine.c \
	lib/rules/finding.c lib/rules/newlines.c $(scan_lib_sources)
tests_unit_test_scan_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JSONC_CFLAGS) $(ARCHIVE_CFLAGS)
tests_unit_test_scan_LDADD = libcpcore.la libcpseam_test.la $(CMOCKA_LIBS) $(JSONC_LIBS) $(ARCHIVE_LIBS) -lpthread
tests_unit_test_scan_LDFLAGS = $(AM_LDFLAGS) -no-install
TESTS += tests/unit/test_scan
endif

# credaudit scan end to end, on fixtures the tests build in temp dirs.
scan_cli_tests = tests/cli/scan_walk.sh tests/cli/scan_archive.sh tests/cli/scan_device.sh \
	tests/cli/scan_output.sh tests/cli/scan_windows.sh
TESTS += $(scan_cli_tests)
EXTRA_DIST += $(scan_cli_tests)

# Fuzz target for the one outside input the scanner parses itself: the
# baseline file.
fuzz_targets += tests/fuzz/fuzz_baseline
check_PROGRAMS += tests/fuzz/fuzz_baseline
tests_fuzz_fuzz_baseline_SOURCES = tests/fuzz/fuzz_baseline.c $(fuzz_main_src)
tests_fuzz_fuzz_baseline_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)baseline"'
tests_fuzz_fuzz_baseline_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tests_fuzz_fuzz_baseline_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_baseline_LDADD = libcpaudit.la libcpcore.la libcpseam.la
if !FUZZING
TESTS += tests/fuzz/fuzz_baseline
endif
EXTRA_DIST += tests/fuzz/corpus/baseline

# Documentation
dist_man_MANS += man/credaudit-scan.1
scandocdir = $(docdir)
dist_scandoc_DATA = doc/scan.md

# Benchmark (run by hand: bench/bench_scan.sh BUILDDIR SRCDIR); doc/benchmarks.md
dist_noinst_SCRIPTS += bench/bench_scan.sh
