# lib/rules/decoders: formats a regex cannot judge (doc/decoders.md)
noinst_HEADERS += lib/rules/decoders/decoder.h lib/rules/decoders/hash_scheme.h \
	lib/rules/decoders/decode_util.h

libcpaudit_la_SOURCES += \
	lib/rules/decoders/registry.c \
	lib/rules/decoders/decode_util.c \
	lib/rules/decoders/cisco.c \
	lib/rules/decoders/juniper.c \
	lib/rules/decoders/fortios.c \
	lib/rules/decoders/hash_scheme.c \
	lib/rules/decoders/privkey.c \
	lib/rules/decoders/htpasswd.c \
	lib/rules/decoders/basic_auth.c \
	lib/rules/decoders/filezilla.c \
	lib/rules/decoders/winscp.c \
	lib/rules/decoders/rclone.c \
	lib/rules/decoders/browser_store.c \
	lib/rules/decoders/sqlite_image.c lib/rules/decoders/sqlite_image.h \
	lib/rules/decoders/keyring.c
# rclone and Chromium need AES (nettle); Chromium's store is SQLite.
libcpaudit_la_CFLAGS += $(NETTLE_CFLAGS) $(SQLITE_CFLAGS)
libcpaudit_la_LIBADD += $(NETTLE_LIBS) $(SQLITE_LIBS)

EXTRA_DIST += doc/decoders.md

# ---- unit tests: known vectors for every decoder -------------------------
if HAVE_CMOCKA
decoder_test_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(CRYPT_CFLAGS) $(NETTLE_CFLAGS) \
	$(SQLITE_CFLAGS)
decoder_test_ldadd = libcpaudit.la $(CMOCKA_LIBS) $(CRYPT_LIBS) $(NETTLE_LIBS) $(SQLITE_LIBS)
decoder_tests = test_decoders_network test_hash_scheme test_privkey test_client_stores

check_PROGRAMS += tests/unit/test_decoders_network
TESTS += tests/unit/test_decoders_network
tests_unit_test_decoders_network_SOURCES = tests/unit/test_decoders_network.c tests/unit/decoder_check.h
tests_unit_test_decoders_network_CFLAGS = $(decoder_test_cflags)
tests_unit_test_decoders_network_LDADD = $(decoder_test_ldadd)
tests_unit_test_decoders_network_LDFLAGS = $(unit_ldflags)

check_PROGRAMS += tests/unit/test_hash_scheme
TESTS += tests/unit/test_hash_scheme
tests_unit_test_hash_scheme_SOURCES = tests/unit/test_hash_scheme.c tests/unit/decoder_check.h
tests_unit_test_hash_scheme_CFLAGS = $(decoder_test_cflags)
tests_unit_test_hash_scheme_LDADD = $(decoder_test_ldadd)
tests_unit_test_hash_scheme_LDFLAGS = $(unit_ldflags)

check_PROGRAMS += tests/unit/test_privkey
TESTS += tests/unit/test_privkey
tests_unit_test_privkey_SOURCES = tests/unit/test_privkey.c tests/unit/decoder_check.h
tests_unit_test_privkey_CFLAGS = $(decoder_test_cflags)
tests_unit_test_privkey_LDADD = $(decoder_test_ldadd)
tests_unit_test_privkey_LDFLAGS = $(unit_ldflags)

check_PROGRAMS += tests/unit/test_client_stores
TESTS += tests/unit/test_client_stores
tests_unit_test_client_stores_SOURCES = tests/unit/test_client_stores.c tests/unit/decoder_check.h
tests_unit_test_client_stores_CFLAGS = $(decoder_test_cflags)
tests_unit_test_client_stores_LDADD = $(decoder_test_ldadd)
tests_unit_test_client_stores_LDFLAGS = $(unit_ldflags)
endif

# ---- fuzz targets: one per decoder, all built from fuzz_decoder.c --------
# FUZZ_DECODER names the decoder; the corpus is tests/fuzz/corpus/decoder_NAME.
decoder_fuzz_ldadd = libcpaudit.la

fuzz_targets += tests/fuzz/fuzz_decoder_cisco7
check_PROGRAMS += tests/fuzz/fuzz_decoder_cisco7
tests_fuzz_fuzz_decoder_cisco7_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_cisco7_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"cisco7"' \
	$(fuzz_corpus)decoder_cisco7"'
tests_fuzz_fuzz_decoder_cisco7_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_cisco7_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_cisco7

fuzz_targets += tests/fuzz/fuzz_decoder_cisco_secret
check_PROGRAMS += tests/fuzz/fuzz_decoder_cisco_secret
tests_fuzz_fuzz_decoder_cisco_secret_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_cisco_secret_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"cisco-secret"' \
	$(fuzz_corpus)decoder_cisco_secret"'
tests_fuzz_fuzz_decoder_cisco_secret_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_cisco_secret_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_cisco_secret

fuzz_targets += tests/fuzz/fuzz_decoder_fortios_enc
check_PROGRAMS += tests/fuzz/fuzz_decoder_fortios_enc
tests_fuzz_fuzz_decoder_fortios_enc_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_fortios_enc_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"fortios-enc"' \
	$(fuzz_corpus)decoder_fortios_enc"'
tests_fuzz_fuzz_decoder_fortios_enc_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_fortios_enc_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_fortios_enc

fuzz_targets += tests/fuzz/fuzz_decoder_juniper9
check_PROGRAMS += tests/fuzz/fuzz_decoder_juniper9
tests_fuzz_fuzz_decoder_juniper9_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_juniper9_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"juniper9"' \
	$(fuzz_corpus)decoder_juniper9"'
