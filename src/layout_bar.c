/*
 * layout_bar.c - bar charts: vertical or horizontal, single, grouped or stacked series.
 *
 * Input is a bound struct bar_data (categories x series); output is scene items. The steps:
 *
 *   1. the frame (title, subtitle, note, source) and, for several series, a legend;
 *   2. orientation: vertical unless asked, or unless the category names would need more than
 *      three lines (or a broken word) under their bars - then horizontal, where long names
 *      wrap in a left-hand column;
 *   3. the value axis: extended-Wilkinson ticks over [min(0, v), max(0, v)], with the domain
 *      grown until the value labels fit inside the plot (so they never hit the title or the
 *      canvas edge) and, horizontally, until no two tick labels touch;
 *   4. gridlines, bars, the zero baseline, tick labels, category labels, value labels.
 *
 *     vertical                          horizontal
 *     $60 -+--------------------        Long category   |#########  $60
 *          |          ##  $60           name, wrapped   |
 *     $30 -+---  ##---##--------        Short           |##  $0.07
 *          |     ##   ##                                +----+----+----
 *       0 -+=====##===##========                        0   $20  $40
 *             Short  Long name
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bar_data.h"
#include "format.h"
#include "layout.h"
#include "scale.h"

#define MAX_CAT_LINES 3

struct bar_layout {
    struct layout L;
    const struct bar_data *d;
    const struct spec *s;
    bool horizontal;
    bool labels;
    double lo, hi; /* data extent along the value axis, zero included */
    struct ticks ticks;
    struct scale sc;
    double px0, px1, py0, py1; /* plot box */
    double band;               /* px per category */
    double bar;                /* px across one bar */
    bool *highlighted;         /* per category */
    char **value_text;         /* per (cat, series): the value label */
    double label_max_w;        /* widest value label */
    struct value_format fmt;   /* the spec's, with the data's unit */
};

static double value_at(const struct bar_layout *B, size_t c, size_t s)
{
    return B->d->v[c * B->d->nser + s];
}

static bool has_value(const struct bar_layout *B, size_t c, size_t s)
{
    return B->d->has[c * B->d->nser + s];
}

/* The data extent along the value axis: stacks add up, positive and negative apart. */
static void extent(struct bar_layout *B)
{
    double lo = 0, hi = 0;
    for (size_t c = 0; c < B->d->ncat; c++) {
        double pos = 0, neg = 0;
        for (size_t s = 0; s < B->d->nser; s++) {
            if (!has_value(B, c, s)) {
                continue;
            }
            double v = value_at(B, c, s);
            if (B->s->stack) {
                *(v >= 0 ? &pos : &neg) += v;
            } else {
                hi = fmax(hi, v);
                lo = fmin(lo, v);
            }
        }
        hi = fmax(hi, pos);
        lo = fmin(lo, neg);
    }
    B->lo = lo;
    B->hi = hi;
}

static csvchart_rgba bar_color(const struct bar_layout *B, size_t c, size_t s)
{
    const struct theme *t = &B->s->theme;
    if (B->s->nhighlight && !B->highlighted[c]) {
        return t->muted;
    }
    return t->palette[s % t->npalette];
}

static csvchart_status check_highlight(struct bar_layout *B, csvchart_error *err)
{
    for (size_t i = 0; i < B->s->nhighlight; i++) {
        const char *name = B->s->highlight[i];
        bool found = false;
        for (size_t c = 0; c < B->d->ncat; c++) {
            if (strcmp(B->d->cats[c], name) == 0) {
                B->highlighted[c] = true;
                found = true;
            }
        }
        if (!found) {
            char list[300] = "";
            size_t used = 0;
            for (size_t c = 0; c < B->d->ncat && used < sizeof list - 8; c++) {
                int k = snprintf(list + used, sizeof list - used, "%s\"%s\"", c ? ", " : "",
                                 B->d->cats[c]);
                used = k < 0 ? used : used + (size_t)k;
            }
            if (used >= sizeof list - 8) {
                snprintf(list + sizeof list - 8, 8, ", ...");
            }
            return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                      "highlight: no category named \"%s\"; the categories are "
                                      "%s",
                                      name, list);
        }
    }
    return CSVCHART_OK;
}

