#!/bin/sh
# credaudit accounts on a fixture root with one account of each kind:
# class and reasons per account, credentials, actions, exit codes, and
# that nothing is read from outside the root.
. "$top_srcdir/tests/lib.sh"
[ -n "$TMP" ] && [ -d "$TMP" ] || { echo "ERROR: no temporary directory"; exit 99; }
. "$top_srcdir/tests/cli/accounts_fixture.sh"
CA="$top_builddir/tests/bin/credaudit"

make_fixture_root "$TMP/root"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/root" --no-scan --format json >"$TMP/out.json" 2>"$TMP/err"
rc=$?
[ "$rc" = 1 ] || fail "exit status $rc, expected 1 (special accounts found)"

check_classes() { # accounts JSON, label
	rm -f "$TMP/bad"
	fixture_expected | while read -r name class reasons; do
		python3 - "$1" "$name" "$class" "$reasons" <<'EOT' || echo x >>"$TMP/bad"
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
	[ -e "$TMP/bad" ] && fail "$2: classification differs (see above)"
	return 0
}
check_classes "$TMP/out.json" "lastlog"

# The same logins recorded elsewhere instead of lastlog: wtmp (utmp
# records), and Debian 13's lastlog2 and wtmpdb databases.
LOGGED_IN="alice noexp oldhash sha6 cronsvc unitsvc inpasswd"
for src in wtmp lastlog2 wtmpdb; do
	cp -a "$TMP/root" "$TMP/root-$src" && rm "$TMP/root-$src/var/log/lastlog"
	mkdir -p "$TMP/root-$src/var/lib/lastlog" "$TMP/root-$src/var/lib/wtmpdb"
	python3 - "$TMP/root-$src" "$src" $LOGGED_IN <<'EOT' || fail "$src fixture"
import sqlite3, struct, sys, time
root, src, users = sys.argv[1], sys.argv[2], sys.argv[3:]
t = int(time.time()) - 3600
if src == "wtmp":   # struct utmp, 384 bytes; a boot record and a logout too
    def rec(kind, user):
        return struct.pack("<hhi32s4s32s256shhiii4i20s", kind, 0, 42, b"pts/0", b"ts/0",
                           user.encode(), b"192.0.2.1", 0, 0, 0, t, 0, 0, 0, 0, 0, b"")
    with open(root + "/var/log/wtmp", "wb") as f:
        f.write(rec(2, "reboot"))
        for u in users:
            f.write(rec(7, u))
            f.write(rec(8, ""))
        f.write(rec(7, "never")[:100])  # a partial record at the end: ignored
elif src == "lastlog2":
    db = sqlite3.connect(root + "/var/lib/lastlog/lastlog2.db")
    db.execute("CREATE TABLE Lastlog2(Name TEXT PRIMARY KEY, Time INTEGER, TTY TEXT, "
               "RemoteHost TEXT, Service TEXT)")
    db.executemany("INSERT INTO Lastlog2 VALUES (?, ?, 'pts/0', '192.0.2.1', 'sshd')",
                   [(u, t) for u in users] + [("never", 0)])
    db.commit()
else:
    db = sqlite3.connect(root + "/var/lib/wtmpdb/wtmp.db")
    db.execute("CREATE TABLE wtmp(ID INTEGER PRIMARY KEY, Type INTEGER, User TEXT NOT NULL, "
               "Login INTEGER, Logout INTEGER, TTY TEXT, RemoteHost TEXT, Service TEXT)")
    db.execute("INSERT INTO wtmp (Type, User, Login) VALUES (1, 'reboot', ?)", (t * 10**6,))
    db.executemany("INSERT INTO wtmp (Type, User, Login, TTY) VALUES (3, ?, ?, 'pts/0')",
                   [(u, t * 10**6) for u in users])
    db.commit()
EOT
	"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/root-$src" --no-scan --format json >"$TMP/out-$src.json" 2>/dev/null
	check_classes "$TMP/out-$src.json" "$src"
