/*
 * table_csv_rows.c - the reader's libcsv side: feeding libcsv, and its callbacks, which build
 * the header's names and then one data row at a time and hand them to the sink.
 *
 * The byte loop (table_csv_scan.c) decides how libcsv gets the bytes: in batches while a row
 * has no quote, the field callback taking each field's position from the queue the loop
 * filled, or in pieces that end just after each delimiter, CR or LF, so that a piece triggers
 * at most one field callback and one row callback, both caused by its last byte (see
 * table_csv.c). The field callback copies each field's text into the row being read; the row
 * callback checks the row's number of fields, hands the complete row to the sink and starts
 * the next one in the same buffers, so the reader's memory is one row, whatever the file's
 * size. The header's checks (a name for every column, no name twice, max_columns) and the
 * limits on rows and blank lines are made here, where the fields arrive.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "table_csv_reader.h"

/* A value for a message: at most 60 bytes, cut on a UTF-8 boundary, "..." when cut. */
static const char *excerpt(char *buf, size_t size, const char *s, size_t len)
{
    size_t n = len;
    if (n > 60) {
        n = 60;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) {
            n--;
        }
    }
    snprintf(buf, size, "%.*s%s", (int)n, s, n < len ? "..." : "");
    return buf;
}

static void field_clear(struct csvchart_csv_reader *r)
{
    r->f_set = r->v_set = r->quoted = false;
    r->nq = r->raw_len = 0;
}

/* ---- libcsv callbacks ---------------------------------------------------------------------- */

/* Adds a field's text to the row; *offset is where it went. False when out of memory. */
static bool text_add(struct row *row, const char *s, size_t len, size_t *offset)
{
    if (len == 0) {
        *offset = 0; // text[0] is the shared empty string
        return true;
    }
    if (len > SIZE_MAX - row->text_len - 1 ||
        (row->text_len + len + 1 > row->text_cap &&
         !csvchart_array_reserve((void **)&row->text, &row->text_cap, row->text_len + len + 1,
                                 1))) {
        return false;
    }
    memcpy(row->text + row->text_len, s, len);
    row->text[row->text_len + len] = '\0';
    *offset = row->text_len;
    row->text_len += len + 1;
    return true;
}

/* Empties the row (its buffers stay); false when out of memory. */
static bool row_clear(struct row *row)
{
    row->nfields = 0;
    row->text_len = 1;
    if (!row->text_cap && !csvchart_array_reserve((void **)&row->text, &row->text_cap, 64, 1)) {
        return false;
    }
    row->text[0] = '\0';
    return true;
}

/* Stores field `idx` of the row (fields_cap is at least idx + 1). */
static bool row_set(struct row *row, size_t idx, const char *s, size_t len, struct pos at)
{
    struct csv_field *f = &row->fields[idx];
    *f = (struct csv_field){
        .line = at.line,
        .col = at.col > UINT32_MAX ? UINT32_MAX : (uint32_t)at.col,
        .len = (uint32_t)len, // len <= max_field_bytes <= UINT32_MAX
    };
    row->nfields = idx + 1;
    return text_add(row, s, len, &f->offset);
}

void csvchart_csv_row_fini(struct row *row)
{
    free(row->fields);
    free(row->text);
}

static bool all_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != ' ' && s[i] != '\t') {
            return false;
        }
    }
    return true;
}

static void unnamed_column(struct csvchart_csv_reader *r)
{
    csvchart_csv_fail(r, CSVCHART_ERROR_DATA, r->unnamed_at,
                      "column %zu has an empty name; expected a header row that names every "
                      "column",
                      r->header.nfields + 1);
}

static void header_field(struct csvchart_csv_reader *r, const char *s, size_t len, struct pos at)
{
    struct row *h = &r->header;
    char buf[80];
    if (h->nfields == 0 && !row_clear(h)) {
        fail_nomem(r);
        return;
    }
    if (h->nfields == r->max_columns) {
        csvchart_csv_fail(r, CSVCHART_ERROR_LIMIT, at,
                          "too many columns; the limit is %zu (max_columns)", r->max_columns);
        return;
    }
    /* Unnamed columns may end the header ("name,value," from a spreadsheet): ignored while
     * their cells are empty. One before a named column is an error. */
    if (all_blank(s, len)) {
        if (r->unnamed++ == 0) {
            r->unnamed_at = at;
        }
        return;
    }
    if (r->unnamed) {
        unnamed_column(r);
        return;
    }
    for (size_t i = 0; i < h->nfields; i++) {
        if (h->fields[i].len == len && memcmp(h->text + h->fields[i].offset, s, len) == 0) {
            csvchart_csv_fail(r, CSVCHART_ERROR_DATA, at,
                              "duplicate column name \"%s\" (also column %zu)",
                              excerpt(buf, sizeof buf, s, len), i + 1);
            return;
        }
    }
    if (!csvchart_array_reserve((void **)&h->fields, &h->fields_cap, h->nfields + 1,
                                sizeof *h->fields) ||
        !row_set(h, h->nfields, s, len, at)) {
        fail_nomem(r);
    }
}

