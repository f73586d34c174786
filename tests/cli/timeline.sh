# Timelines from the command line (issue 4): the sample renders, and bad input exits 1 with the
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
    "csvchart: impossible_date.csv:2:1: \"30 February 2026\" is not a date (column \"date\"); $FORMATS" \
    'date,label\n30 February 2026,X\n'
case_csv end_before_start \
    'csvchart: end_before_start.csv:2:12: "Reign" ends before it starts: end 2024 is before date 2025-03-01; swap the two dates' \
    'date,end,label\n2025-03-01,2024,Reign\n' --end end
case_csv empty_label \
    'csvchart: empty_label.csv:3:9: empty label (column "label"); every event needs one' \
    'date,label\n2025-01,A\n2025-02,\n'
case_csv no_events \
    'csvchart: no_events.csv:1: only a header row, no data rows' \
    'date,label\n'
case_csv unknown_column \
    'csvchart: unknown_column.csv: no column named "when" (date); the columns are "date", "label"' \
    'date,label\n2025,A\n' --date when
case_csv all_skipped \
    'csvchart: warning: all_skipped.csv:2: row skipped: no date
csvchart: all_skipped.csv: no events left to draw: every row lacks a date' \
    'date,label\n,A\n'

# One event, 500 events (a tall chronology, with a warning), 500 years, one day, same day.
printf 'date,label\n2026-02-25,Alone\n' > one.csv
run timeline one.csv -o one.png
expect_status 0 "one event"
run timeline "$SRC/tests/data/timeline-500.csv" -o many.scene
expect_status 0 "500 events"
expect_stderr_has "500 events do not fit a 1200x675 figure without overlapping: it grows to" "500 events"
for f in 500-years 1-day same-day; do
    run timeline "$SRC/tests/data/timeline-$f.csv" -o "$f.png"
    expect_status 0 "$f"
done

finish
