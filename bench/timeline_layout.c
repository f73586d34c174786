/*
 * timeline_layout.c - how long does a timeline take to lay out? (bench/timeline.sh builds and
 * runs it against the static library and its private headers, like the unit tests.)
 *
 * For each case (an event count, a density, a size) it makes an illustrative CSV of
 * AI-industry-like events from a fixed generator, then times csvchart_figure_scene(): binding
 * the table and the whole layout, including csvchart_layout_fit()'s search for a size when the
 * figure does not fit (the refusal is the answer then). Not timed: reading the CSV, drawing
 * pixels. Two numbers per case, the median of BENCH_RUNS runs each:
 *
 *   cold   a new figure on a Pango measurer whose font files are loaded but whose
 *          measurement cache is empty: what a figure costs in a batch (csvchart render)
 *   warm   the same figure laid out again with the measurements cached: the layout's own
 *          arithmetic (each string was already shaped once per size)
 *
 * Prints one line per case and exits 0; it does not judge (the targets are in bench/README.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csvchart.h"
#include "date.h"
#include "figure.h"
#include "scene.h"
#include "text.h"

static uint64_t seed = 0x9E3779B97F4A7C15ULL;
static uint32_t rnd(uint32_t n)
{
    seed ^= seed >> 12;
    seed ^= seed << 25;
    seed ^= seed >> 27;
    return (uint32_t)((seed * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

static const char *const who[] = {"OpenAI", "Anthropic", "Google DeepMind", "Meta", "Mistral",
                                  "DeepSeek", "Alibaba Qwen", "xAI", "Nvidia", "Microsoft"};
static const char *const what[] = {"releases a reasoning model", "raises a funding round",
                                   "opens an API price cut", "publishes a safety report",
                                   "ships an open-weight model", "signs a chip supply deal",
                                   "launches a coding agent", "expands its context window"};

/* n events over `days` days from 2020-01-01; with `skew`, 9 in 10 fall in 1% of the span. */
static char *make_csv(size_t n, int days, bool skew)
{
    size_t cap = 64 + n * 160, len = 0;
    char *s = malloc(cap);
    len += (size_t)snprintf(s, cap, "date,label,detail\n");
    int64_t d0 = csvchart_date_days(2020, 1, 1);
    for (size_t i = 0; i < n; i++) {
        int day = skew && rnd(10) ? days / 2 + (int)rnd((uint32_t)(days / 100 + 1))
                                  : (int)rnd((uint32_t)days);
        int y, m, d;
        csvchart_date_civil(d0 + day, &y, &m, &d);
        len += (size_t)snprintf(s + len, cap - len, "%d-%02d-%02d,%s %s (%zu),illustrative\n", y,
                                m, d, who[rnd(10)], what[rnd(8)], i);
    }
    return s;
}

static double now(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* One layout of the CSV; returns seconds, and what came out in *what. */
static double run(csvchart_text_measurer *m, const char *csv, const char *size, bool cold,
                  char *what, size_t n)
{
    csvchart_error err = {0};
    csvchart_figure *fig = csvchart_figure_new("timeline", &err);
    csvchart_figure_set_measurer(fig, m);
    csvchart_set(fig, "size", size, &err);
    csvchart_set(fig, "title", "A timeline of illustrative AI-industry events", &err);
    csvchart_figure_load_buffer(fig, "bench.csv", csv, strlen(csv), &err);
    if (cold) {
        csvchart_text_pango_set_fast_ascii(m, true); /* empties the measurement cache */
    }
    double t0 = now();
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    double dt = now() - t0;
    if (s) {
        size_t texts = 0;
        for (size_t i = 0; i < s->len; i++) {
            texts += s->items[i].kind == SCENE_TEXT;
        }
        snprintf(what, n, "drawn %.0fx%.0f, %zu texts, %zu warnings", s->width, s->height, texts,
                 csvchart_figure_warning_count(fig));
    } else {
        snprintf(what, n, "refused: %s", err.message);
    }
    csvchart_figure_free(fig);
    return dt;
}

int main(void)
{
    const char *r = getenv("BENCH_RUNS");
    int runs = r && atoi(r) > 0 ? atoi(r) : 9;
    static const struct {
        size_t n;
        int days;
        bool skew;
        const char *size;
    } cases[] = {
        {15, 365, false, "article"},     {100, 3650, false, "article"},
        {1000, 3650, false, "slide"},    {1000, 3650, true, "slide"},
        {1000, 3650, false, "article"},  {1000, 3650, true, "article"},
        {10000, 3650, false, "slide"},   {10000, 3650, true, "slide"},
    };
    csvchart_text_measurer *m = csvchart_text_pango_new();
    if (!m) {
        fprintf(stderr, "timeline_layout: no Pango measurer\n");
        return 2;
    }
    char what[300];
    printf("%-7s %-7s %-8s %9s %9s  %s\n", "events", "spread", "size", "cold ms", "warm ms",
           "result");
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char *csv = make_csv(cases[c].n, cases[c].days, cases[c].skew);
        run(m, csv, cases[c].size, true, what, sizeof what); /* fonts loaded, code paged in */
        double cold[64], warm[64];
        int k = runs < 64 ? runs : 64;
        for (int i = 0; i < k; i++) {
            cold[i] = run(m, csv, cases[c].size, true, what, sizeof what);
            warm[i] = run(m, csv, cases[c].size, false, what, sizeof what);
        }
        qsort(cold, (size_t)k, sizeof *cold, cmp);
        qsort(warm, (size_t)k, sizeof *warm, cmp);
        printf("%-7zu %-7s %-8s %9.1f %9.1f  %s\n", cases[c].n, cases[c].skew ? "skewed" : "even",
               cases[c].size, cold[k / 2] * 1e3, warm[k / 2] * 1e3, what);
        free(csv);
    }
    csvchart_text_pango_free(m);
    return 0;
}
