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

/* Warnings a figure gathers for the CLI to print (rows skipped, ...), in order. */
struct csvchart_warnings {
    char **items;
    size_t len, cap;
};

/* Appends a formatted warning; silently drops it when out of memory. */
void csvchart_warnings_add(struct csvchart_warnings *w, const char *fmt, ...)
    CSVCHART_PRINTF(2, 3);
void csvchart_warnings_fini(struct csvchart_warnings *w);
#endif
