/*
 * layout_bar_marks.c - what a bar chart draws in its plot: bars, dots, lollipops and
 * dumbbells, and their value labels (see layout_bar.h for the band and value axes every
 * function here is written against). The category names are layout_bar_names.c's, the ratio
 * callout layout_bar_ratio.c's.
 *
 * Value labels sit past the end of their mark (above a vertical bar, right of a horizontal
 * one; before the start for values below zero and the low end of a range); in a stack, inside
 * the segment when they fit it and read on it at 4.5:1, else not at all. The axis left room
 * for them (bar_axis_map()), and gridlines yield to them (layout.h).
 *
 * An open-ended range ("$100M+") is solid at its known bound and fades out towards the end of
 * the axis: it claims no end the data does not give.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "date.h"
#include "layout_bar.h"
#include "timeline_axis.h"
#include "words.h"

/* ---- the two axes -------------------------------------------------------------------------- */

void bar_bv_point(const struct bar_layout *B, double b, double v, double *x, double *y)
{
    *x = B->horizontal ? v : b;
    *y = B->horizontal ? b : v;
}

struct scene_item *bar_bv_rect(struct bar_layout *B, double b0, double b1, double v0, double v1,
                               csvchart_rgba fill)
{
    double x0, y0, x1, y1;
    bar_bv_point(B, fmin(b0, b1), fmin(v0, v1), &x0, &y0);
    bar_bv_point(B, fmax(b0, b1), fmax(v0, v1), &x1, &y1);
    return csvchart_scene_rect(B->L.scene, x0, y0, x1 - x0, y1 - y0, fill);
}

double bar_band_start(const struct bar_layout *B, const struct panel *P)
{
    return B->horizontal ? P->py0 + B->band_pad : P->px0;
}

double bar_band_length(const struct bar_layout *B, const struct panel *P)
{
    return B->horizontal ? P->py1 - P->py0 - 2 * B->band_pad : P->px1 - P->px0;
}

void bar_value_ends(const struct bar_layout *B, const struct panel *P, double *v0, double *v1)
{
    *v0 = B->horizontal ? P->px0 : P->py1;
    *v1 = B->horizontal ? P->px1 : P->py0;
}

/* ---- labels and colours -------------------------------------------------------------------- */

/* stack = percent: each category's values as shares of its stack's total. */
static bool percent_shares(struct panel *P)
{
    const struct bar_data *d = P->d;
    P->v_percent = malloc(d->ncat * d->nser * sizeof *P->v_percent);
    if (!P->v_percent) {
        return false;
    }
    for (size_t c = 0; c < d->ncat; c++) {
        double total = 0;
        for (size_t s = 0; s < d->nser; s++) {
            total += d->has[bar_idx(P, c, s)] ? d->v[bar_idx(P, c, s)] : 0;
        }
        for (size_t s = 0; s < d->nser; s++) {
            size_t i = bar_idx(P, c, s);
            P->v_percent[i] = d->has[i] && total > 0 ? d->v[i] / total * 100 : 0;
        }
    }
    P->v = P->v_percent;
    return true;
}

/* The sums of category c's values above and below zero; false when it has none. */
static bool stack_sums(const struct panel *P, size_t c, double *pos, double *neg)
{
    bool any = false;
    *pos = *neg = 0;
    for (size_t s = 0; s < P->d->nser; s++) {
        size_t i = bar_idx(P, c, s);
        if (P->d->has[i]) {
            *(P->v[i] >= 0 ? pos : neg) += P->v[i];
            any = true;
        }
    }
    return any;
}

/*
 * Per series, the most decimals its values were written with when the series, one of several,
 * does not span a hundredfold by itself (-1 otherwise): such a series shares its decimals
 * where the panel's values together drop the zeros (csvchart_format_planned_cell()). NULL when
 * no value is as one cell wrote it (aggregated, ranges, shares) or there is one series, or
 * out of memory (the panel's plan then serves every label).
 */
