/*
 * test_aggregate.c - aggregation: the accumulator, and folding rows while reading
 * (aggregate.c, aggregate_fold.c; the rules in aggregate.h).
 *
 * The main check is a property: for thousands of random small CSV files and option sets
 * (aggregate, group, facet, log, y named or not), binding the folded table gives exactly what
 * binding the whole table gives - the same error or the same panels, categories, series,
 * values, units and warnings. The values are small halves, so sums are exact in any order.
 * Then: memory (one row per key), the accumulators, the category limit while reading, the
 * plan a spec makes, and a figure whose options change after an aggregated load.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "aggregate.h"
#include "bar_data.h"
#include "fixtures.h"
#include "fold_check.h"
#include "harness.h"

static uint64_t rng = 0x9E3779B97F4A7C15u;

static size_t pick(size_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (size_t)(rng % n);
}

static void test_same_as_whole_table(void)
{
    static const char *const cats[] = {"a", "b", "c", "a", "b", "", "NA", "c"};
    static const char *const groups[] = {"g1", "g2", "g1", ""};
    static const char *const facets[] = {"f1", "f2", "f1"};
    static const char *const values[] = {
        "1",   "2.5", "0.5", "3",  "1.5", "2", "$3", "$1.5", "\"$2,000\"", "5M", "0.5K",
        "50%", "-1",  "0",   "NA", "",    "x", "€4", "2.50", "1e2",        "4+", "-",
    };
    static const char *const aggs[] = {"sum", "mean", "count", "min", "max"};
    char csv[4096];
    size_t disagree = 0, folded_runs = 0;
    for (int iter = 0; iter < 3000; iter++) {
        /* Values: mostly plain numbers, sometimes from the whole list. */
        size_t nvals = pick(4) ? 6 : sizeof values / sizeof values[0];
        int n = snprintf(csv, sizeof csv, "k,g,f,v,w\n");
        size_t rows = 1 + pick(30);
        for (size_t r = 0; r < rows; r++) {
            n += snprintf(csv + n, sizeof csv - (size_t)n, "%s,%s,%s,%s,%s\n",
                          cats[pick(sizeof cats / sizeof cats[0])], groups[pick(4)],
                          facets[pick(3)], values[pick(nvals)], values[pick(nvals)]);
        }
        struct option_values vals = {0};
        csvchart_error err = {0};
        csvchart_option_values_set(&vals, OPT_AGGREGATE, aggs[pick(5)], NULL, 0, &err);
        if (pick(3) == 0) {
            csvchart_option_values_set(&vals, OPT_GROUP, "g", NULL, 0, &err);
        }
        if (pick(3) == 0) {
            csvchart_option_values_set(&vals, OPT_FACET, "f", NULL, 0, &err);
        }
        if (pick(4) == 0) {
            csvchart_option_values_set(&vals, OPT_LOG, "true", NULL, 0, &err);
        }
        size_t y = pick(4);
        if (y) {
            csvchart_option_values_set(&vals, OPT_Y,
                                       y == 1   ? "v"
                                       : y == 2 ? "w"
                                                : "v,w",
                                       NULL, 0, &err);
        }
        if (pick(2)) {
            csvchart_option_values_set(&vals, OPT_X, "k", NULL, 0, &err);
        }
        struct spec s;
        csvchart_spec_bind(&vals, KIND_BAR, &s, &err);
        struct fold_outcome whole, folded;
        fold_run(csv, strlen(csv), &s, false, &whole);
        fold_run(csv, strlen(csv), &s, true, &folded);
        if (!fold_agree(&whole, &folded, 0, csv) && ++disagree > 3) {
            iter = 1 << 30; // enough output
        }
        folded_runs += folded.rows < whole.rows;
        fold_outcome_fini(&whole);
        fold_outcome_fini(&folded);
        csvchart_spec_fini(&s);
        csvchart_option_values_fini(&vals);
    }
    CHECK_INT(disagree, 0);
    CHECK(folded_runs > 1000); // the property was tested on tables that did fold
}

