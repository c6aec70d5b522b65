#!/bin/sh
# credaudit scan outputs: JSON lines with exactly the design's fields, SARIF
# 2.1.0 with the required structure, text grouped by file (colour only on a
# terminal without NO_COLOR), baselines and inline credaudit:allow, exit
# codes, -o written atomically, the same output for any --jobs, and the
# canary secret in no output, no summary, no error message.
. "$top_srcdir/tests/lib.sh"
CA="$top_builddir/tests/bin/credaudit"
RULES="$top_srcdir/conf/rules"
CANARY='Canary-Out-9wQ4zJ'
scan() { timeout 60 "$CA" scan --rules "$RULES" "$@"; }

R="$TMP/root"; mkdir -p "$R/etc" "$R/home/u" "$R/clean"
printf '[db]\nuser = app\npassword = %s\n' "$CANARY" >"$R/etc/app.ini"
printf 'DB_PASSWORD="%s-2"\nAPI_PASSWORD=%s-3  # credaudit:allow\n' "$CANARY" "$CANARY" >"$R/home/u/.env"
# 32 credentials at medium or above, and the .env file itself at low (33)
printf 'password = ${DB_PASSWORD}\n' >"$R/clean/placeholder.conf"
i=0; while [ $i -lt 30 ]; do printf 'x = 1\npassword = %s-f%02d\n' "$CANARY" $i >"$R/etc/f$i.conf"; i=$((i + 1)); done

# Exit codes: 1 findings, 0 clean, 2 usage.
scan "$R/clean" >/dev/null 2>&1; rc=$?; [ $rc -eq 0 ] || fail "clean tree: exit $rc"
scan "$R" >/dev/null 2>&1; rc=$?; [ $rc -eq 1 ] || fail "findings: exit $rc"
scan >/dev/null 2>&1; rc=$?; [ $rc -eq 2 ] || fail "no PATH: exit $rc"
scan --format xml "$R" >/dev/null 2>&1; rc=$?; [ $rc -eq 2 ] || fail "bad format: exit $rc"
scan "$TMP/missing" >/dev/null 2>"$TMP/missing.err"; rc=$?; [ $rc -eq 2 ] || fail "missing PATH: exit $rc"
grep -q "$TMP/missing" "$TMP/missing.err" || fail "missing PATH not named"
"$CA" scan --rules "$TMP/norules" "$R" >/dev/null 2>&1; rc=$?; [ $rc -eq 2 ] || fail "missing rules: exit $rc"
"$CA" scan --help | grep -q -- '--baseline' || fail "--help"

# JSON lines: exactly the fields of the design; the coverage object last.
scan --format json "$R" >"$TMP/out.json" 2>"$TMP/json.err"
python3 - "$TMP/out.json" <<'PY' || fail "JSON lines do not match the design"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
objs = [json.loads(l) for l in lines]
keys = {"rule", "category", "clause", "severity", "path", "line", "offset", "account",
        "confirmed", "recoverable", "context", "weak", "description", "note", "secret"}
finds, cov = objs[:-1], objs[-1]
assert set(cov) == {"coverage"}, cov
assert cov["coverage"]["findings"] == len(finds) == 33, (len(finds), cov)
assert cov["coverage"]["suppressed_inline"] == 1, cov
for o in finds:
    assert set(o) == keys, sorted(o)
    assert set(o["secret"]) == {"redacted", "fingerprint"}
    assert o["secret"]["fingerprint"].startswith("hmac:")
    assert isinstance(o["line"], int) and isinstance(o["offset"], int)
    assert o["context"] in ("config", "code", "doc", "store", "device", "binary", "test"), o["context"]
    assert isinstance(o["weak"], bool)
    assert o["clause"] and o["severity"] in ("info", "low", "medium", "high", "critical")
# grouped and sorted: paths in walk order
paths = [o["path"] for o in finds]
assert paths == sorted(paths, key=lambda p: p.split("/")), paths
PY
ok "JSON lines"

