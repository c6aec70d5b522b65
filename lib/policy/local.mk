# lib/policy: settings and password checks (clause 3(1)③)
noinst_HEADERS += lib/policy/policy.h lib/policy/settings.h lib/policy/checks.h
libcpcore_la_SOURCES += \
	lib/policy/settings.c \
	lib/policy/pwtext.c \
	lib/policy/check_composition.c \
	lib/policy/check_patterns.c \
	lib/policy/check_personal.c \
	lib/policy/check_old.c \
	lib/policy/dictionary.c \
	lib/policy/score.c \
	lib/policy/policy.c
libcpcore_la_LIBADD += -lpthread -lm
