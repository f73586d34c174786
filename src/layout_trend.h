/*
 * layout_trend.h - the trend layout (layout_trend.c, with layout_trend_lines.c for the axes and
 * the series and layout_trend_labels.c for the flags and line-end labels): dated series as lines on
 * a time axis, linear or log10 values, labels at the ends of the lines, labelled points and markers
 * on flags, the fitted rate written on the chart.
 *
 * The geometry is named in one table, TREND_METRICS (CSS px at u = 1, scaled by the layout's
 * geometry unit g; marks and lines by max(g, 0.8), so they still read beside text at its
 * floor on a phone).
 */
#ifndef CSVCHART_LAYOUT_TREND_H
#define CSVCHART_LAYOUT_TREND_H

#include "format.h"
#include "layout.h"
#include "layout_place.h"
#include "scale.h"
#include "timeline_axis.h"
#include "trend_data.h"

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
    X(end_lane, 6, "between two leaders' turns to their labels, when they would run beside")       \
    X(leader, 1, "a leader's width")                                                               \
    X(flag_gap, 7, "between a leader and its text block")                                          \
    X(reach_gap, 16, "kept free along the axis after a flag's block, before another leader")       \
    X(level_gap, 10, "between two rows of flags")                                                  \
    X(flag_wrap, 200, "the widest a flag's block may be")                                          \
    X(clear_up, 10, "between the data and the first row of flags above it")                        \
    X(clear_down, 14, "between the time tick labels and the first row of flags under them")        \
    X(leader_overlap, 2, "how far a flag's leader runs beside its block short of its far edge")    \
    X(marker_dash, 4, "a marker's dashes")                                                         \
    X(end_dash, 2, "the dots of a leader along the level of a line that ends before the edge")     \
    X(rule, 1.5, "a reference line's width (rule)")                                                \
    X(rule_dash, 5, "a reference line's dashes")                                                   \
    X(inside_gap, 3, "between a point's dot and its label set beside it")                          \
    X(inside_pad, 3, "kept free around a label set beside its point: lines, dots, other labels")   \
    X(inside_lead, 14, "the steps of a short leader to a label set inside, off its dot")

#define TREND_METRIC_FIELD(name, base, doc) double name;
struct trend_metrics {
    TREND_METRICS(TREND_METRIC_FIELD)
};

/* ---- the layout's own structures, shared by its three files ---- */

#define TR_MAX_TICKS 64
#define TR_FLAG_LINES 3     /* lines of a flag's label */
#define TR_FLAG_LINES_MAX 6 /* ... when it fits no other way (a phone's narrow wrap) */
#define TR_END_NAME_LINES 3 /* lines of a series' name at the end of its line */
#define TR_END_RATE_LINES 2
#define TR_JOG_STEPS 3 /* the most steps a flown leader jogs off its point (leaders.c) */

struct tr_tick {
    double t, pos, lo, hi; /* time; x; the label's extent */
    char label[TIME_TICK_LABEL];
};

/* A flag: a labelled point or a marker, its text block flying from a leader. */
struct tr_flag {
    bool marker;
    size_t series, index; /* a point: its series and index; a marker: its index */
    double t, v;          /* where it stands (a marker: t only) */
    const char *head, *body;
    const struct text_style *head_st, *body_st;
    char text[96]; /* the value (a point) or the date (a marker) */
    size_t nhead, nbody;
    double wrap; /* the width its lines wrap at */
    double w, h;
    bool up_pref; /* flies above the data when it can */
    bool at_end;  /* its series' last value: written in the line-end label instead */
    bool inside;  /* a point's label set beside its dot, in the data's box (bx, by) */
    bool lead;    /* ... a little way off, on a short leader (vertical, from the dot at pos) */
    bool outside; /* a point's label that found no room there: it flies in the bands */
    /* placed */
    double pos;  /* its leader's x (a point's, jogged past other dots: layout_trend_leaders.c) */
    double rise; /* a jogged leader's rise along its jog, per px across */
    int side;
    size_t level;
    double bx, by;
};

