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
grep -q 'A long title that goes on over two lines of the INI file' out1/two.scene out1/one.svg &&
    pass "continued value joined" || fail "continued INI value not joined"
[ "$(od -An -tu1 -j16 -N4 out1/one@2x.png | tr -s ' ')" != "$(od -An -tu1 -j16 -N4 out1/one.png | tr -s ' ')" ] &&
    pass "@2x output is wider" || fail "@2x output has the same width"
expect_file_text() { [ "$(cat "$1")" = "$2" ] && pass "$3" || { fail "$3"; echo "    got: $(cat "$1")"; }; }
expect_file_text out1/deps.d "out1/one.png out1/one.svg out1/one@2x.png: good.ini a.csv
out1/two.png out1/two.scene: good.ini b.csv
out1/sub/three.svg: good.ini b.csv" "depfile"

run render good.ini --out-dir out3 --only two
expect_status 1 "missing out-dir"
mkdir -p out3/sub
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
expect_stderr 'csvchart: mixed.ini:5: unknown option "titel"; did you mean "title"? (figure "first")
csvchart: missing.csv: cannot open the file: no such file or directory (figure "third")
csvchart: mixed.ini:12: log: "maybe" is not a boolean; expected true, false, yes, no, on, off, 1 or 0 (figure "fourth")
csvchart: rendered 1, failed 3: first, third, fourth' "failure isolation"
[ -f m1/second.png ] && [ ! -f m1/first.png ] && pass "the good figure is rendered" || fail "good figure missing"
first=$stderr
run render mixed.ini --out-dir m2 --jobs 2
[ "$stderr" = "$first" ] && pass "same messages with 2 jobs" || fail "messages differ with 2 jobs"

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
bad_ini syntax 'csvchart: syntax.ini:3: cannot read this line; expected [section], key = value, or a comment starting with ; or #' \
    '[a]\nkind = bar\nthis line has no equals sign\n'
bad_ini dup_section 'csvchart: dup_section.ini:5: section [a] appears again (first on line 1); each figure needs a name of its own' \
    '[a]\nkind = bar\ndata = a.csv\n\n[a]\nkind = bar\n'
bad_ini dup_key 'csvchart: dup_key.ini:3: "data" is set again in [a] (first on line 2)' \
    '[a]\ndata = a.csv\ndata = b.csv\n'
bad_ini no_figures 'csvchart: no_figures.ini: no figures: add a [name] section with kind, data and outputs' \
    '[defaults]\nkind = bar\n'
bad_ini same_output 'csvchart: same_output.ini:5: [b] writes o/x.png, as [a] does; give each output one figure' \
    '[a]\nkind = bar\ndata = a.csv\noutputs = x.png\n[b]\nkind = bar\ndata = b.csv\noutputs = x.png\n'
sed -i 's/^\[b\]/[b]/' same_output.ini
bad_ini escape 'csvchart: escape.ini:4: output "../../etc/x.png" leaves the output folder; write a name relative to it, without .. (figure "a")
csvchart: rendered 0, failed 1: a' \
    '[a]\nkind = bar\ndata = a.csv\noutputs = ../../etc/x.png\n'
bad_ini no_kind 'csvchart: no_kind.ini:1: [a] needs kind (e.g. kind = bar, data = prices.csv) (figure "a")
csvchart: rendered 0, failed 1: a' \
    '[a]\ndata = a.csv\n'
long=$(printf 'x%.0s' $(seq 1 400))
bad_ini long_line "csvchart: long_line.ini:2: line is 409 bytes long; the INI reader takes at most 198 (continue a long value on indented lines)" \
    "[a]\ntitle = $long\n"

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
