/*
 * trend_data.h - a table bound to a trend's options (trend_data.c): dated series.
 *
 * Columns: `x`, the dates (default: a column named "date", else the first column; every form
 * and precision of date.h, read from the cell's text whatever type the table gave the column);
 * `y`, the value columns, one series each (default: every numeric column but x, group and
 * label), or with `group` one value column split into a series per group value (long format:
 * date, series, value); `label`, optional text naming points to label.
 *
 * A point sits at the middle of the period its date names (a month-precision date mid-month,
 * a day at noon, a date-time at its instant), in days since 1970-01-01. A row without a date
 * (or, in long format, without a group) is skipped with a warning; an empty or NA value cell
 * is a missing value, which breaks its series' line there. Within a series the points are
 * sorted by time (file order among equals); one date twice is an error naming both lines
 * unless `aggregate` combines them (sum, mean, count, min, max; missing values do not count).
 * With log = true or trend = fit, every value must be > 0 (refused with its position). With
 * trend = fit each series of at least two dated values gets its least-squares line and rate
 * (trend_fit.h).
 */
#ifndef CSVCHART_TREND_DATA_H
#define CSVCHART_TREND_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "number.h"
#include "spec.h"
#include "table.h"
#include "trend_fit.h"

struct trend_point {
    double t; /* days: the middle of the date's period */
    double v; /* the value, when has */
    bool has; /* false: a missing value (the line breaks here) */
    struct date_value date;
    size_t line; /* the row's line */
    char *label; /* the point's label, or NULL */
};

struct trend_series {
    char *name;            /* the y column's name or the group value */
    struct trend_point *p; /* sorted by t */
    size_t n, nvalues;     /* points; those with a value */
    bool has_fit;          /* trend = fit, and two values or more */
    struct trend_fit fit;
    struct trend_rate rate;
    double t_first, t_last; /* the first and last time with a value */
    int decimals;           /* the most decimals its values were written with */
};

struct trend_marker {
    struct date_value date;
    double t; /* the middle of the date's period */
    bool span;
    struct date_value end; /* a span's last date */
    double t0, t1;         /* a span: from its start's period to its end's, whole */
    char *label;
};

struct trend_data {
    struct trend_series *series;
    size_t nseries;
    struct trend_marker *markers; /* from the `marker` option, sorted by time */
    size_t nmarkers;
    struct number_unit unit; /* how the values were written */
    bool computed;           /* sums, means or counts: not numbers as written */
    bool labels;             /* some point has a label */
    char *x_name, *value_name;
    double tmin, tmax; /* the times of the values and markers */
    double period;     /* the longest period a date of a value names, days */
    double period_min; /* the shortest (0 for a time of day: an instant) */
    /* The finest precision a date of a value or marker has, and the coarsest a value's has:
     * the time axis says no more than the dates (no "Jul" between yearly values, no "12:00"
     * beside days), and when every value's date has one precision its ticks of that
     * precision stand where the points do, mid-period (layout_trend_lines.c). */
    enum date_precision finest, coarsest;
    bool zoned; /* some value's time was given with an offset (shown in UTC): the axis says so */
};

/*
 * Binds. On success *out owns copies of every string (free with csvchart_trend_fini()); on
 * failure *out is zeroed and nothing is leaked. Errors (CSVCHART_ERROR_DATA with FILE:LINE:COL
 * where a cell is to blame): an unknown column, a date that is not one (quoting it and listing
 * the forms accepted), a value column that is not numeric, a value <= 0 with log or trend =
 * fit, one date twice in a series without aggregate, no values at all; CSVCHART_ERROR_VALUE:
 * group with several y columns, a trend_label that contradicts a series (trend_fit.h);
 * CSVCHART_ERROR_LIMIT: more than max_categories points in a series. Skipped rows become
 * warnings "FILE:LINE: row skipped: no date".
 */
csvchart_status csvchart_trend_bind(const csvchart_table *t, const struct spec *s,
                                    struct trend_data *out, struct csvchart_warnings *warn,
                                    csvchart_error *err);
void csvchart_trend_fini(struct trend_data *d);

#endif
