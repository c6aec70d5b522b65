# Shared helpers for shell tests (sourced). Gives: fail, pass, tmpdir.
set -u
: "${top_builddir:?run through make check}"
: "${top_srcdir:?run through make check}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/credpolicy-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
nfail=0
fail() { echo "FAIL: $*" >&2; nfail=$((nfail + 1)); }
ok() { echo "ok: $*"; }
# Assert that no file under the given paths, nor the given text, contains the canary.
assert_no_canary() {
	canary=$1; shift
	for p in "$@"; do
		if grep -r -a -F -q -- "$canary" "$p" 2>/dev/null; then
			fail "canary found in $p"
		fi
	done
}
finish() { if [ "$nfail" -gt 0 ]; then echo "$nfail failure(s)"; exit 1; fi; exit 0; }