static void data_field(struct csvchart_csv_reader *r, const char *s, size_t len, struct pos at)
{
    size_t idx = r->field_index;
    if (idx == 0) {
        if (r->kept_rows == r->max_rows) {
            csvchart_csv_fail(r, CSVCHART_ERROR_LIMIT, at,
                              "too many data rows; the limit is %zu (max_rows)", r->max_rows);
            return;
        }
        row_clear(&r->row); // the buffer exists: it was made with the header
    }
    if (idx < r->ncols) {
        if (!row_set(&r->row, idx, s, len, at)) {
            fail_nomem(r);
        }
    } else if (idx < r->ncols + r->unnamed) {
        if (!all_blank(s, len)) {
            char buf[80];
            csvchart_csv_fail(r, CSVCHART_ERROR_DATA, at,
                              "\"%s\" is in column %zu, whose name in the header (line %zu) "
                              "is empty; name every column that holds values",
                              excerpt(buf, sizeof buf, s, len), idx + 1, r->header_line);
        }
    } else if (idx == r->ncols + r->unnamed) {
        r->surplus_at = at;
    }
}

static void on_field(void *s, size_t len, void *ctx)
{
    struct csvchart_csv_reader *r = ctx;
    r->cb_field = true;
    if (r->e.status != CSVCHART_OK) {
        return;
    }
    struct pos at = r->queue_head < r->queue_len ? r->queue[r->queue_head++] : field_pos(r);
    const char *text = s ? s : "";
    if (r->field_index == 0) {
        r->row_at = at;
    }
    if (r->in_header) {
        header_field(r, text, s ? len : 0, at);
    } else {
        data_field(r, text, s ? len : 0, at);
    }
    r->field_index++;
}

/* Takes a sink's verdict: its error becomes the reader's (a sink that fails without saying
 * why is a broken contract, reported as such). */
static void sink_done(struct csvchart_csv_reader *r, csvchart_status st)
{
    if (st != CSVCHART_OK && r->e.status == CSVCHART_OK) {
        csvchart_csv_fail(r, CSVCHART_ERROR_INTERNAL, r->row_at,
                          "a row sink failed without an error");
    }
}

/* The header is complete: the rows to come get their buffers, the sink gets the names. */
static void end_header(struct csvchart_csv_reader *r)
{
    r->in_header = false;
    r->header_line = r->row_at.line;
    r->ncols = r->header.nfields;
    if (r->ncols == 0 && r->unnamed) { /* no name at all */
        unnamed_column(r);
        return;
    }
    if (!csvchart_array_reserve((void **)&r->row.fields, &r->row.fields_cap, r->ncols,
                                sizeof *r->row.fields) ||
        !row_clear(&r->row)) {
        fail_nomem(r);
        return;
    }
    struct csv_header h = {
        .file = r->name,
        .delimiter = r->delim,
        .had_bom = r->had_bom,
        .names = {r->header.nfields, r->header.fields, r->header.text},
    };
    sink_done(r, r->sink.header(r->sink.ctx, &h, &r->e));
}

/* A complete data row goes to the sink. */
static void end_row(struct csvchart_csv_reader *r)
{
    struct csv_row row = {r->row.nfields, r->row.fields, r->row.text};
    bool kept = false;
    r->data_rows++;
    sink_done(r, r->sink.row(r->sink.ctx, &row, &kept, &r->e));
    r->kept_rows += kept;
}

/*
 * Counts a blank line, which starts at `at`: blank lines count toward max_rows on their own
 * (apart from the data rows, which a sink may fold), so that an endless stream of them
 * (yes '' | csvchart bar -) meets a limit. False after the error.
 */
bool csvchart_csv_blank_line(struct csvchart_csv_reader *r, struct pos at)
{
    if (++r->blank_lines <= r->max_rows) {
        return true;
    }
    at.col = 1;
    csvchart_csv_fail(
        r, CSVCHART_ERROR_LIMIT, at,
        "too many blank lines; the limit is %zu (max_rows, counted apart from the data rows)",
        r->max_rows);
    return false;
}

