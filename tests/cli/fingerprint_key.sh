#!/bin/sh
# Keyed fingerprints end to end: "hmac:" in every output; the same key gives
# the same fingerprints (so baselines keep working), another key others (so
# a fingerprint is useless where the key is not); the key file is created at
# first use, 0600, and refused with a wrong mode or as a symbolic link; an
# unkeyed "sha256:" baseline of an older version is refused with what to
# do; secrets under 16 characters show none of their characters; the canary
# is in no output and not in the key file.
. "$top_srcdir/tests/lib.sh"
CA="$top_builddir/tests/bin/credaudit"
RULES="$top_srcdir/conf/rules"
CANARY='Canary-Fpk-3xJ8pQwZ' # 19 characters
SHORT='Cz#81kQ'              # 7 characters
unset CREDPOLICY_FINGERPRINT_KEY
scan() { timeout 60 "$CA" scan --rules "$RULES" "$@"; }
fps() { python3 -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    if "rule" in o: print(o["secret"]["fingerprint"], o["secret"]["redacted"])' "$1" | sort; }

R="$TMP/tree"; mkdir -p "$R"
printf 'user = app\npassword = %s\n' "$CANARY" >"$R/long.conf"
printf 'user = app\npassword = %s\n' "$SHORT" >"$R/short.conf"

scan --fingerprint-key "$TMP/k1" --format json "$R" >"$TMP/a.json" 2>"$TMP/a.err"
[ "$(stat -c %a "$TMP/k1")" = 600 ] || fail "key file not created 0600"
scan --fingerprint-key "$TMP/k1" --format json "$R" >"$TMP/b.json" 2>>"$TMP/a.err"
scan --fingerprint-key "$TMP/k2" --format json "$R" >"$TMP/c.json" 2>>"$TMP/a.err"
CREDPOLICY_FINGERPRINT_KEY="$TMP/k1" scan --format json "$R" >"$TMP/d.json" 2>>"$TMP/a.err"
fps "$TMP/a.json" >"$TMP/a.fp"
[ "$(wc -l <"$TMP/a.fp")" = 2 ] || fail "want 2 findings: $(cat "$TMP/a.fp")"
grep -Eqv '^hmac:[0-9a-f]{32} ' "$TMP/a.fp" && fail "not hmac: fingerprints: $(cat "$TMP/a.fp")"
fps "$TMP/b.json" | cmp -s - "$TMP/a.fp" || fail "same key, different fingerprints"
fps "$TMP/d.json" | cmp -s - "$TMP/a.fp" || fail "CREDPOLICY_FINGERPRINT_KEY not honoured"
fps "$TMP/c.json" | cut -d' ' -f1 | grep -qxF -f "$(cut -d' ' -f1 "$TMP/a.fp" >"$TMP/a.f1"; echo "$TMP/a.f1")" &&
	fail "another key gave the same fingerprint"
grep -q ' \*\*\*(7)$' "$TMP/a.fp" || fail "short secret not fully hidden: $(cat "$TMP/a.fp")"
grep -q ' Ca\*\*\*(19)$' "$TMP/a.fp" || fail "long secret redaction: $(cat "$TMP/a.fp")"
ok "same key, same fingerprints; another key, others"

# Text and SARIF carry the same keyed fingerprint.
scan --fingerprint-key "$TMP/k1" "$R" >"$TMP/t.txt" 2>/dev/null
scan --fingerprint-key "$TMP/k1" --format sarif "$R" >"$TMP/s.sarif" 2>/dev/null
for fp in $(cut -d' ' -f1 "$TMP/a.fp"); do
	grep -q "$fp" "$TMP/t.txt" || fail "text lacks $fp"
	grep -q "$fp" "$TMP/s.sarif" || fail "SARIF lacks $fp"
done
grep -q 'sha256:' "$TMP/t.txt" "$TMP/s.sarif" "$TMP/a.json" && fail "unkeyed fingerprint in an output"

# Baselines: written under k1, they hold under k1 and not under k2.
scan --fingerprint-key "$TMP/k1" --write-baseline "$TMP/base.jsonl" "$R" >/dev/null 2>&1
scan --fingerprint-key "$TMP/k1" --baseline "$TMP/base.jsonl" "$R" >/dev/null 2>&1; rc=$?
[ $rc -eq 0 ] || fail "baseline under the same key: exit $rc"
scan --fingerprint-key "$TMP/k2" --baseline "$TMP/base.jsonl" "$R" >/dev/null 2>&1; rc=$?
[ $rc -eq 1 ] || fail "baseline under another key suppressed findings: exit $rc"
# An older, unkeyed baseline is refused, naming the line and what to do.
printf '{"rule":"x","path":"a","secret":{"fingerprint":"sha256:0123456789abcdef"}}\n' >"$TMP/old.jsonl"
scan --fingerprint-key "$TMP/k1" --baseline "$TMP/old.jsonl" "$R" >/dev/null 2>"$TMP/old.err"; rc=$?
[ $rc -eq 2 ] || fail "old baseline: exit $rc"
grep -q 'old.jsonl:1' "$TMP/old.err" && grep -q -- '--write-baseline' "$TMP/old.err" ||
	fail "old baseline message: $(cat "$TMP/old.err")"
ok "baselines"

# A key file others can read, or a symbolic link, is refused.
cp "$TMP/k1" "$TMP/k3"; chmod 644 "$TMP/k3"
scan --fingerprint-key "$TMP/k3" "$R" >/dev/null 2>"$TMP/k3.err"; rc=$?
[ $rc -eq 2 ] && grep -q "$TMP/k3" "$TMP/k3.err" || fail "0644 key: exit $rc, $(cat "$TMP/k3.err")"
ln -s "$TMP/k1" "$TMP/k4"
scan --fingerprint-key "$TMP/k4" "$R" >/dev/null 2>"$TMP/k4.err"; rc=$?
[ $rc -eq 2 ] && grep -q "symbolic link" "$TMP/k4.err" || fail "symlinked key: exit $rc"
"$CA" scan --help | grep -q -- '--fingerprint-key' || fail "--help lacks --fingerprint-key"
ok "bad key files refused"

# A user other than root cannot read the installation's key: the scan goes
# on with fingerprints for this run only, said on stderr; a baseline, which
# needs stable fingerprints, is refused.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
	setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	chmod 755 "$TMP" "$R"; chmod 644 "$R"/*.conf
	nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	nobody "$CA" scan --rules "$RULES" --format json "$R" >"$TMP/n.json" 2>"$TMP/n.err"; rc=$?
	[ $rc -eq 1 ] && grep -q 'this run only' "$TMP/n.err" || fail "non-root scan: exit $rc, $(cat "$TMP/n.err")"
	nobody "$CA" scan --rules "$RULES" --write-baseline "$TMP/nb.jsonl" "$R" >/dev/null 2>"$TMP/nb.err"; rc=$?
	[ $rc -eq 2 ] || fail "non-root baseline without a key: exit $rc"
	ok "non-root: run-only fingerprints, no baseline"
fi

for c in "$CANARY" "$SHORT"; do
	assert_no_canary "$c" "$TMP"/*.json "$TMP"/*.jsonl "$TMP"/*.txt "$TMP"/*.sarif \
		"$TMP"/*.err "$TMP"/*.fp "$TMP"/k1 "$TMP"/k2
done
finish
