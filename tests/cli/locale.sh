# Other languages through the binary: locale, decimal, date_format, encoding, marker, and
# --quiet; each bad value refused with its position (FILE:LINE:COL in data, FILE:LINE in an
# INI file, the option's name for a flag). Skips (77) without glibc's locale data for de_DE.
. "$(dirname "$0")/lib/common.bash"

if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
    echo "no glibc locale data for de_DE (Debian: locales-all); skipped"
    exit 77
fi

# texts of a .scene file, one a line
texts() { sed -n 's/^text [^"]*"\(.*\)" size=.*/\1/p' "$1"; }
has_text() {
    if texts "$1" | grep -qxF -- "$2"; then pass "$3: \"$2\" drawn"; else
        fail "$3: no \"$2\" among: $(texts "$1" | head -20 | tr '\n' '|')"; fi
}

# ---- numbers: written the German way, labelled the German way
printf 'land;umsatz\nBayern;"1.234,5 \xe2\x82\xac"\nBerlin;"\xe2\x88\x9212,25 \xe2\x82\xac"\nHamburg;(5 \xe2\x82\xac)\n' > de.csv
run bar de.csv -o de.scene --decimal , --locale de
expect_status 0 "German bar chart"
has_text de.scene "$(printf '1.234,50\xc2\xa0\xe2\x82\xac')" "a value, the euro after it"
has_text de.scene "$(printf '\xe2\x88\x9212,25\xc2\xa0\xe2\x82\xac')" "U+2212 read and written"
has_text de.scene "$(printf '\xe2\x88\x925\xc2\xa0\xe2\x82\xac')" "an accounting negative"
run bar de.csv -o de2.scene --decimal ,
expect_status 0 "decimal comma without a locale"
has_text de2.scene "$(printf '1,234.50\xc2\xa0\xe2\x82\xac')" "the data's currency stays after the number"
run bar de.csv -o x.scene
expect_status 1 "German numbers read the default way"
expect_stderr_has 'de.csv:2:8: column "umsatz" needs numbers' "refused at the cell"

printf 'k;v\nA;1.5\n' > point.csv
run bar point.csv -o x.scene --decimal ,
expect_status 1 "1.5 with decimal = ,"
expect_stderr 'csvchart: point.csv:2:3: column "v" needs numbers, and "1.5" is not a number (expected e.g. 42, 1.234,5, 0,07 €, 50%, with decimal = ,)' "1.5 with decimal = ,"

printf 'k,v\nA,1234.5\nB,0.25\n' > en.csv
for loc in de de_DE de-DE; do
    run bar en.csv -o "$loc.scene" --locale "$loc"
    expect_status 0 "--locale $loc"
    has_text "$loc.scene" "1.234,5" "--locale $loc"
done
run bar en.csv -o fr.scene --locale fr
has_text fr.scene "$(printf '1\xe2\x80\xaf234,5')" "French groups with U+202F"
run bar en.csv -o sv.scene --locale sv
expect_status 0 "--locale sv (sv_SE, from glibc's locale.alias)"

# ---- the words csvchart writes itself, in the locale's language (words.c)
printf 'model,cost\nSmall,$0.1\nMid,$120\nHuge,"$4,800,000"\n' > big.csv
run bar big.csv -o ratio-de.scene --log --ratio --locale de
expect_status 0 "German log ratio chart"
has_text ratio-de.scene "$(printf '48\xc2\xa0Millionen\xc2\xa0Mal')" "German ratio in words"
has_text ratio-de.scene "Logarithmische Skala; die Balken beginnen bei 0,01$(printf '\xc2\xa0')\$." \
    "German log note"
run bar big.csv -o ratio-fr.scene --log --ratio --locale fr
has_text ratio-fr.scene "$(printf '48\xc2\xa0millions\xc2\xa0de fois')" "French ratio in words"
run bar big.csv -o ratio-en.scene --log --ratio
has_text ratio-en.scene "48 million times" "English without a locale"
has_text ratio-en.scene 'Log scale; bars start at $0.01.' "English log note"
if texts ratio-de.scene | grep -q 'million\|times\|Log scale'; then
    fail "English words left in the German figure: $(texts ratio-de.scene | tr '\n' '|')"
else pass "no English words in the German figure"; fi

# ---- dates: read by date_format and month names, written in the locale
printf 'date,label\n15/01/2026,Vote\n01/03/2026,Loi\n' > dmy.csv
run timeline dmy.csv -o x.scene
expect_status 1 "15/01/2026 without date_format"
expect_stderr_has 'dmy.csv:2:1: "15/01/2026" is not a date' "refused at the cell"
expect_stderr_has 'set date_format = dd/mm/yyyy' "with the hint"
run timeline dmy.csv -o dmy.scene --date-format dd/mm/yyyy --locale fr
expect_status 0 "--date-format dd/mm/yyyy"
has_text dmy.scene "15 janv. 2026" "a French date"
has_text dmy.scene "1 mars 2026" "March, not 3 January"
printf 'date,label\njanvier 2025,A\n15 mars 2025,B\n' > fr.csv
run timeline fr.csv -o frm.scene --locale fr
expect_status 0 "French month names in the data"
has_text frm.scene "janv. 2025" "a month"
run timeline fr.csv -o x.scene
expect_status 1 "French month names without the locale"
printf 'date,label\n2026-01-15,A\n2026-02-20,B\n2026-04-02,C\n' > iso.csv
run timeline iso.csv -o deiso.scene --locale de
has_text deiso.scene "15. Jan 2026" "a German date"

