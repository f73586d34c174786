# The happy paths of the command: help, version, every output format, standard input and
# output, warnings for skipped rows, several outputs from one run.
. "$(dirname "$0")/lib/common.bash"

run --version
expect_status 0 "--version"
grep -q '^csvchart [0-9]' stdout.txt && pass "version line" || fail "version line: $(cat stdout.txt)"

run bar --help
expect_status 0 "bar --help"
for opt in title subtitle source note size scale dpi theme font palette delimiter x y group \
    stack horizontal sort aggregate labels value-format highlight; do
    grep -q -- "--$opt" stdout.txt && pass "help lists --$opt" || fail "help lacks --$opt"
done

printf 'model,price\nDeepSeek R1,$0.07\nOpenAI o1,$60.00\n' > p.csv
run bar p.csv -o p.png -o p.svg -o p.pdf -o p.scene
expect_status 0 "four outputs"
[ "$(head -c 8 p.png | od -An -tx1 | tr -d ' ')" = "89504e470d0a1a0a" ] && pass "PNG signature" || fail "PNG signature"
grep -q '<svg' p.svg && pass "SVG root" || fail "SVG root"
[ "$(head -c 5 p.pdf)" = "%PDF-" ] && pass "PDF header" || fail "PDF header"
grep -q '^text .*"\$60"' p.scene && pass "scene has the \$60 label" || fail "scene lacks \$60: $(grep text p.scene)"

run bar - -o - --format svg < p.csv
expect_status 0 "stdin to stdout"
cmp -s stdout.txt p.svg && pass "stdin/stdout SVG equals the file render" || fail "stdin/stdout SVG differs"

printf 'model,price\nA,1\nB,\nC,3\n' > gaps.csv
run bar gaps.csv -o gaps.png
expect_status 0 "missing value"
expect_stderr "csvchart: warning: gaps.csv:3: row skipped: no value for \"B\"" "missing value warning"

# --ratio takes a pair after it as --labels takes a word, once the data file is known (a review
# wrote --ratio "Agree,Disagree" after the file and was told of two data files); before it,
# the pair could be the data file, and the message says how to write either.
run bar p.csv -o pair.svg --ratio "OpenAI o1,DeepSeek R1"
expect_status 0 "--ratio A,B after the data file"
run bar p.csv -o pair-eq.svg --ratio="OpenAI o1,DeepSeek R1"
cmp -s pair.svg pair-eq.svg && pass "--ratio A,B as --ratio=A,B" || fail "--ratio A,B differs from --ratio=A,B"
run bar --ratio "OpenAI o1,DeepSeek R1" p.csv -o pair-first.svg
expect_status 2 "--ratio A,B before the data file"
expect_stderr_has 'or the pair for --ratio? Write --ratio=OpenAI o1,DeepSeek R1, or give the data file first' "--ratio A,B first"

run inspect p.csv
expect_status 0 "inspect"
grep -q 'price' stdout.txt && pass "inspect names the column" || fail "inspect output: $(cat stdout.txt)"

# A slide that holds the figure only in smaller type draws it so, and says so.
run timeline "$SRC/tests/data/timeline-five-labs.csv" --group group --end end --title "Five labs" \
    --size 1920x1080 -o slide.png
expect_status 0 "a slide in smaller type"
expect_stderr_has "fit 1920x1080 in smaller type: that of a" "a slide in smaller type is said"

finish
