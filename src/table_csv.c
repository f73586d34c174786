/*
 * table_csv.c - the streaming CSV reader: bytes in, rows of fields with line:col out, handed
 * to a sink (see table_csv.h).
 *
 * This is the first stage of the pipeline and the only file that includes libcsv's csv.h.
 * libcsv splits fields and undoes quoting, but it reports no positions and its callbacks fire
 * only when it meets a delimiter, CR or LF. So every byte passes through process() first,
 * which
 *   - keeps the position (line, column, offset) of the next byte,
 *   - checks UTF-8 and NUL bytes, so those errors carry the exact byte's position,
 *   - follows each field just enough to know where it starts and whether it is inside quotes,
 *   - and hands the bytes to libcsv in one of two ways:
 * Batch mode, while the row being read has no quote (most rows of most files): without
 * quotes, libcsv's reading is plain - a delimiter ends a field, a line end ends the row's last
 * field unless the row is blank - so scan_batch() predicts where each field will end, queues
 * where it starts, and gives libcsv up to QUEUE_MAX fields in one call; the field callback
 * takes its position from the queue. Pieces, from a quote to the end of its row: libcsv gets
 * pieces that end just after each delimiter, CR or LF byte. A piece then triggers at most one
 * field callback and one row callback, both caused by its last byte, so the callbacks know
 * exactly which field they close. When csv_parse() returns short (a stray quote in strict
 * mode) the bad byte is at the piece's start plus the return value, on the same line because
 * a piece holds no line end before its last byte.
 *
 * Before any of that, the reader buffers the first line (the header) to skip a UTF-8 byte
 * order mark and to pick the delimiter among , ; and tab by counting them outside quotes.
 * The field callback copies each field's text into the row being read; the row callback
 * hands the complete row to the sink and starts the next one in the same buffers, so the
 * reader's memory is one row, whatever the file's size.
 *
 * Input may arrive in pieces of any size: all state lives in the reader, so cutting the input
 * anywhere (inside a CRLF, a UTF-8 character, a quoted field) gives the same rows and the same
 * first error. Errors are sticky: the first one is kept and every later call returns it.
 *
 * Over 600 lines: the byte loop, libcsv's callbacks, the header scan and the decoding of other
 * encodings share the reader's state and hand bytes to each other in both directions (a
 * conversion feeds the header scan; an encoding error needs the header's position); split,
 * that state would have to be shared between files.
 */
#include "table_csv.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"

#define DEFAULT_MAX_FIELD_BYTES ((size_t)1 << 20)
#define DEFAULT_MAX_COLUMNS ((size_t)10000)
#define DEFAULT_MAX_ROWS ((size_t)10000000)
#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL)

/* Where a byte is: physical line and byte column (1-based), and offset after any BOM. */
struct pos {
    size_t line, col, offset;
};

enum phase { PHASE_HEADER_SCAN, PHASE_MAIN, PHASE_DONE };

/* A row being read: its fields and their texts (text[0] is the empty string all empty fields
 * share), in buffers reused from row to row. */
struct row {
    struct csv_field *fields;
    size_t nfields, fields_cap;
    char *text;
    size_t text_len, text_cap;
};

/* What happens to the bytes fed before process() sees them (see decode()). */
enum decoding {
    DEC_UTF8,   /* none: they are UTF-8 (the default; and auto once it has decided so) */
    DEC_DECIDE, /* held until the encoding is known (a byte order mark, auto's first
                   non-ASCII character) */
    DEC_ICONV   /* converted to UTF-8 by iconv */
};

struct csvchart_csv_reader {
    char *name;
    char delimiter_opt; /* 0 = detect */
    size_t max_field, max_columns, max_rows;
    size_t blank_lines; /* so far; limited by max_rows (blank_line()) */
    csvchart_error e; /* the first error, kept */
    enum phase phase;
    struct csv_parser csv;
    char delim;
    /* plain[b]: byte b needs no attention beyond counting it: printable ASCII other than the
     * delimiter, the quote, space and tab (set with the delimiter). */
    bool plain[256];

    /* The header scan: bytes held back until the first line is complete. */
    unsigned char *hbuf;
    size_t hlen, hcap, hlimit;
    bool h_inq, h_content;
    size_t h_count[3]; /* ',' ';' '\t' outside quotes */

    /* The next byte's position. */
    struct pos pos;
    bool prev_cr; /* the last byte was CR: an LF now is part of the same line end */
    bool lf_of_crlf; /* the byte given to feed_piece() last was such an LF */

    /* A UTF-8 sequence in progress. */
    int u_need, u_total, u_len;
    unsigned char u_lo, u_hi, u_bytes[4];
    uint32_t u_cp;
    struct pos u_at;

    /* The field being read: where it starts (fstart), its first non-blank byte (vstart), and
     * for a quoted field how many quotes so far (odd = inside the quotes). */
    bool f_set, v_set, quoted;
    size_t nq, raw_len;
    struct pos fstart, vstart;

    /* Batch mode (the usual one): while a row has no quote, libcsv gets long stretches of
     * bytes, and scan_batch() queues where each field it will end starts. A quote switches
     * the row to pieces (see the top of the file). row_fields: fields ended in this row. */
    bool batch;
    size_t row_fields;
    struct pos *queue;
    size_t queue_len, queue_head, queue_cap;

    /* What the libcsv callbacks build: the header's names, then one data row at a time,
     * each a struct row (the fields and their texts, text[0] the shared empty string). */
    bool cb_field, cb_row;
    bool in_header;
    size_t field_index;
    struct pos row_at, surplus_at;
    size_t header_line;
    struct row header, row;
    size_t ncols;       /* the header's fields */
    size_t data_rows;   /* read so far */
    size_t kept_rows;   /* of which the sink kept (max_rows) */
    bool had_bom;
    struct row_sink sink;

