#!/bin/sh
# Inside a fresh Debian 12 root (tests/debian/fresh-root.sh), as root:
# install the packages from DEBDIR, a flat apt repository (doc/installing.md),
# with apt by name, prove they work, upgrade them, purge them, and prove the
# purge left no file behind.
#   smoke.sh DEBDIR
set -eu
debs=$(cd "${1:?usage: smoke.sh DEBDIR}" && pwd)
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin
nfail=0
fail() { echo "FAIL: $*" >&2; nfail=$((nfail + 1)); }
ok() { echo "ok: $*"; }
step() { printf '\n-- %s\n' "$*"; }
ours='libpam-credpolicy credpolicy credaudit credpolicy-common'
apt_q() { apt-get -y -q -o Dpkg::Use-Pty=0 "$@" >/tmp/apt.out 2>&1 || { tail -30 /tmp/apt.out; exit 1; }; }

# Everything but state that apt and dpkg own, caches, logs and scratch.
snapshot() {
	find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp \
		-o -path /root -o -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/cache \
		-o -path /var/log -o -path /smoke \) -prune -o -print | sort
}

step "dependencies first (so the file lists compare our packages alone)"
echo "deb [trusted=yes] file:$debs ./" >/etc/apt/sources.list.d/smoke.list
apt_q update
deps=$(for d in "$debs"/*.deb; do dpkg-deb -f "$d" Depends; dpkg-deb -f "$d" Recommends; done |
	tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/[[:space:]]//g' | sort -u |
	grep -v -x -F "$(printf '%s\n' $ours)" | grep .)
echo "$deps" | tr '\n' ' '; echo
apt_q install --no-install-recommends $deps
useradd -m smokeuser
printf 'smokeuser:Qv8#first-Lantern-27\n' | chpasswd
snapshot >/tmp/files.before

step "install with apt"
apt_q install --no-install-recommends libpam-credpolicy credpolicy credaudit
for p in $ours; do
	[ "$(dpkg-query -W -f '${db:Status-Abbrev}' "$p")" = "ii " ] || fail "$p not installed"
done
grep -rq pam_credpolicy /etc/pam.d && fail "installing enabled the module" || ok "installed, not enabled"
idx=/var/lib/credpolicy/breach.idx
[ -s "$idx" ] && ok "postinst built $idx from john-data" || fail "no $idx after install"

step "credpolicy check"
out=$(printf 'Password123!\n' | credpolicy check) && fail "Password123! accepted" ||
	{ echo "$out" | grep -q '^BAD' && ok "Password123! rejected: $out" || fail "check said: $out"; }
out=$(printf '%s\n' 'wE4$ly-Harbor-91-Kite' | credpolicy check) && ok "strong password accepted" ||
	fail "strong password rejected: $out"

step "the module through real libpam (chpasswd, common-password via pam-auth-update)"
pam-auth-update --package --enable credpolicy
grep -q pam_credpolicy /etc/pam.d/common-password || fail "pam-auth-update --enable did not add the module"
hash0=$(getent shadow smokeuser | cut -d: -f2)
printf 'smokeuser:Password123!\n' | chpasswd 2>/tmp/chpasswd.err &&
	fail "chpasswd set Password123! with the module enabled" || ok "weak password refused: $(head -1 /tmp/chpasswd.err)"
[ "$(getent shadow smokeuser | cut -d: -f2)" = "$hash0" ] || fail "the refused change changed the hash"
printf '%s\n' 'smokeuser:wE4$ly-Harbor-91-Kite' | chpasswd 2>/tmp/chpasswd.err &&
	ok "strong password set through the module" || fail "strong password refused: $(cat /tmp/chpasswd.err)"
[ "$(getent shadow smokeuser | cut -d: -f2)" != "$hash0" ] || fail "the accepted change left the hash as it was"

step "leak review: a reported leak stays open until the password changes through the module"
ledger=/var/lib/credpolicy/leaks.jsonl
credpolicy leak report --user smokeuser --reason "smoke test" >/tmp/leak.out 2>&1 ||
	{ cat /tmp/leak.out; fail "credpolicy leak report"; }
[ "$(stat -c %a "$ledger" 2>/dev/null)" = 600 ] || fail "the ledger is not $ledger, mode 0600"
rc=0; credpolicy leak list --open >/tmp/leak.list 2>&1 || rc=$?
[ "$rc" -eq 1 ] && grep -q 'open .*smokeuser' /tmp/leak.list && ok "the event is open (exit 1)" ||
	{ cat /tmp/leak.list; fail "leak list --open: exit $rc"; }
printf '%s\n' 'smokeuser:Mk7%tQ9vR2#xWp4zL' | chpasswd 2>/tmp/chpasswd.err ||
	fail "the change after the leak was refused: $(cat /tmp/chpasswd.err)"
rc=0; credpolicy leak list >/tmp/leak.list 2>&1 || rc=$?
[ "$rc" -eq 0 ] && grep -q 'changed .*smokeuser' /tmp/leak.list &&
	ok "after chpasswd through the module the event is changed (exit 0)" ||
	{ cat /tmp/leak.list; fail "leak list after the change: exit $rc"; }

step "credaudit scan finds a planted .pgpass"
mkdir -p /tmp/scan/home/bob
secret='Qz8#smoke-pgpass-value'
printf 'db.example.org:5432:*:app:%s\n' "$secret" >/tmp/scan/home/bob/.pgpass
rc=0; credaudit scan /tmp/scan >/tmp/scan.out 2>&1 || rc=$?
cat /tmp/scan.out
[ "$rc" -eq 1 ] || fail "credaudit scan exited $rc, not 1 (found)"
grep -q '\.pgpass' /tmp/scan.out || fail "no finding names .pgpass"
grep -qF "$secret" /tmp/scan.out && fail "the secret appears in clear"
ls /var/lib/credpolicy

step "upgrade (install twice): an admin's index is kept"
printf 'only-this-one\n' >/tmp/own.lst
credpolicy breach build -q -o "$idx" /tmp/own.lst
cp "$idx" /tmp/own.idx
v1=$(dpkg-deb -f "$debs"/credpolicy_*.deb Version)
v2=$v1+smoke1
mkdir -p /tmp/v2
for d in "$debs"/*.deb; do
	dpkg-deb -R "$d" /tmp/v2/pkg
	sed -i "s/^Version: .*/Version: $v2/; s/(= $v1)/(= $v2)/g" /tmp/v2/pkg/DEBIAN/control
	dpkg-deb --root-owner-group -b /tmp/v2/pkg /tmp/v2/ >/dev/null
	rm -rf /tmp/v2/pkg
done
apt_q install --no-install-recommends /tmp/v2/*.deb
for p in $ours; do
	[ "$(dpkg-query -W -f '${Version}' "$p")" = "$v2" ] || fail "$p not upgraded to $v2"
done
cmp -s "$idx" /tmp/own.idx && ok "upgraded to $v2; the admin's index untouched" || fail "upgrade replaced the admin's index"
grep -q pam_credpolicy /etc/pam.d/common-password && ok "the admin's choice (enabled) survived the upgrade" ||
	fail "upgrade disabled the module the admin enabled"

step "purge leaves no file behind"
credaudit scan /tmp/scan >/dev/null 2>&1 || true # whatever state a scan creates
dpkg --purge credaudit credpolicy libpam-credpolicy credpolicy-common >/tmp/purge.out 2>&1 || { cat /tmp/purge.out; fail "dpkg --purge"; }
grep -rq pam_credpolicy /etc/pam.d && fail "/etc/pam.d still names the module after purge"
# The leak ledger is the admin's record (doc/installing.md): purge keeps it.
[ -s "$ledger" ] && ok "purge kept the leak ledger" || fail "purge removed the leak ledger"
rm -f "$ledger" && rmdir /var/lib/credpolicy
printf 'smokeuser:Password123!\n' | chpasswd || fail "PAM stack broken after purge"
snapshot >/tmp/files.after
if diff /tmp/files.before /tmp/files.after >/tmp/files.diff; then
	ok "file lists before install and after purge are the same ($(wc -l </tmp/files.after) paths)"
else
	cat /tmp/files.diff; fail "purge left files behind or removed others"
fi

[ "$nfail" -eq 0 ] || { echo "smoke test: $nfail failure(s)"; exit 1; }
echo "smoke test passed"
