/*
 * test_trend_data.c - binding a table to a trend (trend_data.c): default columns, wide and
 * long format, dates at every precision (a column of bare years) and in a date_format, the
 * shortest and longest periods they name, missing values that break a line, labels, markers,
 * repeated dates refused or aggregated, the fit per series, and errors with their positions.
 */
#include <math.h>
#include <stdlib.h>

#include "fixtures.h"
#include "harness.h"
#include "trend_data.h"

static struct trend_data data;

/* Binds `csv` with NAME, VALUE option pairs (NULL-terminated) into `data`; the table is read
 * in the syntax the options give (decimal, date_format), as a figure reads it. */
static csvchart_status bind(const char *csv, const char *const *opts, struct csvchart_warnings *w,
                            csvchart_error *err)
{
    struct option_values vals;
    struct spec s;
    fixture_spec(opts, KIND_TREND, &vals, &s, err);
    csvchart_table *t;
    csvchart_status st = fixture_table(csv, &s, &t, err);
    if (st == CSVCHART_OK) {
        st = csvchart_trend_bind(t, &s, &data, w, err);
    }
    csvchart_spec_fini(&s);
    csvchart_option_values_fini(&vals);
    csvchart_table_free(t);
    return st;
}

/* The error of binding `csv` with `opts`: its text, or "ok". */
static const char *error_of(const char *csv, const char *const *opts)
{
    static csvchart_error err;
    memset(&err, 0, sizeof err);
    if (bind(csv, opts, NULL, &err) == CSVCHART_OK) {
        csvchart_trend_fini(&data);
        return "ok";
    }
    return csvchart_error_text(&err);
}

static void test_wide(void)
{
    csvchart_error err = {0};
    struct csvchart_warnings w = {0};
    /* the dates in any order and form; an empty cell breaks its line; the first column is
     * the dates when none is called date */
    const char *csv = "month,small,flagship\n"
                      "2024-05,$0.50,$5.00\n"
                      "March 2023,$2.00,$30.00\n"
                      "2023-11-06,,$10\n"
                      "2025,$0.10,$2\n";
    CHECK_INT(bind(csv, NULL, &w, &err), CSVCHART_OK);
    CHECK_INT(data.nseries, 2);
    if (data.nseries == 2) {
        const struct trend_series *a = &data.series[0], *b = &data.series[1];
        CHECK_STR(a->name, "small");
        CHECK_STR(b->name, "flagship");
        CHECK_INT(a->n, 4);
        CHECK_INT(a->nvalues, 3);
        CHECK_DBL(a->p[0].v, 2, 0);
        CHECK(!a->p[1].has); /* 2023-11-06: missing, sorted into its place */
        CHECK_INT(a->p[1].line, 4);
        CHECK_DBL(a->p[2].v, 0.5, 0);
        CHECK_INT(a->p[3].date.precision, DATE_YEAR);
        /* a month sits mid-month, a day at noon, a year mid-year */
        double mar = (double)csvchart_date_days(2023, 3, 1);
        CHECK_DBL(a->p[0].t, mar + 15.5, 0);
        CHECK_DBL(b->p[1].t, (double)csvchart_date_days(2023, 11, 6) + 0.5, 0);
        CHECK_DBL(a->p[3].t, (double)csvchart_date_days(2025, 1, 1) + 182.5, 0);
        CHECK_INT(b->nvalues, 4);
        CHECK(!a->has_fit); /* no trend = fit */
        CHECK_STR(data.x_name, "month");
        CHECK_STR(data.unit.prefix, "$");
        CHECK_DBL(data.tmin, mar + 15.5, 0);
    }
    csvchart_trend_fini(&data);
    csvchart_warnings_fini(&w);
}

/*
 * Series that stay under 1% of the largest value run flat along zero on a linear axis
 * (graphics desk review 12): a warning names them and the log scale; none on a log axis,
 * none when the series are of a size, none when every series is as small.
 */
