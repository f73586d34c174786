/*
 * layout_bar_refs.c - what an editor adds to a bar chart (annotation.h): reference lines and
 * bands across the value axis, and notes tied to categories (see layout_bar.h).
 *
 * Bands are drawn under the marks, rules over them; both yield to text. Their labels, and the
 * notes, never sit in the plot, where they would meet bars and value labels; they go where
 * nothing else is:
 *
 *     vertical bars                          horizontal bars
 *       Most expensive     (a row above)       Target   Average       (a row above)
 *            |         ...|  Average         Name |#####  :   |         the note
 *        ##  ##  - - - - -|- - -             Name |##     :   |  ---    (a column right)
 *        ##  ##           |  Typical
 *
 * Rule and band labels stand at the end of the value axis' side (a column right of vertical
 * bars, a row above horizontal ones), notes at the end of the band axis' side (a row above
 * vertical bars, a column right of horizontal ones), so a note's leader runs along its own
 * band and meets no other bar. In a column or row the entries are pushed apart along it
 * (csvchart_place_dodge()) from where they belong - a rule's value, a band's middle, a
 * note's bar. A column or row that cannot hold them all makes the layout not fit
 * (csvchart_layout_fit() then finds the size that does).
 *
 * Beside horizontal bars a note first tries the room its own row has: just past its bar
 * (and the bar's value label), on the background, up to the first rule or band or the end
 * of the plot, clear of the neighbours' marks and labels - where a short dash from the
 * value label sets it off, in the column's faint colour (inline_place(); review 8 read
 * "66 Mio. $ Smallest economy in the UN" as one label). A review found a note on a short bar sent
 * to the column with a 692 px leader across the plot, through a rule and a band. Only when some
 * note of the figure has no such room is a column made (bar_arrange_finish() decides, for
 * every panel at once, and maps the axes again); the notes that still have room in their rows
 * stay there (split_beside()), and only the others go to the column.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_bar.h"
#include "layout_place.h"

/* Notes wrap within this share of the canvas' width. */
#define NOTE_WIDTH 0.22

void bar_refs_extent(const struct bar_layout *B, double *lo, double *hi)
{
    const struct spec *s = B->s;
    for (size_t i = 0; i < s->nrules; i++) {
        *lo = fmin(*lo, s->rules[i].lo);
        *hi = fmax(*hi, s->rules[i].hi);
    }
    for (size_t i = 0; i < s->nbands; i++) {
        *lo = fmin(*lo, s->bands[i].lo);
        *hi = fmax(*hi, s->bands[i].hi);
    }
}

/* A rule's or band's label: its text, or its value when it has none. */
static void ref_text(const struct panel *P, const struct ref_mark *r, char *buf, size_t n)
{
    if (*r->label) {
        snprintf(buf, n, "%s", r->label);
        return;
    }
    char a[64], b[64];
    csvchart_format_planned(&P->values, r->lo, a, sizeof a);
    csvchart_format_planned(&P->values, r->hi, b, sizeof b);
    if (r->lo == r->hi) {
        snprintf(buf, n, "%s", a);
    } else {
        snprintf(buf, n, "%s\xe2\x80\x93%s", a, b); /* an en dash */
    }
}

static size_t note_category(const struct panel *P, const struct note_mark *m)
{
    for (size_t c = 0; c < P->d->ncat; c++) {
        if (strcmp(P->d->cats[c], m->category) == 0) {
            return c;
        }
    }
    return (size_t)-1;
}

/* What goes into the column: one entry per label or note of the panel. */
struct entry {
    char text[512];
    double want;   /* where it belongs along the column */
    double size;   /* its extent along the column */
    double width;  /* across */
    size_t lines;  /* notes wrap */
    size_t cat;    /* notes: the category, else (size_t)-1 */
    size_t series; /* notes: the series whose mark the leader reaches */
};

static double note_wrap(const struct bar_layout *B)
{
    return fmax(NOTE_WIDTH * B->s->width, 8 * B->label.size_px);
}

/*
 * The entries of the column (vertical: rule and band labels; horizontal: notes) or of the row
 * above (vertical: notes; horizontal: rule and band labels), measured; `want` is filled by
 * place() once the axes are mapped. Returns the count; *out is malloc'd (NULL when none).
 */
