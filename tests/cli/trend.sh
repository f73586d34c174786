# Trends from the command line (issue 14): the sample renders in every format and from an INI
# file, the rate is written on the chart and in the SVG's description, a refused size names
# one that then renders, and --help lists the trend's options.
. "$(dirname "$0")/lib/common.bash"

run trend "$SRC/data/api-price-trend.csv" -o t.png -o t.svg -o t.pdf -o t.scene \
    --group series --label model --log --trend fit --title "Prices halve"
expect_status 0 "sample trend"
grep -q '^text .*"halves every 6.1.months"' t.scene && pass "scene has the flagship's rate" ||
    fail "scene lacks the rate: $(grep -o '"halves[^"]*"' t.scene)"
grep -q '^text .*"GPT-4o mini"' t.scene && pass "scene has a labelled point" ||
    fail "scene lacks a labelled point"
grep -q '^line .* dash=' t.scene && pass "fitted lines are dashed" || fail "no dashed fit"
grep -q '<desc[^>]*>Trend of price per million input tokens by date: 3 series, 12 values from 1 March 2023 to 14 April 2025; OpenAI budget: halves every 5.3.months; OpenAI flagship: halves every 6.1.months.</desc>' t.svg &&
    pass "SVG desc" || fail "SVG desc: $(grep -o '<desc[^>]*>[^<]*</desc>' t.svg)"
[ "$(head -c 4 t.pdf)" = "%PDF" ] && pass "PDF written" || fail "no PDF"
[ "$(head -c 8 t.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && pass "PNG written" ||
    fail "no PNG"

# The same figure from an INI file, in parallel with a bar chart.
cat > figs.ini <<EOF
[prices]
kind = trend
data = $SRC/data/api-price-trend.csv
outputs = prices.png prices.svg
group = series
log = true
trend = fit
trend_label = {factor}x cheaper a {period}

[bars]
kind = bar
data = $SRC/data/api-pricing.csv
EOF
mkdir -p out
run render figs.ini --out-dir out --jobs 2
expect_status 0 "INI with kind = trend"
grep -q '4.8x cheaper a year' out/prices.svg && pass "template in the SVG" ||
    fail "template not applied"

# Crowded labels on a phone: refused naming a size, which then renders.
{
    echo "date,price,label"
    for i in $(seq 0 39); do
        printf '2025-%02d-%02d,%d,Point number %d\n' $((i / 28 + 1)) $((i % 28 + 1)) $((i + 1)) "$i"
    done
} > crowded.csv
run trend crowded.csv -o crowded.png --size 400x600
expect_status 1 "crowded labels on a phone"
size=$(sed -n 's/.*use size \([0-9]*x[0-9]*\).*/\1/p' stderr.txt)
[ -n "$size" ] && pass "refusal names a size ($size)" || fail "no size in: $(cat stderr.txt)"
run trend crowded.csv -o crowded.png --size "$size"
expect_status 0 "the size named renders"
run trend crowded.csv -o grown.png --size 400x600 --fit grow
expect_status 0 "fit = grow"
expect_stderr_has "drawn at $size (fit = grow)" "fit = grow warns"

# Eight series on a palette of seven: refused as they are, drawn when the story's two are
# highlighted - even the first and the eighth, which share a colour by position (review 12).
{
    echo "month,A,B,C,D,E,F,G,H"
    for m in 01 02 03 04 05 06; do echo "2025-$m,1$m,2$m,3$m,4$m,5$m,6$m,7$m,8$m"; done
} >eight.csv
run trend eight.csv -o eight.png
expect_status 1 "eight series, seven colours"
expect_stderr_has 'highlight the few the story is about' "the refusal suggests a highlight"
run trend eight.csv -o eight-hl.png --highlight A,H
expect_status 0 "the first and the eighth highlighted"
run bar eight.csv -o eight-bar.png --highlight A,H
expect_status 0 "bar: the first and the eighth series highlighted"

# The options of the trend are listed (and the README documents them: readme.sh).
run trend --help
expect_status 0 "trend --help"
for o in --trend --trend-label --marker --mark --label --log --group --aggregate; do
    grep -qE -- "^  $o( |\[)" stdout.txt && pass "help lists $o" || fail "help lacks $o"
done
finish
