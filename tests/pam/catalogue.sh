#!/bin/sh
# The Japanese catalogue compiles and every translation keeps its
# original's printf conversions (a mismatch would crash or garble the
# module's messages inside passwd and sshd).
. "$top_srcdir/tests/lib.sh"
. "$top_builddir/tests/pam/pamtest.env"

"$MSGFMT" -c --check-format -o "$TMP/ja.mo" "$top_srcdir/po/ja.po" 2>"$TMP/err" ||
	{ cat "$TMP/err"; fail "po/ja.po does not compile cleanly"; }
"$MSGFMT" --statistics -o /dev/null "$top_srcdir/po/ja.po" 2>&1 | grep -q 'fuzzy' &&
	fail "po/ja.po has fuzzy translations"
finish
