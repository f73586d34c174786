/*
 * table.c - the typed table: column typing, reading whole buffers and files (see table.h).
 *
 * The reader in table_csv.c turns bytes into cells that hold text and line:col only; when it
 * finishes it calls csvchart_table_type_columns() here, which decides each column's type with
 * number.c and date.c and fills in values, units, counts and ranges. Typing is two passes per
 * column: the first asks "does every value parse as a number under one unit, else as a date?",
 * the second stores the parsed values. The next stage (spec) reads the typed table only.
 */
#include "table.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "locale_data.h"

#define READ_CHUNK ((size_t)1 << 16)

/* ---- Typing -------------------------------------------------------------------------------- */

static bool is_blank_text(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != ' ' && s[i] != '\t') {
            return false;
        }
    }
    return true;
}

/* NA, N/A, n/a, null, NULL, -, en dash, em dash (surrounding spaces ignored). */
static bool is_missing_token(const char *s, size_t len)
{
    static const char *const tokens[] = {"NA",   "N/A", "n/a",          "null",
                                         "NULL", "-",   "\xe2\x80\x93", "\xe2\x80\x94"};
    while (len > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t')) {
        len--;
    }
    for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
        if (strlen(tokens[i]) == len && memcmp(tokens[i], s, len) == 0) {
            return true;
        }
    }
    return false;
}

bool csvchart_table_missing_text(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t')) {
        i++;
    }
    unsigned char c = i < len ? (unsigned char)s[i] : 0;
    /* Blank, or starting like one of the tokens: N n - or an en/em dash (0xE2). */
    return i == len || ((c == 'N' || c == 'n' || c == '-' || c == 0xE2) && is_missing_token(s, len));
}

/*
 * Does every value of column j parse as a number with at most one currency/percent unit? On
 * success *unit holds that unit's prefix and suffix.
 */
static bool all_numbers(const csvchart_table *t, size_t j, struct number_unit *unit)
{
    bool have_unit = false;
    for (size_t i = 0; i < t->nrows; i++) {
        const struct table_cell *c = csvchart_table_cell(t, i, j);
        const char *s = csvchart_table_text(t, c);
        if (is_blank_text(s, c->len) || is_missing_token(s, c->len)) {
            continue;
        }
        double v;
        struct number_unit u;
        if (!csvchart_table_number(t, s, c->len, &v, &u)) {
            return false;
        }
        if (u.prefix[0] || u.suffix[0]) {
            if (!have_unit) {
                memcpy(unit->prefix, u.prefix, sizeof u.prefix);
                memcpy(unit->suffix, u.suffix, sizeof u.suffix);
                unit->currency_after = u.currency_after; /* "5 €": as the first says */
                unit->currency_space = u.currency_space;
                have_unit = true;
            } else if (strcmp(unit->prefix, u.prefix) != 0 || strcmp(unit->suffix, u.suffix) != 0) {
                return false; // "$5" and "€5", or "$5" and "5%": not one quantity
            }
        }
    }
    return true;
}

static bool all_dates(const csvchart_table *t, size_t j)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const struct table_cell *c = csvchart_table_cell(t, i, j);
        const char *s = csvchart_table_text(t, c);
        struct date_value d;
        if (is_blank_text(s, c->len) || is_missing_token(s, c->len)) {
            continue;
        }
        if (!csvchart_table_date(t, s, c->len, &d)) {
            return false;
        }
    }
    return true;
}

