#!/bin/sh
# Build the Debian packages from this source tree into OUTDIR (the tree is
# copied first, so dpkg-buildpackage writes nothing beside it), then hold
# them to Debian's standards: blhc on the build log (hardened flags reached
# every compile and link) and lintian with no error and no warning.
#   tests/debian/build-packages.sh OUTDIR
# DEB_BUILD_OPTIONS is passed through (CI uses nocheck: the suite has run).
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: build-packages.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -rf "$out/src" "$out"/*.deb "$out"/*.ddeb "$out"/*.changes "$out"/*.buildinfo
"$src/tests/debian/copy-tree.sh" "$src" "$out/src"

cd "$out/src"
echo "dpkg-buildpackage -us -uc -b (DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS:-}; log: $out/build.log)"
if ! dpkg-buildpackage -us -uc -b >"$out/build.log" 2>&1; then
	tail -60 "$out/build.log"
	echo "dpkg-buildpackage failed (full log: $out/build.log)" >&2
	exit 1
fi
ls -1 "$out"/*.deb

rc=0
echo "blhc (build log hardening check):"
blhc --all "$out/build.log" || { echo "blhc found compiles or links without the hardened flags" >&2; rc=1; }
echo "lintian:"
lintian --fail-on error,warning "$out"/*.changes ||
	{ echo "lintian reported errors or warnings (debian/*.lintian-overrides only with a comment why)" >&2; rc=1; }
exit $rc
