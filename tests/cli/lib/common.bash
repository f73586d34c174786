# Shared by the tests/cli/*.sh scripts (ctest runs each as: bash SCRIPT BIN SOURCE_DIR SCRATCH).
# Each check prints "ok - what" or "FAIL - what" with the evidence; finish prints the
# "N passed, N failed" line and sets the exit status.
set -u
BIN=$1
SRC=$2
SCRATCH=$3
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
cd "$SCRATCH" || exit 1
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "FAIL - $*"; }

# run ARGS...: runs the binary, capturing stdout, stderr and the exit status.
run() {
    "$BIN" "$@" >stdout.txt 2>stderr.txt
    status=$?
    stderr=$(cat stderr.txt)
}

# expect_status N WHAT
expect_status() {
    if [ "$status" -eq "$1" ]; then pass "$2: exit $1"; else fail "$2: exit $status, expected $1; stderr: $stderr"; fi
}

# expect_stderr TEXT WHAT: stderr equals TEXT exactly
expect_stderr() {
    if [ "$stderr" = "$1" ]; then pass "$2: message"; else
        fail "$2: message"; echo "    got:      $stderr"; echo "    expected: $1"; fi
}

# expect_stderr_has TEXT WHAT: stderr contains TEXT
expect_stderr_has() {
    case "$stderr" in
    *"$1"*) pass "$2: message has '$1'" ;;
    *) fail "$2: message lacks '$1'"; echo "    got: $stderr" ;;
    esac
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}
