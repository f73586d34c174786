/*
 * timeline_layout.c - how long does a timeline take to lay out? (bench/timeline.sh builds and
 * runs it against the static library and its private headers, like the unit tests.)
 *
 * For each case (an event count, a density, a label length, a size) it makes an illustrative
 * CSV of AI-industry-like events from a fixed generator over ten years, then times
 * csvchart_figure_scene(): binding the table and the whole layout, including
 * csvchart_layout_fit()'s search for a size when the figure does not fit (the refusal is the
 * answer then; a second line then times the figure at the size named, where it is laid out).
 * Not timed: reading the CSV, drawing pixels. Two layout times per case, the median of
 * BENCH_RUNS runs each:
 *
 *   cold   a new figure on a Pango measurer whose font files are loaded but whose
 *          measurement cache is empty: what a figure costs in a batch (csvchart render)
 *   warm   the same figure laid out again with the measurements cached: the layout's own
 *          arithmetic (each string was already shaped once per size)
 *
 * and how many texts the cold run shaped (HarfBuzz, or a PangoLayout for text other than
 * printable ASCII): the cost that remains once the cache and measure_range() did their part.
 *
 * And the shaping floor (shape_floor() below): HarfBuzz alone shaping each distinct text the
 * layout measured, once, on one thread and on two. A cold layout of long labels is mostly
 * shaping, so this bounds what any layout of the same texts in the same font can take.
 *
 * Prints one line per case and exits 0; it does not judge (the targets are in bench/README.md).
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pthread.h>
#include <stdatomic.h>
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
#include "text_inert.h"

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

/*
 * The shaping floor. A recording measurer passes every call on to the Pango one and keeps
 * each distinct text the layout hands to prepare() (every date, label, detail, cluster
 * heading and name) or measures in ranges or asks the prefix widths of (the whole text: the
 * Pango measurer shapes that once and sums its advances over the ranges), with its family and
 * weight; not the short
 * texts measured alone (ticks, line heights), nor a range's own bytes, which the Pango
 * measurer mostly takes from the whole text's shaping. shape_floor() then
 * times hb_shape() over those texts, each once, in the font file fontconfig matches for the
 * family and weight, with HarfBuzz's default features (what Pango asks for a plain label)
 * less those proved inert for printable ASCII (text_inert.h; the measurer leaves them out
 * too, once a style has shaped a few dozen texts), for an ASCII text: on one thread, and on two
 * taking texts from a shared counter as the measurer's prepare() does; time_case() takes these
 * turns between the layouts it times, so that the machine's drift reaches both alike. The floor
 * leaves out all the rest of measuring (the cache, the line box, the safe cuts, the ranges shaped
 * alone) and the layout itself, so it is a lower bound on a cold layout.
 */
struct recorded {
    char *family, *s;
    size_t len;
    int weight;
};

struct recorder {
    csvchart_text_measurer self;
    csvchart_text_measurer *inner;
    struct recorded *texts;
    size_t n, cap;
    size_t *set, set_cap; /* open addressing: indices + 1 into texts, set_cap a power of 2 */
};

static uint64_t text_hash(const char *s, size_t len, int weight)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)weight;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    }
    return h;
}

/* Keeps the text unless kept already (the recording run is not timed). */
static void record(struct recorder *r, const struct text_style *style, const char *s, size_t len)
{
    const char *family = style->family ? style->family : "";
    if (2 * (r->n + 1) > r->set_cap) {
        free(r->set);
        r->set_cap = r->set_cap ? 2 * r->set_cap : 4096;
        r->set = calloc(r->set_cap, sizeof *r->set);
        for (size_t k = 0; k < r->n; k++) {
            const struct recorded *t = &r->texts[k];
            size_t i = text_hash(t->s, t->len, t->weight) & (r->set_cap - 1);
            while (r->set[i]) {
                i = (i + 1) & (r->set_cap - 1);
            }
            r->set[i] = k + 1;
        }
    }
    size_t i = text_hash(s, len, style->weight) & (r->set_cap - 1);
    for (; r->set[i]; i = (i + 1) & (r->set_cap - 1)) {
        const struct recorded *t = &r->texts[r->set[i] - 1];
        if (t->len == len && t->weight == style->weight && memcmp(t->s, s, len) == 0 &&
            strcmp(t->family, family) == 0) {
            return;
        }
    }
    r->set[i] = r->n + 1;
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 1024;
        r->texts = realloc(r->texts, r->cap * sizeof *r->texts);
    }
    struct recorded *t = &r->texts[r->n++];
    t->family = strdup(family);
    t->s = malloc(len + 1);
    memcpy(t->s, s, len);
    t->s[len] = '\0';
    t->len = len;
    t->weight = style->weight;
}

