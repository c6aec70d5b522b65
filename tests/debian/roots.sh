# Debian 12 roots for the tests that need a fresh machine, sourced (not
# run) by tests/debian/fresh-root.sh and tests/fleet/run.sh:
#   . "$src/tests/debian/roots.sh"
#   roots_begin NAME      needs root; sets $mirror and $security
#   root_prepare ROOT     mounts /proc, /sys, /dev; apt sources; apt cache
#   unmount_root ROOT     everything mounted below ROOT, deepest first
#   has_mounts DIR        true when something is still mounted below DIR
#   roots_remove          unmounts and removes every root in $roots
# A script adds each root it makes to $roots and calls roots_remove from
# its EXIT trap. Environment:
#   DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR (default: this machine's apt sources)
#   FRESH_APT_CACHE: the host's apt archive cache, linked into the roots so
#     .deb files already downloaded are not fetched again
#     (default /var/cache/apt/archives; empty: none)

roots=""

host_uri() { # suite: the URI this machine's apt sources use for it
	{
		awk -v want="$1" '/^URIs:/ { u = $2 }
			/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == want) { print u; exit } }' \
			/etc/apt/sources.list.d/*.sources 2>/dev/null
		awk -v want="$1" '$1 == "deb" && $3 == want { print $2; exit }' \
			/etc/apt/sources.list 2>/dev/null
	} | head -1
}

roots_begin() { # name of the calling script, for its messages
	[ "$(id -u)" = 0 ] || { echo "$1: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
	mirror=${DEBIAN_MIRROR:-$(host_uri bookworm)}
	security=${DEBIAN_SECURITY_MIRROR:-$(host_uri bookworm-security)}
	[ -n "$mirror" ] && [ -n "$security" ] ||
		{ echo "$1: no bookworm source in this machine's apt sources; set DEBIAN_MIRROR and DEBIAN_SECURITY_MIRROR" >&2; exit 2; }
	apt_cache=${FRESH_APT_CACHE-/var/cache/apt/archives}
}

unmount_root() { # root: unmount everything below it, deepest first
	for m in $(awk -v r="$1/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r); do
		umount "$m" 2>/dev/null || umount -l "$m"
	done
}

has_mounts() { # dir: true when something is mounted below it
	awk -v r="$1/" 'index($2, r) == 1 { found = 1 } END { exit !found }' /proc/mounts
}

roots_remove() {
	for r in $roots; do
		unmount_root "$r"
		# Never remove a tree that still has something mounted in it
		# (a bound /dev would take the host's device nodes with it).
		if has_mounts "$r"; then
			echo "$r still has mounts; not removing it" >&2
		else
			rm -rf "$r"
		fi
	done
}

root_prepare() { # root (debootstrapped): /proc, /sys, /dev, apt as on a Debian 12 server
	mount -t proc proc "$1/proc"
	mount --rbind /sys "$1/sys" && mount --make-rslave "$1/sys"
	mount --rbind /dev "$1/dev" && mount --make-rslave "$1/dev"
	cp /etc/resolv.conf "$1/etc/resolv.conf"
	# The sources of an installed Debian 12, with its updates and security.
	: >"$1/etc/apt/sources.list"
	cat >"$1/etc/apt/sources.list.d/debian.sources" <<-SOURCES
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
	# .deb files already downloaded on this machine are reused, as hard
	# links (apt checks each against the root's own index; nothing else is
	# shared, and where links cannot be made everything is downloaded).
	if [ -n "$apt_cache" ] && [ -d "$apt_cache" ]; then
		find "$apt_cache" -maxdepth 1 -name '*.deb' -exec cp -l {} "$1/var/cache/apt/archives/" + \
			2>/dev/null || true
	fi
	# A throwaway root: dpkg need not fsync every file it unpacks.
	echo force-unsafe-io >"$1/etc/dpkg/dpkg.cfg.d/fresh-root-unsafe-io"
	# No daemon starts inside the root.
	printf '#!/bin/sh\nexit 101\n' >"$1/usr/sbin/policy-rc.d" && chmod 755 "$1/usr/sbin/policy-rc.d"
}
