/*
 * aggregate_fold.c - the aggregator: the sink that folds rows with the same key as they are
 * read (see aggregate.h for the rules), and reading a table through it.
 *
 * The aggregator sits between the reader and the table builder. For each row it decides, from
 * the row alone and what it kept so far, one of four fates, and tells the builder, which types
 * every row and stores the kept ones:
 *
 *   row --> droppable? --yes--> counted in skipped; typed, not kept
 *             | no
 *           foldable? --no---> kept as it is (no accumulators)
 *             | yes
 *           key seen? --yes--> its numbers go into the earlier row's accumulators; typed only
 *             | no
 *           a new category within max_keys? --no--> CSVCHART_ERROR_LIMIT at its x cell
 *             | yes
 *           kept, its accumulators start with its own numbers
 *
 * Keys are looked up in hash sets (key_set.h) that keep their own copies of the keys' texts (a
 * key of several columns is their texts, each after its length), so the aggregator never reads
 * the table being built. A second set counts the distinct values of x within each facet for
 * the max_keys limit (with x the only key, the first set counts them). In the counting modes
 * nothing folds: the same counting runs over every row.
 */
#include "aggregate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "key_set.h"

#define NONE ((size_t)-1)

/* ---- The aggregator ------------------------------------------------------------------------ */

/* A key being looked up: the texts of some of a row's columns, each after its length. */
struct key_buf {
    char *bytes;
    size_t len, cap;
    uint64_t hash;
};

struct first_unit {
    bool set;
    char prefix[8], suffix[4];
};

struct aggregator {
    struct fold_plan plan; /* its strings in names and values */
    char *names[3];
    char **values;
    struct table_builder *b;
    const struct number_syntax *numbers; /* how numbers are read (the builder's) */
    char *file;                          /* the file's name, for the limit's message */

    bool on;                         /* every column was found */
    size_t key[3], nkey;             /* the key columns: x, then group and facet when named */
    size_t gcol, fcol;               /* the group and facet columns, or NONE */
    size_t *vcols, nv;               /* the value columns */
    struct first_unit *unit;         /* per value column: the unit of its first number */
    double *num;                     /* per value column: this row's numbers */
    struct number_unit *how;         /* and how they were written */
    struct key_buf row_key, aux_key; /* a row's key, and a second one (encode()) */
    size_t kept;                     /* rows handed on to be kept */
    size_t counted;                  /* FOLD_COUNT_EVENTS: the rows counted */
    struct key_set keys;             /* kept foldable rows, by key (value: the row) */
    struct key_set xs;               /* kept rows with a new x, by x and facet (count_category()) */
    struct key_set fcount;           /* facets, by facet (value: their categories) */
    /* Dropping rows without values (droppable()): */
    struct key_set groups, facets; /* the group and facet values of kept rows */
    bool *token_kept;              /* per value column: a kept row has a missing token there */
    struct agg_rows *rows;         /* FOLD_ROWS: the accumulators being made */
    size_t acc_cap;                /* of rows->acc, in accumulators */
};

static const char *text_of(const struct csv_row *row, size_t col)
{
    return row->text + row->fields[col].offset;
}

static bool missing(const struct csv_row *row, size_t col)
{
    return csvchart_table_missing_text(text_of(row, col), row->fields[col].len);
}

/* Encodes the texts of row's columns cols[0..n) as one key in *k, each after its length. */
static bool encode(struct key_buf *k, const struct csv_row *row, const size_t *cols, size_t n)
{
    size_t need = 0;
    for (size_t i = 0; i < n; i++) {
        need += sizeof(uint32_t) + row->fields[cols[i]].len;
    }
    if (!csvchart_array_reserve((void **)&k->bytes, &k->cap, need ? need : 1, 1)) {
        return false;
    }
    k->len = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t l = row->fields[cols[i]].len;
        memcpy(k->bytes + k->len, &l, sizeof l);
        memcpy(k->bytes + k->len + sizeof l, text_of(row, cols[i]), l);
        k->len += sizeof l + l;
    }
    k->hash = csvchart_key_hash(k->bytes, k->len);
    return true;
}

/* Looks row's key of columns cols[0..n) up in s, encoded in *k, after making room in s for
 * one more key; *slot as csvchart_key_set_find(). -1: out of memory, 1: found, 0: not there. */
static int lookup(struct key_set *s, struct key_buf *k, const struct csv_row *row,
                  const size_t *cols, size_t n, size_t *slot)
{
    if (!csvchart_key_set_reserve(s) || !encode(k, row, cols, n)) {
        return -1;
    }
    return csvchart_key_set_find(s, k->bytes, k->len, k->hash, slot);
}