/* The label at the end of a series' line, or of a reference line or band (rule: series is
 * nseries + its index among the rules, then the bands, so that it sorts after the series). */
struct tr_end {
    bool rule;
    size_t series;
    const char *name; /* NULL: no name line (a lone series) */
    char rate[192];   /* "" without a fit; a rule's label, or its value */
    size_t flag;      /* 1 + the index in T->fl of its last value's label (0: none) */
    size_t flag0;     /* ... as made: place() may fly that label instead (ambiguous_end()) */
    bool kept;        /* ... and found it could not (place()) */
    size_t nname, nrate, nnote, nvalue; /* lines; the last value's label and value */
    double w, h, want, top;
    double x_end, y_end;
    size_t lane; /* where its leader turns to its label, from the plot's edge (place()) */
};

struct trend_layout {
    struct layout L;
    struct trend_metrics px;
    const struct trend_data *d;
    const struct spec *s;
    struct text_style tick_st, name_st, rate_st, flag_st, value_st, date_st;
    double lh_tick, asc_tick;
    /* the value axis */
    bool log;
    double lo, hi, dlo, dhi;
    double dlo_data; /* linear: dlo from the data alone; dlo itself ends on the lowest tick */
    double data_lo, data_hi; /* the values' extent alone, before rules and bands */
    struct ticks ticks;
    struct label_plan values, tick_plan;
    double tick_w;
    struct scale sc;
    /* the time axis */
    double t0, t1, k, tx0; /* domain (days); px per day; x of t0 */
    struct tr_tick xt[TR_MAX_TICKS];
    size_t nxt;
    /* boxes */
    double plot_top, plot_bottom, gutter, px0, px1;
    double data_top, data_bottom, xlab_base;
    double col_x, col_w;
    double end_gap; /* from the plot to the line-end labels: px.end_gap, or the leaders' lanes */
    size_t lanes;   /* the leaders' lanes: under 2, each leader runs straight to its label */
    bool direct;    /* labels at the lines' ends (else a legend, or nothing to say) */
    /* flags */
    struct tr_flag *fl;
    size_t nfl;
    struct place_flag *pf;
    double *up_h, *dn_h;
    size_t nup, ndn;
    /* line-end labels */
    struct tr_end *ends;
    size_t nends;
    double *dodge_buf;
    /* marks */
    bool lines, dots;
    double r;
    csvchart_rgba *color;      /* per series: its line's (muted when highlight names others) */
    csvchart_rgba *text_color; /* per series: its colour at 4.5:1 on the background */
    /* why the last arrangement failed */
    bool short_w, short_h;
    bool flags_failed; /* the flags were what did not fit */
    bool flag_wide;    /* a flag's block fits on neither side of its leader */
};

/* layout_trend_lines.c: the value axis, the time axis, the series */
/* The value axis' domain from the data alone (T->lo, T->hi; T->log). */
void csvchart_tr_value_domain(struct trend_layout *T);
/* The value ticks for an axis `len` px long, about `target` of them. */
void csvchart_tr_value_ticks(struct trend_layout *T, double len, int target);
/* True when the value tick labels keep apart on an axis `len` px long. */
bool csvchart_tr_value_ticks_fit(const struct trend_layout *T, double len);
/* Where v sits on the value axis, 0 (bottom) to 1 (top). */
double csvchart_tr_frac(const struct trend_layout *T, double v);
/* The y of value v; the x of time t (days). */
double csvchart_tr_value_y(const struct trend_layout *T, double v);
double csvchart_tr_time_x(const struct trend_layout *T, double t);
/* The calendar ticks of the time axis between x = lo and hi (into T->xt); their number. */
size_t csvchart_tr_time_ticks(struct trend_layout *T, double lo, double hi);
/* True when x falls on a time tick's label. */
bool csvchart_tr_hits_tick(const struct trend_layout *T, double x);
void csvchart_tr_draw_value_axis(struct trend_layout *T);
void csvchart_tr_draw_time_axis(struct trend_layout *T);
/* Whether series ts's point k is drawn as a dot: every value when the series has dots (or no
 * line), else a lone value and a labelled one. */
