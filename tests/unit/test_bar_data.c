/*
 * test_bar_data.c - binding a table to a bar chart: default columns, long format, missing
 * values, repeated categories, aggregation, sorting, and the errors with their positions.
 */
#include <math.h>
#include <stdlib.h>

#include "bar_data.h"
#include "fixtures.h"
#include "harness.h"

/* Binds `csv` with options given as NAME=VALUE pairs (NULL-terminated). */
static struct bar_chart chart;

static csvchart_status bind(const char *csv, const char *const *opts, struct bar_data *d,
                            struct csvchart_warnings *w, csvchart_error *err)
{
    struct option_values vals;
    struct spec s;
    fixture_spec(opts, KIND_BAR, &vals, &s, err);
    csvchart_table *t;
    csvchart_status st = fixture_table(csv, &s, &t, err);
    if (st == CSVCHART_OK) {
        st = csvchart_bar_chart_bind(t, NULL, &s, &chart, w, err);
    }
    if (st == CSVCHART_OK) {
        *d = chart.panels[0];
    }
    csvchart_spec_fini(&s);
    csvchart_option_values_fini(&vals);
    csvchart_table_free(t);
    return st;
}

static void test_defaults(void)
{
    struct bar_data d;
    struct csvchart_warnings w = {0};
    csvchart_error err = {0};
    CHECK_INT(bind("name,a,note,b\nx,1,hi,2\ny,3,yo,4\n", NULL, &d, &w, &err), 0);
    CHECK_INT(d.ncat, 2);
    CHECK_INT(d.nser, 2); /* every numeric column but x; "note" is text */
    CHECK_STR(d.series[0], "a");
    CHECK_STR(d.series[1], "b");
    CHECK_DBL(d.v[1 * 2 + 1], 4, 0);
    CHECK_STR(d.x_name, "name");
    csvchart_bar_chart_fini(&chart);
    csvchart_warnings_fini(&w);
}

static void test_long_format(void)
{
    struct bar_data d;
    struct csvchart_warnings w = {0};
    csvchart_error err = {0};
    const char *opts[] = {"group", "year", NULL};
    CHECK_INT(bind("co,year,rev\nA,2024,1\nA,2025,2\nB,2025,5\n", opts, &d, &w, &err), 0);
    CHECK_INT(d.ncat, 2);
    CHECK_INT(d.nser, 2);
    CHECK_STR(d.series[1], "2025");
    CHECK(!d.has[1 * 2 + 0]); /* B has no 2024 */
    CHECK_DBL(d.v[1 * 2 + 1], 5, 0);
    csvchart_bar_chart_fini(&chart);
    csvchart_warnings_fini(&w);
}

static void test_missing(void)
{
    struct bar_data d;
    struct csvchart_warnings w = {0};
    csvchart_error err = {0};
    CHECK_INT(bind("k,v\na,1\nb,\n,3\nc,4\n", NULL, &d, &w, &err), 0);
    CHECK_INT(d.ncat, 2);
    CHECK_INT(w.len, 2);
    CHECK_STR(w.items[0], "t.csv:3: row skipped: no value for \"b\"");
    CHECK_STR(w.items[1], "t.csv:4: row skipped: no k");
    csvchart_bar_chart_fini(&chart);
    csvchart_warnings_fini(&w);
}

/* Review 5: a binned month whose only row had no value was drawn as a sum of 0, and the
 * warning named it by its internal key ("100000024290"). It is now an empty period, named as
 * written; a period without rows is still a zero; unbinned dates are told how to keep theirs. */
