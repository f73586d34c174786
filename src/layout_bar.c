/*
 * layout_bar.c - bar charts: vertical or horizontal; single, grouped, stacked or range
 * series; bars, dots or lollipops; linear or log10 value axes; small multiples in a grid; a
 * ratio callout. Input is a bound struct bar_chart (panels of categories x series); output is
 * scene items. The value axis is layout_bar_axis.c, the marks layout_bar_marks.c.
 *
 *   1. per panel: the data extent, the domain (from the data alone, so the same at every
 *      size; one shared domain for facets on one scale), the value labels' texts;
 *   2. the frame: title, subtitle, legend for several series, notes (where log bars start;
 *      that facets have scales of their own) and source;
 *   3. the arrangement (arrange()): orientation, the label size and the facet grid, tried
 *      in order until every category name fits:
 *        - vertical while every name sits under its bar in at most three lines without a
 *          word broken (auto); else horizontal, names wrapped in a left-hand column;
 *        - the label size from the type scale's label down to the footer's, no smaller;
 *        - panels in one row (vertical) or one column (horizontal), bands alike across
 *          panels; else a grid of equal cells;
 *      When nothing fits, the layout says which side is short (csvchart_layout_no_fit()) and
 *      csvchart_layout_fit() finds the size that holds every name - unless category_labels =
 *      thin, which names every k-th category instead, with a warning;
 *   4. per panel: ticks, the value axis mapped with room for its labels, gridlines, marks,
 *      the baseline, tick labels, names, the ratio callout.
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_bar.h"

#define BAR_METRIC_BASE(name, base, doc) .name = base,
static const struct bar_metrics BAR_BASE = {BAR_METRICS(BAR_METRIC_BASE)};

/* ---- before the arrangement ------------------------------------------------------------------ */

/* Marks the highlighted categories of every panel; a name found nowhere is an error. */
static csvchart_status check_names(struct bar_layout *B, struct panel *panels,
                                   csvchart_error *err)
{
    const struct spec *s = B->s;
    size_t nratio = s->ratio_pair[0] ? 2 : 0;
    for (size_t i = 0; i < s->nhighlight + nratio + s->nnotes; i++) {
        bool highlight = i < s->nhighlight;
        const char *name = highlight                   ? s->highlight[i]
                           : i < s->nhighlight + nratio ? s->ratio_pair[i - s->nhighlight]
                                                        : s->notes[i - s->nhighlight - nratio].category;
        const char *what = highlight ? "highlight" : i < s->nhighlight + nratio ? "ratio" : "annotate";
        bool found = false;
        for (size_t p = 0; p < B->chart->npanels; p++) {
            const struct bar_data *d = panels[p].d;
            for (size_t c = 0; c < d->ncat; c++) {
                if (strcmp(d->cats[c], name) == 0) {
                    panels[p].highlighted[c] = panels[p].highlighted[c] || highlight;
                    found = true;
                }
            }
        }
        /* highlight may name a series instead: that series in colour, the others muted */
        const struct bar_data *d0 = panels[0].d;
        for (size_t k = 0; highlight && !found && d0->nser > 1 && k < d0->nser; k++) {
            if (strcmp(d0->series[k], name) == 0) {
                B->series_hl |= (uint64_t)1 << (k < 63 ? k : 63);
                found = true;
            }
        }
        if (!found) {
            const struct bar_data *d = panels[0].d;
            char list[300] = "";
            size_t used = 0;
            for (size_t c = 0; c < d->ncat && used < sizeof list - 8; c++) {
                int k = snprintf(list + used, sizeof list - used, "%s\"%s\"", c ? ", " : "",
                                 d->cats[c]);
                used = k < 0 ? used : used + (size_t)k;
            }
            if (used >= sizeof list - 8) {
                snprintf(list + sizeof list - 8, 8, ", ...");
            }
            return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                      "%s: no category%s named \"%s\"; the categories are %s",
                                      what, highlight && d->nser > 1 ? " or series" : "", name,
                                      list);
        }
    }
    return CSVCHART_OK;
}

/* Facets share one value scale when asked, or (auto) when their values share a unit. */
static bool shared_scale(const struct bar_layout *B)
{
    const struct bar_chart *ch = B->chart;
    if (ch->npanels < 2 || B->s->facet_scale == FACET_FREE) {
        return ch->npanels < 2;
    }
    if (B->s->facet_scale == FACET_SHARED) {
        return true;
    }
    for (size_t p = 1; p < ch->npanels; p++) {
        const struct number_unit *a = &ch->panels[0].unit, *b = &ch->panels[p].unit;
        if (strcmp(a->prefix, b->prefix) != 0 || strcmp(a->suffix, b->suffix) != 0) {
            return false;
        }
    }
    return true;
}

