/*
 * timeline_axis.h - time ticks and date text for timelines (timeline_axis.c).
 *
 * Time is a continuous coordinate in days since 1970-01-01 (csvchart_date_coord()). Ticks come
 * in a ladder of steps, finest first: 1, 2, 5, 10, 15, 30 seconds; 1, 2, 5, 10, 15, 30 minutes;
 * 1, 2, 3, 6, 12 hours; 1, 2 days; weeks (Mondays), 2
 * weeks; 1, 2, 3 (quarters), 6 months; 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000
 * years. The layout asks for the finest step whose labels fit the axis without touching.
 *
 * Tick labels never repeat the year needlessly: the first tick and the first tick of each new
 * year carry it, the others do not ("Jan 2025  Apr  Jul  Oct  Jan 2026"; "30 Dec 2025  31 Dec
 * 1 Jan 2026  2 Jan"; hours: "15 Jan 2025 06:00  12:00  18:00  16 Jan"). A day is never a
 * bare number.
 */
#ifndef CSVCHART_TIMELINE_AXIS_H
#define CSVCHART_TIMELINE_AXIS_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "locale_data.h"

#define TIME_TICK_LABEL 40

struct time_tick {
    double t; /* days since 1970-01-01 */
    char label[TIME_TICK_LABEL];
};

/* The number of steps in the ladder. */
size_t csvchart_time_step_count(void);

/* The nominal length of step k in days (a month counts 30.44 days, a year 365.25). */
double csvchart_time_step_days(size_t k);

/* Whether step k's ticks name seconds ("12:00:06"): for dates shown with their seconds. */
bool csvchart_time_step_seconds(size_t k);

/* The precision of the dates the ticks of step k name: DATE_TIME for hours, minutes and seconds,
 * DATE_DAY for days and weeks, DATE_MONTH, DATE_YEAR. A layout takes no step finer than its dates.
 */
enum date_precision csvchart_time_step_precision(size_t k);

/*
 * Writes the ticks of step k that fall in [t0, t1] into out[0 .. max) and returns how many
 * there are, counting at most max + 1 (more than max: they do not fit, and only the first max
 * are written; the work stays bounded by max whatever the span). Labels follow the rules
 * above. Years outside 1..9999 produce no ticks.
 */
size_t csvchart_time_ticks(double t0, double t1, size_t k, struct time_tick *out, size_t max);

/* The times of those ticks alone, counted the same way: for layouts that label the ticks they
 * keep themselves (csvchart_time_tick_label(), with the previous tick kept as `prev`), which
 * spares formatting a label for every tick of every step they try. */
size_t csvchart_time_tick_times(double t0, double t1, size_t k, double *out, size_t max);

/*
 * The label of a tick at t of step k, given the previous labelled tick `prev` (NAN for the
 * first): the year appears on the first tick and when it changes (see above).
 */
void csvchart_time_tick_label(size_t k, double t, double prev, char *buf, size_t n);

/* Whether that label shows a time of day ("25 Feb 2026, 10:00", "12:00"; not "26 Feb"): the
 * tick an axis of zoned times writes its zone after, once. */
bool csvchart_time_tick_has_clock(size_t k, double t, double prev);

/*
 * The end of the period a date covers, exclusive, in days: the next year's 1 January for a
 * year, the next month's first day for a month, the next day for a day, the instant itself
 * for a date-time.
 */
double csvchart_date_period_end(const struct date_value *d);

/*
 * Formats a date at its own precision: short "2025", "Jan 2025", "15 Jan 2026",
 * "15 Jan 2026, 10:00 UTC"; long (for sentences) "January 2025", "15 January 2026". Always
 * NUL-terminates (n >= 1).
 */
void csvchart_date_format(const struct date_value *d, bool long_names, char *buf, size_t n);

/*
 * Formats a span compactly, sharing what both ends share: "2020–2024", "Jan–Apr 2025",
 * "3–15 Jan 2025", "29 Apr – 3 May 2025", "Mar 2024 – Feb 2025", and times of one day
 * "10 Mar 2025, 12:05–12:44 UTC". A span whose ends are the same period (or, for times, the
 * same minute) prints once.
 */
void csvchart_date_format_span(const struct date_value *a, const struct date_value *b, char *buf,
                               size_t n);

/*
 * The same in a locale's manner (loc NULL: as above): its month names (standing alone over a
 * month, in a date with a day, abbreviated in ticks and short dates) in its order of day,
 * month and year with its separators, from glibc's LC_TIME (locale_data.h): de "15. Jan 2026",
 * "Jan 2025  Apr  Jul"; fr "janv. 2025", "15 janv. 2026", long "janvier 2025"; a span
 * "janv.–avr. 2025" where the year comes last (days of one month "3–7 mars 2025" where the
 * day comes first too), times of one day with the date once
 * ("10 mars 2025, 12:05–12:44 UTC"), else both dates whole.
 */
size_t csvchart_time_ticks_in(const struct csvchart_locale *loc, double t0, double t1, size_t k,
                              struct time_tick *out, size_t max);
void csvchart_time_tick_label_in(const struct csvchart_locale *loc, size_t k, double t, double prev,
                                 char *buf, size_t n);
void csvchart_date_format_in(const struct csvchart_locale *loc, const struct date_value *d,
                             bool long_names, char *buf, size_t n);
void csvchart_date_format_span_in(const struct csvchart_locale *loc, const struct date_value *a,
                                  const struct date_value *b, char *buf, size_t n);

/*
 * An event's date without what its figure states once, at its first event: the year where
 * every date is in one year ("27 Jan" after "20 Jan 2025"), and with it the day where every
 * date is on one day ("15:30 UTC" after "20 Jan 2025, 09:00 UTC"); a month stands alone ("Mar"
 * after "Jan 2025"). A year is written whole, and a time keeps its zone: times given with an offset
 * are shown in UTC, and "15:30" alone was read as the local time of a Mumbai close at 10:00
 * UTC (graphics desk review). In the locale's manner (loc NULL: English), as
 * csvchart_date_format_in().
 */
enum date_omit { DATE_OMIT_YEAR = 1, DATE_OMIT_DAY = 2 };
void csvchart_date_format_omit(const struct csvchart_locale *loc, const struct date_value *d,
                               unsigned omit, char *buf, size_t n);

#endif