/* Would every category name sit under its bar in at most three lines, no word broken? */
static bool vertical_fits(const struct bar_layout *B, double band)
{
    const struct layout *L = &B->L;
    double w = band - 8 * L->u;
    if (w < 24 * L->u) {
        return false;
    }
    for (size_t c = 0; c < B->d->ncat; c++) {
        const char *name = B->d->cats[c];
        struct text_line lines[MAX_CAT_LINES + 1];
        if (csvchart_text_wrap(L->m, &L->label, name, w, lines, MAX_CAT_LINES + 1) >
            MAX_CAT_LINES) {
            return false;
        }
        /* a word that had to be broken inside shows as a line ending mid-word */
        const char *p = name;
        while (*p) {
            const char *q = p;
            while (*q && *q != ' ') {
                q++;
            }
            struct text_metrics tm;
            L->m->measure(L->m->ctx, &L->label, p, (size_t)(q - p), &tm);
            if (tm.width > w) {
                return false;
            }
            p = *q ? q + 1 : q;
        }
    }
    return true;
}

static size_t lines_needed(const struct bar_layout *B, const char *name, double w)
{
    struct text_line lines[MAX_CAT_LINES + 1];
    size_t n = csvchart_text_wrap(B->L.m, &B->L.label, name, w, lines, MAX_CAT_LINES + 1);
    return n > MAX_CAT_LINES ? MAX_CAT_LINES : n ? n : 1;
}

/* Formats every value label, and finds the widest. */
static bool format_values(struct bar_layout *B)
{
    const struct bar_data *d = B->d;
    B->value_text = calloc(d->ncat * d->nser, sizeof *B->value_text);
    if (!B->value_text) {
        return false;
    }
    for (size_t i = 0; i < d->ncat * d->nser; i++) {
        char buf[128];
        if (!d->has[i]) {
            continue;
        }
        csvchart_format_value(&B->fmt, d->v[i], buf, sizeof buf);
        B->value_text[i] = malloc(strlen(buf) + 1);
        if (!B->value_text[i]) {
            return false;
        }
        strcpy(B->value_text[i], buf);
        B->label_max_w = fmax(B->label_max_w, csvchart_layout_width(&B->L, &B->L.label, buf));
    }
    return true;
}

/*
 * Chooses ticks for an axis of `len` px so that `need_hi` px stay free beyond the largest
 * value and `need_lo` beyond the smallest (for value labels).
 */
static void choose_ticks(struct bar_layout *B, double len, double spacing, double need_hi,
                         double need_lo)
{
    int target = (int)floor(len / spacing) + 1;
    target = target < 3 ? 3 : target > 9 ? 9 : target;
    double lo = B->lo, hi = B->hi;
    for (int iter = 0; iter < 6; iter++) {
        csvchart_ticks_linear(lo, hi, target, &B->ticks);
        double span = B->ticks.hi - B->ticks.lo;
        bool ok = true;
        if (B->hi > 0 && (B->ticks.hi - B->hi) / span * len < need_hi) {
            hi = B->hi + need_hi / len * span * 1.02;
            ok = false;
        }
        if (B->lo < 0 && (B->lo - B->ticks.lo) / span * len < need_lo) {
            lo = B->lo - need_lo / len * span * 1.02;
            ok = false;
        }
        if (ok) {
            break;
        }
    }
}

static void tick_label(const struct bar_layout *B, double v, char *buf, size_t n)
{
    csvchart_format_tick(&B->fmt, v, B->ticks.step, buf, n);
}

/* ---- vertical ---------------------------------------------------------------------------- */

