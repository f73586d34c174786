# Standard descriptors closed when csvchart starts: it opens /dev/null on each (src/cli/main.c),
# so no output file is ever given descriptor 0, 1 or 2 - where a library writing to stderr
# would write into an image being written (a warning behind a PNG's IEND). A closed standard
# output fails only a command that writes to it.
. "$(dirname "$0")/lib/common.bash"

printf 'name,value\nA,1\nB,2\n' > ok.csv
"$BIN" bar ok.csv -o ref.png --size 320x180 2>stderr.txt ||
    { echo "FAIL - cannot render the reference image: $(cat stderr.txt)"; exit 1; }

# Outputs written with standard output closed: success (it was "cannot write to standard output").
"$BIN" bar ok.csv -o out.png --size 320x180 >&- 2>stderr.txt
status=$? stderr=$(cat stderr.txt)
expect_status 0 "bar with stdout closed"
expect_stderr "" "bar with stdout closed"
cmp -s out.png ref.png && pass "bar with stdout closed: output written" || fail "bar with stdout closed: output differs"
printf '[defaults]\nkind = bar\nsize = 320x180\n[a]\ndata = ok.csv\n' > f.ini
mkdir -p o
"$BIN" render f.ini --out-dir o >&- 2>stderr.txt
status=$? stderr=$(cat stderr.txt)
expect_status 0 "render with stdout closed"
expect_stderr "csvchart: rendered 1" "render with stdout closed"

# A command that writes to standard output fails when it is closed, before writing anything.
for args in "bar ok.csv -o - --format svg" "bar ok.csv -o - -o side.png --format svg" "inspect ok.csv" \
    "render f.ini --list" "render f.ini --make-rules" "--version"; do
    # shellcheck disable=SC2086
    "$BIN" $args >&- 2>stderr.txt
    status=$? stderr=$(cat stderr.txt)
    expect_status 1 "$args, stdout closed"
    expect_stderr "csvchart: cannot write to standard output: it is closed" "$args, stdout closed"
done
[ ! -e side.png ] && pass "-o - with stdout closed: no other output written either" || fail "side.png written"

# All three closed, and stderr alone: the output is the same image, and (under strace) the
# temporary file it was written through never had descriptor 0, 1 or 2.
for closed in "2>&-" "<&- >&- 2>&-"; do
    rm -f out.png
    bash -c "exec $closed; exec \"\$0\" bar ok.csv -o out.png --size 320x180" "$BIN"
    status=$?
    expect_status 0 "bar with $closed"
    cmp -s out.png ref.png && pass "bar with $closed: the same image" || fail "bar with $closed: the image differs"
done
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
    for closed in "2>&-" "<&- >&- 2>&-"; do
        rm -f out.png
        strace -f -qq -o trace.log -e trace=openat \
            bash -c "exec $closed; exec \"\$0\" bar ok.csv -o out.png --size 320x180" "$BIN"
        fd=$(sed -n 's/.*openat(AT_FDCWD, "\.out\.png\.[0-9]*\.[0-9]*\.tmp".* = \([0-9]*\)$/\1/p' trace.log)
        if [ -z "$fd" ]; then fail "$closed: no temporary file opened: $(tail -3 trace.log)"
        elif [ "$fd" -ge 3 ]; then pass "$closed: the temporary file got descriptor $fd"
        else fail "$closed: the temporary file got descriptor $fd"; fi
    done
else
    echo "note - strace missing or not permitted: descriptor numbers not checked"
fi

# Standard input closed: "-" reads nothing, and says so.
"$BIN" bar - -o in.png <&- 2>stderr.txt
status=$? stderr=$(cat stderr.txt)
expect_status 1 "stdin closed"
expect_stderr_has "<stdin>" "stdin closed"
finish
