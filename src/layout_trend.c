/*
 * layout_trend.c - trends: dated series drawn as lines (or dots) on a time axis against a
 * linear or log10 value axis, in the manner of a newspaper graphic. Input is a bound struct
 * trend_data (trend_data.h); output is scene items. The figure, top to bottom:
 *
 *     Title                                                      (the frame, layout.c)
 *     Subtitle
 *     | GPT-4o           | Policy shift                          top band: flags above
 *     |                  |                                       the data, in rows
 *   $100 -|--------------|------------------------- .             gridlines, tick labels
 *         o-.            |                         Flagship       labels at the lines' ends,
 *    $10 -|---`o---------|---------------------  - halves every   in a column right of the
 *         |      `--o.   |                          7 months      plot (the rate of a fit
 *     $1 -|------------`-o------------------------                under each name)
 *         +------+-------+------+-------+------                   the time axis
 *       Jan 2024  Apr    Jul    Oct   Jan 2025                    calendar ticks
 *                          GPT-4o mini |                         bottom band: flags under
 *     Note: Log scale. Dashed: ...                                the axis, in rows
 *     Source: ...
 *
 *   1. the frame; the value axis' domain from the data alone (linear: from zero, or the round
 *      value below the least, to the first round value at or above the largest, as bars;
 *      log: the decades around the data), so the same data gets the same axis at every size;
 *   2. the arrangement (place()), without drawing: the column of line-end labels (a series'
 *      name over the rate of its fit; a lone series shows its rate only), the value tick
 *      gutter, the time map and its calendar ticks (timeline_axis.c), the flags of labelled
 *      points and markers placed in rows by the timeline's flag placer (layout_place.c) - a
 *      point flies its flag above the data when fewer other lines stand above it than below
 *      (its leader crosses fewer), else when it is in the upper half of the value axis, and
 *      under the time axis otherwise; markers go above - then the
 *      data's box, the value ticks for its height (the gutter widened and all of it done again
 *      when their labels need more room), and the line-end labels dodged apart along the
 *      column (layout_place.c's dodge) around the height of each line's last value;
 *   3. the ladder: line-end labels at the type scale's label size, then smaller down to the
 *      footer's size; then a legend instead of the column (its entries carry the rates), at
 *      the label size and smaller; none fits: csvchart_layout_no_fit() and
 *      csvchart_layout_fit() names a size that fits (fit = grow draws at it);
 *   4. drawing: gridlines (yielding to text), value tick labels, markers' lines and the flags'
 *      leaders (yielding to text), the fitted lines dashed, the series' lines - broken at
 *      missing values, a lone value a dot - and dots, the time axis with its ticks, the flags'
 *      text and the line-end labels with their leaders.
 *
 * No text sits inside the data's box: labels stand in the column, the bands and the gutters,
 * so no line of the data can cross one.
 */
#include "layout_trend.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "format.h"
#include "layout_place.h"
#include "scale.h"
#include "theme.h"
#include "timeline_axis.h"
#include "trend_data.h"

#define TREND_METRIC_BASE(name, base, doc) .name = base,
static const struct trend_metrics TR_BASE = {TREND_METRICS(TREND_METRIC_BASE)};

#define TR_MAX_TICKS 64
#define FLAG_LINES 3     /* lines of a flag's label */
#define END_NAME_LINES 3 /* lines of a series' name at the end of its line */
#define END_RATE_LINES 2
#define AUTO_DOTS 50 /* mark = auto: dots on the lines up to this many points a series */

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
    double w, h;
    bool up_pref; /* flies above the data when it can */
    /* placed */
    double pos;
    int side;
    size_t level;
    double bx, by;
};

/* The label at the end of a series' line. */
struct tr_end {
    size_t series;
    const char *name; /* NULL: no name line (a lone series) */
    char rate[192];   /* "" without a fit */
    size_t nname, nrate;
    double w, h, want, top;
    double x_end, y_end;
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
    bool direct; /* labels at the lines' ends (else a legend, or nothing to say) */
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
    csvchart_rgba *text_color; /* per series: its colour at 4.5:1 on the background */
    /* why the last arrangement failed */
    bool short_w, short_h;
    bool flags_failed; /* the flags were what did not fit */
    bool flag_wide;    /* a flag's block fits on neither side of its leader */
};

/* ---- the value axis ------------------------------------------------------------------------ */

/* The data's extent (fitted lines included) and the domain from it alone. */
static void value_domain(struct trend_layout *T)
{
    const struct trend_data *d = T->d;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < d->nseries; i++) {
        const struct trend_series *ts = &d->series[i];
        for (size_t k = 0; k < ts->n; k++) {
            if (ts->p[k].has) {
                lo = fmin(lo, ts->p[k].v);
                hi = fmax(hi, ts->p[k].v);
            }
        }
        if (ts->has_fit) { /* the fitted line's ends may pass the data's */
            double a = csvchart_trend_fit_at(&ts->fit, ts->t_first);
            double b = csvchart_trend_fit_at(&ts->fit, ts->t_last);
            lo = fmin(lo, fmin(a, b));
            hi = fmax(hi, fmax(a, b));
        }
    }
    T->lo = lo;
    T->hi = hi;
    if (T->log) {
        T->dlo = csvchart_decade(floor(log10(lo) + 1e-9));
        T->dhi = csvchart_decade(ceil(log10(hi) - 1e-9));
        if (!(T->dlo >= DBL_MIN)) {
            T->dlo = lo;
        }
        if (!isfinite(T->dhi)) {
            T->dhi = hi;
        }
        if (T->dhi <= T->dlo) {
            T->dhi = fmin(T->dlo * 10, DBL_MAX);
        }
        return;
    }
    T->dlo = lo < 0 ? -csvchart_nice_ceil(-lo) : 0;
    T->dhi = hi > 0 ? csvchart_nice_ceil(hi) : 0;
    if (T->dlo == 0 && T->dhi == 0) {
        T->dhi = 1;
    }
}

/* Where v lies in the domain: 0 at dlo, 1 at dhi. */
static double frac(const struct trend_layout *T, double v)
{
    if (T->log) {
        return (log10(v) - log10(T->dlo)) / (log10(T->dhi) - log10(T->dlo));
    }
    return (v / 2 - T->dlo / 2) / (T->dhi / 2 - T->dlo / 2); /* halves: no overflow */
}

/* The value ticks for `len` px of axis (about one per tick_spacing_v), their label plan and
 * the widest label. */
