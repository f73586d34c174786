/*
 * test_api.c - the public API's safety (issue 16): every function of csvchart.h given NULL for
 * each pointer, the figure handle first, reports an error instead of crashing; the README's
 * "check the error once at the end" chain keeps the first error when csvchart_figure_new()
 * fails; a format that contradicts the output's extension is refused; the version header
 * agrees with the library.
 */
#include <stdlib.h>
#include <string.h>

#include "csvchart.h"
#include "harness.h"

static const char csv[] = "model,price\nA,1\nB,2\n";

/* The README's pattern, with a kind that does not exist: every call after the failed new()
 * gets a NULL figure; the error reported is still the first one. */
static void test_chain_from_failed_new(void)
{
    csvchart_error err = CSVCHART_ERROR_INIT;
    csvchart_figure *fig = csvchart_figure_new("pie", &err);
    CHECK(fig == NULL);
    CHECK_INT(csvchart_set(fig, "title", "x", &err), CSVCHART_ERROR_ARGUMENT);
    CHECK_INT(csvchart_figure_load_file(fig, "prices.csv", &err), CSVCHART_ERROR_ARGUMENT);
    CHECK_INT(csvchart_figure_write(fig, "prices.png", CSVCHART_FORMAT_AUTO, &err),
              CSVCHART_ERROR_ARGUMENT);
    CHECK_INT(err.status, CSVCHART_ERROR_UNKNOWN_OPTION);
    CHECK_STR(csvchart_error_text(&err),
              "unknown figure kind \"pie\"; expected bar, timeline or trend");
    csvchart_figure_free(fig);
}

/* Every function, every pointer NULL in turn, with a fresh error: CSVCHART_ERROR_ARGUMENT
 * (or the documented neutral answer), and a message naming the argument. */
static void test_every_null(void)
{
    csvchart_error err = CSVCHART_ERROR_INIT;
    void *data = (void *)1;
    size_t len = 1;
    char *report = (char *)1;

    CHECK(csvchart_figure_new(NULL, &err) == NULL);
    CHECK_STR(err.message, "csvchart_figure_new: kind is NULL");
#define NULL_CASE(call, want)                                                                      \
    do {                                                                                           \
        csvchart_error_clear(&err);                                                                \
        CHECK_INT(call, want);                                                                     \
        CHECK_INT(err.status, want);                                                               \
        CHECK(strstr(err.message, " is NULL") != NULL);                                            \
    } while (0)
    NULL_CASE(csvchart_set(NULL, "title", "x", &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_set_at(NULL, "title", "x", "f.ini", 3, &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_figure_load_file(NULL, "a.csv", &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_figure_load_buffer(NULL, "a", csv, sizeof csv - 1, &err),
              CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_figure_write(NULL, "a.png", CSVCHART_FORMAT_AUTO, &err),
              CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_figure_render(NULL, CSVCHART_FORMAT_PNG, &data, &len, &err),
              CSVCHART_ERROR_ARGUMENT);
    CHECK(data == NULL && len == 0); // out-parameters written even for a NULL figure
    NULL_CASE(csvchart_figure_render_for(NULL, "a.png", CSVCHART_FORMAT_AUTO, &data, &len, &err),
              CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_output_check(NULL, &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_write_file(NULL, "x", 1, &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_write_file("x.bin", NULL, 1, &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_write_file_tracked(NULL, "x", 1, NULL, &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_inspect_file(NULL, "auto", &report, &err), CSVCHART_ERROR_ARGUMENT);
    CHECK(report == NULL);
    NULL_CASE(csvchart_inspect_file("a.csv", "auto", NULL, &err), CSVCHART_ERROR_ARGUMENT);

    csvchart_figure *fig = csvchart_figure_new("bar", &err);
    CHECK(fig != NULL);
    NULL_CASE(csvchart_set(fig, NULL, "x", &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_set(fig, "title", NULL, &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_figure_load_file(fig, NULL, &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_figure_load_buffer(fig, "a", NULL, 3, &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_figure_write(fig, NULL, CSVCHART_FORMAT_PNG, &err), CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_figure_render(fig, CSVCHART_FORMAT_PNG, NULL, &len, &err),
              CSVCHART_ERROR_ARGUMENT);
    NULL_CASE(csvchart_figure_render(fig, CSVCHART_FORMAT_PNG, &data, NULL, &err),
              CSVCHART_ERROR_ARGUMENT);
    /* A NULL name and NULL data of length 0 are fine: an empty buffer, refused as CSV. */
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_figure_load_buffer(fig, NULL, NULL, 0, &err), CSVCHART_ERROR_DATA);
    csvchart_figure_free(fig);

    /* Without an error value at all. */
    CHECK_INT(csvchart_set(NULL, "title", "x", NULL), CSVCHART_ERROR_ARGUMENT);
    CHECK_INT(csvchart_figure_render(NULL, CSVCHART_FORMAT_PNG, NULL, NULL, NULL),
              CSVCHART_ERROR_ARGUMENT);

    /* The neutral answers. */
    CHECK_INT(csvchart_figure_warning_count(NULL), 0);
    CHECK(csvchart_figure_warning(NULL, 0) == NULL);
    CHECK_INT(csvchart_format_from_path(NULL), CSVCHART_FORMAT_AUTO);
    CHECK_INT(csvchart_format_from_name(NULL), CSVCHART_FORMAT_AUTO);
    CHECK_DBL(csvchart_scale_from_path(NULL), 0, 0);
    CHECK(csvchart_option_find(NULL) == (size_t)-1);
    CHECK(csvchart_option_suggest(NULL) == NULL);
    CHECK(!csvchart_option_applies(0, NULL));
    CHECK(csvchart_option_name(csvchart_option_count()) == NULL);
    CHECK_STR(csvchart_error_text(NULL), "");
    csvchart_error_clear(NULL);
    csvchart_figure_free(NULL);
}

/* -o y.png with the SVG format asked for wrote a PNG named .png without a word. */
static void test_format_contradicts_extension(void)
{
    csvchart_error err = CSVCHART_ERROR_INIT;
    csvchart_figure *fig = csvchart_figure_new("bar", &err);
    csvchart_figure_load_buffer(fig, "a.csv", csv, sizeof csv - 1, &err);
    void *data;
    size_t len;
    CHECK_INT(csvchart_figure_render_for(fig, "y.png", CSVCHART_FORMAT_SVG, &data, &len, &err),
              CSVCHART_ERROR_VALUE);
    CHECK_STR(csvchart_error_text(&err), "y.png: the name says png, the format asked for is svg; "
                                         "give the file a .svg name or ask for png");
    csvchart_error_clear(&err);
    CHECK_INT(csvchart_figure_render_for(fig, "y.svg", CSVCHART_FORMAT_SVG, &data, &len, &err),
              CSVCHART_OK);
    free(data);
    CHECK_INT(csvchart_figure_render_for(fig, "noext", CSVCHART_FORMAT_SCENE, &data, &len, &err),
              CSVCHART_OK);
    free(data);
    csvchart_figure_free(fig);
}

static void test_version(void)
{
    CHECK_STR(csvchart_version(), CSVCHART_VERSION_STRING);
    char v[32];
    snprintf(v, sizeof v, "%d.%d.%d", CSVCHART_VERSION >> 16, (CSVCHART_VERSION >> 8) & 0xff,
             CSVCHART_VERSION & 0xff);
    CHECK_STR(v, CSVCHART_VERSION_STRING);
}

int main(void)
{
    RUN(test_chain_from_failed_new);
    RUN(test_every_null);
    RUN(test_format_contradicts_extension);
    RUN(test_version);
    return harness_done();
}
