/*
 * table_csv_reader.h - the CSV reader's state, shared by the four files of the reader (the
 * interface is table_csv.h; how the reader works is told at the top of table_csv.c):
 *
 *   table_csv.c         the reader's interface: new, feed, finish, free; whole files
 *   table_csv_scan.c    the byte loop: positions, UTF-8 checks, the batch scanner, the header
 *                       scan that picks the delimiter
 *   table_csv_rows.c    libcsv's side: feeding it in batches or pieces, its callbacks that
 *                       build the header and each row and hand them to the sink
 *   table_csv_decode.c  other encodings than UTF-8, converted through iconv before the loop
 *
 * These four are the only files that include libcsv's csv.h. The bytes go one way: decode ->
 * scan -> rows -> the sink; back only where the reader must (an encoding error is placed after
 * the header scan has ended, so the decoder concludes the header first).
 */
#ifndef CSVCHART_TABLE_CSV_READER_H
#define CSVCHART_TABLE_CSV_READER_H

#include <csv.h>
#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "table_csv.h"

/* After a byte that is not UTF-8: what the file may be instead. */
#define LATIN1_HINT "; if the file is Latin-1 or Windows-1252, set encoding = latin1"

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

/* What happens to the bytes fed before the byte loop sees them (table_csv_decode.c). */
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
    size_t blank_lines; /* so far; limited by max_rows (csvchart_csv_blank_line()) */
    csvchart_error e;   /* the first error, kept */
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
    bool prev_cr;    /* the last byte was CR: an LF now is part of the same line end */
    bool lf_of_crlf; /* the byte given to csvchart_csv_feed_piece() last was such an LF */

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
     * the row to pieces (see table_csv.c). row_fields: fields ended in this row. */
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
    size_t ncols;   /* the header's named fields */
    size_t unnamed; /* unnamed ones after them (a spreadsheet's trailing commas), ignored */
    struct pos unnamed_at;
    size_t data_rows; /* read so far */
    size_t kept_rows; /* of which the sink kept (max_rows) */
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

/* ---- Errors (table_csv.c) --------------------------------------------------------------- */

/* Sets the reader's error at `at`, unless it has one already (the first is kept). */
void csvchart_csv_fail(struct csvchart_csv_reader *r, csvchart_status status, struct pos at,
                       const char *fmt, ...) CSVCHART_PRINTF(4, 5);

static inline void fail_nomem(struct csvchart_csv_reader *r)
{
    csvchart_error_nomem(&r->e);
}

/* ---- The field being read ------------------------------------------------------------------ */

/* Where the field being read starts: its first non-blank byte, else its first byte, else the
 * next byte. */
static inline struct pos field_pos(const struct csvchart_csv_reader *r)
{
    return r->v_set ? r->vstart : r->f_set ? r->fstart : r->pos;
}

static inline bool in_quotes(const struct csvchart_csv_reader *r)
{
    return r->quoted && (r->nq & 1);
}

/* A byte that may end a field: the delimiter, CR or LF. */
static inline bool is_break(const struct csvchart_csv_reader *r, unsigned char b)
{
    return b == (unsigned char)r->delim || b == '\r' || b == '\n';
}

/* ---- The byte loop (table_csv_scan.c) ------------------------------------------------------ */

/* Gives UTF-8 bytes to the header scan while it lasts, then to the byte loop. */
void csvchart_csv_feed_utf8(struct csvchart_csv_reader *r, const unsigned char *s, size_t len);
/* Ends the header scan: skips a BOM, picks the delimiter, and reads the held bytes. */
void csvchart_csv_conclude_header(struct csvchart_csv_reader *r);

/* ---- libcsv's side (table_csv_rows.c) ------------------------------------------------------ */

/*
 * Gives libcsv bytes [s, s+n), which hold no delimiter, CR or LF except maybe the last; `at` is
 * the position of s[0]. r->pos is already the position after the last byte.
 */
void csvchart_csv_feed_piece(struct csvchart_csv_reader *r, const unsigned char *s, size_t n,
                             struct pos at);
/*
 * Gives libcsv bytes [s, s+n) that hold no quote (batch mode): their fields end where the
 * byte loop predicted, and the callbacks take those fields' positions from the queue.
 */
void csvchart_csv_feed_batch(struct csvchart_csv_reader *r, const unsigned char *s, size_t n);
/* Gives libcsv the bytes not given yet, in the current mode. */
void csvchart_csv_give(struct csvchart_csv_reader *r, const unsigned char *s, size_t n,
                       struct pos at);
/* The input has ended: libcsv's last callbacks, or the error of a quote left open. */
void csvchart_csv_feed_end(struct csvchart_csv_reader *r);
/* Counts a blank line, which starts at `at`, toward max_rows. False after the error. */
bool csvchart_csv_blank_line(struct csvchart_csv_reader *r, struct pos at);
/* Frees a row's buffers. */
void csvchart_csv_row_fini(struct row *row);

/* ---- Encodings (table_csv_decode.c) -------------------------------------------------------- */

/* Gives bytes in the file's encoding to the decoding stage, which feeds the UTF-8 on. */
void csvchart_csv_decode(struct csvchart_csv_reader *r, const unsigned char *s, size_t len);
/* The input has ended: decides on and converts the bytes still held, or fails. */
void csvchart_csv_decode_end(struct csvchart_csv_reader *r);

#endif
