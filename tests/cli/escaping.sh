#!/bin/sh
# Hostile names end to end: text output escapes C1 controls (0x9b as a
# byte and as U+009B) and bidirectional overrides (U+202E, U+2066) in file
# names; JSON output stays valid UTF-8 when a name is not, and gives the raw
# name in path_bytes (base64); `credpolicy leak report --user` never echoes
# an escape sequence.
. "$top_srcdir/tests/lib.sh"
LC_ALL=C; export LC_ALL # grep matches bytes
CA="$top_builddir/tests/bin/credaudit"
CP="$top_builddir/tests/bin/credpolicy"
RULES="$top_srcdir/conf/rules"
D="$TMP/tree"; mkdir -p "$D"
for name in "$(printf 'c1\2332J.conf')" "$(printf 'u9b\302\2332J.conf')" \
	"$(printf 'evil\342\200\256fdp.conf')" "$(printf 'iso\342\201\246x.conf')" \
	"$(printf 'latin1\377.conf')"; do
	printf 'password = Canary-Esc-%s\n' "$(printf %s "$name" | od -An -tx1 | tr -d ' \n' | cut -c1-12)" \
		>"$D/$name"
done

"$CA" scan --rules "$RULES" "$D" >"$TMP/out.txt" 2>"$TMP/err.txt"
[ "$(grep -c '^/' "$TMP/out.txt")" = 5 ] || fail "want 5 file headers: $(cat "$TMP/out.txt")"
for bad in '\233' '\302\233' '\342\200\256' '\342\201\246' '\377'; do
	if grep -q "$(printf "$bad")" "$TMP/out.txt" "$TMP/err.txt"; then
		fail "text output has raw $bad"
	fi
done
grep -q 'c1\\x9b2J.conf' "$TMP/out.txt" || fail "0x9b not shown as \\x9b"
grep -q 'evil\\xe2\\x80\\xaefdp.conf' "$TMP/out.txt" || fail "U+202E not shown escaped"
ok "text escapes C1 and bidi controls"

"$CA" scan --rules "$RULES" --format json "$D" >"$TMP/out.json" 2>/dev/null
python3 - "$TMP/out.json" "$D" <<'PY' || fail "JSON not valid UTF-8 or path_bytes not lossless"
import base64, json, os, sys
raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8")  # strict: fails on any invalid byte
names = set(os.listdir(sys.argv[2].encode()))
seen = set()
for line in text.splitlines():
    o = json.loads(line)
    if "rule" not in o:
        continue
    if "path_bytes" in o:
        b = base64.b64decode(o["path_bytes"], validate=True)
        assert "\\x" in o["path"], o
    else:
        b = o["path"].encode()
    seen.add(os.path.basename(b))
assert seen == names, (seen, names)
# only the two names that are not UTF-8 (a raw 0x9b, a raw 0xff) have path_bytes
assert text.count('"path_bytes"') == 2, text
PY
ok "JSON stays UTF-8; path_bytes is the raw name"

# leak report: a user name with escape sequences is refused, and shown escaped.
"$CP" leak report --user "$(printf 'x\033]0;pwned\007\2332J')" --reason test >"$TMP/leak.out" 2>"$TMP/leak.err"
rc=$?
[ $rc -eq 2 ] || fail "leak report with a hostile name: exit $rc"
if grep -q "$(printf '\033')" "$TMP/leak.out" "$TMP/leak.err" ||
	grep -q "$(printf '\233')" "$TMP/leak.err" || grep -q "$(printf '\007')" "$TMP/leak.err"; then
	fail "leak report echoed an escape sequence raw"
fi
grep -q 'x\\x1b]0;pwned\\x07\\x9b2J' "$TMP/leak.err" || fail "name not shown escaped: $(cat -v "$TMP/leak.err")"
ok "leak report --user escapes"
finish
