#!/bin/bash
# bench/reader.sh [path/to/csvchart] - how fast does csvchart read a big CSV?
#
# Makes a ~100 MB CSV (two columns: 1000 categories, numeric values; kept in the work folder
# for later runs), then times, each as a whole process, best of BENCH_RUNS runs:
#   bare libcsv   bench/bare_libcsv.c (compiled here): libcsv in csvchart's strict mode,
#                 summing the values with strtod - the floor for any libcsv-based reader
#   inspect       csvchart inspect big.csv (read, type the columns, report)
#   bar sum       csvchart bar big.csv -o x.scene --aggregate sum --category-labels thin (read,
#                 type, aggregate the 1000 categories while reading, lay out and dump the
#                 scene; thin: 1000 names do not all fit 1200x675, and the size contract
#                 would refuse the figure)
#   bar fixed     the same command on the file's first 5000 lines (all 1000 categories): the
#                 cost that does not depend on the file's size - process start, fonts, the
#                 layout of 1000 labels - so that ingestion = bar sum - bar fixed
#   Miller        mlr --icsv --ojson stats1 -a sum -f value -g category   (when installed)
#   pandas        read_csv + groupby sum, /usr/bin/python3                   (when installed)
# and prints MB/s, peak RSS, and the ratios to bare libcsv's throughput (target >= 0.8) of
# csvchart's whole `bar sum` command and of its ingestion alone (bar sum - bar fixed). Tools that are missing are skipped. Exit 2 without csvchart or a
# C compiler; otherwise 0 (a ratio below target is a finding, not a failure).
#
# Variables: BENCH_MB (size, default 100), BENCH_RUNS (default 3), BENCH_WORK (work folder,
# default ${TMPDIR:-/tmp}/csvchart-bench-reader).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${CSVCHART:-$root/build/csvchart}}
mb=${BENCH_MB:-100}
runs=${BENCH_RUNS:-3}
work=${BENCH_WORK:-${TMPDIR:-/tmp}/csvchart-bench-reader}
if [ ! -x "$bin" ]; then
    echo "reader.sh: no csvchart binary at $bin (build it, or pass its path)" >&2
    exit 2
fi
cc=${CC:-cc}
mkdir -p "$work"
if ! "$cc" -O2 -std=c11 "$root/bench/bare_libcsv.c" -lcsv -o "$work/bare_libcsv"; then
    echo "reader.sh: cannot compile bench/bare_libcsv.c (needs libcsv-dev)" >&2
    exit 2
fi

# The data: "category,value" then rows like "category-0042,1234.56", categories and values
# from a fixed linear congruential generator, so every run reads the same bytes.
big=$work/big-$mb.csv
if [ ! -s "$big" ]; then
    echo "reader.sh: writing $big ($mb MB)..." >&2
    awk -v bytes=$((mb * 1000000)) 'BEGIN {
        print "category,value"; n = 15; x = 12345
        while (n < bytes) {
            x = (x * 69069 + 1) % 4294967296 # exact in a double
            line = sprintf("category-%04d,%d.%02d", x % 1000, (x / 1000) % 100000, x % 100)
            print line; n += length(line) + 1
        } }' >"$big.part" && mv "$big.part" "$big"
fi
bytes=$(stat -c %s "$big")
size_mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

# Peak RSS: GNU time, else bench/peak_rss.c.
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$work/t" true 2>/dev/null; then
    rss() { /usr/bin/time -f %M -o "$1" "${@:2}"; }
elif "$cc" -O2 -std=c11 "$root/bench/peak_rss.c" -o "$work/peak_rss"; then
    rss() { "$work/peak_rss" "$@"; }
else
    rss() { echo 0 >"$1"; "${@:2}"; }
fi

# measure NAME COMMAND...: best wall time of $runs runs and the largest peak RSS; one table
# row. The command's output goes to $work/NAME.out.
bare_secs=""
bar_secs=""
fixed_secs=""
measure() {
    local name=$1 best="" peak=0 i t0 t1 secs k
    shift
    for ((i = 0; i < runs; i++)); do
        t0=$(date +%s%N)
        if ! rss "$work/rss" "$@" >"$work/out.txt" 2>&1; then
            printf '%-12s failed: %s\n' "$name" "$(head -c 200 "$work/out.txt")"
            return
        fi
        t1=$(date +%s%N)
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$secs
        fi
        k=$(cat "$work/rss")
        [ "${k:-0}" -gt "$peak" ] && peak=$k
    done
    cp "$work/out.txt" "$work/${name// /_}.out"
    awk -v n="$name" -v s="$best" -v b="$bytes" -v k="$peak" 'BEGIN {
        if (n == "bar fixed") # a small file: its time is what does not depend on the size
            printf "%-12s %8.3f s %13s %8.1f MB peak RSS\n", n, s, "(fixed cost)", k / 1024
        else
            printf "%-12s %8.3f s %8.1f MB/s %8.1f MB peak RSS\n", n, s, b / 1e6 / s, k / 1024 }'
    case $name in
    "bare libcsv") bare_secs=$best ;;
    "bar sum") bar_secs=$best ;;
    "bar fixed") fixed_secs=$best ;;
    esac
}

echo "reader.sh: $big, $size_mb MB, best of $runs runs; csvchart: $bin"
printf '%-12s %10s %13s %22s\n' tool time throughput memory
measure "bare libcsv" "$work/bare_libcsv" "$big"
measure "inspect" "$bin" inspect "$big"
measure "bar sum" "$bin" bar "$big" -o "$work/x.scene" --aggregate sum --category-labels thin
head -n 5000 "$big" >"$work/head.csv"
measure "bar fixed" "$bin" bar "$work/head.csv" -o "$work/x.scene" --aggregate sum --category-labels thin
if command -v mlr >/dev/null; then
    measure "Miller" mlr --icsv --ojson stats1 -a sum -f value -g category "$big"
else
    echo "Miller       skipped (not installed: apt-get install miller)"
fi
if /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
    measure "pandas" /usr/bin/python3 -c 'import sys, pandas as pd
print(pd.read_csv(sys.argv[1]).groupby("category")["value"].sum().size)' "$big"
else
    echo "pandas       skipped (not installed: apt-get install python3-pandas)"
fi
if [ -n "$bare_secs" ] && [ -n "$bar_secs" ]; then
    awk -v a="$bare_secs" -v b="$bar_secs" -v f="${fixed_secs:-0}" 'BEGIN {
        r = a / b
        printf "ratio csvchart bar sum / bare libcsv (throughput): %.2f (target >= 0.8): %s\n",
               r, (r >= 0.8 ? "MET" : "MISS")
        if (f > 0 && b > f) {
            r = a / (b - f)
            printf "ratio of ingestion alone (bar sum - bar fixed %.3f s): %.2f (target >= 0.8): %s\n",
                   f, r, (r >= 0.8 ? "MET" : "MISS")
        } }'
fi
