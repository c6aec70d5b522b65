# lib/audit/decoders: formats a regex cannot judge
noinst_HEADERS += lib/audit/decoder.h lib/audit/hash_scheme.h \
	lib/audit/decoders/decode_util.h

libcpaudit_la_SOURCES += \
	lib/audit/decoders/registry.c \
	lib/audit/decoders/decode_util.c \
	lib/audit/decoders/cisco.c \
	lib/audit/decoders/juniper.c \
	lib/audit/decoders/hash_scheme.c

# ---- unit tests: known vectors for every decoder -------------------------
if HAVE_CMOCKA
decoder_test_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(CRYPT_CFLAGS)
decoder_test_ldadd = libcpaudit.la $(CMOCKA_LIBS) $(CRYPT_LIBS)

check_PROGRAMS += tests/unit/test_decoders_network tests/unit/test_hash_scheme
TESTS += tests/unit/test_decoders_network tests/unit/test_hash_scheme

tests_unit_test_decoders_network_SOURCES = tests/unit/test_decoders_network.c \
	tests/unit/decoder_check.h
tests_unit_test_decoders_network_CFLAGS = $(decoder_test_cflags)
tests_unit_test_decoders_network_LDADD = $(decoder_test_ldadd)
tests_unit_test_decoders_network_LDFLAGS = $(unit_ldflags)

tests_unit_test_hash_scheme_SOURCES = tests/unit/test_hash_scheme.c tests/unit/decoder_check.h
tests_unit_test_hash_scheme_CFLAGS = $(decoder_test_cflags)
tests_unit_test_hash_scheme_LDADD = $(decoder_test_ldadd)
tests_unit_test_hash_scheme_LDFLAGS = $(unit_ldflags)
endif

# ---- fuzz targets: one per decoder, all built from fuzz_decoder.c --------
# Each runs its decoder on the input and checks the struct's invariants.
decoder_fuzz_ldadd = libcpaudit.la
EXTRA_DIST += tests/fuzz/corpus/decoder_cisco7 tests/fuzz/corpus/decoder_cisco_secret \
	tests/fuzz/corpus/decoder_juniper9 tests/fuzz/corpus/decoder_crypt

fuzz_targets += tests/fuzz/fuzz_decoder_cisco7
check_PROGRAMS += tests/fuzz/fuzz_decoder_cisco7
tests_fuzz_fuzz_decoder_cisco7_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_cisco7_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"cisco7"' \
	$(fuzz_corpus)decoder_cisco7"'
tests_fuzz_fuzz_decoder_cisco7_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_cisco7_LDADD = $(decoder_fuzz_ldadd)

fuzz_targets += tests/fuzz/fuzz_decoder_cisco_secret
check_PROGRAMS += tests/fuzz/fuzz_decoder_cisco_secret
tests_fuzz_fuzz_decoder_cisco_secret_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_cisco_secret_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"cisco-secret"' \
	$(fuzz_corpus)decoder_cisco_secret"'
tests_fuzz_fuzz_decoder_cisco_secret_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_cisco_secret_LDADD = $(decoder_fuzz_ldadd)

fuzz_targets += tests/fuzz/fuzz_decoder_juniper9
check_PROGRAMS += tests/fuzz/fuzz_decoder_juniper9
tests_fuzz_fuzz_decoder_juniper9_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_juniper9_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"juniper9"' \
	$(fuzz_corpus)decoder_juniper9"'
tests_fuzz_fuzz_decoder_juniper9_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_juniper9_LDADD = $(decoder_fuzz_ldadd)

fuzz_targets += tests/fuzz/fuzz_decoder_crypt
check_PROGRAMS += tests/fuzz/fuzz_decoder_crypt
tests_fuzz_fuzz_decoder_crypt_SOURCES = tests/fuzz/fuzz_decoder.c $(fuzz_main_src)
tests_fuzz_fuzz_decoder_crypt_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_DECODER='"crypt"' \
	$(fuzz_corpus)decoder_crypt"'
tests_fuzz_fuzz_decoder_crypt_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_decoder_crypt_LDADD = $(decoder_fuzz_ldadd)

if !FUZZING
TESTS += tests/fuzz/fuzz_decoder_cisco7 tests/fuzz/fuzz_decoder_cisco_secret \
	tests/fuzz/fuzz_decoder_juniper9 tests/fuzz/fuzz_decoder_crypt
endif
