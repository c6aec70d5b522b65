#!/bin/sh
# The pam-auth-update profiles must be off by default: pam-auth-update
# --package, which other packages run on every upgrade, enables every
# profile that says "Default: yes", and the module must only ever be
# enabled by an admin (README, doc/pam.md).
. "$top_srcdir/tests/lib.sh"

n=0
for f in "$top_srcdir"/conf/pam-configs/*; do
	n=$((n + 1))
	name=$(basename "$f")
	d=$(sed -n 's/^Default:[[:space:]]*//p' "$f")
	case $d in
	no) ok "$name: Default: no" ;;
	"") fail "$name: no Default: line (say Default: no explicitly)" ;;
	*) fail "$name: Default: $d (must be no: only an admin enables the module)" ;;
	esac
done
[ "$n" -ge 2 ] || fail "expected the credpolicy and credpolicy-login profiles, found $n"
finish
