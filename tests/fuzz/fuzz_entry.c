/*
 * fuzz_entry.c - what each fuzz target does with one input (see fuzz_entry.h).
 *
 * Compiled into every libFuzzer target (tests/fuzz/CMakeLists.txt) and included by
 * tests/unit/test_fuzz_regressions.c, so the corpus and the regression files run in the
 * ordinary gcc and ASan test suites too. Besides not crashing, each entry checks contracts the
 * headers promise and reports a broken one with check() (a message and a return value of 1).
 * Everything an entry allocates is freed before it returns, on every path, so LeakSanitizer
 * sees the library's leaks and only those.
 */
#include "fuzz_entry.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvchart.h"
#include "fold_check.h"
#include "date.h"
#include "figure.h"
#include "format.h"
#include "number.h"
#include "options.h"
#include "spec.h"
#include "table.h"
#include "text.h"
#include "theme.h"
#include "timeline_axis.h"
#include "trend_fit.h"

#include <unistd.h>

#ifdef CSVCHART_FUZZ_INI
#include "cli/batch.h"
#endif

/* Records a broken contract: prints it and makes the entry return 1. */
#define check(ok, ...)                                                                             \
    do {                                                                                           \
        if (!(ok)) {                                                                               \
            fprintf(stderr, "%s:%d: contract broken: ", __FILE__, __LINE__);                       \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            broken = 1;                                                                            \
        }                                                                                          \
    } while (0)

/* True when [s, s+len) is valid UTF-8 (no overlong forms, surrogates or values > U+10FFFF). */
static bool valid_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char b = s[i];
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b < 0x80) {
            i++;
            continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            lo = b == 0xE0 ? 0xA0 : 0x80;
            hi = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            lo = b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (len - i - 1 < need || s[i + 1] < lo || s[i + 1] > hi) {
            return false;
        }
        for (size_t k = 2; k <= need; k++) {
            if (s[i + k] < 0x80 || s[i + k] > 0xBF) {
                return false;
            }
        }
        i += need + 1;
    }
    return true;
}

/* ---- CSV ------------------------------------------------------------------------------------ */

/* Checks what table.h promises of any table read without an error. */
static int table_sane(const csvchart_table *t)
{
    int broken = 0;
    check(t->ncols > 0 && t->nrows > 0, "table of %zu x %zu", t->ncols, t->nrows);
    check(t->pool_len >= 1 && t->pool_len <= t->pool_cap && t->pool[0] == '\0', "bad pool");
    for (size_t c = 0; c < t->ncols; c++) {
        const struct table_column *col = &t->cols[c];
        check(col->name != NULL && col->name[0] != '\0', "column %zu has no name", c);
        check(col->line >= 1 && col->col >= 1, "column %zu at %zu:%zu", c, col->line, col->col);
        check(col->count + col->missing == t->nrows, "column %zu counts %zu + %zu != %zu rows", c,
              col->count, col->missing, t->nrows);
        check(col->type != COLUMN_EMPTY || col->count == 0, "empty column %zu with values", c);
        if (col->type == COLUMN_NUMBER || col->type == COLUMN_DATE) {
            check(col->count == 0 ||
                      (isfinite(col->min) && isfinite(col->max) && col->min <= col->max),
                  "column %zu range %g..%g", c, col->min, col->max);
        }
    }
    size_t prev_line = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const struct table_cell *cell = csvchart_table_cell(t, r, c);
            check(cell->line >= 1 && cell->col >= 1, "cell %zu,%zu at %zu:%u", r, c, cell->line,
                  (unsigned)cell->col);
            check(cell->line >= prev_line, "cell %zu,%zu on line %zu before line %zu", r, c,
                  cell->line, prev_line);
            prev_line = cell->line;
            check(cell->offset < t->pool_len && cell->len < t->pool_len - cell->offset,
                  "cell %zu,%zu outside the pool", r, c);
            if (broken) {
                return broken;
            }
            const char *text = csvchart_table_text(t, cell);
            check(strlen(text) == cell->len, "cell %zu,%zu: length %u but strlen %zu", r, c,
                  (unsigned)cell->len, strlen(text));
            check(valid_utf8((const unsigned char *)text, cell->len), "cell %zu,%zu not UTF-8", r,
                  c);
            enum column_type type = t->cols[c].type;
            if (!cell->missing && (type == COLUMN_NUMBER || type == COLUMN_DATE)) {
                check(isfinite(cell->num), "cell %zu,%zu value %g", r, c, cell->num);
            }
            if (broken) {
                return broken;
            }
        }
    }
    return broken;
}

static bool same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* Two tables read from the same bytes must be equal in everything. */
static int tables_equal(const csvchart_table *a, const csvchart_table *b)
{
    int broken = 0;
    check(a->ncols == b->ncols && a->nrows == b->nrows, "%zu x %zu whole, %zu x %zu in pieces",
          a->ncols, a->nrows, b->ncols, b->nrows);
    check(a->delimiter == b->delimiter && a->had_bom == b->had_bom, "delimiter or BOM differ");
    if (broken) {
        return broken;
    }
    for (size_t c = 0; c < a->ncols && !broken; c++) {
        const struct table_column *x = &a->cols[c], *y = &b->cols[c];
        check(strcmp(x->name, y->name) == 0 && x->line == y->line && x->col == y->col &&
                  x->type == y->type && x->count == y->count && x->missing == y->missing,
              "column %zu differs", c);
    }
    for (size_t r = 0; r < a->nrows && !broken; r++) {
        for (size_t c = 0; c < a->ncols && !broken; c++) {
            const struct table_cell *x = csvchart_table_cell(a, r, c);
            const struct table_cell *y = csvchart_table_cell(b, r, c);
            check(x->line == y->line && x->col == y->col && x->len == y->len &&
                      x->missing == y->missing && x->date_prec == y->date_prec &&
                      same_double(x->num, y->num) &&
                      strcmp(csvchart_table_text(a, x), csvchart_table_text(b, y)) == 0,
                  "cell %zu,%zu differs: %zu:%u \"%s\" whole, %zu:%u \"%s\" in pieces", r, c,
                  x->line, (unsigned)x->col, csvchart_table_text(a, x), y->line, (unsigned)y->col,
                  csvchart_table_text(b, y));
        }
    }
    return broken;
}

/*
 * Folding while reading (aggregate.h) is invisible: an aggregated bar chart bound from the folded
 * table equals the one bound from the whole table (fold_check.h). Bits of `a` and `b` pick
 * the aggregate, the group and facet columns among the table's, the y columns and log.
 */
static int fold_matches(const char *csv, size_t len, const csvchart_table *t, uint8_t a, uint8_t b)
{
    static const char *const aggs[5] = {"sum", "mean", "count", "min", "max"};
    struct option_values vals;
    memset(&vals, 0, sizeof vals);
    csvchart_error err = {0};
    csvchart_option_values_set(&vals, OPT_AGGREGATE, aggs[(a >> 4) % 5], NULL, 0, &err);
    if (b & 1 && t->ncols > 2) {
        csvchart_option_values_set(&vals, OPT_GROUP, t->cols[2].name, NULL, 0, &err);
    }
    if (b & 2 && t->ncols > 3) {
        csvchart_option_values_set(&vals, OPT_FACET, t->cols[3].name, NULL, 0, &err);
    }
    if (b & 4 && t->ncols > 1) {
        csvchart_option_values_set(&vals, OPT_Y, t->cols[1].name, NULL, 0, &err);
    }
    if (b & 8) {
        csvchart_option_values_set(&vals, OPT_LOG, "true", NULL, 0, &err);
    }
    struct spec s;
    int broken = 0;
    if (csvchart_spec_bind(&vals, KIND_BAR, &s, &err) == CSVCHART_OK) {
        struct fold_outcome whole, folded;
        fold_run(csv, len, &s, false, &whole);
        fold_run(csv, len, &s, true, &folded);
        /* Sums may add their terms in another order: equal to 1e-9, relatively. */
        broken = !fold_agree(&whole, &folded, 1e-9, "(the input)");
        fold_outcome_fini(&whole);
        fold_outcome_fini(&folded);
        csvchart_spec_fini(&s);
    }
    csvchart_option_values_fini(&vals);
    return broken;
}