static void layout_vertical(struct bar_layout *B)
{
    struct layout *L = &B->L;
    const struct bar_data *d = B->d;
    const struct theme *t = &B->s->theme;
    double lh = csvchart_layout_line_height(L, &L->label);
    double asc = csvchart_layout_ascent(L, &L->label);

    /* Tick labels need a gutter; its width depends on the ticks, which depend on the plot
     * height, which depends on how many lines the category names need, which depends on the
     * band width, which depends on the gutter. Two rounds settle it. */
    double gutter = 48 * L->u;
    for (int round = 0; round < 2; round++) {
        B->px0 = L->left + gutter;
        B->px1 = L->right;
        B->band = (B->px1 - B->px0) / (double)d->ncat;
        size_t lines = 1;
        for (size_t c = 0; c < d->ncat; c++) {
            size_t n = lines_needed(B, d->cats[c], B->band - 8 * L->u);
            lines = n > lines ? n : lines;
        }
        B->py0 = L->top + lh / 2;
        B->py1 = L->bottom - (double)lines * lh - 10 * L->u;
        double len = B->py1 - B->py0;
        double need = B->labels ? lh + 6 * L->u : 0;
        choose_ticks(B, len, 64 * L->u, need, need);
        double w = 0;
        for (size_t i = 0; i < B->ticks.nmajor; i++) {
            char buf[64];
            tick_label(B, B->ticks.major[i], buf, sizeof buf);
            w = fmax(w, csvchart_layout_width(L, &L->label, buf));
        }
        gutter = w + 12 * L->u;
    }
    B->sc = (struct scale){SCALE_LINEAR, B->ticks.lo, B->ticks.hi, B->py1, B->py0};

    /* Bars: grouped series share a band; stacked ones pile up. */
    size_t across = B->s->stack ? 1 : d->nser;
    double group_w = B->band * (across > 1 ? 0.8 : 0.66);
    B->bar = fmin(group_w / (double)across, 110 * L->u);
    double inner_gap = across > 1 ? fmin(2 * L->u, B->bar * 0.1) : 0;

    /* Gridlines under everything, the zero line over the bars. */
    for (size_t i = 0; i < B->ticks.nmajor; i++) {
        double v = B->ticks.major[i];
        double y = csvchart_layout_snap(L, csvchart_scale_map(&B->sc, v), 1 * L->u);
        if (v != 0) {
            csvchart_scene_line(L->scene, B->px0, y, B->px1, y, t->grid, 1 * L->u);
        }
        char buf[64];
        tick_label(B, v, buf, sizeof buf);
        csvchart_layout_text(L, &L->label, t->faint, buf, strlen(buf), B->px0 - 10 * L->u,
                             y + asc - lh / 2, TEXT_ANCHOR_END);
    }
    double y0 = csvchart_scale_map(&B->sc, 0);
    for (size_t c = 0; c < d->ncat; c++) {
        double center = B->px0 + B->band * ((double)c + 0.5);
        double total_w = B->bar * (double)across;
        double pos = 0, neg = 0;
        for (size_t s = 0; s < d->nser; s++) {
            if (!has_value(B, c, s)) {
                continue;
            }
            double v = value_at(B, c, s);
            double x = center - total_w / 2 + (B->s->stack ? 0 : B->bar * (double)s);
            double from = 0, to = v;
            if (B->s->stack) {
                double *acc = v >= 0 ? &pos : &neg;
                from = *acc;
                to = *acc + v;
                *acc = to;
            }
            double ya = csvchart_scale_map(&B->sc, from), yb = csvchart_scale_map(&B->sc, to);
            double top = csvchart_layout_snap(L, fmin(ya, yb), 0);
            double bottom = csvchart_layout_snap(L, fmax(ya, yb), 0);
            double left = csvchart_layout_snap(L, x + inner_gap / 2, 0);
            double right = csvchart_layout_snap(L, x + B->bar - inner_gap / 2, 0);
            /* A value that is not zero never draws as nothing: two device pixels at
             * least, so it still shows beside the zero line drawn over the bars. */
            if (v != 0 && bottom - top < 2 / L->scale) {
                if (v > 0) {
                    top = bottom - 2 / L->scale;
                } else {
                    bottom = top + 2 / L->scale;
                }
            }
            struct scene_item *it = csvchart_scene_rect(L->scene, left, top, right - left,
                                                        bottom - top, bar_color(B, c, s));
            char title[300];
            snprintf(title, sizeof title, "%s%s%s: %s", d->cats[c], d->nser > 1 ? ", " : "",
                     d->nser > 1 ? d->series[s] : "", B->value_text[c * d->nser + s]);
            csvchart_scene_item_set_title(L->scene, it, title);

            if (!B->labels) {
                continue;
            }
            const char *text = B->value_text[c * d->nser + s];
            csvchart_rgba color = B->s->nhighlight && !B->highlighted[c] ? t->faint : t->text;
            if (B->s->stack) { /* inside the segment, when it fits */
                double tw = csvchart_layout_width(L, &L->label, text);
                if (bottom - top >= lh && tw + 6 * L->u <= right - left) {
                    csvchart_rgba bg = bar_color(B, c, s);
                    csvchart_rgba fg = csvchart_contrast(bg, t->on_dark) >= 4.5 ? t->on_dark
                                                                                  : t->on_light;
                    csvchart_layout_text(L, &L->label, fg, text, strlen(text),
                                         (left + right) / 2, (top + bottom) / 2 + asc - lh / 2,
                                         TEXT_ANCHOR_MIDDLE);
                }
            } else if (v >= 0) {
                csvchart_layout_text(L, &L->label, color, text, strlen(text), (left + right) / 2,
                                     top - 6 * L->u - (lh - asc), TEXT_ANCHOR_MIDDLE);
            } else {
                csvchart_layout_text(L, &L->label, color, text, strlen(text), (left + right) / 2,
                                     bottom + 4 * L->u + asc, TEXT_ANCHOR_MIDDLE);
            }
        }
        csvchart_layout_paragraph(L, &L->label, t->text, d->cats[c], center,
                                  B->py1 + 10 * L->u + asc, B->band - 8 * L->u, MAX_CAT_LINES,
                                  TEXT_ANCHOR_MIDDLE);
    }
    double yz = csvchart_layout_snap(L, y0, 1.5 * L->u);
    csvchart_scene_line(L->scene, B->px0, yz, B->px1, yz, t->axis, 1.5 * L->u);
}

