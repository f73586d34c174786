/*
 * timeline_data.c - binding a table to a timeline (see timeline_data.h); the bind stage for
 * the timeline kind, between the table and layout_timeline.c.
 *
 * One pass over the rows: find the columns, read each row's cells from their text (so a
 * column of bare years, typed NUMBER by the table, still reads as dates), check them with
 * the cell's position, copy the strings. Then one stable sort by where each event sits on
 * the time axis (ties keep file order, so same-day events stay in the order written), which
 * is the order the layout places them in.
 */
#include "timeline_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "timeline_axis.h"
#include "words.h"

#define NONE ((size_t)-1)
/* Group index of `name`, added when new; NONE when out of memory. */
static size_t group_index(struct timeline_data *d, size_t *cap, const char *name)
{
    for (size_t i = 0; i < d->ngroups; i++) {
        if (strcmp(d->groups[i], name) == 0) {
            return i;
        }
    }
    char *copy = csvchart_strdup(name);
    if (!copy ||
        !csvchart_array_reserve((void **)&d->groups, cap, d->ngroups + 1, sizeof *d->groups)) {
        free(copy);
        return NONE;
    }
    d->groups[d->ngroups] = copy;
    return d->ngroups++;
}

static int by_position(const void *pa, const void *pb)
{
    const struct timeline_event *a = pa, *b = pb;
    if (a->at != b->at) {
        return a->at < b->at ? -1 : 1;
    }
    return a->line < b->line ? -1 : a->line > b->line; /* file order: the sort is stable */
}

static int by_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* The lower middle of the steps between the events' distinct starts (0 for fewer than two
 * steps, or no memory: no break then outstands any). */
static double middle_step(const struct timeline_data *d)
{
    double *t = malloc((d->nevents ? d->nevents : 1) * sizeof *t);
    if (!t) {
        return 0;
    }
    size_t n = 0;
    for (size_t i = 0; i < d->nevents; i++) {
        if (!d->events[i].marker) {
            t[n++] = d->events[i].t0;
        }
    }
    qsort(t, n, sizeof *t, by_double);
    size_t m = 0;
    for (size_t i = 1; i < n; i++) {
        if (t[i] > t[i - 1]) {
            t[m++] = t[i] - t[i - 1]; /* in place: step m is made from starts m + 1 on */
        }
    }
    qsort(t, m, sizeof *t, by_double);
    double step = m >= 2 ? t[(m - 1) / 2] : 0;
    free(t);
    return step;
}