static void type_column(csvchart_table *t, size_t j)
{
    struct table_column *col = &t->cols[j];
    size_t values = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const struct table_cell *c = csvchart_table_cell(t, i, j);
        const char *s = csvchart_table_text(t, c);
        if (!is_blank_text(s, c->len) && !is_missing_token(s, c->len)) {
            values++;
        }
    }
    memset(&col->unit, 0, sizeof col->unit);
    if (values == 0) {
        col->type = COLUMN_EMPTY;
    } else if (all_numbers(t, j, &col->unit)) {
        col->type = COLUMN_NUMBER;
    } else if (all_dates(t, j)) {
        col->type = COLUMN_DATE;
    } else {
        col->type = COLUMN_TEXT;
    }

    size_t mult_count[5] = {0}, mult_first[5];
    for (size_t k = 0; k < 5; k++) {
        mult_first[k] = (size_t)-1;
    }
    col->count = col->missing = 0;
    col->min = col->max = 0.0;
    for (size_t i = 0; i < t->nrows; i++) {
        struct table_cell *c = &t->cells[i * t->ncols + j];
        const char *s = csvchart_table_text(t, c);
        c->num = 0.0;
        c->date_prec = 0;
        c->missing =
            is_blank_text(s, c->len) || (col->type != COLUMN_TEXT && is_missing_token(s, c->len));
        if (c->missing) {
            col->missing++;
            continue;
        }
        /* A folded cell stands for a->n numbers (its own first): table.h, Folding. */
        const struct table_acc *a = col->type == COLUMN_NUMBER ? csvchart_table_acc(t, i, j) : NULL;
        if (col->type == COLUMN_NUMBER) {
            struct number_unit u;
            csvchart_table_number(t, s, c->len, &c->num, &u);
            if (a) { /* how all its numbers were written */
                u.decimals = a->decimals;
                u.grouped = a->grouped;
            }
            if (u.decimals > col->unit.decimals) {
                col->unit.decimals = u.decimals;
            }
            col->unit.grouped = col->unit.grouped || u.grouped;
            int own = csvchart_number_multiplier_index(u.multiplier);
            for (int k = 0; k < 5; k++) {
                /* Lines, not rows: a folded cell's numbers come from later lines too. */
                size_t n = a ? a->mult[k] : k == own;
                size_t line = a ? a->mult_line[k] : c->line;
                if (n && line < mult_first[k]) {
                    mult_first[k] = line;
                }
                mult_count[k] += n;
            }
        } else if (col->type == COLUMN_DATE) {
            struct date_value d;
            csvchart_table_date(t, s, c->len, &d);
            c->num = csvchart_date_coord(&d);
            c->date_prec = (uint8_t)d.precision;
        }
        double lo = a ? a->min : c->num, hi = a ? a->max : c->num;
        if (col->type == COLUMN_NUMBER || col->type == COLUMN_DATE) {
            if (col->count == 0 || lo < col->min) {
                col->min = lo;
            }
            if (col->count == 0 || hi > col->max) {
                col->max = hi;
            }
        }
        col->count += a ? a->n : 1;
    }
    if (col->type == COLUMN_NUMBER) {
        /* The most common multiplier; a tie goes to the one seen first. */
        size_t best = 0;
        for (size_t k = 1; k < 5; k++) {
            if (mult_count[k] > mult_count[best] ||
                (mult_count[k] == mult_count[best] && mult_first[k] < mult_first[best])) {
                best = k;
            }
        }
        col->unit.multiplier = csvchart_multipliers[best];
    }
}

void csvchart_table_type_columns(csvchart_table *t)
{
    for (size_t j = 0; j < t->ncols; j++) {
        type_column(t, j);
    }
}

/* ---- Summarising (table.h) ------------------------------------------------------------------- */

/*
 * type_column() over a stream: both of its questions ("all numbers under one unit?", "all
 * dates?") are kept open while the rows come, with what the answer "yes" would store (the
 * unit, decimals, multipliers, ranges), so that at the end the column is what typing all of
 * it gives, without its cells.
 */
struct column_summary {
    size_t values, blanks, tokens; /* tokens: missing-value words (NA, -...) */
    bool num_ok, have_unit, grouped;
    struct number_unit unit; /* prefix and suffix of the first number with a unit */
    int decimals;
    size_t mult_count[5], mult_first[5];
    double num_min, num_max;
    bool date_ok;
    double date_min, date_max;
};

struct table_summary {
    size_t ncols;
    struct column_summary cols[];
};

struct table_summary *csvchart_table_summary_new(size_t ncols)
{
    if (ncols > (SIZE_MAX - sizeof(struct table_summary)) / sizeof(struct column_summary)) {
        return NULL;
    }
    struct table_summary *sum = calloc(1, sizeof *sum + ncols * sizeof(struct column_summary));
    if (!sum) {
        return NULL;
    }
    sum->ncols = ncols;
    for (size_t j = 0; j < ncols; j++) {
        struct column_summary *c = &sum->cols[j];
        c->num_ok = c->date_ok = true;
        for (size_t k = 0; k < 5; k++) {
            c->mult_first[k] = (size_t)-1;
        }
    }
    return sum;
}

