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
 */
#include "bar_data.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "array.h"

#define NONE ((size_t)-1)

/* ---- interning: name -> index in first-seen order ---- */

struct intern {
    char **names;
    size_t *lines; /* the line each name was first seen on */
    size_t len, cap, lines_cap;
    size_t *slots; /* index + 1, 0 = empty */
    size_t nslots;
};

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
static size_t intern(struct intern *in, const char *name, size_t line)
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
static bool intern_has(const struct intern *in, const char *name)
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

static void intern_fini(struct intern *in)
{
    for (size_t i = 0; i < in->len; i++) {
        free(in->names[i]);
    }
    free(in->names);
    free(in->lines);
    free(in->slots);
    memset(in, 0, sizeof *in);
}

/* ---- columns ---- */

struct columns {
    size_t x, group, facet, low, high;
    size_t *y;
    size_t ny;
    bool count_rows; /* aggregate = count with no value column: each row counts one */
};



/* A value column must be numeric: point at the first cell that is not a number. */
static csvchart_status need_numbers(const csvchart_table *t, size_t col, csvchart_error *err)
{
    const struct table_column *c = &t->cols[col];
    if (c->type == COLUMN_NUMBER || c->type == COLUMN_EMPTY) {
        return CSVCHART_OK; /* an empty column: every row is skipped, and that is reported */
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const struct table_cell *cell = csvchart_table_cell(t, r, col);
        double v;
        if (cell->missing) {
            continue;
        }
        const char *text = csvchart_table_text(t, cell);
        if (!csvchart_table_number(t, text, cell->len, &v, NULL)) {
            bool comma = t->syntax.numbers.decimal == ',';
            return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, cell->line, cell->col,
                                      "column \"%s\" needs numbers, and \"%s\" is not a number "
                                      "(expected e.g. %s)",
                                      c->name, text,
                                      comma ? "42, 1.234,5, 0,07 \xe2\x82\xac, 50%, with decimal = ,"
                                            : "42, 1,234.5, $0.07, 50%, $5.6M");
        }
    }
    /* Every cell parses alone, so the units disagree ("$5" and "€5"): point at the first cell
     * whose unit differs from the first one's. */
    struct number_unit first = {0};
    const struct table_cell *first_cell = NULL;
    for (size_t r = 0; r < t->nrows; r++) {
        const struct table_cell *cell = csvchart_table_cell(t, r, col);
        struct number_unit u;
        double v;
        if (cell->missing ||
            !csvchart_table_number(t, csvchart_table_text(t, cell), cell->len, &v, &u)) {
            continue;
        }
        if (!first_cell) {
            first = u;
            first_cell = cell;
        } else if (strcmp(u.prefix, first.prefix) != 0 || strcmp(u.suffix, first.suffix) != 0) {
            return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, cell->line, cell->col,
                                      "column \"%s\" mixes units: \"%s\" here, \"%s\" on line "
                                      "%zu; write every value in one unit",
                                      c->name, csvchart_table_text(t, cell),
                                      csvchart_table_text(t, first_cell), first_cell->line);
        }
    }
    return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                              "column \"%s\" cannot be read as numbers", c->name);
}

#define BAD_OPTIONS(...) csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0, __VA_ARGS__)

