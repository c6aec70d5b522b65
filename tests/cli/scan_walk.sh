#!/bin/sh
# credaudit scan on hostile trees: symlink loops, a symlink out of the root
# at a file with a secret (must not be read), FIFOs (must not block),
# unreadable files, a 20 GiB sparse file, a deep tree, binaries, a file
# bind-mounted loop where we may mount. The canary never appears in any
# output.
. "$top_srcdir/tests/lib.sh"
CA="$top_builddir/tests/bin/credaudit"
RULES="$top_srcdir/conf/rules"
CANARY='Canary-Walk-7f3a9Qx'
scan() { timeout 60 "$CA" scan --rules "$RULES" "$@"; }
json_get() { # file, python expression on `cov` (the coverage object) or `f` (findings)
	python3 -c '
import json, sys
f = []; cov = None
for line in open(sys.argv[1]):
    o = json.loads(line)
    if "coverage" in o: cov = o["coverage"]
    else: f.append(o)
print(eval(sys.argv[2]))' "$1" "$2"
}

R="$TMP/root"
mkdir -p "$R/etc" "$R/loops/a" "$TMP/outside"
printf '[db]\npassword = %s\n' "$CANARY" >"$R/etc/app.ini"
printf 'password = %s-outside\n' "$CANARY" >"$TMP/outside/secret.conf"
ln -s ../../outside/secret.conf "$R/etc/link.conf"       # out of the root
ln -s "$TMP/outside" "$R/etc/outdir"                     # a directory out of the root
ln -s self "$R/loops/self"                               # a link to itself
ln -s b "$R/loops/a1" && ln -s a1 "$R/loops/b"           # a two-link cycle
ln -s .. "$R/loops/a/up"                                 # a directory loop through a link
mkfifo "$R/etc/pipe.conf"                                # would block a naive reader

scan --format json "$R" >"$TMP/out.json" 2>"$TMP/err"; rc=$?
[ $rc -ne 124 ] || fail "scan blocked (FIFO or loop)"
[ $rc -eq 1 ] || fail "exit $rc, want 1 (findings): $(cat "$TMP/err")"
[ "$(json_get "$TMP/out.json" 'len(f)')" = 1 ] || fail "want exactly 1 finding: $(cat "$TMP/out.json")"
[ "$(json_get "$TMP/out.json" 'f[0]["path"].endswith("etc/app.ini")')" = True ] || fail "wrong file"
grep -q outside "$TMP/out.json" && fail "a file outside the root was read through a symlink"
[ "$(json_get "$TMP/out.json" 'cov["skipped"]["symlink"]')" = 6 ] || fail "symlinks not counted: $(tail -1 "$TMP/out.json")"
[ "$(json_get "$TMP/out.json" 'cov["skipped"]["fifo"]')" = 1 ] || fail "FIFO not counted"
ok "links not followed, FIFO skipped without blocking"

# The FIFO named as a root is not opened either.
scan "$R/etc/pipe.conf" >/dev/null 2>&1; rc=$?
[ $rc -ne 124 ] || fail "a FIFO named on the command line blocked"

# Text output: the summary names what was skipped, on stderr.
scan "$R" >"$TMP/out.txt" 2>"$TMP/err.txt"
grep -q 'symbolic links' "$TMP/err.txt" || fail "no skip summary: $(cat "$TMP/err.txt")"
grep -q 'app.ini' "$TMP/out.txt" || fail "text output lacks the file"

