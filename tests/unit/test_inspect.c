/*
 * test_inspect.c - csvchart_inspect_file(): the whole report for tests/inspect/NAME.csv must
 * equal tests/inspect/NAME.txt byte for byte (the file named relative to the source folder),
 * and a bad delimiter or a bad file is an error with no report. Keeping the first rows only
 * (table.h, Building; what inspect reads files with): random tables typed whole and summarised
 * agree on every column and on every kept row, and the report of a file of many rows is that
 * of its whole table.
 *
 * After a deliberate change of the report's layout, regenerate a reference with
 *     csvchart inspect tests/inspect/NAME.csv > tests/inspect/NAME.txt
 * from the source folder, and read the difference before committing it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvchart.h"
#include "fixtures.h"
#include "harness.h"
#include "table.h"

#ifndef CSVCHART_SOURCE_DIR
#error "CSVCHART_SOURCE_DIR must name the source folder"
#endif

static void test_report(void)
{
    static const char *const names[] = {"sample", "small"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char csv[256], txt[256];
        snprintf(csv, sizeof csv, "tests/inspect/%s.csv", names[i]);
        snprintf(txt, sizeof txt, "tests/inspect/%s.txt", names[i]);
        char *want = fixture_read_file(txt);
        CHECK(want != NULL);
        csvchart_error err = {0};
        char *report = NULL;
        CHECK_INT(csvchart_inspect_file(csv, "auto", &report, &err), CSVCHART_OK);
        if (report && want && strcmp(report, want) != 0) {
            fprintf(stderr, "%s differs; got:\n%s", txt, report);
        }
        CHECK(report && want && strcmp(report, want) == 0);
        free(report);
        free(want);
    }
}

static void test_errors(void)
{
    csvchart_error err = {0};
    char *report = (char *)"not reset";
    CHECK_INT(csvchart_inspect_file("tests/inspect/sample.csv", "|", &report, &err),
              CSVCHART_ERROR_VALUE);
    CHECK(report == NULL);
    CHECK_STR(csvchart_error_text(&err), "unknown delimiter \"|\"; expected auto, \",\", \";\" "
                                         "or tab");

    /* An explicit delimiter is used as given. */
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_inspect_file("tests/inspect/small.csv", "tab", &report, &err), CSVCHART_OK);
    CHECK(report && strstr(report, "delimiter  tab\n") != NULL);
    free(report);

    csvchart_error_clear(&err);
    CHECK_INT(csvchart_inspect_file("tests/bad/ragged_row.csv", "auto", &report, &err),
              CSVCHART_ERROR_DATA);
    CHECK(report == NULL);
}

/* Reads `csv` whole and summarised (keep rows), and compares what typing found. */
static void check_summary(const char *csv, size_t keep)
{
    csvchart_table *whole = NULL, *sum = NULL;
    csvchart_error e1 = {0}, e2 = {0};
    struct table_options opt = {0};
    csvchart_status s1 = csvchart_table_read("t.csv", csv, strlen(csv), &opt, &whole, &e1);
    csvchart_table_reader *r = NULL;
    csvchart_status s2 = csvchart_table_reader_new("t.csv", &opt, &r, &e2);
    if (s2 == CSVCHART_OK) {
        csvchart_table_reader_summarise(r, keep);
        s2 = csvchart_table_reader_feed(r, csv, strlen(csv), &e2);
    }
    if (s2 == CSVCHART_OK) {
        s2 = csvchart_table_reader_finish(r, &sum, &e2);
    }
    csvchart_table_reader_free(r);
    HARNESS_REPORT(s1 == s2 && strcmp(e1.message, e2.message) == 0, "status %d/%d: %s | %s",
                   (int)s1, (int)s2, e1.message, e2.message);
    if (whole && sum) {
        CHECK_INT(sum->nrows_read, whole->nrows);
        CHECK_INT(sum->nrows, whole->nrows < keep ? whole->nrows : keep);
        for (size_t j = 0; j < whole->ncols; j++) {
            const struct table_column *a = &whole->cols[j], *b = &sum->cols[j];
            bool same = a->type == b->type && a->count == b->count && a->missing == b->missing &&
                        a->min == b->min && a->max == b->max &&
                        memcmp(&a->unit, &b->unit, sizeof a->unit) == 0;
            HARNESS_REPORT(same, "column %zu of\n%s", j, csv);
            for (size_t i = 0; i < sum->nrows; i++) {
                const struct table_cell *x = csvchart_table_cell(whole, i, j),
                                        *y = csvchart_table_cell(sum, i, j);
                HARNESS_REPORT(x->missing == y->missing && x->num == y->num &&
                                   x->date_prec == y->date_prec,
                               "cell %zu,%zu of\n%s", i, j, csv);
            }
        }
    }
    csvchart_table_free(whole);
    csvchart_table_free(sum);
}

static void test_summary(void)
{
    static const char *const vals[] = {
        "1",          "2.5",        "-3",   "$5",       "$1.2M",       "\u20ac5", "5%",    "12%",
        "\"1,250\"",  "2026-01-15", "2025", "Jan 2025", "NA",          "-",       "",      "  ",
        "n/a",        "null",       "text", "x y",      "3K",          "4B",      "0.001", "1e3",
        "2025-13-01", "$0.07",      "7T",   "1 000",    "\xe2\x80\x94"};
    size_t nv = sizeof vals / sizeof vals[0];
    unsigned seed = 12345;
    for (int t = 0; t < 400; t++) {
        char csv[8192];
        size_t n = 0, ncols = 1 + (size_t)(t % 4), nrows = 1 + (size_t)(t * 7 % 37);
        size_t pool[4][6];
        for (size_t j = 0; j < ncols; j++) {
            for (size_t k = 0; k < 6; k++) {
                seed = seed * 1103515245u + 12345u;
                pool[j][k] = (seed >> 8) % nv;
            }
            n += (size_t)snprintf(csv + n, sizeof csv - n, "%sc%zu", j ? "," : "", j);
        }
        n += (size_t)snprintf(csv + n, sizeof csv - n, "\n");
        for (size_t i = 0; i < nrows; i++) {
            for (size_t j = 0; j < ncols; j++) {
                seed = seed * 1103515245u + 12345u;
                size_t k = (seed >> 8) % (1 + (size_t)(t % 6));
                n += (size_t)snprintf(csv + n, sizeof csv - n, "%s%s", j ? "," : "",
                                      vals[pool[j][k]]);
            }
            n += (size_t)snprintf(csv + n, sizeof csv - n, "\n");
        }
        check_summary(csv, 1 + (size_t)(t % 6));
    }
}

int main(void)
{
    if (chdir(CSVCHART_SOURCE_DIR) != 0) {
        fprintf(stderr, "cannot enter %s\n", CSVCHART_SOURCE_DIR);
        return 1;
    }
    RUN(test_report);
    RUN(test_errors);
    RUN(test_summary);
    return harness_done();
}
