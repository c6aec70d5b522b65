#!/bin/sh
# credaudit scan inside archives and compressed files, made at test time
# with the tools present (gzip, bzip2, xz, zstd, tar, zip, cpio; python3
# stands in for zip and cpio when they are missing): each is found with an
# "archive!member" path; nesting obeys --archive-depth; --no-archives
# reads them raw; archive bombs stop at the expansion limit, reported.
. "$top_srcdir/tests/lib.sh"
CA="$top_builddir/tests/bin/credaudit"
RULES="$top_srcdir/conf/rules"
CANARY='Canary-Arch-5k2Lm9'
scan() { timeout 120 "$CA" scan --rules "$RULES" "$@"; }
paths() { python3 -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    if "rule" in o: print(o["path"].replace(sys.argv[2] + "/", "", 1), o["line"])' "$1" "$2" | sort; }
cov() { python3 -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    if "coverage" in o: print(eval(sys.argv[2], {}, {"cov": o["coverage"]}))' "$1" "$2"; }

mkzip() { # zipfile, dir (members relative to dir)
	z=$1; d=$2
	if command -v zip >/dev/null; then (cd "$d" && zip -qr "$z" .)
	else (cd "$d" && python3 -m zipfile -c "$z" $(ls -A)); fi
}
mkcpio() { # cpiofile, dir: newc format, written by python3 (no cpio here)
	python3 - "$1" "$2" <<'PY'
import os, sys
out, root = sys.argv[1], sys.argv[2]
def hdr(name, mode, size, ino):
    n = name.encode() + b"\0"
    h = b"070701" + b"".join(b"%08X" % v for v in (ino, mode, 0, 0, 1, 0, size, 0, 0, 0, 0, len(n), 0))
    b = h + n
    return b + b"\0" * ((4 - len(b) % 4) % 4)
with open(out, "wb") as f:
    ino = 1
    for dp, dn, fn in os.walk(root):
        for name in sorted(fn):
            p = os.path.join(dp, name); data = open(p, "rb").read()
            f.write(hdr(os.path.relpath(p, root), 0o100644, len(data), ino)); ino += 1
            f.write(data + b"\0" * ((4 - len(data) % 4) % 4))
    f.write(hdr("TRAILER!!!", 0, 0, 0))
PY
}

A="$TMP/a"; src="$TMP/src"
mkdir -p "$A" "$src/etc"
printf 'user = app\npassword = %s\n' "$CANARY" >"$src/etc/db.conf"

tar -C "$src" -cf "$A/plain.tar" etc
tar -C "$src" -czf "$A/t.tar.gz" etc
want="plain.tar!etc/db.conf 2
t.tar.gz!etc/db.conf 2"
for c in gzip:gz bzip2:bz2 xz:xz zstd:zst; do
	tool=${c%%:*} ext=${c#*:}
	if command -v "$tool" >/dev/null; then
		"$tool" -c <"$src/etc/db.conf" >"$A/db.conf.$ext"
		want="$want
db.conf.$ext!db.conf 2"
	else
		echo "skip: $tool not installed"
	fi
done
mkzip "$A/z.zip" "$src"
mkcpio "$A/c.cpio" "$src"
want="$want
z.zip!etc/db.conf 2
c.cpio!etc/db.conf 2"

scan --format json "$A" >"$TMP/a.json" 2>"$TMP/a.err"; rc=$?
[ $rc -eq 1 ] || fail "archives: exit $rc: $(cat "$TMP/a.err")"
got=$(paths "$TMP/a.json" "$A")
exp=$(echo "$want" | sort)
[ "$got" = "$exp" ] || fail "archive findings differ:
got:
$got
want:
$exp"
ok "found inside $(echo "$want" | wc -l) archives and compressed files"

# Nesting: outer.tar.gz > inner.zip > conf.xz > conf.
N="$TMP/n"; mkdir -p "$N/in/sub" "$TMP/nz"
if command -v xz >/dev/null; then
	xz -c <"$src/etc/db.conf" >"$N/in/sub/conf.xz"
	mkzip "$TMP/nz/inner.zip" "$N/in"
	tar -C "$TMP/nz" -czf "$TMP/outer.tar.gz" inner.zip
	mkdir "$TMP/nest" && mv "$TMP/outer.tar.gz" "$TMP/nest/"
	scan --format json "$TMP/nest" >"$TMP/n.json"; rc=$?
	[ $rc -eq 1 ] || fail "nested: exit $rc"
	[ "$(paths "$TMP/n.json" "$TMP/nest")" = "outer.tar.gz!inner.zip!sub/conf.xz!conf 2" ] ||
		fail "nested path: $(paths "$TMP/n.json" "$TMP/nest")"
	scan --format json --archive-depth 2 "$TMP/nest" >"$TMP/n2.json"
	# (xz may store a small text uncompressed: a raw finding in conf.xz is fine)
	paths "$TMP/n2.json" "$TMP/nest" | grep -q 'xz!' && fail "--archive-depth 2 opened a third level"
	[ "$(cov "$TMP/n2.json" 'cov["skipped"].get("archive_depth")')" = 1 ] || fail "depth not reported"
	ok "nested three deep; --archive-depth honoured"
fi

# --no-archives: everything is scanned raw, nothing is opened (the plain
# tar, the cpio and stored parts still show their members' text).
scan --format json --no-archives "$A" >"$TMP/r.json"
paths "$TMP/r.json" "$A" | grep -q '!' && fail "--no-archives opened an archive: $(paths "$TMP/r.json" "$A")"
paths "$TMP/r.json" "$A" | grep -q '^plain.tar ' || fail "--no-archives: the plain tar was not scanned raw"
[ "$(cov "$TMP/r.json" 'cov["archives"]')" = 0 ] || fail "--no-archives counted archives"

# A damaged archive is reported and the scan goes on.
head -c 4000 /dev/urandom >"$src/etc/noise" && tar -C "$src" -czf "$TMP/t2.tar.gz" etc && rm "$src/etc/noise"
head -c $(($(wc -c <"$TMP/t2.tar.gz") / 2)) "$TMP/t2.tar.gz" >"$TMP/trunc.tar.gz"
mkdir "$TMP/dmg" && mv "$TMP/trunc.tar.gz" "$TMP/dmg/" && cp "$src/etc/db.conf" "$TMP/dmg/"
scan --format json "$TMP/dmg" >"$TMP/dmg.json"; rc=$?
[ $rc -eq 1 ] || fail "damaged archive: exit $rc"
[ "$(cov "$TMP/dmg.json" 'cov["errors"].get("archive_error")')" = 1 ] ||
	fail "damaged archive not reported: $(tail -1 "$TMP/dmg.json")"

# An empty compressed file (Debian ships empty .gz man pages) is an empty
# stream, not an error.
mkdir "$TMP/empty"
for c in gzip:gz bzip2:bz2 xz:xz zstd:zst; do
	command -v "${c%%:*}" >/dev/null || continue
	: | "${c%%:*}" -c >"$TMP/empty/e.${c#*:}"
done
scan --format json "$TMP/empty" >"$TMP/empty.json"; rc=$?
[ $rc -eq 0 ] || fail "empty compressed files: exit $rc"
[ "$(cov "$TMP/empty.json" 'len(cov["errors"])')" = 0 ] ||
	fail "an empty compressed file is reported as an error: $(tail -1 "$TMP/empty.json")"
[ "$(cov "$TMP/empty.json" 'cov["archives"]')" = "$(ls "$TMP/empty" | wc -l)" ] ||
	fail "empty compressed files not counted as opened: $(tail -1 "$TMP/empty.json")"
ok "empty compressed files are empty streams"

# Bombs: 1 GiB of zeros in one compressed file, and a zip of ten
# compressed files of 256 MiB of zeros each (zstd makes them in a blink;
# gzip, slower, stands in when zstd is missing). Both must stop at the
# expansion limit, quickly and in bounded memory.
B="$TMP/bomb"; mkdir -p "$B/z"
if command -v zstd >/dev/null; then z="zstd -q -1 -c" ext=zst; else z="gzip -1 -c" ext=gz; fi
truncate -s 1G "$TMP/zeros" && $z "$TMP/zeros" >"$B/zeros.$ext"
truncate -s 256M "$TMP/zeros" && $z "$TMP/zeros" >"$B/z/0.$ext" && rm "$TMP/zeros"
for i in 1 2 3 4 5 6 7 8 9; do cp "$B/z/0.$ext" "$B/z/$i.$ext"; done
mkzip "$B/nested.zip" "$B/z" && rm -r "$B/z"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -v -o "$TMP/time" timeout 120 "$CA" scan --rules "$RULES" --format json "$B" >"$TMP/b.json"; rc=$?
	rss=$(awk '/Maximum resident/ {print $NF}' "$TMP/time")
	[ "$rss" -lt 262144 ] || fail "peak RSS ${rss} KiB on archive bombs"
else
	scan --format json "$B" >"$TMP/b.json"; rc=$?
fi
[ $rc -eq 0 ] || fail "bombs: exit $rc, want 0"
[ "$(cov "$TMP/b.json" 'cov["skipped"].get("archive_limit", 0) >= 2')" = True ] ||
	fail "archive limit not reported for both bombs: $(tail -1 "$TMP/b.json")"
[ "$(cov "$TMP/b.json" 'cov["bytes"] < 1 << 30')" = True ] || fail "bombs expanded too far"
ok "archive bombs stopped at the limit${rss:+ (peak RSS $rss KiB)}"

# Evasion. A gzip truncated at 99 %: what was readable is scanned, then
# the truncation is reported (and --strict exits 2 although a finding was
# shown).
E="$TMP/evade"; mkdir -p "$E/t" "$E/big/d"
python3 - "$E/t/app.conf" "$CANARY" <<'PY'
import random, sys
r = random.Random(7)
with open(sys.argv[1], "w") as f:
    for i in range(20000):
        if i == 100:
            f.write("db.password = %s\n" % sys.argv[2])
        f.write("key%d = %s\n" % (i, "".join(r.choice("abcdefghij") for _ in range(20))))
PY
gzip -9 "$E/t/app.conf"
s=$(wc -c <"$E/t/app.conf.gz"); head -c $((s * 99 / 100)) "$E/t/app.conf.gz" >"$E/t/cut.conf.gz"; rm "$E/t/app.conf.gz"
scan --format json --strict "$E/t" >"$E/t.json"; rc=$?
[ $rc -eq 2 ] || fail "truncated gzip with --strict: exit $rc, want 2"
paths "$E/t.json" "$E/t" | grep -q '^cut.conf.gz!cut.conf 101$' || fail "truncated gzip: the readable part was not scanned"
[ "$(cov "$E/t.json" 'cov["errors"].get("archive_error")')" = 1 ] || fail "truncation not reported"
ok "truncated gzip: readable part scanned, truncation reported"

# A small tar.gz whose first member is 300 MiB of zeros: the member is read
# up to the per-member limit and skipped, the credential after it is found,
# and the skip is counted.
truncate -s 300M "$E/big/d/0-zeros" && printf 'password = %s\n' "$CANARY" >"$E/big/d/1-creds.conf"
tar -C "$E/big" -cf - d | gzip -1 >"$E/bomb.tar.gz" && rm -r "$E/big"
mkdir "$E/b" && mv "$E/bomb.tar.gz" "$E/b/"
scan --format json "$E/b" >"$E/b.json"; rc=$?
[ $rc -eq 1 ] || fail "big member then a credential: exit $rc, want 1"
paths "$E/b.json" "$E/b" | grep -q 'bomb.tar.gz!d/1-creds.conf' || fail "the member after a big one was skipped"
[ "$(cov "$E/b.json" 'cov["skipped"].get("archive_limit", 0) >= 1')" = True ] || fail "the skipped rest of the big member is not counted"
ok "a big member does not hide the members after it"

# Limits hit make --strict exit 2: archives nested deeper than --archive-depth.
printf 'password = %s\n' "$CANARY" >"$E/n.conf" && tar -C "$E" -cf "$E/n1.tar" n.conf && gzip -c "$E/n1.tar" >"$E/n2.tar.gz"
mkdir "$E/n" && tar -C "$E" -cf "$E/n/n3.tar" n2.tar.gz
scan --format json --archive-depth 1 "$E/n" >/dev/null; rc=$?
[ $rc -eq 0 ] || fail "nested too deep without --strict: exit $rc, want 0"
scan --format json --archive-depth 1 --strict "$E/n" >/dev/null; rc=$?
[ $rc -eq 2 ] || fail "nested too deep with --strict: exit $rc, want 2"
ok "--strict: archives nested too deep exit 2"

for f in "$TMP"/*.json "$TMP"/*.err "$E"/*.json; do assert_no_canary "$CANARY" "$f"; done
finish
