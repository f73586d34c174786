# Bad input and usage errors: exit status, the exact message, no output file created and an
# existing output left untouched (INTERFACE.md, "Errors, exit status, safety").
. "$(dirname "$0")/lib/common.bash"

printf 'old image\n' > keep.png

# case NAME STATUS MESSAGE CSV-CONTENT [extra args...]: writes NAME.csv, renders it to
# keep.png and to new-NAME.png, and checks status, message and that no file changed.
case_csv() {
    local name=$1 want=$2 msg=$3 content=$4
    shift 4
    printf '%b' "$content" > "$name.csv"
    run bar "$name.csv" -o keep.png -o "new-$name.png" "$@"
    expect_status "$want" "$name"
    expect_stderr "$msg" "$name"
    [ "$(cat keep.png)" = "old image" ] && pass "$name: existing output untouched" ||
        fail "$name: existing output was overwritten"
    [ ! -e "new-$name.png" ] && pass "$name: no new output" || fail "$name: new output created"
    leftovers=$(ls -A | grep -c '\.tmp$')
    [ "$leftovers" -eq 0 ] && pass "$name: no temporary files" || fail "$name: temporary files left"
}

case_csv not_numeric 1 \
    'csvchart: not_numeric.csv:3:3: column "price" needs numbers, and "abc" is not a number (expected e.g. 42, 1,234.5, $0.07, 50%, $5.6M)' \
    'model,price\nA,1\nB,abc\n'
case_csv decimal_comma 1 \
    'csvchart: decimal_comma.csv:2:3: column "v" needs numbers, and "1,5" is not a number (expected e.g. 42, 1,234.5, $0.07, 50%, $5.6M); for a decimal comma set decimal = ,' \
    'name;v\nA;1,5\nB;2,5\n'
case_csv duplicate 1 \
    'csvchart: duplicate.csv:4:1: category "A" appears again (first on line 2); set aggregate to sum, mean, count, min or max, or use group for long-format data' \
    'model,price\nA,1\nB,2\nA,3\n'
# A period without rows is a bar of zero under sum or count: no log axis draws it.
case_csv bin_log_empty 1 \
    'csvchart: bin_log_empty.csv: log scale needs values > 0; month "Feb 2024" has no rows, a sum of 0; bin by a longer period, or drop log' \
    'date,v\n2024-01-05,3\n2024-03-07,40\n' --bin month --aggregate sum --log
case_csv bin_log_empty_series 1 \
    'csvchart: bin_log_empty_series.csv: log scale needs values > 0; month "Feb 2024" has no rows of "a", a count of 0; bin by a longer period, or drop log' \
    'date,s\n2024-01-05,a\n2024-01-06,b\n2024-02-01,b\n2024-03-07,a\n2024-03-08,b\n' --bin month --aggregate count --group s --log
# A log axis has no place at zero: a rule there, or a band from there, is refused (the axis,
# stretched to take one, lost its ticks; found by the fuzzer).
case_csv log_rule_zero 1 \
    'csvchart: rule: a log scale needs values > 0; "One dollar" is at 0' \
    'model,price\nDeepSeek R1,$0.07\nOpenAI o1,$60.00\n' --log --rule '$0 One dollar'
case_csv log_band_zero 1 \
    'csvchart: band: a log scale needs values > 0; "Cheap" is at 0' \
    'model,price\nDeepSeek R1,$0.07\nOpenAI o1,$60.00\n' --log --band '0,0.5 Cheap'
case_csv unknown_x 1 \
    'csvchart: unknown_x.csv: no column named "cost" (x); the columns are "model", "price"' \
    'model,price\nA,1\n' --x cost
case_csv unknown_highlight 1 \
    'csvchart: highlight: no category named "C"; the categories are "A", "B"' \
    'model,price\nA,1\nB,2\n' --highlight C
case_csv mixed_units 1 \
    'csvchart: mixed_units.csv:3:3: column "price" mixes units: "€2" here, "$1" on line 2; write every value in one unit' \
    'model,price\nA,$1\nB,€2\n'
case_csv all_missing 1 \
    'csvchart: warning: all_missing.csv:2: row skipped: no value for "A"
csvchart: warning: all_missing.csv:3: row skipped: no value for "B"
csvchart: all_missing.csv: no rows left to draw: every row lacks a category or a value' \
    'model,price\nA,\nB,\n'

# Log comparisons (issue 3): what a log axis, ranges and ratios refuse.
case_csv log_zero 1 \
    'csvchart: log_zero.csv:3:9: log scale needs values > 0; "o1-mini" has 0' \
    'model,price\nA,1\no1-mini,0\n' --log