/* ---- horizontal -------------------------------------------------------------------------- */

static void layout_horizontal(struct bar_layout *B)
{
    struct layout *L = &B->L;
    const struct bar_data *d = B->d;
    const struct theme *t = &B->s->theme;
    struct text_style label = L->label;
    double lh = csvchart_layout_line_height(L, &label);

    /* The category column: names wrap within 38% of the width. */
    double max_col = 0.38 * (L->right - L->left);
    double col = 0;
    size_t max_lines = 1;
    for (size_t c = 0; c < d->ncat; c++) {
        struct text_line lines[MAX_CAT_LINES];
        size_t need = csvchart_text_wrap(L->m, &label, d->cats[c], max_col, lines, MAX_CAT_LINES);
        size_t n = need < MAX_CAT_LINES ? need : MAX_CAT_LINES;
        for (size_t i = 0; i < n; i++) {
            col = fmax(col, lines[i].width);
        }
        max_lines = n > max_lines ? n : max_lines;
    }
    B->py0 = L->top;
    B->py1 = L->bottom - lh - 10 * L->u;
    B->band = (B->py1 - B->py0) / (double)d->ncat;
    /* Too many categories for the height: allow fewer lines per name, then smaller text. */
    while ((double)max_lines * lh > B->band * 0.96 && max_lines > 1) {
        max_lines--;
    }
    while (lh > B->band * 0.96 && label.size_px > 9) {
        label.size_px -= 0.5;
        lh = csvchart_layout_line_height(L, &label);
    }
    double asc = csvchart_layout_ascent(L, &label);

    B->px0 = L->left + col + 14 * L->u;
    B->px1 = L->right;
    size_t across = B->s->stack ? 1 : d->nser;
    double group_h = B->band * (across > 1 ? 0.8 : 0.7);
    B->bar = fmin(group_h / (double)across, 56 * L->u);
    double inner_gap = across > 1 ? fmin(2 * L->u, B->bar * 0.1) : 0;

    /* Value axis along x; grow the domain until labels fit and tick labels do not touch. */
    double need = B->labels ? B->label_max_w + 8 * L->u : 0;
    double spacing = 110 * L->u;
    for (int iter = 0; iter < 8; iter++) {
        double len = B->px1 - B->px0;
        choose_ticks(B, len, spacing, need, need);
        /* the last tick label is centred on the right edge: keep it on the canvas */
        char buf[64];
        tick_label(B, B->ticks.hi, buf, sizeof buf);
        double half = csvchart_layout_width(L, &label, buf) / 2;
        B->px1 = L->right - half;
        B->sc = (struct scale){SCALE_LINEAR, B->ticks.lo, B->ticks.hi, B->px0, B->px1};
        bool clash = false;
        double prev_right = -1e9;
        for (size_t i = 0; i < B->ticks.nmajor; i++) {
            tick_label(B, B->ticks.major[i], buf, sizeof buf);
            double w = csvchart_layout_width(L, &label, buf);
            double x = csvchart_scale_map(&B->sc, B->ticks.major[i]);
            if (x - w / 2 < prev_right + 12 * L->u) {
                clash = true;
            }
            prev_right = x + w / 2;
        }
        if (!clash) {
            break;
        }
        spacing *= 1.3;
    }

    for (size_t i = 0; i < B->ticks.nmajor; i++) {
        double v = B->ticks.major[i];
        double x = csvchart_layout_snap(L, csvchart_scale_map(&B->sc, v), 1 * L->u);
        if (v != 0) {
            csvchart_scene_line(L->scene, x, B->py0, x, B->py1, t->grid, 1 * L->u);
        }
        char buf[64];
        tick_label(B, v, buf, sizeof buf);
        csvchart_layout_text(L, &label, t->faint, buf, strlen(buf), x, B->py1 + 8 * L->u + asc,
                             TEXT_ANCHOR_MIDDLE);
    }
    for (size_t c = 0; c < d->ncat; c++) {
        double center = B->py0 + B->band * ((double)c + 0.5);
        double total_h = B->bar * (double)across;
        double pos = 0, neg = 0;
        for (size_t s = 0; s < d->nser; s++) {
            if (!has_value(B, c, s)) {
                continue;
            }
            double v = value_at(B, c, s);
            double y = center - total_h / 2 + (B->s->stack ? 0 : B->bar * (double)s);
            double from = 0, to = v;
            if (B->s->stack) {
                double *acc = v >= 0 ? &pos : &neg;
                from = *acc;
                to = *acc + v;
                *acc = to;
            }
            double xa = csvchart_scale_map(&B->sc, from), xb = csvchart_scale_map(&B->sc, to);
            double left = csvchart_layout_snap(L, fmin(xa, xb), 0);
            double right = csvchart_layout_snap(L, fmax(xa, xb), 0);
            double top = csvchart_layout_snap(L, y + inner_gap / 2, 0);
            double bottom = csvchart_layout_snap(L, y + B->bar - inner_gap / 2, 0);
            if (v != 0 && right - left < 2 / L->scale) { /* never invisible, as above */
                if (v > 0) {
                    right = left + 2 / L->scale;
                } else {
                    left = right - 2 / L->scale;
                }
            }
            struct scene_item *it = csvchart_scene_rect(L->scene, left, top, right - left,
                                                        bottom - top, bar_color(B, c, s));
            char title[300];
            snprintf(title, sizeof title, "%s%s%s: %s", d->cats[c], d->nser > 1 ? ", " : "",
                     d->nser > 1 ? d->series[s] : "", B->value_text[c * d->nser + s]);
            csvchart_scene_item_set_title(L->scene, it, title);
            if (!B->labels) {
                continue;
            }
            const char *text = B->value_text[c * d->nser + s];
            double base = (top + bottom) / 2 + asc - lh / 2;
            csvchart_rgba color = B->s->nhighlight && !B->highlighted[c] ? t->faint : t->text;
            if (B->s->stack) {
                double tw = csvchart_layout_width(L, &label, text);
                if (tw + 8 * L->u <= right - left && bottom - top >= lh * 0.9) {
                    csvchart_rgba bg = bar_color(B, c, s);
                    csvchart_rgba fg = csvchart_contrast(bg, t->on_dark) >= 4.5 ? t->on_dark
                                                                                  : t->on_light;
                    csvchart_layout_text(L, &label, fg, text, strlen(text), (left + right) / 2,
                                         base, TEXT_ANCHOR_MIDDLE);
                }
            } else if (v >= 0) {
                csvchart_layout_text(L, &label, color, text, strlen(text), right + 6 * L->u,
                                     base, TEXT_ANCHOR_START);
            } else {
                csvchart_layout_text(L, &label, color, text, strlen(text), left - 6 * L->u, base,
                                     TEXT_ANCHOR_END);
            }
        }
        /* The name, right-aligned in its column, its block centred on the band. */
        size_t n = lines_needed(B, d->cats[c], col + 0.5);
        n = n < max_lines ? n : max_lines;
        double first = center - (double)n * lh / 2 + asc;
        csvchart_layout_paragraph(L, &label, t->text, d->cats[c], B->px0 - 14 * L->u, first,
                                  col + 0.5, n, TEXT_ANCHOR_END);
    }
    double xz = csvchart_layout_snap(L, csvchart_scale_map(&B->sc, 0), 1.5 * L->u);
    csvchart_scene_line(L->scene, xz, B->py0, xz, B->py1, t->axis, 1.5 * L->u);
}