/* Reads `len` bytes of csv through an aggregator following plan p; *rows: what folded. */
static csvchart_status read_planned(const char *csv, size_t len, const struct fold_plan *p,
                                    csvchart_table **t, struct agg_rows **rows, csvchart_error *err)
{
    return csvchart_aggregate_read(NULL, "t.csv", csv, len, NULL, p, t, rows, err);
}

/* Reads `len` bytes of csv folded by column "k" (values: column y, or every other column
 * when y is NULL; at most max_keys categories, 0 = no limit). */
static csvchart_status read_folded(const char *csv, size_t len, const char *y, size_t max_keys,
                                   csvchart_table **t, struct agg_rows **rows, csvchart_error *err)
{
    const char *values[] = {y};
    struct fold_plan p = {.mode = FOLD_ROWS,
                          .keys = {"k", NULL, NULL},
                          .values = y ? values : NULL,
                          .nvalues = y ? 1 : 0,
                          .max_keys = max_keys};
    return read_planned(csv, len, &p, t, rows, err);
}

/* A reader that folds by column "k", fed in pieces (make(), feed(), done()). */
struct folding {
    struct table_builder *b;
    struct aggregator *a;
    csvchart_csv_reader *r;
};

static void make(struct folding *f)
{
    struct fold_plan p = {.mode = FOLD_ROWS, .keys = {"k", NULL, NULL}};
    csvchart_error err = {0};
    f->b = csvchart_table_builder_new(NULL);
    f->a = csvchart_aggregator_new(&p, f->b);
    CHECK_INT(csvchart_csv_reader_new("t.csv", NULL, csvchart_aggregator_sink(f->a), &f->r, &err),
              0);
}

static void feed(struct folding *f, const char *buf, size_t n)
{
    csvchart_error err = {0};
    CHECK_INT(csvchart_csv_reader_feed(f->r, buf, n, &err), 0);
}

static void done(struct folding *f, csvchart_table **t, struct agg_rows **rows)
{
    csvchart_error err = {0};
    *t = NULL;
    *rows = NULL;
    CHECK_INT(csvchart_csv_reader_finish(f->r, &err), 0);
    CHECK_INT(csvchart_table_builder_finish(f->b, csvchart_csv_reader_encoding(f->r), t, &err), 0);
    CHECK_INT(csvchart_aggregator_finish(f->a, rows, &err), 0);
    csvchart_csv_reader_free(f->r);
    csvchart_aggregator_free(f->a);
    csvchart_table_builder_free(f->b);
}

static void test_memory_and_accumulators(void)
{
    /* 30,000 rows of three categories keep three rows; the rest fold. */
    size_t cap = 30000 * 16 + 64, n = 0;
    char *csv = malloc(cap);
    n += (size_t)snprintf(csv + n, cap - n, "k,v\n");
    for (int i = 0; i < 30000; i++) {
        n += (size_t)snprintf(csv + n, cap - n, "%c,%s\n", "abc"[i % 3], i % 2 ? "$1.5" : "$2");
    }
    csvchart_error err = {0};
    csvchart_table *t;
    struct agg_rows *rows;
    CHECK_INT(read_folded(csv, n, "v", 0, &t, &rows, &err), 0);
    CHECK_INT(t->nrows, 3);
    CHECK_INT(t->nrows_read, 30000);
    CHECK_INT(rows->folded, 29997);
    const struct agg *a = csvchart_agg_rows_get(rows, 0, 1);
    CHECK(a != NULL);
    CHECK_INT(a->n, 10000);
    CHECK_DBL(a->sum, 17500, 0); /* "a" is rows 0, 3, 6...: 5000 x $2 and 5000 x $1.5 */
    CHECK_DBL(a->min, 1.5, 0);
    CHECK_DBL(a->max, 2, 0);
    CHECK_INT(a->line, 2);
    CHECK_INT(a->last_line, 29999);                   /* row 29997, the last "a" */
    CHECK(csvchart_agg_rows_get(rows, 0, 0) == NULL); /* a key column has no accumulator */
    CHECK_INT(t->cols[1].type, COLUMN_NUMBER);
    CHECK_STR(t->cols[1].unit.prefix, "$");
    CHECK_INT(t->cols[1].unit.decimals, 1); /* "$1.5" folded away still counts */
    CHECK_INT(t->cols[1].count, 30000);
    CHECK_INT(t->cols[0].count, 30000); /* every row is typed, kept or not */
    csvchart_agg_rows_free(rows);
    csvchart_table_free(t);
    free(csv);
}

