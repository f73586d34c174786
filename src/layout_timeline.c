/*
 * layout_timeline.c - timelines: dated events (and spans) on a proportional time axis, every
 * label placed without overlap, in the manner of a newspaper graphic.
 *
 * Input is a bound struct timeline_data (events sorted by where they sit); output is scene
 * items. Steps:
 *
 *   1. the frame (title, subtitle, notes, source) and, with a group column, a legend;
 *   2. each event's text block: a date line (small bold, at the precision written: "Jan
 *      2025", "15 Jan 2026", "2020-2024" for a span), the label (bold, wrapped) and the detail
 *      (small, muted, wrapped), measured once for the orientation's wrap width;
 *   3. horizontal placement (below), or vertical when asked, or - with orientation auto -
 *      when the horizontal levels would not fit the height; if even that does not fit, the
 *      figure grows taller with a warning (never past 32767 px: then an error). Text is never
 *      dropped, truncated for room, or overlapped;
 *   4. drawing: ticks, the axis (dashed after `today`), month extents, span bars, leader
 *      lines, dots, text.
 *
 * Where an event sits: at the middle of the period its date names (a month-precision event
 * sits mid-month, a day at noon), and when that period is wide enough on the axis it is drawn
 * as a translucent band covering the period, so "January 2025" reads as the whole month.
 * Spans are bars from the start of their first period to the end of their last.
 *
 * Horizontal placement. Each block hangs off a thin pole (the leader) rising from its dot,
 * text to the right of the pole ("flag" style), above or below the axis, in levels:
 *
 *          | Feb 2026          level 1 (above)
 *          | Anthropic ...
 *          |        | 25 Feb 2026   level 0 (above)
 *          |        | V4 ...
 *     -----o--------o------o------- axis
 *     2025          |      |  Apr 2026 ... level 0 (below)
 *
 * A pole must not cross the text of another block, and blocks on one level must not touch,
 * so an event whose block reaches over the poles of later events must sit above all of them
 * on its side. Walking the events right to left, the lowest level event i can take on a side
 * is one more than the highest level among the events placed on that side whose poles lie
 * within its block's reach [x_i, x_i + width + gap]: a range-maximum query over the sorted
 * events (a segment tree per side), O(log n) each, O(n log n) in all. Each event takes the
 * side with the lower level; ties alternate sides; a pole below the axis that would cross a
 * tick label counts as one level more (if taken anyway, the tick label is hidden: ticks are
 * secondary, events are not). Blocks are never shifted off their poles: instead the time
 * axis leaves room on the right so the last blocks fit the canvas.
 * Levels take the height of their tallest block; above the axis blocks stand on their level,
 * below they hang from it.
 *
 * Vertical placement. The axis runs down the left (tick labels to its left), blocks sit in a
 * column to the right, each wanting its first line level with its dot. Blocks that would
 * overlap are pushed apart as clusters centred on their events (the usual 1-D dodge: merge a
 * block into the previous cluster while they overlap, place each cluster at the mean of its
 * members' wishes, clamped to the plot; a backward pass clamps the bottom), O(n). Elbowed
 * leaders join dots to blocks; they keep the events' order so they never cross.
 *
 * Everything is deterministic: no hashing, no randomness; ties break on file order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "timeline_axis.h"
#include "timeline_data.h"

#define MAX_LABEL_LINES 4
#define MAX_DETAIL_LINES 6
#define MAX_TICKS 64
#define MAX_LANES 8
#define MAX_HEIGHT 32767.0

/* One event as placed. */
struct place {
    const struct timeline_event *e;
    char date[96];
    csvchart_rgba color;
    size_t nlabel, ndetail; /* lines */
    double w, h;            /* the text block */
    double pos;             /* the dot along the axis: x (horizontal) or y (vertical) */
    double bx, by;          /* the block's top-left */
    int side;               /* horizontal: 0 above, 1 below */
    size_t level;
    size_t lane; /* spans */
};

struct tick_box {
    double t, x, l, r; /* time; anchor and extent along the axis */
    char label[TIME_TICK_LABEL];
    bool hidden, today;
};

struct timeline {
    struct layout L;
    const struct timeline_data *d;
    const struct spec *s;
    struct place *p;
    size_t n;
    struct text_style date_st, label_st, detail_st;
    double lh_date, lh_label, lh_detail, asc_date, asc_label, asc_detail;
    double detail_gap;
    bool compact;        /* vertical, many events: the date left of the label, one line less */
    double dcol;         /* compact: the date column's width */
    double first_mid;    /* from a block's top to the middle of its first line */
    double tmin, tmax;   /* the events' extent, days */
    double lo, k;        /* map: pos = base + (t - lo) * k */
    double base;         /* px of `lo` */
    double axis_end;     /* horizontal: where the axis line ends (the data's end, padded) */
    double axis;         /* horizontal: the axis' y; vertical: its x */
    bool has_today;
    double today;
    size_t nlanes;
    struct time_tick ticks[MAX_TICKS];
    struct tick_box boxes[MAX_TICKS + 1];
    size_t nboxes;
    size_t step; /* the tick step chosen */
    size_t nframe;       /* scene items of the frame, for moving the footer */
    double frame_bottom; /* where the footer starts */
    bool vertical;
    bool color_dates; /* every event colour reads as text on the background */
};

static double map(const struct timeline *T, double t)
{
    return T->base + (t - T->lo) * T->k;
}

