/*
 * layout_trend_inside.c - a labelled point's label set beside its dot, inside the data's box,
 * as a graphics desk sets "GPT-4o" by its point, rather than flown on a long leader from a row
 * of flags above the data or under the time axis (graphics desk review 12: fourteen labelled
 * prices in rows squeezed a five-decade plot into a third of the figure's height, with leaders
 * up to 250 px long).
 *
 * Each label tries eight places around its dot, in order: the side its flag would fly to
 * first (above when up_pref), right of the dot, then left, then centred over or under it, then
 * level with it on either side; the first that stays in the data's box and keeps inside_pad
 * px from every series' line and dot, every fitted line, the other labels set inside, the
 * leaders of the flags in the bands, the leaders to the labels at the lines' ends, the zero
 * line, and the shaded bands and spans of time (a series' text colour holds 4.5:1 on the
 * background, not on a tint), and that no other dot drawn could claim (ambiguous()), is taken.
 *
 *        NW  N  NE           the block's corner nearest the dot is inside_gap px beyond the
 *         W  o  E            dot's ring; N and S are centred on it, E and W level with it
 *        SW  S  SE
 *
 * A label with none of these places stands a little way above or below its dot on a short
 * vertical leader into open plot (lead()), the nearest place first. A label with no such place
 * either is marked `outside`: layout_trend.c's place() arranges the figure again with it in
 * the bands, which makes the data's box smaller, and sets the others again, until none moves
 * out.
 */
#include <math.h>
#include <stdlib.h>

#include "layout_trend.h"
#include "trend_data.h"
#include "trend_fit.h"

#define FIT_PIECES 48 /* as drawn (layout_trend_lines.c): straight on a log axis */

/* A box grown by the pad: [x0, x1] x [y0, y1]. */
struct box {
    double x0, y0, x1, y1;
};

/* True when segment (x1,y1)-(x2,y2) enters box b (Liang-Barsky clipping). */
static bool enters(double x1, double y1, double x2, double y2, const struct box *b)
{
    double dx = x2 - x1, dy = y2 - y1, lo = 0, hi = 1;
    double p[4] = {-dx, dx, -dy, dy}, q[4] = {x1 - b->x0, b->x1 - x1, y1 - b->y0, b->y1 - y1};
    for (int k = 0; k < 4; k++) {
        if (p[k] == 0) {
            if (q[k] < 0) {
                return false;
            }
            continue;
        }
        double r = q[k] / p[k];
        if (p[k] < 0) {
            lo = fmax(lo, r);
        } else {
            hi = fmin(hi, r);
        }
    }
    return hi >= lo;
}

/* The series' points in pixels, worked out once per arrangement: xy[2 * (off[i] + k)] and the
 * next are point k of series i (NAN for a missing value). */
struct pixels {
    double *xy;
    size_t *off;
    double *fit; /* each series' fitted line as drawn: FIT_PIECES + 1 points (log: 2) */
    size_t *ord; /* the flags by their points' x (fx) */
    double *fx;
    double reach; /* the furthest a flag's block or leader stands from its point's x */
};

/* A flag's point's time and its index: sorted by time, then index (no two equal). */
struct flag_at {
    double t;
    size_t i;
};

static int by_time(const void *pa, const void *pb)
{
    const struct flag_at *a = pa, *b = pb;
    return a->t < b->t ? -1 : a->t > b->t ? 1 : a->i < b->i ? -1 : a->i > b->i;
}

/* The first point of series i at or right of x (its n when none): points are sorted by time. */
static size_t first_from(const struct pixels *P, size_t i, size_t n, double x)
{
    const double *xy = P->xy + 2 * P->off[i];
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (xy[2 * mid] < x) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* True when series i's line or dots come into b: the segments between values next to each
 * other, each value's dot with its ring but `own` (the label's point: n for none), which the
 * label keeps inside_gap from already. */