static void rec_measure(void *ctx, const struct text_style *style, const char *s, size_t len,
                        struct text_metrics *out)
{
    struct recorder *r = ctx;
    r->inner->measure(r->inner->ctx, style, s, len, out);
}

static void rec_measure_range(void *ctx, const struct text_style *style, const char *text,
                              size_t len, size_t start, size_t end, struct text_metrics *out)
{
    struct recorder *r = ctx;
    record(r, style, text, len);
    r->inner->measure_range(r->inner->ctx, style, text, len, start, end, out);
}

static void rec_prepare(void *ctx, const struct text_job *jobs, size_t n)
{
    struct recorder *r = ctx;
    for (size_t i = 0; i < n; i++) {
        record(r, jobs[i].style, jobs[i].s, jobs[i].len);
    }
    r->inner->prepare(r->inner->ctx, jobs, n);
}

static bool rec_prefix_widths(void *ctx, const struct text_style *style, const char *text,
                              size_t len, double *out)
{
    struct recorder *r = ctx;
    record(r, style, text, len);
    return r->inner->prefix_widths(r->inner->ctx, style, text, len, out);
}

static bool rec_substitute(void *ctx, const char *family, char *used, size_t size)
{
    struct recorder *r = ctx;
    return r->inner->substitute(r->inner->ctx, family, used, size);
}

static size_t rec_missing(void *ctx, const struct text_style *style, const char *s, size_t len,
                          uint32_t *cps, size_t max)
{
    struct recorder *r = ctx;
    return r->inner->missing(r->inner->ctx, style, s, len, cps, max);
}

/* A font of the floor, and the features an ASCII text is shaped without. */
struct floor_face {
    char *family;
    int weight;
    hb_font_t *font;
    hb_feature_t off[8];
    unsigned int noff;
};

/* The HarfBuzz font fontconfig matches for a family and weight (cached: a case has two). */
static const struct floor_face *floor_font(const char *family, int weight)
{
    static struct floor_face fonts[8];
    static size_t nfonts;
    for (size_t i = 0; i < nfonts; i++) {
        if (fonts[i].weight == weight && strcmp(fonts[i].family, family) == 0) {
            return &fonts[i];
        }
    }
    FcPattern *p = FcNameParse((const FcChar8 *)(*family ? family : "sans-serif"));
    FcPatternAddInteger(p, FC_WEIGHT, FcWeightFromOpenType(weight));
    FcConfigSubstitute(NULL, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, p, &res);
    FcChar8 *file = NULL;
    int index = 0;
    hb_font_t *font = NULL;
    if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
        FcPatternGetInteger(m, FC_INDEX, 0, &index);
        hb_blob_t *blob = hb_blob_create_from_file((const char *)file);
        hb_face_t *face = hb_face_create(blob, (unsigned int)index);
        font = hb_font_create(face);
        hb_font_set_scale(font, (int)(TEXT_REF_PX * 1024), (int)(TEXT_REF_PX * 1024));
        hb_face_destroy(face);
        hb_blob_destroy(blob);
    }
    FcPatternDestroy(m);
    FcPatternDestroy(p);
    if (!font || nfonts == sizeof fonts / sizeof fonts[0]) {
        return NULL;
    }
    struct floor_face *f = &fonts[nfonts++];
    f->family = strdup(family);
    f->weight = weight;
    f->font = font;
    uint32_t printable[95];
    for (uint32_t c = 0; c < 95; c++) {
        printable[c] = 0x20 + c;
    }
    hb_segment_properties_t props = {HB_DIRECTION_LTR, HB_SCRIPT_LATIN, hb_language_get_default(),
                                     NULL, NULL};
    f->noff = csvchart_inert_features(font, &props, NULL, 0, printable, 95, f->off, 8);
    return f;
}

struct floor_work {
    const struct recorder *r;
    const struct floor_face **fonts;
    atomic_size_t next;
};

static void *floor_run(void *arg)
{
    struct floor_work *w = arg;
    hb_buffer_t *b = hb_buffer_create();
    for (size_t i; (i = atomic_fetch_add(&w->next, 1)) < w->r->n;) {
        const struct recorded *t = &w->r->texts[i];
        const struct floor_face *f = w->fonts[i];
        if (!f) {
            continue;
        }
        bool ascii = true;
        for (size_t k = 0; k < t->len; k++) {
            ascii = ascii && (unsigned char)t->s[k] < 0x80;
        }
        hb_buffer_clear_contents(b);
        hb_buffer_add_utf8(b, t->s, (int)t->len, 0, (int)t->len);
        hb_buffer_guess_segment_properties(b);
        hb_shape(f->font, b, ascii ? f->off : NULL, ascii ? f->noff : 0);
    }
    hb_buffer_destroy(b);
    return NULL;
}

