/*
 * annotation.h - what an editor adds to a chart, from option text to typed values
 * (annotation.c): reference lines and bands, annotations tied to categories, and an axis'
 * own domain and ticks.
 *
 *   rule = 0.5 Average; $1.2M Target        lines across the value axis, with labels
 *   band = 10,20 Target range               a shaded stretch of the value axis
 *   annotate = "OpenAI o1": Most expensive  a note tied to a category, with a leader
 *   domain = 0,100                          the value axis runs from 0 to 100
 *   ticks = 0,25,50,75,100                  these gridlines and no others
 *   marker = 2026-01-15 Policy shift        a dated line across a timeline's axis
 *
 * Items of rule, band and annotate are separated by ";" (a ";" inside double quotes does not
 * separate). Values are numbers as the CSV writes them ("$0.5", "50%", "1.2M"); in domain
 * and ticks a comma separates numbers, so they are written without thousands separators.
 * The same parser checks a value when it is set (options_check.c, with the item that is wrong)
 * and binds it (spec.c).
 */
#ifndef CSVCHART_ANNOTATION_H
#define CSVCHART_ANNOTATION_H

#include <stdbool.h>
#include <stddef.h>

#include "csvchart.h"
#include "date.h"

/* A reference line (lo == hi) or band [lo, hi], with its label ("" for none). */
struct ref_mark {
    double lo, hi;
    char *label;
    char written[2][32]; /* its numbers as written (a rule: [0] only), for messages */
    bool multiplied;     /* a K, M, B or T was written on one of them */
};

/* A note tied to a category. */
struct note_mark {
    char *category;
    char *text;
};

/*
 * Parse option text into malloc'd arrays (*out, *n; free with the matching _free). `band`
 * selects "LOW,HIGH LABEL" items over "VALUE LABEL" ones. Errors: CSVCHART_ERROR_VALUE with a
 * message that begins with `name` and names the item; NOMEM. On failure *out is NULL.
 */
csvchart_status csvchart_parse_refs(const char *name, const char *text, bool band,
                                    struct ref_mark **out, size_t *n, csvchart_error *err);
void csvchart_refs_free(struct ref_mark *r, size_t n);

csvchart_status csvchart_parse_notes(const char *name, const char *text, struct note_mark **out,
                                     size_t *n, csvchart_error *err);
void csvchart_notes_free(struct note_mark *r, size_t n);

/* A dated marker: a date (any form the timeline's dates take) and its label ("" for none);
 * a span ("2020-02..2020-04 Recession") also has an end. */
struct dated_mark {
    struct date_value date;
    bool span;
    struct date_value end; /* a span's last date */
    char *label;
};

/*
 * "DATE LABEL" items (marker): the date is the longest run of the item's first words (up to
 * five) that reads as a date in `syn` (date.h; NULL: the default forms), so "15 January 2026
 * Policy shift" and "Jan 15, 2026 Launch" both read; the rest is the label, its double quotes
 * taken off. "START..END LABEL" is a span (what comes before ".." must read as a date whole,
 * "Feb 2020..Apr 2020 Recession"), its end no earlier than its start. Errors as for
 * csvchart_parse_refs(), naming the item that does not start with a date.
 */
csvchart_status csvchart_parse_dated(const char *name, const char *text,
                                     const struct date_syntax *syn, struct dated_mark **out,
                                     size_t *n, csvchart_error *err);
void csvchart_dated_free(struct dated_mark *m, size_t n);

/*
 * A list of numbers separated by commas ("0,25,50" or, for a domain, exactly two: "0,100"),
 * into a malloc'd array. `exactly` is the count required (0 for any count >= 1).
 */
csvchart_status csvchart_parse_numbers(const char *name, const char *text, size_t exactly,
                                       double **out, size_t *n, csvchart_error *err);

#endif