int csvchart_fuzz_csv(const uint8_t *data, size_t size)
{
    static const char delims[8] = {0, ',', ';', '\t', '|', ' ', ':', 0};
    int broken = 0;
    if (size < 3) {
        return 0;
    }
    struct table_options opt = {.delimiter = delims[data[0] & 7]};
    if (data[1] & 1) { // tiny limits, so that every limit is reached
        opt.max_field_bytes = 1 + (data[1] >> 1 & 15);
        opt.max_columns = 1 + (data[1] >> 5 & 3);
        opt.max_rows = 1 + (data[1] >> 5);
    }
    uint32_t seed = data[2];
    const char *csv = (const char *)data + 3;
    size_t len = size - 3;

    csvchart_error e1 = {0};
    csvchart_table *t1 = NULL;
    csvchart_status s1 = csvchart_table_read("fuzz.csv", csv, len, &opt, &t1, &e1);
    check((s1 == CSVCHART_OK) == (t1 != NULL), "status %d with table %p", (int)s1, (void *)t1);
    check((s1 == CSVCHART_OK) == (e1.status == CSVCHART_OK), "status %d, error %d", (int)s1,
          (int)e1.status);
    if (t1 && !broken) {
        broken |= table_sane(t1);
    }

    /* The streaming reader, in pieces: sizes from a small generator seeded by byte 2, up to 1,
     * 4, 16 or 256 bytes each (the top bits of byte 2 pick the maximum). */
    static const size_t max_piece[4] = {1, 4, 16, 256};
    size_t most = max_piece[seed >> 6];
    csvchart_error e2 = {0};
    csvchart_table_reader *r = NULL;
    csvchart_table *t2 = NULL;
    csvchart_status s2 = csvchart_table_reader_new("fuzz.csv", &opt, &r, &e2);
    for (size_t i = 0; s2 == CSVCHART_OK && i < len;) {
        seed = seed * 1103515245u + 12345u;
        size_t n = 1 + (seed >> 16) % most;
        n = n > len - i ? len - i : n;
        s2 = csvchart_table_reader_feed(r, csv + i, n, &e2);
        i += n;
    }
    if (s2 == CSVCHART_OK) {
        s2 = csvchart_table_reader_finish(r, &t2, &e2);
    }
    if (r && s2 != CSVCHART_OK) {
        /* Errors are sticky: another feed or finish gives the same error back. */
        csvchart_error e3 = {0};
        csvchart_table *t3 = NULL;
        csvchart_status s3 = csvchart_table_reader_finish(r, &t3, &e3);
        check(s3 == s2 && t3 == NULL, "finish after an error: %d, expected %d", (int)s3, (int)s2);
        csvchart_table_free(t3);
    }
    csvchart_table_reader_free(r);

    check(s1 == s2, "status %d whole, %d in pieces", (int)s1, (int)s2);
    if (s1 != CSVCHART_OK && s1 == s2) {
        char whole[sizeof e1.text];
        snprintf(whole, sizeof whole, "%s", csvchart_error_text(&e1));
        check(strcmp(whole, csvchart_error_text(&e2)) == 0,
              "error differs:\n  whole:     %s\n  in pieces: %s", whole, e2.text);
    }
    if (t1 && t2 && !broken) {
        broken |= tables_equal(t1, t2);
    }
    if (t1 && !broken && (data[0] & 8) && !(data[1] & 1)) {
        broken |= fold_matches(csv, len, t1, data[0], data[2]);
    }
    csvchart_table_free(t1);
    csvchart_table_free(t2);
    return broken;
}

/* ---- Numbers, dates, labels ------------------------------------------------------------------ */

static int date_sane(const struct date_value *d)
{
    int broken = 0;
    check(d->year >= 1 && d->year <= 9999 && d->month >= 1 && d->month <= 12 && d->day >= 1 &&
              d->day <= csvchart_date_month_days(d->year, d->month),
          "impossible date %d-%d-%d", d->year, d->month, d->day);
    check(d->precision >= DATE_YEAR && d->precision <= DATE_TIME, "precision %d",
          (int)d->precision);
    if (broken) {
        return broken;
    }
    check(csvchart_date_days(d->year, d->month, d->day) == d->days,
          "%d-%02d-%02d is day %lld, not %lld", d->year, d->month, d->day,
          (long long)csvchart_date_days(d->year, d->month, d->day), (long long)d->days);
    check(d->second >= 0 && d->second < 86400, "second %.17g", d->second);
    check(d->precision == DATE_TIME || d->second == 0, "second %g without a time", d->second);
    int y, m, day;
    csvchart_date_civil(d->days, &y, &m, &day);
    check(y == d->year && m == d->month && day == d->day, "civil(%lld) = %d-%d-%d, not %d-%d-%d",
          (long long)d->days, y, m, day, d->year, d->month, d->day);
    check(isfinite(csvchart_date_coord(d)), "coordinate not finite");
    return broken;
}

/* Formats v as a value and as ticks into buffers of several sizes; checks the buffer rules. */
static int format_all(const struct value_format *f, double v, double step)
{
    int broken = 0;
    static const size_t sizes[] = {1, 2, 5, 16};
    char full[256];
    size_t full_len = csvchart_format_value(f, v, full, sizeof full);
    check(full_len < sizeof full && strlen(full) == full_len, "value label length %zu", full_len);
    check(valid_utf8((const unsigned char *)full, strlen(full)), "value label not UTF-8");
    check(csvchart_format_value(f, v, NULL, 0) == 0, "n == 0 wrote something");
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char buf[256];
        memset(buf, 'X', sizeof buf);
        size_t n = csvchart_format_value(f, v, buf, sizes[i]);
        check(n < sizes[i] && buf[n] == '\0' && strlen(buf) == n, "value into %zu: %zu bytes",
              sizes[i], n);
        check(n <= full_len && memcmp(buf, full, n) == 0, "a cut label is not a prefix");
        check(valid_utf8((const unsigned char *)buf, n), "cut label not UTF-8");
        check(sizes[i] == sizeof buf || buf[sizes[i]] == 'X', "wrote past %zu bytes", sizes[i]);
        n = csvchart_format_tick(f, v, step, buf, sizes[i]);
        check(n < sizes[i] && buf[n] == '\0' && strlen(buf) == n, "tick into %zu: %zu bytes",
              sizes[i], n);
        check(valid_utf8((const unsigned char *)buf, n), "cut tick label not UTF-8");
    }
    /* Round trip: a label may not read back (U+2212, "K"), but reading it must be safe. */
    double back;
    struct number_unit u;
    if (csvchart_number_parse(full, full_len, &back, &u)) {
        check(isfinite(back), "label \"%s\" reads back as %g", full, back);
    }
    return broken;
}

int csvchart_fuzz_number(const uint8_t *data, size_t size)
{
    int broken = 0;
    const char *s = (const char *)data;

    double v = 0;
    struct number_unit unit;
    memset(&unit, 0x5A, sizeof unit);
    bool is_number = csvchart_number_parse(s, size, &v, &unit);
    if (is_number) {
        check(isfinite(v), "\"%.*s\" parsed as %g", (int)(size > 80 ? 80 : size), s, v);
        check(memchr(unit.prefix, '\0', sizeof unit.prefix) &&
                  memchr(unit.suffix, '\0', sizeof unit.suffix),
              "unit strings not terminated");
        check(unit.decimals >= 0, "decimals %d", unit.decimals);
        check(unit.multiplier == 0 || strchr("KMBT", unit.multiplier), "multiplier %d",
              unit.multiplier);
    }
    struct date_value d;
    if (csvchart_date_parse(s, size, &d)) {
        broken |= date_sane(&d);
    }
    if (size == 0) {
        return broken;
    }

    static const char *const formats[] = {
        "auto", "si",    "percent",  "currency", "$%.2f", "%.1f%%", "%'d people", "%+08.3e",
        "%g",   "%#.0f", "%-12.20G", "x%'.3F€",  "",      "%d",     "%i%%",       "%E"};
    struct value_format f;
    csvchart_error e = {0};
    bool have_format = false;
    if (data[0] & 0x80) {
        /* A format from the input: the bytes after byte 0 up to a newline. */
        const char *nl = memchr(s + 1, '\n', size - 1);
        size_t n = nl ? (size_t)(nl - s - 1) : size - 1;
        char spec[128];
        n = n < sizeof spec - 1 ? n : sizeof spec - 1;
        memcpy(spec, s + 1, n);
        spec[n] = '\0';
        have_format = csvchart_format_parse(spec, &f, &e) == CSVCHART_OK;
        check(have_format == (e.status == CSVCHART_OK), "format status and error disagree");
    }
    if (!have_format) {
        csvchart_error_clear(&e);
        have_format = csvchart_format_parse(formats[data[0] & 15], &f, &e) == CSVCHART_OK;
        check(have_format, "format \"%s\" rejected: %s", formats[data[0] & 15],
              csvchart_error_text(&e));
    }
    if (!have_format) {
        return broken;
    }
    csvchart_format_set_unit(&f, is_number ? &unit : NULL);
    /* The parsed value, its negation and one more value picked by the last byte, each with a
     * step picked by the last byte too (all of them would cost more time than they find). */
    static const double steps[] = {1, 0.5, 0.01, 10, 1e-300, 0, -2.5, NAN, INFINITY};
    static const double others[] = {0.0, -0.0,     1e300,     -1e-300, 5e-17,    999.995,
                                    NAN, INFINITY, -INFINITY, 0.07,    1.2345e9, 1e15};
    uint8_t last = data[size - 1];
    double values[3] = {v, -v, others[last % 12]};
    for (size_t i = 0; i < 3 && !broken; i++) {
        broken |= format_all(&f, values[i], steps[(last + i) % 9]);
    }
    if (is_number && v != 0 && isfinite(v)) {
        broken |= format_all(&f, v * 3, v); // a tick that is a multiple of its step
    }
    return broken;
}