case_csv log_negative 1 \
    'csvchart: log_negative.csv:2:3: log scale needs values > 0; "A" has -5' \
    'model,price\nA,-5\nB,3\n' --log
# Review 10: "@2x" in an output's name won over scale = 3, silently.
case_csv scale_twice 1 \
    'csvchart: the output'"'"'s name asks for scale 2 (@2x) and scale is 3: drop one' \
    'model,price\nA,1\nB,2\n' -o scale_twice@2x.png --scale 3
[ ! -e scale_twice@2x.png ] && pass "scale_twice: no @2x output" || fail "scale_twice: @2x written"
# Review 10: a percent stack of gains and losses was drawn empty where the net was <= 0.
case_csv percent_negative 1 \
    'csvchart: percent_negative.csv:2:6: stack = percent needs values >= 0 (each is a share of its stack'"'"'s total); "A" has -60 in "Losses" (gains and losses stack with stack = true)' \
    'country,Gains,Losses\nA,50,-60\nB,20,30\n' --stack percent
# Review 10: options that would change nothing, passed silently.
case_csv percent_one_series 1 \
    'csvchart: stack = percent splits each bar into the shares of its series, and there is one ("value"): every bar would be 100%; drop stack, or give the parts as value columns or a group column' \
    'name,value\nA,1\nB,2\n' --stack percent
case_csv percent_totals 1 \
    'csvchart: totals does not apply to stack = percent: every stack totals 100%; drop totals, or set stack = true for the stacks'"'"' own totals' \
    'country,Gains,Losses\nA,50,60\nB,20,30\n' --stack percent --totals
case_csv totals_unstacked 1 \
    'csvchart: totals is the total of each stack: set stack = true, or drop totals' \
    'country,Gains,Losses\nA,50,60\nB,20,30\n' --totals
case_csv low_above_high 1 \
    'csvchart: low_above_high.csv:2:6: range of "A" ends before it starts: high 15 is below low 60; swap the two values' \
    'lab,low,high\nA,60,15\n' --low low --high high
case_csv ratio_one_bar 1 \
    'csvchart: ratio needs at least two bars with values > 0; there is 1' \
    'model,price\nA,1\n' --ratio
case_csv facet_empty 1 \
    'csvchart: warning: facet_empty.csv:3: row skipped: no value for "B"
csvchart: facet_empty.csv: facet "y" has no rows left to draw: each lacks a category or a value' \
    'm,k,v\nx,A,1\ny,B,\n' --facet m --x k
case_csv stack_log 1 \
    'csvchart: stack cannot be drawn on a log axis: stacked totals on a log scale mislead; drop stack (grouped bars) or log' \
    'model,a,b\nA,1,2\n' --log --stack
case_csv low_without_high 1 \
    'csvchart: range bars need both low and high' \
    'lab,low,high\nA,1,2\n' --low low

# References that would not read (graphics desk review 8): "-5,5" on an axis of $B, meant as
# -5B,5B, drew the band's label beside no shading and exited 0 with nothing said; a rule
# "10" there stood on 0. Refused, saying what to write; written with the multiplier they draw.
# A band too thin as written in the axis' unit is drawn, with a warning that says so.
income='company,net income\nBoeing,$-11.8B\nIntel,$-18.7B\nNvidia,$43.1B\nWalgreens,$-8.6B\n'
case_csv band_bare_in_b 1 \
    'csvchart: band -5,5 "Within five billion" is narrower than a pixel on this axis; its values are in B: did you mean -5B,5B?' \
    "$income" --sort asc --labels true --rule "0 No change" --band "-5,5 Within five billion"
case_csv rule_bare_in_b 1 \
    'csvchart: rule 10 "Target" lies within a pixel of 0 on this axis; its values are in B: did you mean 10B?' \
    "$income" --rule "10 Target"
printf '%b' "$income" > income.csv
run bar income.csv -o band-thin.png --band '$1B,$1.001B Thin'
expect_status 0 'band $1B,$1.001B: drawn'
expect_stderr 'csvchart: warning: band $1B,$1.001B "Thin" is narrower than a pixel on this axis: only its label shows; widen it, or draw a rule instead' \
    'band $1B,$1.001B: drawn'
