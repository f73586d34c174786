# Output safety when the process dies in the middle of writing (INTERFACE.md, "Errors, exit
# status, safety"): strace injects a SIGKILL into csvchart at the rename(2) that publishes an
# output, or at the write(2) that fills its temporary file, for `csvchart bar` and for
# `csvchart render`. Every output must then be either the previous file, byte for byte, or
# the complete new one - never a partial or empty file.
#
# What a killed run leaves: csvchart_write_file() (src/figure.c) writes each output into a
# hidden temporary file beside it, ".NAME.PID.N.tmp", then renames it over NAME. SIGKILL cannot
# be caught, so a run killed between the two leaves that temporary file behind (complete when
# killed at the rename, partial or empty when killed while writing). That is the expected,
# documented outcome checked here: the leftover is hidden (starts with '.'), is never NAME
# itself, and the next successful run is unaffected by it. Skips (77) without strace or when
# ptrace is not permitted.
. "$(dirname "$0")/lib/common.bash"

if ! command -v strace >/dev/null; then
    echo "SKIP: strace is needed (Debian: apt-get install strace)"
    exit 77
fi
if ! strace -f -o /dev/null true 2>/dev/null; then
    echo "SKIP: strace cannot trace here (ptrace not permitted)"
    exit 77
fi

printf 'name,value\nA,1\nB,2\n' > old.csv
printf 'name,value\nA,3\nB,1\nC,2\n' > new.csv
ARGS="--size 320x180"
# shellcheck disable=SC2086
"$BIN" bar old.csv -o ref-old.png -o ref-old.svg $ARGS 2>stderr.txt &&
    "$BIN" bar new.csv -o ref-new.png -o ref-new.svg $ARGS 2>>stderr.txt
if [ $? -ne 0 ] || cmp -s ref-old.png ref-new.png; then
    echo "FAIL - cannot render the reference images: $(cat stderr.txt)"
    exit 1
fi

RENAMES=rename,renameat,renameat2

# traced WHAT STRACE-OPTIONS... -- COMMAND...: runs COMMAND under strace (log: trace.log) and
# checks that it was killed by the injected SIGKILL. `csvchart bar` writes its outputs from the
# main thread, which is all strace follows unless given -f (`render` writes from its workers).
traced() {
    local what=$1
    shift
    # In the background and waited for, so that bash does not print "Killed".
    strace -y -qq -o trace.log "$@" >stdout.txt 2>stderr.txt &
    { wait $!; } 2>/dev/null
    status=$?
    if grep -q 'killed by SIGKILL' trace.log; then pass "$what: killed"
    elif [ "${optional_kill:-}" ]; then pass "$what: ran to the end (the write count was past it)"
    else fail "$what: not killed (exit $status): $(tail -3 trace.log)"; fi
}

# same FILE REF WHAT: FILE is byte-identical to REF
same() {
    if cmp -s "$1" "$2"; then pass "$3"; else fail "$3 ($1 differs from $2)"; fi
}

# leftovers DIR NAME: the temporary files a killed run left for output NAME, if any, are
# hidden ones of the documented form; prints how many.
leftovers() {
    local dir=$1 name=$2 n=0 f
    for f in "$dir"/.*.tmp; do
        [ -e "$f" ] || continue
        case ${f##*/} in
        ."$name".*.tmp) n=$((n + 1)) ;;
        *) fail "unexpected temporary file $f" ;;
        esac
    done
    echo "$n"
}

# 1. bar, killed at the rename: the old image stays; the complete temporary file is left.
cp ref-old.png existing.png
# shellcheck disable=SC2086
traced "bar killed at rename" -e trace=$RENAMES -e inject=$RENAMES:signal=SIGKILL \
    -- "$BIN" bar new.csv -o existing.png $ARGS
same existing.png ref-old.png "bar killed at rename: existing.png unchanged"
n=$(leftovers . existing.png)
if [ "$n" -le 1 ]; then pass "bar killed at rename: $n hidden temporary file left"; else
    fail "bar killed at rename: $n temporary files"; fi
