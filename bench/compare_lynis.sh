#!/bin/sh
# Compare credaudit accounts with Lynis's authentication tests on this
# machine, account by account. It ADDS TEST ACCOUNTS of each kind to the
# live system (useradd, sudoers.d, a systemd unit, keys, a config file
# with a password), runs
#   lynis audit system --tests-from-group authentication
#   credaudit accounts --format json
# prints a Markdown table of what each reports for every account, then
# removes everything it added (also on error or interrupt).
#
# Runs only as root and only when asked:
#   bench/compare_lynis.sh --yes-modify-this-system [--credaudit PATH] [--rules DIR]
# Exit status: 0 every account problem Lynis reports is reported by
# credaudit too, 1 otherwise, 2 refused or failed.
set -eu

CREDAUDIT=credaudit
RULES=
ASKED=no
while [ $# -gt 0 ]; do
	case $1 in
	--yes-modify-this-system) ASKED=yes ;;
	--credaudit) CREDAUDIT=$2; shift ;;
	--rules) RULES=$2; shift ;;
	-h|--help) sed -n '2,15p' "$0"; exit 0 ;;
	*) echo "compare_lynis: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
if [ "$ASKED" != yes ]; then
	echo "compare_lynis: this adds and removes accounts on the live system;" \
		"run with --yes-modify-this-system if that is what you want" >&2
	exit 2
fi
[ "$(id -u)" = 0 ] || { echo "compare_lynis: must run as root" >&2; exit 2; }
command -v lynis >/dev/null || { echo "compare_lynis: lynis not installed (apt-get install lynis)" >&2; exit 2; }
command -v "$CREDAUDIT" >/dev/null || { echo "compare_lynis: $CREDAUDIT not found (--credaudit PATH)" >&2; exit 2; }

P=cpcmp   # every account, file and unit this script adds starts with this
WORK=$(mktemp -d)
ADDED=""
CREATED=""   # files and directories this script created outside homes
UNIT=/etc/systemd/system/$P-svc.service
# Never "userdel -r": a home may be shared (the UID 0 account's would be
# /root). Only the homes this script created, by their prefixed names,
# are removed.
cleanup() {
	for u in $ADDED; do userdel -f "$u" >/dev/null 2>&1 || true; done
	# UID 0 and duplicate-UID accounts cannot always be removed by userdel
	for f in /etc/passwd /etc/shadow /etc/group /etc/gshadow; do
		if grep -q "^${P}_" "$f" 2>/dev/null; then sed -i "/^${P}_/d" "$f"; fi
	done
	rm -rf /home/${P}_* /var/lib/${P}_* /var/mail/${P}_* "$UNIT" "$WORK"
	for c in $CREATED; do rm -rf "$c"; done
}
trap cleanup EXIT INT TERM HUP

add() { useradd "$@"; eval "last=\${$#}"; ADDED="$ADDED $last"; }
LEAK='Cmp-Leak-Pw#2026'
KEY='ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIComparisonKeyComparisonKeyComparisonKey00 cmp@example'

# sudo may not be installed: give credaudit a sudoers to read, and remove it after.
if [ ! -e /etc/sudoers ]; then
	printf '@includedir /etc/sudoers.d\n' >/etc/sudoers
	CREATED="$CREATED /etc/sudoers"
fi
if [ ! -d /etc/sudoers.d ]; then
	mkdir -m 0750 /etc/sudoers.d
	CREATED="$CREATED /etc/sudoers.d"
fi
SUDO=/etc/sudoers.d/$P
CREATED="$CREATED $SUDO"

# One account of each kind.
add -o -u 0 -g 0 -M -d /nonexistent -s /bin/bash ${P}_uid0
add -o -u 5301 -m -s /usr/sbin/nologin ${P}_dupa
add -o -u 5301 -M -d /nonexistent -s /usr/sbin/nologin ${P}_dupb
add -m -s /bin/bash ${P}_empty;     passwd -d ${P}_empty >/dev/null
add -r -m -d /var/lib/${P}_sys -s /bin/bash ${P}_sys
echo "${P}_sys:Cmp-Sys-Pw-1" | chpasswd
add -r -m -d /var/lib/${P}_keys -s /usr/sbin/nologin ${P}_keys
mkdir -p /var/lib/${P}_keys/.ssh && echo "$KEY" >/var/lib/${P}_keys/.ssh/authorized_keys
add -r -M -d /nonexistent -s /usr/sbin/nologin ${P}_sudo
echo "${P}_sudo ALL=(root) NOPASSWD: /usr/bin/true" >"$SUDO"; chmod 0440 "$SUDO"
add -m -s /bin/bash ${P}_locked
echo "${P}_locked:Cmp-Lock-Pw-1" | chpasswd; usermod -L ${P}_locked
mkdir -p /home/${P}_locked/.ssh && echo "$KEY" >/home/${P}_locked/.ssh/authorized_keys
add -m -s /bin/bash ${P}_noexp;     echo "${P}_noexp:Cmp-NoExp-Pw-1" | chpasswd; chage -M 99999 ${P}_noexp
add -m -s /bin/bash ${P}_expired;   echo "${P}_expired:Cmp-Exp-Pw-1" | chpasswd; chage -d 2000-01-01 -M 30 ${P}_expired
add -m -s /bin/bash ${P}_md5;       usermod -p "$(openssl passwd -1 Cmp-Md5-Pw-1)" ${P}_md5; chage -M 90 ${P}_md5
add -m -s /bin/bash ${P}_sha;       usermod -p "$(openssl passwd -6 Cmp-Sha-Pw-1)" ${P}_sha; chage -M 90 ${P}_sha
add -m -s /bin/bash ${P}_svc;       printf '[Service]\nUser=%s_svc\nExecStart=/bin/true\n' "$P" >"$UNIT"
add -m -s /bin/bash ${P}_cred;      printf '[db]\npassword = Cmp-Stored-Secret-77\n' >/home/${P}_cred/app.ini
add -m -s /bin/bash ${P}_leak;      echo "${P}_leak:$LEAK" | chpasswd; chage -M 90 ${P}_leak
printf '[db]\nuser = %s_leak\npassword = %s\n' "$P" "$LEAK" >/home/${P}_leak/app.ini

