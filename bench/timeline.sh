#!/bin/bash
# bench/timeline.sh [BUILD_DIR] - how long a timeline takes to lay out (issue 12's targets:
# 1,000 events under 30 ms; 10,000 laid out with clusters, or refused, under 200 ms).
#
# Compiles bench/timeline_layout.c against BUILD_DIR's static library (default build/, a
# Release build) and the private headers of src/, runs it, and prints one line per case: the
# median time of csvchart_figure_scene() with an empty measurement cache (cold) and with the
# measurements cached (warm), how many texts the cold run shaped, the shaping floor (HarfBuzz
# alone shaping the layout's distinct texts once, on one core and on two: see
# timeline_layout.c) and what came out. The table is also written to
# bench/results/timeline-latest.txt. Exit 2 without the library or a C compiler; otherwise 0.
#
# Variables: BENCH_RUNS (runs per case, default 9), CC.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
lib=$build/libcsvchart.a
cc=${CC:-cc}
if [ ! -f "$lib" ]; then
    echo "timeline.sh: no $lib (build first: cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build)" >&2
    exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/csvchart-bench-timeline.XXXXXX")
trap 'rm -rf "$work"' EXIT
if ! "$cc" -O2 -std=c11 -I"$root/include" -I"$build/include" -I"$root/src" "$root/bench/timeline_layout.c" "$lib" \
    $(pkg-config --cflags --libs pangocairo pangoft2 fontconfig harfbuzz cairo-svg cairo-pdf libpng libdeflate) -lcsv -lm -lpthread \
    -o "$work/timeline_layout"; then
    echo "timeline.sh: cannot compile bench/timeline_layout.c" >&2
    exit 2
fi
mkdir -p "$root/bench/results"
{
    echo "# bench/timeline.sh, $(date -u +%Y-%m-%d), $(nproc) CPUs, BENCH_RUNS=${BENCH_RUNS:-9}"
    "$work/timeline_layout"
} | tee "$root/bench/results/timeline-latest.txt"
