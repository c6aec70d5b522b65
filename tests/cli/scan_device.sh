#!/bin/sh
# credaudit scan --device: a credential in a file deleted from an ext4
# image (made with mke2fs -d, deleted with debugfs: no mount) is found at
# its byte offset; secrets on chunk boundaries are found exactly once, for
# files and devices; progress only on a terminal.
. "$top_srcdir/tests/lib.sh"
CA="$top_builddir/tests/bin/credaudit"
RULES="$top_srcdir/conf/rules"
CANARY='Canary-Dev-3vR8pT'
scan() { timeout 120 "$CA" scan --rules "$RULES" "$@"; }
findings() { python3 -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    if "rule" in o: print(o["offset"], o["line"])' "$1"; }

PATH=$PATH:/sbin:/usr/sbin
if ! command -v mke2fs >/dev/null || ! command -v debugfs >/dev/null; then
	echo "skip: ext4 image case needs e2fsprogs (mke2fs, debugfs)"
else
	mkdir -p "$TMP/fs/etc" "$TMP/fs/srv"
	printf '[db]\nuser = app\npassword = %s\n' "$CANARY" >"$TMP/fs/etc/app.conf"
	printf 'nothing here\n' >"$TMP/fs/srv/readme"
	mke2fs -q -F -t ext4 -d "$TMP/fs" "$TMP/disk.img" 8M >/dev/null || fail "mke2fs"
	debugfs -w -R 'rm /etc/app.conf' "$TMP/disk.img" 2>/dev/null
	debugfs -R 'ls -l /etc' "$TMP/disk.img" 2>/dev/null | grep -q app.conf && fail "file not deleted"
	# Where the deleted file's secret still lies on the disk:
	at=$(grep -a -b -o -F "$CANARY" "$TMP/disk.img" | head -1 | cut -d: -f1)
	[ -n "$at" ] || fail "the deleted data is not on the image (test premise)"
	scan --format json --device "$TMP/disk.img" >"$TMP/dev.json" 2>"$TMP/dev.err"; rc=$?
	[ $rc -eq 1 ] || fail "--device: exit $rc, want 1: $(cat "$TMP/dev.err")"
	findings "$TMP/dev.json" | grep -qx "$at None" ||
		fail "deleted credential not found at byte $at: $(findings "$TMP/dev.json")"
	grep -q '"line":null' "$TMP/dev.json" || fail "device findings must have line null"
	grep -q ETA "$TMP/dev.err" && fail "progress shown although stderr is not a terminal"
	ok "deleted file's credential found at byte $at of the ext4 image"

	# Text output names the byte offset.
	scan --device "$TMP/disk.img" >"$TMP/dev.txt" 2>/dev/null
	grep -q "byte $at" "$TMP/dev.txt" || fail "text output lacks 'byte $at': $(cat "$TMP/dev.txt")"

	# On a terminal, progress (bytes, rate, ETA) goes to stderr.
	if command -v script >/dev/null; then
		script -qec "'$CA' scan --rules '$RULES' --device '$TMP/disk.img' >/dev/null" "$TMP/tty.log" >/dev/null 2>&1
		grep -q 'ETA' "$TMP/tty.log" || fail "no progress on a terminal: $(cat "$TMP/tty.log")"
		assert_no_canary "$CANARY" "$TMP/tty.log"
	fi
fi

# Chunk boundaries: 300 secrets 3001 bytes apart, read in 4 KiB chunks, so
# boundaries fall in every part of a secret: each is found once, exactly.
python3 - "$TMP/bound.img" "$CANARY" <<'PY'
import sys
out, canary = sys.argv[1], sys.argv[2]
buf = bytearray(b"#" * (300 * 3001 + 4096))
for i in range(0, len(buf), 61):
    buf[i] = 0x0a
with open(out + ".offsets", "w") as f:
    for k in range(300):
        line = b"\npassword = %s-%04d\n" % (canary.encode(), k)
        at = 2000 + k * 3001
        buf[at:at + len(line)] = line
        f.write("%d\n" % (at + line.index(b"= ") + 2))
open(out, "wb").write(buf)
PY
sort -n "$TMP/bound.img.offsets" >"$TMP/want"
scan --format json --device "$TMP/bound.img" --chunk-size 4K >"$TMP/b.json"
findings "$TMP/b.json" | cut -d' ' -f1 | sort -n >"$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || fail "device chunk boundaries: $(diff "$TMP/want" "$TMP/got" | head -5)"
# Chunks are scanned in parallel but reported in device order.
scan --format json --device "$TMP/bound.img" --chunk-size 4K --jobs 1 >"$TMP/b1.json"
scan --format json --device "$TMP/bound.img" --chunk-size 4K --jobs 3 >"$TMP/b3.json"
cmp -s "$TMP/b1.json" "$TMP/b3.json" || fail "device output depends on --jobs"
findings "$TMP/b1.json" | cut -d' ' -f1 >"$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || fail "device findings not in offset order"
mkdir "$TMP/bt" && cp "$TMP/bound.img" "$TMP/bt/bound.conf"
scan --format json --chunk-size 4K "$TMP/bt" >"$TMP/f.json"
findings "$TMP/f.json" | cut -d' ' -f1 | sort -n >"$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || fail "file chunk boundaries: $(diff "$TMP/want" "$TMP/got" | head -5)"
# a large file is split into ranges scanned by all threads: same output
scan --format json --chunk-size 4K --jobs 1 "$TMP/bt" >"$TMP/fj1.json"
scan --format json --chunk-size 4K --jobs 3 "$TMP/bt" >"$TMP/fj3.json"
cmp -s "$TMP/fj1.json" "$TMP/fj3.json" || fail "file ranges: --jobs 1 and --jobs 3 differ"
# and the same findings with the default chunk size (one chunk)
scan --format json "$TMP/bt" >"$TMP/f1.json"
[ "$(findings "$TMP/f.json")" = "$(findings "$TMP/f1.json")" ] || fail "chunked and whole reads differ (lines or offsets)"
ok "300 secrets across 4 KiB chunk boundaries found once each"

# A file's cap on findings (SCAN_MAX_HITS_PER_FILE, 10000) holds across
# the ranges a split file is scanned in: the first 10000, the file listed
# once as capped, whatever --jobs
mkdir "$TMP/cap"
awk -v c="$CANARY" 'BEGIN { for (i = 1; i <= 12000; i++) printf "password = %s-%06d\n", c, i }' >"$TMP/cap/many.conf"
for j in 1 3; do
	scan --format json --chunk-size 4K --jobs $j "$TMP/cap" >"$TMP/cap$j.json"
	[ "$(findings "$TMP/cap$j.json" | wc -l)" -eq 10000 ] ||
		fail "--jobs $j: $(findings "$TMP/cap$j.json" | wc -l) findings past the cap, want 10000"
	[ "$(findings "$TMP/cap$j.json" | tail -1 | cut -d' ' -f2)" = 10000 ] || fail "--jobs $j: not the first 10000"
	grep -q '"findings_cap":1,\|"findings_cap":1}' "$TMP/cap$j.json" || fail "--jobs $j: the capped file is not counted once"
done
cmp -s "$TMP/cap1.json" "$TMP/cap3.json" || fail "capped file: --jobs 1 and --jobs 3 differ"
ok "a split file's findings are capped as a whole file's"

# A JSON string of text is read again with its escapes undone (a view):
# each secret once, at the same place, whatever the chunks, strings
# across chunk boundaries included
mkdir "$TMP/views"
awk 'BEGIN { for (i = 1; i <= 240; i++) {
	printf "{\"c%d\": \"[db]\\nnote = %0300d\\npassword = Hv7kQ2m%03dZp\\n\"}\n", i, 0, i } }' >"$TMP/views/v.json"
