#!/bin/sh
# Breach index benchmark: credpolicy's index beside passwdqc's pwqfilter on
# the same synthetic HIBP-style NTLM input ("HEX:count" lines, random hashes),
# sorted and unsorted. Prints ours, theirs and the ratio for: bytes per entry,
# false positives, build rate, lookup time warm and cold.
#
#   bench/bench_breach.sh [BUILDDIR]       (run from the source tree)
#   N=1000000000 WORK=/var/tmp/bx bench/bench_breach.sh _build/dev
#
# N entries (default 10^7); WORK holds the data (default /tmp/credpolicy-bench,
# about 100 bytes per entry; removed at the end unless KEEP=1). PROBES
# non-members (default 10^6) go through each CLI; FP_PROBES random keys
# (default 10^8) through our library. PWQ_FP_TEST=1 also runs pwqfilter's own
# --test-fp-rate (2^30 probes, several minutes). See doc/benchmarks.md.
set -eu
builddir=${1:-_build/dev}
builddir=$(cd "$builddir" && pwd)
cp="$builddir/credpolicy"
helper="$builddir/bench/bench_breach"
N=${N:-10000000}
PROBES=${PROBES:-1000000}
FP_PROBES=${FP_PROBES:-100000000}
COLD=${COLD:-300}
WORK=${WORK:-/tmp/credpolicy-bench}
command -v pwqfilter >/dev/null || { echo "pwqfilter not found: apt-get install passwdqc" >&2; exit 2; }
[ -x "$cp" ] && [ -x "$helper" ] || { echo "build first: make -C $builddir" >&2; exit 2; }
mkdir -p "$WORK"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT INT TERM

t() { date +%s.%N; }
# Run a command, keeping its wall and CPU (user + sys) seconds in $1.wall/.cpu.
timed() {
	name=$1; shift
	/usr/bin/time -f '%e %U %S' -o "$WORK/$name.time" "$@"
	read -r w u s <"$WORK/$name.time"
	echo "$w" >"$WORK/$name.wall"
	echo "$u + $s" | bc -l >"$WORK/$name.cpu"
}
el() { echo "$2 - $1" | bc -l; }
r() { printf '%.3g' "$(echo "$1 / $2" | bc -l)"; } # ratio ours/theirs
kv() { sed -n "s/^$2=//p" "$1" | head -n 1; }
row() { printf '%-34s %14s %14s %10s\n' "$1" "$2" "$3" "$4"; }

echo "== data: $N entries in $WORK; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$helper" gen "$N" 1 >"$WORK/unsorted.txt"
LC_ALL=C sort -S 25% -T "$WORK" "$WORK/unsorted.txt" >"$WORK/sorted.txt"
"$helper" gen "$PROBES" 2 | cut -d: -f1 >"$WORK/probes.txt"
head -n 1 "$WORK/probes.txt" >"$WORK/probe1.txt"
cap=$(( (N + N / 40 + 3) / 4 * 4 ))

echo "== builds"
for order in sorted unsorted; do
	timed "ours-$order" "$cp" breach build -q --format ntlm -o "$WORK/ours-$order.idx" "$WORK/$order.txt"
	timed "theirs-$order" sh -c 'pwqfilter --create="$1" --pre-hashed -o "$2" <"$3" 2>>"$4"' \
		sh "$cap" "$WORK/theirs-$order.pwq" "$WORK/$order.txt" "$WORK/pwqfilter.log"
done
ours=$WORK/ours-sorted.idx theirs=$WORK/theirs-sorted.pwq
"$cp" breach info --json --probes 0 "$ours" >"$WORK/info.json"
entries=$(sed 's/.*"entries":\([0-9]*\).*/\1/' "$WORK/info.json")
ours_size=$(wc -c <"$ours") theirs_size=$(wc -c <"$theirs")
pwqfilter --status -f "$theirs" >"$WORK/status.txt" 2>&1 || true