/* ---- text blocks ------------------------------------------------------------------------- */

static size_t lines_of(const struct timeline *T, const struct text_style *st, const char *s,
                       double wrap, size_t max, double *w)
{
    struct text_line lines[MAX_DETAIL_LINES];
    size_t need = csvchart_text_wrap(T->L.m, st, s, wrap, lines, max);
    size_t n = need < max ? need : max;
    for (size_t i = 0; i < n; i++) {
        *w = fmax(*w, lines[i].width);
    }
    if (need > n) { /* the last line gets an ellipsis: allow for its width */
        *w = wrap;
    }
    return n;
}

/* Measures every block for a wrap width. */
static void measure_blocks(struct timeline *T, double wrap)
{
    T->dcol = 0;
    if (T->compact) {
        for (size_t i = 0; i < T->n; i++) {
            T->dcol = fmax(T->dcol, csvchart_layout_width(&T->L, &T->date_st, T->p[i].date));
        }
        T->dcol = fmin(T->dcol + 12 * T->L.u, wrap / 2);
        wrap -= T->dcol;
    }
    T->first_mid = T->compact ? T->lh_label / 2 : T->lh_date / 2;
    for (size_t i = 0; i < T->n; i++) {
        struct place *P = &T->p[i];
        P->w = T->compact ? 0 : csvchart_layout_width(&T->L, &T->date_st, P->date);
        P->nlabel = lines_of(T, &T->label_st, P->e->label, wrap, MAX_LABEL_LINES, &P->w);
        P->ndetail = P->e->detail ? lines_of(T, &T->detail_st, P->e->detail, wrap,
                                             MAX_DETAIL_LINES, &P->w)
                                  : 0;
        P->w = fmin(P->w, wrap) + T->dcol;
        P->h = (T->compact ? 0 : T->lh_date) + (double)P->nlabel * T->lh_label;
        if (P->ndetail) {
            P->h += T->detail_gap + (double)P->ndetail * T->lh_detail;
        }
    }
}

static void draw_block(struct timeline *T, const struct place *P, double wrap)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    /* Dates in the events' colours when all of them read as text (WCAG AA), else all
     * muted: a mix of the two would look like a distinction in the data. */
    csvchart_rgba dc = T->color_dates ? P->color : th->subtitle;
    double y = P->by, x = P->bx + T->dcol;
    if (T->compact) { /* the date shares the label's first baseline */
        csvchart_layout_text(L, &T->date_st, dc, P->date, strlen(P->date), P->bx,
                             y + T->asc_label, TEXT_ANCHOR_START);
        wrap -= T->dcol;
    } else {
        csvchart_layout_text(L, &T->date_st, dc, P->date, strlen(P->date), P->bx,
                             y + T->asc_date, TEXT_ANCHOR_START);
        y += T->lh_date;
    }
    csvchart_layout_paragraph(L, &T->label_st, th->text, P->e->label, x, y + T->asc_label, wrap,
                              P->nlabel, TEXT_ANCHOR_START);
    y += (double)P->nlabel * T->lh_label;
    if (P->ndetail) {
        y += T->detail_gap;
        csvchart_layout_paragraph(L, &T->detail_st, th->subtitle, P->e->detail, x,
                                  y + T->asc_detail, wrap, P->ndetail, TEXT_ANCHOR_START);
    }
}

/* ---- the time axis ----------------------------------------------------------------------- */

/*
 * Chooses the finest tick step whose labels, laid along an axis of `len` px starting at
 * `start` px, keep `gap` px apart (horizontal: label widths; vertical: the line height).
 * Fills T->boxes (anchor and extent along the axis) and returns their number.
 */
static size_t choose_ticks(struct timeline *T, double start, double len, double gap)
{
    struct layout *L = &T->L;
    const struct text_style *st = &L->small;
    double lh = csvchart_layout_line_height(L, st);
    double t0 = T->lo + (start - T->base) / T->k, t1 = T->lo + (start + len - T->base) / T->k;
    for (size_t k = 0; k < csvchart_time_step_count(); k++) {
        double step_px = csvchart_time_step_days(k) * T->k;
        if (step_px < (T->vertical ? lh + gap : 2 * gap)) {
            continue;
        }
        size_t n = csvchart_time_ticks(t0, t1, k, T->ticks, MAX_TICKS);
        if (n > MAX_TICKS) {
            continue;
        }
        bool ok = true;
        double prev = -INFINITY;
        for (size_t i = 0; i < n && ok; i++) {
            struct tick_box *b = &T->boxes[i];
            b->t = T->ticks[i].t;
            b->x = map(T, b->t);
            memcpy(b->label, T->ticks[i].label, sizeof b->label);
            b->hidden = b->today = false;
            if (T->vertical) {
                b->l = b->x - lh / 2;
                b->r = b->x + lh / 2;
            } else {
                double w = csvchart_layout_width(L, st, b->label);
                b->l = fmax(start, b->x - w / 2);
                b->r = b->l + w;
                if (b->r > start + len) {
                    b->r = start + len;
                    b->l = b->r - w;
                }
            }
            ok = b->l >= prev + gap;
            prev = b->r;
        }
        if (ok) {
            T->step = k;
            return n;
        }
    }
    return 0;
}

/*
 * Adds the "Today" marker's label to the tick boxes, hiding the tick labels it covers, and
 * keeps the boxes sorted along the axis.
 */
