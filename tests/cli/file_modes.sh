#!/bin/sh
# Outputs honour the umask, and files holding findings or fingerprints
# (scan results, baselines, disposal and fleet reports) are private (0600) even under
# umask 022; the breach index, public data, is 0644 less the umask.
. "$top_srcdir/tests/lib.sh"
CA="$top_builddir/tests/bin/credaudit"
CP="$top_builddir/tests/bin/credpolicy"
RULES="$top_srcdir/conf/rules"
mode() { stat -c %a "$1"; }

mkdir -p "$TMP/tree" "$TMP/root/etc" "$TMP/nohooks"
printf 'user = app\npassword = Canary-Mode-7c1Qz\n' >"$TMP/tree/db.conf"
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$TMP/root/etc/passwd"
printf 'root:*:19000:0:99999:7:::\n' >"$TMP/root/etc/shadow"
printf 'letmein\npassword\n' >"$TMP/list.txt"
mkdir -p "$TMP/hosts/web1"
printf '{"status":"unreachable"}\n' >"$TMP/hosts/web1/host-status.json"

for mask in 022 077; do
	d="$TMP/out$mask"
	mkdir -p "$d"
	(
		umask $mask
		"$CA" scan --rules "$RULES" --format json -o "$d/scan.json" \
			--write-baseline "$d/baseline.jsonl" "$TMP/tree" >/dev/null 2>&1
		"$CA" report --root "$TMP/root" --rules "$RULES" --hooks-dir "$TMP/nohooks" \
			-o "$d/report.html" >/dev/null 2>&1
		"$CA" fleet-report -o "$d/fleet.html" "$TMP/hosts/web1" >/dev/null 2>&1
		"$CP" breach build -o "$d/breach.idx" "$TMP/list.txt" >/dev/null 2>&1
	)
	for f in scan.json baseline.jsonl report.json report.html fleet.json fleet.html; do
		if [ ! -f "$d/$f" ]; then
			fail "umask $mask: $f not written"
		elif [ "$(mode "$d/$f")" != 600 ]; then
			fail "umask $mask: $f is $(mode "$d/$f"), want 600"
		fi
	done
	want=644
	[ $mask = 077 ] && want=600
	if [ ! -f "$d/breach.idx" ]; then
		fail "umask $mask: breach.idx not written"
	elif [ "$(mode "$d/breach.idx")" != $want ]; then
		fail "umask $mask: breach.idx is $(mode "$d/breach.idx"), want $want"
	fi
done
[ "$nfail" -eq 0 ] && ok "modes follow the umask; findings are 0600"
finish
