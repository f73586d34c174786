#!/usr/bin/env bash
# Copies the README's pictures from the rendered samples (scripts/render-samples.sh renders
# data/figures.ini into out/) into doc/. Look at each one before committing it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT_DIR:-$root/out}
for name in api-pricing-log lab-economics timeline api-price-trend api-pricing-mobile \
            api-pricing-social api-pricing-slide api-pricing-annotated; do
    cp "$out/$name.png" "$root/doc/$name.png"
done
