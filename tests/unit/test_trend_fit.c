/*
 * test_trend_fit.c - the rate of a trend (trend_fit.c): the least-squares fit on the logarithm
 * against exact exponential data (the rate comes back to rounding) and against noisy data with
 * a known rate (it comes back within the fit's own standard error, which is small), and the
 * words: "falls 10x per year", "halves every 7 months", "doubles every 3.4 months", durations,
 * templates, and templates that contradict the data.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "trend_fit.h"

#define YEAR 365.25
#define MONTH 30.4375
#define NBSP "\xc2\xa0"

/* Monthly points from 2023-01-01 (day 19358) for `months` months, following v0 * f^(t / per)
 * exactly, where t is days from the first. */
static size_t exact(double *t, double *v, size_t months, double v0, double f, double per)
{
    for (size_t i = 0; i < months; i++) {
        t[i] = 19358 + (double)i * MONTH;
        v[i] = v0 * pow(f, (t[i] - t[0]) / per);
    }
    return months;
}

static void rate_text(const double *t, const double *v, size_t n, const char *tmpl, char *buf,
                      size_t size)
{
    struct trend_fit f;
    struct trend_rate r;
    csvchart_error err = {0};
    buf[0] = '\0';
    if (!csvchart_trend_fit(t, v, n, &f)) {
        return;
    }
    csvchart_trend_rate(&f, t[n - 1] - t[0], &r);
    csvchart_trend_text(&r, tmpl, "s", buf, size, &err);
}

static void test_exact(void)
{
    double t[64], v[64];
    char buf[128];
    /* ten times cheaper every year, for three years */
    size_t n = exact(t, v, 37, 60, 0.1, YEAR);
    struct trend_fit f;
    CHECK(csvchart_trend_fit(t, v, n, &f));
    CHECK_INT(f.n, 37);
    CHECK_DBL(f.slope, -1 / YEAR, 1e-15);
    CHECK_DBL(f.r2, 1, 1e-12);
    CHECK(f.se_slope < 1e-12 * fabs(f.slope));
    CHECK_DBL(csvchart_trend_fit_at(&f, t[0]), 60, 1e-9);
    CHECK_DBL(csvchart_trend_fit_at(&f, t[n - 1]), 0.06, 1e-12);
    struct trend_rate r;
    csvchart_trend_rate(&f, t[n - 1] - t[0], &r);
    CHECK_INT(r.direction, -1);
    CHECK_STR(r.period, "year");
    CHECK_DBL(r.factor, 10, 1e-9);
    CHECK_DBL(r.double_days, YEAR * log10(2), 1e-9);
    rate_text(t, v, n, "auto", buf, sizeof buf);
    CHECK_STR(buf, "falls 10x per year");

    /* halving every 7 months */
    n = exact(t, v, 30, 30, 0.5, 7 * MONTH);
    rate_text(t, v, n, "auto", buf, sizeof buf);
    CHECK_STR(buf, "halves every 7" NBSP "months");
    /* doubling every 3.4 months (11.5x a year: said as a multiple) */
    n = exact(t, v, 24, 1, 2, 3.4 * MONTH);
    rate_text(t, v, n, "doubles every {doubling}", buf, sizeof buf);
    CHECK_STR(buf, "doubles every 3.4" NBSP "months");
    rate_text(t, v, n, "auto", buf, sizeof buf);
    CHECK_STR(buf, "rises 12x per year");
    /* doubling every 8 months: 2.8x a year, said as a doubling time */
    n = exact(t, v, 24, 1, 2, 8 * MONTH);
    rate_text(t, v, n, "auto", buf, sizeof buf);
    CHECK_STR(buf, "doubles every 8" NBSP "months");
    /* a thousandfold fall a year: the multiple per year */
    n = exact(t, v, 25, 100, 1e-3, YEAR);
    rate_text(t, v, n, "auto", buf, sizeof buf);
    CHECK_STR(buf, "falls 1,000x per year");

    /* uneven dates, the points of a real price list (days), exactly 4x a year */
    static const double days[] = {19417, 19521, 19667, 19747, 19856, 19922, 20192};
    double w[7];
    for (size_t i = 0; i < 7; i++) {
        w[i] = 30 * pow(0.25, (days[i] - days[0]) / YEAR);
    }
    CHECK(csvchart_trend_fit(days, w, 7, &f));
    CHECK_DBL(f.slope, log10(0.25) / YEAR, 1e-15);
    csvchart_trend_rate(&f, days[6] - days[0], &r);
    CHECK_DBL(r.factor, 4, 1e-9);
    CHECK_DBL(r.double_days, YEAR / 2, 1e-9);
    rate_text(days, w, 7, "auto", buf, sizeof buf);
    CHECK_STR(buf, "halves every 6" NBSP "months");

    /* a doubling time past the data's span is what the data never showed ("doubles every 77
     * years" from 24 years, a review found): the change a year instead */
    n = exact(t, v, 25, 100, 1.009, YEAR);
    rate_text(t, v, n, "auto", buf, sizeof buf);
    CHECK_STR(buf, "+0.9% a year");
    n = exact(t, v, 25, 100, 1 / 1.031, YEAR);
    rate_text(t, v, n, "auto", buf, sizeof buf);
    CHECK_STR(buf, "\xe2\x88\x92"
                   "3% a year");
    rate_text(t, v, n, "{change} a {period}", buf, sizeof buf);
    CHECK_STR(buf, "\xe2\x88\x92"
                   "3% a year");
}

