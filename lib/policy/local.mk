# lib/policy: settings and password checks (clause 3(1)③)
noinst_HEADERS += lib/policy/policy.h lib/policy/settings.h lib/policy/checks.h \
	lib/policy/reasons.def
libcpcore_la_SOURCES += \
	lib/policy/settings.c \
	lib/policy/pwtext.c \
	lib/policy/check_composition.c \
	lib/policy/check_patterns.c \
	lib/policy/check_personal.c \
	lib/policy/check_old.c \
	lib/policy/dictionary.c \
	lib/policy/guess.c lib/policy/guess.h \
	lib/policy/guess_match.c \
	lib/policy/check_breach.c \
	lib/policy/score.c \
	lib/policy/policy.c
libcpcore_la_LIBADD += -lpthread -lm

# The word lists shipped with the library, compiled in (doc/word-sources.md)
policy_word_lists = data/romaji.txt data/names-en.txt data/digits.txt
BUILT_SOURCES += lib/policy/wordlists.inc
CLEANFILES += lib/policy/wordlists.inc
EXTRA_DIST += $(policy_word_lists) lib/policy/wordlists.awk
lib/policy/wordlists.inc: $(policy_word_lists:%=$(srcdir)/%) $(srcdir)/lib/policy/wordlists.awk
	$(AM_V_GEN)$(MKDIR_P) lib/policy && \
	$(AWK) -f $(srcdir)/lib/policy/wordlists.awk $(policy_word_lists:%=$(srcdir)/%) >$@.tmp && \
	mv $@.tmp $@

# Made at build time from Debian packages (doc/word-sources.md): the English
# proper names of WordNet (wordnet-base), and the letter model learned from
# cracklib-small (cracklib-runtime), those names and the lists above.
BUILT_SOURCES += lib/policy/propernames.inc lib/policy/lettermodel.inc
CLEANFILES += lib/policy/propernames.inc lib/policy/propernames.txt \
	lib/policy/lettermodel.inc
EXTRA_DIST += lib/policy/propernames.awk lib/policy/lettermodel.awk
lib/policy/propernames.inc: $(WORDNET_NOUNS) $(srcdir)/lib/policy/propernames.awk
	$(AM_V_GEN)$(MKDIR_P) lib/policy && \
	$(AWK) -v text=lib/policy/propernames.txt.tmp -f $(srcdir)/lib/policy/propernames.awk \
		$(WORDNET_NOUNS) >$@.tmp && \
	mv lib/policy/propernames.txt.tmp lib/policy/propernames.txt && mv $@.tmp $@
lib/policy/propernames.txt: lib/policy/propernames.inc
lib/policy/lettermodel.inc: $(CRACKLIB_SMALL) lib/policy/propernames.txt \
		$(policy_word_lists:%=$(srcdir)/%) $(srcdir)/lib/policy/lettermodel.awk
	$(AM_V_GEN)$(MKDIR_P) lib/policy && \
	$(AWK) -f $(srcdir)/lib/policy/lettermodel.awk $(CRACKLIB_SMALL) \
		lib/policy/propernames.txt $(srcdir)/data/names-en.txt \
		$(srcdir)/data/romaji.txt >$@.tmp && \
	mv $@.tmp $@

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_settings tests/unit/test_policy tests/unit/test_guess
TESTS += tests/unit/test_settings tests/unit/test_policy tests/unit/test_guess
tests_unit_test_settings_SOURCES = tests/unit/test_settings.c
tests_unit_test_settings_CFLAGS = $(unit_cflags)
tests_unit_test_settings_CPPFLAGS = $(AM_CPPFLAGS) -DSHIPPED_CONF='"$(abs_top_builddir)/conf/credpolicy.conf"'
EXTRA_tests_unit_test_settings_DEPENDENCIES = conf/credpolicy.conf
tests_unit_test_settings_LDADD = $(unit_ldadd)
tests_unit_test_settings_LDFLAGS = $(unit_ldflags)
tests_unit_test_policy_SOURCES = tests/unit/test_policy.c
tests_unit_test_policy_CFLAGS = $(unit_cflags)
tests_unit_test_policy_LDADD = $(unit_ldadd) $(CRACK_LIBS)
tests_unit_test_policy_LDFLAGS = $(unit_ldflags)
tests_unit_test_guess_SOURCES = tests/unit/test_guess.c
tests_unit_test_guess_CFLAGS = $(unit_cflags)
tests_unit_test_guess_LDADD = $(unit_ldadd) -lm
tests_unit_test_guess_LDFLAGS = $(unit_ldflags)
# test_guess judges words from one dictionary on every machine: cracklib's
# packed format of cracklib-small alone (what a fresh Debian 12 has; the
# machine's own holds every word list that happens to be installed), and
# the few words of its own in tests/unit/guess_words.txt.
check_SCRIPTS += tests/unit/cracklib-small.pwi
tests/unit/cracklib-small.pwi: $(CRACKLIB_SMALL)
	$(AM_V_GEN)$(MKDIR_P) tests/unit && \
	$(CRACKLIB_FORMAT) $(CRACKLIB_SMALL) | $(CRACKLIB_PACKER) tests/unit/cracklib-small >/dev/null
