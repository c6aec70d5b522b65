#!/bin/sh
# The fleet playbooks (ansible/, doc/fleet.md) with real Ansible against
# hosts made on this machine: one debootstrap --variant=minbase bookworm
# root copied to FLEET_HOSTS (default 3) hosts reached with Ansible's
# community.general.chroot connection, plus one inventory host whose
# root is missing (status "failed") and one on a closed loopback ssh port
# (status "unreachable"). On each reachable host it plants a credential
# and a second UID-0 account, installs credpolicy with the install
# playbook (several forks; one host from a signed apt repository served
# on 127.0.0.1, the others from .deb files), runs it again and checks that
# nothing changed, shows drift with --check --diff, audits every host with
# the audit playbook and checks the per-host results and the fleet report:
# the statuses, the counts, and that no planted secret left any host.
# Everything it made is torn down, but the results directory.
#   tests/fleet/run.sh [WORKDIR]        (default _build/fleet)
# Needs root (debootstrap, chroot, mount). Prints the time of each phase;
# its last line is the path of the merged JSON report (or, while the
# controller's credaudit has no fleet-report, of the results directory).
# Environment:
#   FLEET_DEBS: a directory of packages built already (build-packages.sh)
#   FLEET_HOSTS: how many reachable hosts (default 3; at least 3)
#   FLEET_CREDAUDIT: the controller's credaudit for fleet-report (default:
#     the one in the credaudit package under test, unpacked)
#   DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR, FRESH_APT_CACHE: see
#     tests/debian/roots.sh
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$src/_build/fleet}
nhosts=${FLEET_HOSTS:-3}
[ "$nhosts" -ge 3 ] || { echo "fleet/run.sh: FLEET_HOSTS must be at least 3" >&2; exit 2; }
. "$src/tests/debian/roots.sh"
roots_begin fleet/run.sh
for tool in ansible-playbook ansible-lint debootstrap gpg dpkg-scanpackages python3 ssh; do
	command -v "$tool" >/dev/null ||
		{ echo "fleet/run.sh: $tool is missing (packages ansible ansible-lint debootstrap gnupg dpkg-dev python3 openssh-client)" >&2; exit 2; }
done
mkdir -p "$work"
work=$(cd "$work" && pwd)
results=$work/results
# A run stopped hard may have left its roots mounted: nothing below WORKDIR
# is removed while anything is mounted there.
unmount_root "$work"
! has_mounts "$work" || { echo "fleet/run.sh: $work still has mounts; not touching it" >&2; exit 1; }

nfail=0 nok=0
fail() { echo "FAIL: $*" >&2; nfail=$((nfail + 1)); }
ok() { echo "ok: $*"; nok=$((nok + 1)); }
timings=""
phase_t=$(date +%s) phase_name=""
phase() { # name of the phase that begins; prints how long the last one took
	t=$(date +%s)
	if [ -n "$phase_name" ]; then
		echo "   [$phase_name: $((t - phase_t)) s]"
		timings="$timings$(printf '%6d s  %s' $((t - phase_t)) "$phase_name")
"
	fi
	phase_name=$1 phase_t=$t
	[ -z "$1" ] || printf '\n-- %s\n' "$1"
}