/* ---- INI ------------------------------------------------------------------------------------- */

#ifdef CSVCHART_FUZZ_INI
static int section_sane(const struct ini_section *sec, size_t lines)
{
    int broken = 0;
    check(sec->name != NULL, "section without a name");
    check(sec->line <= lines, "section [%s] on line %zu of %zu", sec->name ? sec->name : "",
          sec->line, lines);
    check(sec->len <= sec->cap, "section length %zu > capacity %zu", sec->len, sec->cap);
    for (size_t i = 0; i < sec->len && !broken; i++) {
        const struct ini_entry *en = &sec->entries[i];
        check(en->key && en->value, "entry %zu of [%s] without key or value", i, sec->name);
        check(en->value && strlen(en->value) == en->len && en->len < en->cap &&
                  en->len <= ((size_t)1 << 20) && !strpbrk(en->value, "\r\n"),
              "entry %zu of [%s]: length %zu, capacity %zu, or a line end in the value", i,
              sec->name, en->len, en->cap);
        check(en->line >= 1 && en->line <= lines, "entry %zu on line %zu of %zu", i, en->line,
              lines);
        for (size_t k = 0; k < i && !broken; k++) {
            check(strcmp(sec->entries[k].key, en->key) != 0, "key %s twice in [%s]", en->key,
                  sec->name);
        }
    }
    return broken;
}

int csvchart_fuzz_ini(const uint8_t *data, size_t size)
{
    int broken = 0;
    size_t lines = 1; // LF, CRLF and CR each end a line
    for (size_t i = 0; i < size; i++) {
        lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
    }
    struct ini_doc doc;
    csvchart_error e = {0};
    csvchart_status st = csvchart_ini_parse("fuzz.ini", (const char *)data, size, &doc, &e);
    check(st == e.status, "status %d, error %d", (int)st, (int)e.status);
    if (st == CSVCHART_OK) {
        check(doc.len >= 1 && doc.path && strcmp(doc.path, "fuzz.ini") == 0, "%zu figures",
              doc.len);
        broken |= section_sane(&doc.defaults, lines);
        for (size_t i = 0; i < doc.len && !broken; i++) {
            broken |= section_sane(&doc.figures[i], lines);
            check(doc.figures[i].line >= 1, "figure [%s] on line 0", doc.figures[i].name);
            /* a figure's name is a safe file name: no space, comma, slash, quote ... */
            check(doc.figures[i].name[0] &&
                      !strpbrk(doc.figures[i].name, " \t,/\\\"'$;:*?<>|[]()#%=&`~!{}^"),
                  "figure name \"%s\"", doc.figures[i].name);
        }
    } else {
        check(doc.len == 0 && doc.figures == NULL && doc.path == NULL, "a failed parse kept data");
        check(e.message[0] != '\0', "an error without a message");
    }
    csvchart_ini_free(&doc);
    return broken;
}

int csvchart_fuzz_have_ini(void)
{
    return 1;
}
#else
int csvchart_fuzz_ini(const uint8_t *data, size_t size)
{
    (void)data;
    (void)size;
    return 0;
}

int csvchart_fuzz_have_ini(void)
{
    return 0;
}
#endif

/* ---- A whole figure -------------------------------------------------------------------------- */

#define MAX_NAMES 8

/* The header's column names, split naively at `delim` (quotes dropped), so that options can
 * name real columns. Returns how many (0..MAX_NAMES). */
static size_t header_names(const char *csv, size_t len, char delim, char names[][48])
{
    size_t n = 0, k = 0;
    for (size_t i = 0; i <= len && n < MAX_NAMES; i++) {
        char b = i < len ? csv[i] : '\n';
        if (b == delim || b == '\n' || b == '\r') {
            while (k > 0 && names[n][k - 1] == ' ') {
                k--;
            }
            names[n][k] = '\0';
            n++;
            k = 0;
            if (b != delim) {
                break;
            }
        } else if (b != '"' && b != '\0' && !(k == 0 && b == ' ') && k < 47) {
            names[n][k++] = b;
        }
    }
    return n;
}

/* The scene's contract (scene.h), asserted there too but not in release builds: every number
 * finite, no size negative. NULL (no scene): nothing to check. */
static int scene_sane(const struct csvchart_scene *sc)
{
    int broken = 0;
    for (size_t i = 0; sc && i < sc->len; i++) {
        const struct scene_item *it = &sc->items[i];
        bool ok = isfinite(it->x) && isfinite(it->y) && isfinite(it->x2) && isfinite(it->y2) &&
                  isfinite(it->w) && isfinite(it->h) && it->w >= 0 && it->h >= 0 &&
                  isfinite(it->r) && it->r >= 0 && isfinite(it->baseline) &&
                  isfinite(it->anchor_x) && it->stroke_width >= 0;
        for (size_t k = 0; k < it->npoints; k++) {
            ok = ok && isfinite(it->points[k].x) && isfinite(it->points[k].y);
        }
        check(ok, "scene item %zu (kind %d): x %g y %g w %g h %g r %g", i, (int)it->kind, it->x,
              it->y, it->w, it->h, it->r);
    }
    return broken;
}

