/*
 * bar_colors.c - per-category colours from a column (`color = COLUMN`), part of the bar
 * binding (see bar_data.h): each category takes the colour of its first row that has one,
 * written as hex (#D55E00) or a name of the default palette (blue, orange, green, red, sky,
 * pink, yellow, grey). Like every mark colour it is then brought to 3:1 against the
 * background (theme.h). A cell that is no colour is an error with its position.
 */
#include <stdlib.h>
#include <string.h>

#include "bar_data.h"
#include "error.h"
#include "options.h"

static const struct {
    const char *name;
    csvchart_rgba rgba;
} names[] = {{"blue", 0x0072B2FF},   {"orange", 0xE69F00FF}, {"green", 0x009E73FF},
             {"red", 0xD55E00FF},    {"sky", 0x56B4E9FF},    {"pink", 0xCC79A7FF},
             {"yellow", 0xF5C710FF}, {"grey", 0x8C8C8CFF},   {"gray", 0x8C8C8CFF}};

static bool parse(const char *s, size_t len, csvchart_rgba *out)
{
    unsigned long c;
    if (csvchart_parse_color(s, len, &c)) {
        *out = (csvchart_rgba)c;
        return true;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strlen(names[i].name) == len && strncmp(s, names[i].name, len) == 0) {
            *out = names[i].rgba;
            return true;
        }
    }
    return false;
}

/* A category found by name: the panel's names sorted once, then bisected per row. */
struct named {
    const char *name;
    size_t index;
};

struct index {
    struct named *items;
    size_t n;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

static size_t find(const struct index *ix, const char *name)
{
    struct named key = {name, 0};
    const struct named *hit = bsearch(&key, ix->items, ix->n, sizeof key, by_name);
    return hit ? hit->index : (size_t)-1;
}

csvchart_status csvchart_bar_colors_bind(const csvchart_table *t, const struct spec *s,
                                         struct bar_chart *chart, csvchart_error *err)
{
    size_t ccol, xcol, fcol;
    csvchart_status st = csvchart_table_column(t, s->color, "color", &ccol, err);
    if (st || ccol == (size_t)-1) {
        return st;
    }
    if ((st = csvchart_table_column(t, s->x, "x", &xcol, err)) ||
        (st = csvchart_table_column(t, s->facet, "facet", &fcol, err))) {
        return st;
    }
    xcol = xcol == (size_t)-1 ? 0 : xcol;
    struct index *ix = calloc(chart->npanels, sizeof *ix);
    if (!ix) {
        return csvchart_error_nomem(err);
    }
    for (size_t p = 0; p < chart->npanels && !st; p++) {
        struct bar_data *d = &chart->panels[p];
        ix[p].items = malloc((d->ncat ? d->ncat : 1) * sizeof *ix[p].items);
        d->color = calloc(d->ncat ? d->ncat : 1, sizeof *d->color);
        if (!ix[p].items || !d->color) {
            st = csvchart_error_nomem(err);
            break;
        }
        for (size_t c = 0; c < d->ncat; c++) {
            ix[p].items[c] = (struct named){d->cats[c], c};
        }
        ix[p].n = d->ncat;
        qsort(ix[p].items, d->ncat, sizeof *ix[p].items, by_name);
    }
    for (size_t r = 0; r < t->nrows && !st; r++) {
        const struct table_cell *cc = csvchart_table_cell(t, r, ccol);
        const struct table_cell *xc = csvchart_table_cell(t, r, xcol);
        if (cc->missing || xc->missing) {
            continue;
        }
        size_t p = 0;
        if (fcol != (size_t)-1) {
            const struct table_cell *fc = csvchart_table_cell(t, r, fcol);
            const char *facet = fc->missing ? NULL : csvchart_table_text(t, fc);
            while (p < chart->npanels && (!facet || strcmp(chart->panels[p].title, facet) != 0)) {
                p++;
            }
            if (p == chart->npanels) {
                continue;
            }
        }
        size_t c = find(&ix[p], csvchart_table_text(t, xc));
        if (c == (size_t)-1 || chart->panels[p].color[c]) {
            continue; /* a row that was skipped, or a category's later row */
        }
        const char *text = csvchart_table_text(t, cc);
        csvchart_rgba rgba;
        if (!parse(text, cc->len, &rgba)) {
            st = csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, cc->line, cc->col,
                                    "column \"%s\" (color): \"%s\" is not a colour; expected "
                                    "#RRGGBB or blue, orange, green, red, sky, pink, yellow, grey",
                                    t->cols[ccol].name, text);
            break;
        }
        csvchart_theme_mark_color(&s->theme, &rgba);
        chart->panels[p].color[c] = rgba;
    }
    for (size_t p = 0; p < chart->npanels; p++) {
        free(ix[p].items);
    }
    free(ix);
    return st;
}
