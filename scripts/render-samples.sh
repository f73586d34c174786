#!/usr/bin/env bash
# Renders every sample figure of data/figures.ini into out/ with the csvchart built in build/
# (or $CSVCHART), in parallel. Exits non-zero when a figure fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CSVCHART:-$root/build/csvchart}
out=${OUT_DIR:-$root/out}
mkdir -p "$out"
"$bin" render "$root/data/figures.ini" --out-dir "$out"