static void add_today_box(struct timeline *T, size_t *n, double lo_px, double hi_px)
{
    if (!T->has_today) {
        return;
    }
    struct layout *L = &T->L;
    struct text_style bold = L->small;
    bold.weight = 700;
    double x = map(T, T->today);
    struct tick_box b = {.t = T->today, .x = x, .label = "Today", .today = true};
    if (T->vertical) {
        double lh = csvchart_layout_line_height(L, &bold);
        b.l = x - lh / 2;
        b.r = x + lh / 2;
    } else {
        double w = csvchart_layout_width(L, &bold, "Today");
        b.l = fmin(fmax(lo_px, x - w / 2), hi_px - w);
        b.r = b.l + w;
    }
    double pad = 8 * L->u;
    size_t at = *n;
    for (size_t i = 0; i < *n; i++) {
        if (T->boxes[i].r + pad > b.l && T->boxes[i].l - pad < b.r) {
            T->boxes[i].hidden = true;
        }
        if (at == *n && T->boxes[i].x > x) {
            at = i;
        }
    }
    memmove(&T->boxes[at + 1], &T->boxes[at], (*n - at) * sizeof *T->boxes);
    T->boxes[at] = b;
    (*n)++;
}

/* The visible tick box whose extent (widened by m) holds pos, or NULL (boxes are sorted and
 * visible ones do not overlap). */
static struct tick_box *box_at(struct timeline *T, double pos, double m)
{
    size_t lo = 0, hi = T->nboxes;
    while (lo < hi) { /* first box with l - m > pos */
        size_t mid = (lo + hi) / 2;
        if (T->boxes[mid].l - m > pos) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    for (size_t i = lo; i-- > 0;) {
        if (T->boxes[i].hidden) {
            continue;
        }
        return T->boxes[i].r + m >= pos ? &T->boxes[i] : NULL;
    }
    return NULL;
}

/*
 * After horizontal placement: every tick label that a pole below the axis crosses moves to
 * the left or the right of its tick when that clears, else it stays hidden; then the year
 * goes on the first label shown of each year (the January tick may be the hidden one).
 * Greedy left to right, each label checked against the one before it, the "Today" label and
 * the poles (binary search in `stems`, the sorted x of the poles below).
 */
static void settle_tick_labels(struct timeline *T, const double *stems, size_t nstems,
                               double lo_px, double hi_px, double gap)
{
    struct layout *L = &T->L;
    double m = 2 * L->u, prev_r = -INFINITY, prev_t = NAN;
    const struct tick_box *today = NULL;
    for (size_t i = 0; i < T->nboxes; i++) {
        today = T->boxes[i].today ? &T->boxes[i] : today;
    }
    for (size_t i = 0; i < T->nboxes; i++) {
        struct tick_box *b = &T->boxes[i];
        if (b->today) {
            prev_r = b->r;
            continue;
        }
        char label[TIME_TICK_LABEL];
        csvchart_time_tick_label(T->step, b->t, prev_t, label, sizeof label);
        double w = csvchart_layout_width(L, &L->small, label);
        double cand[3] = {fmin(fmax(lo_px, b->x - w / 2), hi_px - w), b->x - 5 * L->u - w,
                          b->x + 5 * L->u};
        b->hidden = true;
        for (size_t c = 0; c < 3; c++) {
            double l = cand[c], r = l + w;
            if (l < lo_px - 0.01 || r > hi_px + 0.01 || l < prev_r + gap ||
                (today && r + gap > today->l && l - gap < today->r)) {
                continue;
            }
            size_t lo = 0, hi = nstems; /* first stem >= l - m */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (stems[mid] < l - m) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo < nstems && stems[lo] <= r + m) {
                continue;
            }
            b->l = l;
            b->r = r;
            memcpy(b->label, label, sizeof label);
            b->hidden = false;
            prev_r = r;
            prev_t = b->t;
            break;
        }
    }
}

/* ---- spans in lanes ---------------------------------------------------------------------- */

/* Greedy interval colouring (events are sorted by start): each span takes the first lane free
 * at its start; past MAX_LANES lanes are shared (bars may then touch; text never does). */
static void assign_lanes(struct timeline *T)
{
    double ends[MAX_LANES];
    T->nlanes = 0;
    for (size_t i = 0; i < T->n; i++) {
        const struct timeline_event *e = T->p[i].e;
        if (!e->has_end) {
            continue;
        }
        size_t lane = MAX_LANES;
        for (size_t l = 0; l < T->nlanes; l++) {
            if (ends[l] <= e->t0) {
                lane = l;
                break;
            }
        }
        if (lane == MAX_LANES && T->nlanes < MAX_LANES) {
            lane = T->nlanes++;
        }
        if (lane == MAX_LANES) { /* all busy: the lane that frees first */
            lane = 0;
            for (size_t l = 1; l < MAX_LANES; l++) {
                lane = ends[l] < ends[lane] ? l : lane;
            }
        }
        ends[lane] = e->t1;
        T->p[i].lane = lane;
    }
}

/* ---- growing the figure ------------------------------------------------------------------ */

/* Makes the canvas `delta` px taller, moving the footer (note, source) down with its edge. */
static void grow(struct timeline *T, double delta)
{
    struct csvchart_scene *sc = T->L.scene;
    for (size_t i = 0; i < T->nframe && i < sc->len; i++) {
        struct scene_item *it = &sc->items[i];
        if (it->y >= T->frame_bottom - 0.5) {
            it->y += delta;
            it->y2 += delta;
            it->baseline += delta;
        }
    }
    sc->height += delta;
    T->L.bottom += delta;
}

