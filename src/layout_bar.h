/*
 * layout_bar.h - the bar chart layout's own structures, shared by its files:
 *
 *   layout_bar.c          the whole figure: panels, the frame, the size contract
 *   layout_bar_arrange.c  the arrangement: orientation, label size and facet grid, tried in
 *                         order until every name fits
 *   layout_bar_axis.c     the value axis: domain, ticks, tick labels, gridlines, baseline
 *   layout_bar_marks.c    marks and their value labels
 *   layout_bar_names.c    the category names
 *   layout_bar_ratio.c    the ratio callout
 *   layout_bar_refs.c     rules, bands and their labels
 *
 * Every panel is laid out once against two axes: the band axis, along which the categories
 * sit side by side, and the value axis, along which the bars grow. Orientation only decides
 * which of x and y each one is (bv_point(), bv_rect()):
 *
 *     vertical:   band axis = x (left to right)    value axis = y (bottom to top)
 *     horizontal: band axis = y (top to bottom)    value axis = x (left to right)
 *
 * The geometry is named in one table, BAR_METRICS (CSS px at u = 1, scaled by the layout's
 * geometry unit).
 */
#ifndef CSVCHART_LAYOUT_BAR_H
#define CSVCHART_LAYOUT_BAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bar_data.h"
#include "format.h"
#include "layout.h"
#include "scale.h"

#define BAR_METRICS(X)                                                                             \
    X(panel_gap, 36, "between facet panels")                                                       \
    X(axis_title_gap, 6, "between the axis title and the plot")                                    \
    X(panel_title_gap, 10, "below a facet panel's title")                                          \
    X(name_gap, 10, "between the plot and the category names")                                     \
    X(name_pad, 8, "kept free between two names under vertical bars")                              \
    X(tick_gap, 10, "between the plot and the tick labels")                                        \
    X(tick_label_gap, 12, "least room between two tick labels along the axis")                     \
    X(tick_spacing_v, 72, "wanted distance between gridlines, vertical value axis")                \
    X(tick_spacing_h, 110, "wanted distance between gridlines, horizontal value axis")             \
    X(value_gap, 6, "between a bar's end and its value label")                                     \
    X(inside_pad, 6, "around a value label inside a stacked segment")                              \
    X(group_gap, 2, "between the bars of one group")                                               \
    X(min_plot, 60, "the least length of the value axis")                                          \
    X(min_band_v, 24, "the least band of a vertical bar (its name sits under it)")                 \
    X(ratio_gap, 12, "between the plot and the ratio bracket")                                     \
    X(ratio_tick, 6, "the bracket's end ticks")                                                    \
    X(ratio_text_gap, 8, "between the bracket and its text")                                       \
    X(leader_gap, 3, "between a mark and a dashed ratio leader")                                   \
    X(leader_dash, 3, "dash length of leaders")                                                    \
    X(ref_gap, 12, "between the plot and the column (or row) of rule labels and notes")            \
    X(rule, 1.5, "a reference line's width")                                                       \
    X(rule_dash, 5, "a reference line's dashes")                                                   \
    X(dot_min, 4.5, "the least dot radius")                                                        \
    X(dot_max, 8, "the largest dot radius")                                                        \
    X(stem, 2, "lollipop and dumbbell stem width")                                                 \
    X(grid, 1, "gridline width")                                                                   \
    X(baseline, 1.5, "the baseline's width")

#define BAR_METRIC_FIELD(name, base, doc) double name;
struct bar_metrics {
    BAR_METRICS(BAR_METRIC_FIELD)
};

/* Most lines a category name may take: under a vertical bar, and in the horizontal column. */
#define BAR_NAME_LINES_V 3
/* A panel's title wraps in at most this many lines. */
#define BAR_PANEL_TITLE_LINES 2
#define BAR_NAME_LINES_H BAR_NAME_MAX_LINES

/* The last ticks chosen, and what they were chosen for (bar_axis_ticks()). */
struct tick_memo {
    bool valid, log, horizontal;
    double dlo_data, dhi, size, len;
    double dlo; /* the domain's bottom the ticks chose */
    int target;
    struct label_plan values;
    struct ticks ticks;
    struct label_plan plan;
    double tick_w;
};

