/*
 * bar_bin.c - dates as bars (`bin = day|week|month|quarter|year`), part of the bar binding
 * (bar_data.h): a date column becomes periods, each a category, counted or summed by
 * `aggregate`; the periods run from the first to the last without a gap (an empty one is a
 * bar of zero) and in time order; each carries its start, so the layout names them on a time
 * axis like the timeline's instead of one name per bar.
 *
 * A period is an integer: days since 1970-01-01, weeks (Monday to Sunday) since the Monday
 * before it, months or quarters since year 0, years. While rows are read a period stands as a
 * category key of twelve digits (sortable as text); bar_bin_fill() turns the keys back into
 * periods, fills the gaps and names them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "bar_data.h"
#include "date.h"
#include "error.h"
#include "timeline_axis.h"

#define KEY_OFFSET 100000000000LL /* keeps keys positive: twelve digits sort as numbers do */

static const enum date_precision needs[] = {
    [BIN_DAY] = DATE_DAY,       [BIN_WEEK] = DATE_DAY,  [BIN_MONTH] = DATE_MONTH,
    [BIN_QUARTER] = DATE_MONTH, [BIN_YEAR] = DATE_YEAR,
};

const char *const csvchart_bin_names[] = {
    [BIN_NONE] = "none",   [BIN_DAY] = "day",         [BIN_WEEK] = "week",
    [BIN_MONTH] = "month", [BIN_QUARTER] = "quarter", [BIN_YEAR] = "year",
};

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int64_t period_of(enum bin b, const struct date_value *d)
{
    switch (b) {
    case BIN_DAY:
        return d->days;
    case BIN_WEEK: /* 1970-01-05 was a Monday: weeks start on Mondays */
        return floor_div(d->days - 4, 7);
    case BIN_MONTH:
        return (int64_t)d->year * 12 + d->month - 1;
    case BIN_QUARTER:
        return (int64_t)d->year * 4 + (d->month - 1) / 3;
    case BIN_YEAR:
    case BIN_NONE:
        break;
    }
    return d->year;
}

/* The first day of period p, in days since 1970-01-01. */
static int64_t period_start(enum bin b, int64_t p)
{
    switch (b) {
    case BIN_DAY:
        return p;
    case BIN_WEEK:
        return p * 7 + 4;
    case BIN_MONTH:
        return csvchart_date_days((int)floor_div(p, 12), (int)(p - floor_div(p, 12) * 12) + 1, 1);
    case BIN_QUARTER:
        return csvchart_date_days((int)floor_div(p, 4), (int)(p - floor_div(p, 4) * 4) * 3 + 1, 1);
    case BIN_YEAR:
    case BIN_NONE:
        break;
    }
    return csvchart_date_days((int)p, 1, 1);
}

/* "29 Apr 2025", "Week of 3 Mar 2025", "Mar 2025", "Q1 2025", "2025". */
static void period_name(enum bin b, int64_t p, char *buf, size_t n)
{
    int y, m, d;
    csvchart_date_civil(period_start(b, p), &y, &m, &d);
    struct date_value v = {.days = period_start(b, p),
                           .year = y,
                           .month = m,
                           .day = d,
                           .precision = b == BIN_YEAR    ? DATE_YEAR
                                        : b == BIN_MONTH ? DATE_MONTH
                                                         : DATE_DAY};
    char date[48];
    csvchart_date_format(&v, false, date, sizeof date);
    if (b == BIN_QUARTER) {
        snprintf(buf, n, "Q%d %d", (m - 1) / 3 + 1, y);
    } else if (b == BIN_WEEK) {
        snprintf(buf, n, "Week of %s", date);
    } else {
        snprintf(buf, n, "%s", date);
    }
}

