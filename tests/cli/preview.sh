# The preview page of `csvchart render --html` in a real browser (issue 16): headless Chromium
# (Debian's chromium package) driven over the DevTools protocol (lib/browser.py) loads the
# page; every image loads and the console has no error or warning (a missing image is a log
# error: the check is shown to fail on one). Then under --watch: an edited CSV makes the open
# page reload itself, images and all. The screenshots stay in the build tree for a person to
# look at: tests/scratch/preview/preview.png and preview-watch.png.
# Skips (77) without chromium or python3.
. "$(dirname "$0")/lib/common.bash"
command -v chromium >/dev/null || { echo "chromium missing (Debian: apt-get install chromium)"; exit 77; }
command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }
browser() { timeout 120 python3 "$SRC/tests/cli/lib/browser.py" "$@" >browser.log 2>&1; }

printf 'model,price\nDeepSeek R1,$0.07\nOpenAI o1,$60\nGemini,\n' > prices.csv
printf 'date,label\n2025-01,R1\n2025-12,V3.2\n2026-04,V4\n' > events.csv
cat > f.ini <<'INI'
[defaults]
kind = bar
source = Test

[pricing]
data = prices.csv
outputs = pricing.png pricing@2x.png pricing.svg pricing.pdf
title = "OpenAI o1 costs 857x more; a title with ; and <b> in it"
log = true
ratio = true

[pricing-dark]
data = prices.csv
outputs = dark/pricing-dark.png
theme = dark
size = 6.5inx4in
dpi = 150

[events]
kind = timeline
data = events.csv
outputs = events.svg events.png

[broken]
data = missing.csv
INI
run render f.ini --out-dir "out dir" --html "out dir/index.html"
expect_status 1 "render with --html (one figure fails)"
grep -c '<img ' "out dir/index.html" | grep -qx 6 && pass "six images on the page" ||
    fail "images on the page: $(grep -c '<img ' "out dir/index.html")"
grep -q 'class="fig failed" id="fig-broken"' "out dir/index.html" && pass "the failed figure is on the page" ||
    fail "no failed figure"
grep -q 'class="warning">warning: prices.csv:4: row skipped' "out dir/index.html" &&
    pass "the warning is on the page" || fail "no warning on the page"
grep -q '&lt;b&gt;' "out dir/index.html" && pass "text is escaped" || fail "title not escaped"

browser "out dir/index.html" preview.png
rc=$?
cat browser.log
[ $rc -ne 2 ] || { fail "the browser could not be driven"; finish; }
grep -qx 'images: 6/6' browser.log && pass "the browser loads every image (6/6)" || fail "images: $(grep images browser.log)"
grep -qx 'console problems: 0' browser.log && pass "no console error or warning" || fail "console problems"
[ "$(head -c 4 preview.png | od -An -c | tr -d ' ')" = '211PNG' ] && pass "screenshot preview.png" ||
    fail "no screenshot"

# The check can fail: an image removed after the page was written.
cp "out dir/index.html" "out dir/missing.html"
mv "out dir/events.png" events.png.away
browser "out dir/missing.html" missing.png
grep -qx 'images: 5/6' browser.log && grep -q '^console problem: log error' browser.log &&
    pass "a missing image is caught (5/6, a console error)" || fail "missing image not caught: $(cat browser.log)"
mv events.png.away "out dir/events.png"

# --watch: the open page reloads itself when a figure is rendered again.
"$BIN" render f.ini --out-dir "out dir" --html "out dir/index.html" --watch >/dev/null 2>w.log &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for i in $(seq 1 100); do grep -q watching w.log && break; sleep 0.1; done
browser "out dir/index.html" preview-watch.png --touch events.csv --content 'date,label\n2025-01,R1\n2025-12,V3.2\n2026-04,V4\n2026-06,V5\n'
cat browser.log
grep -qx 'version: 1' browser.log && grep -qx 'reloaded: 2' browser.log &&
    pass "the page reloaded itself at version 2 after events.csv changed" || fail "no reload: $(cat w.log)"
grep -qx 'images after reload: 6/6' browser.log && grep -qx 'console problems: 0' browser.log &&
    pass "after the reload: every image, no console problem" || fail "after the reload"
grep -q 'V5' "out dir/events.svg" && pass "the new event is drawn" || fail "events.svg lacks V5"
kill $pid
trap - EXIT
finish
