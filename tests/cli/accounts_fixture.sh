# Build a root file system with one account of each kind (sourced by the
# accounts and report tests). Usage: make_fixture_root DIR
# Hashes are of the fixture password "Fixture-Pw1"; no real secret.
Y='$y$j9T$F5Jx5fExrKuPp53xLKQ..1$FETLYUjI3kT6CTNf0Q1fFgFFyVsPP4rnnS4gf44qgW9'
S6='$6$saltsalt$.nO.ukP6j8P7tOxf7bSI93R5XGOkm/VGzP6baa0MhBGbgwwqCO9iup.AbTGJb7D647UtCeik/ix8DlLvXSJ1e/'
S6R='$6$rounds=65536$saltsalt$MQ0reH5ggnDPBzB2hF6WRC1zexhcARnUtpqmjnoJnv48FsVOAkISXqe9mpMhtjfdYSSxVjF7/1umKoe6uL9SN1'
M1='$1$saltsalt$CseCtIB1F5jQLNepRnJNm0'
KEY='ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyFixtureKeyFixtureKeyFixtureKey0 fixture@example'

make_fixture_root() {
	r=$1
	today=$(( $(date +%s) / 86400 ))
	mkdir -p "$r/etc/ssh/sshd_config.d" "$r/etc/ssh/keys" "$r/etc/sudoers.d" "$r/etc/cron.d" \
		"$r/etc/systemd/system" "$r/usr/lib/systemd/system" "$r/var/spool/cron/crontabs" \
		"$r/var/log" "$r/home/alice/.ssh" "$r/home/locked/.ssh" "$r/home/evil/.ssh" \
		"$r/var/lib/svc" "$r/srv" "$r/var/backups"
	ln -s usr/lib "$r/lib"
	cat >"$r/etc/login.defs" <<'EOT'
# fixture
UID_MIN			 1000
UID_MAX			60000
PASS_MAX_DAYS	99999
ENCRYPT_METHOD SHA512
EOT
	cat >"$r/etc/passwd" <<'EOT'
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/bin/sh
toor:x:0:0:second root:/root:/bin/bash
svc:x:998:998:service:/var/lib/svc:/usr/sbin/nologin
deploy:x:997:997:deploy:/srv/deploy:/usr/sbin/nologin
alice:x:1000:1000:Alice:/home/alice:/bin/bash
emptyuser:x:1001:1001::/home/emptyuser:/bin/bash
locked:x:1002:1002::/home/locked:/bin/bash
noexp:x:1003:1003::/home/noexp:/bin/bash
expired:x:1004:1004::/home/expired:/bin/bash
never:x:1005:1005::/home/never:/bin/bash
oldhash:x:1006:1006::/home/oldhash:/bin/bash
sha6:x:1007:1007::/home/sha6:/bin/bash
cronsvc:x:1008:1008::/home/cronsvc:/bin/bash
unitsvc:x:1009:1009::/home/unitsvc:/bin/bash
dupa:x:1500:1500::/home/dupa:/usr/sbin/nologin
dupb:x:1500:1500::/home/dupb:/usr/sbin/nologin
evil:x:1010:1010::/home/evil:/bin/bash
inpasswd:$S6R:1011:1011::/home/inpasswd:/bin/bash
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOT
	sed -i "s|\$S6R|$S6R|" "$r/etc/passwd"
	cat >"$r/etc/shadow" <<EOT
root:!:$today:0:99999:7:::
daemon:*:$today:0:99999:7:::
backup:$Y:$today:0:99999:7:::
toor:*:$today:0:99999:7:::
svc:*:$today:0:99999:7:::
deploy:*:$today:0:99999:7:::
alice:$Y:$today:0:90:7:::
emptyuser::$today:0:90:7:::
locked:!$Y:$today:0:90:7:::
noexp:$Y:$today:0:99999:7:::
expired:$Y:100:0:30:7:::
never:$Y:$today:0:90:7:::
oldhash:$M1:$today:0:90:7:::
sha6:$S6:$today:0:90:7:::
cronsvc:$S6R:$today:0:90:7:::
unitsvc:$S6R:$today:0:90:7:::
dupa:*:$today:0:99999:7:::
dupb:*:$today:0:99999:7:::
evil:!:$today:0:90:7:::
nobody:*:$today:0:99999:7:::
EOT
	cat >"$r/etc/group" <<'EOT'
root:x:0:
sudo:x:27:alice
deployers:x:2000:deploy
alice:x:1000:
EOT
	printf 'root:*::\nsudo:*::alice\ndeployers:$1$x$y::deploy\n' >"$r/etc/gshadow"
	cat >"$r/etc/sudoers" <<'EOT'
Defaults	env_reset
# User privilege specification
root	ALL=(ALL:ALL) ALL
%sudo	ALL=(ALL:ALL) ALL
@includedir /etc/sudoers.d
EOT
	cat >"$r/etc/sudoers.d/services" <<'EOT'
User_Alias SERVICES = svc, \
	nosuchuser
SERVICES ALL = (root) NOPASSWD: /usr/bin/systemctl restart svc
%deployers ALL=(ALL) NOPASSWD: ALL
EOT
	echo 'daemon ALL=(ALL) ALL' >"$r/etc/sudoers.d/README.ignored"
	cat >"$r/etc/ssh/sshd_config" <<'EOT'
Include /etc/ssh/sshd_config.d/*.conf
PasswordAuthentication yes
Match User deploy
	AuthorizedKeysFile /srv/%u_keys
EOT
	cat >"$r/etc/ssh/sshd_config.d/10-keys.conf" <<'EOT'
AuthorizedKeysFile	.ssh/authorized_keys /etc/ssh/keys/%u
EOT
	echo "$KEY" >"$r/etc/ssh/keys/svc"
	echo "$KEY" >"$r/srv/deploy_keys"
	echo "$KEY" >"$r/etc/ssh/keys/alicekeys"
	ln -s /etc/ssh/keys/alicekeys "$r/home/alice/.ssh/authorized_keys"
	echo "$KEY" >"$r/home/locked/.ssh/authorized_keys"
	# An absolute link that would leave the root: it must not be followed out.
	mkdir -p "$r.outside"
	echo "$KEY" >"$r.outside/keys"
	ln -s "$r.outside/keys" "$r/home/evil/.ssh/authorized_keys"
	printf 'SHELL=/bin/sh\n17 * * * * root cd / && run-parts /etc/cron.hourly\n' >"$r/etc/crontab"
	printf 'PATH=/usr/bin\n*/5 * * * * cronsvc /usr/local/bin/sync-job\n' >"$r/etc/cron.d/syncjob"
	printf '@daily /usr/bin/true\n' >"$r/var/spool/cron/crontabs/alice"
	printf '[Unit]\nDescription=fixture\n[Service]\nUser=unitsvc\nExecStart=/bin/true\n' \
		>"$r/usr/lib/systemd/system/unitsvc.service"
	ln -s /dev/null "$r/etc/systemd/system/masked.service"
	# lastlog: 292-byte records by UID; alice, noexp, oldhash, sha6, cronsvc, unitsvc logged in.
	python3 - "$r/var/log/lastlog" <<'EOT'
import struct, sys, time
t = int(time.time()) - 3600
with open(sys.argv[1], "wb") as f:
    for uid in (1000, 1003, 1006, 1007, 1008, 1009, 1011):
        f.seek(uid * 292)
        f.write(struct.pack("<i32s256s", t, b"pts/0", b"192.0.2.1"))
    f.truncate(1012 * 292)
EOT
}

# Expected classification: account class reasons (comma-separated, "-" = none).
# The class is what the account is; a human with problems stays human.
fixture_expected() {
	cat <<'EOT'
root system duplicate_uid
daemon system -
backup special system_account_with_password,login_shell,no_password_expiry,never_used
toor special uid0_not_root,duplicate_uid,login_shell
svc special authorized_keys,sudo_rights
deploy special authorized_keys,sudo_rights
alice human -
emptyuser human empty_password,never_used
locked human locked_with_authorized_keys,locked_account,never_used
noexp human no_password_expiry
expired human password_expired,never_used
never human never_used
oldhash human weak_hash_scheme
sha6 human low_hash_cost
cronsvc special service_account
unitsvc special service_account
dupa special duplicate_uid,locked_account
dupb special duplicate_uid,locked_account
evil human locked_account
inpasswd human hash_in_passwd,no_password_expiry
nobody system -
EOT
}