static void test_flat_series(void)
{
    const char *csv = "date,Big,Small,Tiny\n2020-01,56000,400,12\n2021-01,120000,520,15\n"
                      "2022-01,651000,610,19\n";
    const char *even = "date,A,B\n2020-01,560,400\n2021-01,1200,520\n";
    const struct {
        const char *csv, *log;
        size_t warnings;
    } cases[] = {{csv, "false", 1}, {csv, "true", 0}, {even, "false", 0}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        csvchart_error err = {0};
        struct csvchart_warnings w = {0};
        const char *opts[] = {"log", cases[c].log, NULL};
        CHECK_INT(bind(cases[c].csv, opts, &w, &err), CSVCHART_OK);
        HARNESS_REPORT(w.len == cases[c].warnings, "case %zu: %zu warnings, expected %zu", c, w.len,
                       cases[c].warnings);
        if (w.len == 1 && cases[c].warnings == 1) {
            CHECK_STR(w.items[0], "series \"Small\", \"Tiny\" stay under 1% of the largest "
                                  "value and run flat along zero; log = true shows the changes "
                                  "of every series");
        }
        csvchart_trend_fini(&data);
        csvchart_warnings_fini(&w);
    }
}

static void test_long(void)
{
    csvchart_error err = {0};
    struct csvchart_warnings w = {0};
    const char *csv = "date,family,model,price\n"
                      "2023-03-01,Small,GPT-3.5 Turbo,$2.00\n"
                      "2023-03-14,Flagship,GPT-4,$30.00\n"
                      ",Flagship,GPT-4 Turbo,$10\n"
                      "2024-07-18,Small,GPT-4o mini,$0.15\n"
                      "2024-05-13,,GPT-4o,$5\n"
                      "2025-04-14,Flagship,,$2.00\n";
    const char *opts[] = {"group", "family", "label", "model", "trend", "fit", "log", "true", NULL};
    CHECK_INT(bind(csv, opts, &w, &err), CSVCHART_OK);
    CHECK_INT(data.nseries, 2);
    CHECK(data.labels);
    if (data.nseries == 2) {
        CHECK_STR(data.series[0].name, "Small");
        CHECK_STR(data.series[1].name, "Flagship");
        CHECK_INT(data.series[1].n, 2);
        CHECK_STR(data.series[1].p[0].label, "GPT-4");
        CHECK(data.series[1].p[1].label == NULL); /* an empty label cell: none */
        CHECK(data.series[0].has_fit && data.series[1].has_fit);
        CHECK_INT(data.series[0].rate.direction, -1);
        CHECK_DBL(data.series[0].t_first, (double)csvchart_date_days(2023, 3, 1) + 0.5, 0);
    }
    /* the rows without a date or a group are skipped, with warnings */
    CHECK_INT(w.len, 2);
    if (w.len == 2) {
        CHECK_STR(w.items[0], "t.csv:4: row skipped: no date");
        CHECK_STR(w.items[1], "t.csv:6: row skipped: no family");
    }
    csvchart_trend_fini(&data);
    csvchart_warnings_fini(&w);
}

/*
 * Review 10: rows left out of a long table. A on 1, 2 and 6 January beside daily B was drawn
 * as one line through 3-5 January; now A breaks after 2 January, as at an empty cell, with a
 * warning. A weekly series beside a daily one, and a lone irregular series, stay whole.
 */
