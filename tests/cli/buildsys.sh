# Build systems: examples/Makefile and the CMake module (with make and with Ninja) re-render
# only the figures whose CSV changed - also when names hold spaces, UTF-8 and other bytes
# make syntax allows; names that would become make or shell syntax (a CSV named
# "t.ini;>X;.csv", an INI named "m$(>X).ini") run no command: they are refused, and no file X
# appears. Then many generated names go through a depfile into real make and real Ninja:
# each output must depend on its CSV, exactly. (tests/unit/test_make_syntax.c checks the same
# against models of make, Ninja and CMake, over many more names.)
# Skips (77) without make or cmake; the Ninja parts are skipped without ninja.
. "$(dirname "$0")/lib/common.bash"
command -v make >/dev/null && command -v cmake >/dev/null || { echo "make or cmake missing"; exit 77; }
have_ninja=$(command -v ninja)
any_gen=${have_ninja:+Ninja}
any_gen=${any_gen:-Unix Makefiles} # Ninja when there is one

# setup_project DIR [CSV-A [CSV-B [FIG]]]: two CSVs, an INI with three figures (two share
# CSV-A). The figures are FIG (default fa), FIG2 and fb; the names default to a.csv, b.csv.
setup_project() {
    local dir=$1 a=${2:-a.csv} b=${3:-b.csv} fig=${4:-fa}
    mkdir -p "$dir/data"
    printf 'k,v\nA,1\nB,2\n' > "$dir/data/$a"
    printf 'k,v\nC,3\nD,4\n' > "$dir/data/$b"
    printf '[defaults]\nkind = bar\n[%s]\ndata = %s\noutputs = fa.png fa.svg\n[%s2]\ndata = %s\noutputs = fa2.png\n[fb]\ndata = %s\noutputs = fb.svg\n' \
        "$fig" "$a" "$fig" "$a" "$b" > "$dir/data/figures.ini"
}

# ago SECONDS PATH...: sets the modification time of files (and of every file under folders)
# SECONDS before now. Builds are checked on times set apart like this rather than by sleeping
# past the file system's clock.
ago() {
    local t=$(($(date +%s) - $1))
    shift
    find "$@" -type f -exec touch -h -d "@$t" {} +
}

# check_rebuild DIR OUTDIR LABEL CSV BUILD-COMMAND...: everything as if built a while ago, then
# CSV edited: only fa's and fa2's outputs are redone; then a no-op build renders nothing.
check_rebuild() {
    local dir=$1 out=$2 label=$3 csv=$4
    shift 4
    ago 200 "$dir"
    ago 100 "$out"
    touch "$SCRATCH/marker" "$dir/data/$csv" # newer than any build too (ninja's log has times)
    "$@" >build2.log 2>&1 || { fail "$label: rebuild failed: $(cat build2.log)"; return; }
    for f in fa.png fa.svg fa2.png; do
        [ "$out/$f" -nt "$SCRATCH/marker" ] && pass "$label: $f re-rendered" || fail "$label: $f not re-rendered"
    done
    [ "$out/fb.svg" -nt "$SCRATCH/marker" ] && fail "$label: fb.svg re-rendered needlessly" || pass "$label: fb.svg left alone"
    "$@" >build3.log 2>&1
    grep -q 'render' build3.log && fail "$label: a no-op build rendered: $(cat build3.log)" || pass "$label: no-op build renders nothing"
}

# make_build DIR OUT LABEL CSV: examples/Makefile renders all, then check_rebuild.
make_build() {
    local dir=$1 out=$2 label=$3 csv=$4
    make -C "$dir" -f "$SRC/examples/Makefile" CSVCHART="$BIN" INI=data/figures.ini OUT="$out" >build1.log 2>&1
    [ -f "$dir/$out/fa.png" ] && [ -f "$dir/$out/fa2.png" ] && [ -f "$dir/$out/fb.svg" ] &&
        pass "$label: first build renders all" || fail "$label: first build: $(cat build1.log)"
    check_rebuild "$dir" "$dir/$out" "$label" "$csv" make -C "$dir" -f "$SRC/examples/Makefile" \
        CSVCHART="$BIN" INI=data/figures.ini OUT="$out"
}

