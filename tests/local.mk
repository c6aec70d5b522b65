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
	LC_ALL=C.UTF-8; export LC_ALL;
EXTRA_DIST += tests/lib.sh

include tests/unit/local.mk
include tests/cli/local.mk
include tests/fuzz/local.mk