static void value_ticks(struct trend_layout *T, double len, int target)
{
    if (target < 0) { /* decades are fewer lines, of round values: closer is fine */
        target = (int)floor(len / (T->px.tick_spacing_v * (T->log ? 0.6 : 1))) + 1;
    }
    target = target < 2 ? 2 : target > 10 ? 10 : target;
    if (T->log) {
        csvchart_ticks_log_within(T->dlo, T->dhi, target, &T->ticks);
    } else {
        csvchart_ticks_within(T->dlo, T->dhi, target, &T->ticks);
    }
    csvchart_format_plan(&T->values.f, T->log ? LABELS_LOG_TICKS : LABELS_TICKS, T->ticks.major,
                         T->ticks.nmajor, T->ticks.step, false, &T->values, &T->tick_plan);
    T->tick_w = 0;
    for (size_t i = 0; i < T->ticks.nmajor; i++) {
        char buf[64];
        csvchart_format_planned(&T->tick_plan, T->ticks.major[i], buf, sizeof buf);
        T->tick_w = fmax(T->tick_w, csvchart_layout_width(&T->L, &T->tick_st, buf));
    }
}

/* Whether the value tick labels on `len` px keep a line and 2 px apart. */
static bool value_ticks_fit(const struct trend_layout *T, double len)
{
    for (size_t i = 1; i < T->ticks.nmajor; i++) {
        double a = frac(T, T->ticks.major[i - 1]), b = frac(T, T->ticks.major[i]);
        if ((b - a) * len < T->lh_tick + 2) {
            return false;
        }
    }
    return true;
}

/* ---- the time axis -------------------------------------------------------------------------- */

static double time_x(const struct trend_layout *T, double t)
{
    return T->tx0 + (t - T->t0) * T->k;
}

/*
 * The calendar ticks of the finest step whose labels, centred on their ticks, keep
 * tick_label_gap apart within [lo, hi] (a tick whose label would leave it is not made);
 * the year is named at the first tick and at each change of year (timeline_axis.h).
 */
static size_t time_ticks(struct trend_layout *T, double lo, double hi)
{
    struct layout *L = &T->L;
    double a = T->t0 - (T->tx0 - T->px0) / T->k, b = T->t0 + (T->px1 - T->tx0) / T->k;
    for (size_t k = 0; k < csvchart_time_step_count(); k++) {
        if (csvchart_time_step_days(k) * T->k < T->px.tick_spacing) {
            continue;
        }
        struct time_tick raw[TR_MAX_TICKS];
        size_t got = csvchart_time_ticks_in(T->s->locale, a, b, k, raw, TR_MAX_TICKS);
        if (got > TR_MAX_TICKS) {
            continue;
        }
        size_t n = 0;
        double last_hi = -INFINITY, prev = NAN;
        bool ok = true;
        for (size_t i = 0; i < got && ok; i++) {
            struct tr_tick t = {.t = raw[i].t, .pos = time_x(T, raw[i].t)};
            csvchart_time_tick_label_in(T->s->locale, k, t.t, prev, t.label, sizeof t.label);
            double w = csvchart_layout_width(L, &T->tick_st, t.label);
            t.lo = t.pos - w / 2;
            t.hi = t.pos + w / 2;
            if (t.lo < lo || t.hi > hi) {
                continue; /* no tick there: its label would leave the room it has */
            }
            if (t.lo < last_hi + T->px.tick_label_gap) {
                ok = false;
                break;
            }
            T->xt[n++] = t;
            last_hi = t.hi;
            prev = t.t;
        }
        if (ok && n > 0) {
            return n;
        }
    }
    return 0;
}

/* True when a leader at x under the time axis would run through a tick label. */
static bool hits_tick(const struct trend_layout *T, double x)
{
    for (size_t i = 0; i < T->nxt; i++) {
        if (x >= T->xt[i].lo - 2 && x <= T->xt[i].hi + 2) {
            return true;
        }
    }
    return false;
}

/* ---- text blocks ---------------------------------------------------------------------------- */

static double line_height(const struct trend_layout *T, const struct text_style *st)
{
    return csvchart_layout_line_height(&T->L, st);
}

/* Lines of `s` at `wrap` (at most `most`), widening *w to the widest. */
static size_t lines_of(const struct trend_layout *T, const struct text_style *st, const char *s,
                       double wrap, size_t most, double *w)
{
    double widest;
    size_t n = csvchart_layout_lines(&T->L, st, s, wrap, most, &widest);
    n = n < most ? n : most;
    *w = fmax(*w, fmin(widest, wrap));
    return n ? n : 1;
}

/* The first baseline of a paragraph whose lines start at `top`: on a device pixel, never
 * above what `top` allows (as the timeline's blocks). */
static double first_baseline(const struct trend_layout *T, double top, const struct text_style *st)
{
    return ceil((top + csvchart_layout_ascent(&T->L, st)) * T->L.scale - 1e-6) / T->L.scale;
}

static void measure_flags(struct trend_layout *T, double wrap)
{
    for (size_t i = 0; i < T->nfl; i++) {
        struct tr_flag *F = &T->fl[i];
        F->w = 0;
        F->nhead = lines_of(T, F->head_st, F->head, wrap, F->marker ? 1 : FLAG_LINES, &F->w);
        F->nbody = lines_of(T, F->body_st, F->body, wrap, F->marker ? FLAG_LINES : 1, &F->w);
        F->h = (double)F->nhead * line_height(T, F->head_st) +
               (double)F->nbody * line_height(T, F->body_st) + 2 / T->L.scale;
    }
}

static void draw_flag(struct trend_layout *T, const struct tr_flag *F, double wrap)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    enum text_anchor an = F->side == 1 ? TEXT_ANCHOR_END : TEXT_ANCHOR_START;
    double x = F->side == 1 ? F->bx + F->w : F->bx;
    csvchart_rgba head_c = F->marker ? th->subtitle : T->text_color[F->series];
    csvchart_rgba body_c = F->marker ? th->text : th->faint;
    double base = first_baseline(T, F->by, F->head_st);
    csvchart_layout_paragraph(L, F->head_st, head_c, F->head, x, base, wrap, F->nhead, an);
    double lh = line_height(T, F->head_st);
    double y = base - csvchart_layout_ascent(L, F->head_st) + (double)F->nhead * lh;
    base = first_baseline(T, y, F->body_st);
    csvchart_layout_paragraph(L, F->body_st, body_c, F->body, x, base, wrap, F->nbody, an);
}

