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
fuzz_targets =
check-fuzz-build: $(fuzz_targets)
.PHONY: check-fuzz-build
