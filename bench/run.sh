#!/usr/bin/env bash
# csvchart benchmark: whole-process wall time and peak RSS of csvchart per figure and format,
# side by side with gnuplot, ploticus, matplotlib and a bare cairo program drawing the same figure,
# and the ratios against the performance targets -- all from ONE run, so the ratios compare
# numbers taken on the same machine in the same state.
#
#   bench/run.sh [path/to/csvchart]      default: $CSVCHART, else build/csvchart of the repo
#
# Environment:
#   BENCH_RUNS=30      timed runs per command (after 3 warm-up runs)
#   BENCH_RSS_RUNS=5   extra runs per command under /usr/bin/time for the peak RSS (max)
#   BENCH_ROUNDS=5     the timed runs are taken in this many rounds over all the commands
#   BENCH_KEEP=1       keep the work directory (the rendered images) and print where it is
#
# Prints the table and writes it to bench/results/latest.txt. Always exits 0 once the
# benchmark has run: a MISS is information, not a failure (see bench/README.md).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/bench
runs=${BENCH_RUNS:-30}
rss_runs=${BENCH_RSS_RUNS:-5}
rounds=${BENCH_ROUNDS:-5}
warmup=3

# The binary under test, as an absolute path (a relative argument is relative to the cwd).
bin=${1:-${CSVCHART:-$root/build/csvchart}}
[[ $bin == /* ]] || bin=$PWD/$bin
if [[ ! -x $bin ]]; then
    echo "run.sh: no csvchart binary at $bin (build it, or pass its path)" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/csvchart-bench.XXXXXX")
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "work directory (kept): $work"
else
    trap 'rm -rf "$work"' EXIT
fi
log() { echo "# $*" >&2; }

# --- What is available -------------------------------------------------------------------
have() { command -v "$1" >/dev/null 2>&1; }
has_hyperfine=0; have hyperfine && has_hyperfine=1
has_gnuplot=0; have gnuplot && has_gnuplot=1
has_ploticus=0; have ploticus && has_ploticus=1
has_mpl=0; /usr/bin/python3 -c 'import matplotlib' 2>/dev/null && has_mpl=1
has_cairo=0
if have cc && have pkg-config && pkg-config --exists cairo &&
    cc -O2 -std=c11 "$bench/bare_cairo.c" -o "$work/bare_cairo" \
        $(pkg-config --cflags --libs cairo) -lm; then
    has_cairo=1
fi
# Peak RSS and minor page faults: GNU time's %M and %R, else our getrusage wrapper, else none
# (the columns show n/a).
rss_tool=none
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M %R' -o "$work/t" true 2>/dev/null; then
    rss_tool=gnu-time
elif have cc && cc -O2 -std=c11 "$bench/peak_rss.c" -o "$work/peak_rss"; then
    rss_tool=peak_rss.c
fi

# ploticus (GD with FreeType) finds fonts by name in $GDFONTPATH, as NAME.ttf: links to Inter's
# files (OpenType/CFF, which FreeType reads whatever the extension).
if ((has_ploticus)); then
    mkdir -p "$work/fonts"
    for style in Regular Bold; do
        f=$(fc-match -f '%{file}' "Inter:style=$style" 2>/dev/null || true)
        [[ -n $f ]] && ln -sf "$f" "$work/fonts/Inter-$style.ttf"
    done
    export GDFONTPATH=$work/fonts
fi

# shq ARGS...: each argument single-quoted, for a command line that both `eval` and
# hyperfine -N (which splits words with POSIX quoting rules, no shell) read back exactly.
shq() {
    local a out=
    for a in "$@"; do out+="'${a//\'/\'\\\'\'}' "; done
    printf '%s' "${out% }"
}

# time_commands CSV NAME CMD [NAME CMD ...]: hyperfine-style CSV (command,mean,stddev,median,
# user,system,min,max in seconds), with hyperfine when installed, else a date +%s%N loop.
time_commands() {
    local csv=$1
    shift
    if ((has_hyperfine)); then
        # In rounds: every command runs runs/rounds times, then the next, round after round,
        # so that a burst of load on a shared machine falls on all the commands alike instead
        # of on one of them; the times of the rounds are pooled.
        local args=() r per=$(((runs + rounds - 1) / rounds))
        while (($#)); do args+=(-n "$1" "$2"); shift 2; done
        for ((r = 0; r < rounds; r++)); do
            hyperfine -N --warmup "$((r ? 1 : warmup))" --runs "$per" --style basic \
                --export-json "$csv.$r.json" "${args[@]}" >>"$work/hyperfine.log" 2>&1 ||
                log "hyperfine failed (its output: $work/hyperfine.log, with BENCH_KEEP=1)"
        done
        /usr/bin/python3 - "$csv" "$rounds" <<'PY'
import json, statistics, sys
csv, rounds = sys.argv[1], int(sys.argv[2])
times = {}
for r in range(rounds):
    try:
        for res in json.load(open(f"{csv}.{r}.json"))["results"]:
            times.setdefault(res["command"], []).extend(res["times"])
    except (OSError, ValueError):
        pass
with open(csv, "w") as out:
    out.write("command,mean,stddev,median,user,system,min,max\n")
    for name, t in times.items():
        out.write(f"{name},{statistics.mean(t)},,{statistics.median(t)},,,{min(t)},{max(t)}\n")
PY
        return
    fi
    echo "command,mean,stddev,median,user,system,min,max" >"$csv"
    while (($#)); do
        local name=$1 cmd=$2 i t0 t1
        shift 2
        for ((i = 0; i < warmup; i++)); do eval "$cmd" >/dev/null 2>&1; done
        for ((i = 0; i < runs; i++)); do
            t0=$(date +%s%N); eval "$cmd" >/dev/null 2>&1; t1=$(date +%s%N)
            echo $(((t1 - t0) / 1000))
        done | sort -n | awk -v name="$name" '{ t[NR] = $1 / 1e6; s += t[NR] }
            END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
                  printf "%s,%g,,%g,,,%g,%g\n", name, s / NR, m, t[1], t[NR] }' >>"$csv"
    done
}

# peak_rss CMD: the max of ru_maxrss (KiB) over $rss_runs runs and the fewest minor page
# faults of a run (ru_minflt), tab-separated, or nothing. Where a page fault is expensive (a
# virtual machine that shadows page tables: about 25 us each on the one bench/README.md
# describes), the faults predict a process's time better than its instructions do.
peak_rss() {
    local cmd=$1 i max=0 kb flt fewest=
    for ((i = 0; i < rss_runs; i++)); do
        case $rss_tool in
        gnu-time) eval "/usr/bin/time -f '%M %R' -o $(shq "$work/rss") $cmd" >/dev/null 2>&1 ;;
        peak_rss.c) eval "$(shq "$work/peak_rss" "$work/rss") $cmd" >/dev/null 2>&1 ;;
        *) return ;;
        esac
        read -r kb flt < <(tail -n 1 "$work/rss")
        ((kb > max)) && max=$kb
        [[ -z $fewest ]] || ((flt < fewest)) && fewest=$flt
    done
    printf '%s\t%s\n' "$max" "$fewest"
}

# --- The figures -------------------------------------------------------------------------
# figure NAME DATA TITLE SUBTITLE SOURCE [more csvchart options]: benchmark one figure.
# Results go to $work/NAME.csv (times) and $work/NAME.rss (name<TAB>KiB).
figures=()
figure() {
    local name=$1 data=$root/data/$2 title=$3 subtitle=$4 source=$5
    shift 5
    local out=$work/$name common
    figures+=("$name")
    common=$(shq "$title" "$subtitle" "$source")

    # The comparators read label<TAB>value<TAB>value-as-written, made here once, so none of
    # them parses "$830B" (csvchart does, from the CSV, as part of its time). Simple CSV only:
    # no quoted fields with commas in them.
    awk -F, 'NR > 1 { sub(/\r$/, ""); v = $2; gsub(/[^0-9.-]/, "", v); print $1 "\t" v "\t" $2 }' \
        "$data" >"$out.tsv"

    local c=() # pairs: name, command line
    local base=("$bin" bar "$data" --title "$title" --subtitle "$subtitle" --source "$source" "$@")
    c+=("csvchart PNG" "$(shq "${base[@]}" -o "$out.png")")
    c+=("csvchart SVG" "$(shq "${base[@]}" -o "$out.svg")")
    c+=("csvchart PDF" "$(shq "${base[@]}" -o "$out.pdf")")
    c+=("csvchart PNG small" "$(shq "${base[@]}" --png-compression small -o "$out-small.png")")
    # The first run of a family makes its font cache (src/text_fonts.c); the warm-up runs do
    # that, so the rows above are with the cache. This row is without it: what a run costs on
    # a machine where no cache can be written, or when fontconfig's files have just changed.
    c+=("csvchart SVG no cache" "$(shq env CSVCHART_FONT_CACHE=0 "${base[@]}" -o "$out-nc.svg")")
    # The floor of every row above: the same process loading the same libraries and doing
    # nothing else (no figure, no fonts); a figure's own cost is its time less this one.
    c+=("csvchart --version" "$(shq "$bin" --version)")
    if ((has_gnuplot)); then
        c+=("gnuplot PNG" "$(shq gnuplot -c "$bench/gnuplot_bar.gp" "$out.tsv" "$out-gnuplot.png") $common")
        c+=("gnuplot SVG" "$(shq gnuplot -c "$bench/gnuplot_bar.gp" "$out.tsv" "$out-gnuplot.svg") $common")
    fi
    if ((has_ploticus)); then
        local pl=(-pagesize 12,6.75 "$bench/ploticus_bar.pl" "DATA=$out.tsv" "TITLE=$title"
            "SUBTITLE=$subtitle" "SOURCE=$source")
        c+=("ploticus PNG" "$(shq ploticus -png -o "$out-ploticus.png" -pixsize 1200,675 "${pl[@]}" FONT=Inter-Regular BOLD=Inter-Bold)")
        c+=("ploticus SVG" "$(shq ploticus -svg -o "$out-ploticus.svg" "${pl[@]}" FONT=Inter BOLD=Inter)")
    fi
    if ((has_mpl)); then
        c+=("matplotlib PNG" "$(shq /usr/bin/python3 "$bench/mpl_bar.py" "$out.tsv" "$out-mpl.png") $common")
        c+=("matplotlib SVG" "$(shq /usr/bin/python3 "$bench/mpl_bar.py" "$out.tsv" "$out-mpl.svg") $common")
    fi
    if ((has_cairo)); then
        c+=("bare cairo PNG" "$(shq "$work/bare_cairo" "$out.tsv" "$out-cairo.png") $common")
    fi

    # One untimed run of each: it must succeed (else it is left out, with its error shown).
    local ok=() i
    for ((i = 0; i < ${#c[@]}; i += 2)); do
        if eval "${c[i + 1]}" >/dev/null 2>"$work/err"; then
            ok+=("${c[i]}" "${c[i + 1]}")
        else
            log "$name: '${c[i]}' failed, left out: $(head -c 300 "$work/err")"
        fi
    done
    log "$name: timing $((${#ok[@]} / 2)) commands x $runs runs"
    time_commands "$out.csv" "${ok[@]}"
    : >"$out.rss"
    if [[ $rss_tool != none ]]; then
        log "$name: peak RSS and page faults, $rss_runs runs each ($rss_tool)"
        for ((i = 0; i < ${#ok[@]}; i += 2)); do
            printf '%s\t%s\n' "${ok[i]}" "$(peak_rss "${ok[i + 1]}")" >>"$out.rss"
        done
    fi
}

# The options of scripts/render-samples.sh, so csvchart draws what it draws in real use.
figure api-pricing api-pricing.csv "OpenAI o1 costs 857x more than DeepSeek R1" \
    "API price per million input tokens, US dollars" "Versalence" --highlight "DeepSeek R1"
figure valuations valuations.csv "OpenAI is valued at more than twice Anthropic" \
    "Valuation, US dollars" "CNBC; Yahoo Finance" --highlight "OpenAI (Feb 2026)"
figure adoption adoption.csv "Most organisations already use AI" \
    "Share of organisations, March 2026" "LLM.co" --note "Over 50% deploy open-source models."

# --- The report --------------------------------------------------------------------------
# get FIGURE NAME FIELD: a time in ms (FIELD median or min), the peak RSS in KiB (rss) or the
# minor page faults (faults); empty when the command was not run.
get() {
    [[ -f $work/$1.csv ]] || return 0
    if [[ $3 == rss || $3 == faults ]]; then
        awk -F'\t' -v n="$2" -v c="$([[ $3 == rss ]] && echo 2 || echo 3)" \
            '$1 == n { print $c }' "$work/$1.rss"
        return
    fi
    awk -F, -v n="$2" -v f="$3" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == n { printf "%.3f\n", $(col[f]) * 1000 }' "$work/$1.csv"
}

report() {
    local cpu commit
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -n $(git -C "$root" status --porcelain 2>/dev/null) ]] && commit+=" (uncommitted changes)"
    echo "csvchart benchmark, $(date '+%Y-%m-%d %H:%M %Z')"
    echo "machine:  $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr)"
    echo "binary:   $bin (repo at run time: $commit)"
    printf 'timing:   %s runs per command after %s warm-up, %s; peak RSS: max of %s runs (%s)\n' \
        "$runs" "$warmup" "$( ((has_hyperfine)) && hyperfine --version || echo 'date +%s%N loop')" \
        "$rss_runs" "$rss_tool"
    printf 'versions: %s; %s; %s; %s; cairo %s\n' \
        "$( ((has_gnuplot)) && gnuplot --version || echo 'gnuplot: not installed')" \
        "$( ((has_ploticus)) && { ploticus -version 2>&1 || true; } | head -1 | cut -d' ' -f1-2 || echo 'ploticus: not installed')" \
        "$( ((has_mpl)) && /usr/bin/python3 -c 'import matplotlib; print("matplotlib", matplotlib.__version__)' || echo 'matplotlib: not installed')" \
        "$(/usr/bin/python3 --version 2>/dev/null || echo 'no python3')" \
        "$(pkg-config --modversion cairo 2>/dev/null || echo '?')"
    echo
    echo "Whole-process wall time per figure (1200x675), ms; peak RSS, MiB; minor page faults"
    printf '%-12s %-22s %9s %9s %9s %9s %7s\n' figure command median min max "peak RSS" faults
    local f n med shown
    for f in "${figures[@]}"; do
        shown=$f # the figure name on its first line only
        for n in "csvchart PNG" "csvchart SVG" "csvchart PDF" "csvchart PNG small" \
            "csvchart SVG no cache" "csvchart --version" "gnuplot PNG" "gnuplot SVG" \
            "ploticus PNG" "ploticus SVG" \
            "matplotlib PNG" "matplotlib SVG" "bare cairo PNG"; do
            med=$(get "$f" "$n" median)
            [[ -n $med ]] || continue
            awk -v f="$shown" -v n="$n" -v med="$med" -v min="$(get "$f" "$n" min)" \
                -v max="$(get "$f" "$n" max)" -v rss="$(get "$f" "$n" rss)" \
                -v flt="$(get "$f" "$n" faults)" 'BEGIN {
                    printf "%-12s %-22s %9.1f %9.1f %9.1f %9s %7s\n", f, n, med, min, max,
                        rss == "" ? "n/a" : sprintf("%.1f", rss / 1024), flt == "" ? "n/a" : flt }'
            shown=""
        done
    done
    echo
    echo "Ratios of medians, comparator / csvchart (same run; higher = csvchart faster)"
    printf '%-32s %-9s' ratio target
    for f in "${figures[@]}"; do printf ' %-14s' "$f"; done
    echo
    ratio "gnuplot PNG / csvchart PNG" "gnuplot PNG" "csvchart PNG" 4 "(aim 5x)"
    ratio "ploticus PNG / csvchart PNG" "ploticus PNG" "csvchart PNG" 1.5
    ratio "gnuplot SVG / csvchart SVG" "gnuplot SVG" "csvchart SVG" 2
    ratio "ploticus SVG / csvchart SVG" "ploticus SVG" "csvchart SVG" 1
    ratio "bare cairo PNG / csvchart PNG" "bare cairo PNG" "csvchart PNG" 2
    ratio "matplotlib PNG / csvchart PNG" "matplotlib PNG" "csvchart PNG" ""
    ratio "matplotlib SVG / csvchart SVG" "matplotlib SVG" "csvchart SVG" ""
    ratio "csvchart PNG small / PNG fast" "csvchart PNG small" "csvchart PNG" ""
    ratio "SVG no font cache / SVG" "csvchart SVG no cache" "csvchart SVG" ""
    ratio "gnuplot SVG / csvchart --version" "gnuplot SVG" "csvchart --version" "" "(the most an SVG could reach)"
    echo
    # Peak RSS: the worst csvchart PNG run (target), and the worst over every format.
    local worst=0 png=0 kb
    for f in "${figures[@]}"; do
        for n in "csvchart PNG" "csvchart SVG" "csvchart PDF" "csvchart PNG small"; do
            kb=$(get "$f" "$n" rss)
            [[ -n $kb ]] && ((kb > worst)) && worst=$kb
            [[ -n $kb && $n == "csvchart PNG" ]] && ((kb > png)) && png=$kb
        done
    done
    if ((worst > 0)); then
        awk -v kb="$png" 'BEGIN { printf "csvchart PNG peak RSS, max over figures: %.1f MiB (target <= 16 MiB): %s\n",
            kb / 1024, kb <= 16 * 1024 ? "PASS" : "MISS" }'
        awk -v kb="$worst" 'BEGIN { printf "csvchart peak RSS, max over figures and formats: %.1f MiB\n", kb / 1024 }'
    else
        echo "csvchart peak RSS: n/a (no /usr/bin/time and no C compiler)"
    fi
}

# ratio LABEL NUMERATOR DENOMINATOR TARGET [NOTE]: one line of the ratio table, a
# PASS/MISS per figure when there is a target, n/a when a tool was not installed.
ratio() {
    local label=$1 num=$2 den=$3 target=$4 note=${5:-} f a b
    printf '%-32s %-9s' "$label" "${target:+>= ${target}x}"
    for f in "${figures[@]}"; do
        a=$(get "$f" "$num" median) b=$(get "$f" "$den" median)
        if [[ -z $a || -z $b ]]; then
            printf ' %-14s' n/a
            continue
        fi
        awk -v a="$a" -v b="$b" -v t="$target" 'BEGIN { r = a / b
            printf " %-14s", sprintf("%.2fx", r) (t == "" ? "" : (r >= t ? " PASS" : " MISS")) }'
    done
    echo " $note"
}

mkdir -p "$bench/results"
report | sed 's/ *$//' | tee "$bench/results/latest.txt"
exit 0
