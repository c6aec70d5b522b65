# lib/report: the disposal report (JSON and HTML) and the device checks
# (credaudit report; clause 3(1)④), and the fleet report merging many
# hosts' results (credaudit fleet-report).
libcpaudit_la_SOURCES += \
	lib/report/device_check.c lib/report/device_check.h \
	lib/report/report.c lib/report/report.h lib/report/report_html.c \
	lib/report/report_build.c lib/report/html_page.c lib/report/html_page.h \
	lib/report/fleet.c lib/report/fleet.h lib/report/fleet_host.c lib/report/fleet_html.c

TESTS += tests/cli/report.sh tests/cli/report_luks.sh tests/cli/report_html.sh \
	tests/cli/fleet_report.sh tests/cli/fleet_report_html.sh
EXTRA_DIST += tests/cli/report.sh tests/cli/report_luks.sh tests/cli/report_html.sh \
	tests/cli/check_schema.py tests/cli/chromium.sh tests/cli/fleet_report.sh \
	tests/cli/fleet_report_html.sh tests/cli/fleet_fixture.sh

dist_man_MANS += man/credaudit-report.1 man/credaudit-fleet-report.1
reportdocdir = $(docdir)
dist_reportdoc_DATA = doc/report-schema.md doc/report-schema.json \
	doc/fleet-report.md doc/fleet-report-schema.json

# Fuzz target for the one outside input the fleet report reads: a host's
# fetched results.
fuzz_targets += tests/fuzz/fuzz_fleet_host
check_PROGRAMS += tests/fuzz/fuzz_fleet_host
tests_fuzz_fuzz_fleet_host_SOURCES = tests/fuzz/fuzz_fleet_host.c $(fuzz_main_src)
tests_fuzz_fuzz_fleet_host_CPPFLAGS = $(AM_CPPFLAGS) $(fuzz_corpus)fleet_host"'
tests_fuzz_fuzz_fleet_host_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tests_fuzz_fuzz_fleet_host_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_fleet_host_LDADD = libcpaudit.la libcpcore.la libcpseam.la
if !FUZZING
TESTS += tests/fuzz/fuzz_fleet_host
endif
EXTRA_DIST += tests/fuzz/corpus/fleet_host
