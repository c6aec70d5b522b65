#!/bin/sh
# The one decoder fuzz target replays each decoder's corpus
# (tests/fuzz/corpus/decoder_NAME), and every decoder has one.
. "$top_srcdir/tests/lib.sh"
T="$top_builddir/tests/fuzz/fuzz_decoder"
CORPORA="$top_srcdir/tests/fuzz/corpus"

"$T" -decoders >"$TMP/names" || fail "fuzz_decoder -decoders failed"
[ -s "$TMP/names" ] || fail "no decoders listed"
while read -r name; do
	dir="$CORPORA/decoder_$(echo "$name" | tr - _)"
	[ -d "$dir" ] || fail "decoder $name has no corpus ($dir)"
done <"$TMP/names"

for dir in "$CORPORA"/decoder_*; do
	out=$("$T" "$dir" 2>&1) || fail "$(basename "$dir"): $out"
	echo "$(basename "$dir"): $out"
done

# a corpus naming no decoder is refused, not fuzzed with some default
mkdir "$TMP/decoder_no_such"
"$T" "$TMP/decoder_no_such" >/dev/null 2>&1 && fail "unknown decoder corpus accepted"
finish