# A reversible encoding says so in JSON too: recoverable, with the decoder's note.
mkdir -p "$TMP/router"
printf 'hostname r1\nusername admin password 7 0822455D0A16\n' >"$TMP/router/r1.cfg"
scan --format json "$TMP/router" >"$TMP/router.json"
python3 - "$TMP/router.json" <<'PY' || fail "JSON lacks recoverable/note for Cisco type 7"
import json, sys
finds = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()][:-1]
t7 = [o for o in finds if o["rule"] == "cisco-type7"]
assert len(t7) == 1, finds
assert t7[0]["recoverable"] is True and "recoverable" in t7[0]["note"], t7
assert t7[0]["description"], t7
assert "cisco" not in json.dumps(finds).replace("cisco-type7", "").lower().replace("cisco type", ""), finds
PY

# The same output for any number of threads.
scan --format json --jobs 1 "$R" >"$TMP/j1.json"
scan --format json --jobs 4 "$R" >"$TMP/j4.json"
cmp -s "$TMP/j1.json" "$TMP/j4.json" || fail "--jobs 1 and --jobs 4 differ"

# SARIF 2.1.0: the structure code-scanning tools need.
scan --format sarif "$R" >"$TMP/out.sarif"; rc=$?
[ $rc -eq 1 ] || fail "sarif: exit $rc"
python3 - "$TMP/out.sarif" <<'PY' || fail "SARIF structure"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["version"] == "2.1.0" and "sarif-2.1.0" in s["$schema"]
run, = s["runs"]
drv = run["tool"]["driver"]
assert drv["name"] == "credaudit" and drv["rules"]
ids = [r["id"] for r in drv["rules"]]
for r in drv["rules"]:
    assert r["properties"]["clause"] and r["shortDescription"]["text"]
assert len(run["results"]) == 33
for r in run["results"]:
    assert r["ruleId"] == ids[r["ruleIndex"]]
    assert r["level"] in ("error", "warning", "note") and r["message"]["text"]
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].startswith("file:///")
    assert loc["region"]["startLine"] >= 1 and loc["region"]["byteOffset"] >= 0
    assert r["partialFingerprints"]["credauditSecret/v1"].startswith("hmac:")
    assert r["properties"]["clause"]
assert run["properties"]["coverage"]["files"] >= 33
PY
ok "SARIF"

# Text: grouped by file, no colour when not a terminal; colour on one,
# unless NO_COLOR.
scan "$R" >"$TMP/out.txt" 2>"$TMP/txt.err"
[ "$(grep -c '^/' "$TMP/out.txt")" = 32 ] || fail "text: want 32 file headers: $(head "$TMP/out.txt")"
grep -q "$(printf '\033')" "$TMP/out.txt" && fail "colour written to a pipe"
grep -q 'finding(s) in' "$TMP/txt.err" || fail "no coverage summary on stderr"
grep -q 'finding(s) in' "$TMP/out.txt" && fail "coverage summary on stdout"
if command -v script >/dev/null; then
	script -qec "'$CA' scan --rules '$RULES' '$R/etc/app.ini'" "$TMP/tty.txt" >/dev/null 2>&1
	grep -q "$(printf '\033')\[" "$TMP/tty.txt" || fail "no colour on a terminal"
	NO_COLOR=1 script -qec "'$CA' scan --rules '$RULES' '$R/etc/app.ini'" "$TMP/tty2.txt" >/dev/null 2>&1
	grep -q "$(printf '\033')\[3" "$TMP/tty2.txt" && fail "colour despite NO_COLOR"
fi
ok "text"

# -o FILE: written whole; an unwritable target leaves nothing behind.
scan --format json -o "$TMP/o.json" "$R"; rc=$?
[ $rc -eq 1 ] && cmp -s "$TMP/o.json" "$TMP/out.json" || fail "-o output differs from stdout"
scan -o "$TMP/nodir/o.json" "$R" 2>/dev/null; rc=$?
[ $rc -eq 2 ] || fail "-o into a missing directory: exit $rc"
ls "$TMP" | grep -q 'o.json.' && fail "temporary output left behind"

