# frame/: what both CLIs share -- dispatch to a subcommand (--help,
# --version, locale) and the readers of option values.
noinst_LTLIBRARIES += libcpframe.la
libcpframe_la_SOURCES = frame/dispatch.c frame/dispatch.h frame/options.c frame/options.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_options
tests_unit_test_options_SOURCES = tests/unit/test_options.c
tests_unit_test_options_CFLAGS = $(unit_cflags)
tests_unit_test_options_LDADD = libcpframe.la $(CMOCKA_LIBS)
tests_unit_test_options_LDFLAGS = $(unit_ldflags)
TESTS += tests/unit/test_options
endif
