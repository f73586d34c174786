/*
 * bar_data_panel.c - one panel of a bar chart bound (bar_data.c): all of the chart, or one
 * value of the facet column. It is bound in two passes: observations (category, series,
 * value, position) are collected from its rows, skipping with a warning the rows that lack
 * what they need, then folded into the categories x series grid, aggregating or refusing
 * repeats. An observation is an accumulator (struct agg, aggregate.h): one number, or the
 * numbers the aggregator folded into a cell while the file was read (struct agg_rows); the
 * grid merges them with csvchart_agg_merge() and draws csvchart_agg_result(), the same
 * arithmetic as the folding, so a folded table and a whole one bind alike
 * (tests/fold_check.h). Then the panel's unit is chosen, its sums checked for overflow, its
 * categories binned by period or sorted, and its ratio checked.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "array.h"
#include "bar_data_bind.h"

/* One value of the table on its way into the grid, or the n values folded into a cell while
 * the file was read (aggregate.h). */
struct obs {
    size_t cat, ser;
    struct agg a;
    double low;     /* ranges: where the bar starts (a holds its high end) */
    bool open;      /* ranges: open-ended upward */
    bool blank;     /* a row of this category and series without a value: no number in `a` */
    size_t cat_col; /* the column of its category's cell, on the line of `a` */
};

static const char *agg_names = "sum, mean, count, min or max";

/* A category's place in a sort: its value, then (ranges open at the top, whose value is
 * INFINITY) its low end, then where it came. */
struct sort_key {
    size_t index;
    double key, then;
};

static int cmp_asc(const void *a, const void *b)
{
    const struct sort_key *x = a, *y = b;
    if (x->key != y->key) {
        return x->key < y->key ? -1 : 1;
    }
    if (x->then != y->then) {
        return x->then < y->then ? -1 : 1;
    }
    return x->index < y->index ? -1 : x->index > y->index;
}

static int cmp_desc(const void *a, const void *b)
{
    const struct sort_key *x = a, *y = b;
    if (x->key != y->key) {
        return x->key > y->key ? -1 : 1;
    }
    if (x->then != y->then) {
        return x->then > y->then ? -1 : 1;
    }
    return x->index < y->index ? -1 : x->index > y->index;
}

static bool permute(void **array, const struct sort_key *keys, size_t n, size_t stride, size_t size)
{
    if (!*array) {
        return true;
    }
    char *to = malloc(n * stride * size);
    if (!to) {
        return false;
    }
    for (size_t c = 0; c < n; c++) {
        memcpy(to + c * stride * size, (char *)*array + keys[c].index * stride * size,
               stride * size);
    }
    free(*array);
    *array = to;
    return true;
}

/* Reorders categories by the first series (or the stack total), stable. A range sorts by its
 * high end; one open at the top ("$500+") above every closed one, whatever its low (it sorted
 * by its low: "most expensive first" put $150-$600 before $500+, graphics desk, session 23),
 * open ones among themselves by their lows. */
static bool sort_categories(struct bar_data *d, const struct spec *s)
{
    if (s->sort == SORT_NONE || d->ncat < 2) {
        return true;
    }
    struct sort_key *keys = malloc(d->ncat * sizeof *keys);
    if (!keys) {
        return false;
    }
    for (size_t c = 0; c < d->ncat; c++) {
        double k = 0, then = 0;
        for (size_t i = 0; i < (s->stack ? d->nser : 1); i++) {
            k += d->has[c * d->nser + i] ? d->v[c * d->nser + i] : 0;
        }
        if (d->open && d->has[c * d->nser] && d->open[c * d->nser]) {
            then = d->low[c * d->nser];
            k = INFINITY;
        }
        keys[c] = (struct sort_key){c, k, then};
    }
    qsort(keys, d->ncat, sizeof *keys, s->sort == SORT_ASC ? cmp_asc : cmp_desc);
    bool ok = permute((void **)&d->cats, keys, d->ncat, 1, sizeof *d->cats) &&
              permute((void **)&d->v, keys, d->ncat, d->nser, sizeof *d->v) &&
              permute((void **)&d->low, keys, d->ncat, d->nser, sizeof *d->low) &&
              permute((void **)&d->open, keys, d->ncat, d->nser, sizeof *d->open) &&
              permute((void **)&d->has, keys, d->ncat, d->nser, sizeof *d->has) &&
              permute((void **)&d->written_dec, keys, d->ncat, d->nser, sizeof *d->written_dec) &&
              permute((void **)&d->written_mult, keys, d->ncat, d->nser, sizeof *d->written_mult);
    free(keys);
    return ok;
}

