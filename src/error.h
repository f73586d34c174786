/*
 * error.h - the one place errors are recorded (STYLE.md section 4).
 *
 * Every error in the library goes through csvchart_error_set(): one breakpoint, printf-checked
 * formats, and "first error wins": when *err already holds an error the call changes nothing,
 * so the root cause is what the user sees.
 */
#ifndef CSVCHART_ERROR_H
#define CSVCHART_ERROR_H

#include "csvchart.h"

#if defined(__GNUC__)
#define CSVCHART_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define CSVCHART_PRINTF(fmt, args)
#endif

/*
 * Records an error: `file` may be NULL, `line`/`col` 0 when unknown. Returns `status`, so
 * callers can write `return csvchart_error_set(err, ...);`. err may be NULL.
 */
csvchart_status csvchart_error_set(csvchart_error *err, csvchart_status status, const char *file,
                                   size_t line, size_t col, const char *fmt, ...)
    CSVCHART_PRINTF(6, 7);

/* Shorthand for out of memory. */
csvchart_status csvchart_error_nomem(csvchart_error *err);

/*
 * For a public function given NULL where it needs a pointer (`what` names the argument):
 * records CSVCHART_ERROR_ARGUMENT unless *err already holds an error - the usual case, a
 * figure that csvchart_figure_new() could not make, whose error stays the one reported.
 */
csvchart_status csvchart_error_null(csvchart_error *err, const char *function, const char *what);

/*
 * Warnings a figure gathers for the CLI to print (rows skipped, ...), in order: `items`.
 *
 * Warnings about rows come in classes (the rows skipped for no value in one column, ...) that
 * a file can repeat millions of times, so they are gathered in bounded memory: per class a
 * count, the first and last line, and the CSVCHART_WARNINGS_KEEP warnings of the smallest
 * lines, word for word. csvchart_warnings_flush() turns each class into items, in the order
 * of their first lines: its warnings word for word when it has at most KEEP of them, else one
 * summary -
 *   "t.csv: 3,000,000 rows skipped: no value in column "v", lines 2-3000001; the first 5:
 *    2, 3, 4, 5, 6"
 * Since a class keeps its smallest lines whatever order they come in, the items do not
 * depend on the order the rows were looked at (panel by panel, or folded while reading).
 */
#define CSVCHART_WARNINGS_KEEP 5

struct warning_row {
    size_t line;
    char *text; /* the warning word for word */
};

struct warning_class {
    char *file, *what; /* what: "rows skipped: no value in column \"v\"" */
    size_t count, first_line, last_line;
    size_t nkept;
    struct warning_row kept[CSVCHART_WARNINGS_KEEP]; /* by line */
};

struct csvchart_warnings {
    char **items;
    size_t len, cap;
    struct warning_class *classes; /* pending until csvchart_warnings_flush() */
    size_t nclasses, classes_cap;
};

/* Appends a formatted warning; silently drops it when out of memory. */
void csvchart_warnings_add(struct csvchart_warnings *w, const char *fmt, ...) CSVCHART_PRINTF(2, 3);

/*
 * Counts a warning about the row on `line` of `file` in class `what` (a plural phrase that
 * says what happened to how many, as in the summary above). The message is only formatted
 * when it is among the class's first KEEP by line. Out of memory: dropped silently.
 */
void csvchart_warnings_row(struct csvchart_warnings *w, const char *file, size_t line,
                           const char *what, const char *fmt, ...) CSVCHART_PRINTF(5, 6);

/* Counts `count` more rows of class `what` whose warnings are not to be kept word for word:
 * lines from first_line to last_line, none among the class's first KEEP by line. */
void csvchart_warnings_rows(struct csvchart_warnings *w, const char *file, const char *what,
                            size_t count, size_t first_line, size_t last_line);

/* Turns the pending classes into items (see above). Every warnings function accepts w NULL
 * (the warnings are not wanted). */
void csvchart_warnings_flush(struct csvchart_warnings *w);

void csvchart_warnings_fini(struct csvchart_warnings *w);
#endif