# cmake_build DIR GENERATOR LABEL CSV: csvchart_add_figures, configure, build, check_rebuild.
cmake_build() {
    local dir=$1 gen=$2 label=$3 csv=$4
    cat > "$dir/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.20)
project(figures NONE)
list(APPEND CMAKE_MODULE_PATH "$SRC/cmake")
include(csvchartFigures)
csvchart_add_figures(TARGET figures INI data/figures.ini OUT_DIR "out put" CSVCHART "$BIN" ALL)
CM
    cmake -G "$gen" -S "$dir" -B "$dir/build" >cmake.log 2>&1 || { fail "$label: configure: $(cat cmake.log)"; return; }
    cmake --build "$dir/build" >build1.log 2>&1
    [ -f "$dir/build/out put/fa.png" ] && [ -f "$dir/build/out put/fb.svg" ] && pass "$label: first build renders all" ||
        fail "$label: first build: $(cat build1.log)"
    check_rebuild "$dir" "$dir/build/out put" "$label" "$csv" cmake --build "$dir/build"
}

# 1. Plain names: make, CMake with make, CMake with Ninja.
setup_project mk
make_build mk out make a.csv
setup_project cm
cmake_build cm "Unix Makefiles" "cmake (make)" a.csv
if [ -n "$have_ninja" ]; then
    setup_project cn
    cmake_build cn Ninja "cmake (ninja)" a.csv
else
    echo "note - ninja missing: CMake with Ninja skipped"
fi

# 2. Names with spaces, UTF-8 and the other bytes make syntax allows, in the CSVs, the
#    folders and a figure: the same builds work, escaped.
odd_a='prix é,1+{x}!~ (v2).csv'
odd_b='b }@.csv'
setup_project "odd mk" "$odd_a" "$odd_b" 'é@x+1'
make_build "odd mk" out "make, odd names" "$odd_a" # (examples/Makefile's OUT holds no space)
setup_project "odd cm" "$odd_a" "$odd_b" 'é@x+1'
cmake_build "odd cm" "Unix Makefiles" "cmake (make), odd names" "$odd_a"
if [ -n "$have_ninja" ]; then
    setup_project "odd cn" "$odd_a" "$odd_b" 'é@x+1'
    cmake_build "odd cn" Ninja "cmake (ninja), odd names" "$odd_a"
fi

# 3. Hostile names run no command: each is refused with a message naming it, and no file X
#    appears anywhere (find . -name X).
no_x() { # LABEL
    local x
    x=$(find . -name X | head -3)
    [ -z "$x" ] && pass "$1: no command ran (no file X)" || { fail "$1: a command ran: $x"; find . -name X -delete; }
}
RULE='use only letters, digits, non-ASCII characters, spaces and . _ - + , @ ! { } / ( ) ~'

# a CSV named t.ini;>X;.csv (beside a t.ini), through examples/Makefile (--make-rules)
mkdir -p h1/data
printf 'k,v\nA,1\n' > 'h1/data/t.ini;>X;.csv'
touch h1/data/t.ini
printf '[defaults]\nkind = bar\n[a]\ndata = t.ini;>X;.csv\n' > h1/data/figures.ini
make -C h1 -f "$SRC/examples/Makefile" CSVCHART="$BIN" INI=data/figures.ini OUT=out >h1.log 2>&1
[ $? -ne 0 ] && pass "make, CSV t.ini;>X;.csv: the build fails" || fail "make, CSV t.ini;>X;.csv: the build succeeded"
grep -qF "csvchart: data/figures.ini:4:8: data \"data/t.ini;>X;.csv\" cannot be written into make rules (\";\"); $RULE (figure \"a\")" h1.log &&
    pass "make, CSV t.ini;>X;.csv: message" || fail "make, CSV t.ini;>X;.csv: message: $(cat h1.log)"
no_x "make, CSV t.ini;>X;.csv"

# the same CSV name for a depfile
(cd h1/data && "$BIN" render figures.ini --out-dir . --depfile deps.d >../../stdout.txt 2>../../stderr.txt)
status=$?
stderr=$(cat stderr.txt)
expect_status 1 "depfile, CSV t.ini;>X;.csv"
expect_stderr "csvchart: figures.ini:4:8: data \"t.ini;>X;.csv\" cannot be written into a depfile (\";\"); $RULE (figure \"a\")
csvchart: rendered 0, failed 1: a" "depfile, CSV t.ini;>X;.csv"

