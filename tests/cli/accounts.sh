#!/bin/sh
# credaudit accounts on a fixture root with one account of each kind:
# class and reasons per account, credentials, actions, exit codes, and
# that nothing is read from outside the root.
. "$top_srcdir/tests/lib.sh"
[ -n "$TMP" ] && [ -d "$TMP" ] || { echo "ERROR: no temporary directory"; exit 99; }
. "$top_srcdir/tests/cli/accounts_fixture.sh"
CA="$top_builddir/credaudit"

make_fixture_root "$TMP/root"
"$CA" accounts --root "$TMP/root" --no-scan --format json >"$TMP/out.json" 2>"$TMP/err"
rc=$?
[ "$rc" = 1 ] || fail "exit status $rc, expected 1 (special accounts found)"

fixture_expected | while read -r name class reasons; do
	python3 - "$TMP/out.json" "$name" "$class" "$reasons" <<'EOT' || echo x >>"$TMP/bad"
import json, sys
path, name, cls, reasons = sys.argv[1:]
want = [] if reasons == "-" else reasons.split(",")
rows = [json.loads(l) for l in open(path)]
got = [r for r in rows if r["account"] == name]
if not got:
    sys.exit(print(f"FAIL: {name} missing") or 1)
r = got[0]
assert list(r) == ["account", "uid", "class", "reasons", "hash_scheme", "credentials", "action"], list(r)
if r["class"] != cls or r["reasons"] != want:
    print(f"FAIL: {name}: got {r['class']} {r['reasons']}, want {cls} {want}")
    sys.exit(1)
EOT
done
[ -e "$TMP/bad" ] && fail "classification differs (see above)"

j() { python3 -c "import json,sys
for l in open('$TMP/out.json'):
    r=json.loads(l)
    if r['account']=='$1': print($2)"; }
[ "$(j backup "r['hash_scheme']")" = yescrypt ] || fail "backup hash scheme"
[ "$(j oldhash "r['hash_scheme']")" = md5crypt ] || fail "oldhash scheme"
[ "$(j sha6 "r['hash_scheme']")" = sha512crypt ] || fail "sha6 scheme"
[ "$(j root "r['hash_scheme']")" = none ] || fail "root scheme"
j svc "[c['path'] for c in r['credentials']]" | grep -q "/etc/ssh/keys/svc" || fail "svc key via %u not found"
j deploy "[c['path'] for c in r['credentials']]" | grep -q "/srv/deploy_keys" || fail "Match block keys not read"
j alice "[c['path'] for c in r['credentials']]" | grep -q "/home/alice/.ssh/authorized_keys" ||
	fail "absolute symlink inside the root not followed within it"
j evil "r['credentials']" | grep -q authorized && fail "a link out of the root was followed"
j backup "r['action']" | grep -q "usermod -L backup" || fail "backup action"
j locked "r['action']" | grep -q "remove authorized keys (/home/locked/.ssh/authorized_keys)" || fail "locked action"
j svc "r['action']" | grep -q "sudo grant (/etc/sudoers.d/services:3)" || fail "sudo file:line"
grep -q 'README.ignored' "$TMP/out.json" && fail "sudoers.d file with a dot was read"
j cronsvc "r['action']" | grep -q "/etc/cron.d/syncjob:2" || fail "cron.d user field"
j unitsvc "r['action']" | grep -q "unitsvc.service" || fail "systemd User="
grep -q "group deployers has a password" "$TMP/err" || fail "gshadow group password not noted"
grep -q "Match User deploy" "$TMP/err" || fail "Match block not noted"

# Text output and its summary line; exit 0 when nothing is special.
"$CA" accounts --root "$TMP/root" --no-scan >"$TMP/out.txt" 2>/dev/null
grep -q '^21 accounts: 1 human, 2 system, 18 special$' "$TMP/out.txt" || fail "text summary: $(tail -1 "$TMP/out.txt")"
mkdir -p "$TMP/clean/etc"
echo 'root:x:0:0:root:/root:/bin/bash' >"$TMP/clean/etc/passwd"
echo 'root:*:19000:0:99999:7:::' >"$TMP/clean/etc/shadow"
"$CA" accounts --root "$TMP/clean" --no-scan >/dev/null 2>&1; rc=$?
[ "$rc" = 0 ] || fail "clean root: exit $rc, expected 0"
"$CA" accounts --root "$TMP/nonexistent" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || fail "missing root: exit $rc, expected 2"
"$CA" accounts --bogus >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || fail "bad option: exit $rc, expected 2"
"$CA" accounts --help | grep -q -- '--root' || fail "--help"
printf 'root:x:0:0:root:/root:/bin/bash\nbroken line\n' >"$TMP/clean/etc/passwd"
"$CA" accounts --root "$TMP/clean" --no-scan 2>&1 >/dev/null | grep -q '/etc/passwd:2: expected 7 fields' ||
	fail "malformed line not reported with file:line"
rm -rf "$TMP/root.outside"
finish
