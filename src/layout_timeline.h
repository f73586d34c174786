/*
 * layout_timeline.h - the timeline layout's own structures, shared by its five files:
 *
 *   layout_timeline.c        the whole figure: the frame and legend, the breaks of the time
 *                            axis, the ladder of ways to fit the requested size
 *   layout_timeline_items.c  the items (events, spans, clusters) and their text blocks
 *   layout_timeline_marks.c  the time map, ticks, and the marks every placement draws alike
 *   layout_timeline_place.c  two placements: horizontal (rows of blocks on both sides of one
 *                            axis), vertical (columns of blocks beside axis pieces)
 *   layout_timeline_lanes.c  the third: lanes (one swimlane per group over a shared axis)
 *
 * The geometry is named in one table, TIMELINE_METRICS (CSS px at u = 1, scaled by the
 * layout's geometry unit g).
 */
#ifndef CSVCHART_LAYOUT_TIMELINE_H
#define CSVCHART_LAYOUT_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"
#include "timeline_axis.h"
#include "timeline_data.h"

#define TIMELINE_METRICS(X)                                                                        \
    X(wrap, 260, "the widest a text block may be (horizontal, lanes)")                             \
    X(wrap_v, 520, "the widest a text block may be (vertical)")                                    \
    X(min_wrap, 110, "the narrowest column of text worth drawing (and at least 9 ems)")            \
    X(flag_gap, 7, "between a leader and its text block")                                          \
    X(reach_gap, 16, "kept free along the axis after a block, before another leader")              \
    X(level_gap, 14, "between two rows of blocks")                                                 \
    X(grow_gap, 64, "the most a gap between rows (or lanes) grows into free height")               \
    X(dot, 4.5, "an event's dot, radius")                                                          \
    X(ring, 1.5, "the background ring around a dot")                                               \
    X(clear_up, 12, "between a dot and the first row above the axis")                              \
    X(clear_down, 14, "between the tick labels and the first row below the axis")                  \
    X(tick, 5, "a tick's length")                                                                  \
    X(tick_gap, 5, "between a tick and its label")                                                 \
    X(tick_label_gap, 18, "least room between two tick labels along a horizontal axis")            \
    X(tick_spacing, 90, "least distance between two ticks along a horizontal axis")                \
    X(tick_label_gap_v, 8, "least room between two tick labels along a vertical axis")             \
    X(today_over, 9, "how far the today marker reaches over the axis")                             \
    X(marker, 1.5, "a marker's line, width (dashed like the axis after today)")                    \
    X(axis, 1.5, "the axis' width")                                                                \
    X(leader, 1, "a leader's width")                                                               \
    X(axis_pad, 14, "between an end of the axis and the nearest event")                            \
    X(break_w, 30, "the axis cut out at a break, its marks included")                              \
    X(break_mark, 7, "how far a break's marks reach from the axis")                                \
    X(break_half, 3.5, "half the gap in the axis at a break, between its two marks")               \
    X(break_slant, 2.5, "how far a break's marks lean")                                            \
    X(dash, 4, "the dashes of the axis after today")                                               \
    X(leader_overlap, 2, "how far a flag's leader runs beside its block short of its far edge")    \
    X(leader_end, 6, "between a bent leader's end and its block (vertical)")                       \
    X(leader_bend, 8, "from the span bars to a bent leader's first bend (vertical)")               \
    X(leader_slope, 16, "from a bent leader's second bend to its block (vertical)")                \
    X(tick_clear, 2, "a leader this close to a tick label counts as running into it")              \
    X(bar, 5, "a span's bar, thickness")                                                           \
    X(bar_gap, 2, "between two lanes of span bars")                                                \
    X(band, 8, "the band showing the month or year of a date given to it")                         \
    X(detail_gap, 2, "between a label and its detail")                                             \
    X(block_gap, 12, "between two blocks of a vertical column")                                    \
    X(v_tick_gap, 10, "between a tick label and a vertical axis")                                  \
    X(v_leader, 40, "room for the bent leaders of a vertical column")                              \
    X(col_gap, 32, "between two vertical columns")                                                 \
    X(lane_gap, 10, "between two lanes")                                                           \
    X(lane_head_gap, 6, "between a lane's name and its first row (names over the lanes)")          \
    X(lane_name_gap, 16, "between the lanes' names and the lanes (names in a column)")             \
    X(lane_row_gap, 6, "between two rows of a lane")                                               \
    X(lane_item_gap, 14, "between two items of one row of a lane")