static int *series_decimals(const struct bar_layout *B, const struct panel *P)
{
    const struct bar_data *d = P->d;
    if (!d->written_dec || d->nser < 2 || B->s->stack_percent) {
        return NULL;
    }
    int *dec = malloc(d->nser * sizeof *dec);
    for (size_t s = 0; dec && s < d->nser; s++) {
        double lo = INFINITY, hi = 0;
        dec[s] = -1;
        for (size_t c = 0; c < d->ncat; c++) {
            size_t i = c * d->nser + s;
            if (d->has[i]) {
                double a = fabs(P->v[i]);
                lo = a > 0 && a < lo ? a : lo;
                hi = a > hi ? a : hi;
                dec[s] = d->written_dec[i] > dec[s] ? d->written_dec[i] : dec[s];
            }
        }
        dec[s] = isfinite(lo) && hi / lo < 100 ? dec[s] : -1;
    }
    return dec;
}

bool bar_marks_prepare(struct bar_layout *B, struct panel *P)
{
    const struct bar_data *d = P->d;
    size_t n = d->ncat * d->nser;
    P->v = d->v;
    if (B->s->stack_percent && !percent_shares(P)) {
        return false;
    }
    P->value_text = calloc(n, sizeof *P->value_text);
    P->low_text = d->low ? calloc(n, sizeof *P->low_text) : NULL;
    P->highlighted = calloc(d->ncat, sizeof *P->highlighted);
    double *vals = malloc((2 * n + 1) * sizeof *vals);
    if (!P->value_text || (d->low && !P->low_text) || !P->highlighted || !vals) {
        free(vals);
        return false;
    }
    struct value_format f = B->s->format;
    csvchart_format_set_unit(&f, &d->unit);
    if (B->s->stack_percent) { /* shares, computed: "42.5%" */
        struct number_unit u = {.suffix = "%", .decimals = -1};
        csvchart_format_parse("auto", &f, NULL);
        csvchart_format_set_unit(&f, &u);
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (d->has[i]) {
            vals[k++] = P->v[i];
            if (d->low) {
                vals[k++] = d->low[i];
            }
        }
    }
    if (B->s->stack_percent) {
        csvchart_format_plan_shares(&f, vals, k, &P->values);
    } else {
        csvchart_format_plan(&f, LABELS_VALUES, vals, k, 0, d->computed, NULL, &P->values);
    }
    /* The stacks' totals share one number of decimals, as a series does ("7.60M" beside
     * "5.45M", not "7.6M": a review found them mixed). */
    k = 0;
    for (size_t c = 0; c < d->ncat; c++) {
        double pos, neg;
        if (stack_sums(P, c, &pos, &neg)) {
            vals[k++] = pos + neg;
        }
    }
    P->totals = P->values;
    if (k) {
        csvchart_format_plan(&P->values.f, LABELS_VALUES, vals, k, 0, true, NULL, &P->totals);
        int written = 0; /* sums of values as written are exact at their decimals */
        for (size_t i = 0; d->written_dec && !B->s->stack_percent && i < n; i++) {
            written = d->has[i] && d->written_dec[i] > written ? d->written_dec[i] : written;
        }
        csvchart_format_plan_exact_sums(&P->totals, written);
    }
    free(vals);
    int *series_dec = series_decimals(B, P);
    for (size_t i = 0; i < n; i++) {
        if (!d->has[i]) {
            continue;
        }
        char buf[144], low[128];
        if (d->low && !d->open[i]) {
            csvchart_format_planned_pair(&P->values, d->low[i], P->v[i], low, sizeof low, buf,
                                         sizeof buf);
        } else if (series_dec && series_dec[i % d->nser] >= 0) {
            csvchart_format_planned_cell(&P->values, P->v[i], series_dec[i % d->nser],
                                         d->written_mult[i], buf, sizeof buf);
        } else {
            csvchart_format_planned(&P->values, P->v[i], buf, sizeof buf);
        }
        if (d->low) {
            if (d->open[i]) {
                csvchart_format_planned(&P->values, d->low[i], low, sizeof low);
            }
            if (d->open[i]) {
                snprintf(buf, sizeof buf, "%s+", low);
            }
            if (!(P->low_text[i] = csvchart_strdup(low))) {
                free(series_dec);
                return false;
            }
        }
        if (!(P->value_text[i] = csvchart_strdup(buf))) {
            free(series_dec);
            return false;
        }
    }
    free(series_dec);
    return true;
}

void bar_marks_fini(struct panel *P)
{
    size_t n = P->d ? P->d->ncat * P->d->nser : 0;
    for (size_t i = 0; i < n; i++) {
        free(P->value_text ? P->value_text[i] : NULL);
        free(P->low_text ? P->low_text[i] : NULL);
    }
    free(P->value_text);
    free(P->low_text);
    free(P->highlighted);
    free(P->v_percent);
}

