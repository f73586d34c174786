/*
 * aggregate.c - the accumulator, the fold plan a spec makes, and the rows an aggregator
 * folded (see aggregate.h). The aggregator itself, the sink that folds rows while they are
 * read, is aggregate_fold.c; it and the bar chart binding (bar_data.c) aggregate with the
 * functions here, which call nothing of theirs.
 */
#include "aggregate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- The accumulator ----------------------------------------------------------------------- */

void csvchart_agg_merge(struct agg *into, const struct agg *from)
{
    if (!from->n) {
        return;
    }
    if (!into->n) {
        into->min = from->min;
        into->max = from->max;
        into->line = from->line;
        into->col = from->col;
    }
    into->sum += from->sum;
    into->pos += from->pos;
    into->neg += from->neg;
    into->last_line = from->last_line > into->last_line ? from->last_line : into->last_line;
    into->min = fmin(into->min, from->min);
    into->max = fmax(into->max, from->max);
    into->n += from->n;
    into->decimals = from->decimals > into->decimals ? from->decimals : into->decimals;
    for (size_t k = 0; k < 5; k++) {
        into->mult[k] += from->mult[k];
    }
}

void csvchart_agg_add(struct agg *a, double v, const struct number_unit *u, size_t line, size_t col)
{
    struct agg one = {
        .sum = v, .min = v, .max = v, .n = 1, .line = line, .col = col, .last_line = line};
    *(v > 0 ? &one.pos : &one.neg) = v;
    one.decimals = u ? u->decimals : 0;
    one.mult[csvchart_number_multiplier_index(u ? u->multiplier : 0)] = 1;
    csvchart_agg_merge(a, &one);
}

double csvchart_agg_result(const struct agg *a, enum aggregate how)
{
    switch (how) {
    case AGG_MEAN:
        return a->n ? a->sum / (double)a->n : 0;
    case AGG_COUNT:
        return (double)a->n;
    case AGG_MIN:
        return a->min;
    case AGG_MAX:
        return a->max;
    case AGG_NONE:
    case AGG_SUM:
        break;
    }
    return a->sum;
}

/* ---- The plan -------------------------------------------------------------------------------- */

void csvchart_fold_plan(const struct spec *s, struct fold_plan *p)
{
    memset(p, 0, sizeof *p);
    p->max_keys = s->max_categories;
    if (s->kind == KIND_TIMELINE) {
        p->mode = FOLD_COUNT_EVENTS; /* every dated row is an event (csvchart_timeline_bind()) */
        p->keys[0] = *s->date ? s->date : "date";
        p->limit_text = "events; a timeline of them cannot be drawn (raise max_categories)";
        return;
    }
    /* Dates in bins: many dates make few bars, counted when bound; the fold's key is the x
     * text, so they are bound from the rows as they are (bar_bin.c). */
    if (s->kind != KIND_BAR || s->bin) {
        return;
    }
    bool range = s->low[0] || s->high[0];
    p->keys[0] = s->x;
    p->keys[1] = s->group;
    p->keys[2] = s->facet;
    if (s->aggregate != AGG_NONE && !range && !(s->aggregate == AGG_COUNT && s->ny == 0)) {
        p->mode = FOLD_ROWS;
        p->values = (const char *const *)s->y;
        p->nvalues = s->ny;
        p->positive = s->log;
        return;
    }
    /* A row is a category when it has a value: y, or for range bars low (bar_data.c). */
    p->mode = FOLD_COUNT_CATEGORIES;
    p->values = range ? &s->low : (const char *const *)s->y;
    p->nvalues = range ? 1 : s->ny;
    p->limit_text = "categories; a bar chart of them cannot be read (aggregate them, or raise "
                    "max_categories)";
}

/* ---- The folded rows ------------------------------------------------------------------------- */

const struct agg *csvchart_agg_rows_get(const struct agg_rows *r, size_t row, size_t col)
{
    for (size_t k = 0; r && k < r->nvalues; k++) {
        if (r->cols[k] == col) {
            const struct agg *a = &r->acc[row * r->nvalues + k];
            return a->n ? a : NULL;
        }
    }
    return NULL;
}

static bool same_name(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

bool csvchart_agg_rows_folded_by(const struct agg_rows *r, const struct fold_plan *p)
{
    if (p->mode != FOLD_ROWS || p->positive != r->positive || p->nvalues != r->nvalue_names) {
        return false;
    }
    bool same = true;
    for (size_t k = 0; k < 3; k++) {
        same = same && same_name(r->keys[k], p->keys[k]);
    }
    for (size_t k = 0; k < p->nvalues; k++) {
        same = same && same_name(r->values[k], p->values[k]);
    }
    return same;
}

void csvchart_agg_rows_free(struct agg_rows *r)
{
    if (!r) {
        return;
    }
    for (size_t i = 0; i < r->skipped.nkept; i++) {
        free(r->skipped.kept[i].x);
    }
    for (size_t k = 0; k < 3; k++) {
        free(r->keys[k]);
    }
    for (size_t k = 0; k < r->nvalue_names; k++) {
        free(r->values[k]);
    }
    free(r->values);
    free(r->cols);
    free(r->acc);
    free(r);
}
