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
 * Every k-th name counts from the first category, unless the names are consecutive whole
 * numbers (years): then from the one that puts them on round values, as a graphics desk
 * labels a time axis (1950 1960 1970 under 1948..2022, not 1948 1958 1968; bar_name_first()).
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

/* ---- which names are thinned out ------------------------------------------------------------ */

/* Round units a year (or any whole number) may be a multiple of, roundest first. */
static const long long round_units[] = {1000, 500, 100, 50, 25, 10, 5, 2};
#define ROUND_UNITS (sizeof round_units / sizeof round_units[0])

/* The roundest unit v is a multiple of, or 1. */
static long long round_unit(long long v)
{
    for (size_t i = 0; i < ROUND_UNITS; i++) {
        if (v % round_units[i] == 0) {
            return round_units[i];
        }
    }
    return 1;
}

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

static long long name_value(const struct panel *P, size_t c)
{
    return P->name0 + P->name_step * (long long)c;
}

/*
 * The offsets tried are those whose names are all multiples of the roundest unit k is a
 * multiple of (every 10th year: the years ending in 0; every 3rd has none, and counts from
 * the first as before), and that name as many categories as the first does: names k apart
 * from `first` reach the last category's k - 1 when first <= (n - 1) % k, so no offset shows
 * fewer names for being round (1948..2018 every 10th keeps 1948 ... 2018, eight names, over
 * 1950 ... 2010, seven). Of those, the roundest names win: the sum of each one's unit, so
 * 1960 1980 2000 2020 (a 1000 among them) beat 1950 1970 1990 2010 every 20th; the first
 * of a tie. An offset must take no more lines than the first does: near a canvas edge a name
 * has less width to wrap in, and the stride chosen for the names from the first still holds.
 */
size_t bar_name_first(const struct bar_layout *B, const struct panel *P, size_t k,
                      bar_name_lines_fn *lines, size_t *n_lines)
{
    size_t n = P->d->ncat, best = 0, lines0 = lines(B, P, k, 0), best_lines = lines0;
    long long unit = 1;
    for (size_t i = 0; i < ROUND_UNITS && unit == 1 && P->name_step != 0 && k > 1; i++) {
        unit = (long long)k % round_units[i] == 0 ? round_units[i] : 1;
    }
    double best_score = -1; /* offset 0 stays when no round one does better */
    for (size_t o = 0; unit > 1 && n > 0 && o <= (n - 1) % k; o++) {
        if (name_value(P, o) % unit != 0) {
            continue;
        }
        double score = 0;
        for (size_t c = o; c < n; c += k) {
            score += (double)round_unit(name_value(P, c));
        }
        if (score <= best_score) {
            continue;
        }
        size_t l = o == 0 ? lines0 : lines(B, P, k, o);
        if (l <= lines0) {
            best = o;
            best_score = score;
            best_lines = l;
        }
    }
    if (n_lines) {
        *n_lines = best_lines;
    }
    return best;
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
    for (size_t c = P->name_first; c < d->ncat; c += B->name_stride) {
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