/* What every panel shares. */
struct bar_layout {
    struct layout L;
    const struct bar_chart *chart;
    const struct spec *s;
    struct bar_metrics px;
    bool horizontal;
    bool labels;                 /* value labels are drawn */
    bool unlabelled;             /* labels = auto, drawn without them (lay_out's retry) */
    bool outside;                /* ... and may stand past their marks' ends (they fit there) */
    bool lone_room;              /* without labels, the axis has room for bar_marks_lone()'s */
    bool shared;                 /* one value scale for every panel (facet_scale) */
    struct text_style label;     /* category names and value labels (may shrink to L.label_min) */
    struct text_style ratio;     /* the ratio callout (bold) */
    double lh, asc;              /* of `label` */
    double axis_title_h;         /* the row of the value axis' title (axis_title), or 0 */
    size_t name_stride;          /* every name_stride-th name is drawn (category_labels = thin) */
    bool thin_v;                 /* vertical, category_labels = thin: arrange_vertical() sets
                                    name_stride, bands may be thinner than their names */
    bool name_round;             /* category_labels = thin, every panel's names consecutive
                                    whole numbers: name_stride is round and the names drawn
                                    are its multiples (bar_name_first()) */
    size_t name_key;             /* category_labels = thin, names not numbered: the category
                                    every k-th name counts from (bar_name_key()) */
    double band_pad;             /* horizontal: kept free at each end of the band axis, inside
                                    the plot box, for thinned names taller than a band */
    double name_band;            /* horizontal: the height the most lines of a name need */
    size_t name_lines;           /* ... those lines */
    double col;                  /* horizontal: the category column's width */
    bool same_cats;              /* every panel has the same categories in the same order */
    bool names_shared;           /* horizontal, several panels a row, same_cats: the names
                                    stand once at the left of each row of panels (the panels
                                    there name them, P->named), none inside the others */
    size_t cols, rows;           /* the facet grid */
    size_t title_lines;          /* the lines the panels' titles take (every panel alike) */
    double shared_lo, shared_hi; /* the data extent of every panel (shared scales) */
    double widest_word, widest_word_size; /* of every name, at that label size */
    double widest_name, widest_name_size; /* the widest name on one line, at that size */
    struct tick_memo *memo;               /* owned by csvchart_layout_bar() */
    uint64_t series_hl;                   /* highlight of series: bit k for series k */
};

/* One panel being laid out. */
struct panel {
    const struct bar_data *d;
    const double *v;   /* the values drawn: d->v, or shares of each stack (stack = percent) */
    double *v_percent; /* owned: the shares, or NULL */
    struct label_plan values; /* how value labels are written */
    struct label_plan totals; /* how the stacks' totals are written: one plan for them all */
    char **value_text;        /* per (cat, series): the value label ("$100M+" when open) */
    char **low_text;          /* ranges: per (cat, series) the low end's label */
    bool *highlighted;        /* per category */
    double lo, hi;            /* data extent along the value axis (zero in it on linear axes) */
    double dlo, dhi;          /* the domain: where the axis starts and its last round value */
    double dlo_data;          /* linear, decided from the data: dlo from the data alone;
                                 dlo itself runs on to the lowest tick (bar_axis_ticks()) */
    bool log;
    bool whole; /* counts, or whole numbers written without decimals: ticks one apart at least */
    struct ticks ticks;
    struct label_plan tick_plan;
    double tick_w;             /* the widest tick label */
    struct scale sc;           /* value -> px along the value axis */
    double x0, y0, x1, y1;     /* the panel's cell */
    double px0, px1, py0, py1; /* the plot box */
    double band, bar;          /* px across: a category's band, one bar */
    double base;               /* where bars start: 0, or the log floor */
    double ratio_room;         /* px kept for the ratio callout */
    double gutter;             /* vertical: px kept left of the plot for tick labels */
    double ref_col, ref_row;   /* px kept right of the plot for rule labels and notes (the
                                  column) and above it for horizontal rule labels (the row) */
    size_t ratio_a, ratio_b;   /* the two categories of the callout ((size_t)-1: none) */
    size_t ratio_s;            /* ... and their series: the one highlighted, else the first */
    bool notes_inline;         /* horizontal: notes stand beside their bars, no column */
    bool named;                /* horizontal: the names stand left of this panel's plot (all
                                  panels, or with names_shared the first of each row) */
    long long name0;           /* names that are consecutive whole numbers (years): the
                                  first one's value, and name_step +1 or -1 to the next */
    int name_step;             /* ... 0 when they are not (bar_names_numbered()) */
};

/* Horizontal bars: the px a panel's cell keeps left of its plot for the names (none when
 * they stand once at the left of the row, B->names_shared). */
