# The authoring loop (issue 16): `csvchart render FIGURES.ini --watch --html FILE` renders,
# then renders again exactly the figures whose CSV or INI section changed, one line per
# render; a broken CSV prints its error and the watch goes on; the fix renders again; an edit
# of [defaults] renders every figure; the page and FILE.js get a new version each round.
# SIGTERM ends it. Skips (77) without inotify.
. "$(dirname "$0")/lib/common.bash"
printf 'k,v\nA,1\nB,2\n' > a.csv
printf 'k,v\nC,3\nD,4\n' > b.csv
cat > f.ini <<'INI'
[defaults]
kind = bar
[a]
data = a.csv
outputs = a.png a.svg
[b]
data = b.csv
outputs = sub/b.png
INI
"$BIN" render f.ini --out-dir out --html out/index.html --watch >/dev/null 2>w.log &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT

# wait_for TEXT [N]: until the log has at least N (default 1) lines holding TEXT (10 s at most)
wait_for() {
    local i
    for i in $(seq 1 100); do
        [ "$(grep -c -F -- "$1" w.log)" -ge "${2:-1}" ] && return 0
        kill -0 $pid 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
lines() { grep -c -E "$1" w.log; }
if ! wait_for "watching f.ini"; then
    grep -q 'cannot watch' w.log && { cat w.log; exit 77; }
    fail "the watch did not start: $(cat w.log)"
    finish
fi
pass "the watch started"
[ "$(lines ' rendered a: out/a.png, out/a.svg$')" -eq 1 ] && [ "$(lines ' rendered b: out/sub/b.png$')" -eq 1 ] &&
    pass "first batch: one line per figure" || fail "first batch: $(cat w.log)"
[ -f out/index.html ] && [ "$(cat out/index.html.js)" = "csvchartWatch(1);" ] &&
    pass "page and FILE.js at version 1" || fail "page: $(cat out/index.html.js 2>&1)"

# A CSV changes: that figure only.
printf 'k,v\nA,5\nB,2\n' > a.csv
wait_for " rendered a: " 2 && pass "a.csv changed: a rendered again" || fail "a not rendered again: $(cat w.log)"
sleep 0.5
[ "$(lines ' rendered b: ')" -eq 1 ] && pass "b left alone" || fail "b rendered again: $(cat w.log)"
[ "$(cat out/index.html.js)" = "csvchartWatch(2);" ] && grep -q 'data-version="2"' out/index.html &&
    pass "page and FILE.js at version 2" || fail "version: $(cat out/index.html.js)"

# A broken CSV: its error, the figure failed, the watch goes on; the fix renders it again.
printf 'k,v\nA,oops\n' > a.csv
wait_for " failed a" && pass "a broken CSV: a failed" || fail "a broken CSV: $(cat w.log)"
grep -q 'csvchart: a.csv:2:3: .*"oops"' w.log && pass "its error is shown" || fail "no error line: $(cat w.log)"
grep -q 'class="fig failed"' out/index.html && grep -q 'oops' out/index.html &&
    pass "the page shows the failure" || fail "page lacks the failure"
kill -0 $pid && pass "the watch goes on" || fail "the watch stopped"
printf 'k,v\nA,6\nB,2\n' > a.csv
wait_for " rendered a: " 3 && pass "fixed: a rendered again" || fail "fix not rendered: $(cat w.log)"

# Saved as editors do: a new file renamed over the old one.
printf 'k,v\nC,9\nD,4\n' > b.new && mv b.new b.csv
wait_for " rendered b: " 2 && pass "b.csv replaced by a rename: b rendered again" || fail "rename missed: $(cat w.log)"

# The INI file: one section's option changes that figure only; [defaults] every figure.
sed -i 's/^outputs = sub\/b.png$/outputs = sub\/b.png\ntitle = New title/' f.ini
wait_for " rendered b: " 3 && pass "[b] edited: b rendered again" || fail "[b] edit missed: $(cat w.log)"
sleep 0.5
[ "$(lines ' rendered a: ')" -eq 3 ] && pass "[b] edited: a left alone" || fail "a rendered for [b]'s edit"
grep -q 'New title' out/index.html && pass "the page has b's new title" || fail "page title"
sed -i 's/^kind = bar$/kind = bar\ntheme = dark/' f.ini
wait_for " rendered a: " 4 && wait_for " rendered b: " 4 && pass "[defaults] edited: every figure" ||
    fail "[defaults] edit: $(cat w.log)"
# An INI syntax error is reported; the watch goes on.
printf 'not an ini line\n' >> f.ini
wait_for "f.ini:" && pass "an INI error is reported" || fail "INI error: $(cat w.log)"
kill -0 $pid && pass "the watch goes on after an INI error" || fail "stopped on an INI error"

kill -TERM $pid
wait $pid 2>/dev/null
status=$?
[ "$status" -eq 143 ] && pass "SIGTERM ends the watch" || fail "exit $status after SIGTERM"
[ -z "$(find out -name '.*.tmp')" ] && pass "no temporary file left" || fail "left: $(find out -name '.*.tmp')"
trap - EXIT
finish
