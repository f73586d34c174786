# cmake --install, then a consumer project: find_package(csvchart), a C program linked to
# csvchart::csvchart that writes a PNG through the public API, and csvchart_add_figures().
. "$(dirname "$0")/lib/common.bash"
command -v cmake >/dev/null && command -v cc >/dev/null || { echo "cmake or cc missing"; exit 77; }
build=$(dirname "$BIN")
case "$(grep -s '^CSVCHART_SANITIZE:BOOL=' "$build/CMakeCache.txt")" in
*=ON) echo "sanitizer build: a consumer would need the sanitizer runtime too"; exit 77 ;;
esac
cmake --install "$build" --prefix "$SCRATCH/prefix" >install.log 2>&1 &&
    pass "cmake --install" || { fail "cmake --install: $(cat install.log)"; finish; }
for f in bin/csvchart include/csvchart.h share/man/man1/csvchart.1; do
    [ -f "prefix/$f" ] && pass "installed $f" || fail "not installed: $f"
done
ls prefix/lib*/libcsvchart.a >/dev/null 2>&1 && pass "installed the library" || fail "no libcsvchart.a"
ls prefix/lib*/cmake/csvchart/csvchartConfig.cmake >/dev/null 2>&1 && pass "installed the CMake package" ||
    fail "no csvchartConfig.cmake"

mkdir -p consumer/data
printf 'k,v\nA,1\nB,2\n' > consumer/data/a.csv
printf '[f]\nkind = bar\ndata = a.csv\noutputs = f.svg\n' > consumer/data/figures.ini
cat > consumer/main.c <<'C'
#include <csvchart.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    csvchart_error err = {0};
    csvchart_figure *fig = csvchart_figure_new("bar", &err);
    csvchart_set(fig, "title", "Embedded", &err);
    csvchart_figure_load_file(fig, argv[1], &err);
    csvchart_figure_write(fig, argv[2], CSVCHART_FORMAT_AUTO, &err);
    if (err.status != CSVCHART_OK) {
        fprintf(stderr, "%s\n", csvchart_error_text(&err));
    }
    csvchart_figure_free(fig);
    return err.status != CSVCHART_OK || argc < 3;
}
C
cat > consumer/CMakeLists.txt <<'CM'
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(csvchart REQUIRED)
add_executable(consumer main.c)
target_link_libraries(consumer PRIVATE csvchart::csvchart)
csvchart_add_figures(TARGET figures INI data/figures.ini OUT_DIR figs ALL)
CM
cmake -S consumer -B consumer/build -DCMAKE_PREFIX_PATH="$SCRATCH/prefix" >cfg.log 2>&1 &&
    pass "find_package(csvchart)" || { fail "configure: $(cat cfg.log)"; finish; }
cmake --build consumer/build >bld.log 2>&1 && pass "consumer builds and renders" || fail "build: $(cat bld.log)"
[ -f consumer/build/figs/f.svg ] && pass "csvchart_add_figures rendered f.svg" || fail "no f.svg"
consumer/build/consumer consumer/data/a.csv embedded.png && [ -s embedded.png ] &&
    pass "a program linked to the library writes a PNG" || fail "embedded program failed"
finish
