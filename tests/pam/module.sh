#!/bin/sh
# pam_credpolicy.so through real libpam: the change flow (test_chauthtok)
# and the login check with its leak hooks (test_login), and the canary:
# distinctive passwords typed in every case must appear in no log line
# (PAM_WRAPPER_DEBUGLEVEL=2 shows every pam_syslog line; level 3 would
# print tokens by design), no message, no output and no file written.
. "$top_srcdir/tests/lib.sh"
# Two canaries: one the policy accepts (and the test index holds), one it
# rejects.
canary_good='Xq7#Zr2k-Wm9v!Jt4'
canary_bad='zr2kwm9vjt4xq7'
. "$top_srcdir/tests/pam/pamtest.sh"
for prog in test_chauthtok test_login; do
	rc=0
	CANARY_GOOD=$canary_good CANARY_BAD=$canary_bad run_wrapped "$top_builddir/tests/pam/$prog" \
		>"$TMP/out-$prog" 2>&1 || rc=$?
	cat "$TMP/out-$prog"
	# 77 means the program found no pam_wrapper: here that is a failure.
	[ "$rc" -eq 0 ] || fail "$prog exited $rc"
	grep -q 'SYSLOG' "$TMP/out-$prog" || fail "no pam_syslog line reached the output of $prog"
done
# pam_matrix (the test backend) stores passwords in clear in its passdb
# files, and lists/ holds the index's source list; everything else in the
# run's directory (logs, messages, the index, hook input) must be clean.
for canary in "$canary_good" "$canary_bad"; do
	if grep -r -a -F -l --exclude='passdb-*' --exclude-dir=lists -- "$canary" "$TMP"; then
		fail "a canary password leaked into the files above"
	fi
done
finish
