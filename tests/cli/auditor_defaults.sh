#!/bin/sh
# What every credaudit subcommand reads when not told otherwise: the rules
# of rules.d beside the shipped ones (scan, rules, accounts and report
# alike), and hooks_dir and hook_timeout from credpolicy.conf. Run against
# credaudit_testpaths, the credaudit built with this tree's directories
# for its installed ones (SYSCONFDIR: tests/cli/etc, rules: conf/rules).
. "$top_srcdir/tests/lib.sh"
CA="$top_builddir/tests/cli/credaudit_testpaths"
ETC="$top_builddir/tests/cli/etc"
rm -rf "$ETC"
mkdir -p "$ETC/credpolicy/rules.d" "$ETC/security"
trap 'rm -rf "$TMP" "$ETC"' EXIT

# A site's own token format, known only to the local rule.
TOKEN='sitetok_Q8v2Lm4Xp7Rt1Wz9Kc3Nb6Hd'
cat >"$ETC/credpolicy/rules.d/site.rule" <<'EOT'
[rule site-deploy-token]
description = deploy token of this site
category = cloud
clause = 3(1)⑤
severity = high
keywords = sitetok_
pattern = (?<![A-Za-z0-9])(?<secret>sitetok_[A-Za-z0-9]{24})(?![A-Za-z0-9])
example = token = sitetok_Zr4Tq8Wm2Xv6Kp1Ns9Lb3Hc7
counterexample = token = sitetok_short
EOT

# A root whose dbsvc stores its own password in clear (a confirmed leak,
# which runs the hooks) and a site token.
PW='Canary-Sha-Pw#5512'
H='$6$CanarySalt123$viqy7ksAl5UoqFDVz1M9oX5eohQUIRzdonJogMLGsGYpYQ5qHhGbk5mPayPsAVlR8lXJcf9NFCt.kd7YzW/IW.'
r="$TMP/root"
mkdir -p "$r/etc" "$r/home/dbsvc"
today=$(( $(date +%s) / 86400 ))
printf 'root:x:0:0:root:/root:/bin/bash\ndbsvc:x:1021:1021::/home/dbsvc:/bin/bash\n' >"$r/etc/passwd"
printf 'root:*:%s:0:99999:7:::\ndbsvc:%s:%s:0:90:7:::\n' "$today" "$H" "$today" >"$r/etc/shadow"
printf 'export DB_PASSWORD="%s"\n' "$PW" >"$r/home/dbsvc/dump.env"
printf 'deploy: %s\n' "$TOKEN" >"$r/home/dbsvc/deploy.yml"

# Hooks from credpolicy.conf: one records the event, one outlives the
# configured timeout of 1 s (the built-in default is 10 s).
hooks="$TMP/hooks.d"
mkdir -p "$hooks"
chmod 0755 "$hooks"
printf '#!/bin/sh\ncat >>"%s/events"\n' "$TMP" >"$hooks/10-save"
printf '#!/bin/sh\nsleep 30\n' >"$hooks/20-slow"
chmod 0755 "$hooks/10-save" "$hooks/20-slow"
printf 'hooks_dir = %s\nhook_timeout = 1\n' "$hooks" >"$ETC/security/credpolicy.conf"

"$CA" rules list >"$TMP/list" 2>&1 || fail "rules list: exit $?"
grep -q '^site-deploy-token' "$TMP/list" || fail "rules list does not show the rules.d rule"

printf 'deploy: %s\n' "$TOKEN" >"$TMP/deploy.yml"
"$CA" scan --format json "$TMP/deploy.yml" >"$TMP/scan.json" 2>"$TMP/err"
grep -q '"rule": *"site-deploy-token"' "$TMP/scan.json" || fail "scan ignores rules.d"

"$CA" accounts --root "$r" --format json >"$TMP/acc.json" 2>"$TMP/err"
rc=$?
[ "$rc" = 1 ] || { cat "$TMP/err"; fail "accounts: exit $rc, expected 1"; }
grep -q '"kind": *"site-deploy-token"' "$TMP/acc.json" || fail "accounts ignores rules.d"
grep -q 'confirmed_leak' "$TMP/events" 2>/dev/null || fail "accounts: no event through hooks_dir"
grep -q 'hook=20-slow.*result=timeout timeout=1\b' "$TMP/err" ||
	{ cat "$TMP/err"; fail "accounts: hook_timeout not honoured"; }

rm -f "$TMP/events"
"$CA" report --root "$r" -o "$TMP/report.json" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -le 1 ] || { cat "$TMP/err"; fail "report: exit $rc"; }
grep -q '"rule": *"site-deploy-token"' "$TMP/report.json" || fail "report ignores rules.d"
grep -q 'confirmed_leak' "$TMP/events" 2>/dev/null || fail "report: no event through hooks_dir"
grep -q 'hook=20-slow.*result=timeout timeout=1\b' "$TMP/err" ||
	{ cat "$TMP/err"; fail "report: hook_timeout not honoured"; }

# a broken credpolicy.conf is an error naming the file and line
printf 'hook_timeout = soon\n' >"$ETC/security/credpolicy.conf"
"$CA" accounts --root "$r" >/dev/null 2>"$TMP/err" && fail "broken credpolicy.conf accepted"
grep -q 'credpolicy.conf:1' "$TMP/err" || { cat "$TMP/err"; fail "no file:line for the bad setting"; }
assert_no_canary "$PW" "$TMP/acc.json" "$TMP/report.json" "$TMP/err"
finish
