#!/bin/sh
# Both CLIs speak Japanese when the user's language is Japanese: a message
# whose msgid is not what the program looks up at run time (a macro pasted
# into _(), a string built before translation) stays English, and no
# catalogue check can see it. Each command below fails with one message;
# with LANGUAGE=ja its first line must be Japanese, and without it English.
. "$top_srcdir/tests/lib.sh"
command -v msgfmt >/dev/null || { echo "skip: msgfmt (gettext) is missing"; exit 77; }
mkdir -p "$TMP/locale/ja/LC_MESSAGES"
msgfmt -o "$TMP/locale/ja/LC_MESSAGES/credpolicy.mo" "$top_srcdir/po/ja.po" || fail "msgfmt"
CP="$top_builddir/tests/bin/credpolicy"
CA="$top_builddir/tests/bin/credaudit"
RULES="$top_srcdir/conf/rules"
printf '{"x":1\n' >"$TMP/bad-baseline.jsonl"
printf '[rule x]\n' >"$TMP/bad.rule"
mkdir "$TMP/badrules" && cp "$TMP/bad.rule" "$TMP/badrules/"
printf 'no_such_setting = 1\n' >"$TMP/bad.conf"
mkdir -p "$TMP/fleet/h1"
printf '{' >"$TMP/fleet/h1/report.json"

# Non-ASCII bytes in a line: a translation was used. Not enough alone:
# glibc's own catalogue (libc-l10n) translates the strerror() part of a
# line, so each Japanese line is also compared with the same run without
# our catalogue, which must differ.
translated() { LC_ALL=C grep -q "$(printf '[\200-\377]')"; }

n=0
while IFS='|' read -r label cmd; do
	[ -n "$label" ] || continue
	n=$((n + 1))
	sh -c "$cmd" >/dev/null 2>"$TMP/en.err" </dev/null
	LANGUAGE=ja LC_ALL=C.UTF-8 CREDPOLICY_LOCALEDIR="$TMP/locale" \
		sh -c "$cmd" >/dev/null 2>"$TMP/ja.err" </dev/null
	LANGUAGE=ja LC_ALL=C.UTF-8 CREDPOLICY_LOCALEDIR="$TMP/no-catalogue" \
		sh -c "$cmd" >/dev/null 2>"$TMP/libc-only.err" </dev/null
	head -1 "$TMP/en.err" | translated && fail "$label: English run is not English: $(head -1 "$TMP/en.err")"
	head -1 "$TMP/ja.err" | translated || fail "$label: not translated: $(head -1 "$TMP/ja.err")"
	[ "$(head -1 "$TMP/ja.err")" != "$(head -1 "$TMP/libc-only.err")" ] ||
		fail "$label: only the C library's part is translated: $(head -1 "$TMP/ja.err")"
done <<EOT
breach build without -o|"$CP" breach build
breach lookup without an index|"$CP" breach lookup
breach bad --fp-rate|"$CP" breach build -o "$TMP/x.idx" --fp-rate 2 "$TMP/bad.conf"
check with a bad setting|"$CP" check --config "$TMP/bad.conf"
leak report without a user|"$CP" leak report
unknown command|"$CP" frobnicate
scan --device on a directory|"$CA" scan --rules "$RULES" --device "$TMP"
scan with a broken baseline|"$CA" scan --rules "$RULES" --baseline "$TMP/bad-baseline.jsonl" "$TMP"
scan with a broken rule|"$CA" scan --rules "$TMP/badrules" "$TMP"
rules test of a broken rule|"$CA" rules test --rules "$TMP/badrules"
accounts on a missing root|"$CA" accounts --ledger "$TMP/leaks.jsonl" --root "$TMP/nonexistent"
report on a missing root|"$CA" report --ledger "$TMP/leaks.jsonl" --root "$TMP/nonexistent" -o "$TMP/r.json"
fleet-report on a missing host directory|"$CA" fleet-report -o "$TMP/f.json" "$TMP/nonexistent"
fleet-report on a damaged host|"$CA" fleet-report -o "$TMP/f.json" "$TMP/fleet/h1"
EOT
ok "$n failing commands speak Japanese under LANGUAGE=ja"
finish