    /* The encoding (table.h, text_encoding). */
    enum text_encoding enc; /* asked for; auto until decided */
    enum decoding dec;
    unsigned char held[8]; /* DEC_DECIDE: bytes not given on yet; DEC_ICONV: an incomplete
                              character carried to the next feed */
    size_t nheld;
    bool decided_ascii; /* auto: only ASCII so far (given on as it came) */
    iconv_t cd;         /* DEC_ICONV */
};

static void fail(struct csvchart_csv_reader *r, csvchart_status status, struct pos at,
                 const char *fmt, ...) CSVCHART_PRINTF(4, 5);

static void fail(struct csvchart_csv_reader *r, csvchart_status status, struct pos at,
                 const char *fmt, ...)
{
    char msg[sizeof r->e.message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    csvchart_error_set(&r->e, status, r->name, at.line, at.col, "%s", msg);
}

static void fail_nomem(struct csvchart_csv_reader *r)
{
    csvchart_error_nomem(&r->e);
}

/* Copies the reader's error to the caller's. */
static csvchart_status report(const struct csvchart_csv_reader *r, csvchart_error *err)
{
    if (r->e.status == CSVCHART_OK) {
        return CSVCHART_OK;
    }
    return csvchart_error_set(err, r->e.status, r->e.file[0] ? r->e.file : NULL, r->e.line,
                              r->e.column, "%s", r->e.message);
}

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

static struct pos field_pos(const struct csvchart_csv_reader *r)
{
    return r->v_set ? r->vstart : r->f_set ? r->fstart : r->pos;
}

static void field_clear(struct csvchart_csv_reader *r)
{
    r->f_set = r->v_set = r->quoted = false;
    r->nq = r->raw_len = 0;
}

static bool in_quotes(const struct csvchart_csv_reader *r)
{
    return r->quoted && (r->nq & 1);
}

/* Spaces and tabs that libcsv drops around an unquoted field (a tab delimiter is not one). */
static bool is_blank(const struct csvchart_csv_reader *r, unsigned char b)
{
    return (b == ' ' || b == '\t') && b != (unsigned char)r->delim;
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

static void row_fini(struct row *row)
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

static void header_field(struct csvchart_csv_reader *r, const char *s, size_t len, struct pos at)
{
    struct row *h = &r->header;
    char buf[80];
    if (h->nfields == 0 && !row_clear(h)) {
        fail_nomem(r);
        return;
    }
    if (h->nfields == r->max_columns) {
        fail(r, CSVCHART_ERROR_LIMIT, at, "too many columns; the limit is %zu (max_columns)", r->max_columns);
        return;
    }
    if (all_blank(s, len)) {
        fail(r, CSVCHART_ERROR_DATA, at,
             "column %zu has an empty name; expected a header row "
             "that names every column",
             h->nfields + 1);
        return;
    }
    for (size_t i = 0; i < h->nfields; i++) {
        if (h->fields[i].len == len && memcmp(h->text + h->fields[i].offset, s, len) == 0) {
            fail(r, CSVCHART_ERROR_DATA, at, "duplicate column name \"%s\" (also column %zu)",
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
            fail(r, CSVCHART_ERROR_LIMIT, at, "too many data rows; the limit is %zu (max_rows)", r->max_rows);
            return;
        }
        row_clear(&r->row); // the buffer exists: it was made with the header
    }
    if (idx < r->ncols) {
        if (!row_set(&r->row, idx, s, len, at)) {
            fail_nomem(r);
        }
    } else if (idx == r->ncols) {
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
        fail(r, CSVCHART_ERROR_INTERNAL, r->row_at, "a row sink failed without an error");
    }
}

/* The header is complete: the rows to come get their buffers, the sink gets the names. */
static void end_header(struct csvchart_csv_reader *r)
{
    r->in_header = false;
    r->header_line = r->row_at.line;
    r->ncols = r->header.nfields;
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
static bool blank_line(struct csvchart_csv_reader *r, struct pos at)
{
    if (++r->blank_lines <= r->max_rows) {
        return true;
    }
    at.col = 1;
    fail(r, CSVCHART_ERROR_LIMIT, at,
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
    } else if (r->field_index != r->ncols) {
        /* Too many fields: point at the first one too many; too few: at the row. */
        struct pos at = r->field_index > r->ncols ? r->surplus_at : r->row_at;
        fail(r, CSVCHART_ERROR_DATA, at,
             "row has %zu field%s, expected %zu as in the header "
             "(line %zu)",
             r->field_index, r->field_index == 1 ? "" : "s", r->ncols, r->header_line);
    } else {
        end_row(r);
    }
    r->field_index = 0;
}

/* ---- Feeding libcsv ------------------------------------------------------------------------ */

static bool is_break(const struct csvchart_csv_reader *r, unsigned char b)
{
    return b == (unsigned char)r->delim || b == '\r' || b == '\n';
}

/*
 * Gives libcsv bytes [s, s+n), which hold no delimiter, CR or LF except maybe the last; `at` is
 * the position of s[0]. r->pos is already the position after the last byte.
 */
static void feed_piece(struct csvchart_csv_reader *r, const unsigned char *s, size_t n,
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
            fail(r, CSVCHART_ERROR_DATA, bad,
                 "unexpected text after a closing quote; write a "
                 "quote inside a quoted field twice (\"\")");
        } else {
            fail(r, CSVCHART_ERROR_DATA, bad,
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
            blank_line(r, at);
        }
    }
}

/*
 * Gives libcsv bytes [s, s+n) that hold no quote (batch mode): their fields end where
 * process() predicted, and the callbacks take those fields' positions from the queue.
 */
static void feed_batch(struct csvchart_csv_reader *r, const unsigned char *s, size_t n)
{
    if (n > 0 && r->e.status == CSVCHART_OK) {
        size_t got = csv_parse(&r->csv, s, n, on_field, on_row, r);
        if (r->e.status == CSVCHART_OK && got < n) {
            fail_nomem(r); // without quotes, libcsv fails only for memory
        } else if (r->e.status == CSVCHART_OK && r->queue_head != r->queue_len) {
            fail(r, CSVCHART_ERROR_INTERNAL, r->pos, "the reader lost track of fields");
        }
    }
    r->queue_len = r->queue_head = 0;
}

/* Gives libcsv the bytes not given yet, in the current mode. */
static void give(struct csvchart_csv_reader *r, const unsigned char *s, size_t n, struct pos at)
{
    if (r->batch) {
        feed_batch(r, s, n);
    } else {
        feed_piece(r, s, n, at);
    }
}

/* After a byte that is not UTF-8: what the file may be instead. */
#define LATIN1_HINT "; if the file is Latin-1 or Windows-1252, set encoding = latin1"

/*
 * Checks one byte for UTF-8 validity and NUL. Returns false with a message and the error's
 * position (the byte, or the start of its sequence) when it is bad.
 */
static bool check_byte(struct csvchart_csv_reader *r, unsigned char b, struct pos at, char *msg,
                       size_t size, struct pos *where)
{
    if (r->u_need == 0) {
        if (b == 0) {
            *where = at;
            snprintf(msg, size, "NUL byte in the data");
            return false;
        }
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
            /* XML 1.0 forbids the other C0 controls, so no SVG could hold them; and no text
             * means them (0x1A, a DOS end-of-file mark, is the usual one). */
            *where = at;
            snprintf(msg, size,
                     "control character 0x%02x in the data; expected text (tab and line ends "
                     "are the only control characters allowed)",
                     b);
            return false;
        }
        if (b < 0x80) {
            return true;
        }
        int need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            lo = b == 0xE0 ? 0xA0 : 0x80; // below: overlong
            hi = b == 0xED ? 0x9F : 0xBF; // above: UTF-16 surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            lo = b == 0xF0 ? 0x90 : 0x80; // below: overlong
            hi = b == 0xF4 ? 0x8F : 0xBF; // above: beyond U+10FFFF
        } else {
            *where = at;
            snprintf(msg, size, "invalid UTF-8 byte 0x%02x%s%s", b,
                     b == 0xC0 || b == 0xC1 ? " (overlong encoding)"
                     : b < 0xC0             ? " (continuation byte without a lead byte)"
                                            : "",
                     LATIN1_HINT);
            return false;
        }
        r->u_need = need;
        r->u_total = need + 1;
        r->u_lo = lo;
        r->u_hi = hi;
        r->u_cp = b & (0x3Fu >> need);
        r->u_bytes[0] = b;
        r->u_len = 1;
        r->u_at = at;
        return true;
    }
    if (b >= r->u_lo && b <= r->u_hi) {
        r->u_bytes[r->u_len++] = b;
        r->u_cp = (r->u_cp << 6) | (b & 0x3Fu);
        r->u_lo = 0x80;
        r->u_hi = 0xBF;
        if (r->u_need == 1 && ((r->u_cp >= 0xFDD0 && r->u_cp <= 0xFDEF) ||
                               (r->u_cp & 0xFFFE) == 0xFFFE)) {
            /* The 66 noncharacters: XML 1.0 forbids U+FFFE and U+FFFF, and cairo's PDF
             * writer refuses them all (it failed naming no file, line or column), so no
             * output may hold one. Unicode keeps them for a program's internal use. */
            *where = r->u_at;
            snprintf(msg, size,
                     "U+%04X in the data is not a character (a Unicode noncharacter, which "
                     "SVG or PDF cannot hold); expected text",
                     (unsigned)r->u_cp);
            return false;
        }
        if (--r->u_need == 0 && r->u_cp == 0xFEFF && r->v_set && !r->quoted &&
            r->vstart.offset == r->u_at.offset) {
            *where = r->u_at;
            snprintf(msg, size,
                     "byte order mark inside the data; expected one only at the "
                     "start of the file");
            return false;
        }
        return true;
    }
    *where = r->u_at;
    unsigned char lead = r->u_bytes[0];
    if (r->u_len == 1 && b >= 0x80 && b <= 0xBF) {
        snprintf(msg, size, "invalid UTF-8 sequence 0x%02x 0x%02x (%s)", lead, b,
                 lead == 0xED                   ? "UTF-16 surrogate"
                 : lead == 0xE0 || lead == 0xF0 ? "overlong encoding"
                                                : "code point above U+10FFFF");
    } else {
        snprintf(msg, size,
                 "invalid UTF-8 byte 0x%02x (starts a %d-byte sequence that is cut "
                 "short)%s",
                 lead, r->u_total, LATIN1_HINT);
    }
    return false;
}

static void advance(struct csvchart_csv_reader *r, unsigned char b)
{
    r->pos.offset++;
    if (b == '\r') {
        r->pos.line++;
        r->pos.col = 1;
        r->prev_cr = true;
    } else if (b == '\n') {
        if (!r->prev_cr) {
            r->pos.line++;
            r->pos.col = 1;
        }
        r->prev_cr = false;
    } else {
        r->pos.col++;
        r->prev_cr = false;
    }
}

static uint64_t load8(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/*
 * Whether any of 8 bytes is not plain (see plain[] in the reader): a byte below 0x21 or
 * above 0x7E, the quote or the delimiter. The usual bit tricks, exact for "is there any".
 */
static bool special8(uint64_t x, char delim)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = x ^ (ones * '"'), d = x ^ (ones * (unsigned char)delim), del = x ^ (ones * 0x7F);
    uint64_t zero = ((q - ones) & ~q) | ((d - ones) & ~d) | ((del - ones) & ~del);
    uint64_t below = (x - ones * 0x21) & ~x;
    return ((zero | below) & high) | (x & high);
}

/*
 * Where the run of plain bytes starting at s[i] (itself plain) ends: the first byte from i+1
 * that is not plain, or `stop`. Skips 8 bytes at a time while none of them needs attention.
 */
static size_t plain_run(const bool *plain, char delim, const unsigned char *s, size_t i,
                        size_t stop)
{
    size_t j = i + 1;
    while (j + 8 <= stop && !special8(load8(s + j), delim)) {
        j += 8;
    }
    while (j < stop && plain[s[j]]) {
        j++;
    }
    return j;
}

/* Where a run from s[i] must stop so that the field stays within max_field_bytes. */
static size_t run_stop(const struct csvchart_csv_reader *r, size_t raw_len, size_t i,
                       size_t len)
{
    return len - i > r->max_field - raw_len ? i + (r->max_field - raw_len) : len;
}

/* Batches are given to libcsv after this many fields, so that the queue (12 KiB) stays in
 * the first-level cache between being written and being read. */
#define QUEUE_MAX 512

/*
 * The usual case of process(), in batch mode: printable ASCII, spaces, delimiters and line
 * ends, with the reader's state in local variables. It does what process() would do for
 * these bytes, giving the batch to libcsv every QUEUE_MAX fields (*piece moves), and stops
 * at the first other byte (a quote, a control or non-ASCII byte) or at a field about to pass
 * max_field_bytes. So in batch mode every delimiter and line end is read here. Returns the
 * index of the byte it stopped at.
 */
static size_t scan_batch(struct csvchart_csv_reader *r, const unsigned char *s, size_t i,
                         size_t len, size_t *piece)
{
    struct pos pos = r->pos, fstart = r->fstart, vstart = r->vstart;
    bool f_set = r->f_set, v_set = r->v_set, prev_cr = r->prev_cr;
    size_t raw_len = r->raw_len, row_fields = r->row_fields, max_field = r->max_field;
    const unsigned char delim = (unsigned char)r->delim;
    const bool *plain = r->plain;
    if (r->queue_cap < QUEUE_MAX + 1 &&
        !csvchart_array_reserve((void **)&r->queue, &r->queue_cap, QUEUE_MAX + 1,
                                sizeof *r->queue)) {
        fail_nomem(r);
        return len;
    }
    struct pos *queue = r->queue;
    size_t qlen = r->queue_len;
    while (i < len) {
        if (qlen == QUEUE_MAX) {
            r->queue_len = qlen;
            feed_batch(r, s + *piece, i - *piece);
            *piece = i;
            qlen = 0;
            if (r->e.status != CSVCHART_OK) {
                break;
            }
        }
        unsigned char b = s[i];
        if (plain[b]) {
            if (raw_len >= max_field) {
                break;
            }
            size_t j = plain_run(plain, (char)delim, s, i, run_stop(r, raw_len, i, len));
            if (!f_set) {
                f_set = true;
                fstart = pos;
            }
            if (!v_set) {
                v_set = true;
                vstart = pos;
            }
            raw_len += j - i;
            pos.col += j - i;
            pos.offset += j - i;
            prev_cr = false;
            i = j;
        } else if (b == delim || b == '\n' || b == '\r') {
            if (b == delim || row_fields > 0 || v_set) {
                queue[qlen++] = v_set ? vstart : f_set ? fstart : pos;
            } else if ((b == '\r' || !prev_cr) && r->blank_lines + 1 > r->max_rows) {
                /* A blank line over the limit (the LF of a CRLF ends the same one): the rows
                 * queued before it reach libcsv first, as their errors come first. */
                r->queue_len = qlen;
                feed_batch(r, s + *piece, i - *piece);
                *piece = i;
                qlen = 0;
                if (r->e.status == CSVCHART_OK) {
                    blank_line(r, pos);
                }
                break;
            } else if (b == '\r' || !prev_cr) {
                r->blank_lines++;
            }
            pos.offset++;
            if (b == delim) {
                pos.col++;
                prev_cr = false;
                fstart = pos; // the next field starts right after the delimiter
                f_set = true;
                row_fields++;
            } else {
                if (b == '\r' || !prev_cr) {
                    pos.line++;
                    pos.col = 1;
                }
                prev_cr = b == '\r';
                f_set = false;
                row_fields = 0;
            }
            v_set = false;
            raw_len = 0;
            i++;
        } else if (b == ' ' || b == '\t') { // a blank (a tab delimiter was caught above)
            if (raw_len >= max_field) {
                break;
            }
            if (!f_set) {
                f_set = true;
                fstart = pos;
            }
            raw_len++;
            pos.col++;
            pos.offset++;
            prev_cr = false;
            i++;
        } else {
            break;
        }
    }
    r->pos = pos;
    r->fstart = fstart;
    r->vstart = vstart;
    r->f_set = f_set;
    r->v_set = v_set;
    r->quoted = false;
    r->nq = 0;
    r->prev_cr = prev_cr;
    r->raw_len = raw_len;
    r->row_fields = row_fields;
    r->queue_len = qlen;
    return i;
}

/* The main loop over the bytes after the header scan (see the top of the file). */
static void process(struct csvchart_csv_reader *r, const unsigned char *s, size_t len)
{
    size_t piece = 0; /* s[piece..i) is not with libcsv yet */
    struct pos piece_at = r->pos;
    char msg[256];
    struct pos where;
    for (size_t i = 0; i < len && r->e.status == CSVCHART_OK; i++) {
        if (r->batch && r->u_need == 0) {
            size_t k = scan_batch(r, s, i, len, &piece);
            if (r->e.status != CSVCHART_OK) {
                return;
            }
            if (k != i) {
                i = k - 1;
                continue;
            }
        }
        unsigned char b = s[i];
        if (r->plain[b] && r->u_need == 0 && r->raw_len < r->max_field) {
            /* A run of plain bytes (in a row being read in pieces), which can only start a
             * field's value or add to it (inside quotes or not), stopped short of
             * max_field_bytes so that the byte over the limit takes the path below and its
             * error. */
            size_t j = plain_run(r->plain, r->delim, s, i, run_stop(r, r->raw_len, i, len));
            if (!r->f_set) {
                r->f_set = true;
                r->fstart = r->pos;
            }
            if (!r->v_set) {
                r->v_set = true;
                r->vstart = r->pos;
                r->quoted = false;
                r->nq = 0;
            }
            r->raw_len += j - i;
            r->pos.col += j - i;
            r->pos.offset += j - i;
            r->prev_cr = false;
            i = j - 1;
            continue;
        }
        struct pos at = r->pos;
        if (!check_byte(r, b, at, msg, sizeof msg, &where)) {
            give(r, s + piece, i - piece, piece_at); // an earlier error there comes first
            fail(r, CSVCHART_ERROR_DATA, where, "%s", msg);
            return;
        }
        if (b == '"' && r->batch) {
            /* A quote: libcsv catches up, and this row goes on in pieces. */
            give(r, s + piece, i - piece, piece_at);
            r->batch = false;
            piece = i;
            piece_at = at;
        }
        bool inq = in_quotes(r);
        bool brk = is_break(r, b);
        bool ends = brk && !inq; // this byte ends the field (or is a blank line's end)
        if (!r->f_set && b != '\r' && b != '\n') {
            r->f_set = true;
            r->fstart = at;
        }
        if (r->f_set && !ends) {
            /* max_field_bytes counts what the field holds: of a quoted field its content,
             * without the quotes around it (nor the blanks before them), a doubled quote
             * once. Counting the quotes refused a field of exactly the limit and misstated
             * its length. */
            size_t add = 1;
            if (!r->v_set && !is_blank(r, b)) {
                r->v_set = true;
                r->vstart = at;
                r->quoted = b == '"';
                r->nq = r->quoted;
                if (r->quoted) {
                    r->raw_len = add = 0;
                }
            } else if (r->quoted && b == '"') {
                r->nq++;
                add = r->nq & 1; // the second quote of a pair is one quote of content
            }
            if ((r->raw_len += add) > r->max_field) {
                give(r, s + piece, i - piece, piece_at);
                fail(r, CSVCHART_ERROR_LIMIT, field_pos(r), "field is longer than %zu bytes (max_field_bytes)%s",
                     r->max_field, inq ? "; is a closing quote missing?" : "");
                return;
            }
        }
        r->lf_of_crlf = b == '\n' && r->prev_cr;
        advance(r, b);
        if (brk) { /* in pieces: in batch mode scan_batch() reads every break byte */
            feed_piece(r, s + piece, i + 1 - piece, piece_at);
            piece = i + 1;
            piece_at = r->pos;
            r->batch = r->row_fields == 0 && !r->f_set; // the row ended (or was blank)
        }
    }
    if (piece < len) {
        give(r, s + piece, len - piece, piece_at);
    }
}

/* ---- The header scan ----------------------------------------------------------------------- */

/* Ends the header scan: skips a BOM, picks the delimiter, and reads the held bytes. */
static void conclude_header(struct csvchart_csv_reader *r)
{
    size_t skip = 0;
    if (r->hlen >= 2 && ((r->hbuf[0] == 0xFF && r->hbuf[1] == 0xFE) ||
                         (r->hbuf[0] == 0xFE && r->hbuf[1] == 0xFF))) {
        /* Read as UTF-8 this fails at its first byte anyway: say what the file is. */
        fail(r, CSVCHART_ERROR_DATA, (struct pos){1, 1, 0},
             "file is UTF-16 (it starts with a byte order mark %02X %02X); convert it to UTF-8 "
             "or set encoding = utf-16",
             r->hbuf[0], r->hbuf[1]);
        return;
    }
    if (r->hlen >= 3 && memcmp(r->hbuf, "\xEF\xBB\xBF", 3) == 0) {
        skip = 3;
        r->had_bom = true;
    }
    char d = r->delimiter_opt;
    if (!d) {
        /* The most frequent outside quotes; ties go to the earlier of , ; tab. */
        static const char cand[3] = {',', ';', '\t'};
        size_t best = 0;
        for (size_t i = 1; i < 3; i++) {
            if (r->h_count[i] > r->h_count[best]) {
                best = i;
            }
        }
        d = cand[best];
    }
    r->delim = d;
    for (int b = 0; b < 256; b++) {
        r->plain[b] = b > ' ' && b < 0x7F && b != '"' && b != (unsigned char)d;
    }
    csv_set_delim(&r->csv, (unsigned char)d);
    r->phase = PHASE_MAIN;
    if (r->hlen > skip) {
        process(r, r->hbuf + skip, r->hlen - skip);
    }
    free(r->hbuf);
    r->hbuf = NULL;
    r->hlen = r->hcap = 0;
}

/*
 * Holds back bytes until the first line with content ends outside quotes (or hlimit bytes are
 * held), counting candidate delimiters. Returns how many bytes of s it took.
 */
static size_t header_scan(struct csvchart_csv_reader *r, const unsigned char *s, size_t len)
{
    size_t i = 0;
    bool done = false;
    while (i < len && !done) {
        unsigned char b = s[i++];
        if (!r->h_inq && (b == '\r' || b == '\n')) {
            done = r->h_content;
        } else if (b == '"') {
            r->h_inq = !r->h_inq;
            r->h_content = true;
        } else {
            if (!r->h_inq) {
                r->h_count[0] += b == ',';
                r->h_count[1] += b == ';';
                r->h_count[2] += b == '\t';
            }
            r->h_content = r->h_content || b != ' ';
        }
        if (r->hlen + i >= r->hlimit) {
            done = true;
        }
    }
    if (!csvchart_array_reserve((void **)&r->hbuf, &r->hcap, r->hlen + i, 1)) {
        fail_nomem(r);
        return len;
    }
    memcpy(r->hbuf + r->hlen, s, i);
    r->hlen += i;
    if (done) {
        conclude_header(r);
    }
    return i;
}

/* ---- The reader's interface ---------------------------------------------------------------- */

csvchart_status csvchart_csv_reader_new(const char *name, const struct csv_options *opt,
                                        struct row_sink sink, csvchart_csv_reader **out,
                                        csvchart_error *err)
{
    *out = NULL;
    char d = opt ? opt->delimiter : 0;
    if (d == '"' || d == '\r' || d == '\n' || (unsigned char)d >= 0x80) {
        return csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                  "invalid delimiter 0x%02x; expected \",\", \";\" or tab",
                                  (unsigned char)d);
    }
    struct csvchart_csv_reader *r = calloc(1, sizeof *r);
    if (!r) {
        goto fail;
    }
    r->name = csvchart_strdup(name ? name : "");
    if (!r->name) {
        goto fail;
    }
    r->sink = sink;
    r->enc = opt ? opt->encoding : ENCODING_UTF8;
    r->dec = r->enc == ENCODING_UTF8 ? DEC_UTF8 : DEC_DECIDE;
    if (csv_init(&r->csv, CSV_OPTIONS) != 0) {
        goto fail;
    }
    /* libcsv grows its field buffer by a fixed block (128 bytes by default): a 1 MB field
     * would take 8192 reallocations, quadratic where realloc copies (sanitizers). */
    csv_set_blk_size(&r->csv, 64 * 1024);
    r->delimiter_opt = d;
    r->delim = d ? d : ',';
    r->max_field = opt && opt->max_field_bytes ? opt->max_field_bytes : DEFAULT_MAX_FIELD_BYTES;
    if (r->max_field > UINT32_MAX) {
        r->max_field = UINT32_MAX; // cell lengths are 32-bit
    }
    r->max_columns = opt && opt->max_columns ? opt->max_columns : DEFAULT_MAX_COLUMNS;
    r->max_rows = opt && opt->max_rows ? opt->max_rows : DEFAULT_MAX_ROWS;
    r->hlimit = r->max_field + 3; // room for a BOM
    r->pos.line = r->pos.col = 1;
    r->batch = true;
    r->in_header = true;
    r->phase = PHASE_HEADER_SCAN;
    *out = r;
    return CSVCHART_OK;
fail:
    csvchart_csv_reader_free(r);
    return csvchart_error_nomem(err);
}

