#!/usr/bin/env bash
# Install policykg into .venv and run the main job on the embedded store: ingest the
# bundled corpus (data/corpus) and print the graph summary. Usage: bash scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
DATA_DIR="${POLICYKG_DATA_DIR:-$PWD/out/kg}"
.venv/bin/policykg ingest data/corpus --data-dir "$DATA_DIR"
.venv/bin/policykg stats --data-dir "$DATA_DIR"
.venv/bin/policykg export --data-dir "$DATA_DIR" --format json --output "$PWD/out/kg.json"
