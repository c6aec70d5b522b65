# A fleet's audit results as the audit leaves them on the controller, one
# directory per host, made with the real credaudit on fixture roots
# (sourced by the fleet report tests, after tests/lib.sh and
# accounts_fixture.sh; needs CA and RULES). make_fleet DIR makes DIR/HOST:
#   web1  fixture root with a stored password; host-status.json names it
#         web1.example and says ok
#   web2  fixture root with a stored password and a confirmed leak (alice's
#         own password in her home); no host-status.json
#   db1   a root with root and nobody only: nothing to find
#   db2   unreachable: host-status.json alone, markup in its message
#   web3  web1's results with report.json cut short
#   web4  web2's results with scan.json missing its coverage line
# Neither FLEET_CANARY nor alice's password (Fixture-Pw1) may be copied
# into a fleet report.
FLEET_CANARY='Canary-Fleet-Pw#2718'
FLEET_ALICE_PW='Fixture-Pw1'

# audit_root ROOT DIR: what the audit runs on a host, its results in DIR.
audit_root() {
	mkdir -p "$2"
	"$CA" scan --rules "$RULES" --format json -o "$2/scan.json" "$1/etc" "$1/srv" "$1/home" \
		>/dev/null 2>>"$TMP/audit.err"
	"$CA" accounts --root "$1" --rules "$RULES" --hooks-dir "$TMP/nohooks" \
		--ledger "$1.leaks.jsonl" --format json >"$2/accounts.json" 2>>"$TMP/audit.err"
	"$CA" report --root "$1" --rules "$RULES" --hooks-dir "$TMP/nohooks" \
		--ledger "$1.leaks.jsonl" -o "$2/report.json" >/dev/null 2>>"$TMP/audit.err"
	[ -s "$2/scan.json" ] && [ -s "$2/accounts.json" ] && [ -s "$2/report.json" ] ||
		{ cat "$TMP/audit.err"; fail "the audit of $1 wrote nothing"; }
}

make_fleet() {
	fd=$1 fr="$TMP/roots"
	mkdir -p "$fd" "$fr"
	make_fixture_root "$fr/web1"
	printf 'password = %s\n' "$FLEET_CANARY" >"$fr/web1/srv/app.conf"
	audit_root "$fr/web1" "$fd/web1"
	printf '{"host":"web1.example","status":"ok","started":"2026-03-01T09:00:00+09:00","duration_s":4.25}\n' \
		>"$fd/web1/host-status.json"

	make_fixture_root "$fr/web2"
	printf '[db]\npassword = %s\n' "$FLEET_CANARY" >"$fr/web2/srv/app.conf"
	printf '[db]\npassword = %s\n' "$FLEET_ALICE_PW" >"$fr/web2/home/alice/app.ini"
	audit_root "$fr/web2" "$fd/web2"

	mkdir -p "$fr/db1/etc" "$fr/db1/srv" "$fr/db1/home"
	printf 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' \
		>"$fr/db1/etc/passwd"
	printf 'root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n' >"$fr/db1/etc/shadow"
	printf 'root:x:0:\n' >"$fr/db1/etc/group"
	audit_root "$fr/db1" "$fd/db1"

	mkdir -p "$fd/db2"
	printf '{"host":"db2","status":"unreachable","message":"ssh: connect to host 192.0.2.7 port 22: <script>alert(1)</script> timed out"}\n' \
		>"$fd/db2/host-status.json"

	mkdir -p "$fd/web3" "$fd/web4"
	cp "$fd/web1/scan.json" "$fd/web1/accounts.json" "$fd/web3/"
	head -c 900 "$fd/web1/report.json" >"$fd/web3/report.json"
	cp "$fd/web2/report.json" "$fd/web2/accounts.json" "$fd/web4/"
	sed '$d' "$fd/web2/scan.json" >"$fd/web4/scan.json"
}