/* The notes the chart adds: where log bars start; that each panel has its own scale. */
static void auto_note(const struct bar_layout *B, const struct panel *panels, char *buf,
                      size_t n)
{
    size_t np = B->chart->npanels;
    char scale[96] = "";
    if (np > 1 && !B->shared) {
        snprintf(scale, sizeof scale, " Each panel has its own scale.");
    }
    buf[0] = '\0';
    if (!B->s->log) {
        snprintf(buf, n, "%s", scale + (scale[0] ? 1 : 0));
        return;
    }
    if (B->chart->range || B->s->mark == MARK_DOT) {
        snprintf(buf, n, "Log scale.%s", scale);
        return;
    }
    const char *what = B->s->mark == MARK_LOLLIPOP ? "stems" : "bars";
    bool same = true;
    for (size_t p = 1; p < np; p++) {
        same = same && panels[p].dlo == panels[0].dlo;
    }
    if (!same) {
        snprintf(buf, n, "Log scale; %s start at the lowest gridline of each panel.%s", what,
                 scale);
        return;
    }
    char v[64];
    struct label_plan plan;
    csvchart_format_plan(&panels[0].values.f, LABELS_LOG_TICKS, &panels[0].dlo, 1, 0, false,
                         NULL, &plan);
    csvchart_format_planned(&plan, panels[0].dlo, v, sizeof v);
    snprintf(buf, n, "Log scale; %s start at %s.%s", what, v, scale);
}

/* The SVG <desc>: one sentence about the data. */
static void describe(struct bar_layout *B, const struct panel *P)
{
    const struct bar_data *d = P->d;
    size_t lo = (size_t)-1, hi = (size_t)-1;
    for (size_t c = 0; c < d->ncat; c++) {
        if (!d->has[bar_idx(P, c, 0)]) {
            continue;
        }
        if (lo == (size_t)-1 || P->v[bar_idx(P, c, 0)] < P->v[bar_idx(P, lo, 0)]) {
            lo = c;
        }
        if (hi == (size_t)-1 || P->v[bar_idx(P, c, 0)] > P->v[bar_idx(P, hi, 0)]) {
            hi = c;
        }
    }
    char buf[1024];
    int n = snprintf(buf, sizeof buf, "%s chart of %s by %s, %zu categor%s",
                     B->chart->range ? "Range bar" : "Bar", d->value_name, d->x_name, d->ncat,
                     d->ncat == 1 ? "y" : "ies");
    if (n > 0 && (size_t)n < sizeof buf && d->nser > 1) {
        n += snprintf(buf + n, sizeof buf - (size_t)n, " in %zu series", d->nser);
    }
    if (n > 0 && (size_t)n < sizeof buf && B->chart->npanels > 1) {
        n += snprintf(buf + n, sizeof buf - (size_t)n, ", in %zu panels", B->chart->npanels);
    }
    if (n > 0 && (size_t)n < sizeof buf && d->ncat > 1 && lo != hi && lo != (size_t)-1) {
        snprintf(buf + n, sizeof buf - (size_t)n, ", from %s (%s) to %s (%s).", d->cats[lo],
                 P->value_text[bar_idx(P, lo, 0)], d->cats[hi], P->value_text[bar_idx(P, hi, 0)]);
    } else if (n > 0 && (size_t)n < sizeof buf) {
        snprintf(buf + n, sizeof buf - (size_t)n, ".");
    }
    csvchart_scene_set_string(B->L.scene, &B->L.scene->desc, buf);
}

/* ---- the arrangement ------------------------------------------------------------------------- */

/* What one try of the arrangement decided, or which side it found short. */
struct arrangement {
    bool ok;
    bool short_w, short_h;
    enum { SHORT_NAMES, SHORT_LABELS, SHORT_TOTALS, SHORT_AXIS, SHORT_REFS } what;
    bool long_name; /* a name too long for the widest column horizontal bars may give it */
};

static bool map_panels(struct bar_layout *B, struct panel *panels, csvchart_status *st,
                       csvchart_error *err);

static void set_label_size(struct bar_layout *B, double size)
{
    B->label.size_px = size;
    B->lh = csvchart_layout_line_height(&B->L, &B->label);
    B->asc = csvchart_layout_ascent(&B->L, &B->label);
    B->axis_title_h = *B->s->axis_title ? B->lh + B->px.axis_title_gap : 0;
}