csvchart_status csvchart_timeline_bind(const csvchart_table *t, const struct spec *s,
                                       struct timeline_data *out, struct csvchart_warnings *warn,
                                       csvchart_error *err)
{
    struct timeline_data d = {0};
    size_t cap = 0, gcap = 0;
    size_t cdate, clabel, cdetail, cend, cgroup;
    csvchart_status st;
    memset(out, 0, sizeof *out);
    if ((st = csvchart_table_column(t, *s->date ? s->date : "date", "date", &cdate, err)) ||
        (st = csvchart_table_column(t, *s->label ? s->label : "label", "label", &clabel, err)) ||
        (st = csvchart_table_column(t, s->detail, "detail", &cdetail, err)) ||
        (st = csvchart_table_column(t, s->end, "end", &cend, err)) ||
        (st = csvchart_table_column(t, s->group, "group", &cgroup, err))) {
        return st;
    }
    if (!*s->detail) { /* the default: a column that says what it is */
        cdetail = csvchart_table_find(t, "detail");
        cdetail = cdetail != NONE ? cdetail : csvchart_table_find(t, "description");
    }
    if (!*s->end) { /* a column named end makes spans, as one named detail makes details
                       (review 12: an `end` column was ignored without a word) */
        cend = csvchart_table_find(t, "end");
    }
    if (t->nrows == 0) {
        return csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                                  "no events to draw: the file has no rows");
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const struct table_cell *dc = csvchart_table_cell(t, r, cdate);
        if (csvchart_table_blank(t, dc) || dc->missing) {
            char what[300];
            snprintf(what, sizeof what, "rows skipped: no value in column \"%s\"",
                     t->cols[cdate].name);
            csvchart_warnings_row(warn, t->name, dc->line, what, "%s:%zu: row skipped: no %s",
                                  t->name, dc->line, t->cols[cdate].name);
            continue;
        }
        if (s->max_categories && d.nevents == s->max_categories) { // the reader is first
            st = csvchart_error_set(err, CSVCHART_ERROR_LIMIT, t->name, dc->line, dc->col,
                                    "more than %zu events; a timeline of them cannot be drawn "
                                    "(raise max_categories)",
                                    s->max_categories);
            goto fail;
        }
        struct timeline_event e = {0};
        e.line = dc->line;
        if ((st = csvchart_table_date_cell(t, cdate, dc, &e.start, err))) {
            goto fail;
        }
        const struct table_cell *lc = csvchart_table_cell(t, r, clabel);
        if (csvchart_table_blank(t, lc)) {
            st = csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, lc->line, lc->col,
                                    "empty label (column \"%s\"); every event needs one",
                                    t->cols[clabel].name);
            goto fail;
        }
        e.t0 = csvchart_date_coord(&e.start);
        e.t1 = csvchart_date_period_end(&e.start);
        e.at = (e.t0 + e.t1) / 2;
        if (cend != NONE) {
            const struct table_cell *ec = csvchart_table_cell(t, r, cend);
            if (!csvchart_table_blank(t, ec) && !ec->missing) {
                if ((st = csvchart_table_date_cell(t, cend, ec, &e.end, err))) {
                    goto fail;
                }
                double end = csvchart_date_period_end(&e.end);
                /* The end date's whole period counts: "2025-03" to "2025" runs to the end of
                 * 2025, and "2025-01-15" to "2025-01-15" is a one-day span. Only an end
                 * period over before the start begins is refused. */
                if (end < e.t0 || (end == e.t0 && e.end.precision != DATE_TIME)) {
                    st = csvchart_error_set(
                        err, CSVCHART_ERROR_DATA, t->name, ec->line, ec->col,
                        "\"%s\" ends before it starts: %s %s is before %s %s; swap the two "
                        "dates",
                        csvchart_table_text(t, lc), t->cols[cend].name, csvchart_table_text(t, ec),
                        t->cols[cdate].name, csvchart_table_text(t, dc));
                    goto fail;
                }
                e.has_end = true;
                e.t1 = end;
                e.at = e.t0;
            }
        }
        if (cgroup != NONE) {
            const struct table_cell *gc = csvchart_table_cell(t, r, cgroup);
            e.group = group_index(&d, &gcap,
                                  csvchart_table_blank(t, gc) ? csvchart_words_get(s->locale)->other
                                                              : csvchart_table_text(t, gc));
            if (e.group == NONE) {
                st = csvchart_error_nomem(err);
                goto fail;
            }
        }
        e.label = csvchart_strdup(csvchart_table_text(t, lc));
        if (cdetail != NONE) {
            const struct table_cell *xc = csvchart_table_cell(t, r, cdetail);
            if (!csvchart_table_blank(t, xc)) {
                e.detail = csvchart_strdup(csvchart_table_text(t, xc));
                if (!e.detail) {
                    free(e.label);
                    e.label = NULL;
                }
            }
        }
        if (!e.label ||
            !csvchart_array_reserve((void **)&d.events, &cap, d.nevents + 1, sizeof *d.events)) {
            free(e.label);
            free(e.detail);
            st = csvchart_error_nomem(err);
            goto fail;
        }
        d.events[d.nevents++] = e;
    }
    if (d.nevents == 0) {
        st =
            csvchart_error_set(err, CSVCHART_ERROR_DATA, t->name, 0, 0,
                               "no events left to draw: every row lacks a %s", t->cols[cdate].name);
        goto fail;
    }
    /* Markers, then notes (annotate): line 0, before the events of their instant. */
    for (size_t k = 0; k < s->nmarkers + s->ndate_notes; k++) {
        bool note = k >= s->nmarkers;
        const struct dated_mark *m = note ? &s->date_notes[k - s->nmarkers] : &s->markers[k];
        if (m->span) { /* a stretch of time on a timeline is an event with an end */
            st = csvchart_error_set(err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                                    "%s: a span (START..END) is shaded on trends; on a timeline, "
                                    "give the event an end in an end column",
                                    note ? "annotate" : "marker");
            goto fail;
        }
        struct timeline_event e = {.start = m->date, .marker = true, .note = note};
        e.t0 = csvchart_date_coord(&e.start);
        e.t1 = csvchart_date_period_end(&e.start);
        e.at = (e.t0 + e.t1) / 2;
        e.label = csvchart_strdup(m->label);
        if (!e.label ||
            !csvchart_array_reserve((void **)&d.events, &cap, d.nevents + 1, sizeof *d.events)) {
            free(e.label);
            st = csvchart_error_nomem(err);
            goto fail;
        }
        d.events[d.nevents++] = e;
        d.nmarkers++;
    }
    qsort(d.events, d.nevents, sizeof *d.events, by_position);
    /* Ten events 6 s apart all read "12:00" (review 11): seconds for all, or for none. */
    for (size_t i = 0; i < d.nevents; i++) {
        const struct timeline_event *e = &d.events[i];
        d.seconds = d.seconds || (e->start.precision == DATE_TIME && fmod(e->start.second, 60)) ||
                    (e->has_end && e->end.precision == DATE_TIME && fmod(e->end.second, 60));
    }
    for (size_t i = 0; d.seconds && i < d.nevents; i++) {
        d.events[i].start.seconds = d.events[i].start.precision == DATE_TIME;
        d.events[i].end.seconds = d.events[i].has_end && d.events[i].end.precision == DATE_TIME;
    }
    d.middle_step = middle_step(&d);
    csvchart_warnings_flush(warn);
    if (!(d.scratch = calloc(1, sizeof *d.scratch))) {
        st = csvchart_error_nomem(err);
        goto fail;
    }
    *out = d;
    return CSVCHART_OK;
fail:
    csvchart_warnings_flush(warn);
    csvchart_timeline_fini(&d);
    return st;
}

void csvchart_timeline_fini(struct timeline_data *d)
{
    for (size_t i = 0; i < d->nevents; i++) {
        free(d->events[i].label);
        free(d->events[i].detail);
    }
    free(d->events);
    for (size_t i = 0; i < d->ngroups; i++) {
        free(d->groups[i]);
    }
    free(d->groups);
    if (d->scratch) {
        free(d->scratch->p);
        free(d->scratch);
    }
    memset(d, 0, sizeof *d);
}