tests_fuzz_fuzz_decoder_juniper9_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_juniper9_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_juniper9

fuzz_targets += tests/fuzz/fuzz_decoder_crypt
check_PROGRAMS += tests/fuzz/fuzz_decoder_crypt
tests_fuzz_fuzz_decoder_crypt_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_crypt_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"crypt"' \
	$(fuzz_corpus)decoder_crypt"'
tests_fuzz_fuzz_decoder_crypt_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_crypt_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_crypt

fuzz_targets += tests/fuzz/fuzz_decoder_privkey
check_PROGRAMS += tests/fuzz/fuzz_decoder_privkey
tests_fuzz_fuzz_decoder_privkey_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_privkey_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"privkey"' \
	$(fuzz_corpus)decoder_privkey"'
tests_fuzz_fuzz_decoder_privkey_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_privkey_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_privkey

fuzz_targets += tests/fuzz/fuzz_decoder_htpasswd
check_PROGRAMS += tests/fuzz/fuzz_decoder_htpasswd
tests_fuzz_fuzz_decoder_htpasswd_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_htpasswd_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"htpasswd"' \
	$(fuzz_corpus)decoder_htpasswd"'
tests_fuzz_fuzz_decoder_htpasswd_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_htpasswd_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_htpasswd

fuzz_targets += tests/fuzz/fuzz_decoder_basic_auth
check_PROGRAMS += tests/fuzz/fuzz_decoder_basic_auth
tests_fuzz_fuzz_decoder_basic_auth_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_basic_auth_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"basic-auth"' \
	$(fuzz_corpus)decoder_basic_auth"'
tests_fuzz_fuzz_decoder_basic_auth_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_basic_auth_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_basic_auth

fuzz_targets += tests/fuzz/fuzz_decoder_base64
check_PROGRAMS += tests/fuzz/fuzz_decoder_base64
tests_fuzz_fuzz_decoder_base64_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_base64_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"base64"' \
	$(fuzz_corpus)decoder_base64"'
tests_fuzz_fuzz_decoder_base64_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_base64_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_base64

fuzz_targets += tests/fuzz/fuzz_decoder_filezilla
check_PROGRAMS += tests/fuzz/fuzz_decoder_filezilla
tests_fuzz_fuzz_decoder_filezilla_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_filezilla_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"filezilla"' \
	$(fuzz_corpus)decoder_filezilla"'
tests_fuzz_fuzz_decoder_filezilla_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_filezilla_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_filezilla

fuzz_targets += tests/fuzz/fuzz_decoder_winscp
check_PROGRAMS += tests/fuzz/fuzz_decoder_winscp
tests_fuzz_fuzz_decoder_winscp_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_winscp_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"winscp"' \
	$(fuzz_corpus)decoder_winscp"'
tests_fuzz_fuzz_decoder_winscp_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_winscp_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_winscp

fuzz_targets += tests/fuzz/fuzz_decoder_rclone
check_PROGRAMS += tests/fuzz/fuzz_decoder_rclone
tests_fuzz_fuzz_decoder_rclone_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_rclone_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"rclone"' \
	$(fuzz_corpus)decoder_rclone"'
tests_fuzz_fuzz_decoder_rclone_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_rclone_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_rclone

fuzz_targets += tests/fuzz/fuzz_decoder_firefox_logins
check_PROGRAMS += tests/fuzz/fuzz_decoder_firefox_logins
tests_fuzz_fuzz_decoder_firefox_logins_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_firefox_logins_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"firefox-logins"' \
	$(fuzz_corpus)decoder_firefox_logins"'
tests_fuzz_fuzz_decoder_firefox_logins_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_firefox_logins_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_firefox_logins

fuzz_targets += tests/fuzz/fuzz_decoder_gnome_keyring
check_PROGRAMS += tests/fuzz/fuzz_decoder_gnome_keyring
tests_fuzz_fuzz_decoder_gnome_keyring_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_gnome_keyring_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"gnome-keyring"' \
	$(fuzz_corpus)decoder_gnome_keyring"'
tests_fuzz_fuzz_decoder_gnome_keyring_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_gnome_keyring_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_gnome_keyring

fuzz_targets += tests/fuzz/fuzz_decoder_chromium_logins
check_PROGRAMS += tests/fuzz/fuzz_decoder_chromium_logins
tests_fuzz_fuzz_decoder_chromium_logins_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_chromium_logins_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"chromium-logins"' \
	$(fuzz_corpus)decoder_chromium_logins"'
tests_fuzz_fuzz_decoder_chromium_logins_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_chromium_logins_LDADD = $(decoder_fuzz_ldadd)
EXTRA_DIST += tests/fuzz/corpus/decoder_chromium_logins

if !FUZZING
TESTS += tests/fuzz/fuzz_decoder_cisco7 \
	tests/fuzz/fuzz_decoder_gnome_keyring \
	tests/fuzz/fuzz_decoder_fortios_enc \
	tests/fuzz/fuzz_decoder_cisco_secret \
	tests/fuzz/fuzz_decoder_juniper9 \
	tests/fuzz/fuzz_decoder_crypt \
	tests/fuzz/fuzz_decoder_privkey \
	tests/fuzz/fuzz_decoder_htpasswd \
	tests/fuzz/fuzz_decoder_basic_auth \
	tests/fuzz/fuzz_decoder_base64 \
	tests/fuzz/fuzz_decoder_filezilla \
	tests/fuzz/fuzz_decoder_winscp \
	tests/fuzz/fuzz_decoder_rclone \
	tests/fuzz/fuzz_decoder_firefox_logins \
	tests/fuzz/fuzz_decoder_chromium_logins
endif
