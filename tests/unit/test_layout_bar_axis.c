/*
 * test_layout_bar_axis.c - the bar chart's value axis (layout_bar_axis.c): domains come from
 * the data alone (the same at every size) and end near it; ticks stay inside the domain.
 */
#include "harness.h"
#include "layout_bar.h"

static void domain(const char *suffix, bool log, double lo, double hi, double want_lo,
                   double want_hi)
{
    struct spec s = {0};
    csvchart_format_parse("auto", &s.format, NULL);
    struct bar_layout B = {.s = &s};
    struct bar_data d = {0};
    snprintf(d.unit.suffix, sizeof d.unit.suffix, "%s", suffix);
    struct panel P = {.d = &d, .log = log};
    P.values.f = s.format;
    csvchart_format_set_unit(&P.values.f, &d.unit);
    bar_axis_domain(&B, &P, lo, hi);
    HARNESS_REPORT(P.dlo == want_lo && P.dhi == want_hi,
                   "%s%s [%g, %g]: domain [%.17g, %.17g], expected [%g, %g]", log ? "log " : "",
                   suffix, lo, hi, P.dlo, P.dhi, want_lo, want_hi);
}

/* The axis ends at the first round value at or above the data, at most a fifth empty. */
static void test_linear_domains(void)
{
    domain("", false, 0, 60, 0, 60);
    domain("", false, 0, 32.607156e6, 0, 35e6);
    domain("", false, 0, 830e9, 0, 1e12);
    domain("", false, 0, 1.4e12, 0, 1.4e12);
    domain("", false, 0, 0.07, 0, 0.07);
    domain("", false, 0, 13.1, 0, 14);
    domain("", false, -1.2, 1.1, -1.2, 1.2);
    domain("", false, -4.3, 29.4, -5, 30);
    domain("", false, 0, 0, 0, 1);
    domain("%", false, 0, 78, 0, 80);
    domain("%", false, 0, 100.1, 0, 100); /* stacked shares: never past the whole */
    domain("%", false, 0, 130, 0, 140);   /* not a share of a whole */
    /* at most a fifth of the axis empty, whatever the data */
    for (double v = 1; v < 1000; v *= 1.0137) {
        struct spec s = {0};
        csvchart_format_parse("auto", &s.format, NULL);
        struct bar_layout B = {.s = &s};
        struct bar_data d = {0};
        struct panel P = {.d = &d};
        bar_axis_domain(&B, &P, 0, v);
        HARNESS_REPORT(P.dhi >= v && (P.dhi - v) / P.dhi <= 0.2 + 1e-12,
                       "max %g: axis to %g leaves %.0f%% empty", v, P.dhi,
                       (P.dhi - v) / P.dhi * 100);
    }
}

/* A log axis starts a decade strictly below the data (a quarter of one at least) and ends
 * at the decade at or above it. */
static void test_log_domains(void)
{
    domain("", true, 0.07, 60, 0.01, 100);
    domain("", true, 0.01, 100, 0.001, 100);
    domain("", true, 0.011, 60, 0.001, 100);
    domain("", true, 0.001, 1e9, 1e-4, 1e9);
    domain("", true, 5, 5, 1, 10);
    domain("", true, 1e-300, 1.7e308, 1e-301, 1.7e308); /* no decade past the doubles */
}

/* A 1200x675 bar layout measured with the fake metrics, for its value axis alone. */
static void axis_layout(struct spec *s, struct bar_layout *B, struct csvchart_scene *scene)
{
    *s = (struct spec){.width = 1200,
                       .height = 675,
                       .font = "Inter",
                       .title = "",
                       .subtitle = "",
                       .source = "",
                       .note = ""};
    csvchart_format_parse("auto", &s->format, NULL);
    csvchart_theme_get("light", NULL, &s->theme);
    *B = (struct bar_layout){.s = s, .px = {.tick_spacing_v = 72, .tick_spacing_h = 110}};
    csvchart_layout_begin(&B->L, s, csvchart_text_fake(), scene, NULL);
    B->label = B->L.label;
}

/* Ticks at any length stay in the domain, include both ends' round values when they fall
 * on a step, and their count follows the length. */
static void test_ticks_follow_size(void)
{
    struct spec s;
    struct bar_layout B;
    struct csvchart_scene scene;
    axis_layout(&s, &B, &scene);
    struct bar_data d = {0};
    struct panel P = {.d = &d};
    bar_axis_domain(&B, &P, 0, 32.607156e6);
    size_t prev = 0;
    for (double len = 100; len <= 2000; len += 50) {
        bar_axis_ticks(&B, &P, len);
        HARNESS_REPORT(P.ticks.major[0] == 0 && P.ticks.hi <= P.dhi,
                       "len %g: ticks from %g to %g outside [0, %g]", len, P.ticks.major[0],
                       P.ticks.hi, P.dhi);
        HARNESS_REPORT(P.ticks.nmajor >= prev, "len %g: fewer ticks (%zu) than shorter (%zu)", len,
                       P.ticks.nmajor, prev);
        prev = P.ticks.nmajor;
    }
    CHECK(P.dhi == 35e6); /* the same domain whatever the length */
    csvchart_scene_fini(&scene);
}

/* Whole numbers (counts) are ticked one apart at least, at every length and either way. */
static void test_whole_ticks(void)
{
    struct spec s;
    struct bar_layout B;
    struct csvchart_scene scene;
    axis_layout(&s, &B, &scene);
    struct bar_data d = {0};
    for (int horizontal = 0; horizontal < 2; horizontal++) {
        B.horizontal = horizontal;
        for (double hi = 1; hi <= 12; hi++) {
            for (double len = 60; len <= 2000; len += 20) {
                struct panel P = {.d = &d, .whole = true};
                bar_axis_domain(&B, &P, 0, hi);
                bar_axis_ticks(&B, &P, len);
                for (size_t i = 0; i < P.ticks.nmajor; i++) {
                    HARNESS_REPORT(P.ticks.major[i] == floor(P.ticks.major[i]),
                                   "counts to %g along %g px: a tick at %g", hi, len,
                                   P.ticks.major[i]);
                }
                HARNESS_REPORT(P.ticks.nmajor >= 2, "counts to %g along %g px: %zu ticks", hi, len,
                               P.ticks.nmajor);
            }
        }
    }
    csvchart_scene_fini(&scene);
}

int main(void)
{
    RUN(test_linear_domains);
    RUN(test_log_domains);
    RUN(test_ticks_follow_size);
    RUN(test_whole_ticks);
    return harness_done();
}