echo "== false positives ($PROBES non-members through each CLI; $FP_PROBES random keys through our library)"
ours_fp=$("$cp" breach lookup --hashed "$ours" <"$WORK/probes.txt" | grep -c FOUND || true)
theirs_fp=$(pwqfilter --lookup --pre-hashed -c -f "$theirs" <"$WORK/probes.txt" || true)
"$helper" fp "$ours" "$FP_PROBES" 3 >"$WORK/fp.txt"
if [ "${PWQ_FP_TEST:-0}" = 1 ]; then
	pwqfilter --test-fp-rate -f "$theirs" >"$WORK/pwqfp.txt" 2>&1 || true
fi

echo "== warm lookups"
for set in probes probe1; do
	# --load: like pwqfilter, read the whole index before looking up.
	"$cp" breach lookup --load --hashed "$ours" <"$WORK/$set.txt" >/dev/null || true
	timed "ours-cli-$set" sh -c '"$1" breach lookup --load --hashed "$2" <"$3" >/dev/null; true' sh "$cp" "$ours" "$WORK/$set.txt"
	pwqfilter --lookup --pre-hashed -c -f "$theirs" <"$WORK/$set.txt" >/dev/null || true
	timed "theirs-cli-$set" sh -c 'pwqfilter --lookup --pre-hashed -c -f "$1" <"$2" >/dev/null; true' sh "$theirs" "$WORK/$set.txt"
done
"$helper" warm "$ours" "$WORK/probes.txt" >"$WORK/warm.txt"
"$helper" warm "$ours" "$WORK/probes.txt" load >>"$WORK/warm.txt"
"$helper" hashed "$ours" 1000000 >"$WORK/hashed.txt"
"$helper" hashed "$ours" 1000000 load >>"$WORK/hashed.txt"
# The same number of SHA-1 entries, for the cost of SHA-1 hashing.
"$helper" gen "$N" 5 40 | "$cp" breach build -q -o "$WORK/sha1.idx" -
"$helper" hashed "$WORK/sha1.idx" 1000000 >>"$WORK/hashed.txt"
rm -f "$WORK/sha1.idx"

echo "== cold lookups (index evicted from the page cache before each)"
"$helper" cold "$ours" "$COLD" 4 >"$WORK/cold.txt"
# One query through each CLI with a cold file (pwqfilter reads it whole).
"$helper" evict "$ours" "$theirs"
a=$(t); "$cp" breach lookup --hashed "$ours" <"$WORK/probe1.txt" >/dev/null || true; b=$(t)
ours_cli_cold=$(el $a $b)
a=$(t); pwqfilter --lookup --pre-hashed -c -f "$theirs" <"$WORK/probe1.txt" >/dev/null || true; b=$(t)
theirs_cli_cold=$(el $a $b)

echo
echo "== results: $N synthetic NTLM entries ($entries distinct fingerprints), $(nproc) CPUs"
row "" "credpolicy" "pwqfilter" "ours/theirs"
ob=$(echo "$ours_size / $N" | bc -l) tb=$(echo "$theirs_size / $N" | bc -l)
row "index bytes per entry" "$(printf %.3f "$ob")" "$(printf %.3f "$tb")" "$(r "$ob" "$tb")"
row "index bits per entry" "$(printf %.2f "$(echo "$ob * 8" | bc -l)")" "$(printf %.2f "$(echo "$tb * 8" | bc -l)")" ""
row "false positives / $PROBES non-members" "$ours_fp" "$theirs_fp" ""
row "FP in $FP_PROBES random keys (lib)" "$(kv "$WORK/fp.txt" fp_hits)" "-" ""
row "designed/expected FP rate" "$(kv "$WORK/fp.txt" fp_expected)" "~1e-9 (doc)" ""
if [ -s "$WORK/pwqfp.txt" ]; then row "pwqfilter --test-fp-rate" "" "$(grep -o '1 in [0-9.]* [a-z]*' "$WORK/pwqfp.txt" | head -1)" ""; fi
for order in sorted unsorted; do
	for kind in wall cpu; do
		ob=$(cat "$WORK/ours-$order.$kind") tb=$(cat "$WORK/theirs-$order.$kind")
		orate=$(echo "$N / $ob / 1000000" | bc -l) trate=$(echo "$N / $tb / 1000000" | bc -l)
		row "build M entries/s ($order, $kind)" "$(printf %.2f "$orate")" "$(printf %.2f "$trate")" "$(r "$orate" "$trate")"
	done
