/*
 * layout_timeline_place.c - where a timeline's text blocks go: two of the three placements of
 * layout_timeline.c's ladder, horizontal and vertical (the third, lanes, is
 * layout_timeline_lanes.c). Each `place` function measures the items for its wrap width,
 * decides every position and says whether the plot box holds them (drawing nothing); its
 * `draw` function then draws what was placed.
 *
 * Horizontal. One time axis across the plot; each block hangs off a thin leader rising from
 * its dot (a flag): above the axis the text stands right of its leader, below it hangs left of
 * its leader, right-aligned. Blocks are packed into rows, side by side where they fit:
 *
 *          | Feb 2026           | Jul 2026          row 1 (above)
 *          | Anthropic ...      | ...
 *          |      | 25 Feb 2026          | Oct      row 0 (above)
 *          |      | V4 ...               | ...
 *     -----o------o------o-------o-------o------- axis
 *    Jan 2025          Apr     Jul     Oct 2026     ticks, labels centred on them
 *            15 Jan 2026 |       |                  row 0 (below)
 *        US Export Policy|       |
 *                  Apr 2026 ... |                   row 1 (below)
 *
 * A leader must not cross another block's text, so a block that reaches over the leaders of
 * later events (above) or earlier ones (below) must sit in a row further out than all of them.
 * Above, walking the events right to left, the lowest row event i can take is one more than the
 * highest row among the events placed above whose leaders lie within its block's reach
 * [x_i, x_i + width + gap]; below, mirrored, walking left to right. Each is a range-maximum
 * query over the sorted events (a segment tree per side): O(n log n) in all. The two rules make
 * both sides read in time order from top to bottom: above, earlier blocks stand higher; below,
 * later blocks hang lower. A block that would leave the plot on one side must take the other
 * (events near the left edge go above, near the right edge below). The others choose in one of
 * three ways: below whenever that takes the first row there (rows below are known left to
 * right), else above; or alternating, starting above or below; each with and without sending
 * a leader that would run into a tick label above (leaders yield to tick labels when they
 * must: they are cut around them). The lowest of the six wins, then the one with the fewest
 * leaders through tick labels. Rows take the height of their tallest block; above the axis
 * blocks stand on their row, below they hang from it. The height the rows leave free goes to
 * the gap before each row, up to grow_gap each (the flags grow taller), and what remains is
 * shared above and below. Before anything is measured, the most
 * items within a block's least reach of one another bound the rows (each needs its own). The
 * sides and rows are the shared flag placer's (csvchart_place_flags(), layout_place.c), which
 * a trend's labelled points use too.
 *
 * Vertical. The plot is cut into 1 to TL_MAX_COLS columns, filled in time order (top to
 * bottom, then the next column to the right, like text); each has its piece of the time axis
 * down its left (tick labels left of it, span bars right of it; a span that runs past the next
 * column's first event ends its column's piece and runs on down the next ones from their tops)
 * and its blocks in a column further right, each wanting its first line level with its dot. Blocks
 * that would overlap are pushed apart as clusters centred on their events (the usual 1-D dodge:
 * merge a block into the previous cluster while they overlap, place each cluster at the mean of its
 * members' wishes, clamped to the plot; a backward pass clamps the bottom: csvchart_place_dodge(),
 * shared with a trend's line-end labels), O(n). Bent leaders join dots
 * to blocks; they keep the events' order so they never cross. The fewest columns that hold
 * the blocks are used (a bisection on the height, each step a greedy fill; events of one
 * instant stay in one column, and no cut puts one stretch of time in two: clean_cut()). Up to
 * QUIET_MOST items, the columns are then cut where time is quiet (quiet_columns(): long gaps
 * between columns, evenly spread events in columns of about equal time); a larger timeline
 * keeps the fill, which makes the tallest column as short as it can be. Holding the blocks is
 * not enough: a block pushed more than DISPLACE_SHARE of
 * the column's height from its dot sits level with other dates and ticks, and the columns do
 * not fit (the ladder goes on: more columns, horizontal rows, fewer lines, clusters). Five
 * events of one day with their details were stacked down one column from the top, the labels
 * after them up to 360 px below their own dots, beside the tick of a date two months later
 * (found by a review).
 *
 * Lanes (one swimlane per group) are layout_timeline_lanes.c's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_place.h"
#include "layout_timeline.h"

#define MAX_BARS 8
/* Tries of a vertical layout's tick column width (csvchart_tl_place_vertical()). */
#define TICK_COL_PASSES 6
/* A vertical block's first line sits at most this share of its column's height from its dot:
 * farther, it reads as the label of another date, and the columns do not fit. A quarter keeps
 * the dodges of evenly crowded columns (a decade of milestones moves labels by a tenth) and
 * refuses a day's five stacked events (half the column). */
