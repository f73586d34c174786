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
    for (size_t c = 0; c < d->ncat; c += B->name_stride) {
        double center = bar_band_start(B, P) + P->band * ((double)c + 0.5);
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