done
# Without any record of logins, nobody is called never used.
cp -a "$TMP/root" "$TMP/root-none" && rm "$TMP/root-none/var/log/lastlog"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/root-none" --no-scan --format json >"$TMP/out-none.json" 2>/dev/null
grep -q never_used "$TMP/out-none.json" && fail "never_used without any login records"
ok "logins read from lastlog, wtmp, lastlog2 and wtmpdb"

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
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/root" --no-scan >"$TMP/out.txt" 2>/dev/null
grep -q '^21 accounts: 10 human, 3 system, 8 special$' "$TMP/out.txt" || fail "text summary: $(tail -1 "$TMP/out.txt")"
mkdir -p "$TMP/clean/etc"
echo 'root:x:0:0:root:/root:/bin/bash' >"$TMP/clean/etc/passwd"
echo 'root:*:19000:0:99999:7:::' >"$TMP/clean/etc/shadow"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/clean" --no-scan >/dev/null 2>&1; rc=$?
[ "$rc" = 0 ] || fail "clean root: exit $rc, expected 0"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/nonexistent" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || fail "missing root: exit $rc, expected 2"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --bogus >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || fail "bad option: exit $rc, expected 2"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --help | grep -q -- '--root' || fail "--help"
printf 'root:x:0:0:root:/root:/bin/bash\nbroken line\n' >"$TMP/clean/etc/passwd"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/clean" --no-scan >"$TMP/broken.txt" 2>/dev/null; rc=$?
grep -q '^/etc/passwd:2: ignored_line: UID missing' "$TMP/broken.txt" ||
	fail "malformed line not reported with file:line in the output"
[ "$rc" = 1 ] || fail "an ignored line: exit $rc, expected 1 (a finding)"

# Lines glibc reads as UID 0 accounts, however they are written: none is
# skipped, each is a UID-0 alias; a NIS compat line is a finding.
mkdir -p "$TMP/uid0/etc"
printf '%s\n' 'root:x:0:0:root:/root:/bin/bash' 'bd6:x:0:0::/root' \
	'bd7:x:0:0::/root:/bin/sh:' 'bd8:x:0:0::/root:/bin/sh:extra' 'bd9:x:+0:0::/root:/bin/sh' \
	'bd10:x: 0:0::/root:/bin/sh' '  bd11:x:0:0::/root:/bin/sh' '+nis::::::' >"$TMP/uid0/etc/passwd"
printf '%s\n' 'root:*:19000:0:99999:7:::' >"$TMP/uid0/etc/shadow"
for n in 6 7 8 9 10 11; do echo "bd$n:*:19000:0:99999:7:::"; done >>"$TMP/uid0/etc/shadow"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/uid0" --no-scan --format json >"$TMP/uid0.json" 2>/dev/null
python3 - "$TMP/uid0.json" <<'EOT' || fail "UID-0 spellings glibc accepts"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
acc = {r["account"]: r for r in rows if "account" in r}
for n in range(6, 12):
    r = acc.get(f"bd{n}")
    assert r and r["uid"] == 0 and "uid0_not_root" in r["reasons"], (n, r)
    assert r["class"] == "special", r
assert "nonstandard_entry" in acc["bd6"]["reasons"]
assert "nonstandard_entry" not in acc["bd11"]["reasons"]
f = [r for r in rows if r.get("finding") == "nis_compat_line"]
assert f and f[0]["path"] == "/etc/passwd" and f[0]["line"] == 8, f
EOT

# What could not be read makes the audit incomplete: exit 2, and the
# output says so (a directory where shadow should be cannot be read,
# even by root).
mkdir -p "$TMP/noshadow/etc/shadow"
echo 'root:x:0:0:root:/root:/bin/bash' >"$TMP/noshadow/etc/passwd"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/noshadow" --no-scan >"$TMP/noshadow.txt" 2>/dev/null; rc=$?
[ "$rc" = 2 ] || fail "unreadable shadow: exit $rc, expected 2"
grep -q '^/etc/shadow: unreadable_source' "$TMP/noshadow.txt" || fail "unreadable shadow not named"
grep -q 'AUDIT INCOMPLETE' "$TMP/noshadow.txt" || fail "incomplete audit not said"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/noshadow" --no-scan --format json >"$TMP/noshadow.json" 2>/dev/null
grep -q '"finding":"audit_incomplete","complete":false' "$TMP/noshadow.json" ||
	fail "incomplete audit not in the JSON"

# A million accounts: streamed, no limit error, every one in the output.
mkdir -p "$TMP/big/etc"
awk 'BEGIN { print "root:*:0:0:root:/root:/bin/bash";
	for (i = 1; i <= 1000000; i++) printf "u%d:*:%d:%d::/nonexistent:/usr/sbin/nologin\n", i, 100000 + i, 100000 + i }' \
	>"$TMP/big/etc/passwd"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/big" --no-scan --format json 2>"$TMP/big.err" | wc -l >"$TMP/big.n"; rc=$?
[ "$(cat "$TMP/big.n")" = 1000001 ] || fail "a million accounts: $(cat "$TMP/big.n") lines; $(head -3 "$TMP/big.err")"
rm -rf "$TMP/big"
rm -rf "$TMP/root.outside"
finish
