/*
 * layout_trend_lines.c - what a trend draws of its data: the value axis (its domain, linear or
 * log10 ticks, gridlines and tick labels), the time axis (the time map and its calendar
 * ticks, timeline_axis.c), and the series' lines, dots and dashed fitted lines.
 *
 * layout_trend.c arranges the figure and calls these to measure (the value ticks for a
 * height, the time ticks for a width) and, once an arrangement fits, to draw; the labels that
 * stand around the data are layout_trend_labels.c's. Lines break at missing values; a lone
 * value between two missing ones is a dot. Gridlines and the zero line yield to text
 * (csvchart_layout_soft_line).
 */
#include "layout_trend.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "date.h"
#include "theme.h"
#include "trend_data.h"

/* ---- the value axis ------------------------------------------------------------------------ */

/* The least of 1, 2, 2.5 and 5 times a power of ten at or above v > 0 (v itself when there
 * is none: a span past the largest double's tenth). */
static double round_step(double v)
{
    double e = pow(10, floor(log10(v)));
    static const double q[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        if (q[i] * e >= v * (1 - 1e-12) && isfinite(q[i] * e)) {
            return q[i] * e;
        }
    }
    return v;
}

/* The data's extent (fitted lines included) and the domain from it alone. */
void csvchart_tr_value_domain(struct trend_layout *T)
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
    T->data_lo = lo;
    T->data_hi = hi;
    for (size_t k = 0; k < T->s->nrules + T->s->nbands; k++) { /* references: on the axis */
        const struct ref_mark *r = csvchart_spec_ref(T->s, k);
        lo = fmin(lo, r->lo);
        hi = fmax(hi, r->hi);
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
    /* From zero while zero takes at most half of the axis; values further from it (an index
     * between 100 and 130) run between round values around them, as a line chart's axis
     * may: squeezed above an empty half, their changes would not show. */
    if ((lo > 0 && lo > hi / 2 && hi > lo) || (hi < 0 && hi < lo / 2 && hi > lo)) {
        double step = round_step((hi - lo) / 5);
        T->dlo = floor(lo / step) * step;
        T->dhi = ceil(hi / step) * step;
    } else {
        T->dlo = lo < 0 ? -csvchart_nice_ceil(-lo) : 0;
        T->dhi = hi > 0 ? csvchart_nice_ceil(hi) : 0;
    }
    if (T->dlo == 0 && T->dhi == 0) {
        T->dhi = 1;
    }
    T->dlo_data = T->dlo;
}

/* Where v lies in the domain: 0 at dlo, 1 at dhi. */
double csvchart_tr_frac(const struct trend_layout *T, double v)
{
    if (T->log) {
        return (log10(v) - log10(T->dlo)) / (log10(T->dhi) - log10(T->dlo));
    }
    return (v / 2 - T->dlo / 2) / (T->dhi / 2 - T->dlo / 2); /* halves: no overflow */
}

double csvchart_tr_value_y(const struct trend_layout *T, double v)
{
    return csvchart_scale_map(&T->sc, v);
}

/* The value ticks for `len` px of axis (about one per tick_spacing_v), their label plan and
 * the widest label. */
void csvchart_tr_value_ticks(struct trend_layout *T, double len, int target)
{
    if (target < 0) { /* decades are fewer lines, of round values: closer is fine */
        target = (int)floor(len / (T->px.tick_spacing_v * (T->log ? 0.6 : 1))) + 1;
    }
    target = target < 2 ? 2 : target > 10 ? 10 : target;
    if (T->log) {
        csvchart_ticks_log_within(T->dlo, T->dhi, target, &T->ticks);
    } else {
        /* The bottom on a labelled tick (-1.2% under ticks 2 apart runs to -2%): lines at the
         * minimum would run along an unlabelled floor and merge with it (graphics desk review
         * 8). From the domain decided from the data each time, not the last extension. */
        csvchart_ticks_from_tick(T->dlo_data, T->dhi, target, &T->ticks);
        T->dlo = fmin(T->dlo_data, T->ticks.lo);
    }
    /* The axis speaks as the values do when they share a prefix ($200B ... $1,000B); values
     * written in full are no reason to write it in full too, as under bars, where each bar's
     * label sits beside the axis: a line's values are seen on the axis alone (700K, not
     * 700,000: review 12). */
    csvchart_format_plan(&T->values.f, T->log ? LABELS_LOG_TICKS : LABELS_TICKS, T->ticks.major,
                         T->ticks.nmajor, T->ticks.step, false, T->values.si ? &T->values : NULL,
                         &T->tick_plan);
    T->tick_w = 0;
    for (size_t i = 0; i < T->ticks.nmajor; i++) {
        char buf[64];
        csvchart_format_planned(&T->tick_plan, T->ticks.major[i], buf, sizeof buf);
        T->tick_w = fmax(T->tick_w, csvchart_layout_width(&T->L, &T->tick_st, buf));
    }
}

