#!/bin/sh
# Crypto-erase verdicts on LUKS images built here: an active key slot
# fails clause 4(1); all slots killed (luksKillSlot), all slots erased
# (cryptsetup erase) and a wiped header over random data pass it.
# cryptsetup luksFormat needs root: skipped (77) otherwise.
. "$top_srcdir/tests/lib.sh"
[ -n "$TMP" ] && [ -d "$TMP" ] || { echo "ERROR: no temporary directory"; exit 99; }
CA="$top_builddir/tests/bin/credaudit"
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: cryptsetup luksFormat needs root; run make check as root (CI does)"
	exit 77
fi
command -v cryptsetup >/dev/null || { echo "SKIP: cryptsetup not installed (Debian cryptsetup-bin)"; exit 77; }

printf 'fixture-keyfile-not-a-secret' >"$TMP/key"
head -c 24M /dev/urandom >"$TMP/active.img"
fmt() { cryptsetup luksFormat --batch-mode --type "$1" --pbkdf pbkdf2 --pbkdf-force-iterations 1000 \
	--key-file "$TMP/key" "$2"; }
fmt luks2 "$TMP/active.img" || fail "luksFormat luks2"
cp "$TMP/active.img" "$TMP/killed.img"
cryptsetup luksKillSlot -q "$TMP/killed.img" 0 || fail "luksKillSlot"
cp "$TMP/active.img" "$TMP/erased.img"
cryptsetup erase -q "$TMP/erased.img" || fail "cryptsetup erase"
head -c 24M /dev/urandom >"$TMP/luks1.img"
fmt luks1 "$TMP/luks1.img" || fail "luksFormat luks1"
cryptsetup luksAddKey --batch-mode --pbkdf pbkdf2 --pbkdf-force-iterations 1000 \
	--key-file "$TMP/key" "$TMP/luks1.img" "$TMP/key" || fail "luksAddKey"
cp "$TMP/luks1.img" "$TMP/header-wiped.img"
dd if=/dev/zero of="$TMP/header-wiped.img" bs=1M count=2 conv=notrunc status=none
# and the random fill over the wiped header region again: no magic, no header
head -c 2M /dev/urandom | dd of="$TMP/header-wiped.img" bs=1M count=2 conv=notrunc status=none

state() { # image -> "state active total"
	"$CA" report --ledger "$TMP/leaks.jsonl" --no-scan --device "$TMP/$1" -o "$TMP/$1.json" >/dev/null 2>"$TMP/$1.err"
	echo "rc=$?" >>"$TMP/$1.err"
	python3 -c "import json,sys
d=json.load(open(sys.argv[1])); x=d['devices'][0]; l=x['luks']
v={y['clause']:y['verdict'] for y in d['verdicts']}
print(x['state'], l['keyslots_active'], l['type'], v['4(1)'])" "$TMP/$1.json"
}
[ "$(state active.img)" = "key_slots_active 1 LUKS2 fail" ] || fail "active: $(state active.img)"
[ "$(state killed.img)" = "crypto_erased 0 LUKS2 pass" ] || fail "killed: $(state killed.img)"
[ "$(state erased.img)" = "crypto_erased 0 LUKS2 pass" ] || fail "erased: $(state erased.img)"
[ "$(state luks1.img)" = "key_slots_active 2 LUKS1 fail" ] || fail "luks1: $(state luks1.img)"
[ "$(state header-wiped.img)" = "random_data 0 None pass" ] || fail "header wiped: $(state header-wiped.img)"
grep -q 'rc=1' "$TMP/active.img.err" || fail "active slot: exit status should be 1"
grep -q 'rc=0' "$TMP/killed.img.err" || fail "killed slots: exit status should be 0"
python3 "$top_srcdir/tests/cli/check_schema.py" "$top_srcdir/doc/report-schema.json" "$TMP/active.img.json" ||
	fail "schema"
finish
