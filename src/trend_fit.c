/*
 * trend_fit.c - least squares on the logarithm of a dated series, and the rate it gives in
 * words (see trend_fit.h for the method). Used by the trend binding (trend_data.c), which
 * fits each series, and its layout (layout_trend.c), which writes the rate on the chart.
 */
#include "trend_fit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "words.h"

bool csvchart_trend_fit(const double *t, const double *v, size_t n, struct trend_fit *out)
{
    if (n < 2) {
        return false;
    }
    /* On centred values: the means first, then the sums of products. */
    double tm = 0, ym = 0;
    for (size_t i = 0; i < n; i++) {
        tm += t[i];
        ym += log10(v[i]);
    }
    tm /= (double)n;
    ym /= (double)n;
    double sxx = 0, sxy = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        double dt = t[i] - tm, dy = log10(v[i]) - ym;
        sxx += dt * dt;
        sxy += dt * dy;
        syy += dy * dy;
    }
    if (!(sxx > 0)) {
        return false; /* every point at one time: no line */
    }
    double b = sxy / sxx;
    /* The residuals' sum of squares, in a third pass: syy - b sxy would cancel digits. */
    double ssr = 0;
    for (size_t i = 0; i < n; i++) {
        double e = (log10(v[i]) - ym) - b * (t[i] - tm);
        ssr += e * e;
    }
    *out = (struct trend_fit){
        .n = n,
        .slope = b,
        .intercept = ym - b * tm,
        .t_mean = tm,
        .se_slope = n > 2 ? sqrt(ssr / (double)(n - 2) / sxx) : 0,
        .r2 = syy > 0 ? 1 - ssr / syy : 1,
    };
    return true;
}

double csvchart_trend_fit_at(const struct trend_fit *f, double t)
{
    /* a + b t around the mean time, where a and b t would cancel digits */
    double ym = f->intercept + f->slope * f->t_mean;
    return pow(10, ym + f->slope * (t - f->t_mean));
}

void csvchart_trend_rate(const struct trend_fit *f, double span_days, struct trend_rate *out)
{
    static const struct {
        const char *name;
        double days;
    } periods[] = {
        {"year", 365.25}, {"month", 30.4375}, {"week", 7}, {"day", 1}, {"hour", 1.0 / 24}};
    size_t k = 0;
    while (k + 1 < sizeof periods / sizeof periods[0] && span_days < periods[k].days) {
        k++;
    }
    double b = fabs(f->slope);
    *out = (struct trend_rate){
        .direction = f->slope < 0   ? -1
                     : f->slope > 0 ? 1
                                    : 0,
        .factor = pow(10, b * periods[k].days),
        .period = periods[k].name,
        .period_days = periods[k].days,
        .double_days = b > 0 ? log10(2) / b : INFINITY,
        .span_days = fmax(span_days, 0),
    };
    /* A change under 1% over all the data is no trend a reader could see. */
    if (pow(10, b * fmax(span_days, 0)) < 1.01) {
        out->direction = 0;
    }
}

/* The units of a duration, as words.h's enum words_unit_kind orders them. */
static const struct {
    const char *one, *many;
    double days;
} units[] = {{"year", "years", 365.25},   {"month", "months", 30.4375},
             {"week", "weeks", 7},        {"day", "days", 1},
             {"hour", "hours", 1.0 / 24}, {"minute", "minutes", 1.0 / 1440}};

size_t csvchart_trend_duration(double days, char *buf, size_t n)
{
    return csvchart_trend_duration_in(NULL, days, false, buf, n);
}

