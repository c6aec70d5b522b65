# lib/: the engine. libcpcore is everything the PAM module may load
# (small, no scanner); libcpaudit adds the auditor's scan engine.
noinst_LTLIBRARIES += libcpcore.la libcpaudit.la

libcpcore_la_SOURCES = \
	lib/secure.c lib/secure.h lib/bytes.c lib/bytes.h lib/paths.h \
	lib/i18n.c lib/i18n.h \
	lib/timefmt.c lib/timefmt.h \
	lib/logline.c lib/logline.h \
	lib/fingerprint.c lib/fingerprint.h \
	lib/fingerprint_key.c lib/fingerprint_key.h \
	lib/text_escape.c lib/text_escape.h \
	lib/atomic_file.c lib/atomic_file.h \
	lib/safe_open.c lib/safe_open.h \
	lib/textlines.c lib/textlines.h \
	lib/dir_list.c lib/dir_list.h
libcpcore_la_CFLAGS = $(AM_CFLAGS) $(NETTLE_CFLAGS) $(JSONC_CFLAGS)
libcpcore_la_LIBADD = $(NETTLE_LIBS) $(JSONC_LIBS) $(CRACK_LIBS) $(LTLIBINTL)

# Test seams (lib/seam.h): every program or module that links libcpcore
# links one of these too -- libcpseam (all off) for what is installed,
# libcpseam_test for the suite's own builds.
noinst_LTLIBRARIES += libcpseam.la libcpseam_test.la
libcpseam_la_SOURCES = lib/seam.c lib/seam.h
libcpseam_test_la_SOURCES = lib/seam.c lib/seam.h
libcpseam_test_la_CPPFLAGS = $(AM_CPPFLAGS) -DCREDPOLICY_TEST_HOOKS

# Each auditor folder (rules/, rules/decoders/, scan/, accounts/, report/)
# adds its own sources to libcpaudit in its local.mk.
libcpaudit_la_SOURCES =
libcpaudit_la_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS) $(HS_CFLAGS) $(ARCHIVE_CFLAGS) \
	$(CRYPTSETUP_CFLAGS) $(CRYPT_CFLAGS) $(JSONC_CFLAGS)
libcpaudit_la_LIBADD = libcpcore.la $(PCRE2_LIBS) $(HS_LIBS) $(ARCHIVE_LIBS) \
	$(CRYPTSETUP_LIBS) $(CRYPT_LIBS) $(JSONC_LIBS) -lpthread

# Files inside a root file system (the live "/" or a mounted image): used by
# the leak ledger (lib/events) as well as the accounts inventory.
libcpcore_la_SOURCES += lib/rootfs.c lib/rootfs.h
