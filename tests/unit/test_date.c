/*
 * test_date.c - csvchart_date_parse() and the calendar helpers: every accepted shape with its
 * value, impossible and malformed dates rejected, offsets converted to UTC, and the day-number
 * conversions checked against each other over a long range.
 */
#include <string.h>

#include "date.h"
#include "harness.h"

struct good {
    const char *in;
    int year, month, day;
    enum date_precision prec;
    double second;
};

static const struct good goods[] = {
    {"2025", 2025, 1, 1, DATE_YEAR, 0},
    {"0001", 1, 1, 1, DATE_YEAR, 0},
    {"9999", 9999, 1, 1, DATE_YEAR, 0},
    {"2025-01", 2025, 1, 1, DATE_MONTH, 0},
    {"2025-12", 2025, 12, 1, DATE_MONTH, 0},
    {"2025-01-15", 2025, 1, 15, DATE_DAY, 0},
    {"2025-1-5", 2025, 1, 5, DATE_DAY, 0},
    {"2024-02-29", 2024, 2, 29, DATE_DAY, 0},
    {"2000-02-29", 2000, 2, 29, DATE_DAY, 0},
    {" 2025-01-15 ", 2025, 1, 15, DATE_DAY, 0},
    {"2025-01-15T10:00", 2025, 1, 15, DATE_TIME, 36000},
    {"2025-01-15 10:00", 2025, 1, 15, DATE_TIME, 36000},
    {"2025-01-15T10:00:30", 2025, 1, 15, DATE_TIME, 36030},
    {"2025-01-15T10:00:30.5", 2025, 1, 15, DATE_TIME, 36030.5},
    {"2025-01-15T10:00:00Z", 2025, 1, 15, DATE_TIME, 36000},
    {"2025-01-15T10:00:00+02:00", 2025, 1, 15, DATE_TIME, 28800},
    {"2025-01-15T10:00:00-05:30", 2025, 1, 15, DATE_TIME, 55800},
    {"2025-01-15T10:00-0500", 2025, 1, 15, DATE_TIME, 54000},
    {"2025-01-15T10:00+02", 2025, 1, 15, DATE_TIME, 28800},
    {"2025-01-15T01:00:00+02:00", 2025, 1, 14, DATE_TIME, 82800}, /* the day before in UTC */
    {"2025-12-31T23:30:00-01:00", 2026, 1, 1, DATE_TIME, 1800},   /* the next year in UTC */
    {"2025-01-15T00:00:00Z", 2025, 1, 15, DATE_TIME, 0},
    {"January 2025", 2025, 1, 1, DATE_MONTH, 0},
    {"Jan 2025", 2025, 1, 1, DATE_MONTH, 0},
    {"jan 2025", 2025, 1, 1, DATE_MONTH, 0},
    {"DECEMBER 2025", 2025, 12, 1, DATE_MONTH, 0},
    {"Sept 2025", 2025, 9, 1, DATE_MONTH, 0},
    {"Sep 2025", 2025, 9, 1, DATE_MONTH, 0},
    {"September 2025", 2025, 9, 1, DATE_MONTH, 0},
    {"15 January 2026", 2026, 1, 15, DATE_DAY, 0},
    {"15 Jan 2026", 2026, 1, 15, DATE_DAY, 0},
    {"5 feb 2026", 2026, 2, 5, DATE_DAY, 0},
    {"Jan 15, 2026", 2026, 1, 15, DATE_DAY, 0},
    {"Jan 15,2026", 2026, 1, 15, DATE_DAY, 0},
    {"January 15 2026", 2026, 1, 15, DATE_DAY, 0},
    {"Jan. 15, 2026", 2026, 1, 15, DATE_DAY, 0},
    {"Sept 30, 2025", 2025, 9, 30, DATE_DAY, 0},
    {"May 31 2025", 2025, 5, 31, DATE_DAY, 0},
    {"29 Feb 2024", 2024, 2, 29, DATE_DAY, 0},
    {"Mar  3   2025", 2025, 3, 3, DATE_DAY, 0},
};

static const char *const bads[] = {
    "",
    "  ",
    "0000",
    "0000-00-00",
    "2025-13",
    "2025-00",
    "2025-02-30",
    "2025-02-29",
    "1900-02-29",
    "2025-04-31",
    "2025-01-32",
    "2025-01-00",
    "10000",
    "202",
    "20250",
    "2025-",
    "2025-01-",
    "2025/01/15",
    "2025-001-01",
    "2025-01-15T",
    "2025-01-15T25:00",
    "2025-01-15T10:60",
    "2025-01-15T10:00:60",
    "2025-01-15T10",
    "2025-01-15T10:0",
    "2025-01-15T10:00:00.",
    "2025-01-15T10:00:00+2",
    "2025-01-15T10:00:00+24:00",
    "2025-01-15T10:00:00+02:",
    "2025-01-15T10:00:00ZZ",
    "2025-01T10:00",
    "2025T10:00",
    "9999-12-31T23:00:00-02:00",
    "0001-01-01T00:00:00+01:00",
    "January",
    "Janu 2025",
    "Janu 15, 2026",
    "Ja 2025",
    "Jan 25",
    "Jan 202",
    "Jan 32, 2025",
    "Feb 29, 2025",
    "30 February 2024",
    "15 Jan",
    "15 Jan 2026 extra",
    "Jan 15, 2026,",
    "Jan15 2026",
    "15January 2026",
    "Sept. 31 2025",
    "Septe 2025",
    "abc",
    "2025-01-15 10:00 UTC",
    "Jan 15 , 2026",
    "1 2 3",
    "2025.5",
};

