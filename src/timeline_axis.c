/*
 * timeline_axis.c - time ticks and date text for timelines (see timeline_axis.h).
 *
 * A step of the ladder is a unit (hour, day, week, month, year) and a count. Ticks of a step
 * are the calendar boundaries that are whole multiples of it: hours counted from midnight,
 * weeks from a Monday, months from January, years from year 0 (so decades start at 2000,
 * 2010). Months and years are walked on the calendar (csvchart_date_days), never by adding a
 * fixed number of days, so a tick always lands on the 1st. The caller picks the step; this
 * file only generates and labels, and never allocates.
 */
#include "timeline_axis.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

enum unit { U_SECOND, U_MINUTE, U_HOUR, U_DAY, U_WEEK, U_MONTH, U_YEAR };

static const struct {
    enum unit unit;
    int n;
} steps[] = {
    {U_SECOND, 1},  {U_SECOND, 2}, {U_SECOND, 5}, {U_SECOND, 10}, {U_SECOND, 15}, {U_SECOND, 30},
    {U_MINUTE, 1},  {U_MINUTE, 2}, {U_MINUTE, 5}, {U_MINUTE, 10}, {U_MINUTE, 15}, {U_MINUTE, 30},
    {U_HOUR, 1},    {U_HOUR, 2},   {U_HOUR, 3},   {U_HOUR, 6},    {U_HOUR, 12},   {U_DAY, 1},
    {U_DAY, 2},     {U_WEEK, 1},   {U_WEEK, 2},   {U_MONTH, 1},   {U_MONTH, 2},   {U_MONTH, 3},
    {U_MONTH, 6},   {U_YEAR, 1},   {U_YEAR, 2},   {U_YEAR, 5},    {U_YEAR, 10},   {U_YEAR, 20},
    {U_YEAR, 25},   {U_YEAR, 50},  {U_YEAR, 100}, {U_YEAR, 200},  {U_YEAR, 250},  {U_YEAR, 500},
    {U_YEAR, 1000},
};

#define NSTEPS (sizeof steps / sizeof steps[0])

#define MONDAY 4 /* 1970-01-05, day 4, was a Monday */

static const char *const short_month[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const long_month[12] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};

