# tools/: small programs for the quick start and the docs (not installed).
noinst_PROGRAMS += tools/pam_try
tools_pam_try_SOURCES = tools/pam_try.c
tools_pam_try_LDADD = libcpcore.la libcpseam.la $(PAM_LIBS)