for f in .existing.png.*.tmp; do
    [ -e "$f" ] && same "$f" ref-new.png "bar killed at rename: the leftover is the complete image"
done

# The next run replaces the image and does not trip over the leftover.
# shellcheck disable=SC2086
run bar new.csv -o existing.png $ARGS
expect_status 0 "run after a killed one"
same existing.png ref-new.png "run after a killed one: new image written"
rm -f .existing.png.*.tmp

# 2. bar, killed at the write(2) into the temporary file. A dry run finds which write of the
#    main thread that is (fontconfig may write its cache first); when the count shifts between
#    runs (under valgrind, whose scheduler writes to a pipe), the neighbouring counts are tried
#    too. After every attempt existing.png is the old image or the complete new one (an attempt
#    that kills later than the rename); one attempt must hit the temporary file.
# shellcheck disable=SC2086
strace -y -qq -o dry.log -e trace=write "$BIN" bar new.csv -o dry.png $ARGS 2>/dev/null
k=$(grep -n '^write(' dry.log | grep '\.dry\.png\.[0-9]*\.[0-9]*\.tmp>' | head -1 | cut -d: -f1)
k=$(head -n "${k:-0}" dry.log | grep -c '^write(')
rm -f dry.png
hit=""
if [ "$k" -ge 1 ]; then
    for d in 0 1 -1 2 -2 3 -3 4 -4 5 -5 6 -6 7 -7 8 -8 9 -9 10 -10 11 -11 12 -12; do
        when=$((k + d))
        [ "$when" -ge 1 ] || continue
        cp ref-old.png existing.png
        # shellcheck disable=SC2086
        optional_kill=1 traced "bar killed at write $when" -e trace=write \
            -e inject=write:signal=SIGKILL:when=$when -- "$BIN" bar new.csv -o existing.png $ARGS
        if cmp -s existing.png ref-old.png || cmp -s existing.png ref-new.png; then
            pass "bar killed at write $when: existing.png old or complete"
        else
            fail "bar killed at write $when: existing.png is neither the old nor the new image"
        fi
        n=$(leftovers . existing.png)
        [ "$n" -le 1 ] && pass "bar killed at write $when: $n hidden temporary file left" ||
            fail "bar killed at write $when: $n temporary files"
        rm -f .existing.png.*.tmp
        if grep 'killed by SIGKILL' -B1 trace.log | grep -q '\.existing\.png\.[0-9.]*tmp>'; then
            hit=$when
            same existing.png ref-old.png "bar killed while writing: existing.png unchanged"
            break
        fi
    done
    if [ -n "$hit" ]; then
        pass "bar killed while writing: killed in the write to the temporary file (write $hit)"
    elif [ "$(head -c 4 "$BIN" | od -An -tx1 | tr -d ' \n')" != 7f454c46 ]; then
        # $BIN is a wrapper (scripts/valgrind.sh): valgrind's scheduler adds a varying number
        # of writes, so no count is sure to land on ours. The checks above still held.
        echo "note - bar killed while writing: no attempt hit the temporary file (wrapped \$BIN)"
    else
        fail "bar killed while writing: no attempt hit the write to the temporary file"
    fi
else
    fail "dry run: no write to a temporary file seen"
fi

# 3. Two outputs, killed at the second rename: the first is the complete new image, the second
#    the old one.
cp ref-old.png existing.png
cp ref-old.svg existing.svg
# shellcheck disable=SC2086
traced "bar killed at the second rename" -e trace=$RENAMES \
    -e inject=$RENAMES:signal=SIGKILL:when=2 -- "$BIN" bar new.csv -o existing.png \
    -o existing.svg $ARGS
same existing.png ref-new.png "killed at the second rename: first output complete and new"
same existing.svg ref-old.svg "killed at the second rename: second output unchanged"
rm -f .existing.*.tmp

