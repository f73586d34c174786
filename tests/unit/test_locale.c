/*
 * test_locale.c - other languages, both ways: glibc's locale data (locale_data.c), numbers and
 * dates read in another syntax (number.c, date.c), labels written in a locale (format.c,
 * timeline_axis.c), files in Latin-1 and UTF-16 (table_csv.c), markers (annotation.c), and
 * figures in different locales rendered at once in threads.
 *
 * Needs glibc's locale data for de_DE, fr_FR, pl_PL, nl_NL and sv_SE (Debian: locales-all);
 * without it the test is skipped (77).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "annotation.h"
#include "date.h"
#include "figure.h"
#include "fixtures.h"
#include "format.h"
#include "harness.h"
#include "locale_data.h"
#include "number.h"
#include "table.h"
#include "text.h"
#include "timeline_axis.h"

static struct csvchart_locale *load(const char *name)
{
    struct csvchart_locale *loc = NULL;
    csvchart_error err = {0};
    if (csvchart_locale_load(name, &loc, &err) != CSVCHART_OK) {
        HARNESS_REPORT(0, "%s: %s", name, err.message);
    }
    return loc;
}

/* ---- glibc's data -------------------------------------------------------------------------- */

static void test_names(void)
{
    static const struct {
        const char *name, *read;
    } ok[] = {{"de", "de_DE.UTF-8"},          {"de_DE", "de_DE.UTF-8"},
              {"de-DE", "de_DE.UTF-8"},       {"DE-de", "de_DE.UTF-8"},
              {"de_DE.UTF-8", "de_DE.UTF-8"}, {"de_DE.utf8", "de_DE.UTF-8"},
              {"pt_BR", "pt_BR.UTF-8"},       {"sv", "sv_SE.UTF-8"}, /* sv_SV: none; the alias */
              {"fr", "fr_FR.UTF-8"}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        struct csvchart_locale *loc = load(ok[i].name);
        if (loc) {
            CHECK_STR(loc->name, ok[i].read);
        }
        csvchart_locale_free(loc);
    }
    static const struct {
        const char *name, *msg;
    } bad[] = {
        {"", "locale: \"\" is not a locale name; expected a language, or a language and "
             "territory, e.g. de, de_DE, de-DE, pt_BR"},
        {"de/../x", "is not a locale name"},
        {"d", "is not a locale name"},
        {"de_DE.ISO-8859-1", "locale: \"de_DE.ISO-8859-1\" is not a UTF-8 locale; write the "
                             "name without a codeset (e.g. de_DE)"},
        {"xx", "locale: no locale data for \"xx\" (tried xx_XX.UTF-8)"},
        {"de_XX", "no locale data for \"de_XX\" (tried de_XX.UTF-8)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct csvchart_locale *loc = NULL;
        csvchart_error err = {0};
        CHECK_INT(csvchart_locale_load(bad[i].name, &loc, &err), CSVCHART_ERROR_VALUE);
        CHECK(loc == NULL);
        HARNESS_REPORT(strstr(err.message, bad[i].msg) != NULL, "%s: %s", bad[i].name, err.message);
    }
}

static void test_data(void)
{
    struct csvchart_locale *de = load("de"), *fr = load("fr"), *nl = load("nl"), *pl = load("pl"),
                           *us = load("en_US");
    if (!de || !fr || !nl || !pl || !us) {
        return;
    }
    CHECK_STR(de->decimal, ",");
    CHECK_STR(de->group, ".");
    CHECK_STR(de->currency, "\xe2\x82\xac");
    CHECK(!de->cs_precedes && de->cs_space); /* 5 € */
    CHECK_STR(fr->group, "\xe2\x80\xaf");    /* U+202F */
    CHECK(nl->cs_precedes && nl->cs_space);  /* € 5 */
    CHECK(us->cs_precedes && !us->cs_space); /* $5 */
    CHECK_STR(fr->mon[0], "janvier");
    CHECK_STR(fr->abmon[0], "janv.");
    CHECK_STR(pl->mon[0], "stycznia");          /* in a date */
    CHECK_STR(pl->altmon[0], "stycze\xc5\x84"); /* alone: styczeń */
    char buf[64];
    csvchart_locale_date(de, 15, 1, 2026, true, buf, sizeof buf);
    CHECK_STR(buf, "15. Jan 2026"); /* glibc's "%-d. %b": no dot after its "Jan" */
    csvchart_locale_date(de, 15, 1, 0, true, buf, sizeof buf);
    CHECK_STR(buf, "15. Jan");
    csvchart_locale_date(de, 0, 3, 2026, false, buf, sizeof buf);
    CHECK_STR(buf, "M\xc3\xa4rz 2026");
    csvchart_locale_date(fr, 15, 1, 2026, true, buf, sizeof buf);
    CHECK_STR(buf, "15 janv. 2026");
    csvchart_locale_date(fr, 0, 1, 2025, false, buf, sizeof buf);
    CHECK_STR(buf, "janvier 2025");
    csvchart_locale_date(pl, 15, 1, 2026, false, buf, sizeof buf);
    CHECK_STR(buf, "15 stycznia 2026");
    csvchart_locale_date(pl, 0, 1, 2026, false, buf, sizeof buf);
    CHECK_STR(buf, "stycze\xc5\x84 2026");
    csvchart_locale_date(us, 15, 1, 2026, true, buf, sizeof buf);
    CHECK_STR(buf, "Jan 15 2026"); /* month first, as its date format */
    size_t used = 0;
    CHECK_INT(csvchart_locale_month(fr, "janv. 2025", 10, &used), 1);
    CHECK_INT(used, 5);
    CHECK_INT(csvchart_locale_month(fr, "janv 2025", 9, &used), 1);
    CHECK_INT(used, 4);
    CHECK_INT(csvchart_locale_month(fr, "Mars", 4, &used), 3);
    CHECK_INT(csvchart_locale_month(de, "Jan.", 4, &used), 1);
    CHECK_INT(used, 4);
    CHECK_INT(csvchart_locale_month(de, "Janus", 5, &used), 0);
    csvchart_locale_free(de);
    csvchart_locale_free(fr);
    csvchart_locale_free(nl);
    csvchart_locale_free(pl);
    csvchart_locale_free(us);
}

/* ---- reading ------------------------------------------------------------------------------- */

static void test_numbers(void)
{
    static const struct number_syntax comma = {',', NULL}, point = {'.', NULL},
                                      zl = {',', "z\xc5\x82"};
    static const struct {
        const char *s;
        const struct number_syntax *syn;
        double v;
        const char *prefix;
        bool after;
    } ok[] = {
        {"1.234,5", &comma, 1234.5, "", false},
        {"1 234,5", &comma, 1234.5, "", false},
        {"1\xc2\xa0"
         "234,5",
         &comma, 1234.5, "", false},
        {"1\xe2\x80\xaf"
         "234\xe2\x80\xaf"
         "567",
         &comma, 1234567, "", false},
        {"0,5", &comma, 0.5, "", false},
        {"-0,25", &comma, -0.25, "", false},
        {"\xe2\x88\x92"
         "5",
         &comma, -5, "", false},                             /* U+2212 */
        {"5 \xe2\x82\xac", &comma, 5, "\xe2\x82\xac", true}, /* 5 € */
        {"5\xe2\x82\xac", &comma, 5, "\xe2\x82\xac", true},
        {"1.234,50\xc2\xa0\xe2\x82\xac", &comma, 1234.5, "\xe2\x82\xac", true},
        {"(5)", &comma, -5, "", false},
        {"(1.234,5 \xe2\x82\xac)", &comma, -1234.5, "\xe2\x82\xac", true},
        {"($1,234.50)", &point, -1234.5, "$", false},
        {"\xe2\x88\x92$5", &point, -5, "$", false},
        {"$\xe2\x88\x92"
         "5",
         &point, -5, "$", false},
        {"50 %", &comma, 50, "", false},
        {"12,50 z\xc5\x82", &zl, 12.5, "z\xc5\x82", true},
        {"1,5M \xe2\x82\xac", &comma, 1.5e6, "\xe2\x82\xac", true},
        {"1.250", &comma, 1250, "", false}, /* said to be a decimal comma: no ambiguity */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        double v = 0;
        struct number_unit u;
        bool got = csvchart_number_parse_as(ok[i].s, strlen(ok[i].s), ok[i].syn, &v, &u);
        HARNESS_REPORT(got && v == ok[i].v && strcmp(u.prefix, ok[i].prefix) == 0 &&
                           u.currency_after == ok[i].after && !u.comma_ambiguous,
                       "\"%s\": %s %g prefix \"%s\" after %d", ok[i].s, got ? "read" : "refused", v,
                       got ? u.prefix : "", got ? u.currency_after : 0);
    }
    static const struct {
        const char *s;
        const struct number_syntax *syn;
    } bad[] = {
        {"1.5", &comma},
        {"1,5", &point},
        {"1.23,4", &comma},
        {"0.123", &comma},
        {"(\xe2\x88\x92"
         "5)",
         &comma},
        {"(-5)", &point},
        {"(5+)", &comma},
        {"5 \xe2\x82\xac%", &comma},
        {"\xe2\x82\xac"
         "5 \xe2\x82\xac",
         &comma},
        {"1 23,4", &comma},
        {"5 zl", &zl},
        /* the default reading is what it was: none of these */
        {"(5)", NULL},
        {"5\xe2\x82\xac", NULL},
        {"\xe2\x88\x92"
         "5",
         NULL},
        {"50 %", NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = 123;
        bool got = csvchart_number_parse_as(bad[i].s, strlen(bad[i].s), bad[i].syn, &v, NULL);
        HARNESS_REPORT(!got && v == 123, "\"%s\" (decimal %c) read as %g", bad[i].s,
                       bad[i].syn ? bad[i].syn->decimal : '-', v);
    }
}

static void test_dates(void)
{
    struct csvchart_locale *fr = load("fr"), *de = load("de");
    const struct date_syntax dmy = {DATE_ORDER_DMY, '/', NULL}, mdy = {DATE_ORDER_MDY, '/', NULL},
                             ymd = {DATE_ORDER_YMD, '/', NULL}, dot = {DATE_ORDER_DMY, '.', NULL},
                             f = {DATE_ORDER_NONE, 0, fr}, g = {DATE_ORDER_DMY, '.', de};
    static const struct {
        const char *s;
        int which; /* dmy mdy ymd dot fr de */
        int y, m, d;
        enum date_precision prec;
    } ok[] = {
        {"15/01/2026", 0, 2026, 1, 15, DATE_DAY},
        {"5/1/2026", 0, 2026, 1, 5, DATE_DAY},
        {"01/2026", 0, 2026, 1, 1, DATE_MONTH},
        {"01/15/2026", 1, 2026, 1, 15, DATE_DAY},
        {"2026/01/15", 2, 2026, 1, 15, DATE_DAY},
        {"15.01.2026", 3, 2026, 1, 15, DATE_DAY},
        {"2026-01-15", 0, 2026, 1, 15, DATE_DAY},
        {"January 2025", 0, 2025, 1, 1, DATE_MONTH},
        {"janvier 2025", 4, 2025, 1, 1, DATE_MONTH},
        {"15 janvier 2026", 4, 2026, 1, 15, DATE_DAY},
        {"janv. 2025", 4, 2025, 1, 1, DATE_MONTH},
        {"1 mars 2026", 4, 2026, 3, 1, DATE_DAY},
        {"15. Januar 2026", 5, 2026, 1, 15, DATE_DAY},
        {"M\xc3\xa4rz 2026", 5, 2026, 3, 1, DATE_MONTH},
        {"15.01.2026", 5, 2026, 1, 15, DATE_DAY},
    };
    const struct date_syntax *syn[] = {&dmy, &mdy, &ymd, &dot, &f, &g};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        if ((ok[i].which >= 4 && (!fr || !de))) {
            continue;
        }
        struct date_value v = {0};
        bool got = csvchart_date_parse_as(ok[i].s, strlen(ok[i].s), syn[ok[i].which], &v);
        HARNESS_REPORT(got && v.year == ok[i].y && v.month == ok[i].m && v.day == ok[i].d &&
                           v.precision == ok[i].prec,
                       "\"%s\": %s %d-%d-%d", ok[i].s, got ? "read" : "refused", v.year, v.month,
                       v.day);
    }
    static const struct {
        const char *s;
        int which;
    } bad[] = {{"31/02/2026", 0}, {"13/13/2026", 0},   {"15/01/2026", 1},     {"15.01.2026", 0},
               {"15/01/26", 0},   {"janvier 2025", 0}, {"15 Januar 2026", 4}, {"32.01.2026", 3}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct date_value v;
        HARNESS_REPORT(!csvchart_date_parse_as(bad[i].s, strlen(bad[i].s), syn[bad[i].which], &v),
                       "\"%s\" read", bad[i].s);
    }
    struct date_value v;
    CHECK(!csvchart_date_parse("15/01/2026", 10, &v)); /* the default: as before */
    csvchart_locale_free(fr);
    csvchart_locale_free(de);
}

static void test_markers(void)
{
    struct csvchart_locale *fr = load("fr");
    const struct date_syntax f = {DATE_ORDER_DMY, '/', fr};
    struct dated_mark *m;
    size_t n;
    csvchart_error err = {0};
    CHECK_INT(csvchart_parse_dated("marker",
                                   "2026-01-15 Policy shift; Jan 15, 2026 Launch; 15 January 2026;"
                                   " 2025 \"2026 plan; B\"",
                                   NULL, &m, &n, &err),
              CSVCHART_OK);
    CHECK_INT(n, 4);
    if (n == 4) {
        CHECK_STR(m[0].label, "Policy shift");
        CHECK_INT(m[0].date.day, 15);
        CHECK_STR(m[1].label, "Launch");
        CHECK_INT(m[1].date.precision, DATE_DAY);
        CHECK_STR(m[2].label, "");
        CHECK_INT(m[3].date.precision, DATE_YEAR);
        CHECK_STR(m[3].label, "2026 plan; B");
    }
    csvchart_dated_free(m, n);
    CHECK_INT(csvchart_parse_dated("marker", "2026-01-15 A; soon B", NULL, &m, &n, &err),
              CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "marker: item 2 \"soon B\" does not start with a date; expected DATE "
                           "LABEL, e.g. 2026-01-15 Policy shift");
    if (fr) {
        CHECK_INT(
            csvchart_parse_dated("marker", "15/01/2026 Vote; 1 mars 2026 Loi", &f, &m, &n, NULL),
            CSVCHART_OK);
        CHECK_INT(n, 2);
        if (n == 2) {
            CHECK_INT(m[0].date.month, 1);
            CHECK_INT(m[1].date.month, 3);
            CHECK_STR(m[1].label, "Loi");
        }
        csvchart_dated_free(m, n);
    }
    csvchart_locale_free(fr);
}

/* ---- writing ------------------------------------------------------------------------------- */

static const char *fmt(const struct value_format *f, double v)
{
    static char buf[128];
    csvchart_format_value(f, v, buf, sizeof buf);
    return buf;
}

static void test_labels(void)
{
    struct csvchart_locale *de = load("de"), *fr = load("fr"), *nl = load("nl");
    if (!de || !fr || !nl) {
        return;
    }
    struct value_format f;
    csvchart_format_parse("auto", &f, NULL);
    struct number_unit u = {.decimals = 1};
    csvchart_format_set_unit(&f, &u);
    f.loc = de;
    CHECK_STR(fmt(&f, 1234.5), "1.234,5");
    CHECK_STR(fmt(&f, -1234567.5), "\xe2\x88\x92"
                                   "1.234.567,5");
    f.loc = fr;
    CHECK_STR(fmt(&f, 1234.5), "1\xe2\x80\xaf"
                               "234,5");
    struct number_unit eur = {.prefix = "\xe2\x82\xac", .decimals = 2};
    csvchart_format_set_unit(&f, &eur);
    f.loc = de;
    CHECK_STR(fmt(&f, 5), "5\xc2\xa0\xe2\x82\xac"); /* 5 € */
    CHECK_STR(fmt(&f, -0.5), "\xe2\x88\x92"
                             "0,50\xc2\xa0\xe2\x82\xac");
    f.loc = nl;
    CHECK_STR(fmt(&f, 5.5), "\xe2\x82\xac\xc2\xa0"
                            "5,50"); /* € 5,50 */
    f.loc = NULL;                    /* as before */
    CHECK_STR(fmt(&f, 5), "\xe2\x82\xac"
                          "5");
    eur.currency_after = eur.currency_space = true; /* the data wrote "5 €" */
    csvchart_format_set_unit(&f, &eur);
    CHECK_STR(fmt(&f, 5.5), "5.50\xc2\xa0\xe2\x82\xac");
    csvchart_format_parse("currency", &f, NULL);
    f.loc = de;
    CHECK_STR(fmt(&f, 12), "12\xc2\xa0\xe2\x82\xac"); /* the locale's sign */
    csvchart_format_parse("%'.2f", &f, NULL);
    f.loc = de;
    CHECK_STR(fmt(&f, 1234567.891), "1.234.567,89");
    char buf[64];
    bool words;
    csvchart_format_ratio_in(de, 5.24, buf, sizeof buf, &words);
    CHECK_STR(buf, "5,2");
    csvchart_format_change_in(de, 4.5, buf, sizeof buf);
    CHECK_STR(buf, "+4,5\xc2\xa0%"); /* German spaces the sign (a no-break space) */
    csvchart_format_change_in(fr, 4.5, buf, sizeof buf);
    CHECK_STR(buf, "+4,5\xe2\x80\xaf%"); /* French, a narrow one */
    csvchart_format_change_in(nl, 4.5, buf, sizeof buf);
    CHECK_STR(buf, "+4,5%"); /* Dutch, none */
    /* Millions and billions in the language's short forms (CLDR): "5,2 Md $", "830 Mio. $" */
    struct number_unit usd_b = {.prefix = "$", .multiplier = 'B', .decimals = 1};
    csvchart_format_parse("auto", &f, NULL);
    csvchart_format_set_unit(&f, &usd_b);
    f.loc = fr;
    CHECK_STR(fmt(&f, 5.2e9), "5,2\xc2\xa0Md\xc2\xa0$");
    f.loc = de;
    CHECK_STR(fmt(&f, 830e6), "830\xc2\xa0Mio.\xc2\xa0$");
    f.loc = nl;
    CHECK_STR(fmt(&f, 1.4e12), "$\xc2\xa0"
                               "1,4\xc2\xa0"
                               "bln.");
    f.loc = NULL; /* English letters, no space */
    CHECK_STR(fmt(&f, 5.2e9), "$5.2B");
    csvchart_format_tick(&f, 0.5, 0.5, buf, sizeof buf);
    csvchart_format_parse("auto", &f, NULL);
    f.loc = de;
    csvchart_format_tick(&f, 2.5, 0.5, buf, sizeof buf);
    CHECK_STR(buf, "2,5");
    csvchart_locale_free(de);
    csvchart_locale_free(fr);
    csvchart_locale_free(nl);
}

static void test_dates_written(void)
{
    struct csvchart_locale *de = load("de"), *fr = load("fr");
    if (!de || !fr) {
        return;
    }
    struct date_value d, e;
    csvchart_date_parse("2026-01-15", 10, &d);
    csvchart_date_parse("2026-03-02", 10, &e);
    char buf[96];
    csvchart_date_format_in(de, &d, false, buf, sizeof buf);
    CHECK_STR(buf, "15. Jan 2026");
    csvchart_date_format_in(fr, &d, false, buf, sizeof buf);
    CHECK_STR(buf, "15 janv. 2026");
    csvchart_date_format_in(NULL, &d, false, buf, sizeof buf);
    CHECK_STR(buf, "15 Jan 2026");
    csvchart_date_format_span_in(fr, &d, &e, buf, sizeof buf);
    CHECK_STR(buf, "15 janv. \xe2\x80\x93 2 mars 2026");
    csvchart_date_parse("2025-01", 7, &d);
    csvchart_date_parse("2025-04", 7, &e);
    csvchart_date_format_span_in(fr, &d, &e, buf, sizeof buf);
    CHECK_STR(buf, "janv.\xe2\x80\x93"
                   "avril 2025"); /* glibc's ab_alt_mon: "avril" alone */
    csvchart_date_format_in(fr, &d, true, buf, sizeof buf);
    CHECK_STR(buf, "janvier 2025");
    /* Days of one month: the month once, as in English ("3–7 Mar 2025"); times of one day:
     * the date once (a cluster's heading showed its first time alone; found by a review). */
    csvchart_date_parse("2025-03-03", 10, &d);
    csvchart_date_parse("2025-03-07", 10, &e);
    csvchart_date_format_span_in(fr, &d, &e, buf, sizeof buf);
    CHECK_STR(buf, "3\xe2\x80\x93"
                   "7 mars 2025");
    csvchart_date_format_span_in(de, &d, &e, buf, sizeof buf);
    CHECK_STR(buf, "3.\xe2\x80\x93"
                   "7. M\xc3\xa4r 2025");
    csvchart_date_parse("2025-03-10T12:05:00Z", 20, &d);
    csvchart_date_parse("2025-03-10T12:44:30Z", 20, &e);
    csvchart_date_format_span_in(fr, &d, &e, buf, sizeof buf);
    CHECK_STR(buf, "10 mars 2025, 12:05\xe2\x80\x93"
                   "12:44 UTC");
    csvchart_date_format_span_in(de, &d, &d, buf, sizeof buf);
    CHECK_STR(buf, "10. M\xc3\xa4r 2025, 12:05 UTC");
    /* An event's date without its year (all dates in one year), in the locale's order. */
    csvchart_date_parse("2025-03-07", 10, &e);
    csvchart_date_format_omit(fr, &e, DATE_OMIT_YEAR, buf, sizeof buf);
    CHECK_STR(buf, "7 mars");
    csvchart_date_format_omit(de, &e, DATE_OMIT_YEAR, buf, sizeof buf);
    CHECK_STR(buf, "7. M\xc3\xa4r");
    csvchart_date_parse("2025-03-10T12:44:30Z", 20, &e);
    csvchart_date_format_omit(fr, &e, DATE_OMIT_YEAR, buf, sizeof buf);
    CHECK_STR(buf, "10 mars, 12:44 UTC");
    /* Month ticks: the year at the first and at each change of year, names standing alone. */
    struct time_tick t[8];
    size_t month = 0;
    while (csvchart_time_step_days(month) < 28) {
        month++;
    }
    double a = (double)csvchart_date_days(2025, 11, 1), b = (double)csvchart_date_days(2026, 2, 1);
    size_t n = csvchart_time_ticks_in(de, a, b, month, t, 8);
    CHECK_INT(n, 4);
    if (n == 4) {
        CHECK_STR(t[0].label, "Nov 2025");
        CHECK_STR(t[1].label, "Dez");
        CHECK_STR(t[2].label, "Jan 2026");
        CHECK_STR(t[3].label, "Feb");
    }
    csvchart_locale_free(de);
    csvchart_locale_free(fr);
}

/* ---- encodings ----------------------------------------------------------------------------- */

/* Reads `in` in pieces of `chunk` bytes (0: whole); returns the table's dump or the error. */
static void read_as(const char *in, size_t len, enum text_encoding enc, size_t chunk, char *out,
                    size_t size)
{
    struct table_options o = {.encoding = enc};
    csvchart_table_reader *r;
    csvchart_table *t = NULL;
    csvchart_error err = {0};
    csvchart_table_reader_new("t.csv", &o, &r, &err);
    for (size_t at = 0; at < len && !err.status;) {
        size_t n = chunk && len - at > chunk ? chunk : len - at;
        csvchart_table_reader_feed(r, in + at, n, &err);
        at += n;
    }
    if (!err.status) {
        csvchart_table_reader_finish(r, &t, &err);
    }
    csvchart_table_reader_free(r);
    if (!t) {
        snprintf(out, size, "%s", csvchart_error_text(&err));
        return;
    }
    size_t used = (size_t)snprintf(out, size, "enc=%d bom=%d", (int)t->encoding, t->had_bom);
    for (size_t i = 0; i < t->nrows && used < size; i++) {
        for (size_t j = 0; j < t->ncols && used < size; j++) {
            const struct table_cell *c = csvchart_table_cell(t, i, j);
            used += (size_t)snprintf(out + used, size - used, " [%s]%zu:%u",
                                     csvchart_table_text(t, c), c->line, (unsigned)c->col);
        }
    }
    csvchart_table_free(t);
}

static void test_encodings(void)
{
    static const struct {
        const char *in;
        size_t len;
        enum text_encoding enc;
        const char *want;
    } cases[] = {
#define IN(s) s, sizeof(s) - 1
        /* Latin-1 / Windows-1252: é, € (0x80), „ (0x84) */
        {IN("a,b\ncaf\xe9,\x80"
            "5\n"),
         ENCODING_LATIN1,
         "enc=1 bom=0 [caf\xc3\xa9]2:1 [\xe2\x82\xac"
         "5]2:7"},
        {IN("a,b\ncaf\xe9,\x84x\n"), ENCODING_AUTO,
         "enc=1 bom=0 [caf\xc3\xa9]2:1 [\xe2\x80\x9ex]2:7"},
        {IN("a,b\ncaf\xc3\xa9,x\n"), ENCODING_AUTO, "enc=0 bom=0 [caf\xc3\xa9]2:1 [x]2:7"},
        {IN("\xef\xbb\xbf"
            "a\n1\n"),
         ENCODING_AUTO, "enc=0 bom=1 [1]2:1"},
        {IN("a\nx\x81\n"), ENCODING_LATIN1,
         "t.csv:2:2: byte 0x81 is not a character in Windows-1252 (Latin-1); the file is in "
         "another encoding"},
        {IN("\xef\xbb\xbf"
            "a\n1\n"),
         ENCODING_LATIN1,
         "t.csv:1:1: file starts with a UTF-8 byte order mark, but encoding = latin1; set "
         "encoding = utf-8 (or auto)"},
        /* UTF-16 with its byte order mark, both byte orders */
        {IN("\xff\xfe"
            "a\0,\0b\0\n\0"
            "1\0,\0\xe9\0\n\0"),
         ENCODING_UTF16, "enc=2 bom=1 [1]2:1 [\xc3\xa9]2:3"},
        {IN("\xfe\xff\0a\0,\0b\0\n\0"
            "1\0,\0"
            "2\0\n"),
         ENCODING_AUTO, "enc=2 bom=1 [1]2:1 [2]2:3"},
        {IN("\xff\xfe"
            "a\0\n\0"
            "=\xd8\0\xde\n\0"),
         ENCODING_UTF16, "enc=2 bom=1 [\xf0\x9f\x98\x80]2:1"}, /* a surrogate pair: U+1F600 */
        {IN("\xff\xfe"
            "a\0\n\0"
            "=\xd8"
            "x\0\n\0"),
         ENCODING_UTF16,
         "t.csv:2:1: invalid UTF-16 (an unpaired surrogate); the file is not UTF-16 throughout"},
        {IN("\xff\xfe"
            "a\0\n\0"
            "1"),
         ENCODING_UTF16, "t.csv:2:1: file ends inside a UTF-16 character; the file is cut short"},
        {IN("a\n1\n"), ENCODING_UTF16,
         "t.csv:1:1: file does not start with a UTF-16 byte order mark (FF FE or FE FF); "
         "expected one with encoding = utf-16 (for a UTF-8 file, set encoding = utf-8)"},
        /* read as UTF-8 (the default), refused with how */
        {IN("\xff\xfe"
            "a\0\n\0"
            "1\0\n\0"),
         ENCODING_UTF8,
         "t.csv:1:1: file is UTF-16 (it starts with a byte order mark FF FE); convert it to "
         "UTF-8 or set encoding = utf-16"},
        {IN("a\ncaf\xe9\n"), ENCODING_UTF8,
         "t.csv:2:4: invalid UTF-8 byte 0xe9 (starts a 3-byte sequence that is cut short); if "
         "the file is Latin-1 or Windows-1252, set encoding = latin1"},
#undef IN
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char want[512], got[512];
        snprintf(want, sizeof want, "%s", cases[k].want);
        read_as(cases[k].in, cases[k].len, cases[k].enc, 0, got, sizeof got);
        HARNESS_REPORT(strcmp(got, want) == 0, "case %zu: got \"%s\", expected \"%s\"", k, got,
                       want);
        for (size_t chunk = 1; chunk < cases[k].len; chunk++) { /* cut anywhere: the same */
            read_as(cases[k].in, cases[k].len, cases[k].enc, chunk, got, sizeof got);
            if (strcmp(got, want) != 0) {
                HARNESS_REPORT(0, "case %zu at chunk %zu: got \"%s\"", k, chunk, got);
                break;
            }
        }
    }
}

/* ---- figures in threads -------------------------------------------------------------------- */

struct job {
    const char *locale, *csv;
    char *scene;
};

static void *render_one(void *arg)
{
    struct job *j = arg;
    const char *opts[] = {"locale", j->locale, "decimal", ",", NULL};
    csvchart_error err = {0};
    csvchart_figure *fig = fixture_figure("bar", j->csv, opts, &err);
    void *data = NULL;
    size_t len = 0;
    j->scene = NULL;
    if (fig && csvchart_figure_render(fig, CSVCHART_FORMAT_SCENE, &data, &len, &err) == 0) {
        j->scene = data;
        j->scene[len - 1] = '\0';
    }
    csvchart_figure_free(fig);
    return NULL;
}

static void test_threads(void)
{
    const char *csv = "k;v\nA;\"1.234,5 \xe2\x82\xac\"\nB;\"(12,25 \xe2\x82\xac)\"\n";
    struct job solo[2] = {{"de", csv, NULL}, {"fr", csv, NULL}};
    render_one(&solo[0]);
    render_one(&solo[1]);
    CHECK(solo[0].scene && strstr(solo[0].scene, "\"1.234,50\xc2\xa0\xe2\x82\xac\""));
    CHECK(solo[1].scene && strstr(solo[1].scene, "\"1\xe2\x80\xaf"
                                                 "234,50\xc2\xa0\xe2\x82\xac\""));
    struct job many[8];
    pthread_t th[8];
    for (int i = 0; i < 8; i++) {
        many[i] = solo[i % 2];
        pthread_create(&th[i], NULL, render_one, &many[i]);
    }
    for (int i = 0; i < 8; i++) {
        pthread_join(th[i], NULL);
        CHECK(many[i].scene && solo[i % 2].scene && strcmp(many[i].scene, solo[i % 2].scene) == 0);
        free(many[i].scene);
    }
    free(solo[0].scene);
    free(solo[1].scene);
}

int main(void)
{
    struct csvchart_locale *probe = NULL;
    csvchart_error err = {0};
    RUN(test_numbers);
    RUN(test_encodings);
    if (csvchart_locale_load("de_DE", &probe, &err) != CSVCHART_OK) {
        printf("no glibc locale data for de_DE (Debian: locales-all): the rest is skipped\n");
        return harness_done() ? 1 : 77;
    }
    csvchart_locale_free(probe);
    RUN(test_names);
    RUN(test_data);
    RUN(test_dates);
    RUN(test_markers);
    RUN(test_labels);
    RUN(test_dates_written);
    RUN(test_threads);
    return harness_done();
}
