"""matplotlib comparator: the same bar chart as csvchart draws, as one whole process.

    /usr/bin/python3 bench/mpl_bar.py DATA.tsv OUT.png|OUT.svg TITLE [SUBTITLE] [SOURCE]

DATA.tsv (made by run.sh): label <TAB> numeric value <TAB> value label as written in the CSV.
1200x675 px (12x6.75 in at 100 dpi), Agg for PNG, the SVG backend for SVG (matplotlib's
defaults, text as paths), Inter, left-aligned title and subtitle, y grid, value labels.
The imports are part of what is measured: this is what a script that plots costs.
"""
import sys

import matplotlib

matplotlib.use("Agg")  # no GUI; savefig picks the SVG backend from the .svg extension
import matplotlib.pyplot as plt  # noqa: E402

data, out, title = sys.argv[1], sys.argv[2], sys.argv[3]
subtitle = sys.argv[4] if len(sys.argv) > 4 else None
source = sys.argv[5] if len(sys.argv) > 5 else None

labels, values, texts = [], [], []
with open(data, encoding="utf-8") as f:
    for line in f:
        label, value, text = line.rstrip("\n").split("\t")
        labels.append(label)
        values.append(float(value))
        texts.append(text)

plt.rcParams["font.family"] = "Inter"
fig = plt.figure(figsize=(12, 6.75), dpi=100)
ax = fig.add_axes((0.07, 0.14, 0.90, 0.66))
fig.text(0.03, 0.92, title, fontsize=22, fontweight="bold")
if subtitle:
    fig.text(0.03, 0.87, subtitle, fontsize=14, color="#555555")
if source:
    fig.text(0.03, 0.03, "Source: " + source, fontsize=10, color="#777777")

bars = ax.bar(range(len(values)), values, width=0.3, color="#0072b2")
ax.bar_label(bars, labels=texts, padding=4, fontsize=12)
ax.set_xticks(range(len(labels)), labels, fontsize=12)
ax.tick_params(length=0, labelsize=12)
ax.yaxis.grid(True, color="#dddddd")
ax.set_axisbelow(True)
for side in ("top", "right", "left"):
    ax.spines[side].set_visible(False)
ax.margins(y=0.1)
ax.set_xlim(-0.6, len(values) - 0.4)

fig.savefig(out)