static size_t entries(const struct bar_layout *B, const struct panel *P, bool row,
                      struct entry **out)
{
    const struct spec *s = B->s;
    size_t cap = s->nrules + s->nbands + s->nnotes, n = 0;
    *out = NULL;
    if (cap == 0 || !(*out = calloc(cap, sizeof **out))) {
        return 0;
    }
    struct entry *e = *out;
    bool refs_here = B->horizontal == row; /* refs: column when vertical, row when horizontal */
    for (size_t k = 0; refs_here && k < s->nrules + s->nbands; k++) {
        const struct ref_mark *r = csvchart_spec_ref(s, k);
        ref_text(P, r, e[n].text, sizeof e[n].text);
        e[n].width = csvchart_layout_width(&B->L, &B->label, e[n].text);
        e[n].size = row ? e[n].width : B->lh;
        e[n].lines = 1;
        e[n].cat = (size_t)-1;
        n++;
    }
    bool notes_here = B->horizontal != row;
    for (size_t k = 0; notes_here && k < s->nnotes; k++) {
        size_t c = note_category(P, &s->notes[k]);
        if (c == (size_t)-1) {
            continue; /* a note of a category of another panel */
        }
        snprintf(e[n].text, sizeof e[n].text, "%s", s->notes[k].text);
        double widest;
        size_t lines = csvchart_layout_lines(&B->L, &B->label, e[n].text, note_wrap(B), 8, &widest);
        e[n].lines = lines ? (lines > 8 ? 8 : lines) : 1;
        e[n].width = widest;
        e[n].size = row ? widest : B->lh * (double)e[n].lines;
        e[n].cat = c;
        e[n].series = 0;
        for (size_t sr = 0; sr < P->d->nser; sr++) { /* the first series that has a value */
            if (P->d->has[bar_idx(P, c, sr)]) {
                e[n].series = sr;
                break;
            }
        }
        n++;
    }
    if (n == 0) {
        free(*out);
        *out = NULL;
    }
    return n;
}

/* Whether the notes stand beside their bars: the column holds nothing else then. */
static bool inline_notes(const struct bar_layout *B, const struct panel *P)
{
    return B->horizontal && P->notes_inline;
}

/* The gap between the plot and the column of labels. Right of horizontal bars a note's leader
 * starts past the longest bar's value label, so half as much again: a note on that bar got a
 * leader of 3 px, a dot ("$800B· Largest by far", review 9), now about as long as the dash
 * before a note in its row. */
static double col_gap(const struct bar_layout *B)
{
    return B->horizontal ? 1.5 * B->px.ref_gap : B->px.ref_gap;
}

/* The left edge of the column's labels. */
static double col_x(const struct bar_layout *B, const struct panel *P)
{
    return P->px1 + (B->horizontal ? 0 : P->ratio_room) + col_gap(B);
}

void bar_refs_rooms(const struct bar_layout *B, struct panel *P)
{
    struct entry *e = NULL;
    P->ref_col = P->ref_row = 0;
    size_t n = inline_notes(B, P) ? 0 : entries(B, P, false, &e);
    for (size_t i = 0; i < n; i++) {
        P->ref_col = fmax(P->ref_col, e[i].width + col_gap(B));
    }
    free(e);
    n = entries(B, P, true, &e);
    for (size_t i = 0; i < n; i++) {
        P->ref_row = fmax(P->ref_row, B->lh * (double)e[i].lines + B->px.ref_gap);
    }
    free(e);
}

/* The top of the row above the plot (under it: a vertical axis' title, then the plot). */
static double row_top(const struct bar_layout *B, const struct panel *P)
{
    return P->py0 - P->ref_row - (B->horizontal ? 0 : B->axis_title_h);
}

/* Where an entry belongs along the column or row, px. */
static double belongs(const struct bar_layout *B, const struct panel *P, const struct entry *e,
                      size_t k)
{
    const struct spec *s = B->s;
    if (e->cat != (size_t)-1) { /* a note: in line with its bar's band */
        return bar_band_start(B, P) + P->band * ((double)e->cat + 0.5);
    }
    const struct ref_mark *r = csvchart_spec_ref(s, k);
    return csvchart_scale_map(&P->sc, (r->lo + r->hi) / 2);
}