static void test_missing_period(void)
{
    struct bar_data d;
    struct csvchart_warnings w = {0};
    csvchart_error err = {0};
    const char *opts[] = {"bin", "month", "aggregate", "sum", "group", "g", NULL};
    CHECK_INT(bind("m,g,v\n2024-01,A,5\n2024-01,B,3\n2024-02,A,\n2024-02,B,4\n2024-04,A,6\n", opts,
                   &d, &w, &err),
              0);
    CHECK_INT(d.ncat, 4);
    CHECK(!d.has[1 * 2 + 0]);                       /* Feb, A: a row without a value */
    CHECK(d.has[1 * 2 + 1] && d.v[1 * 2 + 1] == 4); /* Feb, B */
    CHECK(d.has[2 * 2 + 0] && d.v[2 * 2 + 0] == 0); /* Mar: no rows, a sum of none */
    CHECK(d.has[3 * 2 + 1] && d.v[3 * 2 + 1] == 0); /* Apr, B: no rows */
    CHECK_INT(w.len, 1);
    CHECK_STR(w.items[0], "t.csv:4: no value for \"2024-02\"; its bar is left out");
    csvchart_bar_chart_fini(&chart);
    csvchart_warnings_fini(&w);

    w = (struct csvchart_warnings){0};
    CHECK_INT(bind("m,v\n2024-01,5\n2024-02,\n2024-03,4\n", NULL, &d, &w, &err), 0);
    CHECK_INT(d.ncat, 2);
    CHECK_INT(w.len, 1);
    CHECK_STR(w.items[0], "t.csv:3: row skipped: no value for \"2024-02\" (with bin, its period "
                          "stays on the axis, empty)");
    csvchart_bar_chart_fini(&chart);
    csvchart_warnings_fini(&w);
}

/* Review 5: a poll table stacked by row (its columns are the wholes) drew Labour to 128%, and
 * stack = percent rescaled it into labels the data does not hold, without a word. */
static void test_stack_shares(void)
{
    static const char *poll =
        "party,young,mid,old\nLab,41%,38%,29%\nCon,12%,18%,28%\nOther,47%,44%,43%\n";
    struct bar_data d;
    struct csvchart_warnings w = {0};
    csvchart_error err = {0};
    const char *stack[] = {"stack", "true", NULL};
    CHECK_INT(bind(poll, stack, &d, &w, &err), 0);
    CHECK_INT(w.len, 1);
    CHECK_STR(w.items[0], "the parts of \"Lab\" add up to 108% (1 more stack passes 100% too): "
                          "shares of one whole cannot pass 100%; it is the columns that each add "
                          "up to 100%: swap the table's rows and columns, so that each column is "
                          "a stack");
    csvchart_bar_chart_fini(&chart);
    csvchart_warnings_fini(&w);
    w = (struct csvchart_warnings){0};
    const char *pct[] = {"stack", "percent", NULL};
    CHECK_INT(bind(poll, pct, &d, &w, &err), 0);
    CHECK_INT(w.len, 1);
    CHECK(w.len == 1 && strstr(w.items[0], "\"Lab\" add up to 108%, not 100% (nor do 2 more "
                                           "stacks): stack = percent rescales") != NULL);
    csvchart_bar_chart_fini(&chart);
    csvchart_warnings_fini(&w);
    w = (struct csvchart_warnings){0}; /* parts of one whole: quiet */
    CHECK_INT(bind("q,yes,no\nA,60%,40%\nB,55.5%,44.5%\n", stack, &d, &w, &err), 0);
    CHECK_INT(w.len, 0);
    csvchart_bar_chart_fini(&chart);
    csvchart_warnings_fini(&w);
}

