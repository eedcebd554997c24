#!/usr/bin/env bash
# Install policykg with its test dependencies into .venv, start the real servers the tests
# talk to, run the whole test suite, stop the servers.
#   - Neo4j 5: scripts/neo4j-test-server (needs Java 17 + Maven; without them the Neo4j
#     tests are skipped with one line saying why — under CI=true they fail instead).
#   - Chromium for the explorer tests: Debian's package, installed when missing and apt-get
#     can be used (as root).
# Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh test

if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing Debian's chromium for the explorer tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk) >&2 \
    || echo "note: could not install chromium; the browser tests will say why they cannot run" >&2
fi

status=0
if neo4j_env=$(bash scripts/neo4j-test-server start); then
  trap 'bash scripts/neo4j-test-server stop >/dev/null 2>&1 || true' EXIT
  while IFS= read -r line; do
    [ -n "$line" ] && export "POLICYKG_TEST_${line?}"
  done <<<"$neo4j_env"
else
  status=$?
  [ "$status" = 3 ] || exit "$status"  # 3: no java/mvn — the tests skip (or fail under CI)
  echo "note: no Neo4j test server (see the line above); Neo4j tests will not run" >&2
fi

.venv/bin/python -m pytest "$@"
