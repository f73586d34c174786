// ploticus comparator: the same bar chart as csvchart draws, as one whole process.
//   ploticus bench/ploticus_bar.pl -png|-svg -o OUT -pagesize 12,6.75 DATA=data.tsv \
//       TITLE=... SUBTITLE=... SOURCE=... FONT=... BOLD=...
// DATA (made by run.sh): label <TAB> numeric value <TAB> value label as written in the CSV.
// 12 x 6.75 in at ploticus's 100 px an inch: 1200x675 px. FONT and BOLD are Inter Regular and
// Bold: font files for PNG (GD with FreeType), family names for SVG. Text sizes are points.
#proc page
  backgroundcolor: white

#proc getdata
  file: @DATA
  delim: tab
  fieldnames: label value shown

#proc annotate
  location: 0.36 6.3
  textdetails: align=L size=17 font=@BOLD color=black
  text: @TITLE

#proc annotate
  location: 0.36 5.95
  textdetails: align=L size=11 font=@FONT color=gray(0.33)
  text: @SUBTITLE

#proc annotate
  location: 0.36 0.25
  textdetails: align=L size=8 font=@FONT color=gray(0.47)
  text: Source: @SOURCE

#proc categories
  axis: x
  datafield: label

#proc areadef
  rectangle: 1.0 1.0 11.6 5.5
  xscaletype: categories
  yautorange: datafield=value lowfix=0 margin=0.08

#proc xaxis
  stubs: usecategories
  stubdetails: size=9 font=@FONT
  tics: none
  axisline: color=gray(0.2)

#proc yaxis
  stubs: incremental
  stubdetails: size=9 font=@FONT color=gray(0.33)
  tics: none
  axisline: none
  grid: color=gray(0.87)

#proc bars
  locfield: label
  lenfield: value
  color: rgb(0,0.447,0.698)
  outline: no
  barwidth: 0.5
  labelfield: shown
  labeldetails: size=9 font=@FONT adjust=0,0.05