/* Pushes the entries apart along [lo, hi]; writes each one's start. False when they do not
 * fit (or out of memory). */
static bool place(const struct bar_layout *B, const struct panel *P, struct entry *e, size_t n,
                  bool row, double lo, double hi, double *start)
{
    /* in order along the axis: by where they belong (stable on ties) */
    size_t *order = malloc(n * sizeof *order);
    double *want = malloc(n * sizeof *want), *size = malloc(n * sizeof *size);
    double *out = malloc(n * sizeof *out);
    bool ok = order && want && size && out;
    for (size_t i = 0; ok && i < n; i++) {
        e[i].want = belongs(B, P, &e[i], i) - e[i].size / 2;
        order[i] = i;
    }
    for (size_t i = 1; ok && i < n; i++) { /* insertion sort: a few entries */
        for (size_t j = i; j > 0 && e[order[j]].want < e[order[j - 1]].want; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    }
    /* along the column labels are lines of text: a small gap; along the row they are words:
     * a gap wide enough that two never read as one phrase */
    double gap = row ? 2 * B->px.ref_gap : B->px.ref_gap / 2;
    double total = 0;
    for (size_t i = 0; ok && i < n; i++) {
        want[i] = e[order[i]].want;
        size[i] = e[order[i]].size;
        total += size[i] + (i ? gap : 0);
    }
    ok = ok && total <= hi - lo && csvchart_place_dodge(want, size, n, gap, lo, hi, out);
    for (size_t i = 0; ok && i < n; i++) {
        start[order[i]] = out[i];
    }
    free(order);
    free(want);
    free(size);
    free(out);
    return ok;
}

/* ---- notes beside horizontal bars ----------------------------------------------------------- */

/*
 * What category c's marks and their labels take along the value axis of horizontal bars
 * (x grows with the values), [*lo, *hi] px; *half, what they take across, from the band's
 * middle. As bar_marks_draw() draws them, erring wide: a label that may stand inside its bar
 * is counted outside.
 */
static void mark_extent(const struct bar_layout *B, const struct panel *P, size_t c, double *lo,
                        double *hi, double *half)
{
    const struct bar_data *d = P->d;
    double ov = bar_marks_overhang(B, P), gap = B->px.value_gap + ov;
    double base = csvchart_scale_map(&P->sc, P->base);
    bool labels = B->labels && B->outside && !B->s->stack;
    double pos = 0, neg = 0;
    *lo = INFINITY;
    *hi = -INFINITY;
    if (bar_axis_has_baseline(B, P)) {
        *lo = *hi = base;
    }
    for (size_t s = 0; s < d->nser; s++) {
        size_t i = bar_idx(P, c, s);
        if (!d->has[i]) {
            continue;
        }
        double v = P->v[i], from = d->low ? d->low[i] : P->base, to = v;
        if (B->s->stack) {
            double *acc = v >= 0 ? &pos : &neg;
            from = *acc;
            to = *acc += v;
        }
        bool open = d->open && d->open[i];
        double pf = csvchart_scale_map(&P->sc, from);
        double pt = csvchart_scale_map(&P->sc, open ? P->dhi : to);
        *lo = fmin(*lo, fmin(pf, pt) - ov);
        *hi = fmax(*hi, fmax(pf, pt) + ov);
        if (!labels) {
            continue;
        }
        double w = csvchart_layout_width(&B->L, &B->label, P->value_text[i]);
        if (d->low) { /* the low end's label before it, the high end's past it */
            const char *t = open ? P->value_text[i] : P->low_text[i];
            if (!bar_marks_one_value(P, i)) {
                *lo = fmin(*lo, pf - gap - csvchart_layout_width(&B->L, &B->label, t));
            }
            *hi = open ? *hi : fmax(*hi, pt + gap + w);
        } else if (v >= 0) {
            *hi = fmax(*hi, pt + gap + w);
        } else {
            *lo = fmin(*lo, pt - gap - w);
        }
    }
    if (bar_totals_shown(B)) { /* in bold past the stack's end */
        char buf[96];
        double p, n;
        bar_total_text(B, P, c, buf, sizeof buf, &p, &n);
        struct text_style bold = B->label;
        bold.weight = 700;
        double w = csvchart_layout_width(&B->L, &bold, buf) + gap;
        if (p + n >= 0 || P->log) {
            *hi = fmax(*hi, csvchart_scale_map(&P->sc, p) + w);
        } else {
            *lo = fmin(*lo, csvchart_scale_map(&P->sc, n) - w);
        }
    }
    *half = fmax(P->bar * (double)bar_across_count(B, P) / 2, B->lh / 2);
}

/* Where a note beside its bar stands: its left edge, the width it wraps at, its lines; the
 * dash before it, from dash to x less a gap. */
struct inline_note {
    double x, wrap, top, dash;
    size_t lines;
};

/*
 * A note beside its bar: past the bar's end and its label, wrapped within the room up to the
 * first rule or band past it (or the plot's end), its lines centred on the band and within
 * the plot, clear of every other category's marks and labels it would reach. False when it
 * has no such room: its bar ends in a band, it needs more than two lines there, a neighbour is
 * in the way.
 */
static bool inline_place(const struct bar_layout *B, const struct panel *P, const struct entry *e,
                         struct inline_note *out)
{
    const struct spec *s = B->s;
    double gap = B->px.ref_gap / 2, lo, hi, half;
    mark_extent(B, P, e->cat, &lo, &hi, &half);
    double dash = hi + gap, x = dash + B->px.ref_gap + gap, limit = P->px1;
    for (size_t i = 0; i < s->nrules; i++) {
        double r = csvchart_scale_map(&P->sc, s->rules[i].lo);
        if (r > hi - 1) {
            limit = fmin(limit, r - gap);
        }
    }
    for (size_t i = 0; i < s->nbands; i++) {
        double a = csvchart_scale_map(&P->sc, s->bands[i].lo);
        double b = csvchart_scale_map(&P->sc, s->bands[i].hi);
        if (fmax(a, b) > hi - 1) {
            if (fmin(a, b) <= hi) {
                return false; /* the bar ends in the band: a note there reads as its label */
            }
            limit = fmin(limit, fmin(a, b) - gap);
        }
    }
    double room = limit - x, widest;
    if (room < 4 * B->label.size_px ||
        csvchart_layout_widest_word(&B->L, &B->label, e->text) > room) {
        return false;
    }
    /* two lines at most: a taller block crowds the bars above and below it */
    size_t lines = csvchart_layout_lines(&B->L, &B->label, e->text, room, 2, &widest);
    if (lines > 2) {
        return false;
    }
    double center = bar_band_start(B, P) + P->band * ((double)e->cat + 0.5);
    double h = B->lh * (double)lines, top = center - h / 2;
    if (top < P->py0 || top + h > P->py1) {
        return false;
    }
    for (size_t c = 0; c < P->d->ncat; c++) {
        double clo, chi, chalf;
        double mid = bar_band_start(B, P) + P->band * ((double)c + 0.5);
        if (c == e->cat) {
            continue;
        }
        mark_extent(B, P, c, &clo, &chi, &chalf);
        chalf += B->L.px.text_pad; /* kept clear of the text */
        bool across = mid + chalf > top && mid - chalf < top + h;
        if (across && chi + gap > dash && clo - gap < x + widest) {
            return false;
        }
    }
    *out = (struct inline_note){.x = x, .wrap = room, .top = top, .dash = dash, .lines = lines};
    return true;
}

/* Whether note i (placed at a) stands clear of each of the n notes placed at b[]. */
static bool inline_apart(const struct bar_layout *B, const struct entry *ei,
                         const struct inline_note *a, const struct entry *e,
                         const struct inline_note *b, size_t n)
{
    double wi, wj;
    csvchart_layout_lines(&B->L, &B->label, ei->text, a->wrap, 8, &wi);
    for (size_t j = 0; j < n; j++) {
        csvchart_layout_lines(&B->L, &B->label, e[j].text, b[j].wrap, 8, &wj);
        bool apart = a->x >= b[j].x + wj + B->px.ref_gap || b[j].x >= a->x + wi + B->px.ref_gap ||
                     a->top >= b[j].top + B->lh * (double)b[j].lines ||
                     b[j].top >= a->top + B->lh * (double)a->lines;
        if (!apart) {
            return false;
        }
    }
    return true;
}

/* Places every note of the panel beside its bar (out[i] for entry i), none over another;
 * false when one has no room. */
static bool inline_all(const struct bar_layout *B, const struct panel *P, const struct entry *e,
                       size_t n, struct inline_note *out)
{
    for (size_t i = 0; i < n; i++) {
        if (!inline_place(B, P, &e[i], &out[i]) || !inline_apart(B, &e[i], &out[i], e, out, i)) {
            return false;
        }
    }
    return true;
}

/*
 * When the notes of horizontal bars go to the column (one had no room in its row: a note on
 * the longest bar), the others that have room in theirs still stand there, none over another:
 * moved from e[0..n) to beside[0..*nb) with their places at[], in order. Returns how many
 * stay in e[] for the column. Review 9: one note on the longest bar sent a note on a short
 * bar 800 px across the plot on a leader.
 */
static size_t split_beside(const struct bar_layout *B, const struct panel *P, struct entry *e,
                           size_t n, struct entry *beside, struct inline_note *at, size_t *nb)
{
    size_t kept = 0;
    *nb = 0;
    for (size_t i = 0; i < n; i++) {
        struct inline_note a;
        if (e[i].cat != (size_t)-1 && inline_place(B, P, &e[i], &a) &&
            inline_apart(B, &e[i], &a, beside, at, *nb)) {
            beside[*nb] = e[i];
            at[(*nb)++] = a;
        } else {
            e[kept++] = e[i];
        }
    }
    return kept;
}

/* Draws a note beside its bar, the dash before it. */
static void draw_beside(struct bar_layout *B, const struct entry *e, const struct inline_note *at)
{
    double w = fmax(B->px.grid, 1 / B->L.scale);
    double mid = at->top + B->lh * (double)at->lines / 2;
    csvchart_layout_soft_line(&B->L, at->dash, mid, at->x - B->px.ref_gap / 2, mid,
                              B->s->theme.faint, w);
    csvchart_layout_paragraph(&B->L, &B->label, B->s->theme.text, e->text, at->x, at->top + B->asc,
                              at->wrap, at->lines, TEXT_ANCHOR_START);
}

bool bar_refs_inline_fit(const struct bar_layout *B, const struct panel *P)
{
    if (!B->horizontal) {
        return true;
    }
    struct entry *e;
    size_t n = entries(B, P, false, &e);
    struct inline_note *at = n ? malloc(n * sizeof *at) : NULL;
    bool ok = !n || (at && inline_all(B, P, e, n, at));
    free(at);
    free(e);
    return ok;
}

/* Draws the notes beside their bars (inline_all() said they fit). */
static void inline_draw(struct bar_layout *B, const struct panel *P)
{
    struct entry *e;
    size_t n = entries(B, P, false, &e);
    struct inline_note *at = n ? malloc(n * sizeof *at) : NULL;
    if (n && at && inline_all(B, P, e, n, at)) {
        for (size_t i = 0; i < n; i++) {
            draw_beside(B, &e[i], &at[i]);
        }
    }
    free(at);
    free(e);
}

bool bar_refs_fit(const struct bar_layout *B, const struct panel *P)
{
    if (inline_notes(B, P) && !bar_refs_inline_fit(B, P)) {
        return false;
    }
    for (int row = inline_notes(B, P) ? 1 : 0; row < 2; row++) {
        struct entry *e;
        size_t n = entries(B, P, row, &e), nb = 0;
        struct entry *beside = NULL;
        struct inline_note *at = NULL;
        bool ok = true;
        if (n && !row && B->horizontal) { /* the column: the notes with room stay in their row */
            beside = malloc(n * sizeof *beside);
            at = malloc(n * sizeof *at);
            ok = beside && at;
            n = ok ? split_beside(B, P, e, n, beside, at, &nb) : n;
        }
        double *start = n ? malloc(n * sizeof *start) : NULL;
        ok = ok && (!n || (start && place(B, P, e, n, row, row ? P->px0 : P->py0,
                                          row ? P->x1 : P->py1, start)));
        free(start);
        free(beside);
        free(at);
        free(e);
        if (!ok) {
            return false;
        }
    }
    return true;
}

void bar_refs_bands(struct bar_layout *B, struct panel *P)
{
    const struct theme *t = &B->s->theme;
    double b0 = bar_band_start(B, P), b1 = b0 + bar_band_length(B, P);
    csvchart_rgba tint = (t->text & 0xFFFFFF00u) | 0x14u; /* 8% of the text colour */
    for (size_t i = 0; i < B->s->nbands; i++) {
        const struct ref_mark *r = &B->s->bands[i];
        double a = csvchart_layout_snap(&B->L, csvchart_scale_map(&P->sc, r->lo), 0);
        double b = csvchart_layout_snap(&B->L, csvchart_scale_map(&P->sc, r->hi), 0);
        bar_bv_rect(B, b0, b1, a, b, tint);
    }
}

/* The end of the plot's band axis where the column is (vertical: px1) and where the row is
 * (horizontal: py0). */
void bar_refs_rules(struct bar_layout *B, struct panel *P)
{
    const struct theme *t = &B->s->theme;
    double b0 = bar_band_start(B, P), b1 = b0 + bar_band_length(B, P);
    for (size_t i = 0; i < B->s->nrules; i++) {
        double p =
            csvchart_layout_snap(&B->L, csvchart_scale_map(&P->sc, B->s->rules[i].lo), B->px.rule);
        double x0, y0, x1, y1;
        bar_bv_point(B, b0, p, &x0, &y0);
        bar_bv_point(B, b1, p, &x1, &y1);
        struct scene_item *it =
            csvchart_layout_soft_line(&B->L, x0, y0, x1, y1, t->subtitle, B->px.rule);
        if (it) {
            it->dash = B->px.rule_dash;
        }
    }
}

/* The far end of a category's marks along the value axis (px), past its value label: a bar
 * below the base has its label on the other side, so a note's leader comes down to the base
 * (it stopped a label's height short, in the air above a negative bar). */
static double mark_end(const struct bar_layout *B, const struct panel *P, size_t c)
{
    double far = P->base, pos = 0;
    for (size_t s = 0; s < P->d->nser; s++) {
        size_t i = bar_idx(P, c, s);
        if (P->d->has[i]) {
            pos += P->v[i] > 0 ? P->v[i] : 0;
            far = fmax(far, B->s->stack ? pos : P->v[i]);
        }
    }
    bool past = far > P->base; /* a value label stands past the base */
    double p = csvchart_scale_map(&P->sc, far);
    double v0, v1;
    bar_value_ends(B, P, &v0, &v1);
    double dir = v1 > v0 ? 1 : -1;
    double label = B->outside && past ? B->px.value_gap + (B->horizontal ? 0 : B->lh) : 0;
    return p + dir * (bar_marks_overhang(B, P) + label + B->px.leader_gap);
}

/*
 * The leader of a note, along its own band: from past its marks' end (and their value label)
 * to the note - up to the row above vertical bars, right to the column of horizontal ones.
 */
static void note_leader(struct bar_layout *B, const struct panel *P, const struct entry *e,
                        double at)
{
    const struct theme *t = &B->s->theme;
    double w = fmax(B->px.grid, 1 / B->L.scale);
    double center = bar_band_start(B, P) + P->band * ((double)e->cat + 0.5);
    double end = mark_end(B, P, e->cat);
    if (B->horizontal) { /* along the row to the column, then to the note's middle */
        double col = col_x(B, P) - B->px.ref_gap / 2, mid = at + e->size / 2;
        if (end < col - B->px.ref_gap / 4) {
            csvchart_layout_soft_line(&B->L, end, center, col - B->px.ref_gap / 4, center, t->faint,
                                      w);
        }
        csvchart_layout_soft_line(&B->L, col - B->px.ref_gap / 4, center, col, mid, t->faint, w);
        return;
    }
    /* up the band to the row, then to the note's middle */
    double bottom = row_top(B, P) + B->lh * (double)e->lines + B->px.ref_gap / 4;
    double turn = fmax(bottom + B->px.ref_gap / 4, P->py0);
    if (end > turn) {
        csvchart_layout_soft_line(&B->L, center, end, center, turn, t->faint, w);
    }
    csvchart_layout_soft_line(&B->L, center, turn, at + e->width / 2, bottom, t->faint, w);
}

/*
 * Whether the labels of rules and bands in this row or column need leaders: one was pushed off
 * the line it names, or stands over another's line (at 400x600 "Middle" stood over the
 * Target line and "Target" over empty space, a review found), or the column stands past the
 * ratio callout, away from the lines' ends ("Median" past the bracket read "4.6x Median",
 * graphics desk review). Then every one gets a leader, from the label's edge nearest its line
 * to the line's end at the plot.
 */
static bool refs_need_leaders(const struct bar_layout *B, const struct panel *P,
                              const struct entry *e, size_t n, const double *start)
{
    for (size_t i = 0; i < n && !B->horizontal && P->ratio_room > 0; i++) {
        if (e[i].cat == (size_t)-1) {
            return true;
        }
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n && e[i].cat == (size_t)-1; j++) {
            double at = belongs(B, P, &e[j], j);
            bool over = at >= start[i] - 1 && at <= start[i] + e[i].size + 1;
            if (e[j].cat == (size_t)-1 && over != (i == j)) {
                return true;
            }
        }
    }
    return false;
}

