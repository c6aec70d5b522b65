# lib/policy: settings and password checks (clause 3(1)③)
noinst_HEADERS += lib/policy/policy.h lib/policy/settings.h
