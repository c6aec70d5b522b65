#!/bin/sh
# credpolicy check end to end: verdicts, exit codes, --json, --user, --old,
# --config errors, and that no password ever reaches stdout or stderr.
. "$top_srcdir/tests/lib.sh"
cp="$top_builddir/tests/bin/credpolicy"
canary='Canary#Zq7xkvB9!pL'

# 0. no policy file (none is installed for a test run): the built-in
# defaults are the shipped policy, so the default breach index is checked;
# it is not installed either, so the candidate is refused, never accepted.
printf 'Hw4$ngrT2@cJ\n' | "$cp" check >"$TMP/out0" 2>"$TMP/err0"
[ $? -eq 1 ] || fail "built-in defaults without their index: exit"
grep -qx 'BAD check_unavailable' "$TMP/out0" || fail "built-in defaults: $(cat "$TMP/out0")"
grep -q 'lib/credpolicy/breach.idx' "$TMP/err0" || fail "built-in defaults: index not named"
# The rest checks the other rules: without a breach index.

# 1. all accepted -> exit 0, one OK per line, the password never echoed
printf '%s\nHw4$ngrT2@cJ\n' "$canary" | "$cp" check --set breach_index=none >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] || fail "accepted candidates: exit $rc"
[ "$(cat "$TMP/out")" = "$(printf 'OK\nOK')" ] || fail "accepted candidates: $(cat "$TMP/out")"

# 2. one rejected -> exit 1, reason codes
printf '%s\nPassword123!\nshort\n' "$canary" | "$cp" check --set breach_index=none >"$TMP/out2" 2>>"$TMP/err"
rc=$?
[ "$rc" -eq 1 ] || fail "rejected candidate: exit $rc"
sed -n 2p "$TMP/out2" | grep -qx 'BAD dictionary_word,guessable' || fail "Password123!: $(sed -n 2p "$TMP/out2")"
sed -n 3p "$TMP/out2" | grep -q '^BAD too_short,missing_upper,missing_digit,missing_symbol' ||
	fail "short: $(sed -n 3p "$TMP/out2")"

# 3. --json
printf 'Summer2024!\n%s\n' "$canary" | "$cp" check --set breach_index=none --json >"$TMP/out3" 2>>"$TMP/err"
[ $? -eq 1 ] || fail "--json: exit"
sed -n 1p "$TMP/out3" | grep -qx '{"line":1,"ok":false,"reasons":\["too_short","dictionary_word","guessable"\],"score":0,"guesses_log10":[0-9.]*,"pieces":\["word","year","brute"\]}' ||
	fail "--json line 1: $(sed -n 1p "$TMP/out3")"
sed -n 2p "$TMP/out3" | grep -qE '^\{"line":2,"ok":true,"reasons":\[\],"score":[0-9]+,"guesses_log10":[0-9.]+,"pieces":\[("[a-z]+",?)+\]\}$' ||
	fail "--json line 2: $(sed -n 2p "$TMP/out3")"
# letters no list holds, priced by the letter model: the kind, never the text
printf 'Thrindle#1987\n' | "$cp" check --set breach_index=none --json >"$TMP/out3b" 2>>"$TMP/err"
grep -q '"pieces":\[[a-z",]*"wordlike"' "$TMP/out3b" || fail "--json wordlike: $(cat "$TMP/out3b")"
grep -qi 'thrindle' "$TMP/out3b" && fail "--json wordlike: the text is printed"

# 4. --user: the name (an existing account also gives its GECOS) and an unknown one
printf 'Zq7#Root!kvB9\n' | "$cp" check --set breach_index=none --user root >"$TMP/out4" 2>>"$TMP/err"
grep -q '^BAD contains_user_name' "$TMP/out4" || fail "--user root: $(cat "$TMP/out4")"
printf 'Zq7#ZelDa!kvB9
' | "$cp" check --set breach_index=none --user zelda >"$TMP/out4" 2>>"$TMP/err"
grep -qx 'BAD contains_user_name' "$TMP/out4" || fail "--user unknown: $(cat "$TMP/out4")"

# 5. --old: OLD<TAB>NEW pairs
printf 'Summer2024!Zq\tSummer2025!Zq\n%s\t%s\nHw4$ngrT2@cJ\t%s\n' "$canary" "$canary" "$canary" |
	"$cp" check --set breach_index=none --old >"$TMP/out5" 2>>"$TMP/err"
[ $? -eq 1 ] || fail "--old: exit"
[ "$(cat "$TMP/out5")" = "$(printf 'BAD dictionary_word,too_similar_to_old,guessable\nBAD same_as_old\nOK')" ] ||
	fail "--old: $(cat "$TMP/out5")"
printf 'no tab here\n' | "$cp" check --set breach_index=none --old >/dev/null 2>"$TMP/err5"
[ $? -eq 2 ] || fail "--old without a tab: exit"
grep -q 'line 1' "$TMP/err5" || fail "--old without a tab: message"
cat "$TMP/err5" >>"$TMP/err"