static double panel_title_height(const struct bar_layout *B)
{
    if (!B->chart->panels[0].title) {
        return 0;
    }
    struct text_style st = B->label;
    st.weight = 700;
    return csvchart_layout_line_height(&B->L, &st) + B->px.panel_title_gap;
}

/* The lines the names of a panel need at width w, or BAR_NAME_LINES_V + 1 when one does not
 * fit three lines or has a word wider than w. */
static size_t vertical_name_lines(const struct bar_layout *B, const struct bar_data *d, double w)
{
    if (d->period) {
        return 1; /* periods are named on a time axis: one row of tick labels */
    }
    size_t most = 1;
    for (size_t c = 0; c < d->ncat; c++) {
        if (csvchart_layout_widest_word(&B->L, &B->label, d->cats[c]) > w) {
            return BAR_NAME_LINES_V + 1;
        }
        size_t n = csvchart_layout_lines(&B->L, &B->label, d->cats[c], w, BAR_NAME_LINES_V,
                                         NULL);
        most = n > most ? n : most;
    }
    return most;
}

/* The tick label gutter of a vertical panel whose plot is `len` px tall. */
static double gutter(const struct bar_layout *B, struct panel *P, double len)
{
    bar_axis_ticks(B, P, len);
    return bar_axis_label_width(B, P) + B->px.tick_gap;
}

/*
 * Vertical bars: cells in `cols` columns; one row is sized by the categories (every band
 * alike), a grid has equal cells. Sets every panel's cell and band.
 */
static struct arrangement arrange_vertical(struct bar_layout *B, struct panel *panels,
                                           size_t cols)
{
    struct layout *L = &B->L;
    size_t np = B->chart->npanels, rows = (np + cols - 1) / cols;
    double W = L->right - L->left, H = L->bottom - L->top;
    double cell_h = (H - (double)(rows - 1) * B->px.panel_gap) / (double)rows;
    double title_h = panel_title_height(B);
    struct arrangement a = {.ok = true};
    /* The gutter needs the ticks, which need the plot's height, which needs the names' lines,
     * which need the band, which needs the gutter: rounds until no gutter grows, so cells and
     * names are laid out with gutters at least as wide as their tick labels (a gutter that
     * would shrink keeps its width). */
    for (size_t p = 0; p < np; p++) {
        double len = fmax(cell_h - title_h - 2 * B->lh, B->px.min_plot);
        panels[p].gutter = gutter(B, &panels[p], len);
    }
    bool grew = true;
    for (int round = 0; round < 4 && grew; round++) {
        grew = false;
        if (rows == 1) {
            double fixed = (double)(np - 1) * B->px.panel_gap;
            size_t total = 0;
            for (size_t p = 0; p < np; p++) {
                fixed += panels[p].gutter + panels[p].ratio_room + panels[p].ref_col;
                total += panels[p].d->ncat;
            }
            double band = (W - fixed) / (double)total, x = L->left;
            for (size_t p = 0; p < np; p++) {
                struct panel *P = &panels[p];
                P->x0 = x;
                P->x1 = x + panels[p].gutter + P->ratio_room + P->ref_col +
                        band * (double)P->d->ncat;
                P->y0 = L->top;
                P->y1 = L->bottom;
                x = P->x1 + B->px.panel_gap;
            }
        } else {
            double cell_w = (W - (double)(cols - 1) * B->px.panel_gap) / (double)cols;
            for (size_t p = 0; p < np; p++) {
                struct panel *P = &panels[p];
                P->x0 = L->left + (double)(p % cols) * (cell_w + B->px.panel_gap);
                P->x1 = P->x0 + cell_w;
                P->y0 = L->top + (double)(p / cols) * (cell_h + B->px.panel_gap);
                P->y1 = P->y0 + cell_h;
            }
        }
        a = (struct arrangement){.ok = true};
        for (size_t p = 0; p < np; p++) {
            struct panel *P = &panels[p];
            P->band = (P->x1 - P->x0 - P->gutter - P->ratio_room - P->ref_col) /
                      (double)P->d->ncat;
            double w = P->band - B->px.name_pad;
            size_t lines = vertical_name_lines(B, P->d, w);
            bool thin_ok = P->d->period != NULL; /* periods: as thin as they come */
            if ((P->band < B->px.min_band_v && !thin_ok) || lines > BAR_NAME_LINES_V) {
                a.ok = false;
                a.short_w = true;
                continue;
            }
            P->py0 = P->y0 + title_h + P->ref_row + B->axis_title_h;
            P->py1 = P->y1 - (double)lines * B->lh - B->px.name_gap;
            if (P->py1 - P->py0 < B->px.min_plot) {
                a.ok = false;
                a.short_h = true;
                continue;
            }
            double g = gutter(B, P, P->py1 - P->py0);
            grew = grew || g > P->gutter + 1e-9;
            P->gutter = fmax(P->gutter, g);
        }
    }
    a.ok = a.ok && !grew;
    a.short_w = a.short_w || grew;
    return a;
}

