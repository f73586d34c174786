# Issue 10 (hardening II, the library's part) through the binary: text that no output can hold
# refused where it enters (flags, INI values), titles with tabs and newlines, and repeated
# warnings summarised in bounded memory.
. "$(dirname "$0")/lib/common.bash"

printf 'model,price\nOpenAI o1,60\nDeepSeek R1,0.07\n' > ok.csv

# Invalid UTF-8 and forbidden code points in option values: exit 1, the option and the byte.
run bar ok.csv -o out.svg --title $'OpenAI\xff'
expect_status 1 "title with 0xff"
expect_stderr 'csvchart: title: invalid UTF-8 byte 0xff at byte 7' "title with 0xff"
[ ! -e out.svg ] && pass "title with 0xff: no output" || fail "title with 0xff: output written"
run bar ok.csv -o out.svg --subtitle $'a\xef\xbf\xbe'
expect_stderr 'csvchart: subtitle: U+FFFE at byte 2 is not a character (a Unicode noncharacter, which SVG or PDF cannot hold); expected text' \
    "subtitle with U+FFFE"
run bar ok.csv -o out.svg --x $'mo\xc0\xafdel'
expect_stderr 'csvchart: x: invalid UTF-8 byte 0xc0 at byte 3' "x with an overlong sequence"
run bar ok.csv -o out.svg --note $'a\x07b'
expect_stderr 'csvchart: note: control character 0x07 at byte 2; expected text (tab and newline are the only control characters allowed)' \
    "note with BEL"
case $stderr in *Pango*) fail "Pango warned" ;; *) pass "no Pango warning" ;; esac

mkdir -p figs
printf '[a]\nkind = bar\ndata = ok.csv\ntitle = Open\xffAI\n' > bad.ini
run render bad.ini --out-dir figs
expect_status 1 "INI title with 0xff"
expect_stderr_has 'csvchart: bad.ini:4:9: title: invalid UTF-8 byte 0xff at byte 5 (figure "a")' \
    "INI title with 0xff"

# Text every output holds, PDF included (cairo's PDF writer refused the noncharacters that
# XML allows, U+FDD0 and U+1FFFE, with a message naming no file, line or column): those are
# refused where they are read; a tab, a newline in quotes, U+FFFD, C1 controls and DEL render.
printf 'model,price\n"Open\tAI\no1",60\n\xef\xbf\xbd \xc2\x85\x7f \xf0\x9f\x98\x80,0.07\n' > text.csv
run bar text.csv -o text.pdf -o text.svg -o text.png
expect_status 0 "text in every output"
printf 'model,price\nOpenAI o1,60\n"Deep\xf0\x9f\xbf\xbeSeek",0.07\n' > nonchar.csv
run bar nonchar.csv -o nonchar.pdf
expect_stderr 'csvchart: nonchar.csv:3:6: U+1FFFE in the data is not a character (a Unicode noncharacter, which SVG or PDF cannot hold); expected text' \
    "U+1FFFE in the data"

# A tab and a newline in a title: the newline breaks the line, the tab is a space; the SVG is
# well-formed and the PNG renders.
run bar ok.csv -o t.svg -o t.scene -o t.png --title $'Prices\tper token\nsecond line'
expect_status 0 "title with a tab and a newline"
grep -q '"Prices per token"' t.scene && pass "tab drawn as a space" || fail "tab: $(grep Prices t.scene)"
grep -q '"second line"' t.scene && pass "newline breaks the title" || fail "newline not a break"
if command -v xmllint >/dev/null; then
    xmllint --noout t.svg 2>xmllint.txt && pass "SVG is well-formed" || fail "SVG: $(cat xmllint.txt)"
fi

# An endless stream of blank lines meets a limit (it never ended): max_rows, counted apart.
if command -v timeout >/dev/null; then
    yes '' | timeout 20 "$BIN" bar - -o blank.png >stdout.txt 2>stderr.txt
    status=$?
    stderr=$(cat stderr.txt)
    expect_status 1 "endless blank lines"
    expect_stderr 'csvchart: <stdin>:10000001:1: too many blank lines; the limit is 10000000 (max_rows, counted apart from the data rows)' \
        "endless blank lines"
fi

# Warnings in bounded memory: 3 million rows without a value under --aggregate took 869 MB
# and printed 3 million lines. Now: one summary line, and a peak RSS under 100 MB (about 17 MB
# in a release build, 31 MB under ASan).
awk 'BEGIN { print "name,v"; print "a,1"; print "b,2"; print "c,3";
             for (i = 0; i < 3000000; i++) print "c" i % 3 "," }' > empty3m.csv
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o rss.txt true 2>/dev/null; then
    rss() { /usr/bin/time -f %M -o "$@"; }
elif cc -O2 -std=c11 "$SRC/bench/peak_rss.c" -o peak_rss 2>/dev/null; then
    rss() { ./peak_rss "$@"; }
else
    rss() { echo 0 > "$1"; shift; "$@"; }
fi
rss rss.txt "$BIN" bar empty3m.csv -o empty.png --aggregate sum >stdout.txt 2>stderr.txt
status=$?
stderr=$(cat stderr.txt)
expect_status 0 "3 million rows without a value"
expect_stderr 'csvchart: warning: empty3m.csv: 3,000,000 rows skipped: no value in column "v", lines 5-3000004; the first 5: 5, 6, 7, 8, 9' \
    "3 million rows without a value: one summary"
kb=$(tail -1 rss.txt)
if [ "${kb:-0}" -eq 0 ]; then pass "peak RSS not measured (no /usr/bin/time, no cc)"
elif [ "$kb" -lt 102400 ]; then pass "3 million rows without a value: peak RSS $kb KiB"
else fail "3 million rows without a value: peak RSS $kb KiB (over 100 MB)"; fi
rm -f empty3m.csv

finish