/* The line-end labels' texts and sizes at `wrap`; false when a word does not fit it. */
static bool measure_ends(struct trend_layout *T, double wrap)
{
    for (size_t i = 0; i < T->nends; i++) {
        struct tr_end *E = &T->ends[i];
        E->w = 0;
        E->nname = E->nrate = 0;
        if (E->name) {
            if (csvchart_layout_widest_word(&T->L, &T->name_st, E->name) > wrap) {
                return false;
            }
            size_t n =
                csvchart_layout_lines(&T->L, &T->name_st, E->name, wrap, END_NAME_LINES, NULL);
            if (n > END_NAME_LINES) {
                return false;
            }
            E->nname = lines_of(T, &T->name_st, E->name, wrap, END_NAME_LINES, &E->w);
        }
        if (E->rate[0]) {
            if (csvchart_layout_widest_word(&T->L, &T->rate_st, E->rate) > wrap ||
                csvchart_layout_lines(&T->L, &T->rate_st, E->rate, wrap, END_RATE_LINES, NULL) >
                    END_RATE_LINES) {
                return false;
            }
            E->nrate = lines_of(T, &T->rate_st, E->rate, wrap, END_RATE_LINES, &E->w);
        }
        E->h = (double)E->nname * line_height(T, &T->name_st) +
               (double)E->nrate * line_height(T, &T->rate_st) + 2 / T->L.scale;
    }
    return true;
}

static int by_series(const void *pa, const void *pb)
{
    const struct tr_end *a = pa, *b = pb;
    return a->series < b->series ? -1 : a->series > b->series;
}

static int by_want(const void *pa, const void *pb)
{
    const struct tr_end *a = pa, *b = pb;
    if (a->want != b->want) {
        return a->want < b->want ? -1 : 1;
    }
    return a->series < b->series ? -1 : a->series > b->series;
}

/* ---- the arrangement ------------------------------------------------------------------------ */

static double value_y(const struct trend_layout *T, double v)
{
    return csvchart_scale_map(&T->sc, v);
}

/* Fails the arrangement, saying which side is short. */
static bool fail(struct trend_layout *T, bool short_w, bool short_h)
{
    T->short_w = T->short_w || short_w;
    T->short_h = T->short_h || short_h;
    return false;
}

/*
 * Places the flags for the current time map: sides (a point's by its height on the value
 * axis, markers above; a block that fits one side only takes it) and rows. Returns the height
 * the rows need with `fixed` (INFINITY when over `limit`), NAN when out of memory.
 */
static double place_flags(struct trend_layout *T, double fixed, double limit)
{
    struct layout *L = &T->L;
    /* Above the data a block may run on over the column of line-end labels, which stay
     * below the rows of flags (place()); under the axis blocks hang left of their leaders. */
    double xr = L->right;
    for (size_t i = 0; i < T->nfl; i++) {
        struct tr_flag *F = &T->fl[i];
        F->pos = time_x(T, F->t);
        bool up = F->pos + T->px.flag_gap + F->w <= xr + 0.01;
        bool dn = F->pos - T->px.flag_gap - F->w >= L->left - 0.01;
        T->pf[i] = (struct place_flag){.pos = F->pos, .w = F->w, .h = F->h};
        T->pf[i].up_ok = up && (F->up_pref || !dn);
        T->pf[i].dn_ok = dn && (!F->up_pref || !up);
        T->pf[i].hit = hits_tick(T, F->pos);
        if (!up && !dn) {
            T->flags_failed = T->flag_wide = true;
            return INFINITY;
        }
    }
    struct place_rows rows = {.flag_gap = T->px.flag_gap,
                              .reach_gap = T->px.reach_gap,
                              .level_gap = T->px.level_gap,
                              .fixed = fixed,
                              .up_h = T->up_h,
                              .dn_h = T->dn_h};
    double h = csvchart_place_flags(T->pf, T->nfl, &rows, limit);
    T->nup = rows.nup;
    T->ndn = rows.ndn;
    for (size_t i = 0; i < T->nfl; i++) {
        T->fl[i].side = T->pf[i].side;
        T->fl[i].level = T->pf[i].level;
    }
    if (h == INFINITY) {
        T->flags_failed = true;
    }
    return h;
}

static double rows_height(const double *rows, size_t n, double gap)
{
    double h = 0;
    for (size_t i = 0; i < n; i++) {
        h += rows[i] + (i ? gap : 0);
    }
    return h;
}

/*
 * Arranges the figure at the current label size, with the line-end labels in a column
 * (`direct`) or none; true when everything fits the plot box (then every position is set);
 * false with T->short_w / short_h saying why.
 */
