/*
 * test_scene.c - building scenes (scene.c) and their text dump (scene_dump.c).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fixtures.h"
#include "harness.h"
#include "scene.h"
#include "scene_check.h"

static void test_build(void)
{
    struct csvchart_scene s;
    csvchart_scene_init(&s, 640, 360, 0xffffffff, NULL);
    CHECK_STR(s.font_family, "");
    CHECK_STR(s.title, "");
    CHECK_STR(s.desc, "");
    CHECK_STR(s.source, "");
    csvchart_scene_set_string(&s, &s.title, "Prices");
    csvchart_scene_set_string(&s, &s.title, "Prices, again");
    CHECK_STR(s.title, "Prices, again");

    char label[] = "Alpha";
    struct scene_item *t =
        csvchart_scene_text(&s, label, 1, 2, 3, 4, 5, TEXT_ANCHOR_END, 4, 12, 700, 0x112233ff);
    label[0] = 'X'; // the scene keeps its own copy
    CHECK(t != NULL);
    CHECK_STR(s.items[0].text, "Alpha");
    CHECK_INT(s.items[0].weight, 700);
    CHECK_INT(s.items[0].anchor, TEXT_ANCHOR_END);

    struct scene_point pts[] = {{0, 0}, {10, 0}, {10, 10}};
    struct scene_item *p = csvchart_scene_path(&s, pts, 3, true, 0, 0x000000ff, 1);
    pts[1].x = 99;
    CHECK(p != NULL);
    CHECK_DBL(s.items[1].points[1].x, 10, 0);
    CHECK_INT(s.items[1].npoints, 3);

    for (int i = 0; i < 100; i++) { // growth keeps earlier items intact
        csvchart_scene_rect(&s, i, 0, 1, 1, 0xff0000ff);
    }
    CHECK_INT(s.len, 102);
    CHECK_STR(s.items[0].text, "Alpha");
    CHECK(!s.nomem);

    csvchart_scene_item_set_title(&s, &s.items[2], "bar 0");
    csvchart_scene_item_set_title(&s, NULL, "ignored");
    CHECK_STR(s.items[2].title, "bar 0");
    CHECK(csvchart_scene_text(&s, NULL, 0, 0, 0, 0, 0, TEXT_ANCHOR_START, 0, 10, 400, 0) != NULL);
    CHECK_STR(s.items[s.len - 1].text, "");
    csvchart_scene_fini(&s);
    csvchart_scene_fini(&s); // fini leaves an empty scene behind
}

static void test_nomem_is_sticky(void)
{
    struct csvchart_scene s;
    csvchart_scene_init(&s, 10, 10, 0, "Inter");
    s.nomem = true; // as after a failed allocation
    CHECK(csvchart_scene_rect(&s, 0, 0, 1, 1, 0) == NULL);
    CHECK(csvchart_scene_line(&s, 0, 0, 1, 1, 0, 1) == NULL);
    CHECK(csvchart_scene_circle(&s, 0, 0, 1, 0) == NULL);
    CHECK(csvchart_scene_text(&s, "x", 0, 0, 0, 0, 0, TEXT_ANCHOR_START, 0, 10, 400, 0) == NULL);
    struct scene_point pt = {0, 0};
    CHECK(csvchart_scene_path(&s, &pt, 1, false, 0, 0, 0) == NULL);
    CHECK_INT(s.len, 0);
    csvchart_scene_fini(&s);
}

static void test_dump(void)
{
    struct csvchart_scene s;
    csvchart_scene_init(&s, 1200, 675, 0xffffffff, "Inter");
    csvchart_scene_rect(&s, -0.001, 20.005, 30.5, 0.001, 0x1f77b4ff); // sizes are >= 0
    struct scene_item *r = csvchart_scene_rect(&s, 0, 0, 5, 5, CSVCHART_RGBA_NONE);
    r->stroke = 0xABCDEF80;
    r->stroke_width = 1.5;
    csvchart_scene_line(&s, 0, 0.5, 100, 0.5, 0xccccccff, 1);
    struct scene_item *l = csvchart_scene_line(&s, 0, 1, 2, 3, 0x000000ff, 0.75);
    l->dash = 4;
    struct scene_point pts[] = {{1, 2}, {3.333, 4.125}};
    csvchart_scene_path(&s, pts, 2, false, 0, 0x00ff00ff, 2);
    csvchart_scene_path(&s, pts, 2, true, 0x00ff0080, 0, 0);
    csvchart_scene_circle(&s, 5, 6, 7, 0xff7f0eff);
    csvchart_scene_text(&s, "Say \"hi\" \\ 深度", 1, 2, 3, 4, 5, TEXT_ANCHOR_MIDDLE, 2.5, 13, 400,
                        0x333333ff);
    csvchart_scene_text(&s, "", -1234.567, 0, 0, 0, 0, TEXT_ANCHOR_END, 0, 10, 700, 0);
    char *out = NULL;
    size_t len = 0;
    CHECK(csvchart_scene_dump(&s, &out, &len));
    const char *want =
        "scene 1200.00 675.00 background=#ffffffff font=\"Inter\"\n"
        "rect 0.00 20.01 30.50 0.00 fill=#1f77b4ff\n"
        "rect 0.00 0.00 5.00 5.00 fill=#00000000 stroke=#abcdef80 width=1.50\n"
        "line 0.00 0.50 100.00 0.50 stroke=#ccccccff width=1.00\n"
        "line 0.00 1.00 2.00 3.00 stroke=#000000ff width=0.75 dash=4.00\n"
        "path 2 open 1.00 2.00 3.33 4.13 fill=#00000000 stroke=#00ff00ff width=2.00\n"
        "path 2 closed 1.00 2.00 3.33 4.13 fill=#00ff0080 stroke=#00000000 width=0.00\n"
        "circle 5.00 6.00 7.00 fill=#ff7f0eff\n"
        "text 1.00 2.00 3.00 4.00 \"Say \\\"hi\\\" \\\\ 深度\" size=13.00 weight=400 "
        "anchor=middle fill=#333333ff\n"
        "text -1234.57 0.00 0.00 0.00 \"\" size=10.00 weight=700 anchor=end fill=#00000000\n";
    CHECK_STR(out, want);
    CHECK_INT(len, strlen(want));
    free(out);
    csvchart_scene_fini(&s);
}

/* xorshift64: the same scenes everywhere */
static double rnd(double n)
{
    static uint64_t x = 88172645463325252ULL;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return (double)(x % 100000) / 100000 * n;
}

