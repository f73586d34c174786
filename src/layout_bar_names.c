/*
 * layout_bar_names.c - the category names of a bar chart, under (vertical) or beside
 * (horizontal) their bands; the arrangement (layout_bar_arrange.c) chose their size and
 * wrapping and made sure they fit.
 *
 * When the categories are periods (bin = week, month, quarter...), they are named as a time
 * axis is instead: the first calendar step whose labels keep apart (timeline_axis.c), each
 * label centred on the bar of the period its tick falls in. Otherwise every category is
 * named, or every k-th with category_labels = thin; a grid of horizontal panels with the same
 * categories names them once, left of the first panel of each row (B->names_shared).
 *
 * Every k-th name counts from the highlighted category, or else the largest (bar_name_key();
 * review 12: counted from the first, the tallest bar could go unnamed), unless every panel's
 * names are consecutive whole numbers (years): then they are named as a time axis labels
 * years (Datawrapper, ggplot2, Vega-Lite), k a round step (1 2 5 10 20 25 50 100 ...) and the
 * names its multiples: 1950 1955 ... 2020 under 1948..2022, not every 3rd from 1948
 * (B->name_round, bar_name_first(); the searches for k in layout_bar.c and
 * layout_bar_arrange.c). Under vertical bars a year at either end that would stand past the
 * canvas (nearer its edge than half the margin, as time axes' labels may come) is not shown,
 * as Vega-Lite's labelBound does, rather than the step grown (bar_name_range()).
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "date.h"
#include "layout_bar.h"
#include "timeline_axis.h"

/* ---- which names are thinned out ------------------------------------------------------------ */

/* "1948", "-5", "0": a whole number of at most 15 digits; false for anything else ("1948a",
 * "", "+3", " 7", "1.5"). */
static bool whole_number(const char *s, long long *v)
{
    bool neg = *s == '-';
    s += neg;
    long long x = 0;
    size_t n = 0;
    for (; *s >= '0' && *s <= '9' && n <= 15; s++, n++) {
        x = x * 10 + (*s - '0');
    }
    if (n == 0 || n > 15 || *s != '\0') {
        return false;
    }
    *v = neg ? -x : x;
    return true;
}

void bar_names_numbered(struct panel *P)
{
    const struct bar_data *d = P->d;
    long long v0, v1;
    P->name_step = 0;
    if (d->period || d->ncat < 2 || !whole_number(d->cats[0], &v0) ||
        !whole_number(d->cats[1], &v1) || (v1 - v0 != 1 && v1 - v0 != -1)) {
        return;
    }
    for (size_t c = 2; c < d->ncat; c++) {
        long long v;
        if (!whole_number(d->cats[c], &v) || v != v0 + (v1 - v0) * (long long)c) {
            return;
        }
    }
    P->name0 = v0;
    P->name_step = (int)(v1 - v0);
}

bool bar_names_all_numbered(const struct bar_layout *B, const struct panel *panels)
{
    for (size_t p = 0; p < B->chart->npanels; p++) {
        if (panels[p].name_step == 0) {
            return false;
        }
    }
    return B->chart->npanels > 0;
}

size_t bar_name_stride_round(size_t k)
{
    /* 1 2 5, then 10 20 25 50 times each power of ten */
    static const size_t first[] = {1, 2, 5}, tens[] = {10, 20, 25, 50};
    for (size_t i = 0; i < 3; i++) {
        if (first[i] >= k) {
            return first[i];
        }
    }
    for (size_t p = 1; p <= SIZE_MAX / 100; p *= 10) {
        for (size_t i = 0; i < 4; i++) {
            if (tens[i] * p >= k) {
                return tens[i] * p;
            }
        }
    }
    return k;
}

size_t bar_name_stride_next(const struct bar_layout *B, size_t k)
{
    return B->name_round ? bar_name_stride_round(k + 1) : k + 1;
}

