/*
 * bar_data.h - a table bound to a bar chart's options (bar_data.c).
 *
 * Binding picks the category column (x), the value columns (y, or one value column split by
 * a `group` column for long-format data), skips rows with missing values (with a warning
 * naming the line), aggregates repeated categories when asked (and refuses them, naming both
 * lines, when not), and sorts. The result is a dense categories x series matrix that layout
 * draws without looking at the table again.
 */
#ifndef CSVCHART_BAR_DATA_H
#define CSVCHART_BAR_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "number.h"
#include "spec.h"
#include "table.h"

struct bar_data {
    size_t ncat, nser;
    char **cats;   /* category names, in drawing order */
    char **series; /* series names (the y column names, or the group values) */
    double *v;     /* ncat * nser values, v[c * nser + s] */
    bool *has;     /* whether v[c * nser + s] exists */
    struct number_unit unit; /* how the values were written */
    char *x_name;            /* the category column's name */
    char *value_name;        /* the (first) value column's name */
};

/*
 * Binds. Errors (CSVCHART_ERROR_DATA with positions): an unknown column, a value column that
 * is not numeric (pointing at the first cell that is not a number), a repeated category
 * with aggregate = none, no rows left to draw. Rows skipped for missing values become
 * warnings "FILE:LINE: row skipped: ...".
 */
csvchart_status csvchart_bar_data_bind(const csvchart_table *t, const struct spec *s,
                                       struct bar_data *out, struct csvchart_warnings *warn,
                                       csvchart_error *err);
void csvchart_bar_data_fini(struct bar_data *d);

#endif
