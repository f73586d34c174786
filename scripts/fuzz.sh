#!/bin/bash
# scripts/fuzz.sh [SECONDS_PER_TARGET] - builds the libFuzzer targets (tests/fuzz/) with clang
# in build-fuzz/ and runs each for SECONDS_PER_TARGET seconds (default 60), one after another.
#
# Each target first runs its regression files (tests/fuzz/regressions/TARGET/) once, then fuzzes
# a copy of its seed corpus (tests/fuzz/corpus/TARGET/), so the committed corpus never grows.
# Prints, per target, the executions and the outcome; exits 1 on any finding (a crash, a leak,
# undefined behaviour, a timeout, a broken contract), 2 when it cannot build.
#
# A finding's input is kept in build-fuzz/findings/; to turn it into a regression case:
#   build-fuzz/tests/fuzz/fuzz_TARGET -minimize_crash=1 -runs=100000 \
#       -exact_artifact_path=tests/fuzz/regressions/TARGET/NAME build-fuzz/findings/TARGET-crash-...
# then fix the library; tests/unit/test_fuzz_regressions.c runs the file in every test build.
#
# Environment: FUZZ_TARGETS (default "csv number ini render syntax read theme figure"),
# FUZZ_ARGS (more libFuzzer flags, e.g. -seed=N).
set -u
seconds=${1:-60}
case $seconds in
'' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]" >&2; exit 2 ;;
esac
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
printf '%-8s %14s %8s  %s\n' target executions exec/s result
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
    cp -r "$root/tests/fuzz/corpus/$t" "$work/$t-corpus"
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
        -max_len=8192 -print_final_stats=1 -artifact_prefix="$build/findings/$t-" \
        ${FUZZ_ARGS:-} "$work/$t-corpus" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    if [ $rc -ne 0 ]; then
        cp "$log" "$build/findings/$t.log"
        what=$(grep -m1 -E 'ERROR: |runtime error|contract broken|Test unit written' "$log")
        result="FINDING: ${what:-exit $rc} (log: $build/findings/$t.log)"
        status=1
    fi
    printf '%-8s %14s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$result"
done
exit $status