static void test_long_skipped_dates(void)
{
    csvchart_error err = {0};
    struct csvchart_warnings w = {0};
    const char *opts[] = {"group", "series", NULL};
    const char *skipped = "date,series,value\n2026-01-01,A,1\n2026-01-02,A,2\n2026-01-06,A,6\n"
                          "2026-01-01,B,2\n2026-01-02,B,2\n2026-01-03,B,2\n2026-01-04,B,2\n"
                          "2026-01-05,B,2\n2026-01-06,B,2\n";
    CHECK_INT(bind(skipped, opts, &w, &err), CSVCHART_OK);
    CHECK_INT(data.nseries, 2);
    if (data.nseries == 2) {
        const struct trend_series *a = &data.series[0];
        CHECK_INT(a->n, 4);
        CHECK_INT(a->nvalues, 3);
        if (a->n == 4) {
            CHECK(a->p[1].has && !a->p[2].has && a->p[3].has);
            CHECK_DBL(a->p[2].t, (double)csvchart_date_days(2026, 1, 3) + 0.5, 0);
        }
        CHECK_INT(data.series[1].n, 6);
    }
    CHECK_INT(w.len, 1);
    if (w.len == 1) {
        CHECK(strstr(w.items[0],
                     "series \"A\" has no rows for 1 stretch of dates that other series have") !=
              NULL);
    }
    csvchart_trend_fini(&data);
    csvchart_warnings_fini(&w);
    /* weekly A (Mondays) beside daily B: whole */
    char csv[4096] = "date,series,value\n";
    for (int d = 1; d <= 28; d++) {
        size_t len = strlen(csv);
        snprintf(csv + len, sizeof csv - len, "2026-01-%02d,B,%d\n", d, d);
        if (d % 7 == 5) {
            len = strlen(csv);
            snprintf(csv + len, sizeof csv - len, "2026-01-%02d,A,%d\n", d, d);
        }
    }
    struct csvchart_warnings w2 = {0};
    CHECK_INT(bind(csv, opts, &w2, &err), CSVCHART_OK);
    CHECK_INT(data.series[0].n + data.series[1].n, 32);
    CHECK_INT(w2.len, 0);
    csvchart_trend_fini(&data);
    csvchart_warnings_fini(&w2);
    /* prices at each announcement, the dates irregular: whole, whatever lies between (the
     * budget line from Jul 2024 to Apr 2025 past a flagship price of Aug 2024) */
    const char *events = "date,series,value\n2023-03-01,budget,2\n2023-06-13,budget,1.5\n"
                         "2023-11-06,budget,1\n2024-01-25,budget,0.5\n2024-07-18,budget,0.15\n"
                         "2025-04-14,budget,0.1\n2023-03-14,flagship,30\n2023-11-06,flagship,10\n"
                         "2024-05-13,flagship,5\n2024-08-06,flagship,2.5\n2025-04-14,flagship,2\n";
    struct csvchart_warnings w4 = {0};
    CHECK_INT(bind(events, opts, &w4, &err), CSVCHART_OK);
    CHECK_INT(data.series[0].n, 6);
    CHECK_INT(w4.len, 0);
    csvchart_trend_fini(&data);
    csvchart_warnings_fini(&w4);
    /* one series, irregular: whole (a wide table says where it has no value) */
    const char *lone = "date,series,value\n1950,A,1\n1960,A,2\n1970,A,3\n1990,A,4\n";
    struct csvchart_warnings w3 = {0};
    CHECK_INT(bind(lone, opts, &w3, &err), CSVCHART_OK);
    CHECK_INT(data.series[0].n, 4);
    CHECK_INT(w3.len, 0);
    csvchart_trend_fini(&data);
    csvchart_warnings_fini(&w3);
}

/* trend = fit where no series has two values: no line at all, and said so (review 4: silent,
 * exit 0); a lone point beside fitted series (DeepSeek R1 in the sample) is no news. */
static void test_fit_of_one(void)
{
    csvchart_error err = {0};
    struct csvchart_warnings w = {0};
    const char *opts[] = {"trend", "fit", NULL};
    CHECK_INT(bind("date,a\n2024,1\n", opts, &w, &err), CSVCHART_OK);
    CHECK_INT(w.len, 1);
    if (w.len == 1) {
        CHECK_STR(w.items[0], "trend = fit: no series has two values or more, and no line is "
                              "fitted through one");
    }
    csvchart_trend_fini(&data);
    csvchart_warnings_fini(&w);
    w = (struct csvchart_warnings){0};
    CHECK_INT(bind("date,a,b\n2024,1,5\n2025,2,\n", opts, &w, &err), CSVCHART_OK);
    CHECK_INT(w.len, 0);
    CHECK(data.nseries == 2 && data.series[0].has_fit && !data.series[1].has_fit);
    csvchart_trend_fini(&data);
    csvchart_warnings_fini(&w);
}