/* Puts the key looked up last in *k into slot i of s. */
static bool put(struct key_set *s, const struct key_buf *k, size_t i, size_t value)
{
    return csvchart_key_set_put(s, i, k->bytes, k->len, k->hash, value);
}

/* Adds row's value of column col to the one-column set s when it has one and s has not;
 * false: out of memory. */
static bool note_value(struct aggregator *a, struct key_set *s, const struct csv_row *row,
                       size_t col)
{
    size_t slot;
    if (col == NONE || missing(row, col)) {
        return true;
    }
    int found = lookup(s, &a->aux_key, row, &col, 1, &slot);
    return found == 1 || (found == 0 && put(s, &a->aux_key, slot, 0));
}

/* Whether the one-column set s holds row's value of column col (col NONE: yes); -1: out of
 * memory. */
static int has_value(struct aggregator *a, struct key_set *s, const struct csv_row *row, size_t col)
{
    size_t slot;
    return col == NONE ? 1 : lookup(s, &a->aux_key, row, &col, 1, &slot);
}

struct aggregator *csvchart_aggregator_new(const struct fold_plan *p, struct table_builder *b)
{
    struct aggregator *a = calloc(1, sizeof *a);
    if (!a) {
        return NULL;
    }
    a->plan = *p;
    a->b = b;
    a->numbers = csvchart_table_builder_numbers(b);
    a->gcol = a->fcol = NONE;
    bool ok = (a->values = calloc(p->nvalues ? p->nvalues : 1, sizeof *a->values)) != NULL;
    for (size_t k = 0; ok && k < 3; k++) {
        a->plan.keys[k] = NULL;
        if (p->keys[k] && p->keys[k][0]) {
            ok = (a->plan.keys[k] = a->names[k] = csvchart_strdup(p->keys[k])) != NULL;
        }
    }
    for (size_t k = 0; ok && k < p->nvalues; k++) {
        ok = (a->values[k] = csvchart_strdup(p->values[k])) != NULL;
    }
    a->plan.values = (const char *const *)a->values;
    if (!ok) {
        csvchart_aggregator_free(a);
        return NULL;
    }
    return a;
}

void csvchart_aggregator_free(struct aggregator *a)
{
    if (!a) {
        return;
    }
    for (size_t k = 0; k < 3; k++) {
        free(a->names[k]);
    }
    for (size_t k = 0; a->values && k < a->plan.nvalues; k++) {
        free(a->values[k]);
    }
    free(a->values);
    free(a->file);
    free(a->vcols);
    free(a->unit);
    free(a->num);
    free(a->how);
    free(a->row_key.bytes);
    free(a->aux_key.bytes);
    free(a->token_kept);
    csvchart_key_set_fini(&a->keys);
    csvchart_key_set_fini(&a->xs);
    csvchart_key_set_fini(&a->fcount);
    csvchart_key_set_fini(&a->groups);
    csvchart_key_set_fini(&a->facets);
    csvchart_agg_rows_free(a->rows);
    free(a);
}

/* The index of the header's column called `name`, or NONE. */
static size_t find(const struct csv_header *h, const char *name)
{
    for (size_t j = 0; j < h->names.nfields; j++) {
        const struct csv_field *f = &h->names.fields[j];
        if (strlen(name) == f->len && memcmp(h->names.text + f->offset, name, f->len) == 0) {
            return j;
        }
    }
    return NONE;
}