#define DISPLACE_SHARE 0.25
/* The most items whose columns may be cut where time is quiet (quiet_columns(), which
 * weighs all n^2 / 2 runs of items, each a column's layout). */
#define QUIET_MOST 120

/* Greedy interval colouring of the spans (items are sorted by start): each takes the first
 * bar lane free at its start; past MAX_BARS lanes are shared (bars may then touch; text never
 * does). Returns the number of lanes. */
static size_t assign_bars(struct timeline *T)
{
    double ends[MAX_BARS];
    size_t nb = 0;
    for (size_t i = 0; i < T->n; i++) {
        struct tl_item *P = &T->it[i];
        if (!P->span) {
            continue;
        }
        size_t lane = MAX_BARS;
        for (size_t l = 0; l < nb; l++) {
            if (ends[l] <= P->t0) {
                lane = l;
                break;
            }
        }
        if (lane == MAX_BARS && nb < MAX_BARS) {
            lane = nb++;
        }
        if (lane == MAX_BARS) { /* all busy: the lane that frees first */
            lane = 0;
            for (size_t l = 1; l < MAX_BARS; l++) {
                lane = ends[l] < ends[lane] ? l : lane;
            }
        }
        ends[lane] = P->t1;
        P->bar = lane;
    }
    return nb;
}

/* ---- horizontal ------------------------------------------------------------------------- */

/* True when a leader at x below the axis would run through a tick label. */
static bool hits_tick(const struct timeline *T, double x)
{
    double m = T->px.tick_clear;
    size_t lo = 0, hi = T->nticks; /* the first label ending at or after x - m */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (T->ticks[mid].hi + m < x) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < T->nticks && T->ticks[lo].lo - m <= x;
}

