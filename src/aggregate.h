/*
 * aggregate.h - aggregation: numbers gathered by key, while a file is read and while a bar
 * chart is bound (aggregate.c: the accumulator, the plan, the folded rows; aggregate_fold.c:
 * the aggregator and reading through it).
 *
 * One accumulator, struct agg, stands for the n numbers of one place - a cell of the table
 * that rows were folded into, or a bar of a chart - and one pair of functions fills it
 * (csvchart_agg_add(), csvchart_agg_merge()): the folding below and the binding of bar charts
 * (bar_data.c) both aggregate with them, so a sum folded while reading and a sum of the rows
 * bound one by one are the same arithmetic.
 *
 * The aggregator is a sink (table_csv.h) between the reader and the table builder (table.h,
 * Building). What it does with the rows is a struct fold_plan, made from the typed spec by
 * csvchart_fold_plan() before anything is read:
 *
 *   reader --rows--> aggregator --the rows it keeps--> builder --> table
 *                       |
 *                       +--> struct agg_rows: per kept row, the numbers folded into it
 *
 * FOLD_ROWS, for aggregated bar charts of files of any size: a data row whose key (the texts
 * of the key columns: x, group, facet) was seen before is folded, as it is read, into the
 * accumulators of the earlier row with that key, and only the earlier row is kept. Memory
 * grows with the number of distinct keys, not with the file; max_rows counts the rows kept.
 * Every row is still typed (the columns say what the whole file holds), and binding the table
 * with its agg_rows gives exactly what binding the whole table gives (tests/fold_check.h).
 *
 * A row folds only when binding it alone would be silent and fine: every key cell has a value
 * (not blank, not a missing token) and every value cell is a number written with the unit
 * (currency, %) of its column's first number, and > 0 when `positive` (log axes). Any other
 * row stays a row of its own, exactly as without folding, so binding warns about it or refuses
 * it with its own line and column. Folding is off when a key or value column does not exist
 * (binding then reports the name). More than max_keys distinct first-key values (x) within
 * one value of keys[2] (a facet's panel) is an error (CSVCHART_ERROR_LIMIT), raised while
 * reading at the row that passes it: "FILE:LINE:COL: more than N " limit_text.
 *
 * A row without any value (every value cell blank or NA) whose keys all have values is
 * dropped as it is read when binding would skip it and nothing else (aggregate.c says exactly
 * when): counted in agg_rows.skipped, binding warns about it (3 million such rows took 869
 * MB).
 *
 * FOLD_COUNT_CATEGORIES and FOLD_COUNT_EVENTS: nothing folds and every row is kept; only the
 * max_keys limit is checked while reading (a figure that does not aggregate has one category
 * per x and panel, so a 10 GB file is refused at its 10,001st category, not after it is
 * loaded). A row counts when its keys and a value cell have values (with nvalues 0, a cell
 * that is a number) - binding counts those rows too, so the check never refuses what binding
 * would draw. FOLD_COUNT_EVENTS: each row whose keys[0] has a value counts, not each distinct
 * one (timeline events).
 */
#ifndef CSVCHART_AGGREGATE_H
#define CSVCHART_AGGREGATE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "number.h"
#include "spec.h"
#include "table.h"

/*
 * n numbers, and how they were written: the most decimals, how many had no multiplier, K, M,
 * B or T. pos and neg grow in one direction whatever the order of the numbers, so whether they
 * overflow does not depend on it (binding refuses a sum whose parts overflow: a folded sum and
 * a row-by-row one agree). n == 0: nothing yet.
 */
struct agg {
    double sum, min, max;
    double pos, neg; /* the sums of the positive and of the negative numbers */
    size_t n;
    size_t line, col; /* the cell of the first number */
    size_t last_line; /* the line of the last one */
    int decimals;
    size_t mult[5];
};

/* Adds the number v, written as *u (NULL: plain) in the cell at line:col. */
void csvchart_agg_add(struct agg *a, double v, const struct number_unit *u, size_t line,
                      size_t col);
/* Adds everything `from` stands for to `into` (from's numbers come after into's). */
void csvchart_agg_merge(struct agg *into, const struct agg *from);
/* What a chart draws for the numbers: their sum (for AGG_NONE too), mean, count, min or max
 * (0 for the mean of nothing). */
double csvchart_agg_result(const struct agg *a, enum aggregate how);