void csvchart_table_summary_add(struct table_summary *sum, const csvchart_table *t, size_t row)
{
    for (size_t j = 0; j < sum->ncols && j < t->ncols; j++) {
        struct column_summary *cs = &sum->cols[j];
        const struct table_cell *c = &t->cells[row * t->ncols + j];
        const char *s = csvchart_table_text(t, c);
        if (is_blank_text(s, c->len)) {
            cs->blanks++;
            continue;
        }
        if (is_missing_token(s, c->len)) {
            cs->tokens++;
            continue;
        }
        bool first = cs->values++ == 0;
        if (cs->num_ok) { /* all_numbers(), then the NUMBER part of type_column() */
            double v;
            struct number_unit u;
            if (!csvchart_number_parse(s, c->len, &v, &u)) {
                cs->num_ok = false;
            } else if ((u.prefix[0] || u.suffix[0]) && cs->have_unit &&
                       (strcmp(cs->unit.prefix, u.prefix) != 0 ||
                        strcmp(cs->unit.suffix, u.suffix) != 0)) {
                cs->num_ok = false;
            } else {
                if ((u.prefix[0] || u.suffix[0]) && !cs->have_unit) {
                    memcpy(cs->unit.prefix, u.prefix, sizeof u.prefix);
                    memcpy(cs->unit.suffix, u.suffix, sizeof u.suffix);
                    cs->have_unit = true;
                }
                if (u.decimals > cs->decimals) {
                    cs->decimals = u.decimals;
                }
                cs->grouped = cs->grouped || u.grouped;
                int own = csvchart_number_multiplier_index(u.multiplier);
                if (own >= 0 && own < 5) {
                    cs->mult_count[own]++;
                    if (c->line < cs->mult_first[own]) {
                        cs->mult_first[own] = c->line;
                    }
                }
                if (first || v < cs->num_min) {
                    cs->num_min = v;
                }
                if (first || v > cs->num_max) {
                    cs->num_max = v;
                }
            }
        }
        if (cs->date_ok) {
            struct date_value d;
            if (!csvchart_date_parse(s, c->len, &d)) {
                cs->date_ok = false;
            } else {
                double v = csvchart_date_coord(&d);
                if (first || v < cs->date_min) {
                    cs->date_min = v;
                }
                if (first || v > cs->date_max) {
                    cs->date_max = v;
                }
            }
        }
    }
}

void csvchart_table_summary_finish(const struct table_summary *sum, csvchart_table *t)
{
    for (size_t j = 0; j < t->ncols && j < sum->ncols; j++) {
        const struct column_summary *cs = &sum->cols[j];
        struct table_column *col = &t->cols[j];
        memset(&col->unit, 0, sizeof col->unit);
        col->min = col->max = 0.0;
        if (cs->values == 0) {
            col->type = COLUMN_EMPTY;
        } else if (cs->num_ok) {
            col->type = COLUMN_NUMBER;
            col->unit.decimals = cs->decimals;
            col->unit.grouped = cs->grouped;
            size_t best = 0; /* the most common multiplier; a tie goes to the one seen first */
            for (size_t k = 1; k < 5; k++) {
                if (cs->mult_count[k] > cs->mult_count[best] ||
                    (cs->mult_count[k] == cs->mult_count[best] &&
                     cs->mult_first[k] < cs->mult_first[best])) {
                    best = k;
                }
            }
            col->unit.multiplier = csvchart_multipliers[best];
            col->min = cs->num_min;
            col->max = cs->num_max;
        } else if (cs->date_ok) {
            col->type = COLUMN_DATE;
            col->min = cs->date_min;
            col->max = cs->date_max;
        } else {
            col->type = COLUMN_TEXT;
        }
        if (cs->values > 0) {
            /* The first unit of the column - all_numbers() leaves it there even when the
             * column turns out not to be numbers, and so does this. */
            memcpy(col->unit.prefix, cs->unit.prefix, sizeof col->unit.prefix);
            memcpy(col->unit.suffix, cs->unit.suffix, sizeof col->unit.suffix);
        }
        /* As type_column(): a missing-value word is a value in a text column only. */
        col->missing = cs->blanks + (col->type == COLUMN_TEXT ? 0 : cs->tokens);
        col->count = cs->values + (col->type == COLUMN_TEXT ? cs->tokens : 0);
        for (size_t i = 0; i < t->nrows; i++) { /* the kept rows, typed by the column */
            struct table_cell *c = &t->cells[i * t->ncols + j];
            const char *s = csvchart_table_text(t, c);
            c->num = 0.0;
            c->date_prec = 0;
            c->missing = is_blank_text(s, c->len) ||
                         (col->type != COLUMN_TEXT && is_missing_token(s, c->len));
            if (c->missing) {
                continue;
            }
            if (col->type == COLUMN_NUMBER) {
                struct number_unit u;
                csvchart_number_parse(s, c->len, &c->num, &u);
            } else if (col->type == COLUMN_DATE) {
                struct date_value d;
                csvchart_date_parse(s, c->len, &d);
                c->num = csvchart_date_coord(&d);
                c->date_prec = (uint8_t)d.precision;
            }
        }
    }
}