# Baselines: accept everything found now; the next scan is clean; a new
# secret is still reported; a path-less entry matches anywhere.
scan --format json --write-baseline "$TMP/base.jsonl" "$R" >/dev/null; rc=$?
[ $rc -eq 1 ] || fail "--write-baseline: exit $rc"
[ "$(wc -l <"$TMP/base.jsonl")" = 33 ] || fail "baseline has $(wc -l <"$TMP/base.jsonl") lines, want 33"
scan --baseline "$TMP/base.jsonl" "$R" >/dev/null 2>"$TMP/bl.err"; rc=$?
[ $rc -eq 0 ] || fail "baselined tree: exit $rc"
grep -q '33 by the baseline' "$TMP/bl.err" || fail "suppressed count not shown: $(cat "$TMP/bl.err")"
printf 'password = %s-new\n' "$CANARY" >"$R/etc/new.conf"
scan --format json --baseline "$TMP/base.jsonl" "$R" >"$TMP/new.json"; rc=$?
[ $rc -eq 1 ] && [ "$(grep -c '"rule"' "$TMP/new.json")" = 1 ] && grep -q 'new.conf' "$TMP/new.json" ||
	fail "a new secret was suppressed by the baseline"
# The same secret copied to another file is a new exposure (key has the path)...
cp "$R/etc/app.ini" "$R/home/copy.ini"
scan --format json --baseline "$TMP/base.jsonl" "$R/home" >"$TMP/copy.json"; rc=$?
[ $rc -eq 1 ] || fail "a known secret in a new file was suppressed"
# ...unless the entry has no path.
grep app.ini "$TMP/base.jsonl" | python3 -c 'import json,sys; o=json.loads(sys.stdin.read()); del o["path"]; print(json.dumps(o))' >"$TMP/anywhere.jsonl"
grep -v app.ini "$TMP/base.jsonl" >>"$TMP/anywhere.jsonl"
scan --baseline "$TMP/anywhere.jsonl" "$R/home" >/dev/null 2>&1; rc=$?
[ $rc -eq 0 ] || fail "a path-less baseline entry did not match: exit $rc"
rm "$R/etc/new.conf" "$R/home/copy.ini"
# A broken baseline is an error naming file and line.
printf '{"rule":"x","secret":{"fingerprint":"hmac:00000000000000000000000000000000"}}\nnot json\n' >"$TMP/bad.jsonl"
scan --baseline "$TMP/bad.jsonl" "$R" >/dev/null 2>"$TMP/bad.err"; rc=$?
[ $rc -eq 2 ] || fail "broken baseline: exit $rc"
grep -q 'bad.jsonl:2' "$TMP/bad.err" || fail "baseline error lacks file:line: $(cat "$TMP/bad.err")"
ok "baselines"

