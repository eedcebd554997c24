#!/usr/bin/env bash
# Install policykg into .venv and run the main job on the embedded store: ingest the
# bundled corpus (data/corpus), print the graph summary, export it, then serve the API and
# the visual explorer until Ctrl-C.
# Usage: bash scripts/run.sh            (env: POLICYKG_DATA_DIR, HOST=127.0.0.1, PORT=8000)
#        NO_SERVE=1 bash scripts/run.sh  (stop after the export)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
DATA_DIR="${POLICYKG_DATA_DIR:-$PWD/out/kg}"
.venv/bin/policykg ingest data/corpus --data-dir "$DATA_DIR"
.venv/bin/policykg stats --data-dir "$DATA_DIR"
.venv/bin/policykg export --data-dir "$DATA_DIR" --format json --output "$PWD/out/kg.json"
.venv/bin/policykg viz --data-dir "$DATA_DIR" --focus 燕归巢 --depth 2 --output "$PWD/out/graph.html"
[ -n "${NO_SERVE:-}" ] && exit 0
exec .venv/bin/policykg serve --data-dir "$DATA_DIR" --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
