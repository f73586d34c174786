/*
 * bar_data.h - a table bound to a bar chart's options (bar_data.c, with bar_data_columns.c and
 * bar_data_panel.c; their own structures in bar_data_bind.h).
 *
 * Binding picks the category column (x), the values (the y columns, one value column split by
 * a `group` column for long-format data, or `low`/`high` columns for range bars), splits the
 * rows into panels by the `facet` column, skips rows with missing values (with a warning
 * naming the line), aggregates repeated categories when asked (and refuses them, naming both
 * lines, when not), checks what the scale needs (log: values > 0) and sorts. The result is,
 * per panel, a dense categories x series matrix that layout draws without the table.
 */
#ifndef CSVCHART_BAR_DATA_H
#define CSVCHART_BAR_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "aggregate.h"
#include "error.h"
#include "number.h"
#include "spec.h"
#include "table.h"

/* Most lines a category name may have (a line break in a quoted cell starts one; the layout
 * wraps long lines too): a name of more is refused where it is written, as no size draws it. */
#define BAR_NAME_MAX_LINES 4

/* One panel: all of the chart, or one value of the facet column. */
struct bar_data {
    char *title; /* the facet value, or NULL without facets */
    size_t ncat, nser;
    char **cats;   /* category names, in drawing order */
    char **series; /* series names (the y column names, or the group values); shared order */
    double *v;     /* ncat * nser values, v[c * nser + s]; for ranges the high end */
    double *low;   /* ranges only (else NULL): where each bar starts */
    bool *open;    /* ranges only (else NULL): open-ended upward ("$100M+", empty high) */
    bool *has;     /* whether v[c * nser + s] exists */
    /* Each value as its one cell wrote it, when values are not aggregated and not ranges (else
     * NULL): its decimals (-1: unknown) and its multiplier's index (csvchart_multipliers), so
     * that a label keeps the decimals written ("1,816.0" beside "97.4": format.h). */
    signed char *written_dec;
    unsigned char *written_mult;
    struct number_unit unit; /* how this panel's values were written */
    bool computed;           /* the values are sums or means, not numbers as written */
    csvchart_rgba *color;    /* color = COLUMN: per category (0: the palette's), or NULL */
    double *period;          /* bin: ncat + 1 period starts (days since 1970-01-01), the last
                                one the end of the last period; else NULL */
    enum bin bin;
    char *x_name;     /* the category column's name */
    char *value_name; /* the (first) value column's name */
};

/* How many of the categories left out for want of a value the figure's note names. */
#define BAR_SKIPPED_NAMED 3

struct bar_chart {
    size_t npanels;
    struct bar_data *panels;
    bool range; /* low/high range bars */
    /* Categories left out because their rows had no value (each also a warning), for the
     * note under the figure ("No data for ...", the first BAR_SKIPPED_NAMED of them): the
     * first 64 names, and how many were left out in all (past those 64, each row counts). */
    char *skipped[64];
    size_t nkept, nskipped;
};

/* Notes that category `name` was left out for want of a value; false when out of memory. */
bool csvchart_bar_chart_skipped(struct bar_chart *c, const char *name);

/*
 * Binds the table t, whose cells may stand for numbers folded into them while it was read
 * (`folded`, aggregate.h; NULL: every cell is one value). Errors (CSVCHART_ERROR_DATA with
 * FILE:LINE:COL where a cell is to blame): an unknown column, a value column that is not
 * numeric (pointing at the first cell that is not a number), a repeated category with
 * aggregate = none, a value <= 0 on a log axis, a range whose low is above its high, no rows
 * left to draw, a ratio without two positive bars.
 * CSVCHART_ERROR_VALUE: options that cannot go together (stack with log or ranges, group
 * with several y columns). Rows skipped for missing values become warnings
 * "FILE:LINE: row skipped: ...".
 */
csvchart_status csvchart_bar_chart_bind(const csvchart_table *t, const struct agg_rows *folded,
                                        const struct spec *s, struct bar_chart *out,
                                        struct csvchart_warnings *warn, csvchart_error *err);
void csvchart_bar_chart_fini(struct bar_chart *c);

/* "none", "day", "week", "month", "quarter", "year", by enum bin. */
extern const char *const csvchart_bin_names[];

/*
 * bin (bar_bin.c): a date cell's period as a category key (twelve digits, sortable as
 * text); an error with the cell's position when it is not a date, or names a period longer
 * than the bin's. `col` is the cell's column.
 */
csvchart_status csvchart_bin_key(const csvchart_table *t, size_t col, const struct table_cell *cell,
                                 enum bin b, char *key, size_t n, csvchart_error *err);
/*
 * bin: the panel's categories (keys) become every period from the first to the last, in time
 * order, named ("Mar 2025", "Q1 2025"), with d->period set; a series without rows in a period
 * is a bar of zero when `empty_is_zero` (a sum, a count), else no bar (a mean of nothing). A
 * series whose rows in the period had no value (blank_rows[c * nser + s] for the panel's
 * category c; NULL: none) has no bar either way: missing figures are not a zero. Errors: more
 * periods than `max` (CSVCHART_ERROR_LIMIT), NOMEM.
 */
csvchart_status csvchart_bar_bin_fill(struct bar_data *d, enum bin b, bool empty_is_zero,
                                      const bool *blank_rows, size_t max, csvchart_error *err);

/*
 * color = COLUMN (bar_colors.c): each category's colour from its first row with one. Called
 * by csvchart_bar_chart_bind(). Errors: an unknown column, a cell that is no colour (with its
 * position).
 */
csvchart_status csvchart_bar_colors_bind(const csvchart_table *t, const struct spec *s,
                                         struct bar_chart *chart, csvchart_error *err);

#endif