double bar_marks_label_width(const struct bar_layout *B, const struct panel *P)
{
    double w = 0;
    const struct bar_data *d = P->d;
    for (size_t i = 0; i < d->ncat * d->nser; i++) {
        if (d->has[i]) {
            w = fmax(w, csvchart_layout_width(&B->L, &B->label, P->value_text[i]));
            if (P->low_text) {
                w = fmax(w, csvchart_layout_width(&B->L, &B->label, P->low_text[i]));
            }
        }
    }
    return w;
}

/*
 * Bands thinner than 3 device pixels (hundreds of categories) draw their bars edge to edge:
 * bars and gaps snapped to whole pixels alternated into stripes (moire). Edge to edge,
 * neighbours share their snapped edge, so every pixel row belongs to exactly one bar.
 */
static bool thin_band(const struct bar_layout *B, double band)
{
    return band * B->L.scale < 3.0;
}

/*
 * Bars fill about two thirds of their band (FIGURES.md: 60-75%); a group three quarters. A bar
 * is at most BAR_MAX_LINES value-label lines thick: one to three bars across a slide or a
 * square drew slabs (720 px for one bar at 1200x675, 360 for the article's two), where a desk
 * draws bars and leaves the air between them. In type lines, so every panel of a figure, and
 * every scale of it, caps alike; bars side by side stay as wide as their widest value label,
 * which stands over its own bar (bar_marks_labels_fit()), so a larger canvas still makes room
 * for them.
 */
double bar_marks_thickness(const struct bar_layout *B, const struct panel *P, double band)
{
    size_t across = bar_across_count(B, P);
    double fill = thin_band(B, band) ? 1 : across > 1 ? 0.75 : 0.66;
    double t = band * fill / (double)across, cap = BAR_MAX_LINES * B->lh;
    if (t <= cap || cap <= 0) {
        return t;
    }
    if (across > 1 && !B->horizontal && B->s->labels != LABELS_NONE && P->value_text) {
        cap = fmax(cap, bar_marks_label_width(B, P));
    }
    return fmin(t, cap);
}

double bar_marks_overhang(const struct bar_layout *B, const struct panel *P)
{
    if (B->s->mark == MARK_BAR) {
        return 0;
    }
    return fmin(fmax(P->bar * 0.3, B->px.dot_min), B->px.dot_max);
}

bool bar_marks_labels_fit(const struct bar_layout *B, const struct panel *P, double band)
{
    if (B->s->stack) {
        return true; /* inside the segments that hold them, the others go without */
    }
    /* Series of a group sit a bar apart; a lone bar has its band. */
    size_t across = bar_across_count(B, P);
    double slot = across > 1 ? bar_marks_thickness(B, P, band) : band;
    if (B->horizontal) {
        return slot >= B->lh + 1 / B->L.scale; /* baselines snap to device pixels */
    }
    return bar_marks_label_width(B, P) <= slot;
}

bool bar_marks_one_value(const struct panel *P, size_t i)
{
    const struct bar_data *d = P->d;
    return d->low && !(d->open && d->open[i]) && d->low[i] == P->v[i];
}

static csvchart_rgba mark_color(const struct bar_layout *B, const struct panel *P, size_t c,
                                size_t s, double v)
{
    const struct theme *t = &B->s->theme;
    csvchart_rgba own = csvchart_theme_series_color(t, B->series_hl, s);
    if (B->series_hl) { /* a series highlighted: the others muted */
        if (!(B->series_hl >> (s < 63 ? s : 63) & 1)) {
            return t->muted;
        }
    } else if (B->s->nhighlight && !P->highlighted[c]) {
        /* Several series: each in a muted version of its colour, so that the bars of a group
         * left out stay told apart (one grey for all of them hid the series, review 5); the
         * legend shows both versions. A colour column colours categories, not series. */
        bool series = P->d->nser > 1 && !(P->d->color && P->d->color[c]);
        return series ? csvchart_theme_muted_color(t, own) : t->muted;
    }
    if (v < 0 && B->s->negative_color) {
        own = B->s->negative_color;
    } else if (P->d->color && P->d->color[c]) {
        own = P->d->color[c];
    }
    return B->s->nhighlight ? csvchart_theme_highlight_color(t, own) : own;
}

