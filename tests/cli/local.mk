# tests/cli: the CLIs end to end

# Messages of both CLIs in Japanese at run time
TESTS += tests/cli/i18n.sh
EXTRA_DIST += tests/cli/i18n.sh
