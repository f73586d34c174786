/*
 * table_build.c - building the typed table from the reader's rows (see table.h, Building).
 *
 * The builder is the sink at the end of the reader (table_csv.c): it copies each row it keeps
 * into the table (cells into t->cells, texts into t->pool) and types every row it is given,
 * kept or not. Typing streams: for each column both questions that decide its type ("all
 * numbers under one unit?", "all dates?") stay open while the rows come, with what the answer
 * "yes" would store (the unit, decimals, multipliers, range), so that at the end a column is
 * what typing all of it gives, though most of its rows may be gone. The kept cells are then
 * typed by their column: a number column's numbers were parsed on the way and stored in their
 * cells; dates are parsed again.
 *
 *   reader --rows--> [a sink that folds or drops rows] --rows, keep or not--> builder -> table
 *
 * The ways to read a table through the builder (csvchart_table_build(), csvchart_table_read()
 * and friends, the streaming csvchart_table_reader) are in table_read.c.
 */
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "locale_data.h"

/* What typing a column has found so far (see the top of the file). */
struct column_typing {
    size_t values, blanks, tokens; /* tokens: missing-value words (NA, -...) */
    size_t numbers;                /* values that read as numbers */
    size_t not_line, not_col;      /* the first value that does not (line 0: none) */
    char not_text[64];
    bool num_ok, have_unit, grouped;
    struct number_unit unit; /* the first number with a unit: its prefix, suffix, placement */
    int decimals;
    int finest; /* the finest digit written, as a power of ten: "$950M" 6, "$182.1B" 8 */
    size_t mult_count[5], mult_first[5]; /* none K M B T: how many, the first one's line */
    double num_min, num_max;
    bool date_ok;
    double date_min, date_max;
};

/*
 * Commas in the numbers of a ;-separated file. That is what spreadsheets write where the
 * decimal mark is a comma, so there "1,250" may well mean 1.25: reading it as 1250 would draw
 * a bar a thousand times too long without a word. A warning is easily missed (and is no way
 * to break a contract), so a number column holding such a number is refused, naming it and
 * both readings; the fix is one edit in the data. A column that also has "1,250,000" or
 * "1,250.5" shows that its commas group thousands, and is read. (Reading decimal commas is a
 * separate matter: a locale option, not a guess.) Per column: the first ambiguous cell, and
 * whether a number settled the question. Every row read is noted, kept or not.
 */
struct comma_note {
    size_t line, col; /* the first ambiguous cell; line 0 = none */
    char text[48];
    bool grouping; /* a number in the column can only be grouped by commas */
};

struct table_builder {
    csvchart_table *t;
    struct csv_options read; /* the reader's options (csvchart_table_build()) */
    size_t cols_cap, cells_cap;
    size_t keep_first;            /* 0: keep every row */
    struct column_typing *typing; /* per column */
    bool commas_matter;           /* a ;-separated file, numbers not with decimal commas */
    struct comma_note *commas;    /* per column, made at the first comma that matters */
};

/* ---- Missing values ------------------------------------------------------------------------ */

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
    bool like_token = c == 'N' || c == 'n' || c == '-' || c == 0xE2;
    return i == len || (like_token && is_missing_token(s, len));
}

/* ---- Typing -------------------------------------------------------------------------------- */

