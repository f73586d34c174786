/*
 * table_fold.c - folding rows with the same key as they are read (see table_fold.h, and
 * "Folding" in table.h for the rules).
 *
 * The reader stores each data row as usual, then asks csvchart_table_folder_row() about it.
 * A foldable row's key (the texts of the key columns) is looked up in a hash set of the rows
 * kept so far; when found, its numbers go into that row's accumulators (struct table_acc) and
 * the reader drops the new row's cells and text, so memory holds one row per key. A second
 * hash set counts the distinct values of the first key column (x) within each facet, for the
 * max_keys limit (with x the only key the first set counts them). With count_only nothing
 * folds: the same counting runs over every row, so that a figure that does not aggregate
 * still meets its category limit while the file is read.
 */
#include "table_fold.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"

/*
 * A hash set of kept rows, open addressing. A slot holds row + 1 (0 = empty), the key's hash,
 * and where its first key column's text is, so that a lookup compares that text without
 * touching the row's cells (with one key column, the usual case, nothing else).
 */
struct slot {
    uint64_t hash;
    size_t row1;   /* row + 1; 0 = empty */
    size_t offset; /* of the first key's text in the pool */
    size_t len;
    size_t n;      /* a count kept with the key (a facet's categories) */
};

struct row_set {
    struct slot *slots;
    size_t cap, len;
};

struct first_unit {
    bool set;
    char prefix[8], suffix[4];
};

struct table_folder {
    char *names[3];
    char **values;
    size_t nvalues;
    bool positive;
    size_t max_keys;

    bool on;      /* every column was found */
    size_t key[3], nkey;
    struct first_unit *unit; /* per value column: the unit of its first number */
    double *num;             /* per value column: this row's numbers */
    struct number_unit *how; /* and how they were written */
    struct row_set keys;     /* kept foldable rows, by key */
    struct row_set xs;       /* kept rows with a new x, by x and facet (count_category()) */
    struct row_set fcount;   /* kept rows with a new facet, by facet, with its categories */
    bool count_only, every_row;
    size_t *vcols, nv;       /* count_only: the value columns */
    size_t counted;          /* every_row: the rows counted */
    size_t acc_cap;          /* of t->acc, in accumulators */
    /* Dropping rows without values (droppable()): */
    size_t gcol, fcol;         /* the group and facet columns, or (size_t)-1 */
    struct row_set groups;     /* kept rows with a new group value, by it */
    struct row_set facets;     /* kept rows with a new facet value, by it */
    bool *token_kept;          /* per value column: a kept row has a missing token there */
};

/* ---- Hashing ------------------------------------------------------------------------------- */

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x9E3779B97F4A7C15u;
    return h ^ (h >> 29);
}

static uint64_t hash_text(uint64_t h, const char *s, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        h = mix(h, v);
    }
    /* The last 1-7 bytes: the last 8 bytes again when there are 8 (a copy of a variable
     * length to the stack stalled the load that follows it), else byte by byte. */
    uint64_t tail = 0;
    if (i < len && len >= 8) {
        memcpy(&tail, s + len - 8, 8);
    } else {
        for (size_t k = i; k < len; k++) {
            tail = tail << 8 | (unsigned char)s[k];
        }
    }
    return mix(h, tail ^ ((uint64_t)len << 56));
}

static const struct table_cell *row_cell(const csvchart_table *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}

static bool same_cell(const csvchart_table *t, size_t a, size_t b, size_t col)
{
    const struct table_cell *x = row_cell(t, a, col), *y = row_cell(t, b, col);
    return x->len == y->len && memcmp(t->pool + x->offset, t->pool + y->offset, x->len) == 0;
}

static uint64_t hash_cols(const csvchart_table *t, size_t row, const size_t *cols, size_t n)
{
    uint64_t h = 0x243F6A8885A308D3u;
    for (size_t k = 0; k < n; k++) {
        const struct table_cell *c = row_cell(t, row, cols[k]);
        h = hash_text(h, t->pool + c->offset, c->len);
    }
    /* A final avalanche (MurmurHash3's), so that every input bit reaches the low bits that
     * pick a slot. */
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDu;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53u;
    return h ^ (h >> 33);
}

/* The kept row whose cols equal row's, or (size_t)-1; *slot is its slot, or where row would
 * go. */