size_t csvchart_trend_duration_in(const struct csvchart_locale *loc, double days, bool every,
                                  char *buf, size_t n)
{
    size_t k = 0, last = sizeof units / sizeof units[0] - 1;
    while (k < last && days < 2 * units[k].days) {
        k++;
    }
    double v = days / units[k].days;
    /* two significant figures: one decimal below 10, whole numbers from 10 */
    char num[64];
    if (!isfinite(v)) {
        snprintf(num, sizeof num, "%s", "?");
    } else if (v < 9.95) {
        snprintf(num, sizeof num, "%.1f", v);
        size_t len = strlen(num);
        if (len > 2 && strcmp(num + len - 2, ".0") == 0) {
            num[len - 2] = '\0';
        }
    } else {
        double r = v < 100 ? round(v)
                           : round(v / pow(10, floor(log10(v)) - 1)) * pow(10, floor(log10(v)) - 1);
        snprintf(num, sizeof num, "%.0f", r);
    }
    const struct words *words = csvchart_words_get(loc);
    if (words->units[k].one) { /* the locale's words: "7 Monate", "alle 3,4 Monate" */
        char *dot = strchr(num, '.');
        char local[80];
        snprintf(local, sizeof local, "%.*s%s%s", dot ? (int)(dot - num) : (int)strlen(num), num,
                 dot ? loc->decimal : "", dot ? dot + 1 : "");
        const struct words_unit *u = &words->units[k];
        bool one = strcmp(num, "1") == 0;
        char plain[96];
        snprintf(plain, sizeof plain, "%s\xc2\xa0%s", local, u->many);
        const char *phrase = every ? (one ? u->every_one : u->every_many) : one ? u->one : plain;
        return n ? csvchart_words_fill(phrase, local, 0, buf, n) : 0;
    }
    int w;
    if (strcmp(num, "1") == 0) {
        w = snprintf(buf, n, "%s", units[k].one);
    } else {
        w = snprintf(buf, n, "%s\xc2\xa0%s", num, units[k].many); /* no break: "7 months" */
    }
    if (w < 0 || !n) {
        return 0;
    }
    if ((size_t)w >= n) { /* cut short: on a whole character (the no-break space is two bytes) */
        size_t len = n - 1;
        if (len > 0 && (unsigned char)buf[len - 1] >= 0xC0) {
            buf[--len] = '\0'; /* the output is ASCII but for U+00A0: a lead byte alone */
        }
        return len;
    }
    return (size_t)w;
}

/* Appends `s` to buf at *used (at most n - 1 bytes in all). What does not fit is cut on a
 * whole character (the text is UTF-8: a template's "€", the no-break space of a duration),
 * and nothing is appended after a cut, so the text is a prefix of the whole. */
static void append(char *buf, size_t n, size_t *used, const char *s, size_t len)
{
    if (*used + 1 >= n) {
        return;
    }
    size_t room = n - 1 - *used;
    bool cut = len > room;
    if (cut) {
        len = room;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) {
            len--; /* s[len], the first byte left out, continues a character */
        }
    }
    memcpy(buf + *used, s, len);
    buf[*used + len] = '\0';
    *used = cut ? n - 1 : *used + len; /* full after a cut */
}

csvchart_status csvchart_trend_text(const struct trend_rate *r, const char *tmpl,
                                    const char *series, char *buf, size_t n, csvchart_error *err)
{
    return csvchart_trend_text_in(NULL, r, tmpl, series, buf, n, err);
}

