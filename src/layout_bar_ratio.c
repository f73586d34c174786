/*
 * layout_bar_ratio.c - the ratio callout of a bar chart (ratio = A, B): a bracket beside the
 * plot (above it for horizontal bars) between the two bars' values, dashed leaders from each
 * mark's end to it, and the text of ratio_label in bold, its {ratio} ("857x", in words past a
 * million: "1.2 million times"), {pct} ("-57%"), {low} and {high} (the two names) filled in.
 *
 * The pair is found before the arrangement (bar_ratio_pair()), which keeps room for the text
 * (bar_ratio_room()); it is drawn with the marks, its leaders under them.
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

/* ---- the ratio callout --------------------------------------------------------------------- */

bool bar_ratio_pair(const struct bar_layout *B, struct panel *P)
{
    const struct bar_data *d = P->d;
    P->ratio_a = P->ratio_b = (size_t)-1;
    P->ratio_s = 0;
    if (!B->s->ratio) {
        return false;
    }
    /* Bars side by side: the series highlighted, when one is (the others are muted; the
     * bracket stood on the grey bars of the first, graphics desk review). */
    uint64_t hl = B->series_hl;
    if (!B->s->stack && hl && !(hl & (hl - 1))) {
        while (!(hl >> P->ratio_s & 1)) {
            P->ratio_s++;
        }
        P->ratio_s = P->ratio_s < d->nser ? P->ratio_s : 0;
    }
    if (B->s->ratio_pair[0]) {
        for (size_t c = 0; c < d->ncat; c++) {
            if (strcmp(d->cats[c], B->s->ratio_pair[0]) == 0) {
                P->ratio_a = c;
            }
            if (strcmp(d->cats[c], B->s->ratio_pair[1]) == 0) {
                P->ratio_b = c;
            }
        }
    } else { /* the smallest and the largest positive value of that series */
        for (size_t c = 0; c < d->ncat; c++) {
            size_t i = bar_idx(P, c, P->ratio_s);
            if (!d->has[i] || P->v[i] <= 0) {
                continue;
            }
            if (P->ratio_a == (size_t)-1 || P->v[i] < P->v[bar_idx(P, P->ratio_a, P->ratio_s)]) {
                P->ratio_a = c;
            }
            if (P->ratio_b == (size_t)-1 || P->v[i] > P->v[bar_idx(P, P->ratio_b, P->ratio_s)]) {
                P->ratio_b = c;
            }
        }
        if (P->ratio_a != (size_t)-1 && P->ratio_b < P->ratio_a) {
            size_t t = P->ratio_a; /* in drawing order: from the first to the second */
            P->ratio_a = P->ratio_b;
            P->ratio_b = t;
        }
    }
    bool ok = P->ratio_a != (size_t)-1 && P->ratio_b != (size_t)-1 && P->ratio_a != P->ratio_b;
    ok = ok && d->has[bar_idx(P, P->ratio_a, P->ratio_s)] &&
         d->has[bar_idx(P, P->ratio_b, P->ratio_s)];
    ok = ok && P->v[bar_idx(P, P->ratio_a, P->ratio_s)] > 0 &&
         P->v[bar_idx(P, P->ratio_b, P->ratio_s)] > 0;
    if (!ok) {
        P->ratio_a = P->ratio_b = (size_t)-1;
    }
    return ok;
}