int csvchart_fuzz_render(const uint8_t *data, size_t size)
{
    int broken = 0;
    if (size < 5) {
        return 0;
    }
    uint8_t b0 = data[0], b1 = data[1], b2 = data[2], b3 = data[3], b4 = data[4];
    const char *csv = (const char *)data + 5;
    size_t len = size - 5;
    bool timeline = b0 & 1;
    bool real_text = (b4 >> 2) == 31; // 1 input in 32

    csvchart_error e = {0};
    csvchart_figure *fig = csvchart_figure_new(timeline ? "timeline" : "bar", &e);
    check(fig != NULL, "figure_new: %s", csvchart_error_text(&e));
    if (!fig) {
        return broken;
    }
    /* Real text uses one Pango measurer for the whole run: a new font map per input (as each
     * figure has in production) loaded and sorted fonts again every time, ~100 ms under the
     * sanitizers, and the fuzzer spent most of its time there. The code that runs is the
     * same; only fontconfig's and Pango's caches stay warm. */
    static csvchart_text_measurer *pango;
    if (real_text && !pango) {
        pango = csvchart_text_pango_new();
    }
    csvchart_figure_set_measurer(fig, real_text && pango ? pango : csvchart_text_fake());

    static const char *const delims[4] = {"auto", ",", ";", "tab"};
    static const char delim_chars[4] = {',', ',', ';', '\t'};
    char names[MAX_NAMES][48];
    size_t nn = header_names(csv, len, delim_chars[b4 & 3], names);
    const char *col[4] = {"a", "b", "c", "d"};
    for (size_t i = 0; nn > 0 && i < 4; i++) {
        col[i] = names[(b2 >> (2 * i) & 3) % nn];
    }
    static const char *const sizes[4] = {"320x180", "180x320", "400x120", "240x240"};
    static const char *const formats[4] = {"auto", "si", "%.1f%%", "currency"};
    static const char *const marks[4] = {"bar", "dot", "lollipop", "bar"};

    /* Errors from csvchart_set are fine (a column that does not exist is an error at render
     * time): the figure must still behave. Each error is cleared so the next set is tried. */
#define SET(name, value)                                                                           \
    do {                                                                                           \
        csvchart_set(fig, name, value, &e);                                                        \
        csvchart_error_clear(&e);                                                                  \
    } while (0)
    SET("size", sizes[b3 & 3]);
    SET("delimiter", delims[b4 & 3]);
    if (b3 & 4) {
        SET("value_format", formats[(b3 >> 4) & 3]);
    }
    if (b3 & 8) {
        SET("title", "A title long enough to wrap over more than one line in a small figure");
        SET("subtitle", "Subtitle");
        SET("source", "Source: fuzz");
        SET("note", "A note");
    }
    if (b3 & 64) {
        SET("theme", "dark");
    }
    if (!timeline) {
        SET("x", col[0]);
        if (!(b1 & 0x40)) {
            SET("y", col[1]);
        }
        if (b1 & 1) {
            SET("log", "true");
        }
        SET("horizontal", (b1 & 2) ? "true" : (b1 & 0x80) ? "false" : "auto");
        if (b1 & 4) {
            SET("stack", "true");
        }
        SET("mark", marks[(b1 >> 3) & 3]);
        if (b1 & 0x20) {
            SET("facet", col[2]);
        }
        if (b1 & 0x40) {
            SET("low", col[1]);
            SET("high", col[3]);
        }
        if (b3 & 0x10) {
            SET("aggregate", (b3 & 0x20) ? "sum" : "mean");
        }
        if (b3 & 0x80) {
            SET("sort", (b1 & 0x80) ? "desc" : "asc");
            SET("ratio", "true");
        }
        if ((b0 & 6) == 6) {
            SET("group", col[2]);
        }
    } else {
        SET("date", col[0]);
        SET("label", col[1]);
        if (b1 & 1) {
            SET("detail", col[2]);
        }
        if (b1 & 2) {
            SET("end", col[3]);
        }
        static const char *const orient[4] = {"auto", "horizontal", "vertical", "auto"};
        SET("orientation", orient[(b1 >> 2) & 3]);
        if (b1 & 0x10) {
            SET("group", col[2]);
        }
        if (b1 & 0x20) {
            SET("today", (b1 & 0x40) ? "2026-01-15" : "1999");
        }
    }
#undef SET

    csvchart_status st = csvchart_figure_load_buffer(fig, "fuzz.csv", csv, len, &e);
    bool verbose = getenv("CSVCHART_FUZZ_VERBOSE") != NULL; // to see what a seed reaches
    if (verbose && st != CSVCHART_OK) {
        fprintf(stderr, "load: %s\n", csvchart_error_text(&e));
    }
    check(st == e.status, "load: status %d, error %d", (int)st, (int)e.status);
    if (st == CSVCHART_OK) {
        /* b0 bits 1-2: which outputs (PNG and SVG; PNG; SVG; PNG, SVG and the scene dump). */
        csvchart_format fmts[3] = {CSVCHART_FORMAT_PNG, CSVCHART_FORMAT_SVG, CSVCHART_FORMAT_SCENE};
        static const bool wanted[4][3] = {
            {true, true, false}, {true, false, false}, {false, true, false}, {true, true, true}};
        const bool *want = wanted[(b0 >> 1) & 3];
        for (size_t i = 0; i < 3; i++) {
            if (!want[i]) {
                continue;
            }
            void *out = (void *)1;
            size_t out_len = 1;
            csvchart_error re = {0};
            csvchart_status rs = csvchart_figure_render(fig, fmts[i], &out, &out_len, &re);
            check(rs == re.status, "render: status %d, error %d", (int)rs, (int)re.status);
            if (verbose) {
                fprintf(stderr, "render %zu: %s (%zu bytes)\n", i,
                        rs ? csvchart_error_text(&re) : "ok", out_len);
            }
            if (rs == CSVCHART_OK) {
                check(out != NULL && out_len > 0, "render gave %zu bytes", out_len);
                if (out && out_len >= 8 && fmts[i] == CSVCHART_FORMAT_PNG) {
                    check(memcmp(out, "\x89PNG\r\n\x1a\n", 8) == 0, "not a PNG");
                }
                if (out && out_len > 0 && fmts[i] == CSVCHART_FORMAT_SVG) {
                    check(valid_utf8(out, out_len), "SVG not UTF-8");
                    check(memchr(out, '\0', out_len) == NULL, "NUL in the SVG");
                }
            } else {
                check(out == NULL && out_len == 0, "failed render left %zu bytes", out_len);
                check(re.message[0] != '\0', "render error without a message");
            }
            free(out);
        }
        for (size_t i = 0; i < csvchart_figure_warning_count(fig); i++) {
            check(csvchart_figure_warning(fig, i) != NULL, "warning %zu is NULL", i);
        }
        csvchart_error se = {0};
        broken |= scene_sane(csvchart_figure_scene(fig, &se));
    } else {
        check(e.message[0] != '\0', "load error without a message");
    }
    csvchart_figure_free(fig);
    return broken;
}

/* ---- Languages: locales, decimal commas, date orders ----------------------------------------- */

/*
 * The locales the targets below pick from by index (0: none). Append only: a corpus file
 * names its locale by index. Languages whose data differ in what the code reads: decimal and
 * group marks of several bytes (U+202F, U+066B), currency signs after the number or several
 * bytes long ("zł", "K" that is also a multiplier), month names with dots, non-Latin scripts,
 * numeric months (ja "%m月"), and glibc's date formats of every shape.
 */
static const char *const fuzz_locales[32] = {
    NULL,    "de",    "fr",    "es",    "it",    "nl",    "pt_BR", "pl",
    "sv",    "ja_JP", "zh_CN", "ko_KR", "ar_EG", "fa_IR", "th_TH", "hi_IN",
    "ru_RU", "uk_UA", "cs_CZ", "fi_FI", "hu_HU", "tr_TR", "el_GR", "he_IL",
    "vi_VN", "en_GB", "de_CH", "fr_CA", "pt_PT", "my_MM", "nb_NO", "en_US",
};

/* The locale of index i (0..31), read once and kept for the process (NULL: none, or glibc has
 * no data for it here). Single-threaded, as libFuzzer and the regression test are. */
static const struct csvchart_locale *fuzz_locale(unsigned i)
{
    static struct csvchart_locale *cache[32];
    static bool tried[32];
    i &= 31;
    if (!fuzz_locales[i]) {
        return NULL;
    }
    if (!tried[i]) {
        tried[i] = true;
        csvchart_error e = {0};
        if (csvchart_locale_load(fuzz_locales[i], &cache[i], &e) != CSVCHART_OK) {
            cache[i] = NULL;
        }
    }
    return cache[i];
}

/* Date syntaxes by index: the four of date_format and the other separators date.h reads. */
static const struct {
    enum date_order order;
    char sep;
} fuzz_orders[8] = {
    {DATE_ORDER_NONE, 0},  {DATE_ORDER_DMY, '/'}, {DATE_ORDER_MDY, '/'}, {DATE_ORDER_YMD, '-'},
    {DATE_ORDER_DMY, '.'}, {DATE_ORDER_DMY, '-'}, {DATE_ORDER_YMD, '/'}, {DATE_ORDER_MDY, '.'},
};

/* Checks a label written into buffers of several sizes by `write` (the buffer rules of
 * format.h and timeline_axis.h: NUL-terminated, cut on a whole character, a prefix of the
 * whole label, nothing written past n). */
#define CHECK_LABEL(what, call_full, call_n)                                                       \
    do {                                                                                           \
        static const size_t sizes_[] = {1, 2, 3, 5, 9, 17, 40};                                    \
        char full_[512];                                                                           \
        memset(full_, 'X', sizeof full_);                                                          \
        {                                                                                          \
            char *buf_ = full_;                                                                    \
            size_t n_ = sizeof full_;                                                              \
            call_full;                                                                             \
            (void)buf_;                                                                            \
            (void)n_;                                                                              \
        }                                                                                          \
        size_t full_len_ = strnlen(full_, sizeof full_);                                           \
        check(full_len_ < sizeof full_, "%s: not NUL-terminated", what);                           \
        check(valid_utf8((const unsigned char *)full_, full_len_), "%s \"%s\" not UTF-8", what,    \
              full_);                                                                              \
        for (size_t i_ = 0; i_ < sizeof sizes_ / sizeof sizes_[0] && !broken; i_++) {              \
            char part_[64];                                                                        \
            memset(part_, 'X', sizeof part_);                                                      \
            char *buf_ = part_;                                                                    \
            size_t n_ = sizes_[i_];                                                                \
            call_n;                                                                                \
            size_t len_ = strnlen(part_, n_);                                                      \
            check(len_ < n_, "%s into %zu bytes: not NUL-terminated", what, n_);                   \
            check(part_[n_] == 'X', "%s into %zu bytes: wrote past the end", what, n_);            \
            check(valid_utf8((const unsigned char *)part_, len_ < n_ ? len_ : 0),                  \
                  "%s into %zu bytes: \"%s\" not UTF-8", what, n_, part_);                         \
            check(len_ <= full_len_ && memcmp(part_, full_, len_ < n_ ? len_ : 0) == 0,            \
                  "%s into %zu bytes: \"%.*s\" is not a prefix of \"%s\"", what, n_,               \
                  (int)(len_ < n_ ? len_ : 0), part_, full_);                                      \
        }                                                                                          \
    } while (0)