static csvchart_rgba label_color(const struct bar_layout *B, const struct panel *P, size_t c)
{
    bool muted = !B->series_hl && B->s->nhighlight && !P->highlighted[c];
    return muted ? B->s->theme.faint : B->s->theme.text;
}

/* ---- marks --------------------------------------------------------------------------------- */

static void set_title(struct bar_layout *B, const struct panel *P, struct scene_item *it, size_t c,
                      size_t s)
{
    if (!it) {
        return;
    }
    char title[300];
    const struct bar_data *d = P->d;
    snprintf(title, sizeof title, "%s%s%s: %s", d->cats[c], d->nser > 1 ? ", " : "",
             d->nser > 1 ? d->series[s] : "", P->value_text[bar_idx(P, c, s)]);
    csvchart_scene_item_set_title(B->L.scene, it, title);
}

/* An open range: solid at its known bound `pf`, fading out to the end of the axis `tip`. */
static struct scene_item *fade(struct bar_layout *B, double a, double b, double pf, double tip,
                               csvchart_rgba color)
{
    enum { steps = 24 };
    size_t first = B->L.scene->len; /* an index: later adds may move the items */
    for (int k = 0; k < steps; k++) {
        double lo = csvchart_layout_snap(&B->L, pf + (tip - pf) * k / steps, 0);
        double hi = csvchart_layout_snap(&B->L, pf + (tip - pf) * (k + 1) / steps, 0);
        unsigned alpha = (unsigned)lround(255.0 * (steps - k) / (steps + 1));
        bar_bv_rect(B, a, b, lo, hi, (color & 0xFFFFFF00u) | alpha);
    }
    return first < B->L.scene->len ? &B->L.scene->items[first] : NULL;
}

/*
 * One mark from value `from` to `to` across [a, b) (px along the band axis). Returns the item
 * that carries the mark's tooltip.
 */
static struct scene_item *draw_mark(struct bar_layout *B, struct panel *P, size_t c, size_t s,
                                    double from, double to, bool open, double a, double b)
{
    struct layout *L = &B->L;
    csvchart_rgba color = mark_color(B, P, c, s, to - from < 0 && !P->d->low ? to : 1);
    double pf = csvchart_scale_map(&P->sc, from), pt = csvchart_scale_map(&P->sc, to);
    double v0, v1;
    bar_value_ends(B, P, &v0, &v1);
    double tip = csvchart_scale_map(&P->sc, P->dhi); /* where an open range fades out */
    double mid = (a + b) / 2;
    if (B->s->mark == MARK_BAR) {
        double ca = csvchart_layout_snap(L, a, 0), cb = csvchart_layout_snap(L, b, 0);
        if (open) {
            return fade(B, ca, cb, pf, tip, color);
        }
        double lo = csvchart_layout_snap(L, fmin(pf, pt), 0);
        double hi = csvchart_layout_snap(L, fmax(pf, pt), 0);
        /* A value that is not zero never draws as nothing: two device pixels at least, so it
         * still shows beside the baseline drawn over the bars - on its own side of it (a
         * -12.25 beside values in millions stood on the positive side: review 10). */
        if (P->d->low && to == from) { /* one value: a mark across the band at it */
            lo = csvchart_layout_snap(L, pf - 1 / L->scale, 0);
            hi = lo + 2 / L->scale;
        } else if (to != from && hi - lo < 2 / L->scale) {
            if (pt != pf ? pt > pf : (to > from) == (v1 > v0)) {
                hi = lo + 2 / L->scale;
            } else {
                lo = hi - 2 / L->scale;
            }
        }
        return bar_bv_rect(B, ca, cb, lo, hi, color);
    }
    /* dots, lollipops, and dumbbells for ranges: a stem and a dot at each valued end */
    double r = bar_marks_overhang(B, P);
    double x, y, x2, y2;
    bool stem = B->s->mark == MARK_LOLLIPOP || P->d->low;
    if (stem) {
        bar_bv_point(B, mid, pf, &x, &y);
        bar_bv_point(B, mid, open ? tip : pt, &x2, &y2);
        csvchart_scene_line(L->scene, x, y, x2, y2, color, fmax(B->px.stem, 1));
    }
    if (P->d->low && (open || to != from)) { /* one value: one dot */
        bar_bv_point(B, mid, pf, &x, &y);
        csvchart_scene_circle(L->scene, x, y, r, color);
    }
    if (!open) {
        bar_bv_point(B, mid, pt, &x, &y);
        return csvchart_scene_circle(L->scene, x, y, r, color);
    }
    /* an arrowhead at the end of the axis: the range goes on */
    double dir = v1 > v0 ? 1 : -1, h = r * 1.6;
    struct scene_point tri[3];
    bar_bv_point(B, mid - r, tip - dir * h, &tri[0].x, &tri[0].y);
    bar_bv_point(B, mid, tip, &tri[1].x, &tri[1].y);
    bar_bv_point(B, mid + r, tip - dir * h, &tri[2].x, &tri[2].y);
    csvchart_scene_path(L->scene, tri, 3, true, color, CSVCHART_RGBA_NONE, 0);
    return NULL;
}

