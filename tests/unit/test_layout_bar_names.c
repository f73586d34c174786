/*
 * test_layout_bar_names.c - which categories a bar chart names (layout_bar_names.c): with
 * category_labels = thin, consecutive whole numbers (years) are named on a round stride, the
 * names its multiples, as a time axis labels years (B->name_round, bar_name_first()); other
 * names every k-th from the first.
 */
#include <math.h>
#include <stdio.h>

#include "harness.h"
#include "layout_bar.h"

/* The strides years are thinned to: 1 2 5 10 20 25 50 100 200 250 500 1000 ..., each the
 * least at or above the one the names need (every 3rd becomes every 5th). */
static void test_round_strides(void)
{
    static const size_t cases[][2] = {
        {1, 1},       {2, 2},       {3, 5},        {4, 5},     {5, 5},      {6, 10},
        {7, 10},      {10, 10},     {11, 20},      {15, 20},   {21, 25},    {26, 50},
        {51, 100},    {101, 200},   {201, 250},    {251, 500}, {501, 1000}, {1001, 2000},
        {2001, 2500}, {2501, 5000}, {5001, 10000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t got = bar_name_stride_round(cases[i][0]);
        HARNESS_REPORT(got == cases[i][1], "every %zu rounds to every %zu, expected %zu",
                       cases[i][0], got, cases[i][1]);
    }
    struct bar_layout B = {.name_round = true};
    CHECK_INT((long)bar_name_stride_next(&B, 1), 2);
    CHECK_INT((long)bar_name_stride_next(&B, 2), 5);
    CHECK_INT((long)bar_name_stride_next(&B, 5), 10);
    CHECK_INT((long)bar_name_stride_next(&B, 20), 25);
    B.name_round = false; /* other names: every stride */
    CHECK_INT((long)bar_name_stride_next(&B, 3), 4);
}

/* The names drawn on a round stride are its multiples: 1948..2022 every 10th is 1950 1960
 * ... 2020, every 20th 1960 1980 2000 2020, every 25th 1950 1975 2000; names that are not
 * consecutive whole numbers, or a search that is not round, count from the first. */
static void test_thin_round_offsets(void)
{
    static const struct {
        long long first;
        size_t n;
        int step;
        size_t k, want;
    } cases[] = {
        {1948, 75, 1, 5, 2},    /* 1950 1955 ... 2020 */
        {1948, 75, 1, 10, 2},   /* 1950 ... 2020 */
        {1948, 75, 1, 20, 12},  /* 1960 1980 2000 2020 */
        {1948, 75, 1, 25, 2},   /* 1950 1975 2000 */
        {1948, 75, 1, 50, 2},   /* 1950 2000 */
        {1948, 75, 1, 100, 75}, /* 2000 alone: none */
        {1948, 75, 1, 2, 0},    /* 1948 1950 ...: even already */
        {1949, 74, 1, 2, 1},    /* 1950 ... 2022 */
        {1948, 75, 1, 1, 0},    /* every name */
        {1948, 71, 1, 10, 2},   /* 1950 ... 2010: one fewer than 1948 ... 2018, but round */
        {2022, 75, -1, 10, 2},  /* newest first: 2020 2010 ... 1950 */
        {1, 400, 1, 100, 99},   /* 100 200 300 400 */
        {-10, 30, 1, 10, 0},    /* -10 0 10 */
        {1948, 52, 1, 100, 52}, /* 1948 ... 1999 has no multiple of 100: none */
        {1948, 53, 1, 50, 2},   /* 1948 ... 2000: 1950 and 2000 */
        {1948, 52, 1, 50, 52},  /* 1948 ... 1999: 1950 alone, none */
    };
    char *names[400];
    char buf[400][24];
    for (size_t i = 0; i < 400; i++) {
        names[i] = buf[i];
    }
    struct bar_layout B = {.name_round = true};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (size_t c = 0; c < cases[i].n; c++) {
            snprintf(buf[c], sizeof buf[c], "%lld", cases[i].first + cases[i].step * (long long)c);
        }
        struct bar_data d = {.cats = names, .ncat = cases[i].n};
        struct panel P = {.d = &d};
        bar_names_numbered(&P);
        CHECK_INT(P.name_step, cases[i].step);
        size_t got = bar_name_first(&B, &P, cases[i].k);
        HARNESS_REPORT(got == cases[i].want, "%lld.. (%zu names) every %zu: from %zu, expected %zu",
                       cases[i].first, cases[i].n, cases[i].k, got, cases[i].want);
    }
    /* a search that is not round (no round stride fitted): from the first */
    for (size_t c = 0; c < 75; c++) {
        snprintf(buf[c], sizeof buf[c], "%d", 1948 + (int)c);
    }
    struct bar_data years = {.cats = names, .ncat = 75};
    struct panel Y = {.d = &years};
    bar_names_numbered(&Y);
    struct bar_chart chart = {.npanels = 1, .panels = &years};
    B.chart = &chart;
    CHECK(bar_names_all_numbered(&B, &Y));
    B.name_round = false;
    CHECK_INT((long)bar_name_first(&B, &Y, 10), 0);
    B.name_round = true;
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
        struct bar_chart one = {.npanels = 1, .panels = &d};
        B.chart = &one;
        HARNESS_REPORT(P.name_step == 0 && bar_name_first(&B, &P, 2) == 0 &&
                           !bar_names_all_numbered(&B, &P),
                       "%s %s ...: read as consecutive numbers", other[i][0], other[i][1]);
    }
}