/* Seconds to shape every recorded text once, in fonts[i] for text i, on `threads` threads
 * (1 or 2). */
static double shape_floor(const struct recorder *r, const struct floor_face **fonts, int threads)
{
    struct floor_work w = {.r = r, .fonts = fonts};
    pthread_t other;
    double t0 = now();
    bool two = threads > 1 && pthread_create(&other, NULL, floor_run, &w) == 0;
    floor_run(&w);
    if (two) {
        pthread_join(other, NULL);
    }
    return now() - t0;
}

/* Texts shaped by the last cold run; distinct texts it measured (the floor's). */
static size_t last_shapings, last_texts;

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
    /* Only a cold run is on the Pango measurer itself (the recording one wraps it). */
    size_t shaped0 = cold ? csvchart_text_pango_shapings(m) : 0;
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

/* Times one case at `size`: the median cold and warm runs, and the median shaping floor on
 * one core and on two (floor_ms[0], [1]); the result in *what. */
static void time_case(csvchart_text_measurer *m, const char *csv, const char *size, int runs,
                      double *cold_ms, double *warm_ms, double floor_ms[2], char *what, size_t n)
{
    /* Fonts loaded, code paged in, and the texts recorded for the floor. */
    struct recorder r = {{0}, m, NULL, 0, 0, NULL, 0};
    r.self = (csvchart_text_measurer){
        &r,          rec_measure,      rec_measure_range, rec_prepare, rec_substitute,
        rec_missing, rec_prefix_widths};
    run(&r.self, csv, size, false, what, n); /* not cold: the cache belongs to m */
    last_texts = r.n;
    const struct floor_face **fonts = malloc((r.n ? r.n : 1) * sizeof *fonts);
    for (size_t i = 0; i < r.n; i++) {
        fonts[i] = floor_font(r.texts[i].family, r.texts[i].weight);
    }
    shape_floor(&r, fonts, 1); /* the fonts' tables warmed up */
    /* The layouts and the floor in turn, so that the machine's drift reaches both alike. */
    double cold[64], warm[64], hb1[64], hb2[64];
    int k = runs < 64 ? runs : 64;
    for (int i = 0; i < k; i++) {
        cold[i] = run(m, csv, size, true, what, n);
        warm[i] = run(m, csv, size, false, what, n);
        hb1[i] = shape_floor(&r, fonts, 1);
        hb2[i] = shape_floor(&r, fonts, 2);
    }
    free(fonts);
    for (size_t i = 0; i < r.n; i++) {
        free(r.texts[i].family);
        free(r.texts[i].s);
    }
    free(r.texts);
    free(r.set);
    double *all[] = {cold, warm, hb1, hb2}, *out[] = {cold_ms, warm_ms, &floor_ms[0], &floor_ms[1]};
    for (size_t a = 0; a < 4; a++) {
        qsort(all[a], (size_t)k, sizeof *all[a], cmp);
        *out[a] = all[a][k / 2] * 1e3;
    }
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
    printf("%-7s %-7s %-6s %-10s %9s %9s %7s %7s %9s %9s  %s\n", "events", "spread", "labels",
           "size", "cold ms", "warm ms", "shaped", "texts", "hb 1 core", "hb 2 cores", "result");
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char *csv = make_csv(cases[c].n, 3650, cases[c].skew, cases[c].short_labels);
        double cold, warm, hb[2];
        time_case(m, csv, cases[c].size, runs, &cold, &warm, hb, what, sizeof what);
        printf("%-7zu %-7s %-6s %-10s %9.1f %9.1f %7zu %7zu %9.1f %9.1f  %s\n", cases[c].n,
               cases[c].skew ? "skewed" : "even", cases[c].short_labels ? "short" : "long",
               cases[c].size, cold, warm, last_shapings, last_texts, hb[0], hb[1], what);
        /* Refused: how long the figure takes at the size named, where it is laid out. */
        const char *use = strstr(what, "use size ");
        if (use) {
            char size[32];
            snprintf(size, sizeof size, "%s", use + 9);
            size[strcspn(size, " )")] = '\0';
            time_case(m, csv, size, runs, &cold, &warm, hb, what, sizeof what);
            printf("%-7zu %-7s %-6s %-10s %9.1f %9.1f %7zu %7zu %9.1f %9.1f  %s\n", cases[c].n,
                   cases[c].skew ? "skewed" : "even", cases[c].short_labels ? "short" : "long",
                   size, cold, warm, last_shapings, last_texts, hb[0], hb[1], what);
        }
        free(csv);
    }
    csvchart_text_pango_free(m);
    return 0;
}
