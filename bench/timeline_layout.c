/*
 * timeline_layout.c - how long does a timeline take to lay out? (bench/timeline.sh builds and
 * runs it against the static library and its private headers, like the unit tests.)
 *
 * For each case (an event count, a density, a label length, a size) it makes an illustrative
 * CSV of AI-industry-like events from a fixed generator over ten years, then times
 * csvchart_figure_scene(): binding the table and the whole layout, including
 * csvchart_layout_fit()'s search for a size when the figure does not fit (the refusal is the
 * answer then; a second line then times the figure at the size named, where it is laid out).
 * Not timed: reading the CSV, drawing pixels. Two numbers per case, the median of BENCH_RUNS
 * runs each:
 *
 *   cold   a new figure on a Pango measurer whose font files are loaded but whose
 *          measurement cache is empty: what a figure costs in a batch (csvchart render)
 *   warm   the same figure laid out again with the measurements cached: the layout's own
 *          arithmetic (each string was already shaped once per size)
 *
 * and how many texts the cold run shaped (HarfBuzz, or a PangoLayout for text other than
 * printable ASCII): the cost that remains once the cache and measure_range() did their part.
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

static const char *const who[] = {"OpenAI",  "Anthropic", "Google DeepMind", "Meta",
                                  "Mistral", "DeepSeek",  "Alibaba Qwen",    "xAI",
                                  "Nvidia",  "Microsoft"};
static const char *const what[] = {"releases a reasoning model", "raises a funding round",
                                   "opens an API price cut",     "publishes a safety report",
                                   "ships an open-weight model", "signs a chip supply deal",
                                   "launches a coding agent",    "expands its context window"};

/*
 * n events over `days` days from 2020-01-01; with `skew`, 49 in 50 fall in 1% of the span.
 * Long labels read like news ("Anthropic ships an open-weight model (12)", 30-45 characters,
 * with a detail line); short ones like the property test's ("Ev12 Meta", about 10).
 */
static char *make_csv(size_t n, int days, bool skew, bool short_labels)
{
    size_t cap = 64 + n * 160, len = 0;
    char *s = malloc(cap);
    len += (size_t)snprintf(s, cap, "date,label,detail\n");
    int64_t d0 = csvchart_date_days(2020, 1, 1);
    for (size_t i = 0; i < n; i++) {
        int day = skew && rnd(50) ? days / 2 + (int)rnd((uint32_t)(days / 100 + 1))
                                  : (int)rnd((uint32_t)days);
        int y, m, d;
        csvchart_date_civil(d0 + day, &y, &m, &d);
        if (short_labels) {
            len += (size_t)snprintf(s + len, cap - len, "%d-%02d-%02d,Ev%zu %s,\n", y, m, d, i,
                                    who[rnd(10)]);
        } else {
            len += (size_t)snprintf(s + len, cap - len, "%d-%02d-%02d,%s %s (%zu),illustrative\n",
                                    y, m, d, who[rnd(10)], what[rnd(8)], i);
        }
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

/* Texts shaped by the last cold run. */
static size_t last_shapings;

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
    size_t shaped0 = csvchart_text_pango_shapings(m);
    double t0 = now();
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    double dt = now() - t0;
    if (cold) {
        last_shapings = csvchart_text_pango_shapings(m) - shaped0;
    }
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

/* Times one case at `size`: the median cold and warm runs; the result in *what. */
static void time_case(csvchart_text_measurer *m, const char *csv, const char *size, int runs,
                      double *cold_ms, double *warm_ms, char *what, size_t n)
{
    run(m, csv, size, true, what, n); /* fonts loaded, code paged in */
    double cold[64], warm[64];
    int k = runs < 64 ? runs : 64;
    for (int i = 0; i < k; i++) {
        cold[i] = run(m, csv, size, true, what, n);
        warm[i] = run(m, csv, size, false, what, n);
    }
    qsort(cold, (size_t)k, sizeof *cold, cmp);
    qsort(warm, (size_t)k, sizeof *warm, cmp);
    *cold_ms = cold[k / 2] * 1e3;
    *warm_ms = warm[k / 2] * 1e3;
}

int main(void)
{
    const char *r = getenv("BENCH_RUNS");
    int runs = r && atoi(r) > 0 ? atoi(r) : 9;
    static const struct {
        size_t n;
        bool skew, short_labels;
        const char *size;
    } cases[] = {
        {15, false, false, "article"}, {100, false, false, "article"},
        {1000, false, true, "slide"},  {1000, false, false, "slide"},
        {1000, true, false, "slide"},  {1000, true, false, "article"},
        {10000, false, true, "slide"}, {10000, false, false, "slide"},
        {10000, true, false, "slide"},
    };
    csvchart_text_measurer *m = csvchart_text_pango_new();
    if (!m) {
        fprintf(stderr, "timeline_layout: no Pango measurer\n");
        return 2;
    }
    char what[300];
    printf("%-7s %-7s %-6s %-10s %9s %9s %7s  %s\n", "events", "spread", "labels", "size",
           "cold ms", "warm ms", "shaped", "result");
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char *csv = make_csv(cases[c].n, 3650, cases[c].skew, cases[c].short_labels);
        double cold, warm;
        time_case(m, csv, cases[c].size, runs, &cold, &warm, what, sizeof what);
        printf("%-7zu %-7s %-6s %-10s %9.1f %9.1f %7zu  %s\n", cases[c].n,
               cases[c].skew ? "skewed" : "even", cases[c].short_labels ? "short" : "long",
               cases[c].size, cold, warm, last_shapings, what);
        /* Refused: how long the figure takes at the size named, where it is laid out. */
        const char *use = strstr(what, "use size ");
        if (use) {
            char size[32];
            snprintf(size, sizeof size, "%s", use + 9);
            size[strcspn(size, " )")] = '\0';
            time_case(m, csv, size, runs, &cold, &warm, what, sizeof what);
            printf("%-7zu %-7s %-6s %-10s %9.1f %9.1f %7zu  %s\n", cases[c].n,
                   cases[c].skew ? "skewed" : "even", cases[c].short_labels ? "short" : "long",
                   size, cold, warm, last_shapings, what);
        }
        free(csv);
    }
    csvchart_text_pango_free(m);
    return 0;
}
