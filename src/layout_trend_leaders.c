/*
 * layout_trend_leaders.c - the leaders of the flags in the bands: a vertical line from a
 * labelled point's dot (or a marker's edge of the data) to its text block, past the other dots
 * on its way; and drawn here too, the short leaders of labels set inside a little way off
 * their dots (layout_trend_inside.c).
 *
 * Most figures end every series on one date, and many label points of several series on one
 * date, so a leader from a middle series' dot ran through the dots of the series above or
 * below it, and the first dot the eye met on it was another series' (graphics desk review 13:
 * "GPT-4o 65%" read as Gemini's). Such a leader jogs: it leaves its dot at 45 degrees (or
 * flatter, where the dot next to it stands closer than their rings), a dot's breadth or more
 * to one side, and runs on clear of the dots; its block moves with it. The leaders nearest
 * their band jog first, so those of one date fan out, the outermost from the furthest dot.
 *
 *          | Label                      the dot's own leader first, then level with the
 *          |                            others' dots a jog to one side:
 *     o   /           (another dot)
 *        o            (its own dot)
 *
 * A leader that would run down a marker's dashed line of its date jogs the same way. A jog is
 * taken only where its line meets no dot, no marker's line, no other flag's leader or block,
 * no leader to a line-end label, no time tick label the straight leader did not meet, and its
 * block stays on the canvas; else the leader stays straight.
 */
#include <math.h>
#include <stdlib.h>

#include "layout_trend.h"
#include "trend_data.h"

