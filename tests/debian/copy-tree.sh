#!/bin/sh
# Copy the source tree SRC to DEST as a fresh clone would have it: the
# files git tracks plus new files not ignored (no build trees, no .git).
# Outside git, everything but _build/.
#   tests/debian/copy-tree.sh SRC DEST
set -eu
src=$1 dest=$2
mkdir -p "$dest"
cd "$src"
if git rev-parse --git-dir >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard |
		tar --null -T - --ignore-failed-read -cf - | tar -C "$dest" -xf -
else
	tar --exclude=./_build -cf - . | tar -C "$dest" -xf -
fi
