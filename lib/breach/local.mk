# lib/breach: the compromised-password index (clauses 3(1)③④).
# The reader (open, lookup, info, verify, password hashing) goes into
# libcpcore, which the PAM module loads; the builder is a separate
# convenience library linked only into the credpolicy CLI, tests and bench.
noinst_HEADERS += lib/breach/breach_index.h lib/breach/breach_format.h \
	lib/breach/breach_build.h lib/breach/breach_files.h
libcpcore_la_SOURCES += lib/breach/breach_index.c lib/breach/breach_hash.c \
	lib/breach/breach_format.c lib/breach/breach_crc.c

noinst_LTLIBRARIES += libcpbreachbuild.la
libcpbreachbuild_la_SOURCES = lib/breach/breach_build.c lib/breach/breach_files.c \
	lib/breach/breach_lookup.c lib/breach/breach_describe.c
libcpbreachbuild_la_CFLAGS = $(AM_CFLAGS) $(NETTLE_CFLAGS) $(JSONC_CFLAGS)
libcpbreachbuild_la_LIBADD = $(NETTLE_LIBS) $(JSONC_LIBS) -lm

# Tests: cmocka units, CLI end to end, the index reader's fuzz target.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_breach_index
tests_unit_test_breach_index_SOURCES = tests/unit/test_breach_index.c
tests_unit_test_breach_index_CFLAGS = $(unit_cflags)
tests_unit_test_breach_index_LDADD = libcpbreachbuild.la $(unit_ldadd)
tests_unit_test_breach_index_LDFLAGS = $(unit_ldflags)
TESTS += tests/unit/test_breach_index
endif

fuzz_targets += tests/fuzz/fuzz_breach_index
check_PROGRAMS += tests/fuzz/fuzz_breach_index
tests_fuzz_fuzz_breach_index_SOURCES = tests/fuzz/fuzz_breach_index.c $(fuzz_main_src)
tests_fuzz_fuzz_breach_index_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)breach_index"'
tests_fuzz_fuzz_breach_index_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_breach_index_LDADD = libcpcore.la libcpseam.la
if !FUZZING
TESTS += tests/fuzz/fuzz_breach_index
endif
EXTRA_DIST += tests/fuzz/corpus/breach_index

TESTS += tests/cli/breach.sh
EXTRA_DIST += tests/cli/breach.sh

dist_man_MANS += man/credpolicy-breach.1
breachdocdir = $(docdir)
dist_breachdoc_DATA = doc/breach-index.md

# The default index: john-data's password.lst plus the lists an admin names
# (make install BREACH_LISTS="/path/one /path/two"), built with the credpolicy
# just built into $(localstatedir)/lib/credpolicy/breach.idx (DESTDIR
# honoured). An existing index is kept unless BREACH_LISTS is given, so a
# reinstall never replaces an index an admin built from a full HIBP download.
BREACH_DEFAULT_LIST = /usr/share/john/password.lst
BREACH_LISTS =
breachidxdir = $(localstatedir)/lib/credpolicy
install_data_hooks += install-breach-index
uninstall_hooks += uninstall-breach-index
install-breach-index: credpolicy$(EXEEXT)
	@idx='$(DESTDIR)$(breachidxdir)/breach.idx'; lists=''; \
	if test -r '$(BREACH_DEFAULT_LIST)'; then lists='$(BREACH_DEFAULT_LIST)'; \
	else echo "credpolicy: $(BREACH_DEFAULT_LIST) is absent (Debian package john-data); the default breach index uses BREACH_LISTS only"; fi; \
	for f in $(BREACH_LISTS); do lists="$$lists $$f"; done; \
	if test -z "$$lists"; then \
		echo "credpolicy: no password list; not building $$idx"; exit 0; fi; \
	if test -e "$$idx" && test -z '$(BREACH_LISTS)'; then \
		echo "credpolicy: keeping the existing $$idx (give BREACH_LISTS to rebuild it)"; exit 0; fi; \
	$(MKDIR_P) '$(DESTDIR)$(breachidxdir)' && \
	echo "credpolicy: building $$idx from $$lists" && \
	$(builddir)/credpolicy$(EXEEXT) breach build -q -o "$$idx" $$lists
uninstall-breach-index:
	rm -f '$(DESTDIR)$(breachidxdir)/breach.idx'
	-rmdir '$(DESTDIR)$(breachidxdir)' 2>/dev/null
.PHONY: install-breach-index uninstall-breach-index

# make bench-breach: the index beside passwdqc's pwqfilter (bench/bench_breach.sh;
# N=... WORK=... as documented there). The helper is built with everything
# so it keeps compiling warning-free.
noinst_PROGRAMS += bench/bench_breach
bench_bench_breach_SOURCES = bench/bench_breach.c
bench_bench_breach_LDADD = libcpcore.la libcpseam.la
dist_noinst_SCRIPTS += bench/bench_breach.sh
bench-breach: bench/bench_breach$(EXEEXT) credpolicy$(EXEEXT)
	$(SHELL) $(srcdir)/bench/bench_breach.sh $(abs_builddir)
bench: bench-breach
.PHONY: bench-breach