/* ---- the whole figure -------------------------------------------------------------------- */

/* Decides whether value labels are drawn: asked for, or (auto) when they fit. */
static bool labels_fit(const struct bar_layout *B, bool horizontal, double band)
{
    const struct layout *L = &B->L;
    size_t across = B->s->stack ? 1 : B->d->nser;
    if (B->s->stack) {
        return true; /* drawn inside segments only where they fit */
    }
    if (horizontal) {
        return band / (double)across >= csvchart_layout_line_height(L, &L->label) * 0.95;
    }
    return B->label_max_w <= band * (across > 1 ? 0.8 : 0.95) / (double)across;
}

static void describe(struct bar_layout *B)
{
    const struct bar_data *d = B->d;
    size_t lo = 0, hi = 0;
    for (size_t c = 0; c < d->ncat; c++) {
        if (!has_value(B, c, 0)) {
            continue;
        }
        if (!has_value(B, lo, 0) || value_at(B, c, 0) < value_at(B, lo, 0)) {
            lo = c;
        }
        if (!has_value(B, hi, 0) || value_at(B, c, 0) > value_at(B, hi, 0)) {
            hi = c;
        }
    }
    char buf[1024];
    int n = snprintf(buf, sizeof buf, "Bar chart of %s by %s, %zu categor%s", d->value_name,
                     d->x_name, d->ncat, d->ncat == 1 ? "y" : "ies");
    if (d->nser > 1 && n > 0 && (size_t)n < sizeof buf) {
        n += snprintf(buf + n, sizeof buf - (size_t)n, " in %zu series", d->nser);
    }
    if (d->ncat > 1 && n > 0 && (size_t)n < sizeof buf && B->value_text[lo * d->nser] &&
        B->value_text[hi * d->nser]) {
        snprintf(buf + n, sizeof buf - (size_t)n, ", from %s (%s) to %s (%s).", d->cats[lo],
                 B->value_text[lo * d->nser], d->cats[hi], B->value_text[hi * d->nser]);
    } else if (n > 0 && (size_t)n < sizeof buf) {
        snprintf(buf + n, sizeof buf - (size_t)n, ".");
    }
    csvchart_scene_set_string(B->L.scene, &B->L.scene->desc, buf);
}

