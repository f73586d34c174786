/*
 * inspect.c - `csvchart inspect`: a report of how a CSV file was read (see csvchart.h).
 *
 * It sits right after the table stage and uses nothing later in the pipeline: read the file
 * with csvchart_table_summarise_file() (table.h, Building: the columns are typed over every
 * row, but only the first rows are kept, so a file of any size is inspected in bounded
 * memory), then describe the typed table - the file's delimiter, BOM and row count,
 * one line per column (type, unit, counts, range) and the first rows as parsed.
 * Both tables are built as grids of strings first and printed with columns padded to the
 * widest cell (counted in UTF-8 characters), so the report stays aligned for any data.
 */
#include "csvchart.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "date.h"
#include "error.h"
#include "table.h"

#define PREVIEW_ROWS 5
#define MAX_SHOWN 32 /* characters of a text value shown before "..." */

/* ---- A growing string ---------------------------------------------------------------------- */

struct strbuf {
    char *s;
    size_t len, cap;
    bool failed;
};

static void put(struct strbuf *b, const char *fmt, ...) CSVCHART_PRINTF(2, 3);

static void put(struct strbuf *b, const char *fmt, ...)
{
    if (b->failed) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !csvchart_array_reserve((void **)&b->s, &b->cap, b->len + (size_t)n + 1, 1)) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* ---- A grid of strings printed as aligned columns ------------------------------------------ */

struct grid {
    char **cells; /* row-major */
    size_t len, cap, ncols;
    const bool *right; /* per column: align right */
    bool failed;
};

static void cell(struct grid *g, const char *fmt, ...) CSVCHART_PRINTF(2, 3);

static void cell(struct grid *g, const char *fmt, ...)
{
    if (g->failed) {
        return;
    }
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    char *copy = csvchart_strdup(tmp);
    if (!copy ||
        !csvchart_array_reserve((void **)&g->cells, &g->cap, g->len + 1, sizeof *g->cells)) {
        free(copy);
        g->failed = true;
        return;
    }
    g->cells[g->len++] = copy;
}

/* Characters, not bytes: UTF-8 continuation bytes take no column. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++) {
        w += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return w;
}

static void grid_print(struct grid *g, struct strbuf *b, const char *indent)
{
    if (g->failed) {
        b->failed = true;
        return;
    }
    size_t *w = calloc(g->ncols, sizeof *w);
    if (!w) {
        b->failed = true;
        return;
    }
    for (size_t i = 0; i < g->len; i++) {
        size_t k = i % g->ncols;
        if (width(g->cells[i]) > w[k]) {
            w[k] = width(g->cells[i]);
        }
    }
    for (size_t i = 0; i < g->len; i++) {
        size_t k = i % g->ncols;
        const char *s = g->cells[i];
        size_t pad = w[k] - width(s);
        bool last = k + 1 == g->ncols;
        if (k == 0) {
            put(b, "%s", indent);
        }
        if (g->right && g->right[k]) {
            put(b, "%*s%s", (int)pad, "", s);
        } else if (last) {
            put(b, "%s", s); // no trailing spaces
        } else {
            put(b, "%s%*s", s, (int)pad, "");
        }
        if (last) {
            while (!b->failed && b->len > 0 && b->s[b->len - 1] == ' ') {
                b->len--; // no trailing spaces when the last cells are empty
            }
            put(b, "\n");
        } else {
            put(b, "  ");
        }
    }
    free(w);
}

static void grid_free(struct grid *g)
{
    for (size_t i = 0; i < g->len; i++) {
        free(g->cells[i]);
    }
    free(g->cells);
}

/* ---- Formatting values --------------------------------------------------------------------- */

static void format_number(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.15g", v);
}

/* A date coordinate as YYYY-MM-DD (or year / month only), with the time when there is one. */
static void format_date(char *buf, size_t size, double coord, int prec)
{
    double day = floor(coord);
    int y, m, d;
    csvchart_date_civil((int64_t)day, &y, &m, &d);
    double secs = (coord - day) * 86400.0;
    if (prec == DATE_YEAR) {
        snprintf(buf, size, "%04d", y);
    } else if (prec == DATE_MONTH) {
        snprintf(buf, size, "%04d-%02d", y, m);
    } else if (secs >= 0.5 || prec == DATE_TIME) {
        long s = lround(secs);
        if (s >= 86400) {
            s = 86399;
        }
        snprintf(buf, size, "%04d-%02d-%02d %02ld:%02ld:%02ld", y, m, d, s / 3600, s / 60 % 60,
                 s % 60);
    } else {
        snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    }
}

/* Text (in double quotes when `quote`), with \" \n \t escaped and long values cut. */
static void format_text(char *buf, size_t size, const char *s, bool quote)
{
    size_t o = 0, chars = 0;
    if (quote) {
        buf[o++] = '"';
    }
    for (; *s && o + 8 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c & 0xC0) != 0x80 && chars++ == MAX_SHOWN) {
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        if (c == '"' || c == '\\') {
            buf[o++] = '\\';
            buf[o++] = (char)c;
        } else if (c == '\n' || c == '\r' || c == '\t') {
            buf[o++] = '\\';
            buf[o++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
        } else {
            buf[o++] = (char)c;
        }
    }
    if (quote) {
        buf[o++] = '"';
    }
    buf[o] = '\0';
}

static void format_unit(char *buf, size_t size, const struct number_unit *u)
{
    char m[2] = {u->multiplier, '\0'};
    snprintf(buf, size, "%s%s%s", u->prefix, m, u->suffix);
}

