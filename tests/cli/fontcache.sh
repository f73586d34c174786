# The font cache (src/text_fonts.c): every sample figure, plus CJK and accented text in bold
# and regular, rendered without the cache (the system's fontconfig), while the cache is made,
# and from the cache, in every format and at 2x: the same bytes each time. The cache is made
# again when a font folder changes, and a damaged cache file is ignored.
. "$(dirname "$0")/lib/common.bash"
export XDG_CACHE_HOME=$SCRATCH/cache
cat >fig.ini <<EOF
[defaults]
kind = bar
data = $SRC/data/api-pricing.csv
[cjk]
outputs = cjk.png cjk@2x.png cjk.svg cjk.pdf
title = 深度求索 costs less: Zürich, São Paulo, Ελλάδα
subtitle = 价格 per million tokens — “quoted” → arrows
EOF
render_all() { # DIR
    mkdir -p "$1"
    run render "$SRC/data/figures.ini" --out-dir "$1" --jobs 2
    expect_status 0 "render the samples into $1"
    run render fig.ini --out-dir "$1" --jobs 1
    expect_status 0 "render the CJK figure into $1"
}
CSVCHART_FONT_CACHE=0 render_all none
[ ! -d cache/csvchart ] && pass "CSVCHART_FONT_CACHE=0 writes no cache" || fail "a cache was written"
render_all making
ls cache/csvchart/fonts-* >/dev/null 2>&1 && pass "a cache was written" || fail "no cache"
grep -q '^config$' cache/csvchart/fonts-* && pass "the cache holds a configuration" ||
    fail "the cache says: use the system's"
render_all cached
n=0
for f in none/*; do
    n=$((n + 1))
    cmp -s "$f" "making/${f#none/}" || fail "$f differs while the cache is made"
    cmp -s "$f" "cached/${f#none/}" || fail "$f differs with the cache"
done
[ "$n" -gt 20 ] && pass "$n outputs identical with and without the cache" || fail "only $n outputs"

# A changed dependency (a font folder's time) makes the cache again; a damaged file is ignored.
f=$(ls cache/csvchart/fonts-* | head -1)
sed -i 's/^dep \([0-9]* [0-9]* [0-9]*\) [0-9]* /dep \1 1 /' "$f"
before=$(cksum <"$f")
run bar "$SRC/data/api-pricing.csv" -o again.svg
expect_status 0 "render with a stale cache"
[ "$(cksum <"$f")" != "$before" ] && pass "a stale cache is made again" || fail "stale cache kept"
printf 'csvchart-fonts 1\ngarbage' >"$f"
run bar "$SRC/data/api-pricing.csv" -o damaged.svg
expect_status 0 "render with a damaged cache"
CSVCHART_FONT_CACHE=0 run bar "$SRC/data/api-pricing.csv" -o plain.svg
cmp -s damaged.svg plain.svg && pass "a damaged cache changes nothing" || fail "damaged cache"
finish