static bool place(struct trend_layout *T, bool direct)
{
    struct layout *L = &T->L;
    const struct trend_metrics *px = &T->px;
    T->short_w = T->short_h = T->flags_failed = T->flag_wide = false;
    T->direct = direct && T->nends > 0;
    T->plot_top = L->top;
    T->plot_bottom = L->bottom;
    double plot_h = T->plot_bottom - T->plot_top, frame_w = L->right - L->left;
    if (plot_h < px->min_plot) {
        return fail(T, false, true);
    }
    T->col_w = 0;
    T->px1 = L->right;
    if (T->direct) {
        double wrap = fmin(px->end_wrap, 0.3 * frame_w);
        if (!measure_ends(T, wrap)) {
            return fail(T, true, false);
        }
        for (size_t i = 0; i < T->nends; i++) {
            T->col_w = fmax(T->col_w, T->ends[i].w);
        }
        T->col_x = L->right - T->col_w;
        T->px1 = T->col_x - px->end_gap;
    }
    double flag_wrap = fmin(px->flag_wrap, 0.4 * frame_w);
    measure_flags(T, flag_wrap);
    /* Below the data: the time axis' ticks and labels, which start clear of the lowest value
     * tick label (centred on the axis, in the gutter); above it, half a tick label too. */
    double xlab_off = fmax(px->tick + px->tick_gap, T->lh_tick / 2 + 2);
    double c_dn = xlab_off + T->lh_tick, c_up = fmax(T->r + px->ring, T->lh_tick / 2 + 1);
    double data_min = fmax(px->min_plot, 0.4 * plot_h);
    value_ticks(T, plot_h - c_dn - c_up, -1);
    T->gutter = T->tick_w + px->gutter_gap;
    bool settled = false;
    for (int round = 0; round < 4 && !settled; round++) {
        T->px0 = L->left + T->gutter;
        if (T->px1 - T->px0 < px->min_plot_w) {
            return fail(T, true, false);
        }
        double pad = T->r + px->ring + 1;
        T->tx0 = T->px0 + pad;
        T->k = (T->px1 - T->px0 - 2 * pad) / (T->t1 - T->t0);
        double hi =
            T->direct ? T->px1 + px->end_gap / 2 : fmin(T->s->width, L->right + L->px.pad_x / 2);
        T->nxt = time_ticks(T, L->left, hi);
        if (T->nxt == 0) {
            return fail(T, true, false);
        }
        T->nup = T->ndn = 0;
        if (T->nfl) {
            double fixed = c_up + c_dn + data_min + px->clear_up + px->clear_down;
            double h = place_flags(T, fixed, plot_h);
            if (h != h) {
                L->scene->nomem = true;
                return false;
            }
            if (h > plot_h) {
                /* a block too wide for either side wants width; rows want height */
                return fail(T, T->flag_wide, !T->flag_wide);
            }
        }
        double band_up = rows_height(T->up_h, T->nup, px->level_gap);
        double band_dn = rows_height(T->dn_h, T->ndn, px->level_gap);
        T->data_top = T->plot_top + band_up + (T->nup ? px->clear_up : 0) + c_up;
        T->data_bottom = T->plot_bottom - band_dn - (T->ndn ? px->clear_down : 0) - c_dn;
        double data_h = T->data_bottom - T->data_top;
        if (data_h < data_min - 0.01) {
            return fail(T, false, true);
        }
        value_ticks(T, data_h, -1);
        for (int target = (int)T->ticks.nmajor - 1; !value_ticks_fit(T, data_h) && target >= 2;
             target--) {
            value_ticks(T, data_h, target);
        }
        if (!value_ticks_fit(T, data_h)) {
            return fail(T, false, true);
        }
        double need = T->tick_w + px->gutter_gap;
        settled = need <= T->gutter + 0.01;
        T->gutter = fmax(T->gutter, need);
    }
    if (!settled) {
        return fail(T, true, false);
    }
    T->xlab_base = T->data_bottom + xlab_off + T->asc_tick;
    T->sc = (struct scale){T->log ? SCALE_LOG : SCALE_LINEAR, T->dlo, T->dhi, T->data_bottom,
                           T->data_top};
    /* Flags: the blocks' corners. Above, rows stand on the band's bottom, the first nearest
     * the data; under the axis they hang from the band's top. */
    double edge_up = T->data_top - c_up - (T->nup ? px->clear_up : 0);
    double edge_dn = T->data_bottom + c_dn + (T->ndn ? px->clear_down : 0);
    for (size_t i = 0; i < T->nfl; i++) {
        struct tr_flag *F = &T->fl[i];
        double y = F->side == 0 ? edge_up : edge_dn;
        const double *rows = F->side == 0 ? T->up_h : T->dn_h;
        for (size_t l = 0; l < F->level; l++) {
            y += (F->side == 0 ? -1 : 1) * (rows[l] + px->level_gap);
        }
        F->by = F->side == 0 ? y - F->h : y;
        F->bx = F->side == 0 ? F->pos + px->flag_gap : F->pos - px->flag_gap - F->w;
    }
    /* Line-end labels: each wants its first line level with its line's last value; dodged
     * apart along the column, in the plot's height. */
    if (T->direct) {
        double total = 0;
        for (size_t i = 0; i < T->nends; i++) {
            struct tr_end *E = &T->ends[i];
            const struct trend_series *ts = &T->d->series[E->series];
            const struct trend_point *last = NULL;
            for (size_t k = ts->n; k-- > 0 && !last;) {
                last = ts->p[k].has ? &ts->p[k] : NULL;
            }
            E->x_end = time_x(T, last->t);
            E->y_end = value_y(T, last->v);
            const struct text_style *first = E->name ? &T->name_st : &T->rate_st;
            E->want = E->y_end - line_height(T, first) / 2;
            total += E->h + (i ? px->end_block_gap : 0);
        }
        double top = T->nup ? edge_up : T->plot_top;
        if (total > T->plot_bottom - top) {
            return fail(T, false, true);
        }
        qsort(T->ends, T->nends, sizeof *T->ends, by_want);
        double *want = T->dodge_buf, *h = want + T->nends, *tops = h + T->nends;
        for (size_t i = 0; i < T->nends; i++) {
            want[i] = T->ends[i].want;
            h[i] = T->ends[i].h;
        }
        if (!csvchart_place_dodge(want, h, T->nends, px->end_block_gap, top, T->plot_bottom,
                                  tops)) {
            L->scene->nomem = true;
            return false;
        }
        for (size_t i = 0; i < T->nends; i++) {
            T->ends[i].top = tops[i];
        }
    }
    return true;
}

/* ---- drawing ------------------------------------------------------------------------------- */

static void draw_value_axis(struct trend_layout *T)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    csvchart_rgba minor = (th->grid & 0xFFFFFF00u) | 0x90u;
    double len = T->data_bottom - T->data_top;
    double decade_px = T->log ? len / log10(T->dhi / T->dlo) : 0;
    size_t nminor = decade_px >= 110 * L->g ? T->ticks.nminor : 0;
    for (size_t i = 0; i < nminor; i++) {
        double y = csvchart_layout_snap(L, value_y(T, T->ticks.minor[i]), T->px.grid);
        csvchart_layout_soft_line(L, T->px0, y, T->px1, y, minor, T->px.grid);
    }
    for (size_t i = 0; i < T->ticks.nmajor; i++) {
        double v = T->ticks.major[i];
        double y = csvchart_layout_snap(L, value_y(T, v), T->px.grid);
        if (fabs(y - T->data_bottom) > 0.5 && !(v == 0 && !T->log)) {
            csvchart_layout_soft_line(L, T->px0, y, T->px1, y, th->grid, T->px.grid);
        }
        char buf[64];
        csvchart_format_planned(&T->tick_plan, v, buf, sizeof buf);
        csvchart_layout_text(L, &T->tick_st, th->faint, buf, strlen(buf), T->px0 - T->px.gutter_gap,
                             y + T->asc_tick - T->lh_tick / 2, TEXT_ANCHOR_END);
    }
    if (!T->log && T->dlo < 0 && T->dhi > 0) { /* zero, solid */
        double y = csvchart_layout_snap(L, value_y(T, 0), T->px.axis);
        csvchart_scene_line(L->scene, T->px0, y, T->px1, y, th->axis, T->px.axis);
    }
}

