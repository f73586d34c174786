/*
 * layout_timeline_lanes.c - the third placement of a timeline's ladder (lanes = true): one
 * swimlane per group over a shared time axis. The other two, horizontal and vertical, are
 * layout_timeline_place.c's; like them, place measures and decides every position (drawing
 * nothing) and says whether the plot box holds it, and draw draws what was placed.
 *
 * One band per group, top to bottom in the groups' order, its name at its top left, and one
 * time axis under the last lane (its ticks drawn as faint gridlines through the lanes,
 * yielding to text). In a lane each item sits at its time: an event as a dot with its block
 * to the right (to the left near the right edge), a span as a bar with its block above it,
 * starting where the span starts. Items are packed into rows in time order, each in the row
 * just below the lowest one still occupied where it starts, so a lane reads in time order top
 * to bottom as well as left to right. The height the lanes leave free widens the gaps between
 * lanes, up to grow_gap each, and between the rows of a lane by half as much; what remains is
 * shared above and below.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_place.h"
#include "layout_timeline.h"

/* ---- lanes ------------------------------------------------------------------------------ */

/* An item's extent along the axis in a lane, its block's left edge and side. */
static void lane_geometry(struct timeline *T, struct tl_item *P, double *lo, double *hi)
{
    struct layout *L = &T->L;
    const struct timeline_metrics *px = &T->px;
    double r = px->dot, left = T->lane_x;
    double a = csvchart_tl_map(&T->map, P->t0), b = csvchart_tl_map(&T->map, P->t1);
    if (P->span) { /* the block above the bar, from the span's start */
        P->right = false;
        P->bx = fmax(left, fmin(a, L->right - P->w));
        *lo = fmin(a, P->bx);
        *hi = fmax(b, P->bx + P->w);
        return;
    }
    double m0 = P->e ? P->pos - r : a - r, m1 = P->e ? P->pos + r : b + r;
    if (m1 + px->flag_gap + P->w <= L->right) {
        P->right = false;
        P->bx = m1 + px->flag_gap;
    } else {
        P->right = true;
        P->bx = fmax(left, m0 - px->flag_gap - P->w);
    }
    *lo = fmin(m0, P->bx);
    *hi = fmax(m1, P->bx + P->w);
}

/* The height of an item in its row: a span's bar under its block. */
static double lane_item_h(const struct timeline *T, const struct tl_item *P)
{
    return P->span ? P->h + T->px.bar_gap * 2 + T->px.bar : P->h;
}

/*
 * Where the lanes' names go: a column left of the lanes (as in a roadmap) when the longest
 * name, wrapped to at most three lines, takes at most a fifth of the plot; else a heading
 * over each lane. Sets T->lane_col (0 for headings) and T->lane_x, where the lanes begin.
 */
static void lane_names(struct timeline *T)
{
    struct layout *L = &T->L;
    const struct timeline_data *d = T->d;
    double room = 0.2 * (L->right - L->left), col = 0;
    bool fits = true;
    for (size_t g = 0; g < d->ngroups && fits; g++) {
        double w;
        size_t n = csvchart_layout_lines(L, &T->lane_st, d->groups[g], room, 3, &w);
        fits = n <= 3 && csvchart_layout_widest_word(L, &T->lane_st, d->groups[g]) <= room;
        col = fmax(col, w);
    }
    T->lane_col = fits ? col : 0;
    T->lane_x = fits ? L->left + col + T->px.lane_name_gap : L->left;
}

/* The height a lane's name takes: its lines in a column, or a heading row. */
static double lane_name_h(struct timeline *T, size_t g)
{
    struct layout *L = &T->L;
    if (!T->lane_col) {
        return T->lh_lane + T->px.lane_head_gap;
    }
    size_t n = csvchart_layout_lines(L, &T->lane_st, T->d->groups[g], T->lane_col, 3, NULL);
    return (double)(n ? n : 1) * T->lh_lane;
}

