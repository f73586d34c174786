# gnuplot comparator: the same bar chart as csvchart draws, as one whole process.
#   gnuplot -c bench/gnuplot_bar.gp DATA.tsv OUT.png|OUT.svg TITLE [SUBTITLE] [SOURCE]
# DATA.tsv (made by run.sh): label <TAB> numeric value <TAB> value label as written in the CSV.
# 1200x675 px, Inter, left-aligned title and subtitle, y grid, value labels over the bars.
data = ARG1; out = ARG2
if (out[strlen(out)-3:] eq ".svg") {
    set terminal svg size 1200,675 font "Inter,13" background "white"
} else {
    set terminal pngcairo size 1200,675 font "Inter,13" background "white"
}
set output out
set datafile separator "\t"

set tmargin 7; set bmargin 6; set lmargin 10; set rmargin 4
set label 1 ARG3 at screen 0.03, 0.93 font "Inter Bold,24"
if (ARGC >= 4) set label 2 ARG4 at screen 0.03, 0.875 font "Inter,15" textcolor "#555555"
if (ARGC >= 5) set label 3 "Source: ".ARG5 at screen 0.03, 0.04 font "Inter,11" textcolor "#777777"

set style fill solid 1.0 noborder
set boxwidth 0.3
set grid ytics linetype 1 linecolor rgb "#dddddd" linewidth 1 dashtype solid
set border 1 linecolor "#333333"
set tics nomirror scale 0
set yrange [0:*]
set offsets 0.3, 0.3, graph 0.08, 0
set key off
plot data using 0:2:xtic(1) with boxes linecolor "#0072b2", \
     ''   using 0:2:3 with labels offset 0,1 font "Inter,13"
