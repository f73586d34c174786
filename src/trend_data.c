/*
 * trend_data.c - binding a table to a trend (see trend_data.h); the bind stage for the trend
 * kind, between the table and layout_trend.c.
 *
 * One pass over the rows: resolve the columns, read each row's date from its text (a column
 * of bare years is typed NUMBER by the table, and still reads as dates), then its value(s)
 * into the series (one per y column, or one per group value, interned through a small
 * open-addressing hash so that binding stays linear in the rows). Then per series: a stable
 * sort by time, repeated dates refused or aggregated, the limit, the fit. Every error points
 * at the cell to blame.
 */
#include "trend_data.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "timeline_axis.h"
#include "utf8.h"

#define NONE ((size_t)-1)
#define BAD_OPTIONS(...) csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0, __VA_ARGS__)

/* A point on its way into a series: the row it came from, for messages. */
struct raw {
    struct trend_point p;
    size_t row;
};

struct series_buf {
    char *name;
    struct raw *r;
    size_t n, cap;
};

struct binder {
    const csvchart_table *t;
    const struct spec *s;
    csvchart_error *err;
    size_t cx, cgroup, clabel;
    size_t *cy, ny;
    struct series_buf *ser;
    size_t nser, ser_cap;
    size_t *slots, nslots; /* group value -> series index + 1 (0 empty) */
};

static uint64_t hash(const char *s)
{
    return csvchart_fnv(CSVCHART_FNV_OFFSET, s, strlen(s));
}

/* Adds a series named `name` (copied); its index, or NONE when out of memory. */
static size_t add_series(struct binder *b, const char *name)
{
    if (!csvchart_array_reserve((void **)&b->ser, &b->ser_cap, b->nser + 1, sizeof *b->ser)) {
        return NONE;
    }
    char *copy = csvchart_strdup(name);
    if (!copy) {
        return NONE;
    }
    b->ser[b->nser] = (struct series_buf){.name = copy};
    return b->nser++;
}

/* The series of group value `name`, added when new; NONE when out of memory. */
static size_t group_series(struct binder *b, const char *name)
{
    if ((b->nser + 1) * 2 > b->nslots) {
        size_t n = b->nslots ? b->nslots * 2 : 64;
        size_t *slots = calloc(n, sizeof *slots);
        if (!slots) {
            return NONE;
        }
        for (size_t i = 0; i < b->nser; i++) {
            size_t j = hash(b->ser[i].name) & (n - 1);
            while (slots[j]) {
                j = (j + 1) & (n - 1);
            }
            slots[j] = i + 1;
        }
        free(b->slots);
        b->slots = slots;
        b->nslots = n;
    }
    size_t j = hash(name) & (b->nslots - 1);
    while (b->slots[j]) {
        if (strcmp(b->ser[b->slots[j] - 1].name, name) == 0) {
            return b->slots[j] - 1;
        }
        j = (j + 1) & (b->nslots - 1);
    }
    size_t i = add_series(b, name);
    if (i != NONE) {
        b->slots[j] = i + 1;
    }
    return i;
}

/* A value column must be numeric: point at the first cell that is not a number, or at the
 * first whose unit differs from the first one's. */
static csvchart_status need_numbers(const csvchart_table *t, size_t col, csvchart_error *err)
{
    const struct table_column *c = &t->cols[col];
    if (c->type == COLUMN_NUMBER || c->type == COLUMN_EMPTY) {
        return CSVCHART_OK;
    }
    if (c->not_number.line) { /* in every row read, kept or not */
        return csvchart_table_number_error(t, col, err);
    }
    const struct table_cell *first = NULL;
    struct number_unit u0 = {0};
    for (size_t r = 0; r < t->nrows; r++) {
        const struct table_cell *cell = csvchart_table_cell(t, r, col);
        const char *text = csvchart_table_text(t, cell);
        double v;
        struct number_unit u;
        if (cell->missing) {
            continue;
        }
        if (!csvchart_table_number(t, text, cell->len, &v, &u)) {
            continue; /* a missing-value word, in a text column */
        }
        if (!first) {
            first = cell;
            u0 = u;
        } else if (strcmp(u.prefix, u0.prefix) != 0 || strcmp(u.suffix, u0.suffix) != 0) {
            return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, cell->line, cell->col,
                                      "column \"%s\" mixes units: \"%s\" here, \"%s\" on line "
                                      "%zu; write every value in one unit",
                                      c->name, text, csvchart_table_text(t, first), first->line);
        }
    }
    return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                              "column \"%s\" cannot be read as numbers", c->name);
}