bool csvchart_tl_place_lanes(struct timeline *T)
{
    struct layout *L = &T->L;
    const struct timeline_metrics *px = &T->px;
    const struct timeline_data *d = T->d;
    double avail = T->plot_bottom - T->plot_top;
    lane_names(T);
    double plot_w = L->right - T->lane_x;
    double wrap = fmin(px->wrap, 0.45 * plot_w);
    if (wrap < px->min_wrap || !csvchart_tl_measure(T, wrap)) {
        return false;
    }
    csvchart_tl_map_build(T, &T->map, T->tmin, T->tmax, T->lane_x, L->right,
                          px->axis_pad + px->dot);
    for (size_t i = 0; i < T->n; i++) {
        T->it[i].pos = csvchart_tl_map(&T->map, T->it[i].at);
    }
    T->nticks =
        csvchart_tl_choose_ticks(T, &T->map, false, fmax(0, T->lane_x - px->lane_name_gap / 2),
                                 fmin(T->s->width, L->right + L->px.pad_x / 2), T->ticks);
    double below = px->tick + px->tick_gap + T->lh_tick;
    double *ends = malloc(T->n * sizeof *ends); /* per row of the lane: where it is taken to */
    if (!ends) {
        L->scene->nomem = true;
        return false;
    }
    double total = below;
    size_t rows = 0;
    for (size_t g = 0; g < d->ngroups; g++) {
        T->row0[g] = rows;
        size_t nr = 0;
        for (size_t i = 0; i < T->n; i++) {
            struct tl_item *P = &T->it[i];
            if (P->group != g) {
                continue;
            }
            double lo, hi;
            lane_geometry(T, P, &lo, &hi);
            size_t row = 0;
            for (size_t k = nr; k-- > 0;) { /* below the lowest row still taken at lo */
                if (ends[k] + px->lane_item_gap > lo) {
                    row = k + 1;
                    break;
                }
            }
            if (row == nr) {
                T->row_h[rows + nr] = 0;
                ends[nr++] = -INFINITY;
            }
            ends[row] = fmax(ends[row], hi);
            P->level = row;
            T->row_h[rows + row] = fmax(T->row_h[rows + row], lane_item_h(T, P));
        }
        double h = 0;
        for (size_t k = 0; k < nr; k++) {
            h += T->row_h[rows + k] + (k ? px->lane_row_gap : 0);
        }
        h = T->lane_col ? fmax(h, lane_name_h(T, g)) : h + lane_name_h(T, g);
        rows += nr;
        total += h + px->lane_gap;
        if (total > avail) {
            free(ends);
            return false;
        }
    }
    T->row0[d->ngroups] = rows;
    T->lanes_h = total - below;
    free(ends);
    return total <= avail;
}

/* The rows' tops of every lane (row_y[], as T->row_h) when a gap between two rows of a lane
 * grows by row_grow and one between two lanes by lane_grow, the lanes starting at `top`;
 * writes each lane's top into lane_y[] (ngroups + 1: the last, where the axis is) and returns
 * the axis' y. */
static double lane_rows(struct timeline *T, double top, double row_grow, double lane_grow,
                        double *row_y, double *lane_y)
{
    const struct timeline_metrics *px = &T->px;
    const struct timeline_data *d = T->d;
    double y = top;
    for (size_t g = 0; g < d->ngroups; g++) {
        lane_y[g] = y;
        double rows_top = T->lane_col ? y : y + lane_name_h(T, g);
        size_t r0 = T->row0[g], nr = T->row0[g + 1] - r0;
        double ry = rows_top;
        for (size_t k = 0; k < nr; k++) {
            row_y[r0 + k] = ry;
            ry += T->row_h[r0 + k] + px->lane_row_gap + row_grow;
        }
        double rows_end = nr ? ry - px->lane_row_gap - row_grow : rows_top;
        y = (T->lane_col ? fmax(rows_end, y + lane_name_h(T, g)) : rows_end) + px->lane_gap +
            (g + 1 < d->ngroups ? lane_grow : 0);
    }
    lane_y[d->ngroups] = y;
    return y;
}