/* The widest line of the names of every panel wrapped at w; false when a name needs more
 * than BAR_NAME_LINES_H lines there. *block is the most lines a name takes. */
static bool name_column(const struct bar_layout *B, double w, double *col, size_t *block)
{
    *col = 0;
    *block = 1;
    for (size_t p = 0; p < B->chart->npanels; p++) {
        const struct bar_data *d = &B->chart->panels[p];
        for (size_t c = 0; c < d->ncat; c++) {
            double widest;
            size_t n = csvchart_layout_lines(&B->L, &B->label, d->cats[c], w, BAR_NAME_LINES_H,
                                             &widest);
            if (n > BAR_NAME_LINES_H) {
                return false;
            }
            *col = fmax(*col, widest);
            *block = n > *block ? n : *block;
        }
    }
    return true;
}

/*
 * Horizontal bars: names in a column of at most 38% of a cell's width (60% for a long word),
 * each band as tall as the longest name's lines. One column of panels shares the height by
 * their categories (every band alike); a grid has equal cells. `thin`: the bands may be
 * thinner than the names, which are then drawn every name_stride-th.
 */
static struct arrangement arrange_horizontal(struct bar_layout *B, struct panel *panels,
                                             size_t cols, bool thin)
{
    struct layout *L = &B->L;
    size_t np = B->chart->npanels, rows = (np + cols - 1) / cols;
    double W = L->right - L->left, H = L->bottom - L->top;
    double cell_w = (W - (double)(cols - 1) * B->px.panel_gap) / (double)cols;
    double cell_h = (H - (double)(rows - 1) * B->px.panel_gap) / (double)rows;
    double title_h = panel_title_height(B);
    double tick_h = B->lh + B->px.tick_gap + B->axis_title_h;
    struct arrangement a = {.ok = true};
    if (B->widest_word_size != B->label.size_px) { /* the same for every grid tried */
        B->widest_word = 0;
        for (size_t p = 0; p < np; p++) {
            const struct bar_data *d = &B->chart->panels[p];
            for (size_t c = 0; c < d->ncat; c++) {
                B->widest_word = fmax(B->widest_word, csvchart_layout_widest_word(
                                                          &B->L, &B->label, d->cats[c]));
            }
        }
        B->widest_word_size = B->label.size_px;
    }
    double widest_word = B->widest_word;
    double max_col = fmax(0.38 * cell_w, fmin(widest_word, 0.6 * cell_w));
    size_t block;
    if (widest_word > max_col || !name_column(B, max_col, &B->col, &block)) {
        return (struct arrangement){.short_w = true, .long_name = true};
    }
    /* a device pixel more than the lines: baselines snap to whole device pixels */
    double need_band = (double)block * B->lh + 1 / L->scale;
    double ref_col = 0;
    for (size_t p = 0; p < np; p++) {
        ref_col = fmax(ref_col, panels[p].ref_col);
    }
    if (cell_w - B->col - B->px.name_gap - ref_col < B->px.min_plot * 1.5) {
        return (struct arrangement){.short_w = true};
    }
    size_t total = 0;
    double fixed = (double)(np - 1) * B->px.panel_gap;
    for (size_t p = 0; p < np; p++) {
        total += panels[p].d->ncat;
        fixed += title_h + tick_h + panels[p].ratio_room + panels[p].ref_row;
    }
    double y = L->top, band1 = (H - fixed) / (double)total;
    for (size_t p = 0; p < np; p++) {
        struct panel *P = &panels[p];
        if (cols == 1) {
            P->y0 = y;
            P->y1 = y + title_h + tick_h + P->ratio_room + P->ref_row +
                    band1 * (double)P->d->ncat;
            y = P->y1 + B->px.panel_gap;
        } else {
            P->y0 = L->top + (double)(p / cols) * (cell_h + B->px.panel_gap);
            P->y1 = P->y0 + cell_h;
        }
        P->x0 = L->left + (double)(p % cols) * (cell_w + B->px.panel_gap);
        P->x1 = P->x0 + cell_w;
        P->py0 = P->y0 + title_h + P->ratio_room + P->ref_row;
        P->py1 = P->y1 - tick_h;
        P->band = (P->py1 - P->py0) / (double)P->d->ncat;
        if (P->band < need_band && !thin) {
            a.ok = false;
            a.short_h = true;
        }
        if (P->band <= 0) {
            a.ok = false;
            a.short_h = true;
        }
    }
    return a;
}

