#!/bin/sh
# credaudit fleet-report on six hosts' results made with the real
# credaudit (tests/cli/fleet_fixture.sh): three audited, one unreachable,
# two with damaged files. The JSON validates against
# doc/fleet-report-schema.json; every host is listed with its status and,
# when it failed, a message naming the file and line; counts are those of
# the hosts' own files, a finding in both report.json and scan.json once;
# no stored password reaches the JSON, the HTML or the terminal; both
# files are 0600; the exit status is 0, 1 or 2 as documented.
. "$top_srcdir/tests/lib.sh"
[ -n "$TMP" ] && [ -d "$TMP" ] || { echo "ERROR: no temporary directory"; exit 99; }
. "$top_srcdir/tests/cli/accounts_fixture.sh"
CA="$top_builddir/tests/bin/credaudit"
RULES="$top_srcdir/conf/rules"
SCHEMA="$top_srcdir/doc/fleet-report-schema.json"
CHECK="$top_srcdir/tests/cli/check_schema.py"
. "$top_srcdir/tests/cli/fleet_fixture.sh"

F="$TMP/results"
make_fleet "$F"
umask 022

"$CA" fleet-report -o "$TMP/out/fleet.html" "$F"/* >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
[ "$rc" = 2 ] || fail "missing output directory: exit $rc, expected 2"
mkdir "$TMP/out"
"$CA" fleet-report -o "$TMP/out/fleet.html" "$F"/* >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
[ "$rc" = 1 ] || { cat "$TMP/stderr"; fail "exit $rc, expected 1 (findings, hosts not audited)"; }
J="$TMP/out/fleet.json"
H="$TMP/out/fleet.html"
[ -s "$J" ] && [ -s "$H" ] || { fail "fleet.json and fleet.html not both written"; finish; }
for f in "$J" "$H"; do
	[ "$(stat -c %a "$f")" = 600 ] || fail "$f has mode $(stat -c %a "$f") under umask 022, expected 600"
done
ls "$TMP/out" | grep -q -v '^fleet\.\(json\|html\)$' && fail "temporary files left behind: $(ls "$TMP/out")"
python3 "$CHECK" "$SCHEMA" "$J" || fail "JSON does not validate against the schema"
CHECK_SCHEMA_BUILTIN=1 python3 "$CHECK" "$SCHEMA" "$J" || fail "built-in schema check fails"
sum=$(sha256sum "$J" | cut -d' ' -f1)
grep -q "$sum" "$H" || fail "HTML does not carry the JSON's SHA-256"
grep -q "$sum" "$TMP/stdout" || fail "stdout does not print the SHA-256"
grep -q 'Hosts: 6, audited 3, failed 2, unreachable 1' "$TMP/stdout" || fail "stdout: $(cat "$TMP/stdout")"
grep -qi '<script\|<link\|src=\|url(' "$H" && fail "HTML holds a script or refers to external assets"
grep -q -F '&lt;script&gt;alert(1)&lt;/script&gt;' "$H" || fail "the unreachable host's message is not escaped"
grep -q '@media print' "$H" || fail "HTML has no print style"
grep -q 'db2: unreachable: ssh: connect' "$TMP/stderr" || fail "stderr does not list the unreachable host"
grep -q 'web3: not audited: .*/web3/report.json:' "$TMP/stderr" || fail "stderr does not name web3's file"
grep -q 'web4: not audited: .*/web4/scan.json:' "$TMP/stderr" || fail "stderr does not name web4's file"
for c in "$FLEET_CANARY" "$FLEET_ALICE_PW"; do
	assert_no_canary "$c" "$J" "$H" "$TMP/stdout" "$TMP/stderr"
done

python3 - "$J" "$F" <<'EOT' || fail "fleet report content"
import collections, json, os, sys
d = json.load(open(sys.argv[1]))
fleet = sys.argv[2]
hosts = {h["host"]: h for h in d["hosts"]}
assert [h["host"] for h in d["hosts"]] == sorted(hosts), "hosts are not in name order"
assert sorted(hosts) == ["db1", "db2", "web1.example", "web2", "web3", "web4"], sorted(hosts)
status = {n: h["status"] for n, h in hosts.items()}
assert status == {"db1": "ok", "db2": "unreachable", "web1.example": "ok", "web2": "ok",
                  "web3": "failed", "web4": "failed"}, status

def key(f, root):
    p, r = f["path"], (root or "").rstrip("/")
    if r and p.startswith(r + "/"):
        p = p[len(r):]
    return (f["rule"], p, f["offset"], f["secret"]["fingerprint"])

