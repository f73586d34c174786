# csvchart render: failure isolation, deterministic messages and bytes whatever --jobs,
# depfiles, --only, --shard, @2x outputs, and every refused INI.
. "$(dirname "$0")/lib/common.bash"

printf 'model,price\nDeepSeek R1,$0.07\nOpenAI o1,$60\n' > a.csv
printf 'company,valuation\nOpenAI,$830B\nAnthropic,$380B\n' > b.csv
cat > good.ini <<'INI'
[defaults]
kind = bar
source = Test

[one]
data = a.csv
outputs = one.png one.svg one@2x.png
title = A long title that goes on
  over two lines of the INI file
log = true

[two]
data = b.csv
outputs = two.png two.scene

[three]
data = b.csv
outputs = sub/three.svg
INI
mkdir -p out1/sub out2/sub
run render good.ini --out-dir out1 --jobs 1 --depfile out1/deps.d
expect_status 0 "render, one job"
expect_stderr "csvchart: rendered 3" "summary"
run render good.ini --out-dir out2 --jobs 2
expect_status 0 "render, two jobs"
for f in one.png one.svg one@2x.png two.png two.scene sub/three.svg; do
    cmp -s "out1/$f" "out2/$f" && pass "$f same with 1 and 2 jobs" || fail "$f differs between --jobs 1 and 2"
done
# A worker lays out figure after figure with one text measurer (src/cli/render.c): a figure
# rendered alone is the same bytes as after the others.
mkdir -p alone/sub
for name in two three; do
    run render good.ini --out-dir alone --only "$name" --jobs 1
    expect_status 0 "render --only $name"
done
for f in two.png two.scene sub/three.svg; do
    cmp -s "out1/$f" "alone/$f" && pass "$f same alone and in the batch" ||
        fail "$f differs alone and in the batch"
done
grep -q 'A long title that goes on over two lines of the INI file' out1/two.scene out1/one.svg &&
    pass "continued value joined" || fail "continued INI value not joined"
[ "$(od -An -tu1 -j16 -N4 out1/one@2x.png | tr -s ' ')" != "$(od -An -tu1 -j16 -N4 out1/one.png | tr -s ' ')" ] &&
    pass "@2x output is wider" || fail "@2x output has the same width"
expect_file_text() { [ "$(cat "$1")" = "$2" ] && pass "$3" || { fail "$3"; echo "    got: $(cat "$1")"; }; }
expect_file_text out1/deps.d "out1/one.png out1/one.svg out1/one@2x.png: good.ini a.csv
out1/two.png out1/two.scene: good.ini b.csv
out1/sub/three.svg: good.ini b.csv" "depfile"

# --out-dir and the folders of the outputs inside it are created (issue 16), also deep ones,
# and the depfile's folder; a folder reached through a link out of --out-dir is not.
run render good.ini --out-dir out3/deep --only three --depfile deps/here/d.d
expect_status 0 "missing out-dir and output folders"
[ -f out3/deep/sub/three.svg ] && [ -f deps/here/d.d ] && pass "folders created" || fail "folders: $(find out3 deps)"
mkdir -p linked elsewhere && ln -sfn ../elsewhere linked/sub
run render good.ini --out-dir linked --only three
expect_status 1 "an output folder through a link out of --out-dir"
[ -z "$(ls elsewhere)" ] && pass "nothing created through the link" || fail "created: $(ls elsewhere)"
run render good.ini --out-dir out3 --only two,three
expect_status 0 "--only"
[ -f out3/two.png ] && [ -f out3/sub/three.svg ] && [ ! -f out3/one.png ] && pass "--only renders only those" || fail "--only"
run render good.ini --out-dir out3 --only nosuch
expect_status 1 "--only unknown"
expect_stderr "csvchart: --only: no figure [nosuch] in good.ini" "--only unknown"