static csvchart_status too_tall(const struct timeline *T, double need, csvchart_error *err)
{
    return csvchart_error_set(err, CSVCHART_ERROR_LIMIT, NULL, 0, 0,
                              "%zu events need a figure %.0f px tall, over the limit of %.0f px; "
                              "use a wider size, shorter details, or split the data",
                              T->n, need, MAX_HEIGHT);
}

/* ---- horizontal -------------------------------------------------------------------------- */

/* A max segment tree over event indices, values level + 1 (0 = none placed). */
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

struct hgeom {
    double wrap, g, reach_gap, level_gap, r;
    double c_up, c_dn;  /* clearance above / below the axis before level 0 */
    double band;        /* span lanes under the axis */
    double tick_y;      /* tick row top, relative to the axis */
    double up, dn;      /* heights of the levels above / below */
    size_t nup, ndn;
    double *hup, *hdn;  /* per level */
};

/* The time map for horizontal: from the left edge, leaving room on the right for every
 * block (blocks never leave their poles). */
static void horizontal_map(struct timeline *T, const struct hgeom *G)
{
    struct layout *L = &T->L;
    double span = T->tmax - T->tmin;
    double pad = span * 0.02;
    T->lo = T->tmin - pad;
    T->base = L->left + G->r + 2 * L->u;
    double room = L->right - T->base;
    double k = room / (span + 2 * pad);
    for (size_t i = 0; i < T->n; i++) {
        const struct place *P = &T->p[i];
        double dt = P->e->at - T->lo;
        double avail = L->right - G->g - P->w - T->base;
        if (dt > 0 && avail > 0) {
            k = fmin(k, avail / dt);
        }
    }
    T->k = k;
    T->axis_end = map(T, T->tmax + pad);
}

/* Places horizontally; returns the plot height needed. */
static double place_horizontal(struct timeline *T, struct hgeom *G, csvchart_status *st,
                               csvchart_error *err)
{
    struct layout *L = &T->L;
    size_t n = T->n;
    horizontal_map(T, G);
    for (size_t i = 0; i < n; i++) {
        T->p[i].pos = map(T, T->p[i].e->at);
    }
    T->nboxes = choose_ticks(T, L->left, T->axis_end - L->left, 18 * L->u);
    add_today_box(T, &T->nboxes, L->left, L->right);

    struct segtree tree[2] = {{0}, {0}};
    size_t size = 1;
    while (size < n) {
        size *= 2;
    }
    tree[0].size = tree[1].size = size;
    tree[0].v = calloc(2 * size, sizeof(size_t));
    tree[1].v = calloc(2 * size, sizeof(size_t));
    G->hup = calloc(n, sizeof(double));
    G->hdn = calloc(n, sizeof(double));
    if (!tree[0].v || !tree[1].v || !G->hup || !G->hdn) {
        free(tree[0].v);
        free(tree[1].v);
        *st = csvchart_error_nomem(err);
        return 0;
    }
    int prev_side = 1;
    double m = 3 * L->u;
    for (size_t i = n; i-- > 0;) {
        struct place *P = &T->p[i];
        double reach = P->pos + G->g + P->w + G->reach_gap;
        size_t lo = i + 1, hi = n; /* last index with pos <= reach: binary search */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (T->p[mid].pos <= reach) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        size_t lv[2] = {seg_max(&tree[0], i + 1, lo), seg_max(&tree[1], i + 1, lo)};
        struct tick_box *hit = box_at(T, P->pos, m);
        size_t cost_dn = lv[1] + (hit ? 1 : 0);
        int side = lv[0] < cost_dn ? 0 : cost_dn < lv[0] ? 1 : 1 - prev_side;
        P->side = side;
        P->level = lv[side];
        seg_set(&tree[side], i, P->level + 1);
        prev_side = side;
        double *h = side ? G->hdn : G->hup;
        h[P->level] = fmax(h[P->level], P->h);
        size_t *nl = side ? &G->ndn : &G->nup;
        *nl = P->level + 1 > *nl ? P->level + 1 : *nl;
    }
    free(tree[0].v);
    free(tree[1].v);
    double *stems = malloc(n * sizeof *stems);
    if (!stems) {
        *st = csvchart_error_nomem(err);
        return 0;
    }
    size_t nstems = 0;
    for (size_t i = 0; i < n; i++) {
        if (T->p[i].side == 1) {
            stems[nstems++] = T->p[i].pos;
        }
    }
    settle_tick_labels(T, stems, nstems, L->left, L->right, 18 * L->u);
    free(stems);
    G->up = G->dn = 0;
    for (size_t l = 0; l < G->nup; l++) {
        G->up += G->hup[l] + (l ? G->level_gap : 0);
    }
    for (size_t l = 0; l < G->ndn; l++) {
        G->dn += G->hdn[l] + (l ? G->level_gap : 0);
    }
    return G->up + G->c_up + G->c_dn + G->dn;
}