csvchart_status bar_ratio_check(const struct bar_layout *B, const struct panel *P,
                                struct csvchart_warnings *warn, csvchart_error *err)
{
    const struct bar_data *d = P->d;
    if (B->s->ratio_pair[0] || P->ratio_a == (size_t)-1) {
        return CSVCHART_OK; /* the editor named the pair, or there is none */
    }
    size_t left = 0, first = 0, above = 0;
    for (size_t c = 0; c < d->ncat; c++) {
        size_t i = bar_idx(P, c, P->ratio_s);
        above += d->has[i] && P->v[i] > 0;
        if (d->has[i] && P->v[i] <= 0 && left++ == 0) {
            first = c;
        }
    }
    if (left == 0) {
        return CSVCHART_OK;
    }
    size_t a = P->ratio_a, b = P->ratio_b;
    if (P->v[bar_idx(P, a, P->ratio_s)] > P->v[bar_idx(P, b, P->ratio_s)]) {
        a = P->ratio_b, b = P->ratio_a;
    }
    if (left > above) {
        return csvchart_error_set(
            err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
            "ratio: %zu of %zu values are at or below zero; the multiple of the smallest and "
            "the largest above it, \"%s\" (%s) and \"%s\" (%s), would leave them out; name the "
            "two to compare: ratio = \"A,B\"",
            left, left + above, d->cats[a], P->value_text[bar_idx(P, a, P->ratio_s)], d->cats[b],
            P->value_text[bar_idx(P, b, P->ratio_s)]);
    }
    csvchart_warnings_add(warn,
                          "ratio: compares the smallest and the largest value above zero, "
                          "\"%s\" (%s) and \"%s\" (%s); %zu value%s at or below zero %s left "
                          "out, the first \"%s\" (%s) (name two: ratio = \"A,B\")",
                          d->cats[a], P->value_text[bar_idx(P, a, P->ratio_s)], d->cats[b],
                          P->value_text[bar_idx(P, b, P->ratio_s)], left, left > 1 ? "s" : "",
                          left > 1 ? "are" : "is", d->cats[first],
                          P->value_text[bar_idx(P, first, P->ratio_s)]);
    return CSVCHART_OK;
}

/*
 * The callout's text: the template with {ratio} (the larger of the two values over the
 * smallest: "857"), {pct} (the change from the first to the second: "-57%"), {low} and
 * {high} (the names of the smaller and the larger: "{ratio}x {low}" names the bar a bracket
 * from the baseline compares with; graphics desk review, session 23) replaced. A
 * ratio in words takes "times" for a template's "x" ("1.2 million times"), in the locale's
 * language ("1,2 Millionen Mal", "1,2 million de fois").
 */
void bar_ratio_text(const struct bar_layout *B, const struct panel *P, char *buf, size_t n)
{
    double a = P->v[bar_idx(P, P->ratio_a, P->ratio_s)],
           b = P->v[bar_idx(P, P->ratio_b, P->ratio_s)];
    char ratio[96], ratio_times[128], pct[96];
    bool words;
    csvchart_format_ratio_in(B->s->format.loc, fmax(a, b) / fmin(a, b), ratio, sizeof ratio,
                             &words);
    csvchart_format_ratio_times_in(B->s->format.loc, fmax(a, b) / fmin(a, b), ratio_times,
                                   sizeof ratio_times, &words);
    csvchart_format_change_in(B->s->format.loc, (b - a) / a * 100, pct, sizeof pct);
    size_t used = 0;
    for (const char *p = B->s->ratio_label; *p && used + 1 < n;) {
        const char *with = NULL;
        size_t skip = 0;
        if (strncmp(p, "{ratio}", 7) == 0) {
            with = ratio, skip = 7;
            if (words && p[7] == 'x') {
                with = ratio_times, skip = 8; // "1.2 million times", "1,2 Millionen Mal"
            }
        } else if (strncmp(p, "{pct}", 5) == 0) {
            with = pct, skip = 5;
        } else if (strncmp(p, "{low}", 5) == 0) {
            with = P->d->cats[a <= b ? P->ratio_a : P->ratio_b], skip = 5;
        } else if (strncmp(p, "{high}", 6) == 0) {
            with = P->d->cats[a <= b ? P->ratio_b : P->ratio_a], skip = 6;
        }
        if (with) {
            int w = snprintf(buf + used, n - used, "%s", with);
            used = w < 0 ? used : fmin((double)(used + (size_t)w), (double)(n - 1));
            p += skip;
        } else {
            buf[used++] = *p++;
        }
    }
    buf[used] = '\0';
}

double bar_ratio_width(const struct bar_layout *B, const struct panel *P)
{
    if (P->ratio_a == (size_t)-1) {
        return 0;
    }
    char buf[256];
    bar_ratio_text(B, P, buf, sizeof buf);
    return csvchart_layout_width(&B->L, &B->ratio, buf);
}

double bar_ratio_room(const struct bar_layout *B, const struct panel *P)
{
    if (P->ratio_a == (size_t)-1) {
        return 0;
    }
    char buf[256];
    bar_ratio_text(B, P, buf, sizeof buf);
    if (B->horizontal) {
        return csvchart_layout_line_height(&B->L, &B->ratio) + B->px.ratio_text_gap +
               B->px.ratio_gap;
    }
    return csvchart_layout_width(&B->L, &B->ratio, buf) + B->px.ratio_gap + B->px.ratio_text_gap +
           B->px.ratio_tick;
}

