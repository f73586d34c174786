# The CLI-level bad-input corpus (tests/badcli/cases.txt): every case through the csvchart
# binary, checking the exit status, the message, that each run ends within 20 s, and the
# output safety of INTERFACE.md ("Errors, exit status, safety"): a failed run creates no
# output, leaves an existing output byte-identical and leaves no temporary file behind; a
# valid input renders.
. "$(dirname "$0")/lib/common.bash"

CASES=$SRC/tests/badcli/cases.txt
LIMIT=${CSVCHART_TEST_TIMEOUT:-20} # seconds per run (scripts/valgrind.sh raises it)

if ! command -v timeout >/dev/null; then
    echo "SKIP: timeout(1) is needed"
    exit 77
fi

# The big inputs, written here at test time instead of committed: gen_NAME > NAME.csv.
gen_field_10mb() { printf 'name,value\nx,'; head -c 10000000 /dev/zero | tr '\0' x; printf '\n'; }
gen_columns_1m_header() {
    awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "%sc%d", i ? "," : "", i; print "";
                 for (i = 0; i < 1000000; i++) printf "%s1", i ? "," : ""; print "" }'
}
gen_columns_1m_row() {
    printf 'name,value\nx'
    awk 'BEGIN { for (i = 0; i < 1000000; i++) printf ",1"; print "" }'
}
# A quoted field of 500,000 quotes (each written twice): read, then refused as a number.
gen_quotes_1m() { printf 'name,value\nA,"'; head -c 1000000 /dev/zero | tr '\0' '"'; printf '"\nB,2\n'; }
# An odd number of quotes: the field never closes.
gen_quotes_1m_odd() { printf 'name,value\n'; head -c 1000001 /dev/zero | tr '\0' '"'; printf ',1\n'; }
# Category names of 100 kB, without spaces and with: wrapping them must stay fast.
gen_label_100kb() { printf 'name,value\n'; head -c 100000 /dev/zero | tr '\0' w; printf ',1\ny,2\n'; }
gen_label_100kb_words() {
    printf 'name,value\n'
    awk 'BEGIN { for (i = 0; i < 20000; i++) printf "word "; print ",1"; print "y,2" }'
}
gen_categories_100k() { awk 'BEGIN { print "name,value"; for (i = 0; i < 100000; i++) print "c" i "," i }'; }
# Aggregated while read: a million rows of three categories (renders, with bounded memory),
# the same with one bad value on the last line (the error still names that line), and 100,000
# categories (refused while reading, at the first one over the limit).
gen_aggregate_1m() { awk 'BEGIN { print "name,value"; for (i = 0; i < 1000000; i++) print "c" i % 3 "," i % 1000 }'; }
gen_aggregate_late_text() { gen_aggregate_1m; echo "c1,lots"; }
gen_aggregate_categories_100k() { gen_categories_100k; }
# Limits while reading (issue 10): 10 million distinct categories without --aggregate were
# all loaded (7 s, 954 MB; with a group 22 s, 1.7 GB) before the category limit refused
# them. Each file ends with a broken row, so that a reader that gets that far reports it
# instead of the limit at the row that passes it.
gen_categories_10m() {
    awk 'BEGIN { print "name,value"; for (i = 0; i < 10000000; i++) print "c" i "," i; print "x,1,2" }'
}
gen_categories_group_200k() {
    awk 'BEGIN { print "name,g,value"; for (i = 0; i < 200000; i++) print "c" i "," i % 3 "," i;
                 print "x,1" }'
}
gen_events_20k() {
    awk 'BEGIN { print "date,label"; for (i = 0; i < 20000; i++) printf "%04d-01-01,event %d\n", 1 + i % 9999, i;
                 print "2020" }'
}
# A quoted field whose content is exactly max_field_bytes (1 MiB, two doubled quotes in it):
# read (its quotes were counted, and it was refused as longer than the limit). And a file of
# endless blank lines, cut at 10 million and one: refused at that one (never ended).
gen_quoted_field_at_limit() {
    printf 'name,value,note\nA,1,"'; head -c 1048573 /dev/zero | tr '\0' x; printf '""""x"\nB,2,x\n'
}
gen_blank_lines_10m() { printf 'name,value\n'; yes '' | head -n 10000001; printf 'A,1\n'; }
gen_events_10k() {
    awk 'BEGIN { print "date,label"; for (i = 0; i < 10000; i++) printf "%04d-01-01,event %d\n", 1 + i % 9999, i }'
}

