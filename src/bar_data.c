/*
 * bar_data.c - binding a table to a bar chart (see bar_data.h).
 *
 * First the columns are resolved and checked (names exist, values are numbers, options go
 * together). Then the series (y column names, or every value of the group column) and the
 * panels (every value of the facet column, or one) are collected in first-seen order, so
 * every panel shares one series order and one legend. Each panel is then bound in two
 * passes: observations (category, series, value, position) are collected from its rows,
 * then folded into the categories x series grid, aggregating or refusing repeats. An
 * observation is an accumulator (struct agg, aggregate.h): one number, or the numbers the
 * aggregator folded into a cell while the file was read (struct agg_rows); the grid merges
 * them with csvchart_agg_merge() and draws csvchart_agg_result(), the same arithmetic as the
 * folding, so a folded table and a whole one bind alike (tests/fold_check.h).
 * Categories and series are interned through a small open-addressing hash table, so binding
 * is linear in the rows.
 *
 * The binding is three files around the structures of bar_data_bind.h: this one (the chart:
 * series and panels, and the interning they use), bar_data_columns.c (the columns resolved
 * and checked) and bar_data_panel.c (one panel's observations, grid, unit and checks).
 */
#include "bar_data.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "array.h"
#include "bar_data_bind.h"

/* ---- interning: name -> index in first-seen order ---- */

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    }
    return h;
}

static bool intern_grow(struct intern *in)
{
    size_t n = in->nslots ? in->nslots * 2 : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots) {
        return false;
    }
    for (size_t i = 0; i < in->len; i++) {
        size_t j = hash(in->names[i]) & (n - 1);
        while (slots[j]) {
            j = (j + 1) & (n - 1);
        }
        slots[j] = i + 1;
    }
    free(in->slots);
    in->slots = slots;
    in->nslots = n;
    return true;
}

/* Finds `name`, adding it when absent; returns its index, or NONE when out of memory. */
size_t csvchart_bar_intern(struct intern *in, const char *name, size_t line)
{
    if ((in->len + 1) * 2 > in->nslots && !intern_grow(in)) {
        return NONE;
    }
    size_t j = hash(name) & (in->nslots - 1);
    while (in->slots[j]) {
        size_t i = in->slots[j] - 1;
        if (strcmp(in->names[i], name) == 0) {
            return i;
        }
        j = (j + 1) & (in->nslots - 1);
    }
    if (!csvchart_array_reserve((void **)&in->names, &in->cap, in->len + 1, sizeof *in->names) ||
        !csvchart_array_reserve((void **)&in->lines, &in->lines_cap, in->len + 1,
                                sizeof *in->lines)) {
        return NONE;
    }
    char *copy = csvchart_strdup(name);
    if (!copy) {
        return NONE;
    }
    in->names[in->len] = copy;
    in->lines[in->len] = line;
    in->slots[j] = ++in->len;
    return in->len - 1;
}

/* Whether `name` is interned already. */
bool csvchart_bar_intern_has(const struct intern *in, const char *name)
{
    if (!in->nslots) {
        return false;
    }
    size_t j = hash(name) & (in->nslots - 1);
    while (in->slots[j]) {
        if (strcmp(in->names[in->slots[j] - 1], name) == 0) {
            return true;
        }
        j = (j + 1) & (in->nslots - 1);
    }
    return false;
}

void csvchart_bar_intern_fini(struct intern *in)
{
    for (size_t i = 0; i < in->len; i++) {
        free(in->names[i]);
    }
    free(in->names);
    free(in->lines);
    free(in->slots);
    memset(in, 0, sizeof *in);
}

/* A total as a percentage for a message: "128%", "99.5%". */
static void put_percent(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.*f%%", fabs(v - round(v)) < 0.05 ? 0 : 1, v);
}

/*
 * Stacks of percentages that are not parts of one whole (review 5: a poll table whose columns
 * are the wholes, stacked by row: Labour's bar ran to 128%, and stack = percent rescaled it to
 * labels the data does not hold). Warns, naming the first stack and its total, when a plain
 * stack of % values passes 100% (by more than rounding), or when stack = percent rescales a
 * stack whose parts do not already add up to 100%; and says so when it is the columns that
 * each add up to 100%.
 */
