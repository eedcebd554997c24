#!/usr/bin/env bash
# Create .venv in the checkout (Python 3.11) and install policykg into it.
# Usage: bash scripts/venv.sh [EXTRAS]   e.g. `bash scripts/venv.sh test`
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${1:+[$1]}"
