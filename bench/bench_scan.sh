#!/bin/sh
# Scanner benchmark: credaudit scan beside ripgrep (searching the rules'
# keywords, case-insensitively) and cat (the I/O floor), on
#   large  - config-like text in large files (>= 1 GiB in all),
#   small  - a tree of many small files,
#   image  - a raw disk image (credaudit --device),
#   system - this machine's own trees (BENCH_SYSTEM, default /etc and
#            /usr/share): many kinds of file, so many sets of
#            path-limited rules,
# single-threaded and on all cores, warm cache, plus peak memory on a small
# and on a large file. Inputs are generated in $BENCH_DIR (default /tmp).
#
# Usage: bench/bench_scan.sh [BUILDDIR [SRCDIR]]
#   BENCH_GB (default 1), BENCH_FILES (default 100000), BENCH_KEEP=1 to keep
#   the corpus, BENCH_DIR (default /tmp/credaudit-bench), BENCH_SYSTEM
#   (default "/etc /usr/share"; empty: no system row).
set -eu
build=${1:-_build/dev}
src=${2:-.}
CA=$build/credaudit
RULES=$src/conf/rules
GB=${BENCH_GB:-1}
NFILES=${BENCH_FILES:-100000}
D=${BENCH_DIR:-/tmp/credaudit-bench}
NCPU=$(nproc)
SYSTEM=${BENCH_SYSTEM-/etc /usr/share}
[ -x "$CA" ] || { echo "no $CA: build first" >&2; exit 2; }
command -v rg >/dev/null || { echo "ripgrep (rg) is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time, package time) is needed" >&2; exit 2; }
mkdir -p "$D"
# one run per directory: a second run's clean-up or regeneration would pull
# the corpus from under this one, and its rows would time a failed scan
exec 9>"$D/.lock"
flock -n 9 || { echo "another bench_scan.sh is using $D: set BENCH_DIR" >&2; exit 2; }
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$D"' EXIT
# the benchmark's own fingerprint key: the installed one may not exist
FPKEY=$D/fingerprint.key

# ---------------------------------------------------------------- corpus
if [ ! -f "$D/.done-$GB-$NFILES" ]; then
	rm -rf "$D"/large "$D"/small "$D"/disk.img
	python3 - "$D" "$GB" "$NFILES" <<'PY'
import os, random, sys
d, gb, nfiles = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(42)
words = ("server host port timeout retries cache pool size level path user name mode "
         "enabled format buffer queue worker thread limit region bucket endpoint url "
         "token_ttl session cookie domain proxy tls cert key_file log rotate max min").split()
def value():
    r = rnd.random()
    if r < 0.3: return str(rnd.randint(0, 65535))
    if r < 0.5: return rnd.choice(["true", "false", "on", "off"])
    if r < 0.7: return "/var/lib/%s/%s" % (rnd.choice(words), rnd.choice(words))
    if r < 0.85: return "%d.%d.%d.%d" % tuple(rnd.randint(1, 254) for _ in range(4))
    return "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rnd.randint(4, 24)))
def line():
    r = rnd.random()
    if r < 0.15: return "# %s %s %s\n" % (rnd.choice(words), rnd.choice(words), rnd.choice(words))
    if r < 0.20: return "[%s.%s]\n" % (rnd.choice(words), rnd.choice(words))
    if r < 0.203: return "password = ${DB_PASSWORD}\n"          # placeholder: no finding
    if r < 0.20301: return "db.password=%s\n" % value()           # a finding now and then
    if r < 0.20302: return "url = postgres://app:%s@db.internal:5432/app\n" % value()
    sep = rnd.choice([" = ", "=", ": "])
    return "%s.%s%s%s\n" % (rnd.choice(words), rnd.choice(words), sep, value())
block = "".join(line() for _ in range(300000)).encode()   # ~8 MiB of distinct text
os.makedirs(d + "/large")
nlarge, per = 8 * gb, 128 << 20
for i in range(nlarge):
    with open("%s/large/conf%02d.txt" % (d, i), "wb") as f:
        off = (i * 7919) % len(block)
        buf = (block[off:] + block[:off])
        while f.tell() < per:
            f.write(buf[:per - f.tell()])