static void ref_leader(struct bar_layout *B, const struct panel *P, const struct entry *e, size_t k,
                       double at, bool row)
{
    double w = fmax(B->px.grid, 1 / B->L.scale);
    double line = belongs(B, P, e, k);
    double near = fmin(fmax(line, at + 2), at + e->size - 2); /* along the row or column */
    if (row) { /* from under the label down to the line's top */
        double bottom = row_top(B, P) + B->lh;
        csvchart_layout_soft_line(&B->L, near, bottom, line, P->py0, B->s->theme.faint, w);
    } else { /* from the line's end right to the label's left */
        double x = col_x(B, P);
        csvchart_layout_soft_line(&B->L, P->px1, line, x - B->px.ref_gap / 4, near,
                                  B->s->theme.faint, w);
    }
}

void bar_refs_labels(struct bar_layout *B, struct panel *P, bool leaders)
{
    const struct theme *t = &B->s->theme;
    if (inline_notes(B, P) && !leaders) {
        inline_draw(B, P); /* beside their bars: no leaders */
    }
    for (int row = inline_notes(B, P) ? 1 : 0; row < 2; row++) {
        struct entry *e;
        size_t n = entries(B, P, row, &e), nb = 0;
        struct entry *beside = n && !row && B->horizontal ? malloc(n * sizeof *beside) : NULL;
        struct inline_note *at = beside ? malloc(n * sizeof *at) : NULL;
        if (beside && at) { /* the column: the notes with room stay in their row */
            n = split_beside(B, P, e, n, beside, at, &nb);
            for (size_t i = 0; i < nb && !leaders; i++) {
                draw_beside(B, &beside[i], &at[i]);
            }
        }
        free(beside);
        free(at);
        double *start = n ? malloc(n * sizeof *start) : NULL;
        if (n && (!start ||
                  !place(B, P, e, n, row, row ? P->px0 : P->py0, row ? P->x1 : P->py1, start))) {
            free(start);
            free(e);
            continue; /* bar_refs_fit() said they fit: only out of memory comes here */
        }
        bool ref_leaders = leaders && refs_need_leaders(B, P, e, n, start);
        for (size_t i = 0; i < n; i++) {
            bool note = e[i].cat != (size_t)-1;
            if (leaders) {
                if (note) {
                    note_leader(B, P, &e[i], start[i]);
                } else if (ref_leaders) {
                    ref_leader(B, P, &e[i], i, start[i], row);
                }
                continue;
            }
            csvchart_rgba color = note ? t->text : t->subtitle;
            double x = row ? start[i] : col_x(B, P);
            double top = row ? row_top(B, P) : start[i];
            csvchart_layout_paragraph(&B->L, &B->label, color, e[i].text, x, top + B->asc,
                                      note ? note_wrap(B) : e[i].width + 1, e[i].lines,
                                      TEXT_ANCHOR_START);
        }
        free(start);
        free(e);
    }
}