/* Finds the columns; a->on stays false when one is missing (binding reports the name). */
static bool start(struct aggregator *a, const struct csv_header *h)
{
    const struct fold_plan *p = &a->plan;
    /* The keys: x (the first column when not named), then group and facet when named. */
    for (size_t k = 0; k < 3; k++) {
        size_t col = k == 0 && !p->keys[0] ? 0 : NONE;
        if (p->keys[k] && (col = find(h, p->keys[k])) == NONE) {
            return true;
        }
        if (col == NONE) {
            continue;
        }
        a->key[a->nkey++] = col;
        if (k == 1) {
            a->gcol = col;
        } else if (k == 2) {
            a->fcol = col;
        }
    }
    if (p->mode == FOLD_COUNT_EVENTS) {
        a->on = true;
        return true;
    }
    /* The values: the y columns, or every other column when y is not named. */
    size_t n = p->nvalues ? p->nvalues : h->names.nfields;
    a->vcols = calloc(n ? n : 1, sizeof *a->vcols);
    a->unit = calloc(n ? n : 1, sizeof *a->unit);
    a->num = calloc(n ? n : 1, sizeof *a->num);
    a->how = calloc(n ? n : 1, sizeof *a->how);
    a->token_kept = calloc(n ? n : 1, sizeof *a->token_kept);
    if (!a->vcols || !a->unit || !a->num || !a->how || !a->token_kept) {
        return false;
    }
    for (size_t k = 0; k < n; k++) {
        if (p->nvalues) {
            if ((a->vcols[a->nv++] = find(h, p->values[k])) == NONE) {
                return true;
            }
            continue;
        }
        bool is_key = false;
        for (size_t i = 0; i < a->nkey; i++) {
            is_key = is_key || a->key[i] == k;
        }
        if (!is_key) {
            a->vcols[a->nv++] = k;
        }
    }
    a->on = a->nv > 0;
    if (a->on && p->mode == FOLD_ROWS) {
        if (!(a->rows = calloc(1, sizeof *a->rows)) ||
            !(a->rows->cols = malloc(a->nv * sizeof *a->rows->cols))) {
            return false;
        }
        memcpy(a->rows->cols, a->vcols, a->nv * sizeof *a->vcols);
        a->rows->nvalues = a->nv;
    }
    return true;
}

/* Reads the row's value cells; true when the row may fold (see aggregate.h). */
static bool foldable(struct aggregator *a, const struct csv_row *row)
{
    bool ok = true;
    for (size_t k = 0; k < a->nkey && ok; k++) {
        ok = !missing(row, a->key[k]);
    }
    for (size_t k = 0; k < a->nv; k++) {
        const struct csv_field *f = &row->fields[a->vcols[k]];
        struct number_unit *u = &a->how[k];
        if (!csvchart_number_parse_as(text_of(row, a->vcols[k]), f->len, a->numbers, &a->num[k],
                                      u)) {
            ok = false; // missing, or text: typing and binding deal with it
            continue;
        }
        struct first_unit *first = &a->unit[k];
        if (!first->set) {
            memcpy(first->prefix, u->prefix, sizeof first->prefix);
            memcpy(first->suffix, u->suffix, sizeof first->suffix);
            first->set = true;
        }
        ok = ok && memcmp(first->prefix, u->prefix, sizeof first->prefix) == 0 &&
             memcmp(first->suffix, u->suffix, sizeof first->suffix) == 0 &&
             (!a->plan.positive || a->num[k] > 0);
    }
    return ok;
}

/* Adds the row's numbers (read by foldable()) to the accumulators of kept row `into`. */
static void fold_into(struct aggregator *a, const struct csv_row *row, size_t into)
{
    for (size_t k = 0; k < a->nv; k++) {
        const struct csv_field *f = &row->fields[a->vcols[k]];
        csvchart_agg_add(&a->rows->acc[into * a->nv + k], a->num[k], &a->how[k], f->line, f->col);
    }
}

/* The accumulators of the row about to be kept: its own numbers when it folds, else none. */
static bool start_acc(struct aggregator *a, const struct csv_row *row, bool numbers)
{
    if (!csvchart_array_reserve((void **)&a->rows->acc, &a->acc_cap, (a->kept + 1) * a->nv,
                                sizeof *a->rows->acc)) {
        return false;
    }
    memset(&a->rows->acc[a->kept * a->nv], 0, a->nv * sizeof *a->rows->acc);
    if (numbers) {
        fold_into(a, row, a->kept);
    }
    return true;
}

/*
 * Whether the row can be dropped as it is read: binding would skip it with a warning and
 * nothing else, so dropping it changes nothing but memory (3 million rows without a value took
 * 869 MB). That is a row whose keys all have a value and whose value cells have none, whose
 * group and facet values a kept row has already (binding lists series and panels from every
 * row, in the order first seen), and that is not the first with a missing token (NA, -) in a
 * value column: if that column turns out to be text, binding points at its first non-number,
 * which may be that token. Never before a row is kept: a file whose rows all drop must still
 * reach binding, which says there is nothing to draw. -1: out of memory.
 */
static int droppable(struct aggregator *a, const struct csv_row *row)
{
    if (a->kept == 0) {
        return 0;
    }
    for (size_t k = 0; k < a->nkey; k++) {
        if (missing(row, a->key[k])) {
            return 0;
        }
    }
    for (size_t k = 0; k < a->nv; k++) {
        const struct csv_field *f = &row->fields[a->vcols[k]];
        const char *s = text_of(row, a->vcols[k]);
        if (!csvchart_table_missing_text(s, f->len) ||
            (!a->token_kept[k] && strspn(s, " \t") < f->len)) {
            return 0;
        }
    }
    int g = has_value(a, &a->groups, row, a->gcol);
    int f = g == 1 ? has_value(a, &a->facets, row, a->fcol) : g;
    return f;
}