csvchart_status csvchart_layout_bar(const struct bar_data *d, const struct spec *s,
                                    const csvchart_text_measurer *m,
                                    struct csvchart_scene *scene,
                                    struct csvchart_warnings *warn, csvchart_error *err)
{
    struct bar_layout B = {.d = d, .s = s};
    csvchart_status st = CSVCHART_OK;
    (void)warn;
    csvchart_layout_begin(&B.L, s, m, scene);
    B.fmt = s->format;
    csvchart_format_set_unit(&B.fmt, &d->unit);
    B.highlighted = calloc(d->ncat ? d->ncat : 1, sizeof *B.highlighted);
    if (!B.highlighted || !format_values(&B)) {
        st = csvchart_error_nomem(err);
        goto done;
    }
    if ((st = check_highlight(&B, err))) {
        goto done;
    }
    extent(&B);
    csvchart_layout_frame(&B.L);
    if (d->nser > 1) {
        struct legend_entry *e = calloc(d->nser, sizeof *e);
        if (!e) {
            st = csvchart_error_nomem(err);
            goto done;
        }
        for (size_t i = 0; i < d->nser; i++) {
            e[i] = (struct legend_entry){d->series[i], s->theme.palette[i % s->theme.npalette]};
        }
        csvchart_layout_legend(&B.L, e, d->nser);
        free(e);
    }

    double est_band = (B.L.right - B.L.left - 48 * B.L.u) / (double)d->ncat;
    B.horizontal = s->horizontal == TRI_TRUE ||
                   (s->horizontal == TRI_AUTO && !vertical_fits(&B, est_band));
    double band = B.horizontal ? (B.L.bottom - B.L.top) / (double)d->ncat : est_band;
    B.labels = s->labels == TRI_TRUE || (s->labels == TRI_AUTO && labels_fit(&B, B.horizontal,
                                                                              band));
    if (B.horizontal) {
        layout_horizontal(&B);
    } else {
        layout_vertical(&B);
    }
    describe(&B);
    if (scene->nomem) {
        st = csvchart_error_nomem(err);
    }
done:
    if (B.value_text) {
        for (size_t i = 0; i < d->ncat * d->nser; i++) {
            free(B.value_text[i]);
        }
    }
    free(B.value_text);
    free(B.highlighted);
    return st;
}
