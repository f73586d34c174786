# SIGTERM, SIGINT and SIGHUP while an output is being written: the temporary file beside it
# (".NAME.PID.N.tmp", see atomic.sh) is removed, the existing output is untouched, and the
# process still ends by that signal (src/cli/temps.c). strace delivers the signal at the
# fdatasync(2) of the temporary file - complete, not yet renamed - in `csvchart bar` and in
# `csvchart render` (from the committer thread). A signal ignored when csvchart starts stays ignored. Skips (77) without
# strace or when ptrace is not permitted.
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
"$BIN" bar old.csv -o ref-old.png --size 320x180 2>stderr.txt ||
    { echo "FAIL - cannot render the reference image: $(cat stderr.txt)"; exit 1; }

# signalled SIG WHAT COMMAND...: runs COMMAND under strace, SIG delivered at the first fdatasync of
# any thread; checks that the fdatasync was of a temporary file and that the process died of SIG.
signalled() {
    local sig=$1 what=$2
    shift 2
    # In the foreground (a background job would start with SIGINT ignored), with the shell's
    # "Terminated" report sent to /dev/null.
    { strace -f -y -qq -o trace.log -e trace=fdatasync,unlink,rename \
        -e inject=fdatasync:signal="$sig":when=1 "$@" >stdout.txt 2>stderr.txt; } 2>/dev/null
    if grep -q "fdatasync([0-9]*<.*\.tmp>" trace.log; then pass "$what: signalled while a temporary file was open"
    else fail "$what: no fdatasync of a temporary file: $(head -3 trace.log)"; fi
    if grep -q "+++ killed by $sig +++" trace.log; then pass "$what: ended by $sig"
    else fail "$what: not ended by $sig: $(tail -2 trace.log)"; fi
}

no_temporaries() { # WHAT
    local left
    left=$(find . -name '*.tmp')
    [ -z "$left" ] && pass "$1: no temporary file left" || { fail "$1: left $left"; find . -name '*.tmp' -delete; }
}

for sig in SIGTERM SIGINT SIGHUP; do
    cp ref-old.png existing.png
    signalled $sig "bar, $sig" "$BIN" bar new.csv -o existing.png --size 320x180
    no_temporaries "bar, $sig"
    cmp -s existing.png ref-old.png && pass "bar, $sig: existing output untouched" || fail "bar, $sig: existing output changed"
done

# render: the signal reaches the worker thread that is writing; every temporary file goes.
mkdir -p out
cat > figs.ini <<INI
[defaults]
kind = bar
size = 320x180
data = new.csv
[one]
outputs = one.png one.svg
[two]
outputs = two.png
[three]
outputs = three.svg
INI
signalled SIGTERM "render, SIGTERM" "$BIN" render figs.ini --out-dir out --jobs 3
no_temporaries "render, SIGTERM"

# A signal ignored when csvchart starts (nohup, a background job's SIGINT) stays ignored.
(
    trap '' TERM
    # this run ends normally: LeakSanitizer (ASan builds) cannot work under ptrace
    export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
    strace -f -qq -o trace.log -e trace=fdatasync -e inject=fdatasync:signal=SIGTERM:when=1 \
        "$BIN" bar new.csv -o ignored.png --size 320x180 >stdout.txt 2>stderr.txt
)
status=$? stderr=$(cat stderr.txt)
expect_status 0 "SIGTERM ignored at start"
[ -f ignored.png ] && pass "SIGTERM ignored at start: output written" || fail "SIGTERM ignored at start: no output"
no_temporaries "SIGTERM ignored at start"
finish