server_pid=""
cleanup() {
	[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
	[ ! -d "$work/gnupg" ] || GNUPGHOME=$work/gnupg gpgconf --kill all 2>/dev/null || true
	roots_remove
	rm -rf "$work/gnupg" "$work/repo" "$work/ansible-tmp" "$work/canaries"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

export ANSIBLE_COLLECTIONS_PATH="$src/ansible/collections" ANSIBLE_NOCOLOR=1 \
	ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_RETRY_FILES_ENABLED=False \
	ANSIBLE_LOCAL_TEMP="$work/ansible-tmp" ANSIBLE_FORCE_COLOR=0 ANSIBLE_STDOUT_CALLBACK=default
hosts=""
i=1
while [ "$i" -le "$nhosts" ]; do hosts="$hosts web$i"; i=$((i + 1)); done

phase "ansible-lint (the collection)"
(cd "$src/ansible" && ansible-lint -q --nocolor --offline >"$work/lint.log" 2>&1) &&
	ok "ansible-lint clean" || { cat "$work/lint.log"; fail "ansible-lint"; }

phase "packages"
if [ -n "${FLEET_DEBS:-}" ]; then
	echo "the packages built already in $FLEET_DEBS"
	rm -rf "$work/deb" && mkdir -p "$work/deb" && cp "$FLEET_DEBS"/*.deb "$work/deb/"
else
	DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS-nocheck} "$src/tests/debian/build-packages.sh" "$work/deb"
fi
# The controller's own credpolicy and credaudit, from the packages under
# test: credpolicy builds the index one host gets copied, credaudit merges.
rm -rf "$work/controller" && mkdir -p "$work/controller"
for p in credpolicy credaudit credpolicy-common; do dpkg-deb -x "$work/deb/${p}_"*.deb "$work/controller"; done
credaudit=${FLEET_CREDAUDIT:-$work/controller/usr/bin/credaudit}

phase "one debootstrap --variant=minbase bookworm root, with python3 for Ansible"
base=$work/base
roots="$roots $base"
rm -rf "$base"
debootstrap --variant=minbase bookworm "$base" "$mirror" >"$work/debootstrap.log" 2>&1 ||
	{ tail -30 "$work/debootstrap.log"; exit 1; }
root_prepare "$base"
chroot "$base" sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get -q update &&
	apt-get install -y -q --no-install-recommends python3 python3-apt && apt-get clean' \
	>"$work/base-apt.log" 2>&1 || { tail -30 "$work/base-apt.log"; exit 1; }
unmount_root "$base"

phase "$nhosts hosts (copies of the root), each with a credential and a second UID-0 account"
rm -rf "$work/hosts" "$results" && mkdir -p "$work/hosts"
random() { head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
: >"$work/canaries"
for h in $hosts; do
	r=$work/hosts/$h
	cp -a "$base" "$r"
	roots="$roots $r"
	root_prepare "$r"
	echo "$h" >"$r/etc/hostname"
	chroot "$r" useradd -m -s /bin/bash alice
	chroot "$r" useradd -o -u 0 -g 0 -M -d /root -s /bin/bash toor
	pgpass="Vq7-$(random)-pgpass"
	appini="Rk4-$(random)-appini"
	printf 'db.example.org:5432:*:app:%s\n' "$pgpass" >"$r/home/alice/.pgpass"
	chroot "$r" chown alice:alice /home/alice/.pgpass
	chmod 600 "$r/home/alice/.pgpass"
	mkdir -p "$r/srv/app"
	printf '[database]\nhost = db.example.org\npassword = %s\n' "$appini" >"$r/srv/app/app.ini"
	printf '%s\n%s\n' "$pgpass" "$appini" >>"$work/canaries"
done
rm -rf "$base"
roots=$(echo "$roots" | sed "s|$base||")

phase "a signed flat apt repository on 127.0.0.1, and the settings the hosts get"
mkdir -p "$work/repo" "$work/gnupg" "$work/files/hooks"
chmod 700 "$work/gnupg"
for d in "$work/deb"/*.deb; do
	case $d in *-dbgsym_*) ;; *) cp "$d" "$work/repo/" ;; esac
done
(
	cd "$work/repo"
	dpkg-scanpackages --multiversion . >Packages 2>/dev/null
	gzip -9 -k -f Packages
	{
		echo "Date: $(LC_ALL=C date -u '+%a, %d %b %Y %H:%M:%S UTC')"
		echo "SHA256:"
		for f in Packages Packages.gz; do
			echo " $(sha256sum "$f" | cut -d' ' -f1) $(wc -c <"$f") $f"
		done
	} >Release
	export GNUPGHOME="$work/gnupg"
	gpg -q --batch --passphrase '' --quick-gen-key 'credpolicy fleet test <repo@example.invalid>' ed25519 sign never
	gpg -q --batch --clearsign -o InRelease Release
	gpg -q --batch --export >"$work/files/repo-key.gpg"
) 2>"$work/gpg.log" || { cat "$work/gpg.log"; exit 1; }
rm -f "$work/repo.port"
python3 - "$work/repo" "$work/repo.port" >"$work/repo-server.log" 2>&1 <<'EOT' &
import functools, http.server, sys
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
with open(sys.argv[2], "w") as f:
    f.write(str(server.server_port))
server.serve_forever()
EOT
server_pid=$!
n=0
while [ ! -s "$work/repo.port" ] && [ "$n" -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ -s "$work/repo.port" ] || { cat "$work/repo-server.log"; echo "the repository server did not start" >&2; exit 1; }
repo_port=$(cat "$work/repo.port")
# A loopback port nothing listens on: the "down" host's ssh port.
closed_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The site's policy drop-in, a leak hook, and an index for the host that
# gets it copied, built on the controller with the packaged credpolicy.
printf '# fleet test: a site policy\nminlen = 14\n' >"$work/files/50-fleet.conf"
printf '#!/bin/sh\nlogger -t fleet-hook "leak event"\n' >"$work/files/hooks/10-fleet-log"
# A hook holding a token (credpolicy_hooks_private): its content must never
# show in the playbook's output, --diff included.
hook_token='Fleet-Hook-Token-5b1e9'
printf '#!/bin/sh\nTOKEN=%s\n' "$hook_token" >"$work/files/hooks/20-fleet-notify"
printf 'Fleet-Index-Only-1\nFleet-Index-Only-2\n' >"$work/files/index.lst"
"$work/controller/usr/bin/credpolicy" breach build -q -o "$work/files/breach.idx" "$work/files/index.lst"

inv=$work/inventory.yml
{
	cat <<-INV
	all:
	  vars:
	    ansible_python_interpreter: /usr/bin/python3
	    credpolicy_deb_dir: $work/deb
	    credpolicy_conf_d: [$work/files/50-fleet.conf]
	    credpolicy_hooks: [$work/files/hooks/10-fleet-log]
	    credpolicy_hooks_private: [$work/files/hooks/20-fleet-notify]
	    credpolicy_results_dir: $results
	    credpolicy_fleet_credaudit: $credaudit
	    credpolicy_audit_jobs: 1
	    credpolicy_audit_time_limit: 900
	    credpolicy_audit_poll: 1
	  children:
	    fleet:
	      vars:
	        ansible_connection: community.general.chroot
	        ansible_become: false
	      hosts:
	INV
	for h in $hosts; do
		echo "        $h:"
		echo "          ansible_host: $work/hosts/$h"
		case $h in
		web1)
			echo "          credpolicy_breach_index: copy"
			echo "          credpolicy_breach_index_src: $work/files/breach.idx"
			echo "          credpolicy_pam_profiles: [credpolicy]"
			;;
		web2)
			echo "          credpolicy_install_source: repository"
			echo "          credpolicy_repo_uri: http://127.0.0.1:$repo_port/"
			echo "          credpolicy_repo_key: $work/files/repo-key.gpg"
			;;
		esac
	done
	cat <<-INV
	    lost:
	      hosts:
	        gone:
	          ansible_connection: community.general.chroot
	          ansible_host: $work/hosts/gone
	        down:
	          ansible_connection: ssh
	          ansible_host: 127.0.0.1
	          ansible_port: $closed_port
	          ansible_user: root
	INV
} >"$inv"

forks=$((nhosts + 2))
playbook() { # log name, then ansible-playbook arguments
	log=$work/$1.log
	shift
	ansible-playbook -i "$inv" -f "$forks" "$@" >"$log" 2>&1
}
recap_field() { # log, host, field: a count of the host's line in the play recap
	awk -v h="$2" -v f="$3=" '$1 == h && $2 == ":" { for (i = 3; i <= NF; i++) if (index($i, f) == 1) { sub(f, "", $i); print $i } }' "$1" | tail -1
}
recap() { recap_field "$1" "$2" changed; }
in_host() { # host, command...: run a command in the host's root
	h=$1
	shift
	chroot "$work/hosts/$h" "$@"
}

phase "install playbook --check --diff on the fresh hosts: says what it would do, does nothing"
playbook check-fresh credpolicy.fleet.install -e credpolicy_hosts=fleet --check --diff ||
	{ tail -60 "$work/check-fresh.log"; fail "--check --diff on fresh hosts failed"; }
for h in $hosts; do
	c=$(recap "$work/check-fresh.log" "$h")
	[ "${c:-0}" -gt 0 ] && ok "$h: check mode on a fresh host reports changed=$c" ||
		fail "$h: check mode on a fresh host reports no change"
	in_host "$h" dpkg-query -W credaudit >/dev/null 2>&1 && fail "$h: check mode installed packages" ||
		ok "$h: check mode installed nothing"
done
grep -q '"msg": "credaudit [0-9][^ ]* (installed: none)"' "$work/check-fresh.log" &&
	grep -q '"msg": "libpam-credpolicy, credpolicy, credaudit from http://127.0.0.1' "$work/check-fresh.log" &&
	ok "check mode names the packages it would install" || fail "check mode does not name the packages"
grep -q -F "$hook_token" "$work/check-fresh.log" && fail "--diff shows the content of a hook holding a token" ||
	ok "--diff does not show a private hook's content"

phase "install playbook, first run (forks $forks)"
playbook install1 credpolicy.fleet.install -e credpolicy_hosts=fleet ||
	{ tail -60 "$work/install1.log"; fail "first install run failed"; exit 1; }
for h in $hosts; do
	c=$(recap "$work/install1.log" "$h")
	[ "${c:-0}" -gt 0 ] && ok "$h: first run changed $c" || fail "$h: first run changed nothing"
done

phase "install playbook, second run: nothing may change"
playbook install2 credpolicy.fleet.install -e credpolicy_hosts=fleet ||
	{ tail -60 "$work/install2.log"; fail "second install run failed"; }
for h in $hosts; do
	c=$(recap "$work/install2.log" "$h")
	[ "$c" = 0 ] && ok "$h: second run changed=0" ||
		{ grep -B2 '^changed:' "$work/install2.log" | head -40; fail "$h: second run changed=${c:-?}"; }
done

logs=$(grep -l -F "$hook_token" "$work"/*.log 2>/dev/null || true)
[ -z "$logs" ] && ok "no playbook output holds the private hook's token" ||
	fail "the private hook's token is in $logs"

phase "what the install did on each host"
for h in $hosts; do
	for p in libpam-credpolicy credpolicy credaudit credpolicy-common; do
		[ "$(in_host "$h" dpkg-query -W -f '${db:Status-Abbrev}' "$p" 2>/dev/null)" = "ii " ] ||
			fail "$h: $p not installed"
	done
	st=$(stat -c '%U %a' "$work/hosts/$h/etc/security/credpolicy.conf.d/50-fleet.conf" 2>/dev/null || echo missing)
	[ "$st" = "root 644" ] && ok "$h: drop-in in place, root 0644" || fail "$h: drop-in is $st"
	st=$(stat -c '%U %a' "$work/hosts/$h/etc/credpolicy/hooks.d/10-fleet-log" 2>/dev/null || echo missing)
	[ "$st" = "root 755" ] && ok "$h: hook in place, root 0755" || fail "$h: hook is $st"
	st=$(stat -c '%U %a' "$work/hosts/$h/etc/credpolicy/hooks.d/20-fleet-notify" 2>/dev/null || echo missing)
	[ "$st" = "root 700" ] && ok "$h: private hook in place, root 0700" || fail "$h: private hook is $st"
	# The drop-in (minlen = 14) is the policy: 13 characters of all four classes are too short.
	out=$(printf '%s\n' 'Xk7#mQ2$vL9!p' | in_host "$h" credpolicy check 2>&1) && fail "$h: 13 characters accepted" ||
		{ echo "$out" | grep -q too_short && ok "$h: the site's minlen applies" || fail "$h: check said $out"; }
	[ -s "$work/hosts/$h/var/lib/credpolicy/breach.idx" ] || fail "$h: no breach index"
done
cmp -s "$work/files/breach.idx" "$work/hosts/web1/var/lib/credpolicy/breach.idx" &&
	ok "web1: the controller's index copied" || fail "web1: the index is not the controller's"
in_host web2 dpkg-query -W -f '${Status}\n' john-data 2>/dev/null | grep -q 'ok installed' &&
	ok "web2: index built on the host from john-data" || fail "web2: john-data not installed"
grep -q 'URIs: http://127.0.0.1' "$work/hosts/web2/etc/apt/sources.list.d/credpolicy.sources" &&
	in_host web2 apt-cache policy credaudit | grep -q "127.0.0.1:$repo_port" &&
	ok "web2: packages from the signed repository" || fail "web2: the repository source is not in use"
grep -q pam_credpolicy "$work/hosts/web1/etc/pam.d/common-password" &&
	ok "web1: profile credpolicy enabled (asked for)" || fail "web1: credpolicy profile not enabled"
grep -rq pam_credpolicy "$work/hosts/web3/etc/pam.d" &&
	fail "web3: a profile was enabled without being asked for" || ok "web3: nothing enabled (not asked for)"

phase "install playbook --check --diff after drift on web3"
# An admin's own hook, owned by a user and writable by all: the hook
# runner would refuse it; check mode must say so and change nothing.
drift=$work/hosts/web3/etc/credpolicy/hooks.d/99-local
printf '#!/bin/sh\nexit 0\n' >"$drift"
in_host web3 chown alice /etc/credpolicy/hooks.d/99-local
chmod 0777 "$drift"
alice=$(in_host web3 id -u alice)
playbook check credpolicy.fleet.install -e credpolicy_hosts=fleet --check --diff ||
	{ tail -60 "$work/check.log"; fail "--check --diff run failed"; }
for h in $hosts; do
	c=$(recap "$work/check.log" "$h")
	case $h in
	web3) [ "${c:-0}" -ge 1 ] && ok "web3: check mode reports the drift (changed=$c)" || fail "web3: check mode saw no drift" ;;
	*) [ "$c" = 0 ] && ok "$h: check mode changed=0" || fail "$h: check mode changed=${c:-?}" ;;
	esac
done
grep -q -F -- '-    "mode": "0777",' "$work/check.log" && grep -q -F -- '+    "mode": "0755",' "$work/check.log" &&
	ok "--diff shows the mode it would change" || fail "--diff does not show 99-local's mode"
[ "$(stat -c '%u %a' "$drift")" = "$alice 777" ] && ok "check mode changed nothing" || fail "check mode changed $drift"

phase "install playbook, third run: the drift is put right"
playbook install3 credpolicy.fleet.install -e credpolicy_hosts=fleet ||
	{ tail -60 "$work/install3.log"; fail "third install run failed"; }
[ "$(stat -c '%U %a' "$drift")" = "root 755" ] && ok "a run makes the hook root's, not writable by others" ||
	fail "$drift is $(stat -c '%U %a' "$drift") after the run"

phase "audit playbook on web1 alone (the time one host takes)"
ANSIBLE_CALLBACKS_ENABLED=ansible.posix.profile_tasks ansible-playbook -i "$inv" credpolicy.fleet.audit \
	-l web1 -e credpolicy_results_dir="$work/results-one" >"$work/audit-one.log" 2>&1 ||
	{ tail -60 "$work/audit-one.log"; fail "audit of web1 alone failed"; }
sed -n 's/^credpolicy\.fleet\.audit : \(.*(credaudit [a-z]*)\) -* \([0-9.]*s\)$/   \2  \1/p' "$work/audit-one.log"
one=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["duration_s"])' \
	"$work/results-one/web1/host-status.json" 2>/dev/null || echo none)
echo "   web1 alone: $one s from its first task to its status"
rm -rf "$work/results-one"

phase "audit playbook on every inventory host (forks $forks)"
playbook audit credpolicy.fleet.audit ||
	{ tail -60 "$work/audit.log"; fail "audit run failed"; }
for h in $hosts; do
	[ "$(recap_field "$work/audit.log" "$h" failed)" = 0 ] || fail "$h: the audit play failed"
done

phase "the per-host results"
status_of() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["status"])' "$results/$1/host-status.json" 2>/dev/null || echo none; }
for h in $hosts gone down; do
	case $h in gone) want=failed ;; down) want=unreachable ;; *) want=ok ;; esac
	got=$(status_of "$h")
	[ "$got" = "$want" ] && ok "$h: host-status.json says $got" || fail "$h: status $got, not $want"
done
python3 - "$results" $hosts <<'EOT' || fail "per-host results"
import json, os, sys
results, hosts = sys.argv[1], sys.argv[2:]
bad = 0
for h in hosts:
    d = os.path.join(results, h)
    files = sorted(os.listdir(d))
    if files != ["accounts.json", "host-status.json", "report.json", "scan.json"]:
        print(f"FAIL: {h}: fetched {files}"); bad += 1
    findings = [json.loads(l) for l in open(os.path.join(d, "scan.json")) if l.strip()]
    paths = {f.get("path") for f in findings if "rule" in f}
    for want in ("/home/alice/.pgpass", "/srv/app/app.ini"):
        if want not in paths:
            print(f"FAIL: {h}: scan.json has no finding in {want} (paths: {sorted(paths)[:10]})"); bad += 1
    accounts = [json.loads(l) for l in open(os.path.join(d, "accounts.json")) if l.strip()]
    toor = [a for a in accounts if a.get("account") == "toor"]
    if not toor or toor[0].get("uid") != 0 or "uid0_not_root" not in toor[0].get("reasons", []):
        print(f"FAIL: {h}: accounts.json has no UID-0 alias toor ({toor})"); bad += 1
    report = json.load(open(os.path.join(d, "report.json")))
    status = json.load(open(os.path.join(d, "host-status.json")))
    print(f"ok: {h}: {len(paths)} paths with findings, {len(accounts)} account lines, "
          f"report keys {len(report)}, audited in {status['duration_s']} s")
sys.exit(1 if bad else 0)
EOT
# Nothing secret came off a host: no planted secret in anything fetched or
# merged, no key or index among the files.
if grep -r -F -f "$work/canaries" "$results" >/dev/null; then
	fail "a planted secret is in the results: $(grep -r -l -F -f "$work/canaries" "$results" | head -3)"
else
	ok "no planted secret in $(find "$results" -type f | wc -l) result files"
fi
find "$results" \( -name '*.key' -o -name '*.idx' \) | grep -q . && fail "a key or index was fetched" ||
	ok "no fingerprint key or index fetched"
for h in $hosts; do
	ls -d "$work/hosts/$h/var/tmp/credaudit."* >/dev/null 2>&1 && fail "$h: the working directory was left" ||
		ok "$h: working directory removed"
	[ -s "$work/hosts/$h/var/lib/credpolicy/fingerprint.key" ] || fail "$h: no fingerprint key on the host"
done

phase "the fleet report"
merged=$results/fleet.json
if "$credaudit" fleet-report --help >/dev/null 2>&1; then
	[ -s "$merged" ] && [ -s "$results/fleet.html" ] && ok "fleet.json and fleet.html written by the playbook" ||
		fail "the playbook wrote no fleet report"
	python3 - "$merged" $hosts <<'EOT' || fail "fleet.json"
import json, sys
report, hosts = json.load(open(sys.argv[1])), sys.argv[2:]
by = {h["host"]: h for h in report["hosts"]}
want = {h: "ok" for h in hosts}
want.update(gone="failed", down="unreachable")
bad = 0
for h, s in want.items():
    got = by.get(h, {}).get("status")
    if got != s:
        print(f"FAIL: fleet.json: {h} is {got}, not {s}"); bad += 1
for h in hosts:
    e = by.get(h, {})
    if not isinstance(e.get("findings"), int) or e["findings"] < 2:
        print(f"FAIL: fleet.json: {h} findings {e.get('findings')}, planted 2"); bad += 1
    if not isinstance(e.get("accounts"), int) or e["accounts"] < 1:
        print(f"FAIL: fleet.json: {h} accounts {e.get('accounts')}"); bad += 1
    print(f"ok: fleet.json: {h}: {e.get('status')}, {e.get('findings')} findings, {e.get('accounts')} accounts")
if "summary" not in report:
    print("FAIL: fleet.json has no summary"); bad += 1
sys.exit(1 if bad else 0)
EOT
	if [ -x /usr/bin/chromium ]; then
		timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-dev-shm-usage \
			--user-data-dir="$work/chromium" --dump-dom "file://$results/fleet.html" >"$work/fleet.dom" 2>/dev/null || true
		missing=""
		for h in $hosts gone down; do grep -q -F "$h" "$work/fleet.dom" || missing="$missing $h"; done
		[ -z "$missing" ] && ok "fleet.html renders in Chromium with every host" || fail "fleet.html lacks:$missing"
		rm -rf "$work/chromium"
	fi
else
	echo "SKIP: $credaudit has no fleet-report; the per-host results above were checked instead"
	merged=$results
fi

phase ""
echo
echo "phases:"
printf '%s' "$timings"
echo "audit time per host, alone: web1 $one s; all $((nhosts + 2)) hosts at once (host-status.json duration_s):"
for h in $hosts; do
	python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); print("  %s: %s s" % (s["host"], s["duration_s"]))' \
		"$results/$h/host-status.json" 2>/dev/null || true
done
echo "fleet test: $nok passed, $nfail failed"
[ "$nfail" -eq 0 ] || exit 1
echo "$merged"