os.makedirs(d + "/small")
pos = 0
for i in range(nfiles):
    sub = "%s/small/%03d" % (d, i % 1000)
    if i < 1000: os.makedirs(sub)
    n = rnd.randint(256, 4096)
    if pos + n > len(block): pos = 0
    with open("%s/f%06d.conf" % (sub, i), "wb") as f:
        f.write(block[pos:pos + n])
    pos += n
with open(d + "/disk.img", "wb") as f:                       # a raw image, no holes
    for i in range(512 << 20 >> 22):
        f.write(bytes(rnd.getrandbits(8) for _ in range(4096)) * 8 if i % 16 == 0 else b"")
        f.write(block[(i * 4099) % (len(block) - (4 << 20)):][:(4 << 20) - (32768 if i % 16 == 0 else 0)])
PY
	touch "$D/.done-$GB-$NFILES"
fi
grep -h '^keywords' "$RULES"/*.rule | sed 's/^keywords *= *//' | tr ',' '\n' |
	sed 's/^ *//; s/ *$//' | grep -v '^$' | sort -u >"$D/keywords"
nkw=$(wc -l <"$D/keywords")
nrules=$(cat "$RULES"/*.rule | grep -c '^\[rule ')

bytes() { du -sb --apparent-size "$1" | cut -f1; }
# Best of 3 runs: "WALL CPU" seconds (CPU = user + system, all threads).
# On a shared machine wall time includes waiting for a CPU; the CPU column
# is the one to compare per core. A run that fails (credaudit's status 2
# and above, 1 means findings; rg's 2; a signal) makes the row "failed":
# its time is that of an error, not of a scan.
best() {
	bw= bc_=
	for _ in 1 2 3; do
		/usr/bin/time -f '%e %U %S %x' -o "$D/t" "$@" >/dev/null 2>"$D/err" || true
		if grep -q '^Command terminated by signal' "$D/t" || [ "$(tail -1 "$D/t" | cut -d' ' -f4)" -ge 2 ]; then
			echo "bench_scan: failed: $* ($(head -1 "$D/t"); $(tail -1 "$D/err"))" >&2
			echo failed
			return
		fi
		w=$(tail -1 "$D/t" | cut -d' ' -f1); c=$(tail -1 "$D/t" | awk '{print $2 + $3}')
		if [ -z "$bw" ] || [ "$(echo "$w < $bw" | bc -l)" = 1 ]; then bw=$w; fi
		if [ -z "$bc_" ] || [ "$(echo "$c < $bc_" | bc -l)" = 1 ]; then bc_=$c; fi
	done
	echo "$bw $bc_"
}
mbs() { if [ "$(echo "$2 > 0" | bc -l)" = 1 ]; then echo "scale=0; $1 / $2 / 1000000" | bc -l; else echo "-"; fi; }
row() { # label bytes "wall cpu" "anchor-wall anchor-cpu"
	if [ "$3" = failed ]; then
		printf '| %-32s | failed (see above) | | | | |\n' "$1"
		return
	fi
	w=${3% *} c=${3#* } aw=${4% *} ratio=-
	# cat of one cached file can take less than time's 10 ms: no ratio then
	[ "$(echo "$aw > 0" | bc -l)" = 1 ] && ratio=$(printf '%.2fx' "$(echo "$w / $aw" | bc -l)")
	printf '| %-32s | %7.2f s | %6s MB/s | %6.2f s | %6s MB/s | %6s |\n' "$1" "$w" "$(mbs "$2" "$w")" \
		"$c" "$(mbs "$2" "$c")" "$ratio"
}
header() {
	echo "| command | wall | wall rate | CPU | rate per CPU-second | wall vs cat |"
	echo "|---|---|---|---|---|---|"
}

echo "credaudit scan benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ), $NCPU CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
engine=pcre2; grep -q 'define HAVE_HYPERSCAN 1' "$build/config.h" 2>/dev/null && engine=hyperscan+pcre2
echo "rules: $nrules ($nkw keywords for ripgrep), engine: $engine, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

for corpus in large small; do
	P=$D/$corpus
	n=$(bytes "$P"); nf=$(find "$P" -type f | wc -l)
	find "$P" -type f -print0 | xargs -0 cat >/dev/null # warm the cache
	tc=$(best sh -c 'find "$1" -type f -print0 | xargs -0 cat' sh "$P")
	echo "### $corpus: $nf files, $(echo "$n / 1048576" | bc) MiB"
	header
	row "cat (I/O floor)" "$n" "$tc" "$tc"
	for j in 1 "$NCPU"; do
		row "rg -j$j -i -F -f keywords" "$n" "$(best rg -j"$j" -a -c -i -F -f "$D/keywords" "$P")" "$tc"
		row "credaudit scan --jobs $j" "$n" "$(best "$CA" scan --fingerprint-key "$FPKEY" --rules "$RULES" --format json --jobs "$j" "$P")" "$tc"
	done
	echo
done

f=$D/large/conf00.txt; n=$(bytes "$f")
cat "$f" >/dev/null
tc=$(best cat "$f")
echo "### one large file: $(echo "$n / 1048576" | bc) MiB (split into ranges across threads)"
header
row "cat (I/O floor)" "$n" "$tc" "$tc"
for j in 1 "$NCPU"; do
	row "rg -j$j -i -F -f keywords" "$n" "$(best rg -j"$j" -a -c -i -F -f "$D/keywords" "$f")" "$tc"
	row "credaudit scan --jobs $j" "$n" "$(best "$CA" scan --fingerprint-key "$FPKEY" --rules "$RULES" --format json --jobs "$j" "$f")" "$tc"
done
echo

n=$(bytes "$D/disk.img")
cat "$D/disk.img" >/dev/null
tc=$(best cat "$D/disk.img")
echo "### image: $(echo "$n / 1048576" | bc) MiB raw"
header
row "cat (I/O floor)" "$n" "$tc" "$tc"
row "rg -j1 -a -i -F -f keywords" "$n" "$(best rg -j1 -a -c -i -F -f "$D/keywords" "$D/disk.img")" "$tc"
for j in 1 "$NCPU"; do
	row "credaudit scan --device --jobs $j" "$n" "$(best "$CA" scan --fingerprint-key "$FPKEY" --rules "$RULES" --format json --jobs "$j" --device "$D/disk.img")" "$tc"
done
echo

# shellcheck disable=SC2086 # $SYSTEM is a list of trees
if [ -n "$SYSTEM" ]; then
	n=$(du -scb --apparent-size $SYSTEM 2>/dev/null | tail -1 | cut -f1)
	nf=$(find $SYSTEM -type f 2>/dev/null | wc -l)
	find $SYSTEM -type f -print0 2>/dev/null | xargs -0 cat >/dev/null 2>&1 || true
	tc=$(best sh -c 'find "$@" -type f -print0 2>/dev/null | xargs -0 cat 2>/dev/null; exit 0' sh $SYSTEM)
	echo "### system trees: $SYSTEM ($nf files, $(echo "$n / 1048576" | bc) MiB; hidden and ignored files included)"
	header
	row "cat (I/O floor)" "$n" "$tc" "$tc"
	for j in 1 "$NCPU"; do
		row "rg -j$j -uu -a -i -F -f keywords" "$n" "$(best rg -j"$j" -uu -a -c -i -F -f "$D/keywords" $SYSTEM)" "$tc"
		row "credaudit scan --jobs $j" "$n" "$(best "$CA" scan --fingerprint-key "$FPKEY" --rules "$RULES" --format json --jobs "$j" $SYSTEM)" "$tc"
	done
	echo
fi

if true; then
	echo "### peak memory (max RSS), --jobs 1"
	head -c 4096 "$D/large/conf00.txt" >"$D/small.conf"
	for f in "$D/small.conf" "$D/large/conf00.txt" "$D/disk.img"; do
		opt=; [ "$f" = "$D/disk.img" ] && opt=--device
		/usr/bin/time -v -o "$D/time" "$CA" scan --fingerprint-key "$FPKEY" --rules "$RULES" --format json --jobs 1 $opt "$f" >/dev/null || true
		printf '| %-40s | %12s bytes | %8s KiB |\n' "$(basename "$f")${opt:+ ($opt)}" "$(bytes "$f")" \
			"$(awk '/Maximum resident/ {print $NF}' "$D/time")"
	done
fi
