/*
 * figure_output.h - what figure.c and figure_output.c share: the check of public pointers,
 * and the two errors about an output's name that both report.
 */
#ifndef CSVCHART_FIGURE_OUTPUT_H
#define CSVCHART_FIGURE_OUTPUT_H

#include "csvchart.h"
#include "error.h"

/* Returns from a public function when one of its pointers is NULL (csvchart.h: every
 * function accepts the NULL handle that a failed csvchart_figure_new() leaves). */
#define NEED(ptr, what)                                                                            \
    do {                                                                                           \
        if (!(ptr)) {                                                                              \
            return csvchart_error_null(err, __func__, what);                                       \
        }                                                                                          \
    } while (0)

/* The error for an output whose extension names another format than the one asked for. */
csvchart_status csvchart_output_format_clash(const char *path, csvchart_format format,
                                             csvchart_error *err);
/* The error for an output whose "@...x" csvchart_scale_from_path() refuses. */
csvchart_status csvchart_output_scale_error(const char *path, csvchart_error *err);

#endif