/*
 * Reads a value cell of column `col`; unit->open is set for a final '+'. The table parsed
 * every number already while typing its columns; with one panel the column's unit is the
 * panel's, so the stored value serves (parsing again was a quarter of the time of reading a
 * large file). Facets need each cell's own multiplier for their panel's unit: parse again.
 * *acc is the cell's folded numbers (aggregate.h) or NULL; it is set to NULL when the
 * column's unit served, else it still says how the folded numbers were written (note_unit()).
 */
static double cell_value(const struct binder *b, size_t col, const struct table_cell *cell,
                         struct number_unit *unit, const struct agg **acc)
{
    const char *text = csvchart_table_text(b->t, cell);
    if (b->c->facet == NONE && b->t->cols[col].type == COLUMN_NUMBER) {
        size_t n = cell->len;
        while (n && (text[n - 1] == ' ' || text[n - 1] == '\t')) {
            n--;
        }
        *unit = b->t->cols[col].unit;
        unit->open = n && text[n - 1] == '+';
        *acc = NULL;
        return cell->num;
    }
    double v = cell->num;
    csvchart_table_number(b->t, text, cell->len, &v, unit);
    return v;
}

/* Notes how a value was written, or all the values of a folded cell (a). */
static void note_unit(struct binder *b, const struct number_unit *u, const struct agg *a)
{
    if (!b->have_unit) {
        b->unit = *u;
        b->have_unit = true;
    }
    int decimals = a ? a->decimals : u->decimals;
    b->unit.decimals = decimals > b->unit.decimals ? decimals : b->unit.decimals;
    b->unit.multipliers |= u->multipliers; /* the column's, when its unit served */
    int own = csvchart_number_multiplier_index(u->multiplier);
    for (int k = 0; k < 5; k++) {
        b->mult_count[k] += a ? a->mult[k] : k == own;
    }
}

static csvchart_status category_limit(struct binder *b, const struct table_cell *cell)
{
    return csvchart_error_set(b->err, CSVCHART_ERROR_LIMIT, b->t->name, cell->line, cell->col,
                              "more than %zu categories; a bar chart of them cannot be read "
                              "(aggregate them, or raise max_categories)",
                              b->s->max_categories);
}

/* The index of category `cat` (of the row whose x cell is xc), interned on first sight: the
 * category limit is checked here, as rows are read; `ser0` is the row's series (NONE when
 * interning it ran out of memory). */
static csvchart_status category(struct binder *b, const struct table_cell *xc, const char *cat,
                                size_t ser0, size_t *ci)
{
    if (b->cats.len >= b->s->max_categories && !csvchart_bar_intern_has(&b->cats, cat)) {
        return category_limit(b, xc);
    }
    size_t lines = 1;
    for (const char *q = strchr(cat, '\n'); q; q = strchr(q + 1, '\n')) {
        lines++;
    }
    if (lines > BAR_NAME_MAX_LINES) {
        const char *nl = strchr(cat, '\n');
        int first = (int)(nl - cat) > 40 ? 40 : (int)(nl - cat);
        return csvchart_error_set(b->err, CSVCHART_ERROR_DATA, b->t->name, xc->line, xc->col,
                                  "the name \"%.*s...\" has %zu lines; a category name may have "
                                  "at most %d (each line break in the cell starts one)",
                                  first, cat, lines, BAR_NAME_MAX_LINES);
    }
    *ci = csvchart_bar_intern(&b->cats, cat, xc->line);
    return *ci == NONE || ser0 == NONE ? csvchart_error_nomem(b->err) : CSVCHART_OK;
}

/* A new observation at the end of b->obs, or NULL when out of memory. */
static struct obs *new_obs(struct binder *b)
{
    if (!csvchart_array_reserve((void **)&b->obs, &b->obs_cap, b->nobs + 1, sizeof *b->obs)) {
        return NULL;
    }
    return &b->obs[b->nobs++];
}