#define TIMELINE_METRIC_FIELD(name, base, doc) double name;
struct timeline_metrics {
    TIMELINE_METRICS(TIMELINE_METRIC_FIELD)
};

#define TL_MAX_SEGS 8   /* pieces of a time axis between breaks */
#define TL_MAX_COLS 8   /* vertical columns */
#define TL_MAX_TICKS 64 /* ticks of one axis */
#define TL_MAX_LABEL_LINES 5
#define TL_MAX_DETAIL_LINES 6
#define TL_MAX_DATE_LINES 2
#define TL_CLUSTER_LINES 3     /* lines of names under a cluster's heading */
#define TL_ALL_NAMES_LINES 200 /* ... when it lists more (tl_config.names_chars) */
#define TL_NAMES_CHARS 80      /* the names a cluster lists at first, at most (one at least) */
#define TL_NAMES_TRY_CHARS                                                                         \
    640                         /* ... and where the room may hold more, the most tried (then      \
                                   halved down to TL_NAMES_CHARS) */
#define TL_NAMES_TRY_CLUSTERS 3 /* ... in a figure of this many clusters at most */
#define TL_NAMES_NEAR 2         /* ... each block starting at most this many lines from its dot */
#define TL_DATE_LEN 64

/* A time axis (or a piece of one): time in days -> position along it, piecewise linear, the
 * same px per day in every segment; between two segments a break of fixed length. */
struct tmap {
    size_t nseg;
    double t0[TL_MAX_SEGS], t1[TL_MAX_SEGS]; /* each segment's time */
    double p0[TL_MAX_SEGS];                  /* where each segment starts */
    double k;                                /* px per day */
    double start, end;                       /* the axis' ends, pads included */
};

struct tl_tick {
    double t, pos; /* time; position along the axis */
    double lo, hi; /* the label's extent along the axis */
    char label[TIME_TICK_LABEL];
    bool today;
};

/* One thing placed on the time axis: an event, a span, or a cluster of nearby events. */
struct tl_item {
    const struct timeline_event *e; /* the event; NULL for a cluster */
    size_t first, count;            /* its events: [first, first + count) of the data */
    double t0, t1, at;              /* the period it covers (days); where its mark sits */
    bool span;                      /* a bar from t0 to t1 */
    bool marker;                    /* a marker: a line across the axis, its block a flag */
    bool note;                      /* a note (annotate): placed like an event, no dot */
    bool banded;                    /* a point event dated to a month or a year */
    size_t group;
    csvchart_rgba color;
    const char *date; /* the first line: the date, or a cluster's dates and count (once measured) */
    char *heading;    /* a cluster: its first line (date points at it); owned */
    char *names;      /* a cluster: the names that fit ("A; B and 55 more"); owned */
    char *all;        /* a cluster: its names up to tl_config.names_chars ("A; B; C and 9
                         more", or every one), made when asked; owned */
    size_t all_chars; /* the names_chars `all` was made for */
    bool asked;       /* a cluster: its texts were given to prepare() (text.h) */
    const char *label; /* the label: the event's, or `names` */
    const char *detail;
    /* measured */
    size_t ndate, nlabel, ndetail; /* lines */
    double w, h;                   /* the text block */
    /* placed */
    double pos;    /* the mark along the axis: x (horizontal, lanes) or y (vertical) */
    double bx, by; /* the block's top-left */
    bool right;    /* text right-aligned to the block's right edge */
    int side;      /* horizontal: 0 above the axis, 1 below */
    size_t level;  /* horizontal: the row on its side; lanes: the row in its lane */
    size_t col;    /* vertical: the column */
    size_t bar;    /* a span's bar lane */
};

/* One way of drawing the data, as the ladder tries them (see layout_timeline.c). */
struct tl_config {
    bool detail;        /* detail lines drawn */
    double label_px;    /* the label size */
    double cluster;     /* events closer than this (days) share a cluster; < 0: none */
    size_t names_chars; /* 0: a cluster lists a few names in TL_CLUSTER_LINES; else as many as
                           this many characters hold (SIZE_MAX: every one), in as many lines as
                           they take (tried last, where the room allows: reviews 11 and 13) */
    bool vertical;      /* else horizontal (or lanes) */
};

