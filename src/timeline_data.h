/*
 * timeline_data.h - a table bound to a timeline's options (timeline_data.c).
 *
 * Each row is an event: a date (any format of date.h, at the precision written: a month
 * stays a month), a label, an optional detail line, an optional end date (a span), an
 * optional group (lane and colour). Binding checks every cell with its position and sorts the
 * events by start date (stable: same-day events keep file order).
 */
#ifndef CSVCHART_TIMELINE_DATA_H
#define CSVCHART_TIMELINE_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "spec.h"
#include "table.h"

struct timeline_event {
    char *label;
    char *detail; /* NULL when none */
    struct date_value start;
    struct date_value end; /* valid when has_end */
    bool has_end;
    size_t group; /* index into groups, 0 without groups */
    size_t line;  /* the row's line in the file */
};

struct timeline_data {
    struct timeline_event *events; /* sorted by start */
    size_t nevents;
    char **groups; /* group names in first-seen order; NULL/0 without a group column */
    size_t ngroups;
};

/*
 * Binds. Errors (CSVCHART_ERROR_DATA, FILE:LINE:COL): an unknown column, an unparseable date
 * (listing the accepted formats), an end before its start, an empty label, no events.
 */
csvchart_status csvchart_timeline_bind(const csvchart_table *t, const struct spec *s,
                                       struct timeline_data *out,
                                       struct csvchart_warnings *warn, csvchart_error *err);
void csvchart_timeline_fini(struct timeline_data *d);

#endif
