/*
 * date.h - calendar dates and times as people write them.
 *
 * Accepted (English month names, any case, surrounding spaces ignored):
 *   2025   2025-01   2025-01-15   2025-01-15T10:00   2025-01-15T10:00:00Z   ...+02:00
 *   January 2025   Jan 2025   15 January 2026   15 Jan 2026   Jan 15, 2026   January 15 2026
 * Also: a space instead of the T, seconds with a fraction (10:00:30.5), offsets as +0200 or +02,
 * one-digit ISO months and days (2025-1-5), "Sept", and a dot after an abbreviation ("Jan.").
 * Times without an offset are taken as UTC.
 * Impossible dates (month 13, 30 February, 2025-02-29, 0000-00-00) are rejected.
 * Years 1..9999. Times with an offset are converted to UTC.
 */
#ifndef CSVCHART_DATE_H
#define CSVCHART_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum date_precision { DATE_YEAR = 1, DATE_MONTH, DATE_DAY, DATE_TIME };

struct date_value {
    int64_t days;  /* days since 1970-01-01 of the first day covered (UTC) */
    double second; /* seconds into that day, 0 unless precision is DATE_TIME */
    enum date_precision precision;
    int year, month, day; /* month/day are 1 when not given */
};

/* Parses bytes [s, s+len); true on success (then *out is written). */
bool csvchart_date_parse(const char *s, size_t len, struct date_value *out);

/*
 * Parses the longest run of whole words (ending at a space or at len) at the start of
 * [s, s+len) that is a date: "2026-01-15 Policy shift" gives 2026-01-15 and *used = 10.
 * False when no such prefix is a date.
 */
bool csvchart_date_parse_prefix(const char *s, size_t len, struct date_value *out, size_t *used);

/* Days since 1970-01-01 of a proleptic Gregorian date; month 1..12, day 1..31 (not checked). */
int64_t csvchart_date_days(int year, int month, int day);
/* The inverse of csvchart_date_days(). */
void csvchart_date_civil(int64_t days, int *year, int *month, int *day);
/* Days in a month of a year (leap years included). */
int csvchart_date_month_days(int year, int month);

/* The value as a continuous coordinate: days since 1970-01-01 plus the fraction of the day. */
double csvchart_date_coord(const struct date_value *d);

#endif
