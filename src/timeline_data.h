/*
 * timeline_data.h - a table bound to a timeline's options (timeline_data.c).
 *
 * Each row is an event: a date (any format of date.h, at the precision written: a month
 * stays a month), a label, an optional detail line, an optional end date (a span), an
 * optional group (colour, with a legend). Binding checks every cell with its position and
 * sorts the events by start date (stable: same-day events keep file order). The markers of
 * the spec (marker = DATE LABEL; ...) join them, flagged, sorted with them (before the events
 * of their instant).
 *
 * Columns: `date` (default "date"), `label` (default "label"), `detail` (default: a column
 * named "detail" or "description" when there is one), `end`, `group`. Dates are read from
 * the cell's text whatever type the table gave the column (a column of bare years is typed
 * NUMBER). A row whose date cell is empty is skipped with a warning; an empty end cell makes
 * a point event; an empty group cell puts the event in a group named "Other".
 *
 * Time coordinates are days since 1970-01-01 (csvchart_date_coord). A date covers a period at
 * its precision (a year, a month, a day, or an instant): an event sits at the middle of its
 * period (`at`: a month-precision event sits mid-month) and covers [t0, t1); a span covers
 * from the start of its first period to the end of its last.
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
    size_t group;  /* index into groups, 0 without groups */
    size_t line;   /* the row's line in the file */
    double t0, t1; /* the period covered, days: [start of start, end of end or of start) */
    double at;     /* where the event's mark sits: the middle of its start period (a point
                      event), or t0 (a span) */
    bool marker;   /* a marker (the `marker` option), not a row: a line across the axis at
                      `at` with its label; never clustered, banded or counted as an event */
    bool note;     /* with marker: a note (the `annotate` option): its label on a leader to
                      the axis like an event's, in the notes' colour, with no dot or line */
};

/* What a layout keeps between its runs on the same data (csvchart_layout_fit() lays a figure
 * out at many sizes): one block the layout allocates and owns the meaning of; freed with
 * free() by csvchart_timeline_fini(). */
struct timeline_scratch {
    void *p;
};

struct timeline_data {
    struct timeline_event *events; /* sorted by start; markers among them */
    size_t nevents;                /* events and markers */
    size_t nmarkers;
    char **groups; /* group names in first-seen order; NULL/0 without a group column */
    size_t ngroups;
    double middle_step; /* the lower middle of the steps between the events' distinct
                           starts, days (0 for fewer than two steps): what a break must
                           outstand (layout_timeline.c) */
    bool seconds;       /* some date has seconds that are not a whole minute: every date-time is
                           shown with its seconds (date_value.seconds), and ticks may name them */
    struct timeline_scratch *scratch; /* owned; never NULL after a successful bind */
};

/*
 * Binds. On success *out owns copies of every string (free with csvchart_timeline_fini());
 * on failure *out is zeroed and nothing is leaked. Skipped rows go to `warn` ("FILE:LINE: row
 * skipped: no date"). Errors (CSVCHART_ERROR_DATA, FILE:LINE:COL where there is a cell): an
 * unknown column (naming the columns there are), an unparseable or impossible date (quoting
 * it and listing the accepted formats), an end before its start, an empty label, no events;
 * CSVCHART_ERROR_LIMIT: more than max_categories events.
 */
csvchart_status csvchart_timeline_bind(const csvchart_table *t, const struct spec *s,
                                       struct timeline_data *out, struct csvchart_warnings *warn,
                                       csvchart_error *err);
void csvchart_timeline_fini(struct timeline_data *d);

#endif
