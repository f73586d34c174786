# The README documents every option of the table, the two quick-start commands exist, and the
# pictures it shows are in the repository.
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
    case "$n" in output | format) continue ;; esac
    grep -q "\`$n\`" "$readme" && pass "README documents $n" || fail "README lacks option $n"
done
grep -q '^scripts/setup.sh$' "$readme" && pass "quick start: setup" || fail "quick start: setup command missing"
grep -q '^cmake --build build -j && ctest --test-dir build --output-on-failure$' "$readme" &&
    pass "quick start: tests" || fail "quick start: test command missing"
for img in $(sed -n 's/.*](\(doc\/[^)]*\)).*/\1/p' "$readme"); do
    [ -f "$SRC/$img" ] && pass "picture $img exists" || fail "picture $img missing"
done
finish
