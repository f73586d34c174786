/*
 * bar_data_columns.c - the first step of binding a table to a bar chart (bar_data.c): the
 * columns resolved and checked before any row is read. The names must exist; the options
 * must go together (range bars take low and high and neither stack, y, aggregate nor ratio;
 * stack is refused on a log axis; bin needs aggregate; group takes one value column); without
 * y, every numeric column but the others is a series; and every value column must hold
 * numbers in one unit - with facets, one unit a panel (GDP growth in %, debt in $B) - or the
 * error points at the first cell that is not one.
 */
#include <stdlib.h>
#include <string.h>

#include "bar_data_bind.h"

/* The index of row r's facet among keys[0 .. *n) (rows whose facet cells differ), added when
 * new. */
static size_t facet_index(const csvchart_table *t, size_t facet, size_t r, size_t *keys, size_t *n)
{
    const struct table_cell *fc = csvchart_table_cell(t, r, facet);
    const char *ft = csvchart_table_text(t, fc);
    for (size_t i = 0; i < *n; i++) {
        const struct table_cell *o = csvchart_table_cell(t, keys[i], facet);
        if (o->len == fc->len && memcmp(csvchart_table_text(t, o), ft, fc->len) == 0) {
            return i;
        }
    }
    keys[*n] = r;
    return (*n)++;
}

/* A value column must be numeric: point at the first cell that is not a number. With a facet
 * column (`facet`, else NONE), the unit need only agree within each facet's rows. */
static csvchart_status need_numbers(const csvchart_table *t, size_t col, size_t facet,
                                    csvchart_error *err)
{
    const struct table_column *c = &t->cols[col];
    if (c->type == COLUMN_NUMBER || c->type == COLUMN_EMPTY) {
        return CSVCHART_OK; /* an empty column: every row is skipped, and that is reported */
    }
    if (c->not_number.line) { /* in every row read, kept or not */
        return csvchart_table_number_error(t, col, err);
    }
    /* Every cell parses alone, so the units disagree ("$5" and "€5"): point at the first cell
     * whose unit differs from the first one's (of its facet). */
    size_t rows = t->nrows ? t->nrows : 1, nkeys = 0;
    size_t *keys = malloc(rows * sizeof *keys), *num = malloc(rows * sizeof *num);
    if (!keys || !num) {
        free(keys);
        free(num);
        return csvchart_error_nomem(err);
    }
    csvchart_status st = CSVCHART_OK;
    for (size_t r = 0; r < t->nrows && !st; r++) {
        const struct table_cell *cell = csvchart_table_cell(t, r, col);
        struct number_unit u, fu;
        double v;
        if (cell->missing ||
            !csvchart_table_number(t, csvchart_table_text(t, cell), cell->len, &v, &u)) {
            continue;
        }
        size_t k = 0; /* the facet's index; without facets, one for all */
        if (facet != NONE) {
            size_t before = nkeys;
            k = facet_index(t, facet, r, keys, &nkeys);
            if (k == before) {
                num[k] = r; /* the facet's first number */
                continue;
            }
        } else if (nkeys == 0) {
            keys[nkeys++] = r;
            num[0] = r;
            continue;
        }
        const struct table_cell *fc = csvchart_table_cell(t, num[k], col);
        csvchart_table_number(t, csvchart_table_text(t, fc), fc->len, &v, &fu);
        if (strcmp(u.prefix, fu.prefix) != 0 || strcmp(u.suffix, fu.suffix) != 0) {
            st = csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, cell->line, cell->col,
                                    "column \"%s\" mixes units: \"%s\" here, \"%s\" on line %zu; "
                                    "write every value%s in one unit",
                                    c->name, csvchart_table_text(t, cell),
                                    csvchart_table_text(t, fc), fc->line,
                                    facet != NONE ? " of a facet" : "");
        }
    }
    free(keys);
    free(num);
    if (st || facet != NONE) {
        return st; /* with facets, the units agree within each: the panels read them */
    }
    return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                              "column \"%s\" cannot be read as numbers", c->name);
}

#define BAD_OPTIONS(...) csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0, __VA_ARGS__)