/* xorshift64* and Box-Muller: the same noise everywhere. */
static uint64_t seed = 0x9E3779B97F4A7C15ull;
static double uniform(void)
{
    seed ^= seed >> 12;
    seed ^= seed << 25;
    seed ^= seed >> 27;
    return ((double)((seed * 0x2545F4914F6CDD1DULL) >> 11) + 0.5) / 9007199254740992.0;
}

static double gauss(void)
{
    return sqrt(-2 * log(uniform())) * cos(6.283185307179586 * uniform());
}

static void test_noisy(void)
{
    /* 200 prices over four years at random dates, halving every 210 days, each off its trend
     * by a factor e^N(0, 0.25) (about 25%): the fitted halving time comes back within three
     * standard errors of 210 days, and the standard error is small. Five such series. */
    for (int s = 0; s < 5; s++) {
        double t[200], v[200];
        double b = -log10(2) / 210; /* log10 per day */
        for (size_t i = 0; i < 200; i++) {
            t[i] = 19000 + uniform() * 4 * YEAR;
            v[i] = 50 * pow(10, b * (t[i] - 19000)) * exp(0.25 * gauss());
        }
        struct trend_fit f;
        CHECK(csvchart_trend_fit(t, v, 200, &f));
        HARNESS_REPORT(fabs(f.slope - b) <= 3 * f.se_slope,
                       "series %d: slope %.6g is %.1f standard errors from %.6g", s, f.slope,
                       fabs(f.slope - b) / f.se_slope, b);
        CHECK(f.se_slope < 0.03 * fabs(b));
        CHECK(f.r2 > 0.9);
        struct trend_rate r;
        csvchart_trend_rate(&f, 4 * YEAR, &r);
        CHECK_INT(r.direction, -1);
        HARNESS_REPORT(fabs(r.double_days - 210) < 210 * 0.06,
                       "series %d: halving time %.1f days, expected about 210", s, r.double_days);
    }
    /* Noise on a flat series: no trend a reader could see is stated as one. */
    double t[100], v[100];
    for (size_t i = 0; i < 100; i++) {
        t[i] = 19000 + (double)i * 7;
        v[i] = 5 * (1 + 0.0001 * (i % 2 ? 1 : -1));
    }
    char buf[64];
    rate_text(t, v, 100, "auto", buf, sizeof buf);
    CHECK_STR(buf, "flat");
}

static void test_degenerate(void)
{
    double t[3] = {19000, 19000, 19000}, v[3] = {1, 2, 3};
    struct trend_fit f = {.n = 99};
    CHECK(!csvchart_trend_fit(t, v, 3, &f)); /* one instant: no line */
    CHECK(!csvchart_trend_fit(t, v, 1, &f));
    CHECK_INT(f.n, 99); /* untouched */
    double t2[2] = {19000, 19365.25}, v2[2] = {8, 8};
    CHECK(csvchart_trend_fit(t2, v2, 2, &f));
    CHECK_DBL(f.slope, 0, 0);
    CHECK_DBL(f.r2, 1, 0);
    struct trend_rate r;
    csvchart_trend_rate(&f, 365.25, &r);
    CHECK_INT(r.direction, 0);
    CHECK(isinf(r.double_days));
    char buf[64];
    csvchart_error err = {0};
    CHECK_INT(csvchart_trend_text(&r, "auto", "s", buf, sizeof buf, &err), CSVCHART_OK);
    CHECK_STR(buf, "flat");
    CHECK_INT(csvchart_trend_text(&r, "halves every {halving}", "Flat one", buf, sizeof buf, &err),
              CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "trend_label: {halving} does not fit \"Flat one\", which is flat; use "
                           "{factor}, or trend_label = auto");
}

