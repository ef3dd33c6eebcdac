#!/usr/bin/env bash
# Everything the test suite needs on a fresh Debian machine with Python 3.11: what
# scripts/setup.sh installs, plus the test extras, Debian's Chromium for the browser tests
# (never a downloaded browser), poppler-utils (renders the papers' pages to PNG for the
# user guide's pictures), git, and the pinned Node tooling for the workflow linter.
set -euo pipefail
cd "$(dirname "$0")/.."

extra=(chromium poppler-utils git)
command -v node >/dev/null 2>&1 || extra+=(nodejs npm)
# A package installed another way (a browser on the PATH, node from elsewhere) is kept.
command -v chromium >/dev/null 2>&1 && extra=("${extra[@]/chromium/}")
EXTRA_APT="${extra[*]}" EXTRAS="[test]" bash scripts/setup.sh
npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error