# 6. --config: a policy file and its drop-ins; errors exit 2 naming file:line
mkdir "$TMP/conf.d"
printf 'minlen = 8\nrequire_classes = none\n' >"$TMP/conf"
printf 'Zqxmkwbn\n' | "$cp" check --set breach_index=none --config "$TMP/conf" >"$TMP/out6" 2>>"$TMP/err"
grep -qx OK "$TMP/out6" || fail "--config minlen 8: $(cat "$TMP/out6")"
printf 'minlen = 20\n' >"$TMP/conf.d/50-long.conf"
printf 'Zq7#ZelDa!kvB9
' | "$cp" check --set breach_index=none --user zelda >"$TMP/out4" 2>>"$TMP/err"
grep -qx 'BAD contains_user_name' "$TMP/out4" || fail "--user unknown: $(cat "$TMP/out4")"
grep -qx OK "$TMP/out6" || fail "--set after drop-ins: $(cat "$TMP/out6")"
printf '# policy\nminlen = 8\nmaxrepeet = 3\n' >"$TMP/bad.conf"
printf '%s\n' "$canary" | "$cp" check --set breach_index=none --config "$TMP/bad.conf" >"$TMP/out7" 2>"$TMP/err7"
[ $? -eq 2 ] || fail "config error: exit"
grep -q "bad.conf:3: unknown setting 'maxrepeet'" "$TMP/err7" || fail "config error: $(cat "$TMP/err7")"
[ -s "$TMP/out7" ] && fail "config error: a verdict was printed"
printf '%s\n' "$canary" | "$cp" check --set breach_index=none --config "$TMP/absent.conf" >/dev/null 2>"$TMP/err8"
[ $? -eq 2 ] || fail "missing --config: exit"
printf '%s\n' "$canary" | "$cp" check --set breach_index=none --set minlen=abc >/dev/null 2>"$TMP/err9"
[ $? -eq 2 ] || fail "bad --set: exit"
cat "$TMP/err7" "$TMP/err8" "$TMP/err9" >>"$TMP/err"

# the shipped default policy parses and is the clause 3(1)③ policy
printf 'Zq7#xkvB9!pL\nZq7#xkvB9!p\n' |
	"$cp" check --config "$top_builddir/conf/credpolicy.conf" --set breach_index=none \
		>"$TMP/out6" 2>>"$TMP/err"
[ "$(cat "$TMP/out6")" = "$(printf 'OK\nBAD too_short')" ] || fail "shipped policy: $(cat "$TMP/out6")"

# 7. a dictionary that cannot be loaded: refuse (never accept), say why on stderr
printf '%s\n' "$canary" | "$cp" check --set breach_index=none --set dictpath=/nonexistent/dict >"$TMP/out10" 2>"$TMP/err10"
[ $? -eq 1 ] || fail "missing dictionary: exit"
grep -qx 'BAD check_unavailable' "$TMP/out10" || fail "missing dictionary: $(cat "$TMP/out10")"
grep -q '/nonexistent/dict' "$TMP/err10" || fail "missing dictionary: message"
cat "$TMP/err10" >>"$TMP/err"

# 7b. breach indexes: found -> breached; unopenable -> refuse or skip
printf 'Hw4$ngrT2@cJ\nother-entry\n' >"$TMP/leaked.txt"
"$cp" breach build -q -o "$TMP/b.idx" --format plain "$TMP/leaked.txt" 2>>"$TMP/err" ||
	fail "breach build"
printf 'Hw4$ngrT2@cJ\n%s\n' "$canary" | "$cp" check --set breach_index=none --set "breach_index=$TMP/b.idx" \
	>"$TMP/out13" 2>>"$TMP/err"
[ "$(cat "$TMP/out13")" = "$(printf 'BAD breached\nOK')" ] || fail "breach index: $(cat "$TMP/out13")"
printf '%s\n' "$canary" | "$cp" check --set breach_index=none --set breach_index=/nonexistent.idx >"$TMP/out14" 2>"$TMP/err14"
[ "$(cat "$TMP/out14")" = "BAD check_unavailable" ] || fail "missing index: $(cat "$TMP/out14")"
grep -q '/nonexistent.idx' "$TMP/err14" || fail "missing index: no message"
printf '%s\n' "$canary" | "$cp" check --set breach_index=none --set breach_index=/nonexistent.idx \
	--set breach_unavailable=skip >"$TMP/out15" 2>>"$TMP/err14"
grep -qx OK "$TMP/out15" || fail "missing index, skip: $(cat "$TMP/out15")"
cat "$TMP/err14" >>"$TMP/err"

# 8. usage
"$cp" check --set breach_index=none --help >"$TMP/help" || fail "--help: exit"
grep -q -- '--old' "$TMP/help" || fail "--help text"
"$cp" check --set breach_index=none --bogus </dev/null >/dev/null 2>&1
[ $? -eq 2 ] || fail "unknown option: exit"
"$cp" check --set breach_index=none "$canary" </dev/null >/dev/null 2>"$TMP/err11"
[ $? -eq 2 ] || fail "password as an argument: exit"

# 9. invalid UTF-8 and a NUL byte
printf 'Zq7#xkvB9!p\377L\n' | "$cp" check --set breach_index=none >"$TMP/out12" 2>>"$TMP/err"
grep -qx 'BAD invalid_encoding' "$TMP/out12" || fail "invalid UTF-8: $(cat "$TMP/out12")"

# 10. a line far over the cap is too_long (memory stays bounded), the rest
# goes on; a last line without a newline is still checked
{ head -c 100000 /dev/zero | tr '\0' 'k'; printf '\n%s' "$canary"; } | "$cp" check --set breach_index=none >"$TMP/out16" 2>>"$TMP/err"
[ "$(cat "$TMP/out16")" = "$(printf 'BAD too_long\nOK')" ] || fail "overlong line: $(cat "$TMP/out16")"

# The canary is nowhere in what we printed (except where the test itself put it).
assert_no_canary "$canary" "$TMP/out" "$TMP/out2" "$TMP/out3" "$TMP/out5" "$TMP/out7" \
	"$TMP/out10" "$TMP/out13" "$TMP/out16" "$TMP/err" "$TMP/err11"
finish
