#!/bin/sh
# The Japanese catalogue compiles, every translation keeps its original's
# printf conversions (a mismatch would crash or garble the module's
# messages inside passwd and sshd), every source that marks messages is
# listed in po/POTFILES.in, and every message so marked has a translation.
. "$top_srcdir/tests/lib.sh"
. "$top_builddir/tests/pam/pamtest.env"

"$MSGFMT" -c --check-format -o "$TMP/ja.mo" "$top_srcdir/po/ja.po" 2>"$TMP/err" ||
	{ cat "$TMP/err"; fail "po/ja.po does not compile cleanly"; }
"$MSGFMT" --statistics -o /dev/null "$top_srcdir/po/ja.po" 2>&1 | grep -q 'fuzzy' &&
	fail "po/ja.po has fuzzy translations"
# Every source that marks a message for translation is in po/POTFILES.in
# (a file missing there is never extracted, so its messages would stay
# English without anything failing).
missing=$(cd "$top_srcdir" && find lib cli auditor frame pam_module \( -name '*.c' -o -name '*.def' \) |
	LC_ALL=C sort | while read -r f; do
		grep -qE '(^|[^A-Za-z0-9_])N?_\([[:space:]]*("|$)' "$f" &&
			! grep -qxF "$f" po/POTFILES.in && echo "$f"
	done)
[ -z "$missing" ] || fail "sources with marked messages missing from po/POTFILES.in: $missing"
# Every marked message of today's sources is translated: extract them
# afresh and merge, as make update-po would.
(cd "$top_srcdir" && "$XGETTEXT" --from-code=UTF-8 --keyword=_ --keyword=N_ -C \
	-o "$TMP/now.pot" -f po/POTFILES.in) || fail "xgettext failed"
"$MSGMERGE" -q -o "$TMP/merged.po" "$top_srcdir/po/ja.po" "$TMP/now.pot" || fail "msgmerge failed"
"$MSGFMT" --statistics -o /dev/null "$TMP/merged.po" 2>"$TMP/stats"
grep -qE 'untranslated|fuzzy' "$TMP/stats" && {
	"$MSGMERGE" -q --no-fuzzy-matching -o "$TMP/strict.po" "$top_srcdir/po/ja.po" "$TMP/now.pot"
	grep -B1 -A1 '^msgstr ""$' "$TMP/strict.po" | head -40
	fail "po/ja.po lacks translations: $(cat "$TMP/stats"); run make -C po update-po and translate"
}
finish