static csvchart_status resolve_columns(const csvchart_table *t, const struct spec *s,
                                       struct columns *c, csvchart_error *err)
{
    csvchart_status st;
    c->x = 0;
    if ((*s->x && (st = csvchart_table_column(t, s->x, "x", &c->x, err))) ||
        (st = csvchart_table_column(t, s->group, "group", &c->group, err)) ||
        (st = csvchart_table_column(t, s->facet, "facet", &c->facet, err)) ||
        (st = csvchart_table_column(t, s->low, "low", &c->low, err)) ||
        (st = csvchart_table_column(t, s->high, "high", &c->high, err))) {
        return st;
    }
    bool range = c->low != NONE || c->high != NONE;
    if (range && (c->low == NONE || c->high == NONE)) {
        return BAD_OPTIONS("range bars need both low and high");
    }
    if (s->stack && s->log) {
        return BAD_OPTIONS("stack cannot be drawn on a log axis: stacked totals on a log scale "
                           "mislead; drop stack (grouped bars) or log");
    }
    if (s->stack && range) {
        return BAD_OPTIONS("stack does not apply to range bars (low, high)");
    }
    if (range && s->ny) {
        return BAD_OPTIONS("range bars take low and high, not y");
    }
    if (range && s->aggregate != AGG_NONE) {
        return BAD_OPTIONS("aggregate does not apply to range bars (low, high)");
    }
    if (range && s->ratio) {
        return BAD_OPTIONS("ratio compares single values and does not apply to range bars");
    }
    if (s->bin && s->aggregate == AGG_NONE) {
        return BAD_OPTIONS("bin = %s puts the rows of a period into one bar: set aggregate "
                           "(count counts them; sum, mean, min, max take a value column)",
                           csvchart_bin_names[s->bin]);
    }
    c->y = malloc((t->ncols + s->ny + 2) * sizeof *c->y);
    if (!c->y) {
        return csvchart_error_nomem(err);
    }
    c->ny = 0;
    if (!range && s->ny == 0 && s->aggregate == AGG_COUNT) {
        /* a count of rows needs no value column: the x column stands in, each row counts */
        c->count_rows = true;
        c->y[c->ny++] = c->x;
        return CSVCHART_OK;
    }
    if (range) {
        c->y[c->ny++] = c->low;
        c->y[c->ny++] = c->high;
    } else {
        for (size_t i = 0; i < s->ny; i++) {
            if ((st = csvchart_table_column(t, s->y[i], "y", &c->y[c->ny], err))) {
                return st;
            }
            if (c->y[c->ny] == NONE) { /* an empty name ("a,,b", ","): no column, not "none" */
                return BAD_OPTIONS("y: item %zu of the list is empty; expected column names "
                                   "separated by commas",
                                   i + 1);
            }
            for (size_t k = 0; k < c->ny; k++) { /* one series per column: "v,v" has one */
                if (c->y[k] == c->y[c->ny]) {
                    return BAD_OPTIONS("y: column \"%s\" is named twice (items %zu and %zu)",
                                       s->y[i], k + 1, i + 1);
                }
            }
            c->ny++;
        }
    }
    if (c->ny == 0) { /* every numeric column but the others */
        for (size_t i = 0; i < t->ncols; i++) {
            if (i != c->x && i != c->group && i != c->facet && t->cols[i].type == COLUMN_NUMBER) {
                c->y[c->ny++] = i;
            }
        }
        if (c->ny == 0) { /* none: the first other column, so the error names its bad cell */
            for (size_t i = 0; i < t->ncols && c->ny == 0; i++) {
                if (i != c->x && i != c->group && i != c->facet) {
                    c->y[c->ny++] = i;
                }
            }
        }
        if (c->ny == 0) {
            return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 1, 0,
                                      "a bar chart needs a category column and a value column; "
                                      "the file has %zu column%s",
                                      t->ncols, t->ncols == 1 ? "" : "s");
        }
        if (c->group != NONE) {
            c->ny = 1;
        }
    }
    if (!range && c->group != NONE && c->ny > 1) {
        return BAD_OPTIONS("group needs exactly one value column (y), not %zu", c->ny);
    }
    for (size_t i = 0; i < c->ny; i++) {
        if ((st = need_numbers(t, c->y[i], err))) {
            return st;
        }
    }
    return CSVCHART_OK;
}

/* ---- one panel ---- */

/* One value of the table on its way into the grid, or the n values folded into a cell while
 * the file was read (aggregate.h). */
struct obs {
    size_t cat, ser;
    struct agg a;
    double low; /* ranges: where the bar starts (a holds its high end) */
    bool open;  /* ranges: open-ended upward */
};

static const char *agg_names = "sum, mean, count, min or max";

struct sort_key {
    size_t index;
    double key;
};

static int cmp_asc(const void *a, const void *b)
{
    const struct sort_key *x = a, *y = b;
    if (x->key != y->key) {
        return x->key < y->key ? -1 : 1;
    }
    return x->index < y->index ? -1 : x->index > y->index;
}

static int cmp_desc(const void *a, const void *b)
{
    const struct sort_key *x = a, *y = b;
    if (x->key != y->key) {
        return x->key > y->key ? -1 : 1;
    }
    return x->index < y->index ? -1 : x->index > y->index;
}

static bool permute(void **array, const struct sort_key *keys, size_t n, size_t stride,
                    size_t size)
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