static bool hits_series(const struct trend_layout *T, const struct pixels *P, size_t i, size_t own,
                        const struct box *b)
{
    size_t n = T->d->series[i].n;
    const double *xy = P->xy + 2 * P->off[i];
    double ring = T->r + T->px.ring;
    size_t k = first_from(P, i, n, b->x0 - ring);
    k = k ? k - 1 : 0; /* the segment into the box from its left */
    for (; k < n; k++) {
        double x = xy[2 * k], y = xy[2 * k + 1];
        if (y != y) {
            continue; /* missing */
        }
        if (x - ring > b->x1) {
            return false; /* past the box: no later point or segment reaches it */
        }
        if (k != own && y + ring > b->y0 && y - ring < b->y1 && x + ring > b->x0) {
            double nx = x < b->x0 ? b->x0 : x > b->x1 ? b->x1 : x;
            double ny = y < b->y0 ? b->y0 : y > b->y1 ? b->y1 : y;
            if ((nx - x) * (nx - x) + (ny - y) * (ny - y) < ring * ring) {
                return true;
            }
        }
        double y2 = k + 1 < n ? xy[2 * k + 3] : NAN;
        /* a segment wholly above or below the box does not enter it (y2 missing: no segment) */
        if (T->lines && y2 == y2 && !(y < b->y0 && y2 < b->y0) && !(y > b->y1 && y2 > b->y1) &&
            enters(x, y, xy[2 * k + 2], y2, b)) {
            return true;
        }
    }
    return false;
}

/*
 * True when a label at box b (unpadded), beside the dot at (ox, oy) that is series `own_s`'s
 * point `own_k`, would read as another dot's: a dot drawn (every point when the series has
 * dots, else the labelled and the lone ones) within half as far again of the label as its own
 * is (`own_gap`), or one of its own series - its colour - clearly nearer the label's middle
 * than its own (by MIDDLE_CLEARLY). A reader takes a label for the dot nearest it (graphics
 * desk review 13: "Model-12" centred under a neighbour of its dot, "o3-mini" as near another
 * dot as its own). Not for a few per cent: a wide block at a corner of its dot on a steep line
 * has its middle about as far from the line's next dot as from its own, and reads as its own by
 * the corner it sets at it ("Launch of the new model family", 61.9 px from the next dot's
 * centre and 63.6 from its own, flew under the axis across two lines, session 23).
 */
#define MIDDLE_CLEARLY 0.9
static bool ambiguous(const struct trend_layout *T, const struct pixels *P, size_t own_s,
                      size_t own_k, double ox, double oy, const struct box *b, double own_gap)
{
    double cx = (b->x0 + b->x1) / 2, cy = (b->y0 + b->y1) / 2;
    double own = hypot(ox - cx, oy - cy), near = 1.5 * own_gap;
    double reach = own > near ? own : near;
    for (size_t i = 0; i < T->d->nseries; i++) {
        const struct trend_series *ts = &T->d->series[i];
        const double *xy = P->xy + 2 * P->off[i];
        for (size_t k = first_from(P, i, ts->n, b->x0 - reach); k < ts->n; k++) {
            double x = xy[2 * k], y = xy[2 * k + 1];
            if (x > b->x1 + reach) {
                break;
            }
            if (y != y || !csvchart_tr_dot_drawn(T, ts, k) || (i == own_s && k == own_k)) {
                continue;
            }
            double nx = x < b->x0 ? b->x0 : x > b->x1 ? b->x1 : x;
            double ny = y < b->y0 ? b->y0 : y > b->y1 ? b->y1 : y;
            if ((i == own_s && hypot(x - cx, y - cy) < MIDDLE_CLEARLY * own) ||
                hypot(nx - x, ny - y) < near) {
                return true;
            }
        }
    }
    return false;
}

/* True when series i's fitted line comes into b. */
static bool hits_fit(const struct trend_layout *T, const struct pixels *P, size_t i,
                     const struct box *b)
{
    if (!T->d->series[i].has_fit) {
        return false;
    }
    const double *xy = P->fit + 2 * i * (FIT_PIECES + 1);
    size_t n = T->log ? 1 : FIT_PIECES;
    for (size_t k = 0; k < n; k++) {
        const double *a = xy + 2 * k, *c = a + 2;
        if (fmax(a[0], c[0]) >= b->x0 && fmin(a[0], c[0]) <= b->x1 &&
            enters(a[0], a[1], c[0], c[1], b)) {
            return true;
        }
    }
    return false;
}

void csvchart_tr_inside_leader(const struct trend_layout *T, const struct tr_flag *F, double *y0,
                               double *y1)
{
    double y = csvchart_tr_value_y(T, F->v), gap = T->r + T->px.ring;
    bool up = F->by + F->h <= y;
    *y0 = up ? y - gap : y + gap;
    *y1 = up ? F->by + T->px.leader_overlap : F->by + F->h - T->px.leader_overlap;
}

/* True when box b is clear of everything a label set inside must keep from; `self` is the
 * label's own flag (the others set inside are those before it that are placed). A leader's
 * box (fits false) may cross the fitted lines, as every flag's leader does: a short leader
 * over a dashed fit beats a long one over the same fit to a row above the plot; and the
 * shaded spans and bands, whose tint only text must keep off (a point inside "Exchange closed"
 * flew its label under the time axis, the plot under it empty: graphics desk review). */
