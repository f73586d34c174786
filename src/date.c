/*
 * date.c - calendar dates and times as people write them (see date.h); part of the table stage.
 *
 * table.c asks this file whether a cell is a date once it knows the cell is not a number. A
 * small recursive-descent scanner tries the three shapes in turn:
 *
 *     ISO           2025 | 2025-01 | 2025-01-15 [(T|space) 10:00[:00[.5]] [Z | +02:00 | -0500]]
 *     month first   January 2025 | Jan 15, 2026 | January 15 2026
 *     day first     15 January 2026 | 15 Jan 2026
 *
 * Calendar arithmetic is the proleptic Gregorian calendar, done on day numbers with Howard
 * Hinnant's days_from_civil / civil_from_days, which are exact for every year we accept.
 * Nothing here depends on the locale, the time zone or the clock.
 */
#include "date.h"

#include <stdio.h>
#include <string.h>

#include "locale_data.h"

static const char *const month_names[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

int64_t csvchart_date_days(int year, int month, int day)
{
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void csvchart_date_civil(int64_t days, int *year, int *month, int *day)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(y + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

int csvchart_date_month_days(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) {
        return 0;
    }
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
        return 29;
    }
    return days[month - 1];
}

double csvchart_date_coord(const struct date_value *d)
{
    return (double)d->days + d->second / 86400.0;
}

/* ---- Scanning ------------------------------------------------------------------------------ */

struct scan {
    const char *p, *end;
    const struct date_syntax *syn; /* NULL: the default forms */
    bool lenient;                  /* a day past its month's end passes, noted here: */
    int past_year, past_month;
};

static bool at_end(const struct scan *s)
{
    return s->p == s->end;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool accept(struct scan *s, char c)
{
    if (s->p < s->end && *s->p == c) {
        s->p++;
        return true;
    }
    return false;
}

/* Reads at least min and at most max digits; the caller checks what follows. */
static bool number(struct scan *s, int min, int max, int *out)
{
    int n = 0, v = 0;
    while (s->p < s->end && is_digit(*s->p) && n < max) {
        v = v * 10 + (*s->p - '0');
        s->p++;
        n++;
    }
    if (n < min) {
        return false;
    }
    *out = v;
    return true;
}

/* One or more spaces. */
static bool spaces(struct scan *s)
{
    if (s->p == s->end || *s->p != ' ') {
        return false;
    }
    while (s->p < s->end && *s->p == ' ') {
        s->p++;
    }
    return true;
}

/* An English month name, full or abbreviated to three letters ("Sept" too), any case; an
 * abbreviation may end with a dot ("Jan."). */
static bool english_month(struct scan *s, int *month);

/* A month name: English, or the locale's (any of its forms). */
static bool month_name(struct scan *s, int *month)
{
    if (english_month(s, month)) {
        return true;
    }
    size_t used;
    int m = s->syn && s->syn->loc
                ? csvchart_locale_month(s->syn->loc, s->p, (size_t)(s->end - s->p), &used)
                : 0;
    if (m) {
        s->p += used;
        *month = m;
        return true;
    }
    return false;
}

static bool english_month(struct scan *s, int *month)
{
    const char *w = s->p;
    size_t n = 0;
    while (w + n < s->end && lower(w[n]) >= 'a' && lower(w[n]) <= 'z') {
        n++;
    }
    if (n < 3) {
        return false;
    }
    for (int m = 0; m < 12; m++) {
        const char *name = month_names[m];
        size_t full = strlen(name);
        bool abbrev = n == 3 || (m == 8 && n == 4); // "Sep", "Sept"
        if (n != full && !abbrev) {
            continue;
        }
        size_t i = 0;
        while (i < n && lower(w[i]) == name[i]) {
            i++;
        }
        if (i == n) {
            s->p = w + n;
            if (n != full) {
                accept(s, '.');
            }
            *month = m + 1;
            return true;
        }
    }
    return false;
}

/* A real day; when the scan is lenient (csvchart_date_past_month_end), a day 29 to 31 past its
 * month's end passes too and is noted. */
static bool valid_day(struct scan *s, int year, int month, int day)
{
    if (!(year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1)) {
        return false;
    }
    if (day <= csvchart_date_month_days(year, month)) {
        return true;
    }
    if (s->lenient && day <= 31) {
        s->past_year = year;
        s->past_month = month;
        return true;
    }
    return false;
}

static void set_date(struct date_value *out, int year, int month, int day, enum date_precision prec)
{
    out->year = year;
    out->month = month;
    out->day = day;
    out->precision = prec;
    out->zoned = false;
    out->seconds = false;
    out->second = 0.0;
    out->days = csvchart_date_days(year, month, day);
}

/* "10:00", "10:00:30", "10:00:30.25", then "Z", "+02:00", "-0500", "+02" or nothing. */
static bool time_of_day(struct scan *s, struct date_value *out)
{
    int h, m, sec = 0, oh = 0, om = 0, sign = 0;
    bool zoned = true;
    double frac = 0.0;
    if (!number(s, 1, 2, &h) || !accept(s, ':') || !number(s, 2, 2, &m) || h > 23 || m > 59) {
        return false;
    }
    if (accept(s, ':')) {
        if (!number(s, 2, 2, &sec) || sec > 59) {
            return false;
        }
        if (accept(s, '.')) {
            double scale = 0.1;
            if (at_end(s) || !is_digit(*s->p)) {
                return false;
            }
            while (s->p < s->end && is_digit(*s->p)) {
                frac += (*s->p - '0') * scale;
                scale /= 10;
                s->p++;
            }
        }
    }
    if (accept(s, 'Z') || accept(s, 'z')) {
        sign = 0;
    } else if (s->p < s->end && (*s->p == '+' || *s->p == '-')) {
        sign = *s->p == '-' ? -1 : 1;
        s->p++;
        if (!number(s, 2, 2, &oh)) {
            return false;
        }
        if (accept(s, ':')) {
            if (!number(s, 2, 2, &om)) {
                return false;
            }
        } else if (!at_end(s) && !number(s, 2, 2, &om)) {
            return false;
        }
        if (oh > 23 || om > 59) {
            return false;
        }
    } else {
        zoned = false;
    }
    /* Local time minus the offset is UTC; the day may change. */
    double second = h * 3600.0 + m * 60.0 + sec + frac - sign * (oh * 3600.0 + om * 60.0);
    int64_t days = out->days;
    while (second < 0) {
        second += 86400.0;
        days--;
    }
    while (second >= 86400.0) {
        second -= 86400.0;
        days++;
    }
    int y, mo, d;
    csvchart_date_civil(days, &y, &mo, &d);
    if (y < 1 || y > 9999) {
        return false;
    }
    out->days = days;
    out->second = second;
    out->year = y;
    out->month = mo;
    out->day = d;
    out->precision = DATE_TIME;
    out->zoned = zoned;
    return true;
}

static bool iso(struct scan *s, struct date_value *out)
{
    int y, m = 1, d = 1;
    enum date_precision prec = DATE_YEAR;
    if (!number(s, 4, 4, &y)) {
        return false;
    }
    if (accept(s, '-')) {
        if (!number(s, 1, 2, &m)) {
            return false;
        }
        prec = DATE_MONTH;
        if (accept(s, '-')) {
            if (!number(s, 1, 2, &d)) {
                return false;
            }
            prec = DATE_DAY;
        }
    }
    if (!valid_day(s, y, m, d)) {
        return false;
    }
    set_date(out, y, m, d, prec);
    if (prec == DATE_DAY && (accept(s, 'T') || accept(s, 't') || accept(s, ' '))) {
        return time_of_day(s, out) && at_end(s);
    }
    return at_end(s);
}

/* "January 2025", "Jan 15, 2026", "January 15 2026". */
static bool month_first(struct scan *s, struct date_value *out)
{
    int m, d = 1, y;
    if (!month_name(s, &m) || !spaces(s)) {
        return false;
    }
    const char *mark = s->p;
    if (number(s, 4, 4, &y) && at_end(s)) {
        if (!valid_day(s, y, m, 1)) {
            return false;
        }
        set_date(out, y, m, 1, DATE_MONTH);
        return true;
    }
    s->p = mark;
    if (!number(s, 1, 2, &d)) {
        return false;
    }
    bool comma = accept(s, ',');
    if (!spaces(s) && !comma) {
        return false;
    }
    if (!number(s, 4, 4, &y) || !at_end(s) || !valid_day(s, y, m, d)) {
        return false;
    }
    set_date(out, y, m, d, DATE_DAY);
    return true;
}

/* "15 January 2026", "15 Jan 2026"; with a locale "15. Januar 2026" too. */
static bool day_first(struct scan *s, struct date_value *out)
{
    int d, m, y;
    if (!number(s, 1, 2, &d)) {
        return false;
    }
    if (s->syn && s->syn->loc) {
        accept(s, '.');
    }
    if (!spaces(s) || !month_name(s, &m) || !spaces(s) || !number(s, 4, 4, &y) || !at_end(s) ||
        !valid_day(s, y, m, d)) {
        return false;
    }
    set_date(out, y, m, d, DATE_DAY);
    return true;
}

/*
 * A numeric date in the order of date_format: "15/01/2026" (DMY), "01/15/2026" (MDY),
 * "2026/01/15" (YMD), with its separator; a month and year alone ("01/2026", "2026/01") is a
 * month.
 */
static bool numeric(struct scan *s, struct date_value *out)
{
    const struct date_syntax *syn = s->syn;
    int a, b, c;
    const char *mark = s->p;
    if (syn->order == DATE_ORDER_YMD) {
        if (!number(s, 4, 4, &a) || !accept(s, syn->sep) || !number(s, 1, 2, &b)) {
            return false;
        }
        if (at_end(s)) {
            if (!valid_day(s, a, b, 1)) {
                return false;
            }
            set_date(out, a, b, 1, DATE_MONTH);
            return true;
        }
        if (!accept(s, syn->sep) || !number(s, 1, 2, &c) || !at_end(s) || !valid_day(s, a, b, c)) {
            return false;
        }
        set_date(out, a, b, c, DATE_DAY);
        return true;
    }
    if (!number(s, 1, 2, &a) || !accept(s, syn->sep)) {
        return false;
    }
    const char *second = s->p;
    if (number(s, 4, 4, &c) && at_end(s)) { /* "01/2026" */
        if (!valid_day(s, c, a, 1)) {
            return false;
        }
        set_date(out, c, a, 1, DATE_MONTH);
        return true;
    }
    s->p = second;
    if (!number(s, 1, 2, &b) || !accept(s, syn->sep) || !number(s, 4, 4, &c) || !at_end(s)) {
        s->p = mark;
        return false;
    }
    int day = syn->order == DATE_ORDER_DMY ? a : b, month = syn->order == DATE_ORDER_DMY ? b : a;
    if (!valid_day(s, c, month, day)) {
        return false;
    }
    set_date(out, c, month, day, DATE_DAY);
    return true;
}

bool csvchart_date_parse(const char *s, size_t len, struct date_value *out)
{
    return csvchart_date_parse_as(s, len, NULL, out);
}

static bool parse_scan(const char *s, size_t len, struct scan *sc, struct date_value *out);

bool csvchart_date_past_month_end(const char *s, size_t len, const struct date_syntax *syn,
                                  char *why, size_t n)
{
    static const char *const names[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    struct scan sc = {.syn = syn, .lenient = true};
    struct date_value v;
    if (!s || !parse_scan(s, len, &sc, &v) || !sc.past_month) {
        return false;
    }
    snprintf(why, n, "%s %d has %d days", names[sc.past_month - 1], sc.past_year,
             csvchart_date_month_days(sc.past_year, sc.past_month));
    return true;
}

bool csvchart_date_parse_as(const char *s, size_t len, const struct date_syntax *syn,
                            struct date_value *out)
{
    if (!s) {
        return false;
    }
    struct scan sc = {.syn = syn};
    return parse_scan(s, len, &sc, out);
}

/* The parse proper, with the scan's syntax and leniency. */
static bool parse_scan(const char *s, size_t len, struct scan *scan, struct date_value *out)
{
    const char *p = s, *end = s + len;
    while (p < end && (*p == ' ' || *p == '\t')) {
        p++;
    }
    while (end > p && (end[-1] == ' ' || end[-1] == '\t')) {
        end--;
    }
    if (p == end) {
        return false;
    }
    struct date_value v;
    memset(&v, 0, sizeof v);
    struct scan sc = *scan;
    sc.p = p;
    sc.end = end;
    const struct date_syntax *syn = sc.syn;
    bool ok;
    if (is_digit(*p)) {
        ok = iso(&sc, &v);
        if (!ok) {
            sc.p = p;
            ok = day_first(&sc, &v);
        }
        if (!ok && syn && syn->order != DATE_ORDER_NONE) {
            sc.p = p;
            memset(&v, 0, sizeof v);
            ok = numeric(&sc, &v);
        }
    } else {
        ok = month_first(&sc, &v);
    }
    if (ok) {
        *out = v;
    }
    scan->past_year = sc.past_year;
    scan->past_month = sc.past_month;
    return ok;
}
