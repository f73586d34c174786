# Timelines from the command line (issues 4 and 12): the sample renders, and bad input exits 1 with the
# exact message and position, creating no output and leaving an existing one untouched.
. "$(dirname "$0")/lib/common.bash"

run timeline "$SRC/data/timeline.csv" -o t.png -o t.svg -o t.scene --title "DeepSeek's year"
expect_status 0 "article timeline"
grep -q '^text .*"DeepSeek R1 Release"' t.scene && pass "scene has the first label" ||
    fail "scene lacks the first label"
grep -q '<desc[^>]*>Timeline of 5 events from January 2025 to April 2026.</desc>' t.svg &&
    pass "SVG desc" || fail "SVG desc: $(grep -o '<desc>[^<]*</desc>' t.svg)"

run timeline "$SRC/tests/data/timeline-spans.csv" -o spans.png --end end --group group
expect_status 0 "spans with groups"

run timeline "$SRC/data/timeline.csv" -o t2.png --today "not a day"
expect_status 1 "bad today"
expect_stderr 'csvchart: today: "not a day" is not a date; expected e.g. 2026-03-01, March 2026 or 1 March 2026' "bad today"

printf 'old image\n' > keep.png

# case NAME MESSAGE CSV-CONTENT [extra args...]: exit 1, exact message, no file touched.
case_csv() {
    local name=$1 msg=$2 content=$3
    shift 3
    printf '%b' "$content" > "$name.csv"
    run timeline "$name.csv" -o keep.png -o "new-$name.png" "$@"
    expect_status 1 "$name"
    expect_stderr "$msg" "$name"
    [ "$(cat keep.png)" = "old image" ] && pass "$name: existing output untouched" ||
        fail "$name: existing output was overwritten"
    [ ! -e "new-$name.png" ] && pass "$name: no new output" || fail "$name: new output created"
}

FORMATS='expected 2025, 2025-01, 2025-01-15, 2025-01-15T10:00:00Z (or +02:00), January 2025, Jan 2025, 15 January 2026 or Jan 15, 2026'
case_csv bad_date \
    "csvchart: bad_date.csv:3:1: \"Q1 2025\" is not a date (column \"date\"); $FORMATS" \
    'date,label\nJanuary 2025,R1\nQ1 2025,V4\n'
case_csv impossible_date \
    "csvchart: impossible_date.csv:2:1: \"30 February 2026\" is not a date (column \"date\"): February 2026 has 28 days" \
    'date,label\n30 February 2026,X\n'
case_csv end_before_start \
    'csvchart: end_before_start.csv:2:12: "Reign" ends before it starts: end 2024 is before date 2025-03-01; swap the two dates' \
    'date,end,label\n2025-03-01,2024,Reign\n' --end end
case_csv empty_label \
    'csvchart: empty_label.csv:3:9: empty label (column "label"); every event needs one' \
    'date,label\n2025-01,A\n2025-02,\n'
case_csv no_events \
    'csvchart: no_events.csv:1:1: only a header row, no data rows' \
    'date,label\n'
case_csv unknown_column \
    'csvchart: unknown_column.csv: no column named "when" (date); the columns are "date", "label"' \
    'date,label\n2025,A\n' --date when
case_csv all_skipped \
    'csvchart: warning: all_skipped.csv:2: row skipped: no date
csvchart: all_skipped.csv: no events left to draw: every row lacks a date' \
    'date,label\n,A\n'

# One event; 500 events spread over 26 years: refused at the article size with a size that
# fits (issue 12: the size asked for is kept), drawn at that size, or grown with fit = grow.
printf 'date,label\n2026-02-25,Alone\n' > one.csv
run timeline one.csv -o one.png
expect_status 0 "one event"
run timeline "$SRC/tests/data/timeline-500.csv" -o many.scene
expect_status 1 "500 events"
expect_stderr_has "csvchart: 500 events do not fit 1200x675: use size 1200x" "500 events"
[ ! -e many.scene ] && pass "500 events: no output" || fail "500 events: an output was written"
size=$(printf '%s' "$stderr" | sed -n 's/.*use size \([0-9]*x[0-9]*\).*/\1/p')
run timeline "$SRC/tests/data/timeline-500.csv" -o many.scene --size "$size"
expect_status 0 "500 events at the size named ($size)"
grep -q "^scene 1200.00 ${size#1200x}.00 " many.scene && pass "500 events: drawn at $size" ||
    fail "500 events: not drawn at $size: $(head -1 many.scene)"
run timeline "$SRC/tests/data/timeline-500.csv" -o grown.scene --fit grow
expect_status 0 "500 events, fit = grow"
expect_stderr_has "500 events do not fit 1200x675: drawn at 1200x" "500 events, fit = grow"

# Lanes need a group column; axis_breaks takes auto or none.
run timeline "$SRC/tests/data/timeline-spans.csv" -o lanes.png --end end --group group --lanes group
expect_status 0 "lanes"
run timeline "$SRC/data/timeline.csv" -o lanes.png --lanes group
expect_status 1 "lanes without a group"
expect_stderr "csvchart: lanes = group needs a group column (set group)" "lanes without a group"
run timeline "$SRC/data/timeline.csv" -o t3.png --axis-breaks maybe
expect_status 1 "bad axis_breaks"
expect_stderr 'csvchart: axis_breaks: "maybe" is not one of auto|none' "bad axis_breaks"
run timeline "$SRC/data/timeline.csv" -o t3.scene --axis-breaks none
expect_status 0 "axis_breaks none"
for f in 500-years 1-day same-day; do
    run timeline "$SRC/tests/data/timeline-$f.csv" -o "$f.png"
    expect_status 0 "$f"
done

# A large timeline's texts are shaped ahead, on a second thread when a core is spare (a figure
# alone) and not in a batch of one job: the same bytes either way.
awk 'BEGIN { srand(7); print "date,label"
    split("OpenAI Anthropic Meta Mistral DeepSeek xAI Nvidia", who, " ")
    split("ships a model|raises a round|opens an API price cut|publishes a safety report", what, "|")
    for (i = 0; i < 400; i++) {
        d = int(rand() * 3650); y = 2016 + int(d / 365); m = 1 + int((d % 365) / 31); day = 1 + d % 28
        printf "%d-%02d-%02d,%s %s (%d)\n", y, m, day, who[1 + int(rand() * 7)], what[1 + int(rand() * 4)], i
    } }' > many.csv
printf '[many]\nkind = timeline\ndata = many.csv\noutputs = many.svg\nsize = 1200x12000\n' > many.ini
run timeline many.csv --size 1200x12000 -o many.svg
expect_status 0 "400 events, alone"
run render many.ini --out-dir batch --jobs 1
expect_status 0 "400 events, a batch of one job"
cmp -s many.svg batch/many.svg && pass "400 events: same bytes alone and in a batch" ||
    fail "400 events: the bytes differ alone and in a batch"

# A column named end makes spans without --end, as one named detail makes details (review 12:
# it was ignored without a word); --end names another.
printf 'date,end,label\n2025-01-10,2025-03-01,Alpha\n2025-04-01,2025-06-15,Beta\n2025-08-01,,Gamma\n' >ends.csv
run timeline ends.csv -o ends-auto.scene --size 800x450
expect_status 0 "a column named end"
run timeline ends.csv -o ends-named.scene --size 800x450 --end end
expect_status 0 "--end end"
cmp -s ends-auto.scene ends-named.scene && pass "a column named end draws the spans --end draws" ||
    fail "the end column was not used by default"
grep -q '^rect' ends-auto.scene && pass "the spans are bars" || fail "no span drawn"

finish