static void check_shares(const struct bar_chart *c, const struct spec *s,
                         struct csvchart_warnings *warn)
{
    if (!s->stack || c->range) {
        return;
    }
    for (size_t p = 0; p < c->npanels; p++) {
        const struct bar_data *d = &c->panels[p];
        if (strcmp(d->unit.suffix, "%") != 0 || d->nser < 2) {
            continue;
        }
        size_t off = 0, first = 0;
        double first_total = 0;
        for (size_t k = 0; k < d->ncat; k++) {
            double total = 0;
            for (size_t i = 0; i < d->nser; i++) {
                total += d->has[k * d->nser + i] && d->v[k * d->nser + i] > 0
                             ? d->v[k * d->nser + i]
                             : 0;
            }
            bool bad = s->stack_percent ? fabs(total - 100) > 1 : total > 101;
            if (bad && off++ == 0) {
                first = k;
                first_total = total;
            }
        }
        if (!off) {
            continue;
        }
        bool columns = true; /* does each series add up to 100% over the categories? */
        for (size_t i = 0; i < d->nser && columns; i++) {
            double sum = 0;
            for (size_t k = 0; k < d->ncat; k++) {
                sum += d->has[k * d->nser + i] ? d->v[k * d->nser + i] : 0;
            }
            columns = fabs(sum - 100) <= 1;
        }
        char total[32], more[64] = "";
        put_percent(total, sizeof total, first_total);
        if (off > 1) {
            if (s->stack_percent) {
                snprintf(more, sizeof more, " (nor %s %zu more stack%s)", off > 2 ? "do" : "does",
                         off - 1, off > 2 ? "s" : "");
            } else {
                snprintf(more, sizeof more, " (%zu more %s 100%% too)", off - 1,
                         off > 2 ? "stacks pass" : "stack passes");
            }
        }
        csvchart_warnings_add(
            warn, "the parts of \"%s\"%s%s%s add up to %s%s%s: %s%s", d->cats[first],
            d->title ? " in panel \"" : "", d->title ? d->title : "", d->title ? "\"" : "", total,
            s->stack_percent ? ", not 100%" : "", more,
            s->stack_percent ? "stack = percent rescales each stack to 100%, so its labels are "
                               "not the data's numbers"
                             : "shares of one whole cannot pass 100%",
            columns ? "; it is the columns that each add up to 100%: swap the table's rows and "
                      "columns, so that each column is a stack"
                    : "");
    }
}

/* value_format = percent over shares written as fractions: "0.78%" for 78% (review 12). */
static void check_fractions(const struct bar_chart *c, const struct spec *s,
                            struct csvchart_warnings *warn)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t p = 0; p < c->npanels; p++) {
        const struct bar_data *d = &c->panels[p];
        for (size_t i = 0; i < d->ncat * d->nser; i++) {
            if (d->has[i]) {
                lo = fmin(lo, fmin(d->v[i], d->low ? d->low[i] : d->v[i]));
                hi = fmax(hi, d->v[i]);
            }
        }
    }
    if (c->npanels &&
        csvchart_format_fractions_as_percent(&s->format, &c->panels[0].unit, lo, hi)) {
        csvchart_warnings_add(warn, CSVCHART_FORMAT_FRACTIONS);
    }
}

static void drawn_anyway(struct bar_chart *c);

csvchart_status csvchart_bar_chart_bind(const csvchart_table *t, const struct agg_rows *folded,
                                        const struct spec *s, struct bar_chart *out,
                                        struct csvchart_warnings *warn, csvchart_error *err)
{
    memset(out, 0, sizeof *out);
    struct columns c = {0};
    struct intern series = {0}, facets = {0};
    struct binder b = {.t = t,
                       .folded = folded,
                       .s = s,
                       .c = &c,
                       .series = &series,
                       .warn = warn,
                       .err = err,
                       .chart = out};
    csvchart_status st = csvchart_bar_columns_resolve(t, s, &c, err);
    if (st) {
        goto done;
    }
    b.range = out->range = c.low != NONE;
    size_t used = (size_t)snprintf(b.no_values, sizeof b.no_values, "%s: no value in column%s ",
                                   s->bin ? "bars left out" : "rows skipped", c.ny > 1 ? "s" : "");
    for (size_t i = 0; i < c.ny && used < sizeof b.no_values; i++) {
        used += (size_t)snprintf(b.no_values + used, sizeof b.no_values - used, "%s\"%s\"",
                                 i ? ", " : "", t->cols[c.y[i]].name);
    }
    /* Rows without any value that were dropped while folding (aggregate.h): the same
     * warnings as if binding had met them. */
    b.no_value_hint = !s->bin && t->cols[c.x].type == COLUMN_DATE
                          ? " (with bin, its period stays on the axis, empty)"
                          : "";
    for (size_t i = 0; folded && !b.range && i < folded->skipped.nkept; i++) {
        csvchart_warnings_row(warn, t->name, folded->skipped.kept[i].line, b.no_values,
                              "%s:%zu: row skipped: no value for \"%s\"%s", t->name,
                              folded->skipped.kept[i].line, folded->skipped.kept[i].x,
                              b.no_value_hint);
        if (!s->bin && !csvchart_bar_chart_skipped(out, folded->skipped.kept[i].x)) {
            st = csvchart_error_nomem(err);
            goto done;
        }
    }
    if (folded && !b.range) {
        csvchart_warnings_rows(warn, t->name, b.no_values,
                               folded->skipped.count - folded->skipped.nkept,
                               folded->skipped.last_line, folded->skipped.last_line);
    }

