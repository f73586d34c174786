/*
 * table.c - the typed table as the stages after reading see it (see table.h): its cells and
 * columns, numbers and dates read in the file's syntax, columns found by name, dates with an
 * error that says what went wrong, and freeing.
 *
 * The table is built elsewhere (table_build.c, from the reader's rows) and read here; this
 * file calls nothing of the reader or the builder, and nothing of any figure: the bindings
 * (bar_data.c, timeline_data.c, trend_data.c) come after it and read it.
 */
#include "table.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "locale_data.h"

void csvchart_table_free(csvchart_table *t)
{
    if (!t) {
        return;
    }
    for (size_t j = 0; j < t->ncols; j++) {
        free(t->cols[j].name);
    }
    free(t->cols);
    free(t->cells);
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

bool csvchart_table_date(const csvchart_table *t, const char *s, size_t len, struct date_value *out)
{
    return t->has_syntax ? csvchart_date_parse_as(s, len, &t->syntax.dates, out)
                         : csvchart_date_parse(s, len, out);
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

csvchart_status csvchart_table_column(const csvchart_table *t, const char *name, const char *role,
                                      size_t *col, csvchart_error *err)
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
        int k =
            snprintf(list + used, sizeof list - used, "%s\"%s\"", i ? ", " : "", t->cols[i].name);
        if (k < 0 || (size_t)k >= sizeof list - used) {
            snprintf(list + (used < sizeof list - 6 ? used : sizeof list - 6), 6, ", ...");
            break;
        }
        used += (size_t)k;
    }
    return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                              "no column named \"%s\" (%s); the columns are %s", name, role, list);
}

/* ---- cells read as what a figure needs ---------------------------------------------------- */

#define DATE_FORMATS                                                                               \
    "2025, 2025-01, 2025-01-15, 2025-01-15T10:00:00Z (or +02:00), January 2025, Jan 2025, "        \
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

bool csvchart_table_mostly_numbers(const csvchart_table *t, size_t col)
{
    const struct table_column *c = &t->cols[col];
    return c->type == COLUMN_TEXT && c->numbers >= 2 && c->numbers * 2 > c->count;
}

const char *csvchart_table_date_hint(const csvchart_table *t, const char *s)
{
    /* "15/01/2026" (or 15.01.2026): numbers in an order the file does not say. */
    size_t a = strspn(s, " 0123456789");
    bool sep = a && (s[a] == '/' || s[a] == '.'); /* not the end: s + a + 1 is inside */
    size_t b2 = sep ? strspn(s + a + 1, "0123456789") : 0;
    if (sep && b2 && s[a + 1 + b2] == s[a] && t->syntax.dates.order == DATE_ORDER_NONE) {
        return s[a] == '/' ? "; for day/month/year set date_format = dd/mm/yyyy (or mm/dd/yyyy)"
                           : "; for day.month.year set date_format = dd.mm.yyyy";
    }
    return "";
}

csvchart_status csvchart_table_number_error(const csvchart_table *t, size_t col,
                                            csvchart_error *err)
{
    const struct table_column *tc = &t->cols[col];
    const char *s = tc->not_number.text;
    bool comma = t->syntax.numbers.decimal == ',';
    /* "1,5" in a ;-separated file: a decimal comma, most likely (a group of three is read, or
     * refused as ambiguous, before this). */
    const char *p = strchr(s, ',');
    bool decimal_comma = !comma && t->delimiter != ',' && p && p > s && p[-1] >= '0' &&
                         p[-1] <= '9' && p[1] >= '0' && p[1] <= '9';
    /* the cell quoted: a newline in it printed the message on two lines (review) */
    char q[256];
    csvchart_utf8_quote(s, 200, q, sizeof q);
    if (csvchart_number_overflows(s, strlen(s), &t->syntax.numbers)) {
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, tc->not_number.line,
                                  tc->not_number.col,
                                  "column \"%s\" has %s, a number out of range (the "
                                  "largest is about 1.8e308)",
                                  t->cols[col].name, q);
    }
    return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, tc->not_number.line,
                              tc->not_number.col,
                              "column \"%s\" needs numbers, and %s is not a number "
                              "(expected e.g. %s)%s",
                              t->cols[col].name, q,
                              comma ? "42, 1.234,5, 0,07 \xe2\x82\xac, 50%, with decimal = ,"
                                    : "42, 1,234.5, $0.07, 50%, $5.6M",
                              decimal_comma ? "; for a decimal comma set decimal = ," : "");
}

csvchart_status csvchart_table_date_cell(const csvchart_table *t, size_t col,
                                         const struct table_cell *c, struct date_value *out,
                                         csvchart_error *err)
{
    const char *s = csvchart_table_text(t, c);
    if (csvchart_table_date(t, s, c->len, out)) {
        return CSVCHART_OK;
    }
    char why[64];
    if (csvchart_date_past_month_end(s, c->len, t->has_syntax ? &t->syntax.dates : NULL, why,
                                     sizeof why)) {
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, c->line, c->col,
                                  "\"%s\" is not a date (column \"%s\"): %s", s, t->cols[col].name,
                                  why);
    }
    return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, c->line, c->col,
                              "\"%s\" is not a date (column \"%s\"); expected " DATE_FORMATS "%s",
                              s, t->cols[col].name, csvchart_table_date_hint(t, s));
}
