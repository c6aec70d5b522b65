# frame/: what both CLIs share -- dispatch to a subcommand (--help,
# --version, locale) and the readers of option values.
noinst_LTLIBRARIES += libcpframe.la
libcpframe_la_SOURCES = frame/dispatch.c frame/dispatch.h frame/options.c frame/options.h
