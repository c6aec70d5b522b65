#!/bin/sh
# Detection benchmark: how many stored credentials credaudit scan finds, and
# how many clean cases it flags, beside secretlint (recommended preset), in
# one run:
#   - every labelled corpus under $BENCH_CORPORA (each a folder with files/
#     and truth.jsonl, scored by the score.py found there, audit labels):
#     recall and false-positive rate per corpus and per family, and how
#     many flagged negatives hold a value that a positive unit holds too;
#   - findings per severity on real trees of this machine ($BENCH_TREES);
#   - throughput on those trees (CPU seconds), beside ripgrep searching the
#     rules' keywords. bench/bench_scan.sh measures large-file throughput.
#
# Usage: bench/bench_detect.sh [BUILDDIR [SRCDIR]]
#   BENCH_CORPORA  folder of corpora (default SRCDIR/../shared/corpus)
#   BENCH_TREES    real trees (default "/etc /usr/include /usr/share/doc")
#   SECRETLINT_DIR where secretlint 12 is installed with npm (default
#                  BUILDDIR/bench-secretlint; installed there when missing)
#   BENCH_OUT      where results are kept (default BUILDDIR/bench-detect)
#   BENCH_RULES    rules directory (default SRCDIR/conf/rules)
set -eu
build=${1:-_build/gcc}
src=${2:-.}
CA=$(cd "$build" && pwd)/credaudit
RULES=${BENCH_RULES:-$(cd "$src" && pwd)/conf/rules}
CORPORA=${BENCH_CORPORA:-$src/../shared/corpus}
TREES=${BENCH_TREES:-/etc /usr/include /usr/share/doc}
OUT=${BENCH_OUT:-$build/bench-detect}
SL=${SECRETLINT_DIR:-$build/bench-secretlint}
[ -x "$CA" ] || { echo "no $CA: build first" >&2; exit 2; }
[ -d "$CORPORA" ] || { echo "no corpora in $CORPORA (set BENCH_CORPORA)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time, package time) is needed" >&2; exit 2; }
CORPORA=$(cd "$CORPORA" && pwd -P)
ALL=; "$CA" scan --help 2>/dev/null | grep -q -- '--all' && ALL=--all
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# ------------------------------------------------------------- secretlint
have_sl=0
if [ ! -x "$SL/node_modules/.bin/secretlint" ] && command -v npm >/dev/null; then
	mkdir -p "$SL"
	(cd "$SL" && { [ -f package.json ] || npm init -y >/dev/null; } &&
		npm i --no-audit --no-fund secretlint@12 \
			@secretlint/secretlint-rule-preset-recommend@12 >/dev/null 2>&1) || true
fi
if [ -x "$SL/node_modules/.bin/secretlint" ]; then
	SL=$(cd "$SL" && pwd)
	printf '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}\n' >"$SL/.secretlintrc.json"
	have_sl=1
fi

# secretlint's JSON report to one finding a line: {"path","line"}
sl_lines() {
	python3 -c '
import json, sys
try:
    data = json.load(open(sys.argv[1]))
except ValueError:
    data = []
for r in data:
    for m in r.get("messages", []):
        print(json.dumps({"path": r["filePath"], "line": m.get("loc", {}).get("start", {}).get("line", 0)}))
' "$1"
}

# ---------------------------------------------------------------- corpora
echo "credaudit detection benchmark: $(date -u +%Y-%m-%dT%H:%M:%SZ), rules $RULES"
[ "$have_sl" = 1 ] && echo "anchor: secretlint $("$SL/node_modules/.bin/secretlint" --version 2>/dev/null), recommended preset" ||
	echo "anchor: secretlint not installed (npm missing or offline): its columns are empty"