/* Gives UTF-8 bytes to the header scan, then to process(). */
static void feed_utf8(struct csvchart_csv_reader *r, const unsigned char *s, size_t len)
{
    size_t used = 0;
    if (len == 0) {
        return; /* a conversion that made nothing yet */
    }
    if (r->phase == PHASE_HEADER_SCAN && r->e.status == CSVCHART_OK) {
        used = header_scan(r, s, len);
    }
    if (used < len && r->e.status == CSVCHART_OK) {
        process(r, s + used, len - used);
    }
}

/* ---- Encodings ------------------------------------------------------------------------------ */

/*
 * A file in another encoding than UTF-8 is converted to UTF-8 before anything else reads it,
 * so the rest of the reader (and every position it records) sees UTF-8. Conversion is
 * glibc's iconv (WINDOWS-1252 for Latin-1: ISO-8859-1's superset, where 0x80-0x9F are € ‚ „ …
 * instead of control codes; UTF-16LE or UTF-16BE after the byte order mark). Deciding may need
 * a few bytes first (a byte order mark, auto's first non-ASCII character): those are held in
 * r->held, so the input may be cut anywhere, as for UTF-8.
 */

/* Fails at the position of the next character (the header's bytes read first, so that the
 * position is known). */
static void fail_here(struct csvchart_csv_reader *r, const char *msg)
{
    if (r->phase == PHASE_HEADER_SCAN && r->e.status == CSVCHART_OK) {
        conclude_header(r);
    }
    if (r->e.status == CSVCHART_OK) {
        fail(r, CSVCHART_ERROR_DATA, r->pos, "%s", msg);
    }
}

