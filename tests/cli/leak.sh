#!/bin/sh
# credpolicy leak report end to end, on a fixture root (passwd + shadow)
# and a hooks directory built here. As a normal user only the option
# handling and the "must be root" refusal can be tested: forcing the change
# runs chage -R, which needs root.
. "$top_srcdir/tests/lib.sh"

cp="$top_builddir/tests/bin/credpolicy"
CANARY='CanaryPw#leak-cli-4711'

"$cp" leak --help >"$TMP/help" || fail "leak --help"
grep -q -- '--reason' "$TMP/help" || fail "leak --help names --reason"
"$cp" leak report --help >"$TMP/help" || fail "leak report --help"
grep -q -- '--no-expire' "$TMP/help" || fail "leak report --help names --no-expire"

expect_usage_error() {
	what=$1; shift
	"$cp" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ "$rc" -eq 2 ] || fail "$what: exit $rc, expected 2"
	[ -s "$TMP/err" ] || fail "$what: no message"
}
expect_usage_error "no subcommand" leak
expect_usage_error "unknown subcommand" leak frobnicate
expect_usage_error "missing --reason" leak report --user alice
expect_usage_error "missing --user" leak report --reason x
expect_usage_error "option-like user" leak report --user -f --reason x
expect_usage_error "user with a colon" leak report --user 'a:b' --reason x
expect_usage_error "empty reason" leak report --user alice --reason ''
expect_usage_error "bad timeout" leak report --user alice --reason x --hook-timeout 0

# The fixture: a root with two accounts and a hooks directory whose hook
# saves what it receives.
root="$TMP/root"
hooks="$TMP/hooks.d"
mkdir -p "$root/etc" "$hooks"
chmod 0755 "$root" "$root/etc" "$hooks"
cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/bash
alice:x:1000:1000:Alice:/home/alice:/bin/bash
bob:x:1001:1001:Bob:/home/bob:/bin/bash
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
alice:x:1000:
bob:x:1001:
EOF
cat >"$root/etc/shadow" <<'EOF'
root:*:19000:0:99999:7:::
alice:$y$j9T$saltsaltsalt$hashhashhashhashhashhashhashhashhashhashhas:19500:0:99999:7:::
bob:$y$j9T$saltsaltsalt$hashhashhashhashhashhashhashhashhashhashhas:19600:0:99999:7:::
EOF
chmod 0640 "$root/etc/shadow"
cat >"$hooks/10-save" <<EOF
#!/bin/sh
cat >"$TMP/event.json"
/usr/bin/env >"$TMP/env.txt"
EOF
chmod 0755 "$hooks/10-save"
# Settings of our own, so that the host's credpolicy.conf plays no part.
conf="$TMP/credpolicy.conf"
printf 'hook_timeout = 5\nleak_ledger = %s\n' "$TMP/leaks.jsonl" >"$conf"
lastchg() { awk -F: -v u="$1" '$1 == u { print $3 }' "$root/etc/shadow"; }

if [ "$(id -u)" -ne 0 ]; then
	"$cp" leak report --user alice --reason "test" --root "$root" --config "$conf" --hooks-dir "$hooks" \
		>"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ "$rc" -eq 2 ] || fail "non-root: exit $rc, expected 2"
	grep -q 'must be run as root' "$TMP/err" || fail "non-root: no clear message"
	[ ! -e "$TMP/event.json" ] || fail "non-root: hooks ran"
	[ "$(lastchg alice)" = 19500 ] || fail "non-root: shadow changed"
	[ "$nfail" -eq 0 ] || finish
	echo "SKIP: forcing the change (chage -R) and running the hooks need root;" \
		"run 'make check' as root for those cases (the options and the refusal passed)"
	exit 77
fi

# A report: the change is forced in the fixture root's shadow, the hook gets
# the event, the canary in the caller's environment goes nowhere.
reason='phished via "fake VPN" page; ticket #42
second line'
CREDPOLICY_CANARY="$CANARY" "$cp" leak report --user alice --reason "$reason" \
	--root "$root" --config "$conf" --hooks-dir "$hooks" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] || { cat "$TMP/err"; fail "report: exit $rc"; }
grep -q 'Leak reported for alice' "$TMP/out" || fail "report: no confirmation"
[ "$(lastchg alice)" = 0 ] || fail "report: alice's lastchg is $(lastchg alice), expected 0"
[ "$(lastchg bob)" = 19600 ] || fail "report: bob's entry changed"
[ -s "$TMP/event.json" ] || fail "report: hook got no event"
for field in '"event":"suspected_leak"' '"user":"alice"' '"source":"admin_report"' \
	'"detail":"phished via \"fake VPN\" page; ticket #42\nsecond line"' \
	'"action":"password_change_required"' '"time":"'; do
	grep -q -F -- "$field" "$TMP/event.json" || fail "event lacks $field"
done
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); assert e["clause"]=="3(1)\u2463", e' \
		"$TMP/event.json" || fail "event is not valid JSON with the clause"