# date_format for every kind that reads dates: a trend's dates, a bar's bin; each refusal's
# hint names the setting, which then works (trend and bar refused the option as not theirs).
printf 'Datum;Quote\n01.01.2023;5,4 %%\n01.04.2023;5,6 %%\n01.07.2023;5,7 %%\n' > de3.csv
printf 'date,value\n15/01/2024,5\n15/02/2024,6\n15/03/2024,7\n' > uk.csv
for c in "trend de3.csv --decimal , --locale de" "bar uk.csv --bin month --aggregate sum"; do
    set -- $c
    run "$@" -o x.scene
    expect_status 1 "$1 of day-first dates without date_format"
    fix=$(sed -n 's/.*set date_format = \([^ ]*\).*/\1/p' stderr.txt)
    [ -n "$fix" ] && pass "$1: the refusal names a date_format ($fix)" || fail "$1: no hint in: $(cat stderr.txt)"
    run "$@" -o "dates-$1.scene" --date-format "$fix"
    expect_status 0 "$1 --date-format $fix (the hint's fix)"
done
has_text dates-trend.scene "Jan 2023" "a trend of 01.01.2023 ..."
has_text dates-trend.scene "$(printf 'M\xc3\xa4r')" "German months on its axis"
has_text dates-bar.scene "Jan 2024" "bars of 15/01/2024 ..."
has_text dates-bar.scene "Mar" "... by month"
# the same from an INI file, where the key was refused for this kind of figure
printf '[trend]\nkind = trend\ndata = de3.csv\noutputs = t.scene\ndecimal = ,\nlocale = de\ndate_format = dd.mm.yyyy\n\n[bars]\nkind = bar\ndata = uk.csv\noutputs = b.scene\nbin = month\naggregate = sum\ndate_format = dd/mm/yyyy\n' > dates.ini
run render dates.ini --out-dir o
expect_status 0 "date_format in an INI file (trend and bar)"
has_text o/t.scene "Jan 2023" "INI: the trend"
has_text o/b.scene "Feb" "INI: the bars"

# ---- markers
run timeline iso.csv -o mk.scene --marker "2026-02-01 Policy shift; March 2026 Vote"
expect_status 0 "two markers"
has_text mk.scene "Policy shift" "a marker's label"
has_text mk.scene "1 Feb 2026" "a marker's date"
grep -q '^line .* dash=' mk.scene && pass "a dashed marker line" || fail "no dashed line"
run timeline iso.csv -o x.scene --marker "soon Launch"
expect_status 1 "a marker without a date (flag)"
expect_stderr 'csvchart: marker: item 1 "soon Launch" does not start with a date; expected DATE LABEL, e.g. 2026-01-15 Policy shift' "a marker without a date (flag)"
run timeline dmy.csv -o mk2.scene --date-format dd/mm/yyyy --marker "20/01/2026 Recount"
expect_status 0 "a marker in date_format"
has_text mk2.scene "Recount" "a marker in date_format"

# ---- notes tied to dates (annotate on a timeline): a leader like an event's, no dot, no line
run timeline iso.csv -o nt.scene --annotate "2026-03-01: Quiet month; 20/01/2026: x"
expect_status 1 "a note whose date is not in the data's syntax"
expect_stderr 'csvchart: annotate: item 2 "20/01/2026" is not a date; on a timeline a note is DATE: TEXT, e.g. 2026-01-15: Policy shift' "a note without a date"
run timeline iso.csv -o nt.scene --annotate "2026-03-01: Quiet month"
expect_status 0 "a note on a timeline"
has_text nt.scene "Quiet month" "a note's text"
has_text nt.scene "1 Mar 2026" "a note's date"
grep -q '^line .* dash=' nt.scene && fail "a note drew a dashed line" || pass "a note draws no marker line"
[ "$(grep -c '^circle' nt.scene)" = "$(grep -c '^circle' deiso.scene)" ] &&
    pass "a note has no dot" || fail "a note drew a dot: $(grep -c '^circle' nt.scene) circles"
run timeline dmy.csv -o nt2.scene --date-format dd/mm/yyyy --annotate "20/01/2026: Recount"
expect_status 0 "a note in date_format"
has_text nt2.scene "Recount" "a note in date_format"