static void draw_time_axis(struct trend_layout *T)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    double y = csvchart_layout_snap(L, T->data_bottom, T->px.axis);
    csvchart_scene_line(L->scene, T->px0, y, T->px1, y, th->axis, T->px.axis);
    for (size_t i = 0; i < T->nxt; i++) {
        double x = csvchart_layout_snap(L, T->xt[i].pos, T->px.leader);
        csvchart_scene_line(L->scene, x, y, x, y + T->px.tick, th->axis, T->px.leader);
        csvchart_layout_text(L, &T->tick_st, th->faint, T->xt[i].label, strlen(T->xt[i].label),
                             T->xt[i].pos, T->xlab_base, TEXT_ANCHOR_MIDDLE);
    }
}

/* The y of a flag's anchor: its point, or (a marker) the far edge of the data. */
static void draw_leaders(struct trend_layout *T)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    for (size_t i = 0; i < T->nfl; i++) {
        const struct tr_flag *F = &T->fl[i];
        double x = csvchart_layout_snap(L, F->pos, T->px.leader);
        double from;
        if (F->marker) {
            from = F->side == 0 ? T->data_bottom : T->data_top;
        } else {
            double y = value_y(T, F->v), gap = T->r + T->px.ring;
            from = F->side == 0 ? y - gap : y + gap;
        }
        double to =
            F->side == 0 ? F->by + T->px.leader_overlap : F->by + F->h - T->px.leader_overlap;
        struct scene_item *it =
            csvchart_layout_soft_line(L, x, from, x, to, th->muted, T->px.leader);
        if (it && F->marker) {
            it->dash = T->px.marker_dash;
        }
    }
}

static void dot(struct trend_layout *T, double x, double y, csvchart_rgba color, const char *title)
{
    struct scene_item *it = csvchart_scene_circle(T->L.scene, x, y, T->r, color);
    if (it) {
        it->stroke = T->s->theme.background;
        it->stroke_width = T->px.ring;
        csvchart_scene_item_set_title(T->L.scene, it, title);
    }
}

/* The fitted line, dashed: straight on a log axis, a curve (48 pieces) on a linear one. */
static void draw_fit(struct trend_layout *T, const struct trend_series *ts, csvchart_rgba color)
{
    struct layout *L = &T->L;
    size_t n = T->log ? 2 : 49;
    struct scene_point pts[49];
    for (size_t i = 0; i < n; i++) {
        double t = ts->t_first + (ts->t_last - ts->t_first) * (double)i / (double)(n - 1);
        pts[i] = (struct scene_point){time_x(T, t), value_y(T, csvchart_trend_fit_at(&ts->fit, t))};
    }
    struct scene_item *it;
    if (n == 2) {
        it = csvchart_scene_line(L->scene, pts[0].x, pts[0].y, pts[1].x, pts[1].y, color,
                                 T->px.fit_line);
    } else {
        it =
            csvchart_scene_path(L->scene, pts, n, false, CSVCHART_RGBA_NONE, color, T->px.fit_line);
    }
    if (it) {
        it->dash = T->px.fit_dash;
    }
}

/* A point's description, for the SVG title of its dot: "Flagship: $5 (May 2024)". */
static void point_title(const struct trend_layout *T, const struct trend_series *ts,
                        const struct trend_point *p, char *buf, size_t n)
{
    char v[96], date[64];
    csvchart_format_planned(&T->values, p->v, v, sizeof v);
    csvchart_date_format(&p->date, false, date, sizeof date);
    snprintf(buf, n, "%s%s%s: %s (%s)", ts->name, p->label ? ", " : "", p->label ? p->label : "", v,
             date);
}

static void draw_series(struct trend_layout *T)
{
    struct layout *L = &T->L;
    const struct trend_data *d = T->d;
    const struct theme *th = &T->s->theme;
    size_t most = 0;
    for (size_t i = 0; i < d->nseries; i++) {
        most = d->series[i].n > most ? d->series[i].n : most;
    }
    struct scene_point *pts = malloc((most ? most : 1) * sizeof *pts);
    if (!pts) {
        L->scene->nomem = true;
        return;
    }
    for (size_t i = 0; i < d->nseries; i++) {
        const struct trend_series *ts = &d->series[i];
        if (ts->has_fit) {
            draw_fit(T, ts, th->palette[i % th->npalette]);
        }
    }
    for (size_t i = 0; i < d->nseries; i++) {
        const struct trend_series *ts = &d->series[i];
        csvchart_rgba color = th->palette[i % th->npalette];
        /* Runs of values between missing ones: a line each; a run of one is a dot. */
        for (size_t a = 0; a < ts->n;) {
            if (!ts->p[a].has) {
                a++;
                continue;
            }
            size_t b = a;
            while (b < ts->n && ts->p[b].has) {
                pts[b - a] = (struct scene_point){time_x(T, ts->p[b].t), value_y(T, ts->p[b].v)};
                b++;
            }
            if (b - a > 1 && T->lines) {
                struct scene_item *it = csvchart_scene_path(L->scene, pts, b - a, false,
                                                            CSVCHART_RGBA_NONE, color, T->px.line);
                csvchart_scene_item_set_title(L->scene, it, ts->name);
            }
            for (size_t k = a; k < b; k++) {
                if (T->dots || b - a == 1 || !T->lines || (ts->p[k].label && d->labels)) {
                    char title[400];
                    point_title(T, ts, &ts->p[k], title, sizeof title);
                    dot(T, pts[k - a].x, pts[k - a].y, color, title);
                }
            }
            a = b;
        }
    }
    free(pts);
}