static void type_number(struct column_typing *cs, const csvchart_table *t, const char *s,
                        size_t len, size_t line, bool first, struct table_cell *kept)
{
    double v;
    struct number_unit u;
    if (!csvchart_table_number(t, s, len, &v, &u)) {
        cs->num_ok = false;
        return;
    }
    if (u.prefix[0] || u.suffix[0]) {
        if (!cs->have_unit) { /* "5 €": as the first says */
            memcpy(cs->unit.prefix, u.prefix, sizeof u.prefix);
            memcpy(cs->unit.suffix, u.suffix, sizeof u.suffix);
            cs->unit.currency_after = u.currency_after;
            cs->unit.currency_space = u.currency_space;
            cs->have_unit = true;
        } else if (strcmp(cs->unit.prefix, u.prefix) != 0 ||
                   strcmp(cs->unit.suffix, u.suffix) != 0) {
            cs->num_ok = false; // "$5" and "€5", or "$5" and "5%": not one quantity
            return;
        }
    }
    cs->decimals = u.decimals > cs->decimals ? u.decimals : cs->decimals;
    cs->grouped = cs->grouped || u.grouped;
    int own = csvchart_number_multiplier_index(u.multiplier);
    if (own >= 0 && own < 5 && cs->mult_count[own]++ == 0) {
        cs->mult_first[own] = line; // rows come in the order of their lines
    }
    int digit = 3 * (own > 0 ? own : 0) - u.decimals;
    cs->finest = first || digit < cs->finest ? digit : cs->finest;
    cs->num_min = first || v < cs->num_min ? v : cs->num_min;
    cs->num_max = first || v > cs->num_max ? v : cs->num_max;
    if (kept) {
        kept->num = v;
    }
}

static void type_date(struct column_typing *cs, const csvchart_table *t, const char *s, size_t len,
                      bool first)
{
    struct date_value d;
    if (!csvchart_table_date(t, s, len, &d)) {
        cs->date_ok = false;
        return;
    }
    double v = csvchart_date_coord(&d);
    cs->date_min = first || v < cs->date_min ? v : cs->date_min;
    cs->date_max = first || v > cs->date_max ? v : cs->date_max;
}

/* Whether text can start a number in the default syntax: a digit, a sign, a point, "(", "$",
 * or a byte of a UTF-8 sequence (the minus sign, a currency) - a quick no for the names of a
 * text column. */
static bool may_be_number(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t')) {
        i++;
    }
    unsigned char c = i < len ? (unsigned char)s[i] : 0;
    return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == ',' || c == '(' ||
           c == '$' || c >= 0x80;
}

/* Types one cell of column j, at line:col; `kept` is its copy in the table, or NULL. */
static void type_cell(struct table_builder *b, size_t j, const char *s, size_t len, size_t line,
                      size_t col, struct table_cell *kept)
{
    struct column_typing *cs = &b->typing[j];
    if (is_blank_text(s, len)) {
        cs->blanks++;
        return;
    }
    if (csvchart_table_missing_text(s, len)) { // not blank: a token (checked by its first byte)
        cs->tokens++;
        return;
    }
    bool first = cs->values++ == 0;
    bool number = false;
    if (cs->num_ok) {
        type_number(cs, b->t, s, len, line, first, kept);
        number = cs->num_ok;
    }
    double v;
    bool maybe = b->t->has_syntax || may_be_number(s, len); /* a locale's "CHF 5" */
    if (number || (maybe && csvchart_table_number(b->t, s, len, &v, NULL))) {
        cs->numbers++;
    } else if (!cs->not_line) { /* as a message quotes it: without the spaces around it */
        size_t a = strspn(s, " \t"), n = len;
        while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
            n--;
        }
        snprintf(cs->not_text, sizeof cs->not_text, "%.*s", (int)(n - a), s + a);
        cs->not_line = line;
        cs->not_col = col;
    }
    if (cs->date_ok) {
        type_date(cs, b->t, s, len, first);
    }
}

/* The most common multiplier; a tie goes to the one seen first. */
static char common_multiplier(const struct column_typing *cs)
{
    size_t best = 0;
    for (size_t k = 1; k < 5; k++) {
        if (cs->mult_count[k] > cs->mult_count[best] ||
            (cs->mult_count[k] == cs->mult_count[best] &&
             cs->mult_first[k] < cs->mult_first[best])) {
            best = k;
        }
    }
    return csvchart_multipliers[best];
}

