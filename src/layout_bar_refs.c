/*
 * layout_bar_refs.c - what an editor adds to a bar chart (annotation.h): reference lines and
 * bands across the value axis, and notes tied to categories (see layout_bar.h).
 *
 * Bands are drawn under the marks, rules over them; both yield to text. Their labels, and the
 * notes, never sit in the plot, where they would meet bars and value labels; they go where
 * nothing else is:
 *
 *     vertical bars                          horizontal bars
 *                 ...|  Average                 Target   Average       (a row above)
 *        ##   ##-----|- - -                  Name |#####  :   |         the note
 *        ##---##     |  Most expensive       Name |##     :   |  ---    (a column right)
 *
 * In the column, labels and notes are pushed apart along it (csvchart_layout_dodge()) from
 * where they belong - a rule's value, a band's middle, a note's bar - and a note is joined
 * to its bar by a leader drawn under the marks. A column or row that cannot hold them all
 * makes the layout not fit (csvchart_layout_fit() then finds the size that does).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_bar.h"

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
 * The entries of the column (vertical: rule and band labels and notes; horizontal: notes) or
 * of the row above (horizontal: rule and band labels), measured; `want` is filled by
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
        const struct ref_mark *r = k < s->nrules ? &s->rules[k] : &s->bands[k - s->nrules];
        ref_text(P, r, e[n].text, sizeof e[n].text);
        e[n].width = csvchart_layout_width(&B->L, &B->label, e[n].text);
        e[n].size = row ? e[n].width : B->lh;
        e[n].lines = 1;
        e[n].cat = (size_t)-1;
        n++;
    }
    for (size_t k = 0; !row && k < s->nnotes; k++) {
        size_t c = note_category(P, &s->notes[k]);
        if (c == (size_t)-1) {
            continue; /* a note of a category of another panel */
        }
        snprintf(e[n].text, sizeof e[n].text, "%s", s->notes[k].text);
        double widest;
        size_t lines = csvchart_layout_lines(&B->L, &B->label, e[n].text, note_wrap(B), 8,
                                             &widest);
        e[n].lines = lines ? (lines > 8 ? 8 : lines) : 1;
        e[n].width = widest;
        e[n].size = B->lh * (double)e[n].lines;
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

void bar_refs_rooms(const struct bar_layout *B, struct panel *P)
{
    struct entry *e;
    P->ref_col = P->ref_row = 0;
    size_t n = entries(B, P, false, &e);
    for (size_t i = 0; i < n; i++) {
        P->ref_col = fmax(P->ref_col, e[i].width + B->px.ref_gap);
    }
    free(e);
    n = entries(B, P, true, &e);
    if (n) {
        P->ref_row = B->lh + B->px.ref_gap;
    }
    free(e);
}

/* Where an entry belongs along the column or row, px. */
static double belongs(const struct bar_layout *B, const struct panel *P, const struct entry *e,
                      size_t k)
{
    const struct spec *s = B->s;
    if (e->cat != (size_t)-1) { /* a note: level with its bar's band or value */
        if (B->horizontal) {
            return bar_band_start(B, P) + P->band * ((double)e->cat + 0.5);
        }
        double v = P->v[bar_idx(P, e->cat, e->series)];
        return csvchart_scale_map(&P->sc, v);
    }
    const struct ref_mark *r = k < s->nrules ? &s->rules[k] : &s->bands[k - s->nrules];
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
    ok = ok && total <= hi - lo && csvchart_layout_dodge(want, size, n, gap, lo, hi, out);
    for (size_t i = 0; ok && i < n; i++) {
        start[order[i]] = out[i];
    }
    free(order);
    free(want);
    free(size);
    free(out);
    return ok;
}

bool bar_refs_fit(const struct bar_layout *B, const struct panel *P)
{
    for (int row = 0; row < 2; row++) {
        struct entry *e;
        size_t n = entries(B, P, row, &e);
        double *start = n ? malloc(n * sizeof *start) : NULL;
        bool ok = !n || (start && place(B, P, e, n, row, row ? P->px0 : P->py0,
                                        row ? P->x1 : P->py1, start));
        free(start);
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
        double p = csvchart_layout_snap(&B->L, csvchart_scale_map(&P->sc, B->s->rules[i].lo),
                                        B->px.rule);
        double x0, y0, x1, y1;
        bar_bv_point(B, b0, p, &x0, &y0);
        bar_bv_point(B, b1, p, &x1, &y1);
        struct scene_item *it = csvchart_layout_soft_line(&B->L, x0, y0, x1, y1, t->subtitle,
                                                          B->px.rule);
        if (it) {
            it->dash = B->px.rule_dash;
        }
    }
}

/* The leader of a note: from its mark's end, past the band's edge, to the column. Drawn
 * under the marks, so one passing behind another bar stays behind it. */
static void note_leader(struct bar_layout *B, const struct panel *P, const struct entry *e,
                        double at)
{
    const struct theme *t = &B->s->theme;
    double over = bar_marks_overhang(B, P);
    double v = P->v[bar_idx(P, e->cat, e->series)];
    double pv = csvchart_scale_map(&P->sc, v);
    double center = bar_band_start(B, P) + P->band * ((double)e->cat + 0.5);
    double col = P->px1 + (B->horizontal ? 0 : P->ratio_room) + B->px.ref_gap / 2;
    double x0, y0, mid_y = at + B->lh / 2;
    if (B->horizontal) {
        x0 = pv + over + B->px.leader_gap;
        y0 = center;
    } else {
        x0 = center + P->bar / 2 + over + B->px.leader_gap;
        y0 = pv;
    }
    double w = fmax(B->px.grid, 1 / B->L.scale);
    csvchart_layout_soft_line(&B->L, x0, y0, col - B->px.ref_gap / 4, y0, t->faint, w);
    csvchart_layout_soft_line(&B->L, col - B->px.ref_gap / 4, y0, col, mid_y, t->faint, w);
}

void bar_refs_labels(struct bar_layout *B, struct panel *P, bool leaders)
{
    const struct theme *t = &B->s->theme;
    for (int row = 0; row < 2; row++) {
        struct entry *e;
        size_t n = entries(B, P, row, &e);
        double *start = n ? malloc(n * sizeof *start) : NULL;
        if (n && (!start || !place(B, P, e, n, row, row ? P->px0 : P->py0, row ? P->x1 : P->py1,
                                   start))) {
            free(start);
            free(e);
            continue; /* bar_refs_fit() said they fit: only out of memory comes here */
        }
        for (size_t i = 0; i < n; i++) {
            bool note = e[i].cat != (size_t)-1;
            if (leaders) {
                if (note) {
                    note_leader(B, P, &e[i], start[i]);
                }
                continue;
            }
            csvchart_rgba color = note ? t->text : t->subtitle;
            if (row) { /* above the plot, along x */
                csvchart_layout_text(&B->L, &B->label, color, e[i].text, strlen(e[i].text),
                                     start[i], P->py0 - P->ref_row + B->asc, TEXT_ANCHOR_START);
            } else {
                double x = P->px1 + (B->horizontal ? 0 : P->ratio_room) + B->px.ref_gap;
                csvchart_layout_paragraph(&B->L, &B->label, color, e[i].text, x,
                                          start[i] + B->asc, note_wrap(B), e[i].lines,
                                          TEXT_ANCHOR_START);
            }
        }
        free(start);
        free(e);
    }
}
