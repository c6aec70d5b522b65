#!/bin/sh
# Confirmed leaks end to end: a fixture shadow holds yescrypt and
# sha512crypt hashes of two canary passwords, config files store them in
# clear. credaudit accounts must mark both findings confirmed and
# critical, flag the accounts, run the leak hook with a confirmed_leak
# event naming path:line, and write neither canary anywhere. A third
# canary sits in a config file inside a tar.gz in /var/backups: it must
# be confirmed too, under its archive!member path.
. "$top_srcdir/tests/lib.sh"
[ -n "$TMP" ] && [ -d "$TMP" ] || { echo "ERROR: no temporary directory"; exit 99; }
CA="$top_builddir/tests/bin/credaudit"
CANARY1='Canary-Leak-Pw#7731'
CANARY2='Canary-Sha-Pw#5512'
H1='$y$j9T$Q1w2E3r4T5y6U7i8O9p0A.$f01TOHJfMkp3L0113tIztT15OmKtR.ebw4Vy8R.HXR3'
H2='$6$CanarySalt123$viqy7ksAl5UoqFDVz1M9oX5eohQUIRzdonJogMLGsGYpYQ5qHhGbk5mPayPsAVlR8lXJcf9NFCt.kd7YzW/IW.'
CANARY3='Canary-Tar-Pw#4417'
H3='$6$CanaryTarSalt9$RqaP8uryKD8rbm/aOK5RweEymQ0oDGPIs4n40Mr6iu1ulJkl3BTIYKh5hC04dgeuRk.xrkBet7Qhb7ag6BQ3C.'

r="$TMP/root"
mkdir -p "$r/etc" "$r/srv/app" "$r/home/dbsvc" "$r/home/bob" "$r/var/backups" "$TMP/bk/etc/webapp"
today=$(( $(date +%s) / 86400 ))
cat >"$r/etc/passwd" <<'EOT'
root:x:0:0:root:/root:/bin/bash
appadmin:x:1020:1020::/home/appadmin:/bin/bash
dbsvc:x:1021:1021::/home/dbsvc:/bin/bash
bob:x:1022:1022::/home/bob:/bin/bash
webops:x:1023:1023::/home/webops:/bin/bash
EOT
cat >"$r/etc/shadow" <<EOT
root:*:$today:0:99999:7:::
appadmin:$H1:$today:0:90:7:::
dbsvc:$H2:$today:0:90:7:::
bob:$H2:$today:0:90:7:::
webops:$H3:$today:0:90:7:::
EOT
printf '[database]\nhost = db.example\npassword = %s\n' "$CANARY1" >"$r/srv/app/config.ini"
printf '# dump job\nexport DB_PASSWORD="%s"\n' "$CANARY2" >"$r/home/dbsvc/dump.env"
printf 'password = NotTheRightOne-99\n' >"$r/home/bob/notes.ini"
printf '[db]\nuser = web\npassword = %s\n' "$CANARY3" >"$TMP/bk/etc/webapp/db.conf"
tar -C "$TMP/bk" -czf "$r/var/backups/etc.tar.gz" etc || fail "cannot build the backup archive"

hooks="$TMP/hooks.d"
mkdir -p "$hooks"
chmod 0755 "$hooks"
cat >"$hooks/10-save" <<EOT
#!/bin/sh
cat >>"$TMP/events.json"
echo >>"$TMP/events.json"
EOT
chmod 0755 "$hooks/10-save"

"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$r" --rules "$top_srcdir/conf/rules" --hooks-dir "$hooks" --format json \
	>"$TMP/out.json" 2>"$TMP/err"
rc=$?
[ "$rc" = 1 ] || { cat "$TMP/err"; fail "exit $rc, expected 1"; }
python3 - "$TMP/out.json" <<'EOT' || fail "confirmed findings not reported as expected"
import json, sys
rows = {r["account"]: r for r in map(json.loads, open(sys.argv[1]))}
for name, path, line in (("appadmin", "/srv/app/config.ini", 3), ("dbsvc", "/home/dbsvc/dump.env", 2)):
    a = rows[name]
    assert "confirmed_leak" in a["reasons"], (name, a["reasons"])
    assert a["class"] == "human", a  # a human with a leak stays human (reasons say the leak)
    creds = [c for c in a["credentials"] if c.get("confirmed")]
    assert creds and creds[0]["path"] == path and creds[0]["line"] == line, (name, a["credentials"])
    assert creds[0]["secret"]["fingerprint"].startswith("hmac:")
    assert "change the password now" in a["action"], a["action"]
