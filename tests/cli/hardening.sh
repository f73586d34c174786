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
expect_stderr 'csvchart: subtitle: U+FFFE at byte 2 is not a character (XML forbids it); expected text' \
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
expect_stderr_has 'csvchart: bad.ini:4: title: invalid UTF-8 byte 0xff at byte 5 (figure "a")' \
    "INI title with 0xff"

# A tab and a newline in a title: the newline breaks the line, the tab is a space; the SVG is
# well-formed and the PNG renders.
run bar ok.csv -o t.svg -o t.scene -o t.png --title $'Prices\tper token\nsecond line'
expect_status 0 "title with a tab and a newline"
grep -q '"Prices per token"' t.scene && pass "tab drawn as a space" || fail "tab: $(grep Prices t.scene)"
grep -q '"second line"' t.scene && pass "newline breaks the title" || fail "newline not a break"
if command -v xmllint >/dev/null; then
    xmllint --noout t.svg 2>xmllint.txt && pass "SVG is well-formed" || fail "SVG: $(cat xmllint.txt)"
fi

finish