mkdir -p s1/sub s2/sub
run render good.ini --out-dir s1 --shard 1/2
run render good.ini --out-dir s2 --shard 2/2
[ -f s1/one.png ] && [ -f s1/sub/three.svg ] && [ ! -f s1/two.png ] && [ -f s2/two.png ] && [ ! -f s2/one.png ] &&
    pass "shards split the figures" || fail "shards: $(ls s1 s2)"

# One broken figure fails alone; messages come in INI order whatever the scheduling.
cat > mixed.ini <<'INI'
[defaults]
kind = bar
[first]
data = a.csv
titel = oops
[second]
data = b.csv
[third]
data = missing.csv
[fourth]
data = a.csv
log = maybe
INI
mkdir -p m1 m2
run render mixed.ini --out-dir m1 --jobs 1
expect_status 1 "failure isolation"
expect_stderr 'csvchart: mixed.ini:5:1: unknown option "titel"; did you mean "title"? (figure "first")
csvchart: mixed.ini:9:8: missing.csv: cannot open the file: no such file or directory (figure "third")
csvchart: mixed.ini:12:7: log: "maybe" is not a boolean; expected true, false, yes, no, on, off, 1 or 0 (figure "fourth")
csvchart: rendered 1, failed 3: first, third, fourth' "failure isolation"
[ -f m1/second.png ] && [ ! -f m1/first.png ] && pass "the good figure is rendered" || fail "good figure missing"

first=$stderr
run render mixed.ini --out-dir m2 --jobs 2
[ "$stderr" = "$first" ] && pass "same messages with 2 jobs" || fail "messages differ with 2 jobs"

# An output that cannot be put in place (its name is a folder) fails its figure alone, when
# the sync and rename are the committer's (src/cli/commit.c): none of the figure's outputs is
# put in place, not even those before it (review 4: b.png was replaced, so the figure's
# outputs no longer matched), the other figures are, and no temporary file is left.
cat > commit.ini <<'INI'
[defaults]
kind = bar
data = b.csv
[a]
outputs = a.png a.svg
[b]
outputs = b.png b.svg b.pdf
[c]
outputs = c.svg
INI
for jobs in 1 2; do
    rm -rf c$jobs && mkdir -p c$jobs/b.svg
    run render commit.ini --out-dir c$jobs --jobs $jobs
    expect_status 1 "an output that is a folder, --jobs $jobs"
    expect_stderr "csvchart: c$jobs/b.svg: cannot write: Is a directory (figure \"b\")
csvchart: rendered 2, failed 1: b" "an output that is a folder, --jobs $jobs"
    [ "$(ls -A c$jobs | tr '\n' ' ')" = "a.png a.svg b.svg c.svg " ] && [ -d c$jobs/b.svg ] &&
        pass "--jobs $jobs: none of the figure's outputs written, no temporary file" ||
        fail "--jobs $jobs: left $(ls -A c$jobs | tr '\n' ' ')"
done

# A misspelt key is never pointed at an option its figure would refuse (review 4: "colour"
# in a trend got 'did you mean "color"?', and color is refused for trends); the message says
# whose option that spelling is, and an option of another kind says whose it is.
printf '[t]\nkind = trend\ndata = t.csv\ncolour = red\n' > colour.ini
printf 'date,v\n2024,1\n2025,2\n' > t.csv
run render colour.ini --out-dir m3
expect_status 1 "a trend's colour"
expect_stderr 'csvchart: colour.ini:4:1: unknown option "colour" ("color" is for bar charts) (figure "t")
csvchart: rendered 0, failed 1: t' "a trend's colour: no suggestion it would refuse"
printf '[t]\nkind = trend\ndata = t.csv\ncolor = red\n' > color.ini
run render color.ini --out-dir m3
expect_stderr 'csvchart: color.ini:4:1: option "color" does not apply to trends; it is for bar charts (figure "t")
csvchart: rendered 0, failed 1: t' "a trend's color: whose option it is"
run trend t.csv -o m3/t.png --colour red
expect_status 2 "--colour on a trend"
expect_stderr "csvchart: unknown option --colour (--color is for bar charts)
Try 'csvchart trend --help'." "--colour on a trend: whose option --color is"
run trend t.csv -o m3/t.png --color red
expect_stderr "csvchart: option --color does not apply to trends; it is for bar charts
Try 'csvchart trend --help'." "--color on a trend: whose option it is"