/*
 * A value label beside value position p (px) of a mark centred at band position `mid`;
 * `beyond` puts it past p in the direction of larger values, else before it.
 */
static void value_label(struct bar_layout *B, const struct panel *P, const char *text,
                        csvchart_rgba color, double p, double mid, bool beyond)
{
    double v0, v1;
    bar_value_ends(B, P, &v0, &v1);
    double dir = (v1 > v0 ? 1 : -1) * (beyond ? 1 : -1);
    double gap = B->px.value_gap + bar_marks_overhang(B, P);
    if (B->horizontal) {
        csvchart_layout_text(&B->L, &B->label, color, text, strlen(text), p + dir * gap,
                             mid + B->asc - B->lh / 2,
                             dir > 0 ? TEXT_ANCHOR_START : TEXT_ANCHOR_END);
    } else {
        double edge = p + dir * gap; /* the box's edge nearest the mark */
        double base = dir < 0 ? edge - (B->lh - B->asc) : edge + B->asc;
        csvchart_layout_text(&B->L, &B->label, color, text, strlen(text), mid, base,
                             TEXT_ANCHOR_MIDDLE);
    }
}

/*
 * Whether a rule (a reference line) would run through the value label value_label() puts at
 * p, or between it and its bar: a dashed line with a number in it reads as the line's value
 * ("- - 76.4 - -" on a Target line at 80, a review found).
 */
static bool rule_within(const struct bar_layout *B, const struct panel *P, double e0, double e1,
                        double *at)
{
    double lo = fmin(e0, e1) - 2, hi = fmax(e0, e1) + 2;
    for (size_t i = 0; i < B->s->nrules; i++) {
        double r = csvchart_scale_map(&P->sc, B->s->rules[i].lo);
        if (r >= lo && r <= hi) {
            *at = r;
            return true;
        }
    }
    return false;
}

/* Along the value axis, where value_label() puts `text` for a mark ending at p: the box's
 * edge nearest the mark (*near) and the far one (returned). */
static double label_reach(const struct bar_layout *B, const struct panel *P, const char *text,
                          double p, bool beyond, double *near)
{
    double v0, v1;
    bar_value_ends(B, P, &v0, &v1);
    double dir = (v1 > v0 ? 1 : -1) * (beyond ? 1 : -1);
    double extent = B->horizontal ? csvchart_layout_width(&B->L, &B->label, text) : B->lh;
    *near = p + dir * (B->px.value_gap + bar_marks_overhang(B, P));
    return *near + dir * extent;
}

static bool rule_through_label(const struct bar_layout *B, const struct panel *P, const char *text,
                               double p, bool beyond)
{
    double near, r; /* from the bar's end: a rule between a bar and its label parts them too */
    return rule_within(B, P, p, label_reach(B, P, text, p, beyond, &near), &r);
}

/*
 * A label inside the mark [pf, pt] x [a, b] (a stacked segment, or a bar with labels =
 * inside), when it fits and reads on it at 4.5:1: centred in the segment, or (`at_end`) just
 * inside the bar's end, `shift` px further in. Returns whether it was drawn.
 */