static void draw_ends(struct trend_layout *T)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    for (size_t i = 0; i < T->nends; i++) {
        const struct tr_end *E = &T->ends[i];
        const struct text_style *first = E->name ? &T->name_st : &T->rate_st;
        double mid = E->top + line_height(T, first) / 2;
        /* A leader when the label moved off its line's level, or the line ends short of the
         * plot's right edge: along the line's level to the plot's edge, then to the label. */
        double xa = E->x_end + T->r + T->px.end_lead, xb = T->col_x - T->px.end_lead;
        if (fabs(mid - E->y_end) > 1 || E->x_end < T->px1 - T->r - 2) {
            double xm = fmax(xa, T->px1 + T->px.end_lead);
            double y0 = csvchart_layout_snap(L, E->y_end, T->px.leader);
            if (xm > xa) {
                csvchart_layout_soft_line(L, xa, y0, xm, y0, th->muted, T->px.leader);
            }
            csvchart_layout_soft_line(L, xm, y0, xb, mid, th->muted, T->px.leader);
        }
        csvchart_rgba c = T->text_color[E->series];
        double y = E->top;
        if (E->name) {
            double base = first_baseline(T, y, &T->name_st);
            csvchart_layout_paragraph(L, &T->name_st, c, E->name, T->col_x, base, T->col_w,
                                      E->nname, TEXT_ANCHOR_START);
            y = base - csvchart_layout_ascent(L, &T->name_st) +
                (double)E->nname * line_height(T, &T->name_st);
        }
        if (E->rate[0]) {
            double base = first_baseline(T, y, &T->rate_st);
            csvchart_layout_paragraph(L, &T->rate_st, E->name ? th->text : c, E->rate, T->col_x,
                                      base, T->col_w, E->nrate, TEXT_ANCHOR_START);
        }
    }
}

/* ---- the whole figure ---------------------------------------------------------------------- */

/* The notes the chart adds: the log scale, what the dashed lines are. */
static void auto_note(const struct trend_layout *T, char *buf, size_t n)
{
    bool fits = false;
    size_t nfit = 0;
    for (size_t i = 0; i < T->d->nseries; i++) {
        nfit += T->d->series[i].has_fit;
    }
    fits = nfit > 0;
    snprintf(buf, n, "%s%s%s", T->log ? "Log scale." : "", T->log && fits ? " " : "",
             !fits      ? ""
             : nfit > 1 ? "Dashed lines: trends fitted by least squares to the logarithm of the "
                          "values."
                        : "Dashed line: trend fitted by least squares to the logarithm of the "
                          "values.");
}

/* The SVG <desc>: "Trend of price by date: 2 series, 11 values from March 2023 to April 2025;
 * Flagship halves every 7 months." */
static void describe(struct trend_layout *T)
{
    const struct trend_data *d = T->d;
    size_t values = 0;
    const struct trend_point *first = NULL, *last = NULL;
    for (size_t i = 0; i < d->nseries; i++) {
        const struct trend_series *ts = &d->series[i];
        values += ts->nvalues;
        for (size_t k = 0; k < ts->n; k++) {
            if (!ts->p[k].has) {
                continue;
            }
            first = !first || ts->p[k].t < first->t ? &ts->p[k] : first;
            last = !last || ts->p[k].t > last->t ? &ts->p[k] : last;
        }
    }
    char a[64] = "", b[64] = "", buf[2048];
    csvchart_date_format(&first->date, true, a, sizeof a);
    csvchart_date_format(&last->date, true, b, sizeof b);
    int k = snprintf(buf, sizeof buf, "Trend of %s by %s: %zu series, %zu value%s", d->value_name,
                     d->x_name, d->nseries, values, values == 1 ? "" : "s");
    if (k > 0 && (size_t)k < sizeof buf) {
        k += strcmp(a, b) == 0 ? snprintf(buf + k, sizeof buf - (size_t)k, ", %s", a)
                               : snprintf(buf + k, sizeof buf - (size_t)k, " from %s to %s", a, b);
    }
    for (size_t i = 0; i < d->nseries && k > 0 && (size_t)k < sizeof buf; i++) {
        const struct trend_series *ts = &d->series[i];
        if (!ts->has_fit) {
            continue;
        }
        char rate[192];
        csvchart_error e = {0};
        csvchart_trend_text(&ts->rate, T->s->trend_label, ts->name, rate, sizeof rate, &e);
        k += snprintf(buf + k, sizeof buf - (size_t)k, "; %s: %s", ts->name, rate);
    }
    if (k > 0 && (size_t)k < sizeof buf) {
        snprintf(buf + k, sizeof buf - (size_t)k, ".");
    }
    csvchart_scene_set_string(T->L.scene, &T->L.scene->desc, buf);
}

static void set_label_size(struct trend_layout *T, double size)
{
    T->tick_st.size_px = T->name_st.size_px = T->rate_st.size_px = T->flag_st.size_px = size;
    T->lh_tick = line_height(T, &T->tick_st);
    T->asc_tick = csvchart_layout_ascent(&T->L, &T->tick_st);
}

/* Places at the largest label size, in half pixels from the label size down to the footer's,
 * at which the arrangement fits (smaller text never needs more room: bisected). */
static bool place_sized(struct trend_layout *T, bool direct)
{
    double full = T->L.label.size_px, least = T->L.label_min;
    set_label_size(T, full);
    if (place(T, direct) || T->L.scene->nomem) {
        return !T->L.scene->nomem;
    }
    bool sw = T->short_w, sh = T->short_h;
    if (least >= full) {
        return false;
    }
    set_label_size(T, least);
    if (!place(T, direct)) {
        T->short_w = T->short_w || sw;
        T->short_h = T->short_h || sh;
        return false;
    }
    double lo = least, hi = full; /* lo fits, hi does not */
    while (hi - lo > 0.5) {
        double mid = floor((lo + hi) / 2 * 2) / 2;
        if (mid <= lo) {
            break;
        }
        set_label_size(T, mid);
        *(place(T, direct) ? &lo : &hi) = mid;
        if (T->L.scene->nomem) {
            return false;
        }
    }
    set_label_size(T, lo);
    return place(T, direct);
}

/*
 * Where the line of series ts is at time t, as a fraction of the value axis; false where it
 * has no line (before its first value, after its last, or across a missing one).
 */
static bool line_at(const struct trend_layout *T, const struct trend_series *ts, double t,
                    double *f)
{
    for (size_t k = 0; k + 1 < ts->n; k++) {
        const struct trend_point *a = &ts->p[k], *b = &ts->p[k + 1];
        if (t >= a->t && t <= b->t && a->has && b->has) {
            double fa = frac(T, a->v), fb = frac(T, b->v);
            *f = b->t > a->t ? fa + (fb - fa) * (t - a->t) / (b->t - a->t) : fa;
            return true;
        }
    }
    return false;
}