static void draw_ticks_horizontal(struct timeline *T, const struct hgeom *G)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    double asc = csvchart_layout_ascent(L, &L->small);
    for (size_t i = 0; i < T->nboxes; i++) {
        const struct tick_box *b = &T->boxes[i];
        bool today = b->today;
        double x = csvchart_layout_snap(L, b->x, L->u);
        if (today) {
            csvchart_scene_line(L->scene, x, T->axis - 9 * L->u, x, T->axis + G->tick_y - 3 * L->u,
                                th->title, 1.5 * L->u);
        } else {
            csvchart_scene_line(L->scene, x, T->axis, x, T->axis + 5 * L->u, th->faint, L->u);
        }
        if (b->hidden) {
            continue;
        }
        struct text_style st = L->small;
        st.weight = today ? 700 : 400;
        csvchart_layout_text(L, &st, today ? th->title : th->faint, b->label, strlen(b->label),
                             b->l, T->axis + G->tick_y + asc, TEXT_ANCHOR_START);
    }
}

static void draw_axis_line(struct timeline *T, double a, double b, double width)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    double split = T->has_today ? fmin(fmax(map(T, T->today), a), b) : b;
    double c = csvchart_layout_snap(L, T->axis, width);
    if (split > a) {
        if (T->vertical) {
            csvchart_scene_line(L->scene, c, a, c, split, th->axis, width);
        } else {
            csvchart_scene_line(L->scene, a, c, split, c, th->axis, width);
        }
    }
    if (split < b) { /* the future, after today: dashed */
        struct scene_item *it = T->vertical
                                    ? csvchart_scene_line(L->scene, c, split, c, b, th->axis, width)
                                    : csvchart_scene_line(L->scene, split, c, b, c, th->axis, width);
        if (it) {
            it->dash = 4 * L->u;
        }
    }
}

static csvchart_rgba alpha(csvchart_rgba c, unsigned a)
{
    return (c & 0xFFFFFF00u) | (a & 0xFFu);
}

/* The dot of an event, ringed with the background so it stands off the axis. */
static void dot(struct timeline *T, double x, double y, double r, csvchart_rgba color)
{
    struct scene_item *it = csvchart_scene_circle(T->L.scene, x, y, r, color);
    if (it) {
        it->stroke = T->s->theme.background;
        it->stroke_width = 1.5 * T->L.u;
    }
}

static void draw_horizontal(struct timeline *T, struct hgeom *G, double free_h)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    T->axis = L->top + fmax(0, free_h) / 2 + G->up + G->c_up;
    T->axis = csvchart_layout_snap(L, T->axis, 1.5 * L->u);
    double *base_up = calloc(G->nup + 1, sizeof(double));
    double *base_dn = calloc(G->ndn + 1, sizeof(double));
    if (!base_up || !base_dn) {
        free(base_up);
        free(base_dn);
        L->scene->nomem = true;
        return;
    }
    double y = T->axis - G->c_up;
    for (size_t l = 0; l < G->nup; l++) { /* the bottom of each level above */
        base_up[l] = y;
        y -= G->hup[l] + G->level_gap;
    }
    y = T->axis + G->c_dn;
    for (size_t l = 0; l < G->ndn; l++) { /* the top of each level below */
        base_dn[l] = y;
        y += G->hdn[l] + G->level_gap;
    }
    for (size_t i = 0; i < T->n; i++) {
        struct place *P = &T->p[i];
        P->bx = P->pos + G->g;
        P->by = P->side == 0 ? base_up[P->level] - P->h : base_dn[P->level];
    }
    free(base_up);
    free(base_dn);

    /* Leaders first, so dots and bars sit on them. */
    csvchart_rgba lead = th->muted;
    for (size_t i = 0; i < T->n; i++) {
        const struct place *P = &T->p[i];
        double x = csvchart_layout_snap(L, P->pos, L->u);
        if (P->side == 0) {
            csvchart_scene_line(L->scene, x, T->axis - G->r, x, P->by + 2 * L->u, lead, L->u);
        } else {
            csvchart_scene_line(L->scene, x, T->axis + G->r, x, P->by + P->h - 2 * L->u, lead,
                                L->u);
        }
    }
    draw_axis_line(T, L->left, T->axis_end, 1.5 * L->u);
    draw_ticks_horizontal(T, G);
    double bar = 5 * L->u, lane_pitch = bar + 2 * L->u;
    for (size_t i = 0; i < T->n; i++) {
        const struct place *P = &T->p[i];
        const struct timeline_event *e = P->e;
        double a = map(T, e->t0), b = map(T, e->t1);
        if (e->has_end) {
            double top = T->axis + 4 * L->u + (double)P->lane * lane_pitch;
            struct scene_item *it =
                csvchart_scene_rect(L->scene, csvchart_layout_snap(L, a, 0),
                                    csvchart_layout_snap(L, top, 0),
                                    fmax(csvchart_layout_snap(L, b, 0) -
                                             csvchart_layout_snap(L, a, 0),
                                         2 / L->scale),
                                    bar, P->color);
            csvchart_scene_item_set_title(L->scene, it, e->label);
        } else if (b - a >= 2.5 * G->r) { /* the period a month or a year names */
            csvchart_scene_rect(L->scene, csvchart_layout_snap(L, a, 0),
                                csvchart_layout_snap(L, T->axis - 3 * L->u, 0),
                                csvchart_layout_snap(L, b, 0) - csvchart_layout_snap(L, a, 0),
                                6 * L->u, alpha(P->color, 0x55));
        }
    }
    for (size_t i = 0; i < T->n; i++) {
        const struct place *P = &T->p[i];
        dot(T, P->pos, T->axis, G->r, P->color);
    }
    for (size_t i = 0; i < T->n; i++) {
        draw_block(T, &T->p[i], G->wrap);
    }
}