CLEANFILES += tests/unit/cracklib-small.pwi tests/unit/cracklib-small.pwd \
	tests/unit/cracklib-small.hwm
EXTRA_DIST += tests/unit/guess_words.txt
endif

TESTS += tests/cli/check.sh
EXTRA_DIST += tests/cli/check.sh

# libFuzzer targets for the settings parser and the checker
fuzz_targets += tests/fuzz/fuzz_settings tests/fuzz/fuzz_check
check_PROGRAMS += tests/fuzz/fuzz_settings tests/fuzz/fuzz_check
tests_fuzz_fuzz_settings_SOURCES = tests/fuzz/fuzz_settings.c $(fuzz_main_src)
tests_fuzz_fuzz_settings_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)settings"'
tests_fuzz_fuzz_settings_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_settings_LDADD = libcpcore.la libcpseam.la
tests_fuzz_fuzz_check_SOURCES = tests/fuzz/fuzz_check.c $(fuzz_main_src)
tests_fuzz_fuzz_check_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)check"'
tests_fuzz_fuzz_check_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_check_LDADD = libcpcore.la libcpseam.la
if !FUZZING
TESTS += tests/fuzz/fuzz_settings tests/fuzz/fuzz_check
endif
EXTRA_DIST += tests/fuzz/corpus/settings tests/fuzz/corpus/check

# make bench-policy: acceptance of guessable passwords and speed, beside
# pwquality, passwdqc and zxcvbn (not part of make check; doc/benchmarks.md)
EXTRA_DIST += bench/bench_policy.c
if HAVE_PWQUALITY
EXTRA_PROGRAMS += bench/bench_policy
bench_bench_policy_SOURCES = bench/bench_policy.c
bench_bench_policy_CFLAGS = $(AM_CFLAGS) $(PWQUALITY_CFLAGS)
bench_bench_policy_LDADD = libcpcore.la libcpseam.la $(PWQUALITY_LIBS) -lpasswdqc -lzxcvbn -lm
CLEANFILES += bench/bench_policy$(EXEEXT)
bench-policy: bench/bench_policy$(EXEEXT)
	./bench/bench_policy $(BENCH_POLICY_ARGS)
else
bench-policy:
	@echo "bench-policy needs apt-get install libpwquality-dev libpasswdqc-dev libzxcvbn-dev, then configure" >&2; exit 1
endif
bench: bench-policy
.PHONY: bench bench-policy

# The default policy, and an empty drop-in directory beside it. The
# breach index path follows --localstatedir (the breach part installs the
# index under $(localstatedir)/lib/credpolicy).
secureconf_DATA = conf/credpolicy.conf
EXTRA_DIST += conf/credpolicy.conf.in
CLEANFILES += conf/credpolicy.conf
conf/credpolicy.conf: conf/credpolicy.conf.in Makefile
	$(AM_V_GEN)$(MKDIR_P) conf && \
	sed -e 's|@localstatedir[@]|$(localstatedir)|g' -e 's|@sysconfdir[@]|$(sysconfdir)|g' \
		$(srcdir)/conf/credpolicy.conf.in >$@.tmp && mv $@.tmp $@
install_data_hooks += install-credpolicy-confd
uninstall_hooks += uninstall-credpolicy-confd
install-credpolicy-confd:
	$(MKDIR_P) '$(DESTDIR)$(secureconfdir)/credpolicy.conf.d'
uninstall-credpolicy-confd:
	-rmdir '$(DESTDIR)$(secureconfdir)/credpolicy.conf.d'
.PHONY: install-credpolicy-confd uninstall-credpolicy-confd
dist_man_MANS += man/credpolicy.1 man/credpolicy-check.1 man/credpolicy.conf.5
EXTRA_DIST += doc/config-reference.md doc/benchmarks.md doc/word-sources.md
