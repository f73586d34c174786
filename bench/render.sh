#!/usr/bin/env bash
# Batch benchmark (issue 5): `csvchart render` of 100 figures, PNG + SVG each, with --jobs 1
# and --jobs 2, and the peak memory of the whole run - in one run, so the ratio holds.
#
#   bench/render.sh [path/to/csvchart]     default: $CSVCHART, else build/csvchart
#   BENCH_RUNS=10                          timed runs per command (hyperfine, 2 warm-ups)
#
# Targets: 100 figures with --jobs 2 under 1 s, at least 1.7x faster than --jobs 1, peak
# memory under 50 MB. Prints the table; always exits 0 (a miss is information).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${CSVCHART:-$root/build/csvchart}}
[[ $bin == /* ]] || bin=$PWD/$bin
runs=${BENCH_RUNS:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/csvchart-render.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$root"/data/*.csv "$work/"

# 100 figures cycling through the samples and the option families (log, ranges, facets,
# horizontal, dark, dots), so the batch is what a real article or deck renders.
{
    echo "[defaults]"
    echo "kind = bar"
    echo "source = Versalence"
    variants=(
        "data = api-pricing.csv|log = true|ratio = true"
        "data = valuations.csv|highlight = OpenAI (Feb 2026)"
        "data = adoption.csv|theme = dark"
        "data = funding.csv|horizontal = true"
        "data = lab-economics.csv|x = labs|facet = metric|low = low|high = high|log = true"
        "data = training-cost.csv|mark = lollipop"
        "data = openai-compute.csv|size = slide"
        "data = api-pricing.csv|mark = dot|log = true|horizontal = true"
    )
    for i in $(seq 1 100); do
        v=${variants[$(((i - 1) % ${#variants[@]}))]}
        echo "[fig$i]"
        echo "outputs = fig$i.png fig$i.svg"
        echo "title = Figure $i of the benchmark batch"
        tr '|' '\n' <<<"$v"
    done
} >"$work/figures.ini"
mkdir -p "$work/out"
"$bin" render "$work/figures.ini" --out-dir "$work/out" --jobs 1 2>/dev/null

if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 2 -r "$runs" --export-json "$work/h.json" \
        "$bin render $work/figures.ini --out-dir $work/out --jobs 1" \
        "$bin render $work/figures.ini --out-dir $work/out --jobs 2" >/dev/null 2>&1
    read -r j1 j2 < <(/usr/bin/python3 -c "import json,sys; r=json.load(open('$work/h.json'))['results']; print(*(x['median']*1000 for x in r))")
else
    t() { local s e; s=$(date +%s%N); "$@" 2>/dev/null; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
    j1=$(t "$bin" render "$work/figures.ini" --out-dir "$work/out" --jobs 1)
    j2=$(t "$bin" render "$work/figures.ini" --out-dir "$work/out" --jobs 2)
fi
rss=n/a
if [[ -x /usr/bin/time ]]; then
    kb=$(/usr/bin/time -f %M "$bin" render "$work/figures.ini" --out-dir "$work/out" --jobs 2 2>&1 >/dev/null | tail -1)
    rss=$(awk -v k="$kb" 'BEGIN{printf "%.1f", k/1024}')
fi
awk -v j1="$j1" -v j2="$j2" -v rss="$rss" 'BEGIN{
    printf "csvchart render, 100 figures (PNG + SVG each), median of runs\n"
    printf "  --jobs 1   %8.0f ms   (%.1f ms a figure)\n", j1, j1/100
    printf "  --jobs 2   %8.0f ms   target < 1000 ms: %s\n", j2, (j2 < 1000 ? "PASS" : "MISS")
    printf "  speed-up   %8.2fx     target >= 1.7x: %s\n", j1/j2, (j1/j2 >= 1.7 ? "PASS" : "MISS")
    printf "  peak RSS   %8s MiB  target < 50 MB: %s\n", rss, (rss != "n/a" && rss*1.048576 < 50 ? "PASS" : (rss == "n/a" ? "n/a" : "MISS"))
}'