/* Whether the value tick labels on `len` px keep a line and 2 px apart. */
bool csvchart_tr_value_ticks_fit(const struct trend_layout *T, double len)
{
    for (size_t i = 1; i < T->ticks.nmajor; i++) {
        double a = csvchart_tr_frac(T, T->ticks.major[i - 1]),
               b = csvchart_tr_frac(T, T->ticks.major[i]);
        if ((b - a) * len < T->lh_tick + 2) {
            return false;
        }
    }
    return true;
}

/* ---- the time axis -------------------------------------------------------------------------- */

double csvchart_tr_time_x(const struct trend_layout *T, double t)
{
    return T->tx0 + (t - T->t0) * T->k;
}

/* The middle of the period of precision p that starts at t (a tick of a step of that
 * precision): where a point of that precision stands. */
static double mid_period(double t, enum date_precision p)
{
    struct date_value d = {.days = (int64_t)floor(t), .precision = p};
    csvchart_date_civil(d.days, &d.year, &d.month, &d.day);
    return (t + csvchart_date_period_end(&d)) / 2;
}

/*
 * The calendar ticks of the finest step whose labels, centred on their ticks, keep
 * tick_label_gap apart within [lo, hi] (a tick whose label would leave it is not made);
 * the year is named at the first tick and at each change of year (timeline_axis.h). No step
 * is finer than the dates (trend_data.h); when every value's date has the step's precision,
 * a tick stands at the middle of the period it names, under the point of that period ("2023"
 * under 2023's value, not at its 1 January).
 */
size_t csvchart_tr_time_ticks(struct trend_layout *T, double lo, double hi)
{
    struct layout *L = &T->L;
    const struct trend_data *d = T->d;
    double a = T->t0 - (T->tx0 - T->px0) / T->k, b = T->t0 + (T->px1 - T->tx0) / T->k;
    for (size_t k = 0; k < csvchart_time_step_count(); k++) {
        if (csvchart_time_step_days(k) * T->k < T->px.tick_spacing) {
            continue;
        }
        enum date_precision sp = csvchart_time_step_precision(k);
        if (sp > d->finest || csvchart_time_step_seconds(k)) {
            continue; /* a trend's times are written to the minute */
        }
        bool mid = sp == d->finest && sp == d->coarsest && sp != DATE_TIME;
        double raw[TR_MAX_TICKS];
        /* mid-period ticks: from the period `a` falls in */
        double back = !mid ? 0 : sp == DATE_YEAR ? 366 : sp == DATE_MONTH ? 31 : 1;
        /* A period that starts within the dots' pad before the plot (1 January of monthly
         * values from January: the first point stands mid-month) is named at the plot's start:
         * "2020" was missing under 2020's values (graphics desk review). */
        double snap = (T->tx0 - T->px0) / T->k;
        size_t got = csvchart_time_tick_times(a - back - snap, b, k, raw, TR_MAX_TICKS);
        if (got > TR_MAX_TICKS) {
            continue;
        }
        if (mid) {
            size_t kept = 0;
            for (size_t i = 0; i < got; i++) {
                double t = mid_period(raw[i], sp);
                if (t >= a && t <= b) {
                    raw[kept++] = t;
                }
            }
            got = kept;
        }
        size_t n = 0;
        double last_hi = -INFINITY, prev = NAN;
        bool ok = true, zone_said = false;
        for (size_t i = 0; i < got && ok; i++) {
            /* A date names the period it starts; one after the last value (and marker) names
             * a period without any: "2025" under December 2024's point, "13 Mar" after 12 Mar,
             * 23:00 (graphics desk review). Times of day are instants, and may run on. */
            if (raw[i] > d->tmax + 1e-9 && !csvchart_time_tick_has_clock(k, raw[i], prev)) {
                continue;
            }
            struct tr_tick t = {.t = raw[i], .pos = fmax(csvchart_tr_time_x(T, raw[i]), T->px0)};
            csvchart_time_tick_label_in(T->s->locale, k, t.t, prev, t.label, sizeof t.label);
            /* the first time of day of an axis of zoned times says the zone, once ("10 Mar
             * 2025, 06:00 UTC", then "09:00"), as the timeline's axis does */
            bool zone_here = d->zoned && !zone_said && csvchart_time_tick_has_clock(k, t.t, prev);
            if (zone_here) {
                size_t len = strlen(t.label);
                snprintf(t.label + len, sizeof t.label - len, " UTC");
            }
            double w = csvchart_layout_width(L, &T->tick_st, t.label);
            /* A label that would leave the room it has slides in, as long as it still spans
             * its tick (the first and last, at a point at the plot's end: Datawrapper aligns
             * them so too); else there is no tick there. */
            t.lo = fmax(t.pos - w / 2, lo);
            t.lo = fmin(t.lo, hi - w);
            t.hi = t.lo + w;
            if (t.lo > t.pos - 2 || t.hi < t.pos + 2 || t.lo < lo) {
                continue;
            }
            if (t.lo < last_hi + T->px.tick_label_gap) {
                ok = false;
                break;
            }
            T->xt[n++] = t;
            last_hi = t.hi;
            prev = t.t;
            zone_said = zone_said || zone_here;
        }
        if (ok && n > 0) {
            return n;
        }
    }
    return 0;
}

