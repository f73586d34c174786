/*
 * date.h - calendar dates and times as people write them.
 *
 * Accepted (English month names, any case, surrounding spaces ignored):
 *   2025   2025-01   2025-01-15   2025-01-15T10:00   2025-01-15T10:00:00Z   ...+02:00
 *   January 2025   Jan 2025   15 January 2026   15 Jan 2026   Jan 15, 2026   January 15 2026
 * Also: a space instead of the T, seconds with a fraction (10:00:30.5), offsets as +0200 or +02,
 * one-digit ISO months and days (2025-1-5), "Sept", and a dot after an abbreviation ("Jan.").
 * Impossible dates (month 13, 30 February, 2025-02-29, 0000-00-00) are rejected.
 * Years 1..9999. Times with an offset (or Z) are converted to UTC and labelled "UTC"; a time
 * without one is a clock time in no stated zone (the local time of an event, as a newsroom
 * writes it): placed as if it were UTC, and labelled as written, without a zone.
 */
#ifndef CSVCHART_DATE_H
#define CSVCHART_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct csvchart_locale;

enum date_precision { DATE_YEAR = 1, DATE_MONTH, DATE_DAY, DATE_TIME };

struct date_value {
    int64_t days;  /* days since 1970-01-01 of the first day covered (UTC) */
    double second; /* seconds into that day, 0 unless precision is DATE_TIME */
    enum date_precision precision;
    int year, month, day; /* month/day are 1 when not given */
    bool zoned;           /* DATE_TIME: an offset or Z was given (the time is UTC) */
    bool seconds;         /* DATE_TIME: shown with its seconds ("12:00:06"); the parser leaves
                             it false, a figure sets it on all its dates when one has seconds
                             that are not a whole minute (times within a minute stay apart) */
};

/* Parses bytes [s, s+len); true on success (then *out is written). */
bool csvchart_date_parse(const char *s, size_t len, struct date_value *out);

/*
 * How a file writes its dates besides the forms above (the `date_format` and `locale`
 * options). Numeric dates in an order: DMY "15/01/2026" (with `sep` '/', '.' or '-'; one-digit
 * day and month too; "01/2026" is a month), MDY "01/15/2026", YMD "2026/01/15" (with '-' that
 * is ISO, which is always read). Month names of a locale besides the English ones, in the
 * same shapes: "janvier 2025", "15 janvier 2026", "15. Januar 2026", "janv. 2025".
 */
enum date_order { DATE_ORDER_NONE, DATE_ORDER_DMY, DATE_ORDER_MDY, DATE_ORDER_YMD };

struct date_syntax {
    enum date_order order;
    char sep;                          /* of a numeric date: '/', '.' or '-' */
    const struct csvchart_locale *loc; /* NULL: English month names only */
};

/*
 * Why a date such as "2024-02-30", "30 February 2024", "Feb 30, 2024" or (in a syntax,
 * NULL: the default) "30/02/2024" is not one, when its day (29 to 31) is past the end of its
 * month: writes "February 2024 has 29 days" into why (n >= 1) and returns true.
 */
bool csvchart_date_past_month_end(const char *s, size_t len, const struct date_syntax *syn,
                                  char *why, size_t n);

/* csvchart_date_parse() in a syntax; syn NULL is the default (the forms above). */
bool csvchart_date_parse_as(const char *s, size_t len, const struct date_syntax *syn,
                            struct date_value *out);

/* Days since 1970-01-01 of a proleptic Gregorian date; month 1..12, day 1..31 (not checked). */
int64_t csvchart_date_days(int year, int month, int day);
/* The inverse of csvchart_date_days(). */
void csvchart_date_civil(int64_t days, int *year, int *month, int *day);
/* Days in a month of a year (leap years included). */
int csvchart_date_month_days(int year, int month);

/* The value as a continuous coordinate: days since 1970-01-01 plus the fraction of the day. */
double csvchart_date_coord(const struct date_value *d);

#endif
