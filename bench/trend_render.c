/*
 * trend_render.c - bench/trend.sh's in-process half: the CPU time of a whole figure (options,
 * reading the CSV, layout, PNG encoding into memory; a new figure, so a new measurer, each
 * time), for a trend of 5 series x 200 points and for bar charts of the same size. CPU time
 * of this process (CLOCK_PROCESS_CPUTIME_ID), which other jobs on a shared machine disturb far
 * less than wall time; process start and font configuration are left out (the whole-process
 * half of trend.sh has them). Prints one line per figure: median and minimum ms of BENCH_RUNS
 * runs (default 30) after 3 untimed ones.
 *
 * Usage: trend_render TREND.csv BARS.csv API_PRICING.csv API_PRICE_TREND.csv
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csvchart.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    return buf;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Renders one figure (kind, data, NULL-terminated name/value pairs) to a PNG in memory. */
static int render(const char *kind, const char *data, size_t len, const char *const *opts)
{
    csvchart_error err = {0};
    csvchart_figure *fig = csvchart_figure_new(kind, &err);
    for (size_t i = 0; opts[i]; i += 2) {
        csvchart_set(fig, opts[i], opts[i + 1], &err);
    }
    csvchart_figure_load_buffer(fig, "data.csv", data, len, &err);
    void *png = NULL;
    size_t n = 0;
    csvchart_figure_render(fig, CSVCHART_FORMAT_PNG, &png, &n, &err);
    free(png);
    csvchart_figure_free(fig);
    if (err.status) {
        fprintf(stderr, "trend_render: %s\n", csvchart_error_text(&err));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr,
                "usage: trend_render TREND.csv BARS.csv API_PRICING.csv API_PRICE_TREND.csv\n");
        return 2;
    }
    const char *env = getenv("BENCH_RUNS");
    int runs = env ? atoi(env) : 30;
    runs = runs < 1 ? 1 : runs > 1000 ? 1000 : runs;
    size_t len[4];
    char *data[4];
    for (int i = 0; i < 4; i++) {
        if (!(data[i] = slurp(argv[i + 1], &len[i]))) {
            fprintf(stderr, "trend_render: cannot read %s\n", argv[i + 1]);
            return 2;
        }
    }
#define COMMON                                                                                     \
    "title", "A benchmark figure with a title", "subtitle", "Illustrative values", "source",       \
        "Generated"
    static const char *const bar[] = {COMMON, "log",       "true",        "ratio",
                                      "true", "highlight", "DeepSeek R1", NULL};
    static const char *const bars[] = {COMMON, NULL};
    static const char *const trend[] = {COMMON, "label", "", "log", "true", "trend", "fit", NULL};
    static const char *const flags[] = {COMMON, "label",  "label",
                                        "log",  "true",   "trend",
                                        "fit",  "marker", "2022-06-01 Policy shift",
                                        NULL};
    static const char *const sample[] = {COMMON, "group", "series", "label", "model",
                                         "log",  "true",  "trend",  "fit",   NULL};
    static const struct {
        const char *name, *kind;
        int data;
        const char *const *opts;
    } cases[] = {{"bar", "bar", 2, bar},
                 {"bar 12x5", "bar", 1, bars},
                 {"trend", "trend", 0, trend},
                 {"trend +", "trend", 0, flags},
                 {"trend sample", "trend", 3, sample}};
    size_t ncases = sizeof cases / sizeof cases[0];
    double median[8], least[8];
    for (size_t c = 0; c < ncases; c++) {
        double *t = malloc((size_t)runs * sizeof *t);
        if (!t) {
            return 2;
        }
        for (int i = 0; i < 3; i++) {
            if (render(cases[c].kind, data[cases[c].data], len[cases[c].data], cases[c].opts)) {
                return 1;
            }
        }
        for (int i = 0; i < runs; i++) {
            double a = now_ms();
            render(cases[c].kind, data[cases[c].data], len[cases[c].data], cases[c].opts);
            t[i] = now_ms() - a;
        }
        qsort(t, (size_t)runs, sizeof *t, cmp);
        median[c] = t[runs / 2];
        least[c] = t[0];
        free(t);
    }
    printf("%-14s %10s %10s %14s\n", "figure", "median ms", "min ms", "vs bar 12x5");
    for (size_t c = 0; c < ncases; c++) {
        printf("%-14s %10.1f %10.1f %14.2f\n", cases[c].name, median[c], least[c],
               median[c] / median[1]);
    }
    for (int i = 0; i < 4; i++) {
        free(data[i]);
    }
    return 0;
}