bob = rows["bob"]
assert "confirmed_leak" not in bob["reasons"], bob
assert any(c["path"] == "/home/bob/notes.ini" and not c["confirmed"] for c in bob["credentials"]), bob
assert "owns_credentials" in bob["reasons"]
web = rows["webops"]
assert "confirmed_leak" in web["reasons"], web["reasons"]
creds = [c for c in web["credentials"] if c.get("confirmed")]
assert creds and creds[0]["path"] == "/var/backups/etc.tar.gz!etc/webapp/db.conf", web["credentials"]
assert creds[0]["line"] == 3, creds[0]
EOT
grep -q 'confirmed leak' "$TMP/err" || fail "no confirmed-leak message on stderr"

if [ -s "$TMP/events.json" ]; then
	python3 - "$TMP/events.json" "$r" <<'EOT' || fail "hook events wrong"
import json, sys
evs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
got = sorted((e["event"], e["user"], e["source"], e["detail"]) for e in evs)
want = [("confirmed_leak", "appadmin", "credaudit", "/srv/app/config.ini:3"),
        ("confirmed_leak", "dbsvc", "credaudit", "/home/dbsvc/dump.env:2"),
        ("confirmed_leak", "webops", "credaudit", "/var/backups/etc.tar.gz!etc/webapp/db.conf:3")]
assert got == want, got
# Nothing was forced, and the events name the root of the other system.
for e in evs:
    assert e["action"] == "none" and e["forced"] is False and e["why_not_forced"], e
    assert e["root"] == sys.argv[2], e
EOT
	# The ledger holds the same three events, each with its hooks' results.
	python3 - "$TMP/leaks.jsonl" <<'EOT' || fail "ledger wrong"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
evs = [r for r in recs if r["type"] == "event" and r["source"] == "credaudit"]
assert sorted(e["user"] for e in evs) == ["appadmin", "dbsvc", "webops"], evs
ids = {r["id"] for r in recs if r["type"] == "hooks"}
assert all(e["id"] in ids for e in evs), recs
EOT
	assert_no_canary "$CANARY1" "$TMP/leaks.jsonl"
elif [ "$(id -u)" = 0 ]; then
	fail "hook received no event"
else
	grep -q 'refus\|owner' "$TMP/err" || fail "hook neither ran nor was refused"
fi

# The report carries the archive member's finding as confirmed, critical.
"$CA" report --ledger "$TMP/leaks.jsonl" --root "$r" --rules "$top_srcdir/conf/rules" --hooks-dir "$TMP/none" \
	-o "$TMP/report.json" >"$TMP/out4" 2>"$TMP/err4"
python3 - "$TMP/report.json" <<'EOT' || fail "archive member finding not confirmed in the report"
import json, sys
items = json.load(open(sys.argv[1]))["residual_credentials"]["items"]
f = [i for i in items if i["path"] == "/var/backups/etc.tar.gz!etc/webapp/db.conf"]
assert f and f[0]["confirmed"] and f[0]["severity"] == "critical" and f[0]["backup"], f
assert f[0]["account"] == "webops", f
EOT

# Text output too; a budget of one hash confirms at most one and says so.
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$r" --rules "$top_srcdir/conf/rules" --hooks-dir "$TMP/none" \
	>"$TMP/out.txt" 2>"$TMP/err2"
grep -q 'CONFIRMED' "$TMP/out.txt" || fail "text output does not show the confirmation"
"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$r" --rules "$top_srcdir/conf/rules" --hooks-dir "$TMP/none" --max-crypt 1 \
	--format json >"$TMP/out1.json" 2>"$TMP/err3"
grep -q 'hashing budget spent' "$TMP/err3" || fail "exhausted budget not reported"
[ "$(grep -c confirmed_leak "$TMP/out1.json")" -le 1 ] || fail "budget of 1 confirmed more than one"

assert_no_canary "$CANARY1" "$TMP/out.json" "$TMP/err" "$TMP/events.json" "$TMP/out.txt" "$TMP/err2" "$TMP/out1.json" "$TMP/err3"
assert_no_canary "$CANARY2" "$TMP/out.json" "$TMP/err" "$TMP/events.json" "$TMP/out.txt" "$TMP/err2" "$TMP/out1.json" "$TMP/err3"
assert_no_canary "$CANARY3" "$TMP/out.json" "$TMP/err" "$TMP/events.json" "$TMP/out.txt" "$TMP/err2" "$TMP/out1.json" "$TMP/err3" \
	"$TMP/report.json" "$TMP/out4" "$TMP/err4"
finish