void csvchart_table_summary_free(struct table_summary *sum)
{
    free(sum);
}

/* ---- Reading ------------------------------------------------------------------------------- */

csvchart_status csvchart_table_read(const char *name, const char *data, size_t len,
                                    const struct table_options *opt, csvchart_table **out,
                                    csvchart_error *err)
{
    *out = NULL;
    csvchart_table_reader *r;
    csvchart_status st = csvchart_table_reader_new(name, opt, &r, err);
    if (st != CSVCHART_OK) {
        return st;
    }
    st = csvchart_table_reader_feed(r, data, len, err);
    if (st == CSVCHART_OK) {
        st = csvchart_table_reader_finish(r, out, err);
    }
    csvchart_table_reader_free(r);
    return st;
}

/* strerror() starts with a capital; our messages are lowercase. */
static const char *errno_text(char *buf, size_t size, int e)
{
    snprintf(buf, size, "%s", strerror(e));
    if (buf[0] >= 'A' && buf[0] <= 'Z') {
        buf[0] = (char)(buf[0] - 'A' + 'a');
    }
    return buf;
}

static csvchart_status read_file(const char *path, const struct table_options *opt, size_t keep,
                                 csvchart_table **out, csvchart_error *err);

csvchart_status csvchart_table_read_file(const char *path, const struct table_options *opt,
                                         csvchart_table **out, csvchart_error *err)
{
    return read_file(path, opt, 0, out, err);
}

csvchart_status csvchart_table_summarise_file(const char *path, const struct table_options *opt,
                                              size_t keep, csvchart_table **out,
                                              csvchart_error *err)
{
    return read_file(path, opt, keep ? keep : 1, out, err);
}

static csvchart_status read_file(const char *path, const struct table_options *opt, size_t keep,
                                 csvchart_table **out, csvchart_error *err)
{
    *out = NULL;
    char ebuf[128];
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    csvchart_table_reader *r = NULL;
    char *buf = NULL;
    csvchart_status st;

    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        return csvchart_error_set(err, CSVCHART_ERROR_IO, name, 0, 0, "cannot open the file: %s",
                                  errno_text(ebuf, sizeof ebuf, errno));
    }
    st = csvchart_table_reader_new(name, opt, &r, err);
    if (st != CSVCHART_OK) {
        goto done;
    }
    csvchart_table_reader_summarise(r, keep);
    buf = malloc(READ_CHUNK);
    if (!buf) {
        st = csvchart_error_nomem(err);
        goto done;
    }
    /* Stream: the file is never held whole, only the table built from it. */
    for (;;) {
        size_t n = fread(buf, 1, READ_CHUNK, f);
        if (n > 0) {
            st = csvchart_table_reader_feed(r, buf, n, err);
            if (st != CSVCHART_OK) {
                goto done;
            }
        }
        if (n < READ_CHUNK) {
            break;
        }
    }
    if (ferror(f)) {
        st = csvchart_error_set(err, CSVCHART_ERROR_IO, name, 0, 0, "cannot read the file: %s",
                                errno_text(ebuf, sizeof ebuf, errno));
        goto done;
    }
    st = csvchart_table_reader_finish(r, out, err);
done:
    free(buf);
    csvchart_table_reader_free(r);
    if (!is_stdin) {
        fclose(f);
    }
    return st;
}

void csvchart_table_free(csvchart_table *t)
{
    if (!t) {
        return;
    }
    for (size_t j = 0; j < t->ncols; j++) {
        free(t->cols[j].name);
    }
    for (size_t i = 0; i < t->skipped.nkept; i++) {
        free(t->skipped.kept[i].x);
    }
    free(t->cols);
    free(t->cells);
    free(t->acc_cols);
    free(t->acc);
    free(t->pool);
    free(t->name);
    csvchart_locale_free(t->locale);
    free(t);
}

/* ---- Access -------------------------------------------------------------------------------- */