scan --format json --chunk-size 4K "$TMP/views" >"$TMP/v4k.json"
scan --format json "$TMP/views" >"$TMP/v1.json"
[ "$(findings "$TMP/v1.json" | sort -u | wc -l)" -eq 240 ] || fail "views: $(findings "$TMP/v1.json" | sort -u | wc -l) findings, want 240"
[ "$(findings "$TMP/v4k.json")" = "$(findings "$TMP/v1.json")" ] || fail "views: chunked and whole reads differ"
grep -q '"redacted":"\*\*\*(12)"' "$TMP/v1.json" || fail "views: the secret is not read without its escape"
ok "strings of text read again once each, across 4 KiB chunks"

# At a 4 KiB chunk's boundary (8320 with its 4160-byte window): a match
# whose raw reading starts one byte earlier than its view's (an escape's
# letter joins the name: "\tpassword"), and a long line that starts before
# the next chunk's buffer, with its secret past the boundary: once each,
# as whole
mkdir "$TMP/edge"
python3 - "$TMP/edge" <<'PY'
import sys
d = sys.argv[1]
def pad(n):
    out = b""
    while len(out) < n:
        k = min(200, n - len(out) - 1)
        out += (b"x" * k + b"\n") if k > 0 else b"\n"
    return out[:n]