static inline double bar_name_room(const struct bar_layout *B)
{
    return B->names_shared ? 0 : B->col + B->px.name_gap;
}

static inline size_t bar_idx(const struct panel *P, size_t c, size_t s)
{
    return c * P->d->nser + s;
}

/* ---- the band and value axes (layout_bar_marks.c) ---- */

/* The thinnest bar of a group of three or more that goes without a warning, px. */
#define BAR_GROUP_MIN 5.0
/* The thickest a bar is drawn, in value-label line heights (bar_marks_thickness()). */
#define BAR_MAX_LINES 8.0

/* Marks side by side in one band: the series, or 1 when stacked. */
static inline size_t bar_across_count(const struct bar_layout *B, const struct panel *P)
{
    return B->s->stack ? 1 : P->d->nser;
}

/* Band position b and value position v (both px along their axes) as canvas x, y. */
void bar_bv_point(const struct bar_layout *B, double b, double v, double *x, double *y);
/* A rectangle between band positions b0, b1 and value positions v0, v1 (px). */
struct scene_item *bar_bv_rect(struct bar_layout *B, double b0, double b1, double v0, double v1,
                               csvchart_rgba fill);
/* The start and length of a panel's band axis (px): the plot box less B->band_pad at each
 * end. */
double bar_band_start(const struct bar_layout *B, const struct panel *P);
double bar_band_length(const struct bar_layout *B, const struct panel *P);
/* The value axis' ends: v0 where small values are, v1 where large ones go (px). */
void bar_value_ends(const struct bar_layout *B, const struct panel *P, double *v0, double *v1);

/* ---- layout_bar_axis.c ---- */

/* The panel's data extent (lo, hi) and, from it alone, its domain (dlo, dhi): the same at
 * every size. */
void bar_axis_extent(const struct bar_layout *B, struct panel *P);
void bar_axis_domain(const struct bar_layout *B, struct panel *P, double lo, double hi);
/* The editor's domain and ticks hold the panel's data and fit its axis: else
 * CSVCHART_ERROR_VALUE naming what they leave out. Call after bar_axis_domain(). */
csvchart_status bar_axis_check(const struct bar_layout *B, const struct panel *P,
                               csvchart_error *err);
/*
 * Chooses the ticks for a value axis of `len` px (about one per spacing px) and the tick
 * label plan. A linear domain decided from the data whose bottom is not a tick (-1.2 under
 * ticks 2 apart) runs on to the tick below it: P->dlo is set to it (from P->dlo_data each
 * time), so that the axis ends on a labelled value below its bars.
 */
void bar_axis_ticks(const struct bar_layout *B, struct panel *P, double len);
/* Whether the tick labels of a mapped axis keep clear of each other. */
bool bar_axis_ticks_fit(const struct bar_layout *B, const struct panel *P);
/* Whether the panel has a solid baseline where its marks start (bars, lollipops; not dots
 * or ranges, which start nowhere). */
bool bar_axis_has_baseline(const struct bar_layout *B, const struct panel *P);
/* The widest tick label (px). */
double bar_axis_label_width(const struct bar_layout *B, const struct panel *P);
/*
 * What reaches past a value along the value axis - labels past the data's ends, tick labels
 * centred on the end ticks - as (where in the domain 0..1, px it needs past it, which way).
 * bar_axis_reaches() lists a panel's (*out malloc'd; false when out of memory);
 * bar_axis_rooms_for() says what room beyond each end of the domain they ask for when `inner`
 * px of axis lie between the rooms.
 */
struct bar_reach {
    double f, need;
    bool up;
};
bool bar_axis_reaches(const struct bar_layout *B, const struct panel *P, struct bar_reach **out,
                      size_t *n);
void bar_axis_rooms_for(const struct bar_reach *r, size_t n, double inner, double *lo, double *hi);
/*
 * Maps the domain onto the value axis between v0 and v1 (px), less the rooms at each end.
 * False when less than the least plot length would be left (the layout does not fit).
 */
bool bar_axis_map(struct bar_layout *B, struct panel *P, double v0, double v1, double lo,
                  double hi);
/* Gridlines (yielding to text), and the baseline drawn over the marks. */
void bar_axis_gridlines(struct bar_layout *B, struct panel *P);
void bar_axis_baseline(struct bar_layout *B, struct panel *P);
void bar_axis_tick_labels(struct bar_layout *B, struct panel *P);

/* ---- layout_bar_marks.c ---- */

