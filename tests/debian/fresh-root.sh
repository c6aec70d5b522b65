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
#   DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR (default: this machine's apt sources)
#   FRESH_APT_CACHE: the host's apt archive cache, linked into the roots so
#     .deb files already downloaded in this run are not fetched again
#     (default /var/cache/apt/archives; empty: none)
#   FUZZ_SECONDS: passed to the suite in the second root (default 20)
#   FRESH_SUITE=0: skip the second root (a quicker check of the packages)
#   FRESH_DEBS: a directory of packages built already (by build-packages.sh)
#     to test instead of building them again
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:?usage: fresh-root.sh WORKDIR}
host_uri() { # suite: the URI this machine's apt sources use for it
	{
		awk -v want="$1" '/^URIs:/ { u = $2 }
			/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == want) { print u; exit } }' \
			/etc/apt/sources.list.d/*.sources 2>/dev/null
		awk -v want="$1" '$1 == "deb" && $3 == want { print $2; exit }' \
			/etc/apt/sources.list 2>/dev/null
	} | head -1
}
mirror=${DEBIAN_MIRROR:-$(host_uri bookworm)}
security=${DEBIAN_SECURITY_MIRROR:-$(host_uri bookworm-security)}
[ -n "$mirror" ] && [ -n "$security" ] ||
	{ echo "fresh-root.sh: no bookworm source in this machine's apt sources; set DEBIAN_MIRROR and DEBIAN_SECURITY_MIRROR" >&2; exit 2; }
apt_cache=${FRESH_APT_CACHE-/var/cache/apt/archives}
[ "$(id -u)" = 0 ] || { echo "fresh-root.sh: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
mkdir -p "$work"
work=$(cd "$work" && pwd)
now() { date +%s; }
t0=$(now)
lap() { echo "   [$1: $(($(now) - t0)) s since the stage began]"; }

roots=""
unmount_root() { # root: unmount everything below it, deepest first
	for m in $(awk -v r="$1/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r); do
		umount "$m" 2>/dev/null || umount -l "$m"
	done
}
cleanup() {
	for r in $roots; do
		unmount_root "$r"
		# Never remove a tree that still has something mounted in it
		# (a bound /dev would take the host's device nodes with it).
		if awk -v r="$r/" 'index($2, r) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
			echo "fresh-root.sh: $r still has mounts; not removing it" >&2
		else
			rm -rf "$r"
		fi
	done
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
	mount -t proc proc "$r/proc"
	mount --rbind /sys "$r/sys" && mount --make-rslave "$r/sys"
	mount --rbind /dev "$r/dev" && mount --make-rslave "$r/dev"
	cp /etc/resolv.conf "$r/etc/resolv.conf"
	# The sources of an installed Debian 12, with its updates and security.
	: >"$r/etc/apt/sources.list"
	cat >"$r/etc/apt/sources.list.d/debian.sources" <<-SOURCES
	Types: deb
	URIs: $mirror
	Suites: bookworm bookworm-updates
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

	Types: deb
	URIs: $security
	Suites: bookworm-security
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	SOURCES
	# .deb files this run's .ci/run already downloaded are reused, as hard
	# links (apt checks each against the root's own index; nothing else is
	# shared, and where links cannot be made everything is downloaded).
	if [ -n "$apt_cache" ] && [ -d "$apt_cache" ]; then
		find "$apt_cache" -maxdepth 1 -name '*.deb' -exec cp -l {} "$r/var/cache/apt/archives/" + \
			2>/dev/null || true
	fi
	# A throwaway root: dpkg need not fsync every file it unpacks.
	echo force-unsafe-io >"$r/etc/dpkg/dpkg.cfg.d/fresh-root-unsafe-io"
	# No daemon starts inside the root.
	printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d" && chmod 755 "$r/usr/sbin/policy-rc.d"
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