static void test_good(void)
{
    for (size_t i = 0; i < sizeof goods / sizeof goods[0]; i++) {
        const struct good *g = &goods[i];
        struct date_value d;
        memset(&d, 0, sizeof d);
        bool ok = csvchart_date_parse(g->in, strlen(g->in), &d);
        if (!ok) {
            fprintf(stderr, "rejected: \"%s\"\n", g->in);
        }
        CHECK(ok);
        if (!ok) {
            continue;
        }
        CHECK_INT(d.year, g->year);
        CHECK_INT(d.month, g->month);
        CHECK_INT(d.day, g->day);
        CHECK_INT(d.precision, g->prec);
        CHECK_DBL(d.second, g->second, 1e-9);
        CHECK_INT(d.days, csvchart_date_days(g->year, g->month, g->day));
    }
}

static void test_bad(void)
{
    for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        struct date_value d, before;
        memset(&d, 0x55, sizeof d);
        before = d;
        bool ok = csvchart_date_parse(bads[i], strlen(bads[i]), &d);
        if (ok) {
            fprintf(stderr, "accepted: \"%s\"\n", bads[i]);
        }
        CHECK(!ok);
        CHECK(memcmp(&d, &before, sizeof d) == 0);
    }
}

static void test_days(void)
{
    CHECK_INT(csvchart_date_days(1970, 1, 1), 0);
    CHECK_INT(csvchart_date_days(1970, 1, 2), 1);
    CHECK_INT(csvchart_date_days(1969, 12, 31), -1);
    CHECK_INT(csvchart_date_days(2000, 3, 1), 11017);
    CHECK_INT(csvchart_date_days(2025, 1, 15), 20103);
    CHECK_INT(csvchart_date_days(1, 1, 1), -719162);
    CHECK_INT(csvchart_date_days(9999, 12, 31), 2932896);

    CHECK_INT(csvchart_date_month_days(2024, 2), 29);
    CHECK_INT(csvchart_date_month_days(2025, 2), 28);
    CHECK_INT(csvchart_date_month_days(1900, 2), 28);
    /* Review 5: why "2024-02-30" is not a date, said plainly. */
    char why[64];
    CHECK(csvchart_date_past_month_end("2024-02-30", 10, NULL, why, sizeof why));
    CHECK_STR(why, "February 2024 has 29 days");
    CHECK(csvchart_date_past_month_end(" 2025-04-31T10:00Z", 18, NULL, why, sizeof why));
    CHECK_STR(why, "April 2025 has 30 days");
    CHECK(!csvchart_date_past_month_end("2024-02-29", 10, NULL, why, sizeof why)); /* a date */
    CHECK(
        !csvchart_date_past_month_end("2024-13-01", 10, NULL, why, sizeof why)); /* no such month */
    CHECK(!csvchart_date_past_month_end("2024-02-32", 10, NULL, why, sizeof why)); /* no such day */
    CHECK(!csvchart_date_past_month_end("2024-02-30x", 11, NULL, why, sizeof why));
    CHECK(csvchart_date_past_month_end("30 February 2024", 16, NULL, why, sizeof why));
    CHECK_STR(why, "February 2024 has 29 days");
    CHECK(csvchart_date_past_month_end("Feb 30, 2023", 12, NULL, why, sizeof why));
    CHECK_STR(why, "February 2023 has 28 days");
    struct date_syntax dmy = {.order = DATE_ORDER_DMY, .sep = '/'};
    CHECK(csvchart_date_past_month_end("31/04/2025", 10, &dmy, why, sizeof why));
    CHECK_STR(why, "April 2025 has 30 days");
    struct date_value strict; /* leniency stays with that function: parsing is as strict */
    CHECK(!csvchart_date_parse("30 February 2024", 16, &strict));
    CHECK_INT(csvchart_date_month_days(2000, 2), 29);
    CHECK_INT(csvchart_date_month_days(2025, 4), 30);
    CHECK_INT(csvchart_date_month_days(2025, 12), 31);

    /* Every day from year 1 to 9999 round-trips and follows the day before. */
    int64_t prev = csvchart_date_days(1, 1, 1) - 1;
    bool ok = true;
    for (int y = 1; y <= 9999 && ok; y++) {
        for (int m = 1; m <= 12 && ok; m++) {
            for (int d = 1; d <= csvchart_date_month_days(y, m) && ok; d++) {
                int64_t n = csvchart_date_days(y, m, d);
                int yy, mm, dd;
                csvchart_date_civil(n, &yy, &mm, &dd);
                if (n != prev + 1 || yy != y || mm != m || dd != d) {
                    fprintf(stderr, "day numbers break at %04d-%02d-%02d\n", y, m, d);
                    ok = false;
                }
                prev = n;
            }
        }
    }
    CHECK(ok);
}

static void test_coord(void)
{
    struct date_value d;
    CHECK(csvchart_date_parse("1970-01-02T12:00:00Z", 20, &d));
    CHECK_DBL(csvchart_date_coord(&d), 1.5, 1e-12);
    CHECK(csvchart_date_parse("2025", 4, &d));
    CHECK_DBL(csvchart_date_coord(&d), 20089, 0);
    /* The length is honoured. */
    CHECK(csvchart_date_parse("2025-01-15", 7, &d));
    CHECK_INT(d.precision, DATE_MONTH);
}

int main(void)
{
    RUN(test_good);
    RUN(test_bad);
    RUN(test_days);
    RUN(test_coord);
    return harness_done();
}