/* Sets column j from its typing, and types its kept cells. */
static void type_column(struct table_builder *b, size_t j)
{
    csvchart_table *t = b->t;
    const struct column_typing *cs = &b->typing[j];
    struct table_column *col = &t->cols[j];
    memset(&col->unit, 0, sizeof col->unit);
    col->min = col->max = 0.0;
    col->type = cs->values == 0 ? COLUMN_EMPTY
                : cs->num_ok    ? COLUMN_NUMBER
                : cs->date_ok   ? COLUMN_DATE
                                : COLUMN_TEXT;
    /* The first unit of the column, even when it turns out not to be numbers. */
    col->unit = cs->unit;
    if (col->type == COLUMN_NUMBER) {
        col->unit.decimals = cs->decimals;
        col->unit.grouped = cs->grouped;
        col->unit.multiplier = common_multiplier(cs);
        size_t kinds = 0;
        for (size_t k = 0; k < 5; k++) {
            kinds += cs->mult_count[k] > 0;
            col->unit.multipliers |= (unsigned char)((cs->mult_count[k] > 0) << k);
        }
        if (kinds > 1) { /* $950M beside $182.1B: 3 decimals at B, so 0.95B keeps its digits */
            int power = 3 * csvchart_number_multiplier_index(col->unit.multiplier);
            col->unit.decimals = power - cs->finest > 0 ? power - cs->finest : 0;
            col->unit.mixed = true;
        }
        col->min = cs->num_min;
        col->max = cs->num_max;
    } else if (col->type == COLUMN_DATE) {
        col->min = cs->date_min;
        col->max = cs->date_max;
    }
    /* A missing-value word is a value in a text column only. */
    bool text = col->type == COLUMN_TEXT;
    col->missing = cs->blanks + (text ? 0 : cs->tokens);
    col->count = cs->values + (text ? cs->tokens : 0);
    col->numbers = cs->numbers;
    col->not_number.line = cs->not_line;
    col->not_number.col = cs->not_col;
    memcpy(col->not_number.text, cs->not_text, sizeof col->not_number.text);
    for (size_t i = 0; i < t->nrows; i++) {
        struct table_cell *c = &t->cells[i * t->ncols + j];
        const char *s = csvchart_table_text(t, c);
        c->missing = is_blank_text(s, c->len) || (!text && is_missing_token(s, c->len));
        if (c->missing || col->type != COLUMN_NUMBER) {
            c->num = 0.0; // a number column's cells hold their numbers already
        }
        if (!c->missing && col->type == COLUMN_DATE) {
            struct date_value d;
            csvchart_table_date(t, s, c->len, &d);
            c->num = csvchart_date_coord(&d);
            c->date_prec = (uint8_t)d.precision;
        }
    }
}

/* ---- Commas in a ;-separated file (see comma_note) ----------------------------------------- */

static bool note_commas(struct table_builder *b, const struct csv_row *row)
{
    for (size_t j = 0; j < row->nfields; j++) {
        const struct csv_field *f = &row->fields[j];
        const char *s = row->text + f->offset;
        double v;
        struct number_unit u;
        if (!memchr(s, ',', f->len) || !csvchart_table_number(b->t, s, f->len, &v, &u) ||
            !u.grouped) {
            continue;
        }
        if (!b->commas && !(b->commas = calloc(b->t->ncols, sizeof *b->commas))) {
            return false;
        }
        struct comma_note *n = &b->commas[j];
        if (!u.comma_ambiguous) {
            n->grouping = true;
        } else if (!n->line) {
            size_t a = strspn(s, " \t"), len = f->len;
            while (len > a && (s[len - 1] == ' ' || s[len - 1] == '\t')) {
                len--;
            }
            snprintf(n->text, sizeof n->text, "%.*s", (int)(len - a), s + a);
            n->line = f->line;
            n->col = f->col;
        }
    }
    return true;
}

