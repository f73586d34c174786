/*
 * layout_bar.c - bar charts: vertical or horizontal; single, grouped, stacked or range
 * series; bars, dots or lollipops; linear or log10 value axes; small multiples in a grid; a
 * ratio callout. Input is a bound struct bar_chart (panels of categories x series); output is
 * scene items. The value axis is layout_bar_axis.c, the marks layout_bar_marks.c.
 *
 *   1. per panel: the data extent, the domain (from the data alone, so the same at every
 *      size - but for a linear bottom below zero that is no tick, which runs on to the tick
 *      below it once the ticks are chosen, layout_bar_axis.c; one shared domain for facets
 *      on one scale), the value labels' texts;
 *   2. the frame: title, subtitle, legend for several series, notes (where log bars start;
 *      that facets have scales of their own) and source;
 *   3. the arrangement (arrange()): orientation, the label size and the facet grid, tried
 *      in order until every category name fits:
 *        - vertical while every name sits under its bar in at most three lines without a
 *          word broken (auto); else horizontal, names wrapped in a left-hand column;
 *        - the label size from the type scale's label down to the footer's, no smaller;
 *        - panels in one row (vertical) or one column (horizontal), bands alike across
 *          panels; else a grid of equal cells (horizontal panels with the same categories
 *          name them once, at the left of each row of the grid);
 *      When nothing fits, the layout says which side is short (csvchart_layout_no_fit()) and
 *      csvchart_layout_fit() finds the size that holds every name - unless category_labels =
 *      thin, which names every k-th category instead, with a warning (horizontal bars at the
 *      footer's size, k for the tallest name; forced vertical bars at the largest size that
 *      fits, k bands wide enough for every k-th name). Thinning is the last resort:
 *      csvchart_layout_fit() first lays every name out, in smaller type too, and takes this
 *      thinned form only when no type at the size asked for holds them all;
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
#include "name_hint.h"
#include "words.h"

#define BAR_METRIC_BASE(name, base, doc) .name = base,
static const struct bar_metrics BAR_BASE = {BAR_METRICS(BAR_METRIC_BASE)};

/* ---- before the arrangement ------------------------------------------------------------------ */

static const char *category_at(const void *ctx, size_t i)
{
    return ((const struct bar_data *)ctx)->cats[i];
}

/* Marks the highlighted categories of every panel; a name found nowhere is an error. */
static csvchart_status check_names(struct bar_layout *B, struct panel *panels, csvchart_error *err)
{
    const struct spec *s = B->s;
    size_t nratio = s->ratio_pair[0] ? 2 : 0;
    for (size_t i = 0; i < s->nhighlight + nratio + s->nnotes; i++) {
        bool highlight = i < s->nhighlight;
        const char *name = highlight ? s->highlight[i]
                           : i < s->nhighlight + nratio
                               ? s->ratio_pair[i - s->nhighlight]
                               : s->notes[i - s->nhighlight - nratio].category;
        const char *what = highlight                    ? "highlight"
                           : i < s->nhighlight + nratio ? "ratio"
                                                        : "annotate";
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
            char list[400];
            const char *next = highlight && i + 1 < s->nhighlight ? s->highlight[i + 1] : NULL;
            if (csvchart_name_split(what, name, next, category_at, d, d->ncat, list, sizeof list)) {
                return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0, "%s", list);
            }
            csvchart_name_hint(name, "categories", category_at, d, d->ncat, list, sizeof list);
            return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                      "%s: no category%s named \"%s\"; %s", what,
                                      highlight && d->nser > 1 ? " or series" : "", name, list);
        }
    }
    return CSVCHART_OK;
}

/* Whether a category of some panel is left out of the highlight (drawn muted). */
static bool some_muted(const struct bar_chart *chart, const struct panel *panels)
{
    for (size_t p = 0; p < chart->npanels; p++) {
        for (size_t c = 0; c < panels[p].d->ncat; c++) {
            if (!panels[p].highlighted[c]) {
                return true;
            }
        }
    }
    return false;
}

/* Whether every panel has the same categories in the same order: then a row of horizontal
 * panels may name them once (layout_bar_arrange.c). */