static csvchart_status resolve_columns(struct binder *b)
{
    const csvchart_table *t = b->t;
    const struct spec *s = b->s;
    csvchart_error *err = b->err;
    csvchart_status st;
    if (*s->x) {
        if ((st = csvchart_table_column(t, s->x, "x", &b->cx, err))) {
            return st;
        }
    } else {
        b->cx = csvchart_table_find(t, "date");
        b->cx = b->cx == NONE ? 0 : b->cx;
    }
    if ((st = csvchart_table_column(t, s->group, "group", &b->cgroup, err))) {
        return st;
    }
    b->clabel = NONE;
    if (s->label_set) {
        if ((st = csvchart_table_column(t, s->label, "label", &b->clabel, err))) {
            return st;
        }
    } else {
        b->clabel = csvchart_table_find(t, "label"); /* optional by default */
    }
    b->cy = malloc((t->ncols + s->ny + 1) * sizeof *b->cy);
    if (!b->cy) {
        return csvchart_error_nomem(err);
    }
    b->ny = 0;
    for (size_t i = 0; i < s->ny; i++) {
        size_t c;
        if ((st = csvchart_table_column(t, s->y[i], "y", &c, err))) {
            return st;
        }
        if (c == NONE) {
            return BAD_OPTIONS("y: item %zu of the list is empty; expected column names "
                               "separated by commas",
                               i + 1);
        }
        for (size_t k = 0; k < b->ny; k++) {
            if (b->cy[k] == c) {
                return BAD_OPTIONS("y: column \"%s\" is named twice (items %zu and %zu)", s->y[i],
                                   k + 1, i + 1);
            }
        }
        if (c == b->cx) {
            return BAD_OPTIONS("y: column \"%s\" holds the dates (x); expected value columns",
                               s->y[i]);
        }
        b->cy[b->ny++] = c;
    }
    if (b->ny == 0) { /* every numeric column but the others (a typo in one is refused) */
        for (size_t i = 0; i < t->ncols; i++) {
            if (i != b->cx && i != b->cgroup && i != b->clabel &&
                (t->cols[i].type == COLUMN_NUMBER || csvchart_table_mostly_numbers(t, i))) {
                b->cy[b->ny++] = i;
            }
        }
        for (size_t i = 0; i < t->ncols && b->ny == 0; i++) { /* so the error names a cell */
            if (i != b->cx && i != b->cgroup && i != b->clabel) {
                b->cy[b->ny++] = i;
            }
        }
        if (b->ny == 0) {
            return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 1, 0,
                                      "a trend needs a date column and a value column; the "
                                      "file has %zu column%s",
                                      t->ncols, t->ncols == 1 ? "" : "s");
        }
        if (b->cgroup != NONE) {
            b->ny = 1;
        }
    }
    if (b->cgroup != NONE && b->ny > 1) {
        return BAD_OPTIONS("group needs exactly one value column (y), not %zu", b->ny);
    }
    for (size_t i = 0; i < b->ny; i++) {
        if ((st = need_numbers(t, b->cy[i], err))) {
            return st;
        }
    }
    return CSVCHART_OK;
}

/* The date cell's text of a row, for messages. */
static const char *date_text(const struct binder *b, size_t row)
{
    return csvchart_table_text(b->t, csvchart_table_cell(b->t, row, b->cx));
}

/* Adds the point of series `si` from the value cell of column `col` in row `row`. */
static csvchart_status add_point(struct binder *b, size_t si, size_t row, size_t col,
                                 const struct date_value *date, double t, const char **label)
{
    const csvchart_table *tb = b->t;
    const struct table_cell *vc = csvchart_table_cell(tb, row, col);
    struct raw r = {.p = {.t = t, .date = *date, .line = vc->line}, .row = row};
    if (!vc->missing) {
        double v = vc->num;
        if (tb->cols[col].type != COLUMN_NUMBER) {
            csvchart_number_parse(csvchart_table_text(tb, vc), vc->len, &v, NULL);
        }
        if (v <= 0 && (b->s->log || b->s->trend_fit)) {
            return csvchart_error_set(b->err, CSVCHART_ERROR_DATA, tb->name, vc->line, vc->col,
                                      "%s needs values > 0%s; \"%s\" on %s has %s",
                                      b->s->log ? "log scale" : "trend = fit",
                                      b->s->log ? "" : " (it fits their logarithm)",
                                      b->ser[si].name, date_text(b, row),
                                      csvchart_table_text(tb, vc));
        }
        r.p.v = v;
        r.p.has = true;
        if (*label) { /* a row's label goes to its first value */
            if (!(r.p.label = csvchart_strdup(*label))) {
                return csvchart_error_nomem(b->err);
            }
            *label = NULL;
        }
    }
    struct series_buf *sb = &b->ser[si];
    if (!csvchart_array_reserve((void **)&sb->r, &sb->cap, sb->n + 1, sizeof *sb->r)) {
        free(r.p.label);
        return csvchart_error_nomem(b->err);
    }
    sb->r[sb->n++] = r;
    return CSVCHART_OK;
}