/* Where segment (ax,ay)-(bx,by) passes through box b (grown by pad) for longer than eps. */
static bool through(double ax, double ay, double bx, double by, const struct scene_item *b,
                    double pad)
{
    for (int k = 1; k < 200; k++) {
        double t = k / 200.0, x = ax + (bx - ax) * t, y = ay + (by - ay) * t;
        if (x > b->x - pad + 0.01 && x < b->x + b->w + pad - 0.01 && y > b->y - pad + 0.01 &&
            y < b->y + b->h + pad - 0.01) {
            return true;
        }
    }
    return false;
}

/*
 * Lines that yield are cut around text and only there: random scenes of text boxes and lines
 * (most of them leaders and gridlines along an axis, some slanted); no piece runs through a
 * box, every point of a line outside all boxes is still drawn, lines that do not yield are
 * left whole, and the order of the other items is kept.
 */
static void test_cut_lines(void)
{
#define RND(n) rnd(n)
    for (int round = 0; round < 40; round++) {
        struct csvchart_scene s;
        csvchart_scene_init(&s, 1200, 800, 0xffffffff, NULL);
        size_t nt = 1 + (size_t)RND(300), nl = 1 + (size_t)RND(200);
        for (size_t i = 0; i < nt; i++) {
            double tx = RND(1150), ty = RND(780), tw = 5 + RND(200), th = 10 + RND(12);
            csvchart_scene_text(&s, "t", tx, ty, tw, th, 0, TEXT_ANCHOR_START, 0, 12, 400,
                                0x000000ff);
        }
        for (size_t i = 0; i < nl; i++) {
            double a = RND(1200), b = RND(800), kind = RND(3);
            double c = kind < 1 ? a : RND(1200);
            double d = kind < 2 && kind >= 1 ? b : RND(800);
            struct scene_item *l = csvchart_scene_line(&s, a, b, c, d, 0x888888ff, 1);
            l->yields = i % 5 != 0;
        }
        struct csvchart_scene orig = s;
        orig.items = malloc(s.len * sizeof *s.items);
        memcpy(orig.items, s.items, s.len * sizeof *s.items);
        csvchart_scene_cut_lines(&s, 3);
        size_t bad = 0, lost = 0, texts = 0;
        for (size_t i = 0; i < s.len; i++) {
            const struct scene_item *l = &s.items[i];
            texts += l->kind == SCENE_TEXT;
            if (l->kind != SCENE_LINE || !l->yields) {
                continue;
            }
            for (size_t j = 0; j < s.len; j++) {
                bad += s.items[j].kind == SCENE_TEXT &&
                       through(l->x, l->y, l->x2, l->y2, &s.items[j], 3);
            }
        }
        for (size_t i = 0; i < orig.len; i++) {
            const struct scene_item *l = &orig.items[i];
            if (l->kind != SCENE_LINE) {
                continue;
            }
            for (int k = 1; k < 64; k++) {
                double t = k / 64.0, px = l->x + (l->x2 - l->x) * t, py = l->y + (l->y2 - l->y) * t;
                bool inside = false;
                for (size_t j = 0; j < orig.len && l->yields; j++) {
                    const struct scene_item *b = &orig.items[j];
                    /* (pieces under a quarter pixel between two boxes are not drawn) */
                    inside = inside || (b->kind == SCENE_TEXT && px >= b->x - 3.3 &&
                                        px <= b->x + b->w + 3.3 && py >= b->y - 3.3 &&
                                        py <= b->y + b->h + 3.3);
                }
                if (inside) {
                    continue;
                }
                bool drawn = false;
                for (size_t j = 0; j < s.len && !drawn; j++) {
                    const struct scene_item *p = &s.items[j];
                    if (p->kind != SCENE_LINE) {
                        continue;
                    }
                    double vx = p->x2 - p->x, vy = p->y2 - p->y, len2 = vx * vx + vy * vy;
                    double u = len2 > 0 ? ((px - p->x) * vx + (py - p->y) * vy) / len2 : 0;
                    double qx = p->x + vx * u, qy = p->y + vy * u;
                    drawn = u >= -1e-9 && u <= 1 + 1e-9 && hypot(qx - px, qy - py) < 1e-6;
                }
                lost += !drawn;
            }
        }
        HARNESS_REPORT(bad == 0, "round %d: %zu pieces run through text", round, bad);
        HARNESS_REPORT(lost == 0, "round %d: %zu points outside text are no longer drawn", round,
                       lost);
        CHECK_INT(texts, nt);
        free(orig.items);
        csvchart_scene_fini(&s);
    }
#undef RND
}

