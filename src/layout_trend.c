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
 *      value below the least, to the first round value at or above the largest, as bars,
 *      while zero takes at most half of the axis, else between the round values around the
 *      data; log: the decades around the data), so the same data gets the same axis at
 *      every size - except a linear axis' bottom, which is a labelled tick: where the round
 *      value below the least is none (-1.2% under ticks 2 apart), the axis runs on to the
 *      tick below it (-2%; csvchart_ticks_from_tick), chosen with the ticks for the height;
 *   2. the arrangement (place()), without drawing: the column of line-end labels (a series'
 *      name over the rate of its fit; a lone series shows its rate only), the value tick
 *      gutter, the time map and its calendar ticks (timeline_axis.c), the flags of labelled
 *      points and markers placed in rows by the timeline's flag placer (layout_place.c) - a
 *      point flies its flag above the data when fewer other lines stand above it than below
 *      (its leader crosses fewer), else when it is in the upper half of the value axis, and
 *      under the time axis otherwise; markers go above - then the
 *      data's box, the value ticks for its height (the gutter widened and all of it done again
 *      when their labels need more room), and the line-end labels dodged apart along the
 *      column (layout_place.c's dodge) around the height of each line's last value, the gap
 *      before the column widened (and all of it done again) when their leaders need lanes to
 *      turn in apart (leader_lanes());
 *   3. the ladder: line-end labels at the type scale's label size, then smaller down to the
 *      footer's size; then a legend instead of the column (its entries carry the rates), at
 *      the label size and smaller; none fits: csvchart_layout_no_fit() and
 *      csvchart_layout_fit() names a size that fits (fit = grow draws at it);
 *   4. drawing: gridlines (yielding to text), value tick labels, markers' lines and the flags'
 *      leaders (yielding to text), the fitted lines dashed, the series' lines - broken at
 *      missing values, a lone value a dot - and dots, the time axis with its ticks, the flags'
 *      text and the line-end labels with their leaders.
 *
 * This file holds steps 1 to 3 and the order of step 4; the axes and the series are measured
 * and drawn by layout_trend_lines.c, the flags and line-end labels made, measured and drawn by
 * layout_trend_labels.c (their shared structures are in layout_trend.h).
 *
 * The one text inside the data's box is a labelled point's label set beside its dot, where
 * it keeps clear of every line, dot, leader, shade and other label (layout_trend_inside.c;
 * place() arranges the figure with the labels that found no room there flown in the bands);
 * every other label stands in the column, the bands and the gutters, so no line of the data
 * can cross one.
 */
#include "layout_trend.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "name_hint.h"
#include "theme.h"
#include "trend_data.h"
#include "words.h"

#define TREND_METRIC_BASE(name, base, doc) .name = base,
static const struct trend_metrics TR_BASE = {TREND_METRICS(TREND_METRIC_BASE)};

#define AUTO_DOTS 50 /* mark = auto: dots on the lines up to this many points a series */

/* ---- the arrangement ------------------------------------------------------------------------ */

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
    size_t n = 0; /* the flags placed here: not those written at their lines' ends */
    for (size_t i = 0; i < T->nfl; i++) {
        struct tr_flag *F = &T->fl[i];
        F->pos = csvchart_tr_time_x(T, F->t);
        if (F->at_end || !F->outside) { /* set beside its dot, if anywhere (place()) */
            continue;
        }
        bool up = F->pos + T->px.flag_gap + F->w <= xr + 0.01;
        bool dn = F->pos - T->px.flag_gap - F->w >= L->left - 0.01;
        struct place_flag *pf = &T->pf[n++];
        *pf = (struct place_flag){.pos = F->pos, .w = F->w, .h = F->h};
        pf->up_ok = up && (F->up_pref || !dn);
        pf->dn_ok = dn && (!F->up_pref || !up);
        pf->hit = csvchart_tr_hits_tick(T, F->pos);
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
    double h = csvchart_place_flags(T->pf, n, &rows, limit);
    T->nup = rows.nup;
    T->ndn = rows.ndn;
    for (size_t i = 0, j = 0; i < T->nfl; i++) {
        if (!T->fl[i].at_end && T->fl[i].outside) {
            T->fl[i].side = T->pf[j].side;
            T->fl[i].level = T->pf[j].level;
            j++;
        }
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

/* One arrangement with the gap T->end_gap between the plot and the line-end labels (place()). */
static bool place_once(struct trend_layout *T, bool direct)
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
        if (!csvchart_tr_measure_ends(T, wrap)) {
            return fail(T, true, false);
        }
        for (size_t i = 0; i < T->nends; i++) {
            T->col_w = fmax(T->col_w, T->ends[i].w);
        }
        T->col_x = L->right - T->col_w;
        T->px1 = T->col_x - T->end_gap;
    }
    double flag_wrap = fmin(px->flag_wrap, 0.4 * frame_w);
    if (!csvchart_tr_measure_flags(T, flag_wrap, 0.4 * frame_w)) {
        /* A flag too wide even for 40% of the frame, or too long for its most lines there,
         * wants a wider frame: only the width widens it (the flags' own widest, which grows
         * with the type unit that the shorter side sets, is tried first but no longer the
         * last: a flag's date at the type's floor at 600x400 once fitted no size, review 4;
         * a phone's long label was sent to 857x600, review 5). */
        T->flags_failed = true;
        return fail(T, true, false);
    }
    /* Below the data: the time axis' ticks and labels, which start clear of the lowest value
     * tick label (centred on the axis, in the gutter); above it, half a tick label too. */
    double xlab_off = fmax(px->tick + px->tick_gap, T->lh_tick / 2 + 2);
    double c_dn = xlab_off + T->lh_tick, c_up = fmax(T->r + px->ring, T->lh_tick / 2 + 1);
    /* The data keep at least half the plot's height, the rows of flags the rest: with 40%,
     * 07's seven labelled days in rows above and under the axis left the prices a third of
     * the figure at the full label size, where a smaller size kept them beside their dots
     * (graphics desk, session 22); smaller labels come before a squeezed plot. */
    double data_min = fmax(px->min_plot, 0.5 * plot_h);
    csvchart_tr_value_ticks(T, plot_h - c_dn - c_up, -1);
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
        T->nxt = csvchart_tr_time_ticks(T, L->left, hi);
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
        csvchart_tr_value_ticks(T, data_h, -1);
        for (int target = (int)T->ticks.nmajor - 1;
             !csvchart_tr_value_ticks_fit(T, data_h) && target >= 2; target--) {
            csvchart_tr_value_ticks(T, data_h, target);
        }
        if (!csvchart_tr_value_ticks_fit(T, data_h)) {
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
        if (F->at_end || !F->outside) {
            continue;
        }
        double y = F->side == 0 ? edge_up : edge_dn;
        const double *rows = F->side == 0 ? T->up_h : T->dn_h;
        for (size_t l = 0; l < F->level; l++) {
            y += (F->side == 0 ? -1 : 1) * (rows[l] + px->level_gap);
        }
        F->by = F->side == 0 ? y - F->h : y;
        F->bx = F->side == 0 ? F->pos + px->flag_gap : F->pos - px->flag_gap - F->w;
    }
    if (!csvchart_tr_jog_leaders(T)) {
        L->scene->nomem = true;
        return false;
    }
    /* Line-end labels: each wants its first line level with its line's last value; dodged
     * apart along the column, in the plot's height. */
    if (T->direct) {
        double total = 0;
        for (size_t i = 0; i < T->nends; i++) {
            struct tr_end *E = &T->ends[i];
            if (E->rule) { /* a reference line or band runs to the plot's edge */
                E->x_end = T->px1;
                E->y_end = csvchart_tr_ref_y(T, csvchart_tr_ref(T, E));
            } else {
                const struct trend_series *ts = &T->d->series[E->series];
                const struct trend_point *last = NULL;
                for (size_t k = ts->n; k-- > 0 && !last;) {
                    last = ts->p[k].has ? &ts->p[k] : NULL;
                }
                E->x_end = csvchart_tr_time_x(T, last->t);
                E->y_end = csvchart_tr_value_y(T, last->v);
            }
            const struct text_style *first = csvchart_tr_end_first(T, E);
            E->want = E->y_end - csvchart_tr_line_height(T, first) / 2;
            total += E->h + (i ? px->end_block_gap : 0);
        }
        double top = T->nup ? edge_up : T->plot_top;
        if (total > T->plot_bottom - top) {
            return fail(T, false, true);
        }
        qsort(T->ends, T->nends, sizeof *T->ends, csvchart_tr_by_want);
        double *want = T->dodge_buf, *h = want + T->nends, *tops = h + T->nends;
        for (size_t i = 0; i < T->nends; i++) {
            want[i] = T->ends[i].want;
            h[i] = T->ends[i].h;
            /* A block of several lines that would reach the level of the next line's end (up
             * or down) would set one of its lower lines beside that line's last dot: "16.5"
             * of one series beside another's (editor review 13). Where it fits between its
             * neighbours' first lines, it moves in (its first line then above or below its
             * line's level, joined by its leader); where it does not, it stays. */
            const struct tr_end *E = &T->ends[i];
            double lo = top, hi = T->plot_bottom;
            if (i > 0) {
                const struct tr_end *P = &T->ends[i - 1];
                lo = P->y_end + csvchart_tr_line_height(T, csvchart_tr_end_first(T, P)) / 2 +
                     px->end_block_gap / 2;
            }
            if (i + 1 < T->nends) {
                const struct tr_end *N = &T->ends[i + 1];
                hi = N->y_end - csvchart_tr_line_height(T, csvchart_tr_end_first(T, N)) / 2 -
                     px->end_block_gap / 2;
            }
            lo = fmax(lo, top);
            hi = fmin(hi, T->plot_bottom);
            bool lines = E->h > 1.5 * csvchart_tr_line_height(T, csvchart_tr_end_first(T, E));
            if (lines && E->h <= hi - lo) {
                want[i] = fmax(lo, fmin(want[i], hi - E->h));
            }
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

/*
 * The leaders' lanes (T->ends in their order down the column, their tops placed): a leader
 * runs along its line's level, turns down or up in its lane, and runs level into its label.
 *
 *     line end ----------.                      lanes: the lowest of the leaders going
 *     line end --------.  \                     down turns first, so none crosses another's
 *     line end ------.  \  `------ Label A      level run, and two whose turns overlap in
 *                     \  `--------- Label B     height turn a lane's pitch apart; going up,
 *                      `----------- Label C     the highest first
 *
 * Leaders whose turns overlap in height, or come within `end_lane` of it (a level run 3 px
 * from the next leader's run into its label read as one line), nowhere share a lane. Returns the
 * number of lanes: under 2, no two turns overlap and each leader runs straight to its label (as
 * before: twelve leaders dropping up to 402 px through the 8 px between plot and labels merged into
 * one grey bundle, review 4).
 */
static size_t leader_lanes(struct trend_layout *T)
{
    size_t lanes = 0;
    double *a = T->dodge_buf, *b = a + T->nends; /* the line's level, the label's middle */
    /* a leader's level run, and the next one's run into its label, closer than this, run
     * beside each other: their turns take lanes apart */
    double near = T->px.end_lane;
    for (size_t i = 0; i < T->nends; i++) {
        struct tr_end *E = &T->ends[i];
        E->lane = 0;
        a[i] = E->y_end;
        b[i] = E->top + csvchart_tr_line_height(T, csvchart_tr_end_first(T, E)) / 2;
    }
    for (size_t i = T->nends; i-- > 0;) { /* going down: from the lowest */
        for (size_t j = i + 1; b[i] > a[i] + 1 && j < T->nends; j++) {
            if (b[j] > a[j] + 1 && a[j] < b[i] + near && T->ends[j].lane + 1 > T->ends[i].lane) {
                T->ends[i].lane = T->ends[j].lane + 1;
            }
        }
        lanes = T->ends[i].lane + 1 > lanes ? T->ends[i].lane + 1 : lanes;
    }
    for (size_t i = 0; i < T->nends; i++) { /* going up: from the highest */
        for (size_t j = 0; b[i] < a[i] - 1 && j < i; j++) {
            if (b[j] < a[j] - 1 && a[j] > b[i] - near && T->ends[j].lane + 1 > T->ends[i].lane) {
                T->ends[i].lane = T->ends[j].lane + 1;
            }
        }
        lanes = T->ends[i].lane + 1 > lanes ? T->ends[i].lane + 1 : lanes;
    }
    return lanes;
}

/*
 * Arranges the figure at the current label size, with the line-end labels in a column
 * (`direct`) or none; true when everything fits the plot box (then every position is set);
 * false with T->short_w / short_h saying why. The gap between the plot and the labels widens
 * to hold the leaders' lanes (leader_lanes()), taken from the plot; arranged again with it
 * (the time map, hence the flags' rows and the data's height, may change), the gap never
 * narrowing, until the lanes fit it. A plot too narrow for them fails as short of width:
 * smaller labels, then a legend, then a size that fits.
 */
static bool place_lanes(struct trend_layout *T, bool direct)
{
    const struct trend_metrics *px = &T->px;
    T->end_gap = px->end_gap;
    for (int round = 0; round < 6; round++) {
        T->lanes = 0;
        if (!place_once(T, direct)) {
            return false;
        }
        if (!T->direct) {
            return true;
        }
        T->lanes = leader_lanes(T);
        /* the lead at both ends and a dot's radius (where a rule's leader starts), a level
         * run of 2 px into the label, a lane each */
        double need =
            T->lanes < 2 ? 0 : 2 * px->end_lead + T->r + 2 + (double)T->lanes * px->end_lane;
        if (need <= T->end_gap + 0.01) {
            return true;
        }
        T->end_gap = need;
    }
    return fail(T, true, false);
}

/*
 * place_lanes() with the labelled points' labels set beside their dots where they find room
 * (layout_trend_inside.c) and flown in the bands otherwise: first all of them inside (the
 * bands hold the markers alone), then arranged again with those that found no room in the
 * bands, which makes the data's box smaller, until none moves out - at most TR_INSIDE_ROUNDS
 * times, then every one in the bands, as before there was an inside.
 */
#define TR_INSIDE_ROUNDS 6
static bool place_points(struct trend_layout *T, bool direct)
{
    for (size_t i = 0; i < T->nfl; i++) {
        T->fl[i].inside = false;
        T->fl[i].outside = T->fl[i].marker;
    }
    for (int round = 0; round <= TR_INSIDE_ROUNDS; round++) {
        if (round == TR_INSIDE_ROUNDS) {
            for (size_t i = 0; i < T->nfl; i++) {
                T->fl[i].inside = false;
                T->fl[i].outside = true;
            }
        }
        if (!place_lanes(T, direct)) {
            return false;
        }
        if (round == TR_INSIDE_ROUNDS || csvchart_tr_place_inside(T) == 0) {
            return true;
        }
    }
    return true;
}

/*
 * Whether series line-end label E stands level with another series' last dot (a dot not level
 * with E's own, whose lines then read as naming it): Frontier's five lines "Frontier training
 * compute / Gemini Ultra class (estimated compute) / 1.19M / rises 16x per year" ran down past
 * the end of the Open-weights line, its rate beside that line's dot (graphics desk, session
 * 21).
 */
static bool ambiguous(const struct trend_layout *T, const struct tr_end *E)
{
    double lh = csvchart_tr_line_height(T, csvchart_tr_end_first(T, E));
    for (size_t j = 0; j < T->nends && !E->rule; j++) {
        const struct tr_end *O = &T->ends[j];
        if (O != E && !O->rule && fabs(O->y_end - E->y_end) > lh && O->y_end + T->r > E->top &&
            O->y_end - T->r < E->top + E->h) {
            return true;
        }
    }
    return false;
}

/* The first series' line-end label, down the column, that writes its last value's label and is
 * ambiguous(); not one kept (place()); NULL when none. */
static struct tr_end *ambiguous_end(struct trend_layout *T)
{
    for (size_t i = 0; i < T->nends; i++) {
        struct tr_end *E = &T->ends[i];
        if (!E->rule && E->flag && E->name && !E->kept && ambiguous(T, E)) {
            return E;
        }
    }
    return NULL;
}

/* The line-end label of series `series`: the column's order changes as it is placed. */
static struct tr_end *end_of(struct trend_layout *T, size_t series)
{
    for (size_t i = 0; i < T->nends; i++) {
        if (!T->ends[i].rule && T->ends[i].series == series) {
            return &T->ends[i];
        }
    }
    return NULL;
}

/*
 * place_points() with each series' last labelled value written in its line-end label, except
 * where that label would then stand level with another line's end (ambiguous_end()): such a
 * value's label flies from its dot as any other labelled point's, set beside the dot or in the
 * bands, and the line-end label keeps the name and the rate. When the arrangement without it
 * does not fit, its leader would run through another dot or, flown in the bands, across
 * another series' line (Claude's "85%" flew under the axis on a 780 px leader across three
 * lines, graphics desk, session 22), or the shorter label still stands level with another
 * line's end, the value stays in the line-end label (a figure that fits is never refused for
 * it).
 */
static bool place(struct trend_layout *T, bool direct)
{
    for (size_t i = 0; i < T->nfl; i++) {
        T->fl[i].at_end = false;
    }
    for (size_t i = 0; i < T->nends; i++) {
        struct tr_end *E = &T->ends[i];
        E->flag = E->flag0;
        E->kept = false;
        if (E->flag) {
            T->fl[E->flag - 1].at_end = true;
        }
    }
    if (!place_points(T, direct)) {
        return false;
    }
    for (struct tr_end *E; T->direct && (E = ambiguous_end(T)) != NULL;) {
        size_t series = E->series, flag = E->flag;
        E->flag = 0;
        T->fl[flag - 1].at_end = false;
        const struct tr_flag *F = &T->fl[flag - 1];
        if (place_points(T, direct) && !csvchart_tr_leader_hits_dot(T, F) &&
            !ambiguous(T, end_of(T, series)) &&
            (F->inside || csvchart_tr_lines_past(T, F->series, &T->d->series[F->series].p[F->index],
                                                 F->side == 0) == 0)) {
            continue;
        }
        if (T->L.scene->nomem) {
            return false;
        }
        E = end_of(T, series);
        E->flag = flag;
        E->kept = true;
        T->fl[flag - 1].at_end = true;
        if (!place_points(T, direct)) { /* as arranged before: it fits */
            return false;
        }
    }
    return true;
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
    const struct words *w = csvchart_words_get(T->s->locale);
    snprintf(buf, n, "%s%s%s", T->log ? w->log_scale : "", T->log && fits ? " " : "",
             !fits ? "" : w->fit_note[nfit > 1]);
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
    T->lh_tick = csvchart_tr_line_height(T, &T->tick_st);
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

/* Whether series i is one a highlight mutes (highlight names others). */
static bool muted(const struct trend_layout *T, size_t i)
{
    const char *name = T->d->series[i].name;
    for (size_t h = 0; h < T->s->nhighlight; h++) {
        if (name && strcmp(name, T->s->highlight[h]) == 0) {
            return false;
        }
    }
    return T->s->nhighlight > 0;
}

/* The legend, instead of the series' line-end labels: each series with its rate; the series
 * a highlight mutes in one entry ("10 other series", csvchart_layout_legend_others()). The
 * rules' labels stay in the column (T->ends keeps only them). */
static bool legend(struct trend_layout *T)
{
    qsort(T->ends, T->nends, sizeof *T->ends,
          csvchart_tr_by_series); /* place() sorted them by height; the rules come last */
    size_t n = 0;
    while (n < T->nends && !T->ends[n].rule) {
        n++;
    }
    struct legend_entry *e = calloc(n ? n : 1, sizeof *e);
    char(*text)[320] = calloc(n ? n : 1, sizeof *text);
    bool *other = calloc(n ? n : 1, sizeof *other);
    if (!e || !text || !other) {
        free(e);
        free(text);
        free(other);
        return false;
    }
    size_t k = 0; /* a lone series' end that only held its last value's label says nothing */
    for (size_t i = 0; i < n; i++) {
        const struct tr_end *E = &T->ends[i];
        if (E->name || E->rate[0]) {
            snprintf(text[k], sizeof text[k], "%s%s%s", E->name ? E->name : "",
                     E->name && E->rate[0] ? ": " : "", E->rate);
            e[k] = (struct legend_entry){text[k], T->color[E->series], 0};
            other[k] = muted(T, E->series);
            k++;
        }
    }
    csvchart_layout_legend_others(&T->L, e, other, k);
    free(e);
    free(text);
    free(other);
    memmove(T->ends, T->ends + n, (T->nends - n) * sizeof *T->ends);
    T->nends -= n;
    for (size_t i = 0; i < T->nfl; i++) { /* the last values' labels: flags again */
        T->fl[i].at_end = false;
    }
    return true;
}

static const char *series_at(const void *ctx, size_t i)
{
    return ((const struct trend_data *)ctx)->series[i].name;
}

/*
 * Each series' colour: its own from the palette; with highlight, the series it names keep
 * theirs and the others are muted (and drawn under them). A name that is no series is
 * refused, with the series' names.
 */
static csvchart_status series_colors(struct trend_layout *T, csvchart_error *err)
{
    const struct trend_data *d = T->d;
    const struct spec *s = T->s;
    uint64_t lit = 0; /* the highlighted series, as csvchart_theme_series_color() reads them */
    for (size_t h = 0; h < s->nhighlight; h++) {
        bool found = false;
        for (size_t i = 0; i < d->nseries; i++) {
            if (d->series[i].name && strcmp(d->series[i].name, s->highlight[h]) == 0) {
                lit |= (uint64_t)1 << (i < 63 ? i : 63);
                found = true;
            }
        }
        if (!found) {
            char list[400];
            if (csvchart_name_split("highlight", s->highlight[h],
                                    h + 1 < s->nhighlight ? s->highlight[h + 1] : NULL, series_at,
                                    d, d->nseries, list, sizeof list)) {
                return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0, "%s", list);
            }
            csvchart_name_hint(s->highlight[h], "series", series_at, d, d->nseries, list,
                               sizeof list);
            return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                      "highlight: no series named \"%s\"; %s", s->highlight[h],
                                      list);
        }
    }
    for (size_t i = 0; i < d->nseries; i++) {
        T->color[i] = s->nhighlight && muted(T, i) ? s->theme.muted
                                                   : csvchart_theme_series_color(&s->theme, lit, i);
    }
    return CSVCHART_OK;
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
    const struct trend_data *d = data;
    struct trend_layout T = {.d = d, .s = s, .log = s->log};
    struct layout *L = &T.L;
    csvchart_status st = CSVCHART_OK;
    csvchart_layout_begin(L, s, m, scene, fit);
    if ((st = csvchart_layout_refs_log(s, err))) {
        return st;
    }
    T.color = malloc((d->nseries ? d->nseries : 1) * sizeof *T.color);
    if (!T.color) {
        return csvchart_error_nomem(err);
    }
    if ((st = series_colors(&T, err))) {
        free(T.color);
        return st;
    }
    if (d->nseries > 1) { /* lines that cross are told apart by colour, named or not */
        struct legend_entry *e = calloc(d->nseries, sizeof *e);
        if (!e) {
            free(T.color);
            return csvchart_error_nomem(err);
        }
        for (size_t i = 0; i < d->nseries; i++) {
            e[i] = (struct legend_entry){d->series[i].name, T.color[i], 0};
        }
        st = csvchart_layout_distinct_colors(L, e, d->nseries, "series", "series", false, err);
        free(e);
        if (st) {
            free(T.color);
            return st;
        }
    }
    csvchart_layout_metrics(L, &TR_BASE, &T.px, sizeof T.px);
    /* The least plot does not shrink with a small canvas: 30 px of lines under a legend is
     * no chart, though a refusal at 300x200 once named 300x251 for one (a review found). */
    T.px.min_plot = fmax(T.px.min_plot, TR_BASE.min_plot);
    double mg = csvchart_layout_mark_g(L); /* marks and lines */
    T.px.line = TR_BASE.line * mg;
    T.px.fit_line = TR_BASE.fit_line * mg;
    T.px.dot = TR_BASE.dot * mg;
    T.px.ring = TR_BASE.ring * mg;
    T.px.axis = TR_BASE.axis * mg;
    T.px.leader = TR_BASE.leader * mg;
    T.px.end_lane = TR_BASE.end_lane * mg;
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
    /* Values closer together than the shortest period their dates name (a lone month) get
     * three of the longest periods, and never less than two hours, as the timeline's axis;
     * values further apart stand at the ends of the plot as they are (two yearly values took
     * the middle third of a three-year axis). The shortest, not the longest: 2024-01,
     * 2024-01-15 and 2024 (mid-year) lie half a year apart, which took a three-year axis when
     * the year's period decided. Dates of one precision lie a period apart or not at all, so
     * for them either reads the same. */
    double min_span = fmax(3 * d->period, 2.0 / 24);
    if (T.t1 - T.t0 < fmax(d->period_min, 2.0 / 24)) {
        double c = (T.t0 + T.t1) / 2;
        T.t0 = c - min_span / 2;
        T.t1 = c + min_span / 2;
    }
    csvchart_tr_value_domain(&T);
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
    struct ref_values refv = {.lo = T.data_lo,
                              .hi = T.data_hi,
                              .multiplier = d->unit.multiplier,
                              .multipliers = d->unit.multipliers,
                              .plan = &T.values};
    csvchart_layout_refs_far(s, T.data_lo, T.data_hi, T.log, &refv, warn);
    T.text_color = malloc((d->nseries ? d->nseries : 1) * sizeof *T.text_color);
    if (!T.text_color || !csvchart_tr_make_flags(&T) || !csvchart_tr_make_ends(&T)) {
        st = csvchart_error_nomem(err);
        goto done;
    }
    /* under a series' name the rate is plain; alone (one series) it is the label, bold */
    size_t series_ends = 0; /* the rules' labels come after the series' */
    while (series_ends < T.nends && !T.ends[series_ends].rule) {
        series_ends++;
    }
    T.rate_st.weight = series_ends && !T.ends[0].name ? 700 : 400;
    for (size_t i = 0; i < d->nseries; i++) {
        T.text_color[i] = text_color(&s->theme, T.color[i]);
    }
    describe(&T);
    char note[400];
    auto_note(&T, note, sizeof note);
    csvchart_layout_frame(L, note);
    if (L->frame_cut) { /* no size draws it: said at once, not as a size */
        st = csvchart_layout_end(L, err);
        goto done;
    }
    /* The ladder: labels at the lines' ends, then a legend (the rules' labels stay at their
     * lines' ends: a legend does not place a value). */
    bool ok = T.nends > 0 && place_sized(&T, true);
    if (!ok && !scene->nomem && (T.nends == 0 || series_ends > 0)) {
        if (T.nends > 0 && !legend(&T)) {
            st = csvchart_error_nomem(err);
            goto done;
        }
        ok = place_sized(&T, T.nends > 0);
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
            st = csvchart_layout_no_fit(L, T.short_w, T.short_h, "", "%zu marker%s", d->nmarkers,
                                        d->nmarkers == 1 ? "" : "s");
        } else if (T.flags_failed) {
            st = csvchart_layout_no_fit(L, T.short_w, T.short_h, "", "%zu labelled point%s%s",
                                        points, points == 1 ? "" : "s",
                                        d->nmarkers ? " and markers" : "");
        } else {
            st = csvchart_layout_no_fit(L, T.short_w, T.short_h, "", "the trend's axes and labels");
        }
        goto done;
    }
    if ((st = csvchart_layout_refs_visible(s, &T.sc, T.log, &refv, warn, err)) ||
        (fit && fit->probe)) { /* a size search asks only whether it fits: it does */
        goto done;
    }
    csvchart_tr_draw_bands(&T);
    csvchart_tr_draw_value_axis(&T);
    csvchart_tr_draw_rules(&T);
    csvchart_tr_draw_leaders(&T);
    csvchart_tr_draw_time_axis(&T); /* under the series: a point on it keeps its dot whole */
    csvchart_tr_draw_series(&T);
    for (size_t i = 0; i < T.nfl; i++) {
        if (!T.fl[i].at_end) {
            csvchart_tr_draw_flag(&T, &T.fl[i]);
        }
    }
    if (T.direct) {
        csvchart_tr_draw_ends(&T);
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
    free(T.color);
    return st;
}