void csvchart_tl_draw_lanes(struct timeline *T)
{
    struct layout *L = &T->L;
    const struct timeline_metrics *px = &T->px;
    const struct timeline_data *d = T->d;
    const struct theme *th = &T->s->theme;
    size_t nrows = T->row0[d->ngroups];
    double *row_y = malloc((nrows + d->ngroups + 1) * sizeof *row_y);
    if (!row_y) {
        L->scene->nomem = true;
        return;
    }
    double *lane_y = row_y + nrows;
    /* The height left over goes to the gaps, each between two lanes growing by up to
     * grow_gap and each between two rows of a lane by half that, then half above and half
     * below: three lanes filled two thirds of an article, the bottom third blank (found by a
     * review). */
    double avail = T->plot_bottom - T->plot_top;
    double below = px->tick + px->tick_gap + T->lh_tick;
    double slack = fmax(0, avail - below - T->lanes_h);
    double gaps = (double)d->ngroups - 1;
    for (size_t g = 0; g < d->ngroups; g++) {
        size_t nr = T->row0[g + 1] - T->row0[g];
        gaps += nr > 1 ? 0.5 * (double)(nr - 1) : 0;
    }
    double grow = gaps > 0 ? fmin(px->grow_gap, slack / gaps) : 0;
    double used = lane_rows(T, 0, grow / 2, grow, row_y, lane_y);
    double top = T->plot_top + fmax(0, avail - below - used) / 2;
    double A = csvchart_layout_snap(L, lane_rows(T, top, grow / 2, grow, row_y, lane_y), px->axis);
    T->axis = A;
    /* Gridlines at the ticks, through the lanes (yielding to text). */
    for (size_t i = 0; i < T->nticks; i++) {
        double x = csvchart_layout_snap(L, T->ticks[i].pos, 1);
        csvchart_layout_soft_line(L, x, top, x, A, T->ticks[i].today ? th->title : th->grid,
                                  T->ticks[i].today ? px->axis : 1);
    }
    for (size_t g = 0; g < d->ngroups; g++) {
        csvchart_rgba color = th->palette[g % th->npalette];
        double y = lane_y[g];
        if (g > 0) { /* a rule between lanes, across the names too */
            double sep = csvchart_layout_snap(L, y - (px->lane_gap + grow) / 2, 1);
            csvchart_scene_line(L->scene, L->left, sep, L->right, sep, th->grid, 1);
        }
        csvchart_rgba name_color = T->color_dates ? color : th->text;
        if (T->lane_col) {
            size_t n = csvchart_layout_lines(L, &T->lane_st, d->groups[g], T->lane_col, 3, NULL);
            csvchart_layout_paragraph(L, &T->lane_st, name_color, d->groups[g], L->left,
                                      y + T->asc_lane, T->lane_col, n ? n : 1, TEXT_ANCHOR_START);
        } else {
            csvchart_layout_text(L, &T->lane_st, name_color, d->groups[g], strlen(d->groups[g]),
                                 L->left, y + T->asc_lane, TEXT_ANCHOR_START);
        }
        size_t r0 = T->row0[g];
        for (size_t i = 0; i < T->n; i++) {
            struct tl_item *P = &T->it[i];
            if (P->group != g) {
                continue;
            }
            double lo, hi;
            lane_geometry(T, P, &lo, &hi);
            P->by = row_y[r0 + P->level];
            if (P->marker) { /* through every lane, down to the axis */
                csvchart_tl_marker_line(T, false, P->pos, top, A);
            }
            double c = P->by + T->lh_date / 2; /* the first line's middle */
            double bar = P->by + P->h + px->bar_gap;
            csvchart_tl_draw_band(T, &T->map, P, c, false);
            csvchart_tl_draw_mark(T, &T->map, P, c, false, bar, false);
            csvchart_tl_draw_block(T, P, P->w);
        }
    }
    free(row_y);
    double labels = A + px->tick + px->tick_gap + T->asc_tick;
    csvchart_tl_draw_ticks(T, T->ticks, T->nticks, A, false, labels);
    csvchart_tl_draw_axis(T, &T->map, A, false);
}