/*
 * Whether a labelled point flies its flag above the data: towards the side where fewer other
 * lines stand at its time (its leader crosses fewer of them), else the half of the value axis
 * it is in. Measured on the axis' fractions, so it does not depend on the size.
 */
static bool flag_up(const struct trend_layout *T, size_t series, const struct trend_point *p)
{
    double f = frac(T, p->v), g;
    size_t above = 0, below = 0;
    for (size_t j = 0; j < T->d->nseries; j++) {
        if (j != series && line_at(T, &T->d->series[j], p->t, &g)) {
            above += g > f;
            below += g < f;
        }
    }
    return above != below ? above < below : f >= 0.5;
}

/* The flags: every labelled point with a value, then every marker; sorted along the axis. */
static bool make_flags(struct trend_layout *T)
{
    const struct trend_data *d = T->d;
    size_t n = d->nmarkers;
    for (size_t i = 0; i < d->nseries; i++) {
        for (size_t k = 0; k < d->series[i].n; k++) {
            n += d->series[i].p[k].label && d->series[i].p[k].has;
        }
    }
    T->fl = calloc(n ? n : 1, sizeof *T->fl);
    T->pf = calloc(n ? n : 1, sizeof *T->pf);
    T->up_h = calloc(n ? n : 1, sizeof *T->up_h);
    T->dn_h = calloc(n ? n : 1, sizeof *T->dn_h);
    if (!T->fl || !T->pf || !T->up_h || !T->dn_h) {
        return false;
    }
    double *vals = malloc(sizeof *vals);
    for (size_t i = 0; i < d->nseries && vals; i++) {
        const struct trend_series *ts = &d->series[i];
        /* a labelled value is written as its series writes its values ("27" beside a
         * series of "3.9"), with one plan for the series */
        struct label_plan plan = T->values;
        double *more = realloc(vals, (ts->n ? ts->n : 1) * sizeof *vals);
        if (!more) {
            free(vals);
            vals = NULL;
            break;
        }
        vals = more;
        size_t nv = 0;
        for (size_t k = 0; k < ts->n; k++) {
            if (ts->p[k].has) {
                vals[nv++] = ts->p[k].v;
            }
        }
        struct value_format f = T->values.f;
        f.unit.decimals = ts->decimals;
        csvchart_format_plan(&f, LABELS_VALUES, vals, nv, 0, d->computed, NULL, &plan);
        for (size_t k = 0; k < ts->n; k++) {
            const struct trend_point *p = &ts->p[k];
            if (!p->label || !p->has) {
                continue;
            }
            struct tr_flag *F = &T->fl[T->nfl++];
            *F = (struct tr_flag){.series = i, .index = k, .t = p->t, .v = p->v};
            csvchart_format_planned(&plan, p->v, F->text, sizeof F->text);
            F->head_st = &T->flag_st;
            F->body_st = &T->value_st;
            F->up_pref = flag_up(T, i, p);
        }
    }
    bool ok = vals != NULL;
    free(vals);
    if (!ok) {
        return false;
    }
    for (size_t i = 0; i < d->nmarkers; i++) {
        struct tr_flag *F = &T->fl[T->nfl++];
        *F = (struct tr_flag){.marker = true, .index = i, .t = d->markers[i].t, .up_pref = true};
        csvchart_date_format_in(T->s->locale, &d->markers[i].date, false, F->text, sizeof F->text);
        F->head_st = &T->date_st;
        F->body_st = &T->flag_st;
    }
    /* along the axis; ties: points before markers, then in series and file order */
    for (size_t i = 1; i < T->nfl; i++) {
        struct tr_flag f = T->fl[i];
        size_t j = i;
        while (j > 0 && T->fl[j - 1].t > f.t) {
            T->fl[j] = T->fl[j - 1];
            j--;
        }
        T->fl[j] = f;
    }
    /* The texts, now that the flags stay where they are (a flag's own text is in it). */
    for (size_t i = 0; i < T->nfl; i++) {
        struct tr_flag *F = &T->fl[i];
        if (F->marker) {
            F->head = F->text;
            F->body = d->markers[F->index].label;
        } else {
            F->head = d->series[F->series].p[F->index].label;
            F->body = F->text;
        }
    }
    return true;
}

/* The line-end labels: a name for each series when there are several, the rate of each fit. */
static bool make_ends(struct trend_layout *T)
{
    const struct trend_data *d = T->d;
    T->ends = calloc(d->nseries ? d->nseries : 1, sizeof *T->ends);
    T->dodge_buf = malloc(3 * (d->nseries ? d->nseries : 1) * sizeof *T->dodge_buf);
    if (!T->ends || !T->dodge_buf) {
        return false;
    }
    size_t drawn = 0; /* series with a value: a series of missing values draws nothing */
    for (size_t i = 0; i < d->nseries; i++) {
        drawn += d->series[i].nvalues > 0;
    }
    for (size_t i = 0; i < d->nseries; i++) {
        const struct trend_series *ts = &d->series[i];
        if (ts->nvalues == 0 || (drawn == 1 && !ts->has_fit)) {
            continue;
        }
        struct tr_end *E = &T->ends[T->nends++];
        E->series = i;
        E->name = drawn > 1 ? ts->name : NULL;
        if (ts->has_fit) {
            csvchart_error e = {0};
            csvchart_trend_text(&ts->rate, T->s->trend_label, ts->name, E->rate, sizeof E->rate,
                                &e); /* checked when bound */
        }
    }
    return true;
}

/* The legend, instead of the line-end labels: each series with its rate. */
static bool legend(struct trend_layout *T)
{
    const struct theme *th = &T->s->theme;
    qsort(T->ends, T->nends, sizeof *T->ends, by_series); /* place() sorted them by height */
    struct legend_entry *e = calloc(T->nends ? T->nends : 1, sizeof *e);
    char(*text)[320] = calloc(T->nends ? T->nends : 1, sizeof *text);
    if (!e || !text) {
        free(e);
        free(text);
        return false;
    }
    for (size_t i = 0; i < T->nends; i++) {
        const struct tr_end *E = &T->ends[i];
        snprintf(text[i], sizeof text[i], "%s%s%s", E->name ? E->name : "",
                 E->name && E->rate[0] ? ": " : "", E->rate);
        e[i] = (struct legend_entry){text[i], th->palette[E->series % th->npalette]};
    }
    csvchart_layout_legend(&T->L, e, T->nends);
    free(e);
    free(text);
    return true;
}