int csvchart_fuzz_syntax(const uint8_t *data, size_t size)
{
    int broken = 0;
    if (size < 2) {
        return 0;
    }
    const struct csvchart_locale *loc = fuzz_locale(data[0] & 31);
    static const char decimals[4] = {0, '.', ',', ','};
    struct number_syntax nsyn = {.decimal = decimals[data[0] >> 5 & 3],
                                 .currency = loc ? loc->currency : NULL};
    struct date_syntax dsyn = {
        .order = fuzz_orders[data[1] & 7].order, .sep = fuzz_orders[data[1] & 7].sep, .loc = loc};
    const char *s = (const char *)data + 2;
    size_t len = size - 2;
    /* The first line is the value read; the rest (if any) a trend_label template. */
    const char *nl = memchr(s, '\n', len);
    size_t vlen = nl ? (size_t)(nl - s) : len;

    /* Numbers in the syntax. */
    double v = 0;
    struct number_unit unit;
    memset(&unit, 0x5A, sizeof unit);
    bool is_number = csvchart_number_parse_as(s, vlen, &nsyn, &v, &unit);
    if (is_number) {
        check(isfinite(v), "\"%.*s\" parsed as %g", (int)(vlen > 80 ? 80 : vlen), s, v);
        check(memchr(unit.prefix, '\0', sizeof unit.prefix) &&
                  memchr(unit.suffix, '\0', sizeof unit.suffix),
              "unit strings not terminated");
        check(valid_utf8((const unsigned char *)unit.prefix, strlen(unit.prefix)),
              "currency sign not UTF-8");
        check(unit.decimals >= 0, "decimals %d", unit.decimals);
        check(unit.multiplier == 0 || strchr("KMBT", unit.multiplier), "multiplier %d",
              unit.multiplier);
    }
    /* A decimal point set explicitly reads what the default reads, the same way (number.h:
     * the forms "given a syntax" are additions). */
    double dv;
    if (nsyn.decimal == '.' && csvchart_number_parse(s, vlen, &dv, NULL)) {
        struct number_syntax dot = {.decimal = '.'};
        double v2;
        check(csvchart_number_parse_as(s, vlen, &dot, &v2, NULL) && same_double(dv, v2),
              "\"%.*s\" reads as %g by default but not with decimal = .", (int)vlen, s, dv);
    }

    /* Dates in the syntax; what the default reads is read the same in every syntax (date.h:
     * ISO dates and month names are read with every setting). */
    struct date_value d, d0;
    bool is_date = csvchart_date_parse_as(s, vlen, &dsyn, &d);
    if (is_date) {
        broken |= date_sane(&d);
    }
    if (csvchart_date_parse(s, vlen, &d0)) {
        check(is_date && d.days == d0.days && d.precision == d0.precision &&
                  same_double(d.second, d0.second),
              "\"%.*s\" reads as a date by default, not (or otherwise) in the syntax", (int)vlen,
              s);
    }
    if (broken) {
        return broken;
    }
    if (loc) {
        size_t used = 0;
        int m = csvchart_locale_month(loc, s, vlen, &used);
        check(m >= 0 && m <= 12, "month %d", m);
        check(m == 0 || (used > 0 && used <= vlen), "month %d took %zu of %zu bytes", m, used,
              vlen);
    }

    /* Labels in the locale: values, ticks, ratios, changes, dates, spans, time ticks. */
    static const char *const formats[16] = {
        "auto", "si",    "percent",  "currency", "$%.2f", "%.1f%%", "%'d people", "%+08.3e",
        "%g",   "%#.0f", "%-12.20G", "x%'.3F€",  "",      "%d",     "%i%%",       "%'.2f"};
    struct value_format f;
    csvchart_error e = {0};
    if (csvchart_format_parse(formats[data[1] >> 3 & 15], &f, &e) == CSVCHART_OK) {
        csvchart_format_set_unit(&f, is_number ? &unit : NULL);
        f.loc = loc;
        static const double steps[] = {1, 0.5, 0.01, 10, 1e-300, 0, -2.5, NAN, INFINITY};
        uint8_t last = data[size - 1];
        broken |= format_all(&f, v, steps[last % 9]);
        if (!broken) {
            broken |= format_all(&f, -v * 1234.5, steps[(last + 1) % 9]);
        }
    }
    bool words;
    CHECK_LABEL("ratio", csvchart_format_ratio_in(loc, v, buf_, n_, &words),
                csvchart_format_ratio_in(loc, v, buf_, n_, &words));
    CHECK_LABEL("change", csvchart_format_change_in(loc, v, buf_, n_),
                csvchart_format_change_in(loc, v, buf_, n_));
    CHECK_LABEL("duration", csvchart_trend_duration(fabs(v), buf_, n_),
                csvchart_trend_duration(fabs(v), buf_, n_));
    if (broken) {
        return broken;
    }

    /* A date: the one read, else one made of the input's bytes. */
    if (!is_date) {
        uint32_t x = 0;
        for (size_t i = 0; i < vlen && i < 4; i++) {
            x = x << 8 | (uint8_t)s[i];
        }
        /* as date.h fills it in: month and day 1 when the precision has none */
        enum date_precision prec = (enum date_precision)(1 + x % 4);
        int y = 1 + (int)(x % 9999);
        int mo = prec >= DATE_MONTH ? 1 + (int)(x >> 16) % 12 : 1;
        int dd = prec >= DATE_DAY ? 1 + (int)(x >> 8) % csvchart_date_month_days(y, mo) : 1;
        d = (struct date_value){.days = csvchart_date_days(y, mo, dd),
                                .year = y,
                                .month = mo,
                                .day = dd,
                                .precision = prec,
                                .second = prec == DATE_TIME ? (double)(x % 86400) : 0};
    }
    for (int lng = 0; lng < 2 && !broken; lng++) {
        CHECK_LABEL("date", csvchart_date_format_in(loc, &d, lng, buf_, n_),
                    csvchart_date_format_in(loc, &d, lng, buf_, n_));
    }
    struct date_value later = d;
    later.days += (int64_t)(data[size - 1]) * 17;
    csvchart_date_civil(later.days, &later.year, &later.month, &later.day);
    if (later.year <= 9999) {
        CHECK_LABEL("span", csvchart_date_format_span_in(loc, &d, &later, buf_, n_),
                    csvchart_date_format_span_in(loc, &d, &later, buf_, n_));
    }
    if (loc) {
        CHECK_LABEL("locale date",
                    csvchart_locale_date(loc, d.day, d.month, d.year, data[0] & 0x80, buf_, n_),
                    csvchart_locale_date(loc, d.day, d.month, d.year, data[0] & 0x80, buf_, n_));
        CHECK_LABEL("locale month",
                    csvchart_locale_date(loc, 0, d.month, d.year, data[0] & 0x80, buf_, n_),
                    csvchart_locale_date(loc, 0, d.month, d.year, data[0] & 0x80, buf_, n_));
    }
    if (broken) {
        return broken;
    }
    /* Time ticks over [d, later] at a step picked by the last byte. */
    struct time_tick ticks[9];
    size_t k = data[size - 1] % csvchart_time_step_count();
    double t0 = csvchart_date_coord(&d), t1 = csvchart_date_coord(&later);
    size_t nt = csvchart_time_ticks_in(loc, t0, t1, k, ticks, 8);
    check(nt <= 9, "%zu ticks counted, at most max + 1 = 9", nt);
    for (size_t i = 0; i < nt && i < 8 && !broken; i++) {
        size_t tl = strnlen(ticks[i].label, sizeof ticks[i].label);
        check(tl < sizeof ticks[i].label, "tick %zu label not terminated", i);
        check(valid_utf8((const unsigned char *)ticks[i].label, tl), "tick label \"%s\" not UTF-8",
              ticks[i].label);
        check(isfinite(ticks[i].t) && ticks[i].t >= t0 - 1 && ticks[i].t <= t1 + 1,
              "tick at %g outside %g..%g", ticks[i].t, t0, t1);
        double prev = i ? ticks[i - 1].t : NAN;
        CHECK_LABEL("tick", csvchart_time_tick_label_in(loc, k, ticks[i].t, prev, buf_, n_),
                    csvchart_time_tick_label_in(loc, k, ticks[i].t, prev, buf_, n_));
    }
    if (broken) {
        return broken;
    }

    /* The rest of the input as a trend_label template, for a rate made of the value. */
    if (nl) {
        char tmpl[256];
        size_t tn = len - vlen - 1 < sizeof tmpl - 1 ? len - vlen - 1 : sizeof tmpl - 1;
        memcpy(tmpl, nl + 1, tn);
        tmpl[tn] = '\0';
        if (strlen(tmpl) == tn && valid_utf8((const unsigned char *)tmpl, tn)) {
            struct trend_fit fit = {.n = 3, .slope = is_number ? v / 1000 : -0.001};
            struct trend_rate rate;
            double span = 1 + (double)(data[size - 1]) * 30;
            csvchart_trend_rate(&fit, span, &rate);
            char out[128];
            csvchart_error te = {0};
            for (size_t n = 1; n <= sizeof out && !broken; n = n * 3 + 1) {
                memset(out, 'X', sizeof out);
                csvchart_error_clear(&te);
                csvchart_status st = csvchart_trend_text(&rate, tmpl, "series", out, n, &te);
                check(st == te.status, "trend_text: status %d, error %d", (int)st, (int)te.status);
                if (st == CSVCHART_OK) {
                    size_t ol = strnlen(out, n);
                    check(ol < n, "trend text into %zu not terminated", n);
                    check(n == sizeof out || out[n] == 'X', "trend text wrote past %zu", n);
                    check(valid_utf8((const unsigned char *)out, ol < n ? ol : 0),
                          "trend text into %zu \"%.*s\" not UTF-8", n, (int)(ol < n ? ol : 0), out);
                } else {
                    check(te.message[0] != '\0', "trend_text error without a message");
                }
            }
        }
    }
    return broken;
}

