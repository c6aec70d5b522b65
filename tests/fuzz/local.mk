# tests/fuzz: one target per parser of outside input. Each target is a
# file fuzz_NAME.c defining LLVMFuzzerTestOneInput, with a seed corpus in
# tests/fuzz/corpus/NAME/. With --enable-fuzzing (clang) they link
# libFuzzer; otherwise replay.c gives them a main() that replays the corpus.
if FUZZING
fuzz_main_ldflags = -fsanitize=fuzzer
fuzz_main_src =
else
fuzz_main_ldflags =
fuzz_main_src = tests/fuzz/replay.c
endif
fuzz_ldflags = $(AM_LDFLAGS) -no-install $(fuzz_main_ldflags)
EXTRA_DIST += tests/fuzz/run.sh

# Targets are listed in fuzz_targets by each area's fragment; check-fuzz-build
# builds them (the fuzzing build runs them through tests/fuzz/run.sh).
check-fuzz-build: $(fuzz_targets)
.PHONY: check-fuzz-build

# A target NAME is declared in its area's fragment like this:
#   fuzz_targets += tests/fuzz/fuzz_NAME
#   check_PROGRAMS += tests/fuzz/fuzz_NAME
#   tests_fuzz_fuzz_NAME_SOURCES = tests/fuzz/fuzz_NAME.c $(fuzz_main_src)
#   tests_fuzz_fuzz_NAME_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)NAME"'
#   tests_fuzz_fuzz_NAME_LDFLAGS = $(fuzz_ldflags)
#   tests_fuzz_fuzz_NAME_LDADD = libcpcore.la libcpseam.la
#   if !FUZZING
#   TESTS += tests/fuzz/fuzz_NAME
#   endif
#   EXTRA_DIST += tests/fuzz/corpus/NAME
fuzz_corpus = -DFUZZ_CORPUS='"$(abs_top_srcdir)/tests/fuzz/corpus/