static bool inside_label(struct bar_layout *B, const char *text, csvchart_rgba bg, double pf,
                         double pt, double a, double b, bool at_end, double shift,
                         const double *avoid)
{
    const struct theme *t = &B->s->theme;
    double tw = csvchart_layout_width(&B->L, &B->label, text);
    double along = fabs(pt - pf) - shift, thick = fabs(b - a), pad = B->px.inside_pad;
    double extent = B->horizontal ? tw : B->lh; /* the label's size along the value axis */
    bool fits = B->horizontal ? tw + 2 * pad <= along && B->lh <= thick
                              : B->lh + pad <= along && tw + pad <= thick;
    double on_dark = csvchart_contrast(bg, t->on_dark),
           on_light = csvchart_contrast(bg, t->on_light);
    csvchart_rgba fg = on_dark >= on_light ? t->on_dark : t->on_light;
    if (!fits || fmax(on_dark, on_light) < 4.5) {
        return false;
    }
    double dir = pt > pf ? 1 : -1;
    double at = at_end ? pt - dir * (pad + shift + extent / 2) : (pf + pt) / 2;
    if (avoid && fabs(at - avoid[0]) < avoid[1] + extent / 2) {
        /* A mark on the bar (a stack's net) is not written over: the label moves past it,
         * to the nearer side where it still fits inside the bar, or is not drawn. */
        double lo = fmin(pf, pt) + pad + extent / 2, hi = fmax(pf, pt) - pad - extent / 2;
        double below = avoid[0] - avoid[1] - extent / 2, above = avoid[0] + avoid[1] + extent / 2;
        bool below_ok = below >= lo && below <= hi, above_ok = above >= lo && above <= hi;
        if (!below_ok && !above_ok) {
            return false;
        }
        at = below_ok && (!above_ok || at - below <= above - at) ? below : above;
    }
    double x, y;
    bar_bv_point(B, (a + b) / 2, at, &x, &y);
    csvchart_layout_text(&B->L, &B->label, fg, text, strlen(text), x, y + B->asc - B->lh / 2,
                         TEXT_ANCHOR_MIDDLE);
    return true;
}

/* How far in from the bar's end [pf, pt] a label inside it must move to clear every rule (0:
 * none crosses it there). */
static double inside_shift(const struct bar_layout *B, const struct panel *P, const char *text,
                           double pf, double pt)
{
    double dir = pt > pf ? 1 : -1, pad = B->px.inside_pad, shift = 0, r;
    double extent = B->horizontal ? csvchart_layout_width(&B->L, &B->label, text) : B->lh;
    for (size_t k = 0; k <= B->s->nrules; k++) {
        double near = pt - dir * (pad + shift), far = near - dir * extent;
        if (!rule_within(B, P, near, far, &r)) {
            break;
        }
        shift = dir * (pt - r) - pad + 3; /* the label's near edge 3 px past the rule */
    }
    return shift;
}

/* A stack of gains and losses has a net, which its ends do not show: "Net $34.4B". */
static bool net_stack(const struct panel *P, double pos, double neg)
{
    return pos > 0 && neg < 0 && !P->log;
}

/* The radius of a net's dot: with the bar's width, within 3.6-6 px at the article size. */
static double net_dot_r(const struct bar_layout *B, const struct panel *P)
{
    return fmin(fmax(P->bar * 0.08, B->px.dot_min * 0.8), B->px.dot_max * 0.75);
}

void bar_total_text(const struct bar_layout *B, const struct panel *P, size_t c, char *buf,
                    size_t n, double *pos, double *neg)
{
    stack_sums(P, c, pos, neg);
    char v[80];
    csvchart_format_planned(&P->totals, *pos + *neg, v, sizeof v);
    snprintf(buf, n, "%s%s", net_stack(P, *pos, *neg) ? csvchart_words_get(B->s->locale)->net : "",
             v);
}

bool bar_totals_fit(const struct bar_layout *B, const struct panel *P, double band)
{
    struct text_style bold = B->label;
    bold.weight = 700;
    for (size_t c = 0; c < P->d->ncat; c++) {
        char buf[96];
        double pos, neg;
        bar_total_text(B, P, c, buf, sizeof buf, &pos, &neg);
        double need =
            B->horizontal ? B->lh + 1 / B->L.scale : csvchart_layout_width(&B->L, &bold, buf);
        if (need > band) {
            return false;
        }
    }
    return true;
}

bool bar_totals_shown(const struct bar_layout *B)
{
    return B->s->stack && B->s->totals && !B->s->stack_percent;
}

/*
 * A group's missing value: "n/a" (words.h) in faint type from the baseline into its slot,
 * which starts at band position a and is `slot` px wide - an empty slot read as zero (review
 * 12). Only in groups (a lone bar's category says it alone), not in stacks or ranges, and
 * where the slot holds the word; on the baseline's side with more room.
 */