static csvchart_status read_rows(struct binder *b, struct csvchart_warnings *warn)
{
    const csvchart_table *t = b->t;
    char what[300];
    for (size_t row = 0; row < t->nrows; row++) {
        const struct table_cell *dc = csvchart_table_cell(t, row, b->cx);
        if (csvchart_table_blank(t, dc) || dc->missing) {
            snprintf(what, sizeof what, "rows skipped: no value in column \"%s\"",
                     t->cols[b->cx].name);
            csvchart_warnings_row(warn, t->name, dc->line, what, "%s:%zu: row skipped: no %s",
                                  t->name, dc->line, t->cols[b->cx].name);
            continue;
        }
        struct date_value date;
        csvchart_status dst = csvchart_table_date_cell(t, b->cx, dc, &date, b->err);
        if (dst) {
            return dst;
        }
        double at = (csvchart_date_coord(&date) + csvchart_date_period_end(&date)) / 2;
        const char *label = NULL;
        if (b->clabel != NONE) {
            const struct table_cell *lc = csvchart_table_cell(t, row, b->clabel);
            label = csvchart_table_blank(t, lc) ? NULL : csvchart_table_text(t, lc);
        }
        csvchart_status st;
        if (b->cgroup != NONE) {
            const struct table_cell *gc = csvchart_table_cell(t, row, b->cgroup);
            if (csvchart_table_blank(t, gc) || gc->missing) {
                snprintf(what, sizeof what, "rows skipped: no value in column \"%s\"",
                         t->cols[b->cgroup].name);
                csvchart_warnings_row(warn, t->name, gc->line, what, "%s:%zu: row skipped: no %s",
                                      t->name, gc->line, t->cols[b->cgroup].name);
                continue;
            }
            size_t si = group_series(b, csvchart_table_text(t, gc));
            if (si == NONE) {
                return csvchart_error_nomem(b->err);
            }
            st = add_point(b, si, row, b->cy[0], &date, at, &label);
        } else {
            st = CSVCHART_OK;
            for (size_t i = 0; i < b->ny && !st; i++) {
                st = add_point(b, i, row, b->cy[i], &date, at, &label);
            }
        }
        if (st) {
            return st;
        }
    }
    return CSVCHART_OK;
}

static int by_time(const void *pa, const void *pb)
{
    const struct raw *a = pa, *b = pb;
    if (a->p.t != b->p.t) {
        return a->p.t < b->p.t ? -1 : 1;
    }
    return a->row < b->row ? -1 : a->row > b->row; /* file order: the sort is stable */
}

static bool same_date(const struct date_value *a, const struct date_value *b)
{
    return a->days == b->days && a->second == b->second && a->precision == b->precision;
}

/*
 * Without a group: the first text column (not the dates, the labels or a value) whose cells
 * differ between rows a and b - a column that likely names series, as "series" in
 * date,series,value - or NONE.
 */
static size_t series_column(const struct binder *b, size_t a, size_t c)
{
    const csvchart_table *t = b->t;
    if (b->cgroup != NONE) {
        return NONE;
    }
    for (size_t i = 0; i < t->ncols; i++) {
        bool value = false;
        for (size_t k = 0; k < b->ny; k++) {
            value = value || b->cy[k] == i;
        }
        if (i == b->cx || i == b->clabel || value || t->cols[i].type != COLUMN_TEXT) {
            continue;
        }
        const char *x = csvchart_table_text(t, csvchart_table_cell(t, a, i));
        const char *y = csvchart_table_text(t, csvchart_table_cell(t, c, i));
        if (x && y && *x && *y && strcmp(x, y) != 0) {
            return i;
        }
    }
    return NONE;
}