/*
 * Under vertical bars on a round stride, a name at either end of the axis that would stand
 * past the canvas is not shown, rather than the stride grown (Vega-Lite's labelBound):
 * 1948..2022 every 10th on a canvas that ends 2.5 bands past 2020 names 1950 ... 2010, and
 * 1960 ... 2010 when the canvas also starts 2.5 bands before 1950; a name in the middle never
 * is hidden, and two names at least remain (1948..1962: 1950 and 1960 both shown, the stride
 * failing). The canvas the years keep within is the box less half the margin at either end
 * (as time axes), `reach` here: one that would enter the outer half only is not hidden.
 * Not round, or not thin vertical names: every k-th to the last category, within the box.
 */
static void test_thin_end_names(void)
{
    struct spec s = {.width = 1200,
                     .height = 675,
                     .font = "Inter",
                     .title = "",
                     .subtitle = "",
                     .source = "",
                     .note = ""};
    csvchart_format_parse("auto", &s.format, NULL);
    csvchart_theme_get("light", NULL, &s.theme);
    struct bar_layout B = {.s = &s, .name_round = true, .thin_v = true, .px = {.name_pad = 2}};
    struct csvchart_scene scene;
    csvchart_layout_begin(&B.L, &s, csvchart_text_fake(), &scene, NULL);
    B.label = B.L.label;
    double reach = B.L.px.pad_x / 2;
    double w = csvchart_layout_widest_word(&B.L, &B.label, "2020");
    char *names[75];
    char buf[75][24];
    for (size_t c = 0; c < 75; c++) {
        names[c] = buf[c];
        snprintf(buf[c], sizeof buf[c], "%d", 1948 + (int)c);
    }
    static const struct {
        size_t n;
        double gutter; /* bands left of the first bar, within the canvas */
        size_t first, end;
    } cases[] = {
        {75, 3, 2, 72},  /* 1950 ... 2010: 2020 hidden */
        {75, 0, 12, 72}, /* 1960 ... 2010: 1950 and 2020 hidden */
        {15, 0, 2, 15},  /* 1950 1960: both would go, so both stay (and do not fit) */
        {73, 3, 2, 72},  /* 1948..2020: 2020 hidden, 1950 ... 2010 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct bar_data d = {.cats = names, .ncat = cases[i].n};
        struct panel P = {.d = &d, .band = w / 6}; /* every 10th: 10 bands hold a name */
        bar_names_numbered(&P);
        P.x0 = B.L.left - reach; /* the canvas the names keep within starts at x0 */
        P.gutter = cases[i].gutter * P.band;
        B.L.right = P.x0 + P.gutter + P.band * (double)cases[i].n - reach;
        size_t end, first = bar_name_range(&B, &P, 10, &end);
        HARNESS_REPORT(first == cases[i].first && end == cases[i].end,
                       "%zu years, %g bands of gutter: names [%zu, %zu), expected [%zu, %zu)",
                       cases[i].n, cases[i].gutter, first, end, cases[i].first, cases[i].end);
        for (size_t c = first + 10; c + 10 < end; c += 10) { /* the middle ones fit */
            HARNESS_REPORT(bar_name_lines_v(&B, &P, 10, c) == 1, "%s does not fit", names[c]);
        }
    }
    /* a middle name too wide for its 10 bands is not hidden (only the ends are): the stride
     * fails */
    struct bar_data d = {.cats = names, .ncat = 75};
    struct panel P = {.d = &d, .band = w / 12, .x0 = B.L.left - reach};
    bar_names_numbered(&P);
    B.L.right = P.x0 + P.band * 75 - reach;
    size_t end, first = bar_name_range(&B, &P, 10, &end);
    CHECK(first == 12 && end == 72);
    CHECK(bar_name_lines_v(&B, &P, 10, 32) > BAR_NAME_LINES_V);
    /* the box ending 2.5 bands past 2020 (1948..2022 at 400x600): 2020 stands in the outer
     * half of the margin at most, shown as 1950 is (both ends alike) */
    P.band = w / 6;
    P.x0 = B.L.left;
    P.gutter = 0;
    B.L.right = P.x0 + P.band * 75;
    first = bar_name_range(&B, &P, 10, &end);
    CHECK(first == 2 && end == 75);
    CHECK(bar_name_lines_v(&B, &P, 10, 72) == 1);
    /* not round: within the box (2 bands of 2020 inside it, 3 past its centre) */
    double x2020 = P.x0 + P.band * 72.5, room = 2 * (B.L.right - x2020);
    B.name_round = false;
    CHECK(fabs(bar_name_width_v(&B, P.band, 10, x2020) - room) < 1e-9);
    B.name_round = true;
    CHECK(fabs(bar_name_width_v(&B, P.band, 10, x2020) - fmin(room + 2 * reach, 10 * P.band - 2)) <
          1e-9);
    /* not round, or not thin vertical names: the first, to the last category */
    B.name_round = false;
    first = bar_name_range(&B, &P, 10, &end);
    CHECK(first == 0 && end == 75);
    B.name_round = true;
    B.thin_v = false;
    first = bar_name_range(&B, &P, 10, &end);
    CHECK(first == 2 && end == 75);
    csvchart_scene_fini(&scene);
}

int main(void)
{
    RUN(test_round_strides);
    RUN(test_thin_round_offsets);
    RUN(test_thin_end_names);
    return harness_done();
}