static size_t set_find(const struct row_set *s, const csvchart_table *t, size_t row,
                       const size_t *cols, size_t n, uint64_t h, size_t *slot)
{
    size_t mask = s->cap - 1;
    const struct table_cell *first = row_cell(t, row, cols[0]);
    const char *text = t->pool + first->offset;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const struct slot *sl = &s->slots[i];
        if (sl->row1 == 0) {
            *slot = i;
            return (size_t)-1;
        }
        if (sl->hash == h && sl->len == first->len &&
            memcmp(t->pool + sl->offset, text, first->len) == 0) {
            size_t other = sl->row1 - 1;
            bool same = true;
            for (size_t k = 1; k < n && same; k++) {
                same = same_cell(t, other, row, cols[k]);
            }
            if (same) {
                *slot = i;
                return other;
            }
        }
    }
}

/* Puts row (whose first key column is col) in the empty slot i. */
static void set_put(struct row_set *s, const csvchart_table *t, size_t i, size_t row,
                    size_t col, uint64_t h)
{
    const struct table_cell *c = row_cell(t, row, col);
    s->slots[i] = (struct slot){h, row + 1, c->offset, c->len, 0};
    s->len++;
}

/* Makes room for one more entry (load <= 1/2); false when out of memory. */
static bool set_grow(struct row_set *s)
{
    if (s->len + 1 <= s->cap / 2) {
        return true;
    }
    size_t cap = s->cap ? s->cap * 2 : 1024;
    struct slot *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        return false;
    }
    for (size_t i = 0; i < s->cap; i++) {
        if (s->slots[i].row1) {
            size_t j = s->slots[i].hash & (cap - 1);
            while (slots[j].row1) {
                j = (j + 1) & (cap - 1);
            }
            slots[j] = s->slots[i];
        }
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return true;
}

static void set_fini(struct row_set *s)
{
    free(s->slots);
}

/* ---- The folder ---------------------------------------------------------------------------- */

struct table_folder *csvchart_table_folder_new(const struct table_fold *fold)
{
    struct table_folder *f = calloc(1, sizeof *f);
    if (!f) {
        return NULL;
    }
    f->positive = fold->positive;
    f->max_keys = fold->max_keys;
    f->count_only = fold->count_only;
    f->every_row = fold->count_only && fold->every_row;
    f->nvalues = fold->nvalues;
    bool ok = (f->values = calloc(fold->nvalues ? fold->nvalues : 1, sizeof *f->values)) != NULL;
    for (size_t k = 0; ok && k < 3; k++) {
        if (fold->keys[k] && fold->keys[k][0]) {
            ok = (f->names[k] = csvchart_strdup(fold->keys[k])) != NULL;
        }
    }
    for (size_t k = 0; ok && k < fold->nvalues; k++) {
        ok = (f->values[k] = csvchart_strdup(fold->values[k])) != NULL;
    }
    if (!ok) {
        csvchart_table_folder_free(f);
        return NULL;
    }
    return f;
}

void csvchart_table_folder_free(struct table_folder *f)
{
    if (!f) {
        return;
    }
    for (size_t k = 0; k < 3; k++) {
        free(f->names[k]);
    }
    for (size_t k = 0; f->values && k < f->nvalues; k++) {
        free(f->values[k]);
    }
    free(f->values);
    free(f->unit);
    free(f->num);
    free(f->how);
    free(f->token_kept);
    free(f->vcols);
    set_fini(&f->keys);
    set_fini(&f->xs);
    set_fini(&f->fcount);
    set_fini(&f->groups);
    set_fini(&f->facets);
    free(f);
}

