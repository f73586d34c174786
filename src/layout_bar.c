/*
 * layout_bar.c - bar charts: vertical or horizontal; single, grouped, stacked or range
 * series; bars, dots or lollipops; linear or log10 value axes; small multiples; a ratio
 * callout.
 *
 * Input is a bound struct bar_chart (panels of categories x series); output is scene items.
 *
 *   1. the frame (title, subtitle, notes - including the log baseline note - and source)
 *      and, for several series, a legend;
 *   2. orientation: vertical unless asked, or unless a category name would need more than
 *      three lines (or a broken word) under its bar - then horizontal, where names wrap in a
 *      left-hand column shared by every panel so the panels align;
 *   3. panels (one, or one per facet value): horizontal panels stack top to bottom, vertical
 *      ones sit side by side, sized by their number of categories, each with its own axis;
 *   4. per panel, the value axis: ticks over the data (zero included on a linear axis;
 *      decades on a log axis), the domain grown until value labels fit inside the plot and,
 *      horizontally, until no two tick labels touch;
 *   5. gridlines, the ratio leaders, marks, the baseline, tick, category and value labels.
 *
 *     vertical                          horizontal
 *     $60 -+--------------------        Long category   |#########  $60
 *          |          ##  $60           name, wrapped   |
 *     $30 -+---  ##---##--------        Short           |##  $0.07
 *          |     ##   ##                                +----+----+----
 *       0 -+=====##===##========                        0   $20  $40
 *             Short  Long name
 *
 * On a log axis bars start at the decade at or below the smallest value (never at an
 * arbitrary value), and a note under the chart says where.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "bar_data.h"
#include "format.h"
#include "layout.h"
#include "scale.h"

#define MAX_CAT_LINES 3

/* What every panel shares. */
struct bar_layout {
    struct layout L;
    const struct bar_chart *chart;
    const struct spec *s;
    bool horizontal;
    bool labels;
    struct text_style label; /* category and value labels (may shrink for many bars) */
    double col;              /* horizontal: the category column's width */
    size_t col_lines;        /* horizontal: lines a category name may take */
    size_t name_stride;      /* horizontal: every name_stride-th name is drawn (too many) */
    double short_w, short_h; /* px the tightest panel's plot lacks (too small a figure) */
};

/* One panel being laid out. */
struct panel {
    const struct bar_data *d;
    struct value_format fmt; /* the spec's, with the panel's unit */
    char **value_text;       /* per (cat, series): the value label */
    double label_max_w; /* the widest value label; measured on first need (label_width()) */
    bool label_max_w_set;
    bool *highlighted; /* per category */
    double lo, hi;     /* data extent along the value axis (zero included when linear) */
    struct ticks ticks;
    struct scale sc;
    double px0, px1, py0, py1; /* plot box */
    double band, bar;
    double base; /* where bars start: 0, or the log floor */
    double pad_lo; /* data units of room below ticks.lo, without ticks (label room) */
    double ratio_room; /* px reserved for the ratio callout */
    bool log;          /* a log10 value axis */
};

static size_t idx(const struct panel *P, size_t c, size_t s)
{
    return c * P->d->nser + s;
}

static bool is_log(const struct bar_layout *B)
{
    return B->s->log;
}

/* ---- data extent and labels -------------------------------------------------------------- */

static void extent(const struct bar_layout *B, struct panel *P)
{
    const struct bar_data *d = P->d;
    double lo = is_log(B) ? INFINITY : 0, hi = is_log(B) ? -INFINITY : 0;
    for (size_t c = 0; c < d->ncat; c++) {
        double pos = 0, neg = 0;
        for (size_t s = 0; s < d->nser; s++) {
            if (!d->has[idx(P, c, s)]) {
                continue;
            }
            double v = d->v[idx(P, c, s)];
            if (B->s->stack) {
                *(v >= 0 ? &pos : &neg) += v;
                continue;
            }
            hi = fmax(hi, v);
            lo = fmin(lo, d->low ? d->low[idx(P, c, s)] : v);
        }
        if (B->s->stack) {
            hi = fmax(hi, pos);
            lo = fmin(lo, neg);
        }
    }
    if (!isfinite(lo) || !isfinite(hi)) { /* cannot happen: panels have values */
        lo = 1, hi = 10;
    }
    P->lo = lo;
    P->hi = hi;
}

static bool format_values(const struct bar_layout *B, struct panel *P)
{
    const struct bar_data *d = P->d;
    P->fmt = B->s->format;
    csvchart_format_set_unit(&P->fmt, &d->unit);
    /* A log axis over many decades reads "$1M $1B $1T", not "1,000,000,000,000". */
    if (P->log && P->fmt.kind == FORMAT_AUTO && (P->hi >= 1e6 || P->lo <= -1e6)) {
        P->fmt.kind = FORMAT_SI;
    }
    P->value_text = calloc(d->ncat * d->nser, sizeof *P->value_text);
    P->highlighted = calloc(d->ncat, sizeof *P->highlighted);
    if (!P->value_text || !P->highlighted) {
        return false;
    }
    for (size_t i = 0; i < d->ncat * d->nser; i++) {
        if (!d->has[i]) {
            continue;
        }
        char buf[128], low[64];
        csvchart_format_value(&P->fmt, d->v[i], buf, sizeof buf);
        if (d->low) { /* the widest of the two end labels counts */
            csvchart_format_value(&P->fmt, d->low[i], low, sizeof low);
            if (d->open[i]) {
                snprintf(buf, sizeof buf, "%s+", low);
            }
        }
        P->value_text[i] = csvchart_strdup(buf);
        if (!P->value_text[i]) {
            return false;
        }
    }
    return true;
}

/*
 * The widest value label (for ranges, of either end), measured when first asked: a chart
 * whose labels cannot be drawn anyway (a thousand thin bars) never shapes them.
 */
static double label_width(const struct bar_layout *B, struct panel *P)
{
    const struct bar_data *d = P->d;
    for (size_t i = 0; !P->label_max_w_set && i < d->ncat * d->nser; i++) {
        if (!d->has[i]) {
            continue;
        }
        if (d->low) {
            char low[64];
            csvchart_format_value(&P->fmt, d->low[i], low, sizeof low);
            P->label_max_w = fmax(P->label_max_w, csvchart_layout_width(&B->L, &B->label, low));
        }
        P->label_max_w = fmax(P->label_max_w,
                              csvchart_layout_width(&B->L, &B->label, P->value_text[i]));
    }
    P->label_max_w_set = true;
    return P->label_max_w;
}

static void panel_fini(struct panel *P)
{
    if (P->value_text) {
        for (size_t i = 0; i < P->d->ncat * P->d->nser; i++) {
            free(P->value_text[i]);
        }
    }
    free(P->value_text);
    free(P->highlighted);
}