csvchart_status csvchart_bin_key(const csvchart_table *t, size_t col, const struct table_cell *cell,
                                 enum bin b, char *key, size_t n, csvchart_error *err)
{
    const char *text = csvchart_table_text(t, cell);
    struct date_value d;
    char why[64];
    bool ok = csvchart_table_date(t, text, cell->len, &d); /* date_format, locale */
    if (!ok && csvchart_date_past_month_end(
                   text, cell->len, t->has_syntax ? &t->syntax.dates : NULL, why, sizeof why)) {
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, cell->line, cell->col,
                                  "\"%s\" is not a date (column \"%s\"): %s", text,
                                  t->cols[col].name, why);
    }
    if (!ok) {
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, cell->line, cell->col,
                                  "bin = %s needs dates in column \"%s\", and \"%s\" is not a "
                                  "date (e.g. 2025-01-15, 15 January 2025, January 2025)%s",
                                  csvchart_bin_names[b], t->cols[col].name, text,
                                  csvchart_table_date_hint(t, text));
    }
    if (d.precision < needs[b]) {
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, cell->line, cell->col,
                                  "\"%s\" names a %s; bin = %s needs dates to the %s at least",
                                  text, d.precision == DATE_YEAR ? "year" : "month",
                                  csvchart_bin_names[b], needs[b] == DATE_DAY ? "day" : "month");
    }
    snprintf(key, n, "%012" PRId64, (int64_t)(period_of(b, &d) + KEY_OFFSET));
    return CSVCHART_OK;
}

csvchart_status csvchart_bar_bin_fill(struct bar_data *d, enum bin b, bool empty_is_zero,
                                      const bool *blank_rows, size_t max, csvchart_error *err)
{
    size_t nser = d->nser;
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t c = 0; c < d->ncat; c++) {
        int64_t p = strtoll(d->cats[c], NULL, 10) - KEY_OFFSET;
        lo = p < lo ? p : lo;
        hi = p > hi ? p : hi;
    }
    if (hi - lo >= (int64_t)max) {
        return csvchart_error_set(err, CSVCHART_ERROR_LIMIT, NULL, 0, 0,
                                  "the dates span %" PRId64 " %ss, more than %zu bars; bin by a "
                                  "longer period, or raise max_categories",
                                  hi - lo + 1, csvchart_bin_names[b], max);
    }
    size_t n = (size_t)(hi - lo + 1);
    char **cats = calloc(n, sizeof *cats);
    double *v = calloc(n * nser, sizeof *v), *start = calloc(n + 1, sizeof *start);
    bool *has = calloc(n * nser, sizeof *has), *blank = calloc(n * nser, sizeof *blank);
    if (!cats || !v || !start || !has || !blank) {
        goto nomem;
    }
    for (size_t c = 0; c < d->ncat; c++) {
        size_t k = (size_t)(strtoll(d->cats[c], NULL, 10) - KEY_OFFSET - lo);
        memcpy(v + k * nser, d->v + c * nser, nser * sizeof *v);
        memcpy(has + k * nser, d->has + c * nser, nser * sizeof *has);
        if (blank_rows) {
            memcpy(blank + k * nser, blank_rows + c * nser, nser * sizeof *blank);
        }
    }
    for (size_t k = 0; k < n; k++) {
        char name[80];
        period_name(b, lo + (int64_t)k, name, sizeof name);
        if (!(cats[k] = csvchart_strdup(name))) {
            goto nomem;
        }
        start[k] = (double)period_start(b, lo + (int64_t)k);
        for (size_t s = 0; s < nser && empty_is_zero; s++) {
            /* a sum or count over no rows is zero; rows without a value say nothing */
            has[k * nser + s] = has[k * nser + s] || !blank[k * nser + s];
        }
    }
    start[n] = (double)period_start(b, hi + 1);
    free(blank);
    for (size_t c = 0; c < d->ncat; c++) {
        free(d->cats[c]);
    }
    free(d->cats);
    free(d->v);
    free(d->has);
    free(d->written_dec); /* periods are new cells: labelled as their plan says */
    free(d->written_mult);
    d->written_dec = NULL;
    d->written_mult = NULL;
    d->cats = cats;
    d->v = v;
    d->has = has;
    d->ncat = n;
    d->period = start;
    d->bin = b;
    return CSVCHART_OK;
nomem:
    for (size_t k = 0; cats && k < n; k++) {
        free(cats[k]);
    }
    free(cats);
    free(v);
    free(start);
    free(has);
    free(blank);
    return csvchart_error_nomem(err);
}