static bool clear(const struct trend_layout *T, const struct pixels *P, size_t self,
                  const struct box *b, bool fits)
{
    if (b->x0 < T->px0 || b->x1 > T->px1 || b->y0 < T->data_top || b->y1 > T->data_bottom) {
        return false;
    }
    const struct trend_data *d = T->d;
    double zero = T->log || !(T->dlo < 0 && T->dhi > 0) ? NAN : csvchart_tr_value_y(T, 0);
    if (zero >= b->y0 && zero <= b->y1) {
        return false; /* the zero line, solid (layout_trend_lines.c) */
    }
    /* the shaded spans of time and bands: a series' colour holds 4.5:1 on the background only
     * (a marker's dashed line may pass behind a label, broken around it: refused, a label by
     * its dot flew to a row on a 400 px leader across another line instead) */
    for (size_t k = 0; fits && k < d->nmarkers; k++) {
        const struct trend_marker *m = &d->markers[k];
        if (m->span && csvchart_tr_time_x(T, m->t0) <= b->x1 &&
            csvchart_tr_time_x(T, m->t1) >= b->x0) {
            return false;
        }
    }
    for (size_t k = 0; fits && k < T->s->nbands; k++) {
        const struct ref_mark *r = &T->s->bands[k];
        if (csvchart_tr_value_y(T, r->hi) <= b->y1 && csvchart_tr_value_y(T, r->lo) >= b->y0) {
            return false;
        }
    }
    size_t lo = 0, hi = T->nfl; /* the flags whose point lies within reach of the box */
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        if (P->fx[m] < b->x0 - P->reach) {
            lo = m + 1;
        } else {
            hi = m;
        }
    }
    for (size_t o = lo; o < T->nfl && P->fx[o] <= b->x1 + P->reach; o++) {
        size_t i = P->ord[o];
        const struct tr_flag *F = &T->fl[i];
        if (i == self || F->at_end) {
            continue;
        }
        bool leader = F->inside ? F->lead : !F->marker && F->outside;
        if (F->inside && F->bx < b->x1 && F->bx + F->w > b->x0 && F->by < b->y1 &&
            F->by + F->h > b->y0) {
            return false; /* placed before this one (csvchart_tr_place_inside() goes in order) */
        }
        if (!leader || F->pos < b->x0 - 1 || F->pos > b->x1 + 1) {
            continue;
        }
        /* its leader: to its block inside, or from its point to its row in the band (a
         * marker's line yields) */
        double y0, y1;
        if (F->inside) {
            csvchart_tr_inside_leader(T, F, &y0, &y1);
        } else {
            y0 = P->xy[2 * (P->off[F->series] + F->index) + 1];
            y1 = F->side == 0 ? T->data_top : T->data_bottom;
        }
        if (enters(F->pos, y0, F->pos, y1, b)) {
            return false;
        }
    }
    for (size_t i = 0; T->direct && i < T->nends; i++) {
        const struct tr_end *E = &T->ends[i];
        if (!E->rule && enters(E->x_end, E->y_end, T->px1 + 1, E->y_end, b)) {
            return false; /* the leader to its label runs along its line's level */
        }
    }
    const struct tr_flag *me = &T->fl[self];
    for (size_t i = 0; i < d->nseries; i++) { /* the costliest last */
        size_t own = i == me->series ? me->index : d->series[i].n;
        if (hits_series(T, P, i, own, b) || (fits && hits_fit(T, P, i, b))) {
            return false;
        }
    }
    return true;
}

/*
 * Sets flag `self`'s label a little way above or below its dot, on a short vertical leader,
 * where none of the eight places beside the dot is free: the block beside the leader's far
 * end as a flag's (right of it, else left), the leader and the block clear of everything a
 * label set inside keeps from (the leader may cross a fitted line), the nearest such place
 * first, on the side the flag prefers
 * first (a falling line's labels stood in rows under the axis on leaders of 250 px, the open
 * plot above the line empty; graphics desk review 13).
 */
#define TR_LEAD_STEPS 6

/* Whether another dot of flag F's series - its colour - stands nearer the corner of its
 * block where its leader meets it (cx, cy) than three quarters of the way from F's own dot:
 * the block then reads as that dot's, whatever its leader says ("Holiday dip" 30 px under the
 * "Holiday dip 2" dot, 47 px from its own, graphics desk, session 22). The neighbours of a
 * gently rising line stand further from that corner than its own dot under a label over it,
 * and another series' dot is told apart by its colour ("100M in two months" in blue under the
 * grey line's dots). */