# Grading: a weak value is a finding, raised to critical; documentation and
# commented-out lines keep theirs at low, shown by text only with --all,
# always carried by JSON; the exit status follows what is shown.
G="$TMP/grade"; mkdir -p "$G/weak" "$G/doc"
printf 'password = changeme\n' >"$G/weak/app.conf"
printf 'Set `password = %s-doc` in app.conf\n' "$CANARY" >"$G/doc/README.md"
printf '# password = %s-commented\n' "$CANARY" >"$G/doc/app.conf"
scan --format json "$G/weak" >"$TMP/weak.json"; rc=$?
[ $rc -eq 1 ] || fail "weak value: exit $rc, want 1"
grep -q '"severity":"critical".*"context":"config","weak":true' "$TMP/weak.json" || fail "weak value not graded critical: $(head -1 "$TMP/weak.json")"
scan "$G/doc" >"$TMP/doc.txt" 2>"$TMP/doc.err"; rc=$?
[ $rc -eq 0 ] || fail "doc findings only, text: exit $rc, want 0"
grep -q 'README' "$TMP/doc.txt" && fail "a low doc finding shown without --all"
grep -q -- '--all' "$TMP/doc.err" || fail "the summary does not say findings were not shown"
scan --all "$G/doc" >"$TMP/doc-all.txt" 2>/dev/null; rc=$?
[ $rc -eq 1 ] || fail "--all with doc findings: exit $rc, want 1"
[ "$(grep -c '  low  ' "$TMP/doc-all.txt")" = 2 ] || fail "--all does not show both low findings: $(cat "$TMP/doc-all.txt")"
scan --format json "$G/doc" >"$TMP/doc.json"; rc=$?
[ $rc -eq 1 ] || fail "JSON with doc findings: exit $rc, want 1"
[ "$(grep -c '"context":"doc"' "$TMP/doc.json")" = 2 ] || fail "JSON lacks the doc findings"
scan --format sarif "$G/doc" >"$TMP/doc.sarif"
grep -q '"context":"doc"' "$TMP/doc.sarif" || grep -q '"context": "doc"' "$TMP/doc.sarif" || fail "SARIF lacks the context"
ok "grading: weak raised, doc kept low, --all, exit follows what is shown"

# A source tree's test suite, below the root scanned, is kept at low in
# the "test" context; the root's own directory names say nothing.
R="$TMP/tree"; mkdir -p "$R/app/tests" "$TMP/test/app"
printf 'password = %sTst\n' "$CANARY" >"$R/app/tests/fixture.conf"
printf 'password = %sApp\n' "$CANARY" >"$R/app/app.conf"
printf 'password = %sRoot\n' "$CANARY" >"$TMP/test/app/app.conf"
scan --format json "$R" >"$TMP/tree.json"
grep '/tests/fixture.conf"' "$TMP/tree.json" | grep '"severity":"low"' | grep -q '"context":"test"' ||
	fail "a test suite's finding is not low in the test context: $(grep fixture "$TMP/tree.json")"
grep '/app/app.conf"' "$TMP/tree.json" | grep -q '"context":"config"' ||
	fail "the application's config is not config: $(grep app.conf "$TMP/tree.json")"
scan --format json "$TMP/test" >"$TMP/root.json"
grep '/app/app.conf"' "$TMP/root.json" | grep -v '"severity":"low"' | grep -q '"context":"config"' ||
	fail "a root named test made its files test fixtures: $(cat "$TMP/root.json")"
ok "test suites below the root are low, the root's own name says nothing"

# A patch is read hunk by hunk: each has the context of the file it
# changes; a script without an extension is code by its #! line, where an
# unquoted name is an expression and a quoted literal is stored.
P="$TMP/pkg"; mkdir -p "$P/debian/patches" "$P/tools"
printf 'Subject: token: harden it\n\n--- a/src/auth.c\n+++ b/src/auth.c\n@@ -1 +1 @@\n+static const char *secret = "%sPc";\n--- a/tests/t.conf\n+++ b/tests/t.conf\n@@ -1 +1 @@\n+password = %sPt\n' "$CANARY" "$CANARY" >"$P/debian/patches/fix-auth"
printf '#!/usr/bin/perl\nmy $pass = $args{pass};\nmy $token = "%sPl";\n' "$CANARY" >"$P/tools/sync"
scan --format json "$P" >"$TMP/pkg.json"
grep -c '"path"' "$TMP/pkg.json" | grep -qx 4 || fail "patch and script: want 4 findings: $(cat "$TMP/pkg.json")"
grep 'fix-auth"' "$TMP/pkg.json" | grep '"line":6,' | grep -q '"context":"code"' ||
	fail "a C hunk is not code: $(grep fix-auth "$TMP/pkg.json")"
grep 'fix-auth"' "$TMP/pkg.json" | grep '"line":10,' | grep '"severity":"low"' | grep -q '"context":"test"' ||
	fail "a test file's hunk is not test: $(grep fix-auth "$TMP/pkg.json")"
