#!/bin/sh
# Scanner benchmark: credaudit scan beside ripgrep (searching the rules'
# keywords, case-insensitively) and cat (the I/O floor), on
#   large  - config-like text in large files (>= 1 GiB in all),
#   small  - a tree of many small files,
#   image  - a raw disk image (credaudit --device),
# single-threaded and on all cores, warm cache, plus peak memory on a small
# and on a large file. Inputs are generated in $BENCH_DIR (default /tmp).
#
# Usage: bench/bench_scan.sh [BUILDDIR [SRCDIR]]
#   BENCH_GB (default 1), BENCH_FILES (default 100000), BENCH_KEEP=1 to keep
#   the corpus, BENCH_DIR (default /tmp/credaudit-bench).
set -eu
build=${1:-_build/dev}
src=${2:-.}
CA=$build/credaudit
RULES=$src/conf/rules
GB=${BENCH_GB:-1}
NFILES=${BENCH_FILES:-100000}
D=${BENCH_DIR:-/tmp/credaudit-bench}
NCPU=$(nproc)
[ -x "$CA" ] || { echo "no $CA: build first" >&2; exit 2; }
command -v rg >/dev/null || { echo "ripgrep (rg) is needed" >&2; exit 2; }
mkdir -p "$D"
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$D"' EXIT

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
    if r < 0.204: return "db.password=%s\n" % value()             # a finding now and then
    if r < 0.205: return "url = postgres://app:%s@db.internal:5432/app\n" % value()
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
# best of 3 wall-clock seconds of a command, output discarded
best() {
	b=
	for _ in 1 2 3; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || [ $? -le 1 ]
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc -l)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}
mbs() { echo "scale=0; $1 / $2 / 1000000" | bc -l; }
row() { # label bytes seconds [anchor-seconds]
	printf '| %-34s | %8.2f s | %6s MB/s |' "$1" "$3" "$(mbs "$2" "$3")"
	if [ $# -ge 4 ]; then printf ' %5.2fx |\n' "$(echo "$3 / $4" | bc -l)"; else printf '   -    |\n'; fi
}
catall() { find "$1" -type f -print0 | xargs -0 cat; }
rgrun() { rg -j"$1" -a -c -i -F -f "$D/keywords" "$2"; }

echo "credaudit scan benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ), $NCPU CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
echo "rules: $nrules ($nkw keywords for ripgrep), engine: $("$CA" rules list --rules "$RULES" 2>/dev/null | head -1 | cut -c1-60 || true)"
echo

for corpus in large small; do
	P=$D/$corpus
	n=$(bytes "$P"); nf=$(find "$P" -type f | wc -l)
	catall "$P" >/dev/null # warm the cache
	tc=$(best catall "$P")
	echo "### $corpus: $nf files, $(echo "$n / 1048576" | bc) MiB (cat = ratio 1)"
	echo "| command | time | rate | vs cat |"
	echo "|---|---|---|---|"
	row "cat (I/O floor)" "$n" "$tc" "$tc"
	for j in 1 "$NCPU"; do
		row "rg -j$j -i -F -f keywords" "$n" "$(best rgrun "$j" "$P")" "$tc"
		row "credaudit scan --jobs $j" "$n" "$(best "$CA" scan --rules "$RULES" --format json --jobs "$j" "$P")" "$tc"
	done
	echo
done

n=$(bytes "$D/disk.img")
cat "$D/disk.img" >/dev/null
tc=$(best cat "$D/disk.img")
echo "### image: $(echo "$n / 1048576" | bc) MiB raw"
echo "| command | time | rate | vs cat |"
echo "|---|---|---|---|"
row "cat (I/O floor)" "$n" "$tc" "$tc"
row "rg -j1 -a -i -F -f keywords" "$n" "$(best rgrun 1 "$D/disk.img")" "$tc"
row "credaudit scan --device" "$n" "$(best "$CA" scan --rules "$RULES" --format json --device "$D/disk.img")" "$tc"
echo

if [ -x /usr/bin/time ]; then
	echo "### peak memory (max RSS), --jobs 1"
	head -c 4096 "$D/large/conf00.txt" >"$D/small.conf"
	for f in "$D/small.conf" "$D/large/conf00.txt" "$D/disk.img"; do
		opt=; [ "$f" = "$D/disk.img" ] && opt=--device
		/usr/bin/time -v -o "$D/time" "$CA" scan --rules "$RULES" --format json --jobs 1 $opt "$f" >/dev/null || true
		printf '| %-40s | %12s bytes | %8s KiB |\n' "$(basename "$f")${opt:+ ($opt)}" "$(bytes "$f")" \
			"$(awk '/Maximum resident/ {print $NF}' "$D/time")"
	done
fi