/*
 * Sorts series si, refuses or aggregates repeated dates, and moves the points into *out
 * (which takes the name too).
 */
static csvchart_status finish_series(struct binder *b, size_t si, struct trend_series *out)
{
    const struct spec *s = b->s;
    const csvchart_table *t = b->t;
    struct series_buf *sb = &b->ser[si];
    if (sb->n > 1) { /* a series without points has no array: qsort() takes no NULL */
        qsort(sb->r, sb->n, sizeof *sb->r, by_time);
    }
    size_t k = 0; /* points kept: [0, k) */
    for (size_t i = 0; i < sb->n;) {
        size_t j = i + 1;
        while (j < sb->n && same_date(&sb->r[j].p.date, &sb->r[i].p.date)) {
            j++;
        }
        if (j - i > 1 && s->aggregate == AGG_NONE) {
            const struct table_cell *dc = csvchart_table_cell(t, sb->r[i + 1].row, b->cx);
            size_t names = series_column(b, sb->r[i].row, sb->r[i + 1].row);
            if (names != NONE) { /* averaging would merge the series: say how to split them */
                return csvchart_error_set(
                    b->err, CSVCHART_ERROR_DATA, t->name, dc->line, dc->col,
                    "date \"%s\" appears again in series \"%s\" (first on line %zu); set group "
                    "to %s (a line for each of its values), or aggregate to sum, mean, count, "
                    "min or max",
                    date_text(b, sb->r[i + 1].row), sb->name, sb->r[i].p.line, t->cols[names].name);
            }
            return csvchart_error_set(b->err, CSVCHART_ERROR_DATA, t->name, dc->line, dc->col,
                                      "date \"%s\" appears again in series \"%s\" (first on line "
                                      "%zu); set aggregate to sum, mean, count, min or max",
                                      date_text(b, sb->r[i + 1].row), sb->name, sb->r[i].p.line);
        }
        /* Combine the run [i, j) into its first point: values that exist, the first label. */
        struct trend_point p = sb->r[i].p;
        sb->r[i].p.label = NULL; /* p owns it now: every label has one owner */
        double sum = 0, lo = INFINITY, hi = -INFINITY;
        size_t count = 0;
        for (size_t m = i; m < j; m++) {
            struct trend_point *q = &sb->r[m].p;
            if (q->has) {
                sum += q->v;
                lo = fmin(lo, q->v);
                hi = fmax(hi, q->v);
                count++;
            }
            if (m > i) {
                if (!p.label) {
                    p.label = q->label;
                } else {
                    free(q->label);
                }
                q->label = NULL;
            }
        }
        if (j - i > 1) {
            p.has = count > 0;
            p.v = s->aggregate == AGG_SUM    ? sum
                  : s->aggregate == AGG_MEAN ? sum / (double)(count ? count : 1)
                  : s->aggregate == AGG_MIN  ? lo
                  : s->aggregate == AGG_MAX  ? hi
                                             : (double)count;
            if (s->aggregate == AGG_COUNT) {
                p.has = true; /* a date with no value counts 0 */
            }
            if (p.has && !isfinite(p.v)) {
                free(p.label);
                const struct table_cell *dc = csvchart_table_cell(t, sb->r[i].row, b->cx);
                return csvchart_error_set(b->err, CSVCHART_ERROR_DATA, t->name, dc->line, dc->col,
                                          "the sum of series \"%s\" on %s (lines %zu-%zu) is "
                                          "too large to draw",
                                          sb->name, date_text(b, sb->r[i].row), sb->r[i].p.line,
                                          sb->r[j - 1].p.line);
            }
            if (p.has && p.v <= 0 && (s->log || s->trend_fit)) {
                free(p.label);
                const struct table_cell *dc = csvchart_table_cell(t, sb->r[i].row, b->cx);
                return csvchart_error_set(b->err, CSVCHART_ERROR_DATA, t->name, dc->line, dc->col,
                                          "%s needs values > 0; \"%s\" on %s has %g",
                                          s->log ? "log scale" : "trend = fit", sb->name,
                                          date_text(b, sb->r[i].row), p.v);
            }
        }
        sb->r[k++].p = p;
        i = j;
    }
    if (s->max_categories && k > s->max_categories) {
        const struct table_cell *dc = csvchart_table_cell(t, sb->r[s->max_categories].row, b->cx);
        return csvchart_error_set(b->err, CSVCHART_ERROR_LIMIT, t->name, dc->line, dc->col,
                                  "more than %zu points in series \"%s\"; a trend of them cannot "
                                  "be drawn (raise max_categories)",
                                  s->max_categories, sb->name);
    }
    struct trend_point *pts = malloc((k ? k : 1) * sizeof *pts);
    if (!pts) {
        return csvchart_error_nomem(b->err);
    }
    *out = (struct trend_series){.name = sb->name, .p = pts, .n = k};
    sb->name = NULL;
    for (size_t i = 0; i < k; i++) {
        pts[i] = sb->r[i].p;
        sb->r[i].p.label = NULL;
        if (pts[i].has) {
            out->t_first = out->nvalues ? out->t_first : pts[i].t;
            out->t_last = pts[i].t;
            out->nvalues++;
        }
    }
    sb->n = 0;
    return CSVCHART_OK;
}