/* ---- Reading with a syntax and an encoding --------------------------------------------------- */

/* fold_run() (fold_check.h) with the reader's other options too: encoding and syntax. */
static void fold_run_as(const char *csv, size_t len, const struct spec *s, bool folded,
                        const struct table_options *base, struct fold_outcome *o)
{
    memset(o, 0, sizeof *o);
    struct fold_plan p;
    csvchart_fold_plan(s, &p);
    if (!folded || p.mode != FOLD_ROWS) {
        p.mode = FOLD_NOTHING;
    }
    struct table_options opt = *base;
    csvchart_error err = {0};
    csvchart_table *t = NULL;
    struct agg_rows *rows = NULL;
    o->st = csvchart_aggregate_read(NULL, "t.csv", csv, len, &opt, &p, &t, &rows, &err);
    if (o->st == CSVCHART_OK) {
        o->rows = t->nrows;
        o->st = csvchart_bar_chart_bind(t, rows, s, &o->chart, &o->warn, &err);
    }
    snprintf(o->error, sizeof o->error, "%s", o->st ? csvchart_error_text(&err) : "");
    csvchart_agg_rows_free(rows);
    csvchart_table_free(t);
}

/* What the table promises of its typed cells, read again in its syntax: a number column's
 * cells read as their value, a date column's as their date; any cell read as a date for a
 * figure gives a date that exists or an error at the cell. */
static int cells_reread(const csvchart_table *t)
{
    int broken = 0;
    for (size_t c = 0; c < t->ncols && !broken; c++) {
        enum column_type type = t->cols[c].type;
        for (size_t r = 0; r < t->nrows && !broken; r++) {
            const struct table_cell *cell = csvchart_table_cell(t, r, c);
            const char *text = csvchart_table_text(t, cell);
            if (!cell->missing && type == COLUMN_NUMBER) {
                double v;
                struct number_unit u;
                check(csvchart_table_number(t, text, cell->len, &v, &u) &&
                          same_double(v, cell->num),
                      "cell %zu,%zu \"%s\" of a number column does not read as %g", r, c, text,
                      cell->num);
            }
            struct date_value d;
            csvchart_error e = {0};
            csvchart_status st = csvchart_table_date_cell(t, c, cell, &d, &e);
            if (st == CSVCHART_OK) {
                broken |= date_sane(&d);
                check(cell->missing || type != COLUMN_DATE ||
                          same_double(csvchart_date_coord(&d), cell->num),
                      "cell %zu,%zu \"%s\": date %g, typed %g", r, c, text, csvchart_date_coord(&d),
                      cell->num);
            } else {
                check(st == CSVCHART_ERROR_DATA && e.status == st && e.message[0] &&
                          e.line == cell->line && e.column == cell->col,
                      "cell %zu,%zu \"%s\": date error %d at %zu:%zu, cell at %zu:%u", r, c, text,
                      (int)st, e.line, e.column, cell->line, (unsigned)cell->col);
                check(type != COLUMN_DATE || cell->missing,
                      "cell %zu,%zu \"%s\" of a date column "
                      "is not a date",
                      r, c, text);
                check(valid_utf8((const unsigned char *)e.message, strlen(e.message)),
                      "date error not UTF-8");
            }
        }
    }
    return broken;
}

int csvchart_fuzz_read(const uint8_t *data, size_t size)
{
    int broken = 0;
    if (size < 4) {
        return 0;
    }
    static const char delims[4] = {0, ',', ';', '\t'};
    static const char *const encodings[4] = {"utf-8", "latin1", "utf-16", "auto"};
    static const char *const date_formats[8] = {
        "auto", "dd/mm/yyyy", "mm/dd/yyyy", "yyyy-mm-dd", "dd.mm.yyyy", "auto", "auto", "auto"};
    static const char *const decimal_names[4] = {NULL, ".", ",", ","};
    uint8_t b0 = data[0], b1 = data[1], b3 = data[3];
    uint32_t seed = data[2];
    const char *csv = (const char *)data + 4;
    size_t len = size - 4;

    /* The reading options as a figure derives them (figure.c): bound from option values. */
    struct option_values vals;
    memset(&vals, 0, sizeof vals);
    csvchart_error e0 = {0};
    csvchart_option_values_set(&vals, OPT_ENCODING, encodings[b0 & 3], NULL, 0, &e0);
    csvchart_option_values_set(&vals, OPT_DATE_FORMAT, date_formats[b0 >> 4 & 7], NULL, 0, &e0);
    if (decimal_names[b1 >> 5 & 3]) {
        csvchart_option_values_set(&vals, OPT_DECIMAL, decimal_names[b1 >> 5 & 3], NULL, 0, &e0);
    }
    if (fuzz_locales[b1 & 31] && fuzz_locale(b1 & 31)) {
        csvchart_option_values_set(&vals, OPT_LOCALE, fuzz_locales[b1 & 31], NULL, 0, &e0);
    }
    struct spec s;
    if (csvchart_spec_bind(&vals, KIND_BAR, &s, &e0) != CSVCHART_OK) {
        check(e0.message[0] != '\0', "spec_bind failed without a message");
        csvchart_option_values_fini(&vals);
        return broken;
    }
    struct table_syntax syn = {.numbers = s.numbers, .dates = s.dates};
    struct table_options opt = {.delimiter = delims[b0 >> 2 & 3], .encoding = s.encoding};
    if (s.numbers.decimal || s.dates.order != DATE_ORDER_NONE || s.locale) {
        opt.syntax = &syn;
    }

    csvchart_error e1 = {0};
    csvchart_table *t1 = NULL;
    csvchart_status s1 = csvchart_table_read("fuzz.csv", csv, len, &opt, &t1, &e1);
    check((s1 == CSVCHART_OK) == (t1 != NULL), "status %d with table %p", (int)s1, (void *)t1);
    check((s1 == CSVCHART_OK) == (e1.status == CSVCHART_OK), "status %d, error %d", (int)s1,
          (int)e1.status);
    if (t1 && !broken) {
        broken |= table_sane(t1);
        check(t1->encoding != ENCODING_AUTO, "encoding auto left unresolved");
        check(t1->has_syntax == (opt.syntax != NULL), "has_syntax %d", (int)t1->has_syntax);
    }
    if (s1 != CSVCHART_OK) {
        check(e1.message[0] != '\0' &&
                  valid_utf8((const unsigned char *)e1.message, strlen(e1.message)),
              "read error without a message, or not UTF-8");
    }

    /* In pieces (sizes as in csvchart_fuzz_csv): the same table or the same error. */
    static const size_t max_piece[4] = {1, 4, 16, 256};
    size_t most = max_piece[seed >> 6];
    csvchart_error e2 = {0};
    csvchart_table_reader *r = NULL;
    csvchart_table *t2 = NULL;
    csvchart_status s2 = csvchart_table_reader_new("fuzz.csv", &opt, &r, &e2);
    for (size_t i = 0; s2 == CSVCHART_OK && i < len;) {
        seed = seed * 1103515245u + 12345u;
        size_t n = 1 + (seed >> 16) % most;
        n = n > len - i ? len - i : n;
        s2 = csvchart_table_reader_feed(r, csv + i, n, &e2);
        i += n;
    }
    if (s2 == CSVCHART_OK) {
        s2 = csvchart_table_reader_finish(r, &t2, &e2);
    }
    csvchart_table_reader_free(r);
    check(s1 == s2, "status %d whole, %d in pieces", (int)s1, (int)s2);
    if (s1 != CSVCHART_OK && s1 == s2) {
        char whole[sizeof e1.text];
        snprintf(whole, sizeof whole, "%s", csvchart_error_text(&e1));
        check(strcmp(whole, csvchart_error_text(&e2)) == 0,
              "error differs:\n  whole:     %s\n  in pieces: %s", whole, e2.text);
    }
    if (t1 && t2 && !broken) {
        broken |= tables_equal(t1, t2);
    }
    if (t1 && !broken) {
        broken |= cells_reread(t1);
    }

    /* Folding while reading, in the syntax: an aggregated bar chart binds alike from the
     * folded and the whole table (byte 3: aggregate, group, facet, y, log). */
    if (t1 && !broken && (b0 & 0x80)) {
        static const char *const aggs[8] = {"sum", "mean", "count", "min",
                                            "max", "sum",  "mean",  "count"};
        csvchart_error ef = {0};
        csvchart_option_values_set(&vals, OPT_AGGREGATE, aggs[b3 & 7], NULL, 0, &ef);
        if (b3 & 8 && t1->ncols > 2) {
            csvchart_option_values_set(&vals, OPT_GROUP, t1->cols[2].name, NULL, 0, &ef);
        }
        if (b3 & 16 && t1->ncols > 3) {
            csvchart_option_values_set(&vals, OPT_FACET, t1->cols[3].name, NULL, 0, &ef);
        }
        if (b3 & 32 && t1->ncols > 1) {
            csvchart_option_values_set(&vals, OPT_Y, t1->cols[1].name, NULL, 0, &ef);
        }
        if (b3 & 64) {
            csvchart_option_values_set(&vals, OPT_LOG, "true", NULL, 0, &ef);
        }
        struct spec fs;
        if (csvchart_spec_bind(&vals, KIND_BAR, &fs, &ef) == CSVCHART_OK) {
            struct fold_outcome whole, folded;
            fold_run_as(csv, len, &fs, false, &opt, &whole);
            fold_run_as(csv, len, &fs, true, &opt, &folded);
            broken |= !fold_agree(&whole, &folded, 1e-9, "(the input)");
            fold_outcome_fini(&whole);
            fold_outcome_fini(&folded);
            csvchart_spec_fini(&fs);
        }
    }
    csvchart_table_free(t1);
    csvchart_table_free(t2);
    csvchart_spec_fini(&s);
    csvchart_option_values_fini(&vals);
    return broken;
}