static csvchart_status log_error(struct binder *b, const struct table_cell *cell, const char *cat)
{
    return csvchart_error_set(b->err, CSVCHART_ERROR_DATA, b->t->name, cell->line, cell->col,
                              "log scale needs values > 0; \"%s\" has %s", cat,
                              csvchart_table_text(b->t, cell));
}

/*
 * A period without rows is a bar of zero under sum and count (csvchart_bar_bin_fill()), which
 * a log axis cannot draw: refused as a zero in the data is (its axis had no decade to start
 * from, and the fuzzer found it reading before its ticks).
 */
static csvchart_status empty_period_on_log(struct binder *b, const struct bar_data *d)
{
    for (size_t c = 0; c < d->ncat; c++) {
        for (size_t s = 0; s < d->nser; s++) {
            size_t i = c * d->nser + s;
            if (d->has[i] && !(d->v[i] > 0)) {
                return csvchart_error_set(
                    b->err, CSVCHART_ERROR_DATA, b->t->name, 0, 0,
                    "log scale needs values > 0; %s \"%s\" has no rows%s%s%s, a %s of 0; bin by "
                    "a longer period, or drop log",
                    csvchart_bin_names[b->s->bin], d->cats[c], d->nser > 1 ? " of \"" : "",
                    d->nser > 1 ? d->series[s] : "", d->nser > 1 ? "\"" : "",
                    b->s->aggregate == AGG_COUNT ? "count" : "sum");
            }
        }
    }
    return CSVCHART_OK;
}

/* The class of warnings (error.h) about rows that lack a value in column `col`. */
const char *csvchart_bar_no_value(char *buf, size_t size, const char *rows, const char *col)
{
    snprintf(buf, size, "%s: no value in column \"%s\"", rows, col);
    return buf;
}

/* Notes that a row of category ci and series ser had no value; false when out of memory. */
static bool blank_obs(struct binder *b, size_t ci, size_t ser)
{
    struct obs *o = new_obs(b);
    if (o) {
        *o = (struct obs){.cat = ci, .ser = ser, .blank = true};
    }
    return o != NULL;
}

