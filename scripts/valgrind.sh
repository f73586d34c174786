#!/bin/bash
# scripts/valgrind.sh [CTEST ARGS...] - the whole test suite under valgrind's memcheck.
#
# Builds a normal (non-sanitizer) Debug tree in build-valgrind/, then puts a wrapper in place
# of every program the tests run - each unit test, test_golden, and the csvchart binary the
# shell tests (tests/cli/*.sh) call as $BIN - that runs the real program under
#     valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
#              --suppressions=tests/valgrind.supp
# and runs ctest. `ctest -T memcheck` would put valgrind around bash, not around the csvchart
# processes a shell test starts; wrapping the programs catches both kinds of test alike.
# Every process writes its own log (build-valgrind/valgrind-logs/PID.log); the script fails
# (exit 1) when a test fails or when any log reports an error, so an error in a run whose
# exit status a test expects to be 1 is not lost. Exit 2: no valgrind or the build failed.
# Extra arguments go to ctest (e.g. -R unit. to run only the unit tests).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-valgrind
logs=$build/valgrind-logs
if ! command -v valgrind >/dev/null; then
    echo "valgrind.sh: valgrind is needed (Debian: apt-get install valgrind)" >&2
    exit 2
fi
start=$(date +%s)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCSVCHART_SANITIZE=OFF \
    -DCSVCHART_FUZZ=OFF >"$build.log" 2>&1 && cmake --build "$build" -j"$(nproc)" >>"$build.log" 2>&1
if [ $? -ne 0 ]; then
    tail -30 "$build.log" >&2
    echo "valgrind.sh: the build failed (log: $build.log)" >&2
    exit 2
fi

# wrap PROGRAM: moves the freshly built ELF file PROGRAM to valgrind-real/ (same base name, so
# argv[0] and messages do not change) and writes a wrapper script in its place. A wrapper
# left by an earlier run is kept (the build relinks the program only when it changed).
wrap() {
    local prog=$1 rel real
    [ "$(head -c 4 "$prog" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] || return 0
    rel=${prog#"$build"/}
    real=$build/valgrind-real/$rel
    mkdir -p "$(dirname "$real")"
    mv -f "$prog" "$real"
    cat >"$prog" <<EOF
#!/bin/sh
# Written by scripts/valgrind.sh: runs the real program under valgrind.
exec valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \\
    --show-leak-kinds=definite --num-callers=30 --child-silent-after-fork=yes \\
    --suppressions="$root/tests/valgrind.supp" --log-file="$logs/%p.log" "$real" "\$@"
EOF
    chmod +x "$prog"
}
wrap "$build/csvchart"
for t in "$build"/tests/test_*; do
    wrap "$t"
done

rm -rf "$logs"
mkdir -p "$logs"
# Runs take 20-50 times longer: the bad-input corpus gets a longer time limit per run.
export CSVCHART_TEST_TIMEOUT=${CSVCHART_TEST_TIMEOUT:-900}
ctest --test-dir "$build" -j"$(nproc)" --timeout 5400 --output-on-failure "$@" |
    tee "$build/ctest.log"
ctest_status=${PIPESTATUS[0]}

# A test whose only failed checks are timings ("check failed: dt < 2.0", from the harness of
# tests/harness.h) failed because valgrind is slow, not because of memory: it is reported and
# not counted. Any other failed check, or a failure without one, counts.
failed=0
timing_only=""
while read -r name; do
    block=$(awk -v t="$name" '
        $0 ~ "Test +#[0-9]+: " t " " { on = 1; next }
        on && /^ *(Start +[0-9]+:|[0-9]+\/[0-9]+ Test +#)/ { on = 0 }
        on' "$build/ctest.log")
    checks=$(printf '%s\n' "$block" | grep -E 'check failed|: got |^FAIL')
    if [ -n "$checks" ] && ! printf '%s\n' "$checks" | grep -qv 'check failed: dt < '; then
        timing_only="$timing_only $name"
    else
        failed=$((failed + 1))
    fi
done < <(sed -n 's/^[[:space:]]*[0-9]* - \([^ ]*\) (.*/\1/p' "$build/ctest.log")
[ -z "$timing_only" ] || echo "valgrind.sh: timing checks only, not counted:$timing_only"

# The logs: every process that ran to the end wrote "ERROR SUMMARY: N errors". A process
# killed on purpose (tests/cli/atomic.sh) has no summary and is not judged.
bad=0
total=$(find "$logs" -name '*.log' | wc -l)
for f in "$logs"/*.log; do
    [ -e "$f" ] || continue
    if grep -q 'ERROR SUMMARY: [1-9]' "$f"; then
        bad=$((bad + 1))
        echo "---- $f" >&2
        head -60 "$f" >&2
    fi
done
secs=$(($(date +%s) - start))
echo "valgrind.sh: $total processes checked, $bad with errors; $failed tests failed" \
    "(ctest exit $ctest_status); ${secs} s"
[ "$failed" -eq 0 ] && [ "$bad" -eq 0 ] && { [ "$ctest_status" -eq 0 ] || [ -n "$timing_only" ]; }
