#!/usr/bin/env bash
# Renders every sample figure of data/ into out/ (PNG at 1x and 2x, SVG, PDF), with the
# csvchart built in build/ (or $CSVCHART). Run from anywhere; stops at the first failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CSVCHART:-$root/build/csvchart}
out=${OUT_DIR:-$root/out}
mkdir -p "$out"
cd "$root/data"

fig() { # NAME DATA [options...]: NAME.png, NAME@2x.png, NAME.svg, NAME.pdf, NAME-dark.png
    local name=$1 data=$2
    shift 2
    "$bin" bar "$data" -o "$out/$name.png" -o "$out/$name.svg" -o "$out/$name.pdf" "$@"
    "$bin" bar "$data" -o "$out/$name@2x.png" --scale 2 "$@"
    "$bin" bar "$data" -o "$out/$name-dark.png" --theme dark "$@"
    echo "rendered $name"
}

fig api-pricing api-pricing.csv \
    --title "OpenAI o1 costs 857x more than DeepSeek R1" \
    --subtitle "API price per million input tokens, US dollars" \
    --source "Versalence" --highlight "DeepSeek R1"
fig valuations valuations.csv \
    --title "OpenAI is valued at more than twice Anthropic" \
    --subtitle "Valuation, US dollars" \
    --source "CNBC; Yahoo Finance" --highlight "OpenAI (Feb 2026)"
fig adoption adoption.csv \
    --title "Most organisations already use AI" \
    --subtitle "Share of organisations, March 2026" \
    --source "LLM.co" --note "Over 50% deploy open-source models."
fig training-cost training-cost.csv \
    --title "Chinese labs train frontier models for a few million dollars" \
    --subtitle "Reported training cost, US dollars" --source "Epoch AI; TechWire Asia"
fig funding funding.csv \
    --title "OpenAI seeks more than three times Anthropic's latest round" \
    --subtitle "Funding and valuation, US dollars" --source "CNBC; Yahoo Finance"
fig openai-compute openai-compute.csv \
    --title "OpenAI cut its compute spending target by more than half" \
    --subtitle "Planned compute spending to 2030, US dollars" --source "CNBC"
fig api-pricing-log api-pricing.csv \
    --title "OpenAI o1 costs 857x more than DeepSeek R1" \
    --subtitle "API price per million input tokens, US dollars" \
    --source "Versalence" --log --ratio --highlight "DeepSeek R1"
fig api-pricing-dots api-pricing.csv --horizontal --log --mark dot --ratio \
    --ratio-label "{ratio}x more" \
    --title "OpenAI o1 costs 857x more than DeepSeek R1" \
    --subtitle "API price per million input tokens, US dollars" --source "Versalence"
fig lab-economics lab-economics.csv --x labs --facet metric --low low --high high --log \
    --title "US labs spend orders of magnitude more than Chinese labs" \
    --subtitle "Reported ranges, US dollars" \
    --source "Epoch AI; TechWire Asia; Versalence" \
    --note "US training cost: \$100M or more, upper end not disclosed."
fig lab-economics-slide lab-economics.csv --x labs --facet metric --low low --high high --log \
    --size slide --mark dot \
    --title "US labs spend orders of magnitude more than Chinese labs" \
    --subtitle "Reported ranges, US dollars" \
    --source "Epoch AI; TechWire Asia; Versalence"
fig api-pricing-slide api-pricing.csv --size slide \
    --title "OpenAI o1 costs 857x more than DeepSeek R1" \
    --subtitle "API price per million input tokens, US dollars" \
    --source "Versalence" --highlight "DeepSeek R1"
