/*
 * layout_bar_arrange.c - the arrangement of a bar chart (step 3 of layout_bar.c): the
 * orientation, the label size and the facet grid, tried in order until every category name
 * fits, without drawing.
 *
 *   - vertical while every name sits under its bar in at most three lines without a word
 *     broken (orientation auto); else horizontal, the names wrapped in a left-hand column
 *     (arrange_vertical(), bar_arrange_horizontal());
 *   - the label size from the type scale's label size down to the footer's, no smaller
 *     (bar_arrange_sized());
 *   - panels in one row (vertical) or one column (horizontal), bands alike across panels;
 *     else a grid of equal cells; a grid of horizontal panels that share their categories
 *     names them once at the left of each row of panels (bar_arrange_horizontal()).
 * Each try maps every panel's value axis with the rooms its labels need (map_panels(): panels
 * on one scale, or whose axes run along the same stretch, share them, so they line up) and
 * says, when it fails, which side was short and why (struct bar_arrangement), so that
 * layout_bar.c can name a size that fits.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_bar.h"

/* ---- the arrangement ------------------------------------------------------------------------- */

/* The plot box of a panel in its cell, and its bars' thickness. */
static void plot_box(struct bar_layout *B, struct panel *P)
{
    if (B->horizontal) {
        P->px0 = P->x0 + bar_name_room(B);
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

/*
 * The panels that share their rooms (map_panels()), so that their axes line up: every panel
 * on a shared scale, which puts one value at one place in every panel. Horizontal panels on
 * scales of their own share them with the panels above and below (one grid column), whose
 * axes end together, and owe nothing to the panels beside them: a room one needed for
 * "£584,023" left its neighbour's "8.0%" bars 110 px short of their panel's end (review 5).
 * Vertical panels keep sharing theirs: their rooms are a label's height, about the same in
 * every panel, and a grid's axes of one length read better than a pixel gained.
 */
static size_t room_group(const struct bar_layout *B, size_t p)
{
    if (B->shared || !B->horizontal || B->cols == 0) {
        return 0;
    }
    return p % B->cols;
}

/*
 * One round of map_panels(): the reaches of every panel (its plot box first when `boxes`), the
 * rooms they ask for - grown into rl, rh (by room group), never shrunk - and every axis mapped
 * with them, fewer ticks where their labels touch. *fit: every axis long enough, its tick
 * labels clear; *moved: fewer ticks moved a domain's bottom (the rooms were measured for
 * another). False when out of memory.
 */
static bool map_round(struct bar_layout *B, struct panel *panels, bool boxes, double *rl,
                      double *rh, bool *fit, bool *moved)
{
    size_t np = B->chart->npanels;
    struct bar_reach **r = calloc(np, sizeof *r);
    size_t *nr = calloc(np, sizeof *nr);
    bool ok = r && nr;
    for (size_t p = 0; ok && p < np; p++) {
        if (boxes) {
            plot_box(B, &panels[p]);
        }
        ok = bar_axis_reaches(B, &panels[p], &r[p], &nr[p]);
    }
    /* One pair of rooms for every group, so that its panels line up. The rooms shrink the
     * axes, which moves the values: rounds until no panel needs more (each round only grows
     * them). */
    double *nl = calloc(np, sizeof *nl), *nh = calloc(np, sizeof *nh);
    ok = ok && nl && nh;
    for (int it = 0; ok && it < 200; it++) {
        memset(nl, 0, np * sizeof *nl);
        memset(nh, 0, np * sizeof *nh);
        for (size_t p = 0; p < np; p++) {
            size_t g = room_group(B, p);
            double v0, v1, lo, hi;
            bar_value_ends(B, &panels[p], &v0, &v1);
            bar_axis_rooms_for(r[p], nr[p], fmax(fabs(v1 - v0) - rl[g] - rh[g], 1), &lo, &hi);
            nl[g] = fmax(nl[g], lo);
            nh[g] = fmax(nh[g], hi);
        }
        bool settled = true;
        for (size_t g = 0; g < np; g++) {
            settled = settled && nl[g] <= rl[g] + 1e-6 && nh[g] <= rh[g] + 1e-6;
            rl[g] = fmax(rl[g], nl[g]);
            rh[g] = fmax(rh[g], nh[g]);
        }
        if (settled) {
            break;
        }
    }
    for (size_t p = 0; r && p < np; p++) {
        free(r[p]);
    }
    free(r);
    free(nr);
    free(nl);
    free(nh);
    if (!ok) {
        return false;
    }
    *fit = true;
    *moved = false;
    for (size_t p = 0; *fit && p < np; p++) {
        struct panel *P = &panels[p];
        size_t g = room_group(B, p);
        double v0, v1;
        bar_value_ends(B, P, &v0, &v1);
        *fit = bar_axis_map(B, P, v0, v1, rl[g], rh[g]);
        /* The rooms shortened the axis: fewer ticks when their labels now touch. */
        if (*fit && B->horizontal && !bar_axis_ticks_fit(B, P)) {
            double dlo = P->dlo;
            bar_axis_ticks(B, P, fabs(P->sc.r1 - P->sc.r0));
            *moved = *moved || P->dlo != dlo;
            *fit = bar_axis_map(B, P, v0, v1, rl[g], rh[g]);
        }
        *fit = *fit && bar_axis_ticks_fit(B, P);
    }
    return true;
}

/*
 * Maps every panel's value axis with the rooms its labels need. The panels of one room group
 * take the largest room any of them needs, so that they line up. False when an axis is too
 * short.
 *
 * Horizontal axes choose fewer ticks when the rooms leave their labels too close, and fewer
 * ticks may move the domain's bottom (it runs on to the lowest tick, bar_axis_ticks(): -6M
 * under ticks 2M apart, -5M under ticks 5M apart), which moves the values the rooms were
 * measured for: then the rooms are measured again with those ticks, growing only, so that a
 * label before a bar below zero keeps clear of the names ("-$4.94M" ran into "Q11").
 */
static bool map_panels(struct bar_layout *B, struct panel *panels, csvchart_status *st,
                       csvchart_error *err)
{
    size_t np = B->chart->npanels;
    double *rl = calloc(np, sizeof *rl), *rh = calloc(np, sizeof *rh); /* by room group */
    bool fit = true;
    if (!rl || !rh) {
        free(rl);
        free(rh);
        *st = csvchart_error_nomem(err);
        return true;
    }
    for (int round = 0; round < 4; round++) {
        bool moved = false;
        if (!map_round(B, panels, round == 0, rl, rh, &fit, &moved)) {
            *st = csvchart_error_nomem(err);
            fit = true;
            break;
        }
        if (!fit || !moved) {
            break;
        }
    }
    free(rl);
    free(rh);
    return fit;
}
void bar_set_label_size(struct bar_layout *B, double size)
{
    B->label.size_px = size;
    B->lh = csvchart_layout_line_height(&B->L, &B->label);
    B->asc = csvchart_layout_ascent(&B->L, &B->label);
    B->axis_title_h = *B->s->axis_title ? B->lh + B->px.axis_title_gap : 0;
}

/* The axis title's width (one line over each panel's axis: a panel narrower than it does not
 * fit, as its title would run into the next panel's, or off the canvas). */
static double axis_title_width(struct bar_layout *B)
{
    return *B->s->axis_title ? csvchart_layout_width(&B->L, &B->label, B->s->axis_title) : 0;
}

/* The panel titles' style: the label's, bold. */
static struct text_style panel_title_style(const struct bar_layout *B)
{
    struct text_style st = B->label;
    st.weight = 700;
    return st;
}

/*
 * The height of the panels' titles wrapped at width w, in at most BAR_PANEL_TITLE_LINES lines
 * (every panel's the most any takes, so that the rows line up; B->title_lines), or -1 when a
 * title needs more or has a word wider than w: a title is never cut (review 6: "United…"
 * for "United Kingdom" at 400x600). 0 without titles.
 */
static double panel_title_height(struct bar_layout *B, double w)
{
    B->title_lines = 0;
    if (!B->chart->panels[0].title) {
        return 0;
    }
    struct text_style st = panel_title_style(B);
    size_t most = 1;
    for (size_t p = 0; p < B->chart->npanels; p++) {
        const char *t = B->chart->panels[p].title;
        if (!t) {
            continue;
        }
        size_t n = csvchart_layout_lines(&B->L, &st, t, w, BAR_PANEL_TITLE_LINES, NULL);
        if (n > BAR_PANEL_TITLE_LINES || csvchart_layout_widest_word(&B->L, &st, t) > w) {
            return -1;
        }
        most = n > most ? n : most;
    }
    B->title_lines = most;
    return (double)most * csvchart_layout_line_height(&B->L, &st) + B->px.panel_title_gap;
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
        size_t n = csvchart_layout_lines(&B->L, &B->label, d->cats[c], w, BAR_NAME_LINES_V, NULL);
        most = n > most ? n : most;
    }
    return most;
}

/* The width a vertical bar's name centred at x wraps at when every k-th is drawn: k bands
 * less the gap between names, and no wider than keeps it within the canvas' margins. Years
 * on a round stride under vertical bars (B->name_round, B->thin_v) are a time axis's labels:
 * as a timeline's time axis labels, they may reach into half the margin, at either end alike
 * (1948..2022 at 400x600: "2020" ends at 386 of 400, in the 18 px margin; "1950" keeps to
 * it). Only a name at either end comes that near: the others are k bands from the ends. */
double bar_name_width_v(const struct bar_layout *B, double band, size_t k, double x)
{
    double w = (double)k * band - B->px.name_pad;
    if (k > 1) {
        double reach = B->name_round && B->thin_v ? B->L.px.pad_x / 2 : 0;
        double lo = fmax(B->L.left - reach, 0), hi = fmin(B->L.right + reach, B->s->width);
        w = fmin(w, 2 * fmin(x - lo, hi - x));
    }
    return w;
}

/* The lines the names every k-th of a panel need (those bar_name_range() shows, each
 * bar_name_lines_v()), or BAR_NAME_LINES_V + 1 as vertical_name_lines(), or when that names
 * no category. */
static size_t vertical_name_lines_every(const struct bar_layout *B, const struct panel *P, size_t k)
{
    size_t most = 1, end, first = bar_name_range(B, P, k, &end);
    if (first >= end) {
        return BAR_NAME_LINES_V + 1;
    }
    for (size_t c = first; c < end; c += k) {
        size_t n = bar_name_lines_v(B, P, k, c);
        most = n > most ? n : most;
    }
    return most;
}

/*
 * category_labels = thin under vertical bars: the least k at which every k-th name of every
 * panel sits under its bar within k bands (less the gap between names) in at most three
 * lines; 0 when none does. One line is kept when a larger k allows it within twice the
 * least (a thinned name on three lines under a thin bar reads as naming its neighbours).
 * Names that are all consecutive whole numbers try round strides first, their multiples
 * named (B->name_round: 1950 1955 ... 2020, not every 3rd from 1948), a name at either end
 * that would stand past the canvas not shown (bar_name_range(): 2000 ... 2090 under
 * 2000..2100 at 400x600, not every 25th); when none fits, every k-th from the first as other
 * names.
 */
static size_t thin_stride_v(struct bar_layout *B, const struct panel *panels)
{
    size_t np = B->chart->npanels, most = 1;
    for (size_t p = 0; p < np; p++) {
        most = panels[p].d->ncat > most ? panels[p].d->ncat : most;
    }
    for (int round = bar_names_all_numbered(B, panels); round >= 0; round--) {
        B->name_round = round;
        size_t least = 0;
        for (size_t k = 1; k <= most; k = bar_name_stride_next(B, k)) {
            size_t lines = 1;
            for (size_t p = 0; p < np && lines <= BAR_NAME_LINES_V; p++) {
                size_t n = vertical_name_lines_every(B, &panels[p], k);
                lines = n > lines ? n : lines;
            }
            if (lines <= BAR_NAME_LINES_V && least == 0) {
                least = k;
            }
            if (least && lines == 1) {
                return k;
            }
            if (least && k >= 2 * least) {
                return least;
            }
        }
        if (least) {
            return least;
        }
    }
    return 0;
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
static struct bar_arrangement arrange_vertical(struct bar_layout *B, struct panel *panels,
                                               size_t cols)
{
    struct layout *L = &B->L;
    size_t np = B->chart->npanels, rows = (np + cols - 1) / cols;
    double W = L->right - L->left, H = L->bottom - L->top;
    double cell_h = (H - (double)(rows - 1) * B->px.panel_gap) / (double)rows;
    /* first at the width of a cell of the grid (one row: a share of the width); again once
     * the cells are set */
    double title_h =
        fmax(panel_title_height(B, (W - (double)(cols - 1) * B->px.panel_gap) / (double)cols), 0);
    struct bar_arrangement a = {.ok = true};
    B->names_shared = false;
    for (size_t p = 0; p < np; p++) {
        panels[p].named = true;
    }
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
                P->x1 =
                    x + panels[p].gutter + P->ratio_room + P->ref_col + band * (double)P->d->ncat;
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
        a = (struct bar_arrangement){.ok = true};
        double narrowest = INFINITY;
        for (size_t p = 0; p < np; p++) {
            struct panel *P = &panels[p];
            P->band = (P->x1 - P->x0 - P->gutter - P->ratio_room - P->ref_col) / (double)P->d->ncat;
            narrowest = fmin(narrowest, P->x1 - P->x0);
        }
        title_h = panel_title_height(B, narrowest);
        if (title_h < 0) {
            return (struct bar_arrangement){.short_w = true};
        }
        if (B->thin_v) { /* every k-th name, k wide enough for them all */
            size_t k = thin_stride_v(B, panels);
            B->name_stride = k > 0 ? k : 1;
        }
        for (size_t p = 0; p < np; p++) {
            struct panel *P = &panels[p];
            double w = (double)B->name_stride * P->band - B->px.name_pad;
            size_t lines = B->thin_v ? vertical_name_lines_every(B, P, B->name_stride)
                                     : vertical_name_lines(B, P->d, w);
            /* periods: as thin as they come; thinned names: a device pixel at least */
            bool thin_ok = P->d->period != NULL || (B->thin_v && P->band * L->scale >= 1);
            if ((P->band < B->px.min_band_v && !thin_ok) || lines > BAR_NAME_LINES_V ||
                axis_title_width(B) > P->x1 - P->x0) {
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

/* The widest a horizontal chart's category column grows, as a share of its cell, to take
 * its names on fewer lines (arrange_grid()). */
#define NAME_COL_MOST 0.5

/* The widest line of the names of every panel wrapped at w; false when a name needs more
 * than `lines` lines there. *block is the most lines a name takes. */
static bool name_column(const struct bar_layout *B, double w, size_t lines, double *col,
                        size_t *block)
{
    *col = 0;
    *block = 1;
    for (size_t p = 0; p < B->chart->npanels; p++) {
        const struct bar_data *d = &B->chart->panels[p];
        for (size_t c = 0; c < d->ncat; c++) {
            double widest;
            size_t n = csvchart_layout_lines(&B->L, &B->label, d->cats[c], w, lines, &widest);
            if (n > lines) {
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
 *
 * A grid of panels that all name the same categories in the same order (the regions of a
 * country, one panel per indicator) names them once, at the left of each row of panels, as
 * a newsroom's split bars and ggplot2's facet grids do (B->names_shared):
 *
 *                Unemployment rate     Employment rate
 *     North East |###  3.4%             |#########  71.6%
 *     North West |#####  5.3%           |########  68.4%
 *                +----+----+            +----+----+
 *
 * The column then wraps only past what every panel's own column would have taken together
 * (and a third of the width): names stay on one line where the room allows, and the width
 * saved goes to the plots, which are never narrower than with a column each. The panels of a
 * row keep their bands at one height (the most any of them keeps above its plot), so each
 * name stands beside its bars in every panel. Panels sorted differently per panel (sort),
 * or with categories of their own, keep a column each.
 */
struct bar_arrangement bar_arrange_horizontal(struct bar_layout *B, struct panel *panels,
                                              size_t cols, bool thin, size_t lines)
{
    struct layout *L = &B->L;
    size_t np = B->chart->npanels, rows = (np + cols - 1) / cols;
    double W = L->right - L->left, H = L->bottom - L->top;
    double cell_w = (W - (double)(cols - 1) * B->px.panel_gap) / (double)cols;
    double cell_h = (H - (double)(rows - 1) * B->px.panel_gap) / (double)rows;
    double title_h = 0;
    double tick_h = B->lh + B->px.tick_gap + B->axis_title_h;
    struct bar_arrangement a = {.ok = true};
    B->band_pad = 0;
    B->names_shared = cols > 1 && B->same_cats;
    if (B->widest_word_size != B->label.size_px) { /* the same for every grid tried */
        B->widest_word = 0;
        for (size_t p = 0; p < np; p++) {
            const struct bar_data *d = &B->chart->panels[p];
            for (size_t c = 0; c < d->ncat; c++) {
                B->widest_word =
                    fmax(B->widest_word, csvchart_layout_widest_word(&B->L, &B->label, d->cats[c]));
            }
        }
        B->widest_word_size = B->label.size_px;
    }
    if ((thin || B->names_shared) && B->widest_name_size != B->label.size_px) {
        B->widest_name = 0;
        for (size_t p = 0; p < np; p++) {
            const struct bar_data *d = &B->chart->panels[p];
            for (size_t c = 0; c < d->ncat; c++) {
                double w;
                csvchart_layout_lines(&B->L, &B->label, d->cats[c], INFINITY, 1, &w);
                B->widest_name = fmax(B->widest_name, w);
            }
        }
        B->widest_name_size = B->label.size_px;
    }
    double widest_word = B->widest_word;
    double max_col = fmax(0.38 * cell_w, fmin(widest_word, 0.6 * cell_w));
    if (thin) {
        /* A thinned name stands for its own band among bands thinner than its line: on two
         * lines it was centred on a 4 px band and spanned eight bars, so no reader could tell
         * which it named (review 5). One line when every name fits half the cell that way. */
        max_col = fmax(max_col, fmin(B->widest_name + 0.5, 0.5 * cell_w));
    }
    if (B->names_shared) {
        /* what a column in every panel took, given to one: no plot is narrower for it */
        double most = (double)cols * max_col + (double)(cols - 1) * B->px.name_gap;
        max_col = fmax(max_col, fmin(B->widest_name + 0.5, fmin(most, W / 3)));
    }
    size_t block;
    if (widest_word > max_col || !name_column(B, max_col, BAR_NAME_LINES_H, &B->col, &block)) {
        return (struct bar_arrangement){.short_w = true, .long_name = true};
    }
    if (block > lines) {
        /* The names on fewer lines, in a column as much wider as that takes (up to half the
         * cell): the narrowest width found by halving the interval, whose end fits. */
        double lo = max_col, hi = fmax(max_col, NAME_COL_MOST * cell_w);
        if (B->names_shared || !name_column(B, hi, lines, &B->col, &block)) {
            return (struct bar_arrangement){.short_w = true};
        }
        while (hi - lo > 0.5) {
            double mid = (lo + hi) / 2;
            *(name_column(B, mid, lines, &B->col, &block) ? &hi : &lo) = mid;
        }
        name_column(B, hi, lines, &B->col, &block);
    }
    if (B->names_shared) { /* the cells share what the column leaves */
        cell_w =
            (W - B->col - B->px.name_gap - (double)(cols - 1) * B->px.panel_gap) / (double)cols;
    }
    title_h = panel_title_height(B, cell_w);
    if (title_h < 0) {
        return (struct bar_arrangement){.short_w = true};
    }
    /* a device pixel more than the lines: baselines snap to whole device pixels */
    double need_band = (double)block * B->lh + 1 / L->scale;
    B->name_band = need_band;
    B->name_lines = block;
    double ref_col = 0, above = 0;
    for (size_t p = 0; p < np; p++) {
        ref_col = fmax(ref_col, panels[p].ref_col);
        above = fmax(above, panels[p].ratio_room + panels[p].ref_row);
    }
    if (cell_w - bar_name_room(B) - ref_col < B->px.min_plot * 1.5 ||
        axis_title_width(B) > cell_w) {
        return (struct bar_arrangement){.short_w = true};
    }
    size_t total = 0;
    double fixed = (double)(np - 1) * B->px.panel_gap;
    for (size_t p = 0; p < np; p++) {
        total += panels[p].d->ncat;
        fixed += title_h + tick_h + panels[p].ratio_room + panels[p].ref_row;
    }
    double y = L->top, band1 = (H - fixed) / (double)total;
    /*
     * Thinned names are centred on bands thinner than they are, so the first and last would
     * stand past the bars' ends by half a name less half a band: that much is kept free at
     * each end of the band axis (B->band_pad), as a full name's band keeps it (review 5: the
     * first name ran into the subtitle, the last into the tick labels). The pad and the band
     * decide each other: with 2 * pad taken from every panel's height,
     * band1 * (total - np) = H - fixed - np * need_band. Bands under a device pixel draw no
     * bar: then the height is short.
     */
    double over = 0;
    if (thin && cols == 1 && band1 < need_band) {
        band1 = total > np ? (H - fixed - (double)np * need_band) / (double)(total - np) : 0;
        over = fmax((need_band - band1) / 2, 0);
        if (band1 < 1 / L->scale) {
            a.ok = false;
            a.short_h = true;
        }
    }
    B->band_pad = over;
    for (size_t p = 0; p < np; p++) {
        struct panel *P = &panels[p];
        if (cols == 1) {
            P->y0 = y;
            P->y1 = y + title_h + tick_h + P->ratio_room + P->ref_row + 2 * over +
                    band1 * (double)P->d->ncat;
            y = P->y1 + B->px.panel_gap;
        } else {
            P->y0 = L->top + (double)(p / cols) * (cell_h + B->px.panel_gap);
            P->y1 = P->y0 + cell_h;
        }
        P->x0 = L->left + (double)(p % cols) * (cell_w + B->px.panel_gap);
        if (B->names_shared) { /* the row's names stand left of its first cell */
            P->x0 += B->col + B->px.name_gap;
        }
        P->x1 = P->x0 + cell_w;
        P->named = !B->names_shared || p % cols == 0;
        /* bands at one height across a row that shares its names */
        P->py0 = P->y0 + title_h + (B->names_shared ? above : P->ratio_room + P->ref_row);
        P->py1 = P->y1 - tick_h;
        P->band = (P->py1 - P->py0 - 2 * over) / (double)P->d->ncat;
        if (P->band < need_band && !thin) {
            a.ok = false;
            a.short_h = true;
        }
        if (P->band <= 0) {
            a.ok = false;
            a.short_h = true;
        }
        if (bar_ratio_width(B, P) > cell_w) { /* "8.88 million times" over a narrow panel */
            a.ok = false;
            a.short_w = true;
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
struct bar_arrangement bar_arrange_finish(struct bar_layout *B, struct panel *panels,
                                          csvchart_status *st, csvchart_error *err)
{
    const struct spec *s = B->s;
    bool fit = !B->unlabelled;
    for (size_t p = 0; p < B->chart->npanels; p++) {
        fit = fit && bar_marks_labels_fit(B, &panels[p], panels[p].band);
    }
    if (bar_totals_shown(B)) { /* asked for: they fit, or the figure does not */
        for (size_t p = 0; p < B->chart->npanels; p++) {
            if (!bar_totals_fit(B, &panels[p], panels[p].band)) {
                return (struct bar_arrangement){
                    .short_w = !B->horizontal, .short_h = B->horizontal, .what = SHORT_TOTALS};
            }
        }
    }
    bool asked = s->labels == LABELS_ON || s->labels == LABELS_OUTSIDE;
    if (asked && !fit) {
        return (struct bar_arrangement){
            .short_w = !B->horizontal, .short_h = B->horizontal, .what = SHORT_LABELS};
    }
    B->labels = asked || s->labels == LABELS_INSIDE || (s->labels == LABELS_AUTO && fit);
    B->outside = B->labels && (asked || fit); /* inside labels that do not fit go out if any can */
    /* A highlighted bar's own label asks room too (bar_marks_lone()); an axis too short with
     * it is mapped without, and the label goes where it fits, if anywhere. */
    B->lone_room = true;
    bool mapped = map_panels(B, panels, st, err);
    if (!mapped && !*st && !B->labels) {
        B->lone_room = false;
        mapped = map_panels(B, panels, st, err);
    }
    if (!mapped) {
        return (struct bar_arrangement){
            .short_w = B->horizontal, .short_h = !B->horizontal, .what = SHORT_AXIS};
    }
    /* Notes beside their bars when every one has room there; else all in the column, which
     * narrows the plots: mapped again (layout_bar_refs.c). */
    bool inline_ok = true;
    for (size_t p = 0; p < B->chart->npanels; p++) {
        inline_ok = inline_ok && (!panels[p].notes_inline || bar_refs_inline_fit(B, &panels[p]));
    }
    if (!inline_ok) {
        for (size_t p = 0; p < B->chart->npanels; p++) {
            struct panel *P = &panels[p];
            P->notes_inline = false;
            bar_refs_rooms(B, P);
            if (P->x1 - P->x0 - bar_name_room(B) - P->ref_col < B->px.min_plot * 1.5) {
                return (struct bar_arrangement){.short_w = true, .what = SHORT_REFS};
            }
        }
        if (!map_panels(B, panels, st, err)) {
            return (struct bar_arrangement){.short_w = true, .what = SHORT_AXIS};
        }
    }
    for (size_t p = 0; p < B->chart->npanels; p++) {
        if (!bar_refs_fit(B, &panels[p])) {
            return (struct bar_arrangement){.short_h = true, .what = SHORT_REFS};
        }
    }
    return (struct bar_arrangement){.ok = true};
}

/*
 * One grid of panels, and with it everything bar_arrange_finish() places. Horizontal bands
 * too short for the names' lines first take the names on fewer lines in a wider column, a
 * line at a time (review 23: eleven companies refused on a 400x600 phone for 3 px, their
 * longest name on three lines in 38% of the width where half of it held two). The type
 * keeps its size for it, so this comes before a smaller label size (bar_arrange_sized()),
 * and the value labels: a wider column whose plot then has no room for them is not taken.
 */
static struct bar_arrangement arrange_grid(struct bar_layout *B, struct panel *panels, size_t cols,
                                           bool thin, csvchart_status *st, csvchart_error *err)
{
    if (!B->horizontal) {
        struct bar_arrangement a = arrange_vertical(B, panels, cols);
        return a.ok ? bar_arrange_finish(B, panels, st, err) : a;
    }
    struct bar_arrangement a = bar_arrange_horizontal(B, panels, cols, thin, BAR_NAME_LINES_H);
    if (a.ok) {
        a = bar_arrange_finish(B, panels, st, err);
    }
    size_t block = B->name_lines; /* 0 when no column was found: the loop does not run */
    bool names_short = !a.ok && a.short_h && !a.short_w && a.what == SHORT_NAMES;
    for (size_t lines = block - 1; names_short && !thin && !*st && lines >= 1 && lines < block;
         lines--) {
        struct bar_arrangement b = bar_arrange_horizontal(B, panels, cols, thin, lines);
        if (b.ok) {
            b = bar_arrange_finish(B, panels, st, err);
        }
        bool labels_kept = B->labels || B->unlabelled || B->s->labels != LABELS_AUTO;
        if ((b.ok && labels_kept) || *st) {
            return b;
        }
        if (b.short_w) { /* the column can grow no more */
            break;
        }
    }
    return a;
}

static struct bar_arrangement arrange(struct bar_layout *B, struct panel *panels, bool thin,
                                      csvchart_status *st, csvchart_error *err)
{
    size_t np = B->chart->npanels;
    struct bar_arrangement a = {0}, first = {0};
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
        a = arrange_grid(B, panels, cols, thin, st, err);
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

static struct bar_arrangement arrange_at(struct bar_layout *B, struct panel *panels, double size,
                                         csvchart_status *st, csvchart_error *err)
{
    bar_set_label_size(B, size);
    for (size_t p = 0; p < B->chart->npanels; p++) {
        panels[p].ratio_room = bar_ratio_room(B, &panels[p]);
        panels[p].notes_inline = B->horizontal; /* tried first (bar_arrange_finish()) */
        bar_refs_rooms(B, &panels[p]);
    }
    return arrange(B, panels, false, st, err);
}

/*
 * The largest label size, in half pixels from the type scale's label down to the footer's
 * (`shrink`), at which an arrangement fits. Smaller text never needs more room, so the sizes
 * are bisected: a figure that fits at full size costs one try, one that fits at no size two.
 */
struct bar_arrangement bar_arrange_sized(struct bar_layout *B, struct panel *panels, bool shrink,
                                         csvchart_status *st, csvchart_error *err)
{
    double full = B->L.label.size_px;
    struct bar_arrangement a = arrange_at(B, panels, full, st, err);
    int steps = (int)floor((full - B->L.label_min) / 0.5 + 1e-9);
    if (a.ok || *st || !shrink || steps <= 0) {
        return a;
    }
    struct bar_arrangement b = arrange_at(B, panels, full - 0.5 * steps, st, err);
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
