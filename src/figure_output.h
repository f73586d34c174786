/*
 * figure_output.h - what figure.c and figure_output.c share: the check of public pointers,
 * and the two errors about an output's name that both report.
 */
#ifndef CSVCHART_FIGURE_OUTPUT_H
#define CSVCHART_FIGURE_OUTPUT_H

#include <stdbool.h>

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

/*
 * csvchart_write_file_tracked() in two halves, so that another thread may sync and rename
 * while the next figure is drawn (the batch's committer, src/cli/commit.c), or so that the
 * outputs of one figure are all written before any of them is put in place. _begin() refuses a
 * path that is a folder, writes the bytes into a new temporary file beside `path` (announced
 * to `tracker`, NULL: none) and fills *p; on an error it leaves nothing behind. _end() syncs the
 * temporary file and renames it over `path`, or, with `discard`, removes it; either way it releases
 * *p (a second call does nothing). The error names `path`.
 */
typedef struct csvchart_pending_file {
    int fd, handle;
    char *tmp, *path; /* one allocation: the temporary name, then a copy of the path */
    const csvchart_temp_tracker *tracker;
} csvchart_pending_file;
csvchart_status csvchart_write_file_begin(const char *path, const void *data, size_t len,
                                          const csvchart_temp_tracker *tracker,
                                          csvchart_pending_file *p, csvchart_error *err);
csvchart_status csvchart_write_file_end(csvchart_pending_file *p, bool discard,
                                        csvchart_error *err);
/* Starts the disk's writing of a pending file's bytes without waiting for it (Linux's
 * sync_file_range(); elsewhere nothing): the sync of _end() then waits for bytes already on
 * their way. Called for each file of a group before the group's _end() calls, the writes
 * overlap instead of each sync starting its own. Changes nothing that is written. */
void csvchart_write_file_start_sync(const csvchart_pending_file *p);

#endif