/* A series' colour as text: brought to 4.5:1 against the background, keeping its hue. */
static csvchart_rgba text_color(const struct theme *th, csvchart_rgba c)
{
    double lb = csvchart_luminance(th->background), margin = 0.004;
    if (lb > 0.5) {
        return csvchart_color_in_band(c, 0, (lb + 0.05) / 4.5 - 0.05 - margin);
    }
    return csvchart_color_in_band(c, 4.5 * (lb + 0.05) - 0.05 + margin, 1);
}

csvchart_status csvchart_layout_trend(const void *data, const struct spec *s,
                                      const csvchart_text_measurer *m, struct csvchart_scene *scene,
                                      struct csvchart_warnings *warn, struct layout_fit *fit,
                                      csvchart_error *err)
{
    (void)warn;
    const struct trend_data *d = data;
    struct trend_layout T = {.d = d, .s = s, .log = s->log};
    struct layout *L = &T.L;
    csvchart_status st = CSVCHART_OK;
    csvchart_layout_begin(L, s, m, scene, fit);
    const double *base = (const double *)&TR_BASE;
    double *px = (double *)&T.px;
    for (size_t i = 0; i < sizeof T.px / sizeof(double); i++) {
        px[i] = base[i] * L->g;
    }
    /* On a phone-sized canvas the type stays at its floor while g halves: marks and lines
     * keep at least 0.8 of their size, so they still read beside the text. */
    double mg = fmax(L->g, 0.8);
    T.px.line = TR_BASE.line * mg;
    T.px.fit_line = TR_BASE.fit_line * mg;
    T.px.dot = TR_BASE.dot * mg;
    T.px.ring = TR_BASE.ring * mg;
    T.px.axis = TR_BASE.axis * mg;
    T.px.leader = TR_BASE.leader * mg;
    T.px.tick = TR_BASE.tick * mg;
    T.r = T.px.dot;
    T.tick_st = L->label;
    T.name_st = L->label;
    T.name_st.weight = 700;
    T.rate_st = L->label;
    T.flag_st = L->label;
    T.flag_st.weight = 700;
    T.value_st = L->small;
    T.date_st = L->small;
    T.date_st.weight = 700;
    set_label_size(&T, L->label.size_px);

    size_t most = 0;
    for (size_t i = 0; i < d->nseries; i++) {
        most = d->series[i].n > most ? d->series[i].n : most;
    }
    enum mark mark =
        s->mark == MARK_AUTO ? (most <= AUTO_DOTS ? MARK_LINE_DOT : MARK_LINE) : s->mark;
    T.lines = mark != MARK_DOT;
    T.dots = mark != MARK_LINE;
    T.t0 = d->tmin;
    T.t1 = d->tmax;
    /* Never narrower than three of the dates' periods (a lone month spans three), and two
     * hours, as the timeline's axis. */
    double min_span = fmax(3 * d->period, 2.0 / 24);
    if (T.t1 - T.t0 < min_span) {
        double c = (T.t0 + T.t1) / 2;
        T.t0 = c - min_span / 2;
        T.t1 = c + min_span / 2;
    }
    value_domain(&T);
    struct value_format f = s->format;
    csvchart_format_set_unit(&f, &d->unit);
    {
        size_t n = 0;
        for (size_t i = 0; i < d->nseries; i++) {
            n += d->series[i].nvalues;
        }
        double *vals = malloc((n ? n : 1) * sizeof *vals);
        if (!vals) {
            return csvchart_error_nomem(err);
        }
        n = 0;
        for (size_t i = 0; i < d->nseries; i++) {
            for (size_t k = 0; k < d->series[i].n; k++) {
                if (d->series[i].p[k].has) {
                    vals[n++] = d->series[i].p[k].v;
                }
            }
        }
        csvchart_format_plan(&f, LABELS_VALUES, vals, n, 0, d->computed, NULL, &T.values);
        free(vals);
    }
    T.text_color = malloc((d->nseries ? d->nseries : 1) * sizeof *T.text_color);
    if (!T.text_color || !make_flags(&T) || !make_ends(&T)) {
        st = csvchart_error_nomem(err);
        goto done;
    }
    /* under a series' name the rate is plain; alone (one series) it is the label, bold */
    T.rate_st.weight = T.nends && T.ends[0].name ? 400 : 700;
    for (size_t i = 0; i < d->nseries; i++) {
        T.text_color[i] = text_color(&s->theme, s->theme.palette[i % s->theme.npalette]);
    }
    describe(&T);
    char note[400];
    auto_note(&T, note, sizeof note);
    csvchart_layout_frame(L, note);
    /* The ladder: labels at the lines' ends, then a legend. */
    bool ok = T.nends > 0 && place_sized(&T, true);
    if (!ok && !scene->nomem) {
        if (T.nends > 0 && !legend(&T)) {
            st = csvchart_error_nomem(err);
            goto done;
        }
        ok = place_sized(&T, false);
    }
    if (scene->nomem) {
        st = csvchart_error_nomem(err);
        goto done;
    }
    if (!ok) {
        size_t points = 0;
        for (size_t i = 0; i < T.nfl; i++) {
            points += !T.fl[i].marker;
        }
        if (T.flags_failed && points == 0) {
            st = csvchart_layout_no_fit(L, T.short_w, T.short_h, "", "%zu marker%s",
                                        d->nmarkers, d->nmarkers == 1 ? "" : "s");
        } else if (T.flags_failed) {
            st = csvchart_layout_no_fit(L, T.short_w, T.short_h, "", "%zu labelled point%s%s",
                                        points, points == 1 ? "" : "s",
                                        d->nmarkers ? " and markers" : "");
        } else {
            st = csvchart_layout_no_fit(L, T.short_w, T.short_h, "", "the trend's axes and labels");
        }
        goto done;
    }
    draw_value_axis(&T);
    draw_leaders(&T);
    draw_series(&T);
    draw_time_axis(&T);
    double flag_wrap = fmin(T.px.flag_wrap, 0.4 * (L->right - L->left));
    for (size_t i = 0; i < T.nfl; i++) {
        draw_flag(&T, &T.fl[i], flag_wrap);
    }
    if (T.direct) {
        draw_ends(&T);
    }
    st = csvchart_layout_end(L, err);
done:
    free(T.fl);
    free(T.pf);
    free(T.up_h);
    free(T.dn_h);
    free(T.ends);
    free(T.dodge_buf);
    free(T.text_color);
    return st;
}