/*
 * Memory does not grow with the file: a million rows (about 12 MB) streamed in 64 KiB pieces
 * leave a table of three rows whose text pool never grew past a few KiB.
 */
static void test_bounded_memory(void)
{
    struct folding f;
    make(&f);
    char buf[1 << 16];
    size_t n = (size_t)snprintf(buf, sizeof buf, "k,v\n");
    for (int i = 0; i < 1000000; i++) {
        if (n > sizeof buf - 64) {
            feed(&f, buf, n);
            n = 0;
        }
        n += (size_t)snprintf(buf + n, sizeof buf - n, "cat-%d,%d.%02d\n", i % 3, i % 1000, i % 97);
    }
    feed(&f, buf, n);
    csvchart_table *t;
    struct agg_rows *rows;
    done(&f, &t, &rows);
    if (!t || !rows) {
        CHECK(t && rows);
        return;
    }
    CHECK_INT(t->nrows, 3);
    CHECK_INT(rows->folded, 999997);
    CHECK(t->pool_cap < 4096);
    CHECK_INT(t->cols[1].count, 1000000);
    csvchart_agg_rows_free(rows);
    csvchart_table_free(t);
}

/*
 * Issue 10: 3 million rows without a value under aggregate kept every row (869 MB) and gave 3
 * million warnings. Rows without any value are dropped as they are read, counted with their
 * first lines, and binding gives one summary - the same warnings as binding the whole table
 * (checked on 30,000 rows; the whole table of 3 million would itself take 300 MB).
 */
static void test_rows_without_values(void)
{
    struct folding f;
    make(&f);
    csvchart_error err = {0};
    char buf[1 << 16];
    size_t n = (size_t)snprintf(buf, sizeof buf, "k,v\na,1\nb,2\n");
    for (int i = 0; i < 3000000; i++) {
        if (n > sizeof buf - 64) {
            feed(&f, buf, n);
            n = 0;
        }
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%c,%s\n", "abc"[i % 3], i % 2 ? "" : "NA");
    }
    feed(&f, buf, n);
    csvchart_table *t;
    struct agg_rows *rows;
    done(&f, &t, &rows);
    if (!t || !rows) {
        CHECK(t && rows);
        csvchart_table_free(t);
        return;
    }
    /* a, b and the first NA row, kept in case the column turns out to be text (a new
     * category without a value, "c", drops: binding would skip it too) */
    CHECK_INT(t->nrows, 3);
    CHECK_INT(rows->skipped.count, 2999999);
    CHECK_INT(rows->skipped.nkept, CSVCHART_WARNINGS_KEEP);
    CHECK(t->pool_cap < 4096);
    struct option_values vals = {0};
    csvchart_option_values_set(&vals, OPT_AGGREGATE, "sum", NULL, 0, &err);
    csvchart_option_values_set(&vals, OPT_X, "k", NULL, 0, &err);
    struct spec s;
    csvchart_spec_bind(&vals, KIND_BAR, &s, &err);
    struct bar_chart chart;
    struct csvchart_warnings w = {0};
    CHECK_INT(csvchart_bar_chart_bind(t, rows, &s, &chart, &w, &err), 0);
    CHECK_INT(w.len, 1);
    CHECK_STR(w.items[0], "t.csv: 3,000,000 rows skipped: no value in column \"v\", lines "
                          "4-3000003; the first 5: 4, 5, 6, 7, 8");
    csvchart_bar_chart_fini(&chart);
    csvchart_warnings_fini(&w);
    csvchart_agg_rows_free(rows);
    csvchart_table_free(t);

    /* The same warnings as the whole table, with groups and facets whose values first come
     * in rows without a value (those rows stay, so series and panels keep their order). */
    size_t cap = 30000 * 24 + 64;
    char *csv = malloc(cap);
    n = (size_t)snprintf(csv, cap, "k,g,f,v\n");
    for (int i = 0; i < 30000; i++) {
        n += (size_t)snprintf(csv + n, cap - n, "%c,g%d,f%d,%s\n", "abcd"[i % 4], i % 7, i % 5,
                              i % 11 == 0   ? "1.5"
                              : i % 13 == 0 ? "-"
                                            : "");
    }
    csvchart_option_values_set(&vals, OPT_GROUP, "g", NULL, 0, &err);
    csvchart_option_values_set(&vals, OPT_FACET, "f", NULL, 0, &err);
    csvchart_spec_fini(&s);
    csvchart_spec_bind(&vals, KIND_BAR, &s, &err);
    struct fold_outcome whole, folded;
    fold_run(csv, n, &s, false, &whole);
    fold_run(csv, n, &s, true, &folded);
    CHECK_INT(whole.st, 0);
    CHECK(fold_agree(&whole, &folded, 0, "30,000 rows, most without a value"));
    CHECK_INT(whole.warn.len, 1);
    CHECK(folded.rows < 3000);
    fold_outcome_fini(&whole);
    fold_outcome_fini(&folded);
    csvchart_spec_fini(&s);
    csvchart_option_values_fini(&vals);
    free(csv);
}