enum fold_mode {
    FOLD_NOTHING,          /* rows go straight to the table */
    FOLD_ROWS,             /* rows of one key fold into one */
    FOLD_COUNT_CATEGORIES, /* keep every row; refuse more than max_keys categories per panel */
    FOLD_COUNT_EVENTS      /* keep every row; refuse more than max_keys rows with a keys[0] */
};

/* What the aggregator does with the rows (see the top). Its strings are borrowed. */
struct fold_plan {
    enum fold_mode mode;
    const char *keys[3];       /* key column names (x, group, facet); NULL or "" = none,
                                  except that keys[0] then means the first column */
    const char *const *values; /* value column names (the y columns) */
    size_t nvalues;            /* 0: every column that is not a key */
    bool positive;             /* only values > 0 fold (log axes) */
    size_t max_keys;           /* distinct values of keys[0] allowed (per keys[2]); 0 = none */
    const char *limit_text;    /* after "more than N "; NULL: categories of a bar chart that
                                  aggregates */
};

/*
 * What a figure of spec s does with its rows while they are read, borrowing s's strings:
 * FOLD_ROWS for a bar chart that aggregates (not ranges, not bins, not a count without a value
 * column: those bind from the rows as they are), FOLD_COUNT_CATEGORIES for another bar chart
 * without bins, FOLD_COUNT_EVENTS for a timeline, else FOLD_NOTHING.
 */
void csvchart_fold_plan(const struct spec *s, struct fold_plan *p);

/* What FOLD_ROWS leaves beside the table it built. */
struct agg_rows {
    size_t nvalues;
    size_t *cols;    /* the table's columns that hold folded numbers, nvalues of them */
    struct agg *acc; /* per table row: acc[row * nvalues + k] for column cols[k] */
    size_t folded;   /* data rows folded into earlier ones */
    /* Data rows dropped for having no value at all: how many, the last one's line, and the
     * first few (their line and category) for the warnings binding gives in their stead. */
    struct {
        size_t count, last_line;
        size_t nkept;
        struct {
            size_t line; /* of the category cell */
            char *x;     /* the category */
        } kept[CSVCHART_WARNINGS_KEEP];
    } skipped;
    /* What the rows were folded by (csvchart_agg_rows_folded_by()). */
    char *keys[3];
    char **values;
    size_t nvalue_names;
    bool positive;
};

/* The numbers folded into the cell at (row, col) of the table, or NULL when the cell stands
 * for its own text alone. r may be NULL (nothing folded). */
const struct agg *csvchart_agg_rows_get(const struct agg_rows *r, size_t row, size_t col);
/* Whether rows folded by plan p would have folded as r's did: the same keys, values and
 * positivity (a folded table serves any aggregate of them). */
bool csvchart_agg_rows_folded_by(const struct agg_rows *r, const struct fold_plan *p);
void csvchart_agg_rows_free(struct agg_rows *r);

/* The aggregator, a sink for the reader that hands the rows it keeps to the builder b. */
struct aggregator;
/* NULL when out of memory; the plan is copied, b borrowed. */
struct aggregator *csvchart_aggregator_new(const struct fold_plan *p, struct table_builder *b);
struct row_sink csvchart_aggregator_sink(struct aggregator *a);
/* After the table is built: hands the accumulators over (*out NULL when nothing folded: not
 * FOLD_ROWS, or a column was missing). Errors: out of memory. */
csvchart_status csvchart_aggregator_finish(struct aggregator *a, struct agg_rows **out,
                                           csvchart_error *err);
void csvchart_aggregator_free(struct aggregator *a);

/*
 * Reads a file (path; "-" = standard input) or, with path NULL, `len` bytes named `name`, into
 * a table through an aggregator following plan p (NULL or FOLD_NOTHING: straight into the
 * table). On success *table is the table and *rows its accumulators or NULL (see
 * csvchart_aggregator_finish()); free with csvchart_table_free() and
 * csvchart_agg_rows_free(). Errors: those of csvchart_table_build() and the limit above.
 */
csvchart_status csvchart_aggregate_read(const char *path, const char *name, const void *data,
                                        size_t len, const struct table_options *opt,
                                        const struct fold_plan *p, csvchart_table **table,
                                        struct agg_rows **rows, csvchart_error *err);

#endif
