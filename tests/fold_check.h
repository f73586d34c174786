/*
 * fold_check.h - the oracle for folding while reading (aggregate.h), shared by the property
 * test (tests/unit/test_aggregate.c) and the CSV fuzz target (tests/fuzz/fuzz_entry.c): read a
 * CSV with and without folding, bind both to the same bar chart spec, and compare everything
 * binding gives - status, error text, warnings, panels, categories, series, units and
 * values. Header-only, like harness.h.
 */
#ifndef CSVCHART_TEST_FOLD_CHECK_H
#define CSVCHART_TEST_FOLD_CHECK_H

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "aggregate.h"
#include "bar_data.h"

struct fold_outcome {
    csvchart_status st;
    char error[1024];
    struct bar_chart chart;
    struct csvchart_warnings warn;
    size_t rows; /* kept by the reader */
};

/* Reads and binds `csv` for spec s, folded (when the spec folds at all) or not. */
static inline void fold_run(const char *csv, size_t len, const struct spec *s, bool folded,
                            struct fold_outcome *o)
{
    memset(o, 0, sizeof *o);
    struct fold_plan p;
    csvchart_fold_plan(s, &p);
    if (!folded || p.mode != FOLD_ROWS) {
        p.mode = FOLD_NOTHING;
    }
    struct table_options opt = {0};
    csvchart_error err = {0};
    csvchart_table *t = NULL;
    struct agg_rows *rows = NULL;
    o->st = csvchart_aggregate_read(NULL, "t.csv", csv, len, &opt, &p, &t, &rows, &err);
    if (o->st == CSVCHART_OK) {
        o->rows = t->nrows;
        o->st = csvchart_bar_chart_bind(t, rows, s, &o->chart, &o->warn, &err);
    }
    snprintf(o->error, sizeof o->error, "%s", o->st ? csvchart_error_text(&err) : "");
    csvchart_agg_rows_free(rows);
    csvchart_table_free(t);
}

static inline void fold_outcome_fini(struct fold_outcome *o)
{
    if (o->st == CSVCHART_OK) {
        csvchart_bar_chart_fini(&o->chart);
    }
    csvchart_warnings_fini(&o->warn);
}

static inline bool fold_same_unit(const struct number_unit *a, const struct number_unit *b)
{
    return strcmp(a->prefix, b->prefix) == 0 && strcmp(a->suffix, b->suffix) == 0 &&
           a->multiplier == b->multiplier && a->decimals == b->decimals && a->grouped == b->grouped;
}

/* Values agree within `rel` (a sum may add its terms in another order when folded). */
static inline bool fold_same_value(double x, double y, double rel)
{
    if (x == y) {
        return true;
    }
    if (!isfinite(x) || !isfinite(y) || fabs(x) > 1e300 || fabs(y) > 1e300) {
        return rel > 0; // an overflow may depend on the order of the terms
    }
    return fabs(x - y) <= rel * fmax(fabs(x), fabs(y));
}

/* Whether the whole table's outcome (a) and the folded one (b) agree; prints the first
 * difference to stderr. */
static inline bool fold_agree(const struct fold_outcome *a, const struct fold_outcome *b,
                              double rel, const char *csv)
{
    const char *why = NULL;
    /* Warnings are compared when binding succeeds: it stops at its first error, so what it
     * warned about by then depends on how far it got, and the rows without any value that a
     * folding reader drops (table.h) are warned about up front. */
    if (a->st != b->st || strcmp(a->error, b->error) != 0) {
        why = "status or error";
    } else if (a->st == CSVCHART_OK && a->warn.len != b->warn.len) {
        why = "number of warnings";
    }
    for (size_t i = 0; !why && a->st == CSVCHART_OK && i < a->warn.len; i++) {
        why = strcmp(a->warn.items[i], b->warn.items[i]) ? "warning" : NULL;
    }
    for (size_t p = 0; !why && a->st == CSVCHART_OK && p < a->chart.npanels; p++) {
        if (a->chart.npanels != b->chart.npanels) {
            why = "panels";
            break;
        }
        const struct bar_data *x = &a->chart.panels[p], *y = &b->chart.panels[p];
        if (x->ncat != y->ncat || x->nser != y->nser) {
            why = "panel shape";
            break;
        }
        if (!fold_same_unit(&x->unit, &y->unit)) {
            why = "unit";
        }
        for (size_t c = 0; !why && c < x->ncat; c++) {
            why = strcmp(x->cats[c], y->cats[c]) ? "category" : NULL;
        }
        for (size_t k = 0; !why && k < x->nser; k++) {
            why = strcmp(x->series[k], y->series[k]) ? "series" : NULL;
        }
        for (size_t i = 0; !why && i < x->ncat * x->nser; i++) {
            bool same =
                x->has[i] == y->has[i] && (!x->has[i] || fold_same_value(x->v[i], y->v[i], rel));
            why = same ? NULL : "value";
        }
    }
    if (why) {
        fprintf(stderr, "folded and whole tables differ (%s):\n%s\n  whole: %s\n  folded: %s\n",
                why, csv, a->error, b->error);
    }
    return !why;
}

#endif
