#!/bin/sh
# The generated word lists are the same bytes whichever awk configure
# picked: mawk (Debian's default), gawk, gawk in POSIX mode. (gawk reads
# "0x…" as 0 where mawk reads a number: a build with gawk once failed.)
. "$top_srcdir/tests/lib.sh"
P="$top_srcdir/lib/policy"
D="$top_srcdir/data"
NOUNS=/usr/share/wordnet/data.noun

set --
for a in mawk gawk; do
	command -v "$a" >/dev/null 2>&1 && set -- "$@" "$a"
done
[ $# -ge 2 ] || { echo "SKIP: mawk and gawk are both needed (have: $*)"; exit 77; }
[ -r "$NOUNS" ] || { echo "SKIP: no $NOUNS (package wordnet-base)"; exit 77; }

gen() { # AWK TAG: every generator's output into $TMP/TAG.*
	$1 -v text="$TMP/$2.names" -f "$P/propernames.awk" "$NOUNS" >"$TMP/$2.proper" ||
		fail "$1: propernames.awk failed"
	$1 -f "$P/wordlists.awk" "$D/romaji.txt" "$D/names-en.txt" "$D/digits.txt" \
		>"$TMP/$2.words" || fail "$1: wordlists.awk failed"
	$1 -f "$P/lettermodel.awk" "$TMP/$2.names" "$D/names-en.txt" "$D/romaji.txt" \
		>"$TMP/$2.letters" || fail "$1: lettermodel.awk failed"
}
gen mawk mawk
gen gawk gawk
gen "gawk --posix" posix
[ "$(wc -l <"$TMP/mawk.names")" -gt 10000 ] || fail "propernames.awk: too few names under mawk"
for out in proper names words letters; do
	cmp -s "$TMP/mawk.$out" "$TMP/gawk.$out" || fail "$out differs between mawk and gawk"
	cmp -s "$TMP/mawk.$out" "$TMP/posix.$out" || fail "$out differs between mawk and gawk --posix"
done
finish
