/*
 * fixtures.h - what the unit tests of binding and layout build their cases from (header-only,
 * like harness.h): options given as NAME, VALUE pairs (a NULL-terminated array) turned into a
 * spec, a figure laid out with the fake text metrics, and a text item looked up in a scene.
 */
#ifndef CSVCHART_TEST_FIXTURES_H
#define CSVCHART_TEST_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvchart.h"
#include "figure.h"
#include "options.h"
#include "scene.h"
#include "spec.h"
#include "table.h"
#include "text.h"

/* Sets the pairs into *vals and binds *s for `kind` (KIND_BAR, KIND_TIMELINE). Free both with
 * csvchart_spec_fini() and csvchart_option_values_fini(). */
static inline void fixture_spec(const char *const *opts, unsigned kind, struct option_values *vals,
                                struct spec *s, csvchart_error *err)
{
    memset(vals, 0, sizeof *vals);
    for (size_t i = 0; opts && opts[i]; i += 2) {
        csvchart_option_values_set(vals, csvchart_option_lookup(opts[i]), opts[i + 1], NULL, 0,
                                   err);
    }
    csvchart_spec_bind(vals, kind, s, err);
}

/* A figure of `kind` ("bar", "timeline") measuring with the fake metrics, the pairs set and
 * `csv` loaded as "t.csv". Errors land in *err; the figure is returned whatever happened. */
static inline csvchart_figure *fixture_figure(const char *kind, const char *csv,
                                              const char *const *opts, csvchart_error *err)
{
    csvchart_figure *fig = csvchart_figure_new(kind, err);
    csvchart_figure_set_measurer(fig, csvchart_text_fake());
    for (size_t i = 0; opts && opts[i]; i += 2) {
        csvchart_set(fig, opts[i], opts[i + 1], err);
    }
    csvchart_figure_load_buffer(fig, "t.csv", csv, strlen(csv), err);
    return fig;
}

/*
 * The figure laid out at the size opts[1] asks for ("size", "WxH" first in `opts`), or, when
 * that is refused for its size, at the size the refusal names (opts[1] then points at `size`,
 * which holds it). *s is its scene (NULL when it failed, the message in *err), *w and *h the
 * size drawn at. Free the figure with csvchart_figure_free().
 */
static inline csvchart_figure *fixture_at_fitting_size(const char *kind, const char *csv,
                                                       const char **opts, char *size, size_t n,
                                                       const struct csvchart_scene **s, int *w,
                                                       int *h, csvchart_error *err)
{
    csvchart_figure *fig = fixture_figure(kind, csv, opts, err);
    *s = csvchart_figure_scene(fig, err);
    *w = *h = 0;
    sscanf(opts[1], "%dx%d", w, h);
    const char *use = *s ? NULL : strstr(err->message, "use size ");
    if (use && sscanf(use, "use size %dx%d", w, h) == 2) {
        csvchart_figure_free(fig);
        snprintf(size, n, "%dx%d", *w, *h);
        opts[1] = size;
        *err = (csvchart_error){0};
        fig = fixture_figure(kind, csv, opts, err);
        *s = csvchart_figure_scene(fig, err);
    }
    return fig;
}

/* The first text item whose text is `text`, or NULL. */
static inline const struct scene_item *fixture_find_text(const struct csvchart_scene *s,
                                                         const char *text)
{
    for (size_t i = 0; i < s->len; i++) {
        if (s->items[i].kind == SCENE_TEXT && strcmp(s->items[i].text, text) == 0) {
            return &s->items[i];
        }
    }
    return NULL;
}

/* Reads `csv` as the table "t.csv" in the syntax s's options give (decimal, date_format), as a
 * figure does. */
static inline csvchart_status fixture_table(const char *csv, const struct spec *s,
                                            csvchart_table **t, csvchart_error *err)
{
    struct table_syntax syn = {s->numbers, s->dates};
    struct table_options o = {0};
    o.syntax = s->numbers.decimal || s->dates.order != DATE_ORDER_NONE ? &syn : NULL;
    *t = NULL;
    return csvchart_table_read("t.csv", csv, strlen(csv), &o, t, err);
}

/* A whole (small, under 64 KB) file as a string to free; NULL when it cannot be read. */
static inline char *fixture_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    char *buf = malloc(65536);
    size_t n = buf ? fread(buf, 1, 65535, f) : 0;
    fclose(f);
    if (buf) {
        buf[n] = '\0';
    }
    return buf;
}

#endif