/* Value label texts and the highlight marks of a panel; false when out of memory. */
bool bar_marks_prepare(struct bar_layout *B, struct panel *P);
void bar_marks_fini(struct panel *P);
/* The widest value label and its line height: what the value axis must leave room for. */
double bar_marks_label_width(const struct bar_layout *B, const struct panel *P);
/* Whether value labels fit a panel whose band is `band` px. */
bool bar_marks_labels_fit(const struct bar_layout *B, const struct panel *P, double band);
/* The thickness of one bar in a band. */
double bar_marks_thickness(const struct bar_layout *B, const struct panel *P, double band);
/*
 * Under labels = auto with no value labels (they do not fit every bar), a highlighted bar
 * keeps its own: the bar the chart points at is the one a reader wants the number of
 * (graphics desk review, session 23: 2021 highlighted among 35 unlabelled budget years).
 * Whether category c's bar may: a lone bar in its band, on a chart without notes (their
 * leaders and boxes were placed without it), its label `text` within its band across, or past
 * it - bars only, inside the plot - over neighbours that end short of its bar (on the other
 * side of zero, or no further out: "-1,204" under a bar between two of -612). Along the value
 * axis the label asks room as every label does (bar_axis_reaches(); B->lone_room), so that
 * the tallest bar keeps its label too; lone_label() draws it where it has that room.
 */
bool bar_marks_lone(const struct bar_layout *B, const struct panel *P, size_t c, const char *text);
/* Whether value i of a range chart has one end only: low as high (a range of no length is
 * drawn as a mark of its value, with one label - review 12: "$240 $240" around nothing). */
bool bar_marks_one_value(const struct panel *P, size_t i);
/* How far a dot reaches past its value (0 for bars). */
double bar_marks_overhang(const struct bar_layout *B, const struct panel *P);
void bar_marks_draw(struct bar_layout *B, struct panel *P);
/* Whether stacks show their totals (totals = true; not for shares to 100%), and whether
 * they fit bands of `band` px. */
bool bar_totals_shown(const struct bar_layout *B);
bool bar_totals_fit(const struct bar_layout *B, const struct panel *P, double band);
/* The total of category c's stack as text, and the sums of its parts above and below zero. */
void bar_total_text(const struct bar_layout *B, const struct panel *P, size_t c, char *buf,
                    size_t n, double *pos, double *neg);

/* ---- layout_bar_names.c ---- */

/* The category names of a panel (periods named as a time axis names them). */
void bar_marks_names(struct bar_layout *B, struct panel *P);
/* Sets P->name0 and P->name_step: whether the panel's names are consecutive whole numbers. */
void bar_names_numbered(struct panel *P);
/* Whether every panel's names are consecutive whole numbers (years), which category_labels =
 * thin names on round strides (B->name_round). */
bool bar_names_all_numbered(const struct bar_layout *B, const struct panel *panels);
/* The least round stride at or above k: 1 2 5 10 20 25 50 100 200 250 500 1000 2000 ... */
size_t bar_name_stride_round(size_t k);
/* The stride a thin-name search tries after k: the next round one with B->name_round, else
 * k + 1. */
size_t bar_name_stride_next(const struct bar_layout *B, size_t k);
/*
 * category_labels = thin: the category that every k-th name counts from, the same in every
 * panel (their names may be shared): the first highlighted one (in the first panel that has
 * one), else the one with the largest value (in magnitude, of any series; the first of
 * equals) of the first panel. So thinning never leaves the bar a reader looks for unnamed.
 */
size_t bar_name_key(const struct bar_layout *B, const struct panel *panels);
/*
 * category_labels = thin: the category from which every k-th name of panel P is drawn.
 * B->name_key modulo k (0 when k < 2), unless B->name_round and the names are consecutive
 * whole numbers: then the first that is a multiple of k (1950 1960 ... under 1948..2022 every
 * 10th), or P->d->ncat when fewer than two are (the searches then take another stride).
 */
size_t bar_name_first(const struct bar_layout *B, const struct panel *P, size_t k);
/*
 * The categories named every k-th from bar_name_first(): returns the first, *end one past the
 * last. Under vertical bars on a round stride (B->name_round, B->thin_v), a name at either
 * end that would leave the canvas (does not fit bar_name_lines_v(): nearer the canvas' edge
 * than half the margin, at either end alike, bar_name_width_v()) is not shown, as
 * Vega-Lite's labelBound hides it, so long as two names remain; a name in the middle never
 * is (one that does not fit fails the stride). Else *end is P->d->ncat.
 */