static void test_periods(void)
{
    /* The period is the longest the data spans: a rate is never stated per a longer time. */
    static const struct {
        double span;
        const char *period;
    } cases[] = {{800, "year"}, {365.25, "year"}, {365, "month"}, {40, "month"}, {30, "week"},
                 {7, "week"},   {6.9, "day"},     {1, "day"},     {0.5, "hour"}, {0, "hour"}};
    struct trend_fit f = {.slope = -0.001};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct trend_rate r;
        csvchart_trend_rate(&f, cases[i].span, &r);
        HARNESS_REPORT(strcmp(r.period, cases[i].period) == 0, "span %g: period %s, expected %s",
                       cases[i].span, r.period, cases[i].period);
    }
}

static void test_durations(void)
{
    static const struct {
        double days;
        const char *text;
    } cases[] = {
        {7 * MONTH, "7" NBSP "months"},
        {3.4 * MONTH, "3.4" NBSP "months"},
        {18 * MONTH, "18" NBSP "months"},
        {2.5 * YEAR, "2.5" NBSP "years"},
        {12.26 * YEAR, "12" NBSP "years"},
        {1234 * YEAR, "1200" NBSP "years"},
        {MONTH * 2, "2" NBSP "months"},
        {MONTH * 1.9, "8.3" NBSP "weeks"},
        {10, "10" NBSP "days"},
        {14, "2" NBSP "weeks"},
        {1.5, "36" NBSP "hours"},
        {2, "2" NBSP "days"},
        {0.05, "72" NBSP "minutes"},
        {1.0 / 1440, "minute"},
        {6.02 * MONTH, "6" NBSP "months"},
        {23.9 * MONTH, "24" NBSP "months"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        csvchart_trend_duration(cases[i].days, buf, sizeof buf);
        HARNESS_REPORT(strcmp(buf, cases[i].text) == 0, "%g days: \"%s\", expected \"%s\"",
                       cases[i].days, buf, cases[i].text);
    }
    char small[6];
    csvchart_trend_duration(7 * MONTH, small, sizeof small);
    CHECK_STR(small, "7" NBSP "mo"); /* cut, NUL-terminated */
}

static void test_templates(void)
{
    double t[64], v[64];
    char buf[160];
    size_t n = exact(t, v, 37, 60, 0.1, YEAR);
    rate_text(t, v, n, "{factor}x cheaper every {period}", buf, sizeof buf);
    CHECK_STR(buf, "10x cheaper every year");
    rate_text(t, v, n, "price halves every {halving} ({factor}x a {period})", buf, sizeof buf);
    CHECK_STR(buf, "price halves every 3.6" NBSP "months (10x a year)");
    rate_text(t, v, n, "{unknown} stays {factor", buf, sizeof buf);
    CHECK_STR(buf, "{unknown} stays {factor");
    /* A factor in words takes "times" for the template's x. */
    n = exact(t, v, 25, 1e9, 1e-7, YEAR);
    rate_text(t, v, n, "auto", buf, sizeof buf);
    CHECK_STR(buf, "falls 10 million times per year");
    /* Templates that say what the data does not. */
    struct trend_fit f;
    struct trend_rate r;
    n = exact(t, v, 24, 1, 2, 3.4 * MONTH);
    csvchart_trend_fit(t, v, n, &f);
    csvchart_trend_rate(&f, t[n - 1] - t[0], &r);
    csvchart_error err = {0};
    CHECK_INT(csvchart_trend_text(&r, "halves every {halving}", "Compute", buf, sizeof buf, &err),
              CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "trend_label: {halving} does not fit \"Compute\", which rises; use "
                           "{doubling}, or trend_label = auto");
    n = exact(t, v, 24, 1, 0.5, 3.4 * MONTH);
    csvchart_trend_fit(t, v, n, &f);
    csvchart_trend_rate(&f, t[n - 1] - t[0], &r);
    err = (csvchart_error){0};
    CHECK_INT(csvchart_trend_text(&r, "{doubling}", "Price", buf, sizeof buf, &err),
              CSVCHART_ERROR_VALUE);
    CHECK_STR(err.message, "trend_label: {doubling} does not fit \"Price\", which falls; use "
                           "{halving}, or trend_label = auto");
    /* A short buffer is cut and terminated. */
    char tiny[8];
    CHECK_INT(csvchart_trend_text(&r, "auto", "Price", tiny, sizeof tiny, NULL), CSVCHART_OK);
    CHECK_STR(tiny, "falls 1");
}

int main(void)
{
    RUN(test_exact);
    RUN(test_noisy);
    RUN(test_degenerate);
    RUN(test_periods);
    RUN(test_durations);
    RUN(test_templates);
    return harness_done();
}