static void test_years_and_aggregate(void)
{
    csvchart_error err = {0};
    /* a column of bare years is typed number by the table, and still reads as dates */
    const char *csv = "year,value\n2020,1\n2021,3\n2021,5\n2022,\n2022,4\n";
    const char *mean[] = {"aggregate", "mean", NULL};
    CHECK_INT(bind(csv, mean, NULL, &err), CSVCHART_OK);
    CHECK_INT(data.nseries, 1);
    if (data.nseries == 1) {
        CHECK_INT(data.series[0].n, 3);
        CHECK_DBL(data.series[0].p[1].v, 4, 0);
        CHECK(data.series[0].p[2].has); /* a value and a missing one on one date: the value */
        CHECK_DBL(data.series[0].p[2].v, 4, 0);
        CHECK(data.computed);
    }
    csvchart_trend_fini(&data);
    const char *count[] = {"aggregate", "count", NULL};
    CHECK_INT(bind(csv, count, NULL, &err), CSVCHART_OK);
    if (data.nseries == 1) {
        CHECK_DBL(data.series[0].p[1].v, 2, 0);
        CHECK_DBL(data.series[0].p[2].v, 1, 0);
    }
    csvchart_trend_fini(&data);
    const char *max[] = {"aggregate", "max", NULL};
    CHECK_INT(bind(csv, max, NULL, &err), CSVCHART_OK);
    if (data.nseries == 1) {
        CHECK_DBL(data.series[0].p[1].v, 5, 0);
        CHECK(!data.computed);
    }
    csvchart_trend_fini(&data);
    /* without aggregate: refused, naming both lines */
    CHECK_STR(error_of(csv, NULL),
              "t.csv:4:1: date \"2021\" appears again in series \"value\" (first on line 3); set "
              "aggregate to sum, mean, count, min or max");
    /* long format without a group: averaging would merge the series, so the group is named */
    CHECK_STR(error_of("date,model,v\n2024-05,a,1\n2024-05,b,2\n", NULL),
              "t.csv:3:1: date \"2024-05\" appears again in series \"v\" (first on line 2); set "
              "group to model (a line for each of its values), or aggregate to sum, mean, count, "
              "min or max");
    /* ... but not a text column that is the same on both rows */
    CHECK_STR(error_of("date,note,v\n2024-05,x,1\n2024-05,x,2\n", NULL),
              "t.csv:3:1: date \"2024-05\" appears again in series \"v\" (first on line 2); set "
              "aggregate to sum, mean, count, min or max");
    /* one date at two precisions is two dates */
    CHECK_STR(error_of("date,v\n2021,1\n2021-01,2\n2021-01-01,3\n", NULL), "ok");
}

static void test_markers_and_labels(void)
{
    csvchart_error err = {0};
    const char *csv = "date,price,label\n2024-01,3,first\n2024-06,2,\n";
    const char *opts[] = {"marker", "2024-03-15 Policy shift; Jan 15, 2024 \"Launch, again\"",
                          NULL};
    CHECK_INT(bind(csv, opts, NULL, &err), CSVCHART_OK);
    CHECK_INT(data.nmarkers, 2);
    if (data.nmarkers == 2) {
        CHECK_STR(data.markers[0].label, "Launch, again"); /* sorted by date */
        CHECK_INT(data.markers[0].date.precision, DATE_DAY);
        CHECK_STR(data.markers[1].label, "Policy shift");
        CHECK_DBL(data.tmax, (double)csvchart_date_days(2024, 6, 1) + 15, 0);
        CHECK_DBL(data.tmin, (double)csvchart_date_days(2024, 1, 15) + 0.5, 0);
    }
    /* a column named label is used when present, and not as a value column */
    CHECK_INT(data.nseries, 1);
    if (data.nseries == 1) {
        CHECK_STR(data.series[0].p[0].label, "first");
    }
    csvchart_trend_fini(&data);
    /* an unknown label column is an error only when asked for */
    CHECK_STR(error_of("date,price\n2024,3\n", NULL), "ok");
    const char *ask[] = {"label", "model", NULL};
    CHECK_STR(error_of("date,price\n2024,3\n", ask),
              "t.csv: no column named \"model\" (label); the columns are \"date\", \"price\"");
}

