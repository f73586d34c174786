/*
 * trend_fit.h - the rate of change of a dated series, and how a reader is told it
 * (trend_fit.c).
 *
 * The method. Costs over time fall (or compute grows) by a roughly constant factor per unit
 * of time, so the model is exponential, v(t) = A * 10^(b t), which is a straight line in
 * log10(v): log10 v = a + b t. The fit is ordinary least squares of log10 v on t (days since
 * 1970-01-01, each date at the middle of the period it names), computed on centred values
 * (t - mean t), the means in a first pass, so that dates near 20,000 days lose no digits:
 *
 *     b = sum((t - tm)(y - ym)) / sum((t - tm)^2),  a = ym - b tm,  y = log10 v
 *
 * Least squares on the logarithm weighs every point by its relative error (a 10% miss
 * counts alike at $30 and at $0.10), which is what a log axis shows; it needs every value
 * > 0. The rate follows from b alone:
 *
 *     factor per period P (days)   10^(|b| P)            "falls 10x per year"
 *     halving or doubling time     log10(2) / |b| days   "halves every 7 months"
 *
 * With exact exponential data the fit recovers b to rounding; with noisy data its standard
 * error se(b) = sqrt(sum(residual^2) / (n - 2) / sum((t - tm)^2)) says how far it may be off
 * (tests/unit/test_trend_fit.c checks both).
 */
#ifndef CSVCHART_TREND_FIT_H
#define CSVCHART_TREND_FIT_H

#include <stdbool.h>
#include <stddef.h>

#include "csvchart.h"

struct csvchart_locale; /* locale_data.h */

struct trend_fit {
    size_t n;         /* points fitted */
    double slope;     /* b: log10 of the value per day */
    double intercept; /* a: log10 of the value at t = 0 */
    double t_mean;    /* tm, days */
    double se_slope;  /* the standard error of b (0 with two points) */
    double r2;        /* the share of the variance of log10 v the line explains (1 when flat) */
};

/*
 * Fits the line through (t[i], log10 v[i]) for the n points; every v[i] must be > 0 and
 * finite, every t[i] finite. False (and *out untouched) with fewer than two points or when
 * all the t are equal.
 */
bool csvchart_trend_fit(const double *t, const double *v, size_t n, struct trend_fit *out);

/* The fitted value at t: 10^(a + b t). */
double csvchart_trend_fit_at(const struct trend_fit *f, double t);

/* The rate as a reader takes it. */
struct trend_rate {
    int direction;      /* -1 falls, +1 rises, 0 flat (no change a reader would see) */
    double factor;      /* the multiple per period, >= 1 */
    const char *period; /* "year", "month", "week", "day" or "hour": the longest the data span */
    double period_days;
    double double_days; /* the time for a factor of two, days (INFINITY when b = 0) */
    double span_days;   /* the time the data spans */
};

/*
 * The rate of a fit over data spanning `span_days`: the period is the longest of a year, a
 * month (30.4375 days), a week, a day and an hour that the span holds (an hour when it holds
 * none), so a rate is never stated per a longer time than the data covers. Flat when the fitted
 * line changes by less than 1% over the span.
 */
void csvchart_trend_rate(const struct trend_fit *f, double span_days, struct trend_rate *out);

/*
 * A duration as a reader says it: two significant figures in the largest unit that keeps
 * the number at least 2 ("7 months", "3.4 months", "2.5 years", "18 months", "10 days",
 * "5 hours"; a no-break space between number and unit, so a wrapped label keeps them
 * together), the unit alone for one ("month": "halves every month"). Years from two years,
 * months from two months, weeks from two weeks, days from two days, hours from two hours,
 * minutes below. Buffer rules as snprintf; returns the length written.
 */
size_t csvchart_trend_duration(double days, char *buf, size_t n);
/* The same in a locale's words (words.h: "7\u00a0Monate", "Monat"; loc NULL or a language
 * without them: as above); with `every`, as the time between two halvings ("alle 7\u00a0Monate",
 * "jeden Monat", "tous les 7\u00a0mois"; English: as without). */
size_t csvchart_trend_duration_in(const struct csvchart_locale *loc, double days, bool every,
                                  char *buf, size_t n);

/*
 * The rate's text. `tmpl` "auto" picks the words: "falls {factor}x per {period}" when the
 * factor is 10 or more, else "halves every {halving}"; rising, "rises {factor}x per {period}"
 * or "doubles every {doubling}"; "flat". A halving or doubling time longer than the data spans
 * would state what the data never showed ("doubles every 77 years" from 24 years): then
 * "{change} a {period}" ("+0.9% a year", "−3.1% a month"). A template has {factor} (the
 * multiple per period: "10", "3.3", "1.2 million"; a template's "{factor}x" then reads "1.2
 * million times"), {change} (the change per period in percent, with its sign), {period},
 * {halving} and {doubling} (csvchart_trend_duration() of the time for a factor of two); other
 * text is kept. A template that states a direction the data does not take is
 * refused: {halving} on a series that rises or is flat, {doubling} on one that falls or is
 * flat (CSVCHART_ERROR_VALUE, naming `series`). Writes at most n - 1 bytes and a NUL.
 */
csvchart_status csvchart_trend_text(const struct trend_rate *r, const char *tmpl,
                                    const char *series, char *buf, size_t n, csvchart_error *err);
/* The same with a locale's numbers ("5,2", "−57 %") and its word for "times" after a factor in
 * words ("1,2 Millionen Mal"; words.h). loc NULL: as csvchart_trend_text(). In a language with
 * words for rates (de, fr, es, it, nl, pt) "auto" writes them ("halbiert sich alle 7 Monate",
 * "steigt pro Jahr um den Faktor 10", "+0,9 % pro Jahr") and a template's {period} is the
 * locale's ("Jahr"), {halving} and {doubling} too ("7 Monate"). */
csvchart_status csvchart_trend_text_in(const struct csvchart_locale *loc,
                                       const struct trend_rate *r, const char *tmpl,
                                       const char *series, char *buf, size_t n,
                                       csvchart_error *err);

#endif
