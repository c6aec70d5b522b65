# Headless Chromium for the tests of the HTML pages (sourced after
# tests/lib.sh). Skips the test (77) when Debian's chromium is not
# installed. Gives:
#   chrome ARG...      chromium --headless with a fresh profile under $TMP
#   png_not_blank PNG  0 when the screenshot is not one flat colour
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "SKIP: $CHROMIUM not installed"; exit 77; }

chrome() {
	profile=$(mktemp -d "$TMP/profile.XXXXXX")
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-dev-shm-usage --user-data-dir="$profile" "$@" 2>>"$TMP/chromium.err"
}

png_not_blank() {
	python3 - "$1" <<'EOT'
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
}