grep 'fix-auth"' "$TMP/pkg.json" | grep '"line":1,' | grep -q '"context":"doc"' ||
	fail "a patch's description is not doc: $(grep fix-auth "$TMP/pkg.json")"
grep 'tools/sync"' "$TMP/pkg.json" | grep '"line":3,' | grep -q '"context":"code"' ||
	fail "a perl script is not code: $(grep sync "$TMP/pkg.json")"
ok "patches by hunk, scripts by their #! line"

# In source code a value inside a string literal is stored, wherever the
# string starts; an option line is not a comment, nor is a share's "//".
S="$TMP/strings"; mkdir -p "$S"
# (letters and digits alone: an identifier, were it outside a string)
printf 'DB = "postgres://app:Zq8wLp2xKs@db.internal/app"\n' >"$S/settings.py"
printf 'var cs = "Server=sql01;Database=crm;User Id=app;Password=Zq8wLp2xKs;";\n' >"$S/Db.cs"
printf 'mysqldump \\\n  --password=%sSh \\\n  app\n' "$CANARY" >"$S/backup.sh"
printf '//srv/share /mnt/s cifs username=app,password=%sFs 0 0\n' "$CANARY" >"$S/fstab"
printf -- '-- password = %sSql\n' "$CANARY" >"$S/notes.sql"
scan --format json "$S" >"$TMP/strings.json"
for f in settings.py Db.cs backup.sh fstab; do
	grep "\"path\":\"[^\"]*/$f\"" "$TMP/strings.json" | grep -v -q '"context":"doc"' ||
		fail "$f: the stored value is not a finding outside doc: $(grep "$f" "$TMP/strings.json")"
done
grep '"path":"[^"]*/notes.sql"' "$TMP/strings.json" | grep -q '"context":"doc"' ||
	fail "an SQL comment line is no longer a comment"
ok "strings in code, option lines and shares are not comments; -- comments are"

# A secret found once is a finding where it stands again alone in the
# file, with the same fingerprint; a baseline entry covers every place,
# an allow comment its own line only.
P="$TMP/repeats"; mkdir -p "$P"
printf 'api_token = %sRep1\n%sRep1\nx%sRep1\n' "$CANARY" "$CANARY" "$CANARY" >"$P/app.conf"
scan --format json "$P" >"$TMP/repeats.json"
[ "$(grep -c '"rule":"secret-assignment"' "$TMP/repeats.json")" = 2 ] ||
	fail "the repeat on line 2 (not the longer token on line 3) is not a finding"