static bool lead_ambiguous(const struct trend_layout *T, const struct pixels *P,
                           const struct tr_flag *F, double cx, double cy)
{
    size_t i = F->series;
    const struct trend_series *ts = &T->d->series[i];
    const double *xy = P->xy + 2 * P->off[i];
    double own = hypot(xy[2 * F->index] - cx, xy[2 * F->index + 1] - cy), near = 0.75 * own;
    for (size_t k = first_from(P, i, ts->n, cx - near); k < ts->n && xy[2 * k] <= cx + near; k++) {
        double y = xy[2 * k + 1];
        if (y != y || k == F->index || !csvchart_tr_dot_drawn(T, ts, k)) {
            continue;
        }
        if (hypot(xy[2 * k] - cx, y - cy) < near) {
            return true;
        }
    }
    return false;
}

/* Whether another flag's leader runs in line with a leader at x from y0 to y1, within two
 * steps of it: the two read as one line through the dots between (GPT-4o's leader down and
 * Mistral's up, 2 px apart, on one date, graphics desk, session 22). */
static bool in_line(const struct trend_layout *T, size_t self, double x, double y0, double y1)
{
    double reach = 2 * T->px.inside_lead;
    for (size_t i = 0; i < T->nfl; i++) {
        const struct tr_flag *G = &T->fl[i];
        if (i == self || G->at_end || G->marker || !(G->inside ? G->lead : G->outside) ||
            fabs(G->pos - x) >= T->px.end_lane) {
            continue; /* a marker's line: lead() keeps off it */
        }
        double a, b;
        if (G->inside) {
            csvchart_tr_inside_leader(T, G, &a, &b);
        } else {
            a = csvchart_tr_value_y(T, G->v);
            b = G->side == 0 ? T->data_top : T->data_bottom;
        }
        if (fmax(a, b) > y0 - reach && fmin(a, b) < y1 + reach) {
            return true;
        }
    }
    return false;
}

static void lead(struct trend_layout *T, const struct pixels *P, size_t self)
{
    const struct trend_metrics *px = &T->px;
    struct tr_flag *F = &T->fl[self];
    double x = csvchart_tr_time_x(T, F->t), y = csvchart_tr_value_y(T, F->v);
    double ring = T->r + px->ring, half = px->leader / 2 + px->inside_pad;
    for (size_t m = 0; m < T->d->nmarkers; m++) { /* not down a marker's dashed line */
        const struct trend_marker *mk = &T->d->markers[m];
        if (!mk->span && fabs(csvchart_tr_time_x(T, mk->t) - x) < px->end_lane) {
            return;
        }
    }
    bool blocked[2] = {false, false}; /* a leader that meets something meets it when longer */
    for (int k = 1; k <= TR_LEAD_STEPS; k++) {
        for (int c = 0; c < 4; c++) {
            bool up = (c < 2) == F->up_pref, right = c % 2 == 0;
            if (blocked[up]) {
                continue;
            }
            double len = k * px->inside_lead;
            double by = up ? y - ring - len - F->h : y + ring + len;
            double bx = right ? x + px->flag_gap : x - px->flag_gap - F->w;
            struct box b = {bx - px->inside_pad, by - px->inside_pad, bx + F->w + px->inside_pad,
                            by + F->h + px->inside_pad};
            /* the leader: from the dot's ring (and the pad past it, where the own line still
             * runs near) to the block's far edge */
            double y0 = up ? y - ring - px->inside_pad : y + ring + px->inside_pad;
            double y1 = up ? by + px->leader_overlap : by + F->h - px->leader_overlap;
            struct box stem = {x - half, fmin(y0, y1), x + half, fmax(y0, y1)};
            if (!clear(T, P, self, &stem, false)) {
                blocked[up] = true;
                continue;
            }
            if (clear(T, P, self, &b, true) && !in_line(T, self, x, stem.y0, stem.y1) &&
                !lead_ambiguous(T, P, F, right ? bx : bx + F->w, up ? by + F->h : by)) {
                F->inside = F->lead = true;
                F->pos = x;
                F->bx = bx;
                F->by = by;
                F->side = right ? 0 : 1;
                return;
            }
        }
    }
}

