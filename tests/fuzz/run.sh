#!/bin/sh
# Run every built libFuzzer target for a fixed time each (CI: FUZZ_SECONDS).
# A target fuzz_NAME runs on tests/fuzz/corpus/NAME; a target with no such
# corpus (fuzz_decoder) runs once on each tests/fuzz/corpus/NAME_*, whose
# directory name tells it what to fuzz.
# Usage: tests/fuzz/run.sh BUILDDIR SRCDIR
set -eu
builddir=$1 srcdir=$2 secs=${FUZZ_SECONDS:-20}
status=0

# fuzz TARGET SEED_DIR: fuzz on a copy of SEED_DIR kept under its own name.
fuzz() {
	t=$1 seeds=$2 label=$(basename "$2")
	work=$(mktemp -d)
	corpus="$work/$label"
	mkdir "$corpus"
	cp "$seeds"/* "$corpus"/ 2>/dev/null || true
	echo "fuzz $label for ${secs}s"
	if ! "$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" >"$work/log" 2>&1; then
		tail -40 "$work/log"; status=1
	else
		grep -E 'stat::number_of_executed_units' "$work/log" || true
	fi
	rm -rf "$work"
}

for t in "$builddir"/tests/fuzz/fuzz_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t"); name=${name#fuzz_}
	if [ -d "$srcdir/tests/fuzz/corpus/$name" ] || ! ls -d "$srcdir/tests/fuzz/corpus/${name}_"* >/dev/null 2>&1; then
		fuzz "$t" "$srcdir/tests/fuzz/corpus/$name"
	else
		for seeds in "$srcdir/tests/fuzz/corpus/${name}_"*; do
			fuzz "$t" "$seeds"
		done
	fi
done
exit $status
