/*
 * test_timeline_data.c - binding a table to a timeline (default columns, precision kept, a
 * column of bare years, stable order of same-day events, spans, groups, skipped rows, errors
 * with their positions) and the time axis helpers (tick steps and labels that do not repeat
 * the year, date and span text).
 */
#include <math.h>
#include <stdlib.h>

#include "fixtures.h"
#include "harness.h"
#include "timeline_axis.h"
#include "timeline_data.h"

static struct timeline_data data;

/* Binds `csv` with NAME, VALUE option pairs (NULL-terminated) into `data`. */
static csvchart_status bind(const char *csv, const char *const *opts, struct csvchart_warnings *w,
                            csvchart_error *err)
{
    csvchart_table *t = NULL;
    csvchart_status st = csvchart_table_read("t.csv", csv, strlen(csv), NULL, &t, err);
    if (st) {
        return st;
    }
    struct option_values vals;
    struct spec s;
    fixture_spec(opts, KIND_TIMELINE, &vals, &s, err);
    st = csvchart_timeline_bind(t, &s, &data, w, err);
    csvchart_spec_fini(&s);
    csvchart_option_values_fini(&vals);
    csvchart_table_free(t);
    return st;
}

static void test_article(void)
{
    csvchart_error err = {0};
    struct csvchart_warnings w = {0};
    const char *csv = "date,label,detail\n"
                      "April 2026,Expected V4 Launch,\"1T parameters, multimodal\"\n"
                      "January 2025,DeepSeek R1 Release,857x\n"
                      "15 January 2026,US Export Policy Shift,\n";
    CHECK_INT(bind(csv, NULL, &w, &err), CSVCHART_OK);
    CHECK_INT(data.nevents, 3);
    if (data.nevents == 3) {
        CHECK_STR(data.events[0].label, "DeepSeek R1 Release"); /* sorted */
        CHECK_INT(data.events[0].start.precision, DATE_MONTH);
        CHECK_STR(data.events[0].detail, "857x"); /* the default detail column */
        CHECK(data.events[1].detail == NULL);     /* empty: none */
        CHECK_INT(data.events[1].start.precision, DATE_DAY);
        CHECK_STR(data.events[2].detail, "1T parameters, multimodal");
        /* a month covers the month and sits in its middle */
        double jan = (double)csvchart_date_days(2025, 1, 1);
        CHECK_DBL(data.events[0].t0, jan, 0);
        CHECK_DBL(data.events[0].t1, jan + 31, 0);
        CHECK_DBL(data.events[0].at, jan + 15.5, 0);
        CHECK_DBL(data.events[1].at, (double)csvchart_date_days(2026, 1, 15) + 0.5, 0);
        CHECK_INT(data.events[0].line, 3);
        CHECK_INT(data.ngroups, 0);
    }
    CHECK_INT(w.len, 0);
    csvchart_timeline_fini(&data);
    csvchart_warnings_fini(&w);
}

static void test_years_and_same_day(void)
{
    csvchart_error err = {0};
    struct csvchart_warnings w = {0};
    /* a column of bare years is typed NUMBER by the table; it still reads as years */
    CHECK_INT(bind("date,label\n2024,B\n2023,A\n", NULL, &w, &err), CSVCHART_OK);
    CHECK_INT(data.nevents, 2);
    if (data.nevents == 2) {
        CHECK_STR(data.events[0].label, "A");
        CHECK_INT(data.events[0].start.precision, DATE_YEAR);
    }
    csvchart_timeline_fini(&data);
    CHECK_INT(bind("when,what\n2026-02-25,first\n2026-02-25,second\n2026-01-01,zero\n"
                   "2026-02-25,third\n",
                   (const char *const[]){"date", "when", "label", "what", NULL}, &w, &err),
              CSVCHART_OK);
    CHECK_INT(data.nevents, 4);
    if (data.nevents == 4) {
        CHECK_STR(data.events[0].label, "zero");
        CHECK_STR(data.events[1].label, "first"); /* same day: file order */
        CHECK_STR(data.events[2].label, "second");
        CHECK_STR(data.events[3].label, "third");
    }
    csvchart_timeline_fini(&data);
    csvchart_warnings_fini(&w);
}