# a section [a;>X;b]: not a figure name
mkdir -p h2/data
printf 'k,v\nA,1\n' > h2/data/a.csv
printf '[defaults]\nkind = bar\n[a;>X;b]\ndata = a.csv\noutputs = a.png\n' > h2/data/figures.ini
make -C h2 -f "$SRC/examples/Makefile" CSVCHART="$BIN" INI=data/figures.ini OUT=out >h2.log 2>&1
grep -qF 'csvchart: data/figures.ini:3:1: figure name "a;>X;b" holds ";"; a figure name may hold letters, digits, non-ASCII characters and . _ - @ +' h2.log &&
    pass "make, section [a;>X;b]: refused" || fail "make, section [a;>X;b]: $(cat h2.log)"
no_x "make, section [a;>X;b]"

# an INI named m$(>X).ini: make rules, and the CMake module (refused at configure time)
mkdir -p h3/data
printf 'k,v\nA,1\n' > h3/data/a.csv
printf '[defaults]\nkind = bar\n[a]\ndata = a.csv\n' > 'h3/data/m$(>X).ini'
(cd h3/data && "$BIN" render 'm$(>X).ini' --make-rules >../../stdout.txt 2>../../stderr.txt)
status=$?
stderr=$(cat stderr.txt)
expect_status 1 'make rules, INI m$(>X).ini'
expect_stderr "csvchart: INI file \"m\$(>X).ini\" cannot be written into make rules (\"\$\"); $RULE" 'make rules, INI m$(>X).ini'
[ -s stdout.txt ] && fail 'make rules, INI m$(>X).ini: rules printed' || pass 'make rules, INI m$(>X).ini: no rules printed'
cat > h3/CMakeLists.txt <<CM
cmake_minimum_required(VERSION 3.20)
project(figures NONE)
list(APPEND CMAKE_MODULE_PATH "$SRC/cmake")
include(csvchartFigures)
csvchart_add_figures(TARGET figures INI "data/m\\\$(>X).ini" OUT_DIR out CSVCHART "$BIN" ALL)
CM
cmake -G "$any_gen" -S h3 -B h3/build >h3.log 2>&1
[ $? -ne 0 ] && tr -s ' \n' '  ' < h3.log | grep -qF 'cannot be written into make rules ("$")' &&
    pass 'cmake, INI m$(>X).ini: refused at configure time' || fail "cmake, INI m\$(>X).ini: $(cat h3.log)"
no_x 'INI m$(>X).ini'

# a CSV named $(shell touch X).csv through the CMake module, with make and with Ninja:
# refused at configure time (CMake would write it back into its depfile for make unescaped)
mkdir -p h4/data
printf 'k,v\nA,1\n' > 'h4/data/$(shell touch X).csv'
printf '[defaults]\nkind = bar\n[a]\ndata = $(shell touch X).csv\n' > h4/data/figures.ini
cat > h4/CMakeLists.txt <<CM
cmake_minimum_required(VERSION 3.20)
project(figures NONE)
list(APPEND CMAKE_MODULE_PATH "$SRC/cmake")
include(csvchartFigures)
csvchart_add_figures(TARGET figures INI data/figures.ini OUT_DIR out CSVCHART "$BIN" ALL)
CM
for gen in "Unix Makefiles" ${have_ninja:+Ninja}; do
    rm -rf h4/build
    if cmake -G "$gen" -S h4 -B h4/build >h4.log 2>&1; then
        fail "cmake ($gen), CSV \$(shell touch X).csv: configured"
        cmake --build h4/build >/dev/null 2>&1
        cmake --build h4/build >/dev/null 2>&1 # the depfile is read from the second build on
    else
        tr -s ' \n' '  ' < h4.log | grep -qF '.csv" cannot be written into make rules ("$")' &&
            pass "cmake ($gen), CSV \$(shell touch X).csv: refused at configure time" ||
            fail "cmake ($gen), CSV \$(shell touch X).csv: $(cat h4.log)"
    fi
    no_x "cmake ($gen), CSV \$(shell touch X).csv"
done