bool csvchart_table_folder_start(struct table_folder *f, csvchart_table *t)
{
    /* The keys: x (the first column when not named), then group and facet when named. */
    f->gcol = f->fcol = (size_t)-1;
    for (size_t k = 0; k < 3; k++) {
        size_t col = k == 0 && !f->names[0] ? 0 : (size_t)-1;
        if (f->names[k] && (col = csvchart_table_find(t, f->names[k])) == (size_t)-1) {
            return true; // binding reports the unknown name
        }
        if (col != (size_t)-1) {
            f->key[f->nkey++] = col;
            *(k == 1 ? &f->gcol : k == 2 ? &f->fcol : &col) = col;
        }
    }
    /* The values: the y columns, or every other column when y is not named. */
    size_t n = f->nvalues ? f->nvalues : t->ncols;
    if (f->count_only) {
        size_t nv = 0;
        if (!(f->vcols = calloc(n ? n : 1, sizeof *f->vcols))) {
            return false;
        }
        for (size_t k = 0; k < n && !f->every_row; k++) {
            size_t col = f->nvalues ? csvchart_table_find(t, f->values[k]) : k;
            if (col == (size_t)-1) {
                return true; // binding reports the unknown name
            }
            bool is_key = false;
            for (size_t i = 0; i < f->nkey; i++) {
                is_key = is_key || f->key[i] == col;
            }
            if (f->nvalues || !is_key) {
                f->vcols[nv++] = col;
            }
        }
        f->nv = nv;
        f->on = nv > 0 || f->every_row;
        return true;
    }
    size_t *cols = calloc(n ? n : 1, sizeof *cols);
    f->unit = calloc(n ? n : 1, sizeof *f->unit);
    f->num = calloc(n ? n : 1, sizeof *f->num);
    f->how = calloc(n ? n : 1, sizeof *f->how);
    f->token_kept = calloc(n ? n : 1, sizeof *f->token_kept);
    if (!cols || !f->unit || !f->num || !f->how || !f->token_kept) {
        free(cols);
        return false;
    }
    size_t nv = 0;
    for (size_t k = 0; k < n; k++) {
        if (f->nvalues) {
            if ((cols[nv++] = csvchart_table_find(t, f->values[k])) == (size_t)-1) {
                free(cols);
                return true;
            }
            continue;
        }
        bool is_key = false;
        for (size_t i = 0; i < f->nkey; i++) {
            is_key = is_key || f->key[i] == k;
        }
        if (!is_key) {
            cols[nv++] = k;
        }
    }
    if (nv == 0) {
        free(cols);
        return true;
    }
    t->acc_cols = cols;
    t->nacc = nv;
    f->on = true;
    return true;
}

/* Reads the row's value cells; true when the row may fold (see table.h). */
static bool foldable(struct table_folder *f, const csvchart_table *t, size_t row)
{
    bool ok = true;
    for (size_t k = 0; k < f->nkey && ok; k++) {
        const struct table_cell *c = row_cell(t, row, f->key[k]);
        ok = !csvchart_table_missing_text(t->pool + c->offset, c->len);
    }
    for (size_t k = 0; k < t->nacc; k++) {
        const struct table_cell *c = row_cell(t, row, t->acc_cols[k]);
        struct number_unit *u = &f->how[k];
        if (!csvchart_table_number(t, t->pool + c->offset, c->len, &f->num[k], u)) {
            ok = false; // missing, or text: typing and binding deal with it
            continue;
        }
        struct first_unit *first = &f->unit[k];
        if (!first->set) {
            memcpy(first->prefix, u->prefix, sizeof first->prefix);
            memcpy(first->suffix, u->suffix, sizeof first->suffix);
            first->set = true;
        }
        ok = ok && memcmp(first->prefix, u->prefix, sizeof first->prefix) == 0 &&
             memcmp(first->suffix, u->suffix, sizeof first->suffix) == 0 &&
             (!f->positive || f->num[k] > 0);
    }
    return ok;
}

/* Adds number k of the row being read (written in cell *c) to *a. */
static void acc_add(struct table_acc *a, const struct table_folder *f, size_t k,
                    const struct table_cell *c)
{
    double v = f->num[k];
    const struct number_unit *u = &f->how[k];
    size_t line = c->line;
    a->sum += v;
    *(v > 0 ? &a->pos : &a->neg) += v;
    a->last_line = line;
    a->min = a->n == 0 || v < a->min ? v : a->min;
    a->max = a->n == 0 || v > a->max ? v : a->max;
    a->n++;
    a->decimals = u->decimals > a->decimals ? u->decimals : a->decimals;
    a->grouped = a->grouped || u->grouped;
    int m = csvchart_number_multiplier_index(u->multiplier);
    if (a->mult[m]++ == 0) {
        a->mult_line[m] = line;
    }
}

/* Sets row's accumulators: its own numbers when it folds, else none (n = 0). */
static bool acc_row(struct table_folder *f, csvchart_table *t, size_t row, bool numbers)
{
    if (!csvchart_array_reserve((void **)&t->acc, &f->acc_cap, (row + 1) * t->nacc,
                                sizeof *t->acc)) {
        return false;
    }
    for (size_t k = 0; k < t->nacc; k++) {
        struct table_acc *a = &t->acc[row * t->nacc + k];
        memset(a, 0, sizeof *a);
        if (numbers) {
            acc_add(a, f, k, row_cell(t, row, t->acc_cols[k]));
        }
    }
    return true;
}