done
for kind in wall cpu; do
	ow=$(echo "($(cat "$WORK/ours-cli-probes.$kind") - $(cat "$WORK/ours-cli-probe1.$kind")) / $PROBES * 1000000" | bc -l)
	tw=$(echo "($(cat "$WORK/theirs-cli-probes.$kind") - $(cat "$WORK/theirs-cli-probe1.$kind")) / $PROBES * 1000000" | bc -l)
	row "warm us/lookup, CLI --load, hex ($kind)" "$(printf %.3f "$ow")" "$(printf %.3f "$tw")" "$(r "$ow" "$tw")"
done
us() { printf %.3f "$(echo "$(kv "$1" "$2") / 1000" | bc -l)"; }
row "warm us/lookup, lib, mapped (cpu)" "$(us "$WORK/warm.txt" warm_mapped_ns_per_lookup)" "-" ""
row "  one at a time (latency)" "$(us "$WORK/warm.txt" warm_mapped_ns_latency)" "-" ""
row "warm us/lookup, lib, --load (cpu)" "$(us "$WORK/warm.txt" warm_loaded_ns_per_lookup)" "-" ""
row "  one at a time (latency)" "$(us "$WORK/warm.txt" warm_loaded_ns_latency)" "-" ""
row "NTLM hashing alone" "$(us "$WORK/hashed.txt" hash_only_ntlm_ns)" "-" ""
row "SHA-1 hashing alone" "$(us "$WORK/hashed.txt" hash_only_sha1_ns)" "-" ""
row "password lookup, mapped, NTLM" "$(us "$WORK/hashed.txt" hashed_mapped_ntlm_ns_per_lookup)" "-" ""
row "password lookup, --load, NTLM" "$(us "$WORK/hashed.txt" hashed_loaded_ntlm_ns_per_lookup)" "-" ""
row "password lookup, mapped, SHA-1" "$(us "$WORK/hashed.txt" hashed_mapped_sha1_ns_per_lookup)" "-" ""
a=$(t); "$cp" breach lookup --hashed "$ours" <"$WORK/probe1.txt" >/dev/null || true; b=$(t)
o1=$(el $a $b)
a=$(t); pwqfilter --lookup --pre-hashed -c -f "$theirs" <"$WORK/probe1.txt" >/dev/null || true; b=$(t)
t1=$(el $a $b)
row "CLI start + load + 1 lookup, ms" "$(printf %.1f "$(echo "$o1 * 1000" | bc -l)")" "$(printf %.1f "$(echo "$t1 * 1000" | bc -l)")" "$(r "$o1" "$t1")"
row "cold CLI 1 lookup, ms" "$(printf %.1f "$(echo "$ours_cli_cold * 1000" | bc -l)")" "$(printf %.1f "$(echo "$theirs_cli_cold * 1000" | bc -l)")" "$(r "$ours_cli_cold" "$theirs_cli_cold")"
row "cold lookup us (lib, median/p90)" "$(kv "$WORK/cold.txt" cold_us_median)/$(kv "$WORK/cold.txt" cold_us_p90)" "-" ""
row "cold page reads per lookup (mean/max)" "$(kv "$WORK/cold.txt" cold_faults_per_lookup)/$(kv "$WORK/cold.txt" cold_faults_max)" "<=2 (design)" ""
row "cold page reads to open" "$(kv "$WORK/cold.txt" cold_open_faults)" "-" ""
echo
echo "pwqfilter status: $(tr '\n' ' ' <"$WORK/status.txt")"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