run bar income.csv -o band-b.png --rule "0 No change" --band "-5B,5B Within five billion"
expect_status 0 "band -5B,5B on an axis of B"
expect_stderr "" "band -5B,5B on an axis of B"
run bar income.csv -o rule-0.png --rule "0 No change; \$10B Target"
expect_status 0 "rules 0 and \$10B on an axis of B"
printf 'model,price\nA,12\nB,30\n' > plain.csv
run bar plain.csv -o band-plain.png --band "10,20 Target range" --rule "1 Floor"
expect_status 0 "bare band and rule on an axis without a multiplier"
printf 'date,sales\n2024-01,1.2M\n2024-02,1.5M\n2024-03,1.1M\n' > sales.csv
run trend sales.csv -o trend-band.png --band "1,2 Goal"
expect_status 1 "trend: band 1,2 on an axis of M"
expect_stderr 'csvchart: band 1,2 "Goal" is narrower than a pixel on this axis; its values are in M: did you mean 1M,2M?' \
    "trend: band 1,2 on an axis of M"
[ ! -e trend-band.png ] && pass "trend: band 1,2: no output" || fail "trend: band 1,2: output written"
run trend sales.csv -o trend-band.png --band "1M,1.3M Goal"
expect_status 0 "trend: band 1M,1.3M on an axis of M"

# Graphics desk review 9: the guard was bypassed on values written in several multipliers
# ($120K to $0.8T: "400" stood on 0 with nothing said) and on log axes ("1,100" grew the axis
# five decades down and every bar started at $0.1). Refused alike, naming the multiplier that
# puts the reference among the values; references that read as written still pass.
revenue='company,revenue\nAlpha,$1.2M\nBeta,$45M\nGamma,$3.4B\nDelta,$120K\nEpsilon,$0.8T\n'
case_csv rule_bare_mixed 1 \
    'csvchart: rule 400 "Avg" lies within a pixel of 0 on this axis; its values run from $120K to $800B: did you mean 400B?' \
    "$revenue" --rule "400 Avg"
case_csv band_bare_mixed 1 \
    'csvchart: band 100,500 "Mid" is narrower than a pixel on this axis; its values run from $120K to $800B: did you mean 100B,500B?' \
    "$revenue" --band "100,500 Mid"
case_csv band_bare_log 1 \
    'csvchart: band 1,100 "Mid" lies 5 decades below the values on this axis; its values run from $120K to $800B: did you mean 1M,100M?' \
    "$revenue" --log --horizontal --band "1,100 Mid"
case_csv rule_bare_log 1 \
    'csvchart: rule 2 "Avg" lies 5 decades below the values on this axis; its values run from $120K to $800B: did you mean 2M?' \
    "$revenue" --log --rule "2 Avg"
printf '%b' "$revenue" > revenue.csv
run bar revenue.csv -o mixed-ok.png --band "100B,500B Mid" --rule '$400B Avg'
expect_status 0 "band 100B,500B and rule \$400B beside \$120K to \$0.8T"
expect_stderr "" "band 100B,500B and rule \$400B beside \$120K to \$0.8T"
run bar revenue.csv -o log-ok.png --log --band "1M,100M Mid; 500,90000 Near" --rule "2B Avg"
expect_status 0 "log: bands 1M,100M and 500,90000 and rule 2B beside \$120K to \$0.8T"
expect_stderr "" "log: bands 1M,100M and 500,90000 and rule 2B beside \$120K to \$0.8T"
printf 'model,price\nTiny,$0.0000000012\nMid,$0.5\nBig,$12000\n' > log-plain.csv
run bar log-plain.csv -o log-plain.png --log --rule "1 Floor" --band "0.001,0.01 Low"
expect_status 0 "log: rule 1 and band 0.001,0.01 beside values in plain units"
printf 'date,revenue\n2020-01-01,$120K\n2021-01-01,$1.2M\n2022-01-01,$45M\n2023-01-01,$3.4B\n2024-01-01,$0.8T\n' > trend-mixed.csv
run trend trend-mixed.csv -o trend-log.png --log --band "1,100 Mid"
expect_status 1 "trend, log: band 1,100 beside \$120K to \$0.8T"
expect_stderr 'csvchart: band 1,100 "Mid" lies 5 decades below the values on this axis; its values run from $120K to $800B: did you mean 1M,100M?' \
    "trend, log: band 1,100 beside \$120K to \$0.8T"
run trend trend-mixed.csv -o trend-mixed.png --rule "400 Avg"
expect_status 1 "trend: rule 400 beside \$120K to \$0.8T"
expect_stderr 'csvchart: rule 400 "Avg" lies within a pixel of 0 on this axis; its values run from $120K to $800B: did you mean 400B?' \
    "trend: rule 400 beside \$120K to \$0.8T"