# An unknown key in [defaults] fails every figure.
printf '[defaults]\nkind = bar\ncolour = red\n[a]\ndata = a.csv\n[b]\ndata = b.csv\n' > baddef.ini
run render baddef.ini --out-dir m1
expect_status 1 "bad defaults"
expect_stderr_has "rendered 0, failed 2: a, b" "bad defaults fail every figure"

# INI files refused before anything is drawn.
bad_ini() { # NAME MESSAGE CONTENT
    printf '%b' "$3" > "$1.ini"
    rm -rf o && mkdir o
    run render "$1.ini" --out-dir o
    expect_status 1 "$1"
    expect_stderr "$2" "$1"
    [ -z "$(ls o)" ] && pass "$1: nothing written" || fail "$1: files written: $(ls o)"
}
bad_ini syntax 'csvchart: syntax.ini:3:1: cannot read this line; expected [section], key = value, or a comment starting with ; or #' \
    '[a]\nkind = bar\nthis line has no equals sign\n'
bad_ini dup_section 'csvchart: dup_section.ini:5:1: section [a] appears again (first on line 1); each figure needs a name of its own' \
    '[a]\nkind = bar\ndata = a.csv\n\n[a]\nkind = bar\n'
bad_ini dup_key 'csvchart: dup_key.ini:3:1: "data" is set again in [a] (first on line 2)' \
    '[a]\ndata = a.csv\ndata = b.csv\n'
bad_ini no_figures 'csvchart: no_figures.ini: no figures: add a [name] section with kind, data and outputs' \
    '[defaults]\nkind = bar\n'
bad_ini same_output 'csvchart: same_output.ini:5: [b] writes o/x.png, as [a] does; give each output one figure' \
    '[a]\nkind = bar\ndata = a.csv\noutputs = x.png\n[b]\nkind = bar\ndata = b.csv\noutputs = x.png\n'
sed -i 's/^\[b\]/[b]/' same_output.ini
bad_ini escape 'csvchart: escape.ini:4:11: output "../../etc/x.png" leaves the output folder; write a name relative to it, without .. (figure "a")
csvchart: rendered 0, failed 1: a' \
    '[a]\nkind = bar\ndata = a.csv\noutputs = ../../etc/x.png\n'
bad_ini no_kind 'csvchart: no_kind.ini:1:1: [a] needs kind (e.g. kind = bar, data = prices.csv) (figure "a")
csvchart: rendered 0, failed 1: a' \
    '[a]\ndata = a.csv\n'