static csvchart_rgba mark_color(const struct bar_layout *B, const struct panel *P, size_t c,
                                size_t s)
{
    const struct theme *t = &B->s->theme;
    if (B->s->nhighlight && !P->highlighted[c]) {
        return t->muted;
    }
    return t->palette[s % t->npalette];
}

static csvchart_rgba label_color(const struct bar_layout *B, const struct panel *P, size_t c)
{
    return B->s->nhighlight && !P->highlighted[c] ? B->s->theme.faint : B->s->theme.text;
}

/* Marks the highlighted categories of every panel; a name found nowhere is an error. */
static csvchart_status check_highlight(struct bar_layout *B, struct panel *panels,
                                       csvchart_error *err)
{
    for (size_t i = 0; i < B->s->nhighlight; i++) {
        const char *name = B->s->highlight[i];
        bool found = false;
        for (size_t p = 0; p < B->chart->npanels; p++) {
            const struct bar_data *d = panels[p].d;
            for (size_t c = 0; c < d->ncat; c++) {
                if (strcmp(d->cats[c], name) == 0) {
                    panels[p].highlighted[c] = true;
                    found = true;
                }
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
                                      "highlight: no category named \"%s\"; the categories are "
                                      "%s",
                                      name, list);
        }
    }
    return CSVCHART_OK;
}

/* ---- the value axis ---------------------------------------------------------------------- */

static void tick_label(const struct panel *P, double v, char *buf, size_t n)
{
    csvchart_format_tick(&P->fmt, v, P->log ? v : P->ticks.step, buf, n);
}

/*
 * Chooses ticks for an axis of `len` px so that `need_hi` px stay free beyond the largest
 * value and `need_lo` px below the smallest one that carries a label there.
 */
static void choose_ticks(const struct bar_layout *B, struct panel *P, double len, double spacing,
                         double need_hi, double need_lo)
{
    int target = (int)floor(len / spacing) + 1;
    target = target < 3 ? 3 : target > 9 ? 9 : target;
    double lo = P->lo, hi = P->hi;
    P->pad_lo = 0;
    bool low_labels = P->d->low != NULL || (!is_log(B) && P->lo < 0);
    for (int iter = 0; iter < 8; iter++) {
        if (is_log(B)) {
            csvchart_ticks_log(lo, hi, target, &P->ticks);
        } else {
            /* Extended Wilkinson may trade density for a simpler step (0..900 by 100 for a
             * target of 7); a graphics desk would rather have fewer, so ask for fewer until
             * the count is within two of the target. */
            for (int t = target; t >= 2; t--) {
                csvchart_ticks_linear(lo, hi, t, &P->ticks);
                if ((int)P->ticks.nmajor <= target + 1) {
                    break;
                }
            }
        }
        double span = is_log(B) ? log10(P->ticks.hi / P->ticks.lo) : P->ticks.hi - P->ticks.lo;
        double room_hi = is_log(B) ? log10(P->ticks.hi / P->hi) : P->ticks.hi - P->hi;
        double room_lo = is_log(B) ? log10(P->lo / P->ticks.lo) : P->lo - P->ticks.lo;
        bool ok = true;
        if ((is_log(B) || P->hi > 0) && room_hi / span * len < need_hi) {
            double grow = need_hi / len * span * 1.05;
            hi = is_log(B) ? P->hi * pow(10, grow) : P->hi + grow;
            ok = false;
        }
        if (low_labels && room_lo / span * len < need_lo) {
            if (!is_log(B) && P->lo >= 0) {
                /* Data at or above zero: the ticks stay at zero and up; the room for the
                 * labels under the bars is a margin below the axis (pad_lo), so no tick
                 * suggests negative data. */
                double missing = need_lo - room_lo / span * len;
                P->pad_lo = missing / (len - missing) * span * 1.05;
            } else {
                double grow = need_lo / len * span * 1.05;
                lo = is_log(B) ? P->lo / pow(10, grow) : P->lo - grow;
                ok = false;
            }
        }
        if (ok) {
            break;
        }
    }
    P->base = is_log(B) ? P->ticks.lo : 0;
}

/* Draws the gridlines (major and, on a log axis, minor) across the plot. */
/* A tick below zero that exists only to make room for labels under bars that start at or
 * above zero is not drawn: the axis must not suggest negative data. */
static bool tick_shown(const struct panel *P, double v)
{
    return P->log || v >= 0 || P->lo < 0;
}

static void gridlines(struct bar_layout *B, struct panel *P)
{
    struct layout *L = &B->L;
    const struct theme *t = &B->s->theme;
    csvchart_rgba minor = (t->grid & 0xFFFFFF00u) | 0x90u;
    /* Minor lines (2..9 x each decade) help only while a decade is roomy: otherwise they
     * crowd into a grey band. */
    double len = B->horizontal ? P->px1 - P->px0 : P->py1 - P->py0;
    double decade_px = P->log ? len / log10(P->ticks.hi / P->ticks.lo) : 0;
    size_t nminor = decade_px >= 110 * L->u ? P->ticks.nminor : 0;
    for (size_t i = 0; i < nminor; i++) {
        double p = csvchart_layout_snap(L, csvchart_scale_map(&P->sc, P->ticks.minor[i]), L->u);
        if (B->horizontal) {
            csvchart_scene_line(L->scene, p, P->py0, p, P->py1, minor, L->u);
        } else {
            csvchart_scene_line(L->scene, P->px0, p, P->px1, p, minor, L->u);
        }
    }
    for (size_t i = 0; i < P->ticks.nmajor; i++) {
        double v = P->ticks.major[i];
        if (v == P->base || !tick_shown(P, v)) {
            continue; /* the baseline is drawn over the marks */
        }
        double p = csvchart_layout_snap(L, csvchart_scale_map(&P->sc, v), L->u);
        if (B->horizontal) {
            csvchart_scene_line(L->scene, p, P->py0, p, P->py1, t->grid, L->u);
        } else {
            csvchart_scene_line(L->scene, P->px0, p, P->px1, p, t->grid, L->u);
        }
    }
}

/* ---- marks ------------------------------------------------------------------------------- */

/*
 * Bands thinner than 3 device pixels (hundreds of categories) draw their bars edge to edge:
 * bars and gaps snapped to whole pixels alternated into stripes (moire). Edge to edge,
 * neighbours share their snapped edge (marks() computes both from one expression), so every
 * pixel row belongs to exactly one bar: a solid profile of the data, with no antialiased
 * seams letting the background through.
 */
static bool thin_band(const struct layout *L, double band)
{
    return band * L->scale < 3.0;
}

/* How thick a bar is across its band: `fill` of the band (all of a thin one) shared by
 * `across` bars, at most `most`. */
static double bar_thickness(const struct layout *L, double band, size_t across, double fill,
                            double most)
{
    return fmin(band * (thin_band(L, band) ? 1 : fill) / (double)across, most);
}