/* Reorders categories by the first series (or the stack total), stable. */
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
        double k = 0;
        for (size_t i = 0; i < (s->stack ? d->nser : 1); i++) {
            k += d->has[c * d->nser + i] ? d->v[c * d->nser + i] : 0;
        }
        keys[c] = (struct sort_key){c, k};
    }
    qsort(keys, d->ncat, sizeof *keys, s->sort == SORT_ASC ? cmp_asc : cmp_desc);
    bool ok = permute((void **)&d->cats, keys, d->ncat, 1, sizeof *d->cats) &&
              permute((void **)&d->v, keys, d->ncat, d->nser, sizeof *d->v) &&
              permute((void **)&d->low, keys, d->ncat, d->nser, sizeof *d->low) &&
              permute((void **)&d->open, keys, d->ncat, d->nser, sizeof *d->open) &&
              permute((void **)&d->has, keys, d->ncat, d->nser, sizeof *d->has);
    free(keys);
    return ok;
}

struct binder {
    const csvchart_table *t;
    const struct agg_rows *folded; /* the numbers folded into the table's cells, or NULL */
    const struct spec *s;
    const struct columns *c;
    const struct intern *series;
    struct csvchart_warnings *warn;
    csvchart_error *err;
    bool range;
    /* per panel */
    struct intern cats;
    struct obs *obs;
    size_t nobs, obs_cap;
    size_t mult_count[5]; /* none K M B T, for the panel's unit */
    struct number_unit unit;
    bool have_unit;
    char no_values[400]; /* the class of "row skipped: no value for ..." (error.h) */
};

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

static csvchart_status log_error(struct binder *b, const struct table_cell *cell,
                                 const char *cat)
{
    return csvchart_error_set(b->err, CSVCHART_ERROR_DATA, b->t->name, cell->line, cell->col,
                              "log scale needs values > 0; \"%s\" has %s", cat,
                              csvchart_table_text(b->t, cell));
}

/* The class of warnings (error.h) about rows that lack a value in column `col`. */
static const char *no_value(char *buf, size_t size, const char *rows, const char *col)
{
    snprintf(buf, size, "%s: no value in column \"%s\"", rows, col);
    return buf;
}