# Our own INI reader (issue 16): long lines, quotes, comments, continuation, as users write
# them. Each case renders a .scene and finds the title in it.
ini_title() { # NAME EXPECTED-TITLE INI-LINES-AFTER-[a]
    printf '[a]\nkind = bar\ndata = a.csv\noutputs = t.scene\n%b' "$3" > "$1.ini"
    rm -rf o && mkdir o
    run render "$1.ini" --out-dir o
    expect_status 0 "$1"
    grep -qF "\"$2\"" o/t.scene && pass "$1: title is $2" ||
        fail "$1: title: $(grep -m1 '^text' o/t.scene) (expected $2)"
}
long=$(printf 'word%d ' $(seq 1 400))
long=${long% }
printf '[a]\nkind = bar\ndata = a.csv\noutputs = t.svg\nfit = grow\ntitle = %s\n' "$long" > long_line.ini
rm -rf o && mkdir o
run render long_line.ini --out-dir o
expect_status 0 "a ${#long}-byte line"
grep -qF ">$long</title>" o/t.svg && pass "a ${#long}-byte title read whole" || fail "long title cut"
ini_title quoted_semicolon 'a ; b' 'title = "a ; b"\n'
ini_title quoted_comment 'a ; b' 'title = "a ; b"   ; a comment\n'
ini_title comment 'a' 'title = a ; a comment\n'
ini_title no_space_semicolon 'a;b' 'title = a;b\n'
ini_title doubled_quote 'say \"hi\"' 'title = "say ""hi"""\n'
ini_title partly_quoted '\"a\" b' 'title = "a" b\n'
ini_title quote_over_lines 'one ; two three' 'title = "one ; two\n  three"\n'
ini_title hash_in_value 'a # b' 'title = a # b\n'
ini_title colon 'a = b' 'title: a = b\n'
ini_title continued_after_comment 'a b' 'title = a\n; a comment line\n  b\n'
printf 'k,v\n"Smith, J",1\nDoe,2\nX,3\n' > names.csv
printf '[a]\nkind = bar\ndata = names.csv\noutputs = t.scene\nhighlight = "Smith, J", Doe\n' > list_quotes.ini
rm -rf o && mkdir o
run render list_quotes.ini --out-dir o
expect_status 0 "a list option keeps its quotes"
# Errors found after the INI was read point at the option to change (review 6: no position).
printf 'k,v\nSmith,1\nDoe,2\n' > pos.csv
printf '[a]\nkind = bar\ndata = pos.csv\nhighlight = Smyth\n[b]\nkind = bar\ndata = pos.csv\ny = vote\n' > pos.ini
run render pos.ini --out-dir o
expect_status 1 "positions of later errors"
expect_stderr_has 'csvchart: pos.ini:4:13: highlight: no category named "Smyth"' "a value found wrong in the data: its position"
expect_stderr_has 'csvchart: pos.ini:8:5: pos.csv: no column named "vote" (y)' "a column not in the data: the option's position, the file named"

# Output names with spaces are quoted, as in a shell (review 4: `""lab` was unknown).
printf '[a]\nkind = bar\ndata = a.csv\noutputs = "lab report.png" "sub dir/x y".svg plain.scene\n' > spaced.ini
rm -rf o && mkdir o
run render spaced.ini --out-dir o
expect_status 0 "quoted output names"
[ -f "o/lab report.png" ] && [ -f "o/sub dir/x y.svg" ] && [ -f o/plain.scene ] &&
    pass "quoted output names: written whole" || fail "quoted output names: $(find o -type f)"
run render spaced.ini --out-dir o --make-rules
expect_status 0 "quoted output names in make rules"
grep -qF 'o/lab\ report.png' stdout.txt && pass "make rules escape the space" ||
    fail "make rules: $(grep -m1 report stdout.txt)"
bad_ini unclosed_quote 'csvchart: unclosed_quote.ini:2:9: the value of "title" has an unclosed double quote; close it, or write "" for a quote inside quotes' \
    '[a]\ntitle = "a ; b\nkind = bar\n'
bad_ini unclosed_quote_end 'csvchart: unclosed_quote_end.ini:3:9: the value of "title" has an unclosed double quote; close it, or write "" for a quote inside quotes' \
    '[a]\nkind = bar\ntitle = 5" screens\n'
bad_ini empty_key 'csvchart: empty_key.ini:2:1: cannot read this line; expected [section], key = value, or a comment starting with ; or #' \
    '[a]\n= value\n'

# INI files refused before anything is drawn (issue 10): every message exact, with its line.
bad_ini section_space 'csvchart: section_space.ini:3:1: figure name "a b" holds " "; a figure name may hold letters, digits, non-ASCII characters and . _ - @ +' \
    '[defaults]\nkind = bar\n[a b]\ndata = a.csv\n'