/* Collects the observations of one row; skips (with a warning) rows missing what they need. */
static csvchart_status observe_row(struct binder *b, size_t r)
{
    const csvchart_table *t = b->t;
    const struct columns *c = b->c;
    const struct table_cell *xc = csvchart_table_cell(t, r, c->x);
    char what[300];
    if (xc->missing) {
        csvchart_warnings_row(
            b->warn, t->name, xc->line,
            csvchart_bar_no_value(what, sizeof what, "rows skipped", t->cols[c->x].name),
            "%s:%zu: row skipped: no %s", t->name, xc->line, t->cols[c->x].name);
        return CSVCHART_OK;
    }
    const char *cat = csvchart_table_text(t, xc), *name = cat; /* name: as written, for messages */
    char key[32];
    if (b->s->bin) { /* the date's period stands for the category */
        csvchart_status st = csvchart_bin_key(t, c->x, xc, b->s->bin, key, sizeof key, b->err);
        if (st) {
            return st;
        }
        cat = key;
    }
    size_t ser0 = 0;
    if (c->group != NONE) {
        const struct table_cell *gc = csvchart_table_cell(t, r, c->group);
        if (gc->missing) {
            csvchart_warnings_row(
                b->warn, t->name, gc->line,
                csvchart_bar_no_value(what, sizeof what, "rows skipped", t->cols[c->group].name),
                "%s:%zu: row skipped: no %s", t->name, gc->line, t->cols[c->group].name);
            return CSVCHART_OK;
        }
        ser0 =
            csvchart_bar_intern((struct intern *)b->series, csvchart_table_text(t, gc), gc->line);
    }
    struct number_unit u;
    if (b->range) {
        const struct table_cell *lc = csvchart_table_cell(t, r, c->low);
        const struct table_cell *hc = csvchart_table_cell(t, r, c->high);
        if (lc->missing) {
            csvchart_warnings_row(
                b->warn, t->name, lc->line,
                csvchart_bar_no_value(what, sizeof what, "rows skipped", t->cols[c->low].name),
                "%s:%zu: row skipped: no %s for \"%s\"", t->name, lc->line, t->cols[c->low].name,
                name);
            return csvchart_bar_chart_skipped(b->chart, name) ? CSVCHART_OK
                                                              : csvchart_error_nomem(b->err);
        }
        const struct agg *none = NULL;
        double low = cell_value(b, c->low, lc, &u, &none);
        note_unit(b, &u, NULL);
        bool open = u.open || hc->missing;
        double high = low;
        if (!hc->missing) {
            high = cell_value(b, c->high, hc, &u, &none);
            note_unit(b, &u, NULL);
            open = open || u.open;
        }
        if (b->s->log && low <= 0) {
            return log_error(b, lc, cat);
        }
        if (high < low) {
            return csvchart_error_set(b->err, CSVCHART_ERROR_DATA, t->name, hc->line, hc->col,
                                      "range of \"%s\" ends before it starts: %s %s is below %s "
                                      "%s; swap the two values",
                                      cat, t->cols[c->high].name, csvchart_table_text(t, hc),
                                      t->cols[c->low].name, csvchart_table_text(t, lc));
        }
        size_t ci;
        struct obs *o;
        csvchart_status st = category(b, xc, cat, ser0, &ci);
        if (st || !(o = new_obs(b))) {
            return st ? st : csvchart_error_nomem(b->err);
        }
        *o = (struct obs){.cat = ci, .ser = ser0, .low = low, .open = open, .cat_col = xc->col};
        csvchart_agg_add(&o->a, high, NULL, lc->line, lc->col);
        return CSVCHART_OK;
    }

    if (c->count_rows) { /* each row counts one */
        size_t ci;
        struct obs *o;
        csvchart_status st = category(b, xc, cat, ser0, &ci);
        if (st || !(o = new_obs(b))) {
            return st ? st : csvchart_error_nomem(b->err);
        }
        *o = (struct obs){.cat = ci, .ser = ser0};
        csvchart_agg_add(&o->a, 1, NULL, xc->line, xc->col);
        return CSVCHART_OK;
    }
    size_t present = 0;
    for (size_t i = 0; i < c->ny; i++) {
        present += !csvchart_table_cell(t, r, c->y[i])->missing;
    }
    if (present == 0 && !b->s->bin) {
        /* Dropped, and so is its category (a file of a million rows without values makes no
         * million empty slots; aggregate_fold.c drops such rows as they are read). Dates keep
         * their place on the axis once binned. */
        csvchart_warnings_row(b->warn, t->name, xc->line, b->no_values,
                              "%s:%zu: row skipped: no value for \"%s\"%s", t->name, xc->line, name,
                              b->no_value_hint);
        return csvchart_bar_chart_skipped(b->chart, name) ? CSVCHART_OK
                                                          : csvchart_error_nomem(b->err);
    }
    size_t ci;
    csvchart_status st = category(b, xc, cat, ser0, &ci);
    if (st) {
        return st;
    }
    if (present == 0) { /* the period stays, empty: a month without sales figures is neither
                         * dropped from the axis nor drawn as a zero */
        csvchart_warnings_row(b->warn, t->name, xc->line, b->no_values,
                              "%s:%zu: no value for \"%s\"; its bar is left out", t->name, xc->line,
                              name);
        for (size_t i = 0; i < (c->group == NONE ? c->ny : 1); i++) {
            if (!blank_obs(b, ci, c->group == NONE ? i : ser0)) {
                return csvchart_error_nomem(b->err);
            }
        }
        return CSVCHART_OK;
    }
    for (size_t i = 0; i < c->ny; i++) {
        const struct table_cell *vc = csvchart_table_cell(t, r, c->y[i]);
        if (vc->missing) {
            csvchart_warnings_row(
                b->warn, t->name, vc->line,
                csvchart_bar_no_value(what, sizeof what, "bars left out", t->cols[c->y[i]].name),
                "%s:%zu: no %s for \"%s\"; that bar is left out", t->name, vc->line,
                t->cols[c->y[i]].name, name);
            if (!blank_obs(b, ci, c->group == NONE ? i : ser0)) {
                return csvchart_error_nomem(b->err);
            }
            continue;
        }
        const struct agg *a = csvchart_agg_rows_get(b->folded, r, c->y[i]), *how = a;
        double v = cell_value(b, c->y[i], vc, &u, &how);
        note_unit(b, &u, how);
        if (b->s->log && v <= 0) {
            return log_error(b, vc, cat);
        }
        if (b->s->stack_percent && v < 0) {
            /* A share of a total that has losses in it is no share: a stack netting to 0 or
             * less was drawn empty, one with a loss past 100% (review 10). */
            return csvchart_error_set(b->err, CSVCHART_ERROR_DATA, t->name, vc->line, vc->col,
                                      "stack = percent needs values >= 0 (each is a share of "
                                      "its stack's total); \"%s\" has %s in \"%s\" (gains "
                                      "and losses stack with stack = true)",
                                      cat, csvchart_table_text(t, vc), t->cols[c->y[i]].name);
        }
        struct obs *o = new_obs(b);
        if (!o) {
            return csvchart_error_nomem(b->err);
        }
        *o = (struct obs){.cat = ci, .ser = c->group == NONE ? i : ser0, .cat_col = xc->col};
        if (a) {
            o->a = *a;
        } else if (b->s->aggregate == AGG_NONE) {
            /* the cell's own decimals and multiplier (u may be the column's): one cell a
             * value, so at most categories x series of them are read again */
            struct number_unit own;
            double again;
            const char *text = csvchart_table_text(t, vc);
            bool ok = csvchart_table_number(t, text, vc->len, &again, &own);
            csvchart_agg_add(&o->a, v, ok ? &own : NULL, vc->line, vc->col);
            o->a.decimals = ok ? own.decimals : -1;
        } else {
            csvchart_agg_add(&o->a, v, NULL, vc->line, vc->col);
        }
    }
    return CSVCHART_OK;
}