size_t bar_name_range(const struct bar_layout *B, const struct panel *P, size_t k, size_t *end);
/* The lines the name of category c takes under its vertical bar when every k-th is named (at
 * bar_name_width_v(), its bands starting right of the panel's gutter), or BAR_NAME_LINES_V + 1
 * when it does not fit there: a word wider than that or more lines. */
size_t bar_name_lines_v(const struct bar_layout *B, const struct panel *P, size_t k, size_t c);

/* ---- layout_bar_ratio.c ---- */

/* The categories of the ratio callout; false when the panel has none. */
bool bar_ratio_pair(const struct bar_layout *B, struct panel *P);
/* With ratio = true and values at or below zero, which the multiple leaves out: a warning
 * that names the pair compared and what was left out; when they are most of the values, an
 * error that asks for the pair (review 12: "68x" between two small gains on a chart of
 * losses), as the multiple of what is left tells nothing of the chart. */
csvchart_status bar_ratio_check(const struct bar_layout *B, const struct panel *P,
                                struct csvchart_warnings *warn, csvchart_error *err);
/* The callout's text and its size along the room it needs (width beside vertical bars,
 * height above horizontal ones). */
void bar_ratio_text(const struct bar_layout *B, const struct panel *P, char *buf, size_t n);
double bar_ratio_room(const struct bar_layout *B, const struct panel *P);
/* The callout text's width (0: no callout): above horizontal bars it must fit its panel. */
double bar_ratio_width(const struct bar_layout *B, const struct panel *P);
/* The dashed leaders (under the marks), or the bracket and its text (over them). */
void bar_ratio_draw(struct bar_layout *B, struct panel *P, bool leaders);

/* ---- layout_bar_arrange.c ---- */

/* What one try of the arrangement decided, or which side it found short. */
struct bar_arrangement {
    bool ok;
    bool short_w, short_h;
    enum { SHORT_NAMES, SHORT_LABELS, SHORT_TOTALS, SHORT_AXIS, SHORT_REFS } what;
    bool long_name; /* a name too long for the widest column horizontal bars may give it */
};

/* The label size of names, values and ticks, px (B->label and what follows from it). */
void bar_set_label_size(struct bar_layout *B, double size);
/* One try at every label size from the label size down to the footer's (shrink) or at the
 * label size only: vertical bars, then horizontal ones. */
struct bar_arrangement bar_arrange_sized(struct bar_layout *B, struct panel *panels, bool shrink,
                                         csvchart_status *st, csvchart_error *err);
/* The width a vertical bar's name centred at x wraps at when every k-th is drawn. */
double bar_name_width_v(const struct bar_layout *B, double band, size_t k, double x);
/* Horizontal bars in `cols` columns of panels; thin: names every k-th category; no name on
 * more than `lines` lines (the column widens for it, up to half the cell). */
struct bar_arrangement bar_arrange_horizontal(struct bar_layout *B, struct panel *panels,
                                              size_t cols, bool thin, size_t lines);
/* Maps the panels' axes and checks the labels once the boxes are set (*st: NOMEM). */
struct bar_arrangement bar_arrange_finish(struct bar_layout *B, struct panel *panels,
                                          csvchart_status *st, csvchart_error *err);

/* ---- layout_bar_refs.c ---- */

/* Widens [*lo, *hi] to hold every rule and band. */
void bar_refs_extent(const struct bar_layout *B, double *lo, double *hi);
/* The column and row a panel needs for its rule and band labels and notes (P->ref_col,
 * P->ref_row); none for notes beside their bars (P->notes_inline). */
void bar_refs_rooms(const struct bar_layout *B, struct panel *P);
/* Whether they fit the panel's column and row once its axes are mapped (notes beside their
 * bars: bar_refs_inline_fit()). */
bool bar_refs_fit(const struct bar_layout *B, const struct panel *P);
/* Horizontal bars: whether every note of the panel has room beside its bar once the axes are
 * mapped (true when it has none). */
bool bar_refs_inline_fit(const struct bar_layout *B, const struct panel *P);
/* Bands (under the marks), rules (over them), and the labels and notes - or (leaders) the
 * notes' leaders, drawn under the marks. */
void bar_refs_bands(struct bar_layout *B, struct panel *P);
void bar_refs_rules(struct bar_layout *B, struct panel *P);
void bar_refs_labels(struct bar_layout *B, struct panel *P, bool leaders);

#endif