csvchart_status csvchart_trend_text_in(const struct csvchart_locale *loc,
                                       const struct trend_rate *r, const char *tmpl,
                                       const char *series, char *buf, size_t n, csvchart_error *err)
{
    if (n) {
        buf[0] = '\0';
    }
    char factor[96], factor_times[128], halving[64], change[64];
    bool words;
    csvchart_format_ratio_in(loc, r->factor, factor, sizeof factor, &words);
    csvchart_format_ratio_times_in(loc, r->factor, factor_times, sizeof factor_times, &words);
    /* In a language of words.h the rate's words are its own ("halbiert sich alle 7 Monate");
     * English keeps the words below. */
    const struct words *w = csvchart_words_get(loc);
    bool local = w->trend[0] != NULL;
    size_t unit = 0; // the period's, in units[] (and enum words_unit_kind)
    while (unit + 1 < sizeof units / sizeof units[0] && strcmp(units[unit].one, r->period) != 0) {
        unit++;
    }
    char every[96];
    csvchart_trend_duration_in(loc, r->double_days, false, halving, sizeof halving);
    csvchart_trend_duration_in(loc, r->double_days, true, every, sizeof every);
    double f = r->direction < 0 ? 1 / r->factor : r->factor;
    csvchart_format_change_in(loc, r->direction == 0 ? 0 : (f - 1) * 100, change, sizeof change);
    if (strcmp(tmpl, "auto") == 0) {
        /* "10" or more per period reads best as a multiple; less as a halving time, unless
         * that is longer than the data spans: then the change per period */
        bool multiple = r->factor >= 9.95, beyond = r->double_days > r->span_days;
        enum words_trend phrase = r->direction == 0 ? TREND_FLAT
                                  : multiple        ? (r->direction < 0 ? TREND_FALLS : TREND_RISES)
                                  : beyond          ? TREND_CHANGE
                                  : r->direction < 0 ? TREND_HALVES
                                                     : TREND_DOUBLES;
        tmpl = local               ? w->trend[phrase]
               : r->direction == 0 ? "flat"
               : multiple          ? (r->direction < 0 ? "falls {factor}x per {period}"
                                                       : "rises {factor}x per {period}")
               : beyond ? (r->period[0] == 'h' ? "{change} an {period}" : "{change} a {period}")
               : r->direction < 0 ? "halves every {halving}"
                                  : "doubles every {doubling}";
    }
    size_t used = 0;
    for (const char *p = tmpl; *p;) {
        if (local && strncmp(p, "{per}", 5) == 0) { /* the locale's auto template only */
            append(buf, n, &used, w->units[unit].per, strlen(w->units[unit].per));
            p += 5;
        } else if (local && strncmp(p, "{every}", 7) == 0) {
            append(buf, n, &used, every, strlen(every));
            p += 7;
        } else if (local && strncmp(p, "{period}", 8) == 0) {
            append(buf, n, &used, w->units[unit].one, strlen(w->units[unit].one));
            p += 8;
        } else if (strncmp(p, "{factor}", 8) == 0) {
            p += 8;
            if (words && *p == 'x') { /* "1.2 million times", as ratio_label */
                append(buf, n, &used, factor_times, strlen(factor_times));
                p++;
            } else {
                append(buf, n, &used, factor, strlen(factor));
            }
        } else if (strncmp(p, "{change}", 8) == 0) {
            append(buf, n, &used, change, strlen(change));
            p += 8;
        } else if (strncmp(p, "{period}", 8) == 0) {
            append(buf, n, &used, r->period, strlen(r->period));
            p += 8;
        } else if (strncmp(p, "{halving}", 9) == 0 || strncmp(p, "{doubling}", 10) == 0) {
            bool halving_word = p[1] == 'h';
            int want = halving_word ? -1 : 1;
            if (r->direction != want) {
                const char *state = r->direction < 0   ? "falls"
                                    : r->direction > 0 ? "rises"
                                                       : "is flat";
                return csvchart_error_set(
                    err, CSVCHART_ERROR_VALUE, NULL, 0, 0,
                    "trend_label: {%s} does not fit \"%s\", which %s; use {%s}, or trend_label = "
                    "auto",
                    halving_word ? "halving" : "doubling", series, state,
                    r->direction == 0 ? "factor"
                    : halving_word    ? "doubling"
                                      : "halving");
            }
            append(buf, n, &used, halving, strlen(halving));
            p += halving_word ? 9 : 10;
        } else { /* the text up to the next placeholder, so a cut falls on a whole character */
            size_t lit = 1 + strcspn(p + 1, "{");
            append(buf, n, &used, p, lit);
            p += lit;
        }
    }
    return CSVCHART_OK;
}