/*
 * Every value drawn must be a finite double: a sum or a mean whose positive or negative
 * values add up beyond DBL_MAX (about 1.8e308) is refused, and so is a stack that does (the
 * sums of each sign grow one way, so the verdict does not depend on the order of the rows:
 * folded while read or not, the same). Min, max and count never overflow. The message points
 * at the first value of the cell: for the stack, of the series that overflows it.
 */
static csvchart_status check_sums(struct binder *b, const struct bar_data *d, const struct agg *acc)
{
    const struct spec *s = b->s;
    const char *file = b->t->name;
    if (s->aggregate == AGG_SUM || s->aggregate == AGG_MEAN) {
        for (size_t i = 0; i < d->ncat * d->nser; i++) {
            const struct agg *a = &acc[i];
            if (!a->n || (isfinite(a->pos) && isfinite(a->neg))) {
                continue;
            }
            const char *ser = d->nser > 1 ? b->series->names[i % d->nser] : NULL;
            return csvchart_error_set(
                b->err, CSVCHART_ERROR_DATA, file, a->line, a->col,
                "the %s of \"%s\"%s%s%s (lines %zu-%zu) %s: its values add up beyond the "
                "largest double (about 1.8e308)",
                s->aggregate == AGG_SUM ? "sum" : "mean", b->cats.names[i / d->nser],
                ser ? " in \"" : "", ser ? ser : "", ser ? "\"" : "", a->line, a->last_line,
                s->aggregate == AGG_SUM ? "is too large to draw" : "cannot be computed");
        }
    }
    if (!s->stack) {
        return CSVCHART_OK;
    }
    for (size_t c = 0; c < d->ncat; c++) {
        double pos = 0, neg = 0;
        for (size_t k = 0; k < d->nser; k++) {
            const struct agg *a = &acc[c * d->nser + k];
            if (!a->n) {
                continue;
            }
            double v = csvchart_agg_result(a, s->aggregate);
            *(v > 0 ? &pos : &neg) += v;
            if (!isfinite(pos) || !isfinite(neg)) {
                return csvchart_error_set(
                    b->err, CSVCHART_ERROR_DATA, file, a->line, a->col,
                    "the stack of \"%s\" is too large to draw: with \"%s\" its %s values add "
                    "up beyond the largest double (about 1.8e308)",
                    b->cats.names[c], b->series->names[k], v > 0 ? "positive" : "negative");
            }
        }
    }
    return CSVCHART_OK;
}