/* Issue 10: text items are one line: a tab, CR or LF becomes a space (Pango drew a tab as a
 * tab stop and SVG as one space); a title's newline still breaks the line (text_wrap). */
static void test_text_one_line(void)
{
    struct csvchart_scene s;
    csvchart_scene_init(&s, 640, 360, 0xffffffff, NULL);
    csvchart_scene_text(&s, "a\tb\r\nc", 0, 0, 10, 10, 8, TEXT_ANCHOR_START, 0, 12, 400, 0);
    CHECK_STR(s.items[0].text, "a b  c");
    csvchart_scene_fini(&s);

    const char *opts[] = {"title", "Tab\there\nsecond line", NULL};
    csvchart_error err = {0};
    csvchart_figure *fig = fixture_figure("bar", "k,v\n\"x\ty\",1\nz,2\n", opts, &err);
    const struct csvchart_scene *sc = csvchart_figure_scene(fig, &err);
    CHECK(sc != NULL);
    if (sc) {
        CHECK(fixture_find_text(sc, "Tab here") != NULL);
        CHECK(fixture_find_text(sc, "second line") != NULL);
        CHECK(fixture_find_text(sc, "x y") != NULL);
        for (size_t i = 0; i < sc->len; i++) {
            CHECK(sc->items[i].kind != SCENE_TEXT || !strpbrk(sc->items[i].text, "\t\r\n"));
        }
    }
    csvchart_figure_free(fig);
}

/*
 * Issue 10: bar charts of values anywhere in the finite range of a double - 1e-300 to
 * 1.8e308, both signs - linear and log, grouped and stacked, bars, dots and lollipops, ranges,
 * vertical and horizontal: every scene item is finite, no size negative. (Values of 5e307
 * drew flat bars without an axis, sums beyond DBL_MAX inf geometry, stacks NaN.) A chart may
 * be refused - a stack or sum beyond DBL_MAX, labels that do not fit - but never drawn wrong.
 */
static uint64_t rng = 0x2545F4914F6CDD1Du;
static double uniform(void) // [0, 1), xorshift64*
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (double)((rng * 0x2545F4914F6CDD1Du) >> 11) / 9007199254740992.0;
}

