/*
 * test_layout_timeline.c - the timeline layout with fake text metrics.
 *
 * A property test: many random event sets (fixed seed, so every run sees the same sets) in
 * both orientations and auto, at several sizes: the layout succeeds, no two text boxes
 * overlap, none leaves the canvas, no leader line runs through a text box, and every event's
 * label is present. Then fixed cases (the article, same-day events, one event, the growth
 * warning, the desc sentence) and the time the layout of 10,000 events takes (printed, and
 * asserted under 2 s each so a quadratic placement fails): 10,000 events exceed the 32767 px
 * height limit in either orientation and must be refused with a clear error; 1,000 render.
 */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "csvchart.h"
#include "date.h"
#include "figure.h"
#include "fixtures.h"
#include "harness.h"
#include "scene.h"
#include "scene_check.h"
#include "text.h"

/* xorshift64*: a fixed sequence everywhere (rand() differs between C libraries). */
static uint64_t seed = 0x2545F4914F6CDD1DULL;
static uint32_t rnd(uint32_t n)
{
    seed ^= seed >> 12;
    seed ^= seed << 25;
    seed ^= seed >> 27;
    return (uint32_t)((seed * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

struct buf {
    char *p;
    size_t len, cap;
};

static void put(struct buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

static const char *const words[] = {"chips", "export", "launch", "model", "valuation",
                                    "review", "Nvidia", "parameters", "context", "market",
                                    "a", "of", "multimodal", "testing", "report"};

/* A random event set: n events over a span of about `days`, dates at mixed precisions. */
static char *random_csv(size_t n, int days, bool details)
{
    static const char *const months[] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
    struct buf b = {0};
    put(&b, details ? "date,label,detail\n" : "date,label\n");
    int start = 20000 + (int)rnd(3000);
    for (size_t i = 0; i < n; i++) {
        int day = start + (int)rnd((uint32_t)days);
        int y, m, d;
        csvchart_date_civil(day, &y, &m, &d);
        char line[400];
        int prec = (int)rnd(6);
        if (prec == 0) {
            snprintf(line, sizeof line, "%s %d,", months[m - 1], y);
        } else if (prec == 1) {
            snprintf(line, sizeof line, "%d-%02d,", y, m);
        } else {
            snprintf(line, sizeof line, "%d-%02d-%02d,", y, m, d);
        }
        put(&b, line);
        snprintf(line, sizeof line, "Ev%zu", i);
        put(&b, line);
        for (uint32_t w = rnd(6); w > 0; w--) {
            put(&b, " ");
            put(&b, words[rnd(sizeof words / sizeof words[0])]);
        }
        if (details) {
            put(&b, ",");
            for (uint32_t w = rnd(14); w > 0; w--) {
                put(&b, words[rnd(sizeof words / sizeof words[0])]);
                put(&b, w > 1 ? " " : "");
            }
        }
        put(&b, "\n");
    }
    return b.p;
}

static csvchart_figure *lay(const char *csv, const char *const *opts, csvchart_error *err)
{
    return fixture_figure("timeline", csv, opts, err);
}


/* True when a text item's first word is `word`. */
static bool has_word(const struct csvchart_scene *s, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i < s->len; i++) {
        const char *t = s->items[i].text;
        if (s->items[i].kind == SCENE_TEXT && strncmp(t, word, n) == 0 &&
            (t[n] == ' ' || t[n] == '\0')) {
            return true;
        }
    }
    return false;
}

/* No straight line runs through the inside of a text box (leaders pass beside text). */
static void check_lines(const char *name, const struct csvchart_scene *s)
{
    for (size_t i = 0; i < s->len; i++) {
        const struct scene_item *l = &s->items[i];
        if (l->kind != SCENE_LINE) {
            continue;
        }
        double x0 = fmin(l->x, l->x2), x1 = fmax(l->x, l->x2);
        double y0 = fmin(l->y, l->y2), y1 = fmax(l->y, l->y2);
        for (size_t j = 0; j < s->len; j++) {
            const struct scene_item *t = &s->items[j];
            if (t->kind != SCENE_TEXT) {
                continue;
            }
            bool crosses = x1 > t->x + 1 && x0 < t->x + t->w - 1 && y1 > t->y + 1 &&
                           y0 < t->y + t->h - 1;
            HARNESS_REPORT(!crosses, "%s: a line (%.1f,%.1f)-(%.1f,%.1f) crosses \"%s\"", name,
                           l->x, l->y, l->x2, l->y2, t->text);
        }
    }
}

static void test_random_sets(void)
{
    static const char *const sizes[] = {"article", "slide", "square", "800x600"};
    static const char *const orients[] = {"auto", "horizontal", "vertical"};
    static const int spans[] = {3, 60, 500, 4000, 40000};
    size_t runs = 0;
    for (int round = 0; round < 40; round++) {
        size_t n = 1 + rnd(round < 30 ? 14 : 40);
        int days = spans[rnd(5)];
        bool details = rnd(2);
        char *csv = random_csv(n, days, details);
        const char *size = sizes[rnd(4)];
        for (size_t o = 0; o < 3; o++) {
            const char *opts[] = {"orientation", orients[o], "size", size, "title",
                                  "A random timeline", NULL};
            csvchart_error err = {0};
            csvchart_figure *fig = lay(csv, opts, &err);
            const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
            char name[96];
            snprintf(name, sizeof name, "round %d (%zu events, %s, %s)", round, n, orients[o],
                     size);
            HARNESS_REPORT(s != NULL, "%s: %s", name, csvchart_error_text(&err));
            if (s) {
                check_text_boxes(name, s);
                check_lines(name, s);
                for (size_t i = 0; i < n; i++) {
                    char word[32];
                    snprintf(word, sizeof word, "Ev%zu", i);
                    HARNESS_REPORT(has_word(s, word), "%s: no label %s", name, word);
                }
                runs++;
            }
            csvchart_figure_free(fig);
        }
        free(csv);
    }
    printf("random sets: %zu layouts checked\n", runs);
}

static const char *article =
    "date,label,detail\n"
    "January 2025,DeepSeek R1 Release,Demonstrated 857x cost advantage; triggered $589B "
    "Nvidia market cap loss\n"
    "15 January 2026,US Export Policy Shift,BIS moves from presumption of denial to "
    "case-by-case review for advanced chips\n"
    "February 2026,Anthropic Series G,Raises $30B at $380B valuation; projects $14B ARR\n"
    "25 February 2026,V4 Hardware Exclusion,Reuters reports DeepSeek excluded Nvidia and AMD "
    "from pre-release testing\n"
    "April 2026,Expected V4 Launch,\"1T parameters, multimodal, 1M-token context; optimized "
    "for Chinese chips\"\n";

static void test_article(void)
{
    for (int v = 0; v < 2; v++) {
        const char *opts[] = {"orientation", v ? "vertical" : "auto", NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(article, opts, &err);
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        CHECK(s != NULL);
        if (s) {
            CHECK_STR(s->desc, "Timeline of 5 events from January 2025 to April 2026.");
            /* precision kept in the date lines */
            CHECK(fixture_find_text(s, "Jan 2025") != NULL);
            CHECK(fixture_find_text(s, "15 Jan 2026") != NULL);
            CHECK(fixture_find_text(s, "25 Feb 2026") != NULL);
            CHECK(fixture_find_text(s, "DeepSeek R1 Release") != NULL);
            CHECK_DBL(s->height, 675, 0); /* fits: no growth */
            CHECK_INT(csvchart_figure_warning_count(fig), 0);
            check_text_boxes(v ? "article vertical" : "article", s);
            check_lines(v ? "article vertical" : "article", s);
        }
        csvchart_figure_free(fig);
    }
}

static void test_same_day_and_one(void)
{
    csvchart_error err = {0};
    csvchart_figure *fig = lay("date,label\n2026-02-25,A one\n2026-02-25,B two\n"
                               "2026-02-25,C three\n",
                               NULL, &err);
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    CHECK(s != NULL);
    if (s) {
        CHECK(fixture_find_text(s, "A one") && fixture_find_text(s, "B two") && fixture_find_text(s, "C three"));
        size_t dots = 0;
        for (size_t i = 0; i < s->len; i++) {
            dots += s->items[i].kind == SCENE_CIRCLE;
        }
        CHECK_INT(dots, 3);
        check_text_boxes("same day", s);
    }
    csvchart_figure_free(fig);
    fig = lay("date,label\n2026-02-25,Alone\n", NULL, &err);
    s = csvchart_figure_scene(fig, &err);
    CHECK(s != NULL);
    if (s) {
        CHECK(fixture_find_text(s, "Alone") != NULL);
        CHECK_STR(s->desc, "Timeline of 1 event, 25 February 2026.");
        check_text_boxes("one event", s);
    }
    csvchart_figure_free(fig);
}

static void test_growth(void)
{
    /* 60 events in a small figure: the figure grows, with a warning, and nothing overlaps */
    char *csv = random_csv(60, 300, true);
    const char *opts[] = {"size", "600x400", NULL};
    csvchart_error err = {0};
    csvchart_figure *fig = lay(csv, opts, &err);
    const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
    CHECK(s != NULL);
    if (s) {
        CHECK(s->height > 400);
        CHECK_INT(csvchart_figure_warning_count(fig), 1);
        if (csvchart_figure_warning_count(fig)) {
            const char *w = csvchart_figure_warning(fig, 0);
            CHECK(strstr(w, "60 events do not fit a 600x400 figure") != NULL);
        }
        check_text_boxes("growth", s);
    }
    csvchart_figure_free(fig);
    free(csv);
}

/* Overlap check for big scenes: text boxes sorted by top, each compared with the boxes that
 * start before it ends (O(n log n + overlapping rows)). */
static int by_top(const void *a, const void *b)
{
    const struct scene_item *p = *(const struct scene_item *const *)a;
    const struct scene_item *q = *(const struct scene_item *const *)b;
    return p->y < q->y ? -1 : p->y > q->y;
}

static void check_big(const char *name, const struct csvchart_scene *s)
{
    const struct scene_item **t = malloc(s->len * sizeof *t);
    size_t n = 0, bad = 0;
    for (size_t i = 0; i < s->len; i++) {
        if (s->items[i].kind == SCENE_TEXT) {
            t[n++] = &s->items[i];
        }
    }
    qsort(t, n, sizeof *t, by_top);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n && t[j]->y < t[i]->y + t[i]->h - 0.5; j++) {
            double ox = fmin(t[i]->x + t[i]->w, t[j]->x + t[j]->w) - fmax(t[i]->x, t[j]->x);
            bad += ox > 0.5;
        }
        bad += t[i]->x < -0.5 || t[i]->x + t[i]->w > s->width + 0.5;
    }
    HARNESS_REPORT(bad == 0, "%s: %zu overlapping or clipped text boxes", name, bad);
    free(t);
}

static double seconds(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_ten_thousand(void)
{
    char *csv = random_csv(10000, 9000, true);
    /* Horizontal, asked for: the level placement runs (O(n log n)) and, since poles go
     * straight up, 10,000 densely spaced events form staircases far taller than any figure:
     * a clear error, quickly. */
    {
        const char *opts[] = {"orientation", "horizontal", "size", "100000x3000", NULL};
        csvchart_error err = {0};
        csvchart_figure *fig = lay(csv, opts, &err);
        double t0 = seconds();
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        double dt = seconds() - t0;
        printf("10,000 events, horizontal, 100000 px wide: %.3f s\n", dt);
        CHECK(s == NULL);
        CHECK_INT(err.status, CSVCHART_ERROR_LIMIT);
        CHECK(dt < 2.0);
        csvchart_figure_free(fig);
    }
    /* At article size (auto: vertical) they need a column far over the height limit: a clear
     * error naming the count and the limit, quickly. */
    {
        csvchart_error err = {0};
        csvchart_figure *fig = lay(csv, NULL, &err);
        double t0 = seconds();
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        double dt = seconds() - t0;
        printf("10,000 events, article size (auto): %.3f s\n", dt);
        CHECK(s == NULL);
        CHECK_INT(err.status, CSVCHART_ERROR_LIMIT);
        CHECK(strstr(err.message, "10000 events need a figure") != NULL);
        CHECK(strstr(err.message, "over the limit of 32767 px") != NULL);
        CHECK(dt < 2.0);
        csvchart_figure_free(fig);
    }
    /* 1,000 events: a tall chronology that still fits the limit. */
    {
        char *csv1k = random_csv(1000, 9000, false);
        csvchart_error err = {0};
        csvchart_figure *fig = lay(csv1k, NULL, &err);
        double t0 = seconds();
        const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
        double dt = seconds() - t0;
        printf("1,000 events, article size (auto): %.3f s, %.0f px tall\n", dt,
               s ? s->height : 0);
        HARNESS_REPORT(s != NULL, "1,000 events: %s", csvchart_error_text(&err));
        if (s) {
            check_big("1,000 vertical", s);
        }
        CHECK(dt < 2.0);
        csvchart_figure_free(fig);
        free(csv1k);
    }
    free(csv);
}

int main(void)
{
    RUN(test_random_sets);
    RUN(test_article);
    RUN(test_same_day_and_one);
    RUN(test_growth);
    RUN(test_ten_thousand);
    return harness_done();
}