csvchart_status csvchart_bar_columns_resolve(const csvchart_table *t, const struct spec *s,
                                             struct columns *c, csvchart_error *err)
{
    csvchart_status st;
    c->x = 0;
    if ((*s->x && (st = csvchart_table_column(t, s->x, "x", &c->x, err))) ||
        (st = csvchart_table_column(t, s->group, "group", &c->group, err)) ||
        (st = csvchart_table_column(t, s->facet, "facet", &c->facet, err)) ||
        (st = csvchart_table_column(t, s->low, "low", &c->low, err)) ||
        (st = csvchart_table_column(t, s->high, "high", &c->high, err))) {
        return st;
    }
    bool range = c->low != NONE || c->high != NONE;
    if (range && (c->low == NONE || c->high == NONE)) {
        return BAD_OPTIONS("range bars need both low and high");
    }
    if (s->stack && s->log) {
        return BAD_OPTIONS("stack cannot be drawn on a log axis: stacked totals on a log scale "
                           "mislead; drop stack (grouped bars) or log");
    }
    if (s->totals && s->stack_percent) {
        return BAD_OPTIONS("totals does not apply to stack = percent: every stack totals 100%%; "
                           "drop totals, or set stack = true for the stacks' own totals");
    }
    if (s->totals && !s->stack) {
        return BAD_OPTIONS("totals is the total of each stack: set stack = true, or drop totals");
    }
    if (s->stack && range) {
        return BAD_OPTIONS("stack does not apply to range bars (low, high)");
    }
    if (range && s->ny) {
        return BAD_OPTIONS("range bars take low and high, not y");
    }
    if (range && s->aggregate != AGG_NONE) {
        return BAD_OPTIONS("aggregate does not apply to range bars (low, high)");
    }
    if (range && s->ratio) {
        return BAD_OPTIONS("ratio compares single values and does not apply to range bars");
    }
    if (s->bin && s->aggregate == AGG_NONE) {
        return BAD_OPTIONS("bin = %s puts the rows of a period into one bar: set aggregate "
                           "(count counts them; sum, mean, min, max take a value column)",
                           csvchart_bin_names[s->bin]);
    }
    c->y = malloc((t->ncols + s->ny + 2) * sizeof *c->y);
    if (!c->y) {
        return csvchart_error_nomem(err);
    }
    c->ny = 0;
    if (!range && s->ny == 0 && s->aggregate == AGG_COUNT) {
        /* a count of rows needs no value column: the x column stands in, each row counts */
        c->count_rows = true;
        c->y[c->ny++] = c->x;
        return CSVCHART_OK;
    }
    if (range) {
        c->y[c->ny++] = c->low;
        c->y[c->ny++] = c->high;
    } else {
        for (size_t i = 0; i < s->ny; i++) {
            if ((st = csvchart_table_column(t, s->y[i], "y", &c->y[c->ny], err))) {
                return st;
            }
            if (c->y[c->ny] == NONE) { /* an empty name ("a,,b", ","): no column, not "none" */
                return BAD_OPTIONS("y: item %zu of the list is empty; expected column names "
                                   "separated by commas",
                                   i + 1);
            }
            for (size_t k = 0; k < c->ny; k++) { /* one series per column: "v,v" has one */
                if (c->y[k] == c->y[c->ny]) {
                    return BAD_OPTIONS("y: column \"%s\" is named twice (items %zu and %zu)",
                                       s->y[i], k + 1, i + 1);
                }
            }
            c->ny++;
        }
    }
    if (c->ny == 0) { /* every numeric column but the others (a typo in one is refused) */
        for (size_t i = 0; i < t->ncols; i++) {
            if (i != c->x && i != c->group && i != c->facet &&
                (t->cols[i].type == COLUMN_NUMBER || csvchart_table_mostly_numbers(t, i))) {
                c->y[c->ny++] = i;
            }
        }
        if (c->ny == 0) { /* none: the first other column, so the error names its bad cell */
            for (size_t i = 0; i < t->ncols && c->ny == 0; i++) {
                if (i != c->x && i != c->group && i != c->facet) {
                    c->y[c->ny++] = i;
                }
            }
        }
        if (c->ny == 0) {
            return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 1, 0,
                                      "a bar chart needs a category column and a value column; "
                                      "the file has %zu column%s",
                                      t->ncols, t->ncols == 1 ? "" : "s");
        }
        if (c->group != NONE) {
            c->ny = 1;
        }
    }
    if (!range && c->group != NONE && c->ny > 1) {
        return BAD_OPTIONS("group needs exactly one value column (y), not %zu", c->ny);
    }
    for (size_t i = 0; i < c->ny; i++) {
        if ((st = need_numbers(t, c->y[i], c->facet, err))) {
            return st;
        }
    }
    return CSVCHART_OK;
}
