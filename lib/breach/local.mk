# lib/breach: the compromised-password index (clauses 3(1)③④).
# The reader (open, lookup, info, verify, password hashing) goes into
# libcpcore, which the PAM module loads; the builder is a separate
# convenience library linked only into the credpolicy CLI, tests and bench.
noinst_HEADERS += lib/breach/breach_index.h lib/breach/breach_format.h \
	lib/breach/breach_build.h
libcpcore_la_SOURCES += lib/breach/breach_index.c lib/breach/breach_hash.c \
	lib/breach/breach_format.c

noinst_LTLIBRARIES += libcpbreachbuild.la
libcpbreachbuild_la_SOURCES = lib/breach/breach_build.c
libcpbreachbuild_la_CFLAGS = $(AM_CFLAGS) $(NETTLE_CFLAGS)
libcpbreachbuild_la_LIBADD = $(NETTLE_LIBS) -lm

# Tests: cmocka units, CLI end to end, the index reader's fuzz target.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_breach_index
tests_unit_test_breach_index_SOURCES = tests/unit/test_breach_index.c
tests_unit_test_breach_index_CFLAGS = $(unit_cflags)
tests_unit_test_breach_index_LDADD = libcpbreachbuild.la $(unit_ldadd)
tests_unit_test_breach_index_LDFLAGS = $(unit_ldflags)
TESTS += tests/unit/test_breach_index
endif