bool csvchart_table_number(const csvchart_table *t, const char *s, size_t len, double *value,
                           struct number_unit *unit)
{
    return t->has_syntax ? csvchart_number_parse_as(s, len, &t->syntax.numbers, value, unit)
                         : csvchart_number_parse(s, len, value, unit);
}

bool csvchart_table_date(const csvchart_table *t, const char *s, size_t len,
                         struct date_value *out)
{
    return t->has_syntax ? csvchart_date_parse_as(s, len, &t->syntax.dates, out)
                         : csvchart_date_parse(s, len, out);
}

const struct table_acc *csvchart_table_acc(const csvchart_table *t, size_t row, size_t col)
{
    for (size_t k = 0; k < t->nacc; k++) {
        if (t->acc_cols[k] == col) {
            const struct table_acc *a = &t->acc[row * t->nacc + k];
            return a->n ? a : NULL;
        }
    }
    return NULL;
}

const struct table_cell *csvchart_table_cell(const csvchart_table *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}

const char *csvchart_table_text(const csvchart_table *t, const struct table_cell *c)
{
    return t->pool + c->offset;
}

size_t csvchart_table_find(const csvchart_table *t, const char *name)
{
    for (size_t j = 0; j < t->ncols; j++) {
        if (strcmp(t->cols[j].name, name) == 0) {
            return j;
        }
    }
    return (size_t)-1;
}

const char *csvchart_column_type_name(enum column_type type)
{
    switch (type) {
    case COLUMN_NUMBER:
        return "number";
    case COLUMN_DATE:
        return "date";
    case COLUMN_TEXT:
        return "text";
    case COLUMN_EMPTY:
        break;
    }
    return "empty";
}

csvchart_status csvchart_table_column(const csvchart_table *t, const char *name,
                                      const char *role, size_t *col, csvchart_error *err)
{
    *col = (size_t)-1;
    if (!*name) {
        return CSVCHART_OK;
    }
    *col = csvchart_table_find(t, name);
    if (*col != (size_t)-1) {
        return CSVCHART_OK;
    }
    char list[400] = "";
    size_t used = 0;
    for (size_t i = 0; i < t->ncols && used + 8 < sizeof list; i++) {
        int k = snprintf(list + used, sizeof list - used, "%s\"%s\"", i ? ", " : "",
                         t->cols[i].name);
        if (k < 0 || (size_t)k >= sizeof list - used) {
            snprintf(list + (used < sizeof list - 6 ? used : sizeof list - 6), 6, ", ...");
            break;
        }
        used += (size_t)k;
    }
    return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                              "no column named \"%s\" (%s); the columns are %s", name, role,
                              list);
}

/* ---- cells read as what a figure needs ---------------------------------------------------- */

#define DATE_FORMATS                                                                           \
    "2025, 2025-01, 2025-01-15, 2025-01-15T10:00:00Z (or +02:00), January 2025, Jan 2025, "   \
    "15 January 2026 or Jan 15, 2026"

bool csvchart_table_blank(const csvchart_table *t, const struct table_cell *c)
{
    const char *s = csvchart_table_text(t, c);
    for (size_t i = 0; i < c->len; i++) {
        if (s[i] != ' ' && s[i] != '\t') {
            return false;
        }
    }
    return true;
}

csvchart_status csvchart_table_date_cell(const csvchart_table *t, size_t col,
                                         const struct table_cell *c, struct date_value *out,
                                         csvchart_error *err)
{
    const char *s = csvchart_table_text(t, c);
    if (csvchart_table_date(t, s, c->len, out)) {
        return CSVCHART_OK;
    }
    /* "15/01/2026" (or 15.01.2026): numbers in an order the file does not say. */
    const char *hint = "";
    size_t a = strspn(s, " 0123456789");
    bool sep = a && (s[a] == '/' || s[a] == '.'); /* not the end: s + a + 1 is inside */
    size_t b2 = sep ? strspn(s + a + 1, "0123456789") : 0;
    if (sep && b2 && s[a + 1 + b2] == s[a] &&
        t->syntax.dates.order == DATE_ORDER_NONE) {
        hint = s[a] == '/' ? "; for day/month/year set date_format = dd/mm/yyyy (or mm/dd/yyyy)"
                           : "; for day.month.year set date_format = dd.mm.yyyy";
    }
    return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, c->line, c->col,
                              "\"%s\" is not a date (column \"%s\"); expected " DATE_FORMATS "%s",
                              s, t->cols[col].name, hint);
}