static void merge(struct table_folder *f, csvchart_table *t, size_t into)
{
    for (size_t k = 0; k < t->nacc; k++) {
        acc_add(&t->acc[into * t->nacc + k], f, k, row_cell(t, t->nrows, t->acc_cols[k]));
    }
    t->folded_rows++;
}

/* ---- Rows without values ------------------------------------------------------------------- */

/* Whether the one-column set s holds row's value of column col. */
static bool set_has(const struct row_set *s, const csvchart_table *t, size_t row, size_t col)
{
    size_t slot;
    return s->cap && set_find(s, t, row, &col, 1, hash_cols(t, row, &col, 1), &slot) !=
                         (size_t)-1;
}

/* Adds row's value of column col to the one-column set s when new; false: out of memory. */
static bool set_note(struct row_set *s, const csvchart_table *t, size_t row, size_t col)
{
    if (col == (size_t)-1 || csvchart_table_missing_text(t->pool + row_cell(t, row, col)->offset,
                                                         row_cell(t, row, col)->len)) {
        return true;
    }
    uint64_t h = hash_cols(t, row, &col, 1);
    size_t slot;
    if (!set_grow(s)) {
        return false;
    }
    if (set_find(s, t, row, &col, 1, h, &slot) == (size_t)-1) {
        set_put(s, t, slot, row, col, h);
    }
    return true;
}

/*
 * Whether row can be dropped as it is read: binding would skip it with a warning and nothing
 * else, so dropping it changes nothing but memory (3 million rows without a value took 869
 * MB). That is a row whose keys all have a value and whose value cells have none, whose group
 * and facet values a kept row has already (binding lists series and panels from every row,
 * in the order first seen), and that is not the first with a missing token (NA, -) in a
 * value column: if that column turns out to be text, binding points at its first non-number,
 * which may be that token. Never the first data row: a file whose rows all drop must still
 * reach binding, which says there is nothing to draw.
 */
static bool droppable(const struct table_folder *f, const csvchart_table *t, size_t row)
{
    if (row == 0) {
        return false;
    }
    for (size_t k = 0; k < f->nkey; k++) {
        const struct table_cell *c = row_cell(t, row, f->key[k]);
        if (csvchart_table_missing_text(t->pool + c->offset, c->len)) {
            return false;
        }
    }
    for (size_t k = 0; k < t->nacc; k++) {
        const struct table_cell *c = row_cell(t, row, t->acc_cols[k]);
        const char *s = t->pool + c->offset;
        if (!csvchart_table_missing_text(s, c->len) ||
            (!f->token_kept[k] && strspn(s, " \t") < c->len)) {
            return false;
        }
    }
    return (f->gcol == (size_t)-1 || set_has(&f->groups, t, row, f->gcol)) &&
           (f->fcol == (size_t)-1 || set_has(&f->facets, t, row, f->fcol));
}

/* Counts the dropped row in t->skipped; false when out of memory. */
static bool drop(const struct table_folder *f, csvchart_table *t, size_t row)
{
    struct table_skipped *k = &t->skipped;
    const struct table_cell *x = row_cell(t, row, f->key[0]);
    if (k->nkept < CSVCHART_WARNINGS_KEEP) {
        char *copy = csvchart_strndup(t->pool + x->offset, x->len);
        if (!copy) {
            return false;
        }
        k->kept[k->nkept].line = x->line;
        k->kept[k->nkept++].x = copy;
    }
    k->count++;
    k->last_line = x->line;
    return true;
}

/* A row stays: notes its group and facet values and its missing tokens for droppable(). */
static bool kept(struct table_folder *f, const csvchart_table *t, size_t row)
{
    for (size_t k = 0; k < t->nacc; k++) {
        const struct table_cell *c = row_cell(t, row, t->acc_cols[k]);
        const char *s = t->pool + c->offset;
        f->token_kept[k] = f->token_kept[k] || (strspn(s, " \t") < c->len &&
                                                csvchart_table_missing_text(s, c->len));
    }
    return set_note(&f->groups, t, row, f->gcol) && set_note(&f->facets, t, row, f->fcol);
}

/* ---- Counting categories ----------------------------------------------------------------- */

/*
 * Counts row's category - its x within its facet, as binding counts a panel's categories -
 * when new: FOLD_LIMIT when that makes more than max_keys in one panel. Row is to be kept
 * (the sets point at its text).
 */
