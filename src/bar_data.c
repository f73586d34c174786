/*
 * bar_data.c - binding a table to a bar chart (see bar_data.h).
 *
 * Categories and series are interned in first-seen order through a small open-addressing
 * hash table, so binding is linear in the rows. Aggregation keeps a running sum, count, min
 * and max per cell and finishes them at the end.
 */
#include "bar_data.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

/* ---- interning: name -> index in first-seen order ---- */

struct intern {
    char **names;
    size_t *lines; /* the line each name was first seen on */
    size_t len, cap;
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

/* Finds `name`, adding it when `add`; returns the index, (size_t)-1 if absent or no memory. */
static size_t intern(struct intern *in, const char *name, size_t line, bool add, bool *added)
{
    *added = false;
    if ((in->len + 1) * 2 > in->nslots && !intern_grow(in)) {
        return (size_t)-1;
    }
    size_t j = hash(name) & (in->nslots - 1);
    while (in->slots[j]) {
        size_t i = in->slots[j] - 1;
        if (strcmp(in->names[i], name) == 0) {
            return i;
        }
        j = (j + 1) & (in->nslots - 1);
    }
    if (!add) {
        return (size_t)-1;
    }
    size_t cap = in->cap;
    if (!csvchart_array_reserve((void **)&in->names, &cap, in->len + 1, sizeof *in->names) ||
        !csvchart_array_reserve((void **)&in->lines, &in->cap, in->len + 1, sizeof *in->lines)) {
        return (size_t)-1;
    }
    char *copy = csvchart_strdup(name);
    if (!copy) {
        return (size_t)-1;
    }
    in->names[in->len] = copy;
    in->lines[in->len] = line;
    in->slots[j] = ++in->len;
    *added = true;
    return in->len - 1;
}

static void intern_fini(struct intern *in)
{
    for (size_t i = 0; i < in->len; i++) {
        free(in->names[i]);
    }
    free(in->names);
    free(in->lines);
    free(in->slots);
}

/* ---- accumulation ---- */

struct acc {
    double sum, min, max;
    size_t n;
    size_t line; /* the first row that set it */
};

/* One value of the table, on its way into the grid. */
struct obs {
    size_t cat, ser;
    double value;
    size_t line, col;
};

static csvchart_status column_error(const csvchart_table *t, const char *role, const char *name,
                                    csvchart_error *err)
{
    char list[400] = "";
    size_t used = 0;
    for (size_t i = 0; i < t->ncols && used + 4 < sizeof list; i++) {
        int k = snprintf(list + used, sizeof list - used, "%s\"%s\"", i ? ", " : "",
                         t->cols[i].name);
        if (k < 0 || (size_t)k >= sizeof list - used) {
            snprintf(list + used, sizeof list - used, ", ...");
            break;
        }
        used += (size_t)k;
    }
    return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                              "no column named \"%s\" (%s); the columns are %s", name, role,
                              list);
}

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
        if (!csvchart_number_parse(text, cell->len, &v, NULL)) {
            return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, cell->line, cell->col,
                                      "column \"%s\" needs numbers, and \"%s\" is not a number "
                                      "(expected e.g. 42, 1,234.5, $0.07, 50%%, $5.6M)",
                                      c->name, text);
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
        if (cell->missing || !csvchart_number_parse(csvchart_table_text(t, cell), cell->len, &v,
                                                    &u)) {
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

static csvchart_status find_column(const csvchart_table *t, const char *name, const char *role,
                                   size_t *col, csvchart_error *err)
{
    *col = csvchart_table_find(t, name);
    return *col == (size_t)-1 ? column_error(t, role, name, err) : CSVCHART_OK;
}

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

/* Reorders categories by the first series (or the stack total), stable. */
static bool sort_categories(struct bar_data *d, const struct spec *s)
{
    if (s->sort == SORT_NONE || d->ncat < 2) {
        return true;
    }
    struct sort_key *keys = malloc(d->ncat * sizeof *keys);
    char **cats = malloc(d->ncat * sizeof *cats);
    double *v = malloc(d->ncat * d->nser * sizeof *v);
    bool *has = malloc(d->ncat * d->nser * sizeof *has);
    if (!keys || !cats || !v || !has) {
        free(keys), free(cats), free(v), free(has);
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
    for (size_t c = 0; c < d->ncat; c++) {
        size_t from = keys[c].index;
        cats[c] = d->cats[from];
        memcpy(v + c * d->nser, d->v + from * d->nser, d->nser * sizeof *v);
        memcpy(has + c * d->nser, d->has + from * d->nser, d->nser * sizeof *has);
    }
    free(d->cats), free(d->v), free(d->has), free(keys);
    d->cats = cats;
    d->v = v;
    d->has = has;
    return true;
}

csvchart_status csvchart_bar_data_bind(const csvchart_table *t, const struct spec *s,
                                       struct bar_data *out, struct csvchart_warnings *warn,
                                       csvchart_error *err)
{
    memset(out, 0, sizeof *out);
    csvchart_status st = CSVCHART_OK;
    size_t xcol = 0, gcol = (size_t)-1;
    size_t *ycols = NULL, ny = 0;
    struct intern cats = {0}, sers = {0};
    struct acc *acc = NULL;
    struct obs *obs = NULL;
    size_t nobs = 0, obs_cap = 0;

    if (*s->x && (st = find_column(t, s->x, "x", &xcol, err))) {
        goto fail;
    }
    if (*s->group && (st = find_column(t, s->group, "group", &gcol, err))) {
        goto fail;
    }
    ycols = malloc((t->ncols + s->ny + 1) * sizeof *ycols);
    if (!ycols) {
        st = csvchart_error_nomem(err);
        goto fail;
    }
    for (size_t i = 0; i < s->ny; i++) {
        if ((st = find_column(t, s->y[i], "y", &ycols[ny], err))) {
            goto fail;
        }
        ny++;
    }
    if (ny == 0) { /* every numeric column but x and group */
        for (size_t c = 0; c < t->ncols; c++) {
            if (c != xcol && c != gcol && t->cols[c].type == COLUMN_NUMBER) {
                ycols[ny++] = c;
            }
        }
        if (ny == 0) { /* none: the first other column, so the error names its bad cell */
            for (size_t c = 0; c < t->ncols && ny == 0; c++) {
                if (c != xcol && c != gcol) {
                    ycols[ny++] = c;
                }
            }
        }
        if (ny == 0) {
            st = csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 1, 0,
                                    "a bar chart needs a category column and a value column; "
                                    "the file has %zu column%s",
                                    t->ncols, t->ncols == 1 ? "" : "s");
            goto fail;
        }
        if (gcol != (size_t)-1) {
            ny = 1;
        }
    }
    if (gcol != (size_t)-1 && ny > 1) {
        st = csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                "group needs exactly one value column (y), not %zu", ny);
        goto fail;
    }
    for (size_t i = 0; i < ny; i++) {
        if ((st = need_numbers(t, ycols[i], err))) {
            goto fail;
        }
    }
    out->unit = t->cols[ycols[0]].unit;
    out->x_name = csvchart_strdup(t->cols[xcol].name);
    out->value_name = csvchart_strdup(t->cols[ycols[0]].name);
    if (!out->x_name || !out->value_name) {
        st = csvchart_error_nomem(err);
        goto fail;
    }

    bool added;
    if (gcol == (size_t)-1) {
        for (size_t i = 0; i < ny; i++) {
            if (intern(&sers, t->cols[ycols[i]].name, 1, true, &added) == (size_t)-1) {
                st = csvchart_error_nomem(err);
                goto fail;
            }
        }
    }

    /* Pass 1: intern categories and series, collect one observation per value. */
    for (size_t r = 0; r < t->nrows; r++) {
        const struct table_cell *xc = csvchart_table_cell(t, r, xcol);
        if (xc->missing) {
            csvchart_warnings_add(warn, "%s:%zu: row skipped: no %s", t->name, xc->line,
                                  t->cols[xcol].name);
            continue;
        }
        const char *cat = csvchart_table_text(t, xc);
        size_t series0 = 0;
        if (gcol != (size_t)-1) {
            const struct table_cell *gc = csvchart_table_cell(t, r, gcol);
            if (gc->missing) {
                csvchart_warnings_add(warn, "%s:%zu: row skipped: no %s", t->name, gc->line,
                                      t->cols[gcol].name);
                continue;
            }
            series0 = intern(&sers, csvchart_table_text(t, gc), gc->line, true, &added);
        }
        size_t present = 0;
        for (size_t i = 0; i < ny; i++) {
            present += !csvchart_table_cell(t, r, ycols[i])->missing;
        }
        if (present == 0) {
            csvchart_warnings_add(warn, "%s:%zu: row skipped: no value for \"%s\"", t->name,
                                  xc->line, cat);
            continue;
        }
        size_t ci = intern(&cats, cat, xc->line, true, &added);
        if (ci == (size_t)-1 || series0 == (size_t)-1) {
            st = csvchart_error_nomem(err);
            goto fail;
        }
        for (size_t i = 0; i < ny; i++) {
            const struct table_cell *vc = csvchart_table_cell(t, r, ycols[i]);
            if (vc->missing) {
                csvchart_warnings_add(warn, "%s:%zu: no %s for \"%s\"; that bar is left out",
                                      t->name, vc->line, t->cols[ycols[i]].name, cat);
                continue;
            }
            if (!csvchart_array_reserve((void **)&obs, &obs_cap, nobs + 1, sizeof *obs)) {
                st = csvchart_error_nomem(err);
                goto fail;
            }
            obs[nobs++] = (struct obs){ci, gcol == (size_t)-1 ? i : series0, vc->num, vc->line,
                                       vc->col};
        }
    }
    if (cats.len == 0) {
        st = csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                                "no rows left to draw: every row lacks a category or a value");
        goto fail;
    }

    /* Pass 2: fold the observations into the categories x series grid. */
    out->ncat = cats.len;
    out->nser = sers.len;
    if (out->ncat > SIZE_MAX / out->nser / sizeof(struct acc)) {
        st = csvchart_error_nomem(err);
        goto fail;
    }
    acc = calloc(out->ncat * out->nser, sizeof *acc);
    out->v = calloc(out->ncat * out->nser, sizeof *out->v);
    out->has = calloc(out->ncat * out->nser, sizeof *out->has);
    if (!acc || !out->v || !out->has) {
        st = csvchart_error_nomem(err);
        goto fail;
    }
    for (size_t i = 0; i < nobs; i++) {
        struct acc *a = &acc[obs[i].cat * out->nser + obs[i].ser];
        if (a->n && s->aggregate == AGG_NONE) {
            const char *what = out->nser > 1 && gcol != (size_t)-1 ? " in this group" : "";
            st = csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, obs[i].line, obs[i].col,
                                    "category \"%s\" appears again%s (first on line %zu); set "
                                    "aggregate to %s, or use group for long-format data",
                                    cats.names[obs[i].cat], what, a->line, agg_names);
            goto fail;
        }
        if (!a->n) {
            a->min = a->max = obs[i].value;
            a->line = obs[i].line;
        }
        a->sum += obs[i].value;
        a->min = fmin(a->min, obs[i].value);
        a->max = fmax(a->max, obs[i].value);
        a->n++;
    }
    for (size_t i = 0; i < out->ncat * out->nser; i++) {
        const struct acc *a = &acc[i];
        out->has[i] = a->n > 0;
        switch (s->aggregate) {
        case AGG_NONE:
        case AGG_SUM:
            out->v[i] = a->sum;
            break;
        case AGG_MEAN:
            out->v[i] = a->n ? a->sum / (double)a->n : 0;
            break;
        case AGG_COUNT:
            out->v[i] = (double)a->n;
            break;
        case AGG_MIN:
            out->v[i] = a->min;
            break;
        case AGG_MAX:
            out->v[i] = a->max;
            break;
        }
    }
    if (s->aggregate == AGG_COUNT) { /* a count has no currency, no decimals */
        memset(&out->unit, 0, sizeof out->unit);
    } else if (s->aggregate == AGG_MEAN) {
        out->unit.decimals += 1;
    }
    out->cats = cats.names;
    out->series = sers.names;
    cats.names = sers.names = NULL;
    cats.len = sers.len = 0;
    if (!sort_categories(out, s)) {
        st = csvchart_error_nomem(err);
        goto fail;
    }
    st = CSVCHART_OK;
fail:
    free(ycols);
    free(acc);
    free(obs);
    intern_fini(&cats);
    intern_fini(&sers);
    if (st) {
        csvchart_bar_data_fini(out);
    }
    return st;
}

void csvchart_bar_data_fini(struct bar_data *d)
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
    free(d->has);
    free(d->x_name);
    free(d->value_name);
    memset(d, 0, sizeof *d);
}
