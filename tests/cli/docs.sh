# The help and the manual page against the binary (issue 16). Both are written from one set of
# texts and the option table (src/cli/help.c; the page by tools/gen_man.c at build time), so:
# every example of `csvchart --help` runs as written from a copy of the source tree; every flag
# that `render --help` and the usage lines list is taken by the parser; every option's default
# and every choice the help lists are values the binary takes; the exit statuses are the ones
# it says; the man page has its sections (NAME ... FILES), every option, every example and the
# binary's version, and formats without a warning where groff is installed. (What the INI
# FORMAT section says is run by tests/cli/render.sh.)
. "$(dirname "$0")/lib/common.bash"
man=$(dirname "$BIN")/csvchart.1
work=$SCRATCH/work
mkdir -p "$work"
cp -r "$SRC/data" "$work/"
export PATH="$(dirname "$BIN"):$PATH"

run --help
expect_status 0 "--help"
cp stdout.txt help.txt
sed -n '/^Examples/,/^Exit status/p' help.txt | sed -n 's/^  \(csvchart .*\)/\1/p' > examples.txt
[ "$(wc -l < examples.txt)" -ge 5 ] && pass "--help has $(wc -l < examples.txt) examples" || fail "examples: $(cat examples.txt)"
while IFS= read -r cmd; do
    (cd "$work" && eval "$cmd") >ex.log 2>&1 && pass "example runs: $cmd" || fail "example: $cmd: $(tail -3 ex.log)"
    grep -qF -- "$(printf '%s' "$cmd" | sed 's/-/\\-/g')" "$man" && pass "the man page has it" || fail "man page lacks: $cmd"
done < examples.txt

# Every render flag listed is one the parser takes (a real, tiny batch; --watch stopped after 2 s).
run render --help
cp stdout.txt render-help.txt
printf 'k,v\nA,1\n' > "$work/t.csv"
printf '[t]\nkind = bar\ndata = t.csv\noutputs = t.scene\n' > "$work/t.ini"
flags=$(sed -n 's/^  \(--[a-z-]*\)\( \([A-Z/,]*\)\)\{0,1\} .*/\1 \3/p' render-help.txt)
[ "$(printf '%s\n' "$flags" | wc -l)" -ge 9 ] && pass "render --help lists $(printf '%s\n' "$flags" | wc -l) flags" || fail "render flags: $flags"
printf '%s\n' "$flags" | while read -r flag arg; do
    case $arg in DIR) val=o ;; N) val=2 ;; A,B) val=t ;; I/N) val=1/1 ;; FILE) val=o/x.d ;; *) val= ;; esac
    [ "$flag" = --html ] && val=o/index.html
    (cd "$work" && timeout 2 csvchart render t.ini $flag $val >/dev/null 2>flag.err)
    rc=$?
    { [ $rc -eq 0 ] || { [ "$flag" = --watch ] && [ $rc -eq 124 ]; }; } &&
        echo "ok - render $flag${val:+ $val} is taken" || echo "FAIL - render $flag: exit $rc: $(cat "$work/flag.err")"
    grep -q -- "$flag" help.txt || echo "FAIL - the usage lines of --help lack $flag"
done > flags.log
cat flags.log
passed=$((passed + $(grep -c '^ok' flags.log)))
failed=$((failed + $(grep -c '^FAIL' flags.log)))

# Every option: in the man page; its default and each of its listed choices taken.
printf 'k,v\nA,1\nB,2\n' > t.csv
printf 'date,label\n2025-01,A\n2025-03,B\n' > e.csv
for kind in bar timeline; do
    run "$kind" --help
    data=t.csv
    [ $kind = timeline ] && data=e.csv
    sed -n 's/^  --\([a-z-]*\)\(\[=\([^]]*\)\]\| \([^ ]*\)\)\{0,1\}\(  (default: \(.*\))\)\{0,1\}$/\1\t\3\4\t\6/p' stdout.txt > opts.txt
    while IFS=$'\t' read -r name type def; do
        case $name in output | format) continue ;; esac
        grep -q "^\.B \\\\-\\\\-$(printf '%s' "$name" | sed 's/-/\\\\-/g')$" "$man" || fail "man page lacks --$name"
        if [ -n "$def" ]; then
            "$BIN" "$kind" "$data" -o t.scene "--$name=$def" >/dev/null 2>err.txt ||
                fail "$kind --$name=$def (its default, says --help): $(cat err.txt)"
        fi
        case $type in *'|'*)
            for choice in $(printf '%s' "$type" | tr '|' ' '); do
                case $choice in BOOL | A,B) continue ;; esac
                "$BIN" "$kind" "$data" -o t.scene "--$name=$choice" >/dev/null 2>err.txt
                [ $? -ne 2 ] && ! grep -q 'is not one of\|is not a' err.txt ||
                    fail "$kind --$name=$choice (a choice --help lists): $(cat err.txt)"
            done
        esac
        pass "$kind --$name: in the man page, default ${def:-none} and choices taken"
    done < opts.txt
done

# What ratio_label's help says of the rounding: one decimal below 10, whole from 10.
grep -q '(12.5 is 13, 857)' help.txt stdout.txt 2>/dev/null || "$BIN" bar --help | grep -q '12.5 is 13' ||
    fail "ratio_label's help no longer states the rounding this test checks"
for case in '12.5 13x' '5.24 5.2x'; do
    printf 'k,v\nA,1\nB,%s\n' "${case% *}" > r.csv
    "$BIN" bar r.csv -o - --format scene --ratio | grep -q "\"${case#* }\"" &&
        pass "ratio ${case% *} is drawn ${case#* }, as the help says" || fail "ratio ${case% *} not drawn ${case#* }"
done

# The exit statuses it states.
run bar t.csv -o t.png
expect_status 0 "exit status 0 on success"
run bar missing.csv -o t.png
expect_status 1 "exit status 1 on bad input"
run bar t.csv -o t.png --no-such-option
expect_status 2 "exit status 2 on a usage error"
grep -q '^  2 *usage' help.txt && pass "--help states exit status 2" || fail "--help lacks the exit statuses"

# The man page: sections, version, formatting.
[ -f "$man" ] && pass "the man page is built ($man)" || { fail "no man page"; finish; }
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS 'INI FORMAT' EXAMPLES 'EXIT STATUS' FILES; do
    grep -qx "\.SH $section" "$man" && pass "man page section $section" || fail "man page lacks section $section"
done
version=$("$BIN" --version | cut -d' ' -f2)
grep -q "^\.TH CSVCHART 1 \"\" \"csvchart $version\"" "$man" && pass "man page of version $version" || fail "man page version: $(grep '^\.TH' "$man")"
if command -v groff >/dev/null; then
    groff -man -Tutf8 -ww -z "$man" 2>groff.log && [ ! -s groff.log ] && pass "groff formats it without a warning" ||
        fail "groff: $(head -5 groff.log)"
else
    echo "note - groff missing: formatting not checked"
fi
finish
