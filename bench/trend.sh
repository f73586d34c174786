#!/bin/bash
# bench/trend.sh [CSVCHART] - is a trend PNG as fast as a bar chart of the same size?
# (issue 14's target: a 5-series, 200-point trend at 1200x675 no slower than a bar chart.)
#
# Whole processes (exec, fonts, layout, drawing, PNG encoding, writing), timed by hyperfine
# (-N, 3 warm-up runs, BENCH_RUNS runs, default 30) or, without it, a date +%s%N loop:
#
#   bar          the README's bar chart (data/api-pricing.csv, log axis, ratio, highlight)
#   bar 12x5     a grouped bar chart of 12 categories in 5 series, with a legend
#   trend        5 series of 200 dated points each (line marks: more than 50 a series), log
#                axis, fitted lines with their rates at the ends of the lines
#   trend +      the same with 10 labelled points and a marker (flags placed in rows)
#   trend sample data/api-price-trend.csv as the README draws it (labels, fits)
#
# All at 1200x675 with a title, subtitle and source. Prints the median and minimum in ms and
# each figure's median over the 12x5 bar chart's. Then, when BUILD_DIR (default build/) has
# the static library and a C compiler is at hand, the same figures in one process
# (bench/trend_render.c): CPU time of a whole figure without process start and font
# configuration, which other jobs on a shared machine disturb far less. Both tables go to
# bench/results/trend-latest.txt. The data is generated (a fixed formula, no randomness) into a
# scratch folder. Variables: BENCH_RUNS (default 30), BUILD_DIR, CC.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${CSVCHART:-$root/build/csvchart}}
build=${BUILD_DIR:-$root/build}
cc=${CC:-cc}
runs=${BENCH_RUNS:-30}
if [ ! -x "$bin" ]; then
    echo "trend.sh: no csvchart binary at $bin (build first)" >&2
    exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/csvchart-bench-trend.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

# 5 series x 200 weekly points: prices falling at different rates, with a wobble.
awk 'BEGIN {
    printf "date,A,B,C,D,E,label\n"
    for (i = 0; i < 200; i++) {
        d = 19000 + 7 * i                      # days since 1970: a week apart
        # civil date from days (Howard Hinnant)
        z = d + 719468; era = int(z / 146097); doe = z - era * 146097
        yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
        y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
        mp = int((5 * doy + 2) / 153); dd = doy - int((153 * mp + 2) / 5) + 1
        m = mp < 10 ? mp + 3 : mp - 9; y += (m <= 2)
        printf "%04d-%02d-%02d", y, m, dd
        for (s = 0; s < 5; s++)
            printf ",%.4f", (s + 1) * 30 * exp(-i * (0.004 + 0.003 * s)) * (1 + 0.05 * sin(i * (s + 1)))
        printf ",%s\n", (i % 20 == 5) ? "Release " i : ""
    }
}' > trend.csv
{
    printf 'category,A,B,C,D,E\n'
    for c in 1 2 3 4 5 6 7 8 9 10 11 12; do
        printf 'Item %d,%d,%d,%d,%d,%d\n' "$c" $((c * 3)) $((c * 5 % 17 + 2)) $((c * 7 % 23 + 1)) \
            $((40 - c)) $((c * c % 31 + 3))
    done
} > bars.csv

common=(--title "A benchmark figure with a title" --subtitle "Illustrative values" --source "Generated")
cmd_bar=("$bin" bar "$root/data/api-pricing.csv" -o bar.png "${common[@]}" --log --ratio --highlight "DeepSeek R1")
cmd_bars=("$bin" bar bars.csv -o bars.png "${common[@]}")
cmd_trend=("$bin" trend trend.csv -o trend.png "${common[@]}" --label "" --log --trend fit)
cmd_flags=("$bin" trend trend.csv -o flags.png "${common[@]}" --label label --log --trend fit --marker "2022-06-01 Policy shift")
cmd_sample=("$bin" trend "$root/data/api-price-trend.csv" -o sample.png "${common[@]}" --group series --label model --log --trend fit)

names=("bar" "bar 12x5" "trend" "trend +" "trend sample")
median=()
minimum=()
for k in 0 1 2 3 4; do
    case $k in
    0) cmd=("${cmd_bar[@]}") ;;
    1) cmd=("${cmd_bars[@]}") ;;
    2) cmd=("${cmd_trend[@]}") ;;
    3) cmd=("${cmd_flags[@]}") ;;
    4) cmd=("${cmd_sample[@]}") ;;
    esac
    if ! "${cmd[@]}" 2>err.txt; then
        echo "trend.sh: ${names[$k]} failed: $(cat err.txt)" >&2
        exit 2
    fi
    if command -v hyperfine >/dev/null; then
        quoted=$(printf '%q ' "${cmd[@]}")
        hyperfine -N --warmup 3 --runs "$runs" --export-json "r$k.json" "$quoted" >/dev/null 2>&1
        median[k]=$(python3 -c "import json;r=json.load(open('r$k.json'))['results'][0];print('%.1f'%(r['median']*1000))")
        minimum[k]=$(python3 -c "import json;r=json.load(open('r$k.json'))['results'][0];print('%.1f'%(r['min']*1000))")
    else
        ts=()
        for _ in $(seq "$runs"); do
            s=$(date +%s%N)
            "${cmd[@]}"
            ts+=($((($(date +%s%N) - s) / 1000)))
        done
        sorted=($(printf '%s\n' "${ts[@]}" | sort -n))
        median[k]=$(awk -v v="${sorted[$((runs / 2))]}" 'BEGIN { printf "%.1f", v / 1000 }')
        minimum[k]=$(awk -v v="${sorted[0]}" 'BEGIN { printf "%.1f", v / 1000 }')
    fi
done
mkdir -p "$root/bench/results"
{
    echo "# bench/trend.sh, $(date -u +%Y-%m-%d), $(nproc) CPUs, BENCH_RUNS=$runs, 1200x675 PNG"
    echo "# whole processes, wall time"
    printf '%-14s %10s %10s %14s\n' figure "median ms" "min ms" "vs bar 12x5"
    for k in 0 1 2 3 4; do
        ratio=$(awk -v a="${median[k]}" -v b="${median[1]}" 'BEGIN { printf "%.2f", a / b }')
        printf '%-14s %10s %10s %14s\n' "${names[$k]}" "${median[k]}" "${minimum[k]}" "$ratio"
    done
    if [ -f "$build/libcsvchart.a" ] &&
        "$cc" -O2 -std=c11 -I"$root/include" -I"$build/include" "$root/bench/trend_render.c" "$build/libcsvchart.a" \
            $(pkg-config --cflags --libs pangocairo cairo-svg cairo-pdf libpng libdeflate) -lcsv -lm \
            -lpthread -o trend_render 2>/dev/null; then
        echo "# in one process, CPU time of a whole figure (bench/trend_render.c)"
        BENCH_RUNS=$runs ./trend_render trend.csv bars.csv "$root/data/api-pricing.csv" \
            "$root/data/api-price-trend.csv"
    else
        echo "# in one process: skipped (no $build/libcsvchart.a or no C compiler)"
    fi
} | tee "$root/bench/results/trend-latest.txt"