bool csvchart_tr_dot_drawn(const struct trend_layout *T, const struct trend_series *ts, size_t k);
/* The fitted lines, then the series' lines and dots. */
void csvchart_tr_draw_series(struct trend_layout *T);
/* The reference line or band of a rule's label (E->rule). */
const struct ref_mark *csvchart_tr_ref(const struct trend_layout *T, const struct tr_end *E);
/* Where a reference line or band's label wants to be: its value's y, a band's middle. */
double csvchart_tr_ref_y(const struct trend_layout *T, const struct ref_mark *r);
/* The shaded bands (band) and spans of time (marker START..END), under the gridlines; the
 * reference lines (rule), dashed across the plot, under the series. */
void csvchart_tr_draw_bands(struct trend_layout *T);
void csvchart_tr_draw_rules(struct trend_layout *T);

/* layout_trend_labels.c: flags and line-end labels */
double csvchart_tr_line_height(const struct trend_layout *T, const struct text_style *st);
/* The flags (T->fl) and the line-end labels (T->ends) from the data; false when out of memory. */
bool csvchart_tr_make_flags(struct trend_layout *T);
bool csvchart_tr_make_ends(struct trend_layout *T);
/* The style of a line-end label's first line. */
const struct text_style *csvchart_tr_end_first(const struct trend_layout *T,
                                               const struct tr_end *E);
/* Their blocks' lines and sizes at a wrap width; false when a text needs more lines than a
 * block has, or has a word wider than the wrap (it would be cut: the figure wants width).
 * A flag's label that needs more than TR_FLAG_LINES lines at `wrap` takes up to
 * TR_FLAG_LINES_MAX there, else up to as many at `roomy` (>= wrap); F->wrap says which. */
bool csvchart_tr_measure_flags(struct trend_layout *T, double wrap, double roomy);
bool csvchart_tr_measure_ends(struct trend_layout *T, double wrap);
/* qsort orders of struct tr_end: by series, by the height wanted. */
int csvchart_tr_by_series(const void *pa, const void *pb);
int csvchart_tr_by_want(const void *pa, const void *pb);
void csvchart_tr_draw_flag(struct trend_layout *T, const struct tr_flag *F);
/* How many other series' lines stand above (up) or below point p of series `series`: what its
 * flag's leader crosses on that side. */
size_t csvchart_tr_lines_past(const struct trend_layout *T, size_t series,
                              const struct trend_point *p, bool up);

/* layout_trend_inside.c: labelled points' labels beside their dots */
/* Sets the label of each point flag neither at its line's end nor `outside` beside its dot,
 * or a little way off on a short leader (F->lead), inside the data's box (T placed by
 * place_once()), clear of every line, dot, leader and label; one with no such place is marked
 * `outside`. Returns how many were so marked. */
size_t csvchart_tr_place_inside(struct trend_layout *T);
/* The leader of a label set inside on one (F->lead), at F->pos: from y0 (the dot's ring) to y1
 * (beside the block, short of its far edge). */
void csvchart_tr_inside_leader(const struct trend_layout *T, const struct tr_flag *F, double *y0,
                               double *y1);
void csvchart_tr_draw_ends(struct trend_layout *T);

/* layout_trend_leaders.c: the flags' leaders, past the other dots */
/* Whether point flag F, flown in the bands, runs its leader through a dot not its own. */
bool csvchart_tr_leader_hits_dot(const struct trend_layout *T, const struct tr_flag *F);
/* Moves each flown point's leader, and its block, a jog to one side where the straight leader
 * would run through other dots and the jogged one runs clear (the blocks placed: bx, by);
 * false when out of memory. */
bool csvchart_tr_jog_leaders(struct trend_layout *T);
void csvchart_tr_draw_leaders(struct trend_layout *T);

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