bool csvchart_tl_place_horizontal(struct timeline *T)
{
    struct layout *L = &T->L;
    const struct timeline_metrics *px = &T->px;
    double plot_w = L->right - L->left, avail = T->plot_bottom - T->plot_top;
    double wrap = fmin(px->wrap, 0.45 * plot_w);
    if (wrap < px->min_wrap) {
        return false;
    }
    /* Before measuring anything: every block is at least as wide as a year written in its
     * narrowest digits, so the leaders of all the items within that reach of one another,
     * on one side, stand in different rows (the block of each covers the others'): the most
     * items within any such stretch of the axis need that many rows, each at least a date
     * and a label line tall. Ten thousand events fail here at any height. */
    csvchart_tl_map_build(T, &T->map, T->tmin, T->tmax, L->left, L->right, px->axis_pad + px->dot);
    for (size_t i = 0; i < T->n; i++) {
        T->it[i].pos = csvchart_tl_map(&T->map, T->it[i].at);
    }
    double reach = px->flag_gap + px->reach_gap + csvchart_layout_width(L, &T->date_st, "1111");
    size_t most = 0;
    for (size_t i = 0, j = 0; i < T->n; i++) {
        while (T->it[i].pos - T->it[j].pos > reach) {
            j++;
        }
        most = i - j + 1 > most ? i - j + 1 : most;
    }
    if ((double)most * (T->lh_date + T->lh_label + px->level_gap) - 2 * px->level_gap >
        avail - px->clear_up - px->clear_down - T->lh_tick) {
        return false;
    }
    if (!csvchart_tl_measure(T, wrap)) {
        return false;
    }
    /* Blocks do not overlap: their areas must fit the plot (less the axis' band), whatever
     * their rows. A cheap refusal before any placement. */
    double area = 0;
    for (size_t i = 0; i < T->n; i++) {
        area += (T->it[i].w + px->flag_gap) * T->it[i].h;
    }
    if (area > plot_w * (avail - px->clear_up - px->clear_down - T->lh_tick)) {
        return false;
    }
    T->nbars = assign_bars(T);
    double r = px->dot;
    T->nticks = csvchart_tl_choose_ticks(T, &T->map, false, fmax(0, L->left - L->px.pad_x / 2),
                                         fmin(T->s->width, L->right + L->px.pad_x / 2), T->ticks);
    /* Below the axis: span bars, ticks, tick labels, then the rows. */
    double bars = T->nbars ? r + px->bar_gap + (double)T->nbars * (px->bar + px->bar_gap) : 0;
    T->c_up = r + px->clear_up;
    T->c_dn = bars + px->tick + px->tick_gap + T->lh_tick + px->clear_down;
    /* Sides and rows: the shared flag placer (layout_place.h), on the items' blocks. */
    struct place_flag *f = malloc((T->n ? T->n : 1) * sizeof *f);
    if (!f) {
        L->scene->nomem = true;
        return false;
    }
    for (size_t i = 0; i < T->n; i++) {
        const struct tl_item *P = &T->it[i];
        f[i] = (struct place_flag){.pos = P->pos, .w = P->w, .h = P->h};
        f[i].up_ok = P->pos + px->flag_gap + P->w <= L->right + 0.01;
        f[i].dn_ok = P->pos - px->flag_gap - P->w >= L->left - 0.01;
        f[i].hit = hits_tick(T, P->pos);
        if (!f[i].up_ok && !f[i].dn_ok) {
            free(f);
            return false; /* cannot happen with wrap under half the plot; be safe */
        }
    }
    struct place_rows rows = {.flag_gap = px->flag_gap,
                              .reach_gap = px->reach_gap,
                              .level_gap = px->level_gap,
                              .fixed = T->c_up + T->c_dn,
                              .up_h = T->up_h,
                              .dn_h = T->dn_h};
    double a = csvchart_place_flags(f, T->n, &rows, avail);
    for (size_t i = 0; i < T->n; i++) {
        T->it[i].side = f[i].side;
        T->it[i].level = f[i].level;
    }
    T->nup = rows.nup;
    T->ndn = rows.ndn;
    free(f);
    if (a != a) {
        L->scene->nomem = true;
        return false;
    }
    return a <= avail;
}

