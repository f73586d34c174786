/*
 * layout_place.c - the label placers the layouts share (see layout_place.h): flags in rows on
 * both sides of an axis, and the 1-D dodge. Layout stage; no text is measured here: callers
 * hand in the blocks' sizes (layout_timeline_place.c, layout_trend.c).
 *
 * Flags. A leader must not cross another block's text, so a block that reaches over the
 * leaders of later flags (above the axis) or earlier ones (below it) must sit in a row further
 * out than all of them. Above, walking the flags right to left, the lowest row flag i can take
 * is one more than the highest row among the flags placed above whose leaders lie within its
 * block's reach [pos_i, pos_i + flag_gap + width + reach_gap]; below, mirrored, walking left to
 * right. Each is a range-maximum query over the sorted flags (a segment tree per side):
 * O(n log n) in all. The two rules make both sides read in order from top to bottom: above,
 * earlier blocks stand higher; below, later blocks hang lower. Two blocks in one row never
 * overlap: the earlier one ends before the later one's leader. A flag that may take one side
 * only takes it; the others choose in one of three ways: below whenever that takes the first
 * row there (rows below are known left to right), else above; or alternating, starting above
 * or below; each with and without sending a leader that would run into something (`hit`: a
 * tick label) above. The lowest of the six wins, then the one with the fewest leaders below
 * through something. Rows take the height of their tallest block.
 *
 * Dodge. Blocks in order along a line, each wanting a place: merge a block into the previous
 * cluster while they overlap, place each cluster at the mean of its members' wishes (clamped
 * to the top), then a backward pass clamps the bottom. O(n).
 */
#include "layout_place.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- flags -------------------------------------------------------------------------------- */

/* A max segment tree over flag indices, values level + 1 (0 = none placed). */
struct segtree {
    size_t size;
    size_t *v;
};

static void seg_set(struct segtree *t, size_t i, size_t value)
{
    i += t->size;
    t->v[i] = value;
    for (i /= 2; i >= 1; i /= 2) {
        t->v[i] = t->v[2 * i] > t->v[2 * i + 1] ? t->v[2 * i] : t->v[2 * i + 1];
    }
}

/* Max over [l, r) */
static size_t seg_max(const struct segtree *t, size_t l, size_t r)
{
    size_t m = 0;
    for (l += t->size, r += t->size; l < r; l /= 2, r /= 2) {
        if (l & 1) {
            m = t->v[l] > m ? t->v[l] : m;
            l++;
        }
        if (r & 1) {
            r--;
            m = t->v[r] > m ? t->v[r] : m;
        }
    }
    return m;
}

/* The first flag whose leader is at or after x (flags are sorted along the axis). */
static size_t first_at(const struct place_flag *f, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f[mid].pos < x) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Adds a block of height h to row `level` of a side, keeping *total (the side's rows and the
 * gaps between them) up to date. */
static void grow_row(double *rows, size_t *nrows, double *total, size_t level, double h, double gap)
{
    while (*nrows <= level) {
        rows[(*nrows)++] = 0;
        *total += *nrows > 1 ? gap : 0;
    }
    if (h > rows[level]) {
        *total += h - rows[level];
        rows[level] = h;
    }
}

/* How the free flags choose a side (see levels()). */
enum sides { SIDES_DOWN_FIRST, SIDES_ALTERNATE_UP, SIDES_ALTERNATE_DOWN };

/* What every way of choosing sides shares: the tree, and each flag's reach along the axis
 * (it depends on the flag alone), found once instead of once a way. */
struct reach {
    struct segtree tree;
    size_t *below; /* [i]: the first flag whose leader a block of flag i hung below reaches */
    size_t *above; /* [i]: one past the last flag whose leader a block of flag i above reaches */
};

/*
 * Sides and rows for one way of choosing sides (free flags: those that may take either side):
 *   SIDES_DOWN_FIRST      left to right, below when that takes row 0 there (below, rows are
 *                         known left to right), else above;
 *   SIDES_ALTERNATE_UP    alternating, the first above; SIDES_ALTERNATE_DOWN the first below.
 * With avoid_hits, a free flag whose leader below would run into something goes above.
 * Returns the height needed, or INFINITY once it passes `limit` or its leaders below through
 * something (counted in *hits) pass max_hits (the rest is not worth computing).
 */