/* Counts the dropped row in skipped; false when out of memory. */
static bool drop(struct aggregator *a, const struct csv_row *row)
{
    struct agg_rows *r = a->rows;
    const struct csv_field *x = &row->fields[a->key[0]];
    if (r->skipped.nkept < CSVCHART_WARNINGS_KEEP) {
        char *copy = csvchart_strndup(text_of(row, a->key[0]), x->len);
        if (!copy) {
            return false;
        }
        r->skipped.kept[r->skipped.nkept].line = x->line;
        r->skipped.kept[r->skipped.nkept++].x = copy;
    }
    r->skipped.count++;
    r->skipped.last_line = x->line;
    return true;
}

/* A row stays: notes its group and facet values and its missing tokens for droppable(). */
static bool note_kept(struct aggregator *a, const struct csv_row *row)
{
    for (size_t k = 0; k < a->nv; k++) {
        const struct csv_field *f = &row->fields[a->vcols[k]];
        const char *s = text_of(row, a->vcols[k]);
        a->token_kept[k] = a->token_kept[k] ||
                           (strspn(s, " \t") < f->len && csvchart_table_missing_text(s, f->len));
    }
    return note_value(a, &a->groups, row, a->gcol) && note_value(a, &a->facets, row, a->fcol);
}

/* ---- Counting categories ------------------------------------------------------------------- */

enum verdict { KEEP, FOLDED, DROPPED, LIMIT, NOMEM };

/*
 * Counts row's category - its x within its facet, as binding counts a panel's categories -
 * when new: LIMIT when that makes more than max_keys in one panel.
 */
static enum verdict count_category(struct aggregator *a, const struct csv_row *row)
{
    size_t max = a->plan.max_keys;
    if (!max) {
        return KEEP;
    }
    if (a->plan.mode == FOLD_ROWS && a->nkey == 1) { // the key set holds the x values already
        return a->keys.len >= max ? LIMIT : KEEP;
    }
    size_t cols[2] = {a->key[0], a->fcol}, n = a->fcol == NONE ? 1 : 2, slot;
    int found = lookup(&a->xs, &a->row_key, row, cols, n, &slot);
    if (found) {
        return found < 0 ? NOMEM : KEEP;
    }
    size_t *count = &a->xs.len; // one panel: every x counts
    if (n == 2) {
        size_t fslot;
        int ffound = lookup(&a->fcount, &a->aux_key, row, &a->fcol, 1, &fslot);
        if (ffound < 0 || (!ffound && !put(&a->fcount, &a->aux_key, fslot, 0))) {
            return NOMEM;
        }
        count = &a->fcount.slots[fslot].value;
    }
    if (*count >= max) {
        return LIMIT;
    }
    if (!put(&a->xs, &a->row_key, slot, 0)) {
        return NOMEM;
    }
    if (n == 2) {
        (*count)++;
    }
    return KEEP;
}

/* The counting modes (aggregate.h): whether the row is one more category or event than
 * allowed. */
static enum verdict count_row(struct aggregator *a, const struct csv_row *row)
{
    for (size_t k = 0; k < a->nkey; k++) {
        if (missing(row, a->key[k])) {
            return KEEP; // binding skips it
        }
    }
    if (a->plan.mode == FOLD_COUNT_EVENTS) {
        return a->plan.max_keys && a->counted++ >= a->plan.max_keys ? LIMIT : KEEP;
    }
    bool any = false;
    for (size_t k = 0; k < a->nv && !any; k++) {
        const struct csv_field *f = &row->fields[a->vcols[k]];
        double v;
        any = a->plan.nvalues ? !missing(row, a->vcols[k])
                              : csvchart_number_parse_as(text_of(row, a->vcols[k]), f->len,
                                                         a->numbers, &v, NULL);
    }
    return any ? count_category(a, row) : KEEP;
}

/* ---- Folding a row ------------------------------------------------------------------------- */

/* FOLD_ROWS: the row's fate once it is not dropped: kept as a new key, folded, or kept as it
 * is. */