static const char *delimiter_name(char d)
{
    switch (d) {
    case ',':
        return "\",\"";
    case ';':
        return "\";\"";
    case '\t':
        return "tab";
    default:
        return "?";
    }
}

/* ---- The report ---------------------------------------------------------------------------- */

static void describe(const csvchart_table *t, struct strbuf *b)
{
    char lo[64], hi[64], unit[24];
    put(b, "file       %s\n", t->name);
    put(b, "delimiter  %s\n", delimiter_name(t->delimiter));
    put(b, "BOM        %s\n", t->had_bom ? "yes (skipped)" : "no");
    size_t nrows = t->nrows_read;
    put(b, "rows       %zu data row%s after the header\n", nrows, nrows == 1 ? "" : "s");
    put(b, "columns    %zu\n\n", t->ncols);

    static const bool col_right[8] = {true, false, false, false, true, true, true, true};
    struct grid g = {.ncols = 8, .right = col_right};
    cell(&g, "#");
    cell(&g, "column");
    cell(&g, "type");
    cell(&g, "unit");
    cell(&g, "count");
    cell(&g, "missing");
    cell(&g, "min");
    cell(&g, "max");
    for (size_t j = 0; j < t->ncols; j++) {
        const struct table_column *c = &t->cols[j];
        char name[160];
        lo[0] = hi[0] = unit[0] = '\0';
        if (c->type == COLUMN_NUMBER) {
            format_unit(unit, sizeof unit, &c->unit);
            format_number(lo, sizeof lo, c->min);
            format_number(hi, sizeof hi, c->max);
        } else if (c->type == COLUMN_DATE) {
            format_date(lo, sizeof lo, c->min, DATE_DAY);
            format_date(hi, sizeof hi, c->max, DATE_DAY);
        }
        format_text(name, sizeof name, c->name, false);
        cell(&g, "%zu", j + 1);
        cell(&g, "%s", name);
        cell(&g, "%s", csvchart_column_type_name(c->type));
        cell(&g, "%s", unit);
        cell(&g, "%zu", c->count);
        cell(&g, "%zu", c->missing);
        cell(&g, "%s", lo);
        cell(&g, "%s", hi);
    }
    grid_print(&g, b, "  ");
    grid_free(&g);

    size_t shown = t->nrows < PREVIEW_ROWS ? t->nrows : PREVIEW_ROWS;
    if (shown < nrows) {
        put(b, "\nfirst %zu of %zu rows, as parsed\n", shown, nrows);
    } else {
        put(b, "\n%s %zu row%s, as parsed\n", shown == 1 ? "the" : "all", shown,
            shown == 1 ? "" : "s");
    }
    struct grid p = {.ncols = t->ncols + 1};
    bool *right = calloc(t->ncols + 1, sizeof *right);
    if (!right) {
        b->failed = true;
        return;
    }
    right[0] = true;
    for (size_t j = 0; j < t->ncols; j++) {
        right[j + 1] = t->cols[j].type == COLUMN_NUMBER;
    }
    p.right = right;
    cell(&p, "line");
    for (size_t j = 0; j < t->ncols; j++) {
        char name[160];
        format_text(name, sizeof name, t->cols[j].name, false);
        cell(&p, "%s", name);
    }
    for (size_t i = 0; i < shown; i++) {
        cell(&p, "%zu", csvchart_table_cell(t, i, 0)->line);
        for (size_t j = 0; j < t->ncols; j++) {
            const struct table_cell *c = csvchart_table_cell(t, i, j);
            char v[160];
            if (c->missing) {
                snprintf(v, sizeof v, "(missing)");
            } else if (t->cols[j].type == COLUMN_NUMBER) {
                format_number(v, sizeof v, c->num);
            } else if (t->cols[j].type == COLUMN_DATE) {
                format_date(v, sizeof v, c->num, c->date_prec);
            } else {
                format_text(v, sizeof v, csvchart_table_text(t, c), true);
            }
            cell(&p, "%s", v);
        }
    }
    grid_print(&p, b, "  ");
    grid_free(&p);
    free(right);
}

csvchart_status csvchart_inspect_file(const char *path, const char *delimiter, char **report,
                                      csvchart_error *err)
{
    if (!report) {
        return csvchart_error_null(err, __func__, "report");
    }
    *report = NULL;
    if (!path) {
        return csvchart_error_null(err, __func__, "path");
    }
    struct table_options opt = {0};
    if (!delimiter || strcmp(delimiter, "auto") == 0) {
        opt.delimiter = 0;
    } else if (strcmp(delimiter, ",") == 0 || strcmp(delimiter, ";") == 0) {
        opt.delimiter = delimiter[0];
    } else if (strcmp(delimiter, "tab") == 0 || strcmp(delimiter, "\t") == 0) {
        opt.delimiter = '\t';
    } else {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "unknown delimiter \"%s\"; expected auto, \",\", \";\" or tab",
                                  delimiter);
    }
    csvchart_table *t;
    csvchart_status st = csvchart_table_summarise_file(path, &opt, PREVIEW_ROWS, &t, err);
    if (st != CSVCHART_OK) {
        return st;
    }
    struct strbuf b = {0};
    describe(t, &b);
    csvchart_table_free(t);
    if (b.failed) {
        free(b.s);
        return csvchart_error_nomem(err);
    }
    *report = b.s;
    return CSVCHART_OK;
}
