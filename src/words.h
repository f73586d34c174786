/*
 * words.h - the words csvchart itself writes into a figure, in the figure's language (words.c).
 *
 * A chart holds a few phrases the data does not: the number words of a ratio ("48 million
 * times"), the notes under a log chart ("Log scale; bars start at $0.1."), "Today" on a
 * timeline, "Net" before a stack's total, " and 56 more" after a cluster's names. With
 * `locale` set they are written in its language - German, French, Spanish, Italian,
 * Portuguese (Brazil's and Portugal's number words) and Dutch - with that language's grammar
 * and typography ("48 Millionen Mal", "48 millions de fois", "Échelle logarithmique ;" with a
 * narrow no-break space); in any other language, and without a locale, in English, exactly as
 * before. The phrases are a hand-typed table (glibc holds none of them), like the CLDR short
 * forms of locale_data.c's number_scale(); error messages and the SVG's text alternative stay
 * English.
 *
 * Placeholders in a phrase: "{v}" a value already written ("$0.1", "0,1 $"), "{n}" a count.
 * Fill them with csvchart_words_fill().
 */
#ifndef CSVCHART_WORDS_H
#define CSVCHART_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "locale_data.h"

/* The units of time of a trend's rate (trend_fit.h), longest first. */
enum words_unit_kind {
    WORDS_YEAR,
    WORDS_MONTH,
    WORDS_WEEK,
    WORDS_DAY,
    WORDS_HOUR,
    WORDS_MINUTE,
    WORDS_NUNITS
};

struct words_unit {
    const char *one, *many; /* "Monat", "Monate" */
    const char *per;        /* a rate per one: "pro Monat", "par mois", "al mes" */
    const char *every_one;  /* "jeden Monat", "tous les mois" */
    const char *every_many; /* "alle {n} Monate", "tous les {n} mois" */
};

/* A trend's automatic label (trend_label = auto), with {factor}, {change}, {per} (the rate's
 * unit, words_unit.per) and {every} (the time for a factor of two, words_unit.every_*). */
enum words_trend {
    TREND_RISES,
    TREND_FALLS,
    TREND_CHANGE,
    TREND_HALVES,
    TREND_DOUBLES,
    TREND_FLAT,
    TREND_NPHRASES
};

struct words {
    const char *lang; /* "en", "de", ... ("pt_PT" before "pt": a territory's own words) */
    /* The number words of 10^6, 10^9, 10^12 after a number, with the space before them: for
     * one ("1 Million") and for more ("1,2 Millionen"). */
    const char *big_one[3], *big_other[3];
    bool one_below_two; /* "one" is any number under 2 (fr, pt: "1,5 million"), not only 1 */
    /* "times" after a ratio in number words ("48 millions de fois") and after one written as
     * a power of ten ("1,2 × 10¹⁵ fois") */
    const char *times_word, *times_number;
    const char *log_scale;     /* "Log scale." */
    const char *log_start[2];  /* "Log scale; bars start at {v}." [0] bars, [1] stems */
    const char *log_lowest[2]; /* "... start at the lowest gridline of each panel." */
    const char *own_scale;     /* "Each panel has its own scale." */
    const char *fit_note[2];   /* the dashed trend line(s): [0] one, [1] several */
    const char *today;         /* "Today" */
    const char *net;           /* before a stack's net total, with its space: "Net " */
    const char
        *and_more;       /* after a cluster's names: " and {n} more", the count bound to its word */
    const char *cluster; /* a cluster's heading, its dates {v} and count: "{v}: {n} events" */
    const char *others[2];   /* the legend's other series: [0] one, [1] several: "{n} other
                                series" */
    const char *dated_to[3]; /* the timeline's band legend: the date given to the month or
                                year, to the month, to the year */
    const char *source;      /* before the source line: "Source: " */
    const char *other;       /* a timeline's group of events with a blank group: "Other" */
    const char *no_data;     /* a grouped bar's missing value: "n/a" */
    const char *no_data_for; /* the note of categories left out: "No data for {v}." */
    /* A trend's rate in words; NULL in English, which trend_fit.c writes itself ("halves
     * every 7 months"). */
    struct words_unit units[WORDS_NUNITS];
    const char *trend[TREND_NPHRASES];
};

/* The words of loc's language (English for NULL and for a language without a table). Borrowed:
 * a static table, never NULL. */
const struct words *csvchart_words_get(const struct csvchart_locale *loc);

/*
 * Writes `phrase` into buf (n >= 1 bytes, always terminated, cut at a code point boundary)
 * with each "{v}" replaced by v and each "{n}" by count. Returns the length written.
 */
size_t csvchart_words_fill(const char *phrase, const char *v, size_t count, char *buf, size_t n);

#endif
