# Turn the word lists of data/ into C arrays (lib/policy/wordlists.inc).
# Each list: one word a line, lower-case ASCII letters and digits, '#'
# comments; anything else is an error naming file and line.
FNR == 1 {
	if (NR > 1)
		print "};"
	name = FILENAME
	sub(/.*\//, "", name)
	sub(/\.txt$/, "", name)
	gsub(/-/, "_", name)
	if (name == "digits")
		name = "digit_strings"
	else if (name == "romaji")
		name = "romaji_words"
	printf "static const char *const %s[] = {\n", name
}
/^#/ || NF == 0 { next }
{
	if (NF != 1 || $1 !~ /^[a-z0-9]+$/ || length($1) > 64) {
		printf "%s:%d: a word is 1-64 lower-case ASCII letters or digits\n", FILENAME, FNR > "/dev/stderr"
		bad = 1
		exit 1
	}
	printf "\t\"%s\",\n", $1
}
END {
	if (!bad)
		print "};"
}
