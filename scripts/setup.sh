#!/usr/bin/env bash
# What impactctl itself needs on a fresh Debian machine with Python 3.11: the libraries
# WeasyPrint draws the PDF papers with (Pango, HarfBuzz's subsetter, a font), and the
# package in .venv. EXTRA_APT adds Debian packages and EXTRAS pip extras (scripts/test-setup.sh
# uses both), so that one `apt-get update` serves everything.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation ${EXTRA_APT:-}; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ "${#need_apt[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${EXTRAS:-}"
