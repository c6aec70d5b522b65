# tests/: unit (cmocka), pam (libpamtest through real libpam), cli (end to
# end on fixtures the tests build), fuzz (libFuzzer targets; without
# --enable-fuzzing they are built as replay programs and run over their
# corpora, so make check exercises every parser either way).
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	CREDPOLICY_TESTING=1; export CREDPOLICY_TESTING; \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	LC_ALL=C.UTF-8; export LC_ALL; \
	CREDPOLICY_FINGERPRINT_KEY='$(abs_top_builddir)/tests/fingerprint.key'; \
	export CREDPOLICY_FINGERPRINT_KEY;
EXTRA_DIST += tests/lib.sh
# The fingerprint key the tests' scans create at first use (not the system's).
CLEANFILES += tests/fingerprint.key

# The word-list generators give the same bytes under mawk and gawk
TESTS += tests/awk_generators.sh
EXTRA_DIST += tests/awk_generators.sh

include tests/unit/local.mk
include tests/cli/local.mk
include tests/fuzz/local.mk