# Unreadable files and directories: reported with a reason, not fatal.
mkdir -p "$TMP/u/locked" && printf 'password = %s\n' "$CANARY" >"$TMP/u/locked/a.conf"
printf 'password = %s\n' "$CANARY" >"$TMP/u/noread.conf"
printf 'password = %s-2\n' "$CANARY" >"$TMP/u/ok.conf"
chmod 000 "$TMP/u/noread.conf" "$TMP/u/locked"
run_unpriv() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
	# root reads mode 000 files: run the scanner as nobody instead.
	if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		chmod 755 "$TMP" "$TMP/u"; chmod 644 "$TMP/u/ok.conf"
		# nobody cannot read the tests' key: fingerprints for this run only
		run_unpriv() { env -u CREDPOLICY_FINGERPRINT_KEY setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	else
		echo "skip: unreadable-file case needs a non-root user (setpriv missing)"
		run_unpriv() { return 77; }
	fi
fi
run_unpriv timeout 60 "$CA" scan --rules "$RULES" --format json "$TMP/u" >"$TMP/u.json" 2>"$TMP/u.err"; rc=$?
if [ $rc -ne 77 ]; then
	[ $rc -eq 1 ] || fail "unreadable tree: exit $rc, want 1: $(cat "$TMP/u.err")"
	[ "$(json_get "$TMP/u.json" 'cov["errors"].get("permission_denied")')" = 2 ] ||
		fail "permission denied not counted: $(tail -1 "$TMP/u.json")"
	[ "$(json_get "$TMP/u.json" 'sorted(p["path"].rsplit("/",1)[1] for p in cov["incomplete"])')" = "['locked', 'noread.conf']" ] ||
		fail "unreadable items not listed: $(tail -1 "$TMP/u.json")"
	# Only unreadable files, no findings: 0, or 2 with --strict.
	rm -f "$TMP/u/ok.conf"
	run_unpriv "$CA" scan --rules "$RULES" "$TMP/u" >/dev/null 2>&1; rc=$?
	[ $rc -eq 0 ] || fail "unreadable files alone: exit $rc, want 0"
	run_unpriv "$CA" scan --rules "$RULES" --strict "$TMP/u" >/dev/null 2>"$TMP/u.err"; rc=$?
	[ $rc -eq 2 ] || fail "--strict with unreadable files: exit $rc, want 2"
	grep -q 'permission denied' "$TMP/u.err" || fail "reason not shown: $(cat "$TMP/u.err")"
	ok "unreadable files reported with their reason"
fi
chmod 755 "$TMP/u/locked"

# A 20 GiB sparse file with a secret at 10 GiB: holes are skipped, memory
# stays small; --max-file-size stops at the cap and says so.
S="$TMP/sparse"; mkdir "$S"
truncate -s 20G "$S/big.img" || fail "truncate"
printf '\npassword = %s-sparse\n' "$CANARY" | dd of="$S/big.img" bs=1 seek=$((10 << 30)) conv=notrunc 2>/dev/null
if [ -x /usr/bin/time ]; then
	/usr/bin/time -v -o "$TMP/time" timeout 120 "$CA" scan --rules "$RULES" --format json "$S" >"$TMP/s.json"
	rss=$(awk '/Maximum resident/ {print $NF}' "$TMP/time")
	[ "$rss" -lt 262144 ] || fail "peak RSS ${rss} KiB on a 20 GiB sparse file"
else
	timeout 120 "$CA" scan --rules "$RULES" --format json "$S" >"$TMP/s.json"
fi
[ "$(json_get "$TMP/s.json" 'f[0]["offset"]')" = $(((10 << 30) + 12)) ] || fail "sparse: wrong offset: $(cat "$TMP/s.json")"
[ "$(json_get "$TMP/s.json" 'f[0]["line"]')" = 2 ] || fail "sparse: wrong line"
timeout 60 "$CA" scan --rules "$RULES" --format json --max-file-size 1M "$S" >"$TMP/s2.json"; rc=$?
[ $rc -eq 0 ] || fail "--max-file-size: exit $rc, want 0 (secret beyond the cap)"
[ "$(json_get "$TMP/s2.json" 'cov["skipped"]["size_cap"]')" = 1 ] || fail "size cap not reported"
ok "sparse 20 GiB file: found at 10 GiB${rss:+, peak RSS $rss KiB}; cap reported"

# A deep tree (300 levels) is walked to the bottom.
D="$TMP/deep"; mkdir "$D"; p="$D"
i=0; while [ $i -lt 300 ]; do p="$p/d"; i=$((i + 1)); done
mkdir -p "$p" && printf 'password = %s-deep\n' "$CANARY" >"$p/bottom.conf"
scan --format json "$D" >"$TMP/d.json"; rc=$?
[ $rc -eq 1 ] || fail "deep tree: exit $rc"
[ "$(json_get "$TMP/d.json" 'cov["directories"]')" = 301 ] || fail "deep tree not walked"

# Deeper than the limit (1024 levels below a root, lib/scan/scan.h): what is
# above it is scanned, the directory past it is counted as too_deep and
# named, and --strict exits 2 although a finding was made.
i=300; while [ $i -lt 1030 ]; do p="$p/d"; i=$((i + 1)); done
mkdir -p "$p" && printf 'password = %s-too-deep\n' "$CANARY" >"$p/bottom.conf"
scan --format json "$D" >"$TMP/dd.json"; rc=$?
[ $rc -eq 1 ] || fail "too deep: exit $rc, want 1 (the finding above the limit)"
[ "$(json_get "$TMP/dd.json" 'cov["skipped"].get("too_deep")')" = 1 ] ||
	fail "too deep not counted: $(tail -1 "$TMP/dd.json")"
[ "$(json_get "$TMP/dd.json" 'len(f)')" = 1 ] || fail "too deep: the finding above the limit is missing"
scan --strict "$D" >/dev/null 2>"$TMP/dd.err"; rc=$?
[ $rc -eq 2 ] || fail "too deep under --strict: exit $rc, want 2"
grep -q 'nested too deep' "$TMP/dd.err" || fail "too deep: the coverage summary does not say so"
ok "a tree past the depth limit: counted, named, --strict exits 2"

# Binaries (compiled code, bytecode, message catalogues) are counted and
# skipped unless --binaries; a large one is not split into ranges either.
B="$TMP/bin"; mkdir "$B"
{ printf '\177ELF\002\001\001\000'; printf 'password=%s-elf\n' "$CANARY"; } >"$B/prog"
{ printf '\336\022\004\225\000\000\000\000'; printf 'Password: %s-mo\n' "$CANARY"; } >"$B/app.mo"
{ printf '\247\015\015\012\000\000\000\000'; printf 'token = %s-pyc9Zq\n' "$CANARY"; } >"$B/m.pyc"
{ printf '\177ELF\002\001\001\000'; head -c 1048576 /dev/zero; printf 'password=%s-big\n' "$CANARY"; } >"$B/big"
printf 'password = %s-text\n' "$CANARY" >"$B/plain.conf"
scan --format json --jobs 2 --chunk-size 65536 "$B" >"$TMP/bin.json"; rc=$?
[ $rc -eq 1 ] || fail "binaries: exit $rc"
[ "$(json_get "$TMP/bin.json" 'sorted(x["path"].rsplit("/", 1)[1] for x in f)')" = "['plain.conf']" ] ||
	fail "a binary was scanned: $(json_get "$TMP/bin.json" '[x["path"] for x in f]')"
[ "$(json_get "$TMP/bin.json" 'cov["skipped"].get("binary")')" = 4 ] ||
	fail "binaries not counted: $(tail -1 "$TMP/bin.json")"
scan --format json --binaries --jobs 2 --chunk-size 65536 "$B" >"$TMP/binall.json"
[ "$(json_get "$TMP/binall.json" 'len(f)')" = 5 ] ||
	fail "--binaries: $(json_get "$TMP/binall.json" '[x["path"] for x in f]')"
ok "binaries skipped and counted; --binaries scans them"

# A bind mount that makes a directory its own descendant (root only).
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null &&
	unshare -m true 2>/dev/null; then
	B="$TMP/bind"; mkdir -p "$B/inner"
	printf 'password = %s-bind\n' "$CANARY" >"$B/a.conf"
	unshare -m sh -c "mount --bind '$B' '$B/inner' && timeout 60 '$CA' scan --rules '$RULES' --format json '$B'" >"$TMP/b.json"; rc=$?
	[ $rc -eq 1 ] || fail "bind loop: exit $rc"
	[ "$(json_get "$TMP/b.json" 'len(f)')" = 1 ] || fail "bind loop: findings repeated"
	[ "$(json_get "$TMP/b.json" 'cov["skipped"].get("directory_loop")')" = 1 ] || fail "bind loop not reported: $(tail -1 "$TMP/b.json")"
	ok "bind-mount loop detected"
else
	echo "skip: bind-mount loop case needs root and mount namespaces"
fi

for f in "$TMP"/*.json "$TMP"/*.txt "$TMP"/err "$TMP"/*.err; do
	[ -f "$f" ] && assert_no_canary "$CANARY" "$f"
done
finish