# A real PNG as the existing output, and a pristine copy to compare with.
mkdir -p pristine
printf 'name,value\nA,1\nB,2\n' > pristine/ok.csv
if ! "$BIN" bar pristine/ok.csv -o pristine/keep.png --size 200x100 2>stderr.txt; then
    echo "FAIL - cannot render the reference image: $(cat stderr.txt)"
    exit 1
fi

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; s=${s%"${s##*[![:space:]]}"}; printf '%s' "$s"; }

ncases=0
while IFS= read -r line || [ -n "$line" ]; do
    case $line in '' | '#'*) continue ;; esac
    IFS='|' read -r name kind want fragment args <<<"$line"
    name=$(trim "$name") kind=$(trim "$kind") want=$(trim "$want")
    fragment=$(trim "$fragment") args=$(trim "$args")
    ncases=$((ncases + 1))
    csv=$name.csv
    if [ -f "$SRC/tests/badcli/$csv" ]; then
        cp "$SRC/tests/badcli/$csv" "$csv"
    elif declare -F "gen_$name" >/dev/null; then
        "gen_$name" > "$csv"
    else
        fail "$name: no tests/badcli/$csv and no generator"
        continue
    fi
    cp pristine/keep.png keep.png
    rm -f "new-$name.png" "new-$name.svg"
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    timeout "$LIMIT" "$BIN" "$kind" "$csv" -o keep.png -o "new-$name.png" -o "new-$name.svg" \
        $args >stdout.txt 2>stderr.txt
    status=$?
    ms=$((($(date +%s%N) - start) / 1000000))
    stderr=$(cat stderr.txt)
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        fail "$name: still running after ${LIMIT} s (killed)"
    else
        pass "$name: ended in $ms ms"
    fi
    expect_status "$want" "$name"
    [ -z "$fragment" ] || expect_stderr_has "$fragment" "$name"
    case $stderr in
    *AddressSanitizer* | *"runtime error"* | *LeakSanitizer*) fail "$name: sanitizer report" ;;
    esac
    # Messages quote values: cut or not, they stay valid UTF-8.
    if iconv -f UTF-8 -t UTF-8 stderr.txt >/dev/null 2>&1; then pass "$name: message is UTF-8"
    else fail "$name: message is not valid UTF-8"; fi
    if [ "$want" -eq 0 ]; then
        if [ "$(head -c 8 "new-$name.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
            pass "$name: PNG written"
        else
            fail "$name: no PNG written"
        fi
        if grep -q '<svg' "new-$name.svg" 2>/dev/null; then pass "$name: SVG written"; else
            fail "$name: no SVG written"; fi
        if command -v xmllint >/dev/null; then
            if xmllint --noout "new-$name.svg" 2>xmllint.txt; then pass "$name: SVG is XML"; else
                fail "$name: SVG is not well-formed: $(head -c 300 xmllint.txt)"; fi
        fi
    else
        if cmp -s keep.png pristine/keep.png; then pass "$name: existing output untouched"; else
            fail "$name: existing output changed"; fi
        if [ ! -e "new-$name.png" ] && [ ! -e "new-$name.svg" ]; then pass "$name: no new output"
        else fail "$name: a new output was created"; fi
    fi
    leftovers=$(find . -name '*.tmp' | head -3)
    if [ -z "$leftovers" ]; then pass "$name: no temporary file"; else
        fail "$name: temporary files left: $leftovers"; rm -f ./*.tmp ./.*.tmp; fi
    rm -f "$csv" # the generated ones are big
done <"$CASES"

# A corpus that went missing must not pass quietly.
if [ "$ncases" -ge 20 ]; then pass "$ncases cases read"; else fail "only $ncases cases in $CASES"; fi
finish
