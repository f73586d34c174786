# The library package (issue 16), in cmark's manner: cmake --install, then consumers built
# against the installed files only - a C and a C++ program through CMake
# (find_package(csvchart 0.1), csvchart::csvchart and csvchart::csvchart_static) and through
# pkg-config (shared, and static with --static) - plus csvchart_add_figures(). The shared
# library has a soname and exports the functions of csvchart.h and nothing else; the version
# file accepts 0.1 and refuses 0.2 and 1.0; the README's C example compiles as C and C++ and
# runs; the man page and the README are installed.
. "$(dirname "$0")/lib/common.bash"
command -v cmake >/dev/null && command -v cc >/dev/null || { echo "cmake or cc missing"; exit 77; }
build=$(dirname "$BIN")
case "$(grep -s '^CSVCHART_SANITIZE:BOOL=\|^CSVCHART_TSAN:BOOL=' "$build/CMakeCache.txt")" in
*=ON*) echo "sanitizer build: a consumer would need the sanitizer runtime too"; exit 77 ;;
esac
have_cxx=$(command -v c++)
prefix=$SCRATCH/prefix
cmake --install "$build" --prefix "$prefix" >install.log 2>&1 &&
    pass "cmake --install" || { fail "cmake --install: $(cat install.log)"; finish; }
libdir=$(dirname "$(ls "$prefix"/lib*/libcsvchart.a | head -1)")
for f in bin/csvchart include/csvchart.h include/csvchart_version.h share/man/man1/csvchart.1 \
    share/doc/csvchart/README.md "${libdir#"$prefix"/}/libcsvchart.a" \
    "${libdir#"$prefix"/}/pkgconfig/csvchart.pc"; do
    [ -f "$prefix/$f" ] && pass "installed $f" || fail "not installed: $f"
done
for f in csvchartConfig.cmake csvchartConfigVersion.cmake csvchartTargets.cmake csvchartFigures.cmake; do
    [ -f "$libdir/cmake/csvchart/$f" ] && pass "installed $f" || fail "not installed: $f"
done

# The shared library: soname, and only the API exported.
so=$(ls "$libdir"/libcsvchart.so.*.*.* 2>/dev/null | head -1)
[ -n "$so" ] && [ -L "$libdir/libcsvchart.so" ] && pass "libcsvchart.so installed ($(basename "$so"))" ||
    fail "no shared library: $(ls "$libdir")"
if command -v readelf >/dev/null && [ -n "$so" ]; then
    soname=$(readelf -d "$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
    [ "$soname" = "libcsvchart.so.0.1" ] && [ -L "$libdir/$soname" ] && pass "soname $soname" ||
        fail "soname: '$soname'"
fi
if command -v nm >/dev/null && [ -n "$so" ]; then
    sed -n 's/^CSVCHART_API [^(]*[ *]\(csvchart_[a-z_]*\)(.*/\1/p' "$prefix/include/csvchart.h" | sort > api.txt
    nm -D --defined-only "$so" | awk '$2 == "T" { print $3 }' | sort > exported.txt
    [ "$(wc -l < api.txt)" -gt 20 ] && cmp -s api.txt exported.txt &&
        pass "the shared library exports exactly the $(wc -l < api.txt) functions of csvchart.h" ||
        fail "exports differ from csvchart.h: $(diff api.txt exported.txt | head -10)"
    nm -D --defined-only "$so" | awk '$2 != "T" && $2 != "W" && $2 != "A" { bad = 1; print } END { exit bad }' >other.txt &&
        pass "no data symbols exported" || fail "other symbols exported: $(head -5 other.txt)"
fi

# The consumer programs: C and C++, each writes a PNG through the API.
mkdir -p consumer/data
printf 'k,v\nA,1\nB,2\n' > consumer/data/a.csv
printf '[f]\nkind = bar\ndata = a.csv\noutputs = f.svg\n' > consumer/data/figures.ini
cat > consumer/main.c <<'C'
#include <csvchart.h>
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv)
{
    csvchart_error err = CSVCHART_ERROR_INIT;
    if (argc < 3 || strcmp(csvchart_version(), CSVCHART_VERSION_STRING) != 0) {
        return 2;
    }
    csvchart_figure *fig = csvchart_figure_new("bar", &err);
    csvchart_set(fig, "title", "Embedded", &err);
    csvchart_figure_load_file(fig, argv[1], &err);
    csvchart_figure_write(fig, argv[2], CSVCHART_FORMAT_AUTO, &err);
    if (err.status != CSVCHART_OK) {
        fprintf(stderr, "%s\n", csvchart_error_text(&err));
    }
    csvchart_figure_free(fig);
    return err.status != CSVCHART_OK;
}
C
cp consumer/main.c consumer/main.cpp
cat > consumer/CMakeLists.txt <<'CM'
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(csvchart 0.1 REQUIRED)
add_executable(consumer main.c)
target_link_libraries(consumer PRIVATE csvchart::csvchart)
add_executable(consumer_static main.c)
target_link_libraries(consumer_static PRIVATE csvchart::csvchart_static)
include(CheckLanguage)
check_language(CXX)
if(CMAKE_CXX_COMPILER)
  enable_language(CXX)
  add_executable(consumer_cxx main.cpp)
  target_link_libraries(consumer_cxx PRIVATE csvchart::csvchart)