static void test_spans_groups_skips(void)
{
    csvchart_error err = {0};
    struct csvchart_warnings w = {0};
    const char *csv = "date,end,label,kind\n"
                      "2023,2024,Open wave,Open\n"
                      "2025-01-15,2025-01-15,One day,Policy\n"
                      ",,No date,Open\n"
                      "2025-03,,Point,\n";
    CHECK_INT(bind(csv, (const char *const[]){"end", "end", "group", "kind", NULL}, &w, &err),
              CSVCHART_OK);
    CHECK_INT(data.nevents, 3);
    CHECK_INT(data.ngroups, 3);
    if (data.nevents == 3 && data.ngroups == 3) {
        CHECK(data.events[0].has_end);
        CHECK_DBL(data.events[0].t1, (double)csvchart_date_days(2025, 1, 1), 0); /* end of 2024 */
        CHECK_DBL(data.events[0].at, data.events[0].t0, 0); /* a span sits at its start */
        CHECK(data.events[1].has_end);
        CHECK_DBL(data.events[1].t1 - data.events[1].t0, 1, 0); /* a one-day span */
        CHECK(!data.events[2].has_end);
        CHECK_STR(data.groups[0], "Open");
        CHECK_STR(data.groups[1], "Policy");
        CHECK_STR(data.groups[2], "Other"); /* an empty group cell */
        CHECK_INT(data.events[2].group, 2);
    }
    CHECK_INT(w.len, 1);
    if (w.len == 1) {
        CHECK_STR(w.items[0], "t.csv:4: row skipped: no date");
    }
    csvchart_timeline_fini(&data);
    csvchart_warnings_fini(&w);
}

