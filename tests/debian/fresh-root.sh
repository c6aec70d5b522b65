#!/bin/sh
# Proof on a fresh machine: build the Debian packages, make a fresh Debian
# 12 root with debootstrap (minbase), install the packages there with apt
# and smoke-test them (tests/debian/smoke.sh: check, a password change
# through real libpam, a scan, upgrade, purge without a trace); then, in a
# second fresh root from the same base, run CI's own entry point .ci/run
# (it installs exactly .ci/packages, then runs the README's test command),
# so no install step can hide behind this machine's extra packages.
#   tests/debian/fresh-root.sh WORKDIR
# Needs root (debootstrap, chroot, mount). The base tarball is downloaded
# once per run into WORKDIR and removed with it. Environment:
#   DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR, FRESH_APT_CACHE: see
#     tests/debian/roots.sh
#   FUZZ_SECONDS: passed to the suite in the second root (default 20)
#   FRESH_SUITE=0: skip the second root (a quicker check of the packages)
#   FRESH_DEBS: a directory of packages built already (by build-packages.sh)
#     to test instead of building them again
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:?usage: fresh-root.sh WORKDIR}
. "$src/tests/debian/roots.sh"
roots_begin fresh-root.sh
mkdir -p "$work"
work=$(cd "$work" && pwd)
now() { date +%s; }
t0=$(now)
lap() { echo "   [$1: $(($(now) - t0)) s since the stage began]"; }

cleanup() {
	roots_remove
	rm -f "$work/base.tgz"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

new_root() { # name: a fresh root from the base tarball, with /proc, /sys, /dev
	r=$work/$1
	roots="$roots $r"
	rm -rf "$r"
	debootstrap --variant=minbase --unpack-tarball="$work/base.tgz" bookworm "$r" "$mirror" \
		>"$work/$1.debootstrap.log" 2>&1 || { tail -30 "$work/$1.debootstrap.log"; exit 1; }
	root_prepare "$r"
}

if [ -n "${FRESH_DEBS:-}" ]; then
	echo "-- the packages built already in $FRESH_DEBS"
	mkdir -p "$work/deb" && cp "$FRESH_DEBS"/*.deb "$work/deb/"
else
	# nocheck: the suite runs in the second root, from the README's command.
	echo "-- building the packages (DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS-nocheck})"
	DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS-nocheck} "$src/tests/debian/build-packages.sh" "$work/deb"
	lap "packages built, blhc and lintian clean"
fi

echo "-- debootstrap --variant=minbase bookworm (base tarball, once per run)"
rm -f "$work/base.tgz"
debootstrap --variant=minbase --make-tarball="$work/base.tgz" bookworm "$work/tarball-tmp" "$mirror" \
	>"$work/tarball.log" 2>&1 || { tail -30 "$work/tarball.log"; exit 1; }
rm -rf "$work/tarball-tmp"
lap "base tarball"

echo "-- root 1: install, smoke test, upgrade, purge"
new_root root1
lap "root 1 unpacked"
mkdir -p "$work/root1/smoke"
# A flat apt repository of the packages (not the -dbgsym ones), as doc/installing.md serves them.
for d in "$work/deb"/*.deb; do
	case $d in *-dbgsym_*) ;; *) cp "$d" "$work/root1/smoke/" ;; esac
done
(cd "$work/root1/smoke" && dpkg-scanpackages --multiversion . >Packages 2>/dev/null)
cp "$src/tests/debian/smoke.sh" "$work/root1/"
chroot "$work/root1" sh /smoke.sh /smoke
lap "smoke test passed"
unmount_root "$work/root1"

if [ "${FRESH_SUITE:-1}" = 0 ]; then
	echo "-- root 2 (the README's two commands in a fresh root): skipped (FRESH_SUITE=0)"
	exit 0
fi
echo "-- root 2: the README's two commands, ./quickstart.sh then tests/run-all.sh"
new_root root2
"$src/tests/debian/copy-tree.sh" "$src" "$work/root2/srv/src"
# The inner run-all.sh runs the suite itself (no nested roots).
chroot "$work/root2" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
	CREDPOLICY_FRESH_ROOT=inside FUZZ_SECONDS="${FUZZ_SECONDS:-20}" \
	sh -c 'cd /srv/src && ./quickstart.sh && tests/run-all.sh' >"$work/root2.run.log" 2>&1 ||
	{ tail -80 "$work/root2.run.log"; echo "the README's commands failed in the fresh root (log: $work/root2.run.log)" >&2; exit 1; }
grep -E '^(==|==== |# (TOTAL|PASS|FAIL|ERROR))' "$work/root2.run.log" || true
tail -3 "$work/root2.run.log"
lap "README's two commands passed in the fresh root"