/*
 * Draws one mark from value `from` to `to` across [a, b) (px across the band), in the value
 * direction of the panel. Returns the px box of the mark's far end for labels:
 * *end_px is where the value ends along the value axis.
 */

static void draw_mark(struct bar_layout *B, struct panel *P, size_t c, size_t s, double from,
                      double to, bool open, double a, double b)
{
    struct layout *L = &B->L;
    csvchart_rgba color = mark_color(B, P, c, s);
    double pf = csvchart_scale_map(&P->sc, from), pt = csvchart_scale_map(&P->sc, to);
    double tip = pt; /* an open range runs to the end of the axis */
    if (open) {
        tip = csvchart_scale_map(&P->sc, P->ticks.hi);
        pt = tip;
    }
    double mid = (a + b) / 2;
    struct scene_item *it = NULL;
    enum mark m = B->s->mark;
    if (m == MARK_BAR) {
        double ca = csvchart_layout_snap(L, a, 0), cb = csvchart_layout_snap(L, b, 0);
        if (open) {
            /* Open-ended ("$100M+"): solid for the known part, then a fade to the axis end -
             * "at least this much", with no end the data does not give. */
            enum { steps = 16 };
            double solid = pf + (tip - pf) * 0.35;
            double cuts[steps + 2];
            cuts[0] = pf;
            for (int k = 0; k <= steps; k++) {
                cuts[k + 1] = solid + (tip - solid) * k / steps;
            }
            for (int k = 0; k <= steps; k++) {
                double lo = csvchart_layout_snap(L, fmin(cuts[k], cuts[k + 1]), 0);
                double hi = csvchart_layout_snap(L, fmax(cuts[k], cuts[k + 1]), 0);
                unsigned alpha = k == 0 ? 255u : (unsigned)(230.0 * (steps - k + 1) / (steps + 1));
                csvchart_rgba c2 = (color & 0xFFFFFF00u) | (alpha & 0xFFu);
                struct scene_item *seg =
                    B->horizontal ? csvchart_scene_rect(L->scene, lo, ca, hi - lo, cb - ca, c2)
                                  : csvchart_scene_rect(L->scene, ca, lo, cb - ca, hi - lo, c2);
                it = k == 0 ? seg : it;
                if (k == 0 && seg) {
                    char title[300];
                    snprintf(title, sizeof title, "%s: %s", P->d->cats[c],
                             P->value_text[idx(P, c, s)]);
                    csvchart_scene_item_set_title(L->scene, seg, title);
                    it = NULL; /* titled already */
                }
            }
            return;
        }
        double lo = csvchart_layout_snap(L, fmin(pf, pt), 0);
        double hi = csvchart_layout_snap(L, fmax(pf, pt), 0);
        /* A value that is not zero never draws as nothing: two device pixels at least, so it
         * still shows beside the baseline drawn over the bars. */
        if (to != from && hi - lo < 2 / L->scale) {
            bool up = B->horizontal ? pt > pf : pt < pf;
            if (B->horizontal == up) {
                hi = lo + 2 / L->scale;
            } else {
                lo = hi - 2 / L->scale;
            }
        }
        it = B->horizontal ? csvchart_scene_rect(L->scene, lo, ca, hi - lo, cb - ca, color)
                           : csvchart_scene_rect(L->scene, ca, lo, cb - ca, hi - lo, color);
    } else {
        /* dot, lollipop, and dumbbells for ranges: a stem and a dot at each valued end */
        double r = fmin(fmax(fabs(b - a) * 0.3, 4.5 * L->u), 8 * L->u);
        bool stem = m == MARK_LOLLIPOP || P->d->low;
        if (stem) {
            double w = fmax(2 * L->u, 1);
            if (B->horizontal) {
                csvchart_scene_line(L->scene, pf, mid, open ? tip : pt, mid, color, w);
            } else {
                csvchart_scene_line(L->scene, mid, pf, mid, open ? tip : pt, color, w);
            }
        }
        if (P->d->low) {
            csvchart_scene_circle(L->scene, B->horizontal ? pf : mid, B->horizontal ? mid : pf,
                                  r, color);
        }
        if (!open) {
            it = csvchart_scene_circle(L->scene, B->horizontal ? pt : mid,
                                       B->horizontal ? mid : pt, r, color);
        } else {
            struct scene_point tri[3];
            double h = r * 1.6;
            if (B->horizontal) {
                tri[0] = (struct scene_point){tip - h, mid - r};
                tri[1] = (struct scene_point){tip, mid};
                tri[2] = (struct scene_point){tip - h, mid + r};
            } else {
                tri[0] = (struct scene_point){mid - r, tip + h};
                tri[1] = (struct scene_point){mid, tip};
                tri[2] = (struct scene_point){mid + r, tip + h};
            }
            csvchart_scene_path(L->scene, tri, 3, true, color, CSVCHART_RGBA_NONE, 0);
        }
    }
    if (it) {
        char title[300];
        const struct bar_data *d = P->d;
        snprintf(title, sizeof title, "%s%s%s: %s", d->cats[c], d->nser > 1 ? ", " : "",
                 d->nser > 1 ? d->series[s] : "", P->value_text[idx(P, c, s)]);
        csvchart_scene_item_set_title(L->scene, it, title);
    }
}

/* The radius of dots, for label offsets. */
static double mark_overhang(const struct bar_layout *B, double thickness)
{
    if (B->s->mark == MARK_BAR) {
        return 0;
    }
    return fmin(fmax(thickness * 0.3, 4.5 * B->L.u), 8 * B->L.u);
}

/*
 * A value label beside the end `p` (px along the value axis) of a mark centred at `mid`
 * across; `after` is true when the label goes beyond the end (the larger value side).
 */
static void value_label(struct bar_layout *B, const char *text, csvchart_rgba color, double p,
                        double mid, bool after, double overhang)
{
    struct layout *L = &B->L;
    double lh = csvchart_layout_line_height(L, &B->label);
    double asc = csvchart_layout_ascent(L, &B->label);
    double gap = 6 * L->u + overhang;
    if (B->horizontal) {
        csvchart_layout_text(L, &B->label, color, text, strlen(text), after ? p + gap : p - gap,
                             mid + asc - lh / 2, after ? TEXT_ANCHOR_START : TEXT_ANCHOR_END);
    } else {
        double base = after ? p - gap - (lh - asc) : p + gap - 2 * L->u + asc;
        csvchart_layout_text(L, &B->label, color, text, strlen(text), mid, base,
                             TEXT_ANCHOR_MIDDLE);
    }
}