static void test_errors(void)
{
    static const struct {
        const char *csv;
        const char *opts[5];
        size_t line, col;
        const char *msg;
    } cases[] = {
        {"date,label\nJan 2025,A\nQ1 2025,B\n",
         {NULL},
         3,
         1,
         "\"Q1 2025\" is not a date (column \"date\"); expected 2025, 2025-01, 2025-01-15, "
         "2025-01-15T10:00:00Z (or +02:00), January 2025, Jan 2025, 15 January 2026 or Jan 15, "
         "2026"},
        {"date,label\n2025-02-30,A\n",
         {NULL},
         2,
         1,
         "\"2025-02-30\" is not a date (column \"date\"): February 2025 has 28 days"},
        {"date,end,label\n2025,2024,Reign\n",
         {"end", "end", NULL},
         2,
         6,
         "\"Reign\" ends before it starts: end 2024 is before date 2025; swap the two dates"},
        {"date,label\n2025, \n",
         {NULL},
         2,
         6,
         "empty label (column \"label\"); every event needs one"},
        {"date,label\n", {NULL}, 0, 0, "header only"},
        {"day,label\n2025,A\n",
         {NULL},
         0,
         0,
         "no column named \"date\" (date); the columns are \"day\", \"label\""},
        {"date,label\n,A\n", {NULL}, 0, 0, "no events left to draw: every row lacks a date"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        csvchart_error err = {0};
        struct csvchart_warnings w = {0};
        csvchart_status st = bind(cases[i].csv, cases[i].opts, &w, &err);
        HARNESS_REPORT(st == CSVCHART_ERROR_DATA, "case %zu: status %d", i, (int)st);
        if (strcmp(cases[i].msg, "header only") != 0) { /* the reader's own message */
            CHECK_STR(err.message, cases[i].msg);
            CHECK_INT(err.line, cases[i].line);
            CHECK_INT(err.column, cases[i].col);
        }
        CHECK(data.events == NULL && data.nevents == 0);
        csvchart_warnings_fini(&w);
    }
}

static void test_end_equal_precision(void)
{
    /* "2025-03" to "2025": the year runs past March, so this is not backwards */
    csvchart_error err = {0};
    CHECK_INT(bind("date,end,label\n2025-03,2025,A\n", (const char *const[]){"end", "end", NULL},
                   NULL, &err),
              CSVCHART_OK);
    csvchart_timeline_fini(&data);
}

/* ---- the axis ---------------------------------------------------------------------------- */

static size_t step_of(const char *unit_days_desc, double days)
{
    (void)unit_days_desc;
    for (size_t k = 0; k < csvchart_time_step_count(); k++) {
        if (fabs(csvchart_time_step_days(k) - days) < 0.001 * days) {
            return k;
        }
    }
    return (size_t)-1;
}

static void test_ticks(void)
{
    struct time_tick t[64];
    double a = (double)csvchart_date_days(2025, 1, 1), b = (double)csvchart_date_days(2026, 4, 30);
    size_t quarter = step_of("3 months", 3 * 30.436875);
    size_t n = csvchart_time_ticks(a, b, quarter, t, 64);
    static const char *const want[] = {"Jan 2025", "Apr", "Jul", "Oct", "Jan 2026", "Apr"};
    CHECK_INT(n, 6);
    for (size_t i = 0; i < n && i < 6; i++) {
        CHECK_STR(t[i].label, want[i]);
    }
    /* a first tick that is not January still names its year */
    n = csvchart_time_ticks(a + 40, b, quarter, t, 64);
    CHECK_INT(n, 5);
    if (n) {
        CHECK_STR(t[0].label, "Apr 2025");
    }
    /* days across a year end */
    size_t day = step_of("day", 1);
    double d0 = (double)csvchart_date_days(2025, 12, 30);
    n = csvchart_time_ticks(d0, d0 + 3, day, t, 64);
    static const char *const days[] = {"30 Dec 2025", "31 Dec", "1 Jan 2026", "2 Jan"};
    CHECK_INT(n, 4);
    for (size_t i = 0; i < n && i < 4; i++) {
        CHECK_STR(t[i].label, days[i]);
    }
    /* hours */
    size_t six = step_of("6 hours", 0.25);
    n = csvchart_time_ticks(d0 + 0.2, d0 + 1.01, six, t, 64);
    static const char *const hours[] = {"30 Dec 2025, 06:00", "12:00", "18:00", "31 Dec"};
    CHECK_INT(n, 4);
    for (size_t i = 0; i < n && i < 4; i++) {
        CHECK_STR(t[i].label, hours[i]);
    }
    /* minutes and seconds (review 11: ten events 6 s apart all read "12:00") */
    size_t ten_min = step_of("10 minutes", 10.0 / 1440);
    n = csvchart_time_ticks(d0 + 0.49, d0 + 0.52, ten_min, t, 64);
    static const char *const mins[] = {"30 Dec 2025, 11:50", "12:00", "12:10", "12:20"};
    CHECK_INT(n, 4);
    for (size_t i = 0; i < n && i < 4; i++) {
        CHECK_STR(t[i].label, mins[i]);
    }
    size_t fifteen_s = step_of("15 seconds", 15.0 / 86400);
    CHECK(csvchart_time_step_seconds(fifteen_s) && !csvchart_time_step_seconds(ten_min));
    n = csvchart_time_ticks(d0 + 0.5 - 1e-7, d0 + 0.5 + 40.0 / 86400, fifteen_s, t, 64);
    static const char *const secs[] = {"30 Dec 2025, 12:00:00", "12:00:15", "12:00:30"};
    CHECK_INT(n, 3);
    for (size_t i = 0; i < n && i < 3; i++) {
        CHECK_STR(t[i].label, secs[i]);
    }
    /* centuries over 500 years, and a bounded count however fine the step */
    size_t century = step_of("100 years", 36524.25);
    n = csvchart_time_ticks((double)csvchart_date_days(1525, 1, 1),
                            (double)csvchart_date_days(2025, 6, 1), century, t, 64);
    CHECK_INT(n, 5);
    if (n) {
        CHECK_STR(t[0].label, "1600");
    }
    CHECK_INT(csvchart_time_ticks(0, 1e6, 0, t, 64), 65);
}

/* Date-times with seconds that are not whole minutes: every date-time of the figure shows its
 * seconds, or none does. */
static void test_seconds(void)
{
    csvchart_error err = {0};
    CHECK_INT(bind("date,label\n2026-03-01T12:00:00,A\n2026-03-01T12:00:06,B\n"
                   "2026-03-01,C\n",
                   NULL, NULL, &err),
              CSVCHART_OK);
    CHECK(data.seconds);
    char buf[64];
    for (size_t i = 0; i < data.nevents; i++) {
        csvchart_date_format(&data.events[i].start, false, buf, sizeof buf);
        const char *want = strcmp(data.events[i].label, "A") == 0   ? "1 Mar 2026, 12:00:00"
                           : strcmp(data.events[i].label, "B") == 0 ? "1 Mar 2026, 12:00:06"
                                                                    : "1 Mar 2026";
        CHECK_STR(buf, want);
    }
    csvchart_timeline_fini(&data);
    CHECK_INT(bind("date,label\n2026-03-01T12:00:00,A\n2026-03-01T12:05:00,B\n", NULL, NULL, &err),
              CSVCHART_OK);
    CHECK(!data.seconds);
    csvchart_date_format(&data.events[1].start, false, buf, sizeof buf);
    CHECK_STR(buf, "1 Mar 2026, 12:05");
    csvchart_timeline_fini(&data);
}

/* The times alone (what the timeline and trend layouts walk): the same ticks, counted the
 * same way, as the labelled ones, for every step over spans from hours to centuries. */
static void test_tick_times(void)
{
    struct time_tick t[16];
    double times[16];
    static const double spans[][2] = {{0.3, 2.9},          {0, 40},   {-400, 300},
                                      {19000, 19500},      {0, 3650}, {-200000, 20000},
                                      {20089.25, 20089.75}};
    size_t compared = 0;
    for (size_t s = 0; s < sizeof spans / sizeof spans[0]; s++) {
        for (size_t k = 0; k < csvchart_time_step_count(); k++) {
            size_t n = csvchart_time_ticks(spans[s][0], spans[s][1], k, t, 16);
            size_t m = csvchart_time_tick_times(spans[s][0], spans[s][1], k, times, 16);
            CHECK_INT(m, n);
            for (size_t i = 0; i < n && i < 16; i++) {
                CHECK_DBL(times[i], t[i].t, 0);
                compared++;
            }
        }
    }
    CHECK(compared > 200);
    CHECK_INT(csvchart_time_tick_times(0, 1e6, 0, times, 16), 17);
}

static void test_date_text(void)
{
    struct date_value a, b;
    char buf[96];
    static const struct {
        const char *a, *b, *want;
    } spans[] = {
        {"2020", "2024",
         "2020\xe2\x80\x93"
         "2024"},
        {"2025-01", "2025-04",
         "Jan\xe2\x80\x93"
         "Apr 2025"},
        {"2025-01-03", "2025-01-15",
         "3\xe2\x80\x93"
         "15 Jan 2025"},
        {"2024-03", "2025-02", "Mar 2024 \xe2\x80\x93 Feb 2025"},
        {"2020-05", "2020-05", "May 2020"},
        {"2025", "2025-06-01", "2025 \xe2\x80\x93 1 Jun 2025"},
        {"2025-04-29", "2025-05-03", "29 Apr \xe2\x80\x93 3 May 2025"},
        {"2025-03-03", "2025-03-07",
         "3\xe2\x80\x93"
         "7 Mar 2025"},
        /* times of one day: the date once (a cluster's heading showed its first time alone;
         * found by a review); of one minute, once; of two days, both whole */
        {"2025-03-10T12:05:00Z", "2025-03-10T12:44:00Z",
         "10 Mar 2025, 12:05\xe2\x80\x93"
         "12:44 UTC"},
        {"2025-03-10T12:05:00Z", "2025-03-10T12:05:40Z", "10 Mar 2025, 12:05 UTC"},
        {"2025-03-10T23:00:00+02:00", "2025-03-10T23:30:00Z",
         "10 Mar 2025, 21:00\xe2\x80\x93"
         "23:30 UTC"},
        {"2025-03-10T12:00:00Z", "2025-03-12T09:00:00Z",
         "10 Mar 2025, 12:00 UTC \xe2\x80\x93 12 Mar 2025, 09:00 UTC"},
        /* a time written without an offset states no zone, and its label adds none (review
         * 8: "07:41 UTC" for a polling station's local time) */
        {"2024-11-04T07:41", "2024-11-04T10:47",
         "4 Nov 2024, 07:41\xe2\x80\x93"
         "10:47"},
        {"2024-11-04 23:38", "2024-11-05T02:25",
         "4 Nov 2024, 23:38 \xe2\x80\x93 5 Nov 2024, 02:25"},
    };
    for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
        csvchart_date_parse(spans[i].a, strlen(spans[i].a), &a);
        csvchart_date_parse(spans[i].b, strlen(spans[i].b), &b);
        csvchart_date_format_span(&a, &b, buf, sizeof buf);
        CHECK_STR(buf, spans[i].want);
    }
    csvchart_date_parse("15 January 2026", 15, &a);
    csvchart_date_format(&a, true, buf, sizeof buf);
    CHECK_STR(buf, "15 January 2026");
    csvchart_date_format(&a, false, buf, sizeof buf);
    CHECK_STR(buf, "15 Jan 2026");
    csvchart_date_parse("2026-02-25T13:00:00+01:00", 25, &a);
    csvchart_date_format(&a, false, buf, sizeof buf);
    CHECK_STR(buf, "25 Feb 2026, 12:00 UTC");
    csvchart_date_parse("2026-02-25T13:00", 16, &a);
    csvchart_date_format(&a, false, buf, sizeof buf);
    CHECK_STR(buf, "25 Feb 2026, 13:00");
    CHECK_DBL(csvchart_date_period_end(&a), csvchart_date_coord(&a), 0);
}

