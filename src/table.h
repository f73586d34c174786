/*
 * table.h - a CSV file read into typed columns (table.c, table_csv.c).
 *
 * The reader (table_csv.c) feeds libcsv (the only file that includes csv.h) and records for
 * every cell the physical line and the byte column where its field starts, so that any later
 * stage can report FILE:LINE:COL. Columns are typed after reading: a column is NUMBER when
 * every non-missing cell parses with csvchart_number_parse() under one currency/percent unit,
 * DATE when every non-missing cell parses with csvchart_date_parse(), TEXT otherwise, EMPTY
 * when it has no value at all. Missing: an empty cell, or (in number and date columns) one of
 * NA, N/A, n/a, null, NULL, -, the en dash or the em dash.
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

enum column_type { COLUMN_EMPTY, COLUMN_NUMBER, COLUMN_DATE, COLUMN_TEXT };

struct table_cell {
    size_t line;      /* physical line (1-based) where the field starts */
    uint32_t col;     /* byte column (1-based) where the field starts */
    uint32_t len;     /* bytes of text */
    size_t offset;    /* the cell's text, NUL-terminated, at table->pool + offset */
    double num;       /* NUMBER: the value; DATE: csvchart_date_coord(); else 0 */
    uint8_t date_prec; /* DATE: enum date_precision */
    bool missing;
};

struct table_column {
    char *name;
    size_t line, col; /* where the header field starts */
    enum column_type type;
    struct number_unit unit; /* NUMBER: the unit most cells were written with; decimals = max */
    size_t count;            /* non-missing cells (folded ones included) */
    size_t missing;
    double min, max;         /* NUMBER and DATE, over non-missing cells */
};

/*
 * What a folded cell stands for: n numbers (its own first), and how they were written: the
 * most decimals, any thousands separator, how many had no multiplier, K, M, B or T, and the
 * line of the first of each (typing breaks a tie between multipliers by which came first in
 * the file); the line of the last one. pos and neg grow in one direction whatever the order
 * of the numbers, so whether they overflow does not depend on it (binding refuses a sum whose
 * parts overflow: a folded sum and a row-by-row one agree). n == 0: the cell was not folded;
 * its text is all there is.
 */
struct table_acc {
    double sum, min, max;
    size_t n;
    int decimals;
    bool grouped;
    size_t mult[5];
    size_t mult_line[5];
    double pos, neg; /* the sums of the positive and of the negative numbers (see below) */
    size_t last_line; /* the line of the last number folded in */
};

/*
 * Rows the reader dropped while folding (see Folding below) because binding would skip them
 * with a warning and nothing else: how many, the last one's line, and the first few (their
 * line and category) for the warnings binding gives in their stead.
 */
struct table_skipped {
    size_t count, last_line;
    size_t nkept;
    struct {
        size_t line; /* of the category cell */
        char *x;     /* the category */
    } kept[CSVCHART_WARNINGS_KEEP];
};

/*
 * The encoding of a file: UTF-8 (the default: a UTF-16 byte order mark, or a byte that is not
 * UTF-8, is refused with a message saying how to read the file), Latin-1 (read as
 * Windows-1252, its superset: 0x80-0x9F are € ‚ ƒ „ … and the like; converted through glibc's
 * iconv), UTF-16 (with its byte order mark, FF FE or FE FF; converted), or auto (a byte order
 * mark decides; without one, the first byte that is not ASCII: a UTF-8 sequence means UTF-8,
 * anything else Latin-1). In a converted file, COL counts the bytes of its UTF-8 text.
 */
enum text_encoding { ENCODING_UTF8, ENCODING_LATIN1, ENCODING_UTF16, ENCODING_AUTO };