/* Panels in one line, then grids of more rows: the first arrangement that fits. */
/*
 * With the names placed: value labels (asked for, or - auto - when they fit every panel) and
 * the value axes, mapped with room for their labels. An arrangement holds only when all of
 * this fits too (a grid of narrow cells may name every category but leave no axis).
 */
static struct arrangement finish(struct bar_layout *B, struct panel *panels,
                                 csvchart_status *st, csvchart_error *err)
{
    const struct spec *s = B->s;
    bool fit = true;
    for (size_t p = 0; p < B->chart->npanels; p++) {
        fit = fit && bar_marks_labels_fit(B, &panels[p], panels[p].band);
    }
    if (bar_totals_shown(B)) { /* asked for: they fit, or the figure does not */
        for (size_t p = 0; p < B->chart->npanels; p++) {
            if (!bar_totals_fit(B, &panels[p], panels[p].band)) {
                return (struct arrangement){.short_w = !B->horizontal, .short_h = B->horizontal,
                                            .what = SHORT_TOTALS};
            }
        }
    }
    bool asked = s->labels == LABELS_ON || s->labels == LABELS_OUTSIDE;
    if (asked && !fit) {
        return (struct arrangement){.short_w = !B->horizontal, .short_h = B->horizontal,
                                    .what = SHORT_LABELS};
    }
    B->labels = asked || s->labels == LABELS_INSIDE || (s->labels == LABELS_AUTO && fit);
    B->outside = B->labels && (asked || fit); /* inside labels that do not fit go out if any can */
    if (!map_panels(B, panels, st, err)) {
        return (struct arrangement){.short_w = B->horizontal, .short_h = !B->horizontal,
                                    .what = SHORT_AXIS};
    }
    for (size_t p = 0; p < B->chart->npanels; p++) {
        if (!bar_refs_fit(B, &panels[p])) {
            return (struct arrangement){.short_h = true, .what = SHORT_REFS};
        }
    }
    return (struct arrangement){.ok = true};
}

static struct arrangement arrange(struct bar_layout *B, struct panel *panels, bool thin,
                                  csvchart_status *st, csvchart_error *err)
{
    size_t np = B->chart->npanels;
    struct arrangement a = {0}, first = {0};
    /* Rows of vertical panels (columns of horizontal ones) one more at a time, each count
     * tried once; a grid found short along the way it grows only gets shorter. */
    size_t prev = 0;
    for (size_t k = 0; k < np; k++) {
        /* vertical: one row first (np columns); horizontal: one column first */
        size_t cols = B->horizontal ? k + 1 : (np + k) / (k + 1);
        if (cols == prev) {
            continue;
        }
        prev = cols;
        B->cols = cols;
        B->rows = (np + cols - 1) / cols;
        a = B->horizontal ? arrange_horizontal(B, panels, cols, thin)
                          : arrange_vertical(B, panels, cols);
        if (a.ok) {
            a = finish(B, panels, st, err);
        }
        if (a.ok || *st) {
            return a;
        }
        first = k == 0 ? a : first;
        if (B->horizontal ? a.short_w && !a.short_h : a.short_h && !a.short_w) {
            break;
        }
    }
    return first;
}

static struct arrangement arrange_at(struct bar_layout *B, struct panel *panels, double size,
                                     csvchart_status *st, csvchart_error *err)
{
    set_label_size(B, size);
    for (size_t p = 0; p < B->chart->npanels; p++) {
        panels[p].ratio_room = bar_ratio_room(B, &panels[p]);
        bar_refs_rooms(B, &panels[p]);
    }
    return arrange(B, panels, false, st, err);
}

/*
 * The largest label size, in half pixels from the type scale's label down to the footer's
 * (`shrink`), at which an arrangement fits. Smaller text never needs more room, so the sizes
 * are bisected: a figure that fits at full size costs one try, one that fits at no size two.
 */
static struct arrangement arrange_sized(struct bar_layout *B, struct panel *panels, bool shrink,
                                        csvchart_status *st, csvchart_error *err)
{
    double full = B->L.label.size_px;
    struct arrangement a = arrange_at(B, panels, full, st, err);
    int steps = (int)floor((full - B->L.label_min) / 0.5 + 1e-9);
    if (a.ok || *st || !shrink || steps <= 0) {
        return a;
    }
    struct arrangement b = arrange_at(B, panels, full - 0.5 * steps, st, err);
    if (!b.ok || *st || steps == 1) {
        return b;
    }
    int lo = 0, hi = steps; /* lo fails, hi fits */
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        a = arrange_at(B, panels, full - 0.5 * mid, st, err);
        if (*st) {
            return a;
        }
        *(a.ok ? &hi : &lo) = mid;
    }
    return arrange_at(B, panels, full - 0.5 * hi, st, err);
}