run trend trend-mixed.csv -o trend-log.png --log --band "1M,100M Mid" --rule "2B Avg"
expect_status 0 "trend, log: band 1M,100M and rule 2B beside \$120K to \$0.8T"

# Errors found by the CSV reader: position and exit status (exact texts: tests/bad/).
case_reader() {
    local name=$1 prefix=$2 content=$3
    printf '%b' "$content" > "$name.csv"
    run bar "$name.csv" -o keep.png -o "new-$name.png"
    expect_status 1 "$name"
    expect_stderr_has "csvchart: $name.csv$prefix" "$name"
    [ "$(cat keep.png)" = "old image" ] && pass "$name: existing output untouched" ||
        fail "$name: existing output was overwritten"
    [ ! -e "new-$name.png" ] && pass "$name: no new output" || fail "$name: new output created"
}
case_reader ragged ":3:" 'a,b\n1,2\n3,4,5\n'
case_reader unterminated ":3:" 'a,b\n1,2\n3,"4\n'
case_reader empty ":" ''
case_reader header_only ":" 'a,b\n'
case_reader invalid_utf8 ":2:" 'a,b\nx\xff,2\n'
case_reader nul_byte ":2:" 'a,b\nx\x00y,2\n'
case_reader missing_name ":2:" 'a,\n1,2\n'
case_reader missing_inner_name ":1:" 'a,,c\n1,2,3\n'

# Usage errors: exit 2 with a hint line.
run bar x.csv -o keep.png --titel "x"
expect_status 2 "misspelt option"
expect_stderr "csvchart: unknown option --titel; did you mean --title?
Try 'csvchart bar --help'." "misspelt option"
run bar x.csv -o keep.png --bogus-thing 1
expect_status 2 "unknown option"
expect_stderr_has "unknown option --bogus-thing" "unknown option"
run frobnicate x.csv
expect_status 2 "unknown command"
run bar x.csv
expect_status 2 "no output"
expect_stderr_has "no output; add -o FILE.png" "no output"
run bar
expect_status 2 "no data file"

# Bad values: exit 1.
printf 'model,price\nA,1\n' > ok.csv
run bar ok.csv -o keep.png --scale 9
expect_status 1 "scale out of range"
expect_stderr "csvchart: scale: 9 is out of range; expected 0.25 to 8" "scale out of range"
run bar ok.csv -o keep.png --theme pink
expect_status 1 "unknown theme"
expect_stderr "csvchart: theme: \"pink\" is not one of light|dark|print" "unknown theme"
run bar ok.csv -o keep.png --size 10x
expect_status 1 "bad size"
run bar ok.csv -o keep.png --palette "#12345,#000"
expect_status 1 "bad colour"
run bar ok.csv -o keep.png --value-format '%s'
expect_status 1 "printf format with %s"

# Outputs.
run bar ok.csv -o no/such/folder/x.png
expect_status 1 "missing output folder"
expect_stderr "csvchart: no/such/folder/x.png: cannot write: folder \"no/such/folder\" does not exist" "missing output folder"
run bar ok.csv -o keep.gif
expect_status 1 "unknown extension"
expect_stderr "csvchart: keep.gif: unknown output format; expected a name ending in .png, .svg, .pdf, .scene or .txt" "unknown extension"
[ "$(cat keep.png)" = "old image" ] && pass "old output still untouched" || fail "old output changed"
# One output that cannot be put in place (a folder of that name): none of the figure's is.
mkdir -p pair.svg
run bar ok.csv -o keep.png -o pair.svg
expect_status 1 "an output that is a folder"
expect_stderr "csvchart: pair.svg: cannot write: Is a directory" "an output that is a folder"
[ "$(cat keep.png)" = "old image" ] && [ -z "$(ls -A | grep '^\.' || true)" ] &&
    pass "the figure's other output untouched, no temporary file" ||
    fail "keep.png replaced beside a folder output: $(ls -A)"
run bar missing.csv -o new.png
expect_status 1 "missing data file"
expect_stderr_has "missing.csv" "missing data file"

