#!/usr/bin/env bash
# Install policykg with its test dependencies into .venv and run the whole test suite.
# Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh test
exec .venv/bin/python -m pytest "$@"