/* ---- House themes ---------------------------------------------------------------------------- */

int csvchart_fuzz_theme(const uint8_t *data, size_t size)
{
    int broken = 0;
    size_t lines = 1;
    for (size_t i = 0; i < size; i++) {
        lines += data[i] == '\n';
    }
    struct theme t;
    memset(&t, 0x5A, sizeof t);
    csvchart_error e = {0};
    /* The figure's own palette, when the input's last byte asks for one, overrides the
     * house's. */
    const char *palette = size && data[size - 1] == '!' ? "tableau10" : "";
    csvchart_status st =
        csvchart_theme_parse("fuzz.ini", (const char *)data, size, palette, &t, &e);
    check(st == e.status, "status %d, error %d", (int)st, (int)e.status);
    if (st != CSVCHART_OK) {
        check(e.message[0] != '\0', "an error without a message");
        check(e.line <= lines, "error on line %zu of %zu", e.line, lines);
        check(valid_utf8((const unsigned char *)e.message, strlen(e.message)),
              "error not UTF-8: %s", e.message);
        return broken;
    }
    /* What a theme promises: text at 4.5:1 on the background, marks at 3:1, sizes at or over
     * their floors, strings terminated. */
    const csvchart_rgba texts[4] = {t.title, t.text, t.subtitle, t.faint};
    for (size_t i = 0; i < 4; i++) {
        check(csvchart_contrast(texts[i], t.background) >= 4.5 - 1e-9,
              "text colour %zu at %.2f:1 on the background", i,
              csvchart_contrast(texts[i], t.background));
    }
    check(t.npalette >= 1 && t.npalette <= THEME_MAX_PALETTE, "%zu palette colours", t.npalette);
    for (size_t i = 0; i < t.npalette && i < THEME_MAX_PALETTE; i++) {
        check(csvchart_contrast(t.palette[i] | 0xFF, t.background | 0xFF) >= 3 - 1e-6,
              "palette colour %zu #%08lX at %.2f:1 on #%08lX", i, (unsigned long)t.palette[i],
              csvchart_contrast(t.palette[i] | 0xFF, t.background | 0xFF),
              (unsigned long)t.background);
    }
    const struct theme_house *h = &t.house;
    check(memchr(h->font, '\0', sizeof h->font) && memchr(h->palette, '\0', sizeof h->palette) &&
              memchr(h->byline, '\0', sizeof h->byline),
          "house strings not terminated");
    if (!broken) {
        check(valid_utf8((const unsigned char *)h->font, strlen(h->font)) &&
                  valid_utf8((const unsigned char *)h->byline, strlen(h->byline)),
              "house font or byline not UTF-8");
    }
    for (int r = 0; r < TYPE_ROLES; r++) {
        check(
            h->type[r] == 0 || (isfinite(h->type[r]) && h->type[r] >= csvchart_type_scale[r].floor),
            "type size %d is %g, under its floor %g", r, h->type[r], csvchart_type_scale[r].floor);
    }
    const double pads[3] = {h->pad_x, h->pad_top, h->pad_bottom};
    for (size_t i = 0; i < 3; i++) {
        check(pads[i] == 0 || (isfinite(pads[i]) && pads[i] > 0), "margin %zu is %g", i, pads[i]);
    }
    return broken;
}

/* ---- A figure of any kind, its options from the input --------------------------------------- */

/* Options the input may not set as text: they pick the size of what is drawn (kept small by
 * byte 1), read files (theme: byte 1 picks the built-in or the input's house theme) or
 * configure fonts on disk (font). */