/* Draws every mark of a panel and, when asked, its value labels. */
static void marks(struct bar_layout *B, struct panel *P)
{
    struct layout *L = &B->L;
    const struct bar_data *d = P->d;
    const struct theme *t = &B->s->theme;
    double lh = csvchart_layout_line_height(L, &B->label);
    double asc = csvchart_layout_ascent(L, &B->label);
    size_t across = B->s->stack ? 1 : d->nser;
    double gap = across > 1 ? fmin(2 * L->u, P->bar * 0.1) : 0;
    double over = mark_overhang(B, P->bar);
    bool grows_up = true; /* larger values: up (vertical) or right (horizontal) */
    for (size_t c = 0; c < d->ncat; c++) {
        double start = B->horizontal ? P->py0 : P->px0;
        double center = start + P->band * ((double)c + 0.5);
        double pos = 0, neg = 0;
        for (size_t s = 0; s < d->nser; s++) {
            size_t i = idx(P, c, s);
            if (!d->has[i]) {
                continue;
            }
            double v = d->v[i];
            double a = center - P->bar * (double)across / 2 +
                       (B->s->stack ? 0 : P->bar * (double)s) + gap / 2;
            double b = a + P->bar - gap;
            if (thin_band(L, P->band)) {
                /* Edge to edge (thin_band()): neighbours' edges computed by one expression,
                 * so they snap to the same pixel and leave no row uncovered. */
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
            draw_mark(B, P, c, s, from, to, open, a, b);
            if (!B->labels) {
                continue;
            }
            const char *text = P->value_text[i];
            double mid = (a + b) / 2;
            double pf = csvchart_scale_map(&P->sc, from), pt = csvchart_scale_map(&P->sc, to);
            if (B->s->stack) { /* inside the segment, when it fits */
                double tw = csvchart_layout_width(L, &B->label, text);
                double along = fabs(pt - pf), thick = b - a;
                bool fits = B->horizontal ? tw + 8 * L->u <= along && thick >= lh * 0.9
                                          : along >= lh && tw + 6 * L->u <= thick;
                if (fits) {
                    csvchart_rgba bg = mark_color(B, P, c, s);
                    csvchart_rgba fg = csvchart_contrast(bg, t->on_dark) >= 4.5 ? t->on_dark
                                                                                  : t->on_light;
                    double cx = B->horizontal ? (pf + pt) / 2 : mid;
                    double cy = B->horizontal ? mid : (pf + pt) / 2;
                    csvchart_layout_text(L, &B->label, fg, text, strlen(text), cx,
                                         cy + asc - lh / 2, TEXT_ANCHOR_MIDDLE);
                }
                continue;
            }
            csvchart_rgba color = label_color(B, P, c);
            if (d->low) {
                char low[64];
                if (open) { /* "$100M+" sits before the start; the arrow says the rest */
                    value_label(B, text, color, pf, mid, !grows_up, over);
                    continue;
                }
                csvchart_format_value(&P->fmt, d->low[i], low, sizeof low);
                value_label(B, low, color, pf, mid, !grows_up, over);
                value_label(B, text, color, pt, mid, grows_up, over);
                continue;
            }
            value_label(B, text, color, pt, mid, v >= 0 ? grows_up : !grows_up, over);
        }
    }
}

/* ---- the ratio callout ------------------------------------------------------------------- */

/* The callout text: the template with {ratio} replaced (857.14 -> "857", 5.24 -> "5.2"). */
static void ratio_text(const struct spec *s, double ratio, char *buf, size_t n)
{
    char num[64];
    if (ratio < 10) {
        snprintf(num, sizeof num, "%.1f", ratio);
        size_t k = strlen(num);
        if (k > 2 && strcmp(num + k - 2, ".0") == 0) {
            num[k - 2] = '\0';
        }
    } else {
        snprintf(num, sizeof num, "%.0f", floor(ratio + 0.5));
    }
    size_t used = 0;
    for (const char *p = s->ratio_label; *p && used + 1 < n;) {
        if (strncmp(p, "{ratio}", 7) == 0) {
            used += (size_t)snprintf(buf + used, n - used, "%s", num);
            used = used < n ? used : n - 1;
            p += 7;
        } else {
            buf[used++] = *p++;
        }
    }
    buf[used] = '\0';
}

/* The categories with the smallest and largest value of the first series. */
static void ratio_ends(const struct panel *P, size_t *cmin, size_t *cmax)
{
    const struct bar_data *d = P->d;
    *cmin = *cmax = (size_t)-1;
    for (size_t c = 0; c < d->ncat; c++) {
        size_t i = idx(P, c, 0);
        if (!d->has[i] || d->v[i] <= 0) {
            continue;
        }
        if (*cmin == (size_t)-1 || d->v[i] < d->v[idx(P, *cmin, 0)]) {
            *cmin = c;
        }
        if (*cmax == (size_t)-1 || d->v[i] > d->v[idx(P, *cmax, 0)]) {
            *cmax = c;
        }
    }
}

static double ratio_width(const struct bar_layout *B, const struct panel *P)
{
    size_t cmin, cmax;
    ratio_ends(P, &cmin, &cmax);
    if (cmin == (size_t)-1) {
        return 0;
    }
    char buf[256];
    ratio_text(B->s, P->d->v[idx(P, cmax, 0)] / P->d->v[idx(P, cmin, 0)], buf, sizeof buf);
    struct text_style bold = B->label;
    bold.weight = 700;
    bold.size_px = B->L.subtitle.size_px;
    return csvchart_layout_width(&B->L, &bold, buf);
}

/*
 *   vertical:            ##  ---+                horizontal:      857x
 *                        ##     |  857x               +-----------------------+
 *                   ##---##  ---+                     :                       :
 * A bracket beside (or above) the bars between the smallest and the largest value, dashed
 * leaders from each bar's end to it, and the multiple in bold.
 */
static void ratio_callout(struct bar_layout *B, struct panel *P, bool leaders_only)
{
    struct layout *L = &B->L;
    const struct bar_data *d = P->d;
    const struct theme *t = &B->s->theme;
    size_t cmin, cmax;
    ratio_ends(P, &cmin, &cmax);
    if (cmin == (size_t)-1 || cmin == cmax) {
        return;
    }
    double vmin = d->v[idx(P, cmin, 0)], vmax = d->v[idx(P, cmax, 0)];
    double pmin = csvchart_scale_map(&P->sc, vmin), pmax = csvchart_scale_map(&P->sc, vmax);
    double over = mark_overhang(B, P->bar);
    size_t across = B->s->stack ? 1 : d->nser;
    double w = fmax(L->u, 1);
    csvchart_rgba leader = t->faint;
    struct text_style bold = B->label;
    bold.weight = 700;
    bold.size_px = L->subtitle.size_px;
    char buf[256];
    ratio_text(B->s, vmax / vmin, buf, sizeof buf);
    if (!B->horizontal) {
        double xb = P->px1 + 12 * L->u; /* the bracket, right of the plot */
        for (int k = 0; k < 2; k++) {
            size_t c = k ? cmax : cmin;
            double y = csvchart_layout_snap(L, k ? pmax : pmin, w);
            double bar_right = P->px0 + P->band * ((double)c + 0.5) -
                               P->bar * (double)across / 2 + P->bar + over;
            if (leaders_only) {
                struct scene_item *it =
                    csvchart_scene_line(L->scene, bar_right + 3 * L->u, y, xb, y, leader, w);
                if (it) {
                    it->dash = 3 * L->u;
                }
            }
        }
        if (leaders_only) {
            return;
        }
        double y0 = csvchart_layout_snap(L, pmax, w), y1 = csvchart_layout_snap(L, pmin, w);
        double xs = csvchart_layout_snap(L, xb, w);
        csvchart_scene_line(L->scene, xs, y0, xs, y1, t->text, w * 1.5);
        csvchart_scene_line(L->scene, xs - 6 * L->u, y0, xs, y0, t->text, w * 1.5);
        csvchart_scene_line(L->scene, xs - 6 * L->u, y1, xs, y1, t->text, w * 1.5);
        double lh = csvchart_layout_line_height(L, &bold), asc = csvchart_layout_ascent(L, &bold);
        csvchart_layout_text(L, &bold, t->title, buf, strlen(buf), xs + 8 * L->u,
                             (y0 + y1) / 2 + asc - lh / 2, TEXT_ANCHOR_START);
        return;
    }
    /* horizontal: the bracket runs along x in the strip reserved above the bars */
    double lh = csvchart_layout_line_height(L, &bold), asc = csvchart_layout_ascent(L, &bold);
    double yb = csvchart_layout_snap(L, P->py0 - 8 * L->u, w);
    double xa = csvchart_layout_snap(L, fmin(pmin, pmax), w);
    double xz = csvchart_layout_snap(L, fmax(pmin, pmax), w);
    if (leaders_only) {
        for (int k = 0; k < 2; k++) {
            size_t c = k ? cmax : cmin;
            double x = csvchart_layout_snap(L, csvchart_scale_map(&P->sc, k ? vmax : vmin), w);
            double bar_top = P->py0 + P->band * ((double)c + 0.5) - P->bar * (double)across / 2 -
                             over;
            struct scene_item *it =
                csvchart_scene_line(L->scene, x, yb, x, bar_top - 2 * L->u, leader, w);
            if (it) {
                it->dash = 3 * L->u;
            }
        }
        return;
    }
    csvchart_scene_line(L->scene, xa, yb, xz, yb, t->text, w * 1.5);
    csvchart_scene_line(L->scene, xa, yb, xa, yb + 6 * L->u, t->text, w * 1.5);
    csvchart_scene_line(L->scene, xz, yb, xz, yb + 6 * L->u, t->text, w * 1.5);
    csvchart_layout_text(L, &bold, t->title, buf, strlen(buf), (xa + xz) / 2,
                         yb - 6 * L->u - (lh - asc), TEXT_ANCHOR_MIDDLE);
}

/* ---- vertical panels --------------------------------------------------------------------- */

static size_t lines_needed(const struct bar_layout *B, const char *name, double w)
{
    struct text_line lines[MAX_CAT_LINES + 1];
    size_t n = csvchart_text_wrap(B->L.m, &B->label, name, w, lines, MAX_CAT_LINES + 1);
    return n > MAX_CAT_LINES ? MAX_CAT_LINES : n ? n : 1;
}

/* Would every category name sit under its bar in at most three lines, no word broken? */
static bool vertical_fits(const struct bar_layout *B, const struct bar_data *d, double band)
{
    const struct layout *L = &B->L;
    double w = band - 8 * L->u;
    if (w < 24 * L->u) {
        return false;
    }
    for (size_t c = 0; c < d->ncat; c++) {
        const char *name = d->cats[c];
        struct text_line lines[MAX_CAT_LINES + 1];
        if (csvchart_text_wrap(L->m, &B->label, name, w, lines, MAX_CAT_LINES + 1) >
            MAX_CAT_LINES) {
            return false;
        }
        for (const char *p = name; *p;) { /* a word that would have to be broken */
            const char *q = p;
            while (*q && *q != ' ') {
                q++;
            }
            struct text_metrics tm;
            L->m->measure(L->m->ctx, &B->label, p, (size_t)(q - p), &tm);
            if (tm.width > w) {
                return false;
            }
            p = *q ? q + 1 : q;
        }
    }
    return true;
}

static void tick_labels_vertical(struct bar_layout *B, struct panel *P)
{
    struct layout *L = &B->L;
    double lh = csvchart_layout_line_height(L, &B->label);
    double asc = csvchart_layout_ascent(L, &B->label);
    for (size_t i = 0; i < P->ticks.nmajor; i++) {
        char buf[64];
        double v = P->ticks.major[i];
        if (!tick_shown(P, v)) {
            continue;
        }
        tick_label(P, v, buf, sizeof buf);
        double y = csvchart_layout_snap(L, csvchart_scale_map(&P->sc, v), L->u);
        csvchart_layout_text(L, &B->label, B->s->theme.faint, buf, strlen(buf),
                             P->px0 - 10 * L->u, y + asc - lh / 2, TEXT_ANCHOR_END);
    }
}

/*
 * Whether a panel's plot has room for its bars: `along` px for the value axis (16 at least)
 * and `across` px for its categories (1 each). When titles, notes, labels and panels leave
 * less, the panel is not drawn and the figure is refused (csvchart_layout_bar): bars of
 * negative size are no picture (issue 10; the scene asserts sizes >= 0).
 */
static bool plot_has_room(struct bar_layout *B, const struct panel *P, double along,
                          double across)
{
    double need_along = 16 * B->L.u, need_across = (double)P->d->ncat;
    bool horizontal = B->horizontal;
    double w = horizontal ? along : across, h = horizontal ? across : along;
    double need_w = horizontal ? need_along : need_across;
    double need_h = horizontal ? need_across : need_along;
    B->short_w = fmax(B->short_w, need_w - w);
    B->short_h = fmax(B->short_h, need_h - h);
    return w >= need_w && h >= need_h;
}

static void layout_vertical(struct bar_layout *B, struct panel *P, double left, double right,
                            double top, double bottom)
{
    struct layout *L = &B->L;
    const struct bar_data *d = P->d;
    const struct theme *t = &B->s->theme;
    double lh = csvchart_layout_line_height(L, &B->label);
    double asc = csvchart_layout_ascent(L, &B->label);
    double over = mark_overhang(B, 40 * L->u);

    /* Tick labels need a gutter; its width depends on the ticks, which depend on the plot
     * height, which depends on how many lines the category names need, which depends on the
     * band width, which depends on the gutter. Two rounds settle it. */
    double gutter = 48 * L->u;
    P->ratio_room = B->s->ratio ? ratio_width(B, P) + 24 * L->u : 0;
    for (int round = 0; round < 2; round++) {
        P->px0 = left + gutter;
        P->px1 = right - P->ratio_room;
        P->band = (P->px1 - P->px0) / (double)d->ncat;
        size_t lines = 1;
        for (size_t c = 0; c < d->ncat; c++) {
            size_t n = lines_needed(B, d->cats[c], P->band - 8 * L->u);
            lines = n > lines ? n : lines;
        }
        P->py0 = top + lh / 2;
        P->py1 = bottom - (double)lines * lh - 10 * L->u;
        double need = B->labels ? lh + 6 * L->u + over : over;
        choose_ticks(B, P, P->py1 - P->py0, 72 * L->u, need, need);
        double w = 0;
        for (size_t i = 0; i < P->ticks.nmajor; i++) {
            char buf[64];
            tick_label(P, P->ticks.major[i], buf, sizeof buf);
            w = fmax(w, csvchart_layout_width(L, &B->label, buf));
        }
        gutter = w + 12 * L->u;
    }
    if (!plot_has_room(B, P, P->py1 - P->py0, P->px1 - P->px0)) {
        return;
    }
    P->sc = (struct scale){is_log(B) ? SCALE_LOG : SCALE_LINEAR, P->ticks.lo - P->pad_lo,
                           P->ticks.hi, P->py1,
                           P->py0};
    size_t across = B->s->stack ? 1 : d->nser;
    P->bar = bar_thickness(L, P->band, across, across > 1 ? 0.8 : 0.66, 110 * L->u);

    gridlines(B, P);
    if (B->s->ratio) {
        ratio_callout(B, P, true);
    }
    marks(B, P);
    double yz = csvchart_layout_snap(L, csvchart_scale_map(&P->sc, P->base), 1.5 * L->u);
    csvchart_scene_line(L->scene, P->px0, yz, P->px1, yz, t->axis, 1.5 * L->u);
    tick_labels_vertical(B, P);
    for (size_t c = 0; c < d->ncat; c++) {
        double center = P->px0 + P->band * ((double)c + 0.5);
        csvchart_layout_paragraph(L, &B->label, t->text, d->cats[c], center,
                                  P->py1 + 10 * L->u + asc, P->band - 8 * L->u, MAX_CAT_LINES,
                                  TEXT_ANCHOR_MIDDLE);
    }
    if (B->s->ratio) {
        ratio_callout(B, P, false);
    }
}

/* ---- horizontal panels ------------------------------------------------------------------- */

/* The category column: names wrap within 38% of the width; shared by every panel. */
static void category_column(struct bar_layout *B)
{
    struct layout *L = &B->L;
    double max_col = 0.38 * (L->right - L->left);
    B->col = 0;
    B->col_lines = 1;
    for (size_t p = 0; p < B->chart->npanels; p++) {
        const struct bar_data *d = &B->chart->panels[p];
        for (size_t c = 0; c < d->ncat; c++) {
            struct text_line lines[MAX_CAT_LINES];
            size_t need =
                csvchart_text_wrap(L->m, &B->label, d->cats[c], max_col, lines, MAX_CAT_LINES);
            size_t n = need < MAX_CAT_LINES ? need : MAX_CAT_LINES;
            for (size_t i = 0; i < n; i++) {
                B->col = fmax(B->col, lines[i].width);
            }
            B->col_lines = n > B->col_lines ? n : B->col_lines;
        }
    }
}

static void layout_horizontal(struct bar_layout *B, struct panel *P, double left, double right,
                              double top, double bottom)
{
    struct layout *L = &B->L;
    const struct bar_data *d = P->d;
    const struct theme *t = &B->s->theme;
    double lh = csvchart_layout_line_height(L, &B->label);
    double asc = csvchart_layout_ascent(L, &B->label);

    P->ratio_room = 0;
    if (B->s->ratio) {
        struct text_style bold = B->label;
        bold.size_px = L->subtitle.size_px;
        P->ratio_room = csvchart_layout_line_height(L, &bold) + 16 * L->u;
    }
    P->py0 = top + P->ratio_room;
    P->py1 = bottom - lh - 10 * L->u;
    P->band = (P->py1 - P->py0) / (double)d->ncat;
    size_t max_lines = B->col_lines;
    while ((double)max_lines * lh > P->band * 0.96 && max_lines > 1) {
        max_lines--;
    }
    P->px0 = left + B->col + 14 * L->u;
    P->px1 = right;
    if (!plot_has_room(B, P, P->px1 - P->px0, P->py1 - P->py0)) {
        return;
    }
    size_t across = B->s->stack ? 1 : d->nser;
    P->bar = bar_thickness(L, P->band, across, across > 1 ? 0.8 : 0.7, 56 * L->u);
    double over = mark_overhang(B, P->bar);

    /* Value axis along x; grow the domain until labels fit and tick labels do not touch. */
    double need = (B->labels ? label_width(B, P) + 8 * L->u : 0) + over;
    double spacing = 110 * L->u;
    char buf[64];
    for (int iter = 0; iter < 8; iter++) {
        choose_ticks(B, P, P->px1 - P->px0, spacing, need, need);
        tick_label(P, P->ticks.hi, buf, sizeof buf);
        /* the last tick label is centred on the right edge: keep it on the canvas */
        P->px1 = right - csvchart_layout_width(L, &B->label, buf) / 2;
        P->sc = (struct scale){is_log(B) ? SCALE_LOG : SCALE_LINEAR, P->ticks.lo - P->pad_lo,
                               P->ticks.hi,
                               P->px0, P->px1};
        bool clash = false;
        double prev_right = -1e9;
        for (size_t i = 0; i < P->ticks.nmajor; i++) {
            tick_label(P, P->ticks.major[i], buf, sizeof buf);
            double w = csvchart_layout_width(L, &B->label, buf);
            double x = csvchart_scale_map(&P->sc, P->ticks.major[i]);
            clash = clash || x - w / 2 < prev_right + 12 * L->u;
            prev_right = x + w / 2;
        }
        if (!clash) {
            break;
        }
        spacing *= 1.3;
    }

    gridlines(B, P);
    if (B->s->ratio) {
        ratio_callout(B, P, true);
    }
    marks(B, P);
    double xz = csvchart_layout_snap(L, csvchart_scale_map(&P->sc, P->base), 1.5 * L->u);
    csvchart_scene_line(L->scene, xz, P->py0, xz, P->py1, t->axis, 1.5 * L->u);
    for (size_t i = 0; i < P->ticks.nmajor; i++) {
        double v = P->ticks.major[i];
        if (!tick_shown(P, v)) {
            continue;
        }
        double x = csvchart_layout_snap(L, csvchart_scale_map(&P->sc, v), L->u);
        tick_label(P, v, buf, sizeof buf);
        csvchart_layout_text(L, &B->label, t->faint, buf, strlen(buf), x,
                             P->py1 + 8 * L->u + asc, TEXT_ANCHOR_MIDDLE);
    }
    for (size_t c = 0; c < d->ncat; c += B->name_stride) {
        /* The name, right-aligned in its column, its block centred on the band. */
        double center = P->py0 + P->band * ((double)c + 0.5);
        size_t n = lines_needed(B, d->cats[c], B->col + 0.5);
        n = n < max_lines ? n : max_lines;
        csvchart_layout_paragraph(L, &B->label, t->text, d->cats[c], P->px0 - 14 * L->u,
                                  center - (double)n * lh / 2 + asc, B->col + 0.5, n,
                                  TEXT_ANCHOR_END);
    }
    if (B->s->ratio) {
        ratio_callout(B, P, false);
    }
}

/* Whether category names at size0 - 0.5 * step px fit one line per category in the height. */
static bool label_rows_fit(struct bar_layout *B, double size0, int step, size_t np,
                           double title_h, double panel_gap, double height, size_t total)
{
    struct text_style st = B->label;
    st.size_px = size0 - 0.5 * step;
    double lh = csvchart_layout_line_height(&B->L, &st);
    double overhead = (double)np * (title_h + lh + 10 * B->L.u) + (double)(np - 1) * panel_gap;
    return lh <= (height - overhead) / (double)total * 0.96;
}

/* "st", "nd", "rd" or "th", for "every 27th name". */
static const char *ordinal_suffix(size_t n)
{
    if (n % 100 >= 11 && n % 100 <= 13) {
        return "th";
    }
    return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

/* ---- the whole figure -------------------------------------------------------------------- */

/* Decides whether value labels are drawn: asked for, or (auto) when they fit. */
static bool labels_fit(const struct bar_layout *B, struct panel *P, double band)
{
    const struct layout *L = &B->L;
    size_t across = B->s->stack ? 1 : P->d->nser;
    if (B->s->stack) {
        return true; /* drawn inside segments only where they fit */
    }
    if (B->horizontal) {
        return band / (double)across >= csvchart_layout_line_height(L, &B->label) * 0.95;
    }
    if (P->d->low) {
        return band >= csvchart_layout_line_height(L, &B->label);
    }
    return label_width(B, P) <= band * (across > 1 ? 0.8 : 0.95) / (double)across;
}

/* The SVG <desc>: one sentence about the data. */
static void describe(struct bar_layout *B, const struct panel *P)
{
    const struct bar_data *d = P->d;
    size_t lo = (size_t)-1, hi = (size_t)-1;
    for (size_t c = 0; c < d->ncat; c++) {
        if (!d->has[idx(P, c, 0)]) {
            continue;
        }
        if (lo == (size_t)-1 || d->v[idx(P, c, 0)] < d->v[idx(P, lo, 0)]) {
            lo = c;
        }
        if (hi == (size_t)-1 || d->v[idx(P, c, 0)] > d->v[idx(P, hi, 0)]) {
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
                 P->value_text[idx(P, lo, 0)], d->cats[hi], P->value_text[idx(P, hi, 0)]);
    } else if (n > 0 && (size_t)n < sizeof buf) {
        snprintf(buf + n, sizeof buf - (size_t)n, ".");
    }
    csvchart_scene_set_string(B->L.scene, &B->L.scene->desc, buf);
}

/* The log baseline note: where bars start, said once when every panel agrees. */
static void log_note(const struct bar_layout *B, struct panel *panels, char *buf, size_t n)
{
    buf[0] = '\0';
    if (!is_log(B)) {
        return;
    }
    if (B->chart->range || B->s->mark == MARK_DOT) {
        snprintf(buf, n, "Log scale.");
        return;
    }
    const char *what = B->s->mark == MARK_LOLLIPOP ? "stems" : "bars";
    double floor0 = 0;
    bool same = true;
    for (size_t p = 0; p < B->chart->npanels; p++) {
        double f = pow(10, floor(log10(panels[p].lo) + 1e-9));
        same = same && (p == 0 || f == floor0);
        floor0 = p == 0 ? f : floor0;
    }
    if (!same || B->chart->npanels == 0) {
        snprintf(buf, n, "Log scale; %s start at the lowest gridline of each panel.",
                 B->s->mark == MARK_LOLLIPOP ? "stems" : "bars");
        return;
    }
    char v[64];
    csvchart_format_tick(&panels[0].fmt, floor0, floor0, v, sizeof v);
    snprintf(buf, n, "Log scale; %s start at %s.", what, v);
}

/* The layout proper; *short_w, *short_h > 0 (and nothing more drawn) when the figure is too
 * small for the plots (plot_has_room()). */
static csvchart_status layout_bar(const struct bar_chart *chart, const struct spec *s,
                                  const csvchart_text_measurer *m, struct csvchart_scene *scene,
                                  struct csvchart_warnings *warn, csvchart_error *err,
                                  double *short_w, double *short_h)
{
    struct bar_layout B = {.chart = chart, .s = s, .name_stride = 1};
    csvchart_status st = CSVCHART_OK;
    (void)warn;
    csvchart_layout_begin(&B.L, s, m, scene);
    B.label = B.L.label;
    size_t np = chart->npanels;
    struct panel *panels = calloc(np, sizeof *panels);
    if (!panels) {
        return csvchart_error_nomem(err);
    }
    for (size_t p = 0; p < np; p++) {
        panels[p].d = &chart->panels[p];
        panels[p].log = s->log;
        extent(&B, &panels[p]);
        if (!format_values(&B, &panels[p])) {
            st = csvchart_error_nomem(err);
            goto done;
        }
    }
    if ((st = check_highlight(&B, panels, err))) {
        goto done;
    }

    char note[256];
    log_note(&B, panels, note, sizeof note);
    csvchart_layout_frame(&B.L, note);
    const struct bar_data *d0 = &chart->panels[0];
    if (d0->nser > 1) {
        struct legend_entry *e = calloc(d0->nser, sizeof *e);
        if (!e) {
            st = csvchart_error_nomem(err);
            goto done;
        }
        for (size_t i = 0; i < d0->nser; i++) {
            e[i] = (struct legend_entry){d0->series[i], s->theme.palette[i % s->theme.npalette]};
        }
        csvchart_layout_legend(&B.L, e, d0->nser);
        free(e);
    }

    /* Orientation, from the tightest panel. */
    size_t total = 0;
    for (size_t p = 0; p < np; p++) {
        total += chart->panels[p].ncat;
    }
    double width = B.L.right - B.L.left, height = B.L.bottom - B.L.top;
    double panel_gap = 36 * B.L.u;
    double est_band = (width - (double)np * 56 * B.L.u - (double)(np - 1) * panel_gap) /
                      (double)total;
    bool fits = true;
    for (size_t p = 0; p < np; p++) {
        fits = fits && vertical_fits(&B, &chart->panels[p], est_band);
    }
    B.horizontal = s->horizontal == TRI_TRUE || (s->horizontal == TRI_AUTO && !fits);

    /* Panel titles take a line above each panel when there are facets. */
    struct text_style ptitle = B.label;
    ptitle.weight = 700;
    double title_h = chart->panels[0].title ? csvchart_layout_line_height(&B.L, &ptitle) +
                                                  10 * B.L.u
                                            : 0;
    double lh = csvchart_layout_line_height(&B.L, &B.label);
    if (B.horizontal) {
        /* Too many categories for the height: smaller text, in steps of 0.5 px down to 9 px -
         * the largest step whose lines fit. Line heights only shrink with the size, so the
         * steps are searched by bisection: each size measured is a font loaded at that size. */
        double size0 = B.label.size_px;
        int most = size0 > 9 ? (int)ceil((size0 - 9) / 0.5 - 1e-9) : 0; /* 16 px: 14 steps */
        int lo = 0;
        if (most > 0 && !label_rows_fit(&B, size0, 0, np, title_h, panel_gap, height, total)) {
            int hi = most; /* the first step that fits, or the last one */
            lo = 1;
            while (lo < hi) {
                int mid = lo + (hi - lo) / 2;
                if (label_rows_fit(&B, size0, mid, np, title_h, panel_gap, height, total)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
        }
        B.label.size_px = size0 - 0.5 * lo;
        lh = csvchart_layout_line_height(&B.L, &B.label);
        double overhead = (double)np * (title_h + lh + 10 * B.L.u) + (double)(np - 1) * panel_gap;
        double per = (height - overhead) / (double)total * 0.96;
        if (lh > per) {
            /* Still too many at 9 px: every k-th name (one line each), so that names never
             * overlap, as axes of dates skip labels; the bars are all drawn. */
            double k = per > 0 ? ceil(lh / per) : (double)total; // no room at all: one name
            B.name_stride = (size_t)fmin(fmax(k, 1), (double)total);
            csvchart_warnings_add(warn,
                                  "%zu categories do not fit the figure's height; every %zu%s "
                                  "name is shown: use a taller size (about %.0f px) for all",
                                  total, B.name_stride, ordinal_suffix(B.name_stride),
                                  ceil(s->height + (double)total * lh / 0.96 -
                                       (height - overhead)));
        }
        category_column(&B);
    }
    B.labels = s->labels == TRI_TRUE;
    if (s->labels == TRI_AUTO) {
        B.labels = true;
        for (size_t p = 0; p < np; p++) {
            double band = B.horizontal ? (height - (double)np * title_h) / (double)total
                                       : est_band;
            B.labels = B.labels && labels_fit(&B, &panels[p], band);
        }
    }

    /* Panels: share the space in proportion to their categories. */
    double fixed = B.horizontal ? (double)np * (title_h + lh + 10 * B.L.u) : 0;
    double free_space = (B.horizontal ? height : width) - fixed - (double)(np - 1) * panel_gap;
    double pos = B.horizontal ? B.L.top : B.L.left;
    for (size_t p = 0; p < np; p++) {
        struct panel *P = &panels[p];
        double share = free_space * (double)P->d->ncat / (double)total;
        if (B.horizontal) {
            double top = pos, bottom = pos + title_h + share + lh + 10 * B.L.u;
            if (P->d->title) {
                csvchart_layout_paragraph(&B.L, &ptitle, s->theme.title, P->d->title, B.L.left,
                                          top + csvchart_layout_ascent(&B.L, &ptitle),
                                          width, 1, TEXT_ANCHOR_START);
            }
            layout_horizontal(&B, P, B.L.left, B.L.right, top + title_h, bottom);
            pos = bottom + panel_gap;
        } else {
            double left = pos, right = pos + share;
            if (P->d->title) {
                csvchart_layout_paragraph(&B.L, &ptitle, s->theme.title, P->d->title, left,
                                          B.L.top + csvchart_layout_ascent(&B.L, &ptitle),
                                          right - left, 1, TEXT_ANCHOR_START);
            }
            layout_vertical(&B, P, left, right, B.L.top + title_h, B.L.bottom);
            pos = right + panel_gap;
        }
    }
    *short_w = B.short_w;
    *short_h = B.short_h;
    if (B.short_w > 0 || B.short_h > 0) {
        goto done;
    }
    describe(&B, &panels[0]);
    if (scene->nomem) {
        st = csvchart_error_nomem(err);
    }
done:
    for (size_t p = 0; p < np; p++) {
        panel_fini(&panels[p]);
    }
    free(panels);
    return st;
}

csvchart_status csvchart_layout_bar(const struct bar_chart *chart, const struct spec *s,
                                    const csvchart_text_measurer *m,
                                    struct csvchart_scene *scene,
                                    struct csvchart_warnings *warn, csvchart_error *err)
{
    double short_w = 0, short_h = 0;
    csvchart_status st = layout_bar(chart, s, m, scene, warn, err, &short_w, &short_h);
    if (st || (short_w <= 0 && short_h <= 0)) {
        return st;
    }
    /* Too small: the size contract (INTERFACE.md) names a size at which the same command
     * succeeds, so grow the short sides - by at least the shortfall times the panels, or 10% -
     * until a trial layout fits (text grows with the size too, hence trials, not arithmetic). */
    struct spec t = *s;
    double np = (double)chart->npanels;
    bool found = false;
    for (int i = 0; i < 16 && !found && t.width <= 32767 && t.height <= 32767; i++) {
        t.width = short_w > 0 ? ceil(t.width + fmax(short_w * np, t.width / 10)) : t.width;
        t.height = short_h > 0 ? ceil(t.height + fmax(short_h * np, t.height / 10)) : t.height;
        struct csvchart_scene trial;
        struct csvchart_warnings ignored = {0};
        csvchart_error e = {0};
        short_w = short_h = 0;
        found = layout_bar(chart, &t, m, &trial, &ignored, &e, &short_w, &short_h) == 0 &&
                short_w <= 0 && short_h <= 0;
        csvchart_scene_fini(&trial);
        csvchart_warnings_fini(&ignored);
    }
    if (!found) {
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, NULL, 0, 0,
                                  "the figure is too small for this chart: titles, labels and "
                                  "%zu panel%s leave no room for the bars; use a larger size",
                                  chart->npanels, chart->npanels == 1 ? "" : "s");
    }
    return csvchart_error_set(err, CSVCHART_ERROR_DATA, NULL, 0, 0,
                              "the figure is too small for this chart: titles, labels and %zu "
                              "panel%s leave no room for the bars; size %.0fx%.0f fits",
                              chart->npanels, chart->npanels == 1 ? "" : "s", t.width, t.height);
}
