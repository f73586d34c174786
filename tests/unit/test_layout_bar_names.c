/*
 * test_layout_bar_names.c - which categories a bar chart names (layout_bar_names.c): with
 * category_labels = thin, every k-th name counts from the roundest of consecutive years
 * (bar_name_first()), else from the first.
 */
#include <stdio.h>

#include "harness.h"
#include "layout_bar.h"

/* The lines every name takes, for bar_name_first() (any offset fits)... */
static size_t one_line(const struct bar_layout *B, const struct panel *P, size_t k, size_t first)
{
    (void)B, (void)P, (void)k, (void)first;
    return 1;
}

/* ... and one where a name past the 72nd would leave the canvas (1948 + 72 = 2020). */
static size_t edge_at_72(const struct bar_layout *B, const struct panel *P, size_t k, size_t first)
{
    (void)B;
    size_t c = first;
    while (c + k < P->d->ncat) {
        c += k;
    }
    return c >= 72 ? BAR_NAME_LINES_V + 1 : 1;
}

/* category_labels = thin counts every k-th name from the roundest year, not the first:
 * 1948..2022 every 10th is 1950 1960 ... 2020, not 1948 1958 ... 2018 (a graphics desk's
 * axis). No offset names fewer categories than the first, or takes more lines; names that
 * are not consecutive whole numbers count from the first. */
static void test_thin_round_offsets(void)
{
    static const struct {
        long long first;
        size_t n;
        int step;
        size_t k, want;
        bool edge; /* edge_at_72() */
    } cases[] = {
        {1948, 75, 1, 10, 2, false},   /* 1950 ... 2020 */
        {1948, 75, 1, 5, 2, false},    /* 1950 1955 ... */
        {1948, 75, 1, 25, 2, false},   /* 1950 1975 2000 */
        {1948, 75, 1, 50, 2, false},   /* 1950 2000 */
        {1948, 75, 1, 2, 0, false},    /* 1948 1950 ...: even already */
        {1949, 74, 1, 2, 1, false},    /* 1950 ... 2022 */
        {1948, 75, 1, 20, 12, false},  /* 1960 1980 2000 2020 over 1950 1970 1990 2010 */
        {1948, 75, 1, 3, 0, false},    /* no round unit every 3rd year */
        {1948, 75, 1, 1, 0, false},    /* every name */
        {1948, 71, 1, 10, 0, false},   /* 1950 ... 2010 would name 7, 1948 ... 2018 names 8 */
        {1948, 75, 1, 10, 0, true},    /* 2020 would leave the canvas: 1948 ... 2018 */
        {1948, 75, 1, 20, 2, true},    /* 1950 ... 2010: 1960 ... 2020 would leave it */
        {2022, 75, -1, 10, 2, false},  /* newest first: 2020 2010 ... 1950 */
        {1, 400, 1, 100, 99, false},   /* 100 200 300 400 */
        {-10, 30, 1, 10, 0, false},    /* -10 0 10 */
        {1948, 75, 1, 250, 52, false}, /* beyond the last category: the roundest one, 2000 */
    };
    char *names[400];
    char buf[400][24];
    for (size_t i = 0; i < 400; i++) {
        names[i] = buf[i];
    }
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (size_t c = 0; c < cases[i].n; c++) {
            snprintf(buf[c], sizeof buf[c], "%lld", cases[i].first + cases[i].step * (long long)c);
        }
        struct bar_data d = {.cats = names, .ncat = cases[i].n};
        struct panel P = {.d = &d};
        bar_names_numbered(&P);
        CHECK_INT(P.name_step, cases[i].step);
        size_t lines = 0;
        size_t got =
            bar_name_first(NULL, &P, cases[i].k, cases[i].edge ? edge_at_72 : one_line, &lines);
        HARNESS_REPORT(got == cases[i].want && lines == 1,
                       "%lld.. (%zu names) every %zu: from %zu (%zu lines), expected %zu",
                       cases[i].first, cases[i].n, cases[i].k, got, lines, cases[i].want);
    }
    /* not consecutive whole numbers: from the first */
    static const char *const other[][6] = {
        {"1948", "1950", "1952", "1954", "1956", "1958"}, /* every other year */
        {"1948", "1949", "1950", "1951", "x", "1953"},
        {"1948", "1949", "1950", "1951", "1952", "1953.5"},
        {"+1948", "1949", "1950", "1951", "1952", "1953"},
        {"1948", "1949", "1950", "1951", "1952", "1954"},
        {"2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06"},
    };
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
        struct bar_data d = {.cats = (char **)other[i], .ncat = 6};
        struct panel P = {.d = &d};
        bar_names_numbered(&P);
        HARNESS_REPORT(P.name_step == 0 && bar_name_first(NULL, &P, 2, one_line, NULL) == 0,
                       "%s %s ...: read as consecutive numbers", other[i][0], other[i][1]);
    }
}

int main(void)
{
    RUN(test_thin_round_offsets);
    return harness_done();
}