void csvchart_tl_draw_horizontal(struct timeline *T)
{
    struct layout *L = &T->L;
    const struct timeline_metrics *px = &T->px;
    const struct theme *th = &T->s->theme;
    double up = 0, dn = 0, r = px->dot;
    for (size_t l = 0; l < T->nup; l++) {
        up += T->up_h[l] + (l ? px->level_gap : 0);
    }
    for (size_t l = 0; l < T->ndn; l++) {
        dn += T->dn_h[l] + (l ? px->level_gap : 0);
    }
    double need = up + T->c_up + T->c_dn + dn, avail = T->plot_bottom - T->plot_top;
    /* The height left over goes first to the gaps before each row (up to grow_gap each), the
     * flags growing taller, then half above and half below: a few rows floated in the middle
     * of a slide, a third of it empty above and below (found by a review). */
    size_t rows = T->nup + T->ndn;
    double grow = rows ? fmin(px->grow_gap, fmax(0, avail - need) / (double)rows) : 0;
    up += (double)T->nup * grow;
    dn += (double)T->ndn * grow;
    need += (double)rows * grow;
    double A =
        csvchart_layout_snap(L, T->plot_top + fmax(0, avail - need) / 2 + up + T->c_up, px->axis);
    T->axis = A;
    /* The rows' edges nearest the axis. */
    double *edge_up = malloc((T->nup + T->ndn + 1) * sizeof *edge_up);
    if (!edge_up) {
        L->scene->nomem = true;
        return;
    }
    double *edge_dn = edge_up + T->nup;
    double y = A - T->c_up - grow;
    for (size_t l = 0; l < T->nup; l++) {
        edge_up[l] = y;
        y -= T->up_h[l] + px->level_gap + grow;
    }
    y = A + T->c_dn + grow;
    for (size_t l = 0; l < T->ndn; l++) {
        edge_dn[l] = y;
        y += T->dn_h[l] + px->level_gap + grow;
    }
    for (size_t i = 0; i < T->n; i++) {
        struct tl_item *P = &T->it[i];
        if (P->side == 0) {
            P->bx = P->pos + px->flag_gap;
            P->by = edge_up[P->level] - P->h;
            P->right = false;
        } else {
            P->bx = P->pos - px->flag_gap - P->w;
            P->by = edge_dn[P->level];
            P->right = true;
        }
    }
    free(edge_up);

    /* Leaders first, so dots and bars sit on them. They run beside their own block to its
     * far edge, like a flag's pole; below the axis they yield to the tick labels. */
    double top = A - T->c_up - up, bottom = A + T->c_dn + dn;
    for (size_t i = 0; i < T->n; i++) {
        const struct tl_item *P = &T->it[i];
        double x = csvchart_layout_snap(L, P->pos, px->leader);
        if (P->marker) { /* across every row, its block a flag on it */
            csvchart_tl_marker_line(T, false, P->pos, fmin(top, P->by), fmax(bottom, P->by + P->h));
            continue;
        }
        if (P->side == 0) {
            csvchart_layout_soft_line(L, x, A - r, x, P->by + px->leader_overlap, th->muted,
                                      px->leader);
        } else {
            csvchart_layout_soft_line(L, x, A + r, x, P->by + P->h - px->leader_overlap, th->muted,
                                      px->leader);
        }
    }
    double bars_at = A + r + px->bar_gap;
    double labels = A +
                    (T->nbars ? r + px->bar_gap + (double)T->nbars * (px->bar + px->bar_gap) : 0) +
                    px->tick + px->tick_gap + T->asc_tick;
    csvchart_tl_draw_ticks(T, T->ticks, T->nticks, A, false, labels);
    csvchart_tl_draw_axis(T, &T->map, A, false);
    for (size_t i = 0; i < T->n; i++) {
        csvchart_tl_draw_band(T, &T->map, &T->it[i], A, false);
    }
    for (size_t i = 0; i < T->n; i++) {
        const struct tl_item *P = &T->it[i];
        csvchart_tl_draw_mark(T, &T->map, P, A, false,
                              bars_at + (double)P->bar * (px->bar + px->bar_gap), true);
    }
    for (size_t i = 0; i < T->n; i++) {
        csvchart_tl_draw_block(T, &T->it[i], T->it[i].w);
    }
}

/* ---- vertical --------------------------------------------------------------------------- */

/*
 * A column may end before item j (t0_most: the latest start of the items before it): j is not
 * at the instant of the item before (split, each column's piece of the axis would show that
 * instant, a day stretched over a column beside another), and no item before starts after it
 * (a cluster, its time the middle of its dates, after a span that starts within them: the
 * span ended a column at April and the next began in January, one stretch of time in two
 * columns; graphics desk review, session 23).
 */
static bool clean_cut(const struct timeline *T, size_t j, double t0_most)
{
    return T->it[j].at != T->it[j - 1].at && T->it[j].t0 >= t0_most;
}

/* Columns a greedy fill needs when no column may be taller than `limit`; writes each column's
 * first item into starts[] (up to TL_MAX_COLS + 1 of them). Runs of items that clean_cut()
 * keeps together stay in one column; more than TL_MAX_COLS when a run is taller than
 * `limit`. */
static size_t fill_columns(const struct timeline *T, double limit, size_t *starts)
{
    size_t cols = 0;
    double h = INFINITY, t0_most = -INFINITY;
    for (size_t i = 0, j; i < T->n; i = j) {
        double run = T->it[i].h;
        t0_most = fmax(t0_most, T->it[i].t0);
        for (j = i + 1; j < T->n && !clean_cut(T, j, t0_most); j++) {
            run += T->px.block_gap + T->it[j].h;
            t0_most = fmax(t0_most, T->it[j].t0);
        }
        if (run > limit) {
            return TL_MAX_COLS + 1;
        }
        double add = run + (h > 0 && h < INFINITY ? T->px.block_gap : 0);
        if (h == INFINITY || h + add > limit) {
            if (cols > TL_MAX_COLS) {
                return cols;
            }
            starts[cols++] = i;
            h = run;
        } else {
            h += add;
        }
    }
    return cols;
}