/* Collects the observations of one row; skips (with a warning) rows missing what they need. */
static csvchart_status observe_row(struct binder *b, size_t r)
{
    const csvchart_table *t = b->t;
    const struct columns *c = b->c;
    const struct table_cell *xc = csvchart_table_cell(t, r, c->x);
    char what[300];
    if (xc->missing) {
        csvchart_warnings_row(b->warn, t->name, xc->line,
                              no_value(what, sizeof what, "rows skipped", t->cols[c->x].name),
                              "%s:%zu: row skipped: no %s", t->name, xc->line,
                              t->cols[c->x].name);
        return CSVCHART_OK;
    }
    const char *cat = csvchart_table_text(t, xc);
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
                no_value(what, sizeof what, "rows skipped", t->cols[c->group].name),
                "%s:%zu: row skipped: no %s", t->name, gc->line, t->cols[c->group].name);
            return CSVCHART_OK;
        }
        ser0 = intern((struct intern *)b->series, csvchart_table_text(t, gc), gc->line);
    }
    struct number_unit u;
    if (b->range) {
        const struct table_cell *lc = csvchart_table_cell(t, r, c->low);
        const struct table_cell *hc = csvchart_table_cell(t, r, c->high);
        if (lc->missing) {
            csvchart_warnings_row(
                b->warn, t->name, lc->line,
                no_value(what, sizeof what, "rows skipped", t->cols[c->low].name),
                "%s:%zu: row skipped: no %s for \"%s\"", t->name, lc->line, t->cols[c->low].name,
                cat);
            return CSVCHART_OK;
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
        if (b->cats.len >= b->s->max_categories && !intern_has(&b->cats, cat)) {
            return category_limit(b, xc);
        }
        size_t ci = intern(&b->cats, cat, xc->line);
        if (ci == NONE || ser0 == NONE ||
            !csvchart_array_reserve((void **)&b->obs, &b->obs_cap, b->nobs + 1, sizeof *b->obs)) {
            return csvchart_error_nomem(b->err);
        }
        struct obs *o = &b->obs[b->nobs++];
        *o = (struct obs){.cat = ci, .ser = ser0, .low = low, .open = open};
        csvchart_agg_add(&o->a, high, NULL, lc->line, lc->col);
        return CSVCHART_OK;
    }

    if (c->count_rows) { /* each row counts one */
        if (b->cats.len >= b->s->max_categories && !intern_has(&b->cats, cat)) {
            return category_limit(b, xc);
        }
        size_t ci = intern(&b->cats, cat, xc->line);
        if (ci == NONE || ser0 == NONE ||
            !csvchart_array_reserve((void **)&b->obs, &b->obs_cap, b->nobs + 1, sizeof *b->obs)) {
            return csvchart_error_nomem(b->err);
        }
        struct obs *o = &b->obs[b->nobs++];
        *o = (struct obs){.cat = ci, .ser = ser0};
        csvchart_agg_add(&o->a, 1, NULL, xc->line, xc->col);
        return CSVCHART_OK;
    }
    size_t present = 0;
    for (size_t i = 0; i < c->ny; i++) {
        present += !csvchart_table_cell(t, r, c->y[i])->missing;
    }
    if (present == 0) {
        csvchart_warnings_row(b->warn, t->name, xc->line, b->no_values,
                              "%s:%zu: row skipped: no value for \"%s\"", t->name, xc->line, cat);
        return CSVCHART_OK;
    }
    if (b->cats.len >= b->s->max_categories && !intern_has(&b->cats, cat)) {
        return category_limit(b, xc);
    }
    size_t ci = intern(&b->cats, cat, xc->line);
    if (ci == NONE || ser0 == NONE) {
        return csvchart_error_nomem(b->err);
    }
    for (size_t i = 0; i < c->ny; i++) {
        const struct table_cell *vc = csvchart_table_cell(t, r, c->y[i]);
        if (vc->missing) {
            csvchart_warnings_row(
                b->warn, t->name, vc->line,
                no_value(what, sizeof what, "bars left out", t->cols[c->y[i]].name),
                "%s:%zu: no %s for \"%s\"; that bar is left out", t->name, vc->line,
                t->cols[c->y[i]].name, cat);
            continue;
        }
        const struct agg *a = csvchart_agg_rows_get(b->folded, r, c->y[i]), *how = a;
        double v = cell_value(b, c->y[i], vc, &u, &how);
        note_unit(b, &u, how);
        if (b->s->log && v <= 0) {
            return log_error(b, vc, cat);
        }
        if (!csvchart_array_reserve((void **)&b->obs, &b->obs_cap, b->nobs + 1, sizeof *b->obs)) {
            return csvchart_error_nomem(b->err);
        }
        struct obs *o = &b->obs[b->nobs++];
        *o = (struct obs){.cat = ci, .ser = c->group == NONE ? i : ser0};
        if (a) {
            o->a = *a;
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
static csvchart_status check_sums(struct binder *b, const struct bar_data *d,
                                  const struct agg *acc)
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
    for (size_t i = 0; i < b->nobs; i++) {
        const struct obs *o = &b->obs[i];
        size_t at = o->cat * d->nser + o->ser;
        struct agg *a = &acc[at];
        if (a->n && s->aggregate == AGG_NONE) {
            const char *what = d->nser > 1 && b->c->group != NONE ? " in this group" : "";
            csvchart_status st = csvchart_error_set(
                b->err, CSVCHART_ERROR_DATA, b->t->name, o->a.line, o->a.col,
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
    free(acc);

    /* The panel's unit: the data's currency and %, its most common multiplier. */
    d->unit = b->unit;
    size_t best = 0;
    for (size_t i = 1; i < 5; i++) {
        best = b->mult_count[i] > b->mult_count[best] ? i : best;
    }
    d->unit.multiplier = csvchart_multipliers[best];
    d->unit.open = false;
    if (s->aggregate == AGG_COUNT) { /* a count has no currency, no decimals */
        memset(&d->unit, 0, sizeof d->unit);
    }
    d->computed = s->aggregate == AGG_SUM || s->aggregate == AGG_MEAN;
    d->cats = b->cats.names;
    b->cats.names = NULL;
    b->cats.len = 0;
    intern_fini(&b->cats);
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
                                  d->cats[hi / d->nser], d->v[hi], d->cats[lo / d->nser],
                                  d->v[lo]);
    }
    return CSVCHART_OK;
}

static csvchart_status bind_panel(struct binder *b, size_t facet_index, const char *facet_value,
                                  struct bar_data *d)
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
        intern_fini(&b->cats);
        return st;
    }
    if (b->cats.len == 0) {
        intern_fini(&b->cats);
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
        intern_fini(&b->cats);
        return st;
    }
    d->title = facet_value ? csvchart_strdup(facet_value) : NULL;
    d->x_name = csvchart_strdup(t->cols[b->c->x].name);
    d->value_name = csvchart_strdup(b->c->count_rows ? "count"
                                                     : t->cols[b->range ? b->c->high : b->c->y[0]].name);
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
            d, b->s->bin, b->s->aggregate == AGG_SUM || b->s->aggregate == AGG_COUNT,
            b->s->max_categories, b->err);
        if (st2) {
            return st2;
        }
    } else if (!sort_categories(d, b->s)) {
        return csvchart_error_nomem(b->err);
    }
    return b->s->ratio ? check_ratio(d, b->err) : CSVCHART_OK;
}