size_t bar_name_key(const struct bar_layout *B, const struct panel *panels)
{
    size_t np = B->chart->npanels;
    for (size_t p = 0; p < np; p++) {
        for (size_t c = 0; panels[p].highlighted && c < panels[p].d->ncat; c++) {
            if (panels[p].highlighted[c]) {
                return c;
            }
        }
    }
    const struct bar_data *d = np > 0 ? panels[0].d : NULL;
    size_t key = 0;
    double most = -1;
    for (size_t i = 0; d && i < d->ncat * d->nser; i++) {
        if (isfinite(d->v[i]) && fabs(d->v[i]) > most) {
            most = fabs(d->v[i]);
            key = i / d->nser;
        }
    }
    return key;
}

size_t bar_name_first(const struct bar_layout *B, const struct panel *P, size_t k)
{
    if (k < 2) {
        return 0;
    }
    if (!B->name_round || P->name_step == 0) {
        return B->name_key % k < P->d->ncat ? B->name_key % k : 0;
    }
    size_t c = 0, n = P->d->ncat;
    while (c < n && (P->name0 + P->name_step * (long long)c) % (long long)k != 0) {
        c++;
    }
    return c + k < n ? c : n; /* one year named does not show the axis' step */
}

size_t bar_name_lines_v(const struct bar_layout *B, const struct panel *P, size_t k, size_t c)
{
    double x = P->x0 + P->gutter + P->band * ((double)c + 0.5); /* px0, once set */
    double w = bar_name_width_v(B, P->band, k, x);
    const char *name = P->d->cats[c];
    if (w <= 0 || csvchart_layout_widest_word(&B->L, &B->label, name) > w) {
        return BAR_NAME_LINES_V + 1;
    }
    return csvchart_layout_lines(&B->L, &B->label, name, w, BAR_NAME_LINES_V, NULL);
}

size_t bar_name_range(const struct bar_layout *B, const struct panel *P, size_t k, size_t *end)
{
    size_t n = P->d->ncat, first = bar_name_first(B, P, k);
    *end = n;
    if (!B->name_round || !B->thin_v || P->name_step == 0 || k < 2 || first >= n) {
        return first;
    }
    /* years under vertical bars: a name at either end that would leave the canvas is not
     * shown (as Vega-Lite's labelBound), so long as two remain */
    size_t last = first + (n - 1 - first) / k * k, count = (last - first) / k + 1;
    bool drop_first = bar_name_lines_v(B, P, k, first) > BAR_NAME_LINES_V;
    bool drop_last = bar_name_lines_v(B, P, k, last) > BAR_NAME_LINES_V;
    if (count - drop_first - drop_last < 2) {
        return first; /* all shown: the stride does not fit, and the search takes the next */
    }
    *end = drop_last ? last : n;
    return drop_first ? first + k : first;
}

/* ---- category names ------------------------------------------------------------------------ */

/*
 * Periods (bin) named on a time axis. The candidates run from fine to coarse: for quarters,
 * every quarter then every other one ("Q1 2025  Q2  Q3"); then the timeline's calendar steps,
 * no finer than the bins (a year step for quarters), whose labels name the year at its first
 * tick and where it changes ("Jan 2025  Feb  Mar" under day bars). The first candidate whose
 * labels keep apart is drawn, each centred on the bar of the period its tick falls in, held
 * inside the plot at the two ends. True when drawn.
 */
static bool place_time_names(struct bar_layout *B, struct panel *P, const struct time_tick *ticks,
                             size_t n, bool draw)
{
    const struct bar_data *d = P->d;
    const double *per = d->period;
    double prev_end = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        size_t lo = 0, hi = d->ncat; /* the period the tick falls in */
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            *(per[mid] <= ticks[i].t ? &lo : &hi) = mid;
        }
        double w = csvchart_layout_width(&B->L, &B->label, ticks[i].label);
        double x = P->px0 + P->band * ((double)lo + 0.5);
        x = fmin(fmax(x, B->L.left + w / 2), B->L.right - w / 2);
        if (x - w / 2 < B->L.left - 0.5 || x - w / 2 < prev_end + B->px.tick_label_gap) {
            return false;
        }
        prev_end = x + w / 2;
        if (draw) {
            csvchart_layout_text(&B->L, &B->label, B->s->theme.text, ticks[i].label,
                                 strlen(ticks[i].label), x, P->py1 + B->px.name_gap + B->asc,
                                 TEXT_ANCHOR_MIDDLE);
        }
    }
    return n > 0;
}