/*
 * A tie between multipliers goes to the one written first in the file, also when the later
 * one was folded into a row above it (found by fuzz_csv: "$9B" then "$3" in one category).
 */
static void test_multiplier_tie(void)
{
    const char *csv = "k,v\na,$9B\nb,\na,$3\n";
    csvchart_error err = {0};
    csvchart_table *t;
    struct agg_rows *rows;
    CHECK_INT(read_folded(csv, strlen(csv), NULL, 0, &t, &rows, &err), 0);
    CHECK_INT(t->nrows, 1); // "b" has no value: dropped, counted in rows->skipped
    CHECK_INT(rows->skipped.count, 1);
    CHECK_INT(t->cols[1].unit.multiplier, 'B');
    csvchart_agg_rows_free(rows);
    csvchart_table_free(t);
}

static void test_category_limit_while_reading(void)
{
    const char *csv = "k,v\na,1\nb,2\na,3\nc,4\n";
    csvchart_error err = {0};
    csvchart_table *t;
    struct agg_rows *rows;
    CHECK_INT(read_folded(csv, strlen(csv), NULL, 2, &t, &rows, &err), CSVCHART_ERROR_LIMIT);
    CHECK_STR(csvchart_error_text(&err), "t.csv:5:1: more than 2 categories; a bar chart of "
                                         "them cannot be read (raise max_categories)");
    CHECK(t == NULL && rows == NULL);
}

/*
 * Issue 10: a sum beyond DBL_MAX is refused alike, folded or not, at the same cell, although
 * the rows add up in another order when folded (a row with a missing w stays a row of its
 * own): the verdict is on the sums of each sign, which do not depend on the order.
 */
static void test_overflow_same_as_whole_table(void)
{
    static const char *const csvs[] = {
        "k,v,w\na,1e308,1\nb,1,1\na,1e308,1\n", "k,v,w\na,1e308,1\na,-1e308,\na,1e308,1\n",
        "k,v,w\nb,1,1\na,-1e308,\na,1e308,1\na,1e308,1\n",
        "k,v,w\na,1e308,1\na,-1.7e308,1\na,5e307,\n", // fine whichever way it adds up
    };
    static const char *const aggs[] = {"sum", "mean", "max"};
    for (size_t i = 0; i < sizeof csvs / sizeof csvs[0]; i++) {
        for (size_t k = 0; k < 3; k++) {
            struct option_values vals = {0};
            csvchart_error err = {0};
            csvchart_option_values_set(&vals, OPT_AGGREGATE, aggs[k], NULL, 0, &err);
            csvchart_option_values_set(&vals, OPT_Y, "v,w", NULL, 0, &err);
            struct spec s;
            csvchart_spec_bind(&vals, KIND_BAR, &s, &err);
            struct fold_outcome whole, folded;
            fold_run(csvs[i], strlen(csvs[i]), &s, false, &whole);
            fold_run(csvs[i], strlen(csvs[i]), &s, true, &folded);
            CHECK(fold_agree(&whole, &folded, 1e-15, csvs[i]));
            CHECK(folded.rows < whole.rows);
            CHECK_INT(whole.st, i < 3 && k < 2 ? CSVCHART_ERROR_DATA : CSVCHART_OK);
            fold_outcome_fini(&whole);
            fold_outcome_fini(&folded);
            csvchart_spec_fini(&s);
            csvchart_option_values_fini(&vals);
        }
    }
}

