/*
 * layout_trend.h - the trend layout (layout_trend.c): dated series as lines on a time axis,
 * linear or log10 values, labels at the ends of the lines, labelled points and markers on
 * flags, the fitted rate written on the chart.
 *
 * The geometry is named in one table, TREND_METRICS (CSS px at u = 1, scaled by the layout's
 * geometry unit g; marks and lines by max(g, 0.8), so they still read beside text at its
 * floor on a phone).
 */
#ifndef CSVCHART_LAYOUT_TREND_H
#define CSVCHART_LAYOUT_TREND_H

#include "layout.h"

#define TREND_METRICS(X)                                                                           \
    X(line, 2, "a series' line")                                                                   \
    X(fit_line, 1.5, "the fitted line")                                                            \
    X(fit_dash, 6, "the fitted line's dashes and gaps")                                            \
    X(dot, 3.5, "a point's dot, radius")                                                           \
    X(ring, 1.5, "the background ring around a dot")                                               \
    X(grid, 1, "a gridline")                                                                       \
    X(axis, 1, "the time axis and the zero line")                                                  \
    X(tick, 5, "a time tick's length")                                                             \
    X(tick_gap, 5, "between a time tick and its label")                                            \
    X(tick_label_gap, 18, "least room between two time tick labels")                               \
    X(tick_spacing, 90, "least distance between two time ticks")                                   \
    X(tick_spacing_v, 72, "wanted distance between gridlines")                                     \
    X(gutter_gap, 10, "between the value tick labels and the plot")                                \
    X(min_plot, 60, "the least height of the data")                                                \
    X(min_plot_w, 120, "the least width of the plot")                                              \
    X(end_gap, 14, "between the plot and the labels at the ends of the lines")                     \
    X(end_wrap, 220, "the widest a label at the end of a line may be")                             \
    X(end_block_gap, 8, "between two labels at the ends of lines")                                 \
    X(end_lead, 3, "between a line's end or its label and the leader joining them")                \
    X(leader, 1, "a leader's width")                                                               \
    X(flag_gap, 7, "between a leader and its text block")                                          \
    X(reach_gap, 16, "kept free along the axis after a flag's block, before another leader")       \
    X(level_gap, 10, "between two rows of flags")                                                  \
    X(flag_wrap, 200, "the widest a flag's block may be")                                          \
    X(clear_up, 10, "between the data and the first row of flags above it")                        \
    X(clear_down, 14, "between the time tick labels and the first row of flags under them")        \
    X(leader_overlap, 2, "how far a flag's leader runs beside its block short of its far edge")    \
    X(marker_dash, 4, "a marker's dashes")

#define TREND_METRIC_FIELD(name, base, doc) double name;
struct trend_metrics {
    TREND_METRICS(TREND_METRIC_FIELD)
};

/*
 * Lays out a trend; a csvchart_layout_fn (data is a struct trend_data, trend_data.h). Every
 * label is drawn at the label size or smaller down to the footer's, none overlapping another
 * or crossed by a line; when that cannot be at the requested size, CSVCHART_ERROR_SIZE
 * (csvchart_layout_fit() names a size that fits). Errors: NOMEM.
 */
csvchart_status csvchart_layout_trend(const void *data, const struct spec *s,
                                      const csvchart_text_measurer *m, struct csvchart_scene *scene,
                                      struct csvchart_warnings *warn, struct layout_fit *fit,
                                      csvchart_error *err);

#endif
