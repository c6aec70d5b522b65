#!/bin/sh
# The HTML disposal report in headless Chromium: the DOM holds the key
# text in Japanese and English, and a screenshot is not one flat colour.
# Skipped (77) when Debian's chromium is not installed.
. "$top_srcdir/tests/lib.sh"
[ -n "$TMP" ] && [ -d "$TMP" ] || { echo "ERROR: no temporary directory"; exit 99; }
. "$top_srcdir/tests/cli/accounts_fixture.sh"
. "$top_srcdir/tests/cli/chromium.sh"
CA="$top_builddir/tests/bin/credaudit"

make_fixture_root "$TMP/root"
"$CA" report --ledger "$TMP/leaks.jsonl" --root "$TMP/root" --no-scan -o "$TMP/r.html" >/dev/null 2>&1
[ -s "$TMP/r.html" ] || { fail "no HTML written"; finish; }
chrome --dump-dom "file://$TMP/r.html" >"$TMP/dom.html"
for text in '資格情報・アカウント廃棄報告書' 'Credential and account disposal report' '判定' 'Verdicts' \
	'アカウント一覧' 'Accounts inventory' 'system_account_with_password' 'JSON の SHA-256' \
	"$(sha256sum "$TMP/r.json" | cut -d' ' -f1)"; do
	grep -q -F "$text" "$TMP/dom.html" || fail "rendered DOM lacks: $text"
done
(cd "$TMP" && chrome --screenshot="$TMP/shot.png" --window-size=1200,1600 "file://$TMP/r.html" >/dev/null)
[ -s "$TMP/shot.png" ] || { tail -5 "$TMP/chromium.err"; fail "no screenshot"; finish; }
png_not_blank "$TMP/shot.png" || fail "screenshot is blank"
finish
