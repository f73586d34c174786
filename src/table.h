/*
 * table.h - a CSV file read into typed columns (table.c: the table; table_build.c: building
 * it from the reader's rows; table_read.c: the ways to read one).
 *
 * The reader (table_csv.c and its companions table_csv_*.c, the only files that include
 * libcsv's csv.h) records for every cell the physical line and the byte column where its field
 * starts, so that any later stage can report FILE:LINE:COL, and hands each row to a sink; the
 * builder is the sink that makes the table. Columns are typed as the rows come (see Building
 * below): a column is NUMBER when every non-missing cell parses as a number under one
 * currency/percent unit, DATE when every non-missing cell parses as a date, TEXT otherwise, EMPTY
 * when it has no value at all. Missing: an empty cell, or (in number and date columns) one of NA,
 * N/A, n/a, null, NULL, -, the en dash or the em dash. The table is data about a file and nothing
 * else: what a figure makes of it is the binding's business (bar_data.c, timeline_data.c,
 * trend_data.c).
 *
 * The header row is required. Rows must all have the header's number of fields.
 *
 * Reading rules (RFC 4180 as libcsv implements it, strict):
 * - Line ends are LF, CRLF or a lone CR; blank lines (nothing but spaces) are skipped. Spaces
 *   and tabs around an unquoted field are dropped (tabs are kept when tab is the delimiter).
 * - Positions: LINE is the physical line (a line end inside quotes counts; CRLF counts once);
 *   COL is the byte column of the field's first byte that is not a space or tab (the opening
 *   quote of a quoted field), or where the field starts when it is blank. A UTF-8 byte order
 *   mark at the start of the file is skipped (had_bom) and takes no column.
 * - A byte order mark (U+FEFF) at the start of any other unquoted field is an error ("byte
 *   order mark inside the data", usually two files joined together); inside a field or a
 *   quoted field it is kept as a character.
 * - A cell of nothing but spaces counts as empty.
 * - Errors are CSVCHART_ERROR_DATA with FILE:LINE:COL, or CSVCHART_ERROR_LIMIT for a limit of
 *   struct table_options. The first error found wins; bytes are checked as they are read, a
 *   row's number of fields when the row ends. The same input gives the same error whatever
 *   the size of the pieces it is fed in. A ragged row is reported at its first surplus field
 *   (too many) or at its first field (too few).
 */
#ifndef CSVCHART_TABLE_H
#define CSVCHART_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csvchart.h"
#include "date.h"
#include "error.h"
#include "number.h"
#include "table_csv.h"

enum column_type { COLUMN_EMPTY, COLUMN_NUMBER, COLUMN_DATE, COLUMN_TEXT };

struct table_cell {
    size_t line;       /* physical line (1-based) where the field starts */
    uint32_t col;      /* byte column (1-based) where the field starts */
    uint32_t len;      /* bytes of text */
    size_t offset;     /* the cell's text, NUL-terminated, at table->pool + offset */
    double num;        /* NUMBER: the value; DATE: csvchart_date_coord(); else 0 */
    uint8_t date_prec; /* DATE: enum date_precision */
    bool missing;
};

struct table_column {
    char *name;
    size_t line, col; /* where the header field starts */
    enum column_type type;
    struct number_unit unit; /* NUMBER: the unit most cells were written with; decimals = max */
    size_t count;            /* non-missing cells, in every row read (kept or not) */
    size_t missing;
    size_t numbers; /* of those, the cells that read as numbers */
    struct {
        size_t line, col; /* line 0: none */
        char text[64];
    } not_number;    /* the first non-missing cell that is not a number, in every row read */
    double min, max; /* NUMBER and DATE, over non-missing cells */
};

/* How the values of a file are written, when not the default way (the builder types columns
 * with these; every part may be left zero). */
struct table_syntax {
    struct number_syntax numbers; /* decimal = , and a locale's currency sign */
    struct date_syntax dates;     /* date_format and a locale's month names */
};

typedef struct csvchart_table {
    char *name; /* the file name used in messages, "<stdin>" for standard input */
    char delimiter;
    bool had_bom;
    size_t ncols, nrows; /* nrows excludes the header */
    struct table_column *cols;
    struct table_cell *cells; /* nrows * ncols, row-major */
    char *pool;
    size_t pool_len, pool_cap;
    size_t nrows_read; /* data rows read: the nrows kept, and those only typed (see Building) */
    /* How its values were read (table_options.syntax); syntax.dates.loc points at locale. */
    bool has_syntax;
    struct table_syntax syntax;
    struct csvchart_locale *locale; /* owned copy, or NULL */
    enum text_encoding encoding;    /* as read: UTF8, LATIN1 or UTF16 (auto resolved) */
} csvchart_table;