static bool same_categories(const struct bar_chart *ch)
{
    for (size_t p = 1; p < ch->npanels; p++) {
        const struct bar_data *a = &ch->panels[0], *b = &ch->panels[p];
        if (a->ncat != b->ncat) {
            return false;
        }
        for (size_t c = 0; c < a->ncat; c++) {
            if (strcmp(a->cats[c], b->cats[c]) != 0) {
                return false;
            }
        }
    }
    return true;
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

/* The notes the chart adds: where log bars start; that each panel has its own scale. In the
 * locale's language (words.h). */
static void scale_note(const struct bar_layout *B, const struct panel *panels, char *buf, size_t n)
{
    const struct words *w = csvchart_words_get(B->s->locale);
    size_t np = B->chart->npanels;
    char scale[160] = "";
    if (np > 1 && !B->shared) {
        snprintf(scale, sizeof scale, " %s", w->own_scale);
    }
    buf[0] = '\0';
    if (!B->s->log) {
        snprintf(buf, n, "%s", scale + (scale[0] ? 1 : 0));
        return;
    }
    if (B->chart->range || B->s->mark == MARK_DOT) {
        snprintf(buf, n, "%s%s", w->log_scale, scale);
        return;
    }
    int stems = B->s->mark == MARK_LOLLIPOP;
    bool same = true;
    for (size_t p = 1; p < np; p++) {
        same = same && panels[p].dlo == panels[0].dlo;
    }
    if (!same) {
        snprintf(buf, n, "%s%s", w->log_lowest[stems], scale);
        return;
    }
    char v[64];
    struct label_plan plan;
    csvchart_format_plan(&panels[0].values.f, LABELS_LOG_TICKS, &panels[0].dlo, 1, 0, false, NULL,
                         &plan);
    csvchart_format_planned(&plan, panels[0].dlo, v, sizeof v);
    size_t len = csvchart_words_fill(w->log_start[stems], v, 0, buf, n);
    snprintf(buf + len, n - len, "%s", scale);
}

/*
 * The note under the figure: the scale's (scale_note()), then what has no value and would
 * otherwise be gone from the figure without a word: the categories left out (review 12: only a
 * warning on stderr said so), then the members of groups and stacks, each with its series
 * (graphics desk review: an empty slot in a group read as zero, and a stack's total as complete,
 * where no "n/a" fitted): "No data for SK hynix, Mayotte (2024) and 4 more." Not for bins, where
 * a period without rows is a count or sum of nothing.
 */
static void auto_note(const struct bar_layout *B, const struct panel *panels, char *buf, size_t n)
{
    scale_note(B, panels, buf, n);
    const struct bar_chart *c = B->chart;
    char names[400] = "";
    size_t len = 0, named = 0, total = c->nskipped;
    for (size_t i = 0; i < c->nkept && named < BAR_SKIPPED_NAMED && len < sizeof names; i++) {
        len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", named ? ", " : "",
                                c->skipped[i]);
        named++;
    }
    for (size_t p = 0; p < c->npanels; p++) {
        const struct bar_data *d = &c->panels[p];
        if (d->nser < 2 || d->bin != BIN_NONE) {
            continue;
        }
        for (size_t k = 0; k < d->ncat; k++) {
            bool some = false;
            for (size_t s = 0; s < d->nser && !some; s++) {
                some = d->has[k * d->nser + s];
            }
            for (size_t s = 0; some && s < d->nser; s++) {
                if (d->has[k * d->nser + s]) {
                    continue;
                }
                total++;
                if (named < BAR_SKIPPED_NAMED && len < sizeof names) {
                    len += (size_t)snprintf(names + len, sizeof names - len, "%s%s (%s)",
                                            named ? ", " : "", d->cats[k], d->series[s]);
                    named++;
                }
            }
        }
    }
    if (total == 0) {
        return;
    }
    const struct words *w = csvchart_words_get(B->s->locale);
    if (total > named && len < sizeof names) {
        csvchart_words_fill(w->and_more, "", total - named, names + len, sizeof names - len);
    }
    size_t at = strlen(buf);
    if (at > 0 && at + 1 < n) {
        buf[at++] = ' ';
        buf[at] = '\0';
    }
    csvchart_words_fill(w->no_data_for, names, 0, buf + at, n - at);
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

/* ---- drawing a panel ------------------------------------------------------------------------- */

static void draw_panel(struct bar_layout *B, struct panel *P)
{
    struct layout *L = &B->L;
    if (P->d->title) {
        struct text_style st = B->label;
        st.weight = 700;
        csvchart_layout_paragraph(L, &st, B->s->theme.title, P->d->title, P->x0,
                                  P->y0 + csvchart_layout_ascent(L, &st), P->x1 - P->x0,
                                  B->title_lines ? B->title_lines : 1, TEXT_ANCHOR_START);
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
    /* the first 24 code points, cut on a whole one, a line break written " / " (a message
     * is one line) */
    char head[128];
    size_t cut = 0, cps = 0, h = 0;
    while (longest[cut] && cps < 24 && h + 8 < sizeof head) {
        if (longest[cut] == '\n') {
            memcpy(head + h, " / ", 3);
            h += 3;
            cut++;
        } else {
            do {
                head[h++] = longest[cut++];
            } while (((unsigned char)longest[cut] & 0xC0) == 0x80 && h + 1 < sizeof head);
        }
        cps++;
    }
    head[h] = '\0';
    snprintf(buf, n, "or shorten the longest name (\"%s%s\", %zu characters)", head,
             longest[cut] ? "\xe2\x80\xa6" : "", chars);
}

/* "st", "nd", "rd" or "th", for "every 27th name". */
static const char *ordinal_suffix(size_t n)
{
    if (n % 100 >= 11 && n % 100 <= 13) {
        return "th";
    }
    return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

/* Whether every k-th name of every panel (from bar_name_first(), one at least) stands a band
 * apart from the next by as many lines as it takes in the column (category_labels = thin,
 * horizontal bars, bands `band` tall). */
static bool thin_apart_h(const struct bar_layout *B, const struct panel *panels, size_t k,
                         double band)
{
    size_t most = 1;
    for (size_t p = 0; p < B->chart->npanels; p++) {
        const struct bar_data *d = panels[p].d;
        size_t first = bar_name_first(B, &panels[p], k);
        if (first >= d->ncat) {
            return false;
        }
        for (size_t c = first; c < d->ncat; c += k) {
            size_t n = csvchart_layout_lines(&B->L, &B->label, d->cats[c], B->col + 0.5,
                                             BAR_NAME_LINES_H, NULL);
            most = n > most ? n : most;
        }
    }
    most = most < BAR_NAME_LINES_H ? most : BAR_NAME_LINES_H;
    return (double)most * B->lh + 1 / B->L.scale <= (double)k * band * 1.001;
}

/*
 * The stride of thinned names beside horizontal bars `band` tall: the least at which they
 * stand apart (thin_apart_h()), else the one at which the most lines of any name do
 * (B->name_band). Names that are all consecutive whole numbers try round strides first,
 * their multiples named (B->name_round: 1950 1955 ..., not every 3rd from 1948).
 */
static size_t thin_stride_h(struct bar_layout *B, const struct panel *panels, double band,
                            size_t total)
{
    size_t most = band > 0 ? (size_t)ceil(B->name_band * 0.999 / band) : total;
    most = most < 1 ? 1 : most > total ? total : most;
    for (int round = bar_names_all_numbered(B, panels); round >= 0; round--) {
        B->name_round = round;
        for (size_t k = 1; band > 0 && k < (round ? total + 1 : most);
             k = bar_name_stride_next(B, k)) {
            if (thin_apart_h(B, panels, k, band)) {
                return k;
            }
        }
    }
    return most;
}

/* ---- the whole figure ------------------------------------------------------------------------ */

/*
 * What the references of panel P are checked against (layout.h): its values' least and
 * greatest (a range's low ends too) and how they were written; a percent stack's shares
 * have no multiplier.
 */
static struct ref_values ref_values(const struct bar_layout *B, const struct panel *P)
{
    const struct bar_data *d = P->d;
    struct ref_values v = {.lo = INFINITY, .hi = -INFINITY, .plan = &P->values};
    for (size_t c = 0; c < d->ncat; c++) {
        for (size_t k = 0; k < d->nser; k++) {
            size_t i = bar_idx(P, c, k);
            if (d->has[i]) {
                v.lo = fmin(v.lo, d->low ? fmin(d->low[i], P->v[i]) : P->v[i]);
                v.hi = fmax(v.hi, P->v[i]);
            }
        }
    }
    if (!B->s->stack_percent) {
        v.multiplier = d->unit.multiplier;
        v.multipliers = d->unit.multipliers;
    }
    return v;
}

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
    struct bar_arrangement a = {0}, report = {0};
    for (size_t t = 0; t < ntries && !a.ok; t++) {
        B->horizontal = tries[t];
        a = bar_arrange_sized(B, panels, shrink[t], &st, err);
        if (st) {
            return st;
        }
        if (t == 0 || tries[t]) {
            report = a;
        }
        if (t == 0 && !a.ok && ntries > 1 && !s->thin_names && bar_names_all_numbered(B, panels)) {
            /* Consecutive years name a time axis: under vertical bars every 5th (1990 1995
             * ... 2020) at the full type, as a time axis names them, before the bars turn
             * sideways and every word shrinks (graphics desk review, session 23: 35 years of
             * budget balances ran down the page in the type of an 844x475 canvas). */
            B->thin_v = true;
            a = bar_arrange_sized(B, panels, false, &st, err);
            if (st) {
                return st;
            }
            if (!a.ok) {
                B->thin_v = false;
                B->name_stride = 1;
                B->name_round = false;
            }
        }
    }
    if (!a.ok && s->labels == LABELS_AUTO && report.what != SHORT_NAMES) {
        /* Value labels that fit their bands but leave the value axis or the notes no room go,
         * as they do where bands are too thin for them: a taller canvas, whose bands held
         * them, was refused where a shorter one drew the chart without them (the property
         * test's larger canvases). Every form is tried with labels before any without. */
        B->unlabelled = true;
        for (size_t t = 0; t < ntries && !a.ok; t++) {
            B->horizontal = tries[t];
            a = bar_arrange_sized(B, panels, shrink[t], &st, err);
            if (st) {
                return st;
            }
        }
        B->unlabelled = a.ok;
    }
    if (!a.ok && s->thin_names && s->horizontal != TRI_FALSE) {
        B->horizontal = true;
        /* category_labels = thin: every k-th name at the smallest size, all bars drawn */
        bar_set_label_size(B, L->label_min);
        for (size_t p = 0; p < np; p++) { /* the last try's rooms were for vertical bars */
            panels[p].ratio_room = bar_ratio_room(B, &panels[p]);
            panels[p].notes_inline = true;
            bar_refs_rooms(B, &panels[p]);
        }
        B->cols = 1;
        B->rows = np;
        a = bar_arrange_horizontal(B, panels, 1, true, BAR_NAME_LINES_H);
        /* Names a band apart by as much as the most lines of one need: a name wrapped on two
         * lines takes two lines of height, whichever bands it stands for. */
        B->name_stride = thin_stride_h(B, panels, panels[0].band, total);
        if (a.ok) {
            a = bar_arrange_finish(B, panels, &st, err);
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
    if (!a.ok && s->thin_names && s->horizontal == TRI_FALSE && !chart->panels[0].period) {
        /* category_labels = thin under vertical bars: every k-th name, all bars drawn, the
         * label size the largest at which that fits */
        B->horizontal = false;
        B->thin_v = true;
        a = bar_arrange_sized(B, panels, true, &st, err);
        if (st) {
            return st;
        }
        if (a.ok && B->name_stride > 1) {
            csvchart_warnings_add(warn,
                                  "%zu categories do not fit the figure's width; every %zu%s "
                                  "name is shown (category_labels = thin)",
                                  total, B->name_stride, ordinal_suffix(B->name_stride));
        }
        if (!a.ok) {
            B->thin_v = false;
            B->name_stride = 1;
            B->name_round = false;
        }
    }
    if (!a.ok && report.what == SHORT_NAMES) {
        /* Thinning helps names too many for the height; a name too long for the width
         * needs a wider figure or a shorter name. */
        char hint[256] = "";
        if (report.short_h && s->horizontal != TRI_FALSE && !s->thin_names) {
            snprintf(hint, sizeof hint, "or category_labels = thin");
        } else if (report.long_name) {
            longest_name_hint(B, hint, sizeof hint);
        } else if (s->horizontal == TRI_FALSE) { /* names in a column, or fewer of them */
            snprintf(hint, sizeof hint, "%s",
                     s->thin_names ? "or horizontal bars"
                                   : "or horizontal bars, or category_labels = thin");
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
        /* a percent stack's axis is of shares, whatever the values were written in */
        struct ref_values v = ref_values(B, &panels[p]);
        st = csvchart_layout_refs_visible(s, &panels[p].sc, panels[p].log, &v, p == 0 ? warn : NULL,
                                          err);
        if (st) {
            return st;
        }
    }
    if (L->fit && L->fit->probe) { /* a size search asks only whether it fits: it does */
        return CSVCHART_OK;
    }
    /* Side by side, bars thinner than BAR_GROUP_MIN px cannot be told apart by colour (review
     * 12: 6 series in 14 groups, 2-4 px each): drawn, with a word on what would help. */
    size_t across = bar_across_count(B, &panels[0]);
    double thick = bar_marks_thickness(B, &panels[0], panels[0].band);
    if (across >= 3 && s->mark == MARK_BAR && thick < BAR_GROUP_MIN) {
        csvchart_warnings_add(warn,
                              "%zu series side by side make bars %.1f px thick, too thin to tell "
                              "their colours apart; stack them (stack = true), draw fewer series, "
                              "or give the figure more room",
                              across, thick);
    }
    for (size_t p = 0; p < np; p++) {
        draw_panel(B, &panels[p]);
    }
    return CSVCHART_OK;
}

csvchart_status csvchart_layout_bar(const void *data, const struct spec *s,
                                    const csvchart_text_measurer *m, struct csvchart_scene *scene,
                                    struct csvchart_warnings *warn, struct layout_fit *fit,
                                    csvchart_error *err)
{
    const struct bar_chart *chart = data;
    struct tick_memo memo = {0};
    struct bar_layout B = {.chart = chart, .s = s, .name_stride = 1, .memo = &memo};
    csvchart_layout_begin(&B.L, s, m, scene, fit);
    csvchart_layout_metrics(&B.L, &BAR_BASE, &B.px, sizeof B.px);
    B.label = B.L.label;
    B.ratio = B.L.subtitle;
    B.ratio.weight = 700;
    bar_set_label_size(&B, B.label.size_px);
    size_t np = chart->npanels;
    struct panel *panels = calloc(np, sizeof *panels);
    csvchart_status st = CSVCHART_OK;
    if (!panels) {
        return csvchart_error_nomem(err);
    }
    if ((st = csvchart_layout_refs_log(s, err))) {
        goto done;
    }
    B.shared = shared_scale(&B);
    B.same_cats = same_categories(chart);
    for (size_t p = 0; p < np; p++) {
        struct panel *P = &panels[p];
        P->d = &chart->panels[p];
        P->log = s->log;
        bar_names_numbered(P);
        if (!bar_marks_prepare(&B, P)) { /* the values drawn (P->v) and their labels */
            st = csvchart_error_nomem(err);
            goto done;
        }
        bar_axis_extent(&B, P);
        if (p == 0) { /* said once, of the first panel's values */
            struct ref_values v = ref_values(&B, P);
            csvchart_layout_refs_far(s, P->lo, P->hi, P->log, &v, warn);
        }
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
        if ((st = bar_ratio_check(&B, P, warn, err))) {
            goto done;
        }
    }
    B.name_key = bar_name_key(&B, panels);
    char note[640];
    auto_note(&B, panels, note, sizeof note);
    csvchart_layout_frame(&B.L, note);
    if (B.L.frame_cut) { /* no size draws it: said at once, not as a size */
        st = csvchart_layout_end(&B.L, err);
        goto done;
    }
    const struct bar_data *d0 = &chart->panels[0];
    if (d0->nser > 1) {
        struct legend_entry *e = calloc(d0->nser, sizeof *e);
        bool *other = calloc(d0->nser, sizeof *other);
        if (!e || !other) {
            free(e);
            free(other);
            st = csvchart_error_nomem(err);
            goto done;
        }
        for (size_t i = 0; i < d0->nser; i++) {
            bool muted = B.series_hl && !(B.series_hl >> (i < 63 ? i : 63) & 1);
            csvchart_rgba own = csvchart_theme_series_color(&s->theme, B.series_hl, i);
            e[i] = (struct legend_entry){d0->series[i], muted ? s->theme.muted : own, 0};
            if (!muted && s->nhighlight) { /* as mark_color() draws them */
                e[i].color = csvchart_theme_highlight_color(&s->theme, own);
            }
            if (!B.series_hl && s->nhighlight && some_muted(chart, panels)) {
                /* categories highlighted, others muted: both versions */
                e[i].muted = csvchart_theme_muted_color(&s->theme, own);
            }
            other[i] = muted; /* the muted in one entry: "4 other series" */
        }
        if ((st = csvchart_layout_distinct_colors(&B.L, e, d0->nser, "series", "series", false,
                                                  err))) {
            free(e);
            free(other);
            goto done;
        }
        csvchart_layout_legend_others(&B.L, e, other, d0->nser);
        free(e);
        free(other);
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
