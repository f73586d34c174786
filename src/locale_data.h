/*
 * locale_data.h - a language's conventions for the numbers and dates a reader sees, and for the
 * month names a file may hold (locale_data.c).
 *
 * The `locale` option (de, de_DE, de-DE, fr, pt_BR, sv ...) names a glibc locale; its data is
 * read once, when the option is bound, through newlocale() and nl_langinfo_l() - never
 * setlocale(), so no process-wide state changes and figures in other threads are not
 * affected - and copied into a struct csvchart_locale, which the rest of the pipeline reads
 * like any other value. Nothing here is a hand-typed table: the decimal mark, the thousands
 * separator and its grouping come from LC_NUMERIC (the separator from LC_MONETARY when
 * LC_NUMERIC has none, as pt_PT), the currency sign and its place from LC_MONETARY
 * (currency_symbol, p_cs_precedes, p_sep_by_space), the month names from LC_TIME (mon, abmon,
 * and alt_mon, ab_alt_mon for a month standing alone: Polish "stycznia" in a date, "styczeń"
 * over a tick), and the order of day, month and year, with what separates them, from LC_TIME's
 * date format (date_fmt: German "%a %-d. %b ..." gives "15. Jan 2026", French "15 janv. 2026").
 *
 * Without the option (the default) no locale is loaded and every label is written as before:
 * the struct is NULL, and a NULL locale means the built-in English conventions everywhere.
 */
#ifndef CSVCHART_LOCALE_DATA_H
#define CSVCHART_LOCALE_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "csvchart.h"

#define LOCALE_NAME_LEN 64
#define LOCALE_MONTH_LEN 48

/* What a date label is made of, in the locale's order (from its date format). */
enum date_part { DATE_PART_DAY, DATE_PART_MONTH, DATE_PART_YEAR };

struct csvchart_locale {
    char name[LOCALE_NAME_LEN]; /* the glibc locale read: "de_DE.UTF-8" */
    char decimal[8];            /* the decimal mark: "," */
    char group[8];              /* the thousands separator: ".", U+202F ("" for none) */
    unsigned char grouping[8];  /* digits per group from the right, 0-terminated; the last
                                   repeats (glibc's GROUPING: 3 = thousands) */
    char currency[16];          /* the local currency sign: "€", "zł" ("" for none) */
    bool cs_precedes;           /* the sign before the number ("$5") or after it ("5 €") */
    bool cs_space;              /* a space between sign and number */
    char percent_space[4]; /* before "%": U+202F (fr), U+00A0 (de, es, ...), "" (en, it, ...) */
    char scale[5][24];     /* after a number shown in 10^(3k), k = 1..4 ([0] is ""): the
                              language's short forms ("K" "M" "B" "T" in English, "\u00a0k"
                              "\u00a0M" "\u00a0Md" "\u00a0Bn" in French) */
    char mon[12][LOCALE_MONTH_LEN];      /* month names in a date: "janvier", "stycznia" */
    char abmon[12][LOCALE_MONTH_LEN];    /* abbreviated: "janv.", "Jan" */
    char altmon[12][LOCALE_MONTH_LEN];   /* standing alone: "styczeń" (= mon where the
                                            language has one form) */
    char abaltmon[12][LOCALE_MONTH_LEN]; /* abbreviated, alone */
    /* A date with a day, month and year: parts[0..nparts) in order, month as a name (or as a
     * number when numeric_month), after[k] the text that follows part k ("." after the day in
     * German; " " elsewhere; after the last part usually ""). */
    enum date_part parts[3];
    size_t nparts;
    char after[3][16];
    bool numeric_month; /* the date format writes the month as a number (ja "%m月") */
};

/*
 * Finds and reads the locale `name`: a language (de; its own territory first, de_DE, then the
 * one glibc's locale.alias gives it, as sv -> sv_SE), a language and territory (de_DE, de-DE,
 * pt_BR), with an optional ".UTF-8" and "@modifier". Only UTF-8 locales are read (labels are
 * UTF-8). On success *out is a new locale (free with csvchart_locale_free()). Errors
 * (CSVCHART_ERROR_VALUE, message starting "locale: "): a malformed name, a locale glibc has
 * no data for (the message says which names were tried and that the package locales-all
 * provides them), NOMEM.
 */
csvchart_status csvchart_locale_load(const char *name, struct csvchart_locale **out,
                                     csvchart_error *err);
void csvchart_locale_free(struct csvchart_locale *loc);

/*
 * Writes a calendar date in the locale's manner: the parts wanted (day, month, year; a month
 * without a day takes its standalone name) in the locale's order with its separators; `abbrev`
 * selects the abbreviated month names. Always NUL-terminates (n >= 1). With day 0 the day is
 * left out, with year 0 the year.
 */
void csvchart_locale_date(const struct csvchart_locale *loc, int day, int month, int year,
                          bool abbrev, char *buf, size_t n);

/*
 * Reads a month name of the locale at s (any of its four forms, compared case-insensitively in
 * ASCII and exactly otherwise; a trailing "." of an abbreviation optional): the month (1..12)
 * and the bytes taken, or 0 when none matches. The longest name that matches wins.
 */
int csvchart_locale_month(const struct csvchart_locale *loc, const char *s, size_t len,
                          size_t *used);

#endif