struct table_options {
    char delimiter;                    /* 0 = auto (among , ; and tab), else the delimiter */
    size_t max_field_bytes;            /* 0 = default (1 MiB) */
    size_t max_columns;                /* 0 = default (10,000) */
    size_t max_rows;                   /* rows kept; 0 = default (10,000,000) */
    enum text_encoding encoding;       /* of the file (default UTF-8) */
    const struct table_syntax *syntax; /* NULL: the default; copied (with its locale) */
};

/*
 * Building (table_build.c): the reader (table_csv.h) hands the builder one row at a time.
 * Every row is typed as it comes - per column, what typing the whole column would find is
 * kept up to date (is every value a number under one unit? a date? the unit, the decimals,
 * the multipliers, the range) - and a row is then either kept (its cells and text stored) or
 * only typed. When the rows end, each column's type, unit, counts and range are those of every
 * row read, kept or not, and the kept rows' cells are typed by their column. So a sink that
 * stands between the reader and the builder may keep fewer rows than it reads (the first K
 * for `inspect`, one per category for an aggregated bar chart: aggregate.h) and the columns
 * still say what the whole file holds; memory grows with the rows kept, not with the file.
 *
 * A column is NUMBER when every non-missing cell parses with csvchart_table_number() under one
 * currency/percent unit (its unit: that of the first number with one, the most decimals, any
 * thousands separator, the most common multiplier, a tie going to the one on the earlier
 * line), DATE when every non-missing cell parses with csvchart_table_date(), TEXT otherwise,
 * EMPTY without any value. In a ;-separated file (without decimal = ,) a number column
 * holding "1,250" is refused when the rows end (see table_build.c).
 */
struct table_builder;

/* A builder for rows read with `opt` (syntax copied; NULL: the defaults). NULL when out of
 * memory. */
struct table_builder *csvchart_table_builder_new(const struct table_options *opt);
/* Keeps only the first `rows` (> 0) rows; the others are only typed (inspect's summary). */
void csvchart_table_builder_keep_first(struct table_builder *b, size_t rows);
/* The builder as the reader's sink: it keeps every row (up to keep_first). */
struct row_sink csvchart_table_builder_sink(struct table_builder *b);
/* The header (a sink's header() callback: what sinks in front of the builder pass on). */
csvchart_status csvchart_table_builder_header(struct table_builder *b, const struct csv_header *h,
                                              csvchart_error *err);
/* Types a row and keeps it when `keep`. Errors: out of memory. */
csvchart_status csvchart_table_builder_row(struct table_builder *b, const struct csv_row *row,
                                           bool keep, csvchart_error *err);
/* The syntax numbers are read in (for csvchart_number_parse_as()); NULL: the default. */
const struct number_syntax *csvchart_table_builder_numbers(const struct table_builder *b);
/* The reader's options the builder was made with, borrowed (for table_read.c). */
const struct csv_options *csvchart_table_builder_csv_options(const struct table_builder *b);
/*
 * After the reader finished: types the columns and the kept rows, checks the commas of a
 * ;-separated file, and hands the table to *out (free with csvchart_table_free()). The
 * builder is still to be freed. Errors: CSVCHART_ERROR_DATA (an ambiguous "1,250"), NOMEM.
 */
csvchart_status csvchart_table_builder_finish(struct table_builder *b, enum text_encoding enc,
                                              csvchart_table **out, csvchart_error *err);
void csvchart_table_builder_free(struct table_builder *b);

/*
 * Reads a file (path; "-" = standard input) or, with path NULL, `len` bytes named `name`,
 * through `sink` - a sink that hands what it keeps to b, or b's own - and finishes b into
 * *out. The errors of csvchart_csv_read() and csvchart_table_builder_finish().
 */
csvchart_status csvchart_table_build(struct table_builder *b, struct row_sink sink,
                                     const char *path, const char *name, const void *data,
                                     size_t len, csvchart_table **out, csvchart_error *err);

/* csvchart_table_read_file(), summarising: the first `keep` (> 0) rows kept, every row typed
 * (nrows_read counts them all). */
csvchart_status csvchart_table_summarise_file(const char *path, const struct table_options *opt,
                                              size_t keep, struct csvchart_table **out,
                                              csvchart_error *err);

/*
 * Reads `len` bytes of CSV named `name` (for messages). On success *out is a new table (free
 * with csvchart_table_free()). Errors (CSVCHART_ERROR_DATA, with FILE:LINE:COL): invalid UTF-8,
 * a NUL byte, a code point no output may hold (C0 controls but tab and line ends, which XML
 * 1.0 forbids; the noncharacters U+FDD0..U+FDEF, U+nFFFE, U+nFFFF, which XML or cairo's PDF
 * writer refuse), an unterminated quote, a quote inside an unquoted field, a ragged row, an empty
 * file, a header only, an empty column name, a duplicate column name, in a ;-separated file a
 * number column holding "1,250" (a decimal comma there, or thousands? - unless another of its
 * numbers, "1,250,000" or "1,250.5", says thousands); CSVCHART_ERROR_LIMIT: a limit exceeded
 * (max_field_bytes counts a quoted field's content; blank lines count toward max_rows apart
 * from the data rows).
 */
