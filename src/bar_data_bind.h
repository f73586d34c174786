/*
 * bar_data_bind.h - the bar binding's own structures, shared by its three files (the
 * interface is bar_data.h):
 *
 *   bar_data.c          the binding: series and panels in first-seen order, the small hash
 *                       table that interns them and the categories, the chart's end
 *   bar_data_columns.c  the columns resolved and checked: names exist, values are numbers,
 *                       options go together
 *   bar_data_panel.c    one panel: observations from its rows, folded into the categories x
 *                       series grid, checked (sums, log, ratio) and sorted
 */
#ifndef CSVCHART_BAR_DATA_BIND_H
#define CSVCHART_BAR_DATA_BIND_H

#include <stdbool.h>
#include <stddef.h>

#include "bar_data.h"

#define NONE ((size_t)-1)

/* ---- interning: name -> index in first-seen order (bar_data.c) ---- */

struct intern {
    char **names;
    size_t *lines; /* the line each name was first seen on */
    size_t len, cap, lines_cap;
    size_t *slots; /* index + 1, 0 = empty */
    size_t nslots;
};

/* Finds `name`, adding it when absent; returns its index, or NONE when out of memory. */
size_t csvchart_bar_intern(struct intern *in, const char *name, size_t line);
/* Whether `name` is interned already. */
bool csvchart_bar_intern_has(const struct intern *in, const char *name);
/* Frees the names and the table; *in is left empty. */
void csvchart_bar_intern_fini(struct intern *in);

/* ---- columns (bar_data_columns.c) ---- */

struct columns {
    size_t x, group, facet, low, high;
    size_t *y;
    size_t ny;
    bool count_rows; /* aggregate = count with no value column: each row counts one */
};

/*
 * Resolves the spec's columns in table t into *c (c->y is allocated: the caller frees it) and
 * checks them: the names exist, the options go together, every value column holds numbers.
 */
csvchart_status csvchart_bar_columns_resolve(const csvchart_table *t, const struct spec *s,
                                             struct columns *c, csvchart_error *err);

/* ---- one panel (bar_data_panel.c) ---- */

struct obs;

struct binder {
    const csvchart_table *t;
    const struct agg_rows *folded; /* the numbers folded into the table's cells, or NULL */
    const struct spec *s;
    const struct columns *c;
    const struct intern *series;
    struct csvchart_warnings *warn;
    csvchart_error *err;
    struct bar_chart *chart; /* where the categories left out are noted */
    bool range;
    /* per panel */
    struct intern cats;
    struct obs *obs;
    size_t nobs, obs_cap;
    bool *blank; /* ncat * nser after fold(): a row of that category and series had no value */
    size_t mult_count[5]; /* none K M B T, for the panel's unit */
    struct number_unit unit;
    bool have_unit;
    char no_values[400];       /* the class of "row skipped: no value for ..." (error.h) */
    const char *no_value_hint; /* after that warning: how dates could keep their place */
};

/* The class of warnings (error.h) about rows that lack a value in column `col`. */
const char *csvchart_bar_no_value(char *buf, size_t size, const char *rows, const char *col);
/* Binds panel *d: the rows whose facet is facet_value (every row when NULL). */
csvchart_status csvchart_bar_panel_bind(struct binder *b, size_t facet_index,
                                        const char *facet_value, struct bar_data *d);
/* Frees what panel *d holds and empties it. */
void csvchart_bar_panel_fini(struct bar_data *d);

#endif
