#!/bin/sh
# credaudit scan on Windows stores as they are written: Group Policy
# Preferences and answer-file passwords decoded, VNC passwords decoded,
# UTF-16 registry exports and Remote Desktop files read as text; the
# canary secret in no output. Fixtures are encoded here with the
# published keys (openssl) and Windows' UTF-16LE.
. "$top_srcdir/tests/lib.sh"
CA="$top_builddir/tests/bin/credaudit"
RULES="$top_srcdir/conf/rules"
CANARY='Canary-Win-7rK2q'
command -v openssl >/dev/null || { fail "openssl not installed (a test dependency)"; finish; }
command -v iconv >/dev/null || { fail "iconv not installed"; finish; }
GPP_KEY=4e9906e8fcb66cc9faf49310620ffee8f496e806cc057990209b09a433b66c1b
VNC_KEY=e84ad660c4721ae0

R="$TMP/root"; mkdir -p "$R/sysvol/Groups" "$R/panther" "$R/home/bob/.vnc" "$R/pc"
# cpassword: AES-256-CBC of the UTF-16LE text, zero IV, base64 without '='
cpw=$(printf '%s' "$CANARY" | iconv -f UTF-8 -t UTF-16LE |
	openssl enc -aes-256-cbc -K $GPP_KEY -iv 00000000000000000000000000000000 -nosalt |
	base64 -w0 | tr -d =)
printf '<Groups><User name="Administrator (built-in)"><Properties action="U" cpassword="%s" userName="Administrator (built-in)"/></User></Groups>\n' \
	"$cpw" >"$R/sysvol/Groups/Groups.xml"
# Services.xml names the account before the password
printf '<NTServices><NTService name="Backup"><Properties serviceName="Backup" accountName="CORP\\svc_backup" cpassword="%s"/></NTService></NTServices>\n' \
	"$cpw" >"$R/sysvol/Services.xml"
# an answer file: base64 of UTF-16LE(password + element name), one in clear
enc=$(printf '%sAdministratorPassword' "$CANARY" | iconv -f UTF-8 -t UTF-16LE | base64 -w0)
# a long one, its base64 past 200 bytes (the answer file's element is the anchor)
long=$(printf '%s-%s-%s-%sPassword' "$CANARY" "$CANARY" "$CANARY" "$CANARY" | iconv -f UTF-8 -t UTF-16LE | base64 -w0)
cat >"$R/panther/unattend.xml" <<XML
<unattend><settings pass="oobeSystem"><component><UserAccounts>
<AdministratorPassword><Value>$enc</Value><PlainText>false</PlainText></AdministratorPassword>
<LocalAccounts><LocalAccount><Password><Value>$CANARY-2</Value><PlainText>true</PlainText></Password>
<Name>operator</Name></LocalAccount></LocalAccounts></UserAccounts>
<AutoLogon><Password><Value>$long</Value><PlainText>false</PlainText></Password></AutoLogon></component></settings></unattend>
XML
# VNC: DES under the shared key of the password NUL-padded to 8 bytes
vnc() { printf '%s' "$1" | head -c 8 >"$TMP/p.bin"
	head -c $((8 - $(wc -c <"$TMP/p.bin"))) /dev/zero >>"$TMP/p.bin"
	openssl enc -des-ecb -K $VNC_KEY -nopad -provider legacy -provider default -in "$TMP/p.bin"; }
vnc "Vnc7!pw" >"$R/home/bob/.vnc/passwd" || fail "openssl: no DES (legacy provider)"
printf '[connection]\r\nhost=10.0.0.5\r\npassword=%s\r\n' "$(vnc "Vnc8!pw" | od -An -tx1 | tr -d ' \n')" \
	>"$R/pc/office.vnc"
# regedit's export and a Remote Desktop file: UTF-16LE with a BOM, CRLF
printf '\357\273\277Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon]\r\n"DefaultUserName"="kiosk"\r\n"DefaultPassword"="%s-3"\r\n' \
	"$CANARY" | iconv -f UTF-8 -t UTF-16LE >"$R/pc/winlogon.reg"
# a full registry export, past the size a file is split across threads at
{ printf '\357\273\277Windows Registry Editor Version 5.00\r\n\r\n'
  i=0; while [ $i -lt 5500 ]; do
	printf '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor\\App%04d]\r\n"Setting%04d"="%0800d"\r\n\r\n' $i $i 0
	i=$((i + 1)); done
  printf '"DefaultPassword"="%s-4"\r\n' "$CANARY"; } | iconv -f UTF-8 -t UTF-16LE >"$R/pc/hklm.reg"
printf '\357\273\277full address:s:rdp01\r\npassword 51:b:01000000D08C9DDF0115D1118C7A00C04FC297EB0100000052A9E191EA75A948B359790578C9371A\r\n' |
	iconv -f UTF-8 -t UTF-16LE >"$R/pc/rdp01.rdp"

timeout 60 "$CA" scan --rules "$RULES" --format json --jobs 2 "$R" >"$TMP/out.json" 2>"$TMP/err"
[ $? -eq 1 ] || fail "scan did not exit 1 (findings): $(cat "$TMP/err")"
python3 - "$TMP/out.json" <<'PY' || fail "Windows stores: $(cat "$TMP/out.json")"
import json, sys
f = [json.loads(l) for l in open(sys.argv[1]) if '"rule"' in l]
got = {(x["path"].split("/root/", 1)[1], x["rule"], x["line"], x["recoverable"]) for x in f}
want = {
    ("sysvol/Groups/Groups.xml", "gpp-cpassword", 1, True),
    ("sysvol/Services.xml", "gpp-cpassword", 1, True),
    ("panther/unattend.xml", "unattend-admin-password-encoded", 2, True),
    ("panther/unattend.xml", "unattend-password-encoded", 5, True),
    ("pc/hklm.reg", "password-assignment", 16503, False),
    ("panther/unattend.xml", "unattend-password", 3, False),
    ("home/bob/.vnc/passwd", "vnc-passwd-file", 1, True),
    ("pc/office.vnc", "vnc-config-password", 3, True),
    ("pc/winlogon.reg", "password-assignment", 5, False),
    ("pc/rdp01.rdp", "rdp-file-password", 2, False),
}
assert got == want, sorted(got ^ want)
acc = {x["path"].rsplit("/", 1)[1]: x["account"] for x in f if x["rule"] == "gpp-cpassword"}
assert acc == {"Groups.xml": "Administrator (built-in)", "Services.xml": "CORP\\svc_backup"}, acc
assert all(x["severity"] == "critical" for x in f if x["rule"] == "gpp-cpassword"), f
lens = {x["rule"]: x["secret"]["redacted"] for x in f}
assert lens["gpp-cpassword"].endswith("(16)"), lens  # the recovered password's length
assert lens["vnc-passwd-file"].endswith("(7)"), lens
PY
# the canary in no output format
for fmt in text json sarif; do
	timeout 60 "$CA" scan --rules "$RULES" --all --format $fmt "$R" >"$TMP/o.$fmt" 2>&1
	[ $? -eq 1 ] || fail "$fmt: scan did not exit 1"
	[ -s "$TMP/o.$fmt" ] || fail "$fmt: no output"
	for s in "$CANARY" 'Vnc7!pw' 'Vnc8!pw'; do
		grep -qF "$s" "$TMP/o.$fmt" && fail "a recovered password in $fmt output"
	done
done
finish
