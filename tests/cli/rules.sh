#!/bin/sh
# credaudit rules: the shipped rules pass their own examples through the
# real engine; a broken rule fails with file:line; list shows every rule.
. "$top_srcdir/tests/lib.sh"
CA="$top_builddir/tests/bin/credaudit"
RULES="$top_srcdir/conf/rules"

out=$("$CA" rules test --rules "$RULES" 2>&1); rc=$?
[ $rc -eq 0 ] || fail "shipped rules fail their examples (exit $rc): $out"
echo "$out" | grep -q 'all pass' || fail "no summary: $out"
echo "$out" | tail -1

# every rule is listed with its clause
n=$(cat "$RULES"/*.rule | grep -c '^\[rule ')
"$CA" rules list --rules "$RULES" >"$TMP/list" || fail "rules list failed"
[ "$(($(wc -l <"$TMP/list") - 1))" -eq "$n" ] || fail "rules list shows $(wc -l <"$TMP/list") lines for $n rules"
grep -q '3(1)' "$TMP/list" || fail "no clause in rules list"

# a rule whose counterexample matches fails, naming file:line; exit 1
mkdir "$TMP/bad"
cat >"$TMP/bad/bad.rule" <<'RULE'
[rule too-broad]
description = matches its own counterexample
category = server-config
clause = 3(1)⑤
keywords = secret
pattern = secret=(\S+)
example = secret=Kq8!zW3pLm
counterexample = secret=Zx7#bN2vQr
RULE
out=$("$CA" rules test --rules "$TMP/bad" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "broken rule: exit $rc, wanted 1"
echo "$out" | grep -q "bad.rule:8: rule too-broad: counterexample found" || fail "no file:line: $out"
# the secret of the counterexample is not printed
echo "$out" | grep -q 'Zx7#bN2vQr' && fail "counterexample secret printed"

# a syntax error is a configuration error: exit 2, file:line
printf '[rule x]\nfrobnicate = 1\n' >"$TMP/bad/bad.rule"
out=$("$CA" rules test --rules "$TMP/bad" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "syntax error: exit $rc, wanted 2"
echo "$out" | grep -q "bad.rule:2: unknown key 'frobnicate'" || fail "no file:line: $out"

# usage
"$CA" rules --help | grep -q 'rules test' || fail "--help"
"$CA" rules frob >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown action must exit 2"
finish