static int by_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* The index of the first of the n sorted times after t (n when none is). */
static size_t first_after(const double *times, size_t n, double t)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (times[mid] <= t) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Whether a step is the usual one, give or take a month's 28 to 31 days. */
static bool usual_step(double step, double usual)
{
    return fabs(step - usual) <= 0.12 * usual;
}

/*
 * Rows left out of a long table (a group column) of regular dates: a series kept at the data's
 * step (daily, monthly ...) that skips dates other series have gets a point without a value
 * at the first of them, so that its line breaks there as at an empty cell of a wide table
 * (review 10: A on 1, 2 and 6 January beside daily B was one line through 3-5 January). Only
 * where the dates of all series together come at one step (three in four of their steps within
 * an eighth of the usual one): values taken when something happened (prices at each
 * announcement) are joined whatever lies between, and only series whose usual step (the lower
 * median of theirs) is that one: a weekly series beside daily ones stays whole. Each series
 * that breaks is named in a warning. False when out of memory.
 */
static bool break_at_skipped_dates(struct trend_data *d, struct csvchart_warnings *warn)
{
    size_t total = 0;
    for (size_t i = 0; i < d->nseries; i++) {
        total += d->series[i].n;
    }
    double *times = malloc((total ? total : 1) * sizeof *times);
    double *steps = malloc((total ? total : 1) * sizeof *steps);
    bool ok = times && steps;
    size_t nt = 0;
    for (size_t i = 0; ok && i < d->nseries; i++) {
        for (size_t k = 0; k < d->series[i].n; k++) {
            times[nt++] = d->series[i].p[k].t;
        }
    }
    if (ok && nt > 1) {
        qsort(times, nt, sizeof *times, by_double);
    }
    size_t nu = 0; /* the distinct times, and their steps */
    for (size_t k = 0; ok && k < nt; k++) {
        if (nu == 0 || times[k] > times[nu - 1]) {
            times[nu++] = times[k];
        }
    }
    nt = nu;
    double grid = 0;
    if (ok && nt > 2) {
        for (size_t k = 0; k + 1 < nt; k++) {
            steps[k] = times[k + 1] - times[k];
        }
        qsort(steps, nt - 1, sizeof *steps, by_double);
        grid = steps[(nt - 2) / 2];
        size_t regular = 0;
        for (size_t k = 0; k + 1 < nt; k++) {
            regular += usual_step(steps[k], grid);
        }
        grid = 4 * regular >= 3 * (nt - 1) ? grid : 0;
    }
    for (size_t i = 0; ok && grid > 0 && i < d->nseries; i++) {
        struct trend_series *ts = &d->series[i];
        if (ts->n < 3) {
            continue;
        }
        for (size_t k = 0; k + 1 < ts->n; k++) {
            steps[k] = ts->p[k + 1].t - ts->p[k].t;
        }
        qsort(steps, ts->n - 1, sizeof *steps, by_double);
        if (!usual_step(steps[(ts->n - 2) / 2], grid)) {
            continue; /* kept at a coarser step than the data's */
        }
        struct trend_point *np = malloc(2 * ts->n * sizeof *np); /* a break after each point */
        if (!np) {
            ok = false;
            break;
        }
        size_t n = 0, breaks = 0;
        for (size_t k = 0; k < ts->n; k++) {
            const struct trend_point *a = &ts->p[k];
            np[n++] = *a;
            if (k + 1 == ts->n || !a->has || !ts->p[k + 1].has ||
                ts->p[k + 1].t - a->t <= 1.5 * grid) {
                continue;
            }
            size_t j = first_after(times, nt, a->t);
            if (j < nt && times[j] < ts->p[k + 1].t) { /* another series has a date between */
                np[n++] = (struct trend_point){.t = times[j], .date = a->date, .line = a->line};
                breaks++;
            }
        }
        if (breaks == 0) {
            free(np);
            continue;
        }
        free(ts->p);
        ts->p = np;
        ts->n = n;
        csvchart_warnings_add(warn,
                              "series \"%s\" has no rows for %zu stretch%s of dates that other "
                              "series have: its line breaks there, as at an empty value",
                              ts->name, breaks, breaks == 1 ? "" : "es");
    }
    free(times);
    free(steps);
    return ok;
}

