# The command's heap on a transparent huge page (src/cli/heap.c): it changes no output - the
# samples at --jobs 1 and 2, and one figure in every format, are the same bytes with it and
# without it (CSVCHART_HUGE_HEAP=0) - and where the kernel gives huge pages on request, a
# running command's heap holds one (read from /proc/PID/smaps of a `render --watch`), and
# none when it is turned off.
. "$(dirname "$0")/lib/common.bash"

render_all() { # DIR [JOBS]
    run render "$SRC/data/figures.ini" --out-dir "$1" --jobs "${2:-2}"
    expect_status 0 "render the samples into $1"
    for f in png svg pdf; do
        run bar "$SRC/data/valuations.csv" --highlight "OpenAI (Feb 2026)" -o "$1/one.$f"
        expect_status 0 "one figure as $f into $1"
    done
}
CSVCHART_HUGE_HEAP=0 render_all off
render_all on1 1
render_all on2 2
n=0
for f in off/*; do
    n=$((n + 1))
    cmp -s "$f" "on1/${f#off/}" || fail "$f differs with the huge page, --jobs 1"
    cmp -s "$f" "on2/${f#off/}" || fail "$f differs with the huge page, --jobs 2"
done
[ "$n" -gt 40 ] && pass "$n outputs identical with and without the huge page" || fail "only $n outputs"

# heap_huge_kb [ENV...]: the AnonHugePages of the [heap] of a command that has drawn a figure
# and is still running (render --watch), in KiB; empty when it could not be read.
printf 'k,v\nA,1\nB,2\n' >a.csv
printf '[a]\nkind = bar\ndata = a.csv\noutputs = a.png\n' >w.ini
heap_huge_kb() {
    env "$@" "$BIN" render w.ini --out-dir w --watch >/dev/null 2>w.log &
    local pid=$! i kb=
    for i in $(seq 1 100); do
        grep -q 'watching w.ini' w.log && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.1
    done
    if grep -q 'watching w.ini' w.log; then
        kb=$(awk '/ \[heap\]$/ { h = 1; next } /^[0-9a-f]+-[0-9a-f]+ / { h = 0 }
                  h && /^AnonHugePages:/ { s += $2 } END { print s + 0 }' "/proc/$pid/smaps")
    fi
    kill $pid 2>/dev/null
    wait $pid 2>/dev/null
    echo "$kb"
}
thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)
if grep -q -a -E '__(asan|tsan)_init' "$BIN"; then
    pass "a sanitizer's allocator: the huge page is not asked for (not checked)"
elif [[ $thp != *"[madvise]"* && $thp != *"[always]"* ]]; then
    pass "the kernel gives no huge pages on request ('$thp'): not checked"
else
    kb=$(heap_huge_kb)
    if [ -z "$kb" ]; then
        pass "the watch could not run here ($(head -c 200 w.log)): not checked"
    else
        [ "$kb" -ge 2048 ] && pass "the heap holds a huge page ($kb KiB)" ||
            fail "the heap holds no huge page ($kb KiB; THP: $thp)"
        if [[ $thp == *"[madvise]"* ]]; then
            kb=$(heap_huge_kb CSVCHART_HUGE_HEAP=0)
            [ "$kb" = 0 ] && pass "CSVCHART_HUGE_HEAP=0: no huge page" ||
                fail "CSVCHART_HUGE_HEAP=0 still holds $kb KiB of huge pages"
        fi
    fi
fi
finish