/* Quarter ticks every `stride` quarters, on the periods whose quarter is a multiple of it. */
static size_t quarter_ticks(const struct bar_data *d, int stride, struct time_tick *out, size_t max)
{
    size_t n = 0;
    int last_year = INT_MIN;
    for (size_t c = 0; c < d->ncat && n < max; c++) {
        int y, m, day;
        csvchart_date_civil((int64_t)d->period[c], &y, &m, &day);
        int q = (m - 1) / 3;
        if (q % stride != 0) {
            continue;
        }
        out[n].t = d->period[c];
        if (y != last_year) {
            snprintf(out[n].label, sizeof out[n].label, "Q%d %d", q + 1, y);
        } else {
            snprintf(out[n].label, sizeof out[n].label, "Q%d", q + 1);
        }
        last_year = y;
        n++;
    }
    return n;
}

static bool time_names(struct bar_layout *B, struct panel *P)
{
    const struct bar_data *d = P->d;
    const double *per = d->period;
    double bin_days = d->bin == BIN_QUARTER ? 365 : (per[d->ncat] - per[0]) / (double)d->ncat;
    struct time_tick ticks[64];
    for (int stride = 1; d->bin == BIN_QUARTER && stride <= 2; stride++) {
        size_t n = quarter_ticks(d, stride, ticks, 64);
        if (d->ncat / (size_t)stride <= 64 && place_time_names(B, P, ticks, n, false)) {
            return place_time_names(B, P, ticks, n, true);
        }
    }
    for (size_t k = 0; k < csvchart_time_step_count(); k++) {
        if (csvchart_time_step_days(k) < bin_days * 0.95) {
            continue;
        }
        size_t n = csvchart_time_ticks_in(B->s->locale, per[0], per[d->ncat], k, ticks, 64);
        if (n > 64) {
            continue;
        }
        while (n > 0 && ticks[n - 1].t >= per[d->ncat] - 1e-6) {
            n--; /* the end of the last period starts no bar */
        }
        if (place_time_names(B, P, ticks, n, false)) {
            return place_time_names(B, P, ticks, n, true);
        }
    }
    return false;
}

void bar_marks_names(struct bar_layout *B, struct panel *P)
{
    struct layout *L = &B->L;
    const struct bar_data *d = P->d;
    csvchart_rgba color = B->s->theme.text;
    if (d->period && time_names(B, P)) {
        return;
    }
    if (B->horizontal && !P->named) { /* named once at the left of its row of panels */
        return;
    }
    size_t end, first = bar_name_range(B, P, B->name_stride, &end);
    for (size_t c = first; c < end; c += B->name_stride) {
        double center = bar_band_start(B, P) + P->band * ((double)c + 0.5);
        if (B->name_stride > 1) {
            /* Thinned, a name is some bars wide: a tick from the plot's edge says which bar
             * it names (review 12: "Côte d'Ivoire" under four bars, none marked). */
            double x0 = B->horizontal ? P->px0 : center, y0 = B->horizontal ? center : P->py1;
            double len = B->px.name_gap / 2;
            csvchart_scene_line(L->scene, x0, y0, B->horizontal ? x0 - len : x0,
                                B->horizontal ? y0 : y0 + len, B->s->theme.axis, 1 / L->scale);
        }
        if (B->horizontal) {
            /* right-aligned in the column, the block centred on the band */
            size_t n = csvchart_layout_lines(L, &B->label, d->cats[c], B->col + 0.5,
                                             BAR_NAME_LINES_H, NULL);
            n = n < BAR_NAME_LINES_H ? n : BAR_NAME_LINES_H;
            csvchart_layout_paragraph(L, &B->label, color, d->cats[c], P->px0 - B->px.name_gap,
                                      center - (double)n * B->lh / 2 + B->asc, B->col + 0.5, n,
                                      TEXT_ANCHOR_END);
        } else {
            csvchart_layout_paragraph(L, &B->label, color, d->cats[c], center,
                                      P->py1 + B->px.name_gap + B->asc,
                                      bar_name_width_v(B, P->band, B->name_stride, center),
                                      BAR_NAME_LINES_V, TEXT_ANCHOR_MIDDLE);
        }
    }
}
