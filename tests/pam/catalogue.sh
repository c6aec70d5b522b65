#!/bin/sh
# The Japanese catalogue compiles, every translation keeps its original's
# printf conversions (a mismatch would crash or garble the module's
# messages inside passwd and sshd), and every message the sources mark for
# translation (po/POTFILES.in) has a translation.
. "$top_srcdir/tests/lib.sh"
. "$top_builddir/tests/pam/pamtest.env"

"$MSGFMT" -c --check-format -o "$TMP/ja.mo" "$top_srcdir/po/ja.po" 2>"$TMP/err" ||
	{ cat "$TMP/err"; fail "po/ja.po does not compile cleanly"; }
"$MSGFMT" --statistics -o /dev/null "$top_srcdir/po/ja.po" 2>&1 | grep -q 'fuzzy' &&
	fail "po/ja.po has fuzzy translations"
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
