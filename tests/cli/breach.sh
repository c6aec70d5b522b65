#!/bin/sh
# credpolicy breach build|lookup|info end to end: plain lists, HIBP SHA-1
# and NTLM downloads (sorted or not, either case, CRLF, :counts), exit codes,
# errors naming file:line, atomic output, damaged indexes, and that the
# canary password never reaches the index, stdout or stderr.
. "$top_srcdir/tests/lib.sh"
cp="$top_builddir/tests/bin/credpolicy"
canary='CanaryBreach#7731xQ'
out=$TMP/out err=$TMP/err
: >"$err"

# Fixtures: a plain list (john's convention for comments), and HIBP lines
# made from known plaintexts.
{
	echo '#!comment: test list'
	echo 'letmein'
	printf 'Summer2024!\r\n'
	echo "$canary"
	echo ''
	echo 'password'
} >"$TMP/list.txt"
for p in 'Summer2024!' 'P@ssw0rd' 'Welcome1!' 'Password123!' "$canary"; do
	printf %s "$p" | sha1sum | cut -c1-40
done >"$TMP/sha1.lower"
# Upper case, counts, CRLF on one line, reverse (unsorted) order.
awk 'NR % 2 { printf "%s:%d\r\n", toupper($0), NR; next } { print }' "$TMP/sha1.lower" |
	sort -r >"$TMP/hibp-sha1.txt"
# NTLM: MD4 of UTF-16LE (vectors checked independently).
printf '8846F7EAEE8FB117AD06BDD830B7586C:99\n72f0eefcc213ea8f350773b831cf2c9c:7\n' \
	>"$TMP/hibp-ntlm.txt"

# 1. --help for the command and each subcommand
for sub in '' build lookup info; do
	# shellcheck disable=SC2086
	"$cp" breach $sub --help >"$out" 2>>"$err" || fail "breach $sub --help: exit $?"
	grep -q 'credpolicy breach build' "$out" || fail "breach $sub --help: no usage"
done
"$cp" breach >/dev/null 2>&1
[ $? -eq 2 ] || fail "breach without a subcommand: want exit 2"
"$cp" breach build "$TMP/list.txt" >/dev/null 2>&1
[ $? -eq 2 ] || fail "build without -o: want exit 2"

# 2. a plain list: every member FOUND, others ABSENT; exit 1 when any found
"$cp" breach build -o "$TMP/plain.idx" "$TMP/list.txt" >"$out" 2>>"$err" || fail "build plain: exit $?"
grep -q 'wrote .*plain.idx: 4 entries' "$err" || fail "build plain: summary: $(cat "$err")"
printf 'letmein\nSummer2024!\n%s\npassword\nnot-a-member-9x\n#!comment: test list\n' "$canary" |
	"$cp" breach lookup "$TMP/plain.idx" >"$out" 2>>"$err"
[ $? -eq 1 ] || fail "lookup with members: want exit 1"
[ "$(tr '\n' ' ' <"$out")" = "FOUND FOUND FOUND FOUND ABSENT ABSENT " ] ||
	fail "lookup plain: $(tr '\n' ' ' <"$out")"
printf 'nobody-has-this-1\r\nnor-this-2\n' | "$cp" breach lookup "$TMP/plain.idx" >"$out" 2>>"$err"
[ $? -eq 0 ] || fail "lookup without members: want exit 0"
[ "$(tr '\n' ' ' <"$out")" = "ABSENT ABSENT " ] || fail "lookup absent: $(cat "$out")"

# 3. standard input as the list
grep -v comment "$TMP/list.txt" | "$cp" breach build -q -o "$TMP/stdin.idx" - 2>>"$err" ||
	fail "build from stdin: exit $?"
echo letmein | "$cp" breach lookup "$TMP/stdin.idx" >"$out" 2>>"$err"
[ "$(cat "$out")" = FOUND ] || fail "stdin index: $(cat "$out")"

