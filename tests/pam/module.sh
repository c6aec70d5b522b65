#!/bin/sh
# pam_credpolicy.so through real libpam: the change flow, every reason,
# retries, root exemption, failing closed, both languages, and the
# canary: a distinctive password typed in every case must appear in no
# log line (PAM_WRAPPER_DEBUGLEVEL=2 shows every pam_syslog line; level 3
# would print tokens by design), no message and no output.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pam/pamtest.sh"

# Two canaries: one the policy accepts, one it rejects.
canary_good='Xq7#Zr2k-Wm9v!Jt4'
canary_bad='zr2kwm9vjt4xq7'
rc=0
CANARY_GOOD=$canary_good CANARY_BAD=$canary_bad run_wrapped "$top_builddir/tests/pam/test_chauthtok" \
	>"$TMP/out" 2>&1 || rc=$?
cat "$TMP/out"
# 77 means the program found no pam_wrapper: here that is a failure.
[ "$rc" -eq 0 ] || fail "test_chauthtok exited $rc"
grep -q 'SYSLOG' "$TMP/out" || fail "no pam_syslog line reached the captured output"
# pam_matrix (the test backend) stores passwords in clear in its passdb
# files; everything else in the run's directory must be clean.
for canary in "$canary_good" "$canary_bad"; do
	if grep -r -a -F -l --exclude='passdb-*' -- "$canary" "$TMP"; then
		fail "a canary password leaked into the files above"
	fi
done
finish