/* How the values of a file are written, when not the default way (table.c types columns
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
    /* Folding (NULL / 0 without): acc[row * nacc + k] for value column acc_cols[k]. */
    size_t nacc;
    size_t *acc_cols;
    struct table_acc *acc;
    size_t folded_rows; /* data rows folded into earlier ones */
    size_t summarised_rows; /* data rows summarised and dropped (see Summarising) */
    struct table_skipped skipped; /* data rows dropped: no value at all */
    /* How its values were read (table_options.syntax); syntax.dates.loc points at locale. */
    bool has_syntax;
    struct table_syntax syntax;
    struct csvchart_locale *locale; /* owned copy, or NULL */
    enum text_encoding encoding;    /* as read: UTF8, LATIN1 or UTF16 (auto resolved) */
} csvchart_table;

/*
 * Folding, for aggregated bar charts of files of any size. With table_options.fold set, a data
 * row whose key (the texts of the key columns) was seen before is folded, as it is read, into
 * the earlier row with that key, and only the earlier row stays in memory. The earlier row's
 * value cells then stand for every number folded into them: csvchart_table_acc() gives their
 * sum, minimum, maximum and count. Memory grows with the number of distinct keys, not with
 * the file; max_rows counts the rows kept.
 *
 * A row folds only when binding it alone would be silent and fine: every key cell has a value
 * (not blank, not a missing token) and every value cell is a number written with the unit
 * (currency, %) of its column's first number, and > 0 when `positive` (log axes). Any other
 * row stays a row of its own, exactly as without folding, so binding warns about it or refuses
 * it with its own line and column. Typing and binding count the folded numbers' units
 * too (struct table_acc). Folding is off when a key or value column does not exist (binding then
 * reports the name). More than max_keys distinct first-key values (x) within one value of
 * keys[2] (a facet's panel) is an error (CSVCHART_ERROR_LIMIT), raised while reading at the
 * row that passes it: "FILE:LINE:COL: more than N " limit_text.
 *
 * A row without any value (every value cell blank or NA) whose keys all have values is
 * dropped as it is read when binding would skip it and nothing else (table_fold.c says
 * exactly when): counted in t->skipped, binding warns about it (3 million such rows took 869
 * MB).
 *
 * count_only: nothing folds and every row is kept; only the max_keys limit is checked while
 * reading (a figure that does not aggregate has one category per x and panel, so a 10 GB file
 * is refused at its 10,001st category, not after it is loaded). A row counts when its keys
 * and a value cell have values (with nvalues 0, a cell that is a number) - binding counts
 * those rows too, so the check never refuses what binding would draw. every_row: each row
 * whose keys[0] has a value counts, not each distinct one (timeline events).
 */
struct table_fold {
    const char *keys[3];       /* key column names (x, group, facet); NULL or "" = none,
                                  except that keys[0] then means the first column */
    const char *const *values; /* value column names (the y columns) */
    size_t nvalues;            /* 0: every column that is not a key */
    bool positive;   /* only values > 0 fold (log axes) */
    size_t max_keys; /* distinct values of keys[0] allowed (per keys[2]); 0 = no limit */
    bool count_only; /* check max_keys while reading, fold nothing (see above) */
    bool every_row;  /* count_only: count rows, not distinct keys[0] values */
    const char *limit_text; /* the message after "more than N "; NULL: categories of a bar
                               chart that aggregates */
};

struct table_options {
    char delimiter; /* 0 = auto (among , ; and tab), else the delimiter */
    size_t max_field_bytes; /* 0 = default (1 MiB) */
    size_t max_columns;     /* 0 = default (10,000) */
    size_t max_rows;        /* 0 = default (10,000,000) */
    const struct table_fold *fold; /* NULL = keep every row; else borrowed while reading */
    enum text_encoding encoding;       /* of the file (default UTF-8) */
    const struct table_syntax *syntax; /* NULL: the default; copied (with its locale) */
};

/*
 * Summarising, for `inspect` of files of any size: after csvchart_table_reader_summarise(r, K)
 * (or through csvchart_table_summarise_file()), each
 * data row is summarised as it is read - per column, what typing the whole column would find -
 * and only the first K rows stay in the table (nrows <= K; summarised_rows counts the others).
 * When the reader finishes, each column's type, unit, counts and range are those of the whole
 * file, exactly as csvchart_table_type_columns() would give them had every row been kept, and
 * the kept rows are typed by their column's type. Memory no longer grows with the file.
 */