static enum verdict fold_row(struct aggregator *a, const struct csv_row *row)
{
    if (!foldable(a, row)) {
        return start_acc(a, row, false) ? KEEP : NOMEM;
    }
    size_t slot;
    int found = lookup(&a->keys, &a->row_key, row, a->key, a->nkey, &slot);
    if (found) {
        if (found > 0) {
            fold_into(a, row, a->keys.slots[slot].value);
            a->rows->folded++;
        }
        return found > 0 ? FOLDED : NOMEM;
    }
    enum verdict limit = count_category(a, row);
    if (limit != KEEP) {
        return limit;
    }
    /* count_category() used the key buffer: the row's key again (its slot has not moved) */
    if (!encode(&a->row_key, row, a->key, a->nkey) || !put(&a->keys, &a->row_key, slot, a->kept)) {
        return NOMEM;
    }
    return start_acc(a, row, true) ? KEEP : NOMEM;
}

static enum verdict verdict(struct aggregator *a, const struct csv_row *row)
{
    if (!a->on) {
        return KEEP;
    }
    if (a->plan.mode != FOLD_ROWS) {
        return count_row(a, row);
    }
    int d = droppable(a, row);
    if (d) {
        return d < 0 ? NOMEM : drop(a, row) ? DROPPED : NOMEM;
    }
    enum verdict v = fold_row(a, row);
    return v == KEEP && !note_kept(a, row) ? NOMEM : v;
}

static csvchart_status sink_header(void *ctx, const struct csv_header *h, csvchart_error *err)
{
    struct aggregator *a = ctx;
    if (!(a->file = csvchart_strdup(h->file)) || !start(a, h)) {
        return csvchart_error_nomem(err);
    }
    return csvchart_table_builder_header(a->b, h, err);
}

static csvchart_status sink_row(void *ctx, const struct csv_row *row, bool *kept,
                                csvchart_error *err)
{
    struct aggregator *a = ctx;
    enum verdict v = verdict(a, row);
    if (v == NOMEM) {
        return csvchart_error_nomem(err);
    }
    if (v == LIMIT) {
        const struct csv_field *x = &row->fields[a->key[0]];
        return csvchart_error_set(err, CSVCHART_ERROR_LIMIT, a->file, x->line, x->col,
                                  "more than %zu %s", a->plan.max_keys,
                                  a->plan.limit_text ? a->plan.limit_text
                                                     : "categories; a bar chart of them cannot "
                                                       "be read (raise max_categories)");
    }
    *kept = v == KEEP;
    a->kept += *kept;
    return csvchart_table_builder_row(a->b, row, *kept, err);
}

struct row_sink csvchart_aggregator_sink(struct aggregator *a)
{
    return (struct row_sink){.ctx = a, .header = sink_header, .row = sink_row};
}

csvchart_status csvchart_aggregator_finish(struct aggregator *a, struct agg_rows **out,
                                           csvchart_error *err)
{
    *out = NULL;
    struct agg_rows *r = a->rows;
    if (!r) {
        return CSVCHART_OK;
    }
    r->positive = a->plan.positive;
    bool ok = (r->values = calloc(a->plan.nvalues ? a->plan.nvalues : 1, sizeof *r->values));
    for (size_t k = 0; ok && k < 3; k++) {
        ok = !a->names[k] || (r->keys[k] = csvchart_strdup(a->names[k]));
    }
    for (size_t k = 0; ok && k < a->plan.nvalues; k++) {
        ok = (r->values[r->nvalue_names++] = csvchart_strdup(a->values[k])) != NULL;
    }
    if (!ok) {
        return csvchart_error_nomem(err);
    }
    *out = r;
    a->rows = NULL;
    return CSVCHART_OK;
}

/* ---- Reading through the aggregator -------------------------------------------------------- */

csvchart_status csvchart_aggregate_read(const char *path, const char *name, const void *data,
                                        size_t len, const struct table_options *opt,
                                        const struct fold_plan *p, csvchart_table **table,
                                        struct agg_rows **rows, csvchart_error *err)
{
    *table = NULL;
    *rows = NULL;
    struct table_builder *b = csvchart_table_builder_new(opt);
    struct aggregator *a = b && p && p->mode != FOLD_NOTHING ? csvchart_aggregator_new(p, b) : NULL;
    if (!b || (p && p->mode != FOLD_NOTHING && !a)) {
        csvchart_table_builder_free(b);
        return csvchart_error_nomem(err);
    }
    struct row_sink sink = a ? csvchart_aggregator_sink(a) : csvchart_table_builder_sink(b);
    csvchart_status st = csvchart_table_build(b, sink, path, name, data, len, table, err);
    if (st == CSVCHART_OK && a) {
        st = csvchart_aggregator_finish(a, rows, err);
    }
    if (st != CSVCHART_OK) {
        csvchart_table_free(*table);
        *table = NULL;
    }
    csvchart_aggregator_free(a);
    csvchart_table_builder_free(b);
    return st;
}
