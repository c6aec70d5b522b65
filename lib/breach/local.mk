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
