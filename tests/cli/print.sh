# Printed sizes (issue 16): --size 6.5inx4in --dpi 300 is a 1950x1200 PNG whose pHYs says 300
# dpi, a 468x288 pt PDF and a 624x384 px SVG (96 px to the inch) - every output 6.5 x 4 in;
# cm, mm and pt too; @2x keeps the physical size at twice the dpi; a scale that disagrees with
# the dpi is refused. And --format that contradicts -o's extension is a usage error.
. "$(dirname "$0")/lib/common.bash"
cp "$SRC/data/api-pricing.csv" p.csv
png_size() { printf '%d %d' "0x$(od -An -tx1 -j16 -N4 "$1" | tr -d ' \n')" "0x$(od -An -tx1 -j20 -N4 "$1" | tr -d ' \n')"; }
# pHYs: pixels per metre in x, then the unit byte (1 = metre)
png_phys() { od -An -tx1 -v "$1" | tr -d '\n' | sed 's/ //g' | sed -n 's/.*70485973\(........\)........01.*/\1/p'; }
run bar p.csv -o p.png -o p@2x.png -o p.pdf -o p.svg --size 6.5inx4in --dpi 300
expect_status 0 "6.5inx4in at 300 dpi"
[ "$(png_size p.png)" = "1950 1200" ] && pass "PNG is 1950x1200" || fail "PNG is $(png_size p.png)"
[ "$(png_phys p.png)" = "00002e23" ] && pass "pHYs is 11811 px/m (300 dpi)" || fail "pHYs $(png_phys p.png)"
[ "$(png_size p@2x.png)" = "3900 2400" ] && [ "$(png_phys p@2x.png)" = "00005c46" ] &&
    pass "@2x: 3900x2400 at 600 dpi, the same 6.5 x 4 in" || fail "@2x: $(png_size p@2x.png) $(png_phys p@2x.png)"
grep -q '<svg [^>]*width="624" height="384"' p.svg && pass "SVG is 624x384 px (6.5 x 4 in)" ||
    fail "SVG size: $(grep -o '<svg [^>]*>' p.svg | head -c 200)"
if command -v pdfinfo >/dev/null; then
    pdfinfo p.pdf | grep -q 'Page size: *468 x 288 pts' && pass "PDF is 468x288 pt (6.5 x 4 in)" ||
        fail "PDF: $(pdfinfo p.pdf | grep 'Page size')"
fi
for size in 16.51cmx10.16cm 165.1mmx101.6mm 468ptx288pt; do
    run bar p.csv -o u.png --size "$size" --dpi 300
    expect_status 0 "size $size"
    [ "$(png_size u.png)" = "1950 1200" ] && pass "$size at 300 dpi is 1950x1200" || fail "$size: $(png_size u.png)"
done
run bar p.csv -o d.png --size 6.5inx4in
[ "$(png_size d.png)" = "624 384" ] && pass "without dpi: 96 dpi, 624x384" || fail "without dpi: $(png_size d.png)"
run bar p.csv -o d.png --size 1200x675 --dpi 300
[ "$(png_size d.png)" = "1200 675" ] && pass "a size in px: dpi is only pHYs" || fail "px size with dpi: $(png_size d.png)"
run bar p.csv -o d.png --size 6.5inx4in --dpi 300 --scale 2
expect_status 1 "scale against dpi"
expect_stderr "csvchart: scale: 2 disagrees with dpi 300 for the printed size 6.5inx4in (3.125 px a CSS px); give dpi or scale, not both" "scale against dpi"
for bad in 6.5inx4 6.5x4in 6.5ftx4in inxin; do
    run bar p.csv -o d.png --size "$bad"
    expect_status 1 "size $bad"
done

# --format against the extension
printf 'old\n' > y.png
run bar p.csv -o y.png --format svg
expect_status 2 "-o y.png --format svg"
expect_stderr 'csvchart: --format svg contradicts -o "y.png"; name the file for its format, or drop --format
Try '"'"'csvchart bar --help'"'"'.' "-o y.png --format svg"
[ "$(cat y.png)" = old ] && pass "y.png untouched" || fail "y.png written"
run bar p.csv -o y.svg --format svg
expect_status 0 "-o y.svg --format svg agrees"
run bar p.csv -o - -o z.pdf --format pdf
expect_status 0 "-o - and -o z.pdf with --format pdf"
finish