static void on_row(int c, void *ctx)
{
    (void)c;
    struct csvchart_csv_reader *r = ctx;
    r->cb_row = true;
    if (r->e.status != CSVCHART_OK) {
        return;
    }
    if (r->in_header) {
        end_header(r);
    } else if (r->field_index < r->ncols || r->field_index > r->ncols + r->unnamed) {
        /* Too many fields: point at the first one too many; too few: at the row. (The header's
         * trailing unnamed columns may be there or not.) */
        struct pos at = r->field_index > r->ncols ? r->surplus_at : r->row_at;
        csvchart_csv_fail(r, CSVCHART_ERROR_DATA, at,
                          "row has %zu field%s, expected %zu as in the header "
                          "(line %zu)",
                          r->field_index, r->field_index == 1 ? "" : "s",
                          r->ncols + (r->field_index > r->ncols ? r->unnamed : 0), r->header_line);
    } else {
        end_row(r);
    }
    r->field_index = 0;
}

/* ---- Feeding libcsv ------------------------------------------------------------------------ */
/*
 * Gives libcsv bytes [s, s+n), which hold no delimiter, CR or LF except maybe the last; `at` is
 * the position of s[0]. r->pos is already the position after the last byte.
 */
void csvchart_csv_feed_piece(struct csvchart_csv_reader *r, const unsigned char *s, size_t n,
                             struct pos at)
{
    if (n == 0 || r->e.status != CSVCHART_OK) {
        return;
    }
    r->cb_field = r->cb_row = false;
    size_t got = csv_parse(&r->csv, s, n, on_field, on_row, r);
    if (r->e.status != CSVCHART_OK) {
        return;
    }
    if (got < n) {
        if (csv_error(&r->csv) != CSV_EPARSE) {
            fail_nomem(r);
            return;
        }
        struct pos bad = {at.line, at.col + got, at.offset + got};
        if (r->quoted) {
            csvchart_csv_fail(r, CSVCHART_ERROR_DATA, bad,
                              "unexpected text after a closing quote; write a "
                              "quote inside a quoted field twice (\"\")");
        } else {
            csvchart_csv_fail(r, CSVCHART_ERROR_DATA, bad,
                              "quote inside an unquoted field; wrap the field in "
                              "quotes and double the quote (\"\")");
        }
        return;
    }
    unsigned char b = s[n - 1];
    if (!is_break(r, b)) {
        return;
    }
    if (r->cb_row) {
        field_clear(r);
        r->row_fields = 0;
    } else if (r->cb_field) {
        field_clear(r); // the next field starts right after the delimiter
        r->f_set = true;
        r->fstart = r->pos;
        r->row_fields++;
    } else if ((b == '\r' || b == '\n') && !in_quotes(r)) {
        field_clear(r); // a blank line, which libcsv skips
        if (!r->lf_of_crlf) {
            csvchart_csv_blank_line(r, at);
        }
    }
}

/*
 * Gives libcsv bytes [s, s+n) that hold no quote (batch mode): their fields end where
 * process() predicted, and the callbacks take those fields' positions from the queue.
 */
void csvchart_csv_feed_batch(struct csvchart_csv_reader *r, const unsigned char *s, size_t n)
{
    if (n > 0 && r->e.status == CSVCHART_OK) {
        size_t got = csv_parse(&r->csv, s, n, on_field, on_row, r);
        if (r->e.status == CSVCHART_OK && got < n) {
            fail_nomem(r); // without quotes, libcsv fails only for memory
        } else if (r->e.status == CSVCHART_OK && r->queue_head != r->queue_len) {
            csvchart_csv_fail(r, CSVCHART_ERROR_INTERNAL, r->pos,
                              "the reader lost track of fields");
        }
    }
    r->queue_len = r->queue_head = 0;
}

/* Gives libcsv the bytes not given yet, in the current mode. */
void csvchart_csv_give(struct csvchart_csv_reader *r, const unsigned char *s, size_t n,
                       struct pos at)
{
    if (r->batch) {
        csvchart_csv_feed_batch(r, s, n);
    } else {
        csvchart_csv_feed_piece(r, s, n, at);
    }
}

void csvchart_csv_feed_end(struct csvchart_csv_reader *r)
{
    r->cb_field = r->cb_row = false;
    if (csv_fini(&r->csv, on_field, on_row, r) != 0 && r->e.status == CSVCHART_OK) {
        csvchart_csv_fail(r, CSVCHART_ERROR_DATA, field_pos(r),
                          "unterminated quoted field (opened here)");
    }
}
