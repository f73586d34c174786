# Scale-out with --shard I/N (issue 16): for N from 1 to 7 the shards of a 40-figure set are
# disjoint and together hold every figure (--list). Then the CI examples, as written: the
# render line of examples/github-actions.yml for each value of its matrix and the script line
# of examples/gitlab-ci.yml for each CI_NODE_INDEX of its `parallel:` - each shard on a
# "machine" of its own (a fresh copy of the project): the outputs of the shards are disjoint,
# their union is every output, and each shard's depfile is valid - make reads it, it names
# exactly that shard's outputs, every one up to date after the render and out of date once its
# CSV changes.
. "$(dirname "$0")/lib/common.bash"
command -v make >/dev/null || { echo "make missing"; exit 77; }
export PATH="$(dirname "$BIN"):$PATH" # the examples call csvchart by name

# A project with 40 figures over 8 CSV files, some with several outputs.
mkdir -p project/data
for c in 1 2 3 4 5 6 7 8; do printf 'k,v\nA,%d\nB,%d\n' "$c" $((c + 3)) > "project/data/c$c.csv"; done
{
    printf '[defaults]\nkind = bar\nsize = 400x300\n'
    for i in $(seq 1 40); do
        printf '[fig%d]\ndata = c%d.csv\n' "$i" $((i % 8 + 1))
        [ $((i % 3)) -eq 0 ] && printf 'outputs = fig%d.svg fig%d.png\n' "$i" "$i"
    done
} > project/data/figures.ini
(cd project && "$BIN" render data/figures.ini --out-dir figures --list | cut -f3- | tr '\t' '\n' | sort) > all.txt
[ "$(wc -l < all.txt)" -eq 53 ] && pass "40 figures, 53 outputs" || fail "outputs: $(wc -l < all.txt)"

# --list: disjoint shares, whole union, for several N.
for n in 1 2 3 4 5 7; do
    : > union.txt
    for i in $(seq 1 $n); do
        (cd project && "$BIN" render data/figures.ini --out-dir figures --list --shard "$i/$n") | cut -f1 >> union.txt
    done
    [ "$(sort union.txt | uniq -d | wc -l)" -eq 0 ] && [ "$(sort -u union.txt | wc -l)" -eq 40 ] &&
        pass "--shard I/$n: disjoint, 40 figures in all" || fail "--shard I/$n: $(sort union.txt | uniq -c | sort -rn | head -3)"
done

# shard_check LABEL N COMMAND-FOR-SHARD...: runs the command for I = 1..N, each in a fresh
# copy of the project, then checks the outputs and the depfiles.
shard_check() {
    local label=$1 n=$2 i
    shift 2
    : > union.txt
    for i in $(seq 1 "$n"); do
        rm -rf "m$i" && cp -r project "m$i"
        (cd "m$i" && I=$i N=$n bash -c "$1") >"m$i.log" 2>&1 ||
            { fail "$label, shard $i/$n: $(cat "m$i.log")"; continue; }
        (cd "m$i" && find figures -type f ! -name '*.d' | sort) > "out$i.txt"
        cat "out$i.txt" >> union.txt
        local dep="m$i/figures/shard-$i.d"
        [ -f "$dep" ] || { fail "$label, shard $i: no depfile"; continue; }
        # the depfile names exactly this shard's outputs, each depending on the INI and a CSV
        sed 's/:.*//' "$dep" | tr ' ' '\n' | grep . | sort > "dep$i.txt"
        cmp -s "dep$i.txt" "out$i.txt" && pass "$label, shard $i/$n: the depfile names its $(wc -l < "out$i.txt") outputs" ||
            fail "$label, shard $i/$n: depfile targets differ: $(diff "dep$i.txt" "out$i.txt" | head -5)"
        grep -qv ': data/figures.ini data/c[1-8].csv$' "$dep" &&
            fail "$label, shard $i: a rule without the INI and its CSV: $(grep -v ': data/figures.ini data/' "$dep" | head -2)"
        # make reads it: all up to date now; out of date after the CSV of its first rule changes
        printf 'include figures/shard-%d.d\n%%:: ; @:\n' "$i" > "m$i/M"
        local first csv stale=0 fresh=0 t
        first=$(head -1 "$dep" | cut -d' ' -f1 | sed 's/:$//')
        csv=$(head -1 "$dep" | sed 's/.* //')
        for t in $(cat "out$i.txt"); do
            (cd "m$i" && make -q -f M "$t") || stale=$((stale + 1))
        done
        [ "$stale" -eq 0 ] && pass "$label, shard $i/$n: make finds every output up to date" ||
            fail "$label, shard $i/$n: $stale outputs out of date after the render"
        find "m$i" -type f -exec touch -d '-2 minutes' {} +
        touch "m$i/$csv"
        (cd "m$i" && make -q -f M "$first") && fail "$label, shard $i/$n: $first not out of date after $csv changed" ||
            pass "$label, shard $i/$n: $first out of date after $csv changed"
    done
    [ "$(sort union.txt | uniq -d | wc -l)" -eq 0 ] && pass "$label: the shards' outputs are disjoint" ||
        fail "$label: rendered twice: $(sort union.txt | uniq -d | head -3)"
    sort -u union.txt | cmp -s - all.txt && pass "$label: their union is every output (53)" ||
        fail "$label: union differs: $(sort -u union.txt | diff - all.txt | head -5)"
}

# GitHub Actions: the render step's line, ${{ matrix.shard }} for each value of the matrix.
gh=$SRC/examples/github-actions.yml
gh_cmd=$(grep -m1 '^ *csvchart render' "$gh" | sed 's/^ *//')
gh_n=$(sed -n 's/^ *shard: \[\(.*\)\]$/\1/p' "$gh" | tr -d ' ' | tr ',' '\n' | wc -l)
[ -n "$gh_cmd" ] && [ "$gh_n" -ge 2 ] && pass "GitHub example: $gh_n shards: $gh_cmd" || fail "GitHub example not found"
shard_check "GitHub matrix" "$gh_n" "$(printf '%s' "$gh_cmd" | sed 's/\${{ matrix.shard }}/$I/g')"

# GitLab: the script line, with CI_NODE_INDEX and CI_NODE_TOTAL as GitLab sets them.
gl=$SRC/examples/gitlab-ci.yml
gl_cmd=$(grep -m1 '^ *- csvchart render' "$gl" | sed 's/^ *- //')
gl_n=$(sed -n 's/^ *parallel: *\([0-9]*\)$/\1/p' "$gl")
[ -n "$gl_cmd" ] && [ "${gl_n:-0}" -ge 2 ] && pass "GitLab example: parallel: $gl_n: $gl_cmd" || fail "GitLab example not found"
shard_check "GitLab parallel" "$gl_n" "CI_NODE_INDEX=\$I CI_NODE_TOTAL=\$N; $gl_cmd"

# The examples are YAML (when a YAML parser is at hand).
if python3 -c 'import yaml' 2>/dev/null; then
    for f in "$gh" "$gl"; do
        python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$f" && pass "$(basename "$f") is YAML" ||
            fail "$(basename "$f") is not YAML"
    done
fi
finish
