#!/usr/bin/env bash
# Batch benchmark (issues 5 and 15): `csvchart render` of 100 figures, PNG + SVG each, with
# --jobs 1 and --jobs 2, the same 100 as two processes of 50 at once (what two workers that
# share nothing give on this machine), one gnuplot process drawing the same 100 figures (when
# gnuplot is installed), and the peak memory of the whole run - in one run, so the ratios hold.
#
#   bench/render.sh [path/to/csvchart]     default: $CSVCHART, else build/csvchart
#   BENCH_RUNS=10                          timed runs per command (hyperfine, 2 warm-ups;
#                                          gnuplot: a third of them, at least 3)
#   BENCH_KEEP=1                           keep the work directory (both sets of images)
#
# Targets: 100 figures with --jobs 2 under 1 s, at least 1.7x faster than --jobs 1 and at
# least 4x faster than gnuplot, peak memory under 50 MB. Prints the table (median, min and
# max of each command); always exits 0 (a miss is information).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${CSVCHART:-$root/build/csvchart}}
[[ $bin == /* ]] || bin=$PWD/$bin
runs=${BENCH_RUNS:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/csvchart-render.XXXXXX")
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "work directory (kept): $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi
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
# What two workers give on this machine when they share nothing: the same 100 figures as two
# processes of 50 at once (each --jobs 1). What keeps that under 2x is the machine (two virtual
# cores sharing caches, memory and the disk's journal), not csvchart's threads.
awk -v out="$work" 'BEGIN { f = out "/half-a.ini" } /^\[fig51\]$/ { f = out "/half-b.ini" }
    /^\[defaults\]$/ { d = 1 } /^\[fig/ { d = 0 }
    { if (d) { print > (out "/half-a.ini"); print > (out "/half-b.ini") } else print > f }' \
    "$work/figures.ini"
mkdir -p "$work/out" "$work/gnuplot" "$work/out-a" "$work/out-b"
"$bin" render "$work/figures.ini" --out-dir "$work/out" --jobs 1 2>/dev/null

# gnuplot, one process for the 100 figures: for each, the bar chart of bench/gnuplot_bar.gp
# (title, subtitle, source, y grid, one blue bar per row with its value label) to PNG and to
# SVG, log scale where the figure has it, at the figure's size. It does less than csvchart:
# no facets or ranges (lab-economics draws its "high" column), horizontal bars and dots are
# drawn as vertical bars, the dark theme is drawn light, no wrapping or fitting of labels.
# Each CSV is converted once, before timing, to label<TAB>value<TAB>value-as-written.
has_gnuplot=0
if command -v gnuplot >/dev/null; then
    has_gnuplot=1
    /usr/bin/python3 - "$work" <<'PY'
import csv, re, sys
work = sys.argv[1]
for name, label, value in [("api-pricing", 0, 1), ("valuations", 0, 1), ("adoption", 0, 1),
                           ("funding", 0, 1), ("lab-economics", 1, 3), ("training-cost", 0, 1),
                           ("openai-compute", 0, 1)]:
    with open(f"{work}/{name}.csv", newline="") as f, open(f"{work}/{name}.tsv", "w") as out:
        rows = list(csv.reader(f))[1:]
        for r in rows:
            v = re.sub(r"[^0-9.-]", "", r[value])
            if v:
                out.write(f"{r[label]}\t{float(v) * {'T': 1e3, 'B': 1, 'M': 1e-3}.get(r[value].rstrip('+')[-1:], 1)}\t{r[value]}\n")
PY
    variants=("api-pricing 1 1200,675" "valuations 0 1200,675" "adoption 0 1200,675"
        "funding 0 1200,675" "lab-economics 1 1200,675" "training-cost 0 1200,675"
        "openai-compute 0 1920,1080" "api-pricing 1 1200,675")
    {
        echo 'set datafile separator "\t"'
        echo 'set tmargin 7; set bmargin 6; set lmargin 10; set rmargin 4'
        echo 'set style fill solid 1.0 noborder; set boxwidth 0.3'
        echo 'set grid ytics linetype 1 linecolor rgb "#dddddd" linewidth 1 dashtype solid'
        echo 'set border 1 linecolor "#333333"; set tics nomirror scale 0; set key off'
        echo 'set offsets 0.3, 0.3, graph 0.08, 0'
        for i in $(seq 1 100); do
            read -r data log size <<<"${variants[$(((i - 1) % ${#variants[@]}))]}"
            echo "set label 1 \"Figure $i of the benchmark batch\" at screen 0.03, 0.93 font \"Inter Bold,24\""
            echo 'set label 3 "Source: Versalence" at screen 0.03, 0.04 font "Inter,11" textcolor "#777777"'
            if ((log)); then echo 'set logscale y; set yrange [*:*]'; else echo 'unset logscale y; set yrange [0:*]'; fi
            for fmt in png svg; do
                if [[ $fmt == png ]]; then
                    echo "set terminal pngcairo size $size font \"Inter,13\" background \"white\""
                else
                    echo "set terminal svg size $size font \"Inter,13\" background \"white\""
                fi
                echo "set output \"$work/gnuplot/fig$i.$fmt\""
                echo "plot \"$work/$data.tsv\" using 0:2:xtic(1) with boxes linecolor \"#0072b2\", '' using 0:2:3 with labels offset 0,1 font \"Inter,13\""
            done
        done
        echo 'unset output'
    } >"$work/batch.gp"
    if ! gnuplot "$work/batch.gp" >/dev/null 2>"$work/gnuplot.err"; then
        echo "render.sh: gnuplot failed, left out: $(head -c 300 "$work/gnuplot.err")" >&2
        has_gnuplot=0
    fi
fi

# stats NAME: "median min max" in ms of a hyperfine JSON export
stats() {
    /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; t=sorted(r['times']); print(*(round(x*1000) for x in (r['median'], t[0], t[-1])))" "$work/$1.json"
}
if command -v hyperfine >/dev/null; then
    # Interleaved rounds (jobs 1, jobs 2, ...) so that a burst of load hits both alike.
    for round in 1 2; do
        for j in 1 2; do
            hyperfine -N --warmup 1 -r "$(((runs + 1) / 2))" --export-json "$work/j$j.$round.json" \
                "$bin render $work/figures.ini --out-dir $work/out --jobs $j" >/dev/null 2>&1
        done
        hyperfine -N --warmup 1 -r "$(((runs + 1) / 2))" --export-json "$work/j3.$round.json" \
            "bash -c '$bin render $work/half-a.ini --out-dir $work/out-a --jobs 1 -q &
                      $bin render $work/half-b.ini --out-dir $work/out-b --jobs 1 -q; wait'" \
            >/dev/null 2>&1
    done
    /usr/bin/python3 - "$work" <<'PY' >"$work/merged.txt"
import json, sys
work = sys.argv[1]
for j in (1, 2, 3):
    times = []
    for r in (1, 2):
        times += json.load(open(f"{work}/j{j}.{r}.json"))["results"][0]["times"]
    times.sort()
    n = len(times)
    med = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    print(j, round(med * 1000), round(times[0] * 1000), round(times[-1] * 1000))
PY
    read -r _ j1 j1min j1max < <(sed -n 1p "$work/merged.txt")
    read -r _ j2 j2min j2max < <(sed -n 2p "$work/merged.txt")
    read -r _ two twomin twomax < <(sed -n 3p "$work/merged.txt")
    if ((has_gnuplot)); then
        gruns=$((runs / 3 < 3 ? 3 : runs / 3))
        hyperfine -N --warmup 1 -r "$gruns" --export-json "$work/g.json" \
            "gnuplot $work/batch.gp" >/dev/null 2>&1
        read -r g gmin gmax < <(stats g)
    fi
else
    t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
    j1=$(t "$bin" render "$work/figures.ini" --out-dir "$work/out" --jobs 1); j1min=$j1 j1max=$j1
    j2=$(t "$bin" render "$work/figures.ini" --out-dir "$work/out" --jobs 2); j2min=$j2 j2max=$j2
    if ((has_gnuplot)); then g=$(t gnuplot "$work/batch.gp"); gmin=$g gmax=$g; fi
fi
rss=n/a
if [[ -x /usr/bin/time ]]; then
    kb=$(/usr/bin/time -f %M "$bin" render "$work/figures.ini" --out-dir "$work/out" --jobs 2 2>&1 >/dev/null | tail -1)
    rss=$(awk -v k="$kb" 'BEGIN{printf "%.1f", k/1024}')
fi
awk -v j1="$j1" -v j2="$j2" -v rss="$rss" -v j1min="$j1min" -v j1max="$j1max" \
    -v two="${two:-}" -v twomin="${twomin:-}" -v twomax="${twomax:-}" \
    -v j2min="$j2min" -v j2max="$j2max" -v g="${g:-}" -v gmin="${gmin:-}" -v gmax="${gmax:-}" 'BEGIN{
    printf "csvchart render, 100 figures (PNG + SVG each): median (min-max) of runs, ms\n"
    printf "  --jobs 1   %8.0f (%.0f-%.0f)   %.1f ms a figure\n", j1, j1min, j1max, j1/100
    printf "  --jobs 2   %8.0f (%.0f-%.0f)   target < 1000 ms: %s\n", j2, j2min, j2max, (j2 < 1000 ? "PASS" : "MISS")
    if (g != "")
        printf "  gnuplot    %8.0f (%.0f-%.0f)   one process, the same 100 figures\n", g, gmin, gmax
    if (two != "")
        printf "  2 x 50     %8.0f (%.0f-%.0f)   two processes at once, --jobs 1 each (the machine)\n", two, twomin, twomax
    printf "  --jobs 2 / --jobs 1   %6.2fx   target >= 1.7x: %s\n", j1/j2, (j1/j2 >= 1.7 ? "PASS" : "MISS")
    if (two != "")
        printf "  2 x 50 / --jobs 1     %6.2fx   two workers sharing nothing; --jobs 2 is %.2fx that\n", j1/two, two/j2
    if (g != "")
        printf "  gnuplot / --jobs 2    %6.2fx   target >= 4x: %s\n", g/j2, (g/j2 >= 4 ? "PASS" : "MISS")
    printf "  peak RSS   %8s MiB  target < 50 MB: %s\n", rss, (rss != "n/a" && rss*1.048576 < 50 ? "PASS" : (rss == "n/a" ? "n/a" : "MISS"))
}'