# the command's own path in the recipes of --make-rules is one shell word, whatever it holds
mkdir -p h6/data h6/out
printf 'k,v\nA,1\n' > h6/data/a.csv
printf '[defaults]\nkind = bar\n[a]\ndata = a.csv\n' > h6/data/figures.ini
ln -sf "$BIN" 'h6/c`touch X`$(touch X)c'
(cd h6 && './c`touch X`$(touch X)c' render data/figures.ini --out-dir out --make-rules >rules.mk 2>../h6.log &&
    make -f rules.mk >>../h6.log 2>&1) &&
    [ -f h6/out/a.png ] && pass "make rules: the command's own odd path runs as it is" ||
    fail "make rules, the command's own path: $(cat h6.log)"
no_x "make rules, the command's own path"

# Every other refused byte, in a depfile: one message each, nothing rendered.
mkdir -p h5/out
printf 'k,v\nA,1\n' > h5/a.csv
for name in 'a#b.png' 'a:b.png' 'a%b.png' 'a\b.png' 'a=b.png' 'a|b.png' 'a*b.png' 'a[1].png' \
    "a'b.png" 'a"b.png' 'a&b.png' 'a<b.png' 'a`b.png' 'a]b.png' 'data(1)'; do
    case $name in
    *'"'*) printf '[defaults]\nkind = bar\n[a]\ndata = a.csv\noutputs = "a""b.png"\n' > h5/f.ini ;; # INI quoting
    *.png) printf '[defaults]\nkind = bar\n[a]\ndata = a.csv\noutputs = %s\n' "$name" > h5/f.ini ;;
    *) cp h5/a.csv "h5/$name" && printf '[defaults]\nkind = bar\n[a]\ndata = %s\n' "$name" > h5/f.ini ;;
    esac
    (cd h5 && "$BIN" render f.ini --depfile out/d.d >../stdout.txt 2>../stderr.txt)
    status=$?
    stderr=$(cat stderr.txt)
    expect_status 1 "depfile, $name"
    expect_stderr_has "cannot be written into a depfile" "depfile, $name"
    [ -z "$(ls h5/out)" ] || [ "$(ls h5/out)" = d.d ] && pass "depfile, $name: nothing rendered" ||
        { fail "depfile, $name: $(ls h5/out)"; rm -f h5/out/*; }
done
no_x "refused bytes"

# 4. Generated names, many at once, through a depfile into real make and real Ninja: after a
#    build every output is up to date; touching one CSV makes exactly its figure's outputs out
#    of date.
mkdir -p gen
awk -v n=30 'BEGIN {
    srand(7);
    split("a b c x y z 0 1 9 . _ - + , @ ! { } ( ) ~ é 日", alpha, " ");
    alpha[length(alpha) + 1] = " ";
    for (i = 1; i <= n; i++) {
        name = "d";
        len = 1 + int(rand() * 10);
        for (k = 0; k < len; k++) name = name alpha[1 + int(rand() * length(alpha))];
        print name i;
    }
}' > gen/names.txt
{
    printf '[defaults]\nkind = bar\nsize = 200x120\n'
    i=0
    while IFS= read -r name; do
        i=$((i + 1))
        printf 'k,v\nA,%d\n' "$i" > "gen/$name.csv"
        printf '[g%d]\ndata = %s.csv\noutputs = g%d.svg g%d.scene\n' "$i" "$name" "$i" "$i"
    done < gen/names.txt
} > gen/g.ini
GOUT='o ut (gen)'
mkdir -p "gen/$GOUT"
(cd gen && "$BIN" render g.ini --out-dir "$GOUT" --depfile deps.d --jobs 2 >../stdout.txt 2>../stderr.txt) &&
    pass "generated names: rendered with a depfile" || fail "generated names: $(cat stderr.txt)"
printf 'include deps.d\n%%:: ; @:\n' > gen/M
ago 200 gen
ago 100 "gen/$GOUT"
up_to_date() { (cd gen && make -s -q -f M -- "$GOUT/$1" >/dev/null 2>&1); }
stale=0
for i in $(seq 1 30); do up_to_date "g$i.svg" || stale=$((stale + 1)); done
[ "$stale" -eq 0 ] && pass "make: every generated output up to date after the build" ||
    fail "make: $stale generated outputs out of date right after the build"
wrong=0
i=0
while IFS= read -r name; do
    i=$((i + 1))
    [ $((i % 3)) -eq 1 ] || continue # a third of them, to keep the test short
    ago 50 "gen/$name.csv"
    j=$((i % 30 + 1)) # a neighbour, whose CSV was not touched since its render
    up_to_date "g$i.svg" && { wrong=$((wrong + 1)); echo "    make missed the change of \"$name.csv\" (g$i)"; }
    up_to_date "g$i.scene" && { wrong=$((wrong + 1)); echo "    make missed the change of \"$name.csv\" (g$i.scene)"; }
    [ "$j" -lt "$i" ] || up_to_date "g$j.svg" || { wrong=$((wrong + 1)); echo "    g$j out of date after touching \"$name.csv\""; }
done < gen/names.txt
[ "$wrong" -eq 0 ] && pass "make: each generated CSV is the dependency of its figure, and only of it" ||
    fail "make: $wrong wrong dependencies"

if [ -n "$have_ninja" ]; then
    # One edge per figure, as the CMake module makes them: the figure's depfile, written by
    # csvchart render --only NAME --depfile (ninja wants a depfile per edge).
    ninja_path() { printf '%s' "$1" | sed -e 's/\$/$$/g' -e 's/ /$ /g' -e 's/:/$:/g'; }
    q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
    {
        printf 'rule r\n  command = %s render g.ini --out-dir %s --only $fig --depfile %s/.$fig.d\n  depfile = %s/.$fig.d\n' \
            "$(q "$BIN")" "$(q "$GOUT")" "$(q "$GOUT")" "$(ninja_path "$GOUT")"
        for i in $(seq 1 30); do
            printf 'build %s/g%d.svg %s/g%d.scene: r\n  fig = g%d\n' "$(ninja_path "$GOUT")" "$i" "$(ninja_path "$GOUT")" "$i" "$i"
        done
    } > gen/build.ninja
    (cd gen && ninja -j2 >../ninja1.log 2>&1) && pass "ninja: generated names build" || fail "ninja: $(tail -5 ninja1.log)"
    ago 200 gen
    ago 100 "gen/$GOUT"
    (cd gen && ninja -n >../ninja2.log 2>&1)
    grep -q 'no work to do' ninja2.log && pass "ninja: no work after the build" || fail "ninja: work after the build: $(head -5 ninja2.log)"
    wrong=0
    i=0
    while IFS= read -r name; do
        i=$((i + 1))
        [ $((i % 3)) -eq 2 ] || continue
        ago 50 "gen/$name.csv"
        (cd gen && ninja -n >../ninja3.log 2>&1)
        if [ "$(grep -c '^\[' ninja3.log)" -ne 1 ] || ! grep -q "only g$i " ninja3.log; then
            wrong=$((wrong + 1))
            echo "    touching \"$name.csv\": $(head -3 ninja3.log)"
        fi
        (cd gen && ninja >/dev/null 2>&1)
    done < gen/names.txt
    [ "$wrong" -eq 0 ] && pass "ninja: each generated CSV rebuilds its figure, and only it" ||
        fail "ninja: $wrong wrong rebuilds"
    no_x "generated names"
fi
# A house theme is found beside the INI file and is a dependency of its figures: editing it
# re-renders them under make.
mkdir -p house/fig
printf 'name,value\nA,1\nB,2\n' > house/fig/d.csv
printf 'background = #FAF7F2\nbyline = Chart: Us\n' > house/fig/look.ini
printf '[defaults]\nkind = bar\ntheme = look.ini\n[a]\ndata = d.csv\n' > house/fig/figures.ini
run render house/fig/figures.ini --out-dir house/out --depfile house/deps.d
expect_status 0 "render with a house theme"
grep -q "house/out/a.png: house/fig/figures.ini house/fig/d.csv house/fig/look.ini" house/deps.d &&
    pass "depfile lists the house theme" || fail "depfile: $(cat house/deps.d)"
printf 'faint = #EEEEEE\n' >> house/fig/look.ini
run render house/fig/figures.ini --out-dir house/out
expect_status 1 "a house theme whose text cannot be read"
expect_stderr_has "look.ini:3: faint text #EEEEEE on the background #FAF7F2" "house theme contrast"
finish