size_t csvchart_tr_place_inside(struct trend_layout *T)
{
    const struct trend_metrics *px = &T->px;
    const struct trend_data *d = T->d;
    size_t moved = 0, total = 0;
    for (size_t i = 0; i < T->nfl; i++) {
        T->fl[i].inside = T->fl[i].lead = false;
    }
    for (size_t i = 0; i < d->nseries; i++) {
        total += d->series[i].n;
    }
    size_t ns = d->nseries ? d->nseries : 1;
    size_t nf = T->nfl ? T->nfl : 1;
    struct pixels P = {malloc((total ? total : 1) * 2 * sizeof *P.xy),
                       malloc(ns * sizeof *P.off),
                       malloc(ns * (FIT_PIECES + 1) * 2 * sizeof *P.fit),
                       malloc(nf * sizeof *P.ord),
                       malloc(nf * sizeof *P.fx),
                       0};
    struct flag_at *fa = malloc(nf * sizeof *fa);
    bool ok = P.xy && P.off && P.fit && P.ord && P.fx && fa;
    /* a block stands beside its leader, a flown leader up to TR_JOG_STEPS jogs off its point */
    double widest = 0;
    for (size_t i = 0; ok && i < T->nfl; i++) {
        fa[i] = (struct flag_at){T->fl[i].t, i};
        widest = fmax(widest, T->fl[i].w);
    }
    if (ok) {
        qsort(fa, T->nfl, sizeof *fa, by_time);
        for (size_t o = 0; o < T->nfl; o++) {
            P.ord[o] = fa[o].i;
            P.fx[o] = csvchart_tr_time_x(T, fa[o].t);
        }
    }
    free(fa);
    P.reach = widest + px->flag_gap + px->inside_gap + T->r + px->ring +
              TR_JOG_STEPS * (T->r + px->ring + px->leader + px->end_lane / 2) + 1;
    for (size_t i = 0, at = 0; ok && i < d->nseries; i++) {
        const struct trend_series *ts = &d->series[i];
        size_t n = T->log ? 1 : FIT_PIECES;
        for (size_t k = 0; ts->has_fit && k <= n; k++) {
            double t = ts->t_first + (ts->t_last - ts->t_first) * (double)k / (double)n;
            double *q = P.fit + 2 * (i * (FIT_PIECES + 1) + k);
            q[0] = csvchart_tr_time_x(T, t);
            q[1] = csvchart_tr_value_y(T, csvchart_trend_fit_at(&ts->fit, t));
        }
        P.off[i] = at;
        for (size_t k = 0; k < d->series[i].n; k++, at++) {
            const struct trend_point *p = &d->series[i].p[k];
            P.xy[2 * at] = csvchart_tr_time_x(T, p->t);
            P.xy[2 * at + 1] = p->has ? csvchart_tr_value_y(T, p->v) : NAN;
        }
    }
    for (size_t i = 0; i < T->nfl; i++) {
        struct tr_flag *F = &T->fl[i];
        if (F->marker || F->at_end || F->outside) {
            continue;
        }
        if (!ok) { /* out of memory: in the bands, as before */
            F->outside = true;
            moved++;
            continue;
        }
        double x = csvchart_tr_time_x(T, F->t), y = csvchart_tr_value_y(T, F->v);
        double g = T->r + px->ring + px->inside_gap, c = g * 0.7071, w = F->w, h = F->h;
        /* corners: right, then left; then centred; then level (E, W) */
        const double at[8][2] = {
            {x + c, y - c - h}, {x - c - w, y - c - h}, {x - w / 2, y - g - h},
            {x + c, y + c},     {x - c - w, y + c},     {x - w / 2, y + g},
            {x + g, y - h / 2}, {x - g - w, y - h / 2},
        };
        static const int up_first[8] = {0, 1, 2, 6, 7, 3, 4, 5};
        static const int dn_first[8] = {3, 4, 5, 6, 7, 0, 1, 2};
        const int *order = F->up_pref ? up_first : dn_first;
        for (size_t k = 0; k < 8 && !F->inside; k++) {
            const double *p = at[order[k]];
            struct box b = {p[0] - px->inside_pad, p[1] - px->inside_pad, p[0] + w + px->inside_pad,
                            p[1] + h + px->inside_pad};
            struct box bare = {p[0], p[1], p[0] + w, p[1] + h};
            if (clear(T, &P, i, &b, true) &&
                !ambiguous(T, &P, F->series, F->index, x, y, &bare, g)) {
                F->inside = true;
                F->bx = p[0];
                F->by = p[1];
                /* left of the dot the lines align on their right edge, towards it */
                F->side = p[0] + w <= x ? 1 : 0;
            }
        }
        if (!F->inside) {
            lead(T, &P, i);
        }
        if (!F->inside) {
            F->outside = true;
            moved++;
        }
    }
    free(P.xy);
    free(P.off);
    free(P.fit);
    free(P.ord);
    free(P.fx);
    return moved;
}