bad_ini section_comma 'csvchart: section_comma.ini:1:1: figure name "a,b" holds ","; a figure name may hold letters, digits, non-ASCII characters and . _ - @ +' \
    '[a,b]\nkind = bar\ndata = a.csv\n'
bad_ini section_junk 'csvchart: section_junk.ini:3:1: text after [a]: "x"; a section header line holds only [name] and a comment (; or #)' \
    '[defaults]\nkind = bar\n[a] x\ndata = a.csv\n'
bad_ini section_unclosed 'csvchart: section_unclosed.ini:4:1: unclosed section header "[b"; expected [name]' \
    '[a]\nkind = bar\ndata = a.csv\n[b\nkind = bar\ndata = b.csv\n'
bad_ini defaults_outputs 'csvchart: defaults_outputs.ini:3:1: outputs cannot be set in [defaults]: each figure names its own files' \
    '[defaults]\nkind = bar\noutputs = x.png\n[a]\ndata = a.csv\n'
bad_ini syntax_first 'csvchart: syntax_first.ini:3:1: cannot read this line; expected [section], key = value, or a comment starting with ; or #' \
    '[a]\nkind = bar\nno equals sign here\nkind = bar\n'
bad_ini bad_scale 'csvchart: bad_scale.ini:4:11: output "a@9x.png": "@9x" is not a supported pixel scale; expected @0.25x to @8x, with a lowercase x (figure "a")
csvchart: rendered 0, failed 1: a' \
    '[a]\nkind = bar\ndata = a.csv\noutputs = a.png a@9x.png\n'
bad_ini bad_scale_upper 'csvchart: bad_scale_upper.ini:4:11: output "a@2X.png": "@2X" is not a supported pixel scale; expected @0.25x to @8x, with a lowercase x (figure "a")
csvchart: rendered 0, failed 1: a' \
    '[a]\nkind = bar\ndata = a.csv\noutputs = a@2X.png\n'
bad_ini id_prefix 'csvchart: id_prefix.ini:4:13: id_prefix: "a b" is not an XML name; expected letters, digits, _, - and ., starting with a letter or _ (figure "a")
csvchart: rendered 0, failed 1: a' \
    '[a]\nkind = bar\ndata = a.csv\nid_prefix = a b\n'

# Byte order mark, CRLF and CR line ends: read like LF, lines counted once each.
for ends in lf crlf cr; do
    case $ends in lf) nl='\n' ;; crlf) nl='\r\n' ;; cr) nl='\r' ;; esac
    printf "\xef\xbb\xbf[defaults]${nl}kind = bar${nl}[$ends]${nl}data = a.csv${nl}title = one${nl}  two${nl}outputs = $ends.scene${nl}" > "bom-$ends.ini"
    rm -rf o && mkdir o
    run render "bom-$ends.ini" --out-dir o
    expect_status 0 "BOM and $ends line ends"
    grep -q '"one two"' "o/$ends.scene" && pass "BOM and $ends: continued value joined" || fail "BOM and $ends: value"
    printf "[a]${nl}kind = bar${nl}${nl}[a]${nl}" > "dup-$ends.ini"
    run render "dup-$ends.ini" --out-dir o
    expect_stderr "csvchart: dup-$ends.ini:4:1: section [a] appears again (first on line 1); each figure needs a name of its own" "$ends: line numbers"
done

# Every name allowed for a figure can be chosen with --only (a comma is not allowed in one).
printf '[defaults]\nkind = bar\ndata = a.csv\n[é.x@2x+y-z_w]\n[b]\n' > names.ini
rm -rf o && mkdir o
run render names.ini --out-dir o --only 'é.x@2x+y-z_w'
expect_status 0 "--only with every allowed byte"
[ -f 'o/é.x@2x+y-z_w.png' ] && [ ! -f o/b.png ] && pass "--only selects that figure" || fail "--only: $(ls o)"

