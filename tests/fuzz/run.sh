#!/bin/sh
# Run every built libFuzzer target for a fixed time each (CI: FUZZ_SECONDS).
# Usage: tests/fuzz/run.sh BUILDDIR SRCDIR
set -eu
builddir=$1 srcdir=$2 secs=${FUZZ_SECONDS:-20}
status=0
for t in "$builddir"/tests/fuzz/fuzz_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t"); name=${name#fuzz_}
	corpus=$(mktemp -d)
	cp "$srcdir"/tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null || true
	echo "fuzz $name for ${secs}s"
	if ! "$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" >"$corpus.log" 2>&1; then
		tail -40 "$corpus.log"; status=1
	else
		grep -E 'stat::number_of_executed_units' "$corpus.log" || true
	fi
	rm -rf "$corpus" "$corpus.log"
done
exit $status