static void test_errors(void)
{
    /* a date that is not one, with its position */
    CHECK_STR(error_of("date,price\n2024-01,3\nsoon,2\n", NULL),
              "t.csv:3:1: \"soon\" is not a date (column \"date\"); expected 2025, 2025-01, "
              "2025-01-15, 2025-01-15T10:00:00Z (or +02:00), January 2025, Jan 2025, 15 January "
              "2026 or Jan 15, 2026");
    CHECK_STR(error_of("date,price\n2025-02-30,3\n", NULL),
              "t.csv:2:1: \"2025-02-30\" is not a date (column \"date\"): February 2025 has 28 "
              "days");
    /* a value that is not a number */
    CHECK_STR(error_of("date,price\n2024,3\n2025,cheap\n", NULL),
              "t.csv:3:6: column \"price\" needs numbers, and \"cheap\" is not a number (expected "
              "e.g. 42, 1,234.5, $0.07, 50%, $5.6M)");
    /* ... in a value column chosen by default too, not the column dropped (review 4) */
    CHECK_STR(error_of("date,a,b\n2023,1,2\n2024,abc%,3\n2025,3,4\n", NULL),
              "t.csv:3:6: column \"a\" needs numbers, and \"abc%\" is not a number (expected "
              "e.g. 42, 1,234.5, $0.07, 50%, $5.6M)");
    /* log and fit need values > 0 */
    const char *log[] = {"log", "true", NULL};
    CHECK_STR(error_of("date,price\n2024,3\n2025,0\n", log),
              "t.csv:3:6: log scale needs values > 0; \"price\" on 2025 has 0");
    const char *fit[] = {"trend", "fit", NULL};
    CHECK_STR(error_of("date,price\n2024,3\n2025,-1\n", fit),
              "t.csv:3:6: trend = fit needs values > 0 (it fits their logarithm); \"price\" on "
              "2025 has -1");
    /* one date twice in a long-format series */
    const char *grp[] = {"group", "g", NULL};
    CHECK_STR(error_of("date,g,v\n2024-05,a,1\n2024-05,b,2\n2024-05,a,3\n", grp),
              "t.csv:4:1: date \"2024-05\" appears again in series \"a\" (first on line 2); set "
              "aggregate to sum, mean, count, min or max");
    /* options */
    const char *two[] = {"group", "g", "y", "v,w", NULL};
    CHECK_STR(error_of("date,g,v,w\n2024,a,1,2\n", two),
              "group needs exactly one value column (y), not 2");
    const char *xy[] = {"y", "date", NULL};
    CHECK_STR(error_of("date,v\n2024,1\n", xy),
              "y: column \"date\" holds the dates (x); expected value columns");
    CHECK_STR(error_of("date\n2024\n", NULL),
              "t.csv:1: a trend needs a date column and a value column; the file has 1 column");
    CHECK_STR(error_of("date,v\n2024,\n,3\n", NULL),
              "t.csv: no values to draw: every row lacks a date or a value");
    /* a template that says what the data does not */
    const char *lie[] = {"trend", "fit", "trend_label", "doubles every {doubling}", NULL};
    CHECK_STR(error_of("date,v\n2024,8\n2025,4\n", lie),
              "trend_label: {doubling} does not fit \"v\", which falls; use {halving}, or "
              "trend_label = auto");
    /* points per series are limited */
    const char *lim[] = {"max_categories", "2", NULL};
    CHECK_STR(error_of("date,v\n2021,1\n2022,2\n2023,3\n", lim),
              "t.csv:4:1: more than 2 points in series \"v\"; a trend of them cannot be drawn "
              "(raise max_categories)");
}

/*
 * Day-first dates (01.04.2023, 15/01/2024) read with date_format, as a timeline's: the option
 * applies to a trend (it was refused, "does not apply to trend", while the refusal of the
 * dates told the user to set it), and the dates are days, each at its noon.
 */