/* ---- drawing a panel ------------------------------------------------------------------------- */

/* The plot box of a panel in its cell, and its bars' thickness. */
static void plot_box(struct bar_layout *B, struct panel *P)
{
    if (B->horizontal) {
        P->px0 = P->x0 + B->col + B->px.name_gap;
        P->px1 = P->x1 - P->ref_col;
        bar_axis_ticks(B, P, P->px1 - P->px0);
    } else {
        /* py0, py1, the ticks and the gutter were settled by the arrangement */
        P->px0 = P->x0 + P->gutter;
        P->px1 = P->x1 - P->ratio_room - P->ref_col;
        P->band = (P->px1 - P->px0) / (double)P->d->ncat;
    }
    P->bar = bar_marks_thickness(B, P, P->band);
}

static void draw_panel(struct bar_layout *B, struct panel *P)
{
    struct layout *L = &B->L;
    if (P->d->title) {
        struct text_style st = B->label;
        st.weight = 700;
        csvchart_layout_paragraph(L, &st, B->s->theme.title, P->d->title, P->x0,
                                  P->y0 + csvchart_layout_ascent(L, &st), P->x1 - P->x0, 1,
                                  TEXT_ANCHOR_START);
    }
    if (*B->s->axis_title) { /* at the axis' top: above the plot, or under its labels */
        const char *t = B->s->axis_title;
        if (B->horizontal) {
            csvchart_layout_text(L, &B->label, B->s->theme.faint, t, strlen(t), P->px1,
                                 P->py1 + B->px.tick_gap + B->lh + B->px.axis_title_gap + B->asc,
                                 TEXT_ANCHOR_END);
        } else {
            csvchart_layout_text(L, &B->label, B->s->theme.faint, t, strlen(t), P->x0,
                                 P->py0 - B->px.axis_title_gap - (B->lh - B->asc),
                                 TEXT_ANCHOR_START);
        }
    }
    bar_axis_gridlines(B, P);
    bar_refs_bands(B, P);
    bar_ratio_draw(B, P, true);
    bar_refs_labels(B, P, true);
    bar_marks_draw(B, P);
    bar_refs_rules(B, P);
    bar_axis_baseline(B, P);
    bar_axis_tick_labels(B, P);
    bar_marks_names(B, P);
    bar_ratio_draw(B, P, false);
    bar_refs_labels(B, P, false);
}

/*
 * Maps every panel's value axis with the rooms its labels need. Panels take the largest room
 * any of them needs, so that panels side by side (or one above another) line up: a shared
 * scale puts one value at one place in every panel. False when an axis is too short.
 */
static bool map_panels(struct bar_layout *B, struct panel *panels, csvchart_status *st,
                       csvchart_error *err)
{
    size_t np = B->chart->npanels;
    double rl = 0, rh = 0;
    struct bar_reach **r = calloc(np, sizeof *r);
    size_t *nr = calloc(np, sizeof *nr);
    bool ok = r && nr;
    for (size_t p = 0; ok && p < np; p++) {
        plot_box(B, &panels[p]);
        ok = bar_axis_reaches(B, &panels[p], &r[p], &nr[p]);
    }
    /* One pair of rooms for every panel, so that they line up. The rooms shrink the axes,
     * which moves the values: rounds until no panel needs more (each round only grows them). */
    for (int it = 0; ok && it < 200; it++) {
        double nl = 0, nh = 0;
        for (size_t p = 0; p < np; p++) {
            double v0, v1, lo, hi;
            bar_value_ends(B, &panels[p], &v0, &v1);
            bar_axis_rooms_for(r[p], nr[p], fmax(fabs(v1 - v0) - rl - rh, 1), &lo, &hi);
            nl = fmax(nl, lo);
            nh = fmax(nh, hi);
        }
        bool settled = nl <= rl + 1e-6 && nh <= rh + 1e-6;
        rl = fmax(rl, nl);
        rh = fmax(rh, nh);
        if (settled) {
            break;
        }
    }
    for (size_t p = 0; r && p < np; p++) {
        free(r[p]);
    }
    free(r);
    free(nr);
    if (!ok) {
        *st = csvchart_error_nomem(err);
        return true;
    }
    for (size_t p = 0; p < np; p++) {
        struct panel *P = &panels[p];
        double v0, v1;
        bar_value_ends(B, P, &v0, &v1);
        if (!bar_axis_map(B, P, v0, v1, rl, rh)) {
            return false;
        }
        /* The rooms shortened the axis: fewer ticks when their labels now touch. */
        if (B->horizontal && !bar_axis_ticks_fit(B, P)) {
            bar_axis_ticks(B, P, fabs(P->sc.r1 - P->sc.r0));
            if (!bar_axis_map(B, P, v0, v1, rl, rh)) {
                return false;
            }
        }
        if (!bar_axis_ticks_fit(B, P)) {
            return false;
        }
    }
    return true;
}