# An "@Nx" that is not a supported scale is refused, not drawn at 1x (issue 10).
for name in x@0x.png x@9x.png x@100x.png x@2X.png x@0.1x.png x@1e1x.png; do
    run bar ok.csv -o keep.png -o "$name"
    expect_status 1 "output $name"
    expect_stderr "csvchart: $name: \"$(basename "${name#x}" .png)\" is not a supported pixel scale; expected @0.25x to @8x, with a lowercase x" "output $name"
    [ ! -e "$name" ] && [ "$(cat keep.png)" = "old image" ] && pass "output $name: nothing written" || fail "output $name: written"
done
run bar ok.csv -o x@0.25x.png -o me@home.png
expect_status 0 "output x@0.25x.png and me@home.png"

# Two -o naming one file, spelled alike or not, and -o - twice: usage errors, nothing written.
mkdir -p d
ln -sfn d link
same_file() { # WHAT EXPECTED-MESSAGE -o ARGS...
    local what=$1 msg=$2
    shift 2
    rm -f x.svg d/x.png
    run bar ok.csv -o keep.scene "$@"
    expect_status 2 "$what"
    expect_stderr "$msg
Try 'csvchart bar --help'." "$what"
    [ ! -e x.svg ] && [ ! -e d/x.png ] && [ "$(cat keep.png)" = "old image" ] && pass "$what: nothing written" ||
        fail "$what: something written"
}
same_file "x.svg and ./x.svg" 'csvchart: -o "x.svg" and -o "./x.svg" are one file; give each output a file of its own' \
    -o x.svg -o ./x.svg
same_file "d/x.png and d//x.png" 'csvchart: -o "d/x.png" and -o "d//x.png" are one file; give each output a file of its own' \
    -o d/x.png -o d//x.png
same_file "d/x.png and link/x.png" 'csvchart: -o "d/x.png" and -o "link/x.png" are one file; give each output a file of its own' \
    -o d/x.png -o link/x.png
same_file "x.svg and $PWD/x.svg" "csvchart: -o \"x.svg\" and -o \"$PWD/x.svg\" are one file; give each output a file of its own" \
    -o x.svg -o "$PWD/x.svg"
same_file "-o - twice" 'csvchart: -o - is given twice; standard output takes one output' \
    -o - -o - --format scene
run bar ok.csv -o x.svg -o x.png -o d/x.svg
expect_status 0 "three distinct outputs"

# value_format = percent writes percent points: over shares written as fractions it says so
# (review 12: 0.78 read "0.78%", exit 0 without a word); not over values written with %.
printf 'benchmark,error rate\nA,0.0004\nB,0.78\nC,0.31\n' >fractions.csv
printf 'benchmark,error rate\nA,0.04%%\nB,0.78%%\n' >points.csv
printf 'date,share\n2025-01-01,0.2\n2025-02-01,0.5\n' >fractions_trend.csv
warning='csvchart: warning: every value lies between -1 and 1: value_format = percent writes values as percent points (0.78 as 0.78%); if they are shares, write them as percentages (78%) or multiply them by 100'
run bar fractions.csv -o fractions.png --value-format percent
expect_status 0 "percent over fractions"
expect_stderr "$warning" "percent over fractions"
run trend fractions_trend.csv -o fractions_trend.png --value-format percent
expect_status 0 "percent over fractions, trend"
expect_stderr "$warning" "percent over fractions, trend"
run bar points.csv -o points.png --value-format percent
expect_stderr "" "percent over values written with %"
run bar fractions.csv -o plain.png
expect_stderr "" "fractions without percent"

# A title longer than any figure draws is refused, in every kind, at the size asked and with
# fit = grow (review: 1,500 words were refused with a size, then drawn there to the 803rd word
# and an ellipsis, exit 0); nothing is written.
long=$(awk 'BEGIN { for (i = 0; i < 1500; i++) printf "w%d ", i }')
printf 'date,label\n2025-01-20,One\n2025-02-20,Two\n' >events.csv
printf 'date,v\n2025-01-20,1\n2025-02-20,2\n' >series.csv
for k in "bar points.csv" "timeline events.csv" "trend series.csv"; do
    run $k -o long.svg --title "$long"
    expect_status 1 "a 1,500-word title (${k%% *})"
    expect_stderr 'csvchart: the title takes more than 64 lines at 1128 px wide; shorten it' \
        "a 1,500-word title (${k%% *})"
done
run bar points.csv -o long.svg --note "$long$long" --fit grow
expect_status 1 "a 3,000-word note with fit = grow"
[ ! -e long.svg ] && pass "no output for a title cut short" || fail "long.svg written"

# A cell quoted in a message is escaped, so the message stays one line (review: a value with a
# newline in it split "x" / "y" over two lines); a byte that is not UTF-8 is not echoed.
printf 'name,value\nA,1\nB,"x\ny"\n' >newline_cell.csv
run bar newline_cell.csv -o nl.png
expect_status 1 "a cell with a newline"
expect_stderr 'csvchart: newline_cell.csv:3:3: column "value" needs numbers, and "x\ny" is not a number (expected e.g. 42, 1,234.5, $0.07, 50%, $5.6M)' \
    "a cell with a newline"

finish