static void test_date_format(void)
{
    const char *csv = "Datum;Quote\n01.01.2023;5,4 %\n01.04.2023;5,6 %\n01.07.2023;5,7 %\n";
    const char *plain[] = {"decimal", ",", NULL};
    const char *dmy[] = {"decimal", ",", "date_format", "dd.mm.yyyy", NULL};
    /* without it: refused, and the message says what to set */
    csvchart_error err = {0};
    csvchart_figure *fig = fixture_figure("trend", csv, plain, &err);
    CHECK(csvchart_figure_scene(fig, &err) == NULL);
    CHECK(strstr(csvchart_error_text(&err), "t.csv:2:1: \"01.01.2023\" is not a date") != NULL);
    CHECK(strstr(err.message, "set date_format = dd.mm.yyyy") != NULL);
    csvchart_figure_free(fig);
    /* with it, through the figure (csvchart_set) as the CLI and INI files set it */
    err = (csvchart_error){0};
    fig = fixture_figure("trend", csv, dmy, &err);
    CHECK_STR(err.message, "");
    CHECK(csvchart_figure_scene(fig, &err) != NULL);
    CHECK_STR(err.message, "");
    csvchart_figure_free(fig);
    /* the dates read */
    CHECK_INT(bind(csv, dmy, NULL, &err), CSVCHART_OK);
    CHECK_INT(data.nseries, 1);
    if (data.nseries == 1 && data.series[0].n == 3) {
        const struct trend_series *q = &data.series[0];
        CHECK_INT(q->p[1].date.precision, DATE_DAY);
        CHECK_DBL(q->p[0].t, (double)csvchart_date_days(2023, 1, 1) + 0.5, 0);
        CHECK_DBL(q->p[1].t, (double)csvchart_date_days(2023, 4, 1) + 0.5, 0);
        CHECK_DBL(q->p[2].t, (double)csvchart_date_days(2023, 7, 1) + 0.5, 0);
        CHECK_DBL(q->p[1].v, 5.6, 1e-12);
    }
    csvchart_trend_fini(&data);
    /* month first, and a month alone */
    const char *mdy[] = {"date_format", "mm/dd/yyyy", NULL};
    CHECK_INT(bind("date,v\n01/15/2024,1\n02/2024,2\n", mdy, NULL, &err), CSVCHART_OK);
    if (data.nseries == 1 && data.series[0].n == 2) {
        CHECK_DBL(data.series[0].p[0].t, (double)csvchart_date_days(2024, 1, 15) + 0.5, 0);
        CHECK_INT(data.series[0].p[1].date.precision, DATE_MONTH);
    }
    csvchart_trend_fini(&data);
}

/* The shortest and the longest period the values' dates name (the time axis pads values
 * closer together than the shortest: layout_trend.c). */
static void test_periods(void)
{
    csvchart_error err = {0};
    CHECK_INT(bind("date,A\n2024-01,1\n2024-01-15,2\n2024,3\n", NULL, NULL, &err), CSVCHART_OK);
    CHECK_DBL(data.period, 366, 0);
    CHECK_DBL(data.period_min, 1, 0);
    CHECK_INT(data.finest, DATE_DAY);
    CHECK_INT(data.coarsest, DATE_YEAR);
    csvchart_trend_fini(&data);
    CHECK_INT(bind("date,A\n2024-02,1\n2024-03,2\n", NULL, NULL, &err), CSVCHART_OK);
    CHECK_DBL(data.period, 31, 0);
    CHECK_DBL(data.period_min, 29, 0);
    csvchart_trend_fini(&data);
}

static void test_fit(void)
{
    csvchart_error err = {0};
    /* exactly ten times cheaper a year: the rate comes out so */
    const char *csv = "date,v\n2021-01-01,1000\n2022-01-01,100\n2023-01-01,10\n2024-01-01,1\n";
    const char *opts[] = {"trend", "fit", NULL};
    CHECK_INT(bind(csv, opts, NULL, &err), CSVCHART_OK);
    if (data.nseries == 1 && data.series[0].has_fit) {
        /* 2024 is a leap year: the days between are 365, 365, 365 (2021-2023) */
        CHECK_DBL(data.series[0].fit.slope, -1 / 365.0, 1e-15);
        CHECK_INT(data.series[0].rate.direction, -1);
        CHECK_STR(data.series[0].rate.period, "year");
    } else {
        CHECK(0);
    }
    csvchart_trend_fini(&data);
    /* a series of one value, or of values on one date only, gets no line */
    CHECK_INT(bind("date,a,b\n2021,1,\n2022,,3\n", opts, NULL, &err), CSVCHART_OK);
    CHECK(!data.series[0].has_fit && !data.series[1].has_fit);
    csvchart_trend_fini(&data);
}

int main(void)
{
    RUN(test_wide);
    RUN(test_long);
    RUN(test_flat_series);
    RUN(test_long_skipped_dates);
    RUN(test_fit_of_one);
    RUN(test_years_and_aggregate);
    RUN(test_markers_and_labels);
    RUN(test_errors);
    RUN(test_fit);
    RUN(test_date_format);
    RUN(test_periods);
    return harness_done();
}
