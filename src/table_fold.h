/*
 * table_fold.h - folding rows with the same key while reading (table_fold.c; see "Folding" in
 * table.h). Used by the reader (table_csv.c) only:
 *
 *   csvchart_table_folder_new(fold)      before reading
 *   csvchart_table_folder_start(f, t)    once the header is read: finds the columns
 *   csvchart_table_folder_row(f, t, ...) for each complete data row, stored as row t->nrows
 *                                        (not yet counted): keep it, or it was folded away
 *   csvchart_table_folder_free(f)
 */
#ifndef CSVCHART_TABLE_FOLD_H
#define CSVCHART_TABLE_FOLD_H

#include "table.h"

enum fold_result {
    FOLD_KEEP,    /* the row stays (count it) */
    FOLD_MERGED,  /* the row went into an earlier one: drop its cells and text */
    FOLD_DROPPED, /* the row has no value at all: counted in t->skipped; drop it too */
    FOLD_NOMEM,
    FOLD_LIMIT    /* more distinct keys[0] values than max_keys; the row's key cell is to blame */
};

struct table_folder;

/* NULL when out of memory. `fold` is copied. */
struct table_folder *csvchart_table_folder_new(const struct table_fold *fold);
/* Resolves the column names against t's header; false when out of memory. */
bool csvchart_table_folder_start(struct table_folder *f, csvchart_table *t);
/* For FOLD_LIMIT, *blame_col is the column of the cell to point at (in row t->nrows). */
enum fold_result csvchart_table_folder_row(struct table_folder *f, csvchart_table *t,
                                           size_t *blame_col);
void csvchart_table_folder_free(struct table_folder *f);

#endif