echo
: >"$OUT/families.tsv"
echo "### corpora (audit labels; recall = positives found, FP = negatives flagged)"
echo "| corpus | positives | credaudit recall | credaudit FP | secretlint recall | secretlint FP |"
echo "|---|---|---|---|---|---|"
for c in "$CORPORA"/*/; do
	c=${c%/}
	name=$(basename "$c")
	[ -f "$c/truth.jsonl" ] && [ -d "$c/files" ] || continue
	(cd "$c/files" && "$CA" scan $ALL --fingerprint-key "$OUT/fingerprint.key" --rules "$RULES" --format json --jobs 1 . >"$OUT/$name.ca.jsonl" 2>/dev/null) || true
	python3 "$CORPORA/score.py" "$c" "$OUT/$name.ca.jsonl" --misses >"$OUT/$name.ca.score"
	slr=- slf=-
	if [ "$have_sl" = 1 ]; then
		(cd "$c/files" && "$SL/node_modules/.bin/secretlint" --secretlintrc "$SL/.secretlintrc.json" \
			--format json --output "$OUT/$name.sl.json" '**/*' '**/.*' '**/.*/**' >/dev/null 2>&1) || true
		sl_lines "$OUT/$name.sl.json" | sed "s|^{\"path\": \"$c/files/|{\"path\": \"|" >"$OUT/$name.sl.jsonl"
		python3 "$CORPORA/score.py" "$c" "$OUT/$name.sl.jsonl" >"$OUT/$name.sl.score"
		slr=$(awk '$1 == "ALL" {print $4}' "$OUT/$name.sl.score")
		slf=$(awk '$1 == "ALL" {print $7}' "$OUT/$name.sl.score")
	fi
	awk -v n="$name" -v r="$slr" -v f="$slf" '$1 == "ALL" {
		printf "| %s | %d | %s | %s | %s | %s |\n", n, $2, $4, $7, r, f }' "$OUT/$name.ca.score"
	for t in ca sl; do
		[ -f "$OUT/$name.$t.score" ] || continue
		# family pos found neg flagged (the last six columns of score.py)
		awk -v t="$t" 'NR > 1 && $1 != "ALL" && $1 != "missed" && $1 != "flagged" && NF >= 7 {
			fam = $1; for (i = 2; i <= NF - 6; i++) fam = fam " " $i
			printf "%s\t%s\t%d\t%d\t%d\t%d\n", t, fam, $(NF-5), $(NF-4), $(NF-2), $(NF-1) }' \
			"$OUT/$name.$t.score" >>"$OUT/families.tsv"
	done
done
echo
echo "### families, all corpora together"
python3 - "$OUT/families.tsv" <<'PY'
import collections, sys
fam = collections.defaultdict(lambda: {"ca": [0, 0, 0, 0], "sl": [0, 0, 0, 0]})
for ln in open(sys.argv[1]):
    t, f, *n = ln.rstrip("\n").split("\t")
    fam[f][t] = [a + int(b) for a, b in zip(fam[f][t], n)]
pct = lambda a, b: "%.1f %%" % (100.0 * a / b) if b else "-"
print("| family | positives | credaudit recall | credaudit FP | secretlint recall | secretlint FP |")
print("|---|---|---|---|---|---|")
tot = {"ca": [0, 0, 0, 0], "sl": [0, 0, 0, 0]}
for f in sorted(fam):
    a, s = fam[f]["ca"], fam[f]["sl"]
    for t in tot:
        tot[t] = [x + y for x, y in zip(tot[t], fam[f][t])]
    print("| %s | %d | %s | %s | %s | %s |" % (f, a[0], pct(a[1], a[0]), pct(a[3], a[2]),
          pct(s[1], s[0]) if s[0] else "-", pct(s[3], s[2]) if s[2] else "-"))
a, s = tot["ca"], tot["sl"]
print("| **all** | %d | %s | %s | %s | %s |" % (a[0], pct(a[1], a[0]), pct(a[3], a[2]),
      pct(s[1], s[0]) if s[0] else "-", pct(s[3], s[2]) if s[2] else "-"))
PY
echo
echo "### flagged negatives whose value the corpora label positive elsewhere"
python3 - "$CORPORA" "$OUT" <<'PY'
# A negative flagged only for values that a finding inside a positive
# unit's lines also holds (same keyed fingerprint; all corpora pooled)
# cannot be cleared by judging those values alone: that would clear the
# positive's finding too. The count is a floor for any judge of values;
# a finding inside a positive unit need not be its labelled secret, so it
# is an estimate. Units are matched to findings as score.py does.
import json, os, sys
corpora, out = sys.argv[1], sys.argv[2]
def norm(p):
    p = p.split("!")[0]
    while p.startswith("./"):
        p = p[2:]
    return p
pos, neg = set(), []
for name in sorted(os.listdir(corpora)):
    truth, found = os.path.join(corpora, name, "truth.jsonl"), os.path.join(out, name + ".ca.jsonl")
    if not (os.path.isfile(truth) and os.path.isfile(found)):
        continue
    hits = {}
    for ln in open(found, errors="replace"):
        try:
            o = json.loads(ln)
        except ValueError:
            continue
        if isinstance(o, dict) and "path" in o and "secret" in o:
            hits.setdefault(norm(o["path"]), []).append((o.get("line") or 0, o["secret"].get("fingerprint")))
    for ln in open(truth):
        u = json.loads(ln)
        if u.get("scope", "in") == "out":
            continue
        fps = [f for l, f in hits.get(u["file"], [])
               if u.get("lines") is None or u["lines"][0] <= l <= u["lines"][1]]
        if u.get("audit", u["label"]) == "pos":
            pos.update(fps)
        elif fps:
            neg.append((name, u["id"], fps))
twins = [n for n in neg if all(f in pos for f in n[2])]
with open(os.path.join(out, "twins.txt"), "w") as f:
    for name, uid, _ in twins:
        f.write("%s\t%s\n" % (name, uid))
print("%d of the %d flagged negatives hold only values that a positive unit holds too"
      % (len(twins), len(neg)))
print("(list: %s)" % os.path.join(out, "twins.txt"))
PY
echo

# ------------------------------------------------------------- real trees
echo "### real trees: findings by severity (text output shows medium and above)"
echo "| tree | files | MiB | critical | high | medium | low | info | CPU s | MB per CPU-s | rg CPU s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
grep -h '^keywords' "$RULES"/*.rule | sed 's/^keywords *= *//' | tr ',' '\n' |
	sed 's/^ *//; s/ *$//' | grep -v '^$' | sort -u >"$OUT/keywords"
