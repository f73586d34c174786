# Every sample figure of data/figures.ini, rendered twice by separate processes: the same
# bytes; every SVG parses as XML (xmllint) with <title>, <desc> and role="img"; every PDF
# opens (pdfinfo), embeds its fonts (pdffonts) and carries no creation date; every PNG
# has pHYs and no tIME.
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
finish