#define MEMO_WAYS 8

/* A text's lines at one wrap width and size (layout_timeline.c, memo_lines()). */
struct tl_memo {
    double wrap, size, widest; /* wrap 0: empty */
    size_t max, n;
};

struct tl_column {
    size_t first, end; /* items [first, end) */
    struct tmap map;
    double t_end;         /* the last time it shows: its events', and the ends of its spans that end
                           * before the next column's first event (a longer span runs on in the next
                           * columns, from their tops) */
    size_t tick0, nticks; /* ticks [tick0, tick0 + nticks) of the timeline's array */
    double x, axis, x_bars, x_block, wrap;
};

/* A run of close events (csvchart_tl_build_items()). */
struct tl_run {
    size_t count, group, id;
    double first_at, last_at;
};

/* The closeness of events that may share a cluster, in days, tried in this order (from ties to
 * TL_CLUSTER_SHARE of the time shown), and the items each makes (layout_timeline_items.c). */
#define TL_NCLOSENESS 20
extern const double csvchart_tl_closeness[TL_NCLOSENESS];

/* The items each closeness of clustering makes, for one time shown and lanes setting. */
struct tl_counts {
    double tmin, tmax;
    bool lanes;
    unsigned known; /* bit c: n[c] is counted */
    size_t n[TL_NCLOSENESS];
};

struct timeline {
    struct layout L;
    struct timeline_metrics px;
    const struct timeline_data *d;
    const struct spec *s;
    struct tl_item *it; /* the items of the current configuration */
    size_t n, cap;
    size_t *member; /* the events of each cluster, in order (tl_item.first indexes it) */
    size_t *cid,
        *open; /* csvchart_tl_build_items()'s scratch: each event's item, each key's open run */
    struct tl_run *runs;
    struct tl_memo *memo;       /* MEMO_WAYS per text of each event (date, label, detail) */
    char (*dates)[TL_DATE_LEN]; /* each event's date line */
    unsigned char *memo_next;   /* the way to fill next, per text */
    bool *asked;                /* per event: its texts were given to prepare() (text.h) */
    struct tl_counts *counts;   /* remembered cluster counts (layout_timeline.c); may be NULL */
    struct tl_config cfg;
    bool optimistic; /* csvchart_tl_measure() gives every block its least size (try_config) */
    struct text_style date_st, label_st, names_st, detail_st, tick_st, today_st;
    double lh_date, lh_label, lh_detail, lh_tick;
    double asc_date, asc_label, asc_detail, asc_tick;
    double tmin, tmax;                           /* the extent shown, days */
    double period;                               /* the longest period a date names */
    double cut0[TL_MAX_SEGS], cut1[TL_MAX_SEGS]; /* stretches cut out of the axis */
    size_t ncuts;
    bool has_today;
    double today;
    bool timed;       /* some date has a time of day: ticks may be finer than a day */
    bool zoned;       /* some time was given with an offset (shown in UTC): the axis says so */
    bool color_dates; /* every group colour reads as text on the background */
    bool bands;       /* dates given to a month or year are shown as bands (with a legend) */
    size_t nbars;     /* lanes of span bars */
    bool lanes;       /* lanes = group */
    double plot_top, plot_bottom;
    /* horizontal and lanes */
    struct tmap map;
    double axis;         /* the axis' y (horizontal, lanes) */
    double *up_h, *dn_h; /* row heights above and below (horizontal), nevents each */
    size_t nup, ndn;
    double c_up, c_dn; /* from the axis to the first row above, below */
    double *row_h;     /* lanes: row heights (rows of every lane, lane after lane), nevents */
    size_t *row0;      /* lanes: each lane's first row in row_h, ngroups + 1 */
    double lanes_h;    /* lanes: from the top of the first lane to the axis */
    double lane_col;   /* lanes: the names' column width, or 0 for a heading over each lane */
    double lane_x;     /* lanes: where the lanes (and the time axis) begin */
    struct text_style lane_st; /* lanes: their names */
    double lh_lane, asc_lane;
    /* vertical */
    struct tl_column cols[TL_MAX_COLS];
    size_t ncols;
    double tick_col; /* the tick labels' column width */
    /* ticks of every axis */
    struct tl_tick ticks[TL_MAX_TICKS * TL_MAX_COLS];
    size_t nticks;
    size_t clusters, clustered; /* clusters drawn, events in them */
};

