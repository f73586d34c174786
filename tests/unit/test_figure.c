/*
 * test_figure.c - what figure.c decides from an output's name ("@Nx" scales, format), and the
 * atomic write telling a tracker about its temporary file (the command removes those on
 * SIGINT and SIGTERM).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvchart.h"
#include "harness.h"

static void test_scale(void)
{
    static const struct {
        const char *path;
        double scale;
    } cases[] = {
        {"chart.png", 0},          {"me@home.png", 0},     {"a@x.png", 0},
        {"d@2x/chart.png", 0},     {"chart@2x", 0},        {"a@fox.png", 0},
        {"chart@2x.png", 2},       {"c@0.25x.png", 0.25},  {"c@8x.png", 8},
        {"c@1.5x.svg", 1.5},       {"d/c@.5x.png", 0.5},   {"c@3.x.png", 3},
        {"c@0x.png", -1},          {"c@9x.png", -1},       {"c@100x.png", -1},
        {"c@2X.png", -1},          {"c@0.2x.png", -1},     {"c@1e1x.png", -1},
        {"c@-1x.png", -1},         {"c@+2x.png", -1},      {"c@0x10x.png", -1},
        {"c@1.2.3x.png", -1},      {"c@2xx.png", -1},      {"c@.x.png", -1},
        {"c@8.000000001x.png", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double got = csvchart_scale_from_path(cases[i].path);
        HARNESS_REPORT(got == cases[i].scale, "%s: got %g, expected %g", cases[i].path, got,
                       cases[i].scale);
    }
}

static void test_output_check(void)
{
    csvchart_error err = {0};
    CHECK_INT(csvchart_output_check("a/b@2x.png", &err), CSVCHART_OK);
    CHECK_INT(csvchart_output_check("b.gif", &err), CSVCHART_ERROR_VALUE);
    CHECK_STR(csvchart_error_text(&err),
              "b.gif: unknown output format; expected a name ending in .png, .svg, .pdf or .scene");
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_output_check("out/b@9x.png", &err), CSVCHART_ERROR_VALUE);
    CHECK_STR(csvchart_error_text(&err), "out/b@9x.png: \"@9x\" is not a supported pixel scale; "
                                         "expected @0.25x to @8x, with a lowercase x");
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_output_check("b@2X.svg", &err), CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message,
              "\"@2X\" is not a supported pixel scale; expected @0.25x to @8x, with a lowercase x");

    /* rendering to such a name fails too, instead of drawing at 1x */
    csvchart_error_clear(&err);
    csvchart_figure *fig = csvchart_figure_new("bar", &err);
    const char csv[] = "k,v\nA,1\nB,2\n";
    csvchart_figure_load_buffer(fig, "t.csv", csv, sizeof csv - 1, &err);
    void *data = NULL;
    size_t len = 0;
    CHECK_INT(csvchart_figure_render_for(fig, "x@0x.png", CSVCHART_FORMAT_AUTO, &data, &len, &err),
              CSVCHART_ERROR_VALUE);
    CHECK(data == NULL && len == 0);
    CHECK_STR(err.message,
              "\"@0x\" is not a supported pixel scale; expected @0.25x to @8x, with a lowercase x");
    csvchart_figure_free(fig);
}

/* A tracker that checks the protocol: add before the file exists, remove once it is gone. */
struct tracked {
    char path[4096];
    int adds, removes, live;
    bool existed_at_add, exists_at_remove;
};

static int t_add(void *ctx, const char *tmp)
{
    struct tracked *t = ctx;
    struct stat st;
    t->existed_at_add |= stat(tmp, &st) == 0;
    snprintf(t->path, sizeof t->path, "%s", tmp);
    t->adds++;
    t->live++;
    return 7;
}

static void t_remove(void *ctx, int handle)
{
    struct tracked *t = ctx;
    struct stat st;
    t->exists_at_remove |= stat(t->path, &st) == 0;
    t->removes += handle == 7;
    t->live--;
}

static void test_tracked_write(void)
{
    char dir[] = CSVCHART_BINARY_DIR "/tests/figure-XXXXXX";
    if (!mkdtemp(dir)) {
        HARNESS_REPORT(0, "mkdtemp %s failed", dir);
        return;
    }
    char path[4200], expect[4300];
    snprintf(path, sizeof path, "%s/out.png", dir);
    snprintf(expect, sizeof expect, "%s/.out.png.%ld.0.tmp", dir, (long)getpid());
    struct tracked t = {0};
    csvchart_temp_tracker tracker = {.add = t_add, .remove = t_remove, .ctx = &t};
    csvchart_error err = {0};
    CHECK_INT(csvchart_write_file_tracked(path, "data", 4, &tracker, &err), CSVCHART_OK);
    CHECK_STR(t.path, expect);
    CHECK_INT(t.adds, 1);
    CHECK_INT(t.removes, 1);
    CHECK_INT(t.live, 0);
    CHECK(!t.existed_at_add);
    CHECK(!t.exists_at_remove);

    /* a temporary name taken already: the tracker hears of both names tried */
    FILE *f = fopen(expect, "w");
    if (f) {
        fclose(f);
    }
    t = (struct tracked){0};
    CHECK_INT(csvchart_write_file_tracked(path, "data", 4, &tracker, &err), CSVCHART_OK);
    CHECK_INT(t.adds, 2);
    CHECK_INT(t.live, 0);
    remove(expect);

    /* a folder that does not exist: nothing is created, the name is given back */
    t = (struct tracked){0};
    snprintf(path, sizeof path, "%s/missing/out.png", dir);
    CHECK_INT(csvchart_write_file_tracked(path, "data", 4, &tracker, &err), CSVCHART_ERROR_IO);
    CHECK_INT(t.adds, 1);
    CHECK_INT(t.live, 0);
    snprintf(path, sizeof path, "%s/out.png", dir);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    RUN(test_scale);
    RUN(test_output_check);
    RUN(test_tracked_write);
    return harness_done();
}