for t in $TREES; do
	[ -d "$t" ] || continue
	tag=$(echo "$t" | tr '/' '_')
	/usr/bin/time -f '%U %S' -o "$OUT/time" "$CA" scan $ALL --fingerprint-key "$OUT/fingerprint.key" --rules "$RULES" --format json --jobs 1 \
		"$t" >"$OUT/tree$tag.jsonl" 2>"$OUT/tree$tag.err" || true
	cpu=$(tail -1 "$OUT/time" | awk '{print $1 + $2}')
	rcpu=-
	if command -v rg >/dev/null; then
		/usr/bin/time -f '%U %S' -o "$OUT/time" rg -j1 -a -c -i -F -f "$OUT/keywords" "$t" >/dev/null 2>&1 || true
		rcpu=$(tail -1 "$OUT/time" | awk '{print $1 + $2}')
	fi
	python3 - "$OUT/tree$tag.jsonl" "$t" "$cpu" "$rcpu" <<'PY'
import collections, json, sys
sev = collections.Counter()
files = nbytes = 0
for ln in open(sys.argv[1], errors="replace"):
    try:
        o = json.loads(ln)
    except ValueError:
        continue
    if "severity" in o and "path" in o:
        sev[o["severity"]] += 1
    elif o.get("type") == "summary" or "coverage" in o:
        c = o.get("coverage", o)
        files, nbytes = c.get("files", files), c.get("bytes", nbytes)
cpu = float(sys.argv[3])
rate = "%.0f" % (nbytes / cpu / 1e6) if cpu > 0 else "-"
print("| %s | %d | %.0f | %d | %d | %d | %d | %d | %.2f | %s | %s |" % (sys.argv[2], files, nbytes / 1048576.0,
      sev["critical"], sev["high"], sev["medium"], sev["low"], sev["info"], cpu, rate, sys.argv[4]))
PY
done
echo
echo "Per-corpus families and misses: $OUT/*.score; findings: $OUT/*.jsonl"