/* Where the parts of a column stand from its left edge, for k columns. */
struct col_geom {
    double col_w, axis_off, bars_off, block_off, wrap;
};

/*
 * Items [first, end) as column c: its time map, and their blocks dodged along it. *far: the
 * farthest a block's first line stands from its dot, as a share of the plot's height; *shown:
 * the time its axis shows (before rounding, and without today). With `ticks`, the column's
 * ticks too (their labels' widest into *widest), which need the end of the column before's
 * time (*prev_b, updated). `w` is scratch for 3 * T->n doubles. False when out of memory.
 */
static bool place_column(struct timeline *T, const struct col_geom *g, size_t c, size_t first,
                         size_t end, bool ticks, double *prev_b, double *widest, double *w,
                         double *far, double *shown)
{
    struct layout *L = &T->L;
    const struct timeline_metrics *px = &T->px;
    double avail = T->plot_bottom - T->plot_top;
    double *want = w, *tops = w + T->n, *heights = w + 2 * T->n;
    struct tl_column *C = &T->cols[c];
    C->first = first;
    C->end = end;
    C->x = L->left + (double)c * (g->col_w + px->col_gap);
    C->axis = C->x + g->axis_off;
    C->x_bars = C->x + g->bars_off;
    C->x_block = C->x + g->block_off;
    C->wrap = g->wrap;
    /* A span that runs on past the next column's first event ends this column's axis at the
     * column's end and runs on in the next columns (one that starts after it, its column's
     * time reaching back into the next one's, stays whole): taken whole, a 50-hour span made
     * the first column's axis run 50 hours over its height, the events' hours squeezed into
     * its top half and the rest of the axis bare (graphics desk, session 23). */
    bool last = end == T->n;
    double next_a = last ? INFINITY : T->it[end].t0;
    double a = INFINITY, b = -INFINITY;
    for (size_t i = first; i < end; i++) {
        const struct tl_item *P = &T->it[i];
        a = fmin(a, P->t0);
        b = fmax(b, P->span && P->t0 < next_a && P->t1 >= next_a ? P->t0 : P->t1);
    }
    C->t_end = b;
    *shown = b - a;
    /* Each time is named in one column: the ticks of a column stop half way to the next
     * column's first event, and start half way from the last one's (review 11: "Jan 1972"
     * ended one column and began the next). */
    double t_from = first > 0 ? (fmin(*prev_b, a) + a) / 2 : -INFINITY;
    double t_to = !last ? (fmin(b, next_a) + next_a) / 2 : INFINITY;
    if (ticks) {
        *prev_b = b;
    }
    if (T->has_today) { /* today goes with the column whose time it falls in, or before */
        bool before_next = last || T->today < next_a;
        if ((first == 0 && T->today < a) || (T->today > b && before_next)) {
            a = fmin(a, T->today);
            b = fmax(b, T->today);
        }
    }
    csvchart_tl_widen(&a, &b, T->period, T->d->seconds);
    double first_mid = T->lh_date / 2;
    double p0 = T->plot_top + first_mid;
    double p1 = fmax(T->plot_bottom - (T->it[end - 1].h - first_mid), p0 + 1);
    csvchart_tl_map_build(T, &C->map, a, b, p0, p1, 0);
    C->map.start = T->plot_top;
    C->map.end = fmax(p1, fmin(T->plot_bottom, csvchart_tl_map(&C->map, b)));
    if (ticks) {
        C->tick0 = T->nticks;
        double tick_lo =
            isfinite(t_from) ? fmax(T->plot_top, csvchart_tl_map(&C->map, t_from)) : T->plot_top;
        double tick_hi =
            isfinite(t_to) ? fmin(T->plot_bottom, csvchart_tl_map(&C->map, t_to)) : T->plot_bottom;
        C->nticks = csvchart_tl_choose_ticks(T, &C->map, true, tick_lo, fmax(tick_hi, tick_lo),
                                             &T->ticks[C->tick0]);
        T->nticks += C->nticks;
        for (size_t i = C->tick0; i < T->nticks; i++) {
            *widest = fmax(*widest,
                           csvchart_layout_width(L, T->ticks[i].today ? &T->today_st : &T->tick_st,
                                                 T->ticks[i].label));
        }
    }
    for (size_t i = first; i < end; i++) {
        T->it[i].pos = csvchart_tl_map(&C->map, T->it[i].at);
        T->it[i].col = c;
        want[i] = T->it[i].pos - first_mid;
        heights[i] = T->it[i].h;
    }
    if (!csvchart_place_dodge(want + first, heights + first, end - first, px->block_gap,
                              T->plot_top, T->plot_bottom, tops + first)) {
        L->scene->nomem = true;
        return false;
    }
    *far = 0;
    for (size_t i = first; i < end; i++) {
        T->it[i].bx = C->x_block;
        T->it[i].by = tops[i];
        T->it[i].right = false;
        *far = fmax(*far, fabs(tops[i] - want[i]) / avail);
    }
    return true;
}