/* After typing: refuses the first ambiguous number of a number column (see comma_note). */
static csvchart_status check_commas(const struct table_builder *b, csvchart_error *err)
{
    const csvchart_table *t = b->t;
    const struct comma_note *worst = NULL;
    for (size_t j = 0; b->commas && j < t->ncols; j++) {
        const struct comma_note *n = &b->commas[j];
        if (n->line && !n->grouping && t->cols[j].type == COLUMN_NUMBER &&
            (!worst || n->line < worst->line || (n->line == worst->line && n->col < worst->col))) {
            worst = n;
        }
    }
    if (!worst) {
        return CSVCHART_OK;
    }
    /* "1,250" -> "1250" and "1.25"; a sign, currency, % or multiplier stays where it is. */
    char whole[48], decimal[48];
    const char *comma = strchr(worst->text, ',');
    int left = (int)(comma - worst->text);
    int digits = 3;
    while (digits > 0 && comma[digits] == '0') {
        digits--;
    }
    snprintf(whole, sizeof whole, "%.*s%s", left, worst->text, comma + 1);
    snprintf(decimal, sizeof decimal, "%.*s%s%.*s%s", left, worst->text, digits ? "." : "", digits,
             comma + 1, comma + 4);
    return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, worst->line, worst->col,
                              "\"%s\" is ambiguous in a ;-separated file (decimal comma or "
                              "thousands separator?); write %s or %s",
                              worst->text, whole, decimal);
}

/* ---- The builder ----------------------------------------------------------------------------- */

struct table_builder *csvchart_table_builder_new(const struct table_options *opt)
{
    struct table_builder *b = calloc(1, sizeof *b);
    csvchart_table *t = b ? calloc(1, sizeof *t) : NULL;
    if (!t) {
        free(b);
        return NULL;
    }
    b->t = t;
    t->delimiter = ',';
    if (opt) {
        b->read = (struct csv_options){opt->delimiter, opt->max_field_bytes, opt->max_columns,
                                       opt->max_rows, opt->encoding};
    }
    if (!(t->pool = malloc(1))) {
        goto fail;
    }
    t->pool[0] = '\0';
    t->pool_len = t->pool_cap = 1;
    if (opt && opt->syntax) { /* the table keeps its own copy, locale included */
        t->has_syntax = true;
        t->syntax = *opt->syntax;
        if (opt->syntax->dates.loc) {
            if (!(t->locale = malloc(sizeof *t->locale))) {
                goto fail;
            }
            *t->locale = *opt->syntax->dates.loc;
            t->syntax.dates.loc = t->locale;
            t->syntax.numbers.currency = t->locale->currency;
        }
    }
    return b;
fail:
    csvchart_table_builder_free(b);
    return NULL;
}

void csvchart_table_builder_keep_first(struct table_builder *b, size_t rows)
{
    b->keep_first = rows;
}

const struct number_syntax *csvchart_table_builder_numbers(const struct table_builder *b)
{
    return b->t->has_syntax ? &b->t->syntax.numbers : NULL;
}

const struct csv_options *csvchart_table_builder_csv_options(const struct table_builder *b)
{
    return &b->read;
}

csvchart_status csvchart_table_builder_header(struct table_builder *b, const struct csv_header *h,
                                              csvchart_error *err)
{
    csvchart_table *t = b->t;
    size_t n = h->names.nfields;
    if (!(t->name = csvchart_strdup(h->file)) ||
        !csvchart_array_reserve((void **)&t->cols, &b->cols_cap, n, sizeof *t->cols) ||
        !(b->typing = calloc(n, sizeof *b->typing))) {
        return csvchart_error_nomem(err);
    }
    t->delimiter = h->delimiter;
    t->had_bom = h->had_bom;
    b->commas_matter = h->delimiter == ';' && t->syntax.numbers.decimal != ',';
    for (size_t j = 0; j < n; j++) {
        const struct csv_field *f = &h->names.fields[j];
        struct table_column *c = &t->cols[j];
        memset(c, 0, sizeof *c);
        if (!(c->name = csvchart_strndup(h->names.text + f->offset, f->len))) {
            return csvchart_error_nomem(err);
        }
        c->line = f->line;
        c->col = f->col;
        t->ncols++;
        struct column_typing *cs = &b->typing[j];
        cs->num_ok = cs->date_ok = true;
        for (size_t k = 0; k < 5; k++) {
            cs->mult_first[k] = (size_t)-1;
        }
    }
    return CSVCHART_OK;
}