# Limits. Continued values are joined in linear time: 200,000 continuation lines (which took
# minutes when each line copied the whole value) under a timeout, then the limits' messages.
awk 'BEGIN { print "[a]\nkind = bar\ndata = a.csv\ntitle = start"; for (i = 0; i < 200000; i++) print "  x" }' > long-value.ini
timeout 10 "$BIN" render long-value.ini --list >stdout.txt 2>stderr.txt
status=$?
expect_status 0 "200,000 continuation lines"
awk 'BEGIN { print "[a]\nkind = bar\ndata = a.csv\ntitle = start"; for (i = 0; i < 600000; i++) print "  xx" }' > too-long-value.ini
timeout 10 "$BIN" render too-long-value.ini --list >stdout.txt 2>stderr.txt
status=$? stderr=$(cat stderr.txt)
expect_status 1 "a value over 1 MiB"
expect_stderr 'csvchart: too-long-value.ini:349528: the value of "title" is longer than 1048576 bytes, the limit for a value' "a value over 1 MiB"
awk 'BEGIN { for (i = 0; i < 1000001; i++) print "; comment" }' > many-lines.ini
timeout 10 "$BIN" render many-lines.ini --list >stdout.txt 2>stderr.txt
status=$? stderr=$(cat stderr.txt)
expect_status 1 "more than 1,000,000 lines"
expect_stderr 'csvchart: many-lines.ini:1000001: more than 1000000 lines, the limit for an INI file' "more than 1,000,000 lines"
head -c 17000000 /dev/zero | tr '\0' '\n' > big.ini
run render big.ini --list
expect_status 1 "an INI over 16 MiB"
expect_stderr 'csvchart: big.ini: larger than 16777216 bytes (16 MiB), the limit for an INI file' "an INI over 16 MiB"
awk 'BEGIN { print "[a]"; for (i = 0; i < 257; i++) print "k" i " = v" }' > many-keys.ini
run render many-keys.ini --list
expect_stderr 'csvchart: many-keys.ini:258:1: [a] has more than 256 keys, the limit for a section' "more than 256 keys"
awk 'BEGIN { for (i = 0; i <= 10000; i++) print "[f" i "]" }' > many-figures.ini
run render many-figures.ini --list
expect_stderr 'csvchart: many-figures.ini:10001:1: more than 10000 figures, the limit for an INI file' "more than 10,000 figures"
rm -f long-value.ini too-long-value.ini many-lines.ini big.ini

# An option conflict found when binding is placed at the option the sentence starts with.
printf '[a]\nkind = bar\ndata = a.csv\nstack = true\nlog = true\n' > stacklog.ini
run render stacklog.ini --out-dir c
expect_status 1 "stack and log"
expect_stderr_has 'csvchart: stacklog.ini:4:9: stack cannot be drawn on a log axis' "stack and log"

# A NUL byte in an INI file is refused where it is (review: no column).
printf '[a]\nkind = bar\ndata = a\0.csv\n' > nul.ini
run render nul.ini --out-dir c --list
expect_status 1 "a NUL byte in the INI"
expect_stderr 'csvchart: nul.ini:3:9: NUL byte in the INI file; expected text' "a NUL byte in the INI"

# --out-dir with a final slash names targets as make spells them: "c/x.png", not "c//x.png"
# (review: a rule on c/x.png found no rule to make it); data = - (standard input, which the
# figures cannot share) is refused where it is written; "--" ends the options.
printf '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = x.png\n' > slash.ini
run render slash.ini --out-dir c/ --list
expect_status 0 "--out-dir c/"
[ "$(cat stdout.txt)" = "$(printf 'a\ta.csv\tc/x.png')" ] && pass "--out-dir c/ names c/x.png" ||
    fail "--out-dir c/ listed: $(cat stdout.txt)"