static void start_iconv(struct csvchart_csv_reader *r, const char *from)
{
    r->cd = iconv_open("UTF-8", from);
    if (r->cd == (iconv_t)-1) {
        fail(r, CSVCHART_ERROR_IO, (struct pos){0, 0, 0},
             "cannot convert from %s: this system's iconv has no such conversion", from);
        return;
    }
    r->dec = DEC_ICONV;
}

/* Converts bytes [s, s+len) (after any carried from the last feed) and feeds the UTF-8. */
static void convert(struct csvchart_csv_reader *r, const unsigned char *s, size_t len)
{
    size_t total = r->nheld + len;
    unsigned char *in = malloc(total ? total : 1);
    if (!in) {
        fail_nomem(r);
        return;
    }
    memcpy(in, r->held, r->nheld);
    if (len) {
        memcpy(in + r->nheld, s, len);
    }
    r->nheld = 0;
    char *ip = (char *)in;
    size_t left = total;
    while (left > 0 && r->e.status == CSVCHART_OK) {
        char out[8192];
        char *op = out;
        size_t room = sizeof out;
        size_t got = iconv(r->cd, &ip, &left, &op, &room);
        int e = errno;
        feed_utf8(r, (const unsigned char *)out, (size_t)(op - out));
        if (got != (size_t)-1 || e == E2BIG) {
            continue;
        }
        if (e == EINVAL && left < sizeof r->held) { /* a character cut by the feed: later */
            memcpy(r->held, ip, left);
            r->nheld = left;
            break;
        }
        char msg[160];
        if (r->enc == ENCODING_UTF16) {
            snprintf(msg, sizeof msg,
                     "invalid UTF-16 (an unpaired surrogate); the file is not UTF-16 throughout");
        } else {
            snprintf(msg, sizeof msg,
                     "byte 0x%02x is not a character in Windows-1252 (Latin-1); the file is in "
                     "another encoding",
                     (unsigned char)*ip);
        }
        fail_here(r, msg);
        break;
    }
    free(in);
}