/* Items [i, j) can be a column: cut cleanly at both ends (clean_cut(); t0_most[m] the latest
 * start of items [0, m)), their blocks no taller than the plot. */
static bool column_holds(const struct timeline *T, const double *t0_most, size_t i, size_t j)
{
    if ((i > 0 && !clean_cut(T, i, t0_most[i])) || (j < T->n && !clean_cut(T, j, t0_most[j]))) {
        return false;
    }
    double h = (double)(j - i - 1) * T->px.block_gap;
    for (size_t m = i; m < j; m++) {
        h += T->it[m].h;
    }
    return h <= T->plot_bottom - T->plot_top;
}

/*
 * At most k columns cut where time is quiet: of every way to cut the items into runs that fit
 * a column with no block farther than DISPLACE_SHARE from its dot, the one whose columns'
 * times, squared, add up to least (fewer columns on a tie). A long gap between two columns is
 * time no column shows; squares weigh a long column more than two short ones, so evenly spread
 * events get columns of about equal time, and equal scales. Writes the columns' first items
 * into starts[]; returns their count, 0 when no cut fits.
 *
 * The greedy fill (fill_columns()) evens the columns' heights, blind to time: thirty years of
 * shocks in three columns put 9 Aug 2007 at the foot of 1995-2007, and a French timeline's
 * January 2026 under June 2025 across an axis break, where the quiet half-year was the place
 * to cut (graphics desk review, session 23).
 */
static size_t quiet_columns(struct timeline *T, const struct col_geom *g, size_t k, size_t *starts,
                            double *scratch)
{
    size_t n = T->n, w = n + 1;
    double *cost = malloc(w * w * sizeof *cost); /* items [i, j) as a column, or INFINITY */
    double *best = malloc((k + 1) * w * sizeof *best);
    size_t *from = malloc((k + 1) * w * sizeof *from);
    double *t0_most = malloc(w * sizeof *t0_most);
    size_t used = 0;
    if (!cost || !best || !from || !t0_most) {
        T->L.scene->nomem = true;
        goto done;
    }
    t0_most[0] = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        t0_most[i + 1] = fmax(t0_most[i], T->it[i].t0);
    }
    double all = fmax(T->tmax - T->tmin, 1e-9);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j <= n; j++) {
            double far = INFINITY, shown = INFINITY, prev_b = 0, widest = 0;
            if (column_holds(T, t0_most, i, j) &&
                !place_column(T, g, 0, i, j, false, &prev_b, &widest, scratch, &far, &shown)) {
                goto done;
            }
            cost[i * w + j] = far <= DISPLACE_SHARE ? (shown / all) * (shown / all) : INFINITY;
        }
    }
    /* best[m][j]: the least cost of items [0, j) in m columns */
    for (size_t m = 0; m <= k; m++) {
        for (size_t j = 0; j <= n; j++) {
            best[m * w + j] = m == 0 && j == 0 ? 0 : INFINITY;
        }
    }
    for (size_t m = 1; m <= k; m++) {
        for (size_t j = 1; j <= n; j++) {
            for (size_t i = 0; i < j; i++) {
                double v = best[(m - 1) * w + i] + cost[i * w + j];
                if (v < best[m * w + j]) {
                    best[m * w + j] = v;
                    from[m * w + j] = i;
                }
            }
        }
    }
    for (size_t m = 1; m <= k; m++) {
        if (best[m * w + n] < (used ? best[used * w + n] : INFINITY)) {
            used = m;
        }
    }
    for (size_t m = used, j = n; m > 0; m--) {
        j = from[m * w + j];
        starts[m - 1] = j;
    }