/* True when a leader at x under the time axis would run through a tick label. */
bool csvchart_tr_hits_tick(const struct trend_layout *T, double x)
{
    for (size_t i = 0; i < T->nxt; i++) {
        if (x >= T->xt[i].lo - 2 && x <= T->xt[i].hi + 2) {
            return true;
        }
    }
    return false;
}

/* ---- drawing ------------------------------------------------------------------------------- */

bool csvchart_tr_dot_drawn(const struct trend_layout *T, const struct trend_series *ts, size_t k)
{
    if (!ts->p[k].has) {
        return false;
    }
    bool lone = (k == 0 || !ts->p[k - 1].has) && (k + 1 == ts->n || !ts->p[k + 1].has);
    return T->dots || !T->lines || lone || (ts->p[k].label && T->d->labels);
}

void csvchart_tr_draw_value_axis(struct trend_layout *T)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    csvchart_rgba minor = (th->grid & 0xFFFFFF00u) | 0x90u;
    double len = T->data_bottom - T->data_top;
    double decade_px = T->log ? len / log10(T->dhi / T->dlo) : 0;
    for (size_t i = 0; T->log && i < T->ticks.nminor; i++) {
        if (!csvchart_scale_minor_drawn(T->ticks.minor[i], decade_px, L->g)) {
            continue;
        }
        double y = csvchart_layout_snap(L, csvchart_tr_value_y(T, T->ticks.minor[i]), T->px.grid);
        csvchart_layout_soft_line(L, T->px0, y, T->px1, y, minor, T->px.grid);
    }
    for (size_t i = 0; i < T->ticks.nmajor; i++) {
        double v = T->ticks.major[i];
        double y = csvchart_layout_snap(L, csvchart_tr_value_y(T, v), T->px.grid);
        if (fabs(y - T->data_bottom) > 0.5 && !(v == 0 && !T->log)) {
            csvchart_layout_soft_line(L, T->px0, y, T->px1, y, th->grid, T->px.grid);
        }
        char buf[64];
        csvchart_format_planned(&T->tick_plan, v, buf, sizeof buf);
        csvchart_layout_text(L, &T->tick_st, th->faint, buf, strlen(buf), T->px0 - T->px.gutter_gap,
                             y + T->asc_tick - T->lh_tick / 2, TEXT_ANCHOR_END);
    }
    if (!T->log && T->dlo < 0 && T->dhi > 0) { /* zero, solid */
        double y = csvchart_layout_snap(L, csvchart_tr_value_y(T, 0), T->px.axis);
        csvchart_scene_line(L->scene, T->px0, y, T->px1, y, th->axis, T->px.axis);
    }
}

/* Whether a leader to a flag under the axis runs through time tick i's label (as
 * csvchart_tr_hits_tick() finds when the flags are placed) and the label can be left out:
 * not the first, and not one that says a new year ("Jan 2023": the "Jul" after it would
 * read as the year before's). */
static bool leader_through(const struct trend_layout *T, size_t i)
{
    int year, prev_year, month, day;
    if (i == 0) {
        return false;
    }
    csvchart_date_civil((int64_t)floor(T->xt[i].t), &year, &month, &day);
    csvchart_date_civil((int64_t)floor(T->xt[i - 1].t), &prev_year, &month, &day);
    if (year != prev_year) {
        return false;
    }
    for (size_t k = 0; k < T->nfl; k++) {
        const struct tr_flag *F = &T->fl[k];
        if (!F->at_end && F->outside && F->side == 1 && F->pos >= T->xt[i].lo - 2 &&
            F->pos <= T->xt[i].hi + 2) {
            return true;
        }
    }
    return false;
}

