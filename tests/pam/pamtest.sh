# Sourced by the tests/pam/*.sh scripts after tests/lib.sh: runs a test
# program under pam_wrapper with real libpam and the pam_matrix backend.
#
# pam_wrapper points libpam at a copy of $TMP/services (exported to the
# program as PAM_WRAPPER_RUNTIME_DIR); the programs refuse to run without
# it, so a missing preload can never reach the system's /etc/pam.d.
. "$top_builddir/tests/pam/pamtest.env"

pam_module="$top_builddir/pam_module/.libs/pam_credpolicy_testhooks.so"
real_module="$top_builddir/pam_module/.libs/pam_credpolicy.so"
[ -f "$pam_module" ] && [ -f "$real_module" ] || { echo "missing $pam_module or $real_module"; exit 99; }
[ -f "$PAM_WRAPPER_SO" ] || { echo "pam_wrapper not found ($PAM_WRAPPER_SO): apt-get install libpam-wrapper"; exit 99; }

mkdir -p "$TMP/services" "$TMP/work" "$TMP/locale/ja/LC_MESSAGES"
# Linux-PAM falls back to "other" for unknown services: deny everything.
printf 'auth required pam_deny.so\naccount required pam_deny.so\npassword required pam_deny.so\nsession required pam_deny.so\n' \
	>"$TMP/services/other"
# The Japanese catalogue, compiled from the source tree for this run
# (the module looks here only when CREDPOLICY_TESTING=1).
"$MSGFMT" -o "$TMP/locale/ja/LC_MESSAGES/credpolicy.mo" "$top_srcdir/po/ja.po" ||
	{ echo "msgfmt failed on po/ja.po"; exit 99; }

# Breach indexes built with the real tool: a good one (from a list kept in
# lists/, which the canary scan skips: it is the only place a canary may
# be in clear) and a truncated copy.
mkdir -p "$TMP/lists"
printf '%s\n' 'Hq8!vLm3#Tzp' "${canary_good:-Xq7#Zr2k-Wm9v!Jt4}" >"$TMP/lists/leaked.txt"
"$top_builddir/tests/bin/credpolicy" breach build -q -o "$TMP/work/leaked.idx" --format plain \
	"$TMP/lists/leaked.txt" || { echo "credpolicy breach build failed"; exit 99; }
head -c 100 "$TMP/work/leaked.idx" >"$TMP/work/truncated.idx"
# A damaged copy: every byte of the body flipped, header and directory
# intact, so it opens and only the per-block checksums can tell.
python3 - "$TMP/work/leaked.idx" "$TMP/work/damaged.idx" <<'PY' || exit 99
import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
off = struct.unpack_from("<Q", b, 64)[0]
for i in range(off, len(b)):
    b[i] ^= 0x5A
open(sys.argv[2], "wb").write(b)
PY

# run_wrapped PROGRAM [ARGS...]: run with the wrapper preloaded. Under
# ASan the sanitizer runtime must come first in LD_PRELOAD when the
# program loads it dynamically (gcc); clang links it statically. Either
# way RTLD_DEEPBIND must be off (pam_wrapper 1.1.4 reads the
# UID_WRAPPER_ name of that switch).
run_wrapped() {
	preload=$PAM_WRAPPER_SO
	if [ "$SANITIZERS" = yes ]; then
		asan_rt=$(ldd "$1" | awk '/libasan\.so/ { print $3; exit }')
		[ -n "$asan_rt" ] && preload="$asan_rt:$preload"
		export PAM_WRAPPER_DISABLE_DEEPBIND=1 UID_WRAPPER_DISABLE_DEEPBIND=1
	fi
	env LD_PRELOAD="$preload" PAM_WRAPPER=1 PAM_WRAPPER_SERVICE_DIR="$TMP/services" \
		PAM_WRAPPER_DEBUGLEVEL=2 \
		CREDPOLICY_PAM_MODULE="$pam_module" \
		CREDPOLICY_PAM_MODULE_REAL="$real_module" \
		PAM_MATRIX_MODULE="$PAM_WRAPPER_MODULES/pam_matrix.so" \
		PAM_SET_ITEMS_MODULE="$PAM_WRAPPER_MODULES/pam_set_items.so" \
		CREDPOLICY_LOCALEDIR="$TMP/locale" \
		CREDPOLICY_TEST_DIR="$TMP/work" \
		CREDPOLICY_TEST_INDEX="$TMP/work/leaked.idx" \
		CREDPOLICY_TEST_BAD_INDEX="$TMP/work/truncated.idx" \
		CREDPOLICY_TEST_DAMAGED_INDEX="$TMP/work/damaged.idx" \
		"$@"
}