/* ---- vertical ---------------------------------------------------------------------------- */

struct vgeom {
    double wrap, r, gap;
    double x_lanes, x_block; /* where the leaders bend, where blocks start */
};

/* The 1-D dodge (see the top of the file): tops[i] for blocks wanting want[i], kept in
 * [top, bottom]; the blocks must fit (their heights and gaps add up to at most bottom - top),
 * then no two overlap. */
static bool dodge(struct timeline *T, const double *want, double gap, double top, double bottom,
                  double *tops)
{
    struct cluster {
        size_t first, count;
        double height, sum; /* sum over members of (want - offset in the cluster) */
        double top;
    } *c = malloc(T->n * sizeof *c);
    if (!c) {
        return false;
    }
    size_t nc = 0;
    for (size_t i = 0; i < T->n; i++) {
        struct cluster cur = {i, 1, T->p[i].h, want[i], fmax(want[i], top)};
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
        size_t end = k + 1 < nc ? c[k + 1].first : T->n;
        double y = c[k].top;
        for (size_t i = c[k].first; i < end; i++) {
            tops[i] = y;
            y += T->p[i].h + gap;
        }
    }
    free(c);
    double limit = bottom;
    for (size_t i = T->n; i-- > 0;) {
        tops[i] = fmin(tops[i], limit - T->p[i].h);
        limit = tops[i] - gap;
    }
    return true;
}

static double vertical_need(const struct timeline *T, double gap)
{
    double need = 0;
    for (size_t i = 0; i < T->n; i++) {
        need += T->p[i].h + (i ? gap : 0);
    }
    return need;
}

/* The time map for vertical: the first block's first line level with the top, the last
 * block ending at the bottom when nothing pushes it. */
static void vertical_map(struct timeline *T, double top, double bottom)
{
    double span = T->tmax - T->tmin;
    double pad = span * 0.02;
    double last = T->p[T->n - 1].h - T->first_mid;
    T->lo = T->tmin - pad;
    T->base = top + T->first_mid;
    T->k = fmax(bottom - last - T->base, 1) / (span + 2 * pad);
    T->axis_end = map(T, T->tmax + pad);
}

static void draw_vertical(struct timeline *T, const struct vgeom *V, double top, double bottom)
{
    struct layout *L = &T->L;
    const struct theme *th = &T->s->theme;
    const struct text_style *st = &L->small;
    struct text_metrics tm;
    L->m->measure(L->m->ctx, st, "Hg", 2, &tm);
    double mid = (tm.ascent - tm.descent) / 2; /* a line's baseline below its centre */

    /* Leaders first, so the dots sit on them. */
    csvchart_rgba lead = th->muted;
    for (size_t i = 0; i < T->n; i++) {
        const struct place *P = &T->p[i];
        double y0 = csvchart_layout_snap(L, P->pos, L->u);
        double y1 = csvchart_layout_snap(L, P->by + T->first_mid, L->u);
        double xa = T->axis + V->r, xb = P->bx - 6 * L->u;
        if (fabs(y1 - y0) < 0.5) {
            csvchart_scene_line(L->scene, xa, y0, xb, y0, lead, L->u);
        } else {
            double e1 = V->x_lanes + 8 * L->u, e2 = P->bx - 16 * L->u;
            struct scene_point pts[4] = {{xa, y0}, {e1, y0}, {e2, y1}, {xb, y1}};
            csvchart_scene_path(L->scene, pts, 4, false, CSVCHART_RGBA_NONE, lead, L->u);
        }
    }
    draw_axis_line(T, fmax(top, map(T, T->lo)), fmin(bottom, T->axis_end), 1.5 * L->u);
    /* Ticks and their labels, right-aligned left of the axis. */
    for (size_t i = 0; i < T->nboxes; i++) {
        const struct tick_box *b = &T->boxes[i];
        bool today = b->today;
        double y = csvchart_layout_snap(L, b->x, L->u);
        if (today) {
            csvchart_scene_line(L->scene, T->axis - 7 * L->u, y, T->axis + 7 * L->u, y,
                                th->title, 1.5 * L->u);
        } else {
            csvchart_scene_line(L->scene, T->axis - 5 * L->u, y, T->axis, y, th->faint, L->u);
        }
        if (b->hidden) {
            continue;
        }
        struct text_style ts = *st;
        ts.weight = today ? 700 : 400;
        csvchart_layout_text(L, &ts, today ? th->title : th->faint, b->label, strlen(b->label),
                             T->axis - 10 * L->u, b->x + mid, TEXT_ANCHOR_END);
    }
    double bar = 5 * L->u, lane_pitch = bar + 2 * L->u;
    for (size_t i = 0; i < T->n; i++) {
        const struct place *P = &T->p[i];
        const struct timeline_event *e = P->e;
        double a = csvchart_layout_snap(L, map(T, e->t0), 0);
        double b = csvchart_layout_snap(L, map(T, e->t1), 0);
        if (e->has_end) {
            double x = T->axis + 5 * L->u + (double)P->lane * lane_pitch;
            struct scene_item *it =
                csvchart_scene_rect(L->scene, csvchart_layout_snap(L, x, 0), a, bar,
                                    fmax(b - a, 2 / L->scale), P->color);
            csvchart_scene_item_set_title(L->scene, it, e->label);
        } else if (b - a >= 2.5 * V->r) { /* the period a month or a year names */
            csvchart_scene_rect(L->scene, csvchart_layout_snap(L, T->axis - 3 * L->u, 0), a,
                                6 * L->u, b - a, alpha(P->color, 0x55));
        }
    }
    for (size_t i = 0; i < T->n; i++) {
        dot(T, T->axis, T->p[i].pos, V->r, T->p[i].color);
    }
    for (size_t i = 0; i < T->n; i++) {
        draw_block(T, &T->p[i], V->wrap);
    }
}