[ "$(grep -o '"fingerprint":"[^"]*"' "$TMP/repeats.json" | sort -u | wc -l)" = 1 ] ||
	fail "the repeat has another fingerprint"
scan --format json --write-baseline "$TMP/repeats.jsonl" "$P" >/dev/null
scan --format json --baseline "$TMP/repeats.jsonl" "$P" >"$TMP/repeats-base.json"; rc=$?
[ $rc -eq 0 ] || fail "a baseline does not cover the repeat: exit $rc"
printf 'api_token = %sRep2\n%sRep2 # credaudit:allow\n' "$CANARY" "$CANARY" >"$P/b.conf"
[ "$(scan --format json "$P/b.conf" | grep -c '"rule"')" = 1 ] || fail "an allow comment covers more than its line"
ok "repeats of a found secret: found, one fingerprint, baselines and allow comments"

# A token where a user name goes is the secret, never an account shown in
# clear: a .netrc's login beside a password, a URL's user beside GitHub's
# fixed x-oauth-basic, a .git-credentials entry with a user alone.
TOK=9f1c2e7a5b3d8f0e4a6c1b9d7e2f5a8c3b0d6e4f
H="$TMP/tokuser"; mkdir -p "$H"
printf 'machine git.internal login %s password %sNet\nmachine github.com login %s\n' "$TOK" "$CANARY" "$TOK" >"$H/.netrc"
printf 'https://%s:x-oauth-basic@github.com\nhttps://%s@github.com\n' "$TOK" "$TOK" >"$H/.git-credentials"
for fmt in text json sarif; do
	scan --all --format $fmt "$H" >"$TMP/tokuser.$fmt.txt" 2>&1
	grep -q "$TOK" "$TMP/tokuser.$fmt.txt" && fail "$fmt output shows a token given as the user"
done
python3 - "$TMP/tokuser.json.txt" <<'PY' || fail "tokens given as the user are not the findings"
import json, sys
f = [json.loads(l) for l in open(sys.argv[1]) if '"rule"' in l]
rules = sorted((o["path"].rsplit("/", 1)[1], o["line"], o["rule"]) for o in f)
# line 2's token stands again on line 1: a repeat of that finding
assert rules == [(".git-credentials", 1, "token-as-user"), (".git-credentials", 2, "git-credentials-token"),
                 (".netrc", 1, "netrc"), (".netrc", 1, "netrc-token-login"),
                 (".netrc", 2, "netrc-token-login")], rules
acct = [o["account"] for o in f if o["rule"] == "netrc"][0]
assert acct.startswith("9f") and "***(40)" in acct, acct
# the token is one secret wherever it stands: one fingerprint
assert len({o["secret"]["fingerprint"] for o in f if o["rule"] != "netrc"}) == 1
PY
ok "a token given as the user: found, fingerprinted once, never shown as an account"

# An account that another rule found as a secret is shown redacted too,
# whatever its shape (letters only: no random token by its digits).
HF=hf_QxVkLmPzRtWsYbNcDfGhJkLmNpQrStVw
mkdir -p "$H/hf"
printf 'machine huggingface.co login %s password %sHf\n' "$HF" "$CANARY" >"$H/hf/.netrc"
for fmt in text json sarif; do
	scan --all --format $fmt "$H/hf" >"$TMP/tokuser-hf.$fmt.txt" 2>&1
	grep -q "$HF" "$TMP/tokuser-hf.$fmt.txt" && fail "$fmt output shows a found token as an account"
done
grep -q '"account":"hf\*\*\*(35)"' "$TMP/tokuser-hf.json.txt" || fail "the account is not the token's redacted form"
ok "an account found as a secret by another rule: redacted"

# A memo written in Japanese is read as one in English is.
J="$TMP/memo-ja"; mkdir -p "$J"
printf 'サーバ接続情報\nユーザー名: admin\nパスワード：%sJa\nID/PW: ops / %sJb\nパスワードは別途お知らせします。\n' "$CANARY" "$CANARY" >"$J/接続情報.txt"
scan --format json "$J" >"$TMP/memo-ja.json"
[ "$(grep -c '"rule":"ja-' "$TMP/memo-ja.json")" = 2 ] || fail "a Japanese memo's two passwords are not two findings"
ok "a memo in Japanese: its passwords found, its instruction not"

# A password ledger kept as a table: every row of its password column,
# the user's column the account; a cell in kana is an instruction.
printf 'ホスト,ユーザー,パスワード\nweb01,admin,"%sT1"\nweb02,root,%sT2\nweb03,ops,別途連絡\n' "$CANARY" "$CANARY" >"$J/台帳.csv"
scan --format json "$J/台帳.csv" >"$TMP/ledger.json"
python3 - "$TMP/ledger.json" <<'PY' || fail "a CSV ledger's password column is not read row by row"
import json, sys
f = [json.loads(l) for l in open(sys.argv[1]) if '"rule"' in l]
assert [(o["rule"], o["line"], o["account"]) for o in f] == [
    ("table-password-column", 2, "admin"), ("table-password-column", 3, "root")], f
PY
ok "a CSV ledger: each row's password, its user the account"

# The canary appears nowhere: outputs, summaries, errors, baselines.
for f in "$TMP"/*.json "$TMP"/*.jsonl "$TMP"/*.sarif "$TMP"/*.txt "$TMP"/*.err; do
	[ -f "$f" ] && assert_no_canary "$CANARY" "$f"
done
finish
