#!/bin/sh
# The example leak hooks in conf/hooks.d: valid POSIX sh, and each passes
# the event on as it is to its tool (logger, sendmail, curl), stubbed here.
. "$top_srcdir/tests/lib.sh"

src="$top_srcdir/conf/hooks.d"
event='{"event":"suspected_leak","user":"alice","source":"admin_report","detail":"ticket \"42\"","host":"h","time":"2026-11-26T10:00:00+00:00","action":"password_change_required","clause":"3(1)④"}'
mkdir -p "$TMP/bin"
for tool in logger curl sendmail; do
	cat >"$TMP/bin/$tool" <<STUB
#!/bin/sh
printf '%s\n' "\$@" >"$TMP/$tool.args"
cat >"$TMP/$tool.stdin"
STUB
	chmod 0755 "$TMP/bin/$tool"
done

for h in 10-logger 20-mail 30-webhook; do
	sh -n "$src/$h" || fail "$h: not valid sh"
	head -n 1 "$src/$h" | grep -q '^#!/bin/sh$' || fail "$h: not a /bin/sh script"
done

# 10-logger: authpriv.warning, the event in the message.
printf '%s\n' "$event" | env -i PATH="$TMP/bin:/usr/bin:/bin" CREDPOLICY_EVENT=suspected_leak \
	sh "$src/10-logger" || fail "10-logger: exit $?"
grep -qx 'authpriv.warning' "$TMP/logger.args" || fail "10-logger: not authpriv.warning"
grep -qxF "suspected_leak: $event" "$TMP/logger.args" || fail "10-logger: event not passed on"

# 20-mail: to root, the event in the body.
sed "s|^SENDMAIL=.*|SENDMAIL=$TMP/bin/sendmail|" "$src/20-mail" >"$TMP/20-mail"
printf '%s\n' "$event" | env -i PATH=/usr/bin:/bin CREDPOLICY_EVENT=suspected_leak \
	sh "$TMP/20-mail" || fail "20-mail: exit $?"
grep -qx 'root' "$TMP/sendmail.args" || fail "20-mail: not to root"
grep -q '^Subject: \[credpolicy\] suspected_leak on ' "$TMP/sendmail.stdin" || fail "20-mail: subject"
grep -qxF "$event" "$TMP/sendmail.stdin" || fail "20-mail: event not in the body"

# 30-webhook: refuses until a URL is set; then POSTs stdin with timeouts.
printf '%s\n' "$event" | env -i PATH="$TMP/bin:/usr/bin:/bin" sh "$src/30-webhook" \
	2>"$TMP/err" && fail "30-webhook: ran without a URL"
grep -q 'set URL' "$TMP/err" || fail "30-webhook: no clear message without a URL"
[ ! -e "$TMP/curl.args" ] || fail "30-webhook: curl ran without a URL"
sed "s|^URL=.*|URL='https://hooks.test/credpolicy'|" "$src/30-webhook" >"$TMP/30-webhook"
printf '%s\n' "$event" | env -i PATH="$TMP/bin:/usr/bin:/bin" sh "$TMP/30-webhook" ||
	fail "30-webhook: exit $?"
for a in --data-binary @- --max-time --connect-timeout https://hooks.test/credpolicy; do
	grep -qxF -- "$a" "$TMP/curl.args" || fail "30-webhook: curl lacks $a"
done
grep -qxF "$event" "$TMP/curl.stdin" || fail "30-webhook: event not sent as is"

finish