fi
grep -q '^CREDPOLICY_EVENT=suspected_leak$' "$TMP/env.txt" || fail "hook env lacks CREDPOLICY_EVENT"
grep -q '^PATH=/usr/sbin:/usr/bin:/sbin:/bin$' "$TMP/env.txt" || fail "hook env PATH"
grep -q 'CREDPOLICY_CANARY\|CREDPOLICY_TESTING' "$TMP/env.txt" && fail "hook inherited the environment"
assert_no_canary "$CANARY" "$TMP/event.json" "$TMP/env.txt" "$TMP/out" "$TMP/err"

# --no-expire: hooks run, shadow untouched.
rm -f "$TMP/event.json"
"$cp" leak report --user bob --reason "found in a paste" --no-expire --root "$root" \
	--config "$conf" --hooks-dir "$hooks" >"$TMP/out" 2>"$TMP/err" || fail "--no-expire: exit $?"
[ "$(lastchg bob)" = 19600 ] || fail "--no-expire changed bob's shadow entry"
grep -q -F '"action":"none"' "$TMP/event.json" || fail "--no-expire: action is not none"

# Unknown user: exit 2, nothing run.
rm -f "$TMP/event.json"
"$cp" leak report --user carol --reason x --root "$root" --config "$conf" --hooks-dir "$hooks" \
	>"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 2 ] || fail "unknown user: exit $rc"
grep -q "no user 'carol'" "$TMP/err" || fail "unknown user: no clear message"
[ ! -e "$TMP/event.json" ] || fail "unknown user: hooks ran"

# chage fails (no shadow file in that root): exit 2, the admin is told what
# to do, and the hooks still hear of the leak.
root2="$TMP/root2"
mkdir -p "$root2/etc"
cp "$root/etc/passwd" "$root/etc/group" "$root2/etc/"
"$cp" leak report --user alice --reason x --root "$root2" --config "$conf" --hooks-dir "$hooks" \
	>"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 2 ] || fail "chage failure: exit $rc"
grep -q 'NOT forced' "$TMP/err" || fail "chage failure: no clear message"
grep -q -F '"action":"password_change_not_forced"' "$TMP/event.json" ||
	fail "chage failure: hooks not told"

# An unsafe hook is refused, reported, and does not stop the report.
cat >"$hooks/20-unsafe" <<EOF
#!/bin/sh
touch "$TMP/unsafe-ran"
EOF
chmod 0775 "$hooks/20-unsafe"
"$cp" leak report --user alice --reason x --root "$root" --config "$conf" --hooks-dir "$hooks" \
	>"$TMP/out" 2>"$TMP/err" || fail "unsafe hook: exit $?"
grep -q 'hook=20-unsafe result=refused reason=writable_by_group_or_others' "$TMP/err" ||
	fail "unsafe hook: refusal not reported"
[ ! -e "$TMP/unsafe-ran" ] || fail "unsafe hook ran"

rm -f "$hooks/20-unsafe"

# The settings' hooks_dir is used when --hooks-dir is not given.
rm -f "$TMP/event.json"
printf 'hooks_dir = %s\nhook_timeout = 5\nleak_ledger = %s\n' "$hooks" "$TMP/leaks.jsonl" >"$TMP/hooks.conf"
"$cp" leak report --user bob --reason x --no-expire --root "$root" --config "$TMP/hooks.conf" \
	>"$TMP/out" 2>"$TMP/err" || fail "hooks_dir setting: exit $?"
grep -q -F '"user":"bob"' "$TMP/event.json" || fail "hooks_dir setting not used"

# A settings file that cannot be read: exit 2 naming file and line, nothing done.
rm -f "$TMP/event.json"
printf 'hook_timeout = soon\n' >"$TMP/bad.conf"
"$cp" leak report --user alice --reason x --root "$root" --config "$TMP/bad.conf" \
	--hooks-dir "$hooks" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 2 ] || fail "bad settings: exit $rc"
grep -q 'bad.conf:1' "$TMP/err" || fail "bad settings: no file:line in the message"
[ ! -e "$TMP/event.json" ] || fail "bad settings: hooks ran"

# The ledger: every report above is one event line (and one hooks line),
# root-only, without the canary; list shows the states, exit 1 while any is
# open; dismiss closes one with a new line; a corrupt line is named and
# skipped.
ledger="$TMP/leaks.jsonl"
[ -f "$ledger" ] || fail "ledger: not created"
[ "$(stat -c %a "$ledger")" = 600 ] || fail "ledger: mode $(stat -c %a "$ledger"), expected 600"
assert_no_canary "$CANARY" "$ledger"
python3 - "$ledger" "$root" <<'EOT' || fail "ledger: lines not as documented"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
events = [r for r in recs if r["type"] == "event"]
hooks = {r["id"]: r for r in recs if r["type"] == "hooks"}
assert len(events) == 5, len(events)
first = events[0]
assert first["user"] == "alice" and first["source"] == "admin_report", first
assert first["root"] == sys.argv[2] and first["forced"] is True, first
assert first["action"] == "password_change_required" and first["lastchg"] == 0, first
assert first["hooks"] == "foreground", first
h = hooks[first["id"]]["hooks"][0]
assert h["name"] == "10-save" and h["result"] == "exit" and h["status"] == 0, h
assert isinstance(h["duration_ms"], int) and h["output_cut"] is False, h
nf = [e for e in events if e["user"] == "bob"][0]
assert nf["forced"] is False and "no-expire" in nf["why_not_forced"], nf
failed = [e for e in events if e["action"] == "password_change_not_forced"][0]
assert failed["why_not_forced"] == "chage failed", failed
EOT