static enum fold_result count_category(struct table_folder *f, const csvchart_table *t,
                                       size_t row)
{
    if (!f->max_keys) {
        return FOLD_KEEP;
    }
    if (!f->count_only && f->nkey == 1) { // the key set holds the x values already
        return f->keys.len >= f->max_keys ? FOLD_LIMIT : FOLD_KEEP;
    }
    size_t cols[2] = {f->key[0], f->fcol};
    size_t n = f->fcol == (size_t)-1 ? 1 : 2, slot, fslot = 0;
    uint64_t h = hash_cols(t, row, cols, n);
    if (!set_grow(&f->xs)) {
        return FOLD_NOMEM;
    }
    if (set_find(&f->xs, t, row, cols, n, h, &slot) != (size_t)-1) {
        return FOLD_KEEP;
    }
    size_t *count = &f->xs.len; // one panel: every x counts
    if (n == 2) {
        uint64_t hf = hash_cols(t, row, &f->fcol, 1);
        if (!set_grow(&f->fcount)) {
            return FOLD_NOMEM;
        }
        if (set_find(&f->fcount, t, row, &f->fcol, 1, hf, &fslot) == (size_t)-1) {
            set_put(&f->fcount, t, fslot, row, f->fcol, hf);
        }
        count = &f->fcount.slots[fslot].n;
    }
    if (*count >= f->max_keys) {
        return FOLD_LIMIT;
    }
    set_put(&f->xs, t, slot, row, cols[0], h);
    if (n == 2) {
        (*count)++;
    }
    return FOLD_KEEP;
}

/* count_only (table.h): whether the row is one more category or event than allowed. */
static enum fold_result count_row(struct table_folder *f, const csvchart_table *t, size_t row)
{
    for (size_t k = 0; k < f->nkey; k++) {
        const struct table_cell *c = row_cell(t, row, f->key[k]);
        if (csvchart_table_missing_text(t->pool + c->offset, c->len)) {
            return FOLD_KEEP; // binding skips it
        }
    }
    if (f->every_row) {
        return f->max_keys && f->counted++ >= f->max_keys ? FOLD_LIMIT : FOLD_KEEP;
    }
    bool any = false;
    for (size_t k = 0; k < f->nv && !any; k++) {
        const struct table_cell *c = row_cell(t, row, f->vcols[k]);
        double v;
        any = f->nvalues ? !csvchart_table_missing_text(t->pool + c->offset, c->len)
                         : csvchart_table_number(t, t->pool + c->offset, c->len, &v, NULL);
    }
    return any ? count_category(f, t, row) : FOLD_KEEP;
}

/* ---- Folding a row --------------------------------------------------------------------------- */

static enum fold_result fold_row(struct table_folder *f, csvchart_table *t);

enum fold_result csvchart_table_folder_row(struct table_folder *f, csvchart_table *t,
                                           size_t *blame_col)
{
    if (!f->on) {
        return FOLD_KEEP;
    }
    size_t row = t->nrows;
    *blame_col = f->key[0];
    if (f->count_only) {
        return count_row(f, t, row);
    }
    if (droppable(f, t, row)) {
        return drop(f, t, row) ? FOLD_DROPPED : FOLD_NOMEM;
    }
    enum fold_result r = fold_row(f, t);
    return r == FOLD_KEEP && !kept(f, t, row) ? FOLD_NOMEM : r;
}

/* The row's fate once it is not dropped: kept as a new key, merged, or kept as it is. */
static enum fold_result fold_row(struct table_folder *f, csvchart_table *t)
{
    size_t row = t->nrows;
    if (!foldable(f, t, row)) {
        return acc_row(f, t, row, false) ? FOLD_KEEP : FOLD_NOMEM;
    }
    uint64_t h = hash_cols(t, row, f->key, f->nkey);
    if (!set_grow(&f->keys)) {
        return FOLD_NOMEM;
    }
    size_t slot;
    size_t into = set_find(&f->keys, t, row, f->key, f->nkey, h, &slot);
    if (into != (size_t)-1) {
        merge(f, t, into);
        return FOLD_MERGED;
    }
    enum fold_result limit = count_category(f, t, row);
    if (limit != FOLD_KEEP) {
        return limit;
    }
    if (!acc_row(f, t, row, true)) {
        return FOLD_NOMEM;
    }
    set_put(&f->keys, t, slot, row, f->key[0], h);
    return FOLD_KEEP;
}