# 4. HIBP SHA-1, unsorted, mixed case, counts, CRLF; then sorted
for order in unsorted sorted; do
	src=$TMP/hibp-sha1.txt
	[ $order = sorted ] && { sort "$TMP/hibp-sha1.txt" >"$TMP/hibp-sorted.txt"; src=$TMP/hibp-sorted.txt; }
	"$cp" breach build -q -o "$TMP/sha1.idx" "$src" 2>>"$err" || fail "build sha1 $order: exit $?"
	printf 'Summer2024!\nP@ssw0rd\nWelcome1!\nPassword123!\n%s\nwelcome1!\n' "$canary" |
		"$cp" breach lookup "$TMP/sha1.idx" >"$out" 2>>"$err"
	[ "$(tr '\n' ' ' <"$out")" = "FOUND FOUND FOUND FOUND FOUND ABSENT " ] ||
		fail "sha1 $order lookup: $(tr '\n' ' ' <"$out")"
done
"$cp" breach lookup --hashed "$TMP/sha1.idx" <"$TMP/sha1.lower" >"$out" 2>>"$err"
[ "$(grep -c FOUND "$out")" -eq 5 ] || fail "lookup --hashed: $(cat "$out")"
"$cp" breach lookup --load --hashed "$TMP/sha1.idx" <"$TMP/sha1.lower" >"$out" 2>>"$err"
[ "$(grep -c FOUND "$out")" -eq 5 ] || fail "lookup --load --hashed: $(cat "$out")"

# A pipe as a named input (not standard input) is read whole.
"$cp" breach build -q -o "$TMP/fifo.idx" /dev/fd/3 3<"$TMP/hibp-ntlm.txt" 2>>"$err" ||
	fail "build from /dev/fd/3: exit $?"
mkfifo "$TMP/fifo" && { cat "$TMP/hibp-ntlm.txt" >"$TMP/fifo" & }
"$cp" breach build -q -o "$TMP/fifo.idx" "$TMP/fifo" 2>>"$err" || fail "build from a fifo: exit $?"
wait
echo password | "$cp" breach lookup "$TMP/fifo.idx" >"$out" 2>>"$err"
[ "$(cat "$out")" = FOUND ] || fail "fifo index: $(cat "$out")"

# 5. HIBP NTLM
"$cp" breach build -q -o "$TMP/ntlm.idx" "$TMP/hibp-ntlm.txt" 2>>"$err" || fail "build ntlm: exit $?"
printf 'password\nSummer2024!\nPassword\n' | "$cp" breach lookup "$TMP/ntlm.idx" >"$out" 2>>"$err"
[ "$(tr '\n' ' ' <"$out")" = "FOUND FOUND ABSENT " ] || fail "ntlm lookup: $(cat "$out")"
"$cp" breach info "$TMP/ntlm.idx" >"$out" 2>>"$err" || fail "info ntlm: exit $?"
grep -q '^hash: *ntlm' "$out" || fail "info ntlm: $(cat "$out")"
# A plain list hashed as NTLM: invalid UTF-8 lines are skipped and counted.
printf 'good\n\377bad\nfine\n' >"$TMP/latin1.txt"
"$cp" breach build --hash ntlm -o "$TMP/ntlm2.idx" "$TMP/latin1.txt" 2>"$TMP/warn" ||
	fail "ntlm plain: exit $?"
grep -q 'latin1.txt: 1 lines are not valid UTF-8.*line 2' "$TMP/warn" || fail "utf-8 warning: $(cat "$TMP/warn")"