a = b'{"c": "[db]\\tpassword = Hv7kQ2m002Zp \\nnote = 1\\nx = 2"}\n'
lead = 8320 - a.index(b"password")
open(d + "/tab.json", "wb").write(pad(lead) + a + pad(8000))
b = b'{"k": "' + b"c" * (8400 - 4000 - 9) + b'\\nrootpw --plaintext Ks7RootClear9\\nreboot\\n"}\n'
open(d + "/long.json", "wb").write(pad(4000) + b + pad(8000))
PY
for f in tab long; do
	scan --format json --chunk-size 4K "$TMP/edge/$f.json" >"$TMP/e4k.json"
	scan --format json "$TMP/edge/$f.json" >"$TMP/e1.json"
	[ "$(findings "$TMP/e1.json" | wc -l)" -eq 1 ] || fail "$f: $(findings "$TMP/e1.json" | wc -l) findings read whole, want 1"
	[ "$(findings "$TMP/e4k.json")" = "$(findings "$TMP/e1.json")" ] || fail "$f: chunked and whole reads differ"
done
ok "strings of text at a chunk's boundary: once each, as whole"

# Findings an allow marker suppresses are not kept, so they do not fill
# the cap: a secret after 10001 of them is still reported, and the file
# is not capped
mkdir "$TMP/allow"
awk -v c="$CANARY" 'BEGIN { for (i = 1; i <= 10001; i++) printf "password = %s-%06d  # credaudit:allow\n", c, i
	print "db_password = Zx8vNq3TtLm" }' >"$TMP/allow/a.conf"
scan --format json "$TMP/allow" >"$TMP/allow.json"
[ "$(findings "$TMP/allow.json" | wc -l)" -eq 1 ] || fail "the secret after 10001 allowed ones: $(findings "$TMP/allow.json" | wc -l) findings, want 1"
grep -q '"suppressed_inline":10001' "$TMP/allow.json" || fail "the allowed findings are not counted"
! grep -q findings_cap "$TMP/allow.json" || fail "allowed findings filled the cap"
ok "findings an allow marker suppresses do not count toward the cap"

# Every row of a dump's statement, the same rows whatever the chunks and
# --jobs: a statement reads its rows up to the window past its start,
# which every chunk and range holds, not as far as its buffer happens to
# go (20 statements of 64 rows of 110 bytes, longer than the window, some
# across 4 KiB chunk boundaries)
mkdir "$TMP/dump"
python3 - "$TMP/dump/app.sql" "$CANARY" <<'PY'
import sys
out, canary = sys.argv[1], sys.argv[2]
parts = []
for k in range(20):
    parts.append("-- " + "x" * (97 * k % 1500) + "\n")
    rows = ",".join("(%d,'u%d','Pw-%s-%02d-%02d','%s')" % (i, i, canary, k, i, "n" * 60)
                    for i in range(64))
    parts.append("INSERT INTO users (id, name, password, note) VALUES %s;\n" % rows)
open(out, "w").write("".join(parts))
PY
for j in 1 3; do
	scan --format json --chunk-size 4K --jobs $j "$TMP/dump" >"$TMP/dump$j.json"
done
scan --format json "$TMP/dump" >"$TMP/dumpw.json"
n=$(findings "$TMP/dump1.json" | wc -l)
[ "$n" -ge 600 ] || fail "dump rows: $n findings, want 30 or more per statement"
[ "$(findings "$TMP/dump1.json")" = "$(findings "$TMP/dump3.json")" ] &&
	[ "$(findings "$TMP/dump1.json")" = "$(findings "$TMP/dumpw.json")" ] ||
	fail "dump rows differ with the chunks or --jobs"
[ "$(findings "$TMP/dump1.json" | cut -d' ' -f1 | sort -u | wc -l)" -eq "$n" ] || fail "a dump's row reported twice"
ok "the rows of 20 dump statements, the same across chunks and --jobs ($n)"

# Errors: not a device or image.
mkfifo "$TMP/fifo"
scan --device "$TMP/fifo" >/dev/null 2>"$TMP/e"; rc=$?
[ $rc -eq 2 ] || fail "--device on a FIFO: exit $rc, want 2"
scan --device "$TMP/none" >/dev/null 2>"$TMP/e"; rc=$?
[ $rc -eq 2 ] || fail "--device on a missing path: exit $rc, want 2"
grep -q "$TMP/none" "$TMP/e" || fail "error does not name the path"

for f in "$TMP"/*.json "$TMP"/*.txt "$TMP"/*.err "$TMP/e"; do
	[ -f "$f" ] && assert_no_canary "$CANARY" "$f"
done
finish