/* The distance from (x, y) to the segment a-b. */
static double seg_dist(double x, double y, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    double u = len2 > 0 ? fmax(0, fmin(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
    return hypot(x - (ax + u * dx), y - (ay + u * dy));
}

/* The dots drawn, sorted by x: what a leader must pass clear of. */
struct dot {
    double x, y;
    size_t series, index;
};
struct dots {
    struct dot *d;
    size_t n;
};

static int by_x(const void *pa, const void *pb)
{
    const struct dot *a = pa, *b = pb;
    if (a->x != b->x) {
        return a->x < b->x ? -1 : 1;
    }
    if (a->series != b->series) {
        return a->series < b->series ? -1 : 1;
    }
    return a->index < b->index ? -1 : a->index > b->index;
}

/* The figure's drawn dots (D->d NULL when out of memory). */
static bool dots_get(const struct trend_layout *T, struct dots *D)
{
    size_t n = 0;
    for (size_t i = 0; i < T->d->nseries; i++) {
        const struct trend_series *ts = &T->d->series[i];
        for (size_t k = 0; k < ts->n; k++) {
            n += csvchart_tr_dot_drawn(T, ts, k);
        }
    }
    D->n = 0;
    D->d = malloc((n ? n : 1) * sizeof *D->d);
    if (!D->d) {
        return false;
    }
    for (size_t i = 0; i < T->d->nseries; i++) {
        const struct trend_series *ts = &T->d->series[i];
        for (size_t k = 0; k < ts->n; k++) {
            if (csvchart_tr_dot_drawn(T, ts, k)) {
                D->d[D->n++] = (struct dot){csvchart_tr_time_x(T, ts->p[k].t),
                                            csvchart_tr_value_y(T, ts->p[k].v), i, k};
            }
        }
    }
    qsort(D->d, D->n, sizeof *D->d, by_x);
    return true;
}

/* Whether the segment a-b comes within `clear` of the centre of a drawn dot other than point
 * `index` of series `series`. */
static bool meets_dot(const struct dots *D, double ax, double ay, double bx, double by,
                      double clear, size_t series, size_t index)
{
    double lo = fmin(ax, bx) - clear, hi = fmax(ax, bx) + clear;
    size_t a = 0, b = D->n; /* the first dot at or right of lo */
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (D->d[m].x < lo) {
            a = m + 1;
        } else {
            b = m;
        }
    }
    for (size_t k = a; k < D->n && D->d[k].x <= hi; k++) {
        const struct dot *d = &D->d[k];
        if (!(d->series == series && d->index == index) &&
            seg_dist(d->x, d->y, ax, ay, bx, by) < clear) {
            return true;
        }
    }
    return false;
}

/* The far end of a flag's leader: beside its block, short of the block's far edge. */
static double leader_to(const struct trend_layout *T, const struct tr_flag *F)
{
    return F->side == 0 ? F->by + T->px.leader_overlap : F->by + F->h - T->px.leader_overlap;
}

/* Where a point's leader leaves its dot: its ring's edge, towards the leader's line. */
static double leader_from(const struct trend_layout *T, const struct tr_flag *F, double y)
{
    double gap = T->r + T->px.ring;
    return F->side == 0 ? y - gap : y + gap;
}

/* Where a point flag's leader, its line at x, turns from its jog to its line: its jog runs
 * from its dot's centre at F->rise (its ring's edge when it does not jog). */
static double leader_turn(const struct trend_layout *T, const struct tr_flag *F, double x)
{
    double x0 = csvchart_tr_time_x(T, F->t), y = csvchart_tr_value_y(T, F->v);
    double jog = fabs(x - x0);
    return jog > 0.5 ? y + (F->side == 0 ? -1 : 1) * jog * F->rise : leader_from(T, F, y);
}

/* Where a point flag's jog to x leaves its dot's ring: (*xa, *ya). */
static void jog_start(const struct trend_layout *T, const struct tr_flag *F, double x, double *xa,
                      double *ya)
{
    double x0 = csvchart_tr_time_x(T, F->t), y = csvchart_tr_value_y(T, F->v);
    double ring = T->r + T->px.ring, len = hypot(1, F->rise);
    *xa = x0 + copysign(ring / len, x - x0);
    *ya = y + (F->side == 0 ? -1 : 1) * ring * F->rise / len;
}

/* Whether point flag F's leader, its line at x, comes near a dot not its own: within a dot's
 * ring and a leader's width of its centre along its line, within the ring along its jog. */
static bool leader_meets_dot(const struct trend_layout *T, const struct dots *D,
                             const struct tr_flag *F, double x)
{
    double x0 = csvchart_tr_time_x(T, F->t), turn = leader_turn(T, F, x);
    double ring = T->r + T->px.ring;
    /* a jogged line from its dot's level on: one that turned under a neighbour's dot hung
     * from it (Tulu's, under the next day's, graphics desk, session 22) */
    double from = fabs(x - x0) > 0.5 ? csvchart_tr_value_y(T, F->v) : turn;
    if (meets_dot(D, x, from, x, leader_to(T, F), ring + T->px.leader, F->series, F->index)) {
        return true;
    }
    double xa, ya;
    jog_start(T, F, x, &xa, &ya);
    return fabs(x - x0) > 0.5 && meets_dot(D, xa, ya, x, turn, ring, F->series, F->index);
}

/* Whether point flag F's leader, its line at x, runs along a marker's dashed line: within a
 * leader's lane of it over any of its height (a leader on "27 Jan" ran down the marker of that
 * date, graphics desk, session 21). */
static bool on_marker(const struct trend_layout *T, const struct tr_flag *F, double x)
{
    double turn = leader_turn(T, F, x), to = leader_to(T, F);
    for (size_t i = 0; i < T->nfl; i++) {
        const struct tr_flag *G = &T->fl[i];
        if (!G->marker || !G->outside || T->d->markers[G->index].span ||
            fabs(G->pos - x) >= T->px.end_lane) {
            continue;
        }
        double from = G->side == 0 ? T->data_bottom : T->data_top, g_to = leader_to(T, G);
        if (fmax(turn, to) > fmin(from, g_to) && fmin(turn, to) < fmax(from, g_to)) {
            return true;
        }
    }
    return false;
}

bool csvchart_tr_leader_hits_dot(const struct trend_layout *T, const struct tr_flag *F)
{
    if (F->marker || F->inside || !F->outside) {
        return false;
    }
    struct dots D;
    bool hits = !dots_get(T, &D) || leader_meets_dot(T, &D, F, F->pos); /* out of memory: as met */
    free(D.d);
    return hits;
}

/* Whether point flag F's leader, its line at x and its block at bx, keeps clear of every other
 * flag in the bands on its side (their blocks, and the leaders of those `settled`) and of the
 * leaders to the labels at the lines' ends. */
static bool clear_of_others(const struct trend_layout *T, const struct tr_flag *F, double x,
                            double bx, const bool *settled)
{
    double gap = T->px.flag_gap, apart = T->px.end_lane;
    double x0 = csvchart_tr_time_x(T, F->t), turn = leader_turn(T, F, x), to = leader_to(T, F);
    double y_lo = fmin(turn, to), y_hi = fmax(turn, to);
    double y_dot = csvchart_tr_value_y(T, F->v);
    for (size_t i = 0; i < T->nfl; i++) {
        const struct tr_flag *G = &T->fl[i];
        if (G == F || G->at_end || G->inside || !G->outside || G->side != F->side) {
            continue;
        }
        /* F's block beside G's (one row) */
        bool rows_meet = G->by < F->by + F->h && G->by + G->h > F->by;
        if (rows_meet && G->bx < bx + F->w + gap && G->bx + G->w + gap > bx) {
            return false;
        }
        if (!settled[i]) { /* its leader may yet move */
            continue;
        }
        if (fabs(G->pos - x) < apart) {
            return false; /* two leaders as one */
        }
        if (G->level > F->level && G->pos > bx - gap && G->pos < bx + F->w + gap) {
            return false; /* G's leader through F's block */
        }
        /* F's leader through G's block (G nearer the data than F) */
        if (G->level < F->level && x > G->bx - gap && x < G->bx + G->w + gap) {
            return false;
        }
        /* F's jog across G's leader: where the jog passes G's line, G's line is there */
        double cross = T->px.leader + 1;
        if (G->pos > fmin(x0, x) - cross && G->pos < fmax(x0, x) + cross && !G->marker) {
            double y = y_dot + (F->side == 0 ? -1 : 1) * fabs(G->pos - x0) * F->rise;
            double g_turn = leader_turn(T, G, G->pos), g_to = leader_to(T, G);
            if (y > fmin(g_turn, g_to) - cross && y < fmax(g_turn, g_to) + cross) {
                return false;
            }
        }
    }
    for (size_t i = 0; T->direct && i < T->nends; i++) {
        const struct tr_end *E = &T->ends[i];
        /* a line-end label's leader runs level from its line's end to the column */
        if (x > E->x_end && E->y_end > y_lo - apart && E->y_end < y_hi + apart) {
            return false;
        }
    }
    return true;
}

/* The flags in the bands with a point's leader (their indices into order; how many), nearest
 * their band first: above the data the highest dot, under it the lowest. A leader from further
 * away passes the others' dots, and jogs past their leaders: further. */
static size_t jog_order(const struct trend_layout *T, size_t *order)
{
    size_t n = 0;
    for (size_t i = 0; i < T->nfl; i++) {
        const struct tr_flag *F = &T->fl[i];
        if (F->marker || F->at_end || F->inside || !F->outside) {
            continue;
        }
        double key = (F->side == 0 ? 1 : -1) * csvchart_tr_value_y(T, F->v);
        size_t j = n++;
        for (; j > 0; j--) {
            const struct tr_flag *P = &T->fl[order[j - 1]];
            double pk = (P->side == 0 ? 1 : -1) * csvchart_tr_value_y(T, P->v);
            if (pk <= key) {
                break;
            }
            order[j] = order[j - 1];
        }
        order[j] = i;
    }
    return n;
}

/* Takes back the jog of flag F. */
static void unjog(const struct trend_layout *T, struct tr_flag *F)
{
    double x0 = csvchart_tr_time_x(T, F->t);
    F->bx -= F->pos - x0;
    F->pos = x0;
    F->rise = 1;
}

/* One flag's jog: the first of 1..TR_JOG_STEPS steps, away from its block first, that runs
 * clear; none when none does. */
static void jog(struct trend_layout *T, const struct dots *D, struct tr_flag *F,
                const bool *settled)
{
    const struct layout *L = &T->L;
    double step = T->r + T->px.ring + T->px.leader + T->px.end_lane / 2, x = F->pos;
    if (!leader_meets_dot(T, D, F, x) && !on_marker(T, F, x)) {
        return;
    }
    double away = F->side == 0 ? -1 : 1; /* above the data the block stands right of its leader */
    static const double rises[] = {1, 0.5}; /* 45 degrees; flatter past a neighbour's dot */
    for (int k = 1; k <= TR_JOG_STEPS; k++) {
        for (int c = 0; c < 4; c++) {
            double xj = x + (c % 2 == 0 ? away : -away) * k * step;
            double bx = F->bx + (xj - x);
            F->rise = rises[c / 2];
            if (bx < L->left - 0.01 || bx + F->w > L->right + 0.01 || xj < T->px0 || xj > T->px1 ||
                leader_meets_dot(T, D, F, xj) || on_marker(T, F, xj) ||
                (F->side == 1 && csvchart_tr_hits_tick(T, xj) && !csvchart_tr_hits_tick(T, x)) ||
                !clear_of_others(T, F, xj, bx, settled)) {
                continue;
            }
            F->pos = xj;
            F->bx = bx;
            return;
        }
    }
    F->rise = 1;
}

bool csvchart_tr_jog_leaders(struct trend_layout *T)
{
    size_t *order = malloc((T->nfl ? T->nfl : 1) * sizeof *order);
    bool *settled = calloc(T->nfl ? T->nfl : 1, sizeof *settled);
    if (!order || !settled) {
        free(order);
        free(settled);
        return false;
    }
    size_t n = jog_order(T, order);
    for (size_t i = 0; i < T->nfl; i++) {
        settled[i] = true;
        T->fl[i].rise = 1;
    }
    struct dots D = {NULL, 0};
    if (n && !dots_get(T, &D)) {
        free(order);
        free(settled);
        return false;
    }
    for (size_t o = 0; o < n; o++) { /* the flags to come: their leaders may yet move */
        settled[order[o]] = false;
    }
    for (size_t o = 0; o < n; o++) {
        jog(T, &D, &T->fl[order[o]], settled);
        settled[order[o]] = true;
    }
    /* A jog was checked against the leaders of the flags before it; one after it that could
     * not jog may still run through its block: that jog is taken back, until none does. */
    for (bool again = true; again;) {
        again = false;
        for (size_t o = 0; o < n; o++) {
            struct tr_flag *F = &T->fl[order[o]];
            if (fabs(F->pos - csvchart_tr_time_x(T, F->t)) > 0.01 &&
                !clear_of_others(T, F, F->pos, F->bx, settled)) {
                unjog(T, F);
                again = true;
            }
        }
    }
    free(D.d);
    free(order);
    free(settled);
    return true;
}

void csvchart_tr_draw_leaders(struct trend_layout *T)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    for (size_t i = 0; i < T->nfl; i++) {
        const struct tr_flag *F = &T->fl[i];
        if (F->inside && F->lead) { /* a short one, to a label set inside */
            double x = csvchart_layout_snap(L, F->pos, T->px.leader), y0, y1;
            csvchart_tr_inside_leader(T, F, &y0, &y1);
            csvchart_layout_soft_line(L, x, y0, x, y1, th->muted, T->px.leader);
            continue;
        }
        if (F->at_end || F->inside) {
            continue;
        }
        double x = csvchart_layout_snap(L, F->pos, T->px.leader);
        double from;
        if (F->marker && T->d->markers[F->index].span) { /* the shade marks it: no line over it */
            from = F->side == 0 ? T->data_top : T->data_bottom;
        } else if (F->marker) {
            from = F->side == 0 ? T->data_bottom : T->data_top;
        } else {
            double y = csvchart_tr_value_y(T, F->v), x0 = csvchart_tr_time_x(T, F->t);
            from = leader_from(T, F, y);
            if (fabs(x - x0) > 0.5) { /* from the ring's edge, along its jog, to its line */
                double xa, ya, yb = leader_turn(T, F, x);
                jog_start(T, F, x, &xa, &ya);
                csvchart_layout_soft_line(L, xa, ya, x, yb, th->muted, T->px.leader);
                from = yb;
            }
        }
        struct scene_item *it =
            csvchart_layout_soft_line(L, x, from, x, leader_to(T, F), th->muted, T->px.leader);
        if (it && F->marker) {
            it->dash = T->px.marker_dash;
        }
    }
}