done:
    free(cost);
    free(best);
    free(from);
    free(t0_most);
    return used;
}

/* Lays out k columns whose tick labels take `tick_col` px; true when the blocks fit. Sets
 * *widest to the widest tick label found. */
static bool try_columns(struct timeline *T, size_t k, double tick_col, double *widest,
                        double *sum_h)
{
    struct layout *L = &T->L;
    const struct timeline_metrics *px = &T->px;
    double plot_w = L->right - L->left, avail = T->plot_bottom - T->plot_top, r = px->dot;
    struct col_geom g = {.col_w = (plot_w - (double)(k - 1) * px->col_gap) / (double)k};
    g.axis_off = tick_col + px->v_tick_gap;
    g.bars_off = g.axis_off + r + px->bar_gap;
    double lead_off =
        T->nbars ? g.bars_off + (double)T->nbars * (px->bar + px->bar_gap) : g.axis_off + r;
    g.block_off = lead_off + px->v_leader;
    g.wrap = fmin(px->wrap_v, g.col_w - g.block_off);
    if (g.wrap < px->min_wrap || !csvchart_tl_measure(T, g.wrap)) {
        return false;
    }
    size_t starts[TL_MAX_COLS + 2];
    double tallest = 0;
    *sum_h = 0;
    for (size_t i = 0; i < T->n; i++) {
        tallest = fmax(tallest, T->it[i].h);
        *sum_h += T->it[i].h;
    }
    if (tallest > avail || fill_columns(T, avail, starts) > k) {
        return false;
    }
    /* The shortest height at which k columns still hold every block. */
    double lo = tallest, hi = avail;
    for (int i = 0; i < 30 && hi - lo > 0.5; i++) {
        double mid = (lo + hi) / 2;
        if (fill_columns(T, mid, starts) <= k) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    size_t used = fill_columns(T, hi, starts);
    double *scratch = malloc(3 * T->n * sizeof *scratch);
    if (!scratch) {
        L->scene->nomem = true;
        return false;
    }
    /* The greedy fill evens the columns' heights, blind to time; a small timeline is cut where
     * time is quiet (it weighs every run of items). Any cut the fill makes is one of those
     * weighed: when none fits, neither does the fill's. */
    if (used > 1 && T->n <= QUIET_MOST && !T->optimistic) {
        used = quiet_columns(T, &g, k, starts, scratch);
    }
    T->ncols = used;
    T->nticks = 0;
    *widest = 0;
    double prev_b = -INFINITY; /* the end of the column before's time */
    bool fits = used > 0;
    for (size_t c = 0; c < used && fits; c++) {
        double far = 0;
        double shown = 0;
        fits = place_column(T, &g, c, starts[c], c + 1 < used ? starts[c + 1] : T->n, true, &prev_b,
                            widest, scratch, &far, &shown) &&
               (far <= DISPLACE_SHARE || T->optimistic);
    }
    free(scratch);
    return fits;
}

bool csvchart_tl_place_vertical(struct timeline *T)
{
    struct layout *L = &T->L;
    const struct timeline_metrics *px = &T->px;
    T->nbars = assign_bars(T);
    /* Every block takes at least a date line and a label line: fewer columns than that
     * height needs are not worth measuring. */
    double avail = T->plot_bottom - T->plot_top, least = T->lh_date + T->lh_label;
    double k0 = ceil(((double)T->n * (least + px->block_gap)) / (avail + px->block_gap));
    double sum_h = (double)T->n * least; /* a floor of the blocks' heights at any k tried */
    for (size_t k = (size_t)fmax(k0, 1); k <= TL_MAX_COLS; k++) {
        /* More columns are narrower, so their blocks are no shorter: skip the counts that
         * cannot hold the heights already measured. */
        if (sum_h + ((double)T->n - (double)k) * px->block_gap > (double)k * avail) {
            continue;
        }
        /* The tick column is as wide as the labels of the ticks chosen, which depend on the
         * height per day, which depends (through wrapping) on the column: widen and retry
         * until the labels fit. The column only grows, to the whole pixel past the widest
         * label: the first ticks of the columns name dates whose widths differ by tenths of a
         * pixel ("10 Mar 2025, 07:00", "11 Mar 2025, 07:00"), and following them a tenth at a
         * time ran out of passes at some heights only, so that 60 events fitting 1200x1340
         * were refused at 1200x1360 (found by a review). */
        double col = csvchart_layout_width(L, &T->tick_st, "2026");
        for (int pass = 0; pass < TICK_COL_PASSES; pass++) {
            double widest = 0, sum = 0;
            bool ok = try_columns(T, k, col, &widest, &sum);
            sum_h = fmax(sum_h, sum);
            if (!ok) {
                break;
            }
            if (widest <= col + 0.01) {
                T->tick_col = col;
                return true;
            }
            col = ceil(widest);
        }
        if (L->scene->nomem) {
            return false;
        }
    }
    return false;
}

void csvchart_tl_draw_vertical(struct timeline *T)
{
    struct layout *L = &T->L;
    const struct timeline_metrics *px = &T->px;
    const struct theme *th = &T->s->theme;
    double r = px->dot;
    for (size_t c = 0; c < T->ncols; c++) {
        const struct tl_column *C = &T->cols[c];
        double lead_x =
            T->nbars ? C->x_bars + (double)T->nbars * (px->bar + px->bar_gap) : C->axis + r;
        /* Leaders first, so the dots sit on them: straight, or bent where the block was
         * pushed off its dot. */
        for (size_t i = C->first; i < C->end; i++) {
            const struct tl_item *P = &T->it[i];
            double y0 = csvchart_layout_snap(L, P->pos, px->leader);
            double y1 = csvchart_layout_snap(L, P->by + T->lh_date / 2, px->leader);
            double xa = C->axis + r, xb = P->bx - px->leader_end;
            if (P->marker) { /* across the tick labels and the axis */
                csvchart_tl_marker_line(T, true, P->pos, C->x, xa);
            }
            if (fabs(y1 - y0) < 0.5) {
                csvchart_layout_soft_line(L, xa, y0, xb, y0, th->muted, px->leader);
            } else {
                double e1 = lead_x + px->leader_bend, e2 = P->bx - px->leader_slope;
                csvchart_layout_soft_line(L, xa, y0, e1, y0, th->muted, px->leader);
                csvchart_layout_soft_line(L, e1, y0, e2, y1, th->muted, px->leader);
                csvchart_layout_soft_line(L, e2, y1, xb, y1, th->muted, px->leader);
            }
        }
        csvchart_tl_draw_axis(T, &C->map, C->axis, true);
        csvchart_tl_draw_ticks(T, &T->ticks[C->tick0], C->nticks, C->axis, true,
                               C->axis - px->v_tick_gap);
        for (size_t i = C->first; i < C->end; i++) {
            csvchart_tl_draw_band(T, &C->map, &T->it[i], C->axis, true);
        }
        for (size_t i = 0; i < C->end; i++) { /* and the spans that run on from before */
            const struct tl_item *P = &T->it[i];
            if (i >= C->first || (P->span && P->t1 > T->cols[P->col].t_end &&
                                  csvchart_tl_map(&C->map, P->t1) > C->map.start + 0.5)) {
                csvchart_tl_draw_mark(T, &C->map, P, C->axis, true,
                                      C->x_bars + (double)P->bar * (px->bar + px->bar_gap),
                                      i >= C->first);
            }
        }
        for (size_t i = C->first; i < C->end; i++) {
            csvchart_tl_draw_block(T, &T->it[i], C->wrap);
        }
    }
}
