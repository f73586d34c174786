#!/bin/bash
# scripts/fuzz.sh [SECONDS_PER_TARGET | --ci | --runs=N] - builds the libFuzzer targets
# (tests/fuzz/) with clang in build-fuzz/ and runs each, one after another:
#
#   scripts/fuzz.sh [SECONDS]  for SECONDS each (default 60): for developers. How far a run
#                              gets depends on the machine's speed, so two runs differ.
#   scripts/fuzz.sh --ci       what CI runs (.ci/run): a fixed number of executions per target
#                              (the table below) with -seed=1, so the run is the same on every
#                              machine with the same clang (Debian clang 14): a finding in CI
#                              is found here by the same command, and a clean run here is clean
#                              in CI. Only the real Pango measurer (1 input in 16 or 32) depends
#                              on the fonts installed.
#   scripts/fuzz.sh --runs=N   N executions per target (seed from FUZZ_ARGS, e.g. -seed=7).
#
# Each target first runs its regression files (tests/fuzz/regressions/TARGET/) once, then fuzzes
# its seed corpus (tests/fuzz/corpus/TARGET/), keeping what it adds apart, so the committed
# corpus never grows.
# Prints, per target, the executions and the outcome; exits 1 on any finding (a crash, a leak,
# undefined behaviour, a timeout, a broken contract), 2 when it cannot build.
#
# A finding's input is kept in build-fuzz/findings/; to turn it into a regression case:
#   build-fuzz/tests/fuzz/fuzz_TARGET -minimize_crash=1 -runs=100000 \
#       -exact_artifact_path=tests/fuzz/regressions/TARGET/NAME build-fuzz/findings/TARGET-crash-...
# then fix the library; tests/unit/test_fuzz_regressions.c runs the file in every test build.
# To replay a CI finding: FUZZ_TARGETS=TARGET scripts/fuzz.sh --ci.
#
# Environment: FUZZ_TARGETS (default "csv number ini render syntax read theme figure"),
# FUZZ_ARGS (more libFuzzer flags, e.g. -seed=N; after --ci's, so they override them).
set -u

# --ci: executions per target, each about 30-60 s on a 2-core x86-64 machine (ASan+UBSan,
# clang 14), about 5.5 minutes in all (measured alone: csv 47 s, number 44, ini 43, render 43,
# syntax 46, read 38, theme 27, figure 35). Raise a count when a target gets faster; a new
# count is a new run (other inputs), so run it and fix what it finds before committing it.
ci_runs() {
    case $1 in
    csv) echo 250000 ;;
    number) echo 300000 ;;
    ini) echo 1000000 ;;
    render) echo 60000 ;;
    syntax) echo 150000 ;;
    read) echo 60000 ;;
    theme) echo 1000000 ;;
    figure) echo 12000 ;;
    *) echo 10000 ;;
    esac
}

mode=time seconds=60 runs=0
case ${1:-60} in
--ci) mode=ci ;;
--runs=*)
    mode=runs runs=${1#--runs=}
    case $runs in '' | *[!0-9]*) mode=bad ;; esac
    ;;
'' | *[!0-9]*) mode=bad ;;
*) seconds=${1:-60} ;;
esac
if [ "$mode" = bad ]; then
    echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET | --ci | --runs=N]" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
targets=${FUZZ_TARGETS:-csv number ini render syntax read theme figure}

if ! command -v clang >/dev/null; then
    echo "fuzz.sh: clang is needed (Debian: apt-get install clang libclang-rt-14-dev)" >&2
    exit 2
fi
CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCSVCHART_FUZZ=ON \
    -DCSVCHART_TESTS=OFF >"$build.log" 2>&1 &&
    cmake --build "$build" -j"$(nproc)" $(printf -- '--target fuzz_%s ' $targets) \
        >>"$build.log" 2>&1
if [ $? -ne 0 ]; then
    tail -30 "$build.log" >&2
    echo "fuzz.sh: the build failed (log: $build.log)" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/csvchart-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/findings"
# fontconfig, Pango and GLib keep lifetime caches (fuzz_render, real text measurer).
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS="abort_on_error=0:detect_leaks=1"

status=0
printf '%-8s %14s %8s %6s  %s\n' target executions exec/s time result
for t in $targets; do
    bin=$build/tests/fuzz/fuzz_$t
    log=$work/$t.log
    result=ok
    # The regression files, once each.
    if [ -n "$(ls -A "$root/tests/fuzz/regressions/$t" 2>/dev/null)" ]; then
        if ! "$bin" -runs=0 "$root/tests/fuzz/regressions/$t" >"$work/$t.reg.log" 2>&1; then
            result="REGRESSION (log: $build/findings/$t-regressions.log)"
            cp "$work/$t.reg.log" "$build/findings/$t-regressions.log"
            status=1
        fi
    fi
    # The seeds by name (-seed_inputs), not from a folder: libFuzzer takes a folder's files in
    # the file system's order, which differs between machines, and so would the run. New
    # inputs go to an empty folder, so the committed corpus never grows.
    mkdir "$work/$t-corpus"
    seeds=$(LC_ALL=C ls "$root/tests/fuzz/corpus/$t" | sed "s|^|$root/tests/fuzz/corpus/$t/|" |
        paste -sd, -)
    case $mode in
    ci) limit="-runs=$(ci_runs "$t") -seed=1" ;;
    runs) limit="-runs=$runs" ;;
    *) limit="-max_total_time=$seconds" ;;
    esac
    start=$SECONDS
    # shellcheck disable=SC2086
    "$bin" $limit -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
        -max_len=8192 -print_final_stats=1 -artifact_prefix="$build/findings/$t-" \
        -seed_inputs="$seeds" ${FUZZ_ARGS:-} "$work/$t-corpus" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    if [ $rc -ne 0 ]; then
        cp "$log" "$build/findings/$t.log"
        what=$(grep -m1 -E 'ERROR: |runtime error|contract broken|Test unit written' "$log")
        result="FINDING: ${what:-exit $rc} (log: $build/findings/$t.log)"
        status=1
    fi
    printf '%-8s %14s %8s %5ss  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$((SECONDS - start))" \
        "$result"
done
exit $status