/* A date without what its figure states once (csvchart_date_format_omit()). */
static void test_date_omit(void)
{
    enum { Y = DATE_OMIT_YEAR, D = DATE_OMIT_DAY };
    static const struct {
        const char *d;
        unsigned omit;
        const char *want;
    } cases[] = {
        {"2025-01-27", 0, "27 Jan 2025"},
        {"2025-01-27", Y, "27 Jan"},
        {"2025-01-27", Y | D, "27 Jan"}, /* a day has no time to stand alone */
        {"25 February 2026", Y, "25 Feb"},
        {"February 2026", Y, "Feb"}, /* a month alone: in a figure of one year */
        {"February 2026", 0, "Feb 2026"},
        {"2026", Y, "2026"},
        {"2025-01-20T15:30Z", 0, "20 Jan 2025, 15:30 UTC"},
        {"2025-01-20T15:30Z", Y, "20 Jan, 15:30 UTC"},
        {"2025-01-20T15:30Z", Y | D, "15:30 UTC"}, /* the zone stays: shown in UTC */
        {"2025-01-20T15:30+05:30", Y | D, "10:00 UTC"},
        {"2025-01-20T15:30", Y | D, "15:30"},          /* no zone given, none said */
        {"2025-01-20T15:30", D, "20 Jan 2025, 15:30"}, /* the day only with its year */
        /* the UTC day: 23:30 at -02:00 is 01:30 on the next day */
        {"2025-12-30T23:30-02:00", Y, "31 Dec, 01:30 UTC"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct date_value d;
        char buf[96];
        CHECK(csvchart_date_parse(cases[i].d, strlen(cases[i].d), &d));
        csvchart_date_format_omit(NULL, &d, cases[i].omit, buf, sizeof buf);
        HARNESS_REPORT(strcmp(buf, cases[i].want) == 0, "%s omitting %u: \"%s\", want \"%s\"",
                       cases[i].d, cases[i].omit, buf, cases[i].want);
    }
}

int main(void)
{
    RUN(test_article);
    RUN(test_years_and_same_day);
    RUN(test_spans_groups_skips);
    RUN(test_errors);
    RUN(test_end_equal_precision);
    RUN(test_ticks);
    RUN(test_tick_times);
    RUN(test_seconds);
    RUN(test_date_text);
    RUN(test_date_omit);
    return harness_done();
}
