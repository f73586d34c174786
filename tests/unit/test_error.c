/*
 * test_error.c - errors and warnings (src/error.c): messages stay valid UTF-8, and warnings
 * about rows are counted by class in bounded memory and summarised (issue 10: 3 million rows
 * without a value printed 3 million lines and held them all in memory).
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "harness.h"

static void test_message_utf8(void)
{
    csvchart_error err = {0};
    csvchart_error_set(&err, CSVCHART_ERROR_VALUE, "f.ini", 3, 0, "unknown option \"%s\"",
                       "ti\xfftle \xe2\x82 \xc3\xa9");
    CHECK_STR(csvchart_error_text(&err), "f.ini:3: unknown option \"ti?tle ?? \xc3\xa9\"");
}

/* Three million rows of one class: one class, five texts kept, one summary line. */
static void test_rows_bounded(void)
{
    struct csvchart_warnings w = {0};
    const char *what = "rows skipped: no value in column \"v\"";
    for (size_t line = 2; line < 3000002; line++) {
        csvchart_warnings_row(&w, "t.csv", line, what,
                              "t.csv:%zu: row skipped: no value for "
                              "\"c%zu\"",
                              line, line % 3);
    }
    CHECK_INT(w.nclasses, 1);
    CHECK_INT(w.classes[0].count, 3000000);
    CHECK_INT(w.classes[0].nkept, CSVCHART_WARNINGS_KEEP);
    CHECK_INT(w.len, 0); // nothing is an item before the flush
    csvchart_warnings_flush(&w);
    CHECK_INT(w.len, 1);
    CHECK_INT(w.nclasses, 0);
    CHECK_STR(w.items[0], "t.csv: 3,000,000 rows skipped: no value in column \"v\", lines "
                          "2-3000001; the first 5: 2, 3, 4, 5, 6");
    csvchart_warnings_fini(&w);
}

/* A class keeps its smallest lines whatever the order they come in; up to five are word for
 * word; classes come out in the order of their first lines. */
static void test_rows_order(void)
{
    struct csvchart_warnings a = {0}, b = {0};
    static const size_t lines[] = {40, 7, 99, 3, 12, 5, 60, 8};
    for (size_t i = 0; i < 8; i++) {
        csvchart_warnings_row(&a, "t.csv", lines[i], "rows skipped: x", "line %zu", lines[i]);
        csvchart_warnings_row(&b, "t.csv", lines[7 - i], "rows skipped: x", "line %zu",
                              lines[7 - i]);
    }
    csvchart_warnings_row(&a, "t.csv", 4, "bars left out: y", "bar on %d", 4);
    csvchart_warnings_row(&a, "t.csv", 2, "bars left out: y", "bar on %d", 2);
    csvchart_warnings_flush(&a);
    csvchart_warnings_row(&b, "t.csv", 2, "bars left out: y", "bar on %d", 2);
    csvchart_warnings_row(&b, "t.csv", 4, "bars left out: y", "bar on %d", 4);
    csvchart_warnings_flush(&b);
    CHECK_INT(a.len, 3);
    CHECK_STR(a.items[0], "bar on 2");
    CHECK_STR(a.items[1], "bar on 4");
    CHECK_STR(a.items[2], "t.csv: 8 rows skipped: x, lines 3-99; the first 5: 3, 5, 7, 8, 12");
    for (size_t i = 0; i < a.len && i < b.len; i++) {
        CHECK_STR(b.items[i], a.items[i]);
    }
    csvchart_warnings_fini(&a);
    csvchart_warnings_fini(&b);
}

/* Rows counted in bulk (dropped while reading) join their class: the kept texts are the
 * smallest lines, and five or fewer in all stay word for word. */
static void test_rows_bulk(void)
{
    struct csvchart_warnings w = {0};
    csvchart_warnings_row(&w, "t.csv", 9, "rows skipped: x", "nine");
    csvchart_warnings_rows(&w, "t.csv", "rows skipped: x", 1000, 20, 5000);
    csvchart_warnings_rows(&w, "t.csv", "rows skipped: x", 0, 1, 1); // nothing
    csvchart_warnings_row(&w, "t.csv", 3, "rows skipped: x", "three");
    csvchart_warnings_add(&w, "a warning of its own");
    csvchart_warnings_flush(&w);
    CHECK_INT(w.len, 2);
    CHECK_STR(w.items[0], "a warning of its own");
    CHECK_STR(w.items[1], "t.csv: 1,002 rows skipped: x, lines 3-5000; the first 2: 3, 9");
    csvchart_warnings_fini(&w);

    csvchart_warnings_row(&w, "t.csv", 3, "rows skipped: x", "three");
    csvchart_warnings_row(&w, "t.csv", 2, "rows skipped: x", "two");
    csvchart_warnings_row(NULL, "t.csv", 2, "rows skipped: x", "nowhere");
    csvchart_warnings_flush(NULL);
    csvchart_warnings_flush(&w);
    CHECK_INT(w.len, 2);
    CHECK_STR(w.items[0], "two");
    CHECK_STR(w.items[1], "three");
    csvchart_warnings_fini(&w);
    csvchart_warnings_fini(&w); // twice is fine
}

int main(void)
{
    RUN(test_message_utf8);
    RUN(test_rows_bounded);
    RUN(test_rows_order);
    RUN(test_rows_bulk);
    return harness_done();
}