void csvchart_tr_draw_time_axis(struct trend_layout *T)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    double y = csvchart_layout_snap(L, T->data_bottom, T->px.axis);
    /* Solid and dark only where the axis starts at zero: above a bottom of $70 a baseline
     * would read as zero, so there it is a gridline with the ticks under it. */
    bool zero = !T->log && T->dlo == 0;
    csvchart_scene_line(L->scene, T->px0, y, T->px1, y, zero ? th->axis : th->grid,
                        zero ? T->px.axis : T->px.grid);
    /* A label a leader to a flag under the axis would run through is left out, its tick kept:
     * a leader broken around "20 Jan" read as piercing it (editor review 13) - while at least
     * two labels stay to date the axis. */
    size_t kept = 0;
    for (size_t i = 0; i < T->nxt; i++) {
        kept += !leader_through(T, i);
    }
    for (size_t i = 0; i < T->nxt; i++) {
        double x = csvchart_layout_snap(L, T->xt[i].pos, T->px.leader);
        csvchart_scene_line(L->scene, x, y, x, y + T->px.tick, th->axis, T->px.leader);
        if (kept < 2 || !leader_through(T, i)) {
            csvchart_layout_text(L, &T->tick_st, th->faint, T->xt[i].label, strlen(T->xt[i].label),
                                 (T->xt[i].lo + T->xt[i].hi) / 2, T->xlab_base, TEXT_ANCHOR_MIDDLE);
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
        pts[i] = (struct scene_point){csvchart_tr_time_x(T, t),
                                      csvchart_tr_value_y(T, csvchart_trend_fit_at(&ts->fit, t))};
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

void csvchart_tr_draw_series(struct trend_layout *T)
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
    /* muted series first: the highlighted ones are drawn over them */
    for (size_t j = 0; j < 2 * d->nseries; j++) {
        size_t i = j % d->nseries;
        const struct trend_series *ts = &d->series[i];
        if (ts->has_fit && (T->color[i] == th->muted) == (j < d->nseries)) {
            draw_fit(T, ts, T->color[i]);
        }
    }
    for (size_t j = 0; j < 2 * d->nseries; j++) {
        size_t i = j % d->nseries;
        if ((T->color[i] == th->muted) != (j < d->nseries)) {
            continue;
        }
        const struct trend_series *ts = &d->series[i];
        csvchart_rgba color = T->color[i];
        /* Runs of values between missing ones: a line each; a run of one is a dot. */
        for (size_t a = 0; a < ts->n;) {
            if (!ts->p[a].has) {
                a++;
                continue;
            }
            size_t b = a;
            while (b < ts->n && ts->p[b].has) {
                pts[b - a] = (struct scene_point){csvchart_tr_time_x(T, ts->p[b].t),
                                                  csvchart_tr_value_y(T, ts->p[b].v)};
                b++;
            }
            if (b - a > 1 && T->lines) {
                struct scene_item *it = csvchart_scene_path(L->scene, pts, b - a, false,
                                                            CSVCHART_RGBA_NONE, color, T->px.line);
                csvchart_scene_item_set_title(L->scene, it, ts->name);
            }
            for (size_t k = a; k < b; k++) {
                if (csvchart_tr_dot_drawn(T, ts, k)) {
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

void csvchart_tr_draw_rules(struct trend_layout *T)
{
    for (size_t k = 0; k < T->s->nrules; k++) {
        double y =
            csvchart_layout_snap(&T->L, csvchart_tr_value_y(T, T->s->rules[k].lo), T->px.rule);
        struct scene_item *it = csvchart_layout_soft_line(&T->L, T->px0, y, T->px1, y,
                                                          T->s->theme.subtitle, T->px.rule);
        if (it) {
            it->dash = T->px.rule_dash;
        }
    }
}

void csvchart_tr_draw_bands(struct trend_layout *T)
{
    const struct theme *t = &T->s->theme;
    csvchart_rgba tint = (t->text & 0xFFFFFF00u) | 0x14u; /* 8% of the text colour, as bars' */
    for (size_t k = 0; k < T->d->nmarkers; k++) { /* spans of time, from the start's flag on */
        const struct trend_marker *m = &T->d->markers[k];
        if (m->span) {
            double a = csvchart_layout_snap(&T->L, csvchart_tr_time_x(T, m->t0), 0);
            double b = csvchart_layout_snap(&T->L, csvchart_tr_time_x(T, m->t1), 0);
            csvchart_scene_rect(T->L.scene, a, T->data_top, b - a, T->data_bottom - T->data_top,
                                tint);
        }
    }
    for (size_t k = 0; k < T->s->nbands; k++) {
        const struct ref_mark *r = &T->s->bands[k];
        double a = csvchart_layout_snap(&T->L, csvchart_tr_value_y(T, r->hi), 0);
        double b = csvchart_layout_snap(&T->L, csvchart_tr_value_y(T, r->lo), 0);
        csvchart_scene_rect(T->L.scene, T->px0, a, T->px1 - T->px0, b - a, tint);
    }
}
