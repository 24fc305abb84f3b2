# gnuplot script for bench/gateway/run.sh: grouped bars of median requests/s per
# workload, one colour per configuration, min-max error bars.
#   gnuplot -e "datafile='chart.dat'; outfile='gateway.png'; subtitle='...'" chart.gp
# chart.dat: workload, then median min max for proxy, body-read, validate.

if (!exists("datafile")) datafile = 'chart.dat'
if (!exists("outfile")) outfile = 'gateway.png'
if (!exists("subtitle")) subtitle = ''

set terminal pngcairo size 1100,600 enhanced font 'DejaVu Sans,11'
set output outfile
set title "nginx gateway: requests/s per workload (median, min–max error bars)\n{/*0.85 ".subtitle."}"
set ylabel 'requests/s (higher is better)'
set xlabel 'workload (POST /, awsJson1\_0)'
set yrange [0:*]
set grid ytics
set key outside top center horizontal
set style data histogram
set style histogram errorbars gap 1.5 lw 1.2
set style fill solid 0.85 border -1
set boxwidth 0.9
set bars 0.6
set format y '%.0f'

plot datafile using 2:3:4:xtic(1) title '(a) proxy only' lc rgb '#4C72B0', \
     ''       using 5:6:7         title '(b) proxy + Lua body read' lc rgb '#DD8452', \
     ''       using 8:9:10        title '(c) proxy + validation' lc rgb '#55A868'