static void no_data(struct bar_layout *B, const struct panel *P, double a, double slot)
{
    const struct bar_data *d = P->d;
    if (B->s->stack || d->low || bar_across_count(B, P) < 2) {
        return;
    }
    const char *text = csvchart_words_get(B->s->locale)->no_data;
    double w = csvchart_layout_width(&B->L, &B->label, text);
    if (slot < (B->horizontal ? B->lh * 0.8 : w)) { /* its letters, not its line, in a row */
        return;
    }
    double v0, v1;
    bar_value_ends(B, P, &v0, &v1);
    double p = csvchart_scale_map(&P->sc, P->base);
    double up = fabs(v1 - p), down = fabs(p - v0); /* px of the value axis either side */
    if (fmax(up, down) < w + B->px.value_gap) {
        return;
    }
    value_label(B, P, text, B->s->theme.faint, p, a + slot / 2, up >= down);
}

bool bar_marks_lone(const struct bar_layout *B, const struct panel *P, size_t c, const char *text)
{
    const struct spec *s = B->s;
    const struct bar_data *d = P->d;
    if (B->labels || s->labels != LABELS_AUTO || !s->nhighlight || !P->highlighted[c] || s->stack ||
        d->low || s->nnotes || bar_across_count(B, P) > 1 || !d->has[bar_idx(P, c, 0)]) {
        return false;
    }
    double half =
        (B->horizontal ? B->lh + 1 / B->L.scale : csvchart_layout_width(&B->L, &B->label, text)) /
        2;
    double start = bar_band_start(B, P), center = start + P->band * ((double)c + 0.5);
    if (half <= P->band / 2) {
        return true;
    }
    if (s->mark != MARK_BAR || center - half < start ||
        center + half > start + bar_band_length(B, P)) {
        return false; /* a dot's track runs the whole axis in its band */
    }
    double v = P->v[bar_idx(P, c, 0)];
    bool up = v >= 0 || P->log;
    for (size_t k = 0; k < d->ncat; k++) {
        double w = P->v[bar_idx(P, k, 0)];
        double apart = fabs(start + P->band * ((double)k + 0.5) - center);
        if (k != c && d->has[bar_idx(P, k, 0)] && apart < half + P->bar / 2 + B->px.value_gap &&
            (up ? w > v : w < v)) {
            return false;
        }
    }
    return true;
}

/*
 * A highlighted bar's own label, without the others' (bar_marks_lone()), where the value axis
 * has room for it: inside the plot and through no rule.
 */
static bool lone_label(const struct bar_layout *B, const struct panel *P, size_t c,
                       const char *text, double p, bool beyond)
{
    if (!bar_marks_lone(B, P, c, text)) {
        return false;
    }
    double v0, v1, near;
    bar_value_ends(B, P, &v0, &v1);
    double far = label_reach(B, P, text, p, beyond, &near);
    double eps = 1e-6; /* the room asked for it ends where it does, give or take rounding */
    bool along = fmin(near, far) >= fmin(v0, v1) - eps && fmax(near, far) <= fmax(v0, v1) + eps;
    return along && !rule_through_label(B, P, text, p, beyond);
}

