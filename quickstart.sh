#!/bin/sh
# Quick start on a fresh Debian 12 machine, as root:
#   1. installs the build and test dependencies (Debian packages listed in
#      .ci/packages),
#   2. builds the Debian packages (libpam-credpolicy, credpolicy, credaudit,
#      credpolicy-common) and installs them with apt, exactly as a fleet
#      gets them: the PAM module in the multiarch security directory, the
#      default policy /etc/security/credpolicy.conf, and the
#      compromised-password index /var/lib/credpolicy/breach.idx that
#      credpolicy's postinst builds from john-data's password.lst,
#   3. runs the main job on the bundled defaults: sample passwords through
#      `credpolicy check` and through pam_credpolicy.so in a real libpam
#      password change (a private service stack: /etc/pam.d is not touched),
#      and a credential scan of a small sample tree.
# The module is installed but NOT enabled; doc/pam.md says how to enable it.
# (Developers: `make install` still installs from a build tree.)
set -eu
cd "$(dirname "$0")"
[ "$(id -u)" = 0 ] || { echo "quickstart: run as root (sudo ./quickstart.sh)" >&2; exit 2; }

echo "== installing build dependencies"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
xargs apt-get install -y -qq --no-install-recommends <.ci/packages >/dev/null

echo "== building the Debian packages (log: _build/deb/build.log)"
rm -rf _build/deb
tests/debian/copy-tree.sh . _build/deb/src
(cd _build/deb/src && DEB_BUILD_OPTIONS=nocheck nice dpkg-buildpackage -us -uc -b >../build.log 2>&1) ||
	{ tail -40 _build/deb/build.log; echo "quickstart: the package build failed" >&2; exit 1; }

echo "== installing them with apt"
debs=$(ls _build/deb/*.deb | grep -v -- '-dbgsym_')
apt-get install -y -qq $(printf './%s ' $debs) >/dev/null
dpkg-query -W -f '   ${Package} ${Version}\n' libpam-credpolicy credpolicy credaudit credpolicy-common
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
module=/usr/lib/$multiarch/security/pam_credpolicy.so
pam_try=_build/deb/src/tools/pam_try # built with the packages, not installed
echo "installed: /usr/bin/credpolicy /usr/bin/credaudit $module"
echo "           /etc/security/credpolicy.conf /var/lib/credpolicy/breach.idx"

samples='Password123!
P@ssw0rd2024
Welcome1!
Summer2024!
Ｐａｓｓ１２３！
qwerty123456
short1!A
correct horse battery staple
Tr7#vKq9!mZp2w
wE4$ly-Harbor-91-Kite'

echo
echo "== credpolicy check (default policy: /etc/security/credpolicy.conf)"
echo "   (the samples are public examples; credpolicy itself never prints a password)"
printf '%s\n' "$samples" | while IFS= read -r s; do
	printf '   %-30s %s\n' "$s" "$(printf '%s\n' "$s" | credpolicy check || true)"
done

echo "   the compromised-password index alone (composition and dictionary off), on a"
echo "   password from the list it was built from:"
printf '   %-30s %s\n' "password1" "$(printf 'password1\n' | credpolicy check --set dictcheck=0 \
	--set minlen=6 --set require_classes=none || true)"

echo
echo "== the same samples through pam_credpolicy.so (real libpam password change)"
echo "   (retry=1 so each sample is tried once; enforce_for_root because this runs as root)"
printf '%s\n' "$samples" | "$pam_try" --user demo "$module" enforce_for_root retry=1 || true
echo "   the first sample again, for a user whose language is Japanese (LANGUAGE=ja):"
printf 'Password123!\n' | LANGUAGE=ja LANG=C.UTF-8 "$pam_try" --user demo "$module" enforce_for_root retry=1 || true

echo
echo "== credaudit scan of a sample tree (stored credentials, clause 3(1)⑤)"
demo=$(mktemp -d)
mkdir -p "$demo/home/alice" "$demo/etc/app" "$demo/router"
printf 'machine ftp.example.org login alice password Xy9!demo-netrc\n' >"$demo/home/alice/.netrc"
printf 'db.example.org:5432:*:app:Qz8#demo-pgpass\n' >"$demo/home/alice/.pgpass"
printf '[database]\nuser = app\npassword = Kp3$demo-config-pw\n' >"$demo/etc/app/app.ini"
printf 'hostname r1\nenable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\nusername admin password 7 0822455D0A16\n' >"$demo/router/r1.cfg"
credaudit scan "$demo" || true
rm -rf "$demo"

echo
echo "Next: enable the module with pam-auth-update (see doc/pam.md), and run the tests with tests/run-all.sh"