"$cp" leak list --config "$conf" >"$TMP/list" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 1 ] || fail "list: exit $rc with open events, expected 1"
grep -q 'open .* alice  admin_report' "$TMP/list" || fail "list: alice's event not open"
grep -q 'open event(s)' "$TMP/list" || fail "list: no count"
bob_id=$(awk '$5 == "bob" { print $1; exit }' "$TMP/list")
[ -n "$bob_id" ] || fail "list: no event of bob"
"$cp" leak show "$bob_id" --config "$conf" >"$TMP/show" 2>&1
grep -q '10-save: exit 0' "$TMP/show" || fail "show: no hook result"
"$cp" leak dismiss "$bob_id" --config "$conf" >"$TMP/out" 2>&1 && fail "dismiss without --reason"
"$cp" leak dismiss "$(printf %.6s "$bob_id")" --reason "test account" --config "$conf" \
	>"$TMP/out" 2>"$TMP/err" || fail "dismiss: exit $?"
grep -q "Event $bob_id dismissed" "$TMP/out" || fail "dismiss: no confirmation"
"$cp" leak dismiss "$bob_id" --reason again --config "$conf" >"$TMP/out" 2>"$TMP/err" &&
	fail "dismissed twice"
"$cp" leak list --user bob --json --config "$conf" >"$TMP/list.json" 2>"$TMP/err"
python3 - "$TMP/list.json" "$bob_id" <<'EOT' || fail "list --json: bob's dismissal"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
bob = [r for r in rows if r["id"] == sys.argv[2]][0]
assert bob["state"] == "dismissed" and bob["dismissal"]["reason"] == "test account", bob
assert all(r["user"] == "bob" for r in rows)
EOT
# alice changes her password (lastchg becomes today): changed, not open.
today=$(( $(date +%s) / 86400 ))
sed -i "s/^alice:\([^:]*\):[0-9]*:/alice:\1:$today:/" "$root/etc/shadow"
"$cp" leak list --user alice --config "$conf" >"$TMP/list" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] || fail "list after the change: exit $rc, expected 0"
grep -q ' changed ' "$TMP/list" || fail "list: alice's change not seen"
grep -q '  open ' "$TMP/list" && fail "list: alice still open"
# The account locked: locked.
"$cp" leak report --user bob --reason y --no-expire --root "$root" --config "$conf" \
	>/dev/null 2>&1 || fail "report bob again"
sed -i 's/^bob:\$/bob:!$/' "$root/etc/shadow"
"$cp" leak list --user bob --open --config "$conf" >"$TMP/list" 2>&1 || fail "--open: bob open"
grep -q '  open ' "$TMP/list" && fail "--open: bob's locked event shown"
"$cp" leak list --user bob --config "$conf" | grep -q ' locked ' || fail "list: bob not locked"
# --since in the future: nothing shown, exit 0.
"$cp" leak list --since 2999-01-01 --config "$conf" >"$TMP/list" || fail "--since: exit $?"
grep -q '^0 open' "$TMP/list" || fail "--since: events shown"
"$cp" leak list --since yesterday --config "$conf" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--since yesterday accepted"
# A corrupt line is named with its number and skipped; the rest is read.
n=$(( $(wc -l <"$ledger") + 1 ))
printf '{"type":"event","id":"torn\n' >>"$ledger"
"$cp" leak list --config "$conf" >"$TMP/list" 2>"$TMP/err"
[ $? -ne 2 ] || fail "corrupt line: list failed"
grep -q "leaks.jsonl:$n: line skipped" "$TMP/err" || fail "corrupt line: not named"
grep -q ' changed ' "$TMP/list" || fail "corrupt line: the rest not read"
# In Japanese.
mkdir -p "$TMP/locale/ja/LC_MESSAGES"
msgfmt -o "$TMP/locale/ja/LC_MESSAGES/credpolicy.mo" "$top_srcdir/po/ja.po" || fail "msgfmt"
LANGUAGE=ja LC_ALL=C.UTF-8 CREDPOLICY_LOCALEDIR="$TMP/locale" "$cp" leak list --config "$conf" \
	>"$TMP/list.ja" 2>/dev/null
grep -q '未対応のイベント' "$TMP/list.ja" || fail "list: no Japanese count"

finish
