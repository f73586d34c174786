# Missing fonts and glyphs (issue 13, item 8): a font family that is not installed and text
# that no installed font has are drawn anyway, with warnings that name the family drawn
# instead, or the character and where it comes from; --quiet silences them; font_missing =
# error refuses the figure and leaves an existing output alone. The answers depend on the fonts
# installed: the test needs a machine without "Comic Sans MS", Thai and Devanagari fonts, and
# with DejaVu Sans (Debian's fonts-dejavu-core), and skips otherwise, saying why.
. "$(dirname "$0")/lib/common.bash"
command -v fc-list >/dev/null && command -v fc-match >/dev/null ||
    { echo "fc-list or fc-match missing (fontconfig)"; exit 77; }
[ -z "$(fc-list 'Comic Sans MS' family)" ] || { echo "Comic Sans MS is installed"; exit 77; }
[ -z "$(fc-list ':charset=e01' family)" ] || { echo "a font with Thai is installed"; exit 77; }
[ -z "$(fc-list ':charset=928' family)" ] || { echo "a font with Devanagari is installed"; exit 77; }
[ -n "$(fc-list 'DejaVu Sans' family)" ] || { echo "DejaVu Sans is not installed"; exit 77; }
export XDG_CACHE_HOME=$SCRATCH/cache
# What fontconfig itself gives for the family: the family csvchart must name.
instead=$(fc-match -f '%{family[0]}' 'Comic Sans MS')
fc_hint='(fc-list lists the installed fonts)'
thai=$'\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22' # ภาษาไทย
printf 'city,people\n"\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87",5\nOslo,7\n' >deva.csv
printf 'city,people\nBern,5\nOslo,7\n' >plain.csv

# A family that is not installed.
run bar plain.csv -o comic.png --font "Comic Sans MS"
expect_status 0 "a family not installed is drawn anyway"
expect_stderr "csvchart: warning: font \"Comic Sans MS\" is not installed; drawn with \"$instead\" $fc_hint" \
    "a family not installed"
[ -s comic.png ] && pass "comic.png written" || fail "comic.png missing"
CSVCHART_FONT_CACHE=0 run bar plain.csv -o comic-nocache.png --font "Comic Sans MS"
expect_stderr "csvchart: warning: font \"Comic Sans MS\" is not installed; drawn with \"$instead\" $fc_hint" \
    "the same without the font cache"
cmp -s comic.png comic-nocache.png && pass "the same PNG without the font cache" || fail "PNGs differ"
for family in "DejaVu Sans" "dejavu sans" "DejaVuSans" "sans-serif" "Serif" "monospace" \
    "Comic Sans MS, sans-serif" "Comic Sans MS,DejaVu Sans"; do
    run bar plain.csv -o ok.svg --font "$family"
    expect_stderr "" "font \"$family\": no warning"
done
run bar plain.csv -o quiet.png --font "Comic Sans MS" --quiet
expect_status 0 "--quiet"
expect_stderr "" "--quiet leaves the warning out"

# font_missing = error: refused, an existing output untouched.
cp comic.png keep.png
run bar plain.csv -o keep.png --font "Comic Sans MS" --font-missing error
expect_status 1 "font_missing = error"
expect_stderr "csvchart: font \"Comic Sans MS\" is not installed $fc_hint; it would be drawn with \"$instead\" (font_missing = error)" \
    "font_missing = error"
cmp -s comic.png keep.png && pass "the existing output is untouched" || fail "keep.png changed"
run bar plain.csv -o strict.png --font-missing error --title "Plain ASCII"
expect_status 0 "font_missing = error with nothing missing"

# Glyphs: a Thai title, a Devanagari cell. The first character of each place gets a warning
# (not five letters of the title alone), the warnings come in the order of places.
run bar deva.csv -o tofu.png --title "$thai"
expect_status 0 "boxes are drawn, exit 0"
cat >want.txt <<EOF
csvchart: warning: title: no installed font has U+0E20 "ภ" (Thai): drawn as a box
csvchart: warning: title: no installed font has U+0E32 "า" (Thai): drawn as a box
csvchart: warning: title: no installed font has U+0E29 "ษ" (Thai): drawn as a box
csvchart: warning: title: no installed font has U+0E44 "ไ" (Thai): drawn as a box
csvchart: warning: deva.csv:2:1: no installed font has U+0928 "न" (Devanagari), in "नमस्ते": drawn as a box
csvchart: warning: 7 more characters no installed font has are drawn as boxes: U+0E17 "ท", U+0E22 "ย", U+092E "म", U+0938 "स", U+094D "्", U+0924 "त", U+0947 "े" (Thai, Devanagari; in title, deva.csv:2:1)
EOF
expect_stderr "$(cat want.txt)" "a Thai title and a Devanagari cell"
run bar deva.csv -o tofu.svg --title "$thai"
expect_stderr "$(cat want.txt)" "the same warnings for SVG"
run bar deva.csv -o tofu-quiet.png --title "$thai" -q
expect_stderr "" "-q leaves them out"
[ -s tofu.png ] && pass "tofu.png written" || fail "tofu.png missing"
run bar deva.csv -o refused.png --title "$thai" --font-missing error
expect_status 1 "font_missing = error refuses boxes"
expect_stderr "csvchart: title: no installed font has U+0E20 \"ภ\" (Thai); it would be drawn as a box (font_missing = error)" \
    "font_missing = error names the first"
[ ! -e refused.png ] && pass "nothing written" || fail "refused.png written"

# In a batch: the INI line of the font, the house theme's line, the figure named.
cat >house.ini <<EOF
[theme]
base = light
font = Comic Sans MS
EOF
cat >figs.ini <<EOF
[defaults]
kind = bar
data = plain.csv
[set-here]
outputs = a.png
font = Comic Sans MS
title = Fine
[house]
outputs = b.png
theme = house.ini
[thai]
outputs = c.png
data = deva.csv
subtitle = $thai
font_missing = error
EOF
run render figs.ini --jobs 1
expect_status 1 "a batch with a refused figure"
expect_stderr_has "csvchart: warning: figs.ini:6: font \"Comic Sans MS\" is not installed; drawn with \"$instead\" $fc_hint (figure \"set-here\")" \
    "the INI line of font"
expect_stderr_has "csvchart: warning: house.ini:3: font \"Comic Sans MS\" is not installed; drawn with \"$instead\" $fc_hint (figure \"house\")" \
    "the house theme's line"
expect_stderr_has "figs.ini:14:12: subtitle: no installed font has U+0E20 \"ภ\" (Thai); it would be drawn as a box (font_missing = error)" \
    "the INI line of the subtitle"
[ -s out/a.png ] && [ -s out/b.png ] && [ ! -e out/c.png ] &&
    pass "a.png and b.png written, c.png refused" || fail "outputs: $(ls out)"
finish