/* Folds the observations into the grid of panel *d. */
static csvchart_status fold(struct binder *b, struct bar_data *d)
{
    const struct spec *s = b->s;
    d->ncat = b->cats.len;
    d->nser = b->series->len;
    size_t n = d->ncat * d->nser;
    if (d->nser && d->ncat > SIZE_MAX / d->nser / sizeof(struct agg)) {
        return csvchart_error_nomem(b->err);
    }
    struct agg *acc = calloc(n, sizeof *acc);
    d->v = calloc(n, sizeof *d->v);
    d->has = calloc(n, sizeof *d->has);
    if (b->range) {
        d->low = calloc(n, sizeof *d->low);
        d->open = calloc(n, sizeof *d->open);
    }
    if (!acc || !d->v || !d->has || (b->range && (!d->low || !d->open))) {
        free(acc);
        return csvchart_error_nomem(b->err);
    }
    free(b->blank);
    b->blank = calloc(n ? n : 1, sizeof *b->blank);
    if (!b->blank) {
        free(acc);
        return csvchart_error_nomem(b->err);
    }
    for (size_t i = 0; i < b->nobs; i++) {
        const struct obs *o = &b->obs[i];
        size_t at = o->cat * d->nser + o->ser;
        struct agg *a = &acc[at];
        if (o->blank) {
            b->blank[at] = true;
            continue;
        }
        if (a->n && s->aggregate == AGG_NONE) {
            const char *what = d->nser > 1 && b->c->group != NONE ? " in this group" : "";
            csvchart_status st = csvchart_error_set(
                b->err, CSVCHART_ERROR_DATA, b->t->name, o->a.line,
                o->cat_col ? o->cat_col : o->a.col,
                "category \"%s\" appears again%s (first on line %zu); set aggregate to %s, or "
                "use group for long-format data",
                b->cats.names[o->cat], what, a->line, agg_names);
            free(acc);
            return st;
        }
        if (b->range && !a->n) { /* a range is one row (aggregate does not apply) */
            d->low[at] = o->low;
            d->open[at] = o->open;
        }
        csvchart_agg_merge(a, &o->a);
    }
    csvchart_status st = check_sums(b, d, acc);
    if (st) {
        free(acc);
        return st;
    }
    for (size_t i = 0; i < n; i++) {
        d->has[i] = acc[i].n > 0;
        d->v[i] = csvchart_agg_result(&acc[i], s->aggregate);
    }
    if (s->aggregate == AGG_NONE && !b->range) {
        d->written_dec = malloc(n ? n : 1);
        d->written_mult = malloc(n ? n : 1);
        if (!d->written_dec || !d->written_mult) {
            free(acc);
            return csvchart_error_nomem(b->err);
        }
        for (size_t i = 0; i < n; i++) {
            int dec = acc[i].n == 1 ? acc[i].decimals : -1;
            d->written_dec[i] = (signed char)(dec >= -1 && dec <= 100 ? dec : -1);
            d->written_mult[i] = 0;
            for (unsigned char k = 0; k < 5; k++) {
                d->written_mult[i] = acc[i].mult[k] ? k : d->written_mult[i];
            }
        }
    }
    free(acc);

    /* The panel's unit: the data's currency and %, its most common multiplier. */
    d->unit = b->unit;
    size_t best = 0;
    for (size_t i = 1; i < 5; i++) {
        best = b->mult_count[i] > b->mult_count[best] ? i : best;
    }
    d->unit.multiplier = csvchart_multipliers[best];
    for (size_t i = 0; i < 5; i++) {
        d->unit.multipliers |= (unsigned char)((b->mult_count[i] > 0) << i);
    }
    d->unit.open = false;
    if (s->aggregate == AGG_COUNT) { /* a count has no currency, no decimals */
        memset(&d->unit, 0, sizeof d->unit);
    }
    d->computed = s->aggregate == AGG_SUM || s->aggregate == AGG_MEAN;
    d->cats = b->cats.names;
    b->cats.names = NULL;
    b->cats.len = 0;
    csvchart_bar_intern_fini(&b->cats);
    return CSVCHART_OK;
}