/*
 *   vertical:            ##  ---+                horizontal:      857x
 *                        ##     |  857x               +-----------------------+
 *                   ##---##  ---+                     :                       :
 * A bracket beside the plot (above it for horizontal bars) between the two values, dashed
 * leaders from each mark's end to it, and the text in bold.
 */
void bar_ratio_draw(struct bar_layout *B, struct panel *P, bool leaders)
{
    if (P->ratio_a == (size_t)-1) {
        return;
    }
    struct layout *L = &B->L;
    const struct theme *t = &B->s->theme;
    double w = fmax(B->px.grid, 1 / L->scale), over = bar_marks_overhang(B, P);
    size_t across = bar_across_count(B, P);
    /* the bracket's band position: past the last band (vertical), before the first
     * (horizontal) */
    double bb = B->horizontal ? P->py0 - P->ref_row - B->px.ratio_gap : P->px1 + B->px.ratio_gap;
    double dir = B->horizontal ? -1 : 1; /* away from the plot along the band axis */
    double ends[2];
    for (int k = 0; k < 2; k++) {
        size_t c = k ? P->ratio_b : P->ratio_a;
        double v = csvchart_scale_map(&P->sc, P->v[bar_idx(P, c, P->ratio_s)]);
        ends[k] = csvchart_layout_snap(L, v, w);
        if (!leaders) {
            continue;
        }
        /* From the series' mark, on its side towards the bracket: a bar's edge, or a
         * dot's (a dot is smaller than the bar it stands for: the leader stopped short of it).
         * Leaders are drawn under the marks, so one passing behind another bar stays behind it. */
        double mid = bar_band_start(B, P) + P->band * ((double)c + 0.5) -
                     P->bar * (double)across / 2 + P->bar / 2 +
                     (B->s->stack ? 0 : P->bar * (double)P->ratio_s);
        double reach = (B->s->mark == MARK_BAR ? P->bar / 2 : over) + B->px.leader_gap;
        double edge = B->horizontal ? mid - reach : mid + reach;
        double x0, y0, x1, y1;
        bar_bv_point(B, edge, ends[k], &x0, &y0);
        bar_bv_point(B, bb, ends[k], &x1, &y1);
        struct scene_item *it = csvchart_layout_soft_line(L, x0, y0, x1, y1, t->faint, w);
        if (it) {
            it->dash = B->px.leader_dash;
        }
    }
    if (leaders) {
        return;
    }
    double bs = csvchart_layout_snap(L, bb, w * 1.5);
    double x0, y0, x1, y1;
    bar_bv_point(B, bs, ends[0], &x0, &y0);
    bar_bv_point(B, bs, ends[1], &x1, &y1);
    csvchart_scene_line(L->scene, x0, y0, x1, y1, t->text, w * 1.5);
    for (int k = 0; k < 2; k++) {
        bar_bv_point(B, bs, ends[k], &x0, &y0);
        bar_bv_point(B, bs - dir * B->px.ratio_tick, ends[k], &x1, &y1);
        csvchart_scene_line(L->scene, x0, y0, x1, y1, t->text, w * 1.5);
    }
    char buf[256];
    bar_ratio_text(B, P, buf, sizeof buf);
    double lh = csvchart_layout_line_height(L, &B->ratio);
    double asc = csvchart_layout_ascent(L, &B->ratio);
    double midv = (ends[0] + ends[1]) / 2;
    if (B->horizontal) { /* over the bracket's middle, kept within the panel */
        double tw = csvchart_layout_width(L, &B->ratio, buf);
        double at = fmin(fmax(midv, P->x0 + tw / 2), P->x1 - tw / 2);
        csvchart_layout_text(L, &B->ratio, t->title, buf, strlen(buf), at,
                             bs - B->px.ratio_text_gap - (lh - asc), TEXT_ANCHOR_MIDDLE);
    } else {
        csvchart_layout_text(L, &B->ratio, t->title, buf, strlen(buf), bs + B->px.ratio_text_gap,
                             midv + asc - lh / 2, TEXT_ANCHOR_START);
    }
}