deduped = 0
for name, dirname in (("web1.example", "web1"), ("web2", "web2"), ("db1", "db1")):
    h, src = hosts[name], os.path.join(fleet, dirname)
    assert h["dir"].endswith("/" + dirname), h["dir"]
    rep = json.load(open(os.path.join(src, "report.json")))
    scan = [json.loads(l) for l in open(os.path.join(src, "scan.json"))]
    acc = [json.loads(l) for l in open(os.path.join(src, "accounts.json"))]
    items, found = rep["residual_credentials"]["items"], [x for x in scan if "rule" in x]
    seen = {key(i, None) for i in items}
    union = items + [x for x in found if key(x, rep["scope"]["root"]) not in seen]
    deduped += len(items) + len(found) - len(union)
    assert h["findings"] == len(union), (name, h["findings"], len(union))
    assert h["scan_findings"] == len(found), (name, h["scan_findings"], len(found))
    sev = collections.Counter(x["severity"] for x in union)
    assert h["findings_by_severity"] == {s: sev[s] for s in ("critical", "high", "medium", "low", "info")}, (name, h["findings_by_severity"], sev)
    cl = collections.Counter(c for x in union for c in x["clause"].split())
    assert h["findings_by_clause"] == dict(cl), (name, h["findings_by_clause"], cl)
    assert h["residual_credentials"] == rep["residual_credentials"]["summary"]
    assert h["accounts"] == len(acc), (name, h["accounts"], len(acc))
    cls = collections.Counter(a["class"] for a in acc)
    assert h["accounts_by_class"] == {c: cls[c] for c in ("human", "system", "special")}
    special = {a["account"]: a for a in acc if a["class"] == "special"}
    assert {s["account"] for s in h["special_accounts"]} == set(special), name
    for s in h["special_accounts"]:
        assert s["reasons"] == special[s["account"]]["reasons"], s
        assert s["uid"] == special[s["account"]]["uid"] and s["credentials"] == len(special[s["account"]]["credentials"])
    assert h["verdicts"] == [{k: v[k] for k in ("clause", "verdict", "reasons")} for v in rep["verdicts"]], name
    assert h["hostname"] == rep["host"]["hostname"] and h["report_generated"] == rep["generated"]
    assert h["complete"] is True and h["message"] is None, h
assert deduped >= 2, "no finding was in both report.json and scan.json: the test proves nothing"

w1, w2, db1 = hosts["web1.example"], hosts["web2"], hosts["db1"]
assert w1["started"] == "2026-03-01T09:00:00+09:00" and w1["duration_s"] == 4.25, w1
assert w2["started"] is None and w2["duration_s"] is None
assert {s["account"] for s in w1["special_accounts"]} >= {"backup", "toor", "svc", "deploy"}
toor = [s for s in w1["special_accounts"] if s["account"] == "toor"][0]
assert "uid0_not_root" in toor["reasons"], toor
assert w1["confirmed_leaks"] == [], w1["confirmed_leaks"]
leaks = w2["confirmed_leaks"]
assert len(leaks) == 1 and leaks[0]["account"] == "alice" and leaks[0]["path"] == "/home/alice/app.ini", leaks
assert leaks[0]["secret"]["fingerprint"].startswith("hmac:") and "***" in leaks[0]["secret"]["redacted"], leaks
assert leaks[0]["severity"] == "critical" and leaks[0]["confirmed"] is True and leaks[0]["line"] == 2, leaks
# The confirmed leak was recorded in web2's ledger (by accounts and again
# by report) and is still open (3(1)④): the fleet report carries the count.
assert w2["open_leaks"] == 2 and w2["oldest_open_leak"], w2
assert w1["open_leaks"] == 0 and w1["oldest_open_leak"] is None, w1
assert db1["findings"] == 0 and db1["special_accounts"] == [] and db1["accounts"] == 2, db1
assert [v["verdict"] for v in db1["verdicts"]] == ["pass"] * 3, db1["verdicts"]

for name in ("db2", "web3", "web4"):
    h = hosts[name]
    for k in ("findings", "accounts", "findings_by_severity", "findings_by_clause", "residual_credentials", "complete", "hostname"):
        assert h[k] is None, (name, k, h[k])
    assert h["special_accounts"] == [] and h["confirmed_leaks"] == [] and h["verdicts"] == [], name
    assert h["open_leaks"] is None, (name, h["open_leaks"])
assert "192.0.2.7" in hosts["db2"]["message"], hosts["db2"]
m3, m4 = hosts["web3"]["message"], hosts["web4"]["message"]
assert "/web3/report.json:" in m3 and "truncated" in m3, m3
assert "/web4/scan.json" in m4 and "coverage" in m4, m4

s = d["summary"]
ok = [h for h in d["hosts"] if h["status"] == "ok"]
assert s["hosts"] == {"total": 6, "audited": 3, "failed": 2, "unreachable": 1}, s["hosts"]
assert s["findings"]["total"] == sum(h["findings"] for h in ok)
for k in ("critical", "high", "medium", "low", "info"):
    assert s["findings"]["by_severity"][k] == sum(h["findings_by_severity"][k] for h in ok), k
clauses = collections.Counter()
for h in ok:
    clauses.update(h["findings_by_clause"])