# 4. render: two figures into an existing out/, killed at the first rename, then at the first
#    write into a temporary file (whichever thread makes it).
mkdir -p out
cat > figs.ini <<EOF
[defaults]
kind = bar
size = 320x180
[one]
data = new.csv
outputs = one.png one.svg
[two]
data = new.csv
outputs = two.png
EOF
reset_out() {
    cp ref-old.png out/one.png
    cp ref-old.svg out/one.svg
    cp ref-old.png out/two.png
    rm -f out/.*.tmp
}
reset_out
traced "render killed at rename" -f -e trace=$RENAMES -e inject=$RENAMES:signal=SIGKILL \
    -- "$BIN" render figs.ini --out-dir out
same out/one.png ref-old.png "render killed at rename: one.png unchanged"
same out/one.svg ref-old.svg "render killed at rename: one.svg unchanged"
same out/two.png ref-old.png "render killed at rename: two.png unchanged"

reset_out
strace -f -y -qq -o dry.log -e trace=write "$BIN" render figs.ini --out-dir out 2>/dev/null
reset_out
if grep -q 'write([0-9]*<[^>]*/out/\.[a-z]*\.[a-z]*\.[0-9.]*tmp>' dry.log; then
    # Every thread counts its own calls: kill at the first write of any of them that writes to
    # a temporary file (with two figures, at least one of the two gets killed mid-output).
    traced "render killed while writing" -f -e trace=write -e inject=write:signal=SIGKILL:when=1 \
        -- "$BIN" render figs.ini --out-dir out
    for f in one.png two.png; do
        if cmp -s "out/$f" ref-old.png || cmp -s "out/$f" ref-new.png; then
            pass "render killed while writing: $f old or complete"
        else
            fail "render killed while writing: $f is neither the old nor the new image"
        fi
    done
    if cmp -s out/one.svg ref-old.svg || cmp -s out/one.svg ref-new.svg; then
        pass "render killed while writing: one.svg old or complete"
    else
        fail "render killed while writing: one.svg is neither the old nor the new image"
    fi
else
    fail "render dry run: no write to a temporary file seen"
fi

# After all that, a plain run renders everything and leaves no temporary file of its own.
reset_out
run render figs.ini --out-dir out
expect_status 0 "render after killed runs"
same out/one.png ref-new.png "render after killed runs: one.png new"
same out/two.png ref-new.png "render after killed runs: two.png new"
if [ -z "$(find . -name '*.tmp')" ]; then pass "a successful run leaves no temporary file"; else
    fail "temporary files after a successful run: $(find . -name '*.tmp')"; fi

# Durable before named: every temporary file is synced (fdatasync) before the rename that puts
# it in place, in a batch whose committer syncs its queued files as a group (src/cli/commit.c)
# and in one figure's outputs.
reset_out
strace -f -y -qq -o sync.log -e trace=fdatasync,rename "$BIN" render figs.ini --out-dir out \
    --jobs 2 >/dev/null 2>&1
strace -f -y -qq -o sync1.log -e trace=fdatasync,rename "$BIN" bar new.csv -o out/a.png \
    -o out/a.svg $ARGS >/dev/null 2>&1
for log in sync.log sync1.log; do
    renames=$(grep -c 'rename("' "$log")
    unsynced=$(awk '/fdatasync\(/ { if (match($0, /<[^>]*\.tmp>/)) synced[substr($0, RSTART + 1, RLENGTH - 2)] = 1 }
        /rename\("/ { split($0, q, "\""); n = split(q[2], parts, "/"); name = parts[n]
            found = 0; for (f in synced) { m = split(f, fp, "/"); if (fp[m] == name) found = 1 }
            if (!found) print q[2] }' "$log")
    if [ "$renames" -gt 0 ] && [ -z "$unsynced" ]; then
        pass "$log: $renames outputs, each synced before its rename"
    else
        fail "$log: renamed before a sync ($renames renames): $unsynced"
    fi
done
finish
