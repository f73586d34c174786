#!/bin/bash
# scripts/check-format.sh [--fix] - checks that the C sources follow .clang-format (clang-format
# 14, Debian's clang-format package): src/, include/, tests/ and bench/. Prints each file that
# differs and the first lines of its diff; exits 1 when any does, 77 without clang-format (a
# skip under ctest). --fix rewrites the files in place instead.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
fmt=$(command -v clang-format-14 || command -v clang-format) || {
    echo "check-format.sh: clang-format is not installed (Debian: apt-get install clang-format)"
    exit 77
}
files=$(git ls-files 'src/*.[ch]' 'include/*.h' 'tests/*.[ch]' 'bench/*.[ch]' 2>/dev/null ||
    find src include tests bench -name '*.[ch]')
if [ "${1:-}" = --fix ]; then
    printf '%s\n' $files | xargs "$fmt" -i
    exit 0
fi
status=0
for f in $files; do
    if ! "$fmt" "$f" | diff -u "$f" - >/tmp/check-format.$$ 2>&1; then
        echo "$f differs from .clang-format:"
        head -20 /tmp/check-format.$$ | sed 's/^/    /'
        status=1
    fi
done
rm -f /tmp/check-format.$$
[ $status -eq 0 ] && echo "check-format.sh: $(echo $files | wc -w) files follow .clang-format"
exit $status