    /* Series and panels, in first-seen order, shared by every panel. */
    if (c.group != NONE) {
        for (size_t r = 0; r < t->nrows; r++) {
            const struct table_cell *gc = csvchart_table_cell(t, r, c.group);
            if (!gc->missing &&
                csvchart_bar_intern(&series, csvchart_table_text(t, gc), gc->line) == NONE) {
                st = csvchart_error_nomem(err);
                goto done;
            }
        }
    } else {
        for (size_t i = 0; i < (b.range ? 1 : c.ny); i++) {
            if (csvchart_bar_intern(&series, c.count_rows ? "count" : t->cols[c.y[i]].name, 1) ==
                NONE) {
                st = csvchart_error_nomem(err);
                goto done;
            }
        }
    }
    if (s->stack_percent && series.len < 2) {
        st = csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                "stack = percent splits each bar into the shares of its series, "
                                "and there is one (\"%s\"): every bar would be 100%%; drop "
                                "stack, or give the parts as value columns or a group column",
                                series.len ? series.names[0] : "");
        goto done;
    }
    if (c.facet != NONE) {
        for (size_t r = 0; r < t->nrows; r++) {
            const struct table_cell *fc = csvchart_table_cell(t, r, c.facet);
            if (fc->missing) {
                char what[300];
                csvchart_warnings_row(
                    warn, t->name, fc->line,
                    csvchart_bar_no_value(what, sizeof what, "rows skipped", t->cols[c.facet].name),
                    "%s:%zu: row skipped: no %s", t->name, fc->line, t->cols[c.facet].name);
            } else if (csvchart_bar_intern(&facets, csvchart_table_text(t, fc), fc->line) == NONE) {
                st = csvchart_error_nomem(err);
                goto done;
            }
        }
        if (facets.len == 0) {
            st = csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                                    "no rows left to draw: every row lacks a %s",
                                    t->cols[c.facet].name);
            goto done;
        }
    }
    size_t np = c.facet != NONE ? facets.len : 1;
    out->panels = calloc(np, sizeof *out->panels);
    if (!out->panels) {
        st = csvchart_error_nomem(err);
        goto done;
    }
    out->npanels = np;
    for (size_t p = 0; p < np && st == CSVCHART_OK; p++) {
        st = csvchart_bar_panel_bind(&b, p, c.facet != NONE ? facets.names[p] : NULL,
                                     &out->panels[p]);
    }
    /* A group value can first appear in a later panel: every panel gets the full list. */
    for (size_t p = 0; p < np && st == CSVCHART_OK; p++) {
        if (out->panels[p].nser != series.len) {
            st = csvchart_error_set(err, CSVCHART_ERROR_INTERNAL, NULL, 0, 0,
                                    "series changed while binding");
        }
    }
    if (st == CSVCHART_OK && *s->color) {
        st = csvchart_bar_colors_bind(t, s, out, err);
    }
    if (st == CSVCHART_OK) {
        check_shares(out, s, warn);
        check_fractions(out, s, warn);
        drawn_anyway(out);
    }
done:
    csvchart_warnings_flush(warn);
    free(c.y);
    free(b.obs);
    free(b.blank);
    csvchart_bar_intern_fini(&series);
    csvchart_bar_intern_fini(&facets);
    if (st) {
        csvchart_bar_chart_fini(out);
    }
    return st;
}

/* A category whose other rows had values is drawn after all: it leaves the list of those
 * left out (past the first 64 names, the count may still hold a few such). */
static void drawn_anyway(struct bar_chart *c)
{
    size_t kept = 0, gone = 0;
    for (size_t i = 0; i < c->nkept; i++) {
        bool drawn = false;
        for (size_t p = 0; p < c->npanels && !drawn; p++) {
            for (size_t k = 0; k < c->panels[p].ncat && !drawn; k++) {
                drawn = strcmp(c->panels[p].cats[k], c->skipped[i]) == 0;
            }
        }
        if (drawn) {
            free(c->skipped[i]);
            gone++;
            continue;
        }
        c->skipped[kept++] = c->skipped[i];
    }
    c->nkept = kept;
    c->nskipped -= gone;
}

bool csvchart_bar_chart_skipped(struct bar_chart *c, const char *name)
{
    for (size_t i = 0; i < c->nkept; i++) {
        if (strcmp(c->skipped[i], name) == 0) {
            return true;
        }
    }
    if (c->nkept < sizeof c->skipped / sizeof c->skipped[0]) {
        if (!(c->skipped[c->nkept] = strdup(name))) {
            return false;
        }
        c->nkept++;
    }
    c->nskipped++;
    return true;
}

void csvchart_bar_chart_fini(struct bar_chart *c)
{
    for (size_t p = 0; c->panels && p < c->npanels; p++) {
        csvchart_bar_panel_fini(&c->panels[p]);
    }
    for (size_t i = 0; i < c->nkept; i++) {
        free(c->skipped[i]);
    }
    free(c->panels);
    memset(c, 0, sizeof *c);
}
