#!/bin/sh
# The whole test suite, as CI runs it:
#   1. gcc, -Werror: make check, then make distcheck;
#   2. gcc, -Werror, --without-hyperscan (the PCRE2-only scan engine): make check;
#   3. clang, -Werror, ASan+UBSan: make check;
#   4. clang libFuzzer targets (ASan+UBSan), each fuzzed FUZZ_SECONDS (default 20).
# As root (CI runs as root), stages 1-4 run where no developer's extra
# package can help them: tests/debian/fresh-root.sh builds the Debian
# packages (blhc and lintian clean), proves them on a fresh Debian 12 root
# made with debootstrap (installed with apt, smoke-tested, upgraded, purged
# without a trace), then runs the README's two commands, ./quickstart.sh and
# this script, in a second fresh root, where this script runs stages 1-4;
# then tests/fleet/run.sh runs the fleet playbooks with real Ansible on
# hosts made from fresh roots (install twice, audit, fleet report).
# FRESH_ROOT=0 runs stages 1-4 here instead and skips the fresh roots.
# Without root, stages 1-4 run here and the fresh roots are skipped.
# Build trees go to _build/; the source tree stays clean.
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)
log() { printf '\n==== %s\n' "$*"; }
passed=0 failed=0

[ -x configure ] || ./autogen.sh

log "formatting (clang-format, .clang-format)"
if git rev-parse --git-dir >/dev/null 2>&1; then
	git ls-files '*.c' '*.h' | xargs clang-format --dry-run --Werror ||
		{ echo "run 'make format' and commit"; echo "$passed passed, 1 failed"; exit 1; }
fi

build() { # name, configure args...
	name=$1; shift
	rm -rf "_build/$name"; mkdir -p "_build/$name"
	(cd "_build/$name" && "$src/configure" --enable-werror "$@" >configure.out) ||
		{ tail -30 "_build/$name/configure.out"; exit 2; }
	make -C "_build/$name" -j"$jobs" >/dev/null
}

count() { # add a stage's automake test-suite totals to the overall count
	p=$(sed -n 's/^# PASS: *//p' "$1" | tail -1)
	f=$(sed -n 's/^# FAIL: *//p' "$1" | tail -1)
	e=$(sed -n 's/^# ERROR: *//p' "$1" | tail -1)
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
}

check() { # name
	make -C "_build/$1" -j"$jobs" check >"_build/$1.check.out" 2>&1 || true
	grep -E '^(PASS|FAIL|SKIP|ERROR|XPASS|# )' "_build/$1.check.out" || true
	count "_build/$1.check.out"
	if grep -qE '^# (FAIL|ERROR|XPASS): *[1-9]' "_build/$1.check.out" ||
	   ! grep -q '^# TOTAL' "_build/$1.check.out"; then
		tail -40 "_build/$1.check.out"
		grep -l -E ':test-result: (FAIL|ERROR|XPASS)' $(find "_build/$1" -name '*.trs') 2>/dev/null |
			while read -r t; do echo "---- ${t%.trs}.log"; tail -80 "${t%.trs}.log"; done
		echo "$passed passed, $((failed > 0 ? failed : 1)) failed"
		exit 1
	fi
}

host_stages() {
	log "gcc build and make check"
	build gcc CC=gcc
	check gcc

	log "make distcheck"
	make -C _build/gcc -j"$jobs" distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror >/dev/null

	log "gcc build without Hyperscan (the PCRE2-only scan engine) and make check"
	build nohs CC=gcc --without-hyperscan
	check nohs

	log "clang ASan+UBSan build and make check"
	# -g: sanitizer reports name file and line (configure's default CFLAGS has no -g).
	build asan CC=clang --enable-sanitizers CFLAGS='-g -O2'
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 check asan

	log "libFuzzer targets"
	build fuzz CC=clang --enable-sanitizers --enable-fuzzing CFLAGS='-g -O2'
	make -C _build/fuzz -j"$jobs" check-fuzz-build >/dev/null
	tests/fuzz/run.sh _build/fuzz "$src"
}

# Where stages 1-4 run: in the second fresh root when we are root and not
# already inside it, else here.
if [ -n "${CREDPOLICY_FRESH_ROOT:-}" ] || [ "$(id -u)" != 0 ] || [ "${FRESH_ROOT:-1}" = 0 ]; then
	host_stages
	if [ -n "${CREDPOLICY_FRESH_ROOT:-}" ]; then
		log "fresh roots: skipped (this run is the one inside the fresh root)"
	elif [ "$(id -u)" != 0 ]; then
		log "fresh roots: skipped (needs root: debootstrap, chroot, mount; run sudo tests/run-all.sh)"
	else
		log "fresh roots: skipped (FRESH_ROOT=0)"
	fi
else
	log "Debian packages and the README's commands on fresh Debian 12 roots"
	tests/debian/fresh-root.sh _build/fresh ||
		{ echo "$passed passed, $((failed + 1)) failed"; exit 1; }
	# The inner run's totals are this run's.
	inner=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' _build/fresh/root2.run.log | tail -1)
	passed=$((passed + ${inner%% *})); failed=$((failed + ${inner##* }))

	log "the fleet playbooks with real Ansible (tests/fleet/run.sh)"
	FLEET_DEBS=_build/fresh/deb tests/fleet/run.sh _build/fleet ||
		{ echo "$passed passed, $((failed + 1)) failed"; exit 1; }
	passed=$((passed + 1))
fi

log "all test stages passed"
echo "$passed passed, $failed failed"
