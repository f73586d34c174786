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
 * The reader is four files around one state (table_csv_reader.h): this one, its interface
 * (new, feed, finish, free) and whole files; table_csv_scan.c, the header scan and the byte
 * loop; table_csv_rows.c, libcsv's feeding and callbacks; table_csv_decode.c, the other
 * encodings. They are the only files that include libcsv's csv.h.
 */
#include "table_csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "table_csv_reader.h"

#define DEFAULT_MAX_FIELD_BYTES ((size_t)1 << 20)
#define DEFAULT_MAX_COLUMNS ((size_t)10000)
#define DEFAULT_MAX_ROWS ((size_t)10000000)
#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL)

void csvchart_csv_fail(struct csvchart_csv_reader *r, csvchart_status status, struct pos at,
                       const char *fmt, ...)
{
    char msg[sizeof r->e.message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    csvchart_error_set(&r->e, status, r->name, at.line, at.col, "%s", msg);
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

csvchart_status csvchart_csv_reader_feed(csvchart_csv_reader *r, const void *data, size_t len,
                                         csvchart_error *err)
{
    if (r->e.status == CSVCHART_OK && r->phase == PHASE_DONE) {
        csvchart_csv_fail(r, CSVCHART_ERROR_INTERNAL, (struct pos){0, 0, 0},
                          "data fed after the end");
    }
    if (r->e.status != CSVCHART_OK || len == 0) {
        return report(r, err);
    }
    if (r->dec == DEC_UTF8) {
        csvchart_csv_feed_utf8(r, data, len);
    } else {
        csvchart_csv_decode(r, data, len);
    }
    return report(r, err);
}

csvchart_status csvchart_csv_reader_finish(csvchart_csv_reader *r, csvchart_error *err)
{
    if (r->e.status == CSVCHART_OK && r->phase == PHASE_DONE) {
        csvchart_csv_fail(r, CSVCHART_ERROR_INTERNAL, (struct pos){0, 0, 0},
                          "reader finished twice");
    }
    csvchart_csv_decode_end(r);
    if (r->e.status == CSVCHART_OK && r->phase == PHASE_HEADER_SCAN) {
        csvchart_csv_conclude_header(r);
    }
    if (r->e.status == CSVCHART_OK && r->u_need) {
        csvchart_csv_fail(
            r, CSVCHART_ERROR_DATA, r->u_at,
            "invalid UTF-8 byte 0x%02x (starts a %d-byte sequence that is cut short)%s",
            r->u_bytes[0], r->u_total, LATIN1_HINT);
    }
    if (r->e.status == CSVCHART_OK) {
        csvchart_csv_feed_end(r);
    }
    if (r->e.status == CSVCHART_OK && r->in_header) {
        csvchart_csv_fail(r, CSVCHART_ERROR_DATA, (struct pos){0, 0, 0},
                          "file is empty; expected a header row");
    }
    if (r->e.status == CSVCHART_OK && r->data_rows == 0) {
        csvchart_csv_fail(r, CSVCHART_ERROR_DATA, (struct pos){r->header_line, 1, 0},
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
    csvchart_csv_row_fini(&r->header);
    csvchart_csv_row_fini(&r->row);
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

csvchart_status csvchart_csv_read(const char *path, const char *name, const void *data, size_t len,
                                  const struct csv_options *opt, struct row_sink sink,
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