/* A cluster spans at most this share of the time shown (layout_timeline_items.c; the ladder
 * grows the closeness up to it). */
#define TL_CLUSTER_SHARE 0.025

/* Colour c with alpha a (0..255). */
static inline csvchart_rgba csvchart_tl_alpha(csvchart_rgba c, unsigned a)
{
    return (c & 0xFFFFFF00u) | (a & 0xFFu);
}

/* layout_timeline.c */
/* Widens [lo, hi] around its middle to at least 3 periods (and 2 hours, or 2 minutes for
 * dates shown with their seconds). */
void csvchart_tl_widen(double *lo, double *hi, double period, bool seconds);

/* layout_timeline_items.c: the items of the configuration T->cfg, and their text blocks */
/* Frees the items (and their strings); T->n becomes 0. */
void csvchart_tl_free_items(struct timeline *T);
/* When half of the events or more crowd at most a twentieth of the span, a count by period reads
 * better as bars: the period (day, week, month, quarter or year: about 20-100 periods over the
 * span) and the crowded stretch in days; "" when the crowd falls within less than one period (its
 * bars would be one: a figure of the crowd alone reads better); NULL when the events are not
 * crowded so. */
const char *csvchart_tl_period_hint(const struct timeline_data *d, double *crowded_days);
/* Builds the items of T->cfg (events alone, or clusters of close ones); false when out of
 * memory. */
bool csvchart_tl_build_items(struct timeline *T);
/* Counts the items closeness `cluster` (< 0: none) would make, writing each event's item number
 * into cid[], without building them; run[] and open[] are scratch of nevents and of the lanes. */
size_t csvchart_tl_cluster_count(struct timeline *T, size_t c);
size_t csvchart_tl_cluster_runs(const struct timeline *T, double cluster, size_t *cid,
                                struct tl_run *run, size_t *open);
/* Measures every item's block at a wrap width (a cluster's names depend on it); false when out
 * of memory (then scene->nomem is set). */
bool csvchart_tl_measure(struct timeline *T, double wrap);
void csvchart_tl_draw_block(struct timeline *T, const struct tl_item *P, double wrap);

/* layout_timeline_marks.c: the time map, ticks and marks the placements draw */
double csvchart_tl_map(const struct tmap *m, double t);
void csvchart_tl_map_build(const struct timeline *T, struct tmap *m, double a, double b, double p0,
                           double p1, double pad);
size_t csvchart_tl_choose_ticks(struct timeline *T, const struct tmap *m, bool vertical, double lo,
                                double hi, struct tl_tick *out);
void csvchart_tl_draw_axis(struct timeline *T, const struct tmap *m, double c, bool vertical);
/* One item's mark: a dot, a span's bar at `bar_at` across the axis (its dot too when span_dot),
 * or a cluster's capsule; c is the axis across. A banded event's pale band, the period its date
 * names, is drawn by csvchart_tl_draw_band() before every mark, so that it never greys another
 * event's dot (review 11). */
void csvchart_tl_draw_band(struct timeline *T, const struct tmap *m, const struct tl_item *P,
                           double c, bool vertical);
void csvchart_tl_draw_mark(struct timeline *T, const struct tmap *m, const struct tl_item *P,
                           double c, bool vertical, double bar_at, bool span_dot);
void csvchart_tl_draw_ticks(struct timeline *T, const struct tl_tick *t, size_t n, double c,
                            bool vertical, double label_at);
void csvchart_tl_dot(struct timeline *T, double x, double y, csvchart_rgba color);
/* A marker's line at `pos` along the axis, from a to b across it: dashed, yielding to text. */
void csvchart_tl_marker_line(struct timeline *T, bool vertical, double pos, double a, double b);

/* layout_timeline_place.c (horizontal, vertical) and layout_timeline_lanes.c (lanes): true
 * when the configuration fits (then the items are placed and csvchart_tl_draw_* draws them);
 * false when it does not, or out of memory (L.scene->nomem). */
bool csvchart_tl_place_horizontal(struct timeline *T);
void csvchart_tl_draw_horizontal(struct timeline *T);
bool csvchart_tl_place_vertical(struct timeline *T);
void csvchart_tl_draw_vertical(struct timeline *T);
bool csvchart_tl_place_lanes(struct timeline *T);
void csvchart_tl_draw_lanes(struct timeline *T);

#endif