void bar_marks_draw(struct bar_layout *B, struct panel *P)
{
    const struct bar_data *d = P->d;
    size_t across = bar_across_count(B, P);
    double start = bar_band_start(B, P);
    double gap = across > 1 ? fmin(B->px.group_gap, P->bar * 0.1) : 0;
    double v0, v1;
    bar_value_ends(B, P, &v0, &v1);
    bool dots = B->s->mark == MARK_DOT && !d->low;
    for (size_t c = 0; c < d->ncat; c++) {
        double center = start + P->band * ((double)c + 0.5);
        if (dots) { /* a light track ties each dot to its category */
            double x0, y0, x1, y1;
            bar_bv_point(B, center, v0, &x0, &y0);
            bar_bv_point(B, center, v1, &x1, &y1);
            csvchart_layout_soft_line(&B->L, x0, y0, x1, y1, B->s->theme.grid, B->px.grid);
        }
        /* A stack's net, where its dot goes (and its labels do not): value px, clearance. */
        double net[2], *net_at = NULL, sum_pos, sum_neg;
        if (bar_totals_shown(B) && stack_sums(P, c, &sum_pos, &sum_neg) &&
            net_stack(P, sum_pos, sum_neg)) {
            net[0] = csvchart_scale_map(&P->sc, sum_pos + sum_neg);
            net[1] = net_dot_r(B, P) * 1.4 + B->px.inside_pad / 2;
            net_at = net;
        }
        double pos = 0, neg = 0;
        for (size_t s = 0; s < d->nser; s++) {
            size_t i = bar_idx(P, c, s);
            if (!d->has[i]) {
                no_data(B, P, center - P->bar * (double)across / 2 + P->bar * (double)s + gap / 2,
                        P->bar - gap);
                continue;
            }
            double v = P->v[i];
            double a = center - P->bar * (double)across / 2 +
                       (B->s->stack ? 0 : P->bar * (double)s) + gap / 2;
            double b = a + P->bar - gap;
            if (thin_band(B, P->band)) {
                /* Edge to edge: neighbours' edges from one expression snap alike. */
                size_t k = c * across + (B->s->stack ? 0 : s);
                a = start + P->band / (double)across * (double)k;
                b = start + P->band / (double)across * (double)(k + 1);
            }
            double from = d->low ? d->low[i] : P->base, to = v;
            if (B->s->stack) {
                double *acc = v >= 0 ? &pos : &neg;
                from = *acc;
                to = *acc + v;
                *acc = to;
            }
            bool open = d->open && d->open[i];
            set_title(B, P, draw_mark(B, P, c, s, from, to, open, a, b), c, s);
            if (!B->labels) {
                double pt = csvchart_scale_map(&P->sc, to);
                if (lone_label(B, P, c, P->value_text[i], pt, v >= 0)) {
                    value_label(B, P, P->value_text[i], label_color(B, P, c), pt, (a + b) / 2,
                                v >= 0);
                }
                continue;
            }
            double mid = (a + b) / 2;
            double pf = csvchart_scale_map(&P->sc, from), pt = csvchart_scale_map(&P->sc, to);
            if (B->s->stack) {
                if (B->s->labels != LABELS_OUTSIDE) { /* outside a segment is no one's */
                    inside_label(B, P->value_text[i], mark_color(B, P, c, s, v), pf, pt, a, b,
                                 false, 0, net_at);
                }
                continue;
            }
            csvchart_rgba color = label_color(B, P, c);
            if (B->s->labels == LABELS_INSIDE && !d->low && B->s->mark == MARK_BAR &&
                inside_label(B, P->value_text[i], mark_color(B, P, c, s, v), pf, pt, a, b, true, 0,
                             NULL)) {
                continue; /* else outside, where labels fit */
            }
            if (!B->outside) {
                continue;
            }
            if (d->low) {
                /* the low end before the start; the high end past it ("$100M+" stands
                 * before its start alone: the fade says the rest) */
                if (!bar_marks_one_value(P, i)) {
                    value_label(B, P, open ? P->value_text[i] : P->low_text[i], color, pf, mid,
                                false);
                }
                if (!open) {
                    value_label(B, P, P->value_text[i], color, pt, mid, true);
                }
                continue;
            }
            /* A rule through the label: inside the bar's end instead, moved in past any rule
             * that crosses the bar there, while it fits */
            if (B->s->labels != LABELS_OUTSIDE && B->s->mark == MARK_BAR &&
                rule_through_label(B, P, P->value_text[i], pt, v >= 0) &&
                inside_label(B, P->value_text[i], mark_color(B, P, c, s, v), pf, pt, a, b, true,
                             inside_shift(B, P, P->value_text[i], pf, pt), NULL)) {
                continue;
            }
            value_label(B, P, P->value_text[i], color, pt, mid, v >= 0);
        }
        if (bar_totals_shown(B)) { /* the stack's total past its end, in bold */
            char buf[96];
            double p, n;
            bar_total_text(B, P, c, buf, sizeof buf, &p, &n);
            if (net_at) { /* the net marked where it is: a dot ringed in paper */
                double x, y, r = net_dot_r(B, P);
                bar_bv_point(B, center, net_at[0], &x, &y);
                struct scene_item *dot =
                    csvchart_scene_circle(B->L.scene, x, y, r * 1.2, B->s->theme.text);
                if (dot) {
                    dot->stroke = B->s->theme.background;
                    dot->stroke_width = r * 0.4;
                }
            }
            struct text_style keep = B->label;
            B->label.weight = 700;
            bool up = p + n >= 0 || P->log;
            value_label(B, P, buf, B->s->theme.text, csvchart_scale_map(&P->sc, up ? p : n), center,
                        up);
            B->label = keep;
        }
    }
}
