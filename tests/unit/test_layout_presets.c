/*
 * test_layout_presets.c - the sample figures at every size preset, in both orientations, on
 * linear and log axes, light and dark, laid out with real text metrics (Pango): each draws at
 * its size, or is refused with a size at which it then draws, and passes the scene rules (no
 * overlap, no line through text, the 11 px floor, contrast). Skips (77) when the Inter font
 * is missing, since the real metrics are the point.
 */
#include <stdlib.h>
#include <string.h>

#include "csvchart.h"
#include "figure.h"
#include "harness.h"
#include "scene_check.h"

static const char *const sizes[] = {"article", "slide", "slide-4x3", "square", "social", "640x360"};

static const struct {
    const char *data;
    const char *opts[16]; /* name, value pairs */
} figures[] = {
    {"data/api-pricing.csv",
     {"title", "OpenAI o1 costs 857x more than DeepSeek R1", "log", "true", "ratio", "true",
      "source", "Versalence", NULL}},
    {"data/api-pricing.csv",
     {"title", "Dots", "log", "true", "mark", "dot", "ratio", "true", "horizontal", "true", NULL}},
    {"data/lab-economics.csv",
     {"title", "US labs spend orders of magnitude more", "x", "labs", "facet", "metric", "low",
      "low", "high", "high", "log", "true", NULL}},
    {"data/lab-economics.csv",
     {"title", "Horizontal ranges", "x", "labs", "facet", "metric", "low", "low", "high", "high",
      "log", "true", "horizontal", "true", NULL}},
    {"data/adoption.csv",
     {"title", "Most organisations already use AI", "note", "Over 50% deploy open-source models.",
      NULL}},
    {"data/funding.csv", {"title", "Funding and valuation", "subtitle", "US dollars", NULL}},
    {"data/valuations.csv", {"title", "Valuations", "sort", "asc", "mark", "lollipop", NULL}},
    {"tests/data/many.csv", {"title", "Twenty categories", NULL}},
    {"tests/data/decades.csv", {"title", "Fifteen decades", "log", "true", NULL}},
};

static csvchart_figure *figure(size_t f, const char *size, int dark, csvchart_error *err)
{
    csvchart_figure *fig = csvchart_figure_new("bar", err);
    for (size_t i = 0; figures[f].opts[i]; i += 2) {
        csvchart_set(fig, figures[f].opts[i], figures[f].opts[i + 1], err);
    }
    csvchart_set(fig, "size", size, err);
    csvchart_set(fig, "theme", dark ? "dark" : "light", err);
    char path[512];
    snprintf(path, sizeof path, "%s/%s", CSVCHART_SOURCE_DIR, figures[f].data);
    csvchart_figure_load_file(fig, path, err);
    return fig;
}

int main(void)
{
    if (system("fc-match -f '%{family}' Inter 2>/dev/null | grep -q Inter") != 0) {
        printf("Inter is not installed: skipped\n");
        return 77;
    }
    for (size_t f = 0; f < sizeof figures / sizeof figures[0]; f++) {
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
            for (int dark = 0; dark < 2; dark++) {
                char name[600];
                snprintf(name, sizeof name, "%s at %s%s (figure %zu)", figures[f].data, sizes[z],
                         dark ? ", dark" : "", f);
                csvchart_error err = {0};
                csvchart_figure *fig = figure(f, sizes[z], dark, &err);
                const struct csvchart_scene *s = csvchart_figure_scene(fig, &err);
                int w = 0, h = 0;
                if (!s && err.status == CSVCHART_ERROR_SIZE) {
                    /* refused: at the size it names the same figure holds */
                    const char *use = strstr(err.message, "use size ");
                    HARNESS_REPORT(use && sscanf(use, "use size %dx%d", &w, &h) == 2, "%s: %s",
                                   name, err.message);
                    char size[32];
                    snprintf(size, sizeof size, "%dx%d", w, h);
                    csvchart_figure_free(fig);
                    memset(&err, 0, sizeof err);
                    fig = figure(f, size, dark, &err);
                    s = csvchart_figure_scene(fig, &err);
                }
                HARNESS_REPORT(s != NULL, "%s: %s", name, csvchart_error_text(&err));
                if (s) {
                    check_scene_rules(name, s, s->width, s->height);
                }
                csvchart_figure_free(fig);
            }
        }
    }
    return harness_done();
}
