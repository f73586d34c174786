# Docs that run (issue 16): every ```sh block of the README runs as written, from a copy of
# what the repository ships (data/, examples/, out/), with this build's csvchart first on the
# PATH - except blocks marked `<!-- readme-test: skip (why) -->`, which are listed with their
# reason; every data/ or examples/ file the blocks name is shipped; each `$ command` of a
# ```console block prints what the README shows, and the size a refusal names makes the same
# command succeed. Also: the README documents every option of the table, the two quick-start
# commands exist, and the pictures it shows are in the repository.
. "$(dirname "$0")/lib/common.bash"

readme=$SRC/README.md
run bar --help
cp stdout.txt help.txt
run timeline --help
cat stdout.txt >> help.txt
run trend --help
cat stdout.txt >> help.txt
names=$(sed -n 's/^  --\([a-z-]*\).*/\1/p' help.txt | tr '-' '_' | sort -u)
for n in $names; do
    case "$n" in
    output | format) continue ;;
    alt_text) # a flag, not an option: the README names it as written
        grep -q -- "--alt-text" "$readme" && pass "README documents --alt-text" || fail "README lacks --alt-text"
        continue ;;
    esac
    grep -q "\`$n\`" "$readme" && pass "README documents $n" || fail "README lacks option $n"
done
grep -q '^scripts/setup.sh$' "$readme" && pass "quick start: setup" || fail "quick start: setup command missing"
grep -q '^cmake --build build -j && ctest --test-dir build --output-on-failure$' "$readme" &&
    pass "quick start: tests" || fail "quick start: test command missing"
for img in $(sed -n 's/.*](\(doc\/[^)]*\)).*/\1/p' "$readme"); do
    [ -f "$SRC/$img" ] && pass "picture $img exists" || fail "picture $img missing"
done

# The blocks: blocks/N.sh (to run), blocks/N.skip (the reason), blocks/N.console.
mkdir -p blocks
awk -v dir=blocks '
    /^<!-- readme-test: skip/ { reason = $0; sub(/^<!-- readme-test: skip \(?/, "", reason); sub(/\)? *-->$/, "", reason); next }
    /^```/ && !on { on = 1; lang = substr($0, 4); n++; line = NR
                    file = dir "/" n "." (lang == "sh" ? (reason != "" ? "skip" : "sh") : lang == "console" ? "console" : "other")
                    if (reason != "") { print "line " line ": " reason > file }
                    else { printf "" > file }
                    reason = ""; next }
    /^```/ && on { on = 0; close(file); next }
    on { if (file !~ /skip$/) print > file; next }
    /[^ ]/ { reason = "" }
' "$readme"
ran=0
for f in blocks/*.skip; do
    [ -e "$f" ] || continue
    echo "note - block ${f#blocks/} skipped: $(cat "$f")"
done

# What the repository ships, for the blocks to run on.
[ -f "$SRC/out/.gitkeep" ] && pass "out/ is shipped (out/.gitkeep)" || fail "out/ is not in the repository"
work=$SCRATCH/work
mkdir -p "$work/out"
cp -r "$SRC/data" "$SRC/examples" "$work/"
export PATH="$(dirname "$BIN"):$PATH"
for f in $(ls blocks/*.sh 2>/dev/null | sort -t/ -k2 -n); do
    # every data/ or examples/ path it names is shipped
    for p in $(grep -o '\(data\|examples\)/[A-Za-z0-9._@-]*' "$f" | sort -u); do
        [ -e "$SRC/$p" ] && pass "shipped: $p" || fail "block ${f#blocks/} names $p, which is not in the repository"
    done
    while IFS= read -r cmd; do
        case "$cmd" in '' | '#'*) continue ;; esac
        echo "    \$ $cmd"
    done < "$f"
    (cd "$work" && bash -euo pipefail "$SCRATCH/$f") >"$f.log" 2>&1 &&
        pass "README block ${f#blocks/} runs ($(grep -c '^csvchart\|^cat ' "$f") commands)" ||
        fail "README block ${f#blocks/}: $(tail -5 "$f.log")"
    ran=$((ran + 1))
done
[ "$ran" -ge 3 ] && pass "$ran sh blocks ran" || fail "only $ran sh blocks ran"

# Console blocks: "$ command" then what it prints (stderr and stdout).
for f in blocks/*.console; do
    [ -e "$f" ] || continue
    cmd=$(sed -n 's/^\$ //p' "$f" | head -1)
    want=$(sed '0,/^\$ /d' "$f")
    got=$(cd "$work" && bash -c "$cmd" 2>&1)
    norm() { sed -E 's/use size [0-9]+x[0-9]+/use size WxH/'; }
    [ "$(printf '%s\n' "$got" | norm)" = "$(printf '%s\n' "$want" | norm)" ] &&
        pass "console: $cmd prints what the README shows" ||
        { fail "console: $cmd"; echo "    got:      $got"; echo "    README:   $want"; }
    [ "$got" = "$want" ] || echo "note - the size named differs from the README's: $got"
    size=$(printf '%s\n' "$got" | sed -nE 's/.*use size ([0-9]+x[0-9]+).*/\1/p')
    if [ -n "$size" ]; then
        (cd "$work" && bash -c "$cmd" | true) >/dev/null 2>&1
        (cd "$work" && eval "$(printf '%s' "$cmd" | sed "s/--size [a-z0-9-]*/--size $size/")") >fit.log 2>&1 &&
            pass "console: the same command at the size named ($size) succeeds" ||
            fail "console: at $size: $(cat fit.log)"
    fi
done
finish