/* Issue 10: without aggregate nothing folds, but the category limit is still checked while
 * reading - per panel, over the rows binding would draw - and so is a timeline's. */
static csvchart_status read_counted(const char *csv, const struct fold_plan *p, csvchart_table **t,
                                    csvchart_error *err)
{
    struct agg_rows *rows = NULL;
    csvchart_status st = read_planned(csv, strlen(csv), p, t, &rows, err);
    CHECK(rows == NULL); // nothing folded
    csvchart_agg_rows_free(rows);
    return st;
}

static void test_limits_without_folding(void)
{
    const char *y[] = {"v"};
    struct fold_plan f = {.mode = FOLD_COUNT_CATEGORIES,
                          .keys = {"k", NULL, "f"},
                          .values = y,
                          .nvalues = 1,
                          .max_keys = 3,
                          .limit_text = "things"};
    csvchart_table *t;
    csvchart_error err = {0};
    /* three per panel, a repeat, rows without a value or a key: all fine, all kept */
    const char *ok = "k,f,v\na,p,1\nb,p,2\nc,p,3\na,p,4\nd,p,\nd,,1\n,p,1\nd,q,1\ne,q,1\n"
                     "NA,p,1\n";
    CHECK_INT(read_counted(ok, &f, &t, &err), 0);
    CHECK_INT(t->nrows, 10);
    csvchart_table_free(t);
    CHECK_INT(read_counted("k,f,v\na,p,1\nb,p,2\nc,p,3\nd,q,1\ne,p,1\n", &f, &t, &err),
              CSVCHART_ERROR_LIMIT);
    CHECK_STR(csvchart_error_text(&err), "t.csv:6:1: more than 3 things");

    /* y not named: a row counts when a cell that is not a key is a number */
    struct fold_plan g = {.mode = FOLD_COUNT_CATEGORIES, .keys = {"k", NULL, NULL}, .max_keys = 2};
    csvchart_error_clear(&err);
    CHECK_INT(read_counted("k,note,v\na,x,1\nb,y,\nc,z,NA\nd,,2\ne,w,3\n", &g, &t, &err),
              CSVCHART_ERROR_LIMIT);
    CHECK_STR(csvchart_error_text(&err), "t.csv:6:1: more than 2 categories; a bar chart of "
                                         "them cannot be read (raise max_categories)");

    /* events: each row with a date is one */
    struct fold_plan e = {.mode = FOLD_COUNT_EVENTS,
                          .keys = {"date", NULL, NULL},
                          .max_keys = 2,
                          .limit_text = "events"};
    csvchart_error_clear(&err);
    CHECK_INT(read_counted("date,label\n2020,a\n,b\n2020,c\n2021,d\n", &e, &t, &err),
              CSVCHART_ERROR_LIMIT);
    CHECK_STR(csvchart_error_text(&err), "t.csv:5:1: more than 2 events");

    /* Through a figure: bar without aggregate, with a group; a timeline. */
    csvchart_error_clear(&err);
    const char *opts[] = {"max_categories", "2", "group", "g", NULL};
    csvchart_figure *fig =
        fixture_figure("bar", "k,g,v\na,1,1\na,2,1\nb,1,1\nc,2,1\nx\n", opts, &err);
    CHECK_STR(csvchart_error_text(&err), "t.csv:5:1: more than 2 categories; a bar chart of "
                                         "them cannot be read (aggregate them, or raise "
                                         "max_categories)");
    csvchart_figure_free(fig);
    csvchart_error_clear(&err);
    const char *topts[] = {"max_categories", "1", NULL};
    fig = fixture_figure("timeline", "date,label\n2020,a\n2021,b\n", topts, &err);
    CHECK_STR(csvchart_error_text(&err), "t.csv:3:1: more than 1 events; a timeline of them "
                                         "cannot be drawn (raise max_categories)");
    csvchart_figure_free(fig);
}