/* 1: the bytes start a whole UTF-8 character; 0: they may, more are needed; -1: they do not. */
static int utf8_start(const unsigned char *b, size_t n)
{
    unsigned char c = b[0];
    size_t need = c >= 0xC2 && c <= 0xDF   ? 2
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4
                                           : 0;
    if (!need) {
        return -1;
    }
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    for (size_t i = 1; i < need; i++) {
        if (i >= n) {
            return 0;
        }
        if (b[i] < (i == 1 ? lo : 0x80) || b[i] > (i == 1 ? hi : 0xBF)) {
            return -1;
        }
    }
    return 1;
}

/* Decides on the bytes held (at_end: no more will come): may switch r->dec. */
static void decide(struct csvchart_csv_reader *r, bool at_end)
{
    const unsigned char *h = r->held;
    size_t n = r->nheld;
    bool utf16_bom = n >= 2 && ((h[0] == 0xFF && h[1] == 0xFE) || (h[0] == 0xFE && h[1] == 0xFF));
    bool utf8_bom = n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF;
    bool start = !r->decided_ascii;
    if (r->enc == ENCODING_UTF16 || (r->enc == ENCODING_AUTO && start)) {
        if (n < 2 && !at_end) {
            return;
        }
        if (utf16_bom) {
            const char *from = h[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
            r->enc = ENCODING_UTF16;
            r->had_bom = true;
            memmove(r->held, h + 2, n - 2);
            r->nheld = n - 2;
            start_iconv(r, from);
            return;
        }
        if (r->enc == ENCODING_UTF16) {
            fail(r, CSVCHART_ERROR_DATA, (struct pos){1, 1, 0},
                 "file does not start with a UTF-16 byte order mark (FF FE or FE FF); expected "
                 "one with encoding = utf-16 (for a UTF-8 file, set encoding = utf-8)");
            return;
        }
    }
    if (r->enc == ENCODING_LATIN1 && start) {
        if (n < 3 && !at_end && (n == 0 || h[0] == 0xEF) && (n < 2 || h[1] == 0xBB)) {
            return;
        }
        if (utf8_bom) {
            fail(r, CSVCHART_ERROR_DATA, (struct pos){1, 1, 0},
                 "file starts with a UTF-8 byte order mark, but encoding = latin1; set encoding "
                 "= utf-8 (or auto)");
            return;
        }
        r->decided_ascii = true;
        start_iconv(r, "WINDOWS-1252");
        return;
    }
    /* auto, no UTF-16 byte order mark: ASCII goes on as it is; the first other byte decides */
    size_t i = 0;
    while (i < n && h[i] < 0x80) {
        i++;
    }
    if (i > 0) {
        r->decided_ascii = true;
        feed_utf8(r, h, i);
        memmove(r->held, h + i, n - i);
        r->nheld = n -= i;
    }
    if (n == 0) {
        return;
    }
    int v = utf8_start(r->held, n);
    if (v == 0 && !at_end) {
        return;
    }
    if (v == 1) { /* UTF-8 (a byte order mark too): the usual reader from here on */
        r->enc = ENCODING_UTF8;
        r->dec = DEC_UTF8;
        unsigned char keep[8];
        memcpy(keep, r->held, n);
        r->nheld = 0;
        feed_utf8(r, keep, n);
        return;
    }
    r->enc = ENCODING_LATIN1;
    start_iconv(r, "WINDOWS-1252");
}

/* Gives bytes to the decoding stage (see above). */
static void decode(struct csvchart_csv_reader *r, const unsigned char *s, size_t len)
{
    while (len > 0 && r->dec == DEC_DECIDE && r->e.status == CSVCHART_OK) {
        if (r->enc == ENCODING_AUTO && r->decided_ascii && r->nheld == 0 && *s < 0x80) {
            size_t i = 0;
            while (i < len && s[i] < 0x80) {
                i++;
            }
            feed_utf8(r, s, i);
            s += i;
            len -= i;
            continue;
        }
        r->held[r->nheld++] = *s++;
        len--;
        decide(r, false);
    }
    if (r->e.status != CSVCHART_OK || (len == 0 && (r->dec != DEC_ICONV || !r->nheld))) {
        return;
    }
    if (r->dec == DEC_UTF8) {
        feed_utf8(r, s, len);
    } else if (r->dec == DEC_ICONV) {
        convert(r, s, len);
    }
}

csvchart_status csvchart_csv_reader_feed(csvchart_csv_reader *r, const void *data, size_t len,
                                         csvchart_error *err)
{
    if (r->e.status == CSVCHART_OK && r->phase == PHASE_DONE) {
        fail(r, CSVCHART_ERROR_INTERNAL, (struct pos){0, 0, 0}, "data fed after the end");
    }
    if (r->e.status != CSVCHART_OK || len == 0) {
        return report(r, err);
    }
    if (r->dec == DEC_UTF8) {
        feed_utf8(r, data, len);
    } else {
        decode(r, data, len);
    }
    return report(r, err);
}

csvchart_status csvchart_csv_reader_finish(csvchart_csv_reader *r, csvchart_error *err)
{
    if (r->e.status == CSVCHART_OK && r->phase == PHASE_DONE) {
        fail(r, CSVCHART_ERROR_INTERNAL, (struct pos){0, 0, 0}, "reader finished twice");
    }
    if (r->e.status == CSVCHART_OK && r->dec == DEC_DECIDE) {
        decide(r, true);
        if (r->e.status == CSVCHART_OK && r->dec == DEC_ICONV) {
            convert(r, NULL, 0);
        }
    }
    if (r->e.status == CSVCHART_OK && r->dec == DEC_ICONV && r->nheld) {
        convert(r, NULL, 0);
    }
    if (r->e.status == CSVCHART_OK && r->dec == DEC_ICONV && r->nheld) {
        fail_here(r, "file ends inside a UTF-16 character; the file is cut short");
    }
    if (r->e.status == CSVCHART_OK && r->phase == PHASE_HEADER_SCAN) {
        conclude_header(r);
    }
    if (r->e.status == CSVCHART_OK && r->u_need) {
        fail(r, CSVCHART_ERROR_DATA, r->u_at,
             "invalid UTF-8 byte 0x%02x (starts a %d-byte sequence that is cut short)%s",
             r->u_bytes[0], r->u_total, LATIN1_HINT);
    }
    if (r->e.status == CSVCHART_OK) {
        r->cb_field = r->cb_row = false;
        if (csv_fini(&r->csv, on_field, on_row, r) != 0 && r->e.status == CSVCHART_OK) {
            fail(r, CSVCHART_ERROR_DATA, field_pos(r), "unterminated quoted field (opened here)");
        }
    }
    if (r->e.status == CSVCHART_OK && r->in_header) {
        fail(r, CSVCHART_ERROR_DATA, (struct pos){0, 0, 0}, "file is empty; expected a header row");
    }
    if (r->e.status == CSVCHART_OK && r->data_rows == 0) {
        fail(r, CSVCHART_ERROR_DATA, (struct pos){r->header_line, 0, 0},
             "only a header row, no data rows");
    }
    if (r->e.status != CSVCHART_OK) {
        return report(r, err);
    }
    r->phase = PHASE_DONE;
    return CSVCHART_OK;
}

enum text_encoding csvchart_csv_reader_encoding(const csvchart_csv_reader *r)
{
    return r->enc == ENCODING_AUTO ? ENCODING_UTF8 : r->enc;
}

void csvchart_csv_reader_free(csvchart_csv_reader *r)
{
    if (!r) {
        return;
    }
    csv_free(&r->csv);
    if (r->dec == DEC_ICONV) {
        iconv_close(r->cd);
    }
    free(r->queue);
    free(r->hbuf);
    row_fini(&r->header);
    row_fini(&r->row);
    free(r->name);
    free(r);
}

/* ---- Whole files ---------------------------------------------------------------------------- */

#define READ_CHUNK ((size_t)1 << 16)

/* strerror() starts with a capital; our messages are lowercase. */
static const char *errno_text(char *buf, size_t size, int e)
{
    snprintf(buf, size, "%s", strerror(e));
    if (buf[0] >= 'A' && buf[0] <= 'Z') {
        buf[0] = (char)(buf[0] - 'A' + 'a');
    }
    return buf;
}

/* Streams an open file into the reader: it is never held whole, only what the sink keeps. */
static csvchart_status feed_file(csvchart_csv_reader *r, FILE *f, const char *name,
                                 csvchart_error *err)
{
    char ebuf[128];
    char *buf = malloc(READ_CHUNK);
    if (!buf) {
        return csvchart_error_nomem(err);
    }
    csvchart_status st = CSVCHART_OK;
    for (;;) {
        size_t n = fread(buf, 1, READ_CHUNK, f);
        if (n > 0 && (st = csvchart_csv_reader_feed(r, buf, n, err)) != CSVCHART_OK) {
            break;
        }
        if (n < READ_CHUNK) {
            break;
        }
    }
    if (st == CSVCHART_OK && ferror(f)) {
        st = csvchart_error_set(err, CSVCHART_ERROR_IO, name, 0, 0, "cannot read the file: %s",
                                errno_text(ebuf, sizeof ebuf, errno));
    }
    free(buf);
    return st;
}

csvchart_status csvchart_csv_read(const char *path, const char *name, const void *data,
                                  size_t len, const struct csv_options *opt, struct row_sink sink,
                                  enum text_encoding *enc, csvchart_error *err)
{
    char ebuf[128];
    bool is_stdin = path && strcmp(path, "-") == 0;
    name = !path ? name : is_stdin ? "<stdin>" : path;
    FILE *f = NULL;
    if (path && !(f = is_stdin ? stdin : fopen(path, "rb"))) {
        return csvchart_error_set(err, CSVCHART_ERROR_IO, name, 0, 0, "cannot open the file: %s",
                                  errno_text(ebuf, sizeof ebuf, errno));
    }
    csvchart_csv_reader *r = NULL;
    csvchart_status st = csvchart_csv_reader_new(name, opt, sink, &r, err);
    if (st == CSVCHART_OK) {
        st = f ? feed_file(r, f, name, err) : csvchart_csv_reader_feed(r, data, len, err);
    }
    if (st == CSVCHART_OK) {
        st = csvchart_csv_reader_finish(r, err);
    }
    if (st == CSVCHART_OK) {
        *enc = csvchart_csv_reader_encoding(r);
    }
    csvchart_csv_reader_free(r);
    if (f && !is_stdin) {
        fclose(f);
    }
    return st;
}
