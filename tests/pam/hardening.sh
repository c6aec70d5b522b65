#!/bin/sh
# The module (loaded by setuid programs: passwd, su) and the programs are
# built hardened: full RELRO (GNU_RELRO and BIND_NOW), a stack protector,
# FORTIFY where configure enabled it (optimised builds without the
# sanitizers), CET notes where the compiler has -fcf-protection, and the
# programs are position-independent; and none of them has a test seam.
# Skipped only under --disable-hardening.
. "$top_srcdir/tests/lib.sh"
. "$top_builddir/tests/pam/pamtest.env"
command -v readelf >/dev/null || { echo "readelf not found (binutils)"; exit 99; }
[ "$HARDENING" = yes ] || { echo "configured with --disable-hardening"; exit 77; }

has() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; }

relro() { # file: full RELRO
	readelf -lW "$1" | grep -q 'GNU_RELRO' || fail "$1: no GNU_RELRO segment"
	readelf -dW "$1" | grep -Eq '\((FLAGS|FLAGS_1)\).*\b(BIND_NOW|NOW)\b' ||
		fail "$1: not linked with -z now (no BIND_NOW)"
}

imports() { # file: the undefined dynamic symbols, one a line
	readelf --dyn-syms -W "$1" | awk '$7 == "UND" { sub(/@.*/, "", $8); print $8 }'
}

module=$top_builddir/pam_module/.libs/pam_credpolicy.so
[ -f "$module" ] || { echo "missing $module"; exit 99; }
relro "$module"
imports "$module" >"$TMP/module.imports"
if has "$HARDEN_CFLAGS" -fstack-protector-strong; then
	grep -qx '__stack_chk_fail' "$TMP/module.imports" ||
		fail "$module: no stack protector (__stack_chk_fail not imported)"
fi
if has "$HARDEN_CPPFLAGS" -D_FORTIFY_SOURCE=2; then
	grep -q '^__.*_chk$' "$TMP/module.imports" ||
		fail "$module: FORTIFY configured but no __*_chk function imported"
fi
if has "$HARDEN_CFLAGS" -fcf-protection && [ "$(uname -m)" = x86_64 ]; then
	# The linker keeps the CET note only if every object has it, and
	# Debian 12's crti.o and crtn.o have none: check that our own objects,
	# the module's and the core library's, are compiled for IBT and SHSTK.
	# (object names depend on whether the target has its own flags)
	n=0
	for o in "$top_builddir"/pam_module/.libs/pam_credpolicy*.o \
		"$top_builddir"/lib/.libs/libcpcore_la-*.o; do
		[ -f "$o" ] || continue
		n=$((n + 1))
		readelf -nW "$o" | grep -q 'x86 feature:.*IBT.*SHSTK' ||
			fail "$o: -fcf-protection configured but no IBT/SHSTK note"
	done
	[ "$n" -gt 1 ] || fail "no object files of the module or libcpcore found to check"
fi
[ "$nfail" -eq 0 ] && ok "module: GNU_RELRO, BIND_NOW, stack protector$(has "$HARDEN_CPPFLAGS" -D_FORTIFY_SOURCE=2 && echo ', FORTIFY')"

for prog in credpolicy credaudit pam_module/credpolicy-leak-notify; do
	bin=$top_builddir/$prog
	[ -f "$bin" ] || { fail "missing $bin"; continue; }
	relro "$bin"
	if [ -n "$PIE_LDFLAGS" ]; then
		readelf -hW "$bin" | grep -q 'Type:.*DYN' || fail "$bin: not a position-independent executable"
	fi
	imports "$bin" | grep -qx '__stack_chk_fail' || fail "$bin: no stack protector"
	ok "$prog hardened"
done

# What is installed has no test seam (lib/seam.h): no build that ships
# reads the suite's variables; the suite's builds do.
for bin in credpolicy credaudit pam_module/credpolicy-leak-notify pam_module/.libs/pam_credpolicy.so; do
	grep -a -q -e CREDPOLICY_TESTING -e CREDPOLICY_LOCALEDIR "$top_builddir/$bin" &&
		fail "$bin reads a test seam's variable"
done
grep -a -q CREDPOLICY_TESTING "$top_builddir/tests/bin/credpolicy" ||
	fail "the suite's build of credpolicy has no test seam (is the check above looking at the right thing?)"
[ "$nfail" -eq 0 ] && ok "no test seam in the installed builds"
finish