# ---- bad values: the option's name for a flag, FILE:LINE in an INI file
run bar en.csv -o x.scene --locale xx
expect_status 1 "--locale xx"
expect_stderr_has 'csvchart: locale: no locale data for "xx"' "--locale xx"
run bar en.csv -o x.scene --locale de_DE.ISO-8859-1
expect_status 1 "a Latin-1 locale"
run bar en.csv -o x.scene --decimal x
expect_status 1 "--decimal x"
expect_stderr 'csvchart: decimal: "x" is not one of .|,' "--decimal x"
run timeline iso.csv -o x.scene --date-format dd-mm-yy
expect_status 1 "--date-format dd-mm-yy"
expect_stderr_has 'date_format: "dd-mm-yy" is not one of' "--date-format dd-mm-yy"
printf '[defaults]\nkind = bar\n\n[a]\ndata = en.csv\noutputs = a.scene\nlocale = xx\n\n[b]\nkind = timeline\ndata = iso.csv\noutputs = b.scene\nmarker = 2026-01-20 A; later B\n\n[c]\ndata = en.csv\noutputs = c.scene\nencoding = ebcdic\n' > bad.ini
run render bad.ini --out-dir o
expect_status 1 "bad values in an INI file"
expect_stderr_has 'csvchart: bad.ini:7:10: locale: no locale data for "xx"' "locale: FILE:LINE"
expect_stderr_has 'csvchart: bad.ini:13:10: marker: item 2 "later B" does not start with a date' "marker: FILE:LINE"
expect_stderr_has 'csvchart: bad.ini:18:12: encoding: "ebcdic" is not one of utf-8|latin1|utf-16|auto' "encoding: FILE:LINE"

# ---- encodings
printf 'k,v\ncaf\xe9,1\n\x80 zone,2\n' > latin1.csv
run bar latin1.csv -o x.scene
expect_status 1 "a Latin-1 file read as UTF-8"
expect_stderr 'csvchart: latin1.csv:2:4: invalid UTF-8 byte 0xe9 (starts a 3-byte sequence that is cut short); if the file is Latin-1 or Windows-1252, set encoding = latin1' "a Latin-1 file read as UTF-8"
for enc in latin1 auto; do
    run bar latin1.csv -o "l-$enc.scene" --encoding $enc
    expect_status 0 "--encoding $enc"
    has_text "l-$enc.scene" "café" "--encoding $enc"
    has_text "l-$enc.scene" "€ zone" "--encoding $enc (Windows-1252's 0x80)"
done
printf '\xff\xfek\0,\0v\0\n\0A\0,\0001\0\n\0' > u16.csv
run bar u16.csv -o x.scene
expect_status 1 "a UTF-16 file read as UTF-8"
expect_stderr 'csvchart: u16.csv:1:1: file is UTF-16 (it starts with a byte order mark FF FE); convert it to UTF-8 or set encoding = utf-16' "a UTF-16 file read as UTF-8"
for enc in utf-16 auto; do
    run bar u16.csv -o "u-$enc.scene" --encoding $enc
    expect_status 0 "--encoding $enc on UTF-16"
    has_text "u-$enc.scene" "A" "--encoding $enc on UTF-16"
done

# ---- --quiet: no warnings, no "rendered N"; errors all the same
printf 'k,v\nA,1\nB,\nC,3\n' > skip.csv
run bar skip.csv -o q.scene
expect_stderr_has 'warning: skip.csv:3: row skipped' "a warning without --quiet"
for q in --quiet -q; do
    run bar skip.csv -o q.scene $q
    expect_status 0 "bar $q"
    expect_stderr '' "bar $q"
done
printf 'date,label\n2025-01,A\n,B\n' > tskip.csv
run timeline tskip.csv -o q.scene --quiet
expect_status 0 "timeline --quiet"
expect_stderr '' "timeline --quiet"
run bar point.csv -o x.scene --decimal , --quiet
expect_status 1 "an error under --quiet"
expect_stderr_has 'point.csv:2:3: column "v" needs numbers' "an error under --quiet"
printf '[s]\nkind = bar\ndata = skip.csv\noutputs = s.scene\n' > q.ini
run render q.ini --out-dir o
expect_stderr_has 'row skipped' "render without --quiet"
expect_stderr_has 'csvchart: rendered 1' "render without --quiet"
run render q.ini --out-dir o --quiet
expect_status 0 "render --quiet"
expect_stderr '' "render --quiet"
printf '[s]\nkind = bar\ndata = skip.csv\noutputs = s.scene\n\n[t]\nkind = bar\ndata = point.csv\noutputs = t.scene\ndecimal = ,\n' > q2.ini
run render q2.ini --out-dir o -q
expect_status 1 "render -q with a failing figure"
expect_stderr 'csvchart: point.csv:2:3: column "v" needs numbers, and "1.5" is not a number (expected e.g. 42, 1.234,5, 0,07 €, 50%, with decimal = ,) (figure "t")
csvchart: rendered 1, failed 1: t' "render -q with a failing figure"

finish
