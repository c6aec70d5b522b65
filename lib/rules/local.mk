# lib/rules: the credential rules (clause 3(1)⑤): rule files and their
# self-test, the match engine, the reference judge (placeholder.c), the
# field judge (field.c), tuple assignments (tuple.c), grading (grading.c)
# and the findings the engine produces, and tables of credentials
# (table.c). The decoders are in rules/decoders/.
noinst_HEADERS += lib/rules/finding.h lib/rules/engine.h lib/rules/rule_set.h \
	lib/rules/placeholder.h lib/rules/newlines.h lib/rules/field.h lib/rules/grading.h \
	lib/rules/table.h lib/rules/escaped.h lib/rules/tuple.h
libcpaudit_la_SOURCES += lib/rules/finding.c lib/rules/rule_file.c lib/rules/rule_default.c \
	lib/rules/rule_selftest.c lib/rules/engine.c lib/rules/placeholder.c lib/rules/field.c \
	lib/rules/grading.c lib/rules/table.c lib/rules/escaped.c lib/rules/newlines.c \
	lib/rules/tuple.c
libcpaudit_la_LIBADD += -lm

# The shipped rules (data), installed for credaudit scan and rules.
rulesdir = $(pkgdatadir)/rules
dist_rules_DATA = $(rule_files)
rule_files = \
	conf/rules/client-store.rule \
	conf/rules/cloud.rule \
	conf/rules/hash.rule \
	conf/rules/japanese.rule \
	conf/rules/network-device.rule \
	conf/rules/private-key.rule \
	conf/rules/saas.rule \
	conf/rules/server-config.rule \
	conf/rules/windows.rule

# Unit tests of the parser and the engine
if HAVE_CMOCKA
audit_unit_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(PCRE2_CFLAGS) $(HS_CFLAGS)
audit_unit_ldadd = libcpaudit.la libcpcore.la libcpseam_test.la $(CMOCKA_LIBS) -lpthread
check_PROGRAMS += tests/unit/test_rule_file tests/unit/test_engine tests/unit/test_placeholder \
	tests/unit/test_table tests/unit/test_escaped
tests_unit_test_rule_file_SOURCES = tests/unit/test_rule_file.c
tests_unit_test_rule_file_CFLAGS = $(audit_unit_cflags)
tests_unit_test_rule_file_LDADD = $(audit_unit_ldadd)
tests_unit_test_rule_file_LDFLAGS = $(AM_LDFLAGS) -no-install
tests_unit_test_engine_SOURCES = tests/unit/test_engine.c
tests_unit_test_engine_CFLAGS = $(audit_unit_cflags)
tests_unit_test_engine_LDADD = $(audit_unit_ldadd)
tests_unit_test_engine_LDFLAGS = $(AM_LDFLAGS) -no-install
tests_unit_test_placeholder_SOURCES = tests/unit/test_placeholder.c
tests_unit_test_placeholder_CFLAGS = $(audit_unit_cflags)
tests_unit_test_placeholder_LDADD = $(audit_unit_ldadd)
tests_unit_test_placeholder_LDFLAGS = $(AM_LDFLAGS) -no-install
tests_unit_test_table_SOURCES = tests/unit/test_table.c
tests_unit_test_table_CFLAGS = $(audit_unit_cflags)
tests_unit_test_table_LDADD = $(audit_unit_ldadd)
tests_unit_test_table_LDFLAGS = $(AM_LDFLAGS) -no-install
tests_unit_test_escaped_SOURCES = tests/unit/test_escaped.c
tests_unit_test_escaped_CFLAGS = $(audit_unit_cflags)
tests_unit_test_escaped_LDADD = $(audit_unit_ldadd)
tests_unit_test_escaped_LDFLAGS = $(AM_LDFLAGS) -no-install
TESTS += tests/unit/test_rule_file tests/unit/test_engine tests/unit/test_placeholder \
	tests/unit/test_table tests/unit/test_escaped
endif

# Fuzz target for the rule-file parser
fuzz_targets += tests/fuzz/fuzz_rule_file
check_PROGRAMS += tests/fuzz/fuzz_rule_file
tests_fuzz_fuzz_rule_file_SOURCES = tests/fuzz/fuzz_rule_file.c $(fuzz_main_src)
tests_fuzz_fuzz_rule_file_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)rule_file"'
tests_fuzz_fuzz_rule_file_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS) $(HS_CFLAGS)
tests_fuzz_fuzz_rule_file_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_rule_file_LDADD = libcpaudit.la libcpcore.la libcpseam.la
if !FUZZING
TESTS += tests/fuzz/fuzz_rule_file
endif
EXTRA_DIST += tests/fuzz/corpus/rule_file

# Fuzz target for the judges (field names, references, weak values, contexts)
fuzz_targets += tests/fuzz/fuzz_judges
check_PROGRAMS += tests/fuzz/fuzz_judges
tests_fuzz_fuzz_judges_SOURCES = tests/fuzz/fuzz_judges.c $(fuzz_main_src)
tests_fuzz_fuzz_judges_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)judges"'
tests_fuzz_fuzz_judges_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_judges_LDADD = libcpaudit.la libcpcore.la libcpseam.la
if !FUZZING
TESTS += tests/fuzz/fuzz_judges
endif
EXTRA_DIST += tests/fuzz/corpus/judges

# Fuzz target for strings of text with escapes and their decoding
fuzz_targets += tests/fuzz/fuzz_escaped
check_PROGRAMS += tests/fuzz/fuzz_escaped
tests_fuzz_fuzz_escaped_SOURCES = tests/fuzz/fuzz_escaped.c $(fuzz_main_src)
tests_fuzz_fuzz_escaped_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)escaped"'
tests_fuzz_fuzz_escaped_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_escaped_LDADD = libcpaudit.la libcpcore.la libcpseam.la
if !FUZZING
TESTS += tests/fuzz/fuzz_escaped
endif
EXTRA_DIST += tests/fuzz/corpus/escaped

# Fuzz target for the engine on any content: the Hyperscan and PCRE2-only
# engines must find the same, with the shipped rules
fuzz_targets += tests/fuzz/fuzz_scan_engine
check_PROGRAMS += tests/fuzz/fuzz_scan_engine
tests_fuzz_fuzz_scan_engine_SOURCES = tests/fuzz/fuzz_scan_engine.c $(fuzz_main_src)
tests_fuzz_fuzz_scan_engine_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)scan_engine"' \
	-DSRCDIR='"$(abs_top_srcdir)"'
tests_fuzz_fuzz_scan_engine_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS) $(HS_CFLAGS)
tests_fuzz_fuzz_scan_engine_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_scan_engine_LDADD = libcpaudit.la libcpcore.la libcpseam.la
if !FUZZING
TESTS += tests/fuzz/fuzz_scan_engine
endif
EXTRA_DIST += tests/fuzz/corpus/scan_engine

# credaudit rules test on the shipped rules, end to end
TESTS += tests/cli/rules.sh
EXTRA_DIST += tests/cli/rules.sh

# The engine's throughput, Hyperscan and PCRE2-only (not run by make check)
EXTRA_PROGRAMS += bench/bench_engine
bench_bench_engine_SOURCES = bench/bench_engine.c
bench_bench_engine_CPPFLAGS = $(AM_CPPFLAGS) -DSRCDIR='"$(abs_top_srcdir)"'
bench_bench_engine_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS) $(HS_CFLAGS)
bench_bench_engine_LDADD = libcpaudit.la libcpcore.la libcpseam.la

# Documentation
dist_man_MANS += man/credaudit-rules.1
rulesdocdir = $(docdir)
dist_rulesdoc_DATA = doc/rules.md