# Lynis: per-account lines from its log; AUTH-9229 names methods, which
# are mapped to the accounts whose hash uses them, as Lynis reads them.
lynis audit system --tests-from-group authentication --quick --no-colors \
	--log-file "$WORK/lynis.log" --report-file "$WORK/lynis.dat" >"$WORK/lynis.out" 2>&1 || true
set -- ${RULES:+--rules "$RULES"}
"$CREDAUDIT" accounts --format json --hooks-dir "$WORK/nohooks" "$@" >"$WORK/ours.json" 2>"$WORK/ours.err" || true
grep -v '^credaudit accounts: /' "$WORK/ours.err" >&2 || true
cp /etc/shadow "$WORK/shadow"

python3 - "$WORK" "$P" <<'EOT'
import json, re, sys
work, prefix = sys.argv[1], sys.argv[2]
log = open(f"{work}/lynis.log", errors="replace").read()
lyn = {}
def add(user, what):
    lyn.setdefault(user, []).append(what)
for pat, test in ((r"Administrator account: (\S+)", "AUTH-9204"),
                  (r"Account without expire date: (\S+)", "AUTH-9282"),
                  (r"Account without password: (\S+)", "AUTH-9283"),
                  (r"Locked account: (\S+)", "AUTH-9284"),
                  (r"password of user (\S+) has been expired", "AUTH-9288")):
    for u in re.findall(pat, log):
        add(u.split(":")[0], test)  # "Administrator account: NAME:UID"
passwd = [l.split(":") for l in open("/etc/passwd") if l.strip() and not l.startswith("#")]
for m in re.findall(r"Output \(non-unique UIDs\): (.*)", log):
    for uid in m.split():
        for p in passwd:
            if p[2] == uid:
                add(p[0], "AUTH-9208")
m = re.search(r"poor password hashing methods found: (.*)", log)
methods = m.group(1).split() if m else []
for l in open(f"{work}/shadow"):
    f = l.split(":")
    if len(f) < 2 or "!" in f[1] or f[1] in ("", "*", "x"):
        continue
    h = f[1]
    kind = ("sha256crypt/sha512crypt(default=5000rounds)" if h[:3] in ("$5$", "$6$") and "rounds=" not in h
            else "md5crypt" if h.startswith("$1$") else None)
    if kind and kind in methods:
        add(f[0], "AUTH-9229")
covers = {"AUTH-9204": {"uid0_not_root"}, "AUTH-9208": {"duplicate_uid"},
          "AUTH-9229": {"weak_hash_scheme", "low_hash_cost"}, "AUTH-9282": {"no_password_expiry"},
          "AUTH-9283": {"empty_password"}, "AUTH-9284": {"locked_account"},
          "AUTH-9288": {"password_expired"}}
ours = {r["account"]: r for r in map(json.loads, open(f"{work}/ours.json"))}
print("| account | added as | Lynis (authentication group) | credaudit accounts | Lynis problems covered |")
print("|---|---|---|---|---|")
missing = 0
for name in sorted(set(ours) | set(lyn), key=lambda n: (not n.startswith(prefix), n)):
    o = ours.get(name, {"reasons": [], "class": "?"})
    l = sorted(set(lyn.get(name, [])))
    uncovered = [t for t in l if not (covers.get(t, set()) & set(o["reasons"]))]
    missing += len(uncovered)
    if not l and not o["reasons"]:
        continue
    added = name[len(prefix) + 1:] if name.startswith(prefix + "_") else "(existing)"
    print(f"| {name} | {added} | {', '.join(l) or '-'} | {o['class']}: {', '.join(o['reasons']) or '-'} "
          f"| {'yes' if not uncovered else 'NO: ' + ', '.join(uncovered)} |")
print()
print(f"Lynis account problems not reported by credaudit: {missing}")
sys.exit(1 if missing else 0)
EOT
