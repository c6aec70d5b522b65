#!/bin/sh
# Only the PAM entry points may be visible in the installed module.
. "$top_srcdir/tests/lib.sh"

so="$top_builddir/pam_module/.libs/pam_credpolicy.so"
[ -f "$so" ] || { echo "missing $so"; exit 99; }
nm -D --defined-only "$so" | awk '{ print $NF }' | sort >"$TMP/syms"
cat "$TMP/syms"
printf '%s\n' pam_sm_acct_mgmt pam_sm_authenticate pam_sm_chauthtok pam_sm_setcred >"$TMP/want"
grep -v -x -F -f "$TMP/want" "$TMP/syms" >"$TMP/extra" && fail "exported beyond pam_sm_*: $(tr '\n' ' ' <"$TMP/extra")"
grep -x -F -f "$TMP/syms" "$TMP/want" | cmp -s - "$TMP/want" || fail "missing entry points"
finish