/* Copies the row into the table; *cells is where its cells went. False: out of memory. */
static bool store(struct table_builder *b, const struct csv_row *row, struct table_cell **cells)
{
    csvchart_table *t = b->t;
    size_t text = 0, base = t->pool_len;
    for (size_t j = 0; j < row->nfields; j++) {
        text += row->fields[j].len ? row->fields[j].len + 1 : 0;
    }
    if (t->nrows + 1 > SIZE_MAX / t->ncols ||
        ((t->nrows + 1) * t->ncols > b->cells_cap &&
         !csvchart_array_reserve((void **)&t->cells, &b->cells_cap, (t->nrows + 1) * t->ncols,
                                 sizeof *t->cells)) ||
        text > SIZE_MAX - base ||
        (base + text > t->pool_cap &&
         !csvchart_array_reserve((void **)&t->pool, &t->pool_cap, base + text, 1))) {
        return false;
    }
    /* The row's texts follow its shared empty string (row->text[0]) in the order they were
     * read: one copy, each offset moved by the same amount. */
    memcpy(t->pool + base, row->text + 1, text);
    t->pool_len += text;
    *cells = &t->cells[t->nrows * t->ncols];
    for (size_t j = 0; j < row->nfields; j++) {
        const struct csv_field *f = &row->fields[j];
        (*cells)[j] = (struct table_cell){
            .line = f->line,
            .col = f->col,
            .len = f->len,
            .offset = f->offset ? base + f->offset - 1 : 0,
        };
    }
    t->nrows++;
    return true;
}

csvchart_status csvchart_table_builder_row(struct table_builder *b, const struct csv_row *row,
                                           bool keep, csvchart_error *err)
{
    struct table_cell *cells = NULL;
    if ((b->commas_matter && !note_commas(b, row)) || (keep && !store(b, row, &cells))) {
        return csvchart_error_nomem(err);
    }
    for (size_t j = 0; j < row->nfields; j++) {
        const struct csv_field *f = &row->fields[j];
        type_cell(b, j, row->text + f->offset, f->len, f->line, f->col, cells ? &cells[j] : NULL);
    }
    b->t->nrows_read++;
    return CSVCHART_OK;
}

static csvchart_status sink_header(void *ctx, const struct csv_header *h, csvchart_error *err)
{
    return csvchart_table_builder_header(ctx, h, err);
}

static csvchart_status sink_row(void *ctx, const struct csv_row *row, bool *kept,
                                csvchart_error *err)
{
    struct table_builder *b = ctx;
    *kept = !b->keep_first || b->t->nrows < b->keep_first;
    return csvchart_table_builder_row(b, row, *kept, err);
}

struct row_sink csvchart_table_builder_sink(struct table_builder *b)
{
    return (struct row_sink){.ctx = b, .header = sink_header, .row = sink_row};
}

csvchart_status csvchart_table_builder_finish(struct table_builder *b, enum text_encoding enc,
                                              csvchart_table **out, csvchart_error *err)
{
    *out = NULL;
    if (!b->t) {
        return csvchart_error_set(err, CSVCHART_ERROR_INTERNAL, NULL, 0, 0, "table finished twice");
    }
    for (size_t j = 0; j < b->t->ncols; j++) {
        type_column(b, j);
    }
    csvchart_status st = check_commas(b, err);
    if (st != CSVCHART_OK) {
        return st;
    }
    b->t->encoding = enc;
    *out = b->t;
    b->t = NULL;
    return CSVCHART_OK;
}

void csvchart_table_builder_free(struct table_builder *b)
{
    if (!b) {
        return;
    }
    csvchart_table_free(b->t);
    free(b->typing);
    free(b->commas);
    free(b);
}