# 6. errors name file:line, exit 2, and leave no output behind
"$cp" breach build -o "$TMP/mixed.idx" "$TMP/hibp-sha1.txt" "$TMP/hibp-ntlm.txt" >/dev/null 2>"$TMP/e6"
[ $? -eq 2 ] || fail "mixed hash types: want exit 2"
grep -q 'hibp-ntlm.txt:1:.*NTLM' "$TMP/e6" || fail "mixed hash types: $(cat "$TMP/e6")"
{ cat "$TMP/hibp-sorted.txt"; echo 'ZZZZ61E4C9B93F3F0682250B6CF8331B7EE68FD8'; } >"$TMP/bad.txt"
"$cp" breach build -o "$TMP/bad.idx" "$TMP/bad.txt" >/dev/null 2>"$TMP/e6"
[ $? -eq 2 ] || fail "bad line: want exit 2"
grep -q "bad.txt:6:" "$TMP/e6" || fail "bad line not named: $(cat "$TMP/e6")"
ls "$TMP" | grep -q -e '^mixed.idx' -e '^bad.idx' && fail "a failed build left a file: $(ls "$TMP")"
"$cp" breach build -o "$TMP/x.idx" --hash ntlm --format sha1 "$TMP/list.txt" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--hash contradicting --format: want exit 2"
"$cp" breach build -o "$TMP/x.idx" "$TMP/does-not-exist" >/dev/null 2>"$TMP/e6"
[ $? -eq 2 ] && grep -q 'does-not-exist' "$TMP/e6" || fail "missing input: $(cat "$TMP/e6")"

# 7. info and --json
"$cp" breach info "$TMP/sha1.idx" >"$out" 2>>"$err" || fail "info: exit $?"
for k in 'hash: *sha1' 'entries: *5 ' 'bits per entry' 'designed 1e-09' 'built: *20[0-9][0-9]-' \
	'source digest: *sha256:[0-9a-f]{64}' 'checksums: *ok' 'measured: *0 false positives'; do
	grep -Eq "$k" "$out" || fail "info lacks $k: $(cat "$out")"
done
"$cp" breach info --json --probes 1000 "$TMP/sha1.idx" >"$out" 2>>"$err" || fail "info --json: exit $?"
grep -q '"entries":5,' "$out" && grep -q '"hash":"sha1"' "$out" && grep -q '"checksums":"ok"' "$out" ||
	fail "info --json: $(cat "$out")"

# 8. damaged indexes: exit 2 and a message naming the problem
size=$(wc -c <"$TMP/plain.idx")
head -c $((size - 8)) "$TMP/plain.idx" >"$TMP/short.idx"
echo password | "$cp" breach lookup "$TMP/short.idx" >"$out" 2>"$TMP/e8"
[ $? -eq 2 ] || fail "truncated index: want exit 2"
grep -q 'short.idx: .*truncated' "$TMP/e8" || fail "truncated index: $(cat "$TMP/e8")"
[ -s "$out" ] && fail "truncated index printed answers"
cp "$TMP/plain.idx" "$TMP/flip.idx"
printf 'X' | dd of="$TMP/flip.idx" bs=1 seek=17 conv=notrunc 2>/dev/null
"$cp" breach info "$TMP/flip.idx" >/dev/null 2>"$TMP/e8"
[ $? -eq 2 ] && grep -q 'at byte' "$TMP/e8" || fail "damaged header: $(cat "$TMP/e8")"
# Damage in the body passes the O(1) open but not info's checksum.
cp "$TMP/plain.idx" "$TMP/flip2.idx"
printf '\125' | dd of="$TMP/flip2.idx" bs=1 seek=$((size - 12)) conv=notrunc 2>/dev/null
"$cp" breach info "$TMP/flip2.idx" >/dev/null 2>"$TMP/e8"
[ $? -eq 2 ] && grep -q 'body .*checksum' "$TMP/e8" || fail "damaged body: $(cat "$TMP/e8")"
"$cp" breach info "$TMP/list.txt" >/dev/null 2>"$TMP/e8"
[ $? -eq 2 ] && grep -q 'not a credpolicy breach index' "$TMP/e8" || fail "not an index: $(cat "$TMP/e8")"

# 9. the canary: never in an index, on stdout or on stderr
cat "$TMP"/*.idx >"$TMP/all-indexes" 2>/dev/null
assert_no_canary "$canary" "$TMP/all-indexes" "$out" "$err" "$TMP/warn" "$TMP/e6" "$TMP/e8"
finish
