# Every sample figure of data/figures.ini, rendered twice by separate processes: the same
# bytes; every SVG parses as XML (xmllint) with <title>, <desc> and role="img"; every PDF
# opens (pdfinfo), embeds its fonts (pdffonts) and carries no creation date; every PNG
# has pHYs and no tIME. Then the text alternative: --alt-text, a .txt output, alt.
. "$(dirname "$0")/lib/common.bash"
mkdir -p a b
run render "$SRC/data/figures.ini" --out-dir a
expect_status 0 "render the samples"
run render "$SRC/data/figures.ini" --out-dir b --jobs 1
expect_status 0 "render the samples again"
n=0
for f in a/*; do
    n=$((n + 1))
    cmp -s "$f" "b/${f#a/}" || fail "$f differs between two runs"
done
[ "$n" -gt 20 ] && pass "$n outputs identical across processes" || fail "only $n outputs"

for f in a/*.svg; do
    if command -v xmllint >/dev/null; then
        xmllint --noout "$f" 2>/dev/null || fail "$f is not well-formed XML"
    fi
    grep -q 'role="img"' "$f" && grep -q '<title' "$f" && grep -q '<desc' "$f" ||
        fail "$f lacks role, title or desc"
done
pass "SVGs checked"

if command -v pdfinfo >/dev/null && command -v pdffonts >/dev/null; then
    for f in a/*.pdf; do
        pdfinfo "$f" >info.txt 2>&1 || fail "$f: pdfinfo: $(cat info.txt)"
        grep -q '^CreationDate' info.txt && fail "$f has a creation date"
        pdffonts "$f" | awk 'NR > 2 && $0 !~ / yes +(yes|no) +(yes|no) +[0-9]+ +[0-9]+$/ { bad = 1 } END { exit bad }' ||
            fail "$f has a font that is not embedded: $(pdffonts "$f")"
    done
    pass "PDFs checked"
else
    echo "poppler-utils missing: PDF checks skipped"
fi

for f in a/*.png; do
    chunks=$(od -An -c "$f" | tr -d ' \n')
    case "$chunks" in *pHYs*) ;; *) fail "$f has no pHYs" ;; esac
    case "$chunks" in *tIME*) fail "$f has a tIME chunk" ;; esac
done
pass "PNGs checked"
# The text alternative: --alt-text under any name, - for standard output, a .txt output
# in an INI file; alt replaces the summary; a refused figure writes no alternative either.
printf 'model,price\nR1,$0.07\no1,$60\n' > p.csv
summary='Bar chart of price by model, 2 categories, from R1 ($0.07) to o1 ($60).'
run bar p.csv -o p.png --alt-text p.alt --title "o1 costs 857x more"
expect_status 0 "--alt-text"
[ "$(cat p.alt)" = "o1 costs 857x more. $summary" ] && pass "--alt-text: title and summary" ||
    fail "--alt-text wrote: $(cat p.alt)"
run bar p.csv --alt-text - --alt "Two bars, o1 towering over R1"
[ "$(cat stdout.txt)" = "Two bars, o1 towering over R1" ] && pass "--alt-text -: the alt option" ||
    fail "--alt-text - printed: $(cat stdout.txt)"
run bar p.csv --alt-text
expect_status 2 "--alt-text without a name"
echo keep > old.alt
run bar p.csv -o q.png --alt-text old.alt --size 10x10
expect_status 1 "--alt-text of a refused figure"
[ "$(cat old.alt)" = keep ] && [ ! -e q.png ] && pass "refused: nothing written" || fail "refused: wrote"
cat > alt.ini <<INI
[prices]
kind = bar
data = $PWD/p.csv
outputs = prices.png prices.txt
alt = Two bars
INI
run render alt.ini --out-dir alt
expect_status 0 "render with a .txt output"
[ "$(cat alt/prices.txt)" = "Two bars" ] && pass "render: NAME.txt holds alt" ||
    fail "render: prices.txt holds $(cat alt/prices.txt 2>&1)"
finish
