/*
 * test_figure.c - what figure.c decides from an output's name ("@Nx" scales, format), and the
 * atomic write telling a tracker about its temporary file (the command removes those on
 * SIGINT and SIGTERM), and the text alternative in every format.
 */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
        {"chart.png", 0},           {"me@home.png", 0},    {"a@x.png", 0},
        {"d@2x/chart.png", 0},      {"chart@2x", 0},       {"a@fox.png", 0},
        {"chart@2x.png", 2},        {"c@0.25x.png", 0.25}, {"c@8x.png", 8},
        {"c@1.5x.svg", 1.5},        {"d/c@.5x.png", 0.5},  {"c@3.x.png", 3},
        {"c@0x.png", -1},           {"c@9x.png", -1},      {"c@100x.png", -1},
        {"c@2X.png", -1},           {"c@0.2x.png", -1},    {"c@1e1x.png", -1},
        {"c@-1x.png", -1},          {"c@+2x.png", -1},     {"c@0x10x.png", -1},
        {"c@1.2.3x.png", -1},       {"c@2xx.png", -1},     {"c@.x.png", -1},
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
              "b.gif: unknown output format; expected a name ending in .png, .svg, .pdf, .scene "
              "or .txt");
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

/* Renders `fig` as `format` into a NUL-terminated buffer (PNG and PDF: bytes with a NUL
 * after them, searched with memmem). */
static char *rendered(csvchart_figure *fig, csvchart_format format, size_t *len)
{
    csvchart_error err = {0};
    void *data = NULL;
    CHECK_INT(csvchart_figure_render(fig, format, &data, len, &err), CSVCHART_OK);
    char *text = malloc(*len + 1);
    memcpy(text, data, *len);
    text[*len] = '\0';
    free(data);
    return text;
}

static bool holds(const char *data, size_t len, const char *needle)
{
    return memmem(data, len, needle, strlen(needle)) != NULL;
}

static void test_alt_text(void)
{
    csvchart_error err = {0};
    csvchart_figure *fig = csvchart_figure_new("bar", &err);
    const char csv[] = "model,price\nR1,$0.07\no1,$60\n";
    csvchart_figure_load_buffer(fig, "t.csv", csv, sizeof csv - 1, &err);
    csvchart_set(fig, "title", "o1 costs 857x more", &err);
    const char *summary = "Bar chart of price by model, 2 categories, from R1 ($0.07) to o1 ($60).";
    size_t len;
    char *txt = rendered(fig, CSVCHART_FORMAT_TXT, &len);
    char want[256];
    snprintf(want, sizeof want, "o1 costs 857x more. %s\n", summary);
    CHECK_STR(txt, want);
    free(txt);
    /* the summary alone in every image format */
    char *png = rendered(fig, CSVCHART_FORMAT_PNG, &len);
    char chunk[256];
    snprintf(chunk, sizeof chunk, "Description%c%s", '\0', summary);
    CHECK(memmem(png, len, chunk, strlen("Description") + 1 + strlen(summary)) != NULL);
    free(png);
    char *pdf = rendered(fig, CSVCHART_FORMAT_PDF, &len);
    /* cairo writes the subject as UTF-16BE in hex: "Bar" is 0042 0061 0072 */
    CHECK(holds(pdf, len, "/Subject <FEFF004200610072002000630068006100720074"));
    free(pdf);
    char *svg = rendered(fig, CSVCHART_FORMAT_SVG, &len);
    CHECK(holds(svg, len, summary));
    free(svg);

    /* alt replaces the summary everywhere, and is the whole alternative */
    const char *alt = "Two bars: R1 is a sliver next to o1 \xe2\x80\x94 857 times cheaper.";
    CHECK_INT(csvchart_set(fig, "alt", alt, &err), CSVCHART_OK);
    txt = rendered(fig, CSVCHART_FORMAT_TXT, &len);
    snprintf(want, sizeof want, "%s\n", alt);
    CHECK_STR(txt, want);
    free(txt);
    png = rendered(fig, CSVCHART_FORMAT_PNG, &len);
    CHECK(holds(png, len, "iTXt") && holds(png, len, alt)); /* not Latin-1: iTXt */
    CHECK(!holds(png, len, "Bar chart of"));
    free(png);
    svg = rendered(fig, CSVCHART_FORMAT_SVG, &len);
    CHECK(holds(svg, len, alt) && !holds(svg, len, "Bar chart of"));
    free(svg);
    pdf = rendered(fig, CSVCHART_FORMAT_PDF, &len);
    CHECK(holds(pdf, len, "/Subject <FEFF00540077006F") && /* "Two" */
          !holds(pdf, len, "004200610072002000630068006100720074"));
    free(pdf);
    CHECK_INT(csvchart_format_from_path("fig.alt.TXT"), CSVCHART_FORMAT_TXT);
    csvchart_figure_free(fig);
}

/* Subnormal values on a log axis: no decade lies inside the data, and the bar and trend layouts
 * read the tick before the first (found by fuzz_render under UBSan); the axis gets the data's
 * ends as ticks instead. */
static void test_subnormal_log(void)
{
    static const struct {
        const char *kind, *csv;
    } cases[] = {
        {"bar", "name,v\na,1e-310\nb,2e-310\n"},
        {"bar", "name,v\na,5e-324\n"},
        {"trend", "date,v\n2024-01-01,1e-310\n2025-01-01,3e-310\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        csvchart_error err = {0};
        csvchart_figure *fig = csvchart_figure_new(cases[i].kind, &err);
        csvchart_figure_load_buffer(fig, "t.csv", cases[i].csv, strlen(cases[i].csv), &err);
        csvchart_set(fig, "log", "true", &err);
        size_t len;
        char *svg = rendered(fig, CSVCHART_FORMAT_SVG, &len);
        CHECK(svg != NULL && len > 0);
        free(svg);
        csvchart_figure_free(fig);
    }
}

int main(void)
{
    RUN(test_scale);
    RUN(test_output_check);
    RUN(test_tracked_write);
    RUN(test_alt_text);
    RUN(test_subnormal_log);
    return harness_done();
}