static double levels(struct place_flag *f, size_t n, struct place_rows *r, struct reach *x,
                     enum sides how, bool avoid_hits, double limit, size_t max_hits, size_t *hits)
{
    struct segtree *tree = &x->tree;
    memset(tree->v, 0, 2 * tree->size * sizeof *tree->v);
    double up = 0, dn = 0, fixed = r->fixed;
    r->nup = r->ndn = 0;
    *hits = 0;
    bool want_up = how == SIDES_ALTERNATE_UP;
    /* Sides, and the rows below (left to right: a block reaches over the leaders left of
     * it, so it hangs below every one of them within its reach). */
    for (size_t i = 0; i < n; i++) {
        struct place_flag *P = &f[i];
        size_t lo = x->below[i];
        size_t level = seg_max(tree, lo < i ? lo : i, i);
        bool hit = P->hit;
        if (P->up_ok && !P->dn_ok) {
            P->side = 0;
        } else if (P->dn_ok && !P->up_ok) {
            P->side = 1;
        } else if (avoid_hits && hit) {
            P->side = 0;
        } else if (how == SIDES_DOWN_FIRST) {
            P->side = level == 0 ? 1 : 0;
        } else {
            P->side = want_up ? 0 : 1;
            want_up = !want_up;
        }
        if (P->side == 1) {
            *hits += hit;
            if (*hits > max_hits) {
                return INFINITY; /* another way has fewer */
            }
            P->level = level;
            seg_set(tree, i, level + 1);
            grow_row(r->dn_h, &r->ndn, &dn, level, P->h, r->level_gap);
            if (dn + fixed > limit) {
                return INFINITY;
            }
        }
    }
    memset(tree->v, 0, 2 * tree->size * sizeof *tree->v);
    /* Above: right to left; a block reaches over the leaders right of it. */
    for (size_t i = n; i-- > 0;) {
        struct place_flag *P = &f[i];
        if (P->side != 0) {
            continue;
        }
        size_t hi = x->above[i];
        P->level = seg_max(tree, i + 1, hi > i + 1 ? hi : i + 1);
        seg_set(tree, i, P->level + 1);
        grow_row(r->up_h, &r->nup, &up, P->level, P->h, r->level_gap);
        if (up + dn + fixed > limit) {
            return INFINITY;
        }
    }
    return up + dn + fixed;
}

double csvchart_place_flags(struct place_flag *f, size_t n, struct place_rows *r, double limit)
{
    /* Every way of choosing sides; of those that fit the limit, the one with the fewest
     * leaders below through something (a tick label: review 11 saw the leaders run through
     * "1 Feb 2026" and "2020"), then the lowest, then the first. */
    static const struct {
        enum sides how;
        bool avoid;
    } ways[] = {{SIDES_DOWN_FIRST, true},     {SIDES_ALTERNATE_UP, true},
                {SIDES_ALTERNATE_DOWN, true}, {SIDES_DOWN_FIRST, false},
                {SIDES_ALTERNATE_UP, false},  {SIDES_ALTERNATE_DOWN, false}};
    struct reach x = {{1, NULL}, NULL, NULL};
    while (x.tree.size < n) {
        x.tree.size *= 2;
    }
    x.tree.v = malloc(2 * x.tree.size * sizeof *x.tree.v);
    x.below = malloc((n ? n : 1) * sizeof *x.below);
    x.above = malloc((n ? n : 1) * sizeof *x.above);
    if (!x.tree.v || !x.below || !x.above) {
        free(x.tree.v);
        free(x.below);
        free(x.above);
        return NAN;
    }
    for (size_t i = 0; i < n; i++) {
        x.below[i] = first_at(f, n, f[i].pos - r->flag_gap - f[i].w - r->reach_gap);
        x.above[i] =
            first_at(f, n, nextafter(f[i].pos + r->flag_gap + f[i].w + r->reach_gap, INFINITY));
    }
    size_t best = 0, best_hits = SIZE_MAX, hits;
    double a = INFINITY;
    for (size_t w = 0; w < sizeof ways / sizeof ways[0] && best_hits > 0; w++) {
        double h = levels(f, n, r, &x, ways[w].how, ways[w].avoid, limit, best_hits, &hits);
        if (h <= limit && (hits < best_hits || (hits == best_hits && h < a - 0.01))) {
            a = h;
            best = w;
            best_hits = hits;
        }
    }
    if (a <= limit) { /* the winner again: its sides and rows are the ones kept */
        a = levels(f, n, r, &x, ways[best].how, ways[best].avoid, INFINITY, SIZE_MAX, &hits);
    }
    free(x.tree.v);
    free(x.below);
    free(x.above);
    return a;
}

/* ---- the dodge ---------------------------------------------------------------------------- */

bool csvchart_place_dodge(const double *want, const double *h, size_t n, double gap, double top,
                          double bottom, double *tops)
{
    struct cluster {
        size_t first, count;
        double height, sum; /* sum over members of (want - offset in the cluster) */
        double top;
    } *c = malloc((n ? n : 1) * sizeof *c);
    if (!c) {
        return false;
    }
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        struct cluster cur = {i, 1, h[i], want[i], fmax(want[i], top)};
        while (nc > 0 && c[nc - 1].top + c[nc - 1].height + gap > cur.top) {
            struct cluster *pc = &c[nc - 1];
            double shift = pc->height + gap; /* cur's members move down by this in the merge */
            pc->sum += cur.sum - (double)cur.count * shift;
            pc->count += cur.count;
            pc->height = shift + cur.height;
            pc->top = fmax(pc->sum / (double)pc->count, top);
            cur = *pc;
            nc--;
        }
        c[nc++] = cur;
    }
    for (size_t k = 0; k < nc; k++) {
        size_t stop = k + 1 < nc ? c[k + 1].first : n;
        double y = c[k].top;
        for (size_t i = c[k].first; i < stop; i++) {
            tops[i] = y;
            y += h[i] + gap;
        }
    }
    free(c);
    double limit = bottom;
    for (size_t i = n; i-- > 0;) {
        tops[i] = fmin(tops[i], limit - h[i]);
        limit = tops[i] - gap;
    }
    return true;
}