/* "or shorten the longest name ("Xxxxxxxx...", 200 characters)". */
static void longest_name_hint(const struct bar_layout *B, char *buf, size_t n)
{
    const char *longest = "";
    size_t chars = 0;
    for (size_t p = 0; p < B->chart->npanels; p++) {
        const struct bar_data *d = &B->chart->panels[p];
        for (size_t c = 0; c < d->ncat; c++) {
            size_t k = 0;
            for (const char *q = d->cats[c]; *q; q++) {
                k += ((unsigned char)*q & 0xC0) != 0x80; /* code points */
            }
            if (k > chars) {
                chars = k;
                longest = d->cats[c];
            }
        }
    }
    /* the first 24 code points, cut on a whole one */
    size_t cut = 0, cps = 0;
    while (longest[cut] && cps < 24) {
        cut++;
        while (((unsigned char)longest[cut] & 0xC0) == 0x80) {
            cut++;
        }
        cps++;
    }
    snprintf(buf, n, "or shorten the longest name (\"%.*s%s\", %zu characters)", (int)cut,
             longest, longest[cut] ? "\xe2\x80\xa6" : "", chars);
}

/* "st", "nd", "rd" or "th", for "every 27th name". */
static const char *ordinal_suffix(size_t n)
{
    if (n % 100 >= 11 && n % 100 <= 13) {
        return "th";
    }
    return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

/* ---- the whole figure ------------------------------------------------------------------------ */

static csvchart_status lay_out(struct bar_layout *B, struct panel *panels,
                               struct csvchart_warnings *warn, csvchart_error *err)
{
    struct layout *L = &B->L;
    const struct spec *s = B->s;
    const struct bar_chart *chart = B->chart;
    size_t np = chart->npanels, total = 0;
    for (size_t p = 0; p < np; p++) {
        total += chart->panels[p].ncat;
    }
    if (L->bottom - L->top < B->px.min_plot) {
        return csvchart_layout_no_fit(L, false, true, NULL, "the chart's text and margins");
    }

    /* Orientation and label size: vertical at full size when every name sits under its
     * bar (auto), else horizontal with labels as small as the footer's, else vertical so. */
    bool tries[3] = {false, true, false}; /* horizontal? */
    bool shrink[3] = {false, true, true};
    size_t ntries = 3;
    csvchart_status st = CSVCHART_OK;
    if (s->horizontal != TRI_AUTO || chart->panels[0].period) {
        tries[0] = s->horizontal == TRI_TRUE && !chart->panels[0].period; /* time runs across */
        shrink[0] = true;
        ntries = 1;
    }
    /* When nothing fits, the side to grow is the one the fallback form found short: the
     * horizontal one's for auto (the form crowded charts take), else the forced one's. */
    struct arrangement a = {0}, report = {0};
    for (size_t t = 0; t < ntries && !a.ok; t++) {
        B->horizontal = tries[t];
        a = arrange_sized(B, panels, shrink[t], &st, err);
        if (st) {
            return st;
        }
        if (t == 0 || tries[t]) {
            report = a;
        }
    }
    if (!a.ok && s->thin_names && s->horizontal != TRI_FALSE) {
        B->horizontal = true;
        /* category_labels = thin: every k-th name at the smallest size, all bars drawn */
        set_label_size(B, L->label_min);
        B->cols = 1;
        B->rows = np;
        a = arrange_horizontal(B, panels, 1, true);
        double band = panels[0].band;
        B->name_stride = band > 0 ? (size_t)ceil(B->lh * 0.999 / band) : total;
        B->name_stride = B->name_stride < 1 ? 1 : B->name_stride > total ? total : B->name_stride;
        if (a.ok) {
            a = finish(B, panels, &st, err);
        }
        if (st) {
            return st;
        }
        if (a.ok) {
            csvchart_warnings_add(warn,
                                  "%zu categories do not fit the figure's height; every %zu%s "
                                  "name is shown (category_labels = thin)",
                                  total, B->name_stride, ordinal_suffix(B->name_stride));
        }
    }
    if (!a.ok && report.what == SHORT_NAMES) {
        /* Thinning helps names too many for the height; a name too long for the width
         * needs a wider figure or a shorter name. */
        char hint[120] = "";
        if (report.short_h && s->horizontal != TRI_FALSE) {
            snprintf(hint, sizeof hint, "or category_labels = thin");
        } else if (report.long_name) {
            longest_name_hint(B, hint, sizeof hint);
        } else if (s->horizontal == TRI_FALSE) {
            snprintf(hint, sizeof hint, "or horizontal bars"); /* names in a column */
        }
        return csvchart_layout_no_fit(L, report.short_w, report.short_h, hint,
                                      "%zu category name%s", total, total == 1 ? "" : "s");
    }
    if (!a.ok) {
        return csvchart_layout_no_fit(L, report.short_w, report.short_h,
                                      report.what == SHORT_LABELS ? "or labels = false" : NULL,
                                      report.what == SHORT_LABELS   ? "the value labels"
                                      : report.what == SHORT_TOTALS ? "the stacks' totals"
                                      : report.what == SHORT_REFS
                                          ? "the notes and reference labels"
                                          : "the value axis and its labels");
    }

    for (size_t p = 0; p < np; p++) {
        draw_panel(B, &panels[p]);
    }
    return CSVCHART_OK;
}

csvchart_status csvchart_layout_bar(const void *data, const struct spec *s,
                                    const csvchart_text_measurer *m,
                                    struct csvchart_scene *scene,
                                    struct csvchart_warnings *warn, struct layout_fit *fit,
                                    csvchart_error *err)
{
    const struct bar_chart *chart = data;
    struct tick_memo memo = {0};
    struct bar_layout B = {.chart = chart, .s = s, .name_stride = 1, .memo = &memo};
    csvchart_layout_begin(&B.L, s, m, scene, fit);
    const double *base = (const double *)&BAR_BASE;
    double *px = (double *)&B.px;
    for (size_t i = 0; i < sizeof B.px / sizeof(double); i++) {
        px[i] = base[i] * B.L.g;
    }
    B.label = B.L.label;
    B.ratio = B.L.subtitle;
    B.ratio.weight = 700;
    set_label_size(&B, B.label.size_px);
    size_t np = chart->npanels;
    struct panel *panels = calloc(np, sizeof *panels);
    csvchart_status st = CSVCHART_OK;
    if (!panels) {
        return csvchart_error_nomem(err);
    }
    B.shared = shared_scale(&B);
    for (size_t p = 0; p < np; p++) {
        struct panel *P = &panels[p];
        P->d = &chart->panels[p];
        P->log = s->log;
        if (!bar_marks_prepare(&B, P)) { /* the values drawn (P->v) and their labels */
            st = csvchart_error_nomem(err);
            goto done;
        }
        bar_axis_extent(&B, P);
        bar_refs_extent(&B, &P->lo, &P->hi);
        B.shared_lo = p == 0 ? P->lo : fmin(B.shared_lo, P->lo);
        B.shared_hi = p == 0 ? P->hi : fmax(B.shared_hi, P->hi);
    }
    if ((st = check_names(&B, panels, err))) {
        goto done;
    }
    for (size_t p = 0; p < np; p++) {
        struct panel *P = &panels[p];
        bar_axis_domain(&B, P, B.shared ? B.shared_lo : P->lo, B.shared ? B.shared_hi : P->hi);
        if ((st = bar_axis_check(&B, P, err))) {
            goto done;
        }
        bar_ratio_pair(&B, P);
    }
    char note[256];
    auto_note(&B, panels, note, sizeof note);
    csvchart_layout_frame(&B.L, note);
    const struct bar_data *d0 = &chart->panels[0];
    if (d0->nser > 1) {
        struct legend_entry *e = calloc(d0->nser, sizeof *e);
        if (!e) {
            st = csvchart_error_nomem(err);
            goto done;
        }
        for (size_t i = 0; i < d0->nser; i++) {
            bool muted = B.series_hl && !(B.series_hl >> (i < 63 ? i : 63) & 1);
            e[i] = (struct legend_entry){d0->series[i], muted ? s->theme.muted
                                                              : s->theme.palette[i % s->theme.npalette]};
        }
        csvchart_layout_legend(&B.L, e, d0->nser);
        free(e);
    }
    if ((st = lay_out(&B, panels, warn, err))) {
        goto done;
    }
    describe(&B, &panels[0]);
    st = csvchart_layout_end(&B.L, err);
done:
    for (size_t p = 0; p < np; p++) {
        bar_marks_fini(&panels[p]);
    }
    free(panels);
    return st;
}
