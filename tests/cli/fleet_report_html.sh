#!/bin/sh
# The HTML fleet report in headless Chromium: the DOM holds the headings
# in Japanese and English, every host with its status, a special account's
# reason and the JSON's SHA-256; a screenshot is not one flat colour; the
# page prints on A4. Skipped (77) when Debian's chromium is not installed.
. "$top_srcdir/tests/lib.sh"
[ -n "$TMP" ] && [ -d "$TMP" ] || { echo "ERROR: no temporary directory"; exit 99; }
. "$top_srcdir/tests/cli/accounts_fixture.sh"
. "$top_srcdir/tests/cli/chromium.sh"
CA="$top_builddir/tests/bin/credaudit"
RULES="$top_srcdir/conf/rules"
. "$top_srcdir/tests/cli/fleet_fixture.sh"

make_fleet "$TMP/results"
"$CA" fleet-report -o "$TMP/fleet.html" "$TMP/results"/* >/dev/null 2>&1
[ -s "$TMP/fleet.html" ] || { fail "no HTML written"; finish; }
chrome --dump-dom "file://$TMP/fleet.html" >"$TMP/dom.html"
for text in '資格情報とアカウントのフリート監査報告書' 'Fleet audit of credentials and accounts' \
	'フリートの概要' 'Fleet summary' 'ホスト別' '到達不能' 'unreachable' '失敗' 'failed' \
	'web1.example' 'db2' 'web3' '特別なアカウント（4(4)）' 'uid0_not_root' '確認済み漏えい' \
	'/home/alice/app.ini' 'JSON の SHA-256' "$(sha256sum "$TMP/fleet.json" | cut -d' ' -f1)"; do
	grep -q -F "$text" "$TMP/dom.html" || fail "rendered DOM lacks: $text"
done
grep -q '<script>alert' "$TMP/dom.html" && fail "a host's message became markup"
(cd "$TMP" && chrome --screenshot="$TMP/shot.png" --window-size=1200,1600 "file://$TMP/fleet.html" >/dev/null)
[ -s "$TMP/shot.png" ] || { tail -5 "$TMP/chromium.err"; fail "no screenshot"; finish; }
png_not_blank "$TMP/shot.png" || fail "screenshot is blank"
chrome --no-pdf-header-footer --print-to-pdf="$TMP/fleet.pdf" "file://$TMP/fleet.html" >/dev/null
python3 - "$TMP/fleet.pdf" <<'EOT' || fail "the page does not print on A4"
import re, sys
boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]", open(sys.argv[1], "rb").read())
assert boxes, "no page in the PDF"
# A4 is 595.28 x 841.89 points (Letter would be 612 x 792).
assert all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes), boxes
print(len(boxes), "A4 pages")
EOT
finish