/* The fit of every series of two values or more, and a check that the template of its rate
 * says what the data does. */
static csvchart_status fit_series(const struct spec *s, struct trend_series *ts,
                                  csvchart_error *err)
{
    if (!s->trend_fit || ts->nvalues < 2) {
        return CSVCHART_OK;
    }
    double *t = malloc(2 * ts->nvalues * sizeof *t);
    if (!t) {
        return csvchart_error_nomem(err);
    }
    double *v = t + ts->nvalues;
    size_t n = 0;
    for (size_t i = 0; i < ts->n; i++) {
        if (ts->p[i].has) {
            t[n] = ts->p[i].t;
            v[n++] = ts->p[i].v;
        }
    }
    ts->has_fit = csvchart_trend_fit(t, v, n, &ts->fit);
    free(t);
    if (!ts->has_fit) {
        return CSVCHART_OK;
    }
    csvchart_trend_rate(&ts->fit, ts->t_last - ts->t_first, &ts->rate);
    char text[256];
    return csvchart_trend_text(&ts->rate, s->trend_label, ts->name, text, sizeof text, err);
}

static int marker_by_time(const void *pa, const void *pb)
{
    const struct trend_marker *a = pa, *b = pb;
    return a->t < b->t ? -1 : a->t > b->t;
}

static csvchart_status read_markers(const struct spec *s, struct trend_data *d, csvchart_error *err)
{
    if (!s->nmarkers) {
        return CSVCHART_OK;
    }
    d->markers = calloc(s->nmarkers, sizeof *d->markers);
    if (!d->markers) {
        return csvchart_error_nomem(err);
    }
    for (size_t i = 0; i < s->nmarkers; i++) { /* read by the spec (annotation.h) */
        struct trend_marker *m = &d->markers[d->nmarkers];
        m->date = s->markers[i].date;
        m->t = (csvchart_date_coord(&m->date) + csvchart_date_period_end(&m->date)) / 2;
        m->span = s->markers[i].span;
        if (m->span) { /* its flag stands at its start */
            m->end = s->markers[i].end;
            m->t0 = csvchart_date_coord(&m->date);
            m->t1 = csvchart_date_period_end(&s->markers[i].end);
            m->t = m->t0;
        }
        if (!(m->label = csvchart_strdup(s->markers[i].label))) {
            return csvchart_error_nomem(err);
        }
        d->nmarkers++;
    }
    /* stable enough: markers at one time keep no promised order, but qsort is deterministic */
    qsort(d->markers, d->nmarkers, sizeof *d->markers, marker_by_time);
    return CSVCHART_OK;
}

/*
 * On a linear axis, series whose values all stay under 1% of the largest value drawn run flat
 * along zero, their changes unseen (graphics desk review 12: seven series 1,000 times smaller
 * than an eighth): a warning names them (three, and a count of the rest) and the log scale
 * that would show them. Positive values only: a log axis takes no others.
 */
static void flat_series(const struct trend_data *d, const struct spec *s,
                        struct csvchart_warnings *warn)
{
    if (s->log || d->nseries < 2) {
        return;
    }
    double top = 0, least = INFINITY;
    for (size_t i = 0; i < d->nseries; i++) {
        for (size_t j = 0; j < d->series[i].n; j++) {
            const struct trend_point *p = &d->series[i].p[j];
            top = p->has ? fmax(top, fabs(p->v)) : top;
            least = p->has ? fmin(least, p->v) : least;
        }
    }
    if (!(top > 0) || !(least > 0)) {
        return;
    }
    char names[400] = "";
    size_t flat = 0, named = 0, used = 0;
    for (size_t i = 0; i < d->nseries; i++) {
        double most = 0;
        for (size_t j = 0; j < d->series[i].n; j++) {
            most = d->series[i].p[j].has ? fmax(most, fabs(d->series[i].p[j].v)) : most;
        }
        if (most > 0 && most < top / 100) {
            if (named < 3 && used < sizeof names) {
                int w = snprintf(names + used, sizeof names - used, "%s\"%s\"", named ? ", " : "",
                                 d->series[i].name);
                used += w > 0 ? (size_t)w : 0;
                named++;
            }
            flat++;
        }
    }
    if (flat == 0 || flat == d->nseries) {
        return;
    }
    char more[48] = "";
    if (flat > named) {
        snprintf(more, sizeof more, " and %zu more", flat - named);
    }
    csvchart_warnings_add(warn,
                          "series %s%s stay under 1%% of the largest value and run flat along "
                          "zero; log = true shows the changes of every series",
                          names, more);
}

