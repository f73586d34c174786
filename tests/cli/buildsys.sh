# Build systems: examples/Makefile and the CMake module re-render only the figures whose CSV
# changed. Skips (77) without make or cmake.
. "$(dirname "$0")/lib/common.bash"
command -v make >/dev/null && command -v cmake >/dev/null || { echo "make or cmake missing"; exit 77; }

setup_project() { # DIR: two CSVs, an INI with three figures (two share a.csv)
    mkdir -p "$1/data"
    printf 'k,v\nA,1\nB,2\n' > "$1/data/a.csv"
    printf 'k,v\nC,3\nD,4\n' > "$1/data/b.csv"
    printf '[defaults]\nkind = bar\n[fa]\ndata = a.csv\noutputs = fa.png fa.svg\n[fa2]\ndata = a.csv\n[fb]\ndata = b.csv\noutputs = fb.svg\n' > "$1/data/figures.ini"
}

# check_rebuild DIR OUTDIR BUILD-COMMAND: touch a.csv; only fa's and fa2's outputs are redone
check_rebuild() {
    local dir=$1 out=$2 label=$3
    shift 3
    sleep 1.1 # coarse file systems
    touch "$SCRATCH/marker"
    sleep 1.1
    touch "$dir/data/a.csv"
    "$@" >build2.log 2>&1 || { fail "$label: rebuild failed: $(cat build2.log)"; return; }
    for f in fa.png fa.svg fa2.png; do
        [ "$out/$f" -nt "$SCRATCH/marker" ] && pass "$label: $f re-rendered" || fail "$label: $f not re-rendered"
    done
    [ "$out/fb.svg" -nt "$SCRATCH/marker" ] && fail "$label: fb.svg re-rendered needlessly" || pass "$label: fb.svg left alone"
    "$@" >build3.log 2>&1
    grep -q 'render' build3.log && fail "$label: a no-op build rendered: $(cat build3.log)" || pass "$label: no-op build renders nothing"
}

# make, with examples/Makefile
setup_project mk
( cd mk && make -f "$SRC/examples/Makefile" CSVCHART="$BIN" INI=data/figures.ini OUT=out >../build1.log 2>&1 )
[ -f mk/out/fa.png ] && [ -f mk/out/fa2.png ] && [ -f mk/out/fb.svg ] && pass "make: first build renders all" ||
    fail "make: first build: $(cat build1.log)"
check_rebuild mk mk/out make make -C mk -f "$SRC/examples/Makefile" CSVCHART="$BIN" INI=data/figures.ini OUT=out

# CMake, with csvchart_add_figures from cmake/csvchartFigures.cmake
setup_project cm
cat > cm/CMakeLists.txt <<CM
cmake_minimum_required(VERSION 3.20)
project(figures NONE)
list(APPEND CMAKE_MODULE_PATH "$SRC/cmake")
include(csvchartFigures)
csvchart_add_figures(TARGET figures INI data/figures.ini OUT_DIR out CSVCHART "$BIN" ALL)
CM
cmake -S cm -B cm/build >cmake.log 2>&1 || { fail "cmake configure: $(cat cmake.log)"; finish; }
cmake --build cm/build >build1.log 2>&1
[ -f cm/build/out/fa.png ] && [ -f cm/build/out/fb.svg ] && pass "cmake: first build renders all" ||
    fail "cmake: first build: $(cat build1.log)"
check_rebuild cm cm/build/out cmake cmake --build cm/build
finish