static csvchart_status layout_vertical(struct timeline *T, csvchart_error *err)
{
    struct layout *L = &T->L;
    struct vgeom V = {.r = 4.5 * L->u, .gap = 12 * L->u};
    T->vertical = true;
    struct text_style bold = L->small;
    bold.weight = 700;
    /* The tick column is as wide as the labels of the ticks chosen, which depend on the
     * height, which depends (through wrapping) on the column: two passes settle it. */
    double col = csvchart_layout_width(L, &L->small, "30 Sep 2026");
    for (int pass = 0; pass < 2; pass++) {
        T->axis = csvchart_layout_snap(L, L->left + col + 14 * L->u, 1.5 * L->u);
        V.x_lanes = T->axis + (T->nlanes ? 5 * L->u + (double)T->nlanes * 7 * L->u : 0);
        V.x_block = V.x_lanes + 40 * L->u;
        V.wrap = fmin(520 * L->u, L->right - V.x_block);
        measure_blocks(T, V.wrap);
        double need = vertical_need(T, V.gap);
        double have = L->bottom - L->top;
        if (need > have && !T->compact) {
            /* Too many for the height: a chronology list, the date beside the label and
             * closer blocks, before the figure has to grow. */
            T->compact = true;
            V.gap = 8 * L->u;
            measure_blocks(T, V.wrap);
            need = vertical_need(T, V.gap);
        }
        if (need > have) {
            double h = L->scene->height + (need - have);
            if (h > MAX_HEIGHT) {
                return too_tall(T, ceil(h), err);
            }
            grow(T, need - have);
        }
        vertical_map(T, L->top, L->bottom);
        T->nboxes = choose_ticks(T, L->top, T->axis_end - L->top, 30 * L->u);
        add_today_box(T, &T->nboxes, L->top, L->bottom);
        double w = csvchart_layout_width(L, &L->small, "2025");
        for (size_t i = 0; i < T->nboxes; i++) {
            w = fmax(w, csvchart_layout_width(L, T->boxes[i].today ? &bold : &L->small,
                                              T->boxes[i].label));
        }
        if (fabs(w - col) < 0.5) {
            break;
        }
        col = w;
    }
    double *want = malloc(T->n * sizeof *want), *tops = malloc(T->n * sizeof *tops);
    if (!want || !tops) {
        free(want);
        free(tops);
        return csvchart_error_nomem(err);
    }
    for (size_t i = 0; i < T->n; i++) {
        T->p[i].pos = map(T, T->p[i].e->at);
        want[i] = T->p[i].pos - T->first_mid;
    }
    bool ok = dodge(T, want, V.gap, L->top, L->bottom, tops);
    for (size_t i = 0; ok && i < T->n; i++) {
        T->p[i].bx = V.x_block;
        T->p[i].by = tops[i];
    }
    free(want);
    free(tops);
    if (!ok) {
        return csvchart_error_nomem(err);
    }
    draw_vertical(T, &V, L->top, L->bottom);
    return CSVCHART_OK;
}

/* ---- the whole figure -------------------------------------------------------------------- */

/* The SVG <desc>: "Timeline of 5 events from January 2025 to April 2026." */
static void describe(struct timeline *T)
{
    const struct timeline_data *d = T->d;
    const struct timeline_event *first = &d->events[0], *last = first;
    for (size_t i = 0; i < d->nevents; i++) {
        if (d->events[i].t1 >= last->t1) {
            last = &d->events[i];
        }
    }
    char a[64], b[64], buf[256];
    csvchart_date_format(&first->start, true, a, sizeof a);
    csvchart_date_format(last->has_end ? &last->end : &last->start, true, b, sizeof b);
    size_t spans = 0;
    for (size_t i = 0; i < d->nevents; i++) {
        spans += d->events[i].has_end;
    }
    int k = snprintf(buf, sizeof buf, "Timeline of %zu event%s", d->nevents,
                     d->nevents == 1 ? "" : "s");
    if (k > 0 && (size_t)k < sizeof buf && spans) {
        k += snprintf(buf + k, sizeof buf - (size_t)k, " (%zu span%s)", spans,
                      spans == 1 ? "" : "s");
    }
    if (k > 0 && (size_t)k < sizeof buf) {
        if (strcmp(a, b) == 0) {
            snprintf(buf + k, sizeof buf - (size_t)k, ", %s.", a);
        } else {
            snprintf(buf + k, sizeof buf - (size_t)k, " from %s to %s.", a, b);
        }
    }
    csvchart_scene_set_string(T->L.scene, &T->L.scene->desc, buf);
}

