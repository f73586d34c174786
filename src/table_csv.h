/*
 * table_csv.h - the streaming CSV reader (table_csv.c, with table_csv_scan.c, table_csv_rows.c
 * and table_csv_decode.c; their shared state in table_csv_reader.h): bytes in, rows of fields
 * with their line:col out, handed to a sink.
 *
 * The reader knows CSV and nothing after it: it splits fields (libcsv), checks the bytes
 * (UTF-8, controls, noncharacters), converts other encodings, picks the delimiter, checks the
 * header (a name for every column, no name twice) and that every row has the header's number
 * of fields, and enforces the limits of struct csv_options. Each complete row goes to a
 * struct row_sink; what the sink makes of it - a typed table (table_build.c), a table of
 * fewer rows with their numbers folded (aggregate.c) - is the sink's business. The sink says
 * whether it kept the row, since max_rows limits the rows kept in memory, not the rows read.
 *
 * The reading rules (line ends, blanks, positions, byte order marks, the errors and which one
 * wins) are those of table.h; the reader is where they are implemented.
 */
#ifndef CSVCHART_TABLE_CSV_H
#define CSVCHART_TABLE_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csvchart.h"
#include "error.h"

/*
 * The encoding of a file: UTF-8 (the default: a UTF-16 byte order mark, or a byte that is not
 * UTF-8, is refused with a message saying how to read the file), Latin-1 (read as
 * Windows-1252, its superset: 0x80-0x9F are € ‚ ƒ „ … and the like; converted through glibc's
 * iconv), UTF-16 (with its byte order mark, FF FE or FE FF; converted), or auto (a byte order
 * mark decides; without one, the first byte that is not ASCII: a UTF-8 sequence means UTF-8,
 * anything else Latin-1). In a converted file, COL counts the bytes of its UTF-8 text.
 */
enum text_encoding { ENCODING_UTF8, ENCODING_LATIN1, ENCODING_UTF16, ENCODING_AUTO };

struct csv_options {
    char delimiter;         /* 0 = auto (among , ; and tab), else the delimiter */
    size_t max_field_bytes; /* 0 = default (1 MiB) */
    size_t max_columns;     /* 0 = default (10,000) */
    size_t max_rows;        /* rows the sink keeps; 0 = default (10,000,000) */
    enum text_encoding encoding;
};

/* A field as read: where it starts and its text (see table.h for what LINE and COL mean). */
struct csv_field {
    size_t line;   /* physical line (1-based) where the field starts */
    uint32_t col;  /* byte column (1-based) where the field starts */
    uint32_t len;  /* bytes of text */
    size_t offset; /* the text, NUL-terminated, at row->text + offset (0: the empty string) */
};

/* A row: nfields fields, their texts in one buffer. Borrowed for the call only. */
struct csv_row {
    size_t nfields;
    const struct csv_field *fields;
    const char *text;
};

/* The header row and what the reader found out about the file on the way to it. */
struct csv_header {
    const char *file; /* the name used in messages */
    char delimiter;
    bool had_bom;
    struct csv_row names; /* the column names, at least one, none blank, none twice */
};

/*
 * Where rows go. header() is called once, before any row; row() for each data row, which has
 * as many fields as the header. *kept says whether the sink holds on to the row (max_rows
 * counts those). A callback that fails sets *err (with FILE:LINE:COL where a cell is to
 * blame); the reader stops there and that error is the reader's.
 */
struct row_sink {
    void *ctx;
    csvchart_status (*header)(void *ctx, const struct csv_header *h, csvchart_error *err);
    csvchart_status (*row)(void *ctx, const struct csv_row *row, bool *kept, csvchart_error *err);
};

/*
 * The reader: create it, feed the bytes in pieces of any size (a piece may end anywhere, even
 * inside a UTF-8 character or a CRLF), then finish. The rows the sink sees and any error are
 * the same however the input is cut. After an error every later feed or finish returns the
 * same error again. `name` is copied. Free with csvchart_csv_reader_free(), which accepts
 * NULL. Errors: those of table.h (CSVCHART_ERROR_DATA, CSVCHART_ERROR_LIMIT with FILE:LINE:COL),
 * an invalid delimiter (CSVCHART_ERROR_VALUE), and the sink's.
 */
typedef struct csvchart_csv_reader csvchart_csv_reader;

csvchart_status csvchart_csv_reader_new(const char *name, const struct csv_options *opt,
                                        struct row_sink sink, csvchart_csv_reader **out,
                                        csvchart_error *err);
csvchart_status csvchart_csv_reader_feed(csvchart_csv_reader *r, const void *data, size_t len,
                                         csvchart_error *err);
csvchart_status csvchart_csv_reader_finish(csvchart_csv_reader *r, csvchart_error *err);
/* After a successful finish: the encoding the file was read in (auto resolved). */
enum text_encoding csvchart_csv_reader_encoding(const csvchart_csv_reader *r);
void csvchart_csv_reader_free(csvchart_csv_reader *r);

/*
 * Reads a whole file (path; "-" = standard input, named "<stdin>") or, with path NULL, the
 * `len` bytes at `data` named `name`, into the sink; the file is streamed, never held whole.
 * *enc: as csvchart_csv_reader_encoding(). Errors: the reader's, and CSVCHART_ERROR_IO for a
 * file that cannot be opened or read.
 */
csvchart_status csvchart_csv_read(const char *path, const char *name, const void *data, size_t len,
                                  const struct csv_options *opt, struct row_sink sink,
                                  enum text_encoding *enc, csvchart_error *err);

#endif
