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
	lib/rules/decoders/pkcs12.c \
	lib/rules/decoders/htpasswd.c \
	lib/rules/decoders/basic_auth.c \
	lib/rules/decoders/grafana.c \
	lib/rules/decoders/filezilla.c \
	lib/rules/decoders/winscp.c \
	lib/rules/decoders/rclone.c \
	lib/rules/decoders/softether.c \
	lib/rules/decoders/browser_store.c \
	lib/rules/decoders/sqlite_image.c lib/rules/decoders/sqlite_image.h \
	lib/rules/decoders/keyring.c \
	lib/rules/decoders/gpp.c \
	lib/rules/decoders/unattend.c \
	lib/rules/decoders/vnc.c \
	lib/rules/decoders/sql_dump.c
# rclone and Chromium need AES (nettle); Chromium's store is SQLite.
libcpaudit_la_CFLAGS += $(NETTLE_CFLAGS) $(SQLITE_CFLAGS)
libcpaudit_la_LIBADD += $(NETTLE_LIBS) $(SQLITE_LIBS)

EXTRA_DIST += doc/decoders.md

# ---- unit tests: known vectors for every decoder -------------------------
if HAVE_CMOCKA
decoder_test_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(CRYPT_CFLAGS) $(NETTLE_CFLAGS) \
	$(SQLITE_CFLAGS)
decoder_test_ldadd = libcpaudit.la libcpseam_test.la $(CMOCKA_LIBS) $(CRYPT_LIBS) $(NETTLE_LIBS) $(SQLITE_LIBS)
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

# ---- fuzz target: one for every decoder ---------------------------------
# The corpus directory picks the decoder: tests/fuzz/corpus/decoder_NAME
# fuzzes NAME. tests/fuzz/decoders.sh replays each corpus in make check and
# checks every decoder has one; tests/fuzz/run.sh fuzzes each in turn.
fuzz_targets += tests/fuzz/fuzz_decoder
check_PROGRAMS += tests/fuzz/fuzz_decoder
tests_fuzz_fuzz_decoder_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_LDADD = libcpaudit.la libcpseam.la
if !FUZZING
TESTS += tests/fuzz/decoders.sh
endif
EXTRA_DIST += tests/fuzz/decoders.sh \
	tests/fuzz/corpus/decoder_base64 \
	tests/fuzz/corpus/decoder_basic_auth \
	tests/fuzz/corpus/decoder_chromium_logins \
	tests/fuzz/corpus/decoder_cisco7 \
	tests/fuzz/corpus/decoder_cisco_secret \
	tests/fuzz/corpus/decoder_crypt \
	tests/fuzz/corpus/decoder_filezilla \
	tests/fuzz/corpus/decoder_firefox_logins \
	tests/fuzz/corpus/decoder_fortios_enc \
	tests/fuzz/corpus/decoder_gpp_cpassword \
	tests/fuzz/corpus/decoder_gnome_keyring \
	tests/fuzz/corpus/decoder_grafana_key \
	tests/fuzz/corpus/decoder_htpasswd \
	tests/fuzz/corpus/decoder_juniper9 \
	tests/fuzz/corpus/decoder_privkey \
	tests/fuzz/corpus/decoder_privkey_base64 \
	tests/fuzz/corpus/decoder_pkcs12 \
	tests/fuzz/corpus/decoder_rclone \
	tests/fuzz/corpus/decoder_softether \
	tests/fuzz/corpus/decoder_unattend \
	tests/fuzz/corpus/decoder_unattend_admin \
	tests/fuzz/corpus/decoder_vnc \
	tests/fuzz/corpus/decoder_sql_insert \
	tests/fuzz/corpus/decoder_sql_copy \
	tests/fuzz/corpus/decoder_sql_table \
	tests/fuzz/corpus/decoder_winscp