struct table_summary;
struct csvchart_table_reader;
/* A summary of tables of `ncols` columns; NULL when out of memory. */
struct table_summary *csvchart_table_summary_new(size_t ncols);
/* Adds row `row` of t (its cells hold text and positions, not yet typed). */
void csvchart_table_summary_add(struct table_summary *sum, const csvchart_table *t, size_t row);
/* Sets t's columns from the summary and types t's rows by them (instead of
 * csvchart_table_type_columns()). */
void csvchart_table_summary_finish(const struct table_summary *sum, csvchart_table *t);
void csvchart_table_summary_free(struct table_summary *sum);
/* Makes the reader summarise (before anything is fed): keep > 0 rows stay in the table. */
void csvchart_table_reader_summarise(struct csvchart_table_reader *r, size_t keep);
/* csvchart_table_read_file(), summarising: the first `keep` (> 0) rows kept. */
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
 * The streaming reader behind csvchart_table_read(): create it, feed the bytes in pieces of
 * any size (a piece may end anywhere, even inside a UTF-8 character or a CRLF), then finish.
 * The table and any error are the same however the input is cut. After an error every later
 * feed or finish returns the same error again. `name` is copied. finish() hands the typed table
 * to *out (free with csvchart_table_free()); the reader is still to be freed with
 * csvchart_table_reader_free(), which accepts NULL.
 */
typedef struct csvchart_table_reader csvchart_table_reader;

csvchart_status csvchart_table_reader_new(const char *name, const struct table_options *opt,
                                          csvchart_table_reader **out, csvchart_error *err);
csvchart_status csvchart_table_reader_feed(csvchart_table_reader *r, const void *data,
                                           size_t len, csvchart_error *err);
csvchart_status csvchart_table_reader_finish(csvchart_table_reader *r, csvchart_table **out,
                                             csvchart_error *err);
void csvchart_table_reader_free(csvchart_table_reader *r);

/*
 * Types the columns of a table whose cells hold text and positions only (table.c; called by
 * the reader when it finishes): sets each column's type, unit, counts and range, and each
 * cell's missing flag, num and date_prec.
 */
void csvchart_table_type_columns(csvchart_table *t);

/*
 * A cell's text as a number or a date, in the syntax the table was read with (what every
 * stage after the reader uses instead of csvchart_number_parse() and csvchart_date_parse()).
 */
bool csvchart_table_number(const csvchart_table *t, const char *s, size_t len, double *value,
                           struct number_unit *unit);
bool csvchart_table_date(const csvchart_table *t, const char *s, size_t len,
                         struct date_value *out);

/* True when the cell holds nothing but spaces (or was read as missing and is empty). */
bool csvchart_table_blank(const csvchart_table *t, const struct table_cell *c);
/* The cell's date (csvchart_table_date), or an error at the cell naming the forms that read,
 * with a hint for 15/01/2026 when the file's day/month order is not set (date_format). */
csvchart_status csvchart_table_date_cell(const csvchart_table *t, size_t col,
                                         const struct table_cell *c, struct date_value *out,
                                         csvchart_error *err);

/* The cell at (row, col); both in range. */
const struct table_cell *csvchart_table_cell(const csvchart_table *t, size_t row, size_t col);
/* The numbers folded into the cell at (row, col), or NULL when it stands for its text alone. */
const struct table_acc *csvchart_table_acc(const csvchart_table *t, size_t row, size_t col);
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
csvchart_status csvchart_table_column(const csvchart_table *t, const char *name,
                                      const char *role, size_t *col, csvchart_error *err);

/*
 * Whether a cell's text means "no value" in a number or date column: blank, or NA, N/A, n/a,
 * null, NULL, -, the en dash or the em dash (surrounding spaces ignored).
 */
bool csvchart_table_missing_text(const char *s, size_t len);

/* "number", "date", "text" or "empty". */
const char *csvchart_column_type_name(enum column_type type);

#endif