printf '[a]\nkind = bar\ndata = -\n' > stdin.ini
run render stdin.ini --out-dir c --list
expect_status 1 "data = -"
expect_stderr 'csvchart: stdin.ini:3:8: data "-" would read standard input, which the figures of a batch cannot share; name the CSV file ("./-" for a file named "-") (figure "a")
csvchart: listed 0, failed 1: a' "data = -"
cp slash.ini ./-dash.ini
run render --list -- -dash.ini
expect_status 0 "an INI named -dash.ini after --"
rm -f ./-dash.ini

# Two spellings of one output are one file: refused before anything is drawn.
mkdir -p c/d
clash() { # NAME MESSAGE INI-TEXT [ARGS]
    printf '%b' "$3" > "$1.ini"
    rm -f c/*.png c/d/*.png
    run render "$1.ini" --out-dir c ${4:-}
    expect_status 1 "$1"
    expect_stderr "$2" "$1"
    [ -z "$(find c -name '*.png')" ] && pass "$1: nothing written" || fail "$1: $(find c -name '*.png')"
}
clash dot_slash 'csvchart: dot_slash.ini:6: [b] writes c/./x.png, as [a] does (as c/x.png); give each output one figure' \
    '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = x.png\n[b]\noutputs = ./x.png\n'
clash double_slash 'csvchart: double_slash.ini:6: [b] writes c/d//x.png, as [a] does (as c/d/x.png); give each output one figure' \
    '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = d/x.png\n[b]\noutputs = d//x.png\n'
ln -sfn d c/link
clash through_link 'csvchart: through_link.ini:6: [b] writes c/link/x.png, as [a] does (as c/d/x.png); give each output one figure' \
    '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = d/x.png\n[b]\noutputs = link/x.png\n'
clash one_figure 'csvchart: one_figure.ini:4: [a] writes one file twice: c/x.png and c/./x.png; name each output once' \
    '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = x.png ./x.png\n'
clash depfile_output "csvchart: --depfile \"c/./x.png\" is also [a]'s c/x.png; give it a name of its own" \
    '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = x.png\n' '--depfile c/./x.png'
clash html_output "csvchart: --html \"c/x.png\" is also [a]'s c/x.png; give it a name of its own" \
    '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = x.png\n' '--html c/x.png'
clash html_depfile 'csvchart: --html "c/f.d" is also --depfile "c/f.d"; give it a name of its own' \
    '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = x.png\n' '--depfile c/f.d --html c/f.d'
# Nor may an output be a file the batch reads (review: --depfile a.csv replaced the data with a
# make rule, --html the INI with a page, and the command exited 0): refused, the file intact.
cp a.csv a-copy.csv
clash depfile_data 'csvchart: depfile_data.ini: --depfile "a.csv" is the data of [a]; give the output a name of its own' \
    '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = x.png\n' '--depfile a.csv'
cmp -s a.csv a-copy.csv && pass "the data intact" || fail "the data was replaced"
clash html_ini 'csvchart: html_ini.ini: --html "html_ini.ini" is the INI file read; give the output a name of its own' \
    '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = x.png\n' '--html html_ini.ini'
grep -q '^\[a\]' html_ini.ini && pass "the INI intact" || fail "the INI was replaced"
cp a.csv c/table.txt
clash output_data 'csvchart: output_data.ini: [a]'"'"'s c/table.txt is the data of [a]; give the output a name of its own' \
    '[defaults]\nkind = bar\ndata = c/table.txt\n[a]\noutputs = x.png table.txt\n'
cmp -s c/table.txt a.csv && pass "a .txt data file intact" || fail "a .txt output replaced the data"
run bar a.csv -o c/y.png --alt-text ./a.csv
expect_status 2 "--alt-text naming the data"
expect_stderr 'csvchart: --alt-text "./a.csv" is the data it reads; give the output a name of its own
Try '"'"'csvchart bar --help'"'"'.' "--alt-text naming the data"
cmp -s a.csv a-copy.csv && pass "the data intact after --alt-text" || fail "--alt-text replaced the data"
mkdir -p outside
ln -sfn "$SCRATCH/outside" c/away
clash symlink_out "csvchart: symlink_out.ini:5:11: output \"away/x.png\" leaves the output folder through a symbolic link (its folder is $SCRATCH/outside); write it into a folder inside c (figure \"a\")
csvchart: rendered 0, failed 1: a" \
    '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = away/x.png\n'
[ -z "$(ls outside)" ] && pass "nothing written through the link" || fail "written outside: $(ls outside)"
# A link inside --out-dir to a folder inside it is fine.
printf '[defaults]\nkind = bar\ndata = a.csv\n[a]\noutputs = link/y.png\n' > inner_link.ini
run render inner_link.ini --out-dir c
expect_status 0 "a link to a folder inside --out-dir"

# --list and --make-rules print what build scripts use: a figure that cannot be planned fails
# the command.
printf '[defaults]\nkind = bar\n[a]\ndata = a.csv\n[b]\ndata = b.csv\noutputs = b.gif\n' > plan.ini
for mode in --list --make-rules; do
    run render plan.ini --out-dir o $mode
    expect_status 1 "$mode with a figure that cannot be planned"
    expect_stderr 'csvchart: plan.ini:7:11: output "b.gif": unknown output format; expected a name ending in .png, .svg, .pdf, .scene or .txt (figure "b")
csvchart: listed 1, failed 1: b' "$mode with a figure that cannot be planned"
done
printf '[defaults]\nkind = bar\n[a]\ndata = a\tb.csv\n' > tab.ini
run render tab.ini --list
expect_stderr 'csvchart: tab.ini:4:8: data "a\tb.csv" cannot be listed: --list separates fields with tabs (figure "a")
csvchart: listed 0, failed 1: a' "--list with a tab in a name"

# Names that every figure's make syntax holds: --out-dir, the INI file, the command itself.
RULE='use only letters, digits, non-ASCII characters, spaces and . _ - + , @ ! { } / ( ) ~'
run render good.ini --out-dir 'o#1' --depfile deps.d
expect_status 1 "--out-dir with #"
expect_stderr "csvchart: --out-dir \"o#1\" cannot be written into a depfile (\"#\"); $RULE" "--out-dir with #"
run render good.ini --out-dir '~x' --make-rules
expect_stderr "csvchart: --out-dir \"~x\" cannot be written into make rules (a leading \"~\"); $RULE" "--out-dir with a leading ~"
ln -sf "$BIN" 'csv
chart'
'./csv
chart' render good.ini --make-rules >stdout.txt 2>stderr.txt
status=$? stderr=$(cat stderr.txt)
expect_status 1 "a command path with a newline"
expect_stderr 'csvchart: the command'"'"'s own path "./csv\nchart" cannot go into a make recipe: it holds a line break' "a command path with a newline"
run render good.ini --out-dir 'o	ut' --list
expect_stderr 'csvchart: "o\tut" cannot be listed: --list separates fields with tabs and lines' "--list with a tab in --out-dir"
printf '[a\xff]\nkind = bar\n' > bad_utf8_name.ini
run render bad_utf8_name.ini
expect_stderr 'csvchart: bad_utf8_name.ini:1:1: figure name "a\xff" holds byte 0xff, which is not UTF-8; a figure name may hold letters, digits, non-ASCII characters and . _ - @ +' "a figure name that is not UTF-8"

# Usage errors: exit 2.
run render good.ini --jobs 0
expect_status 2 "--jobs 0"
expect_stderr "csvchart: --jobs takes a number from 1 to 256, not \"0\"
Try 'csvchart render --help'." "--jobs 0"
run render good.ini --shard 3/2
expect_status 2 "shard out of range"
run render good.ini --shard x
expect_status 2 "bad shard"
run render
expect_status 2 "no INI"
run render missing.ini
expect_status 1 "missing INI"
finish