csvchart_status csvchart_trend_bind(const csvchart_table *t, const struct spec *s,
                                    struct trend_data *out, struct csvchart_warnings *warn,
                                    csvchart_error *err)
{
    struct trend_data d = {0};
    struct binder b = {.t = t, .s = s, .err = err};
    csvchart_status st;
    memset(out, 0, sizeof *out);
    if ((st = resolve_columns(&b))) {
        goto fail;
    }
    if (t->nrows == 0) {
        st = csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                                "no values to draw: the file has no rows");
        goto fail;
    }
    if (b.cgroup == NONE) {
        for (size_t i = 0; i < b.ny; i++) {
            if (add_series(&b, t->cols[b.cy[i]].name) == NONE) {
                st = csvchart_error_nomem(err);
                goto fail;
            }
        }
    }
    if ((st = read_rows(&b, warn))) {
        goto fail;
    }
    csvchart_warnings_flush(warn);
    d.series = calloc(b.nser ? b.nser : 1, sizeof *d.series);
    if (!d.series) {
        st = csvchart_error_nomem(err);
        goto fail;
    }
    d.tmin = INFINITY;
    d.tmax = -INFINITY;
    d.period_min = INFINITY;
    d.finest = DATE_YEAR;
    d.coarsest = DATE_TIME;
    size_t values = 0, fitted = 0;
    for (size_t i = 0; i < b.nser; i++) {
        if ((st = finish_series(&b, i, &d.series[d.nseries]))) {
            goto fail;
        }
        struct trend_series *ts = &d.series[d.nseries++];
        ts->decimals = t->cols[b.cy[b.cgroup == NONE ? i : 0]].unit.decimals;
        for (size_t k = 0; k < ts->n; k++) {
            const struct trend_point *p = &ts->p[k];
            d.labels = d.labels || (p->label && p->has);
            if (p->has) {
                d.tmin = fmin(d.tmin, p->t);
                d.tmax = fmax(d.tmax, p->t);
                double period = csvchart_date_period_end(&p->date) - csvchart_date_coord(&p->date);
                d.period = fmax(d.period, period);
                d.period_min = fmin(d.period_min, period);
                d.finest = p->date.precision > d.finest ? p->date.precision : d.finest;
                d.coarsest = p->date.precision < d.coarsest ? p->date.precision : d.coarsest;
                d.zoned = d.zoned || (p->date.precision == DATE_TIME && p->date.zoned);
            }
        }
        values += ts->nvalues;
        if ((st = fit_series(s, ts, err))) {
            goto fail;
        }
        fitted += ts->has_fit;
    }
    if (b.cgroup != NONE && d.nseries > 1 && !break_at_skipped_dates(&d, warn)) {
        st = csvchart_error_nomem(err);
        goto fail;
    }
    if (s->trend_fit && !fitted && values > 0) { /* asked for, and nothing to show for it */
        csvchart_warnings_add(warn, "trend = fit: no series has two values or more, and no line "
                                    "is fitted through one");
    }
    if (values == 0) {
        st = csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                                "no values to draw: every row lacks a date or a value");
        goto fail;
    }
    if ((st = read_markers(s, &d, err))) {
        goto fail;
    }
    /* A marker far from the values stretches the time axis and squeezes them: said, as a
     * marker the editor wants there is drawn there ("1990-01 Past" put 2016-2024 in the
     * plot's last quarter). A span that starts among the values but ends far past them
     * "runs far past" them: it does not lie outside (review 4 found that said of
     * "2025-03-10..2025-03-11", whole days over a day of hourly values). */
    double span = d.tmax - d.tmin;
    for (size_t i = 0; i < d.nmarkers && span > 0; i++) {
        const struct trend_marker *m = &d.markers[i];
        double lo = m->span ? m->t0 : m->t, hi = m->span ? m->t1 : m->t;
        double past = fmax(d.tmin - lo, hi - d.tmax);
        if (past > span / 2) {
            char a[128], v0[64], v1[64];
            if (m->span) {
                csvchart_date_format_span(&m->date, &m->end, a, sizeof a);
            } else {
                csvchart_date_format(&m->date, false, a, sizeof a);
            }
            const struct trend_point *first = NULL, *last = NULL;
            for (size_t k = 0; k < d.nseries; k++) {
                for (size_t j = 0; j < d.series[k].n; j++) {
                    const struct trend_point *p = &d.series[k].p[j];
                    first = p->has && (!first || p->t < first->t) ? p : first;
                    last = p->has && (!last || p->t > last->t) ? p : last;
                }
            }
            csvchart_date_format(&first->date, false, v0, sizeof v0);
            csvchart_date_format(&last->date, false, v1, sizeof v1);
            bool outside = hi < d.tmin || lo > d.tmax;
            csvchart_warnings_add(warn,
                                  "marker \"%s\" (%s) %s the values' dates (%s to %s): the time "
                                  "axis stretches to hold it",
                                  m->label, a, outside ? "lies far outside" : "runs far past", v0,
                                  v1);
        }
    }
    for (size_t i = 0; i < d.nmarkers; i++) {
        d.tmin = fmin(d.tmin, d.markers[i].t);
        d.tmax = fmax(d.tmax, d.markers[i].span ? d.markers[i].t1 : d.markers[i].t);
        enum date_precision mp = d.markers[i].date.precision;
        d.finest = mp > d.finest ? mp : d.finest;
        mp = d.markers[i].span ? d.markers[i].end.precision : mp; /* its end's too */
        d.finest = mp > d.finest ? mp : d.finest;
    }
    const struct table_column *vc = &t->cols[b.cy[0]];
    d.unit = vc->unit;
    for (size_t i = 1; i < b.ny; i++) {
        int dec = t->cols[b.cy[i]].unit.decimals;
        d.unit.decimals = dec > d.unit.decimals ? dec : d.unit.decimals;
        d.unit.multipliers |= t->cols[b.cy[i]].unit.multipliers;
    }
    d.computed = s->aggregate == AGG_SUM || s->aggregate == AGG_MEAN;
    if (s->aggregate == AGG_COUNT) {
        d.unit = (struct number_unit){.decimals = 0, .multiplier = 1};
    }
    double vlo = INFINITY, vhi = -INFINITY;
    for (size_t i = 0; i < d.nseries; i++) {
        for (size_t j = 0; j < d.series[i].n; j++) {
            if (d.series[i].p[j].has) {
                vlo = fmin(vlo, d.series[i].p[j].v);
                vhi = fmax(vhi, d.series[i].p[j].v);
            }
        }
    }
    if (csvchart_format_fractions_as_percent(&s->format, &d.unit, vlo, vhi)) {
        csvchart_warnings_add(warn, CSVCHART_FORMAT_FRACTIONS);
    }
    flat_series(&d, s, warn);
    d.x_name = csvchart_strdup(t->cols[b.cx].name);
    d.value_name = csvchart_strdup(b.cgroup != NONE ? vc->name : b.ny == 1 ? vc->name : "values");
    if (!d.x_name || !d.value_name) {
        st = csvchart_error_nomem(err);
        goto fail;
    }
    *out = d;
    d = (struct trend_data){0};
    st = CSVCHART_OK;
fail:
    csvchart_warnings_flush(warn);
    for (size_t i = 0; i < b.nser; i++) {
        for (size_t k = 0; k < b.ser[i].n; k++) {
            free(b.ser[i].r[k].p.label);
        }
        free(b.ser[i].r);
        free(b.ser[i].name);
    }
    free(b.ser);
    free(b.slots);
    free(b.cy);
    csvchart_trend_fini(&d);
    return st;
}

void csvchart_trend_fini(struct trend_data *d)
{
    for (size_t i = 0; i < d->nseries; i++) {
        for (size_t k = 0; k < d->series[i].n; k++) {
            free(d->series[i].p[k].label);
        }
        free(d->series[i].p);
        free(d->series[i].name);
    }
    free(d->series);
    for (size_t i = 0; i < d->nmarkers; i++) {
        free(d->markers[i].label);
    }
    free(d->markers);
    free(d->x_name);
    free(d->value_name);
    memset(d, 0, sizeof *d);
}