static void panel_fini(struct bar_data *d)
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
    free(d->color);
    free(d->period);
    free(d->title);
    free(d->x_name);
    free(d->value_name);
    memset(d, 0, sizeof *d);
}

csvchart_status csvchart_bar_chart_bind(const csvchart_table *t, const struct agg_rows *folded,
                                        const struct spec *s, struct bar_chart *out,
                                        struct csvchart_warnings *warn, csvchart_error *err)
{
    memset(out, 0, sizeof *out);
    struct columns c = {0};
    struct intern series = {0}, facets = {0};
    struct binder b = {.t = t, .folded = folded, .s = s, .c = &c, .series = &series,
                       .warn = warn, .err = err};
    csvchart_status st = resolve_columns(t, s, &c, err);
    if (st) {
        goto done;
    }
    b.range = out->range = c.low != NONE;
    size_t used = (size_t)snprintf(b.no_values, sizeof b.no_values,
                                   "rows skipped: no value in column%s ", c.ny > 1 ? "s" : "");
    for (size_t i = 0; i < c.ny && used < sizeof b.no_values; i++) {
        used += (size_t)snprintf(b.no_values + used, sizeof b.no_values - used, "%s\"%s\"",
                                 i ? ", " : "", t->cols[c.y[i]].name);
    }
    /* Rows without any value that were dropped while folding (aggregate.h): the same
     * warnings as if binding had met them. */
    for (size_t i = 0; folded && !b.range && i < folded->skipped.nkept; i++) {
        csvchart_warnings_row(warn, t->name, folded->skipped.kept[i].line, b.no_values,
                              "%s:%zu: row skipped: no value for \"%s\"", t->name,
                              folded->skipped.kept[i].line, folded->skipped.kept[i].x);
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
            if (!gc->missing && intern(&series, csvchart_table_text(t, gc), gc->line) == NONE) {
                st = csvchart_error_nomem(err);
                goto done;
            }
        }
    } else {
        for (size_t i = 0; i < (b.range ? 1 : c.ny); i++) {
            if (intern(&series, c.count_rows ? "count" : t->cols[c.y[i]].name, 1) == NONE) {
                st = csvchart_error_nomem(err);
                goto done;
            }
        }
    }
    if (c.facet != NONE) {
        for (size_t r = 0; r < t->nrows; r++) {
            const struct table_cell *fc = csvchart_table_cell(t, r, c.facet);
            if (fc->missing) {
                char what[300];
                csvchart_warnings_row(
                    warn, t->name, fc->line,
                    no_value(what, sizeof what, "rows skipped", t->cols[c.facet].name),
                    "%s:%zu: row skipped: no %s", t->name, fc->line, t->cols[c.facet].name);
            } else if (intern(&facets, csvchart_table_text(t, fc), fc->line) == NONE) {
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
        st = bind_panel(&b, p, c.facet != NONE ? facets.names[p] : NULL, &out->panels[p]);
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
done:
    csvchart_warnings_flush(warn);
    free(c.y);
    free(b.obs);
    intern_fini(&series);
    intern_fini(&facets);
    if (st) {
        csvchart_bar_chart_fini(out);
    }
    return st;
}

void csvchart_bar_chart_fini(struct bar_chart *c)
{
    for (size_t p = 0; c->panels && p < c->npanels; p++) {
        panel_fini(&c->panels[p]);
    }
    free(c->panels);
    memset(c, 0, sizeof *c);
}