static csvchart_status check_ratio(const struct bar_data *d, csvchart_error *err)
{
    size_t n = 0, lo = 0, hi = 0;
    for (size_t c = 0; c < d->ncat; c++) {
        size_t i = c * d->nser;
        if (d->has[i] && d->v[i] > 0) {
            lo = n == 0 || d->v[i] < d->v[lo] ? i : lo;
            hi = n == 0 || d->v[i] > d->v[hi] ? i : hi;
            n++;
        }
    }
    if (n < 2) {
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, NULL, 0, 0,
                                  "ratio needs at least two bars with values > 0%s%s%s; there "
                                  "%s %zu",
                                  d->title ? " in panel \"" : "", d->title ? d->title : "",
                                  d->title ? "\"" : "", n == 1 ? "is" : "are", n);
    }
    if (!isfinite(d->v[hi] / d->v[lo])) { // 1e300 over 1e-300
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, NULL, 0, 0,
                                  "ratio: \"%s\" (%.6g) over \"%s\" (%.6g) is too large to "
                                  "state (beyond the largest double, about 1.8e308)",
                                  d->cats[hi / d->nser], d->v[hi], d->cats[lo / d->nser], d->v[lo]);
    }
    return CSVCHART_OK;
}

csvchart_status csvchart_bar_panel_bind(struct binder *b, size_t facet_index,
                                        const char *facet_value, struct bar_data *d)
{
    const csvchart_table *t = b->t;
    csvchart_status st = CSVCHART_OK;
    b->nobs = 0;
    b->have_unit = false;
    memset(b->mult_count, 0, sizeof b->mult_count);
    memset(&b->unit, 0, sizeof b->unit);
    for (size_t r = 0; r < t->nrows && st == CSVCHART_OK; r++) {
        if (facet_value) {
            const struct table_cell *fc = csvchart_table_cell(t, r, b->c->facet);
            if (fc->missing || strcmp(csvchart_table_text(t, fc), facet_value) != 0) {
                continue;
            }
        }
        st = observe_row(b, r);
    }
    (void)facet_index;
    if (st) {
        csvchart_bar_intern_fini(&b->cats);
        return st;
    }
    size_t values = 0;
    for (size_t i = 0; i < b->nobs; i++) {
        values += !b->obs[i].blank;
    }
    if (values == 0) { /* categories, maybe, but not one value */
        csvchart_bar_intern_fini(&b->cats);
        if (facet_value) {
            return csvchart_error_set(b->err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                                      "facet \"%s\" has no rows left to draw: each lacks a "
                                      "category or a value",
                                      facet_value);
        }
        return csvchart_error_set(b->err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                                  "no rows left to draw: every row lacks a category or a value");
    }
    if ((st = fold(b, d))) {
        csvchart_bar_intern_fini(&b->cats);
        return st;
    }
    d->title = facet_value ? csvchart_strdup(facet_value) : NULL;
    d->x_name = csvchart_strdup(t->cols[b->c->x].name);
    d->value_name = csvchart_strdup(
        b->c->count_rows ? "count" : t->cols[b->range ? b->c->high : b->c->y[0]].name);
    d->series = calloc(b->series->len ? b->series->len : 1, sizeof *d->series);
    if ((facet_value && !d->title) || !d->x_name || !d->value_name || !d->series) {
        return csvchart_error_nomem(b->err);
    }
    for (size_t i = 0; i < b->series->len; i++) {
        if (!(d->series[i] = csvchart_strdup(b->series->names[i]))) {
            return csvchart_error_nomem(b->err);
        }
    }
    if (b->s->bin) { /* every period in time order (sort does not apply) */
        csvchart_status st2 = csvchart_bar_bin_fill(
            d, b->s->bin, b->s->aggregate == AGG_SUM || b->s->aggregate == AGG_COUNT, b->blank,
            b->s->max_categories, b->err);
        if (st2 || (b->s->log && (st2 = empty_period_on_log(b, d)))) {
            return st2;
        }
    } else if (!sort_categories(d, b->s)) {
        return csvchart_error_nomem(b->err);
    }
    return b->s->ratio ? check_ratio(d, b->err) : CSVCHART_OK;
}

void csvchart_bar_panel_fini(struct bar_data *d)
{
    for (size_t i = 0; d->cats && i < d->ncat; i++) {
        free(d->cats[i]);
    }
    for (size_t i = 0; d->series && i < d->nser; i++) {
        free(d->series[i]);
    }
    free(d->cats);
    free(d->series);
    free(d->v);
    free(d->low);
    free(d->open);
    free(d->has);
    free(d->written_dec);
    free(d->written_mult);
    free(d->color);
    free(d->period);
    free(d->title);
    free(d->x_name);
    free(d->value_name);
    memset(d, 0, sizeof *d);
}