static void test_aggregate_sort(void)
{
    static const struct {
        const char *agg, *sort;
        double first, second;
        const char *first_cat;
    } cases[] = {
        {"sum", "none", 4, 10, "a"}, {"mean", "none", 2, 10, "a"}, {"count", "none", 2, 1, "a"},
        {"min", "none", 1, 10, "a"}, {"max", "none", 3, 10, "a"},  {"sum", "desc", 10, 4, "b"},
        {"sum", "asc", 4, 10, "a"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct bar_data d;
        struct csvchart_warnings w = {0};
        csvchart_error err = {0};
        const char *opts[] = {"aggregate", cases[i].agg, "sort", cases[i].sort, NULL};
        CHECK_INT(bind("k,v\na,1\nb,10\na,3\n", opts, &d, &w, &err), 0);
        CHECK_STR(d.cats[0], cases[i].first_cat);
        CHECK_DBL(d.v[0], cases[i].first, 1e-12);
        CHECK_DBL(d.v[1], cases[i].second, 1e-12);
        csvchart_bar_chart_fini(&chart);
        csvchart_warnings_fini(&w);
    }
}

/* A range open at the top ("$500+") sorts above every closed one, open ones by their lows: it
 * sorted by its low, and "most expensive first" put $150-$600 before $500+ (graphics desk,
 * session 23). */
static void test_open_range_sort(void)
{
    static const struct {
        const char *sort, *order;
    } cases[] = {{"desc", "BDAC"}, {"asc", "CADB"}, {"none", "ABCD"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct bar_data d;
        struct csvchart_warnings w = {0};
        csvchart_error err = {0};
        const char *opts[] = {"low", "low", "high", "high", "sort", cases[i].sort, NULL};
        CHECK_INT(
            bind("m,low,high\nA,$150,$600\nB,$500+,\nC,$1,$10\nD,$100+,\n", opts, &d, &w, &err), 0);
        char got[5] = "";
        for (size_t c = 0; c < 4 && c < d.ncat; c++) {
            got[c] = d.cats[c][0];
        }
        CHECK_STR(got, cases[i].order);
        csvchart_bar_chart_fini(&chart);
        csvchart_warnings_fini(&w);
    }
}

static void test_errors(void)
{
    static const struct {
        const char *csv;
        const char *opt, *value;
        const char *message;
        size_t line, col;
    } cases[] = {
        {"k,v\na,1\na,2\n", NULL, NULL,
         "category \"a\" appears again (first on line 2); set aggregate to sum, mean, count, "
         "min or max, or use group for long-format data",
         3, 1}, /* the category's cell, not the value's (review 5) */
        {"k,v\na,1\nb,x\n", NULL, NULL,
         "column \"v\" needs numbers, and \"x\" is not a number (expected e.g. 42, 1,234.5, "
         "$0.07, 50%, $5.6M)",
         3, 3},
        /* the value columns chosen by default: a typo in one is refused at its cell, not the
         * column dropped (review 4: "a" vanished, and "b" was drawn alone, unnamed) */
        {"name,a,b\nX,1,2\nY,abc,3\nZ,3,4\n", NULL, NULL,
         "column \"a\" needs numbers, and \"abc\" is not a number (expected e.g. 42, 1,234.5, "
         "$0.07, 50%, $5.6M)",
         3, 3},
        {"k,v\na,1\n", "x", "K", "no column named \"K\" (x); the columns are \"k\", \"v\"", 0, 0},
        {"k,v\na,1\n", "y", "v,w", "no column named \"w\" (y); the columns are \"k\", \"v\"", 0, 0},
        {"k\na\n", NULL, NULL,
         "a bar chart needs a category column and a value column; the file has 1 column", 1, 0},
        {"d,v\n2025-01-02,1\nsoon,2\n", "bin", "day",
         "bin = day needs dates in column \"d\", and \"soon\" is not a date (e.g. 2025-01-15, "
         "15 January 2025, January 2025)",
         3, 1},
        {"d,v\nMarch 2025,1\n", "bin", "week",
         "\"March 2025\" names a month; bin = week needs dates to the day at least", 2, 1},
        /* five lines no size draws: said where it is (it was "do not fit 1200x675, nor any
         * size", with the name's line breaks in the message) */
        {"k,v\nb,2\n\"First line\nsecond\nthird\nfourth\nfifth\",1\n", NULL, NULL,
         "the name \"First line...\" has 5 lines; a category name may have at most 4 (each "
         "line break in the cell starts one)",
         3, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct bar_data d;
        struct csvchart_warnings w = {0};
        csvchart_error err = {0};
        const char *opts[] = {cases[i].opt, cases[i].value, "aggregate", "sum", NULL};
        CHECK(bind(cases[i].csv, cases[i].opt ? opts : NULL, &d, &w, &err) != 0);
        CHECK_STR(err.message, cases[i].message);
        CHECK_INT(err.line, cases[i].line);
        CHECK_INT(err.column, cases[i].col);
        csvchart_warnings_fini(&w);
    }
}

/* Issue 10: a sum, mean or stack beyond DBL_MAX drew inf and NaN geometry and exited 0. */
static void test_non_finite(void)
{
    static const struct {
        const char *csv;
        const char *opts[5];
        const char *message; /* NULL: binds */
        size_t line, col;
    } cases[] = {
        {"k,v\na,1e308\na,1e308\nb,1\n",
         {"aggregate", "sum"},
         "the sum of \"a\" (lines 2-3) is too large to draw: its values add up beyond the "
         "largest double (about 1.8e308)",
         2,
         3},
        {"k,v\na,1e308\na,1e308\nb,1\n",
         {"aggregate", "mean"},
         "the mean of \"a\" (lines 2-3) cannot be computed: its values add up beyond the "
         "largest double (about 1.8e308)",
         2,
         3},
        {"k,v\na,1e308\na,1e308\nb,1\n", {"aggregate", "max"}, NULL, 0, 0},
        {"k,v\na,1e308\na,1e308\nb,1\n", {"aggregate", "count"}, NULL, 0, 0},
        /* the positive values overflow, whatever the order: 1e308 + 1e308 - 1e308 */
        {"k,v\nb,1\na,1e308\na,-1e308\na,1e308\n",
         {"aggregate", "sum"},
         "the sum of \"a\" (lines 3-5) is too large to draw: its values add up beyond the "
         "largest double (about 1.8e308)",
         3,
         3},
        {"k,g,v\na,s,1e308\na,t,1\na,s,1.5e308\n",
         {"aggregate", "sum", "group", "g"},
         "the sum of \"a\" in \"s\" (lines 2-4) is too large to draw: its values add up "
         "beyond the largest double (about 1.8e308)",
         2,
         5},
        {"k,a,b\ny,1,2\nx,1e308,1e308\n",
         {"stack", "true"},
         "the stack of \"x\" is too large to draw: with \"b\" its positive values add up "
         "beyond the largest double (about 1.8e308)",
         3,
         9},
        {"k,a,b,c\nx,-1e308,5,-1e308\n",
         {"stack", "true"},
         "the stack of \"x\" is too large to draw: with \"c\" its negative values add up "
         "beyond the largest double (about 1.8e308)",
         2,
         12},
        {"k,a,b\nx,1e308,-1e308\n", {"stack", "true"}, NULL, 0, 0}, // each side finite
        {"k,v\na,1e300\nb,1e-300\n",
         {"ratio", "true"},
         "ratio: \"a\" (1e+300) over \"b\" (1e-300) is too large to state (beyond the largest "
         "double, about 1.8e308)",
         0,
         0},
        {"k,v\na,1.7976931348623157e308\nb,-1.7976931348623157e308\n", {NULL}, NULL, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct bar_data d;
        struct csvchart_warnings w = {0};
        csvchart_error err = {0};
        csvchart_status st = bind(cases[i].csv, cases[i].opts, &d, &w, &err);
        if (!cases[i].message) {
            CHECK_INT(st, CSVCHART_OK);
            if (st == CSVCHART_OK) {
                for (size_t k = 0; k < d.ncat * d.nser; k++) {
                    CHECK(!d.has[k] || isfinite(d.v[k]));
                }
                csvchart_bar_chart_fini(&chart);
            } else {
                fprintf(stderr, "non-finite case %zu: %s\n", i, err.message);
            }
        } else {
            CHECK_INT(st, CSVCHART_ERROR_DATA);
            CHECK_STR(err.message, cases[i].message);
            CHECK_INT(err.line, cases[i].line);
            CHECK_INT(err.column, cases[i].col);
        }
        csvchart_warnings_fini(&w);
    }
}

/* bin: periods in time order, gaps filled (zero for a sum or count, no bar for a mean), rows
 * counted without a value column, and the errors of a bin without aggregate or too long. */
static void test_bin(void)
{
    struct bar_data d;
    struct csvchart_warnings w = {0};
    csvchart_error err = {0};
    const char *csv = "when,v\n2025-03-30,5\n2025-01-15,1\n2025-01-20,2\n";
    const char *month[] = {"bin", "month", "aggregate", "sum", NULL};
    CHECK_INT(bind(csv, month, &d, &w, &err), 0);
    CHECK_INT(d.ncat, 3);
    CHECK_STR(d.cats[0], "Jan 2025");
    CHECK_STR(d.cats[1], "Feb 2025");
    CHECK_STR(d.cats[2], "Mar 2025");
    CHECK_DBL(d.v[0], 3, 0);
    CHECK(d.has[1] && d.v[1] == 0); /* an empty month sums to zero */
    CHECK_DBL(d.v[2], 5, 0);
    CHECK_DBL(d.period[0], 20089, 0); /* 2025-01-01 */
    CHECK_DBL(d.period[3], 20179, 0); /* 2025-04-01, the end */
    csvchart_bar_chart_fini(&chart);

    const char *mean[] = {"bin", "month", "aggregate", "mean", NULL};
    CHECK_INT(bind(csv, mean, &d, &w, &err), 0);
    CHECK_DBL(d.v[0], 1.5, 0);
    CHECK(!d.has[1]); /* the mean of nothing is no bar */
    csvchart_bar_chart_fini(&chart);

    const char *week[] = {"bin", "week", "aggregate", "count", "y", "", NULL};
    CHECK_INT(bind("when,who\n2025-01-05,a\n2025-01-06,b\n2025-01-12,c\n", week, &d, &w, &err), 0);
    CHECK_INT(d.ncat, 2); /* Sunday the 5th is in the week of Monday 30 December */
    CHECK_STR(d.cats[0], "Week of 30 Dec 2024");
    CHECK_STR(d.value_name, "count");
    CHECK_DBL(d.v[0], 1, 0);
    CHECK_DBL(d.v[1], 2, 0);
    csvchart_bar_chart_fini(&chart);

    const char *quarter[] = {"bin", "quarter", "aggregate", "sum", NULL};
    CHECK_INT(bind("when,v\nJune 2024,1\nJanuary 2025,2\n", quarter, &d, &w, &err), 0);
    CHECK_INT(d.ncat, 4);
    CHECK_STR(d.cats[0], "Q2 2024");
    CHECK_STR(d.cats[3], "Q1 2025");
    csvchart_bar_chart_fini(&chart);

    const char *bare[] = {"bin", "day", NULL};
    CHECK(bind(csv, bare, &d, &w, &err) != 0);
    CHECK(strstr(err.message, "set aggregate") != NULL);
    const char *far[] = {"bin", "day", "aggregate", "sum", "max_categories", "10", NULL};
    err = (csvchart_error){0};
    CHECK(bind(csv, far, &d, &w, &err) != 0);
    CHECK_STR(err.message, "the dates span 75 days, more than 10 bars; bin by a longer period, "
                           "or raise max_categories");
    csvchart_warnings_fini(&w);
}

/*
 * bin reads day-first dates (15/01/2024) with date_format, as a timeline does: the option
 * applies to bars (it was refused, "does not apply to bar"), and the refusal of such a date
 * without it says what to set.
 */
static void test_bin_date_format(void)
{
    const char *csv = "date,value\n15/01/2024,5\n15/02/2024,6\n20/02/2024,1\n";
    const char *plain[] = {"bin", "month", "aggregate", "sum", NULL};
    const char *dmy[] = {"bin", "month", "aggregate", "sum", "date_format", "dd/mm/yyyy", NULL};
    struct bar_data d;
    csvchart_error err = {0};
    CHECK(bind(csv, plain, &d, NULL, &err) != CSVCHART_OK);
    CHECK_STR(err.message, "bin = month needs dates in column \"date\", and \"15/01/2024\" is not "
                           "a date (e.g. 2025-01-15, 15 January 2025, January 2025); for "
                           "day/month/year set date_format = dd/mm/yyyy (or mm/dd/yyyy)");
    err = (csvchart_error){0};
    CHECK_INT(bind(csv, dmy, &d, NULL, &err), CSVCHART_OK);
    CHECK_INT(d.ncat, 2);
    if (d.ncat == 2) {
        CHECK_STR(d.cats[0], "Jan 2024");
        CHECK_STR(d.cats[1], "Feb 2024");
        CHECK_DBL(d.v[1], 7, 0);
    }
    csvchart_bar_chart_fini(&chart);
    /* through the figure (csvchart_set), as the CLI and INI files set it */
    err = (csvchart_error){0};
    csvchart_figure *fig = fixture_figure("bar", csv, dmy, &err);
    CHECK_STR(err.message, "");
    const struct csvchart_scene *sc = csvchart_figure_scene(fig, &err);
    CHECK_STR(err.message, "");
    CHECK(sc && fixture_find_text(sc, "Jan 2024") != NULL);
    csvchart_figure_free(fig);
}

/* Facets are small multiples of different measures: the unit need only agree within a panel
 * (a review found GDP growth in % beside debt in $B refused: "column mixes units"). */
static void test_facet_units(void)
{
    const char *csv = "metric,country,value\nGrowth,DE,3.6%\nGrowth,FR,1.2%\nDebt,DE,$1335B\n"
                      "Debt,FR,$980B\nPeople,DE,83.2M\nPeople,FR,68.4M\n";
    const char *opts[] = {"x", "country", "facet", "metric", "y", "value", NULL};
    struct bar_data d;
    struct csvchart_warnings w = {0};
    csvchart_error err = {0};
    CHECK_INT(bind(csv, opts, &d, &w, &err), CSVCHART_OK);
    CHECK_INT(chart.npanels, 3);
    for (size_t p = 0; p < chart.npanels && p < 3; p++) {
        const struct bar_data *pd = &chart.panels[p];
        bool growth = strcmp(pd->title, "Growth") == 0, debt = strcmp(pd->title, "Debt") == 0;
        CHECK_STR(pd->unit.suffix, growth ? "%" : "");
        CHECK_STR(pd->unit.prefix, debt ? "$" : "");
    }
    csvchart_bar_chart_fini(&chart);
    csvchart_warnings_fini(&w);
    /* within a panel, one unit still */
    err = (csvchart_error){0};
    CHECK(bind("metric,country,value\nGrowth,DE,3.6%\nDebt,DE,$1B\nGrowth,FR,$2\n", opts, &d, &w,
               &err) != CSVCHART_OK);
    CHECK_STR(err.message, "column \"value\" mixes units: \"$2\" here, \"3.6%\" on line 2; write "
                           "every value of a facet in one unit");
    CHECK_INT(err.line, 4);
    csvchart_warnings_fini(&w);
}

int main(void)
{
    RUN(test_defaults);
    RUN(test_long_format);
    RUN(test_missing);
    RUN(test_missing_period);
    RUN(test_stack_shares);
    RUN(test_aggregate_sort);
    RUN(test_open_range_sort);
    RUN(test_errors);
    RUN(test_non_finite);
    RUN(test_bin);
    RUN(test_bin_date_format);
    RUN(test_facet_units);
    return harness_done();
}