static bool option_refused(const char *name)
{
    static const char *const refused[] = {"size", "scale", "dpi", "max_pixels", "font", "theme"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        if (strcmp(name, refused[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* The path of this process's house theme file (a temporary file, removed at exit). */
static char theme_path[256];

static void remove_theme_file(void)
{
    if (theme_path[0]) {
        remove(theme_path);
    }
}

static const char *write_theme_file(const char *text, size_t len)
{
    if (!theme_path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(theme_path, sizeof theme_path, "%s/csvchart-fuzz-%ld.ini",
                 dir && *dir ? dir : "/tmp", (long)getpid());
        atexit(remove_theme_file);
    }
    FILE *f = fopen(theme_path, "wb");
    if (!f) {
        return NULL;
    }
    bool ok = fwrite(text, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    return ok ? theme_path : NULL;
}

/* The first field of each of the first data lines (naively: up to the delimiter), so that
 * options can name categories (annotate, highlight, ratio). */
static size_t first_cells(const char *csv, size_t len, char delim, char cells[][48])
{
    size_t n = 0, i = 0;
    while (i < len && csv[i] != '\n') { // the header
        i++;
    }
    while (++i < len && n < MAX_NAMES) {
        size_t k = 0;
        while (i < len && csv[i] != '\n' && csv[i] != delim) {
            if (csv[i] != '"' && csv[i] != '\r' && k < 47) {
                cells[n][k++] = csv[i];
            }
            i++;
        }
        cells[n++][k] = '\0';
        while (i < len && csv[i] != '\n') {
            i++;
        }
    }
    return n;
}

/* A value with its references replaced: @0..@7 the header's names, @a..@h the first cells of
 * the first data lines, \n a line end. */
static void expand_value(const char *v, size_t vlen, char names[][48], size_t nn, char cells[][48],
                         size_t nc, char *out, size_t outsize)
{
    size_t o = 0;
    for (size_t i = 0; i < vlen && o + 1 < outsize; i++) {
        const char *rep = NULL;
        if (v[i] == '@' && i + 1 < vlen && v[i + 1] >= '0' && v[i + 1] <= '7') {
            rep = nn ? names[(size_t)(v[i + 1] - '0') % nn] : "a";
        } else if (v[i] == '@' && i + 1 < vlen && v[i + 1] >= 'a' && v[i + 1] <= 'h') {
            rep = nc ? cells[(size_t)(v[i + 1] - 'a') % nc] : "a";
        } else if (v[i] == '\\' && i + 1 < vlen && v[i + 1] == 'n') {
            rep = "\n";
        }
        if (rep) {
            size_t rl = strlen(rep);
            rl = rl < outsize - 1 - o ? rl : outsize - 1 - o;
            memcpy(out + o, rep, rl);
            o += rl;
            i++;
        } else {
            out[o++] = v[i];
        }
    }
    out[o] = '\0';
}

/* Checks one output of a figure. */
static int output_sane(csvchart_format format, csvchart_status rs, csvchart_error *re,
                       const void *out, size_t out_len)
{
    int broken = 0;
    check(rs == re->status, "render %d: status %d, error %d", (int)format, (int)rs,
          (int)re->status);
    if (rs != CSVCHART_OK) {
        check(out == NULL && out_len == 0, "failed render left %zu bytes", out_len);
        check(re->message[0] != '\0', "render error without a message");
        return broken;
    }
    check(out != NULL && out_len > 0, "render %d gave %zu bytes", (int)format, out_len);
    if (!out || !out_len) {
        return broken;
    }
    switch (format) {
    case CSVCHART_FORMAT_PNG:
        check(out_len >= 8 && memcmp(out, "\x89PNG\r\n\x1a\n", 8) == 0, "not a PNG");
        break;
    case CSVCHART_FORMAT_PDF:
        check(out_len >= 5 && memcmp(out, "%PDF-", 5) == 0, "not a PDF");
        break;
    case CSVCHART_FORMAT_SVG:
    case CSVCHART_FORMAT_SCENE:
        check(valid_utf8(out, out_len), "output %d not UTF-8", (int)format);
        check(memchr(out, '\0', out_len) == NULL, "NUL in output %d", (int)format);
        break;
    case CSVCHART_FORMAT_TXT: {
        /* csvchart.h: the text alternative, UTF-8, one line */
        const char *t = out;
        check(valid_utf8(out, out_len), "text alternative not UTF-8");
        check(memchr(out, '\0', out_len) == NULL, "NUL in the text alternative");
        check(t[out_len - 1] == '\n' && memchr(t, '\n', out_len - 1) == NULL &&
                  memchr(t, '\r', out_len) == NULL,
              "the text alternative is not one line: \"%.*s\"", (int)out_len, t);
        break;
    }
    case CSVCHART_FORMAT_AUTO:
        break;
    }
    return broken;
}

/* Sets the options of lines "name=value" in [p, end) on fig; returns the house theme's text
 * (lines "house=LINE") in *house. */
static void set_options(csvchart_figure *fig, const char *p, const char *end, char names[][48],
                        size_t nn, char cells[][48], size_t nc, char *house, size_t house_size,
                        size_t *house_len)
{
    *house_len = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *le = eol ? eol : end;
        const char *eq = memchr(p, '=', (size_t)(le - p));
        if (eq && eq - p < 40) {
            char name[40];
            memcpy(name, p, (size_t)(eq - p));
            name[eq - p] = '\0';
            char value[1024];
            expand_value(eq + 1, (size_t)(le - eq - 1), names, nn, cells, nc, value, sizeof value);
            if (strcmp(name, "house") == 0) {
                size_t vl = strlen(value);
                if (*house_len + vl + 1 < house_size) {
                    memcpy(house + *house_len, value, vl);
                    house[*house_len + vl] = '\n';
                    *house_len += vl + 1;
                }
            } else if (!option_refused(name)) {
                csvchart_error e = {0};
                csvchart_set(fig, name, value, &e);
            }
        }
        p = eol ? eol + 1 : end;
    }
}

int csvchart_fuzz_figure(const uint8_t *data, size_t size)
{
    int broken = 0;
    if (size < 2) {
        return 0;
    }
    uint8_t b0 = data[0], b1 = data[1];
    static const char *const kinds[4] = {"bar", "timeline", "trend", "trend"};
    const char *kind = kinds[b0 & 3];
    /* The options: lines up to the first empty line; the CSV after it (none without one). */
    const char *opts = (const char *)data + 2, *opts_end = (const char *)data + size;
    const char *csv = opts_end;
    for (const char *p = opts; p < opts_end;) {
        const char *eol = memchr(p, '\n', (size_t)(opts_end - p));
        if (!eol) {
            break;
        }
        if (eol == p) {
            csv = eol + 1;
            opts_end = p;
            break;
        }
        p = eol + 1;
    }
    size_t len = (size_t)((const char *)data + size - csv);

    /* Names for @0..@7 and @a..@h: the header split at its first , ; or tab. */
    char names[MAX_NAMES][48], cells[MAX_NAMES][48];
    size_t hl = 0;
    while (hl < len && csv[hl] != '\n' && !strchr(",;\t", csv[hl])) {
        hl++;
    }
    char delim = hl < len && csv[hl] != '\n' ? csv[hl] : ',';
    size_t nn = header_names(csv, len, delim, names);
    size_t nc = first_cells(csv, len, delim, cells);

    static const char *const sizes[4] = {"320x180", "240x320", "480x270", "300x300"};
    static const char *const themes[4] = {"light", "dark", "print", NULL};
    static char house[8192];
    bool real_text = (b1 >> 4) == 15; // 1 input in 16
    static csvchart_text_measurer *pango;
    if (real_text && !pango) {
        pango = csvchart_text_pango_new();
    }
    const csvchart_text_measurer *measurer = real_text && pango ? pango : csvchart_text_fake();

    /* Two figures alike when byte 0 bit 5 asks for the determinism check. */
    char *first_dump = NULL, *first_svg = NULL;
    size_t first_dump_len = 0, first_svg_len = 0;
    for (int round = 0; round < ((b0 & 0x20) ? 2 : 1) && !broken; round++) {
        csvchart_error e = {0};
        csvchart_figure *fig = csvchart_figure_new(kind, &e);
        check(fig != NULL, "figure_new(%s): %s", kind, csvchart_error_text(&e));
        if (!fig) {
            break;
        }
        csvchart_figure_set_measurer(fig, measurer);
        csvchart_set(fig, "size", sizes[b1 & 3], &e);
        csvchart_set(fig, "max_pixels", "2000000", &e);
        check(e.status == CSVCHART_OK, "size: %s", csvchart_error_text(&e));
        size_t house_len;
        set_options(fig, opts, opts_end, names, nn, cells, nc, house, sizeof house, &house_len);
        const char *theme = themes[b1 >> 2 & 3];
        if (!theme && house_len) {
            theme = write_theme_file(house, house_len);
        }
        csvchart_error_clear(&e);
        if (theme) {
            csvchart_set(fig, "theme", theme, &e);
            check(e.status == CSVCHART_OK, "theme %s: %s", theme, csvchart_error_text(&e));
        }

        csvchart_error le = {0};
        csvchart_status st = csvchart_figure_load_buffer(fig, "fuzz.csv", csv, len, &le);
        check(st == le.status, "load: status %d, error %d", (int)st, (int)le.status);
        if (st != CSVCHART_OK) {
            check(le.message[0] != '\0', "load error without a message");
            check(valid_utf8((const unsigned char *)le.message, strlen(le.message)),
                  "load error not UTF-8");
            csvchart_figure_free(fig);
            break;
        }
        /* The scene (layout), then the outputs byte 0 asks for: the scene dump and the text
         * alternative always, PNG, SVG and PDF by bits 2-4. */
        csvchart_format fmts[5] = {CSVCHART_FORMAT_SCENE, CSVCHART_FORMAT_TXT, CSVCHART_FORMAT_PNG,
                                   CSVCHART_FORMAT_SVG, CSVCHART_FORMAT_PDF};
        for (size_t i = 0; i < 5 && !broken; i++) {
            if (i >= 2 && !(b0 >> i & 1)) {
                continue;
            }
            if (round == 1 && fmts[i] != CSVCHART_FORMAT_SCENE && fmts[i] != CSVCHART_FORMAT_SVG) {
                continue;
            }
            void *out = (void *)1;
            size_t out_len = 1;
            csvchart_error re = {0};
            csvchart_status rs = csvchart_figure_render(fig, fmts[i], &out, &out_len, &re);
            broken |= output_sane(fmts[i], rs, &re, out, out_len);
            if (getenv("CSVCHART_FUZZ_VERBOSE")) {
                fprintf(stderr, "render %d: %s (%zu bytes)\n", (int)fmts[i],
                        rs ? csvchart_error_text(&re) : "ok", out_len);
            }
            check(valid_utf8((const unsigned char *)re.message, strlen(re.message)),
                  "render error not UTF-8: %s", re.message);
            /* Determinism (STYLE.md 1): the same options and data give the same bytes. */
            char **keep = fmts[i] == CSVCHART_FORMAT_SCENE ? &first_dump
                          : fmts[i] == CSVCHART_FORMAT_SVG ? &first_svg
                                                           : NULL;
            size_t *keep_len = fmts[i] == CSVCHART_FORMAT_SCENE ? &first_dump_len : &first_svg_len;
            if (keep && rs == CSVCHART_OK && round == 0 && (b0 & 0x20)) {
                *keep = out;
                *keep_len = out_len;
                out = NULL;
            } else if (keep && round == 1) {
                check((*keep == NULL) == (rs != CSVCHART_OK) &&
                          (!*keep || (out_len == *keep_len && memcmp(out, *keep, out_len) == 0)),
                      "output %d differs between two figures alike", (int)fmts[i]);
            }
            free(out);
        }
        for (size_t i = 0; i < csvchart_figure_warning_count(fig); i++) {
            const char *w = csvchart_figure_warning(fig, i);
            check(w != NULL && valid_utf8((const unsigned char *)w, strlen(w)),
                  "warning %zu NULL or not UTF-8", i);
        }
        csvchart_error se = {0};
        broken |= scene_sane(csvchart_figure_scene(fig, &se));
        csvchart_figure_free(fig);
    }
    free(first_dump);
    free(first_svg);
    return broken;
}