/* The events' time extent, today included, never narrower than a few of their periods. */
static void extent(struct timeline *T)
{
    double lo = INFINITY, hi = -INFINITY, period = 0;
    for (size_t i = 0; i < T->n; i++) {
        const struct timeline_event *e = T->p[i].e;
        lo = fmin(lo, e->t0);
        hi = fmax(hi, e->t1);
        period = fmax(period, csvchart_date_period_end(&e->start) - e->t0);
    }
    if (T->has_today) {
        lo = fmin(lo, T->today);
        hi = fmax(hi, T->today);
    }
    double min_span = fmax(3 * period, 2.0 / 24);
    if (hi - lo < min_span) {
        double c = (lo + hi) / 2;
        lo = c - min_span / 2;
        hi = c + min_span / 2;
    }
    T->tmin = lo;
    T->tmax = hi;
}

csvchart_status csvchart_layout_timeline(const void *data, const struct spec *s,
                                         const csvchart_text_measurer *m,
                                         struct csvchart_scene *scene,
                                         struct csvchart_warnings *warn, struct layout_fit *fit,
                                         csvchart_error *err)
{
    const struct timeline_data *d = data;
    struct timeline T = {.d = d, .s = s, .n = d->nevents};
    struct hgeom G = {0};
    csvchart_status st = CSVCHART_OK;
    struct layout *L = &T.L;
    csvchart_layout_begin(L, s, m, scene, fit);
    if (T.n == 0) {
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, NULL, 0, 0, "no events to draw");
    }
    T.p = calloc(T.n, sizeof *T.p);
    if (!T.p) {
        return csvchart_error_nomem(err);
    }
    T.date_st = L->small;
    T.date_st.weight = 700;
    T.label_st = L->label;
    T.label_st.weight = 700;
    T.detail_st = L->small;
    T.lh_date = csvchart_layout_line_height(L, &T.date_st);
    T.lh_label = csvchart_layout_line_height(L, &T.label_st);
    T.lh_detail = csvchart_layout_line_height(L, &T.detail_st);
    T.asc_date = csvchart_layout_ascent(L, &T.date_st);
    T.asc_label = csvchart_layout_ascent(L, &T.label_st);
    T.asc_detail = csvchart_layout_ascent(L, &T.detail_st);
    T.detail_gap = round(2 * L->u);
    struct date_value today;
    if (*s->today && csvchart_date_parse(s->today, strlen(s->today), &today)) {
        T.has_today = true;
        T.today = (csvchart_date_coord(&today) + csvchart_date_period_end(&today)) / 2;
    }
    const struct theme *th = &s->theme;
    for (size_t i = 0; i < T.n; i++) {
        struct place *P = &T.p[i];
        P->e = &d->events[i];
        P->color = th->palette[P->e->group % th->npalette];
        if (P->e->has_end) {
            csvchart_date_format_span(&P->e->start, &P->e->end, P->date, sizeof P->date);
        } else {
            csvchart_date_format(&P->e->start, false, P->date, sizeof P->date);
        }
    }
    T.color_dates = true;
    for (size_t i = 0; i < T.n; i++) {
        T.color_dates = T.color_dates && csvchart_contrast(T.p[i].color, th->background) >= 4.5;
    }
    extent(&T);
    describe(&T);

    csvchart_layout_frame(L, NULL);
    T.nframe = scene->len;
    T.frame_bottom = L->bottom;
    if (d->ngroups > 1) {
        struct legend_entry *e = calloc(d->ngroups, sizeof *e);
        if (!e) {
            st = csvchart_error_nomem(err);
            goto done;
        }
        for (size_t i = 0; i < d->ngroups; i++) {
            e[i] = (struct legend_entry){d->groups[i], th->palette[i % th->npalette]};
        }
        csvchart_layout_legend(L, e, d->ngroups);
        free(e);
    }
    assign_lanes(&T);
    double height0 = scene->height;

    if (s->orientation != ORIENT_VERTICAL) {
        double lh_small = csvchart_layout_line_height(L, &L->small);
        double lane_pitch = 7 * L->u;
        G.wrap = fmin(260 * L->u, 0.3 * (L->right - L->left));
        G.g = 7 * L->u;
        G.reach_gap = 16 * L->u;
        G.level_gap = 14 * L->u;
        G.r = 4.5 * L->u;
        G.c_up = G.r + 12 * L->u;
        G.band = T.nlanes ? 4 * L->u + (double)T.nlanes * lane_pitch : 0;
        G.tick_y = (G.band > 0 ? G.band : 5 * L->u) + 5 * L->u;
        G.c_dn = G.tick_y + lh_small + 14 * L->u;
        measure_blocks(&T, G.wrap);
        double need = place_horizontal(&T, &G, &st, err);
        if (st) {
            goto done;
        }
        double have = L->bottom - L->top;
        if (need <= have || s->orientation == ORIENT_HORIZONTAL) {
            if (need > have) {
                double h = scene->height + (need - have);
                if (h > MAX_HEIGHT) {
                    st = too_tall(&T, ceil(h), err);
                    goto done;
                }
                grow(&T, need - have);
                have = need;
            }
            draw_horizontal(&T, &G, have - need);
            goto warn_growth;
        }
    }
    if ((st = layout_vertical(&T, err))) {
        goto done;
    }
warn_growth:
    if (scene->height > height0) {
        csvchart_warnings_add(warn,
                              "%zu events do not fit a %.0fx%.0f figure without overlapping: it "
                              "grows to %.0f px tall (choose a taller size%s)",
                              T.n, s->width, height0, scene->height,
                              T.vertical ? "" : ", or orientation vertical");
    }
    st = csvchart_layout_end(L, err);
done:
    free(G.hup);
    free(G.hdn);
    free(T.p);
    return st;
}