assert s["findings"]["by_clause"] == dict(clauses), (s["findings"]["by_clause"], clauses)
assert s["hosts_with_findings"] == 2 and s["confirmed_leaks"] == 1 and s["incomplete_hosts"] == 0, s
assert s["open_leaks"] == sum(h["open_leaks"] for h in ok) == 2 and s["hosts_with_open_leaks"] == 1, s
assert s["accounts"]["total"] == sum(h["accounts"] for h in ok)
assert s["accounts"]["special"] == sum(h["accounts_by_class"]["special"] for h in ok)
assert s["residual_credentials"]["total"] == sum(h["residual_credentials"]["total"] for h in ok)
for clause in ("4(1)", "4(3)", "4(4)"):
    got = collections.Counter(v["verdict"] for h in ok for v in h["verdicts"] if v["clause"] == clause)
    assert s["verdicts"][clause] == {k: got[k] for k in ("pass", "fail", "not_assessed")}, (clause, s["verdicts"])
assert s["verdicts"]["4(4)"]["fail"] == 2 and s["verdicts"]["4(4)"]["pass"] == 1, s["verdicts"]
EOT

# --strict: a host not audited is an error, and the report is still written.
rm -f "$J" "$H"
"$CA" fleet-report --strict -o "$J" -o "$H" "$F"/* >/dev/null 2>&1
rc=$?
[ "$rc" = 2 ] || fail "--strict with hosts not audited: exit $rc, expected 2"
[ -s "$J" ] && [ -s "$H" ] || fail "--strict did not write the report"

# A clean fleet exits 0; one finding makes it 1.
"$CA" fleet-report -o "$TMP/clean.json" "$F/db1" >/dev/null 2>&1
rc=$?
[ "$rc" = 0 ] || fail "a clean host: exit $rc, expected 0"
[ -s "$TMP/clean.json" ] && [ ! -e "$TMP/clean.html" ] || fail "-o FILE.json alone wrote something else"
"$CA" fleet-report -o "$TMP/one.json" "$F/db1" "$F/web1" >/dev/null 2>&1
rc=$?
[ "$rc" = 1 ] || fail "a host with findings: exit $rc, expected 1"

# Errors: nothing written, exit 2.
"$CA" fleet-report -o "$TMP/none.json" "$F/db1" "$F/nosuchhost" >/dev/null 2>"$TMP/err"
rc=$?
[ "$rc" = 2 ] || fail "a HOSTDIR that does not exist: exit $rc, expected 2"
grep -q 'nosuchhost' "$TMP/err" || fail "the error does not name the directory: $(cat "$TMP/err")"
[ -e "$TMP/none.json" ] && fail "a report was written despite the error"
"$CA" fleet-report -o "$TMP/fleet.txt" "$F/db1" >/dev/null 2>&1
[ $? = 2 ] || fail "-o FILE.txt is not refused"
"$CA" fleet-report "$F/db1" >/dev/null 2>&1
[ $? = 2 ] || fail "no -o is not refused"
"$CA" fleet-report -o "$TMP/x.json" --max-file-size 0 "$F/db1" >/dev/null 2>&1
[ $? = 2 ] || fail "--max-file-size 0 is not refused"

# Hostile files: larger than the cap, a symbolic link, trailing data,
# an unknown status, binary bytes. Each host is listed as failed with a
# message naming its file; the others are unaffected.
mkdir -p "$TMP/h/link" "$TMP/h/trail" "$TMP/h/status" "$TMP/h/nul"
for d in link trail status nul; do cp "$F/db1"/*.json "$TMP/h/$d/"; done
ln -sf "$F/db1/report.json" "$TMP/h/link/report.json"
printf '{"x":1}\n' >>"$TMP/h/trail/report.json"
printf '{"status":"fine"}\n' >"$TMP/h/status/host-status.json"
printf '{"account":"root",\0}\n' >"$TMP/h/nul/accounts.json"
"$CA" fleet-report --max-file-size 4K -o "$TMP/hostile.json" "$TMP/h"/* "$F/web1" "$F/db1" >/dev/null 2>&1
python3 - "$TMP/hostile.json" <<'EOT' || fail "hostile host files"
import json, sys
d = json.load(open(sys.argv[1]))
h = {x["dir"].rsplit("/", 1)[1]: x for x in d["hosts"]}
def failed(name, *words):
    x = h[name]
    assert x["status"] == "failed", (name, x["status"])
    for w in words:
        assert w in x["message"], (name, w, x["message"])
failed("link", "/link/report.json", "symbolic link")
failed("trail", "/trail/report.json:", "offset")
failed("status", "/status/host-status.json", '"status"')
failed("nul", "/nul/accounts.json", "offset 18", "NUL")
failed("web1", "/web1/", "--max-file-size")
assert h["db1"]["status"] == "ok", h["db1"]
assert d["summary"]["hosts"] == {"total": 6, "audited": 1, "failed": 5, "unreachable": 0}, d["summary"]["hosts"]
EOT
finish