endif()
csvchart_add_figures(TARGET figures INI data/figures.ini OUT_DIR figs ALL)
CM
cmake -S consumer -B consumer/build -DCMAKE_PREFIX_PATH="$prefix" >cfg.log 2>&1 &&
    pass "find_package(csvchart 0.1)" || { fail "configure: $(cat cfg.log)"; finish; }
cmake --build consumer/build >bld.log 2>&1 && pass "consumers build and csvchart_add_figures renders" ||
    fail "build: $(cat bld.log)"
[ -f consumer/build/figs/f.svg ] && pass "csvchart_add_figures rendered f.svg" || fail "no f.svg"
for prog in consumer consumer_static ${have_cxx:+consumer_cxx}; do
    rm -f "$prog.png"
    consumer/build/$prog consumer/data/a.csv "$prog.png" && [ -s "$prog.png" ] &&
        pass "CMake, $prog: writes a PNG" || fail "CMake, $prog failed"
done
ldd consumer/build/consumer | grep -q 'libcsvchart.so.0.1 => ' && pass "CMake: csvchart::csvchart is the shared library" ||
    fail "consumer does not use the shared library: $(ldd consumer/build/consumer | grep csvchart)"
ldd consumer/build/consumer_static | grep -q libcsvchart && fail "csvchart_static links the shared library" ||
    pass "CMake: csvchart::csvchart_static is linked in"

# The version file: 0.1 yes, 0.2 and 1.0 no (a 0.x minor release may change the API).
for want in 0.2 1.0; do
    mkdir -p "v$want"
    printf 'cmake_minimum_required(VERSION 3.20)\nproject(v NONE)\nfind_package(csvchart %s REQUIRED)\n' "$want" > "v$want/CMakeLists.txt"
    cmake -S "v$want" -B "v$want/build" -DCMAKE_PREFIX_PATH="$prefix" >"v$want.log" 2>&1 &&
        fail "find_package(csvchart $want) accepted 0.1" || pass "find_package(csvchart $want) refused"
done

# pkg-config: shared, and static; C and C++.
if command -v pkg-config >/dev/null; then
    export PKG_CONFIG_PATH=$libdir/pkgconfig
    [ "$(pkg-config --modversion csvchart)" = "$("$BIN" --version | cut -d' ' -f2)" ] &&
        pass "pkg-config: version $(pkg-config --modversion csvchart)" || fail "pkg-config --modversion"
    # shellcheck disable=SC2046
    cc -o pc_c consumer/main.c $(pkg-config --cflags --libs csvchart) -Wl,-rpath,"$libdir" 2>pc.log &&
        ./pc_c consumer/data/a.csv pc_c.png && [ -s pc_c.png ] &&
        pass "pkg-config: a C program, shared" || fail "pkg-config, C: $(cat pc.log)"
    if [ -n "$have_cxx" ]; then
        # shellcheck disable=SC2046
        c++ -o pc_cxx consumer/main.cpp $(pkg-config --cflags --libs csvchart) -Wl,-rpath,"$libdir" 2>pcx.log &&
            ./pc_cxx consumer/data/a.csv pc_cxx.png && [ -s pc_cxx.png ] &&
            pass "pkg-config: a C++ program, shared" || fail "pkg-config, C++: $(cat pcx.log)"
    fi
    # shellcheck disable=SC2046
    cc -o pc_static consumer/main.c $(pkg-config --cflags csvchart) \
        $(pkg-config --static --libs csvchart | sed "s|-lcsvchart|$libdir/libcsvchart.a|") 2>pcs.log &&
        ./pc_static consumer/data/a.csv pc_static.png && [ -s pc_static.png ] &&
        pass "pkg-config --static: a C program, libcsvchart.a" || fail "pkg-config, static: $(cat pcs.log)"
else
    echo "note - pkg-config missing: the pkg-config consumers skipped"
fi

# The README's C example, as written, compiles as C and C++ and runs (docs that run).
mkdir -p readme/data
cp "$SRC/data/api-pricing.csv" readme/data/
awk '/^```c$/ { on = 1; next } on && /^```$/ { exit } on' "$SRC/README.md" > snippet.txt
[ -s snippet.txt ] && pass "README has a C example" || fail "no \`\`\`c block in README.md"
{
    grep '^#include' snippet.txt
    echo '#include <stdio.h>'
    echo 'int main(void) {'
    grep -v '^#include' snippet.txt
    echo 'return err.status != CSVCHART_OK; }'
} > readme/example.c
cp readme/example.c readme/example.cpp
for lang in c ${have_cxx:+cpp}; do
    compiler=cc
    [ "$lang" = cpp ] && compiler=c++
    # shellcheck disable=SC2046
    (cd readme && $compiler -Wall -Werror -o "example-$lang" "example.$lang" -I"$prefix/include" \
        -L"$libdir" -lcsvchart -Wl,-rpath,"$libdir" && rm -f *.png && "./example-$lang" &&
        ls *.png >/dev/null 2>&1) >"readme-$lang.log" 2>&1 &&
        pass "README's C example as $lang: compiles and writes its PNG" ||
        fail "README's C example as $lang: $(cat "readme-$lang.log")"
done
finish