/* A value of magnitude 10^[lo, lo + span] (at most 1.8e308), positive when `positive`. */
static double extreme_value(double lo, double span, bool positive)
{
    double v = pow(10, lo + span * uniform());
    v = isfinite(v) ? v : 1.7976931348623157e308;
    return positive || uniform() < 0.6 ? v : -v;
}

static void test_extreme_bar_scenes(void)
{
    static const char *const marks[] = {"bar", "dot", "lollipop"};
    int rendered = 0, refused = 0, bad = 0;
    char csv[4096], name[64];
    for (int iter = 0; iter < 400; iter++) {
        bool log = uniform() < 0.3, stack = !log && uniform() < 0.4;
        bool range = !stack && uniform() < 0.2, horizontal = uniform() < 0.4;
        bool sum = !range && uniform() < 0.25; // repeated categories, summed
        size_t ncat = 1 + (size_t)(uniform() * 6), nser = range ? 1 : 1 + (size_t)(uniform() * 3);
        /* the whole range, or a band of a few decades anywhere in it, often at its ends */
        double lo = -300, span = 608.25;
        if (uniform() < 0.5) {
            span = 3 * uniform();
            double r = uniform();
            lo = r < 0.35 ? 308.25 - span : r < 0.55 ? -300 : -300 + 605.25 * uniform();
        }
        int n = snprintf(csv, sizeof csv, range ? "k,lo,hi\n" : "k,a,b,c\n");
        for (size_t c = 0; c < ncat; c++) {
            n += snprintf(csv + n, sizeof csv - (size_t)n, "c%zu", sum ? c % 2 : c);
            if (range) {
                double a = extreme_value(lo, span, log), b = extreme_value(lo, span, log);
                n += snprintf(csv + n, sizeof csv - (size_t)n, ",%.17g,%.17g\n", fmin(a, b),
                              fmax(a, b));
                continue;
            }
            for (size_t k = 0; k < 3; k++) {
                n += snprintf(csv + n, sizeof csv - (size_t)n, ",%.17g",
                              extreme_value(lo, span, log));
            }
            n += snprintf(csv + n, sizeof csv - (size_t)n, "\n");
        }
        const char *opts[20] = {
            "log",        log ? "true" : "false",        "stack", stack ? "true" : "false",
            "horizontal", horizontal ? "true" : "false", "mark",  marks[iter % 3],
            "labels",     iter % 5 ? "auto" : "true",    NULL};
        size_t o = 10;
        if (sum) {
            opts[o++] = "aggregate", opts[o++] = "sum";
        }
        if (range) {
            opts[o++] = "low", opts[o++] = "lo", opts[o++] = "high", opts[o++] = "hi";
        } else {
            opts[o++] = "y", opts[o++] = nser == 1 ? "a" : nser == 2 ? "a,b" : "a,b,c";
        }
        csvchart_error err = {0};
        csvchart_figure *fig = fixture_figure("bar", csv, opts, &err);
        const struct csvchart_scene *s = err.status ? NULL : csvchart_figure_scene(fig, &err);
        snprintf(name, sizeof name, "extreme chart %d", iter);
        if (s) {
            rendered++;
            if (check_scene_finite(name, s)) {
                fprintf(stderr, "%s\n", csv);
                bad++;
            }
        } else {
            refused++;
            /* refusals name data or size, never an internal failure */
            bool sized = err.status == CSVCHART_ERROR_SIZE && strstr(err.message, "use size");
            HARNESS_REPORT(err.status == CSVCHART_ERROR_DATA ||
                               err.status == CSVCHART_ERROR_LIMIT || sized,
                           "%s: %s\n%s", name, csvchart_error_text(&err), csv);
        }
        csvchart_figure_free(fig);
        if (bad > 3) {
            break;
        }
    }
    CHECK_INT(bad, 0);
    CHECK(rendered > 300);  // most of them are drawn
    (void)check_text_boxes; // scene_check.h's other check: overlaps are layout's tests' business
    fprintf(stderr, "extreme bar scenes: %d rendered, %d refused\n", rendered, refused);
}

int main(void)
{
    RUN(test_build);
    RUN(test_cut_lines);
    RUN(test_nomem_is_sticky);
    RUN(test_dump);
    RUN(test_text_one_line);
    RUN(test_extreme_bar_scenes);
    return harness_done();
}
