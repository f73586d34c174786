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

#ifdef CSVCHART_FUZZ_INI
#include "cli/batch.h"
#endif

/* Records a broken contract: prints it and makes the entry return 1. */
#define check(ok, ...)                                                                         \
    do {                                                                                       \
        if (!(ok)) {                                                                           \
            fprintf(stderr, "%s:%d: contract broken: ", __FILE__, __LINE__);                   \
            fprintf(stderr, __VA_ARGS__);                                                      \
            fputc('\n', stderr);                                                               \
            broken = 1;                                                                        \
        }                                                                                      \
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
            check(col->count == 0 || (isfinite(col->min) && isfinite(col->max) &&
                                      col->min <= col->max),
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
            check(valid_utf8((const unsigned char *)text, cell->len), "cell %zu,%zu not UTF-8",
                  r, c);
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
                  x->line, (unsigned)x->col, csvchart_table_text(a, x), y->line,
                  (unsigned)y->col, csvchart_table_text(b, y));
        }
    }
    return broken;
}

/*
 * Folding while reading (aggregate.h) is invisible: an aggregated bar chart bound from the folded
 * table equals the one bound from the whole table (fold_check.h). Bits of `a` and `b` pick
 * the aggregate, the group and facet columns among the table's, the y columns and log.
 */
static int fold_matches(const char *csv, size_t len, const csvchart_table *t, uint8_t a,
                        uint8_t b)
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
    check(full_len < sizeof full && strlen(full) == full_len, "value label length %zu",
          full_len);
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
        check(memchr(unit.prefix, '\0', sizeof unit.prefix) && memchr(unit.suffix, '\0',
                                                                      sizeof unit.suffix),
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

    static const char *const formats[] = {"auto", "si", "percent", "currency", "$%.2f",
                                          "%.1f%%", "%'d people", "%+08.3e", "%g", "%#.0f",
                                          "%-12.20G", "x%'.3F€", "", "%d", "%i%%", "%E"};
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
    static const double others[] = {0.0,   -0.0,      1e300,     -1e-300, 5e-17, 999.995,
                                    NAN,   INFINITY,  -INFINITY, 0.07,    1.2345e9, 1e15};
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

/* ---- INI -------------------------------------------------------------------------------------- */

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

/* ---- A whole figure --------------------------------------------------------------------------- */

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
#define SET(name, value)                                                                       \
    do {                                                                                       \
        csvchart_set(fig, name, value, &e);                                                    \
        csvchart_error_clear(&e);                                                              \
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
        csvchart_format fmts[3] = {CSVCHART_FORMAT_PNG, CSVCHART_FORMAT_SVG,
                                   CSVCHART_FORMAT_SCENE};
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
        /* The scene's contract (scene.h), asserted there too but not in release builds:
         * every number finite, no size negative. */
        csvchart_error se = {0};
        const struct csvchart_scene *sc = csvchart_figure_scene(fig, &se);
        for (size_t i = 0; sc && i < sc->len; i++) {
            const struct scene_item *it = &sc->items[i];
            bool ok = isfinite(it->x) && isfinite(it->y) && isfinite(it->x2) &&
                      isfinite(it->y2) && isfinite(it->w) && isfinite(it->h) && it->w >= 0 &&
                      it->h >= 0 && isfinite(it->r) && it->r >= 0 && isfinite(it->baseline) &&
                      isfinite(it->anchor_x) && it->stroke_width >= 0;
            for (size_t k = 0; k < it->npoints; k++) {
                ok = ok && isfinite(it->points[k].x) && isfinite(it->points[k].y);
            }
            check(ok, "scene item %zu (kind %d): x %g y %g w %g h %g r %g", i, (int)it->kind,
                  it->x, it->y, it->w, it->h, it->r);
        }
    } else {
        check(e.message[0] != '\0', "load error without a message");
    }
    csvchart_figure_free(fig);
    return broken;
}