csvchart_status csvchart_table_read(const char *name, const char *data, size_t len,
                                    const struct table_options *opt, csvchart_table **out,
                                    csvchart_error *err);

/* Reads a whole file ("-" = standard input) and calls csvchart_table_read(). */
csvchart_status csvchart_table_read_file(const char *path, const struct table_options *opt,
                                         csvchart_table **out, csvchart_error *err);

void csvchart_table_free(csvchart_table *t);

/*
 * The streaming reader behind csvchart_table_read(), a reader (table_csv.h) handing its rows
 * to a builder: create it, feed the bytes in pieces of any size (a piece may end anywhere,
 * even inside a UTF-8 character or a CRLF), then finish. The table and any error are the same
 * however the input is cut. After an error every later feed or finish returns the same error
 * again. `name` is copied. finish() hands the typed table to *out (free with
 * csvchart_table_free()); the reader is still to be freed with csvchart_table_reader_free(),
 * which accepts NULL.
 */
typedef struct csvchart_table_reader csvchart_table_reader;

csvchart_status csvchart_table_reader_new(const char *name, const struct table_options *opt,
                                          csvchart_table_reader **out, csvchart_error *err);
/* Makes the reader keep only the first `keep` (> 0) rows (before anything is fed). */
void csvchart_table_reader_summarise(csvchart_table_reader *r, size_t keep);
csvchart_status csvchart_table_reader_feed(csvchart_table_reader *r, const void *data, size_t len,
                                           csvchart_error *err);
csvchart_status csvchart_table_reader_finish(csvchart_table_reader *r, csvchart_table **out,
                                             csvchart_error *err);
void csvchart_table_reader_free(csvchart_table_reader *r);

/*
 * A cell's text as a number or a date, in the syntax the table was read with (what every
 * stage after the reader uses instead of csvchart_number_parse() and csvchart_date_parse()).
 */
bool csvchart_table_number(const csvchart_table *t, const char *s, size_t len, double *value,
                           struct number_unit *unit);
bool csvchart_table_date(const csvchart_table *t, const char *s, size_t len,
                         struct date_value *out);

/* Whether text column `col` is numbers but for a few cells: more than half of its non-missing
 * cells, and at least two, in every row read, read as numbers ("abc%" among 119 percentages: a
 * typo, which the value columns chosen by default must not drop silently, but refuse at its
 * cell). */
bool csvchart_table_mostly_numbers(const csvchart_table *t, size_t col);
/* True when the cell holds nothing but spaces (or was read as missing and is empty). */
bool csvchart_table_blank(const csvchart_table *t, const struct table_cell *c);
/* For text that is not a date: "; for day/month/year set date_format = dd/mm/yyyy (or
 * mm/dd/yyyy)" when it is numbers like 15/01/2026 (or 15.01.2026) and the table was read with
 * no date_format, to end a message with; "" otherwise. A static string. */
const char *csvchart_table_date_hint(const csvchart_table *t, const char *s);
/* The error for column `col`, whose values must be numbers, at its first cell that is not one
 * (not_number, in every row read, kept or not): the forms that read in the table's syntax, and
 * in a file not separated by commas a hint for a decimal comma ("1,5": set decimal = ,). */
csvchart_status csvchart_table_number_error(const csvchart_table *t, size_t col,
                                            csvchart_error *err);
/* The cell's date (csvchart_table_date), or an error at the cell naming the forms that read,
 * with a hint for 15/01/2026 when the file's day/month order is not set (date_format). */
csvchart_status csvchart_table_date_cell(const csvchart_table *t, size_t col,
                                         const struct table_cell *c, struct date_value *out,
                                         csvchart_error *err);

/* The cell at (row, col); both in range. */
const struct table_cell *csvchart_table_cell(const csvchart_table *t, size_t row, size_t col);
/* The cell's text, NUL-terminated, borrowed from the table. */
const char *csvchart_table_text(const csvchart_table *t, const struct table_cell *c);
/* The index of the column called `name` (exact match), or (size_t)-1. */
size_t csvchart_table_find(const csvchart_table *t, const char *name);
/*
 * Finds the column called `name` for the option `role` ("x", "low", "date" ...): *col is its
 * index, or (size_t)-1 when `name` is "" (not set). An unknown name is an error
 * (CSVCHART_ERROR_DATA) that lists the file's columns:
 *   prices.csv: no column named "cost" (x); the columns are "model", "price"
 */
csvchart_status csvchart_table_column(const csvchart_table *t, const char *name, const char *role,
                                      size_t *col, csvchart_error *err);

/*
 * Whether a cell's text means "no value" in a number or date column: blank, or NA, N/A, n/a,
 * null, NULL, -, the en dash or the em dash (surrounding spaces ignored).
 */
bool csvchart_table_missing_text(const char *s, size_t len);

/* "number", "date", "text" or "empty". */
const char *csvchart_column_type_name(enum column_type type);

#endif
