#!/bin/sh
# The HTML disposal report in headless Chromium: the DOM holds the key
# text in Japanese and English, and a screenshot is not one flat colour.
# Skipped (77) when Debian's chromium is not installed.
. "$top_srcdir/tests/lib.sh"
[ -n "$TMP" ] && [ -d "$TMP" ] || { echo "ERROR: no temporary directory"; exit 99; }
. "$top_srcdir/tests/cli/accounts_fixture.sh"
CA="$top_builddir/tests/bin/credaudit"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "SKIP: $CHROMIUM not installed"; exit 77; }

make_fixture_root "$TMP/root"
"$CA" report --ledger "$TMP/leaks.jsonl" --root "$TMP/root" --no-scan -o "$TMP/r.html" >/dev/null 2>&1
[ -s "$TMP/r.html" ] || { fail "no HTML written"; finish; }
chrome() {
	profile=$(mktemp -d "$TMP/profile.XXXXXX")
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-dev-shm-usage --user-data-dir="$profile" "$@" 2>>"$TMP/chromium.err"
}
chrome --dump-dom "file://$TMP/r.html" >"$TMP/dom.html"
for text in '資格情報・アカウント廃棄報告書' 'Credential and account disposal report' '判定' 'Verdicts' \
	'アカウント一覧' 'Accounts inventory' 'system_account_with_password' 'JSON の SHA-256' \
	"$(sha256sum "$TMP/r.json" | cut -d' ' -f1)"; do
	grep -q -F "$text" "$TMP/dom.html" || fail "rendered DOM lacks: $text"
done
(cd "$TMP" && chrome --screenshot="$TMP/shot.png" --window-size=1200,1600 "file://$TMP/r.html" >/dev/null)
[ -s "$TMP/shot.png" ] || { tail -5 "$TMP/chromium.err"; fail "no screenshot"; finish; }
python3 - "$TMP/shot.png" <<'EOT' || fail "screenshot is blank"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
# Count distinct byte values over the filtered scanlines: a page of one
# flat colour gives a handful; text and tables give many.
distinct = len(set(raw[i] for i in range(0, len(raw), 7)))
print("distinct byte values:", distinct, "size:", len(raw))
sys.exit(0 if distinct > 16 else 1)
EOT
finish
