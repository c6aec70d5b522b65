# tests/cli: the CLIs end to end

# Messages of both CLIs in Japanese at run time
TESTS += tests/cli/i18n.sh
EXTRA_DIST += tests/cli/i18n.sh

# File modes of every output under umask 022 and 077
TESTS += tests/cli/file_modes.sh
EXTRA_DIST += tests/cli/file_modes.sh

# Keyed fingerprints: one key, stable; another key, useless
TESTS += tests/cli/fingerprint_key.sh
EXTRA_DIST += tests/cli/fingerprint_key.sh

# Hostile names: escaped in text, lossless and valid UTF-8 in JSON
TESTS += tests/cli/escaping.sh
EXTRA_DIST += tests/cli/escaping.sh