/* A time of day as a clock shows it: "12:05", or "12:05:06" with seconds. */
static void clock_text(double second, bool seconds, char *buf, size_t n)
{
    int s = (int)floor(second + 1e-6) % 86400;
    if (seconds) {
        snprintf(buf, n, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    } else {
        snprintf(buf, n, "%02d:%02d", s / 3600, s / 60 % 60);
    }
}

/* "12:05" or, for a stretch of one day, "12:05–12:44" (the en dash): the times of a span
 * of date-times that fall on one day (same_day() in the span formatters). Seconds where either
 * date says to show them (struct date_value.seconds), else times within a minute read alike. */
static void clock_times(const struct date_value *a, const struct date_value *b, char *buf, size_t n)
{
    bool sec = a->seconds || b->seconds;
    char ca[16], cb[16];
    clock_text(sec ? a->second : 60 * floor(a->second / 60 + 1e-6), sec, ca, sizeof ca);
    clock_text(sec ? b->second : 60 * floor(b->second / 60 + 1e-6), sec, cb, sizeof cb);
    if (strcmp(ca, cb) == 0) {
        snprintf(buf, n, "%s", ca);
    } else {
        snprintf(buf, n, "%s\xe2\x80\x93%s", ca, cb);
    }
}

/* Both ends are times of one day (UTC: offsets were converted when parsing). */
static bool same_day(const struct date_value *a, const struct date_value *b)
{
    return a->precision == DATE_TIME && b->precision == DATE_TIME && a->days == b->days;
}

/* The zone after the times of a..b: " UTC" when either was given with an offset (converted to
 * UTC when parsing), else none - a clock time written without one states no zone, and a label
 * must not add one (review 8: "07:41 UTC" for a US polling station's local time). */
static const char *zone(const struct date_value *a, const struct date_value *b)
{
    return a->zoned || b->zoned ? " UTC" : "";
}

size_t csvchart_time_step_count(void)
{
    return NSTEPS;
}

double csvchart_time_step_days(size_t k)
{
    static const double unit_days[] = {1.0 / 86400, 1.0 / 1440, 1.0 / 24, 1,
                                       7,           30.436875,  365.2425};
    return k < NSTEPS ? unit_days[steps[k].unit] * steps[k].n : INFINITY;
}

enum date_precision csvchart_time_step_precision(size_t k)
{
    static const enum date_precision names[] = {DATE_TIME, DATE_TIME,  DATE_TIME, DATE_DAY,
                                                DATE_DAY,  DATE_MONTH, DATE_YEAR};
    return k < NSTEPS ? names[steps[k].unit] : DATE_YEAR;
}

bool csvchart_time_step_seconds(size_t k)
{
    return k < NSTEPS && steps[k].unit == U_SECOND;
}

/* The clock label of a tick at t of a step of unit u (hours, minutes or seconds): "06:00",
 * "12:05", "12:00:06"; true when t is a midnight. */
static bool tick_clock(enum unit u, double t, char *buf, size_t n)
{
    double day = floor(t);
    double second = floor((t - day) * 86400 + 0.5);
    if (second >= 86400) {
        second = 0;
    }
    clock_text(second, u == U_SECOND, buf, n);
    return second == 0;
}

/* Month index (year * 12 + month - 1) <-> days of its first day. */
static double month_days(long mi)
{
    long y = mi >= 0 ? mi / 12 : -((-mi + 11) / 12);
    return (double)csvchart_date_days((int)y, (int)(mi - y * 12) + 1, 1);
}

static long ceil_multiple(long v, long n)
{
    long q = v >= 0 ? (v + n - 1) / n : -((-v) / n);
    return q * n;
}

/* label_tick() in a locale's manner. */
static void label_tick_in(const struct csvchart_locale *loc, enum unit u, double t, double prev,
                          char *buf, size_t n)
{
    int y, m, d, py = 0, pm = 0, pd = 0;
    double day = floor(t);
    csvchart_date_civil((int64_t)day, &y, &m, &d);
    bool first = isnan(prev);
    if (!first) {
        csvchart_date_civil((int64_t)floor(prev), &py, &pm, &pd);
    }
    bool new_year = first || py != y;
    switch (u) {
    case U_YEAR:
        snprintf(buf, n, "%d", y);
        return;
    case U_MONTH:
        csvchart_locale_date(loc, 0, m, new_year ? y : 0, true, buf, n);
        return;
    case U_DAY:
    case U_WEEK:
        csvchart_locale_date(loc, d, m, new_year ? y : 0, true, buf, n);
        return;
    case U_SECOND:
    case U_MINUTE:
    case U_HOUR: {
        char clock[16];
        bool midnight = tick_clock(u, t, clock, sizeof clock);
        bool new_day = first || pd != d || pm != m || py != y;
        char date[TIME_TICK_LABEL];
        csvchart_locale_date(loc, d, m, new_day && new_year ? y : 0, true, date, sizeof date);
        if (first && !midnight) {
            if (snprintf(buf, n, "%s, %s", date, clock) < 0) {
                buf[0] = '\0';
            }
        } else if (new_day) {
            snprintf(buf, n, "%s", date);
        } else {
            snprintf(buf, n, "%s", clock);
        }
        return;
    }
    }
}

/* Labels tick t of a step; prev is the previous tick (or NAN for the first). */
static void label_tick(const struct csvchart_locale *loc, enum unit u, double t, double prev,
                       char *buf, size_t n)
{
    if (loc) {
        label_tick_in(loc, u, t, prev, buf, n);
        csvchart_utf8_trim(buf);
        return;
    }
    int y, m, d, py = 0, pm = 0, pd = 0;
    double day = floor(t);
    csvchart_date_civil((int64_t)day, &y, &m, &d);
    bool first = isnan(prev);
    if (!first) {
        csvchart_date_civil((int64_t)floor(prev), &py, &pm, &pd);
    }
    bool new_year = first || py != y;
    switch (u) {
    case U_YEAR:
        snprintf(buf, n, "%d", y);
        return;
    case U_MONTH:
        if (new_year) {
            snprintf(buf, n, "%s %d", short_month[m - 1], y);
        } else {
            snprintf(buf, n, "%s", short_month[m - 1]);
        }
        return;
    case U_DAY:
    case U_WEEK:
        /* Always with the month: a bare "25" between "11 May" and "8 Jun" reads as a
         * number, not a day. */
        if (new_year) {
            snprintf(buf, n, "%d %s %d", d, short_month[m - 1], y);
        } else {
            snprintf(buf, n, "%d %s", d, short_month[m - 1]);
        }
        return;
    case U_SECOND:
    case U_MINUTE:
    case U_HOUR: {
        char clock[16];
        bool midnight = tick_clock(u, t, clock, sizeof clock);
        bool new_day = first || pd != d || pm != m || py != y;
        if (first && !midnight) {
            snprintf(buf, n, "%d %s %d, %s", d, short_month[m - 1], y, clock);
        } else if (new_day && new_year) {
            snprintf(buf, n, "%d %s %d", d, short_month[m - 1], y);
        } else if (new_day) {
            snprintf(buf, n, "%d %s", d, short_month[m - 1]);
        } else {
            snprintf(buf, n, "%s", clock);
        }
        return;
    }
    }
}

size_t csvchart_time_ticks(double t0, double t1, size_t k, struct time_tick *out, size_t max)
{
    return csvchart_time_ticks_in(NULL, t0, t1, k, out, max);
}

/* The ticks of step k in [t0, t1], counting at most max + 1: their times into times[0 .. max)
 * when times is not NULL, and their times and labels (in loc's manner) into ticks[0 .. max)
 * when ticks is not NULL. */
static size_t walk_ticks(const struct csvchart_locale *loc, double t0, double t1, size_t k,
                         size_t max, double *times, struct time_tick *ticks)
{
    if (k >= NSTEPS || !(t0 <= t1) || !isfinite(t0) || !isfinite(t1)) {
        return 0;
    }
    const double lo_day = (double)csvchart_date_days(1, 1, 1);
    const double hi_day = (double)csvchart_date_days(10000, 1, 1);
    t0 = fmax(t0, lo_day);
    t1 = fmin(t1, hi_day - 1e-9);
    enum unit u = steps[k].unit;
    long n = steps[k].n;
    size_t count = 0;
    double prev = NAN;
    const double eps = 1e-9;
    /* `i` walks the step's own index (hours, days, months or years) from the first multiple
     * at or after t0; at most max + 1 ticks are produced. */
    long i;
    switch (u) {
    case U_SECOND:
        i = ceil_multiple((long)ceil(t0 * 86400 - 1e-4), n);
        break;
    case U_MINUTE:
        i = ceil_multiple((long)ceil(t0 * 1440 - 1e-6), n);
        break;
    case U_HOUR:
        i = ceil_multiple((long)ceil(t0 * 24 - eps), n);
        break;
    case U_DAY:
        i = ceil_multiple((long)ceil(t0 - eps), n);
        break;
    case U_WEEK:
        i = ceil_multiple((long)ceil((t0 - MONDAY) / 7 - eps), n);
        break;
    case U_MONTH: {
        int y, m, d;
        csvchart_date_civil((int64_t)floor(t0), &y, &m, &d);
        i = (long)y * 12 + m - 1;
        if (month_days(i) < t0 - eps) {
            i++;
        }
        i = ceil_multiple(i, n);
        break;
    }
    case U_YEAR:
    default: {
        int y, m, d;
        csvchart_date_civil((int64_t)floor(t0), &y, &m, &d);
        i = y;
        if ((double)csvchart_date_days(y, 1, 1) < t0 - eps) {
            i++;
        }
        i = ceil_multiple(i, n);
        break;
    }
    }
    for (;; i += n) {
        double t;
        switch (u) {
        case U_SECOND:
            t = (double)i / 86400;
            break;
        case U_MINUTE:
            t = (double)i / 1440;
            break;
        case U_HOUR:
            t = (double)i / 24;
            break;
        case U_DAY:
            t = (double)i;
            break;
        case U_WEEK:
            t = MONDAY + 7.0 * (double)i;
            break;
        case U_MONTH:
            t = month_days(i);
            break;
        case U_YEAR:
        default:
            if (i < 1 || i > 9999) {
                return count;
            }
            t = (double)csvchart_date_days((int)i, 1, 1);
            break;
        }
        if (t > t1 + eps || count > max) {
            return count;
        }
        if (count < max && times) {
            times[count] = t;
        }
        if (count < max && ticks) {
            ticks[count].t = t;
            label_tick(loc, u, t, prev, ticks[count].label, sizeof ticks[count].label);
        }
        prev = t;
        count++;
    }
}

size_t csvchart_time_ticks_in(const struct csvchart_locale *loc, double t0, double t1, size_t k,
                              struct time_tick *out, size_t max)
{
    return walk_ticks(loc, t0, t1, k, max, NULL, out);
}

size_t csvchart_time_tick_times(double t0, double t1, size_t k, double *out, size_t max)
{
    return walk_ticks(NULL, t0, t1, k, max, out, NULL);
}

void csvchart_time_tick_label(size_t k, double t, double prev, char *buf, size_t n)
{
    csvchart_time_tick_label_in(NULL, k, t, prev, buf, n);
}

void csvchart_time_tick_label_in(const struct csvchart_locale *loc, size_t k, double t, double prev,
                                 char *buf, size_t n)
{
    label_tick(loc, k < NSTEPS ? steps[k].unit : U_YEAR, t, prev, buf, n);
}

bool csvchart_time_tick_has_clock(size_t k, double t, double prev)
{
    enum unit u = k < NSTEPS ? steps[k].unit : U_YEAR;
    if (u != U_HOUR && u != U_MINUTE && u != U_SECOND) {
        return false;
    }
    char clock[16];
    if (isnan(prev)) {
        return !tick_clock(u, t, clock,
                           sizeof clock); /* "25 Feb 2026, 10:00"; a midnight: the date */
    }
    return floor(t) == floor(prev); /* a new day is named by its date alone */
}

double csvchart_date_period_end(const struct date_value *d)
{
    switch (d->precision) {
    case DATE_YEAR:
        return (double)csvchart_date_days(d->year + 1, 1, 1);
    case DATE_MONTH:
        return d->month == 12 ? (double)csvchart_date_days(d->year + 1, 1, 1)
                              : (double)csvchart_date_days(d->year, d->month + 1, 1);
    case DATE_DAY:
        return (double)d->days + 1;
    case DATE_TIME:
    default:
        return csvchart_date_coord(d);
    }
}

void csvchart_date_format_in(const struct csvchart_locale *loc, const struct date_value *d,
                             bool long_names, char *buf, size_t n)
{
    if (!loc) {
        csvchart_date_format(d, long_names, buf, n);
        return;
    }
    switch (d->precision) {
    case DATE_YEAR:
        snprintf(buf, n, "%d", d->year);
        return;
    case DATE_MONTH:
        csvchart_locale_date(loc, 0, d->month, d->year, !long_names, buf, n);
        return;
    case DATE_DAY:
        csvchart_locale_date(loc, d->day, d->month, d->year, !long_names, buf, n);
        return;
    case DATE_TIME:
    default: {
        int y, m, day;
        csvchart_date_civil(d->days, &y, &m, &day);
        char date[96], times[40];
        csvchart_locale_date(loc, day, m, y, !long_names, date, sizeof date);
        clock_times(d, d, times, sizeof times);
        if (snprintf(buf, n, "%s, %s%s", date, times, zone(d, d)) < 0) {
            buf[0] = '\0';
        }
        csvchart_utf8_trim(buf);
        return;
    }
    }
}

void csvchart_date_format_omit(const struct csvchart_locale *loc, const struct date_value *d,
                               unsigned omit, char *buf, size_t n)
{
    if (d->precision < DATE_MONTH || !(omit & DATE_OMIT_YEAR)) {
        csvchart_date_format_in(loc, d, false, buf, n);
        return;
    }
    if (d->precision == DATE_MONTH) { /* the month alone: "Mar" after "Jan 2025" */
        if (loc) {
            csvchart_locale_date(loc, 0, d->month, 0, true, buf, n);
        } else {
            snprintf(buf, n, "%s", short_month[d->month >= 1 && d->month <= 12 ? d->month - 1 : 0]);
        }
        csvchart_utf8_trim(buf);
        return;
    }
    /* a time's day is its UTC day (offsets were converted when parsing), as its label says */
    int y, m, day;
    csvchart_date_civil(d->days, &y, &m, &day);
    char date[96] = "", times[40] = "";
    bool timed = d->precision == DATE_TIME;
    if (!(timed && (omit & DATE_OMIT_DAY))) {
        if (loc) {
            csvchart_locale_date(loc, day, m, 0, true, date, sizeof date);
        } else {
            snprintf(date, sizeof date, "%d %s", day, short_month[m >= 1 && m <= 12 ? m - 1 : 0]);
        }
    }
    if (timed) {
        clock_times(d, d, times, sizeof times);
    }
    const char *z = timed ? zone(d, d) : "";
    if (snprintf(buf, n, "%s%s%s%s", date, date[0] && times[0] ? ", " : "", times, z) < 0) {
        buf[0] = '\0';
    }
    csvchart_utf8_trim(buf);
}

static void span_in(const struct csvchart_locale *loc, const struct date_value *a,
                    const struct date_value *b, char *buf, size_t n);

void csvchart_date_format_span_in(const struct csvchart_locale *loc, const struct date_value *a,
                                  const struct date_value *b, char *buf, size_t n)
{
    if (!loc) {
        csvchart_date_format_span(a, b, buf, n);
        return;
    }
    span_in(loc, a, b, buf, n);
    csvchart_utf8_trim(buf);
}

static void span_in(const struct csvchart_locale *loc, const struct date_value *a,
                    const struct date_value *b, char *buf, size_t n)
{
    bool same_prec = a->precision == b->precision;
    if (same_prec && a->precision != DATE_TIME && a->days == b->days) {
        csvchart_date_format_in(loc, a, false, buf, n);
        return;
    }
    if (same_prec && a->precision == DATE_YEAR) {
        snprintf(buf, n, "%d\xe2\x80\x93%d", a->year, b->year);
        return;
    }
    if (same_day(a, b)) { /* the date once: "10 mars 2025, 12:05–12:44 UTC" */
        int y, m, day;
        csvchart_date_civil(a->days, &y, &m, &day);
        char date[96], times[40];
        csvchart_locale_date(loc, day, m, y, true, date, sizeof date);
        clock_times(a, b, times, sizeof times);
        if (snprintf(buf, n, "%s, %s%s", date, times, zone(a, b)) < 0) {
            buf[0] = '\0';
        }
        return;
    }
    /* Where the year comes last, one year for both: "janv.–avr. 2025", "3 janv. – 15 avr.
     * 2025"; elsewhere both dates whole. */
    bool year_last = loc->nparts == 3 && loc->parts[2] == DATE_PART_YEAR;
    char fa[96], fb[96];
    /* Days of one month where the day comes first, the month once: "3–7 mars 2025",
     * "3.–7. März 2025", as "3–7 Mar 2025" in English. */
    if (same_prec && year_last && loc->parts[0] == DATE_PART_DAY && a->precision == DATE_DAY &&
        a->year == b->year && a->month == b->month) {
        csvchart_locale_date(loc, a->day, 0, 0, true, fa, sizeof fa);
        csvchart_locale_date(loc, b->day, b->month, b->year, true, fb, sizeof fb);
        if (snprintf(buf, n, "%s\xe2\x80\x93%s", fa, fb) < 0) {
            buf[0] = '\0';
        }
        return;
    }
    if (same_prec && year_last && a->year == b->year &&
        (a->precision == DATE_MONTH || a->precision == DATE_DAY)) {
        int da = a->precision == DATE_DAY ? a->day : 0, db = a->precision == DATE_DAY ? b->day : 0;
        csvchart_locale_date(loc, da, a->month, 0, true, fa, sizeof fa);
        csvchart_locale_date(loc, db, b->month, b->year, true, fb, sizeof fb);
        if (snprintf(buf, n, da ? "%s \xe2\x80\x93 %s" : "%s\xe2\x80\x93%s", fa, fb) < 0) {
            buf[0] = '\0';
        }
        return;
    }
    csvchart_date_format_in(loc, a, false, fa, sizeof fa);
    csvchart_date_format_in(loc, b, false, fb, sizeof fb);
    if (snprintf(buf, n, "%s \xe2\x80\x93 %s", fa, fb) < 0) {
        buf[0] = '\0';
    }
}

void csvchart_date_format(const struct date_value *d, bool long_names, char *buf, size_t n)
{
    int mi = d->month >= 1 && d->month <= 12 ? d->month - 1 : 0;
    const char *mon = (long_names ? long_month : short_month)[mi];
    switch (d->precision) {
    case DATE_YEAR:
        snprintf(buf, n, "%d", d->year);
        return;
    case DATE_MONTH:
        snprintf(buf, n, "%s %d", mon, d->year);
        return;
    case DATE_DAY:
        snprintf(buf, n, "%d %s %d", d->day, mon, d->year);
        return;
    case DATE_TIME:
    default: {
        /* Offsets were converted to UTC when parsing, so the day may differ from the text. */
        int y, m, day;
        csvchart_date_civil(d->days, &y, &m, &day);
        int mj = m >= 1 && m <= 12 ? m - 1 : 0; /* always 1..12; says so to the compiler */
        char times[40];
        clock_times(d, d, times, sizeof times);
        snprintf(buf, n, "%d %s %d, %s%s", day, (long_names ? long_month : short_month)[mj], y,
                 times, zone(d, d));
        return;
    }
    }
}

static void span(const struct date_value *a, const struct date_value *b, char *buf, size_t n);

void csvchart_date_format_span(const struct date_value *a, const struct date_value *b, char *buf,
                               size_t n)
{
    span(a, b, buf, n);
    csvchart_utf8_trim(buf); /* the en dash is three bytes */
}

static void span(const struct date_value *a, const struct date_value *b, char *buf, size_t n)
{
    char fa[64], fb[64];
    bool same_prec = a->precision == b->precision;
    if (same_prec && a->precision != DATE_TIME && a->days == b->days) {
        csvchart_date_format(a, false, buf, n);
        return;
    }
    if (same_prec && a->precision == DATE_YEAR) {
        snprintf(buf, n, "%d\xe2\x80\x93%d", a->year, b->year);
        return;
    }
    if (same_day(a, b)) { /* the date once: "10 Mar 2025, 12:05–12:44 UTC" */
        int y, m, day;
        csvchart_date_civil(a->days, &y, &m, &day);
        char times[40];
        clock_times(a, b, times, sizeof times);
        snprintf(buf, n, "%d %s %d, %s%s", day, short_month[m >= 1 && m <= 12 ? m - 1 : 0], y,
                 times, zone(a, b));
        return;
    }
    if (same_prec && a->precision == DATE_MONTH && a->year == b->year) {
        snprintf(buf, n, "%s\xe2\x80\x93%s %d", short_month[a->month - 1],
                 short_month[b->month - 1], a->year);
        return;
    }
    if (same_prec && a->precision == DATE_DAY && a->year == b->year && a->month == b->month) {
        snprintf(buf, n, "%d\xe2\x80\x93%d %s %d", a->day, b->day, short_month[a->month - 1],
                 a->year);
        return;
    }
    if (same_prec && a->precision == DATE_DAY && a->year == b->year) {
        snprintf(buf, n, "%d %s \xe2\x80\x93 %d %s %d", a->day, short_month[a->month - 1], b->day,
                 short_month[b->month - 1], a->year);
        return;
    }
    csvchart_date_format(a, false, fa, sizeof fa);
    csvchart_date_format(b, false, fb, sizeof fb);
    snprintf(buf, n, "%s \xe2\x80\x93 %s", fa, fb);
}