/* With aggregate the limit counts per panel too, as binding does (two panels of 3 with 5
 * distinct categories in all are fine at 3). */
static void test_limit_per_panel_folded(void)
{
    struct fold_plan f = {.mode = FOLD_ROWS, .keys = {"k", NULL, "f"}, .max_keys = 3};
    csvchart_table *t;
    struct agg_rows *rows;
    csvchart_error err = {0};
    const char *ok = "k,f,v\na,p,1\nb,p,2\nc,p,3\nc,q,1\nd,q,1\ne,q,1\na,p,5\n";
    CHECK_INT(read_planned(ok, strlen(ok), &f, &t, &rows, &err), 0);
    CHECK_INT(t->nrows, 6);
    csvchart_agg_rows_free(rows);
    csvchart_table_free(t);
    const char *bad = "k,f,v\na,p,1\nb,p,2\nc,p,3\nc,q,1\nd,p,1\n";
    CHECK_INT(read_planned(bad, strlen(bad), &f, &t, &rows, &err), CSVCHART_ERROR_LIMIT);
    CHECK_STR(csvchart_error_text(&err), "t.csv:6:1: more than 3 categories; a bar chart of "
                                         "them cannot be read (raise max_categories)");
}

/* One accumulator for both folds: adding numbers one by one or merging what was added
 * elsewhere gives the same sums, extremes, counts and lines. */
static void test_accumulator(void)
{
    struct number_unit k = {.multiplier = 'K', .decimals = 2};
    struct agg whole = {0}, left = {0}, right = {0};
    const double v[] = {3, -1.5, 8, 0.25, -4};
    for (size_t i = 0; i < 5; i++) {
        csvchart_agg_add(&whole, v[i], i == 2 ? &k : NULL, 10 + i, 3);
        csvchart_agg_add(i < 2 ? &left : &right, v[i], i == 2 ? &k : NULL, 10 + i, 3);
    }
    csvchart_agg_merge(&left, &right);
    CHECK(memcmp(&whole, &left, sizeof whole) == 0);
    CHECK_DBL(whole.sum, 5.75, 0);
    CHECK_DBL(whole.pos, 11.25, 0);
    CHECK_DBL(whole.neg, -5.5, 0);
    CHECK_INT(whole.n, 5);
    CHECK_INT(whole.line, 10);
    CHECK_INT(whole.last_line, 14);
    CHECK_INT(whole.decimals, 2);
    CHECK_INT(whole.mult[0], 4);
    CHECK_INT(whole.mult[1], 1);
    CHECK_DBL(csvchart_agg_result(&whole, AGG_MEAN), 1.15, 1e-15);
    CHECK_DBL(csvchart_agg_result(&whole, AGG_MIN), -4, 0);
    CHECK_DBL(csvchart_agg_result(&whole, AGG_MAX), 8, 0);
    CHECK_DBL(csvchart_agg_result(&whole, AGG_COUNT), 5, 0);
    CHECK_DBL(csvchart_agg_result(&whole, AGG_NONE), 5.75, 0);
    struct agg none = {0};
    CHECK_DBL(csvchart_agg_result(&none, AGG_MEAN), 0, 0);
}

