# tests/unit: cmocka unit tests of lib/
if HAVE_CMOCKA
unit_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(NETTLE_CFLAGS) $(JSONC_CFLAGS)
unit_ldadd = libcpcore.la libcpseam_test.la $(CMOCKA_LIBS)
unit_ldflags = $(AM_LDFLAGS) -no-install

check_PROGRAMS += tests/unit/test_common
tests_unit_test_common_SOURCES = tests/unit/test_common.c
tests_unit_test_common_CFLAGS = $(unit_cflags)
tests_unit_test_common_LDADD = $(unit_ldadd)
tests_unit_test_common_LDFLAGS = $(unit_ldflags)
TESTS += tests/unit/test_common

check_PROGRAMS += tests/unit/test_fingerprint_key
tests_unit_test_fingerprint_key_SOURCES = tests/unit/test_fingerprint_key.c
tests_unit_test_fingerprint_key_CFLAGS = $(unit_cflags)
tests_unit_test_fingerprint_key_LDADD = $(unit_ldadd)
tests_unit_test_fingerprint_key_LDFLAGS = $(unit_ldflags)
TESTS += tests/unit/test_fingerprint_key

check_PROGRAMS += tests/unit/test_text_escape
tests_unit_test_text_escape_SOURCES = tests/unit/test_text_escape.c
tests_unit_test_text_escape_CFLAGS = $(unit_cflags)
tests_unit_test_text_escape_LDADD = $(unit_ldadd) $(JSONC_LIBS)
tests_unit_test_text_escape_LDFLAGS = $(unit_ldflags)
TESTS += tests/unit/test_text_escape
endif