/* What a spec asks of its rows while they are read. */
static void test_plan(void)
{
    static const struct {
        const char *kind;
        const char *opts[7];
        enum fold_mode mode;
    } cases[] = {
        {"bar", {"aggregate", "sum", NULL}, FOLD_ROWS},
        {"bar", {"aggregate", "count", "y", "v", NULL}, FOLD_ROWS},
        {"bar", {"aggregate", "count", NULL}, FOLD_COUNT_CATEGORIES}, // counts rows: no y
        {"bar", {NULL}, FOLD_COUNT_CATEGORIES},
        {"bar", {"aggregate", "sum", "low", "a", "high", "b", NULL}, FOLD_COUNT_CATEGORIES},
        {"bar", {"aggregate", "sum", "bin", "month", NULL}, FOLD_NOTHING},
        {"timeline", {NULL}, FOLD_COUNT_EVENTS},
        {"trend", {NULL}, FOLD_NOTHING},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct option_values vals;
        struct spec s;
        csvchart_error err = {0};
        unsigned kind = csvchart_kind_lookup(cases[i].kind);
        fixture_spec(cases[i].opts, kind, &vals, &s, &err);
        struct fold_plan p;
        csvchart_fold_plan(&s, &p);
        HARNESS_REPORT(p.mode == cases[i].mode, "case %zu: mode %d, expected %d", i, (int)p.mode,
                       (int)cases[i].mode);
        csvchart_spec_fini(&s);
        csvchart_option_values_fini(&vals);
    }

    /* A folded table serves a plan that folds alike: any aggregate, not another y or log. */
    const char *csv = "k,v,w\na,1,2\na,3,4\n";
    struct fold_plan p = {.mode = FOLD_ROWS, .keys = {"k", "", NULL}};
    csvchart_table *t;
    struct agg_rows *rows;
    csvchart_error err = {0};
    CHECK_INT(read_planned(csv, strlen(csv), &p, &t, &rows, &err), 0);
    CHECK(rows && csvchart_agg_rows_folded_by(rows, &p));
    struct fold_plan q = p;
    q.keys[1] = NULL;
    q.max_keys = 7;
    CHECK(rows && csvchart_agg_rows_folded_by(rows, &q));
    q.positive = true;
    CHECK(rows && !csvchart_agg_rows_folded_by(rows, &q));
    const char *y[] = {"v"};
    q = p;
    q.values = y;
    q.nvalues = 1;
    CHECK(rows && !csvchart_agg_rows_folded_by(rows, &q));
    q = p;
    q.mode = FOLD_COUNT_CATEGORIES;
    CHECK(rows && !csvchart_agg_rows_folded_by(rows, &q));
    csvchart_agg_rows_free(rows);
    csvchart_table_free(t);
}

static void test_figure_options_after_load(void)
{
    const char *csv = "k,v\na,1\na,2\n";
    csvchart_error err = {0};
    csvchart_figure *fig = csvchart_figure_new("bar", &err);
    CHECK_INT(csvchart_set(fig, "aggregate", "sum", &err), 0);
    CHECK_INT(csvchart_figure_load_buffer(fig, "t.csv", csv, strlen(csv), &err), 0);
    void *data = NULL;
    size_t len = 0;
    CHECK_INT(csvchart_figure_render(fig, CSVCHART_FORMAT_SCENE, &data, &len, &err), 0);
    free(data);
    data = NULL;
    CHECK_INT(csvchart_set(fig, "aggregate", "none", &err), 0);
    CHECK_INT(csvchart_figure_render(fig, CSVCHART_FORMAT_SCENE, &data, &len, &err),
              CSVCHART_ERROR_VALUE);
    CHECK(strstr(csvchart_error_text(&err), "load it again") != NULL);
    /* Loading again with the new options reads the rows as they are. */
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_figure_load_buffer(fig, "t.csv", csv, strlen(csv), &err), 0);
    CHECK_INT(csvchart_figure_render(fig, CSVCHART_FORMAT_SCENE, &data, &len, &err),
              CSVCHART_ERROR_DATA); /* "a" appears again */
    free(data);
    csvchart_figure_free(fig);
}

int main(void)
{
    RUN(test_accumulator);
    RUN(test_plan);
    RUN(test_same_as_whole_table);
    RUN(test_memory_and_accumulators);
    RUN(test_bounded_memory);
    RUN(test_multiplier_tie);
    RUN(test_rows_without_values);
    RUN(test_category_limit_while_reading);
    RUN(test_limits_without_folding);
    RUN(test_limit_per_panel_folded);
    RUN(test_overflow_same_as_whole_table);
    RUN(test_figure_options_after_load);
    return harness_done();
}
